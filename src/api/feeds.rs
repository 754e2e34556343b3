//! Typed loaders for everything the pages show.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

use futures::future::{FutureExt, LocalBoxFuture, Shared};

use frontera_wire::layout::{resolve, Route};
use frontera_wire::{ArchiveIndex, Feed, Item, LabelIndex, PageIndex};

use super::{get_json, ApiError};
use crate::model::archive::{archive_years, label_entries, LabelEntry, YearEntry};
use crate::model::config::Config;
use crate::model::pages::{page_links, PageLink};
use crate::model::post::{page_from_feed, post_from_item, Post, PostPage};

/// Where the app's own files are: `config.json` beside `index.html` (resolved against `<base>`).
pub const CONFIG_URL: &str = "config.json";

/// How many pages of a plain JSON Feed we follow to find a post or a deep page.
const MAX_FOREIGN_PAGES: u32 = 50;

/// Loads the site configuration.
pub async fn fetch_config() -> Result<Config, ApiError> {
    get_json(CONFIG_URL, 12_000).await
}

/// Which list of posts a page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListKind {
    Home,
    Month { year: i32, month: u8 },
    Label { slug: String },
}

impl ListKind {
    /// The app path of page `page` of this list.
    pub fn path(&self, page: u32) -> String {
        self.route(page).path()
    }

    /// The route of page `page` of this list.
    pub fn route(&self, page: u32) -> Route {
        match self.clone() {
            ListKind::Home => Route::Home { page },
            ListKind::Month { year, month } => Route::Month { year, month, page },
            ListKind::Label { slug } => Route::Label { slug, page },
        }
    }
}

/// Loads page `page` (1-based) of a list.
pub async fn fetch_list(cfg: &Config, kind: &ListKind, page: u32) -> Result<PostPage, ApiError> {
    let Some(url) = cfg.data_url(&kind.route(page).data_doc()) else {
        return match kind {
            ListKind::Home => {
                let (feed, url) = foreign_page(cfg, page).await?;
                let next = next_of(&feed, &url);
                shown_page(&url, page_from_feed(feed, page, next))
            }
            // A plain JSON Feed has no month or label lists.
            _ => Err(ApiError::NotFound),
        };
    };
    let feed: Feed = get_json(&url, cfg.request_timeout_ms).await?;
    let next = next_of(&feed, &url);
    let page_data = shown_page(&url, page_from_feed(feed, page, next))?;
    // An empty page beyond the first is a page that does not exist.
    if page > 1 && page_data.posts.is_empty() {
        return Err(ApiError::NotFound);
    }
    Ok(page_data)
}

/// The list page of document `url` as the views get it. Items left out are reported to the
/// developer; a document whose every item had to be left out is damaged data, not an empty
/// list (which would tell the reader there are no posts).
pub fn shown_page(url: &str, page: PostPage) -> Result<PostPage, ApiError> {
    super::note_skipped(url, page.skipped);
    if page.posts.is_empty() && page.skipped > 0 {
        return Err(ApiError::Malformed(format!(
            "none of its {} items can be shown",
            page.skipped
        )));
    }
    Ok(page)
}

/// Loads one post by its route.
pub async fn fetch_post(cfg: &Config, year: i32, month: u8, slug: &str) -> Result<Post, ApiError> {
    let route = Route::Post {
        year,
        month,
        slug: slug.to_string(),
    };
    if let Some(url) = cfg.data_url(&route.data_doc()) {
        let item: Item = get_json(&url, cfg.request_timeout_ms).await?;
        // The post is the one at this route whatever its document claims: its comment thread
        // and links must not follow a wrong `_frontera.path` somewhere else.
        let mut post = post_from_item(item, true);
        post.path = route.path();
        post.slug = slug.to_string();
        return Ok(post);
    }
    // A plain feed has no per-post documents: look through its pages.
    let wanted = route.path();
    for page in 1..=MAX_FOREIGN_PAGES {
        let (feed, url) = foreign_page(cfg, page).await?;
        let next = next_of(&feed, &url);
        let posts = page_from_feed(feed, page, None).posts;
        if let Some(i) = posts.iter().position(|p| p.path == wanted) {
            let mut post = posts[i].clone();
            post.newer = neighbour(&posts, i.checked_sub(1));
            post.older = neighbour(&posts, Some(i + 1));
            return Ok(post);
        }
        if next.is_none() {
            break;
        }
    }
    Err(ApiError::NotFound)
}

fn neighbour(posts: &[Post], i: Option<usize>) -> Option<frontera_wire::PostRef> {
    let p = posts.get(i?)?;
    Some(frontera_wire::PostRef {
        title: p.title.clone().unwrap_or_default(),
        path: p.path.clone(),
        language: p.language.clone(),
    })
}

/// Loads the archive widget's years and months; `Ok(None)` when the feed has no archive.
pub async fn fetch_archive(cfg: &Config) -> Result<Option<Vec<YearEntry>>, ApiError> {
    let Some(url) = cfg.data_url(frontera_wire::layout::ARCHIVE_INDEX) else {
        return Ok(None);
    };
    let timeout = cfg.request_timeout_ms;
    let load = move |url: String| {
        async move {
            Ok(archive_years(
                get_json::<ArchiveIndex>(&url, timeout).await?,
            ))
        }
        .boxed_local()
    };
    once(&ARCHIVE, url, load).await.map(Some)
}

/// Loads the labels widget; `Ok(None)` when the feed has no label index.
pub async fn fetch_labels(cfg: &Config) -> Result<Option<Vec<LabelEntry>>, ApiError> {
    let Some(url) = cfg.data_url(frontera_wire::layout::LABEL_INDEX) else {
        return Ok(None);
    };
    let timeout = cfg.request_timeout_ms;
    let load = move |url: String| {
        async move { Ok(label_entries(get_json::<LabelIndex>(&url, timeout).await?)) }.boxed_local()
    };
    once(&LABELS, url, load).await.map(Some)
}

/// Loads one standing page (`/p/<slug>`). A plain JSON Feed has none.
pub async fn fetch_page(cfg: &Config, slug: &str) -> Result<Post, ApiError> {
    let route = Route::Page {
        slug: slug.to_string(),
    };
    let url = cfg.data_url(&route.data_doc()).ok_or(ApiError::NotFound)?;
    let item: Item = get_json(&url, cfg.request_timeout_ms).await?;
    // As with a post: the page is the one at this route whatever its document claims.
    let mut page = post_from_item(item, true);
    page.path = route.path();
    page.slug = slug.to_string();
    Ok(page)
}

/// Loads the masthead's links to the standing pages; empty for a plain JSON Feed and for data
/// compiled before pages existed (no pages index).
pub async fn fetch_pages(cfg: &Config) -> Result<Vec<PageLink>, ApiError> {
    let Some(url) = cfg.data_url(frontera_wire::layout::PAGE_INDEX) else {
        return Ok(Vec::new());
    };
    let timeout = cfg.request_timeout_ms;
    let load = move |url: String| {
        async move {
            match get_json::<PageIndex>(&url, timeout).await {
                Ok(index) => Ok(page_links(index)),
                Err(ApiError::NotFound) => Ok(Vec::new()),
                Err(e) => Err(e),
            }
        }
        .boxed_local()
    };
    once(&PAGES, url, load).await
}

type Pending<T> = Shared<LocalBoxFuture<'static, Result<T, ApiError>>>;
type OnceCache<T> = RefCell<HashMap<String, Pending<T>>>;

/// Loads `url` once per session and shares the result, also with callers that ask while the
/// request is still in flight (the sidebar and the label page both need the labels index on the
/// same screen: one request, which is the one index.html preloaded). A failure is not kept, so
/// a retry asks again.
async fn once<T: Clone + 'static>(
    cache: &'static LocalKey<OnceCache<T>>,
    url: String,
    load: impl FnOnce(String) -> LocalBoxFuture<'static, Result<T, ApiError>>,
) -> Result<T, ApiError> {
    super::documents::note_read(&url);
    let pending = cache.with(|c| {
        c.borrow_mut()
            .entry(url.clone())
            .or_insert_with(|| load(url.clone()).shared())
            .clone()
    });
    let result = pending.clone().await;
    if result.is_err() {
        cache.with(|c| {
            let mut c = c.borrow_mut();
            if c.get(&url).is_some_and(|p| p.ptr_eq(&pending)) {
                c.remove(&url);
            }
        });
    }
    result
}

/// The feed's `next_url`, resolved against the document it came from; dropped when it points
/// at another origin or back at itself.
fn next_of(feed: &Feed, doc_url: &str) -> Option<String> {
    let next = resolve(doc_url, feed.next_url.as_deref()?.trim());
    let same_origin = origin(&next) == origin(doc_url);
    (same_origin && next != doc_url).then_some(next)
}

fn origin(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let host_end = rest.find('/').unwrap_or(rest.len());
    Some(&url[..scheme.len() + 3 + host_end])
}

thread_local! {
    /// The archive, labels and pages indexes: the sidebar, the masthead and some pages need
    /// them, and they only change when the site is rebuilt.
    static ARCHIVE: OnceCache<Vec<YearEntry>> = RefCell::new(HashMap::new());
    static LABELS: OnceCache<Vec<LabelEntry>> = RefCell::new(HashMap::new());
    static PAGES: OnceCache<Vec<PageLink>> = RefCell::new(HashMap::new());

    /// Page URLs of plain JSON Feeds already discovered by following `next_url`, so page N costs
    /// one request once the chain is known.
    static FOREIGN_PAGES: RefCell<HashMap<String, Vec<String>>> = RefCell::new(HashMap::new());
}

/// Page `page` of a plain JSON Feed, following `next_url` from `feed_url`.
async fn foreign_page(cfg: &Config, page: u32) -> Result<(Feed, String), ApiError> {
    if page == 0 || page > MAX_FOREIGN_PAGES {
        return Err(ApiError::NotFound);
    }
    let known = FOREIGN_PAGES
        .with(|m| m.borrow().get(&cfg.feed_url).cloned())
        .unwrap_or_default();
    let mut chain = if known.is_empty() {
        vec![cfg.feed_url.clone()]
    } else {
        known
    };
    let mut k = (page as usize).min(chain.len());
    loop {
        let url = chain[k - 1].clone();
        let feed: Feed = get_json(&url, cfg.request_timeout_ms).await?;
        if k == page as usize {
            return Ok((feed, url));
        }
        match next_of(&feed, &url) {
            // A loop in next_url ends the list instead of spinning.
            Some(next) if !chain.contains(&next) => {
                if chain.len() == k {
                    chain.push(next);
                    FOREIGN_PAGES
                        .with(|m| m.borrow_mut().insert(cfg.feed_url.clone(), chain.clone()));
                }
                k += 1;
            }
            _ => return Err(ApiError::NotFound),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(next: Option<&str>) -> Feed {
        Feed {
            next_url: next.map(str::to_string),
            ..Feed::default()
        }
    }

    #[test]
    fn next_url_is_resolved_and_checked() {
        assert_eq!(
            next_of(&feed(Some("2.json")), "data/home/1.json").as_deref(),
            Some("data/home/2.json")
        );
        assert_eq!(
            next_of(
                &feed(Some("https://ex.org/feed?page=2")),
                "https://ex.org/feed.json"
            )
            .as_deref(),
            Some("https://ex.org/feed?page=2")
        );
        assert_eq!(
            next_of(
                &feed(Some("https://evil.example/2.json")),
                "https://ex.org/feed.json"
            ),
            None
        );
        assert_eq!(
            next_of(
                &feed(Some("https://evil.example/2.json")),
                "data/home/1.json"
            ),
            None
        );
        assert_eq!(
            next_of(&feed(Some("1.json")), "data/home/1.json"),
            None,
            "self loop"
        );
        assert_eq!(next_of(&feed(None), "data/home/1.json"), None);
    }

    #[test]
    fn list_routes() {
        assert_eq!(ListKind::Home.route(2).data_doc(), "home/2.json");
        assert_eq!(
            ListKind::Label {
                slug: "agua".into()
            }
            .route(1)
            .data_doc(),
            "labels/agua/1.json"
        );
    }
}
