//! Views shared by several pages.

pub mod comments;
pub mod error_view;
pub mod layout;
pub mod lazy;
pub mod link;
pub mod list_screen;
pub mod loaded;
pub mod post_list;
pub mod post_view;
pub mod related;
pub mod safe_html;
pub mod search_box;
pub mod search_results;
pub mod seo;
pub mod share;
#[cfg(not(target_arch = "wasm32"))]
pub mod sidebar_cache;
pub mod theme;

use leptos::prelude::*;

/// A document title that follows the route in the browser. Natively it is read once, now:
/// leptos_meta reads a page's title after the page is rendered, when the route's own signals
/// are already disposed.
pub fn live_title(f: impl Fn() -> String + Send + Sync + 'static) -> TextProp {
    if crate::platform::in_browser() {
        TextProp::from(f)
    } else {
        TextProp::from(untrack(f))
    }
}
