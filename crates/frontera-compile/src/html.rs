//! Posts whose body is HTML (`*.html` in the content folder, as `import-blogger` writes them).
//!
//! The body is read with html5ever's tokenizer (the parser ammonia itself uses), lightly
//! normalised, then sanitised by the very allow-list Markdown posts go through
//! ([`Renderer::clean`]). The normalising exists because Blogger's editor writes paragraphs as
//! `<div>`s, which the allow-list would strip to bare text and so run paragraphs together:
//! `div` becomes `p`, `h1` becomes `h2` and `h5`/`h6` `h4` (as in Markdown posts), an embed
//! (`<iframe>`, `<video>`, `<audio>`, `<object>`, `<embed>`) becomes a link to what it showed, and `script`, `style` and the
//! like are dropped with their content. The same pass counts words, takes the first paragraph
//! for the summary and the first picture for link previews.

use std::cell::RefCell;

use html5ever::tokenizer::{
    states::RawKind, BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};

use crate::markdown::{Rendered, Renderer};
use crate::nesting::Nesting;
use crate::words::Words;

/// An HTML body, normalised but not yet sanitised, with the facts the compiler needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prepared {
    /// The normalised HTML (still to be sanitised).
    pub html: String,
    /// Plain text of the first paragraph, whitespace collapsed.
    pub first_paragraph: String,
    /// Words of text (not counting markup, dropped elements or image descriptions).
    pub words: u32,
    /// `src` of the first `http(s)` image.
    pub first_image: Option<String>,
}

/// Renders one HTML post body into sanitised HTML and its text facts.
pub fn render(renderer: &Renderer, html: &str) -> Rendered {
    let prepared = prepare(html);
    Rendered {
        // A paragraph the parser closed before its text (`<p>` in `<p>`, as `<div>`s become)
        // leaves an empty one behind.
        html: renderer.clean(&prepared.html),
        first_paragraph: prepared.first_paragraph,
        words: prepared.words,
    }
}

/// Normalises an HTML body (see the module documentation).
pub fn prepare(html: &str) -> Prepared {
    let sink = Sink(RefCell::new(State::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.0.into_inner();
    Prepared {
        // Blogger's editor writes a blank line as `<div><br></div>`: as a paragraph, which has
        // margins of its own, that spacer would double the gap between paragraphs.
        html: tidy_breaks(&state.out.replace("<p><br></p>", "")),
        first_paragraph: state.w.first_paragraph.trim_end().to_string(),
        words: state.w.words,
        first_image: state.first_image,
    }
}

/// Elements whose content is not article text and is dropped with them.
const DROPPED: [&str; 7] = [
    "script", "style", "iframe", "noembed", "noframes", "xmp", "template",
];

/// Elements that separate words and paragraphs.
const BLOCKS: [&str; 20] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "hr",
];

struct Sink(RefCell<State>);

#[derive(Default)]
struct State {
    out: String,
    /// Inside a dropped element: its name.
    dropping: Option<String>,
    w: Words,
    /// `<br>`s in a row: two end a paragraph written without `<p>` (Blogger's old editor).
    breaks: u8,
    first_image: Option<String>,
    nesting: Nesting,
    /// The address of the last embed written as a link.
    last_embed: Option<String>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => return s.tag(tag),
            Token::CharacterTokens(text) if s.dropping.is_none() => s.text(&text),
            // Comments, doctypes, NUL characters and parse errors carry no article content.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if let Some(dropped) = &self.dropping {
            if tag.kind == TagKind::EndTag && name == dropped {
                self.dropping = None;
            }
            return TokenSinkResult::Continue;
        }
        if BLOCKS.contains(&name) {
            self.boundary();
        }
        let start = tag.kind == TagKind::StartTag;
        if name == "br" {
            self.breaks += 1;
            if self.breaks >= 2 {
                self.boundary();
            } else {
                self.space();
            }
        }
        if start && DROPPED.contains(&name) {
            if name == "iframe" {
                self.embed_link(attr(&tag, "src"));
            }
            self.dropping = Some(name.to_string());
            return TokenSinkResult::RawData(if name == "script" {
                RawKind::ScriptData
            } else {
                RawKind::Rawtext
            });
        }
        // A video or a sound (`<video src>`, `<audio src>`) is a link to it, like an embed, and
        // so is a plug-in embed of 2008–2012 (`<object data>`, `<embed src>`; old YouTube players
        // nest the second in the first, with the same address).
        if start {
            match name {
                "video" | "audio" | "embed" => self.embed_link(attr(&tag, "src")),
                "object" => self.embed_link(attr(&tag, "data")),
                _ => {}
            }
        }
        if start && name == "img" && self.first_image.is_none() {
            self.first_image = attr(&tag, "src").filter(|s| is_http(s)).map(str::to_string);
        }
        let keep = if start {
            self.nesting.start(name, BLOCKS.contains(&name))
        } else {
            self.nesting.end(name)
        };
        let raw = start && matches!(name, "textarea" | "title");
        if !keep {
            return if raw {
                TokenSinkResult::RawData(RawKind::Rcdata)
            } else {
                TokenSinkResult::Continue
            };
        }
        let written = match name {
            "div" => "p",
            "h1" => "h2",
            "h5" | "h6" => "h4",
            other => other,
        };
        self.out.push('<');
        if !start {
            self.out.push('/');
        }
        self.out.push_str(written);
        if start {
            for a in &tag.attrs {
                let value = escape(&a.value, true);
                self.out
                    .push_str(&format!(" {}=\"{value}\"", &*a.name.local));
            }
        }
        self.out.push('>');
        if raw {
            TokenSinkResult::RawData(RawKind::Rcdata)
        } else {
            TokenSinkResult::Continue
        }
    }

    fn text(&mut self, t: &str) {
        self.out.push_str(&escape(t, false));
        for c in t.chars() {
            if !c.is_whitespace() {
                self.breaks = 0;
                // No paragraph tags needed: text starts the first paragraph.
                if self.w.first_state == 0 {
                    self.w.first_state = 1;
                }
            }
            self.w.char(c);
        }
    }

    /// What an embed showed, as a link on a line of its own (once for the same address twice
    /// in a row). Only http(s) addresses.
    fn embed_link(&mut self, src: Option<&str>) {
        let Some(src) = src.filter(|s| is_http(s)) else {
            return;
        };
        if self.last_embed.as_deref() == Some(src) {
            return;
        }
        self.last_embed = Some(src.to_string());
        let src = escape(src, true);
        self.out
            .push_str(&format!("<p><a href=\"{src}\">{src}</a></p>"));
    }

    fn space(&mut self) {
        self.w.space();
    }

    fn boundary(&mut self) {
        self.space();
        self.breaks = 0;
        if self.w.first_state == 1 {
            self.w.first_state = 2;
        }
    }
}

/// Runs of `<br>` as Blogger's old editor wrote them, tidied: more than two in a row (a gap the
/// writer made by pressing Enter four times) become two, and those that only open or close a
/// paragraph, or end the body, go (they left a gap before the post's footer).
fn tidy_breaks(html: &str) -> String {
    const BR: &str = "<br>";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(BR) {
        let (before, run) = rest.split_at(i);
        out.push_str(before);
        // The run: `<br>`s with only whitespace between them.
        let mut n = 0;
        let mut end = run;
        while let Some(next) = end.trim_start().strip_prefix(BR) {
            n += 1;
            end = next;
        }
        let after = end.trim_start();
        let at_edge = out.ends_with("<p>")
            || out.trim_end().is_empty()
            || after.is_empty()
            || after.starts_with("</p>");
        if !at_edge {
            out.push_str(&BR.repeat(n.min(2)));
        }
        rest = end;
    }
    out.push_str(rest);
    out
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

fn is_http(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Escapes text (`&`, `<`, `>`) or an attribute value (also `"`) for re-serialising.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
