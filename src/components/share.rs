//! "Share this post", under a post: the device's share sheet where the browser has one
//! (`navigator.share`), otherwise links to WhatsApp, Facebook, X, Telegram and email; and
//! "copy link" with a confirmation a screen reader announces.
//!
//! The links are ordinary `<a href>` in the prerendered page, so they work without JavaScript;
//! the buttons need it, and the stylesheet hides them when scripting is off. Every one of them
//! carries the post's canonical URL (`seo::canonical_url`), never the address bar's, which may
//! hold a query, a fragment or another host.

use leptos::prelude::*;

use super::seo::canonical_url;
use crate::app::Interactive;
use crate::i18n::use_lang;
use crate::model::config::Config;
use crate::model::share::Service;

/// What the copy button last did.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Done,
    Failed,
}

/// The share links and buttons of one post. Nothing when config.json has no `site_url` (there
/// is no absolute URL to share).
#[component]
pub fn Share(
    /// The post's app path, e.g. `/2024/03/garita-vieja`.
    #[prop(into)]
    path: String,
    /// The post's title, as the text that goes with the link.
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let lang = use_lang();
    let url = canonical_url(&expect_context::<Config>(), &path)?;
    let interactive = use_context::<Interactive>().map_or(Signal::stored(true), |i| i.0);
    // The share sheet exists or not for the whole visit: asked once the app is interactive, so
    // the prerendered page and its hydration both show the links (and work without JavaScript).
    let native = Memo::new(move |_| interactive.get() && has_share_sheet());
    let copied = RwSignal::new(Copied::Not);

    let links = Service::ALL
        .iter()
        .map(|&s| {
            let text = move || match s {
                Service::Email => lang.get().t().share_email,
                _ => s.name(),
            };
            view! {
                <li class="share-service">
                    <a class="share-link" href=s.link(&url, &title) data-service=s.name()
                        target="_blank" rel="noopener noreferrer">
                        {text}
                    </a>
                </li>
            }
        })
        .collect_view();
    let share = {
        let (url, title) = (url.clone(), title.clone());
        move |_| open_share_sheet(&url, &title)
    };
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            copied.set(Copied::Not);
            leptos::task::spawn_local(async move {
                copied.set(if copy_text(&url).await {
                    Copied::Done
                } else {
                    Copied::Failed
                });
            });
        }
    };
    Some(view! {
        <section class="share" aria-labelledby="share-title" data-url=url.clone()>
            <h2 id="share-title" class="share-title">{move || lang.get().t().share_title}</h2>
            // With a share sheet its button stands for the links (hidden, not removed: the
            // page keeps the shape it was prerendered with).
            <ul class="share-links" class:native=move || native.get()>
                <li hidden=move || !native.get()>
                    <button type="button" class="share-native" on:click=share>
                        {move || lang.get().t().share_native}
                    </button>
                </li>
                {links}
                <li>
                    <button type="button" class="share-copy" on:click=copy>
                        {move || lang.get().t().share_copy}
                    </button>
                </li>
            </ul>
            <p class="share-status" role="status">
                {move || match copied.get() {
                    Copied::Not => "",
                    Copied::Done => lang.get().t().share_copied,
                    Copied::Failed => lang.get().t().share_copy_failed,
                }}
            </p>
        </section>
    })
}

/// Whether the browser has a share sheet (`navigator.share`: phones, and desktop browsers on
/// some systems).
fn has_share_sheet() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false))
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// Opens the device's share sheet with the post. A reader who closes it without sharing is not
/// an error worth a message.
fn open_share_sheet(url: &str, title: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(w) = web_sys::window() {
        let data = web_sys::ShareData::new();
        data.set_url(url);
        data.set_title(title);
        let promise = w.navigator().share_with_data(&data);
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (url, title);
}

/// Puts `text` on the clipboard; false when the browser refuses (no permission, insecure page).
async fn copy_text(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(w) = web_sys::window() else {
            return false;
        };
        let clipboard = w.navigator().clipboard();
        // Old browsers have no `navigator.clipboard`.
        if clipboard.is_undefined() {
            return false;
        }
        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
            .await
            .is_ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}
