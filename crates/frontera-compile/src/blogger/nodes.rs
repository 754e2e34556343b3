//! Reading one entry of an export, in either of Blogger's two formats: the classic "Back up
//! content" file (GData: a `category` of scheme [`super::KIND_SCHEME`], `app:draft`,
//! `thr:in-reply-to`) and the newer one Google Takeout and today's "Back up content" write
//! (elements of the `blogger` namespace [`BLOGGER`]: `type`, `status`, `filename`, `parent`,
//! `inReplyTo`). Each reader tries the classic form first, then the newer one.

use roxmltree::Node;

use super::{Settings, ATOM, KIND_PREFIX, KIND_SCHEME, LABEL_SCHEME};

const APP: &str = "http://purl.org/atom/app#";
const THREAD: &str = "http://purl.org/syndication/thread/1.0";
const GDATA: &str = "http://schemas.google.com/g/2005";
/// The namespace of the newer export format.
pub const BLOGGER: &str = "http://schemas.google.com/blogger/2018";
/// The start of a label's `category` scheme in the newer format (`tag:blogger.com,1999:blog-ID`).
const TAKEOUT_LABEL_SCHEME: &str = "tag:blogger.com,1999:blog-";

pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((ATOM, name)))
}

/// A child element of the newer format's namespace, by name.
fn blogger<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((BLOGGER, name)))
}

/// The trimmed text of the newer format's element `name`, when it has any.
fn blogger_text(node: Node, name: &str) -> Option<String> {
    blogger(node, name)
        .map(|n| text_of(n).trim().to_string())
        .filter(|t| !t.is_empty())
}

/// All text inside an element (a `content` holds escaped HTML as one text node, or CDATA).
pub(super) fn text_of(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

pub(super) fn link<'a>(node: Node<'a, '_>, rel: &str) -> Option<&'a str> {
    node.children()
        .filter(|n| n.has_tag_name((ATOM, "link")))
        .find(|n| n.attribute("rel") == Some(rel))
        .and_then(|n| n.attribute("href"))
        .filter(|href| !href.trim().is_empty())
}

/// `post`, `page`, `comment`, `settings`, `template`… : the `category` of the kind scheme, or
/// the newer format's `blogger:type` in lower case.
pub(super) fn kind(entry: Node) -> Option<String> {
    entry
        .children()
        .filter(|n| n.has_tag_name((ATOM, "category")))
        .find(|n| n.attribute("scheme") == Some(KIND_SCHEME))
        .and_then(|n| n.attribute("term"))
        .map(|t| t.strip_prefix(KIND_PREFIX).unwrap_or(t).to_string())
        .or_else(|| blogger_text(entry, "type").map(|t| t.to_ascii_lowercase()))
}

/// Why an entry is not live, as a word for the report (`draft`, `trashed`, or the newer
/// format's status in lower case); `None` for a live one.
pub(super) fn not_live(entry: Node) -> Option<String> {
    let draft = entry
        .children()
        .filter(|n| n.has_tag_name((APP, "control")))
        .flat_map(|c| c.children())
        .any(|n| n.has_tag_name((APP, "draft")) && text_of(n).trim() == "yes");
    if draft {
        return Some("draft".into());
    }
    // `<blogger:trashed/>` is empty on a live entry and holds the date on a trashed one.
    if blogger_text(entry, "trashed").is_some() {
        return Some("trashed".into());
    }
    match blogger_text(entry, "status").as_deref() {
        None | Some("LIVE") => None,
        Some("SOFT_TRASHED") => Some("trashed".into()),
        Some(other) => Some(other.to_ascii_lowercase()),
    }
}

/// A comment deleted by its author or the blog's (classic format; the newer one marks it
/// trashed, see [`not_live`]).
pub(super) fn removed(entry: Node) -> bool {
    entry.children().any(|n| {
        n.has_tag_name((GDATA, "extendedProperty"))
            && n.attribute("name") == Some("blogger.contentRemoved")
            && n.attribute("value") == Some("true")
    })
}

/// A post's labels: `category` of the classic label scheme, or of the newer format's blog
/// scheme.
pub(super) fn labels(entry: Node) -> Vec<String> {
    entry
        .children()
        .filter(|n| n.has_tag_name((ATOM, "category")))
        .filter(|n| {
            n.attribute("scheme")
                .is_some_and(|s| s == LABEL_SCHEME || s.starts_with(TAKEOUT_LABEL_SCHEME))
        })
        .filter_map(|n| n.attribute("term"))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The old address: `link rel="alternate"` (absolute), or the newer format's `filename` (a
/// path such as `/2019/05/slug.html`).
pub(super) fn permalink(entry: Node) -> Option<String> {
    link(entry, "alternate")
        .map(str::to_string)
        .or_else(|| blogger_text(entry, "filename").filter(|f| f.starts_with('/')))
}

/// The id of the post a comment belongs to.
pub(super) fn comment_post(entry: Node) -> Option<String> {
    entry
        .children()
        .find(|n| n.has_tag_name((THREAD, "in-reply-to")))
        .and_then(|n| n.attribute("ref"))
        .map(str::to_string)
        .or_else(|| blogger_text(entry, "parent"))
}

/// The number of the comment a comment answers: the last segment of its `related` link, or
/// the newer format's `inReplyTo` (a comment id, empty for a top-level comment).
pub(super) fn comment_parent(entry: Node) -> Option<String> {
    link(entry, "related")
        .and_then(|href| href.trim_end_matches('/').rsplit('/').next())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| blogger_text(entry, "inReplyTo").map(|id| super::number(&id).to_string()))
}

/// The author's display name (`None` when absent or Blogger's `Anonymous`) and web address.
pub(super) fn author(entry: Node) -> (Option<String>, Option<String>) {
    let Some(a) = child(entry, "author") else {
        return (None, None);
    };
    let name = child(a, "name")
        .map(|n| text_of(n).trim().to_string())
        .filter(|n| !n.is_empty() && n != "Anonymous" && n != "Unknown");
    let uri = child(a, "uri")
        .map(|n| text_of(n).trim().to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        // Blogger gives every signed-in author a profile address; it is not their website.
        .filter(|u| !u.contains("://www.blogger.com/profile/"));
    (name, uri)
}

pub(super) fn read_setting(settings: &mut Settings, id: &str, entry: Node) {
    let value = child(entry, "content")
        .map(|c| text_of(c).trim().to_string())
        .filter(|v| !v.is_empty());
    match id.rsplit_once(".settings.").map(|(_, key)| key) {
        // An empty setting leaves the feed's own title.
        Some("BLOG_NAME") => settings.title = value.or(settings.title.take()),
        Some("BLOG_DESCRIPTION") => settings.tagline = value,
        Some("BLOG_TIME_ZONE") => settings.time_zone = value,
        // `es`, `es_MX`, `es-419`: the language is the first part.
        Some("BLOG_LOCALE") => {
            settings.language = value
                .and_then(|v| v.split(['_', '-']).next().map(str::to_ascii_lowercase))
                .filter(|l| l.len() == 2 || l.len() == 3)
        }
        _ => {}
    }
}
