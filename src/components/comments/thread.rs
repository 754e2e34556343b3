//! Numbered comments and their replies. Isso's `text` is HTML and goes through [`SafeHtml`];
//! author and website are plain text (decoded once in the model), the website a link only when
//! it is http(s).
//!
//! A long thread is mostly static: a comment is rendered once, with its texts in the language of
//! the moment (the section rebuilds the thread when the language changes). What stays reactive
//! per comment is what can change while it is on screen: its relative time (one shared clock),
//! whether its reply form is open (a selector, so opening one notifies two comments, not all),
//! and, for the reader's own comments only, the edit countdown and buttons.

use leptos::either::Either;
use leptos::prelude::*;

use super::form::CommentForm;
use super::{OwnComments, OwnCtx, ThreadCtx};
use crate::components::safe_html::SafeHtml;
use crate::i18n::{
    comment_error, format_datetime, format_number, format_relative, now_secs, use_lang,
};
use crate::model::comments::{
    countdown, iso_utc, Comment, CommentError, OwnComment, ThreadPage, PAGE_LIMIT,
};
use crate::model::replies::more_replies;
use crate::platform;

/// `performance.mark` when the first screenful of the thread ([`FIRST_SCREENFUL`] comments) is
/// painted.
pub const MARK_FIRST: &str = "frontera:comments";
/// `performance.mark` each time a page of the thread is painted; the last one is the whole
/// thread (the benchmark reads it).
pub const MARK_PAGE: &str = "frontera:comments-all";
/// How many top-level comments are drawn first: about a screenful on a phone (a comment is 150
/// to 200 pixels high there). The rest of the first page follows once they are painted, so the
/// start of the thread appears about four times sooner than the whole page would.
pub const FIRST_SCREENFUL: usize = 5;

/// Top-level comments with their replies, the pages that "load more" appends under them, then
/// the reader's own comments that Isso does not list yet. Without a [`ThreadCtx`] (a static
/// rendering) there are no reply buttons.
#[component]
pub fn CommentList(
    /// Top-level comments, numbered, with their replies.
    comments: Vec<Comment>,
    /// Later pages ("load more"). Each is rendered once, when it is added, under the others;
    /// pages already shown are never rendered again.
    #[prop(optional, into)]
    pages: Option<Signal<Vec<ThreadPage>>>,
) -> impl IntoView {
    let own = use_context::<OwnComments>().map(|o| o.0);
    let first_ids: Vec<u64> = comments.iter().map(|c| c.id).collect();
    // Own comments whose top-level comment is not shown: new top-level ones, and replies to a
    // comment on a page not loaded yet. A memo, so that a new page re-renders them only when it
    // changes which ones these are.
    let orphans = own.map(|own| {
        let orphans = Memo::new(move |_| {
            own.with(|o| {
                if o.is_empty() {
                    return Vec::new();
                }
                let shown = |p: u64| {
                    first_ids.contains(&p)
                        || pages.is_some_and(|pages| {
                            pages.with(|ps| {
                                ps.iter().any(|pg| pg.comments.iter().any(|c| c.id == p))
                            })
                        })
                };
                o.iter()
                    .filter(|c| c.comment.parent.is_none_or(|p| !shown(p)))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        });
        move || {
            orphans
                .get()
                .into_iter()
                .map(|c| view! { <li><OwnCommentView own=c/></li> })
                .collect_view()
        }
    });
    let list = NodeRef::<leptos::html::Ol>::new();
    // Checked from animation frames, which can run after the reader has left the page: the
    // `try_` forms give `None` then instead of panicking on a disposed value.
    let shown = move || {
        list.try_get_untracked()
            .flatten()
            .is_some_and(|ol| ol.is_connected())
    };
    // The first screenful is drawn first; the rest of the first page follows once it is painted.
    let mut comments = comments;
    let rest = comments.split_off(comments.len().min(FIRST_SCREENFUL));
    let rest_shown = RwSignal::new(false);
    let rest_view = (!rest.is_empty()).then(|| {
        let rest = StoredValue::new(rest);
        move || {
            rest_shown.get().then(|| {
                rest.try_update_value(std::mem::take)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| view! { <li><CommentThread comment=c/></li> })
                    .collect_view()
            })
        }
    });
    if rest_view.is_some() {
        platform::after_paint(shown, move || {
            platform::mark(&[MARK_FIRST]);
            rest_shown.try_set(true);
            platform::after_paint(shown, || platform::mark(&[MARK_PAGE]));
        });
    } else {
        platform::after_paint(shown, || platform::mark(&[MARK_FIRST, MARK_PAGE]));
    }
    let later = pages.map(|pages| {
        view! {
            <For
                each=move || pages.get()
                key=ThreadPage::key
                children=move |page: ThreadPage| {
                    platform::after_paint(shown, || platform::mark(&[MARK_PAGE]));
                    page.comments
                        .iter()
                        .map(|c| view! { <li><CommentThread comment=c.clone()/></li> })
                        .collect_view()
                }
            />
        }
    });
    view! {
        <ol class="comment-list" node_ref=list>
            {comments.into_iter().map(|c| view! { <li><CommentThread comment=c/></li> }).collect_view()}
            {rest_view}
            {later}
            {orphans}
        </ol>
    }
}

/// A top-level comment, its replies, "show more replies" and the inline reply form.
#[component]
fn CommentThread(
    /// The comment with its loaded replies.
    mut comment: Comment,
) -> impl IntoView {
    let lang = use_lang().get_untracked();
    let ctx = use_context::<ThreadCtx>();
    let own = use_context::<OwnComments>().map(|o| o.0);
    let id = comment.id;
    let number = comment.number.clone();
    let replies = std::mem::take(&mut comment.replies);
    let total = comment.total_replies;
    let inline: Vec<u64> = replies.iter().map(|r| r.id).collect();
    // What "show more replies" loaded and what it does next, derived by the model. Only a
    // comment with replies left to show watches for them.
    let some_left = more_replies(total, &inline, None, PAGE_LIMIT)
        .next
        .is_some();
    let more = ctx.as_ref().filter(|_| some_left).map(|ctx| {
        let store = ctx.more_replies;
        Memo::new(move |_| {
            store.with(|m| {
                let loaded = m.iter().find(|l| l.parent == id);
                more_replies(total, &inline, loaded, PAGE_LIMIT)
            })
        })
    });
    let more_button = ctx.clone().zip(more).map(|(ctx, more)| {
        let busy = ctx.replies_loading;
        move || {
            more.with(|m| m.next).map(|next| {
                let (ctx, number) = (ctx.clone(), number.clone());
                view! {
                    <p class="replies-more">
                        <button
                            type="button"
                            class="link-button"
                            disabled=move || busy.get() == Some(id)
                            on:click=move |_| ctx.load_replies.run((id, number.clone(), next))
                        >
                            {lang.t().load_more_replies} " (" {format_number(lang, u64::from(next.limit))} ")"
                        </button>
                    </p>
                }
            })
        }
    });
    let own_replies = own.map(|own| {
        move || {
            own.with(|o| {
                o.iter()
                    .filter(|c| c.comment.parent == Some(id))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    });
    let own_views = |list: Vec<OwnComment>| {
        list.into_iter()
            .map(|c| view! { <li><OwnCommentView own=c/></li> })
            .collect_view()
    };
    let replies_view = if !replies.is_empty() || more.is_some() {
        Either::Left(view! {
            <ol class="comment-replies">
                {replies.into_iter().map(|r| view! { <li><CommentView comment=r/></li> }).collect_view()}
                {more.map(|more| move || {
                    more.with(|m| m.extra.clone()).into_iter().map(|r| view! { <li><CommentView comment=r/></li> }).collect_view()
                })}
                {own_replies.map(|mine| move || own_views(mine()))}
            </ol>
        })
    } else {
        // No replies yet: the list appears with the reader's own first reply.
        Either::Right(own_replies.map(|mine| {
            move || {
                let mine = mine();
                (!mine.is_empty())
                    .then(|| view! { <ol class="comment-replies">{own_views(mine)}</ol> })
            }
        }))
    };
    // The inline form sits under the comment whose Reply was pressed (Isso files a reply to a
    // reply under the top-level comment). Only the thread holding the form follows which
    // comment that is.
    let form_here = ctx.map(|ctx| {
        let (in_thread, replying) = (ctx.reply_thread, ctx.replying);
        move || {
            if !in_thread.selected(&Some(id)) {
                return None;
            }
            let (_, target) = replying.get()?;
            Some(view! {
                <div class="comment-reply-form">
                    <CommentForm parent=Some(target)/>
                </div>
            })
        }
    });
    view! {
        <CommentView comment/>
        {replies_view}
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
    let number_view = number.clone().map(|n| {
        view! {
            <a class="comment-number" href=format!("#comment-{id}")
                aria-label=format!("{} {n}", t.comment_number)>
                {n.clone()}
            </a>
        }
    });
    // "3 minutes ago" follows the section's clock; a static rendering computes it once.
    let ago = match ctx.as_ref().map(|c| c.clock) {
        Some(clock) => Either::Left(move || {
            clock.track();
            format_relative(lang, now_secs(), created)
        }),
        None => Either::Right(format_relative(lang, now_secs(), created)),
    };
    let reply_button = ctx.filter(|_| !pending && !own && !deleted).map(|ctx| {
        let (replying, open) = (ctx.replying, ctx.reply_open);
        let thread = parent.unwrap_or(id);
        view! {
            <button
                type="button"
                class="link-button comment-reply"
                aria-expanded=move || if open.selected(&Some(id)) { "true" } else { "false" }
                on:click=move |_| replying.update(|r| {
                    *r = if r.is_some_and(|(_, c)| c == id) { None } else { Some((thread, id)) }
                })
            >
                {t.reply}
            </button>
        }
    });
    // Edit and delete only for the reader's own comments, as known when the comment is rendered:
    // whatever makes a listed comment the reader's (posting, editing) also refetches the thread.
    let own_controls = use_context::<OwnCtx>()
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
                Either::Right(view! { <SafeHtml html class="comment-text prose"/> })
            }}
            <footer class="comment-actions">
                <span class="comment-votes">
                    <span class="comment-likes" title=t.likes>
                        <span aria-hidden="true">"▲ "</span>
                        <span class="visually-hidden">{t.likes} " "</span>
                        {likes}
                    </span>
                    " "
                    <span class="comment-dislikes" title=t.dislikes>
                        <span aria-hidden="true">"▼ "</span>
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
