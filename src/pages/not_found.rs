//! Any URL that is not a route.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::link::Link;
use crate::components::live_title;
use crate::i18n::use_lang;

/// The not-found page.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=live_title(move || lang.get().t().page_not_found_title.to_string())/>
        <Meta name="robots" content="noindex"/>
        <section class="error-view" data-error="not-found">
            <h1>{move || lang.get().t().page_not_found_title}</h1>
            <p>{move || lang.get().t().page_not_found_body}</p>
            <p class="error-actions">
                <Link href="/">{move || lang.get().t().go_home}</Link>
                <Link href="/archive">{move || lang.get().t().archive}</Link>
            </p>
        </section>
    }
}
