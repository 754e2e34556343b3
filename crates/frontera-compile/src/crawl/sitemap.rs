//! `sitemap.xml` per the sitemaps.org protocol 0.9.
//!
//! While the site fits in one file, `sitemap.xml` is a `<urlset>`. Beyond [`Limits`] it becomes
//! a `<sitemapindex>` naming `sitemap-1.xml`, `sitemap-2.xml`, …, each a `<urlset>` within the
//! limits, so crawlers find every URL from the one well-known name either way.

use crate::{date::PostDate, diag::Error};

use super::xml::Xml;

/// The sitemap namespace.
pub const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// The file crawlers are pointed at (robots.txt names it).
pub const SITEMAP: &str = "sitemap.xml";

/// How much one sitemap file may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// URLs per file.
    pub urls: usize,
    /// Bytes per file, uncompressed.
    pub bytes: usize,
}

impl Limits {
    /// sitemaps.org's limits: 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed per file.
    /// An index may also name at most 50,000 sitemaps.
    pub const PROTOCOL: Limits = Limits {
        urls: 50_000,
        bytes: 52_428_800,
    };
}

/// One URL of the site.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Absolute URL.
    pub loc: String,
    /// When the page last changed, where known (posts).
    pub lastmod: Option<PostDate>,
}

/// The name of the `n`th (1-based) child sitemap of an index.
pub fn child_name(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// Room kept for the closing `</urlset>` when checking a file's size.
const CLOSING: usize = "\n</urlset>\n".len();

/// One `<urlset>` file being filled.
struct Chunk {
    xml: Xml,
    urls: usize,
    newest: Option<PostDate>,
}

impl Chunk {
    fn new() -> Chunk {
        let mut xml = Xml::new(64 * 1024);
        xml.open("urlset", &[("xmlns", NS)]);
        Chunk {
            xml,
            urls: 0,
            newest: None,
        }
    }

    /// Writes `entry`'s `<url>`; counted by [`Chunk::keep`] once it is known to fit.
    fn write(&mut self, entry: &Entry) {
        self.xml.open("url", &[]);
        self.xml.leaf("loc", &[], &entry.loc);
        if let Some(lastmod) = entry.lastmod {
            self.xml.leaf("lastmod", &[], &lastmod.to_string());
        }
        self.xml.close("url");
    }

    fn keep(&mut self, entry: &Entry) {
        self.urls += 1;
        self.newest = newest(self.newest, entry.lastmod);
    }

    /// Whether the URLs written so far, `written` of them, fit in one file.
    fn fits(&self, written: usize, limits: Limits) -> bool {
        written <= limits.urls && self.xml.len() + CLOSING <= limits.bytes
    }

    fn finish(mut self) -> Vec<u8> {
        self.xml.close("urlset");
        self.xml.finish()
    }
}

/// The later of two optional dates, compared as instants (offsets differ between posts).
fn newest(a: Option<PostDate>, b: Option<PostDate>) -> Option<PostDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.instant() > a.instant() { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// Builds the sitemap files as (file name, bytes), [`SITEMAP`] first. `file_url` gives the
/// absolute URL of a file beside `sitemap.xml`, for an index's `<loc>`s.
pub fn build(
    entries: &[Entry],
    file_url: &dyn Fn(&str) -> String,
    limits: Limits,
) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut chunks: Vec<(Vec<u8>, Option<PostDate>)> = Vec::new();
    let mut chunk = Chunk::new();
    for entry in entries {
        let mark = chunk.xml.len();
        chunk.write(entry);
        if !chunk.fits(chunk.urls + 1, limits) {
            // Take the entry back and start the next file with it.
            chunk.xml.truncate(mark);
            let full = std::mem::replace(&mut chunk, Chunk::new());
            if full.urls > 0 {
                let newest = full.newest;
                chunks.push((full.finish(), newest));
            }
            chunk.write(entry);
            if !chunk.fits(1, limits) {
                return Err(Error::Io(format!(
                    "sitemap: the entry for {} alone exceeds the limits of one file ({limits:?})",
                    entry.loc
                )));
            }
        }
        chunk.keep(entry);
    }
    if chunks.is_empty() {
        return Ok(vec![(SITEMAP.to_string(), chunk.finish())]);
    }
    let newest = chunk.newest;
    chunks.push((chunk.finish(), newest));

    if chunks.len() > Limits::PROTOCOL.urls {
        return Err(Error::Io(format!(
            "sitemap: {} URLs need {} sitemap files, more than an index may name ({})",
            entries.len(),
            chunks.len(),
            Limits::PROTOCOL.urls
        )));
    }
    let mut index = Xml::new(256 * chunks.len());
    index.open("sitemapindex", &[("xmlns", NS)]);
    let mut files = Vec::with_capacity(chunks.len() + 1);
    for (i, (bytes, newest)) in chunks.into_iter().enumerate() {
        let name = child_name(i + 1);
        index.open("sitemap", &[]);
        index.leaf("loc", &[], &file_url(&name));
        if let Some(newest) = newest {
            index.leaf("lastmod", &[], &newest.to_string());
        }
        index.close("sitemap");
        files.push((name, bytes));
    }
    index.close("sitemapindex");
    files.insert(0, (SITEMAP.to_string(), index.finish()));
    Ok(files)
}
