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
        #[wasm_bindgen(method, js_name = setConfig)]
        pub fn set_config(this: &DomPurify, config: &JsValue);
        /// `sanitize`, with relative URLs resolved against `base` when given (js/base-urls.js,
        /// appended to the module by build.rs): TrustedHTML where the browser has Trusted Types.
        #[wasm_bindgen(js_name = fronteraSanitizeAt)]
        pub fn sanitize_at(purify: &DomPurify, html: &str, base: Option<&str>) -> JsValue;
        /// Sets `el`'s content: `html` as it is when `plain` (through the "frontera" Trusted
        /// Types policy, which checks the rule again), else sanitised (js/trusted-html.js).
        /// Runs the Trusted Types "default" policy's first check, the slowest (js/trusted-html.js).
        #[wasm_bindgen(js_name = fronteraWarmChecks)]
        pub fn warm_checks();
        #[wasm_bindgen(js_name = fronteraSetHtml)]
        pub fn set_html(
            purify: &DomPurify,
            el: &web_sys::Element,
            html: &str,
            base: Option<&str>,
            plain: bool,
        );
    }

    /// Article profile: HTML only (no SVG/MathML), no forms, no inline styles. Content ids and
    /// names get DOMPurify's `user-content-` prefix, so a post or comment cannot take over the
    /// app's own ids (`#comments`, `#comment-text`, `#comment-12`: DOM clobbering). No `class`
    /// and no `role` either: with the app's own classes a comment from a hostile comment server
    /// or feed could dress up as another comment signed by the editor, or as the app's own
    /// "could not start" alert with a link of its choosing.
    const CONFIG: &str = r#"{
        "USE_PROFILES": {"html": true},
        "FORBID_TAGS": ["style", "form", "input", "button", "textarea", "select", "option", "dialog"],
        "FORBID_ATTR": ["style", "formaction", "class", "role"],
        "ALLOW_DATA_ATTR": false,
        "SANITIZE_NAMED_PROPS": true,
        "RETURN_TRUSTED_TYPE": true
    }"#;

    thread_local! {
        // Set once: DOMPurify then skips re-reading the configuration (rebuilding its tag and
        // attribute tables) on every call, which a long comment thread makes a thousand times.
        // This is the only configuration the app ever sanitises with.
        pub static CONFIGURED: () = PURIFY.with(|p| {
            p.set_config(&js_sys::JSON::parse(CONFIG).expect("sanitiser config is valid JSON"))
        });
    }

    pub fn clean(html: &str, base: Option<&str>) -> String {
        let trusted = CONFIGURED.with(|_| PURIFY.with(|p| sanitize_at(p, html, base)));
        // A string where the browser has no Trusted Types; else TrustedHTML, whose `toString()`
        // is the HTML.
        trusted
            .as_string()
            .unwrap_or_else(|| js_sys::Object::from(trusted).to_string().into())
    }

    /// Puts untrusted HTML into `el`, sanitised unless it is plain paragraphs.
    pub fn set(el: &web_sys::Element, html: &str, base: Option<&str>) {
        let plain = super::is_plain_paragraphs(html);
        CONFIGURED.with(|_| PURIFY.with(|p| set_html(p, el, html, base, plain)));
    }
}

/// The prerenderer's sanitiser: ammonia (native only, never in the wasm) with DOMPurify's article
/// profile: HTML only, no forms, no inline styles, no classes or roles, content ids prefixed
/// with `user-content-`.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::borrow::Cow;
    use std::cell::RefCell;
    use std::sync::LazyLock;

    use ammonia::UrlRelative;
    use url::Url;

    thread_local! {
        /// The base of the HTML being cleaned on this thread (the cleaner is shared by the
        /// prerenderer's threads; the base is per call).
        static BASE: RefCell<Option<Url>> = const { RefCell::new(None) };
    }

    /// A relative URL resolved against the current base when that gives http(s), else as it is.
    fn resolve(url: &str) -> Cow<'_, str> {
        BASE.with(|base| {
            let resolved = base.borrow().as_ref()?.join(url).ok()?;
            matches!(resolved.scheme(), "http" | "https").then(|| Cow::Owned(resolved.into()))
        })
        .unwrap_or(Cow::Borrowed(url))
    }

    /// ammonia's relative-URL callback: a function, so that the output borrows from the input.
    fn resolve_relative(url: &str) -> Option<Cow<'_, str>> {
        Some(resolve(url))
    }

    fn is_relative(url: &str) -> bool {
        Url::parse(url) == Err(url::ParseError::RelativeUrlWithoutBase)
    }

    static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id"])
            .id_prefix(Some("user-content-"))
            .rm_tags([
                "style", "form", "input", "button", "textarea", "select", "option",
            ])
            // Relative `href`, `src` (and `poster`) resolve against the item's URL, as in the
            // browser (js/base-urls.js).
            .url_relative(UrlRelative::Custom(Box::new(resolve_relative)))
            // ammonia checks the scheme of `href` and `src` only, and allows `cite` (on
            // blockquote, q, del, ins), a URL as well: `javascript:` there would stay, where
            // DOMPurify removes it. A quoted source is kept when it is an http(s) URL.
            .attribute_filter(|_, attribute, value| {
                if attribute != "cite" {
                    return Some(value.into());
                }
                let value = if is_relative(value) {
                    resolve(value)
                } else {
                    value.into()
                };
                crate::model::post::safe_http_url(&value).map(|_| value)
            });
        b
    });

    pub fn clean(html: &str, base: Option<&str>) -> String {
        BASE.with(|b| *b.borrow_mut() = base.and_then(|u| Url::parse(u).ok()));
        let clean = CLEANER.clean(html).to_string();
        BASE.with(|b| *b.borrow_mut() = None);
        clean
    }
}

/// Sets the sanitiser up ahead of its first use, and runs the first check of the templates Leptos
/// builds from HTML (the Trusted Types "default" policy), while the page waits for the network.
pub fn warm_up() {
    #[cfg(target_arch = "wasm32")]
    {
        purify::CONFIGURED.with(|_| ());
        purify::warm_checks();
    }
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
/// prerenderer. Relative URLs (`href`, `src`, `srcset` in the browser, `cite`, `poster`) resolve
/// against `base` when it is given (an absolute http(s) URL: `partial::content_base`); absolute
/// ones are left as written.
pub fn sanitize_html(html: &str, base: Option<&str>) -> String {
    #[cfg(target_arch = "wasm32")]
    if is_plain_paragraphs(html) {
        return html.to_string();
    }
    #[cfg(target_arch = "wasm32")]
    {
        purify::clean(html, base)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        native::clean(html, base)
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
    /// What relative URLs in it are relative to (a feed item's URL); none: left as written.
    #[prop(optional_no_strip)]
    base: Option<String>,
) -> impl IntoView {
    // No `lang=""` (which says "unknown") for content whose language nobody gave.
    let lang = lang.filter(|l| !l.is_empty());
    #[cfg(not(target_arch = "wasm32"))]
    {
        let clean = sanitize_html(&html, base.as_deref());
        view! { <div class=class.unwrap_or("prose") lang=lang inner_html=clean></div> }
    }
    // In the browser the HTML goes in through Trusted Types (js/trusted-html.js), not as a
    // string. While hydrating, the element keeps the HTML the prerenderer sanitised, so the
    // browser need not sanitise it again.
    #[cfg(target_arch = "wasm32")]
    {
        let hydrating = Owner::current_shared_context().is_some_and(|c| c.during_hydration());
        let content = (!hydrating).then_some((html, base));
        view! { <div class=class.unwrap_or("prose") lang=lang use:fill=content></div> }
    }
}

/// The directive that fills a [`SafeHtml`] element when it is created (not when hydrated).
#[cfg(target_arch = "wasm32")]
fn fill(el: web_sys::Element, content: Option<(String, Option<String>)>) {
    if let Some((html, base)) = content {
        purify::set(&el, &html, base.as_deref());
    }
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
    let lang = lang.filter(|l| !l.is_empty());
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

/// Relative URLs of every kind, for the tests of both sanitisers (here natively, and in
/// tests/components.rs in the browser).
#[doc(hidden)]
pub const RELATIVE_HTML: &str =
    "<p><img src=\"img/a.png\" srcset=\"img/a.png 1x, ../b.png 2x\" alt=\"a\">\
    <a href=\"../x\">up</a> <a href=\"//host.example/x\">scheme-relative</a> \
    <a href=\"https://other.example/y\">absolute</a> <a href=\"#frag\">fragment</a> \
    <a href=\"mailto:me@example.org\">mail</a> <a href=\"?q=1\">query</a></p>\
    <blockquote cite=\"notes/src\">quoted</blockquote>";
/// The item URL the tests resolve against.
#[doc(hidden)]
pub const RELATIVE_BASE: &str = "https://feeds.example/2024/05/post/";
/// Each URL of [`RELATIVE_HTML`] and the attribute both sanitisers write for it.
#[doc(hidden)]
pub const RELATIVE_RESOLVED: [(&str, &str); 8] = [
    (
        "img/a.png",
        r#"src="https://feeds.example/2024/05/post/img/a.png""#,
    ),
    ("../x", r#"href="https://feeds.example/2024/05/x""#),
    ("//host.example/x", r#"href="https://host.example/x""#),
    (
        "https://other.example/y",
        r#"href="https://other.example/y""#,
    ),
    (
        "#frag",
        r##"href="https://feeds.example/2024/05/post/#frag""##,
    ),
    ("mailto:me@example.org", r#"href="mailto:me@example.org""#),
    ("?q=1", r#"href="https://feeds.example/2024/05/post/?q=1""#),
    (
        "notes/src",
        r#"cite="https://feeds.example/2024/05/post/notes/src""#,
    ),
];

#[cfg(test)]
mod tests {
    use super::is_plain_paragraphs;

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_prerenderer_keeps_only_http_sources() {
        let html = super::sanitize_html(
            "<blockquote cite=\"javascript:x()\">a</blockquote><q cite=\" JaVa&#9;script:x()\">b</q>\
             <del cite=\"data:text/html,x\">c</del><blockquote cite=\"https://ex.org/s\">d</blockquote>",
            None,
        );
        assert_eq!(
            html,
            "<blockquote>a</blockquote><q>b</q><del>c</del>\
             <blockquote cite=\"https://ex.org/s\">d</blockquote>"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_prerenderer_drops_classes_and_roles_that_would_dress_content_as_the_app() {
        let html = super::sanitize_html(
            "<article class=\"comment\"><p class=\"comment-author\">The Editor</p></article>\
             <div class=\"boot boot-failed\" role=\"alert\">Reload</div><p id=\"comments\">x</p>",
            None,
        );
        assert_eq!(
            html,
            "<article><p>The Editor</p></article><div>Reload</div><p id=\"user-content-comments\">x</p>"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_prerenderer_resolves_relative_urls_against_the_base() {
        let base = Some(super::RELATIVE_BASE);
        let html = super::sanitize_html(super::RELATIVE_HTML, base);
        for (_, want) in super::RELATIVE_RESOLVED {
            assert!(html.contains(want), "{want} not in {html}");
        }
        // Without a base every URL is left as written.
        let html = super::sanitize_html(super::RELATIVE_HTML, None);
        for kept in [r#"src="img/a.png""#, r#"href="../x""#, r##"href="#frag""##] {
            assert!(html.contains(kept), "{kept} not in {html}");
        }
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
