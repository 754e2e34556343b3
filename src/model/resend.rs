//! A comment sent without an answer (issue 14, item 7). When `POST /new` times out or the
//! connection drops, Isso may have stored the comment all the same; sending it again would post
//! it twice. So the app keeps a note of the attempt beside the draft, and before sending the same
//! text again asks Isso for the thread's newest comments in their raw form (`plain=1`) and looks
//! for it there. Isso shows only published comments, so a comment held for moderation cannot be
//! found: it is sent again, and the moderator sees the two copies side by side (docs/decisions.md).

use serde::{Deserialize, Serialize};

use super::comments::{IssoComment, NewComment};
use super::error::ApiError;

/// How far the reader's clock and the comment server's may disagree, in seconds: a comment
/// created this long before the attempt (by the reader's clock) can still be the attempt.
pub const CLOCK_SKEW_SECS: f64 = 15.0 * 60.0;

/// How many of the newest comments (top-level, or replies of one comment) are searched.
pub const SEARCH_LIMIT: u32 = 20;

/// The note kept, in localStorage, about a comment whose sending ended without an answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unanswered {
    /// The text as sent.
    pub text: String,
    /// The name as sent, if any.
    pub author: Option<String>,
    /// When it was sent, by the reader's clock (seconds since the epoch).
    pub sent_at: f64,
}

impl Unanswered {
    /// The note for `comment`, sent at `now`.
    pub fn of(comment: &NewComment, now: f64) -> Unanswered {
        Unanswered {
            text: comment.text.clone(),
            author: comment.author.clone(),
            sent_at: now,
        }
    }

    /// Whether sending `comment` now would send this attempt's comment again.
    pub fn is_resend(&self, comment: &NewComment) -> bool {
        self.text == comment.text && self.author == comment.author
    }

    /// Whether `stored`, read back from Isso in raw form, is this attempt's comment: same text
    /// and name, created no earlier than the attempt allowing for clock skew.
    pub fn arrived_as(&self, stored: &IssoComment) -> bool {
        stored.text == self.text
            && stored.author == self.author.as_deref().map(isso_escaped)
            && stored.created >= self.sent_at - CLOCK_SKEW_SECS
    }

    /// The first of `comments` (and of their inlined replies) that is this attempt's comment.
    pub fn find<'a>(&self, comments: &'a [IssoComment]) -> Option<&'a IssoComment> {
        comments.iter().find_map(|c| {
            if self.arrived_as(c) {
                Some(c)
            } else {
                self.find(&c.replies)
            }
        })
    }
}

/// A name as Isso stores it: HTML-escaped, quotes left as they are (Python's
/// `html.escape(s, quote=False)` in its `POST /new`).
fn isso_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Whether a failure to send leaves it unknown whether the comment arrived: the request may have
/// reached the server (a timeout, a dropped connection, a gateway that gave up waiting).
pub fn is_ambiguous(e: &ApiError) -> bool {
    matches!(
        e,
        ApiError::Timeout | ApiError::Network(_) | ApiError::Offline | ApiError::Server(502 | 504)
    )
}

/// The localStorage key of the note for the draft stored under `draft_key`.
pub fn unanswered_key(draft_key: &str) -> String {
    format!("{draft_key}:unanswered")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::error::Refusal;

    fn sent() -> Unanswered {
        Unanswered {
            text: "The bridge is open again.".into(),
            author: Some("Rosa".into()),
            sent_at: 1_800_000_000.0,
        }
    }

    fn stored(text: &str, author: Option<&str>, created: f64) -> IssoComment {
        IssoComment {
            id: 7,
            text: text.into(),
            author: author.map(Into::into),
            created,
            ..IssoComment::default()
        }
    }

    #[test]
    fn the_same_text_and_name_after_the_attempt_is_the_attempt() {
        let u = sent();
        assert!(u.arrived_as(&stored(
            "The bridge is open again.",
            Some("Rosa"),
            u.sent_at + 1.0
        )));
        // The server's clock may run behind the reader's.
        assert!(u.arrived_as(&stored(
            "The bridge is open again.",
            Some("Rosa"),
            u.sent_at - 600.0
        )));
    }

    #[test]
    fn names_compare_as_isso_stores_them() {
        let u = Unanswered {
            author: Some("Rosa & <Memo>".into()),
            ..sent()
        };
        assert!(u.arrived_as(&stored(
            "The bridge is open again.",
            Some("Rosa &amp; &lt;Memo&gt;"),
            u.sent_at
        )));
        assert!(!u.arrived_as(&stored(
            "The bridge is open again.",
            Some("Rosa & <Memo>"),
            u.sent_at
        )));
    }

    #[test]
    fn other_text_name_or_an_older_comment_is_not() {
        let u = sent();
        assert!(!u.arrived_as(&stored(
            "The bridge is open again!",
            Some("Rosa"),
            u.sent_at
        )));
        assert!(!u.arrived_as(&stored("The bridge is open again.", None, u.sent_at)));
        assert!(!u.arrived_as(&stored(
            "The bridge is open again.",
            Some("Rosa"),
            u.sent_at - CLOCK_SKEW_SECS - 1.0
        )));
    }

    #[test]
    fn replies_are_searched_too() {
        let u = sent();
        let mut top = stored("First!", None, u.sent_at - 5000.0);
        top.replies = vec![stored(
            "The bridge is open again.",
            Some("Rosa"),
            u.sent_at + 2.0,
        )];
        let list = [stored("Something else", Some("Rosa"), u.sent_at), top];
        assert_eq!(
            u.find(&list).map(|c| c.text.as_str()),
            Some("The bridge is open again.")
        );
        assert_eq!(u.find(&list[..1]), None);
    }

    #[test]
    fn a_resend_is_the_same_text_and_name() {
        let u = sent();
        let mut c = NewComment::from_form("The bridge is open again.", " Rosa ", "", "", None, "T");
        assert!(u.is_resend(&c));
        c.text.push('!');
        assert!(!u.is_resend(&c));
    }

    #[test]
    fn only_failures_that_may_have_reached_the_server_are_ambiguous() {
        assert!(is_ambiguous(&ApiError::Timeout));
        assert!(is_ambiguous(&ApiError::Network("reset".into())));
        assert!(is_ambiguous(&ApiError::Server(504)));
        assert!(!is_ambiguous(&ApiError::Server(500)));
        assert!(!is_ambiguous(&ApiError::Refused(Refusal::TooShort)));
        assert!(!is_ambiguous(&ApiError::Refused(Refusal::RateLimited)));
    }
}
