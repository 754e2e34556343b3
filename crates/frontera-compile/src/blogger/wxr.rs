//! The comments as a WordPress export (WXR 1.2), the format `isso import -t wordpress` reads
//! with reply parents kept (Isso's generic JSON import flattens replies).
//!
//! What Isso 0.14 reads of it (`isso/migrate.py`, class `WordPress`): each `channel/item` with
//! a `title` and at least one `wp:comment` is a thread whose id is the *path* of its `link`;
//! every `wp:comment` needs all of `comment_content`, `comment_author`,
//! `comment_author_email`, `comment_author_url`, `comment_author_IP`, `comment_date_gmt`
//! (`YYYY-MM-DD HH:MM:SS`, read with `mktime`, i.e. in the importing process's local time:
//! `scripts/isso import` runs Isso with `TZ=UTC`), `comment_approved` (`1`: published),
//! `comment_id` and `comment_parent` (`0`: none), integers. Comments are numbered 1, 2, … per
//! thread in the order they were written, so a parent always has a smaller number.

use std::{cell::RefCell, collections::HashMap};

use html5ever::tokenizer::{
    states::RawKind, BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};

use super::{files::Thread, number, Comment, Skipped};
use crate::{crawl::xml::Xml, date::PostDate};

/// The WXR namespace Isso detects the format by.
pub const WP: &str = "http://wordpress.org/export/1.2/";

/// What [`build`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub xml: Vec<u8>,
    pub comments: usize,
    pub replies: usize,
    pub threads: usize,
    /// Comments left out (on a post that was not imported, or with a bad date).
    pub skipped: Vec<Skipped>,
}

/// Writes the comments of every imported post; `threads` maps a Blogger post id to its new
/// path and title.
pub fn build(title: &str, comments: &[Comment], threads: &HashMap<String, Thread>) -> Written {
    let mut out = Written::default();
    // Per thread, in order of writing (then of id, for equal times).
    let mut by_thread: HashMap<&str, Vec<(&Comment, PostDate)>> = HashMap::new();
    for c in comments {
        if !threads.contains_key(&c.post_id) {
            out.skipped.push(Skipped {
                id: c.id.clone(),
                reason: format!("comment on {}, which was not imported", c.post_id),
            });
            continue;
        }
        match PostDate::parse(&c.published) {
            Ok(date) => by_thread.entry(&c.post_id).or_default().push((c, date)),
            Err(e) => out.skipped.push(Skipped {
                id: c.id.clone(),
                reason: format!("invalid <published> {:?}: {e}", c.published),
            }),
        }
    }
    let mut order: Vec<(&str, &Thread)> = by_thread.keys().map(|id| (*id, &threads[*id])).collect();
    order.sort_by(|a, b| a.1.path.cmp(&b.1.path));

    let mut x = Xml::new(1024 + comments.len() * 600);
    x.open("rss", &[("version", "2.0"), ("xmlns:wp", WP)]);
    x.open("channel", &[]);
    x.leaf("title", &[], title);
    x.leaf("wp:wxr_version", &[], "1.2");
    for (post_id, thread) in order {
        let list = by_thread.get_mut(post_id).expect("listed above");
        list.sort_by(|a, b| {
            (a.1.instant(), number(&a.0.id)).cmp(&(b.1.instant(), number(&b.0.id)))
        });
        let ids: HashMap<&str, usize> = list
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (number(&c.id), i + 1))
            .collect();
        x.open("item", &[]);
        x.leaf("title", &[], &thread.title);
        x.leaf("link", &[], &thread.path);
        x.leaf("wp:post_type", &[], "post");
        for (i, (c, date)) in list.iter().enumerate() {
            // A reply whose parent is gone (deleted, or not in this post) becomes top-level.
            let parent = c.parent.as_deref().and_then(|p| ids.get(p)).copied();
            if parent.is_some() {
                out.replies += 1;
            }
            out.comments += 1;
            x.open("wp:comment", &[]);
            x.leaf("wp:comment_id", &[], &(i + 1).to_string());
            x.leaf("wp:comment_author", &[], c.author.as_deref().unwrap_or(""));
            x.leaf("wp:comment_author_email", &[], "");
            x.leaf(
                "wp:comment_author_url",
                &[],
                c.author_url.as_deref().unwrap_or(""),
            );
            // Blogger exports no addresses; Isso anonymises this one to 127.0.0.0.
            x.leaf("wp:comment_author_IP", &[], "127.0.0.1");
            x.leaf("wp:comment_date_gmt", &[], &utc(date));
            x.leaf("wp:comment_content", &[], &comment_text(&c.html));
            x.leaf("wp:comment_approved", &[], "1");
            x.leaf("wp:comment_parent", &[], &parent.unwrap_or(0).to_string());
            x.close("wp:comment");
        }
        x.close("item");
        out.threads += 1;
    }
    x.close("channel");
    x.close("rss");
    out.xml = x.finish();
    out
}

/// `YYYY-MM-DD HH:MM:SS` in UTC.
fn utc(date: &PostDate) -> String {
    let (secs, _) = date.instant();
    let (y, m, d) = crate::date::civil_from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// A Blogger comment's HTML (text with `<br>`, `<a>`, `<b>`, `<i>`) as the Markdown Isso
/// stores: Isso escapes any HTML in a comment, so tags must become Markdown or vanish.
pub fn comment_text(html: &str) -> String {
    let sink = CommentSink(RefCell::new(CommentState::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let text = tokenizer.sink.0.into_inner().out;
    // At most one blank line in a row, none at the ends.
    let mut out = String::with_capacity(text.len());
    for line in text.trim().split('\n').map(str::trim_end) {
        if line.is_empty() && (out.is_empty() || out.ends_with("\n\n")) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

struct CommentSink(RefCell<CommentState>);

#[derive(Default)]
struct CommentState {
    out: String,
    /// Inside `script`/`style`.
    dropping: bool,
    /// Open links: where their text starts and their target.
    links: Vec<(usize, Option<String>)>,
}

impl TokenSink for CommentSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut s = self.0.borrow_mut();
        match token {
            Token::CharacterTokens(t) if !s.dropping => {
                for c in t.chars() {
                    if "\\*_[]`~^".contains(c) {
                        s.out.push('\\');
                    }
                    s.out.push(c);
                }
            }
            Token::TagToken(tag) => {
                let start = tag.kind == TagKind::StartTag;
                match (&*tag.name, start) {
                    ("script" | "style", true) => {
                        s.dropping = true;
                        return TokenSinkResult::RawData(RawKind::Rawtext);
                    }
                    ("script" | "style", false) => s.dropping = false,
                    _ if s.dropping => {}
                    ("br", _) => s.out.push('\n'),
                    ("p" | "div" | "blockquote" | "li", _) => s.out.push_str("\n\n"),
                    ("b" | "strong", _) => s.out.push_str("**"),
                    ("i" | "em", _) => s.out.push('*'),
                    ("a", true) => {
                        let href = tag
                            .attrs
                            .iter()
                            .find(|a| &*a.name.local == "href")
                            .map(|a| a.value.to_string())
                            .filter(|h| h.starts_with("http://") || h.starts_with("https://"));
                        let at = s.out.len();
                        s.links.push((at, href));
                    }
                    ("a", false) => {
                        if let Some((at, Some(href))) = s.links.pop() {
                            s.out.insert(at, '[');
                            s.out.push_str(&format!("]({})", href.replace(')', "%29")));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}
