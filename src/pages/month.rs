//! `/archive/:year/:month` and its pages: one month of posts.

use frontera_wire::layout::{month, page_number, year};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::ListKind;
use crate::components::list_screen::ListScreen;
use crate::i18n::{format_month, use_lang};
use crate::pages::not_found::NotFound;

/// One month of the archive.
#[component]
pub fn MonthPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let target = Signal::derive(move || {
        params.with(|p| {
            let year = year(&p.get("year")?)?;
            let month = month(&p.get("month")?)?;
            let page = p.get("n").map_or(Some(1), |n| page_number(&n))?;
            Some((ListKind::Month { year, month }, page))
        })
    });
    let heading = Signal::derive(move || match target.get() {
        Some((ListKind::Month { year, month }, _)) => {
            format!(
                "{} {}",
                lang.get().t().posts_from,
                format_month(lang.get(), year, month)
            )
        }
        _ => lang.get().t().archive.to_string(),
    });
    view! {
        <Show when=move || target.with(Option::is_some) fallback=NotFound>
            <ListScreen target heading/>
        </Show>
    }
}
