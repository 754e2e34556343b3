//! Where things live: the app's routes and the data documents behind them.
//!
//! The compiler writes files at [`Route::data_doc`] and the app fetches them from there, so this
//! one mapping is the contract between the two. Data paths are relative to the data root
//! (`data_root` in `config.json`); routes are relative to the app's base path.

use std::fmt::Write;

/// A page of the app.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// The home list, page `n` (1-based).
    Home { page: u32 },
    /// One post.
    Post { year: i32, month: u8, slug: String },
    /// Archive overview (years and months).
    Archive,
    /// One month of the archive, page `n`.
    Month { year: i32, month: u8, page: u32 },
    /// Posts with one label, page `n`.
    Label { slug: String, page: u32 },
    /// Searching every post. The query (`?q=`, `label=`, `year=`) is not part of the route: one
    /// page serves them all. Its document is the labels index (the label filter's choices).
    Search,
    /// A standing page outside the chronology (About, Contact, Send us a tip): `/p/<slug>`.
    /// Blogger's `/p/<slug>.html` parses to it too.
    Page { slug: String },
}

impl Route {
    /// The route's path in the app, e.g. `/2024/03/water-line` or `/label/asylum/page/2`.
    /// Page 1 of a list has no `/page/1` suffix, so each list has one canonical first URL.
    pub fn path(&self) -> String {
        let mut p = String::new();
        // Writing to a String cannot fail.
        let _ = match self {
            Route::Home { page } => {
                p.push('/');
                paged(&mut p, *page, "page")
            }
            Route::Post { year, month, slug } => write!(p, "/{year:04}/{month:02}/{slug}"),
            Route::Archive => write!(p, "/archive"),
            Route::Month { year, month, page } => {
                let _ = write!(p, "/archive/{year:04}/{month:02}");
                paged(&mut p, *page, "/page")
            }
            Route::Label { slug, page } => {
                let _ = write!(p, "/label/{slug}");
                paged(&mut p, *page, "/page")
            }
            Route::Search => write!(p, "/search"),
            Route::Page { slug } => write!(p, "/p/{slug}"),
        };
        p
    }

    /// The data document the route is rendered from, relative to the data root.
    pub fn data_doc(&self) -> String {
        match self {
            Route::Home { page } => format!("home/{}.json", page.max(&1)),
            Route::Post { year, month, slug } => format!("posts/{year:04}/{month:02}/{slug}.json"),
            Route::Archive => ARCHIVE_INDEX.to_string(),
            Route::Month { year, month, page } => {
                format!("archive/{year:04}/{month:02}/{}.json", page.max(&1))
            }
            Route::Label { slug, page } => format!("labels/{slug}/{}.json", page.max(&1)),
            Route::Search => LABEL_INDEX.to_string(),
            Route::Page { slug } => format!("pages/{slug}.json"),
        }
    }

    /// The route a data document belongs to: the inverse of [`Route::data_doc`] (the prerenderer
    /// finds every page of a site by its documents). `None` for anything that is no page's
    /// document. The labels index is the search page's.
    pub fn from_data_doc(doc: &str) -> Option<Route> {
        let doc = doc.strip_suffix(".json")?;
        let parts: Vec<&str> = doc.split('/').collect();
        let route = match parts.as_slice() {
            ["archive", "index"] => Route::Archive,
            ["labels", "index"] => Route::Search,
            ["home", n] => Route::Home {
                page: page_number(n)?,
            },
            ["posts", y, m, s] => Route::Post {
                year: year(y)?,
                month: month(m)?,
                slug: slug_part(s)?,
            },
            ["archive", y, m, n] => Route::Month {
                year: year(y)?,
                month: month(m)?,
                page: page_number(n)?,
            },
            ["labels", s, n] => Route::Label {
                slug: slug_part(s)?,
                page: page_number(n)?,
            },
            ["pages", s] => Route::Page {
                slug: slug_part(s)?,
            },
            _ => return None,
        };
        // Only the document's own spelling counts (no `home/01.json`, no `.html` slugs).
        (route.data_doc() == format!("{doc}.json")).then_some(route)
    }

    /// Parses an app path (without the base path). Accepts a trailing slash and Blogger's
    /// `.html` suffix on post and page slugs; returns `None` for anything that is not a route.
    pub fn parse(path: &str) -> Option<Route> {
        let path = path.split(['?', '#']).next().unwrap_or("");
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match parts.as_slice() {
            [] => Some(Route::Home { page: 1 }),
            ["page", n] => Some(Route::Home {
                page: page_number(n)?,
            }),
            ["archive"] => Some(Route::Archive),
            ["search"] => Some(Route::Search),
            ["archive", y, m] => Some(Route::Month {
                year: year(y)?,
                month: month(m)?,
                page: 1,
            }),
            ["archive", y, m, "page", n] => Some(Route::Month {
                year: year(y)?,
                month: month(m)?,
                page: page_number(n)?,
            }),
            ["label", s] => Some(Route::Label {
                slug: slug_part(s)?,
                page: 1,
            }),
            ["label", s, "page", n] => Some(Route::Label {
                slug: slug_part(s)?,
                page: page_number(n)?,
            }),
            ["p", s] => Some(Route::Page {
                slug: slug_part(s.strip_suffix(".html").unwrap_or(s))?,
            }),
            [y, m, s] => Some(Route::Post {
                year: year(y)?,
                month: month(m)?,
                slug: slug_part(s.strip_suffix(".html").unwrap_or(s))?,
            }),
            _ => None,
        }
    }
}

/// A document's fingerprint (64-bit FNV-1a of its bytes, in hex). A prerendered page names the
/// fingerprint of every document it was rendered from; the browser hydrates the page only with
/// documents that match (a host or cache may serve a newer document beside an older page), and
/// renders afresh otherwise. Not cryptographic: it detects change, not tampering (the CSP and
/// subresource integrity guard the code).
pub fn fingerprint(body: &str) -> String {
    fingerprint_bytes(body.as_bytes())
}

/// [`fingerprint`] of any bytes (the prerenderer's own binary, for one).
pub fn fingerprint_bytes(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The most posts a list page of the content compiler may hold. The app shows a list of at most
/// this many whole (prerendered and hydrated alike) and a longer one, which only a third-party
/// feed can be, a batch at a time (the app's `model::batches`).
pub const MAX_PAGE_SIZE: u32 = 50;

/// The archive index document, relative to the data root.
pub const ARCHIVE_INDEX: &str = "archive/index.json";
/// The labels index document, relative to the data root.
pub const LABEL_INDEX: &str = "labels/index.json";
/// The pages index document (the masthead's links to the standing pages), relative to the data
/// root. It is no route's document: it sits beside `pages/`, not in it, so no page slug can
/// collide with it.
pub const PAGE_INDEX: &str = "pages.json";

fn paged(p: &mut String, page: u32, sep: &str) -> std::fmt::Result {
    if page > 1 {
        write!(p, "{sep}/{page}")
    } else {
        Ok(())
    }
}

/// A page number: 1 or more, digits only, no leading zero.
pub fn page_number(s: &str) -> Option<u32> {
    if s.starts_with('0') || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|n| *n >= 1)
}

/// A four-digit year.
pub fn year(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

/// A two-digit month, 01 to 12.
pub fn month(s: &str) -> Option<u8> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
        .filter(|m| (1..=12).contains(m))
}

/// The longest slug, in bytes (all ASCII): a URL segment that still fits a shared link.
pub const MAX_SLUG: usize = 120;

/// A slug as it may appear in a URL: lowercase ASCII letters, digits and single dashes.
pub fn slug_part(s: &str) -> Option<String> {
    let ok = !s.is_empty()
        && s.len() <= MAX_SLUG
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-');
    ok.then(|| s.to_string())
}

/// Resolves `reference` against `base` the way a browser resolves a link: absolute URLs and
/// root-relative paths win, otherwise the reference replaces the last segment of `base`.
/// `..` and `.` segments are collapsed. Used for `next_url` and index `url` fields.
pub fn resolve(base: &str, reference: &str) -> String {
    if reference.contains("://") || reference.starts_with("//") {
        return reference.to_string();
    }
    let (origin, base_path) = split_origin(base);
    let joined = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "",
        };
        format!("{dir}{reference}")
    };
    let rooted = joined.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    let mut path = out.join("/");
    if joined.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    if rooted || !origin.is_empty() {
        format!("{origin}/{path}")
    } else {
        path
    }
}

/// Splits `https://host:port/path` into (`https://host:port`, `/path`); a plain path has no origin.
fn split_origin(url: &str) -> (&str, &str) {
    if let Some(i) = url.find("://") {
        let rest = &url[i + 3..];
        let end = rest.find('/').map(|j| i + 3 + j).unwrap_or(url.len());
        (&url[..end], &url[end..])
    } else {
        ("", url)
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
