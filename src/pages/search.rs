//! `/search?q=…&label=…&year=…`: every post searched in both languages (Pagefind).
//!
//! The URL is the search: typing refines it (the URL follows a moment after the last key; the
//! first pause after a submitted or arrived-at search makes a new history entry, later ones
//! replace it), submitting or choosing a filter makes a new entry, and the
//! results are derived from the URL alone, so back, forward, reload and a shared link all show
//! the same results. The prerendered page holds the form (a plain GET form) and says that search
//! needs JavaScript; results exist only in a browser.

use std::time::Duration;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::api::load::Load;
use crate::api::{fetch_archive, fetch_labels, ApiError};
use crate::app::Interactive;
use crate::components::lazy::lazy_view;
use crate::components::link::route_query;
use crate::components::live_title;
use crate::components::loaded::{skeleton_view, Skeleton};
use crate::components::search_box::warm_up;
use crate::components::search_results::{preload_words, search_results};
use crate::i18n::use_lang;
use crate::model::config::Config;
use crate::model::search::{typing_pause_ms, Query};
use crate::platform::link_to;
use frontera_wire::layout::Route;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let cfg = expect_context::<Config>();
    let interactive = expect_context::<Interactive>().0;
    // How many searches are running: typing waits for them (`SearchForm`).
    let searching = RwSignal::new(0u32);
    // From the route's own copy of the URL, not the router's app-long one (components::link).
    let query =
        route_query(|p| Query::from_params(p.get_str("q"), p.get_str("label"), p.get_str("year")));
    let heading = move || {
        let t = lang.get().t();
        query.with(|q| {
            if q.is_empty() {
                t.search_title.to_string()
            } else {
                format!("{} “{}”", t.search_title, q.text)
            }
        })
    };
    view! {
        <Title text=live_title(heading)/>
        <Meta name="robots" content="noindex"/>
        <Meta name="description" content=cfg.tagline.clone()/>
        <h1 class="list-heading">{move || lang.get().t().search_title}</h1>
        <SearchForm query searching/>
        // Read only where scripts do not run; the app never shows it.
        <noscript><p class="search-state">{move || lang.get().t().search_needs_js}</p></noscript>
        <section class="search-results" aria-label=move || lang.get().t().search_results
            aria-busy=move || (searching.get() > 0).then_some("true")>
            {move || interactive.get().then(|| view! { <LazyResults query searching/> })}
        </section>
    }
}

/// The results, from the search module: fetched the first time (a failed fetch says so, with a
/// retry), a skeleton meanwhile.
#[component]
fn LazyResults(
    /// The search the URL holds.
    query: Memo<Query>,
    /// How many searches are running (this view counts its own).
    searching: RwSignal<u32>,
) -> impl IntoView {
    lazy_view(
        move || search_results(query, searching),
        || skeleton_view(Skeleton::List).into_any(),
        |error| error,
    )
}

/// The words and the filters. A plain GET form to this page; in the app it updates the URL.
#[component]
fn SearchForm(
    /// The search the URL holds.
    query: Memo<Query>,
    /// How many searches are running: a pause in typing waits until there are none.
    searching: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let cfg = expect_context::<Config>();
    let interactive = expect_context::<Interactive>().0;
    let (words, label, year) = (
        NodeRef::<leptos::html::Input>::new(),
        NodeRef::<leptos::html::Select>::new(),
        NodeRef::<leptos::html::Select>::new(),
    );
    // The filter choices come from the site's own indexes (already loaded for the sidebar).
    let cfg2 = cfg.clone();
    let labels = Load::new(
        || (),
        move |()| {
            let cfg = cfg2.clone();
            async move { Ok::<_, ApiError>(fetch_labels(&cfg).await.ok().flatten().unwrap_or_default()) }
        },
    );
    let years = Load::new(
        || (),
        move |()| {
            let cfg = cfg.clone();
            async move {
                Ok::<_, ApiError>(fetch_archive(&cfg).await.ok().flatten().unwrap_or_default())
            }
        },
    );
    let navigate = use_navigate();
    let read_form = move || {
        let value = |v: Option<String>| v.filter(|v| !v.is_empty());
        Query::from_params(
            words.get_untracked().map(|i| i.value()).as_deref(),
            value(label.get_untracked().map(|s| s.value())).as_deref(),
            value(year.get_untracked().map(|s| s.value())).as_deref(),
        )
    };
    // The search of the history entry that typing made, when the current entry is one. Typing
    // refines its own entry in place, but never overwrites a search that was submitted or that
    // the reader arrived at (a link, reload, back, forward): the first pause after such a search
    // makes a new entry, so back returns to it.
    let typed = StoredValue::new(None::<Query>);
    // Whether the URL's next change is the one `go` just asked for; any other change (back,
    // forward, the masthead's box) lands on a search that typing must not overwrite.
    let own_change = StoredValue::new(false);
    Effect::new(move |_| {
        query.track();
        if !own_change.get_value() {
            typed.set_value(None);
        }
        own_change.set_value(false);
    });
    let go = move |push: bool| {
        let q = read_form();
        let here = query.get_untracked();
        if q != here {
            let replace = !push && typed.with_value(|t| t.as_ref() == Some(&here));
            let options = NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            };
            own_change.set_value(true);
            // The router adds the base path itself (unlike an href).
            navigate(&q.href(), options);
            typed.set_value((!push).then_some(q));
        } else if push {
            typed.set_value(None);
        }
    };
    // The box shows the URL's words: once the app has taken over the page, and whenever the URL
    // changes from outside (back, forward, the masthead's box). What the reader is typing is left
    // alone while it means the same search. (The filters follow the URL by their options'
    // `prop:selected`, which also holds for options that arrive after the URL changed.)
    Effect::new(move |_| {
        let q = query.get();
        if !interactive.get() {
            return;
        }
        if let Some(i) = words.get() {
            if Query::from_params(Some(&i.value()), None, None).text != q.text {
                i.set_value(&q.text);
            }
        }
    });
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    // A pause that came while a search was running: the URL follows once it has ended. Pagefind
    // searches one at a time and cannot drop one it has begun, so searching every pause queued
    // them: a reader typing "crossing" at phone speed waited 13 s at 100,000 posts, 4 s pasted
    // (docs/benchmarks.md, "Search as a reader types").
    let deferred = StoredValue::new(false);
    let go_later = go.clone();
    Effect::new(move |_| {
        if searching.get() == 0 && deferred.get_value() {
            deferred.set_value(false);
            go_later(false);
        }
    });
    let go_typed = go.clone();
    let on_input = move |_| {
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        deferred.set_value(false);
        let text = words.get_untracked().map(|i| i.value()).unwrap_or_default();
        let pause = Duration::from_millis(typing_pause_ms(&text).into());
        // The index chunks for the words so far, while the reader types (Pagefind caches them).
        leptos::task::spawn_local(async move {
            let _ = preload_words(text).await;
        });
        let go = go_typed.clone();
        let paused = move || {
            if searching.get_untracked() > 0 {
                deferred.set_value(true);
            } else {
                go(false);
            }
        };
        pending.set_value(set_timeout_with_handle(paused, pause).ok());
    };
    let go_submit = go.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        go_submit(true);
    };
    let warm = warm_up();
    let go_year = go.clone();
    let t = move || lang.get().t();
    view! {
        <form class="search-form" role="search" method="get" action=link_to(&Route::Search.path())
            on:submit=on_submit>
            <label class="visually-hidden" for="search-q">{move || t().search_label}</label>
            <input id="search-q" type="search" name="q" node_ref=words autocomplete="off" maxlength="200"
                enterkeyhint="search" placeholder=move || t().search_placeholder
                on:input=on_input on:focus=move |_| warm()/>
            <button type="submit">{move || t().search}</button>
            <div class="search-filters">
                <label>
                    <span>{move || t().search_label_filter}</span>
                    <select name="label" node_ref=label on:change=move |_| go(true)>
                        // Each option says whether the URL chose it, so the select follows the URL
                        // (back, forward, a shared link), also when the options arrive after it.
                        <option value="" prop:selected=move || query.with(|q| q.label.is_none())>
                            {move || t().search_any_label}
                        </option>
                        {move || labels.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            .map(|l| {
                                let chosen = l.name.clone();
                                view! {
                                    <option value=l.name.clone()
                                        prop:selected=move || query.with(|q| q.label.as_deref() == Some(chosen.as_str()))>
                                        {l.name.clone()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <span>{move || t().search_year_filter}</span>
                    <select name="year" node_ref=year on:change=move |_| go_year(true)>
                        <option value="" prop:selected=move || query.with(|q| q.year.is_none())>
                            {move || t().search_any_year}
                        </option>
                        {move || years.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            .map(|y| {
                                let chosen = y.year.to_string();
                                view! {
                                    <option value=y.year.to_string()
                                        prop:selected=move || query.with(|q| q.year.as_deref() == Some(chosen.as_str()))>
                                        {y.year}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
        </form>
    }
}
