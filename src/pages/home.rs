//! `/` and `/page/:n`: the newest posts, Blogger style.

use frontera_wire::layout::page_number;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::ListKind;
use crate::components::list_screen::ListScreen;
use crate::model::config::Config;
use crate::pages::not_found::NotFound;

/// The home list.
#[component]
pub fn HomePage() -> impl IntoView {
    let params = use_params_map();
    let target = Signal::derive(move || {
        let page = params.with(|p| p.get("n").map_or(Some(1), |n| page_number(&n)))?;
        Some((ListKind::Home, page))
    });
    let title = expect_context::<Config>().title;
    view! {
        <Show when=move || target.with(Option::is_some) fallback=NotFound>
            <ListScreen target heading=Signal::stored(title.clone()) hide_heading=true/>
        </Show>
    }
}
