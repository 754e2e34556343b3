//! The only place untrusted HTML reaches the DOM.
//!
//! Post bodies come from feeds we may not control, so they are sanitised in the browser with
//! DOMPurify (npm `dompurify`, pinned in package.json): about 12 KB gzipped, against about 280 KB
//! for ammonia compiled to wasm, and maintained against the browser's own parser, which is what
//! mutation XSS exploits. See docs/decisions.md.

use leptos::prelude::*;

#[cfg(target_arch = "wasm32")]
mod purify {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/generated/purify.js")]
    extern "C" {
        pub type DomPurify;
        #[wasm_bindgen(thread_local_v2, js_name = default)]
        pub static PURIFY: DomPurify;
        #[wasm_bindgen(method)]
        pub fn sanitize(this: &DomPurify, dirty: &str, config: &JsValue) -> String;
    }

    /// Article profile: HTML only (no SVG/MathML), no forms, no inline styles. Content ids and
    /// names get DOMPurify's `user-content-` prefix, so a post or comment cannot take over the
    /// app's own ids (`#comments`, `#comment-text`, `#comment-12`: DOM clobbering).
    const CONFIG: &str = r#"{
        "USE_PROFILES": {"html": true},
        "FORBID_TAGS": ["style", "form", "input", "button", "textarea", "select", "option", "dialog"],
        "FORBID_ATTR": ["style", "formaction"],
        "ALLOW_DATA_ATTR": false,
        "SANITIZE_NAMED_PROPS": true
    }"#;

    thread_local! {
        static CONFIG_OBJ: JsValue = js_sys::JSON::parse(CONFIG).expect("sanitiser config is valid JSON");
    }

    pub fn clean(html: &str) -> String {
        CONFIG_OBJ.with(|cfg| PURIFY.with(|p| p.sanitize(html, cfg)))
    }
}

/// Sanitises untrusted HTML for an article body. Outside the browser there is no sanitiser, so it
/// fails closed and returns nothing.
pub fn sanitize_html(html: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        purify::clean(html)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = html;
        String::new()
    }
}

/// Renders untrusted HTML after sanitising it.
#[component]
pub fn SafeHtml(
    /// The untrusted HTML.
    #[prop(into)]
    html: String,
    /// Class of the wrapping `<div>`.
    #[prop(optional, into)]
    class: Option<&'static str>,
    /// `lang` of the content, when it differs from the interface.
    #[prop(optional, into)]
    lang: Option<String>,
) -> impl IntoView {
    let clean = sanitize_html(&html);
    view! { <div class=class.unwrap_or("prose") lang=lang inner_html=clean></div> }
}

/// Renders plain text (JSON Feed `content_text`) as paragraphs: never parsed as HTML, so entities
/// and tags in it show literally.
#[component]
pub fn PlainText(
    /// The text; blank lines separate paragraphs.
    #[prop(into)]
    text: String,
    /// `lang` of the content.
    #[prop(optional, into)]
    lang: Option<String>,
) -> impl IntoView {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    view! {
        <div class="prose" lang=lang>
            {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
        </div>
    }
}
