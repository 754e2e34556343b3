//! The one sender: every HTTP request the app makes (documents, the comment server) goes out
//! here, so they all time out, give up when the reader moves on, and fail the same way.

use std::cell::Cell;
use std::rc::Rc;

use super::ApiError;
use crate::model::comments::cookie_max_age;

/// The method of a request and, for POST and PUT, its JSON body.
pub(crate) enum Method {
    Get,
    Post(String),
    Put(String),
    Delete,
    /// Whether a file is there, asked of the server itself (never of the HTTP cache).
    Head,
}

/// One request.
pub(crate) struct Call<'a> {
    pub url: &'a str,
    pub method: Method,
    /// No complete answer after this long is [`ApiError::Timeout`].
    pub timeout_ms: u32,
    /// Abort when the reactive owner that started the request is cleaned up (the reader left).
    pub abort_on_cleanup: bool,
    /// Send and accept cookies across origins (Isso's edit cookie).
    pub credentials: bool,
}

/// An answer, whatever its status: the caller knows what a failed status means (a missing
/// document, or the comment server's reason in the body).
pub(crate) struct Answer {
    pub status: u16,
    pub text: String,
    /// The lifetime of the edit cookie, when the comment server sent one.
    pub edit_secs: Option<f64>,
}

impl Answer {
    /// A 2xx status.
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// The abort side of one request: an `AbortController` that fires after `timeout_ms`, and also
/// when the reactive owner that started the request is cleaned up (the reader moved on), if
/// asked. Shared by every request so they all give up the same way.
struct Deadline {
    /// Pass to the request.
    pub signal: Option<web_sys::AbortSignal>,
    timed_out: Rc<Cell<bool>>,
    _timer: gloo_timers::callback::Timeout,
}

impl Deadline {
    fn new(timeout_ms: u32, abort_on_cleanup: bool) -> Deadline {
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
    fn timed_out(&self) -> bool {
        self.timed_out.get()
    }
}

fn browser_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Sends one request. `Err` only when no answer came: timed out, offline, or any other
/// network failure.
pub(crate) async fn send(call: Call<'_>) -> Result<Answer, ApiError> {
    use gloo_net::http::Request;

    let deadline = Deadline::new(call.timeout_ms, call.abort_on_cleanup);
    let signal = deadline.signal.clone();
    let failed = |e: gloo_net::Error| {
        if deadline.timed_out() {
            ApiError::Timeout
        } else if browser_offline() {
            ApiError::Offline
        } else {
            ApiError::Network(e.to_string())
        }
    };
    let builder = match call.method {
        Method::Get => Request::get(call.url),
        Method::Post(_) => Request::post(call.url),
        Method::Put(_) => Request::put(call.url),
        Method::Delete => Request::delete(call.url),
        Method::Head => gloo_net::http::RequestBuilder::new(call.url)
            .method(gloo_net::http::Method::HEAD)
            .cache(web_sys::RequestCache::NoStore),
    }
    .abort_signal(signal.as_ref())
    // `same-origin` is fetch's default.
    .credentials(if call.credentials {
        web_sys::RequestCredentials::Include
    } else {
        web_sys::RequestCredentials::SameOrigin
    });
    let request = match call.method {
        Method::Get | Method::Delete | Method::Head => builder.build(),
        Method::Post(body) | Method::Put(body) => builder
            .header("Content-Type", "application/json")
            .body(body),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request.send().await.map_err(failed)?;
    let status = response.status();
    // Cross-origin, only X-Set-Cookie (exposed by Isso's CORS headers) is readable.
    let edit_secs = response
        .headers()
        .get("X-Set-Cookie")
        .as_deref()
        .and_then(cookie_max_age);
    let text = match response.text().await {
        Ok(text) => text,
        // The comment server created the comment (only POST /new answers 201/202) and the body
        // was cut on the way: the answer stands (`comments::post_comment`). A failed status is
        // known without its body.
        Err(_) if status == 201 || status == 202 || !(200..300).contains(&status) => String::new(),
        // The body can stall after the headers arrive; the same timer and abort cover it.
        Err(e) => return Err(failed(e)),
    };
    Ok(Answer {
        status,
        text,
        edit_secs,
    })
}
