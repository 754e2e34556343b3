//! View models: what the views need, derived from any JSON Feed item, with or without
//! Frontera's extension. Normalising here keeps every "is this field there?" out of the views.

use frontera_wire::layout::Route;
use frontera_wire::slug::{label_slug, slugify};
use frontera_wire::{Feed, Item, PostRef};

use super::dates::PostDate;
use super::partial::{content_base, usable_item};
use super::text::decode_entities;

/// A post ready to render. Body HTML is still untrusted: it reaches the DOM only through the
/// sanitising `SafeHtml` component.
#[derive(Clone, Debug, PartialEq)]
pub struct Post {
    /// Stable key for lists.
    pub id: String,
    pub title: Option<String>,
    /// The post's route in this app.
    pub path: String,
    pub slug: String,
    pub body: Body,
    pub summary: Option<String>,
    pub date: Option<PostDate>,
    /// Raw `date_published`, for `<time datetime>`.
    pub date_raw: Option<String>,
    /// When the post was changed after it was published (`date_modified`), with the raw value
    /// for `<time datetime>`: a correction says so. `None` when not later than `date`.
    pub updated: Option<(PostDate, String)>,
    pub byline: Option<String>,
    pub source: Option<Source>,
    pub labels: Vec<Label>,
    pub language: Option<String>,
    /// The original page of a post from another site.
    pub external_url: Option<String>,
    pub words: u32,
    pub newer: Option<PostRef>,
    pub older: Option<PostRef>,
    /// Posts that share this one's labels, chosen by the compiler (only this blog's post routes).
    pub related: Vec<PostRef>,
    /// The absolute URL relative links in `body` resolve against (`partial::content_base`).
    pub base: Option<String>,
    /// `body` is only the post's opening (a list's copy of a post with a "read more" break).
    pub more: bool,
}

/// A post body: HTML (to be sanitised) or plain text (shown as text, never parsed as HTML).
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Html(String),
    Text(String),
    Empty,
}

/// A "Source: …" attribution; `url` is kept only when it is http(s).
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
}

/// A label; `slug` is `None` where there is no label page to link to.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub name: String,
    pub slug: Option<String>,
}

/// One page of a list of posts.
#[derive(Clone, Debug, PartialEq)]
pub struct PostPage {
    pub posts: Vec<Post>,
    pub page: u32,
    pub total_pages: Option<u32>,
    /// The feed's own `next_url`, resolved, when there is an older page.
    pub next_url: Option<String>,
    /// Items of the document left out because they had nothing to show
    /// (`partial::usable_item`), for the developer: the rest of the page still renders.
    pub skipped: u32,
}

impl PostPage {
    pub fn has_older(&self) -> bool {
        match self.total_pages {
            Some(total) => self.page < total,
            None => self.next_url.is_some(),
        }
    }

    pub fn has_newer(&self) -> bool {
        self.page > 1
    }
}

/// Only http(s) URLs become links; anything else (`javascript:`, `data:`, relative junk) is
/// dropped rather than rendered.
pub fn safe_http_url(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| u.to_string())
}

/// Derives a slug from a third-party item: the last path segment of its `url` (or `id` when that
/// is a URL), without a file extension; else its title; else a hash of its id.
pub fn derive_slug(item: &Item) -> String {
    let from_url = |u: &str| {
        let (before_query, query) = u.split_once('?').unwrap_or((u, ""));
        let before_query = before_query.split('#').next().unwrap_or("");
        // The path after the host, so `https://ex.org/?p=1` does not yield the host name.
        let path = match before_query.split_once("://") {
            Some((_, rest)) => rest.split_once('/').map_or("", |(_, p)| p),
            None => before_query,
        };
        let seg = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let seg = seg
            .rsplit_once('.')
            .map_or(seg, |(stem, ext)| if ext.len() <= 5 { stem } else { seg });
        // `index` says nothing about the post; a query-string id (`?p=18415`) says more.
        if seg.is_empty() || seg == "index" {
            slugify(query.split('#').next().unwrap_or(""))
        } else {
            slugify(seg)
        }
    };
    let candidates = [
        item.url
            .as_deref()
            .and_then(safe_http_url)
            .as_deref()
            .map(from_url),
        Some(from_url(&item.id)),
        item.title.as_deref().map(slugify),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| format!("post-{:08x}", fnv1a(item.id.as_bytes())))
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// Normalises a feed item. `own_labels` says whether label pages exist (Frontera data).
pub fn post_from_item(item: Item, own_labels: bool) -> Post {
    let base = content_base(item.url.as_deref(), [None, None]);
    let date = item.date_published.as_deref().and_then(PostDate::parse);
    let updated = item.date_modified.as_deref().and_then(|raw| {
        let d = PostDate::parse(raw)?;
        date.is_some_and(|p| d.is_after(&p))
            .then(|| (d, raw.to_string()))
    });
    let ext = item.ext.clone();
    let slug = ext
        .as_ref()
        .and_then(|e| frontera_wire::layout::slug_part(&e.slug))
        .unwrap_or_else(|| derive_slug(&item));
    let path = ext
        .as_ref()
        .map(|e| e.path.clone())
        // Only a post's route: "" or "/archive" would parse too, and link nowhere useful.
        .filter(|p| matches!(Route::parse(p), Some(Route::Post { .. })))
        .unwrap_or_else(|| {
            let (year, month) = date.map_or((0, 1), |d| (d.year(), d.month()));
            Route::Post {
                year,
                month,
                slug: slug.clone(),
            }
            .path()
        });
    let body = match (non_empty(item.content_html), non_empty(item.content_text)) {
        (Some(html), _) => Body::Html(html),
        (None, Some(text)) => Body::Text(decode_entities(&text)),
        (None, None) => Body::Empty,
    };
    let author_name = item
        .authors
        .iter()
        .chain(item.author.iter())
        .find_map(|a| text_field(a.name.clone()));
    let byline = ext.as_ref().and_then(|e| e.byline.clone()).or(author_name);
    let source = ext.as_ref().and_then(|e| e.source.clone()).and_then(|s| {
        let name = non_empty(Some(s.name))?;
        Some(Source {
            name,
            url: s.url.as_deref().and_then(safe_http_url),
        })
    });
    let labels = item
        .tags
        .into_iter()
        .filter_map(|t| text_field(Some(t)))
        .map(|name| {
            let slug = own_labels
                .then(|| label_slug(&name))
                .filter(|s| !s.is_empty());
            Label { name, slug }
        })
        .collect();
    let external_url = if ext.is_none() {
        item.url
            .as_deref()
            .or(item.external_url.as_deref())
            .and_then(safe_http_url)
    } else {
        None
    };
    Post {
        id: if item.id.is_empty() {
            path.clone()
        } else {
            item.id
        },
        title: text_field(item.title),
        path,
        slug,
        body,
        summary: text_field(item.summary),
        date,
        date_raw: item.date_published,
        updated,
        byline,
        source,
        labels,
        language: non_empty(item.language),
        external_url,
        words: ext.as_ref().map_or(0, |e| e.words),
        more: ext.as_ref().is_some_and(|e| e.more),
        newer: ext
            .as_ref()
            .and_then(|e| e.newer.clone())
            .and_then(post_ref),
        older: ext
            .as_ref()
            .and_then(|e| e.older.clone())
            .and_then(post_ref),
        related: ext
            .map(|e| e.related.into_iter().filter_map(post_ref).collect())
            .unwrap_or_default(),
        base,
    }
}

/// A neighbour link is kept only when its path is one of this blog's post routes (written in
/// canonical form): a feed cannot turn "Newer post" into a link to another site or a script URL.
fn post_ref(r: PostRef) -> Option<PostRef> {
    match Route::parse(&r.path) {
        Some(route @ Route::Post { .. }) if route.path() == r.path => Some(r),
        _ => None,
    }
}

/// Normalises one page of a feed. `page` is the page this document was fetched as. Items with
/// nothing to show are left out and counted (`skipped`); relative links in the others resolve
/// against the item's URL, else the feed's.
pub fn page_from_feed(feed: Feed, page: u32, next_url: Option<String>) -> PostPage {
    let own = feed.ext.is_some();
    let total_pages = feed.ext.as_ref().map(|e| e.total_pages.max(page));
    let in_document = feed.items.len();
    let feed_urls = [feed.home_page_url.as_deref(), feed.feed_url.as_deref()];
    let posts: Vec<Post> = feed
        .items
        .into_iter()
        .filter(usable_item)
        .map(|item| {
            let base = content_base(item.url.as_deref(), feed_urls);
            Post {
                base,
                ..post_from_item(item, own)
            }
        })
        .collect();
    PostPage {
        skipped: u32::try_from(in_document - posts.len()).unwrap_or(u32::MAX),
        posts,
        page,
        total_pages,
        next_url,
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// A plain-text field: entities decoded once, blank (also once decoded: `&nbsp;`) treated as
/// absent.
fn text_field(s: Option<String>) -> Option<String> {
    non_empty(s.map(|s| decode_entities(&s)))
}

#[cfg(test)]
mod tests;
