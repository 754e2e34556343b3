//! The comment form, at the end of the thread or inline under a comment (a reply). The typed text
//! is a draft in localStorage per thread and parent: it survives a reload and any failure, and is
//! cleared only once Isso accepted the comment (201 or 202).

use leptos::prelude::*;

use super::form_parts::{invalid_view, preview_view, status_view, TextField};
use super::ThreadCtx;
use crate::api::comments::{find_sent, post_comment, preview, Posted};
use crate::api::{ApiError, Refusal};
use crate::i18n::{now_secs, use_lang};
use crate::model::comments::{
    draft_key, plausible_email, refused_field, Identity, NewComment, IDENTITY_KEY, MODE_PUBLISHED,
};
use crate::model::resend::{is_ambiguous, unanswered_key, Unanswered};
use crate::platform;

/// Isso's shortest comment, in characters.
const MIN_TEXT: usize = 3;

/// A form for a new comment, or for a reply to `parent`. Needs the section's [`ThreadCtx`].
#[component]
pub fn CommentForm(
    /// The comment replied to; `None` for a new top-level comment.
    parent: Option<u64>,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = expect_context::<ThreadCtx>();
    let key = draft_key(&ctx.uri, parent);
    let text = RwSignal::new(platform::storage_get(&key).unwrap_or_default());
    let known: Identity = platform::storage_get(IDENTITY_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let author = RwSignal::new(known.author);
    let email = RwSignal::new(known.email);
    let website = RwSignal::new(known.website);
    // Storage is the outside world: one effect writes what the reader types there.
    Effect::new(move |_| {
        let typed = Identity {
            author: author.get(),
            email: email.get(),
            website: website.get(),
        };
        if typed == Identity::default() {
            platform::storage_remove(IDENTITY_KEY);
        } else if let Ok(json) = serde_json::to_string(&typed) {
            platform::storage_set(IDENTITY_KEY, &json);
        }
    });
    let id = |field: &str| match parent {
        Some(p) => format!("comment-{field}-{p}"),
        None => format!("comment-{field}"),
    };

    let text_field = NodeRef::<leptos::html::Textarea>::new();
    let slow = RwSignal::new(false);
    let send = Action::new_local({
        let (ctx, key) = (ctx.clone(), key.clone());
        move |body: &NewComment| {
            let (ctx, key, body) = (ctx.clone(), key.clone(), body.clone());
            // A reply is filed under the top-level comment of its thread (Isso's rule).
            let thread = parent.map(|p| ctx.replying.get_untracked().map_or(p, |(top, _)| top));
            async move {
                // Past the usual timeout the request goes on (see post_comment); say so.
                slow.try_set(false);
                let _timer = gloo_timers::callback::Timeout::new(ctx.timeout_ms, move || {
                    slow.try_set(true);
                });
                let posted = send_or_find(&ctx, thread, &key, &body).await;
                // The reader may have left the page meanwhile: the `try_` forms then do nothing.
                slow.try_set(false);
                if let Ok(p) = &posted {
                    platform::storage_remove(&key);
                    text.try_set(String::new());
                    // A section that is gone (the reader followed a link while the comment was
                    // on its way) can no longer show it: storage remembers it for their return.
                    if let Some(p) = p {
                        if ctx.on_posted.try_run(p.clone()).is_none() {
                            super::own::remember_sent(&ctx.uri, p);
                        }
                    }
                }
                // Accepted without an answer to read: thank the reader as for a held comment.
                posted.map(|p| p.is_some_and(|p| p.published))
            }
        }
    });
    let sending = send.pending();
    // Which field Isso (or the form) refused, if one: marked, and given the focus.
    let bad_field = Memo::new(move |_| {
        send.value().with(|v| match v {
            Some(Err(ApiError::Refused(r))) => refused_field(r),
            _ => None,
        })
    });
    let field_id = move |name: &str| match parent {
        Some(p) => format!("#comment-{name}-{p}"),
        None => format!("#comment-{name}"),
    };
    // While the comment is on its way the button says so and refuses a second press
    // (`aria-disabled`: a `disabled` button would drop the focus to the page, and the thread's
    // redrawing would then send it to the section's heading, far from the form's message). Once
    // answered, a field Isso refused takes the focus; otherwise it stays on the button, under
    // the message that says what happened.
    Effect::new(move |was: Option<bool>| {
        let now = sending.get();
        if was == Some(true) && !now {
            match bad_field.get_untracked() {
                Some(field) => platform::focus_later(field_id(field)),
                None => platform::refocus_if_lost(field_id("text")),
            }
        }
        now
    });
    // Markdown preview, rendered by Isso; shown only while it matches the text.
    let preview_action = Action::new_local({
        let ctx = ctx.clone();
        move |t: &String| {
            let (ctx, t) = (ctx.clone(), t.clone());
            async move {
                let html = preview(&ctx.server, &t, ctx.timeout_ms).await?;
                Ok::<_, ApiError>((t, html))
            }
        }
    });
    let preview = move || preview_view(preview_action.value().get(), text);
    let required = ctx.server_config;
    // Caught here rather than sent (the form is `novalidate`: its messages are the app's own);
    // Isso would refuse it all the same.
    let too_short = RwSignal::new(false);

    let on_submit = {
        let ctx = ctx.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            // A second click while the first is on its way must not send it twice.
            if send.pending().get_untracked() {
                return;
            }
            if text.with_untracked(|t| t.trim().chars().count() < MIN_TEXT) {
                too_short.set(true);
                if let Some(field) = text_field.get_untracked() {
                    let _ = field.focus();
                }
                return;
            }
            // Isso stores any text as an email; one no moderator could answer is caught here.
            if !email.with_untracked(|e| plausible_email(e)) {
                send.value()
                    .set(Some(Err(ApiError::Refused(Refusal::BadEmail))));
                platform::focus_later(field_id("email"));
                return;
            }
            let body = NewComment::from_form(
                &text.get_untracked(),
                &author.get_untracked(),
                &email.get_untracked(),
                &website.get_untracked(),
                parent,
                &ctx.title,
            );
            send.dispatch(body);
        }
    };
    let on_text = {
        let key = key.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if v.is_empty() {
                platform::storage_remove(&key);
            } else {
                platform::storage_set(&key, &v);
            }
            text.set(v);
            // An earlier refusal or failure is about the text as it was.
            too_short.set(false);
            if send.value().with_untracked(|r| matches!(r, Some(Err(_)))) {
                send.value().set(None);
            }
        }
    };
    // A reply form opened by its Reply button takes the focus (comment.rs); Cancel, or Escape
    // anywhere in the form, gives it back to that "Reply". Closing keeps the text: it is the
    // draft in storage, and Reply opens the form with it again.
    let replying = ctx.replying;
    let close = move || {
        if let Some((_, to)) = replying.get_untracked() {
            platform::focus_later(format!("#comment-{to} .comment-reply"));
        }
        replying.set(None);
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if parent.is_some() && ev.key() == "Escape" && !sending.get_untracked() {
            ev.prevent_default();
            close();
        }
    };
    let cancel = parent.map(|_| {
        view! {
            <button type="button" class="link-button" on:click=move |_| close()>
                {move || lang.get().t().cancel}
            </button>
        }
    });
    let status_id = id("status");
    let status = {
        let status_id = status_id.clone();
        move || {
            status_view(
                sending.get() && slow.get(),
                send.value().get(),
                status_id.clone(),
            )
        }
    };
    // Right under the text, where the focus is, not under the fields below it.
    let text_error_id = id("text-error");
    let text_error = {
        let text_error_id = text_error_id.clone();
        move || {
            too_short
                .get()
                .then(|| invalid_view(ApiError::Refused(Refusal::TooShort), text_error_id.clone()))
        }
    };
    let text_hint_id = id("text-hint");
    let text_described = {
        let (hint, error) = (text_hint_id.clone(), text_error_id.clone());
        move || {
            if too_short.get() {
                format!("{hint} {error}")
            } else {
                hint.clone()
            }
        }
    };
    let heading_id = id("title");
    view! {
        <form class="comment-form" class:reply=parent.is_some() novalidate on:submit=on_submit on:keydown=on_key
            aria-labelledby=parent.is_some().then(|| heading_id.clone())>
            {parent.map(|_| view! {
                <p class="comment-form-title" id=heading_id.clone()>{move || lang.get().t().reply_to}</p>
            })}
            <p class="field">
                <label for=id("text")>{move || lang.get().t().field_comment}</label>
                <textarea
                    id=id("text")
                    name="text"
                    rows="5"
                    node_ref=text_field
                    required
                    minlength=MIN_TEXT
                    aria-invalid=move || too_short.get().then_some("true")
                    aria-describedby=text_described
                    // What is typed while it is on its way would be lost with the draft it
                    // replaces: the text waits, as the button does.
                    readonly=move || sending.get()
                    maxlength="65535"
                    prop:value=move || text.get()
                    on:input=on_text
                ></textarea>
                <small class="hint" id=text_hint_id>{move || lang.get().t().markdown_hint}</small>
            </p>
            {text_error}
            {preview}
            <div class="field-row">
                <TextField id=id("author") name="author" kind="text" autocomplete="name" maxlength="200"
                    label=|t| t.field_name required=Signal::derive(move || required.get().require_author)
                    value=author invalid=Signal::derive(move || bad_field.get() == Some("author")) error_id=status_id.clone()/>
                <TextField id=id("email") name="email" kind="email" autocomplete="email" maxlength="254"
                    label=|t| t.field_email hint=|t| t.email_hint
                    required=Signal::derive(move || required.get().require_email) value=email
                    invalid=Signal::derive(move || bad_field.get() == Some("email")) error_id=status_id.clone()/>
                <TextField id=id("website") name="website" kind="url" autocomplete="url" maxlength="254"
                    label=|t| t.field_website required=false value=website
                    invalid=Signal::derive(move || bad_field.get() == Some("website")) error_id=status_id.clone()/>
            </div>
            {status}
            <p class="comment-form-actions">
                <button type="submit" class="button" aria-disabled=move || sending.get().then_some("true")>
                    {move || match (sending.get(), parent) {
                        (true, _) => lang.get().t().sending,
                        (false, Some(_)) => lang.get().t().submit_reply,
                        (false, None) => lang.get().t().submit_comment,
                    }}
                </button>
                <button type="button" class="link-button comment-preview-button"
                    disabled=move || preview_action.pending().get() || text.with(|t| t.trim().is_empty())
                    on:click=move |_| { preview_action.dispatch(text.get_untracked()); }>
                    {move || lang.get().t().preview}
                </button>
                {cancel}
            </p>
        </form>
    }
}

/// Sends `body`, unless an earlier attempt to send the same comment ended without an answer and
/// the comment is in the thread after all (`model::resend`): then that comment is the answer.
/// Keeps the note of an attempt that ends without an answer until one that does.
async fn send_or_find(
    ctx: &ThreadCtx,
    thread: Option<u64>,
    draft_key: &str,
    body: &NewComment,
) -> Result<Option<Posted>, ApiError> {
    let note_key = unanswered_key(draft_key);
    let earlier = platform::storage_get(&note_key)
        .and_then(|s| serde_json::from_str::<Unanswered>(&s).ok())
        .filter(|u| u.is_resend(body));
    if let Some(u) = &earlier {
        if let Ok(Some(comment)) = find_sent(&ctx.server, &ctx.uri, thread, u, ctx.timeout_ms).await
        {
            platform::storage_remove(&note_key);
            return Ok(Some(Posted {
                published: comment.mode == MODE_PUBLISHED,
                comment,
                edit_secs: None,
            }));
        }
    }
    let note = earlier.unwrap_or_else(|| Unanswered::of(body, now_secs()));
    let posted = post_comment(&ctx.server, &ctx.uri, body, ctx.timeout_ms).await;
    match &posted {
        Err(e) if is_ambiguous(e) => {
            if let Ok(json) = serde_json::to_string(&note) {
                platform::storage_set(&note_key, &json);
            }
        }
        _ => platform::storage_remove(&note_key),
    }
    posted
}
