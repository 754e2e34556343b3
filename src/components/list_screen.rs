//! A list route: heading, posts under day headers, paging.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::live_title;
use super::loaded::{loaded, Skeleton};
use super::post_list::PostList;
use crate::api::load::Load;
use crate::api::{fetch_list, ApiError, ListKind};
use crate::i18n::{format_number, use_lang};
use crate::model::config::Config;
use crate::pages::not_found::NotFound;

/// Loads and shows page N of a list. `target` is `None` when the URL names no valid page, which
/// shows the not-found view.
#[component]
pub fn ListScreen(
    /// The list and page the URL names.
    #[prop(into)]
    target: Signal<Option<(ListKind, u32)>>,
    /// The page heading (also the document title).
    #[prop(into)]
    heading: Signal<String>,
    /// Keep the heading for screen readers only (the home page, whose title is in the masthead).
    #[prop(optional)]
    hide_heading: bool,
) -> impl IntoView {
    let lang = use_lang();
    let cfg = expect_context::<Config>();
    // Copies, read by a view the not-found check may build again.
    let blog = StoredValue::new(cfg.title.clone());
    let tagline = StoredValue::new(cfg.tagline.clone());
    let res = Load::new(
        move || target.get(),
        move |target| {
            let cfg = cfg.clone();
            async move {
                let (kind, page) = target.ok_or(ApiError::NotFound)?;
                fetch_list(&cfg, &kind, page).await.map(|data| (kind, data))
            }
        },
    );
    let page_suffix = move || match target.get() {
        Some((_, n)) if n > 1 => format!(
            " · {} {}",
            lang.get().t().page_n,
            format_number(lang.get(), u64::from(n))
        ),
        _ => String::new(),
    };
    let title = move || format!("{}{}", heading.get(), page_suffix());
    // The home list's heading is the blog's name, which the title formatter adds anyway:
    // "Page 2 · Blog", not "Blog · Page 2 · Blog".
    let doc_title = move || match target.get() {
        Some((_, n)) if hide_heading && n > 1 => {
            format!(
                "{} {}",
                lang.get().t().page_n,
                format_number(lang.get(), u64::from(n))
            )
        }
        _ => title(),
    };
    // A list with no such page (`/label/nonexistent`, `/page/99`) is the not-found page, as the
    // host's 404.html already was before the app took over.
    view! {
        <Show when=move || !res.missing() fallback=NotFound>
            <Title text=live_title(doc_title)/>
            <Meta name="description" content=move || if hide_heading { tagline.get_value() } else { title() }/>
            <h1 class="list-heading" class:visually-hidden=hide_heading>{title}</h1>
            {loaded(res, Skeleton::List, move |(kind, page)| view! { <PostList page kind blog=blog.get_value()/> })}
        </Show>
    }
}
