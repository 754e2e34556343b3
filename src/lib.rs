//! Frontera: a client-side blog frontend, a Leptos single-page app compiled to WebAssembly.
//!
//! `api` is the only door to the network, `model` holds data types and pure logic (tested
//! natively), `pages` has one file per route, `components` the shared views, and `app` the one
//! route table.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod platform;
pub mod session;

/// Starts the app in the browser. A page the prerenderer wrote for this very URL is hydrated:
/// the documents it was rendered from (its `link[data-doc]` preloads, already in flight) are read
/// first, so that the first render matches the HTML. Anything else (the shell, a host that
/// answers every URL with one page, a document that could not be read) is rendered afresh.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        platform::show_crash_screen();
    }));
    platform::place::drop_index_html();
    platform::place::follow();
    let Some(plan) = platform::hydration_plan() else {
        platform::clear_body();
        leptos::mount::mount_to_body(app::App);
        return;
    };
    // A comment section already near the viewport (a short post, a link to `#comments`) will be
    // shown as soon as the page is hydrated (pages::post): fetch its module (components::lazy)
    // while the app reads its documents and hydrates, rather than after.
    if platform::near_viewport("comments") || platform::place::names_a_comment() {
        wasm_bindgen_futures::spawn_local(async {
            let _ = components::comments::preload_comments().await;
        });
    }
    wasm_bindgen_futures::spawn_local(async move {
        // The configuration first (preloaded, so at once): its timeout applies to the others.
        let config = api::fetch_document(api::CONFIG_URL, model::config::DEFAULT_TIMEOUT_MS).await;
        let timeout = config
            .as_ref()
            .ok()
            .and_then(|c| serde_json::from_str::<model::config::Config>(c).ok())
            .map_or(model::config::DEFAULT_TIMEOUT_MS, |c| c.request_timeout_ms);
        let bodies = futures::future::join_all(plan.iter().map(|(_, u)| {
            let config = config.clone();
            async move {
                if u == api::CONFIG_URL {
                    config
                } else {
                    api::fetch_document(u, timeout).await
                }
            }
        }))
        .await;
        // Hydrate only with the very documents the page was made from: a document that could
        // not be read, or that changed since (a cache holding an older page), means rendering
        // afresh, with the app's own loading and error views.
        let same = plan.iter().zip(&bodies).all(|((print, _), body)| {
            body.as_ref()
                .is_ok_and(|b| frontera_wire::layout::fingerprint(b) == *print)
        });
        if !same {
            render_afresh();
            return;
        }
        for ((_, url), body) in plan.iter().zip(bodies.into_iter().flatten()) {
            api::documents::provide(url, body);
        }
        // The page lives in `<div id="app">`: whatever else ends up in `<body>` (a browser
        // extension's node, an injected script) is not in the way of hydration.
        match platform::app_root() {
            Some(root) => {
                leptos::mount::hydrate_from(root, app::App).forget();
                // For anyone watching (tests, the benchmark): the app has taken the page over.
                platform::mark(&["frontera:hydrated"]);
                platform::set_body_flag("data-hydrated");
            }
            None => render_afresh(),
        }
    });
}

/// Renders the prerendered page anew instead of hydrating it, keeping the reader's place
/// (`platform::place`): the body is emptied first, which scrolls the window to the top.
#[cfg(target_arch = "wasm32")]
fn render_afresh() {
    platform::place::remember();
    platform::clear_body();
    leptos::mount::mount_to_body(app::App);
}
