//! Comments from an Isso server: wire types, thread numbering, draft keys, error mapping and
//! relative-time buckets. Pure logic, tested natively; docs/comments-server.md lists the Isso
//! behaviours relied on here.

use frontera_wire::lenient;
use serde::{Deserialize, Serialize};

pub use super::partial::usable_comment;
use super::post::safe_http_url;
use super::text::decode_entities;

/// How many top-level comments one request asks for, and at most how many replies "Show more
/// replies" asks for.
pub const PAGE_LIMIT: u32 = 20;
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

/// A comment ready to show: entities decoded once, unsafe links dropped, numbered.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    pub id: u64,
    pub parent: Option<u64>,
    /// "1", "2" … for top-level comments, "1.1" … for replies; `None` when not known.
    pub number: Option<String>,
    /// Plain text (decoded from Isso's escaping); `None` for anonymous comments.
    pub author: Option<String>,
    /// Only an http(s) URL.
    pub website: Option<String>,
    /// Isso's rendered HTML: must go through `SafeHtml`.
    pub html: String,
    pub created: f64,
    pub likes: i64,
    pub dislikes: i64,
    pub mode: u8,
    /// Published replies, for top-level comments.
    pub total_replies: u32,
    pub replies: Vec<Comment>,
}

impl Comment {
    /// Converts Isso's comment; `number` is filled in by the caller.
    pub fn from_isso(c: &IssoComment, number: Option<String>) -> Comment {
        let author = c
            .author
            .as_deref()
            .map(|a| decode_entities(a).trim().to_string())
            .filter(|a| !a.is_empty());
        let website = c
            .website
            .as_deref()
            .map(decode_entities)
            .and_then(|w| safe_http_url(&w));
        Comment {
            id: c.id,
            parent: c.parent,
            number,
            author,
            website,
            html: c.text.clone(),
            created: c.created,
            likes: c.likes,
            dislikes: c.dislikes,
            mode: c.mode,
            total_replies: c.total_replies,
            replies: Vec::new(),
        }
    }

    /// Whether Isso holds it for moderation.
    pub fn is_pending(&self) -> bool {
        self.mode == MODE_PENDING
    }

    /// Whether it was deleted but kept because replies refer to it.
    pub fn is_deleted(&self) -> bool {
        self.mode == MODE_DELETED
    }
}

/// The number of the top-level comment at `index` of a page fetched at `offset`, by creation
/// order, so that it is the same whatever the sort. `top_total` is the number of top-level
/// comments in the thread. Under "top", the order says nothing about creation: `None` (the
/// caller numbers a complete first page with [`number_by_creation`]).
pub fn top_level_number(sort: Sort, offset: u32, index: u32, top_total: u32) -> Option<u32> {
    match sort {
        // Checked: offsets and counts come from the server; past u32 there is no number.
        Sort::Oldest => offset.checked_add(index)?.checked_add(1),
        Sort::Newest => top_total
            .checked_sub(offset.checked_add(index)?)
            .filter(|n| *n > 0),
        Sort::Top => None,
    }
}

/// Numbers comments by creation time (ties by id): the rank, from 1, of each in `created`.
pub fn number_by_creation(items: &[(u64, f64)]) -> Vec<(u64, u32)> {
    let mut ranked: Vec<(u64, u32)> = items
        .iter()
        .zip(creation_ranks(items))
        .map(|(&(id, _), rank)| (id, rank))
        .collect();
    ranked.sort_by_key(|&(_, rank)| rank);
    ranked
}

/// The creation rank, from 1, of each item where it stands (ties by id, then position), so a
/// repeated id still gets a number of its own.
fn creation_ranks(items: &[(u64, f64)]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (items[a], items[b]);
        a.1.total_cmp(&b.1).then(a.0.cmp(&b.0))
    });
    let mut ranks = vec![0; items.len()];
    for (rank, i) in order.into_iter().enumerate() {
        ranks[i] = rank as u32 + 1;
    }
    ranks
}

/// How many top-level comments a thread has, from a page fetched at `offset`.
pub fn top_level_total(page: &IssoPage, offset: u32) -> u32 {
    offset
        .saturating_add(page.replies.len() as u32)
        .saturating_add(page.hidden_replies)
}

/// Builds numbered comments from one page of a thread. Replies, which Isso always returns
/// oldest first, are numbered `<parent>.<rank>`. Comments that cannot be shown
/// ([`usable_comment`]) are left out; the others keep the numbers of their places in Isso's list.
pub fn build_page(page: &IssoPage, sort: Sort, offset: u32) -> Vec<Comment> {
    let top_total = top_level_total(page, offset);
    let whole = offset == 0 && page.hidden_replies == 0;
    let shown: Vec<(usize, &IssoComment)> = page
        .replies
        .iter()
        .enumerate()
        .filter(|(_, c)| usable_comment(c))
        .collect();
    let by_creation: Vec<u32> = if sort == Sort::Top && whole {
        creation_ranks(
            &shown
                .iter()
                .map(|(_, c)| (c.id, c.created))
                .collect::<Vec<_>>(),
        )
    } else {
        Vec::new()
    };
    shown
        .iter()
        .enumerate()
        .map(|(k, &(i, c))| {
            let n = top_level_number(sort, offset, i as u32, top_total)
                .or_else(|| by_creation.get(k).copied());
            let number = n.map(|n| n.to_string());
            let mut top = Comment::from_isso(c, number.clone());
            top.replies = build_replies(&c.replies, number.as_deref(), 0);
            top
        })
        .collect()
}

/// Numbers a run of replies fetched at `offset` (Isso returns them oldest first), leaving out
/// those that cannot be shown.
pub fn build_replies(
    replies: &[IssoComment],
    parent_number: Option<&str>,
    offset: u32,
) -> Vec<Comment> {
    replies
        .iter()
        .enumerate()
        .filter(|(_, r)| usable_comment(r))
        .map(|(i, r)| {
            let number = parent_number.and_then(|p| {
                let n = offset.checked_add(i as u32)?.checked_add(1)?;
                Some(format!("{p}.{n}"))
            });
            Comment::from_isso(r, number)
        })
        .collect()
}

/// One fetched page of top-level comments, numbered once when it arrived. The view renders a
/// page once and appends the next under it; it never rebuilds the pages before.
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadPage {
    /// The order it was fetched in.
    pub sort: Sort,
    /// How many top-level comments precede it.
    pub offset: u32,
    /// How many top-level comments Isso returned (before any already shown were left out).
    pub fetched: u32,
    /// Top-level comments after it (Isso's `hidden_replies`).
    pub hidden: u32,
    /// Published comments in the whole thread, replies included (Isso's `total_replies`).
    pub total: u32,
    /// The comments to show, with their inlined replies. Shared: the view and the chain of pages
    /// hold the same list instead of copies.
    pub comments: std::sync::Arc<Vec<Comment>>,
}

impl ThreadPage {
    /// Numbers Isso's page fetched at `offset` in order `sort`.
    pub fn new(page: &IssoPage, sort: Sort, offset: u32) -> ThreadPage {
        ThreadPage {
            sort,
            offset,
            fetched: page.replies.len() as u32,
            hidden: page.hidden_replies,
            total: page.total_replies,
            comments: std::sync::Arc::new(build_page(page, sort, offset)),
        }
    }

    /// Where the next page starts: the top-level comments up to the end of this one.
    pub fn end(&self) -> u32 {
        self.offset.saturating_add(self.fetched)
    }

    /// Top-level comments in the thread, as this page's answer counts them.
    pub fn top_total(&self) -> u32 {
        self.end().saturating_add(self.hidden)
    }

    /// The offset of the page after this one, when there is one.
    pub fn next_offset(&self) -> Option<u32> {
        super::replies::next_batch(self.top_total(), self.end(), 1).map(|b| b.offset)
    }

    /// What tells two renderings of a page apart: where it starts and which comments it shows.
    pub fn key(&self) -> (Sort, u32, usize, Option<u64>) {
        (
            self.sort,
            self.offset,
            self.comments.len(),
            self.comments.first().map(|c| c.id),
        )
    }
}

/// The pages shown after `head`: those of its order that continue it without a gap, each
/// without the comments an earlier page already shows (new comments shift Isso's offsets).
/// Pages fetched for another order or at an offset that does not follow are left out.
pub fn chain_pages(head: &ThreadPage, later: &[ThreadPage]) -> Vec<ThreadPage> {
    let mut seen: std::collections::HashSet<u64> = head.comments.iter().map(|c| c.id).collect();
    let mut pages: Vec<&ThreadPage> = later.iter().filter(|p| p.sort == head.sort).collect();
    pages.sort_by_key(|p| p.offset);
    let mut out = Vec::new();
    let mut next = head.next_offset();
    for p in pages {
        if Some(p.offset) != next {
            continue;
        }
        let page = if p.comments.iter().any(|c| seen.contains(&c.id)) {
            ThreadPage {
                comments: std::sync::Arc::new(
                    p.comments
                        .iter()
                        .filter(|c| !seen.contains(&c.id))
                        .cloned()
                        .collect(),
                ),
                ..p.clone()
            }
        } else {
            p.clone()
        };
        seen.extend(page.comments.iter().map(|c| c.id));
        next = page.next_offset();
        out.push(page);
    }
    out
}

/// The localStorage key of the draft for a thread and (for a reply) its parent comment.
pub fn draft_key(uri: &str, parent: Option<u64>) -> String {
    match parent {
        Some(p) => format!("frontera.comments.draft:{uri}#{p}"),
        None => format!("frontera.comments.draft:{uri}"),
    }
}

/// The localStorage key of the reader's own comments in a thread (pending or editable).
pub fn own_key(uri: &str) -> String {
    format!("frontera.comments.own:{uri}")
}

/// The reader's own comment, kept in the browser while it awaits moderation or can be edited.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OwnComment {
    pub comment: IssoComment,
    /// When it was sent, in seconds since the epoch (the browser's clock).
    pub saved_at: f64,
    /// Until when Isso lets this browser edit or delete it (its edit cookie's lifetime).
    #[serde(default)]
    pub editable_until: Option<f64>,
}

impl OwnComment {
    /// Seconds left to edit or delete it at `now`, if any.
    pub fn edit_seconds_left(&self, now: f64) -> Option<u64> {
        let left = self.editable_until? - now;
        (left >= 1.0).then_some(left as u64)
    }
}

/// Which own comments to keep in storage: those still awaiting moderation (for a day) and those
/// still inside their edit window.
pub fn own_to_keep(own: &[OwnComment], now: f64, published_ids: &[u64]) -> Vec<OwnComment> {
    own.iter()
        .filter(|o| {
            o.edit_seconds_left(now).is_some()
                || (o.comment.mode == MODE_PENDING
                    && now - o.saved_at < PENDING_TTL_SECS
                    && !published_ids.contains(&o.comment.id))
        })
        .cloned()
        .collect()
}

/// The lifetime of Isso's edit cookie, from its `X-Set-Cookie` (or `Set-Cookie`) header.
pub fn cookie_max_age(header: &str) -> Option<f64> {
    header.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| v.trim().parse::<f64>().ok())
            .flatten()
    })
}

/// "14:05": minutes and seconds left.
pub fn countdown(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Which of the stored own comments are still worth showing as pending: not expired, not yet
/// published (`published_ids` are the ids the thread now lists).
pub fn live_pending(own: &[OwnComment], now: f64, published_ids: &[u64]) -> Vec<OwnComment> {
    own.iter()
        .filter(|o| now - o.saved_at < PENDING_TTL_SECS && !published_ids.contains(&o.comment.id))
        .cloned()
        .collect()
}

/// Why an Isso request failed. Each variant has its own translated message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommentError {
    /// 400: the text is under Isso's minimum (3 characters).
    TooShort,
    /// 400: the text is over Isso's maximum (65,535 characters).
    TooLong,
    /// 400: the website is not a valid URL.
    BadWebsite,
    /// 400: the email is not valid.
    BadEmail,
    /// Any other 400.
    Invalid,
    /// 403: too many comments a minute from this address.
    RateLimited,
    /// 403: too many top-level comments in this thread from this address.
    TooManyReplies,
    /// 403: a reply to one's own comment while it can still be edited.
    ReplyToSelf,
    /// 403: the server requires a name.
    AuthorRequired,
    /// 403: the server requires an email.
    EmailRequired,
    /// 403 otherwise (the edit window is over, for example).
    Forbidden,
    /// 404: the comment no longer exists.
    NotFound,
    /// 413: the comment is too large.
    TooLarge,
    /// 5xx or any other status: the server had a problem (or is down behind a proxy).
    Server(u16),
    /// The browser says it is offline.
    Offline,
    /// No answer: the server is down or unreachable.
    Network(String),
    /// No complete answer in time.
    Timeout,
    /// A success whose body is not what Isso sends.
    Malformed(String),
}

impl std::fmt::Display for CommentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "comment server: {self:?}")
    }
}

impl std::error::Error for CommentError {}

impl CommentError {
    /// Maps a failed answer by its status, and for 400/403 by the reason in its (HTML or JSON)
    /// body, as Isso 0.14 writes it.
    pub fn from_response(status: u16, body: &str) -> CommentError {
        let b = body.to_ascii_lowercase();
        match status {
            400 if b.contains("too short") => CommentError::TooShort,
            400 if b.contains("too long") => CommentError::TooLong,
            400 if b.contains("website") => CommentError::BadWebsite,
            400 if b.contains("rfc5321") || b.contains("email") => CommentError::BadEmail,
            400 => CommentError::Invalid,
            403 if b.contains("ratelimit") => CommentError::RateLimited,
            403 if b.contains("direct responses") => CommentError::TooManyReplies,
            403 if b.contains("edit time frame") => CommentError::ReplyToSelf,
            403 if b.contains("author") => CommentError::AuthorRequired,
            403 if b.contains("email") => CommentError::EmailRequired,
            403 => CommentError::Forbidden,
            404 | 410 => CommentError::NotFound,
            413 => CommentError::TooLarge,
            s => CommentError::Server(s),
        }
    }

    /// A short stable name, for `data-error` attributes and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            CommentError::TooShort => "too-short",
            CommentError::TooLong => "too-long",
            CommentError::BadWebsite => "bad-website",
            CommentError::BadEmail => "bad-email",
            CommentError::Invalid => "invalid",
            CommentError::RateLimited => "rate-limited",
            CommentError::TooManyReplies => "too-many",
            CommentError::ReplyToSelf => "reply-to-self",
            CommentError::AuthorRequired => "author-required",
            CommentError::EmailRequired => "email-required",
            CommentError::Forbidden => "forbidden",
            CommentError::NotFound => "not-found",
            CommentError::TooLarge => "too-large",
            CommentError::Server(_) => "server",
            CommentError::Offline => "offline",
            CommentError::Network(_) => "network",
            CommentError::Timeout => "timeout",
            CommentError::Malformed(_) => "malformed",
        }
    }
}

/// A moment (seconds since the epoch) as RFC 3339 in UTC, for `<time datetime>`.
pub fn iso_utc(secs: f64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(secs.max(0.0) as i64)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A unit of relative time, as `Intl.RelativeTimeFormat` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

impl TimeUnit {
    /// The `Intl.RelativeTimeFormat` unit name.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// How long ago `then` was at `now` (seconds since the epoch), as a negative amount of the
/// largest unit that fits: (-3, Hour) is "3 hours ago". Under a minute (or in the future,
/// clocks disagree) is (0, Second), "now".
pub fn relative_bucket(now: f64, then: f64) -> (i64, TimeUnit) {
    let s = (now - then).max(0.0) as i64;
    let (n, unit) = match s {
        0..=59 => (0, TimeUnit::Second),
        60..=3_599 => (s / 60, TimeUnit::Minute),
        3_600..=86_399 => (s / 3_600, TimeUnit::Hour),
        86_400..=2_591_999 => (s / 86_400, TimeUnit::Day),
        2_592_000..=31_535_999 => (s / 2_592_000, TimeUnit::Month),
        _ => (s / 31_536_000, TimeUnit::Year),
    };
    (-n, unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: u64, created: f64, parent: Option<u64>) -> IssoComment {
        IssoComment {
            id,
            parent,
            text: format!("<p>{id}</p>"),
            author: None,
            website: None,
            mode: 1,
            created,
            modified: None,
            likes: 0,
            dislikes: 0,
            total_replies: 0,
            hidden_replies: 0,
            replies: Vec::new(),
        }
    }

    fn numbers(list: &[Comment]) -> Vec<(u64, Option<String>)> {
        let mut out = Vec::new();
        for t in list {
            out.push((t.id, t.number.clone()));
            for r in &t.replies {
                out.push((r.id, r.number.clone()));
            }
        }
        out
    }

    #[test]
    fn parses_what_isso_sends() {
        let json = r#"{"id":null,"total_replies":3,"hidden_replies":1,"replies":[
            {"id":1,"parent":null,"created":1795889931.17,"modified":null,"mode":1,
             "text":"<p>hi</p>","author":"&lt;b&gt;Eve&lt;/b&gt;\"","website":"http://x.org/?a=1&amp;b=&quot;2&quot;",
             "likes":2,"dislikes":1,"notification":null,"hash":"abc","total_replies":1,"hidden_replies":0,
             "replies":[{"id":4,"parent":1,"created":1795889932.0,"modified":null,"mode":1,"text":"<p>r</p>",
             "author":null,"website":null,"likes":0,"dislikes":0,"notification":null,"hash":"d"}]}],
            "config":{"reply-to-self":false}}"#;
        let page: IssoPage = serde_json::from_str(json).unwrap();
        assert_eq!(page.total_replies, 3);
        let built = build_page(&page, Sort::Oldest, 0);
        assert_eq!(built[0].author.as_deref(), Some("<b>Eve</b>\""));
        assert_eq!(
            built[0].website.as_deref(),
            Some("http://x.org/?a=1&b=\"2\"")
        );
        assert_eq!(built[0].replies[0].number.as_deref(), Some("1.1"));
        assert_eq!(built[0].likes, 2);
    }

    #[test]
    fn numbers_are_by_creation_whatever_the_sort() {
        // Three top-level comments, the first with two replies, created 1 < 2 < 3.
        let mut first = c(1, 10.0, None);
        first.replies = vec![c(4, 40.0, Some(1)), c(5, 50.0, Some(1))];
        first.total_replies = 2;
        let mut second = c(2, 20.0, None);
        second.likes = 5;
        let third = c(3, 30.0, None);
        let expected = vec![
            (1, Some("1".into())),
            (4, Some("1.1".into())),
            (5, Some("1.2".into())),
            (2, Some("2".into())),
            (3, Some("3".into())),
        ];
        for (sort, order) in [
            (
                Sort::Oldest,
                vec![first.clone(), second.clone(), third.clone()],
            ),
            (
                Sort::Newest,
                vec![third.clone(), second.clone(), first.clone()],
            ),
            (
                Sort::Top,
                vec![second.clone(), first.clone(), third.clone()],
            ),
        ] {
            let page = IssoPage {
                total_replies: 5,
                hidden_replies: 0,
                replies: order,
            };
            let mut got = numbers(&build_page(&page, sort, 0));
            got.sort();
            let mut want = expected.clone();
            want.sort();
            assert_eq!(got, want, "{sort:?}");
        }
    }

    #[test]
    fn paged_numbers_use_offsets() {
        // Newest first, second page of 2 out of 5 top-level comments: numbers 3 and 2.
        let page = IssoPage {
            total_replies: 5,
            hidden_replies: 1,
            replies: vec![c(30, 3.0, None), c(20, 2.0, None)],
        };
        let got: Vec<_> = build_page(&page, Sort::Newest, 2)
            .into_iter()
            .map(|c| c.number)
            .collect();
        assert_eq!(got, vec![Some("3".into()), Some("2".into())]);
        let got: Vec<_> = build_page(&page, Sort::Oldest, 2)
            .into_iter()
            .map(|c| c.number)
            .collect();
        assert_eq!(got, vec![Some("3".into()), Some("4".into())]);
        // "Top" on a partial page cannot know creation ranks.
        assert!(build_page(&page, Sort::Top, 2)[0].number.is_none());
        assert_eq!(top_level_total(&page, 2), 5);
        // Replies loaded later continue their parent's numbering.
        let more = build_replies(&[c(9, 9.0, Some(1))], Some("1"), 5);
        assert_eq!(more[0].number.as_deref(), Some("1.6"));
    }

    #[test]
    fn later_pages_chain_without_gaps_or_repeats() {
        let page = |ids: &[u64], hidden: u32| IssoPage {
            total_replies: 10,
            hidden_replies: hidden,
            replies: ids.iter().map(|&i| c(i, i as f64, None)).collect(),
        };
        let head = ThreadPage::new(&page(&[1, 2], 4), Sort::Oldest, 0);
        assert_eq!(head.next_offset(), Some(2));
        let second = ThreadPage::new(&page(&[3, 4], 2), Sort::Oldest, 2);
        // A new comment shifted the offsets: 4 comes again on the third page.
        let third = ThreadPage::new(&page(&[4, 5], 0), Sort::Oldest, 4);
        let other_sort = ThreadPage::new(&page(&[9, 8], 2), Sort::Newest, 2);
        let gap = ThreadPage::new(&page(&[7], 0), Sort::Oldest, 7);
        // Arrival order does not matter; the numbering was done once, on arrival.
        let got = chain_pages(&head, &[third.clone(), gap, other_sort, second.clone()]);
        let ids: Vec<Vec<u64>> = got
            .iter()
            .map(|p| p.comments.iter().map(|c| c.id).collect())
            .collect();
        assert_eq!(ids, vec![vec![3, 4], vec![5]]);
        assert_eq!(got[1].comments[0].number.as_deref(), Some("6"));
        assert_eq!(got[1].next_offset(), None);
        // An untouched page is the same list, not a copy.
        assert!(std::sync::Arc::ptr_eq(&got[0].comments, &second.comments));
        assert_ne!(got[1].key(), third.key());
        // Without the page in between, nothing follows the head.
        assert!(chain_pages(&head, &[third]).is_empty());
    }

    #[test]
    fn huge_offsets_and_counts_do_not_overflow() {
        // Found by tests/props.rs: these sums overflowed (a panic in debug builds).
        let page = IssoPage {
            total_replies: 0,
            hidden_replies: u32::MAX - 1,
            replies: vec![c(1, 1.0, None), c(2, 2.0, None)],
        };
        assert_eq!(top_level_total(&page, 5), u32::MAX);
        let got = build_page(&page, Sort::Oldest, u32::MAX - 1);
        assert_eq!(
            got[0].number.as_deref(),
            Some(u32::MAX.to_string().as_str())
        );
        assert_eq!(got[1].number, None, "past u32 there is no number");
        assert_eq!(top_level_number(Sort::Newest, u32::MAX, 1, 9), None);
        let more = build_replies(
            &[c(9, 9.0, Some(1)), c(10, 9.0, Some(1))],
            Some("1"),
            u32::MAX - 1,
        );
        assert_eq!(
            more[0].number.as_deref(),
            Some(format!("1.{}", u32::MAX).as_str())
        );
        assert_eq!(more[1].number, None);
    }

    #[test]
    fn repeated_ids_still_get_numbers_of_their_own() {
        // Found by tests/props.rs: under "top" the creation rank was looked up by id, so two
        // comments with one id shared a number.
        let page = IssoPage {
            total_replies: 3,
            hidden_replies: 0,
            replies: vec![c(7, 5.0, None), c(7, 1.0, None), c(3, 3.0, None)],
        };
        let got: Vec<_> = build_page(&page, Sort::Top, 0)
            .into_iter()
            .map(|c| c.number)
            .collect();
        assert_eq!(
            got,
            vec![Some("3".into()), Some("1".into()), Some("2".into())]
        );
        assert_eq!(
            number_by_creation(&[(7, 5.0), (7, 1.0), (3, 3.0)]),
            vec![(7, 1), (3, 2), (7, 3)]
        );
    }

    #[test]
    fn sort_round_trips_through_the_url() {
        for s in Sort::ALL {
            assert_eq!(Sort::from_query(Some(s.query())), s);
        }
        assert_eq!(Sort::from_query(Some("bogus")), Sort::Oldest);
        assert_eq!(Sort::from_query(None), Sort::Oldest);
        assert_eq!(Sort::Top.isso(), "upvotes");
    }

    #[test]
    fn draft_keys_are_per_thread_and_parent() {
        let a = draft_key("/2026/11/a", None);
        let b = draft_key("/2026/11/a", Some(3));
        let c2 = draft_key("/2026/11/b", None);
        let d = draft_key("/2026/11/a", Some(4));
        let all = [&a, &b, &c2, &d];
        for (i, x) in all.iter().enumerate() {
            for y in &all[i + 1..] {
                assert_ne!(x, y);
            }
        }
        assert_eq!(draft_key("/2026/11/a", Some(3)), b);
        assert_ne!(own_key("/2026/11/a"), a);
    }

    #[test]
    fn error_mapping_follows_isso_messages() {
        let html = |m: &str| format!("<!doctype html><title>X</title><h1>X</h1><p>{m}</p>");
        let cases = [
            (
                400,
                "text is too short (minimum length: 3)",
                CommentError::TooShort,
            ),
            (
                400,
                "text is too long (maximum length: 65535)",
                CommentError::TooLong,
            ),
            (400, "Website not Django-conform", CommentError::BadWebsite),
            (
                400,
                "http://tools.ietf.org/html/rfc5321#section-4.5.3",
                CommentError::BadEmail,
            ),
            (400, "Unable to read JSON request", CommentError::Invalid),
            (
                403,
                "127.0.0.0: ratelimit exceeded (1, 2)",
                CommentError::RateLimited,
            ),
            (
                403,
                "3 direct responses to /t/dr",
                CommentError::TooManyReplies,
            ),
            (
                403,
                "edit time frame is still open",
                CommentError::ReplyToSelf,
            ),
            (
                403,
                "author address required but not provided",
                CommentError::AuthorRequired,
            ),
            (
                403,
                "email address required but not provided",
                CommentError::EmailRequired,
            ),
            (403, "CSRF", CommentError::Forbidden),
            (403, "", CommentError::Forbidden),
            (413, "", CommentError::TooLarge),
            (404, "", CommentError::NotFound),
            (500, "", CommentError::Server(500)),
            (502, "<html>bad gateway</html>", CommentError::Server(502)),
        ];
        for (status, msg, want) in cases {
            assert_eq!(
                CommentError::from_response(status, &html(msg)),
                want,
                "{msg}"
            );
        }
        // The JSON form Isso uses with `Accept: application/json`.
        assert_eq!(
            CommentError::from_response(
                403,
                r#"{"message": "403 Forbidden: 127.0.0.0: ratelimit exceeded (1, 2)"}"#
            ),
            CommentError::RateLimited
        );
    }

    #[test]
    fn hostile_author_and_website_stay_text_and_links_stay_http() {
        let mut h = c(1, 1.0, None);
        h.author = Some("&lt;img src=x onerror=alert(1)&gt;".into());
        h.website = Some("javascript:alert(1)".into());
        let built = Comment::from_isso(&h, None);
        assert_eq!(
            built.author.as_deref(),
            Some("<img src=x onerror=alert(1)>")
        );
        assert_eq!(built.website, None);
        h.website = Some("JAVASCRIPT&#58;alert(1)".into());
        assert_eq!(Comment::from_isso(&h, None).website, None);
        h.website = Some("data:text/html,x".into());
        assert_eq!(Comment::from_isso(&h, None).website, None);
        h.website = Some("https://ok.example/".into());
        assert_eq!(
            Comment::from_isso(&h, None).website.as_deref(),
            Some("https://ok.example/")
        );
        h.author = Some("   ".into());
        assert_eq!(Comment::from_isso(&h, None).author, None);
    }

    #[test]
    fn pending_own_comments_expire_or_give_way_to_published_ones() {
        let own = |id, saved_at| OwnComment {
            comment: c(id, saved_at, None),
            saved_at,
            editable_until: None,
        };
        let list = vec![
            own(1, 1000.0),
            own(2, 1000.0 + PENDING_TTL_SECS),
            own(3, 5000.0),
        ];
        let now = 1000.0 + PENDING_TTL_SECS + 10.0;
        let live: Vec<u64> = live_pending(&list, now, &[3])
            .iter()
            .map(|o| o.comment.id)
            .collect();
        assert_eq!(live, vec![2]);
    }

    #[test]
    fn edit_windows_and_what_storage_keeps() {
        assert_eq!(
            cookie_max_age("isso-23=abc.def; Expires=Sat, 28 Nov 2026 18:40:00 GMT; Max-Age=900; Path=/; SameSite=Lax"),
            Some(900.0)
        );
        assert_eq!(cookie_max_age("isso-23=abc; path=/"), None);
        assert_eq!(countdown(845), "14:05");
        assert_eq!(countdown(59), "0:59");
        let mut pending = c(1, 0.0, None);
        pending.mode = MODE_PENDING;
        let published = c(2, 0.0, None);
        let own = |comment: IssoComment, editable_until| OwnComment {
            comment,
            saved_at: 1000.0,
            editable_until,
        };
        let list = vec![
            own(pending.clone(), Some(1900.0)),
            own(published.clone(), Some(1900.0)),
            own(published, None),
        ];
        assert_eq!(list[0].edit_seconds_left(1000.0), Some(900));
        assert_eq!(list[0].edit_seconds_left(1899.5), None);
        // Inside the window both stay; after it only the pending one does, until published.
        assert_eq!(own_to_keep(&list, 1500.0, &[]).len(), 2);
        assert_eq!(own_to_keep(&list, 2000.0, &[]).len(), 1);
        assert_eq!(own_to_keep(&list, 2000.0, &[1]).len(), 0);
    }

    #[test]
    fn form_fields_become_the_request_body() {
        let body = NewComment::from_form("Hello there", "  ", "", " https://x.org ", Some(3), "T");
        let json = serde_json::to_value(&body).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"text":"Hello there","website":"https://x.org","parent":3,"title":"T"})
        );
    }

    #[test]
    fn iso_times() {
        assert_eq!(iso_utc(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_795_889_931.17), "2026-11-28T18:18:51Z");
    }

    #[test]
    fn relative_buckets() {
        assert_eq!(relative_bucket(100.0, 90.0), (0, TimeUnit::Second));
        assert_eq!(relative_bucket(100.0, 200.0), (0, TimeUnit::Second));
        assert_eq!(relative_bucket(4000.0, 0.0), (-1, TimeUnit::Hour));
        assert_eq!(relative_bucket(180.0, 0.0), (-3, TimeUnit::Minute));
        assert_eq!(relative_bucket(86_400.0 * 3.0, 0.0), (-3, TimeUnit::Day));
        assert_eq!(relative_bucket(86_400.0 * 65.0, 0.0), (-2, TimeUnit::Month));
        assert_eq!(relative_bucket(86_400.0 * 800.0, 0.0), (-2, TimeUnit::Year));
    }
}
