//! The prerenderer's copy of the sidebar (natively only).
//!
//! The sidebar (tips box, archive, labels) is the same on every page of a build, except for
//! which of its links are the current page's (`aria-current`, as leptos_router's `<A>` decides
//! it), and it is a third of each page's markup: at 100,000 posts, rendering it again for every
//! page was about a third of the prerenderer's time. So the prerenderer keeps the HTML of each
//! variant it rendered (by which of the sidebar's links are current) and, when a page's variant
//! is known, the sidebar is written from it instead of rendered. The browser hydrates the same
//! markup either way; crates/frontera-prerender's tests check that pages come out byte for byte
//! as with the cache off.

use std::cell::RefCell;
use std::collections::HashMap;

use super::link::is_current;

/// One thread's copy: the sidebar's link targets, and its HTML by which of them are current.
#[derive(Default)]
struct Copy {
    on: bool,
    hrefs: Vec<String>,
    variants: HashMap<Vec<bool>, String>,
}

thread_local! {
    static COPY: RefCell<Copy> = RefCell::new(Copy::default());
}

/// Turns the copy on or off for this thread (off: every page renders its sidebar), emptying it:
/// a new site's, or a new configuration's, sidebar is another.
pub fn enable(on: bool) {
    COPY.with(|c| {
        *c.borrow_mut() = Copy {
            on,
            ..Copy::default()
        }
    });
}

/// The sidebar's HTML for a page at `location` (a path with the base path), if a page with the
/// same current links was rendered before on this thread.
pub fn for_location(location: &str) -> Option<String> {
    COPY.with(|c| {
        let c = c.borrow();
        if !c.on || c.hrefs.is_empty() {
            return None;
        }
        c.variants.get(&current(&c.hrefs, location)).cloned()
    })
}

/// Notes the documents the sidebar is made from as read by the page (which names and preloads
/// them), as [`super::layout::ArchiveWidget`] and [`super::layout::LabelsWidget`] do when they
/// render: a sidebar written from the copy reads nothing.
pub fn note_documents(cfg: &crate::model::config::Config) {
    for doc in [
        frontera_wire::layout::ARCHIVE_INDEX,
        frontera_wire::layout::LABEL_INDEX,
    ] {
        if let Some(url) = cfg.data_url(doc) {
            crate::api::documents::note_read(&url);
        }
    }
}

/// Keeps `page`'s sidebar (the `<aside class="sidebar">` after its `</main>`), rendered at
/// `location`, for the pages after it.
pub fn keep(location: &str, page: &str) {
    COPY.with(|c| {
        let mut c = c.borrow_mut();
        if !c.on {
            return;
        }
        let Some(html) = sidebar_in(page) else {
            return;
        };
        if c.hrefs.is_empty() {
            c.hrefs = hrefs_in(html);
        }
        let key = current(&c.hrefs, location);
        c.variants.entry(key).or_insert_with(|| html.to_string());
    });
}

fn current(hrefs: &[String], location: &str) -> Vec<bool> {
    hrefs.iter().map(|h| is_current(h, location)).collect()
}

/// The sidebar in a rendered page: it follows the page's `<main>`, so nothing a post contains
/// can be taken for it.
fn sidebar_in(page: &str) -> Option<&str> {
    let start = page.find("</main><aside ")? + "</main>".len();
    let end = start + page[start..].find("</aside>")? + "</aside>".len();
    page[start..end]
        .contains("class=\"sidebar\"")
        .then(|| &page[start..end])
}

fn hrefs_in(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<main><p>post</p><aside class=\"sidebar\">fake</aside></main>\
        <aside aria-label=\"x\" class=\"sidebar\"><a href=\"/archive\">A</a>\
        <a href=\"/2026/09\">Sept</a><a href=\"mailto:x@y\">tip</a></aside><!><footer>";

    #[test]
    fn each_set_of_current_links_is_its_own_copy() {
        enable(true);
        assert_eq!(for_location("/2026/09/a"), None);
        keep("/2026/09/a", PAGE);
        let kept = for_location("/2026/09/b").unwrap();
        assert!(kept.starts_with("<aside aria-label") && kept.ends_with("</aside>"));
        assert!(kept.contains("Sept") && !kept.contains("fake"));
        // Another month's post, the archive and a home page each have other current links.
        assert_eq!(for_location("/2026/08/c"), None);
        assert_eq!(for_location("/archive"), None);
        assert_eq!(for_location("/"), None);
        keep("/", PAGE);
        assert!(for_location("/page/2").is_some());
        enable(false);
        assert_eq!(for_location("/2026/09/b"), None);
    }
}
