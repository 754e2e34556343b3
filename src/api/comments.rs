//! The only HTTP to the Isso comment server (docs/comments-server.md). Requests carry
//! credentials, so Isso's edit cookie works when it runs on its own origin; GETs are aborted
//! when the view that started them goes away; every request times out; every failure becomes an
//! [`ApiError`]. The requests go out through the app's one sender (`api::http`).

use std::cell::RefCell;

use futures::channel::oneshot;
use serde::de::DeserializeOwned;

use super::http::{Answer, Call, Method};
use super::ApiError;

use crate::model::comments::{
    usable_comment, IssoComment, IssoConfig, IssoConfigAnswer, IssoPage, NewComment, Ranks, Sort,
    NESTED_LIMIT, PAGE_LIMIT,
};
use crate::model::replies::Batch;
use crate::model::resend::{Unanswered, SEARCH_LIMIT};

fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// The URL of one page of top-level comments of thread `uri`: `page.limit` comments from
/// `page.offset` on, with up to [`NESTED_LIMIT`] replies each.
fn thread_url(server: &str, uri: &str, sort: Sort, page: Batch) -> String {
    let Batch { offset, limit } = page;
    format!(
        "{server}/?uri={}&sort={}&limit={limit}&offset={offset}&nested_limit={NESTED_LIMIT}",
        enc(uri),
        sort.isso()
    )
}

/// The answer to a thread's first page on its way, asked for by [`head_start`].
type Early = (String, oneshot::Receiver<Result<Answer, ApiError>>);

thread_local! {
    /// The one thread page asked for ahead of the comment section, by its URL.
    static EARLY: RefCell<Option<Early>> = const { RefCell::new(None) };
}

/// Asks for the first page of thread `uri` now, while the comment section's own code is still
/// on its way (components::lazy): the section's first [`fetch_thread`] of that very page takes
/// this answer instead of asking again, so the two travel together. Until
/// [`drop_head_start`] (the post is left) the answer waits for it.
pub fn head_start(server: &str, uri: &str, sort: Sort, timeout_ms: u32) {
    let first = Batch {
        offset: 0,
        limit: PAGE_LIMIT,
    };
    let url = thread_url(server, uri, sort, first);
    let (tx, rx) = oneshot::channel();
    EARLY.with(|e| *e.borrow_mut() = Some((url.clone(), rx)));
    leptos::task::spawn_local(async move {
        let _ = tx.send(send(&url, Method::Get, timeout_ms, false).await);
    });
}

/// Forgets the page [`head_start`] asked for (its answer, when it comes, goes unread).
pub fn drop_head_start() {
    EARLY.with(|e| e.borrow_mut().take());
}

/// Loads one page of top-level comments of thread `uri` (the post's app path): `page.limit`
/// comments from `page.offset` on, with up to [`NESTED_LIMIT`] replies each.
pub async fn fetch_thread(
    server: &str,
    uri: &str,
    sort: Sort,
    page: Batch,
    timeout_ms: u32,
) -> Result<IssoPage, ApiError> {
    let url = thread_url(server, uri, sort, page);
    let early = EARLY.with(|e| {
        let mut e = e.borrow_mut();
        e.as_ref()
            .is_some_and(|(u, _)| *u == url)
            .then(|| e.take())
            .flatten()
    });
    let answer = match early {
        Some((_, rx)) => match rx.await {
            // A head start sent while the reader was offline (the section then failed, and they
            // pressed "Try again" once back online) says nothing of now: ask again.
            Ok(Err(ApiError::Offline)) | Err(oneshot::Canceled) => {
                send(&url, Method::Get, timeout_ms, true).await?
            }
            Ok(answer) => answer?,
        },
        None => send(&url, Method::Get, timeout_ms, true).await?,
    };
    let page: IssoPage = parse(&answer.text)?;
    super::note_skipped(&url, page.skipped());
    Ok(page)
}

/// Loads every top-level comment of thread `uri` oldest first, without replies and as typed
/// (`plain=1`, the shortest answer Isso gives), for the numbers of a long thread under "top".
pub async fn fetch_ranks(server: &str, uri: &str, timeout_ms: u32) -> Result<Ranks, ApiError> {
    let url = format!(
        "{server}/?uri={}&sort=oldest&nested_limit=0&plain=1",
        enc(uri)
    );
    let page: IssoPage = json(&url, Method::Get, timeout_ms, true).await?;
    Ok(Ranks::from_oldest(&page))
}

/// Loads the replies of comment `parent` that `batch` says (Isso returns them oldest first, and
/// exactly `batch.limit` while that many are left: src/model/replies.rs).
pub async fn fetch_replies(
    server: &str,
    uri: &str,
    parent: u64,
    batch: Batch,
    timeout_ms: u32,
) -> Result<IssoPage, ApiError> {
    let Batch { offset, limit } = batch;
    let url = format!(
        "{server}/?uri={}&parent={parent}&limit={limit}&offset={offset}",
        enc(uri)
    );
    let page: IssoPage = json(&url, Method::Get, timeout_ms, true).await?;
    super::note_skipped(&url, page.skipped());
    Ok(page)
}

/// Reads which fields the server requires (`GET /config`).
pub async fn fetch_server_config(server: &str, timeout_ms: u32) -> Result<IssoConfig, ApiError> {
    let answer: IssoConfigAnswer =
        json(&format!("{server}/config"), Method::Get, timeout_ms, true).await?;
    Ok(answer.config)
}

/// What happened to a new comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Posted {
    /// The comment as Isso stored it.
    pub comment: IssoComment,
    /// 201: published at once; 202: held for moderation.
    pub published: bool,
    /// For how many seconds this browser may edit or delete it (Isso's edit cookie).
    pub edit_secs: Option<f64>,
}

/// Sends a new comment to thread `uri` (`POST /new`). Not aborted when the view goes away: a
/// comment the reader sent should arrive. `Ok(None)`: Isso accepted it (2xx) but its answer
/// was cut, so the comment itself is unknown.
pub async fn post_comment(
    server: &str,
    uri: &str,
    comment: &NewComment,
    timeout_ms: u32,
) -> Result<Option<Posted>, ApiError> {
    let url = format!("{server}/new?uri={}", enc(uri));
    let body = serde_json::to_string(comment).map_err(|e| ApiError::Malformed(e.to_string()))?;
    // Giving up on a comment cannot take it back from the server: Isso may store it and answer
    // late, and a resend would then post it twice. So the request runs well past the usual
    // timeout (the form says it is still sending) and is only abandoned after this long.
    let limit = timeout_ms.saturating_mul(SEND_PATIENCE);
    let answer = send(&url, Method::Post(body), limit, false).await?;
    // A 201/202 means Isso has the comment, even when the body of the answer was lost on the
    // way: the draft must be cleared then, or a resend would post it twice. Any other answer
    // that is not a comment (a 200 HTML page from a captive portal) is an error.
    match parse_comment(&answer.text) {
        Ok(comment) => Ok(Some(Posted {
            comment,
            published: answer.status == 201,
            edit_secs: answer.edit_secs,
        })),
        Err(_) if answer.status == 201 || answer.status == 202 => Ok(None),
        Err(e) => Err(e),
    }
}

/// Looks for a comment sent without an answer among the thread's newest comments, read as
/// typed (`plain=1`): the top-level ones, or the replies of `parent` (the top-level comment a
/// reply is filed under). `Ok(None)`: not there (or held for moderation, which Isso does not
/// show).
pub async fn find_sent(
    server: &str,
    uri: &str,
    parent: Option<u64>,
    sent: &Unanswered,
    timeout_ms: u32,
) -> Result<Option<IssoComment>, ApiError> {
    let parent = parent.map(|p| format!("&parent={p}")).unwrap_or_default();
    let url = format!(
        "{server}/?uri={}&sort=newest&limit={SEARCH_LIMIT}&plain=1{parent}",
        enc(uri)
    );
    let page: IssoPage = json(&url, Method::Get, timeout_ms, false).await?;
    Ok(sent.find(&page.replies).cloned())
}

/// How many request timeouts a new comment may be on its way before the app gives up on it
/// (60 s with the default `request_timeout_ms` of 12 s).
pub const SEND_PATIENCE: u32 = 5;

/// Renders Markdown as Isso would (`POST /preview`); the HTML still goes through `SafeHtml`.
pub async fn preview(server: &str, text: &str, timeout_ms: u32) -> Result<String, ApiError> {
    #[derive(serde::Deserialize)]
    struct Preview {
        text: String,
    }
    let body = serde_json::json!({ "text": text }).to_string();
    let answer = send(
        &format!("{server}/preview"),
        Method::Post(body),
        timeout_ms,
        true,
    )
    .await?;
    Ok(parse::<Preview>(&answer.text)?.text)
}

/// Reads the reader's own comment as typed (Markdown), to edit it (`GET /id/:id?plain=1`).
/// Needs the edit cookie: 403 once the window is over.
pub async fn fetch_own_plain(server: &str, id: u64, timeout_ms: u32) -> Result<String, ApiError> {
    let c: IssoComment = json(
        &format!("{server}/id/{id}?plain=1"),
        Method::Get,
        timeout_ms,
        false,
    )
    .await?;
    Ok(c.text)
}

/// Replaces the text of the reader's own comment (`PUT /id/:id`). Isso answers with the comment
/// and a new edit cookie.
pub async fn edit_comment(
    server: &str,
    id: u64,
    text: &str,
    timeout_ms: u32,
) -> Result<Posted, ApiError> {
    let body = serde_json::json!({ "text": text }).to_string();
    let answer = send(
        &format!("{server}/id/{id}"),
        Method::Put(body),
        timeout_ms,
        false,
    )
    .await?;
    let comment = parse_comment(&answer.text)?;
    Ok(Posted {
        published: comment.mode == crate::model::comments::MODE_PUBLISHED,
        comment,
        edit_secs: answer.edit_secs,
    })
}

/// Deletes the reader's own comment (`DELETE /id/:id`).
pub async fn delete_comment(server: &str, id: u64, timeout_ms: u32) -> Result<(), ApiError> {
    send(
        &format!("{server}/id/{id}"),
        Method::Delete,
        timeout_ms,
        false,
    )
    .await?;
    Ok(())
}

/// Counts the published comments of several threads in one request (`POST /count`).
pub async fn count_comments(
    server: &str,
    uris: &[String],
    timeout_ms: u32,
) -> Result<Vec<u64>, ApiError> {
    let body = serde_json::to_string(uris).map_err(|e| ApiError::Malformed(e.to_string()))?;
    let answer = send(
        &format!("{server}/count"),
        Method::Post(body),
        timeout_ms,
        true,
    )
    .await?;
    parse(&answer.text)
}

/// Parses Isso's JSON: lone UTF-16 surrogate escapes (a comment cut in the middle of an emoji)
/// read as U+FFFD, as in `api::parse_json`.
fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let text = frontera_wire::lenient::replace_lone_surrogates(text);
    serde_json::from_str(&text).map_err(|e| ApiError::Malformed(e.to_string()))
}

/// Parses the comment Isso answers a new or edited comment with: an object without a usable id
/// is not one (the fields being read leniently, any object would read as a comment).
fn parse_comment(text: &str) -> Result<IssoComment, ApiError> {
    let comment: IssoComment = parse(text)?;
    if !usable_comment(&comment) {
        return Err(ApiError::Malformed("not a comment".into()));
    }
    Ok(comment)
}

async fn json<T: DeserializeOwned>(
    url: &str,
    method: Method,
    timeout_ms: u32,
    abort_on_cleanup: bool,
) -> Result<T, ApiError> {
    let answer = send(url, method, timeout_ms, abort_on_cleanup).await?;
    parse(&answer.text)
}

/// Sends one request to Isso; a failed status becomes the [`ApiError`] its body explains.
async fn send(
    url: &str,
    method: Method,
    timeout_ms: u32,
    abort_on_cleanup: bool,
) -> Result<Answer, ApiError> {
    let answer = super::http::send(Call {
        url,
        method,
        timeout_ms,
        abort_on_cleanup,
        credentials: true,
    })
    .await?;
    if !answer.ok() {
        return Err(ApiError::from_isso(answer.status, &answer.text));
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_cut_in_an_emoji_reads_with_the_replacement_character() {
        let c = parse_comment(r#"{"id":3,"text":"<p>\ud83d</p>","likes":"x"}"#).unwrap();
        assert_eq!((c.id, c.text.as_str(), c.likes), (3, "<p>\u{fffd}</p>", 0));
    }

    #[test]
    fn an_answer_without_an_id_is_not_a_comment() {
        // Read leniently, any object would otherwise pass for the comment Isso stored.
        for not_one in [r#"{}"#, r#"{"error":"x"}"#, r#"{"id":"3"}"#, "[]", "<html>"] {
            assert!(
                matches!(parse_comment(not_one), Err(ApiError::Malformed(_))),
                "{not_one}"
            );
        }
    }
}
