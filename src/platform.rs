//! The few things read from or written to the browser outside the network: the saved language,
//! the browser's languages, the base path, performance marks, and the crash screen.
//!
//! Natively (the prerenderer, under Leptos `ssr`) there is no browser: storage and languages are
//! empty, marks and frames do nothing, and the base path is the one the build is for.

mod focus;
mod near;
pub mod place;

pub use focus::{focus_later, refocus_if_lost};
pub use near::{once_near_viewport, when_near_viewport};

const LANG_KEY: &str = "frontera.lang";

/// The reader's saved interface language, if any.
pub fn saved_language() -> Option<String> {
    storage()?.get_item(LANG_KEY).ok().flatten()
}

/// Remembers the reader's interface language. Storage may be full or disabled (private mode);
/// the choice then lasts for this visit only.
pub fn save_language(tag: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, tag);
    }
}

/// Reads a value from localStorage (drafts, own pending comments).
pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a value to localStorage; a full or disabled storage keeps it for this visit only.
pub fn storage_set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// Removes a value from localStorage.
pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

fn storage() -> Option<web_sys::Storage> {
    if !in_browser() {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether this code runs in a browser (wasm32) rather than in the native prerenderer.
pub const fn in_browser() -> bool {
    cfg!(target_arch = "wasm32")
}

/// Records a User Timing mark (`performance.mark`) the first time it is asked for in this page
/// load, in the next animation frame, i.e. when the DOM change that prompted it is about to be
/// painted. The benchmark reads `frontera:article` (docs/benchmarks.md); the marks cost nothing
/// to readers and let anyone profile the app with the browser's own tools.
pub fn mark_once(name: &'static str) {
    use std::cell::RefCell;
    thread_local! {
        static DONE: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }
    if DONE.with(|d| d.borrow().contains(&name)) {
        return;
    }
    DONE.with(|d| d.borrow_mut().push(name));
    if !in_browser() {
        return;
    }
    leptos::prelude::request_animation_frame(move || mark(&[name]));
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
    if !in_browser() {
        return Vec::new();
    }
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    nav.languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

/// The path the app is served under, from `<base href>` (written by trunk's `--public-url`):
/// `""` at a domain's root, `"/blog"` under a sub-path.
pub fn base_path() -> String {
    if !in_browser() {
        return BUILD_BASE.with(|b| b.borrow().clone());
    }
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    base_path_of(&base)
}

/// The `href` of an app path (`/archive`) on this site: under the base path, as the router
/// matches routes and as a static host serves the page. leptos_router 0.8's `<A>` leaves a path
/// that starts with `/` as it is, so every link of the app goes through here.
pub fn link_to(path: &str) -> String {
    let mut href = base_path();
    href.push_str(path);
    href
}

thread_local! {
    static BUILD_BASE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Sets the base path the prerenderer renders for (`""` or `"/blog"`), as [`base_path`] reads it
/// from `<base href>` in the browser.
pub fn set_build_base_path(base: &str) {
    let base = base.trim_end_matches('/').to_string();
    BUILD_BASE.with(|b| *b.borrow_mut() = base);
}

/// The path part of a base URL, without its trailing slash.
pub fn base_path_of(base_uri: &str) -> String {
    let path = match base_uri.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => base_uri,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    // A document without <base> reports its own URL; only a folder counts as a base.
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    dir.trim_end_matches('/').to_string()
}

/// Runs `then` once a view is on screen: in a task queued by the first animation frame at which
/// `shown` says it is in the document. By then the new DOM has been laid out and painted, which is
/// when a reader sees it (the benchmark times its plain-JavaScript baseline the same way). The
/// check matters because a `Transition` builds its children before it inserts them. A view that
/// never arrives (replaced while it waited) stops being checked after about ten seconds of frames.
pub fn after_paint(shown: impl Fn() -> bool + 'static, then: impl FnOnce() + 'static) {
    type Then = Box<dyn FnOnce()>;
    fn on_frame(shown: std::rc::Rc<dyn Fn() -> bool>, then: Then, left: u32) {
        leptos::prelude::request_animation_frame(move || {
            if shown() {
                leptos::prelude::set_timeout(then, std::time::Duration::ZERO);
            } else if left > 0 {
                on_frame(shown, then, left - 1);
            }
        });
    }
    if in_browser() {
        on_frame(std::rc::Rc::new(shown), Box::new(then), 600);
    }
}

/// Calls `then` in a task of its own, soon (a zero timeout): the browser handles input, and draws
/// a frame when one is due, before it. Natively, never.
pub fn next_task(then: impl FnOnce() + 'static) {
    if in_browser() {
        leptos::prelude::set_timeout(then, std::time::Duration::ZERO);
    }
}

/// `performance.mark(name)` for each name: moments the benchmark and anyone profiling can read
/// (docs/benchmarks.md).
pub fn mark(names: &[&str]) {
    if !in_browser() {
        return;
    }
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        for name in names {
            let _ = p.mark(name);
        }
    }
}

/// Whether this page was prerendered for the URL it is open at, and if so the documents it was
/// rendered from, as (fingerprint, URL relative to `<base>`). The prerenderer writes the route on
/// `<body data-prerendered>` and the documents on `data-docs` (and preloads them); a host that
/// serves one page for every URL, or the shell itself, gives `None`.
#[cfg(target_arch = "wasm32")]
pub fn hydration_plan() -> Option<Vec<(String, String)>> {
    let doc = web_sys::window()?.document()?;
    let body = doc.body()?;
    let route = body.get_attribute("data-prerendered")?;
    let here = web_sys::window()?.location().pathname().ok()?;
    let base = base_path();
    let here = here.strip_prefix(base.as_str()).unwrap_or(&here);
    let trim = |p: &str| {
        let t = p.trim_end_matches('/');
        if t.is_empty() {
            "/".to_string()
        } else {
            t.to_string()
        }
    };
    // The same route at another spelling of its address hydrates too: a trailing slash, or an
    // imported post's old `.html` address, where the prerenderer put the same page. Compared as
    // text: with `Route::parse` here (and Unicode lowercasing in `label_slug`) the first load
    // was 4.6 KB larger.
    let bare = |p: &str| {
        let t = trim(p);
        t.strip_suffix(".html").map(str::to_string).unwrap_or(t)
    };
    if bare(here) != bare(&route) {
        return None;
    }
    let docs = body.get_attribute("data-docs").unwrap_or_default();
    Some(
        docs.lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(print, url)| (print.to_string(), url.to_string()))
            .collect(),
    )
}

/// Sets an empty attribute on `<body>` (a state others can observe, e.g. `data-hydrated`).
pub fn set_body_flag(name: &str) {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute(name, "");
    }
}

/// Whether the page has an element with this id (e.g. a prerendered post's `#comments`) within a
/// screen height of the viewport, where [`when_near_viewport`] would report it.
#[cfg(target_arch = "wasm32")]
pub fn near_viewport(id: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(el) = window.document().and_then(|d| d.get_element_by_id(id)) else {
        return false;
    };
    let screen = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let rect = el.get_bounding_client_rect();
    rect.top() < 2.0 * screen && rect.bottom() > -screen
}

/// The prerendered page's container, `<div id="app">`.
#[cfg(target_arch = "wasm32")]
pub fn app_root() -> Option<web_sys::HtmlElement> {
    let el = web_sys::window()?.document()?.get_element_by_id("app")?;
    wasm_bindgen::JsCast::dyn_into(el).ok()
}

/// Reloads the page (its new version, after the site was published anew).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// The text of the page's import map (postbuild writes one with the integrity of every JS
/// module), if it has one.
pub fn import_map() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("script[type=importmap]")
        .ok()??
        .text_content()
}

/// Empties `<body>` before the app renders afresh: the boot placeholder, or a prerendered page
/// that belongs to another URL (whose head elements go too, so the app's own are the only ones).
pub fn clear_body() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(body) = doc.body() {
        body.set_text_content(None);
        let _ = body.remove_attribute("data-prerendered");
    }
    forget_static_head(&doc, true);
}

/// Removes what a prerendered page's head says about that one page: the crawlers' tags
/// (`data-seo`), and with `app_tags` also the app's own tags after leptos_meta's `HEAD` marker.
pub fn forget_static_head(doc: &web_sys::Document, app_tags: bool) {
    if let Ok(list) = doc.query_selector_all("head [data-seo]") {
        for i in 0..list.length() {
            if let Some(n) = list.item(i).and_then(|n| n.parent_node().map(|p| (n, p))) {
                let _ = n.1.remove_child(&n.0);
            }
        }
    }
    let Some(head) = doc.head().filter(|_| app_tags) else {
        return;
    };
    let mut node = head.first_child();
    let mut after_marker = false;
    while let Some(n) = node {
        node = n.next_sibling();
        if after_marker {
            let _ = head.remove_child(&n);
        } else if n.node_type() == web_sys::Node::COMMENT_NODE
            && n.text_content().as_deref() == Some("HEAD")
        {
            after_marker = true;
        }
    }
}

/// The crawlers' tags of the page first opened describe that page only: they go at the first
/// client-side navigation.
pub fn forget_seo_tags() {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        forget_static_head(&doc, false);
    }
}

/// Replaces the page with a plain, translated "something broke" message. Used by the panic hook,
/// when the reactive system may itself be broken, so it writes the DOM directly and only text.
pub fn show_crash_screen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let lang = crate::i18n::pick_language(saved_language().as_deref(), &browser_languages(), "en");
    let t = lang.t();
    let Ok(section) = doc.create_element("section") else {
        return;
    };
    section.set_class_name("error-view crash");
    let _ = section.set_attribute("role", "alert");
    let _ = section.set_attribute("data-error", "crash");
    for (tag, text) in [("h1", t.err_crash_title), ("p", t.err_crash_body)] {
        if let Ok(el) = doc.create_element(tag) {
            el.set_text_content(Some(text));
            let _ = section.append_child(&el);
        }
    }
    if let Ok(a) = doc.create_element("a") {
        a.set_text_content(Some(t.reload));
        let _ = a.set_attribute("href", "");
        a.set_class_name("button");
        let _ = section.append_child(&a);
    }
    if let Some(body) = doc.body() {
        body.set_text_content(None);
        let _ = body.append_child(&section);
    }
}

#[cfg(test)]
mod tests {
    use super::base_path_of;

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("http://127.0.0.1:8080/"), "");
        assert_eq!(base_path_of("https://cdn.example/blog/"), "/blog");
        assert_eq!(base_path_of("https://cdn.example/blog/index.html"), "/blog");
        assert_eq!(base_path_of("https://cdn.example/a/b/?x=1"), "/a/b");
        assert_eq!(base_path_of(""), "");
    }
}
