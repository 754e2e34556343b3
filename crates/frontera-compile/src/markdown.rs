//! Markdown to safe article HTML, plus the plain-text facts taken from the same pass (first
//! paragraph for the summary, word count for the reading-time hint).
//!
//! The HTML is sanitised with an allow-list even though posts are written by the site's own
//! reporters: posts may carry pasted HTML, and the app injects `content_html` as-is, so the
//! compiler is the one place where script, event handlers and `javascript:` URLs can be stopped.

use std::{borrow::Cow, collections::HashMap, collections::HashSet};

use crate::words::Words;
use ammonia::{Builder, UrlRelative};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What one Markdown body turns into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// Plain text of the first paragraph, whitespace collapsed.
    pub first_paragraph: String,
    /// Words in the text (not counting markup, raw HTML or image descriptions).
    pub words: u32,
}

/// Renders Markdown with one sanitiser configuration, built once and reused for every post.
pub struct Renderer {
    sanitizer: Builder<'static>,
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

impl Renderer {
    /// The article allow-list: text structure, links, images, tables; no style, no classes
    /// except `language-*` on `code`, no ids (they could clash with the app's own).
    pub fn new() -> Renderer {
        let tags = [
            "p",
            "h2",
            "h3",
            "h4",
            "blockquote",
            "cite",
            "ul",
            "ol",
            "li",
            "em",
            "strong",
            "b",
            "i",
            "a",
            "code",
            "pre",
            "hr",
            "br",
            "figure",
            "figcaption",
            "img",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "sup",
            "sub",
            "del",
        ];
        let attributes: HashMap<&str, HashSet<&str>> = [
            ("a", &["href", "title"][..]),
            ("img", &["src", "alt", "title", "width", "height"]),
            ("ol", &["start"]),
            ("th", &["colspan", "rowspan"]),
            ("td", &["colspan", "rowspan"]),
            ("code", &["class"]),
        ]
        .into_iter()
        .map(|(tag, attrs)| (tag, attrs.iter().copied().collect()))
        .collect();

        let mut b = Builder::empty();
        b.tags(tags.into_iter().collect())
            .tag_attributes(attributes)
            .generic_attributes(HashSet::new())
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            // Relative image sources are allowed (site-hosted pictures). Link targets must be
            // http(s), mailto, or root-relative (one post linking another, `/2024/03/slug`);
            // other relative targets are removed by the filter below.
            .url_relative(UrlRelative::PassThrough)
            .link_rel(Some("noopener noreferrer"))
            .set_tag_attribute_value("img", "loading", "lazy")
            .clean_content_tags(["script", "style"].into_iter().collect())
            .strip_comments(true)
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                ("a", "href") if !has_scheme(value) && !is_root_relative(value) => None,
                ("code", "class") => is_language_class(value).then_some(Cow::Borrowed(value)),
                _ => Some(Cow::Borrowed(value)),
            });
        Renderer { sanitizer: b }
    }

    /// Sanitises HTML with the article allow-list (for posts whose body is HTML already).
    pub fn clean(&self, html: &str) -> String {
        self.sanitizer
            .clean(&crate::noscript::unwrap(html))
            .to_string()
    }

    /// Renders one post body.
    pub fn render(&self, markdown: &str) -> Rendered {
        let mut text = TextFacts::default();
        let events = Parser::new_ext(
            markdown,
            // Smart punctuation: typographic quotes and dashes, as a newsroom prints them.
            Options::ENABLE_TABLES
                | Options::ENABLE_STRIKETHROUGH
                | Options::ENABLE_SMART_PUNCTUATION,
        )
        .map(|event| {
            text.observe(&event);
            clamp_heading(event)
        });
        let mut raw = String::with_capacity(markdown.len() + markdown.len() / 2);
        pulldown_cmark::html::push_html(&mut raw, events);
        Rendered {
            html: self.clean(&raw),
            first_paragraph: text.w.first_paragraph.trim_end().to_string(),
            words: text.w.words,
        }
    }
}

/// `/path` on this site, but not `//host` (protocol-relative, another site).
fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// The page title is the only `h1`, and the allow-list stops at `h4`, so body headings are
/// clamped to `h2`..`h4` rather than being stripped to bare text.
fn clamp_heading(event: Event<'_>) -> Event<'_> {
    let clamp = |level| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H4,
        other => other,
    };
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: clamp(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(clamp(level))),
        other => other,
    }
}

/// Counts words and captures the first paragraph while the HTML is being written, so each
/// post is parsed once.
#[derive(Default)]
struct TextFacts {
    w: Words,
    /// Depth inside images: their alt text is a description, not article text.
    in_image: u32,
}

impl TextFacts {
    fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(Tag::Image { .. }) => self.in_image += 1,
            Event::End(TagEnd::Image) => self.in_image = self.in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.in_image == 0 => self.text(t),
            // Raw HTML is neither counted nor summarised: it is mostly tags.
            Event::InlineHtml(_) | Event::Html(_) => {}
            // Block starts and ends separate words; inline emphasis does not (`foo**bar**` is
            // one word).
            Event::Start(tag) if !is_inline(tag) => {
                self.space();
                if matches!(tag, Tag::Paragraph) && self.w.first_state == 0 {
                    self.w.first_state = 1;
                }
            }
            Event::End(tag) if !is_inline_end(tag) => {
                self.space();
                if matches!(tag, TagEnd::Paragraph) && self.w.first_state == 1 {
                    // A paragraph holding only an image says nothing: try the next one.
                    self.w.first_state = if self.w.first_paragraph.trim().is_empty() {
                        0
                    } else {
                        2
                    };
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule => self.space(),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        t.chars().for_each(|c| self.w.char(c));
    }

    fn space(&mut self) {
        self.w.space();
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// `scheme:` at the start, as in `https:` or `mailto:` (ammonia then checks the scheme).
fn has_scheme(url: &str) -> bool {
    match url.find(':') {
        Some(i) => {
            let scheme = &url[..i];
            !scheme.is_empty()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        }
        None => false,
    }
}

/// `language-rust`, `language-c++`: what pulldown-cmark writes for fenced code.
fn is_language_class(class: &str) -> bool {
    class.strip_prefix("language-").is_some_and(|lang| {
        !lang.is_empty()
            && lang
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'_' | b'#' | b'.'))
    })
}

/// Cuts `text` to at most `max_chars` characters at a word boundary, ending in `…` when cut.
/// Whitespace runs are collapsed first, so the limit counts what a reader sees.
pub fn cut_summary(text: &str, max_chars: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    // Room for the ellipsis.
    let limit = max_chars.saturating_sub(1);
    let hard_end = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    // The cut is at a word boundary if the next character is a space; else back up to the last
    // space. A single word longer than the limit is cut mid-word rather than dropped.
    let end = if text[hard_end..].starts_with(' ') {
        hard_end
    } else {
        text[..hard_end].rfind(' ').unwrap_or(hard_end)
    };
    let kept = text[..end].trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        Renderer::new().render(md).html
    }

    #[test]
    fn removes_script_handlers_and_javascript_urls() {
        let out = html(
            "Hi <script>alert(1)</script> there.\n\n<img src=x onerror=\"alert(2)\">\n\n\
             [click](javascript:alert(3)) <a href=\"javascript:alert(4)\">b</a>\n\n\
             <p style=\"color:red\" class=\"x\" onclick=\"y()\">styled</p>\n\n<iframe src=\"https://e.x\"></iframe>",
        );
        for bad in [
            "script",
            "alert",
            "onerror",
            "javascript",
            "style=",
            "class=",
            "onclick",
            "iframe",
        ] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
        assert!(
            out.contains("styled") && out.contains("click"),
            "text is kept: {out}"
        );
        assert!(out.contains(r#"<img src="x" loading="lazy">"#), "{out}");
    }

    #[test]
    fn links_get_rel_and_only_web_schemes() {
        let out = html(
            "[a](https://e.example/x) [m](mailto:t@e.example) [r](/2024/03/other) [p](other.html) [s](//evil.example/) [f](ftp://e.x/)",
        );
        assert!(
            out.contains(r#"<a href="https://e.example/x" rel="noopener noreferrer">a</a>"#),
            "{out}"
        );
        assert!(out.contains(r#"href="mailto:t@e.example""#), "{out}");
        assert!(
            out.contains(r#"href="/2024/03/other""#),
            "post-to-post links stay: {out}"
        );
        assert!(
            !out.contains("other.html") && !out.contains("evil.example") && !out.contains("ftp:"),
            "{out}"
        );
        assert!(!out.contains("target="), "{out}");
    }

    #[test]
    fn demotes_h1_and_keeps_the_allowed_structure() {
        let out = html("# Top\n\n###### Deep\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ H~2~O\n\n```rust\nfn x() {}\n```\n");
        assert!(
            out.contains("<h2>Top</h2>") && !out.contains("<h1"),
            "{out}"
        );
        assert!(out.contains("<h4>Deep</h4>"), "{out}");
        assert!(
            out.contains("<table>") && out.contains("<td>1</td>"),
            "{out}"
        );
        assert!(out.contains("<del>gone</del>"), "{out}");
        assert!(out.contains(r#"<code class="language-rust">"#), "{out}");
    }

    #[test]
    fn counts_words_and_takes_the_first_paragraph() {
        let r = Renderer::new().render(
            "## Heading words\n\nThe *first*   paragraph,\nwrapped. Don't split.\n\n- item one\n- ![alt text](x.png)\n\nLast.",
        );
        assert_eq!(
            r.first_paragraph,
            "The first paragraph, wrapped. Don’t split."
        );
        assert_eq!(r.words, 2 + 6 + 2 + 1);
    }

    #[test]
    fn summary_is_cut_at_a_word_boundary() {
        assert_eq!(cut_summary("  short\n text ", 280), "short text");
        let long = "palabra ".repeat(60);
        let s = cut_summary(&long, 280);
        assert!(s.chars().count() <= 280, "{}", s.chars().count());
        assert!(s.ends_with("palabra…"), "{s}");
        assert_eq!(cut_summary("one two three", 9), "one two…");
        assert_eq!(cut_summary("one two, three", 12), "one two…");
        assert_eq!(cut_summary("abcdefghijkl", 5), "abcd…");
        assert_eq!(cut_summary("ñandú ñandú ñandú", 12), "ñandú ñandú…");
    }
}
