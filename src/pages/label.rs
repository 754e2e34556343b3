//! `/label/:slug` and its pages: posts with one label.

use frontera_wire::layout::{page_number, slug_part};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::load::Load;
use crate::api::{fetch_labels, ApiError, ListKind};
use crate::components::list_screen::ListScreen;
use crate::i18n::use_lang;
use crate::model::archive::label_name;
use crate::model::config::Config;
use crate::pages::not_found::NotFound;

/// Posts with one label.
#[component]
pub fn LabelPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let target = Signal::derive(move || {
        params.with(|p| {
            let slug = slug_part(&p.get("slug")?)?;
            let page = p.get("n").map_or(Some(1), |n| page_number(&n))?;
            Some((ListKind::Label { slug }, page))
        })
    });
    // The label's name as written ("Migración"), from the labels index; the slug until it loads.
    let cfg = expect_context::<Config>();
    let labels = Load::new(
        || (),
        move |()| {
            let cfg = cfg.clone();
            async move { Ok::<_, ApiError>(fetch_labels(&cfg).await.ok().flatten().unwrap_or_default()) }
        },
    );
    let heading = Signal::derive(move || {
        let slug = match target.get() {
            Some((ListKind::Label { slug }, _)) => slug,
            _ => String::new(),
        };
        let name = labels
            .get()
            .and_then(Result::ok)
            .and_then(|l| label_name(&l, &slug).map(str::to_string))
            .unwrap_or(slug);
        format!("{} “{}”", lang.get().t().posts_labelled, name)
    });
    view! {
        <Show when=move || target.with(Option::is_some) fallback=NotFound>
            <ListScreen target heading/>
        </Show>
    }
}
