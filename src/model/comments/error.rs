//! Why an Isso request failed.

/// Why an Isso request failed. Each variant has its own translated message; the text here is
/// for logs and error boundaries.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("comment server: {self:?}")]
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
