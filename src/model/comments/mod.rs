//! Comments from an Isso server: wire types (here), thread numbering (`thread`), the reader's
//! drafts and own comments (`own`), error mapping (`error`) and relative-time buckets (`clock`).
//! Pure logic, tested natively; docs/comments-server.md lists the Isso behaviours relied on here.

use frontera_wire::lenient;
use serde::{Deserialize, Serialize};

pub use super::partial::usable_comment;
use super::post::safe_http_url;
use super::text::{decode_entities, display_name};

mod clock;
mod fields;
mod own;
#[cfg(test)]
mod tests;
mod thread;

pub use clock::*;
pub use fields::*;
pub use own::*;
pub use thread::*;

/// How many top-level comments the first request asks for (a few screenfuls: it is what every
/// reader waits for), and at most how many replies "Show more replies" asks for.
pub const PAGE_LIMIT: u32 = 20;
/// How many top-level comments each "Load more comments" asks for. A reader who asks for more is
/// reading the thread: Blogger shows 200 a page, and a 1,000-comment thread then takes five
/// requests instead of fifty (issue 14). The view builds a page this large a batch per task.
pub const MORE_LIMIT: u32 = 200;
/// How many replies are inlined under each top-level comment (more load on demand).
pub const NESTED_LIMIT: u32 = 5;
/// How long the reader's own comment awaiting moderation is kept in the browser.
pub const PENDING_TTL_SECS: f64 = 24.0 * 3600.0;

/// Isso's `mode`: published.
pub const MODE_PUBLISHED: u8 = 1;
/// Isso's `mode`: awaiting moderation.
pub const MODE_PENDING: u8 = 2;
/// Isso's `mode`: deleted but still referenced by replies.
pub const MODE_DELETED: u8 = 4;

/// One comment as Isso returns it. `author` and `website` arrive HTML-escaped; `text` is HTML.
/// Read leniently (`frontera_wire::lenient`): a field of the wrong type reads as absent, and an
/// element of `replies` that is not an object keeps its place as a comment with `id` 0, which
/// is not shown ([`IssoPage::skipped`]): positions in Isso's lists are its offsets.
#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Default)]
pub struct IssoComment {
    /// Isso's ids start at 1; 0 means the answer had none that could be read.
    #[serde(default, deserialize_with = "lenient::number")]
    pub id: u64,
    #[serde(default, deserialize_with = "lenient::opt_number")]
    pub parent: Option<u64>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub text: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "lenient::text")]
    pub website: Option<String>,
    #[serde(default = "published", deserialize_with = "lenient::number")]
    pub mode: u8,
    #[serde(default, deserialize_with = "lenient::number")]
    pub created: f64,
    #[serde(default, deserialize_with = "lenient::opt_number")]
    pub modified: Option<f64>,
    #[serde(default, deserialize_with = "lenient::number")]
    pub likes: i64,
    #[serde(default, deserialize_with = "lenient::number")]
    pub dislikes: i64,
    /// Published replies of a top-level comment (all of them, not only those inlined).
    #[serde(default, deserialize_with = "lenient::number")]
    pub total_replies: u32,
    /// Replies not inlined in `replies`.
    #[serde(default, deserialize_with = "lenient::number")]
    pub hidden_replies: u32,
    #[serde(default, deserialize_with = "lenient::objects")]
    pub replies: Vec<IssoComment>,
}

fn published() -> u8 {
    MODE_PUBLISHED
}

/// The answer to `GET /?uri=…`: one page of top-level comments (or of one comment's replies).
#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
pub struct IssoPage {
    /// All published comments of the thread, replies included (for `parent=`: that comment's).
    #[serde(default, deserialize_with = "lenient::number")]
    pub total_replies: u32,
    /// Top-level comments after this page (for `parent=`: replies after this page).
    #[serde(default, deserialize_with = "lenient::number")]
    pub hidden_replies: u32,
    #[serde(default, deserialize_with = "lenient::objects")]
    pub replies: Vec<IssoComment>,
}

/// `GET /config`: which fields the server requires.
#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
pub struct IssoConfig {
    #[serde(default, rename = "require-author")]
    pub require_author: bool,
    #[serde(default, rename = "require-email")]
    pub require_email: bool,
    #[serde(default, rename = "reply-to-self")]
    pub reply_to_self: bool,
}

/// The wrapper of `GET /config`.
#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
pub struct IssoConfigAnswer {
    #[serde(default)]
    pub config: IssoConfig,
}

/// What the reader sends to `POST /new`.
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct NewComment {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<u64>,
    /// Always sent: Isso cannot read the title of a client-rendered page to create a thread.
    pub title: String,
}

impl NewComment {
    /// Builds the request body from the form's fields: blank optional fields are left out.
    pub fn from_form(
        text: &str,
        author: &str,
        email: &str,
        website: &str,
        parent: Option<u64>,
        title: &str,
    ) -> NewComment {
        let opt = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        NewComment {
            text: text.to_string(),
            author: opt(author),
            email: opt(email),
            website: opt(website),
            parent,
            title: title.to_string(),
        }
    }
}

/// The order of top-level comments, as in the URL's `?sort=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    #[default]
    Oldest,
    Newest,
    Top,
}

impl Sort {
    /// Every order, in the order the links show them.
    pub const ALL: [Sort; 3] = [Sort::Oldest, Sort::Newest, Sort::Top];

    /// Reads the URL's `?sort=`; anything unknown is the default.
    pub fn from_query(q: Option<&str>) -> Sort {
        match q {
            Some("newest") => Sort::Newest,
            Some("top") => Sort::Top,
            _ => Sort::Oldest,
        }
    }

    /// The value in the URL's `?sort=`.
    pub fn query(self) -> &'static str {
        match self {
            Sort::Oldest => "oldest",
            Sort::Newest => "newest",
            Sort::Top => "top",
        }
    }

    /// Isso's name for the order.
    pub fn isso(self) -> &'static str {
        match self {
            Sort::Oldest => "oldest",
            Sort::Newest => "newest",
            Sort::Top => "upvotes",
        }
    }
}
