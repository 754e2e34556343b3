//! `/archive`: every year and month with its post count.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api::load::Load;
use crate::api::{fetch_archive, ApiError};
use crate::components::link::Link;
use crate::components::live_title;
use crate::components::loaded::{loaded, Skeleton};
use crate::i18n::{count_label, format_month, month_name, use_lang};
use crate::model::config::Config;

/// The archive overview.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let lang = use_lang();
    let cfg = expect_context::<Config>();
    let tagline = cfg.tagline.clone();
    let res = Load::new(
        || (),
        move |()| {
            let cfg = cfg.clone();
            // A plain JSON Feed has no archive: that is "not found", not an empty archive.
            async move { fetch_archive(&cfg).await?.ok_or(ApiError::NotFound) }
        },
    );
    view! {
        <Title text=live_title(move || lang.get().t().archive.to_string())/>
        <Meta name="description" content=tagline/>
        <h1 class="list-heading">{move || lang.get().t().blog_archive}</h1>
        {loaded(res, Skeleton::List, move |years| view! {
            <div class="archive-overview">
                {years.into_iter().map(|y| view! {
                    <section class="archive-year">
                        <h2>{y.year} " " <span class="count">{move || count_label(lang.get(), y.count)}</span></h2>
                        <ul>
                            {y.months.into_iter().map(|m| view! {
                                <li>
                                    // Named with its year: a screen reader's list of links
                                    // would read "November" once per year.
                                    <Link href=m.path attr:aria-label=move || format_month(lang.get(), y.year, m.month)>
                                        {move || month_name(lang.get(), m.month)}
                                    </Link>
                                    " · " <span class="count">{move || count_label(lang.get(), m.count)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                }).collect_view()}
            </div>
        })}
    }
}
