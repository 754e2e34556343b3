//! What a search found, and the door to Pagefind behind it. In release builds this is a wasm
//! module of its own (`components::lazy`), fetched when a reader first focuses a search box or
//! opens `/search`: a page that is only read carries no byte of search.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::api::load::Load;
use crate::api::{search, ApiError};
use crate::components::link::Link;
use crate::components::loaded::{loaded, Skeleton};
use crate::components::safe_html::SafeHtml;
use crate::i18n::{format_day, results_label, use_lang};
use crate::model::config::Config;
use crate::model::dates::PostDate;
use crate::model::search::{Found, Hit, Query, RESULTS_STEP};
use crate::platform::{base_path, link_to};

crate::split_fn!(
    search,
    /// The results of the URL's search (`query`), searched again whenever it changes; `searching`
    /// counts the searches running.
    pub fn search_results(query: Memo<Query>, searching: RwSignal<u32>) -> AnyView {
        view! { <Searched query searching/> }.into_any()
    }
);

crate::split_fn!(
    search,
    /// Starts loading Pagefind and the index of the reader's language in the background.
    pub fn warm_search(base: String, lang: &'static str, timeout_ms: u32) -> () {
        search::preload(&base, lang, timeout_ms)
    }
);

crate::split_fn!(
    search,
    /// Fetches the index chunks a search for `text` will need, while the reader types.
    pub fn preload_words(text: String) -> () {
        search::preload_words(&text)
    }
);

/// The searching itself: one search per query, grown by "More results".
#[component]
fn Searched(
    /// The search the URL holds.
    query: Memo<Query>,
    /// How many searches are running, this view's among them.
    searching: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let timeout = expect_context::<Config>().request_timeout_ms;
    // "More results" grows the list of the query it was pressed for; a new query starts over.
    let more = RwSignal::new((Query::default(), RESULTS_STEP));
    let count = move || {
        more.with(|(q, n)| {
            if query.with(|cur| cur == q) {
                *n
            } else {
                RESULTS_STEP
            }
        })
    };
    let results = Load::new(
        move || (query.get(), count(), lang.get()),
        move |(q, count, lang)| async move {
            searching.try_update(|n| *n += 1);
            let found = search::search(&base_path(), lang.tag(), &q, count, timeout).await;
            searching.try_update(|n| *n = n.saturating_sub(1));
            Ok::<_, ApiError>((q, found?))
        },
    );
    loaded(results, Skeleton::List, move |(q, found)| {
        view! { <Results query=q found more/> }
    })
}

/// What a search found: a count, the results, "More results"; or why there are none.
#[component]
fn Results(
    /// The search these results are for.
    query: Query,
    /// What it found.
    found: Found,
    /// "More results" sets this to the query and the number of results to show.
    more: RwSignal<(Query, usize)>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let href = link_to(&query.href());
    if query.is_empty() {
        return EitherOf3::A(view! {
            <div class="search-found" data-for=href>
                <p class="search-state">{move || t().search_empty}</p>
            </div>
        });
    }
    let filtered = query.label.is_some() || query.year.is_some();
    if found.total == 0 {
        let unfiltered = Query {
            label: None,
            year: None,
            ..query.clone()
        };
        return EitherOf3::B(view! {
            <div class="search-found search-state" role="status" data-for=href>
                <p><strong>{move || t().search_none} " “" {query.text.clone()} "”"</strong></p>
                <p>{move || t().search_none_hint}</p>
                {filtered.then(|| view! { <p><Link href=unfiltered.href()>{move || t().search_clear_filters}</Link></p> })}
            </div>
        });
    }
    let total = found.total;
    let shown = found.hits.len();
    let has_more = found.has_more();
    let text = query.text.clone();
    EitherOf3::C(view! {
        <div class="search-found" data-for=href>
        <p class="search-count" role="status">{move || results_label(lang.get(), total as u64)} " “" {text.clone()} "”"</p>
        <ol class="search-hits">
            {found.hits.into_iter().map(|hit| view! { <HitView hit/> }).collect_view()}
        </ol>
        {has_more.then(|| view! {
            <button type="button" class="more-results"
                on:click=move |_| more.set((query.clone(), shown + RESULTS_STEP))>
                {move || t().search_more}
            </button>
        })}
        </div>
    })
}

/// One result: title, date, labels and the passage that matched.
#[component]
fn HitView(
    /// The post found.
    hit: Hit,
) -> impl IntoView {
    let lang = use_lang();
    let day = hit.date.as_deref().and_then(PostDate::parse).map(|d| d.day);
    let labels = (!hit.labels.is_empty()).then(|| hit.labels.join(" · "));
    view! {
        <li class="search-hit" lang=hit.lang.clone()>
            <h2><Link href=hit.path.clone()>{hit.title.clone()}</Link></h2>
            <p class="post-meta">
                {day.map(|d| view! { <time datetime=d.to_string()>{move || format_day(lang.get(), d)}</time> })}
                {labels.map(|l| view! { <span class="hit-labels">{l}</span> })}
            </p>
            <SafeHtml html=hit.excerpt class="hit-excerpt"/>
        </li>
    }
}
