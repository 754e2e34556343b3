//! The one door to the network. Every request goes through [`get_json`]: it is aborted when the
//! reactive owner that started it is cleaned up (the route changed), it times out, and every way it
//! can fail becomes an [`ApiError`] the views know how to explain.

pub mod comments;
pub mod documents;
mod feeds;
mod http;
pub mod load;
pub mod search;
pub mod version;

pub use feeds::*;

use serde::de::DeserializeOwned;

pub use crate::model::error::{ApiError, Refusal};

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
    let answer = http::send(http::Call {
        url,
        method: http::Method::Get,
        timeout_ms,
        abort_on_cleanup: true,
        credentials: false,
    })
    .await?;
    if !answer.ok() {
        return Err(ApiError::from_status(answer.status));
    }
    Ok(answer.text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
