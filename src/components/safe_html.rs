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
        pub fn sanitize(this: &DomPurify, dirty: &str) -> String;
        #[wasm_bindgen(method, js_name = setConfig)]
        pub fn set_config(this: &DomPurify, config: &JsValue);
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
        // Set once: DOMPurify then skips re-reading the configuration (rebuilding its tag and
        // attribute tables) on every call, which a long comment thread makes a thousand times.
        // This is the only configuration the app ever sanitises with.
        pub static CONFIGURED: () = PURIFY.with(|p| {
            p.set_config(&js_sys::JSON::parse(CONFIG).expect("sanitiser config is valid JSON"))
        });
    }

    pub fn clean(html: &str) -> String {
        CONFIGURED.with(|_| PURIFY.with(|p| p.sanitize(html)))
    }
}

/// The prerenderer's sanitiser: ammonia (native only, never in the wasm) with DOMPurify's article
/// profile: HTML only, no forms, no inline styles, content ids prefixed with `user-content-`.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::sync::LazyLock;

    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            .id_prefix(Some("user-content-"))
            .rm_tags([
                "style", "form", "input", "button", "textarea", "select", "option",
            ])
            // ammonia checks the scheme of `href` and `src` only, and allows `cite` (on
            // blockquote, q, del, ins), a URL as well: `javascript:` there would stay, where
            // DOMPurify removes it. A quoted source is kept when it is an http(s) URL.
            .attribute_filter(|_, attribute, value| {
                if attribute != "cite" || crate::model::post::safe_http_url(value).is_some() {
                    Some(value.into())
                } else {
                    None
                }
            });
        b
    });

    pub fn clean(html: &str) -> String {
        CLEANER.clean(html).to_string()
    }
}

/// Sets the sanitiser up ahead of its first use, while the page waits for the network anyway.
pub fn warm_up() {
    #[cfg(target_arch = "wasm32")]
    purify::CONFIGURED.with(|_| ());
}

/// Whether `html` is only paragraphs and line breaks of plain text: the tags `<p>`, `</p>` and
/// `<br>` (`<br/>`, `<br />`), exactly so written, and text with no `<` or `>` in it. The browser
/// parses such HTML into `p` and `br` elements and text, with no attribute anywhere, so there is
/// nothing to remove. It is what Isso renders for a comment without Markdown formatting (most
/// comments), and recognising it spares a DOMPurify pass, about a millisecond per comment at
/// 4× CPU throttling (a new document, a tree walk and a serialisation each time). Anything else,
/// even one unknown tag or a stray `>`, goes to DOMPurify.
pub fn is_plain_paragraphs(html: &str) -> bool {
    const TAGS: [&str; 5] = ["<p>", "</p>", "<br>", "<br/>", "<br />"];
    let mut rest = html;
    while let Some(i) = rest.find(['<', '>']) {
        let from = &rest[i..];
        match TAGS.iter().find(|t| from.starts_with(**t)) {
            Some(tag) => rest = &from[tag.len()..],
            None => return false,
        }
    }
    true
}

/// Sanitises untrusted HTML for an article body: DOMPurify in the browser, ammonia in the
/// prerenderer.
pub fn sanitize_html(html: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    if is_plain_paragraphs(html) {
        return html.to_string();
    }
    #[cfg(target_arch = "wasm32")]
    {
        purify::clean(html)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        native::clean(html)
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
    // While hydrating, the element keeps the HTML the prerenderer sanitised (Leptos does not set
    // `inner_html` over server-rendered content), so the browser need not sanitise it again.
    let hydrating = Owner::current_shared_context().is_some_and(|c| c.during_hydration());
    let clean = if hydrating {
        String::new()
    } else {
        sanitize_html(&html)
    };
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

#[cfg(test)]
mod tests {
    use super::is_plain_paragraphs;

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_prerenderer_keeps_only_http_sources() {
        let html = super::sanitize_html(
            "<blockquote cite=\"javascript:x()\">a</blockquote><q cite=\" JaVa&#9;script:x()\">b</q>\
             <del cite=\"data:text/html,x\">c</del><blockquote cite=\"https://ex.org/s\">d</blockquote>",
        );
        assert_eq!(
            html,
            "<blockquote>a</blockquote><q>b</q><del>c</del>\
             <blockquote cite=\"https://ex.org/s\">d</blockquote>"
        );
    }

    #[test]
    fn plain_paragraphs_are_recognised() {
        for ok in [
            "",
            "Just text, with &amp; entities &lt;b&gt; and \"quotes\".",
            "<p>One.</p>",
            "<p>One.<br>Two.<br/>Three.<br />Four.</p>\n<p>Next &lt;script&gt;</p>",
        ] {
            assert!(is_plain_paragraphs(ok), "{ok}");
        }
    }

    #[test]
    fn anything_else_goes_to_the_sanitiser() {
        for other in [
            "<p>Hi <em>there</em></p>",
            "<P>upper case</P>",
            "<p class=x>attribute</p>",
            "<p >space</p>",
            "<p>a > b</p>",
            "<p>a < b</p>",
            "<img src=x onerror=alert(1)>",
            "<p><script>alert(1)</script></p>",
            "<p>x</p><!-- comment -->",
            "<br><svg><p>",
            "<pre>",
            "<p",
            "</p",
            "<br /",
            "<a href=\"javascript:alert(1)\">x</a>",
        ] {
            assert!(!is_plain_paragraphs(other), "{other}");
        }
    }
}
