//! The reader's drafts and own comments (pending or still editable), kept in localStorage.

use super::*;

/// The localStorage key of the draft for a thread and (for a reply) its parent comment.
pub fn draft_key(uri: &str, parent: Option<u64>) -> String {
    match parent {
        Some(p) => format!("frontera.comments.draft:{uri}#{p}"),
        None => format!("frontera.comments.draft:{uri}"),
    }
}

/// The localStorage key of the comment whose reply form is open in thread `uri` (its id):
/// a form left open with a draft in it opens again when the reader comes back.
pub fn open_reply_key(uri: &str) -> String {
    format!("frontera.comments.replying:{uri}")
}

/// The reply form to open again on a thread's first page: the comment `id` if `top` (top-level
/// comments with their inlined replies) shows it and it can still be answered, as (its
/// top-level comment, the comment), what the section's `replying` holds. A reader who left a
/// reply half-written finds it where they left it, not only when they press Reply again.
pub fn reply_to_reopen(top: &[IssoComment], id: u64) -> Option<(u64, u64)> {
    let open = |c: &IssoComment| c.mode != MODE_DELETED && c.id == id;
    top.iter().find_map(|c| {
        if open(c) {
            return Some((c.id, c.id));
        }
        c.replies.iter().find(|r| open(r)).map(|r| (c.id, r.id))
    })
}

/// The localStorage key of the name, email and website last typed into a comment form: every
/// form starts with them, as Isso's own client does, so a named commenter types them once.
pub const IDENTITY_KEY: &str = "frontera.comments.identity";

/// The name, email and website a reader signs comments with (each may be empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
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

/// The lifetime of Isso's edit cookie in seconds, from its `X-Set-Cookie` (or `Set-Cookie`)
/// header. `Max-Age` is a whole number of seconds (RFC 6265), read as one: parsing it as a float
/// would keep core's float parser (about 4 KB of wasm) in the build for this one value.
pub fn cookie_max_age(header: &str) -> Option<f64> {
    header.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| v.trim().parse::<i64>().ok().map(|s| s as f64))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn top(id: u64, replies: &[u64]) -> IssoComment {
        IssoComment {
            id,
            replies: replies
                .iter()
                .map(|&r| IssoComment {
                    id: r,
                    parent: Some(id),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_open_reply_is_remembered_per_thread() {
        assert_ne!(open_reply_key("/2026/11/a"), open_reply_key("/2026/11/ab"));
        for other in [draft_key("/2026/11/a", None), own_key("/2026/11/a")] {
            assert_ne!(open_reply_key("/2026/11/a"), other);
        }
    }

    #[test]
    fn the_reply_form_reopens_under_its_top_level_comment_if_shown() {
        let page = [top(1, &[5, 6]), top(2, &[7]), top(3, &[])];
        assert_eq!(reply_to_reopen(&page, 7), Some((2, 7)));
        assert_eq!(reply_to_reopen(&page, 3), Some((3, 3)));
        assert_eq!(reply_to_reopen(&page, 1), Some((1, 1)));
        // A comment not on this page (a later page, or gone) opens nothing.
        assert_eq!(reply_to_reopen(&page, 40), None);
        // A deleted comment cannot be answered: its draft waits.
        let mut gone = top(4, &[]);
        gone.mode = MODE_DELETED;
        assert_eq!(reply_to_reopen(&[gone], 4), None);
    }
}
