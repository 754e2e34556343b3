//! The colour theme: light or dark, after the system's `prefers-color-scheme` until the reader
//! chooses one with the toggle in the masthead; the choice is remembered in this browser.
//!
//! The theme is set on `<html data-theme>` before the first paint by a small classic script in
//! `index.html`'s head (so a prerendered page never flashes the wrong theme; docs/decisions.md).
//! Without a stored choice there is no `data-theme` and the stylesheet follows the system by
//! itself (`light-dark()` in style/main.css). `<html>` is not part of the hydrated tree (only its
//! `lang` is leptos_meta's), so setting the attribute never meets hydration; the toggle's own
//! state is read only once the app is interactive.

use leptos::prelude::*;

use crate::i18n::use_lang;

/// The localStorage key of the reader's choice, `"dark"` or `"light"`; index.html's head
/// script reads the same key.
pub const THEME_KEY: &str = "frontera-theme";

/// The dark-theme switch: a toggle button, pressed while the dark theme is on.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let lang = use_lang();
    // Unknown (no `aria-pressed`) in the prerendered page and while hydrating: only the browser
    // knows the reader's theme. Effects run only there, after hydration.
    let dark = RwSignal::new(None::<bool>);
    Effect::new(move |_| dark.set(Some(is_dark())));
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-label=move || lang.get().t().theme_dark
            title=move || lang.get().t().theme_dark
            aria-pressed=move || dark.get().map(|d| if d { "true" } else { "false" })
            on:click=move |_| {
                let next = !dark.get_untracked().unwrap_or_else(is_dark);
                choose(next);
                dark.set(Some(next));
            }
        >
            // The icon is the stylesheet's (a moon or a sun, after the page's theme), so it is
            // right before the app runs, and costs the wasm nothing.
            <span class="theme-icon" aria-hidden="true"></span>
        </button>
    }
}

/// Whether the page shows the dark theme now: the reader's choice on `<html>`, else the system's.
fn is_dark() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let chosen = window
            .document()
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("data-theme"));
        match chosen.as_deref() {
            Some("dark") => true,
            Some("light") => false,
            _ => window
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches()),
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Shows the chosen theme and remembers it.
fn choose(dark: bool) {
    let value = if dark { "dark" } else { "light" };
    crate::platform::storage_set(THEME_KEY, value);
    #[cfg(target_arch = "wasm32")]
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("data-theme", value);
    }
}
