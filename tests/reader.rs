//! Component tests of the reader features under a post (issue 11) in headless Chromium
//! (wasm-bindgen-test): the share links, the related posts and the theme toggle, mounted into a
//! real DOM.
#![cfg(target_arch = "wasm32")]

use frontera::components::related::RelatedPosts;
use frontera::components::share::Share;
use frontera::components::theme::{ThemeToggle, THEME_KEY};
use frontera::i18n::Lang;
use frontera::model::config::Config;
use frontera_wire::PostRef;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;

use common::{attrs, mount, texts, tick};

wasm_bindgen_test_configure!(run_in_browser);

fn config(site_url: Option<&str>) -> Config {
    let mut json = serde_json::json!({ "title": "La Línea", "feed_url": "data/home/1.json" });
    if let Some(u) = site_url {
        json["site_url"] = u.into();
    }
    serde_json::from_value(json).expect("a valid config")
}

#[wasm_bindgen_test]
async fn share_links_carry_the_canonical_url_not_the_address_bar() {
    let cfg = config(Some("https://cronica.example/blog/"));
    let el = mount(Lang::Es, move || {
        provide_context(cfg);
        view! { <Share path="/2024/03/garita-vieja" title="La garita vieja & el río"/> }
    });
    tick(10).await;
    let canonical = "https://cronica.example/blog/2024/03/garita-vieja";
    let section = el.query_selector("section.share").unwrap().unwrap();
    assert_eq!(
        section.get_attribute("data-url").as_deref(),
        Some(canonical)
    );
    assert_eq!(texts(&el, "#share-title"), vec!["Compartir esta entrada"]);
    let links = attrs(&el, "a.share-link", "href");
    assert_eq!(links.len(), 5, "{links:?}");
    let encoded = "https%3A%2F%2Fcronica.example%2Fblog%2F2024%2F03%2Fgarita-vieja";
    for link in &links {
        // WhatsApp carries title and URL in one text, so the URL is inside a longer value.
        assert!(link.contains(encoded), "{link}");
        // The title's `&` is encoded: it cannot end the query and start a parameter of its own.
        assert!(!link.contains("& el") && !link.contains("&el"), "{link}");
    }
    assert_eq!(
        attrs(&el, "a.share-link", "data-service"),
        vec!["WhatsApp", "Facebook", "X", "Telegram", "Email"]
    );
    // The Spanish catalogue names the email link; the copy button is there for JavaScript.
    assert!(texts(&el, "a.share-link").contains(&"Correo".to_string()));
    assert!(el.query_selector("button.share-copy").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn no_site_url_means_nothing_to_share() {
    let cfg = config(None);
    let el = mount(Lang::En, move || {
        provide_context(cfg);
        view! { <Share path="/2024/03/garita-vieja" title="T"/> }
    });
    tick(10).await;
    assert!(el.query_selector("section.share").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn related_posts_are_links_in_their_order_and_untitled_ones_are_named() {
    let posts = vec![
        PostRef {
            title: "Night shift at the old gate".into(),
            path: "/2022/02/night-shift".into(),
            language: None,
        },
        PostRef {
            title: "  ".into(),
            path: "/2022/01/no-title".into(),
            language: Some("es".into()),
        },
    ];
    let el = mount(Lang::En, move || view! { <RelatedPosts posts/> });
    tick(10).await;
    assert_eq!(texts(&el, ".related-title"), vec!["Related coverage"]);
    assert_eq!(
        attrs(&el, ".related-list a", "href"),
        vec!["/2022/02/night-shift", "/2022/01/no-title"]
    );
    assert_eq!(
        texts(&el, ".related-list a"),
        vec!["Night shift at the old gate", "(untitled)"]
    );
}

#[wasm_bindgen_test]
async fn no_related_posts_means_no_section() {
    let el = mount(Lang::Es, || view! { <RelatedPosts posts=Vec::new()/> });
    tick(10).await;
    assert!(el.query_selector("section.related").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_theme_toggle_sets_the_page_theme_and_remembers_it() {
    let html = document().document_element().unwrap();
    let storage = window().local_storage().unwrap().unwrap();
    html.set_attribute("data-theme", "light").unwrap();
    let el = mount(Lang::Es, || view! { <ThemeToggle/> });
    tick(10).await;
    let button: web_sys::HtmlElement = el
        .query_selector("button.theme-toggle")
        .unwrap()
        .unwrap()
        .unchecked_into();
    // Once interactive it says what the page shows: the light theme chosen before.
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert_eq!(
        button.get_attribute("aria-label").as_deref(),
        Some("Tema oscuro")
    );

    // Each click turns the theme over, on the page, on the button and in storage.
    for (theme, pressed) in [("dark", "true"), ("light", "false")] {
        button.click();
        tick(10).await;
        assert_eq!(html.get_attribute("data-theme").as_deref(), Some(theme));
        let pressed_now = button.get_attribute("aria-pressed");
        assert_eq!(pressed_now.as_deref(), Some(pressed));
        assert_eq!(storage.get_item(THEME_KEY).unwrap().as_deref(), Some(theme));
    }

    // Leave the shared document as it was for the other tests.
    html.remove_attribute("data-theme").unwrap();
    storage.remove_item(THEME_KEY).unwrap();
}
