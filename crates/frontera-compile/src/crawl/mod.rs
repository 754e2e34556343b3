//! Crawl files for the site root: `sitemap.xml` (an index over `sitemap-N.xml` for large
//! sites), `robots.txt` naming it, and the Atom feed `atom.xml`. Every absolute URL comes from
//! `site_url` joined with a [`Route`] path, so the route grammar lives in `frontera-wire` only.

pub mod atom;
pub mod sitemap;
pub(crate) mod xml;

use std::{collections::BTreeMap, time::Instant};

use frontera_wire::layout::Route;

use crate::{
    config::SiteConfig, date::PostDate, diag::Error, paginate::page_count, post::Post, site::Sink,
    Content,
};

pub use sitemap::Limits;

/// The robots file's name.
pub const ROBOTS: &str = "robots.txt";

/// What the crawl files hold.
#[derive(Clone, Debug, Default)]
pub struct CrawlStats {
    /// URLs in the sitemap.
    pub urls: usize,
    /// Files written: the sitemap files, robots.txt and the feed.
    pub files: usize,
    /// The `<urlset>` files: 1, or the number of children of the index.
    pub sitemaps: usize,
    pub bytes: u64,
    /// Time spent building and writing them.
    pub seconds: f64,
}

/// When a post last changed: `date_modified` where an item carries one, else its date.
pub fn updated(post: &Post) -> PostDate {
    post.item
        .date_modified
        .as_deref()
        .and_then(|d| PostDate::parse(d).ok())
        .unwrap_or(post.date)
}

/// Every page of the site, each with its last change where known (posts and standing pages): the
/// home list's pages, the posts in the global order, the archive, each month's pages (newest
/// month first), each label's pages (by slug) and the standing pages in their order. The posts
/// must be in the global order; the lists are paginated like [`crate::site::write_site`]
/// paginates them.
pub fn routes(content: &Content, page_size: u32) -> Vec<(Route, Option<PostDate>)> {
    let posts = content.posts.as_slice();
    let mut months: BTreeMap<(i32, u8), usize> = BTreeMap::new();
    let mut labels: BTreeMap<&str, usize> = BTreeMap::new();
    for post in posts {
        *months.entry((post.date.year, post.date.month)).or_default() += 1;
        // A post's label slugs are already distinct (see `FrontMatter::labels`).
        for slug in &post.label_slugs {
            *labels.entry(slug).or_default() += 1;
        }
    }
    let mut out = Vec::new();
    let pages = |n: usize| 1..=page_count(n, page_size);
    out.extend(pages(posts.len()).map(|page| (Route::Home { page }, None)));
    out.extend(posts.iter().map(|p| (p.route(), Some(updated(p)))));
    out.push((Route::Archive, None));
    for (&(year, month), &n) in months.iter().rev() {
        out.extend(pages(n).map(|page| (Route::Month { year, month, page }, None)));
    }
    for (&slug, &n) in &labels {
        out.extend(pages(n).map(|page| {
            let slug = slug.to_string();
            (Route::Label { slug, page }, None)
        }));
    }
    out.extend(content.pages.iter().map(|p| (p.route(), p.updated())));
    out
}

/// The robots file: everything may be crawled; the sitemap is at `sitemap_url`.
pub fn robots(sitemap_url: &str) -> String {
    format!("# Written by frontera-compile.\nUser-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// Builds the crawl files for `content` (posts in the global order) and hands them to `sink`,
/// paths relative to the site root. The Atom feed holds posts only.
pub fn write(
    content: &Content,
    config: &SiteConfig,
    limits: Limits,
    sink: &mut dyn Sink,
) -> Result<CrawlStats, Error> {
    let started = Instant::now();
    let entries: Vec<sitemap::Entry> = routes(content, config.page_size)
        .into_iter()
        .map(|(route, lastmod)| sitemap::Entry {
            loc: config.page_url(&route.path()),
            lastmod,
        })
        .collect();
    let file_url = |name: &str| config.page_url(name);
    let sitemaps = sitemap::build(&entries, &file_url, limits)?;
    let mut stats = CrawlStats {
        urls: entries.len(),
        sitemaps: sitemaps.len().saturating_sub(1).max(1),
        ..CrawlStats::default()
    };
    let robots = robots(&config.page_url(sitemap::SITEMAP));
    let feed = atom::build(&content.posts, config);
    let files = sitemaps
        .iter()
        .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
        .chain([(ROBOTS, robots.as_bytes()), (atom::ATOM, feed.as_slice())]);
    for (name, bytes) in files {
        sink.put(name, bytes)?;
        stats.files += 1;
        stats.bytes += bytes.len() as u64;
    }
    stats.seconds = started.elapsed().as_secs_f64();
    Ok(stats)
}
