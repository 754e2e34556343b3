//! The page frame: header, sidebar widgets and footer, after the classic Blogger layout.

use crate::platform::link_to;
use leptos::prelude::*;
use leptos_router::components::A;

use super::loaded::{loaded, Skeleton};
use super::search_box::SearchBox;
use crate::api::load::Load;
use crate::api::{fetch_archive, fetch_labels, fetch_pages};
use crate::i18n::{count_label, format_month, format_number, month_name, use_lang, LangCtx};
use crate::model::config::Config;

/// Blog title, tagline, the language switch, and the links to the standing pages.
#[component]
pub fn Masthead() -> impl IntoView {
    let cfg = expect_context::<Config>();
    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <div class="brand">
                    <A href=link_to("/") attr:class="site-title">{cfg.title.clone()}</A>
                    {(!cfg.tagline.is_empty()).then(|| view! { <p class="tagline">{cfg.tagline.clone()}</p> })}
                </div>
                <SearchBox/>
                <div class="masthead-tools">
                    <super::theme::ThemeToggle/>
                    <LangSwitch/>
                </div>
            </div>
            <PagesNav/>
        </header>
    }
}

/// Links to the standing pages (About, Contact…), as Blogger's Pages widget shows them: ordinary
/// links, in the prerendered page too. Nothing while the index loads, when there are no pages, or
/// when the index cannot be read (the page's own content says what went wrong, not the masthead).
#[component]
pub fn PagesNav() -> impl IntoView {
    let lang = use_lang();
    let cfg = expect_context::<Config>();
    let res = Load::new(
        || (),
        move |()| {
            let cfg = cfg.clone();
            async move { fetch_pages(&cfg).await }
        },
    );
    move || {
        let pages = res.get().and_then(Result::ok).filter(|p| !p.is_empty())?;
        Some(view! {
            <nav class="pages-nav" aria-label=move || lang.get().t().pages_nav>
                <ul>
                    {pages.into_iter().map(|p| view! {
                        <li><A href=link_to(&p.path) attr:lang=p.language>{p.title}</A></li>
                    }).collect_view()}
                </ul>
            </nav>
        })
    }
}

/// Switches the interface language; the choice is remembered in this browser.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let ctx = expect_context::<LangCtx>();
    let lang = ctx.lang;
    view! {
        <button
            type="button"
            class="lang-switch"
            lang=move || lang.get().other().tag()
            aria-label=move || lang.get().t().switch_label
            on:click=move |_| ctx.choose.run(lang.get_untracked().other())
        >
            {move || lang.get().t().switch_to}
        </button>
    }
}

/// The sidebar: tips box, archive and labels.
#[component]
pub fn Sidebar() -> impl IntoView {
    // The prerenderer writes a sidebar it already rendered for a page with the same current
    // links (`sidebar_cache`), noting the documents it was made from as read.
    #[cfg(not(target_arch = "wasm32"))]
    {
        let location = leptos_router::hooks::use_url().with_untracked(|u| u.path().to_string());
        if let Some(html) = super::sidebar_cache::for_location(&location) {
            super::sidebar_cache::note_documents(&expect_context::<Config>());
            return leptos::either::Either::Left(leptos::tachys::html::InertElement::new(html));
        }
        leptos::either::Either::Right(sidebar_view())
    }
    #[cfg(target_arch = "wasm32")]
    sidebar_view()
}

fn sidebar_view() -> impl IntoView {
    let lang = use_lang();
    view! {
        <aside class="sidebar" aria-label=move || lang.get().t().sidebar>
            <TipsBox/>
            <ArchiveWidget/>
            <LabelsWidget/>
        </aside>
    }
}

/// Invites anonymous tips with photos, videos, notes or links.
#[component]
pub fn TipsBox() -> impl IntoView {
    let lang = use_lang();
    let tips = expect_context::<Config>().tips;
    // With nowhere to send a tip, the box would only frustrate.
    if tips.email.is_none()
        && tips
            .url
            .as_deref()
            .and_then(crate::model::post::safe_http_url)
            .is_none()
    {
        return None;
    }
    let email = tips.email.map(|e| {
        let href = format!("mailto:{e}");
        view! { <a class="button" href=href>{move || lang.get().t().tips_email}</a> }
    });
    let url = tips.url.as_deref().and_then(crate::model::post::safe_http_url).map(|u| {
        view! { <a class="button" href=u rel="noopener noreferrer">{move || lang.get().t().tips_link}</a> }
    });
    Some(view! {
        <section class="widget tips">
            <h2 class="widget-title">{move || lang.get().t().tips_title}</h2>
            <p>{move || lang.get().t().tips_body}</p>
            <p class="tips-actions">{email} {url}</p>
        </section>
    })
}

/// Years and months with post counts; each year folds open. Hidden for feeds without an archive.
#[component]
pub fn ArchiveWidget() -> impl IntoView {
    let lang = use_lang();
    let cfg = expect_context::<Config>();
    let has_archive = cfg.has_data_root();
    let res = Load::new(
        || (),
        move |()| {
            let cfg = cfg.clone();
            async move { fetch_archive(&cfg).await }
        },
    );
    has_archive.then(|| view! {
            <section class="widget archive-widget">
                <h2 class="widget-title">
                    <A href=link_to("/archive")>{move || lang.get().t().blog_archive}</A>
                </h2>
                {loaded(res, Skeleton::Widget, move |years| {
                    let years = years.unwrap_or_default();
                    view! {
                        <ul class="archive-years">
                            {years.into_iter().enumerate().map(|(i, y)| {
                                // A closed year's months enter the DOM when it is first opened:
                                // an archive of a century would otherwise put 1,200 links on
                                // every page (docs/benchmarks.md, scale).
                                let opened = RwSignal::new(i == 0);
                                let months = y.months;
                                view! {
                                    <li>
                                        <details open=i == 0 on:toggle=move |_| opened.set(true)>
                                            <summary>
                                                {y.year} " "
                                                <span class="count">"(" {move || format_number(lang.get(), y.count)} ")"</span>
                                            </summary>
                                            {move || opened.get().then(|| view! {
                                                <ul class="archive-months">
                                                    {months.clone().into_iter().map(|m| view! {
                                                        <li>
                                                            <A href=link_to(&m.path) attr:aria-label=move || format_month(lang.get(), y.year, m.month)>
                                                                {move || month_name(lang.get(), m.month)}
                                                            </A>
                                                            " "
                                                            <span class="count" aria-label=move || count_label(lang.get(), m.count)>
                                                                "(" {move || format_number(lang.get(), m.count)} ")"
                                                            </span>
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                        </details>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })}
            </section>
    })
}

/// Labels with their post counts, most used first.
#[component]
pub fn LabelsWidget() -> impl IntoView {
    let lang = use_lang();
    let cfg = expect_context::<Config>();
    let has_labels = cfg.has_data_root();
    let res = Load::new(
        || (),
        move |()| {
            let cfg = cfg.clone();
            async move { fetch_labels(&cfg).await }
        },
    );
    has_labels.then(|| view! {
            <section class="widget labels-widget">
                <h2 class="widget-title">{move || lang.get().t().labels}</h2>
                {loaded(res, Skeleton::Widget, move |labels| view! {
                    <ul class="label-cloud">
                        {labels.unwrap_or_default().into_iter().map(|l| view! {
                            <li>
                                <A href=link_to(&l.path)>{l.name}</A>
                                " "
                                <span class="count">"(" {move || format_number(lang.get(), l.count)} ")"</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </section>
    })
}

/// The footer.
#[component]
pub fn Footer() -> impl IntoView {
    let lang = use_lang();
    let title = expect_context::<Config>().title;
    view! {
        <footer class="site-footer">
            <p>{title} " · " {move || lang.get().t().footer_note}</p>
            <p><A href=link_to("/archive")>{move || lang.get().t().archive}</A></p>
        </footer>
    }
}
