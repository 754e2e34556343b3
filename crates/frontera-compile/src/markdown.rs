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
    /// What the allow-list takes out can leave a shell behind, which goes too: a paragraph that
    /// held only an embed (`<p></p>`), and a link whose target was not allowed (`../x`, `#notes`),
    /// which would look like a link and go nowhere: its text stays.
    pub fn clean(&self, html: &str) -> String {
        let clean = self
            .sanitizer
            .clean(&crate::noscript::unwrap(html))
            .to_string()
            .replace("<p></p>", "");
        lift_headings(unwrap_dead_links(clean))
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
        .filter(depth_cap())
        .map(|event| {
            text.observe(&event);
            clamp_heading(event)
        });
        let mut raw = String::with_capacity(markdown.len() + markdown.len() / 2);
        pulldown_cmark::html::push_html(&mut raw, events);
        // An embed written as HTML in a Markdown post (a video's `<iframe>`, `<video>`, `<audio>`,
        // an old `<object>`/`<embed>` player)
        // becomes a link to what it showed, as in an HTML post, rather than nothing.
        if ["<iframe", "<video", "<audio", "<object", "<embed"]
            .iter()
            .any(|t| raw.contains(t))
        {
            raw = crate::html::prepare(&raw).html;
        }
        Rendered {
            html: self.clean(&raw),
            first_paragraph: text.w.first_paragraph.trim_end().to_string(),
            words: text.w.words,
        }
    }
}

/// Moves a body's headings up so that its highest is `h2`, directly under the page's `h1` (a
/// post whose sections start at `###` would skip a level: WCAG 1.3.1, axe's `heading-order`).
/// On sanitised HTML, where a heading tag is exactly `<hN>` and text has no raw `<`.
fn lift_headings(html: String) -> String {
    let Some(top) = (2..=4).find(|l| html.contains(&format!("<h{l}>"))) else {
        return html;
    };
    let mut html = html;
    for level in top..=4 {
        let to = level - (top - 2);
        html = html
            .replace(&format!("<h{level}>"), &format!("<h{to}>"))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    html
}

/// Puts the site's base path (`/blog`) before the root-relative links and pictures of sanitised
/// HTML (`href="/2026/11/slug"`, how a post links another and how `import-blogger` relinks the
/// old blog's links), so that a site served below a domain's root keeps them inside it. A path
/// already under `base`, and protocol-relative URLs (`//host`), stay as they are.
pub fn under_base(html: String, base: &str) -> String {
    if base.is_empty() || !(html.contains("href=\"/") || html.contains("src=\"/")) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html.as_str();
    while let Some(i) = rest.find("=\"/") {
        let (head, tail) = rest.split_at(i + 2);
        out.push_str(head);
        let attr_ok = head.ends_with(" href=\"") || head.ends_with(" src=\"");
        let path = &tail[..tail.find('"').unwrap_or(tail.len())];
        let already = path == base || path.starts_with(&format!("{base}/"));
        if attr_ok && !path.starts_with("//") && !already {
            out.push_str(base);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Removes the tags of links that have no `href` left (sanitised HTML: attributes quoted, links
/// never nested), keeping their text.
fn unwrap_dead_links(html: String) -> String {
    if !html.contains("<a ") && !html.contains("<a>") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    let mut dead = false;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let end = tag_end(tail);
        let tag = &tail[..end];
        if tag.starts_with("<a ") || tag == "<a>" {
            dead = !tag.contains(" href=\"");
            if !dead {
                out.push_str(tag);
            }
        } else if tag == "</a>" {
            if !dead {
                out.push_str(tag);
            }
            dead = false;
        } else {
            out.push_str(tag);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the tag at the start of `s` (through its `>`, outside quoted values).
fn tag_end(s: &str) -> usize {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// `/path` on this site, but not `//host` (protocol-relative, another site).
fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

/// Deeper than this, a post's elements lose their tags and keep their text. The sanitiser's
/// parser (html5ever, as in ammonia) checks every open element at each tag, so one pasted line
/// of 100,000 `>` took a minute to compile and two to prerender; browsers stop nesting at 512.
pub(crate) const MAX_DEPTH: usize = 48;

/// A filter over a post's events that drops the tags nested deeper than [`MAX_DEPTH`] (events
/// nest, so each start and its end are kept or dropped together).
fn depth_cap() -> impl FnMut(&Event<'_>) -> bool {
    let mut depth = 0usize;
    move |event| match event {
        Event::Start(_) => {
            depth += 1;
            depth <= MAX_DEPTH
        }
        Event::End(_) => {
            depth = depth.saturating_sub(1);
            depth < MAX_DEPTH
        }
        _ => true,
    }
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

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
