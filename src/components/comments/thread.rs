//! Numbered comments and their replies. Isso's `text` is HTML and goes through [`SafeHtml`];
//! author and website are plain text (decoded once in the model), the website a link only when
//! it is http(s).

use leptos::prelude::*;

use super::form::CommentForm;
use super::{OwnComments, OwnCtx, ThreadCtx};
use crate::components::safe_html::SafeHtml;
use crate::i18n::{
    comment_error, format_datetime, format_number, format_relative, now_secs, use_lang,
};
use crate::model::comments::{countdown, iso_utc, Comment, CommentError, OwnComment};

/// Top-level comments with their replies, then the reader's own comments that Isso does not list
/// yet. Without a [`ThreadCtx`] (a static rendering) there are no reply buttons.
#[component]
pub fn CommentList(
    /// Top-level comments, numbered, with their replies.
    comments: Vec<Comment>,
) -> impl IntoView {
    let own = use_context::<OwnComments>().map(|o| o.0);
    let ids: Vec<u64> = comments.iter().map(|c| c.id).collect();
    let orphans = move || {
        own.map(|o| {
            o.get()
                .into_iter()
                .filter(|c| c.comment.parent.is_none_or(|p| !ids.contains(&p)))
                .map(|c| view! { <li><OwnCommentView own=c/></li> })
                .collect_view()
        })
    };
    view! {
        <ol class="comment-list">
            {comments.into_iter().map(|c| view! { <li><CommentThread comment=c/></li> }).collect_view()}
            {orphans}
        </ol>
    }
}

/// A top-level comment, its replies, "show more replies" and the inline reply form.
#[component]
fn CommentThread(
    /// The comment with its loaded replies.
    comment: Comment,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_context::<ThreadCtx>();
    let own = use_context::<OwnComments>().map(|o| o.0);
    let id = comment.id;
    let number = comment.number.clone();
    let loaded = comment.replies.len() as u32;
    let more = comment.total_replies.saturating_sub(loaded);
    let replies = comment.replies.clone();
    let reply_ids: Vec<u64> = replies.iter().map(|r| r.id).collect();
    let own_replies = move || {
        own.map(|o| {
            o.get()
                .into_iter()
                .filter(|c| c.comment.parent == Some(id))
                .map(|c| view! { <li><OwnCommentView own=c/></li> })
                .collect_view()
        })
    };
    let more_button = ctx.clone().filter(|_| more > 0).map(|ctx| {
        let busy = ctx.replies_loading;
        view! {
            <p class="replies-more">
                <button
                    type="button"
                    class="link-button"
                    disabled=move || busy.get() == Some(id)
                    on:click=move |_| ctx.load_replies.run((id, number.clone(), loaded))
                >
                    {move || lang.get().t().load_more_replies} " (" {move || format_number(lang.get(), u64::from(more))} ")"
                </button>
            </p>
        }
    });
    // The inline form sits under the comment whose Reply was pressed (Isso files a reply to a
    // reply under the top-level comment).
    let form_here = {
        let ctx = ctx.clone();
        move || {
            let ctx = ctx.clone()?;
            let target = ctx.replying.get()?;
            (target == id || reply_ids.contains(&target)).then(|| {
                view! {
                    <div class="comment-reply-form">
                        <CommentForm parent=Some(target)/>
                    </div>
                }
            })
        }
    };
    view! {
        <CommentView comment/>
        {(!replies.is_empty() || own.is_some()).then(|| view! {
            <ol class="comment-replies">
                {replies.into_iter().map(|r| view! { <li><CommentView comment=r/></li> }).collect_view()}
                {own_replies}
            </ol>
        })}
        {more_button}
        {form_here}
    }
}

/// The reader's own comment that Isso does not list yet: marked "awaiting moderation".
#[component]
fn OwnCommentView(
    /// The stored comment.
    own: OwnComment,
) -> impl IntoView {
    view! { <CommentView comment=Comment::from_isso(&own.comment, None) own=true/> }
}

/// One comment: number, author (or "Anonymous", linked to the website only when it is http(s)),
/// localised absolute and relative time, the sanitised text, likes and dislikes, and Reply.
#[component]
pub fn CommentView(
    /// The comment.
    comment: Comment,
    /// Whether it is the reader's own comment shown from this browser's memory.
    #[prop(optional)]
    own: bool,
) -> impl IntoView {
    let lang = use_lang();
    let ctx = use_context::<ThreadCtx>();
    let Comment {
        id,
        number,
        author,
        website,
        html,
        created,
        likes,
        dislikes,
        mode,
        ..
    } = comment.clone();
    let pending = comment.is_pending();
    let deleted = comment.is_deleted();
    let name = {
        let author = author.clone();
        move || {
            author
                .clone()
                .unwrap_or_else(|| lang.get().t().anonymous.to_string())
        }
    };
    let author_view = match website {
        Some(href) => view! {
            <a class="comment-author" href=href rel="nofollow ugc noopener noreferrer">{name}</a>
        }
        .into_any(),
        None => {
            view! { <span class="comment-author" class:anonymous=author.is_none()>{name}</span> }
                .into_any()
        }
    };
    let now = now_secs();
    let number_view = number.clone().map(|n| {
        view! {
            <a class="comment-number" href=format!("#comment-{id}")
                aria-label=move || format!("{} {n}", lang.get().t().comment_number)>
                {number.clone()}
            </a>
        }
    });
    let reply_button = ctx.filter(|_| !pending && !own && !deleted).map(|ctx| {
        let replying = ctx.replying;
        view! {
            <button
                type="button"
                class="link-button comment-reply"
                aria-expanded=move || if replying.get() == Some(id) { "true" } else { "false" }
                on:click=move |_| replying.update(|r| *r = if *r == Some(id) { None } else { Some(id) })
            >
                {move || lang.get().t().reply}
            </button>
        }
    });
    let own_controls = use_context::<OwnCtx>().map(|o| view! { <OwnControls id own=o/> });
    view! {
        <article
            class="comment"
            class:pending=pending
            class:own=own
            id=format!("comment-{id}")
            data-id=id
            data-number=comment.number.clone()
            data-mode=mode
        >
            <header class="comment-meta">
                {number_view}
                {author_view}
                <span class="comment-time">
                    <time datetime=iso_utc(created)>{move || format_datetime(lang.get(), created)}</time>
                    " · "
                    <span class="comment-ago">{move || format_relative(lang.get(), now, created)}</span>
                </span>
                {pending.then(|| view! {
                    <span class="comment-pending">{move || lang.get().t().awaiting_moderation}</span>
                })}
            </header>
            {if deleted {
                view! { <p class="comment-text deleted">{move || lang.get().t().comment_deleted}</p> }.into_any()
            } else {
                view! { <SafeHtml html class="comment-text prose"/> }.into_any()
            }}
            <footer class="comment-actions">
                <span class="comment-votes">
                    <span class="comment-likes" title=move || lang.get().t().likes>
                        <span aria-hidden="true">"▲ "</span>
                        <span class="visually-hidden">{move || lang.get().t().likes} " "</span>
                        {likes}
                    </span>
                    " "
                    <span class="comment-dislikes" title=move || lang.get().t().dislikes>
                        <span aria-hidden="true">"▼ "</span>
                        <span class="visually-hidden">{move || lang.get().t().dislikes} " "</span>
                        {dislikes}
                    </span>
                </span>
                {reply_button}
            </footer>
            {own_controls}
        </article>
    }
}

/// Edit and delete buttons with a countdown, while Isso's edit window for this browser lasts;
/// the inline editor; and what went wrong. Nothing for other people's comments.
#[component]
fn OwnControls(
    /// The comment.
    id: u64,
    /// The section's own-comment state.
    own: OwnCtx,
) -> impl IntoView {
    let lang = use_lang();
    let left = Signal::derive(move || {
        let now = own.now.get();
        own.own.with(|o| {
            o.iter()
                .find(|c| c.comment.id == id)
                .and_then(|c| c.edit_seconds_left(now))
        })
    });
    let editing = Signal::derive(move || {
        own.editing
            .with(|e| e.as_ref().filter(|(i, _)| *i == id).map(|(_, t)| t.clone()))
    });
    let error = move || {
        own.error.get().filter(|(i, _)| *i == id).map(|(_, e)| {
            let kind = e.kind();
            let msg = move || {
                if e == CommentError::Forbidden {
                    lang.get().t().edit_window_over
                } else {
                    comment_error(lang.get(), &e)
                }
            };
            view! { <p class="comment-own-error" role="alert" data-error=kind>{msg}</p> }
        })
    };
    // Only the countdown text changes every second; the buttons stay (and keep focus).
    let open = Memo::new(move |_| left.get().is_some());
    let controls = move || {
        open.get().then(|| view! {
            <p class="comment-own">
                <span class="comment-countdown">
                    {move || lang.get().t().editable_for} " "
                    <span class="countdown" data-seconds=move || left.get()>
                        {move || left.get().map(countdown)}
                    </span>
                </span>
                " "
                {move || editing.with(Option::is_none).then(|| view! {
                    <button type="button" class="link-button comment-edit" disabled=move || own.busy.get()
                        on:click=move |_| own.start_edit.run(id)>
                        {move || lang.get().t().edit}
                    </button>
                })}
                " "
                <button type="button" class="link-button comment-delete" disabled=move || own.busy.get()
                    on:click=move |_| {
                        let sure = web_sys::window()
                            .and_then(|w| w.confirm_with_message(lang.get_untracked().t().delete_confirm).ok())
                            .unwrap_or(false);
                        if sure {
                            own.delete.run(id);
                        }
                    }>
                    {move || lang.get().t().delete}
                </button>
            </p>
        })
    };
    let editor = move || {
        let initial = editing.get()?;
        let text = RwSignal::new(initial);
        let field = format!("comment-edit-{id}");
        Some(view! {
            <form class="comment-form comment-editor" novalidate on:submit=move |ev| {
                ev.prevent_default();
                own.save_edit.run((id, text.get_untracked()));
            }>
                <p class="field">
                    <label for=field.clone()>{move || lang.get().t().field_comment}</label>
                    <textarea id=field rows="4" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </p>
                <p class="comment-form-actions">
                    <button type="submit" class="button" disabled=move || own.busy.get()>
                        {move || lang.get().t().save}
                    </button>
                    <button type="button" class="link-button" on:click=move |_| own.editing.set(None)>
                        {move || lang.get().t().cancel}
                    </button>
                </p>
            </form>
        })
    };
    view! { {controls} {editor} {error} }
}
