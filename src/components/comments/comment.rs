//! One comment, and the edit and delete controls of the reader's own.

use leptos::either::Either;
use leptos::prelude::*;

use super::{OwnCtx, ThreadCtx};
use crate::api::{ApiError, Refusal};
use crate::components::safe_html::SafeHtml;
use crate::i18n::{comment_error, format_datetime, format_relative, now_secs, use_lang};
use crate::model::comments::{countdown, iso_utc, Comment};
use crate::platform;

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
    // Read once: the section rebuilds the thread when the language changes.
    let lang = use_lang().get_untracked();
    let t = lang.t();
    let ctx = use_context::<ThreadCtx>();
    let pending = comment.is_pending();
    let deleted = comment.is_deleted();
    let Comment {
        id,
        parent,
        number,
        author,
        website,
        html,
        created,
        likes,
        dislikes,
        mode,
        ..
    } = comment;
    let anonymous = author.is_none();
    let name = author.unwrap_or_else(|| t.anonymous.to_string());
    let author_view = match website {
        Some(href) => Either::Left(view! {
            <a class="comment-author" href=href rel="nofollow ugc noopener noreferrer">{name}</a>
        }),
        None => Either::Right(
            view! { <span class="comment-author" class:anonymous=anonymous>{name}</span> },
        ),
    };
    // A permalink: the post's address with the comment's fragment (a bare `#comment-N` would
    // resolve against `<base href>`, the home page). `rel=external` leaves it to the browser,
    // which scrolls to the comment without the router redrawing the post.
    let permalink = match &ctx {
        Some(c) => crate::platform::link_to(&format!("{}#comment-{id}", c.uri)),
        None => format!("#comment-{id}"),
    };
    let number_view = number.clone().map(|n| {
        view! {
            <a class="comment-number" href=permalink rel="external"
                aria-label=format!("{} {n}", t.comment_number)>
                {n.clone()}
            </a>
        }
    });
    // "3 minutes ago" follows the section's clock; a static rendering computes it once.
    let ago = match ctx.as_ref().map(|c| c.clock) {
        Some(clock) => Either::Left(move || {
            // `get`, not `track`: the clock is a memo, computed only when read; one that is only
            // tracked never runs, so never subscribes to the seconds, and never changed.
            let _ = clock.get();
            format_relative(lang, now_secs(), created)
        }),
        None => Either::Right(format_relative(lang, now_secs(), created)),
    };
    // Isso refuses a reply to one's own comment while it can still be edited, unless configured
    // otherwise (`reply-to-self`): no Reply there, rather than a refusal after the typing.
    let own_ctx = use_context::<OwnCtx>();
    let own_editable = own_ctx.as_ref().is_some_and(|o| {
        let now = o.now.get_untracked();
        o.own.with_untracked(|l| {
            l.iter()
                .any(|c| c.comment.id == id && c.edit_seconds_left(now).is_some())
        })
    });
    let self_reply_refused = own_editable
        && ctx
            .as_ref()
            .is_some_and(|c| !c.server_config.get_untracked().reply_to_self);
    let reply_button = ctx
        .filter(|_| !pending && !own && !deleted && !self_reply_refused)
        .map(|ctx| {
            let (replying, open) = (ctx.replying, ctx.reply_open);
            let thread = parent.unwrap_or(id);
            view! {
                <button
                    type="button"
                    class="link-button comment-reply"
                    aria-expanded=move || if open.selected(&Some(id)) { "true" } else { "false" }
                    on:click=move |_| replying.update(|r| {
                        *r = if r.is_some_and(|(_, c)| c == id) {
                            None
                        } else {
                            // The form opens under the comment's replies, often below the screen
                            // on a phone: its text takes the focus, which brings it into view.
                            platform::focus_later(format!("#comment-text-{id}"));
                            Some((thread, id))
                        }
                    })
                >
                    {t.reply}
                </button>
            }
        });
    // Edit and delete only for the reader's own comments, as known when the comment is rendered:
    // whatever makes a listed comment the reader's (posting, editing) also refetches the thread.
    let own_controls = own_ctx
        .filter(|o| {
            own || o
                .own
                .with_untracked(|l| l.iter().any(|c| c.comment.id == id))
        })
        .map(|o| view! { <OwnControls id own=o/> });
    view! {
        <article
            class="comment"
            class:pending=pending
            class:own=own
            id=format!("comment-{id}")
            data-id=id
            data-number=number
            data-mode=mode
        >
            <header class="comment-meta">
                {number_view}
                {author_view}
                <span class="comment-time">
                    <time datetime=iso_utc(created)>{format_datetime(lang, created)}</time>
                    " · "
                    <span class="comment-ago">{ago}</span>
                </span>
                {pending.then(|| view! {
                    <span class="comment-pending">{t.awaiting_moderation}</span>
                })}
            </header>
            {if deleted {
                Either::Left(view! { <p class="comment-text deleted">{t.comment_deleted}</p> })
            } else {
                // A commenter's `# Heading` is no heading of the page's: below the thread's.
                let html = crate::model::text::shift_headings(&html, 3);
                Either::Right(view! { <SafeHtml html class="comment-text prose"/> })
            }}
            <footer class="comment-actions">
                // The arrows are the stylesheet's (`::before`, with empty alternative text for
                // screen readers): two fewer elements a comment, in threads of a thousand.
                <span class="comment-votes">
                    <span class="comment-likes" title=t.likes>
                        <span class="visually-hidden">{t.likes} " "</span>
                        {likes}
                    </span>
                    " "
                    <span class="comment-dislikes" title=t.dislikes>
                        <span class="visually-hidden">{t.dislikes} " "</span>
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
                if e == ApiError::Refused(Refusal::Forbidden) {
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
    // Edit gives the focus to the editor's text; Save or Cancel, back to Edit (or, the window
    // over, to the comment's number).
    Effect::new(move |was: Option<bool>| {
        let open = editing.with(Option::is_some);
        if was == Some(true) && !open {
            platform::refocus_if_lost(format!(
                "#comment-{id} .comment-edit | #comment-{id} .comment-number"
            ));
        }
        open
    });
    let editor = move || {
        let initial = editing.get()?;
        let text = RwSignal::new(initial);
        let field = format!("comment-edit-{id}");
        let area = NodeRef::<leptos::html::Textarea>::new();
        Effect::new(move |_| {
            if let Some(a) = area.get() {
                let _ = a.focus();
            }
        });
        Some(view! {
            <form class="comment-form comment-editor" novalidate on:submit=move |ev| {
                ev.prevent_default();
                own.save_edit.run((id, text.get_untracked()));
            }>
                <p class="field">
                    <label for=field.clone()>{move || lang.get().t().field_comment}</label>
                    <textarea id=field rows="4" node_ref=area prop:value=move || text.get()
                        on:input=move |ev| {
                            let typed = event_target_value(&ev);
                            // Kept where the editor starts from, without redrawing it: a thread
                            // rebuilt (the language switched) opens it with what was typed.
                            own.editing.update_untracked(|e| {
                                if let Some((_, t)) = e.as_mut().filter(|(i, _)| *i == id) {
                                    t.clone_from(&typed);
                                }
                            });
                            text.set(typed);
                        }></textarea>
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
