//! The Atom feed (RFC 4287) of the newest posts, beside the JSON Feed the app reads.
//!
//! Entries carry the same values as the JSON Feed items: `id` and link are the post's absolute
//! URL, the content is the sanitised HTML of `content_html` (escaped as text, `type="html"`).

use frontera_wire::layout::Route;

use crate::{config::SiteConfig, date::PostDate, post::Post};

use super::{updated, xml::Xml};

/// The Atom namespace.
pub const NS: &str = "http://www.w3.org/2005/Atom";
/// The feed's file name in the site root. `.xml`, not `.atom`: every static server sends it
/// with an XML media type, and feed readers recognise Atom by its root element.
pub const ATOM: &str = "atom.xml";
/// How many of the newest posts the feed carries.
pub const ENTRIES: usize = 20;
/// `<updated>` of a feed without entries: RFC 4287 requires one, and a fixed instant keeps
/// the output a pure function of the input.
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// The feed for `posts` (in the global order, newest first), of which the first `ENTRIES`
/// become entries.
pub fn build(posts: &[Post], config: &SiteConfig) -> Vec<u8> {
    let posts = &posts[..posts.len().min(ENTRIES)];
    let home = config.page_url(&Route::Home { page: 1 }.path());
    let mut x = Xml::new(16 * 1024 + posts.len() * 8 * 1024);
    x.open(
        "feed",
        &[("xmlns", NS), ("xml:lang", &config.default_language)],
    );
    // The home page's URL identifies the feed: it is what the feed is a feed of.
    x.leaf("id", &[], &home);
    x.leaf("title", &[("type", "text")], &config.title);
    if let Some(tagline) = config.tagline.as_deref().filter(|t| !t.is_empty()) {
        x.leaf("subtitle", &[("type", "text")], tagline);
    }
    let newest = posts.iter().map(updated).max_by_key(PostDate::instant);
    x.leaf(
        "updated",
        &[],
        &newest.map_or_else(|| EPOCH.to_string(), |d| d.to_string()),
    );
    let own_url = config.page_url(ATOM);
    let json_feed = config.data_url(&Route::Home { page: 1 }.data_doc());
    x.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &own_url),
        ],
    );
    x.empty(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &home)],
    );
    x.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "application/feed+json"),
            ("href", &json_feed),
        ],
    );
    // Entries without a byline inherit the feed's author (RFC 4287 §4.1.1 wants one).
    x.open("author", &[]);
    x.leaf("name", &[], &config.title);
    x.close("author");
    x.leaf("generator", &[], "Frontera");
    for post in posts {
        entry(&mut x, post, config);
    }
    x.close("feed");
    x.finish()
}

fn entry(x: &mut Xml, post: &Post, config: &SiteConfig) {
    let item = &post.item;
    let url = item
        .url
        .clone()
        .unwrap_or_else(|| config.page_url(&post.route().path()));
    match item.language.as_deref() {
        Some(lang) => x.open("entry", &[("xml:lang", lang)]),
        None => x.open("entry", &[]),
    }
    x.leaf("id", &[], &item.id);
    x.leaf(
        "title",
        &[("type", "text")],
        item.title.as_deref().unwrap_or_default(),
    );
    x.empty(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &url)],
    );
    x.leaf("published", &[], &post.date.to_string());
    x.leaf("updated", &[], &updated(post).to_string());
    if let Some(byline) = post.ext().byline.as_deref() {
        x.open("author", &[]);
        x.leaf("name", &[], byline);
        x.close("author");
    }
    for (name, slug) in item.tags.iter().zip(&post.label_slugs) {
        x.empty("category", &[("term", slug), ("label", name)]);
    }
    if let Some(summary) = item.summary.as_deref().filter(|s| !s.is_empty()) {
        x.leaf("summary", &[("type", "text")], summary);
    }
    if let Some(html) = item.content_html.as_deref() {
        // Relative pictures and links in a body (`images/map.png`) are relative to the post's
        // page, as in the app; a feed reader resolves them against `xml:base` (RFC 4287 §2),
        // else against the feed's own address, where they do not exist.
        x.leaf("content", &[("type", "html"), ("xml:base", &url)], html);
    }
    x.close("entry");
}
