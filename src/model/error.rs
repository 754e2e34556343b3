//! Why a request failed: one error type for every request the app makes (documents, search,
//! the comment server). It is data, so it lives here; `crate::api` re-exports it as the error of
//! its door.

/// Why a request failed. Views explain each variant in the reader's language (the page-level
/// error view, and the comment section's own messages); the text here is the technical detail
/// those fold away.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 404 or 410, or a route that names nothing.
    #[error("not found")]
    NotFound,
    /// The request never got an answer: DNS, refused, reset, CORS.
    #[error("network error: {0}")]
    Network(String),
    /// The request never got an answer, and the browser says it is offline.
    #[error("network error: the browser is offline")]
    Offline,
    /// No complete answer within the configured timeout.
    #[error("timed out")]
    Timeout,
    /// Any other non-success HTTP status.
    #[error("server answered HTTP {0}")]
    Server(u16),
    /// A 2xx answer whose body is not the JSON we expect.
    #[error("malformed data: {0}")]
    Malformed(String),
    /// The comment server turned down what was sent, and said why.
    #[error("comment server refused: {}", self.kind())]
    Refused(Refusal),
    /// Code this page loads on demand is no longer on the server: a new version of the site was
    /// published while the page was open. Trying again cannot help; reloading the page can.
    #[error("the site was updated: this page's code is no longer on the server")]
    Outdated,
}

/// Why the comment server (Isso 0.14) turned a request down: the reader can act on each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
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
    /// 413: the comment is too large.
    TooLarge,
}

impl ApiError {
    /// Maps a document's HTTP status that is not a success.
    pub fn from_status(status: u16) -> ApiError {
        match status {
            404 | 410 => ApiError::NotFound,
            s => ApiError::Server(s),
        }
    }

    /// Maps the comment server's failed answer: by its status, and for 400/403 by the reason in
    /// its (HTML or JSON) body, as Isso 0.14 writes it.
    pub fn from_isso(status: u16, body: &str) -> ApiError {
        use Refusal as R;
        let b = body.to_ascii_lowercase();
        let refused = match status {
            400 if b.contains("too short") => R::TooShort,
            400 if b.contains("too long") => R::TooLong,
            400 if b.contains("website") => R::BadWebsite,
            400 if b.contains("rfc5321") || b.contains("email") => R::BadEmail,
            400 => R::Invalid,
            403 if b.contains("ratelimit") => R::RateLimited,
            403 if b.contains("direct responses") => R::TooManyReplies,
            403 if b.contains("edit time frame") => R::ReplyToSelf,
            403 if b.contains("author") => R::AuthorRequired,
            403 if b.contains("email") => R::EmailRequired,
            403 => R::Forbidden,
            413 => R::TooLarge,
            s => return ApiError::from_status(s),
        };
        ApiError::Refused(refused)
    }

    /// Whether trying again could help (a missing page will stay missing).
    pub fn retryable(&self) -> bool {
        !matches!(self, ApiError::NotFound | ApiError::Outdated)
    }

    /// A short stable name, for `data-error` attributes and tests.
    pub fn kind(&self) -> &'static str {
        use Refusal as R;
        match self {
            ApiError::NotFound => "not-found",
            ApiError::Network(_) => "network",
            ApiError::Offline => "offline",
            ApiError::Timeout => "timeout",
            ApiError::Server(_) => "server",
            ApiError::Malformed(_) => "malformed",
            ApiError::Outdated => "outdated",
            ApiError::Refused(r) => match r {
                R::TooShort => "too-short",
                R::TooLong => "too-long",
                R::BadWebsite => "bad-website",
                R::BadEmail => "bad-email",
                R::Invalid => "invalid",
                R::RateLimited => "rate-limited",
                R::TooManyReplies => "too-many",
                R::ReplyToSelf => "reply-to-self",
                R::AuthorRequired => "author-required",
                R::EmailRequired => "email-required",
                R::Forbidden => "forbidden",
                R::TooLarge => "too-large",
            },
        }
    }
}

/// The comment section's own wasm module could not be fetched (components::comments): to the
/// reader, a request that got no answer.
#[cfg(all(target_arch = "wasm32", feature = "split"))]
impl From<leptos::wasm_split::SplitLoaderError> for ApiError {
    fn from(e: leptos::wasm_split::SplitLoaderError) -> Self {
        ApiError::Network(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_statuses() {
        assert_eq!(ApiError::from_status(404), ApiError::NotFound);
        assert_eq!(ApiError::from_status(410), ApiError::NotFound);
        assert_eq!(ApiError::from_status(503), ApiError::Server(503));
        assert_eq!(ApiError::from_status(429), ApiError::Server(429));
        // A bucket that answers 403 for a missing file is a server failure, not a refusal.
        assert_eq!(ApiError::from_status(403), ApiError::Server(403));
        assert!(!ApiError::NotFound.retryable());
        assert!(ApiError::Timeout.retryable());
        assert!(ApiError::Offline.retryable());
    }

    #[test]
    fn isso_answers_follow_its_messages() {
        use Refusal as R;
        let html = |m: &str| format!("<!doctype html><title>X</title><h1>X</h1><p>{m}</p>");
        let refused = [
            (400, "text is too short (minimum length: 3)", R::TooShort),
            (400, "text is too long (maximum length: 65535)", R::TooLong),
            (400, "Website not Django-conform", R::BadWebsite),
            (
                400,
                "http://tools.ietf.org/html/rfc5321#section-4.5.3",
                R::BadEmail,
            ),
            (400, "Unable to read JSON request", R::Invalid),
            (403, "127.0.0.0: ratelimit exceeded (1, 2)", R::RateLimited),
            (403, "3 direct responses to /t/dr", R::TooManyReplies),
            (403, "edit time frame is still open", R::ReplyToSelf),
            (
                403,
                "author address required but not provided",
                R::AuthorRequired,
            ),
            (
                403,
                "email address required but not provided",
                R::EmailRequired,
            ),
            (403, "CSRF", R::Forbidden),
            (403, "", R::Forbidden),
            (413, "", R::TooLarge),
        ];
        for (status, msg, want) in refused {
            let got = ApiError::from_isso(status, &html(msg));
            assert_eq!(got, ApiError::Refused(want), "{msg}");
        }
        assert_eq!(ApiError::from_isso(404, ""), ApiError::NotFound);
        assert_eq!(ApiError::from_isso(500, ""), ApiError::Server(500));
        assert_eq!(
            ApiError::from_isso(502, "<html>bad gateway</html>"),
            ApiError::Server(502)
        );
        // The JSON form Isso uses with `Accept: application/json`.
        assert_eq!(
            ApiError::from_isso(
                403,
                r#"{"message": "403 Forbidden: 127.0.0.0: ratelimit exceeded (1, 2)"}"#
            ),
            ApiError::Refused(R::RateLimited)
        );
    }

    #[test]
    fn kinds_are_distinct() {
        use Refusal as R;
        let all = [
            ApiError::NotFound,
            ApiError::Network(String::new()),
            ApiError::Offline,
            ApiError::Timeout,
            ApiError::Server(500),
            ApiError::Malformed(String::new()),
            ApiError::Outdated,
            ApiError::Refused(R::TooShort),
            ApiError::Refused(R::TooLong),
            ApiError::Refused(R::BadWebsite),
            ApiError::Refused(R::BadEmail),
            ApiError::Refused(R::Invalid),
            ApiError::Refused(R::RateLimited),
            ApiError::Refused(R::TooManyReplies),
            ApiError::Refused(R::ReplyToSelf),
            ApiError::Refused(R::AuthorRequired),
            ApiError::Refused(R::EmailRequired),
            ApiError::Refused(R::Forbidden),
            ApiError::Refused(R::TooLarge),
        ];
        let kinds: std::collections::HashSet<_> = all.iter().map(ApiError::kind).collect();
        assert_eq!(kinds.len(), all.len());
    }
}
