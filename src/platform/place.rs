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
            });
        }
        return;
    }
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) {
        let id = js_sys::decode_uri_component(id)
            .ok()
            .and_then(|d| d.as_string())
            .unwrap_or_else(|| id.to_string());
        leptos::prelude::request_animation_frame(move || {
            let el = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&id));
            if let Some(el) = el {
                el.scroll_into_view();
            }
        });
    }
}

fn scroll_to(y: f64) {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(w.scroll_x().unwrap_or(0.0), y);
    }
}
