//! Where the keyboard focus goes when the control that had it goes away (a button that is
//! removed or disabled once it has done its work): without this it falls to the page, and the
//! next Tab starts over from the top.

use wasm_bindgen::JsCast;

use super::in_browser;

/// Whether the focus has fallen to the page itself.
pub(super) fn lost() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    doc.active_element()
        .is_none_or(|a| doc.body().is_some_and(|b| a == *b.as_ref()))
}

/// Focuses the element `selector` finds. `selector` may name alternatives, `a | b`, tried in
/// that order (a CSS list `a, b` takes whichever comes first in the page).
fn focus_first(selector: &str) {
    let doc = web_sys::window().and_then(|w| w.document());
    let el = selector
        .split(" | ")
        .find_map(|s| doc.as_ref()?.query_selector(s).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// After the next frame, gives the focus to the element `selector` finds (see [`focus_first`]):
/// a control that takes the place of one that went. Natively, nothing.
pub fn focus_later(selector: String) {
    if in_browser() {
        leptos::prelude::request_animation_frame(move || focus_first(&selector));
    }
}

/// After the next frame, if the focus has fallen to the page (the control that had it was
/// removed or disabled), gives it to the element `selector` finds (see [`focus_first`]): where
/// what the reader asked for begins. Natively, nothing.
pub fn refocus_if_lost(selector: String) {
    if in_browser() {
        leptos::prelude::request_animation_frame(move || {
            if lost() {
                focus_first(&selector);
            }
        });
    }
}
