//! `/p/:slug`: a standing page (About, Contact, Send us a tip), outside the chronology: its
//! title and body, no date, byline, labels, neighbours or comments.

use frontera_wire::layout::slug_part;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::load::Load;
use crate::api::{fetch_page, ApiError};
use crate::components::live_title;
use crate::components::loaded::{loaded, Skeleton};
use crate::components::safe_html::{PlainText, SafeHtml};
use crate::i18n::use_lang;
use crate::model::config::Config;
use crate::model::post::{Body, Post};
use crate::pages::not_found::NotFound;

/// A standing page's own route.
#[component]
pub fn StandingPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Signal::derive(move || {
        params.with(|p| {
            let slug = p.get("slug")?;
            slug_part(slug.strip_suffix(".html").unwrap_or(&slug))
        })
    });
    let cfg = expect_context::<Config>();
    let res = Load::new(
        move || slug.get(),
        move |slug| {
            let cfg = cfg.clone();
            async move { fetch_page(&cfg, &slug.ok_or(ApiError::NotFound)?).await }
        },
    );
    // The document title is the route's, as on a post's page (src/pages/post.rs says why).
    let doc_title = move || {
        res.with(|r| match r {
            Some(Ok(page)) => page.title.clone().unwrap_or_default(),
            _ => String::new(),
        })
    };
    view! {
        <Title text=live_title(doc_title)/>
        <Show when=move || slug.with(Option::is_some) && !res.missing() fallback=NotFound>
            {loaded(res, Skeleton::Article, |page| view! { <PageBody page/> })}
        </Show>
    }
}

/// The loaded page: its title and its body, sanitised like every body (`SafeHtml`).
#[component]
fn PageBody(page: Post) -> impl IntoView {
    let lang = use_lang();
    let Post {
        title,
        body,
        summary,
        language,
        base,
        ..
    } = page;
    let content_lang = language.clone().unwrap_or_default();
    let body = match body {
        Body::Html(html) => view! { <SafeHtml html lang=content_lang base/> }.into_any(),
        Body::Text(text) => view! { <PlainText text lang=content_lang/> }.into_any(),
        Body::Empty => ().into_any(),
    };
    view! {
        // The Open Graph and Twitter tags (og:type website) are in the prerendered head.
        <Meta name="description" content=summary.unwrap_or_default()/>
        <article class="post standing-page" lang=language>
            <header class="post-header">
                <h1 class="post-title">
                    {move || title.clone().unwrap_or_else(|| lang.get().t().untitled.to_string())}
                </h1>
            </header>
            {body}
        </article>
    }
}
