//! Component tests in headless Chromium (wasm-bindgen-test): each mounts a real view from
//! fixture data and checks the DOM it produced.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use frontera::api::load::Load;
use frontera::api::{ApiError, ListKind};
use frontera::components::error_view::{ErrorView, Failure};
use frontera::components::loaded::{loaded, Skeleton};
use frontera::components::post_list::PostList;
use frontera::components::post_view::PostArticle;
use frontera::components::safe_html::{
    sanitize_html, PlainText, SafeHtml, RELATIVE_BASE, RELATIVE_HTML, RELATIVE_RESOLVED,
};
use frontera::i18n::Lang;
use frontera::model::post::{page_from_feed, post_from_item};
use frontera_wire::{Feed, Item};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;

use common::{attrs, mount, texts, tick};

wasm_bindgen_test_configure!(run_in_browser);

fn fixture_feed() -> Feed {
    serde_json::from_str(include_str!("fixtures/feed-page.json")).expect("fixture parses")
}

/// The same cases as the prerenderer's test (src/components/safe_html.rs), through DOMPurify and
/// js/base-urls.js, plus `srcset`, which only the browser keeps.
#[wasm_bindgen_test]
fn sanitiser_resolves_relative_urls_against_the_base() {
    let clean = sanitize_html(RELATIVE_HTML, Some(RELATIVE_BASE));
    for (_, want) in RELATIVE_RESOLVED {
        assert!(clean.contains(want), "{want} not in {clean}");
    }
    let srcset = r#"srcset="https://feeds.example/2024/05/post/img/a.png 1x, https://feeds.example/2024/05/b.png 2x""#;
    assert!(clean.contains(srcset), "{clean}");
    // The base applies to that call only: without one, URLs are left as written.
    let clean = sanitize_html(RELATIVE_HTML, None);
    for kept in [r#"src="img/a.png""#, r#"href="../x""#, r##"href="#frag""##] {
        assert!(clean.contains(kept), "{kept} not in {clean}");
    }
}

/// A hostile comment server or feed cannot dress its HTML as the app's own: no classes, no roles.
#[wasm_bindgen_test]
fn sanitiser_drops_classes_and_roles() {
    let dirty = r#"<article class="comment"><p class="comment-author">The Editor</p></article><div class="boot boot-failed" role="alert">Reload</div>"#;
    let clean = sanitize_html(dirty, None);
    assert_eq!(
        clean,
        "<article><p>The Editor</p></article><div>Reload</div>"
    );
}

#[wasm_bindgen_test]
fn sanitiser_removes_script_handlers_and_script_urls() {
    let dirty = r#"<p>Kept <em>text</em></p><script>window.__pwned=1</script>
        <img src="x" onerror="window.__pwned=1"><a href="javascript:alert(1)">x</a>
        <a href="https://example.org/ok">ok</a><svg><script>1</script></svg><iframe src="https://example.org"></iframe>
        <form><input name="q"></form><p style="color:red" onclick="x()">styled</p>"#;
    let clean = sanitize_html(dirty, None);
    assert!(clean.contains("<p>Kept <em>text</em></p>"), "{clean}");
    assert!(
        clean.contains(r#"href="https://example.org/ok""#),
        "{clean}"
    );
    for bad in [
        "<script",
        "onerror",
        "javascript:",
        "<iframe",
        "<form",
        "<input",
        "style=",
        "onclick",
        "<svg",
    ] {
        assert!(
            !clean.to_lowercase().contains(bad),
            "{bad} survived in {clean}"
        );
    }
}

#[wasm_bindgen_test]
async fn safe_html_component_renders_clean_html_and_runs_nothing() {
    let el = mount(Lang::En, || {
        view! { <SafeHtml html=r#"<blockquote>Quote</blockquote><img src=x onerror="document.title='pwned'">"#/> }
    });
    tick(10).await;
    assert!(el.query_selector(".prose blockquote").unwrap().is_some());
    assert!(el.inner_html().contains("Quote"));
    assert!(!el.inner_html().contains("onerror"));
    assert_ne!(document().title(), "pwned");
}

#[wasm_bindgen_test]
fn plain_text_is_never_parsed_as_html() {
    let el = mount(
        Lang::En,
        || view! { <PlainText text="First &#8220;para&#8221;\n\n<b>second</b>"/> },
    );
    let paragraphs = el.query_selector_all("p").unwrap();
    assert_eq!(paragraphs.length(), 2);
    assert!(el.query_selector("b").unwrap().is_none());
    assert_eq!(
        el.text_content().unwrap(),
        "First &#8220;para&#8221;<b>second</b>"
    );
}

#[wasm_bindgen_test]
async fn post_list_groups_under_localised_day_headers() {
    for (lang, first_header, older) in [
        (Lang::En, "Friday, February 4, 2022", "Older posts"),
        (
            Lang::Es,
            "Viernes, 4 de febrero de 2022",
            "Entradas antiguas",
        ),
    ] {
        let page = page_from_feed(fixture_feed(), 1, None);
        let el = mount(
            lang,
            move || view! { <PostList page kind=ListKind::Home blog="La Línea"/> },
        );
        tick(10).await;
        let headers: Vec<String> = texts(&el, "h2.date-header");
        assert_eq!(headers.len(), 2, "{headers:?}");
        assert_eq!(headers[0], first_header);
        assert_eq!(el.query_selector_all("section.day").unwrap().length(), 2);
        assert_eq!(
            el.query_selector_all("section.day:first-child article.post")
                .unwrap()
                .length(),
            2
        );
        let pager = el
            .query_selector("nav.pager")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert!(pager.contains(older), "{pager}");
        assert!(
            el.query_selector("a[rel=prev]").unwrap().is_none(),
            "page 1 has no newer link"
        );
        let next = el.query_selector("a[rel=next]").unwrap().unwrap();
        assert_eq!(next.get_attribute("href").as_deref(), Some("/page/2"));
    }
}

#[wasm_bindgen_test]
async fn post_article_byline_source_and_labels() {
    let item = fixture_feed().items.remove(0);
    let post = post_from_item(item, true);
    let el = mount(
        Lang::En,
        move || view! { <PostArticle post blog="La Línea" standalone=true/> },
    );
    tick(10).await;
    let h1 = el.query_selector("h1.post-title").unwrap().unwrap();
    assert_eq!(h1.text_content().unwrap(), "Night shift at the old gate");
    let byline = el
        .query_selector(".byline")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(byline.starts_with("La Lechuza for La Línea"), "{byline}");
    let source = el.query_selector(".source a").unwrap().unwrap();
    assert_eq!(
        source.get_attribute("href").as_deref(),
        Some("https://example.org/log")
    );
    let labels: Vec<String> = attrs(&el, ".post-labels a", "href");
    assert_eq!(labels, vec!["/label/garita-vieja", "/label/migracion"]);
    assert!(el
        .query_selector("time[datetime='2022-02-04T23:10:00-07:00']")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn hostile_source_url_is_not_a_link() {
    let mut item = fixture_feed().items.remove(1);
    if let Some(ext) = item.ext.as_mut() {
        ext.source.as_mut().unwrap().url = Some("javascript:alert(1)".into());
    }
    let post = post_from_item(item, true);
    let el = mount(Lang::En, move || view! { <PostArticle post blog="B"/> });
    tick(10).await;
    assert!(el.query_selector(".source a").unwrap().is_none());
    assert!(el
        .query_selector(".source")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Reader tip"));
}

#[wasm_bindgen_test]
async fn error_views_are_translated_and_retry_only_where_it_helps() {
    let cases = [
        (ApiError::NotFound, "not-found", false),
        (ApiError::Network("offline".into()), "network", true),
        (ApiError::Timeout, "timeout", true),
        (ApiError::Server(503), "server", true),
        (ApiError::Malformed("eof".into()), "malformed", true),
    ];
    for (err, kind, has_retry) in cases {
        for lang in [Lang::En, Lang::Es] {
            let retried = RwSignal::new(0);
            let failure = Failure::Api(err.clone());
            let el = mount(lang, move || {
                view! { <ErrorView failure retry=Callback::new(move |()| retried.update(|n| *n += 1))/> }
            });
            tick(5).await;
            let view = el.query_selector(".error-view").unwrap().unwrap();
            assert_eq!(view.get_attribute("data-error").as_deref(), Some(kind));
            let title = view
                .query_selector(".error-title")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap();
            assert!(!title.is_empty());
            let button = view.query_selector("button").unwrap();
            assert_eq!(button.is_some(), has_retry, "{kind}");
            if let Some(b) = button {
                let label = b.text_content().unwrap();
                assert_eq!(
                    label,
                    if lang == Lang::En {
                        "Try again"
                    } else {
                        "Reintentar"
                    }
                );
                b.unchecked_into::<web_sys::HtmlElement>().click();
                assert_eq!(retried.get_untracked(), 1);
            }
        }
    }
}

/// A load whose documents are already here (a prerendered page being hydrated) renders its
/// content at once, with no skeleton first: what hydration needs to meet the server's HTML.
#[wasm_bindgen_test]
async fn a_ready_load_renders_without_a_skeleton() {
    let el = mount(Lang::En, || {
        let ready = Load::new(|| (), |()| async { Ok::<_, ApiError>("here".to_string()) });
        view! { <div id="r">{loaded(ready, Skeleton::List, |s: String| view! { <p class="ok">{s}</p> })}</div> }
    });
    assert!(
        el.query_selector("#r .skeleton").unwrap().is_none(),
        "{}",
        el.inner_html()
    );
    assert_eq!(
        el.query_selector("#r .ok")
            .unwrap()
            .map(|p| p.text_content().unwrap_or_default()),
        Some("here".to_string())
    );
}

/// Regression test: with two loads in flight, an error must reach its own boundary. (Awaiting in
/// `Suspend` sent the home list's error to the sidebar's boundary.)
#[wasm_bindgen_test]
async fn each_error_lands_in_its_own_boundary() {
    let el = mount(Lang::En, || {
        let failing = Load::new(
            || (),
            |()| async {
                gloo_timers::future::sleep(Duration::from_millis(30)).await;
                Err::<String, _>(ApiError::Server(500))
            },
        );
        let working = Load::new(
            || (),
            |()| async {
                gloo_timers::future::sleep(Duration::from_millis(80)).await;
                Ok::<_, ApiError>("fine".to_string())
            },
        );
        view! {
            <div id="a">{loaded(failing, Skeleton::List, |s: String| view! { <p>{s}</p> })}</div>
            <div id="b">{loaded(working, Skeleton::Widget, |s: String| view! { <p class="ok">{s}</p> })}</div>
        }
    });
    tick(5).await;
    assert!(
        el.query_selector("#a .skeleton").unwrap().is_some(),
        "skeleton while loading: {}",
        el.inner_html()
    );
    tick(200).await;
    assert_eq!(
        el.query_selector("#a .error-view")
            .unwrap()
            .map(|e| e.get_attribute("data-error")),
        Some(Some("server".into()))
    );
    assert!(
        el.query_selector("#b .error-view").unwrap().is_none(),
        "{}",
        el.inner_html()
    );
    assert_eq!(
        el.query_selector("#b p.ok")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "fine"
    );
}

#[wasm_bindgen_test]
async fn retry_replaces_the_error_with_content() {
    let attempts = StoredValue::new(0u32);
    let el = mount(Lang::En, move || {
        let res = Load::new(
            || (),
            move |()| async move {
                attempts.update_value(|n| *n += 1);
                if attempts.get_value() == 1 {
                    Err(ApiError::Network("down".into()))
                } else {
                    Ok("recovered".to_string())
                }
            },
        );
        loaded(
            res,
            Skeleton::List,
            |s: String| view! { <p class="ok">{s}</p> },
        )
    });
    tick(30).await;
    let button = el
        .query_selector(".error-view button")
        .unwrap()
        .expect("retry button");
    button.unchecked_into::<web_sys::HtmlElement>().click();
    tick(50).await;
    assert!(
        el.query_selector(".error-view").unwrap().is_none(),
        "{}",
        el.inner_html()
    );
    assert_eq!(
        el.query_selector("p.ok")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "recovered"
    );
}

#[wasm_bindgen_test]
fn item_fixture_round_trips_through_the_wire_types() {
    let feed = fixture_feed();
    let json = serde_json::to_string(&feed).unwrap();
    let back: Feed = serde_json::from_str(&json).unwrap();
    assert_eq!(back, feed);
    let _: Item = back.items[0].clone();
}
