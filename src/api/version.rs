//! Whether a module that would not load is gone from the server (`model::version`).

use super::ApiError;

/// `e`, the failure to load one of this page's own modules, or [`ApiError::Outdated`] when the
/// server no longer has this build's files (it answers 404 or 410 for the file that names them):
/// a new version was published while the page was open. Any other answer, or none, leaves `e`.
pub async fn explain_module_failure(e: ApiError) -> ApiError {
    if !crate::platform::in_browser() || !matches!(e, ApiError::Network(_)) {
        return e;
    }
    let Some(url) = crate::platform::import_map().and_then(|m| crate::model::version::probe(&m))
    else {
        return e;
    };
    let answer = super::http::send(super::http::Call {
        url: &url,
        method: super::http::Method::Head,
        timeout_ms: 10_000,
        abort_on_cleanup: true,
        credentials: false,
    })
    .await;
    match answer {
        Ok(a) if a.status == 404 || a.status == 410 => ApiError::Outdated,
        _ => e,
    }
}
