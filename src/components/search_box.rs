//! The search box of the masthead, on every page.
//!
//! An ordinary GET form to `/search` (so it works without JavaScript: that page then says search
//! needs it). In the app, submitting navigates on the client, and focusing the box starts loading
//! the search code and index, so the results are quick to come; a page the reader only reads
//! loads none of it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::search_results::warm_search;
use crate::i18n::use_lang;
use crate::model::config::Config;
use crate::model::search::Query;
use crate::platform::{base_path, link_to};
use frontera_wire::layout::Route;

/// Starts loading Pagefind in the background, once per page life (the reader is about to
/// search): call from the component, use the returned closure in the focus handler.
pub fn warm_up() -> impl Fn() + Copy + 'static {
    let timeout = expect_context::<Config>().request_timeout_ms;
    let lang = use_lang();
    let warmed = StoredValue::new(false);
    move || {
        if !warmed.get_value() {
            warmed.set_value(true);
            let lang = lang.get_untracked().tag();
            leptos::task::spawn_local(async move {
                let _ = warm_search(base_path(), lang, timeout).await;
            });
        }
    }
}

/// The masthead's search form.
#[component]
pub fn SearchBox() -> impl IntoView {
    let lang = use_lang();
    let input = NodeRef::<leptos::html::Input>::new();
    // Captured here, in the component's owner: the router's navigate needs its context.
    let navigate = use_navigate();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = input.get().map(|i| i.value()).unwrap_or_default();
        let query = Query::from_params(Some(&text), None, None);
        // The router adds the base path itself (unlike an href).
        navigate(&query.href(), NavigateOptions::default());
    };
    let warm = warm_up();
    view! {
        <form class="search-box" role="search" method="get" action=link_to(&Route::Search.path())
            aria-label=move || lang.get().t().search_label on:submit=on_submit>
            <label class="visually-hidden" for="site-search">{move || lang.get().t().search_label}</label>
            <input id="site-search" type="search" name="q" node_ref=input autocomplete="off"
                maxlength="200" enterkeyhint="search"
                placeholder=move || lang.get().t().search_placeholder on:focus=move |_| warm()/>
            <button type="submit">{move || lang.get().t().search}</button>
        </form>
    }
}
