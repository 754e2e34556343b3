//! The reader's place on a page, which the app keeps where the browser cannot.
//!
//! * **Back and forward.** A route's data loads after the URL changes, so the browser's own
//!   scroll restoration would happen on the page being left (and land anywhere once the list is
//!   drawn). The app takes it over (`history.scrollRestoration = "manual"` while it runs, `auto`
//!   again as the page is left, so that a reload is the browser's): it notes how far each address
//!   was scrolled and scrolls back there once the route's first article is drawn again.
//! * **A link to a part of a page** (`/2024/03/slug#comments`): the router looks for the element
//!   before the route has drawn it; the app scrolls to it once the first article is drawn.
//! * **A page rendered afresh.** When the documents a prerendered page was made from have changed
//!   since (a cache holding an older page after a deploy), the app does not hydrate it: it empties
//!   the body and renders the route again, which scrolls the window back to the top while its
//!   data loads. The place the reader had scrolled to is given back the same way.
//! * **The focus.** After a route change the focus would stay on the link followed (or on
//!   whatever element of the new page took that link's place), or fall to the page, so the next
//!   Tab went on from the old page's place and a screen reader said nothing. It goes to the new
//!   page's heading instead (or to the part a `#fragment` names), without scrolling.

use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// How far the window was scrolled, and on which path, before the page was rendered afresh.
    static PLACE: RefCell<Option<(f64, String)>> = const { RefCell::new(None) };
    /// How far each address (path and query) was scrolled when it was left.
    static LEFT: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// The address the window's last scroll was on, and how far it was.
    static SEEN: RefCell<(String, f64)> = const { RefCell::new((String::new(), 0.0)) };
    /// The address whose arrival was last handled.
    static ARRIVED: RefCell<String> = const { RefCell::new(String::new()) };
    /// The address back or forward last went to (it counts only if the route then drawn is there:
    /// a query change on the same page draws no article).
    static POPPED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The current address without its fragment: what a place belongs to.
fn address() -> String {
    web_sys::window()
        .map(|w| {
            let l = w.location();
            l.pathname().unwrap_or_default() + &l.search().unwrap_or_default()
        })
        .unwrap_or_default()
}

fn scroll_y() -> f64 {
    web_sys::window()
        .and_then(|w| w.scroll_y().ok())
        .unwrap_or(0.0)
}

/// Notes the place of the address last scrolled, if the window is now on another.
fn leave_for(now: &str) {
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.0 != now {
            let (left, y) = std::mem::replace(&mut *s, (now.to_string(), 0.0));
            LEFT.with(|l| l.borrow_mut().insert(left, y));
        }
    });
}

/// Takes `index.html` off the end of the address (`/index.html`, `/2024/03/slug/index.html`),
/// as the app starts: static hosts serve a folder's page at that address too, and old links and
/// bookmarks carry it, but the route table knows the folder only, and would have replaced the
/// page with "not found". The address keeps its query and fragment; no new history entry.
pub fn drop_index_html() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let Some(folder) = path.strip_suffix("index.html").filter(|f| f.ends_with('/')) else {
        return;
    };
    let rest = location.search().unwrap_or_default() + &location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&format!("{folder}{rest}")));
    }
}

/// Starts keeping the reader's place (once, as the app starts). Natively, nothing.
pub fn follow() {
    if !super::in_browser() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let here = address();
    ARRIVED.with(|a| *a.borrow_mut() = here.clone());
    SEEN.with(|s| *s.borrow_mut() = (here, scroll_y()));
    let manual = |mode| {
        if let Ok(h) = web_sys::window().map_or(Err(wasm_bindgen::JsValue::NULL), |w| w.history()) {
            let _ = h.set_scroll_restoration(mode);
        }
    };
    manual(web_sys::ScrollRestoration::Manual);
    // Listeners for as long as the page lives (the app is never unmounted).
    let on_scroll = move |_: web_sys::Event| {
        let now = address();
        leave_for(&now);
        SEEN.with(|s| s.borrow_mut().1 = scroll_y());
    };
    let on_pop = move |_: web_sys::Event| {
        let now = address();
        leave_for(&now);
        POPPED.with(|p| *p.borrow_mut() = Some(now));
    };
    let on_hide = move |_: web_sys::Event| manual(web_sys::ScrollRestoration::Auto);
    let on_show = move |_: web_sys::Event| manual(web_sys::ScrollRestoration::Manual);
    for (event, listener) in [
        (
            "scroll",
            Box::new(on_scroll) as Box<dyn FnMut(web_sys::Event)>,
        ),
        ("popstate", Box::new(on_pop)),
        ("pagehide", Box::new(on_hide)),
        ("pageshow", Box::new(on_show)),
    ] {
        let closure = wasm_bindgen::closure::Closure::wrap(listener);
        let _ = window.add_event_listener_with_callback(
            event,
            wasm_bindgen::JsCast::unchecked_ref(closure.as_ref()),
        );
        closure.forget();
    }
}

/// Remembers how far the reader has scrolled the current page (nothing at the top), before the
/// page is rendered afresh.
pub fn remember() {
    if !super::in_browser() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let y = window.scroll_y().unwrap_or(0.0);
    let path = window.location().pathname().unwrap_or_default();
    if y > 0.0 {
        PLACE.with(|p| *p.borrow_mut() = Some((y, path)));
    }
}

/// Once a page's first article is in the DOM (called for every article drawn; only the first of
/// each arrival does anything): gives the reader back their place. Natively, nothing.
pub fn restore() {
    if !super::in_browser() {
        return;
    }
    if let Some((y, path)) = PLACE.with(|p| p.borrow_mut().take()) {
        // After this frame's layout, when the article and what follows it have their height; not
        // if the reader has meanwhile scrolled past it.
        leptos::prelude::request_animation_frame(move || {
            let here = web_sys::window().and_then(|w| w.location().pathname().ok());
            if here.as_deref() == Some(path.as_str()) && scroll_y() < y {
                scroll_to(y);
            }
        });
        return;
    }
    let here = address();
    if ARRIVED.with(|a| *a.borrow() == here) {
        return;
    }
    ARRIVED.with(|a| *a.borrow_mut() = here.clone());
    leave_for(&here);
    if POPPED.with(|p| p.borrow_mut().take()).as_deref() == Some(here.as_str()) {
        if let Some(y) = LEFT.with(|l| l.borrow().get(&here).copied()) {
            leptos::prelude::request_animation_frame(move || {
                if address() == here {
                    scroll_to(y);
                }
                focus_arrival(false);
            });
        }
        return;
    }
    leptos::prelude::request_animation_frame(|| {
        if let Some(el) = fragment_target() {
            el.scroll_into_view();
        }
        focus_arrival(false);
    });
}

/// Whether the address's fragment names one comment (`#comment-12`), whose section must then be
/// shown at once.
pub fn names_a_comment() -> bool {
    if !super::in_browser() {
        return false;
    }
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| {
            h.strip_prefix("#comment-")
                .map(|id| id.parse::<u64>().is_ok())
        })
        .unwrap_or(false)
}

/// Once the first page of a thread is drawn: if the address names one of its comments, scrolls
/// to that comment and gives it the focus (once per address; a comment on a later page is not
/// chased after each "load more").
pub fn reach_comment() {
    thread_local! {
        static REACHED: RefCell<String> = const { RefCell::new(String::new()) };
    }
    if !names_a_comment() {
        return;
    }
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    if REACHED.with(|r| std::mem::replace(&mut *r.borrow_mut(), here.clone()) == here) {
        return;
    }
    if let Some(el) = fragment_target() {
        el.scroll_into_view();
        focus_arrival(true);
    }
}

/// The element the address's `#fragment` names, if the page has it.
fn fragment_target() -> Option<web_sys::Element> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let id = hash.strip_prefix('#').filter(|id| !id.is_empty())?;
    let id = js_sys::decode_uri_component(id)
        .ok()
        .and_then(|d| d.as_string())
        .unwrap_or_else(|| id.to_string());
    window.document()?.get_element_by_id(&id)
}

/// After the router changed the page's path (not on the first page): once the new page is drawn,
/// the focus goes to where it begins. Natively, nothing.
pub fn arrived() {
    if super::in_browser() {
        leptos::prelude::request_animation_frame(|| focus_arrival(true));
    }
}

/// Focuses the part the `#fragment` names, else the main column's heading, else the main column
/// itself, without scrolling. `always`: even if the focus is on something else than the page or
/// the main column (after a route change, what has the focus is the link followed, or whatever
/// took its place); otherwise only to move it on from there (a post's heading arrives with its
/// data, after the route change gave the main column the focus).
fn focus_arrival(always: bool) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(main) = doc.get_element_by_id("main") else {
        return;
    };
    let idle = super::focus::lost() || doc.active_element().is_some_and(|a| a == main);
    if !always && !idle {
        return;
    }
    let target = fragment_target()
        .or_else(|| main.query_selector("h1").ok().flatten())
        .unwrap_or(main);
    if target.get_attribute("tabindex").is_none() && target.local_name() != "a" {
        let _ = target.set_attribute("tabindex", "-1");
    }
    if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

fn scroll_to(y: f64) {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(w.scroll_x().unwrap_or(0.0), y);
    }
}
