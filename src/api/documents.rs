//! Documents that are already here: the ones a prerendered page was rendered from.
//!
//! The prerenderer (natively) puts every data document of the site in this store and renders
//! each page from it synchronously; it then asks which documents the page read and preloads
//! exactly those in the page's `<head>`. In the browser, `start` fetches those preloads (the
//! browser has them in flight or in its cache already) into the store before it hydrates, so the
//! first render reads the same data the HTML was made from, synchronously, and nothing is fetched
//! twice. A browser takes each document once: later visits to a route ask the network as before.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

thread_local! {
    static DOCS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    static READ: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
}

/// Where documents the store was not given come from (natively: the built site's files).
pub type Source = Box<dyn Fn(&str) -> Option<String>>;

/// Sets where documents that were not [`provide`]d are read from, by URL.
pub fn provide_source(source: Source) {
    SOURCE.with(|s| *s.borrow_mut() = Some(source));
}

/// A document from the store, or else from the source (not kept: each page reads its own).
fn lookup(url: &str) -> Option<String> {
    DOCS.with(|d| d.borrow().get(url).cloned())
        .or_else(|| SOURCE.with(|s| s.borrow().as_ref().and_then(|f| f(url))))
}

/// Adds a document under the URL the app asks for it by (e.g. `data/home/1.json`).
pub fn provide(url: &str, body: String) {
    DOCS.with(|d| d.borrow_mut().insert(url.to_string(), body));
}

/// The body of `url` if it is here. In the browser it is handed over once (a retry or a later
/// visit asks the network); natively it stays, and the read is remembered for [`take_reads`].
pub fn take(url: &str) -> Option<String> {
    if crate::platform::in_browser() {
        DOCS.with(|d| d.borrow_mut().remove(url))
    } else {
        let body = lookup(url);
        READ.with(|r| r.borrow_mut().insert(url.to_string()));
        body
    }
}

/// Notes that a page read `url` even when an answer kept from an earlier page served it (the
/// site indexes are loaded once per session): natively, every page must name every document it
/// was rendered from, or the browser would render it without one.
pub fn note_read(url: &str) {
    if !crate::platform::in_browser() {
        READ.with(|r| r.borrow_mut().insert(url.to_string()));
    }
}

/// The body of `url` without taking it (the prerenderer, for fingerprints).
pub fn peek(url: &str) -> Option<String> {
    lookup(url)
}

/// The URLs asked for since the last call, in order (natively: what one page was rendered from).
pub fn take_reads() -> Vec<String> {
    READ.with(|r| std::mem::take(&mut *r.borrow_mut()).into_iter().collect())
}
