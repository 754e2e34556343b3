//! The reader's place on a prerendered page that the app renders afresh.
//!
//! When the documents a prerendered page was made from have changed since (a cache holding an
//! older page after a deploy), the app does not hydrate it: it empties the body and renders the
//! route again, which scrolls the window back to the top while its data loads. A reader on a
//! slow phone has often scrolled by then, so the place they were reading is remembered here and
//! given back once the route's first article has been drawn again.

use std::cell::RefCell;

thread_local! {
    /// How far the window was scrolled, and on which path.
    static PLACE: RefCell<Option<(f64, String)>> = const { RefCell::new(None) };
}

/// Remembers how far the reader has scrolled the current page (nothing at the top).
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

/// Once the page's first article is in the DOM: scrolls back to the remembered place, if the
/// reader is still on that page and the window has not been scrolled past it since. Natively,
/// nothing.
pub fn restore() {
    if !super::in_browser() {
        return;
    }
    let Some((y, path)) = PLACE.with(|p| p.borrow_mut().take()) else {
        return;
    };
    // After this frame's layout, when the article and what follows it have their height.
    leptos::prelude::request_animation_frame(move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let here = window.location().pathname().unwrap_or_default();
        if here == path && window.scroll_y().unwrap_or(0.0) < y {
            window.scroll_to_with_x_and_y(window.scroll_x().unwrap_or(0.0), y);
        }
    });
}
