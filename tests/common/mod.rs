//! Helpers shared by the wasm component tests: mount a view into a real DOM and read it back.
#![allow(dead_code)] // Each test file uses a different subset.

use std::time::Duration;

use frontera::i18n::{Lang, LangCtx};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::{JsCast, JsValue};

/// A fresh container in the document, so components render into a real DOM.
pub fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

/// Mounts `f` with the given interface language (and a router, for links).
pub fn mount<V: IntoView + 'static>(
    lang: Lang,
    f: impl FnOnce() -> V + Send + 'static,
) -> web_sys::HtmlElement {
    let el = container();
    leptos::mount::mount_to(el.clone(), move || {
        provide_context(LangCtx {
            lang: Signal::stored(lang),
            choose: Callback::new(|_| {}),
        });
        view! { <Router>{f()}</Router> }
    })
    .forget();
    el
}

/// Lets timers, fetches and reactive updates run.
pub async fn tick(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

/// The next animation frame, asked for now: callbacks other code asks for after this call run
/// after it, so what is awaited sees the page as it was before them.
pub fn next_frame() -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}

/// Lets the work already queued as microtasks (Leptos' effects and what they spawn) run, and
/// nothing queued as a task (timeouts) or for a frame.
pub async fn microtasks() {
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL)).await;
}

/// Text of every element matching `sel`.
pub fn texts(el: &web_sys::HtmlElement, sel: &str) -> Vec<String> {
    let list = el.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.text_content())
        .collect()
}

/// Attribute `attr` of every element matching `sel` that has it.
pub fn attrs(el: &web_sys::HtmlElement, sel: &str, attr: &str) -> Vec<String> {
    let list = el.query_selector_all(sel).unwrap();
    (0..list.length())
        .filter_map(|i| {
            list.item(i)?
                .dyn_into::<web_sys::Element>()
                .ok()?
                .get_attribute(attr)
        })
        .collect()
}
