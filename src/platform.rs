//! The few things read from or written to the browser outside the network: the saved language,
//! the browser's languages, the base path, performance marks, and the crash screen.

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
    web_sys::window()?.local_storage().ok().flatten()
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
    leptos::prelude::request_animation_frame(move || mark(&[name]));
}

/// The browser's preferred languages, most preferred first.
pub fn browser_languages() -> Vec<String> {
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
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    base_path_of(&base)
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
    on_frame(std::rc::Rc::new(shown), Box::new(then), 600);
}

/// `performance.mark(name)` for each name: moments the benchmark and anyone profiling can read
/// (docs/benchmarks.md).
pub fn mark(names: &[&str]) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        for name in names {
            let _ = p.mark(name);
        }
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
