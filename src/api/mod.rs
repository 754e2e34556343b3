//! The one door to the network. Every request goes through [`get_json`]: it is aborted when the
//! reactive owner that started it is cleaned up (the route changed), it times out, and every way it
//! can fail becomes an [`ApiError`] the views know how to explain.

pub mod comments;
pub mod documents;
mod feeds;
pub mod load;
pub mod search;

pub use feeds::*;

use std::cell::Cell;
use std::rc::Rc;

use serde::de::DeserializeOwned;

/// Why a request failed. Each variant has its own translated error view; the text here is the
/// technical detail that view folds away.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 404 or 410, or a route that names nothing.
    #[error("not found")]
    NotFound,
    /// The request never got an answer: offline, DNS, refused, CORS.
    #[error("network error: {0}")]
    Network(String),
    /// No complete answer within the configured timeout.
    #[error("timed out")]
    Timeout,
    /// Any other non-success HTTP status.
    #[error("server answered HTTP {0}")]
    Server(u16),
    /// A 2xx answer whose body is not the JSON we expect.
    #[error("malformed data: {0}")]
    Malformed(String),
}

impl ApiError {
    /// Maps an HTTP status that is not a success.
    pub fn from_status(status: u16) -> ApiError {
        match status {
            404 | 410 => ApiError::NotFound,
            s => ApiError::Server(s),
        }
    }

    /// Whether trying again could help (a missing page will stay missing).
    pub fn retryable(&self) -> bool {
        !matches!(self, ApiError::NotFound)
    }
}

/// Parses a JSON body, turning any failure into [`ApiError::Malformed`]. Lone UTF-16 surrogate
/// escapes, legal JSON that serde_json refuses, read as U+FFFD
/// (`frontera_wire::lenient::replace_lone_surrogates`), and the wire types read a value of the
/// wrong type as absent: only a body that is not the document at all is `Malformed`.
pub fn parse_json<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    // A UTF-8 byte order mark is legal in a file but not in JSON; static hosts serve it as-is.
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    // Every document we read is a JSON object; serde would also accept an array for a struct.
    if !body.trim_start().starts_with('{') {
        let what = if body.trim().is_empty() {
            "empty body"
        } else {
            "not a JSON object"
        };
        return Err(ApiError::Malformed(what.into()));
    }
    let body = frontera_wire::lenient::replace_lone_surrogates(body);
    serde_json::from_str(&body).map_err(|e| ApiError::Malformed(e.to_string()))
}

/// Tells the developer that document `url` had `skipped` entries the app left out (items or
/// comments with nothing to show): `console.warn` in debug builds (stderr in the prerenderer);
/// release builds say nothing, the reader sees the rest.
pub(crate) fn note_skipped(url: &str, skipped: u32) {
    #[cfg(debug_assertions)]
    if skipped > 0 {
        leptos::logging::warn!(
            "frontera: {url}: {skipped} entries left out (not objects, or nothing to show)"
        );
    }
    #[cfg(not(debug_assertions))]
    let _ = (url, skipped);
}

/// GETs `url` and decodes it as JSON, giving up after `timeout_ms`.
pub async fn get_json<T: DeserializeOwned>(url: &str, timeout_ms: u32) -> Result<T, ApiError> {
    let body = get_text(url, timeout_ms).await?;
    parse_json(&body)
}

/// The abort side of one request: an `AbortController` that fires after `timeout_ms`, and also
/// when the reactive owner that started the request is cleaned up (the reader moved on), if
/// asked. Shared by every request so they all give up the same way.
pub(crate) struct Deadline {
    /// Pass to the request.
    pub signal: Option<web_sys::AbortSignal>,
    timed_out: Rc<Cell<bool>>,
    _timer: gloo_timers::callback::Timeout,
}

impl Deadline {
    pub(crate) fn new(timeout_ms: u32, abort_on_cleanup: bool) -> Deadline {
        use leptos::prelude::{on_cleanup, Owner};

        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        if abort_on_cleanup && Owner::current().is_some() {
            let on_leave = send_wrapper::SendWrapper::new(controller.clone());
            on_cleanup(move || {
                if let Some(c) = on_leave.take() {
                    c.abort();
                }
            });
        }
        let timed_out = Rc::new(Cell::new(false));
        let flag = timed_out.clone();
        let timer = gloo_timers::callback::Timeout::new(timeout_ms, move || {
            flag.set(true);
            if let Some(c) = controller {
                c.abort();
            }
        });
        Deadline {
            signal,
            timed_out,
            _timer: timer,
        }
    }

    /// Whether the request was aborted because time ran out (not because the reader left).
    pub(crate) fn timed_out(&self) -> bool {
        self.timed_out.get()
    }
}

async fn get_text(url: &str, timeout_ms: u32) -> Result<String, ApiError> {
    if let Some(body) = documents::take(url) {
        return Ok(body);
    }
    fetch_text(url, timeout_ms).await
}

/// GETs a document from the network, never from the store: the documents a prerendered page
/// preloads, before the app hydrates it.
pub async fn fetch_document(url: &str, timeout_ms: u32) -> Result<String, ApiError> {
    fetch_text(url, timeout_ms).await
}

/// Natively (the prerenderer) there is no network: a document not in the store does not exist.
#[cfg(not(target_arch = "wasm32"))]
async fn fetch_text(_url: &str, _timeout_ms: u32) -> Result<String, ApiError> {
    Err(ApiError::NotFound)
}

#[cfg(target_arch = "wasm32")]
async fn fetch_text(url: &str, timeout_ms: u32) -> Result<String, ApiError> {
    use gloo_net::http::Request;

    let deadline = Deadline::new(timeout_ms, true);
    let signal = deadline.signal.clone();
    let failed = |e: gloo_net::Error| {
        if deadline.timed_out() {
            ApiError::Timeout
        } else {
            ApiError::Network(e.to_string())
        }
    };
    let response = Request::get(url)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(failed)?;
    if !response.ok() {
        return Err(ApiError::from_status(response.status()));
    }
    // The body can stall after the headers arrive; the same timer and abort cover it.
    response.text().await.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_mapping() {
        assert_eq!(ApiError::from_status(404), ApiError::NotFound);
        assert_eq!(ApiError::from_status(410), ApiError::NotFound);
        assert_eq!(ApiError::from_status(503), ApiError::Server(503));
        assert_eq!(ApiError::from_status(429), ApiError::Server(429));
        assert!(!ApiError::NotFound.retryable());
        assert!(ApiError::Timeout.retryable());
    }

    #[test]
    fn json_failures_are_malformed() {
        let bad: Vec<&str> = vec![
            "",
            "   ",
            "<!doctype html><p>502</p>",
            "{\"items\":[",
            "null",
            "[]",
            "{}",
        ];
        for body in bad {
            let r: Result<frontera_wire::Feed, _> = parse_json(body);
            assert!(
                matches!(r, Err(ApiError::Malformed(_))),
                "{body:?} gave {r:?}"
            );
        }
        let ok: frontera_wire::Feed = parse_json("\u{feff}{\"items\":[]}").unwrap();
        assert!(ok.items.is_empty());
    }
}
