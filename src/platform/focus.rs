//! Where the keyboard focus goes when the control that had it goes away (a button that is
//! removed or disabled once it has done its work): without this it falls to the page, and the
//! next Tab starts over from the top.

use super::in_browser;

/// Whether the focus has fallen to the page itself.
fn lost() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    doc.active_element()
        .is_none_or(|a| doc.body().is_some_and(|b| a == *b.as_ref()))
}

/// After the next frame, runs `then` if the focus has fallen to the page. Natively, nothing.
pub fn if_focus_lost(then: impl FnOnce() + 'static) {
    if !in_browser() {
        return;
    }
    leptos::prelude::request_animation_frame(move || {
        if lost() {
            then();
        }
    });
}

/// After the next frame: if the focus has fallen to the page itself (the control that had it was
/// removed, as "load more" is once nothing is left), gives it to the first link or button inside
/// the element `id`, where what the reader asked for begins. Natively, nothing.
pub fn refocus_if_lost(id: String) {
    if !in_browser() {
        return;
    }
    if_focus_lost(move || {
        let target = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id))
            .and_then(|el| el.query_selector("a[href], button").ok().flatten());
        if let Some(target) = target {
            use wasm_bindgen::JsCast;
            if let Ok(el) = target.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// After the next frame, gives the focus to the element `selector` finds (a control that takes
/// the place of one that went); `selector` may name alternatives, `a | b`, tried in that order
/// (a CSS list `a, b` would take whichever comes first in the page). Natively, nothing.
pub fn focus_later(selector: String) {
    if !in_browser() {
        return;
    }
    leptos::prelude::request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let doc = web_sys::window().and_then(|w| w.document());
        let el = selector
            .split(" | ")
            .find_map(|s| doc.as_ref()?.query_selector(s).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    });
}
