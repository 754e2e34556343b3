//! `import-blogger`: a Blogger "Back up content" export (one Atom document) into Frontera's
//! own content: `*.html` posts with front matter, the old→new URL map, the comments as a
//! WordPress export (WXR) for `isso import`, and the blog's settings.
//!
//! [`parse`] reads the export with roxmltree into an [`Export`]; [`files`] maps it to files;
//! [`wxr`] writes the comments; [`import`] stages everything and moves it into place.
//!
//! Entries are told apart by their `category` of scheme [`KIND_SCHEME`], or in the newer format
//! (Google Takeout) by `blogger:type`; [`nodes`] reads both forms of each field. What this reads
//! of each kind (the newer format's element in brackets):
//! * post, page: `id`, `published`, `updated`, `title`, `content`, `author/name`, the labels
//!   (`category` of scheme [`LABEL_SCHEME`] [or `tag:blogger.com,1999:blog-ID`]), the permalink
//!   (`link rel="alternate"` [`blogger:filename`, a path]), and `app:control/app:draft`
//!   (`yes`: a draft, skipped) [`blogger:status` other than `LIVE`, or `blogger:trashed`];
//!   one published after the feed's own `<updated>` (when the export was made) is a scheduled
//!   post, skipped;
//! * comment: the post (`thr:in-reply-to/@ref` [`blogger:parent`]), the parent comment
//!   (`link rel="related"`, whose last path segment is the parent's number [`blogger:inReplyTo`,
//!   its id]), `author/name` and `author/uri`, and `gd:extendedProperty
//!   name="blogger.contentRemoved"` (a deleted comment, skipped) [status, trashed];
//! * settings: `BLOG_NAME`, `BLOG_DESCRIPTION`, `BLOG_TIME_ZONE`, `BLOG_LOCALE` (the end of the entry id)
//!   [none: the feed's `<title>` names the blog];
//! * template and anything else: skipped, counted.

pub mod files;
pub mod import;
pub mod manifest;
mod nodes;
mod relink;
pub mod synthetic;
pub mod wxr;

use nodes::{child, link, text_of};
use roxmltree::{Document, Node, ParsingOptions};

use crate::date::PostDate;

/// The `category` scheme that names an entry's kind.
pub const KIND_SCHEME: &str = "http://schemas.google.com/g/2005#kind";
/// The `category` scheme of a post's labels.
pub const LABEL_SCHEME: &str = "http://www.blogger.com/atom/ns#";
const KIND_PREFIX: &str = "http://schemas.google.com/blogger/2008/kind#";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Everything taken from one export.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Export {
    pub settings: Settings,
    /// The blog's own address (`link rel="alternate"` of the feed), if given.
    pub blog_url: Option<String>,
    /// Live posts and pages, in file order.
    pub entries: Vec<Entry>,
    /// Live comments, in file order.
    pub comments: Vec<Comment>,
    /// Entries left out, with the reason.
    pub skipped: Vec<Skipped>,
    /// Posts and pages without a title (Blogger allows them), with the title given them.
    pub untitled: Vec<Skipped>,
}

/// The blog's settings entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub title: Option<String>,
    pub tagline: Option<String>,
    /// An IANA zone name such as `America/Hermosillo`.
    pub time_zone: Option<String>,
    /// The blog's language (`BLOG_LOCALE`'s first part: `es` for `es_MX`).
    pub language: Option<String>,
}

/// Post or page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `kind#post`: a dated article.
    Post,
    /// `kind#page`: a standing page such as "About" (`/p/name.html`).
    Page,
}

/// A live post or page.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    pub title: String,
    /// RFC 3339 as written (with its offset).
    pub published: String,
    pub updated: Option<String>,
    pub author: Option<String>,
    pub labels: Vec<String>,
    /// The HTML body as Blogger stored it.
    pub html: String,
    /// The old permalink, e.g. `https://x.blogspot.com/2019/05/slug.html`.
    pub permalink: Option<String>,
    /// Line and column of the entry in the export, for messages.
    pub at: (u32, u32),
}

/// A live comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub id: String,
    /// The id of the post it belongs to.
    pub post_id: String,
    /// The number of the comment it answers (the last segment of its `related` link).
    pub parent: Option<String>,
    /// `None` for anonymous comments.
    pub author: Option<String>,
    pub author_url: Option<String>,
    pub published: String,
    /// The comment's HTML as Blogger stored it.
    pub html: String,
}

/// An entry left out of the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub id: String,
    pub reason: String,
}

/// Why an export could not be read: a message with the place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// The number in an id: `tag:blogger.com,1999:blog-1.post-42` → `42`.
pub fn number(id: &str) -> &str {
    id.rsplit_once(".post-").map_or(id, |(_, n)| n)
}

/// Reads an export. Fails on text that is not XML (with the parser's own position), on a
/// document that is not a Blogger export, and on a live post, page or comment that lacks its
/// title, date or post; the error names the place of the offending element.
pub fn parse(text: &str) -> Result<Export, ParseError> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, options).map_err(|e| match e {
        // roxmltree places these at 1:1; the place that matters is where the text stops.
        roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream => {
            let line = 1 + text.matches('\n').count();
            let last = text.rsplit('\n').next().unwrap_or("");
            ParseError {
                line: line as u32,
                column: 1 + last.chars().count() as u32,
                message: format!("the file ends before the document does (truncated?): {e}"),
            }
        }
        // Said in the editor's terms first: a web page saved instead of the export, an empty
        // file, anything but XML.
        roxmltree::Error::DtdDetected => ParseError {
            line: e.pos().row,
            column: e.pos().col,
            message: format!(
                "not a Blogger export: it has a <!DOCTYPE> (a web page?); use Blogger's \"Back up content\" file ({e})"
            ),
        },
        e => ParseError {
            line: e.pos().row,
            column: e.pos().col,
            message: if text.trim().is_empty() {
                "not a Blogger export: the file is empty".to_string()
            } else {
                format!("not a Blogger export: not XML ({e})")
            },
        },
    })?;
    // `Document::text_pos_at` counts from the start of the text on every call, which made a
    // 200,000-entry export quadratic; entries come in order, so a cursor moves forward only.
    let cursor = std::cell::Cell::new((0usize, 1u32, 1u32));
    let at = |node: Node| {
        let target = node.range().start;
        let (mut offset, mut line, mut column) = cursor.get();
        if target < offset {
            (offset, line, column) = (0, 1, 1);
        }
        for c in text[offset..target].chars() {
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
        }
        cursor.set((target, line, column));
        (line, column)
    };
    let fail = |node: Node, message: String| {
        let (line, column) = at(node);
        ParseError {
            line,
            column,
            message,
        }
    };
    let root = doc.root_element();
    if !root.has_tag_name((ATOM, "feed")) {
        return Err(fail(
            root,
            format!(
                "not a Blogger export: the document is <{}>, not an Atom <feed>",
                root.tag_name().name()
            ),
        ));
    }
    let is_blogger = child(root, "id").is_some_and(|id| text_of(id).contains("blogger.com"))
        || child(root, "generator").is_some_and(|g| text_of(g).contains("Blogger"));
    if !is_blogger {
        return Err(fail(
            root,
            "not a Blogger export: the feed has neither a Blogger id nor generator".into(),
        ));
    }
    let mut export = Export {
        blog_url: link(root, "alternate").map(str::to_string),
        ..Export::default()
    };
    // The newer format has no settings entries: the feed's own title is the blog's.
    export.settings.title = child(root, "title")
        .map(|t| text_of(t).trim().to_string())
        .filter(|t| !t.is_empty());
    // The feed's <updated> is when the export was made: a live post published after it is a
    // scheduled one (Blogger lists those as live, not as drafts).
    let exported = child(root, "updated").and_then(|u| PostDate::parse(&text_of(u)).ok());
    let scheduled = |published: &str| {
        let published = PostDate::parse(published).ok();
        matches!((published, exported), (Some(p), Some(e)) if p.instant() > e.instant())
    };
    for entry in root.children().filter(|n| n.has_tag_name((ATOM, "entry"))) {
        let id = child(entry, "id").map(text_of).unwrap_or_default();
        let place = at(entry);
        let kind = nodes::kind(entry);
        let skip = |export: &mut Export, reason: &str| {
            export.skipped.push(Skipped {
                id: id.clone(),
                reason: reason.to_string(),
            })
        };
        match kind.as_deref() {
            Some("settings") => nodes::read_setting(&mut export.settings, &id, entry),
            Some("template") => skip(&mut export, "template (the layout is Frontera's own)"),
            Some(kind @ ("post" | "page")) => {
                if let Some(state) = nodes::not_live(entry) {
                    skip(&mut export, &format!("{state} {kind}"));
                    continue;
                }
                let Some(published) = child(entry, "published").map(text_of) else {
                    return Err(fail(entry, format!("{kind} {id} has no <published> date")));
                };
                let html = child(entry, "content").map(text_of).unwrap_or_default();
                let mut title = child(entry, "title").map(text_of).unwrap_or_default();
                if title.trim().is_empty() {
                    title = untitled(&html, &published);
                    export.untitled.push(Skipped {
                        id: id.clone(),
                        reason: format!("untitled {kind}, titled {title:?}"),
                    });
                }
                if scheduled(published.trim()) {
                    skip(
                        &mut export,
                        &format!("scheduled {kind} (published after the export)"),
                    );
                    continue;
                }
                export.entries.push(Entry {
                    id: id.clone(),
                    kind: if kind == "post" {
                        Kind::Post
                    } else {
                        Kind::Page
                    },
                    title: title.trim().to_string(),
                    published: published.trim().to_string(),
                    updated: child(entry, "updated").map(|u| text_of(u).trim().to_string()),
                    author: nodes::author(entry).0,
                    labels: nodes::labels(entry),
                    html,
                    permalink: nodes::permalink(entry),
                    at: place,
                });
            }
            Some("comment") => {
                match nodes::not_live(entry).as_deref() {
                    None => {}
                    Some("trashed") => {
                        skip(&mut export, "deleted comment");
                        continue;
                    }
                    Some(_) => {
                        skip(&mut export, "comment not published (awaiting moderation)");
                        continue;
                    }
                }
                if nodes::removed(entry) {
                    skip(&mut export, "deleted comment");
                    continue;
                }
                let Some(post_id) = nodes::comment_post(entry) else {
                    return Err(fail(
                        entry,
                        format!(
                            "comment {id} has no <thr:in-reply-to ref=…> or <blogger:parent> \
                             naming its post"
                        ),
                    ));
                };
                let Some(published) = child(entry, "published").map(text_of) else {
                    return Err(fail(entry, format!("comment {id} has no <published> date")));
                };
                let (author, author_url) = nodes::author(entry);
                export.comments.push(Comment {
                    id: id.clone(),
                    post_id,
                    parent: nodes::comment_parent(entry),
                    author,
                    author_url,
                    published: published.trim().to_string(),
                    html: child(entry, "content").map(text_of).unwrap_or_default(),
                });
            }
            Some(other) => skip(&mut export, &format!("unknown kind {other:?}")),
            None => skip(&mut export, "no kind category"),
        }
    }
    Ok(export)
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;

/// A title for an untitled post (Blogger allows them; its own pages show the text alone): the
/// start of its first paragraph, or, for a post with no text, its date.
fn untitled(html: &str, published: &str) -> String {
    let first = crate::html::prepare(html).first_paragraph;
    let words = crate::words::cut_summary(&first, 70);
    if words.is_empty() {
        published.trim().chars().take(10).collect()
    } else {
        words
    }
}
