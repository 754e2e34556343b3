//! Numbered comments and their replies; one comment is `comment.rs`. Isso's `text` is HTML and
//! goes through `SafeHtml`; author and website are plain text (decoded once in the model), the
//! website a link only when it is http(s).
//!
//! A long thread is mostly static: a comment is rendered once, with its texts in the language of
//! the moment (the section rebuilds the thread when the language changes). What stays reactive
//! per comment is what can change while it is on screen: its relative time (one shared clock),
//! whether its reply form is open (a selector, so opening one notifies two comments, not all),
//! and, for the reader's own comments only, the edit countdown and buttons.

use leptos::either::Either;
use leptos::prelude::*;

use super::comment::CommentView;
use super::form::CommentForm;
use super::{OwnComments, ThreadCtx};
use crate::components::link::route_query;
use crate::i18n::{comment_error, format_number, use_lang};
use crate::model::batches::chunks;
use crate::model::comments::{Comment, OwnComment, Sort, ThreadPage, PAGE_LIMIT};
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
/// How many top-level comments of a later page are built in one task: a long page ("load more"
/// asks for 200) is built in several, so that a click or a scroll is never held for all of it.
pub const BATCH: usize = 50;

/// `comments` as list items, `first` at once and then [`BATCH`] more a task at a time (while
/// `shown` says the list is on the page). Marks `first_mark` once the first batch is painted (the
/// rest waits for that) and [`MARK_PAGE`] once the last one is.
fn in_batches(
    mut comments: Vec<Comment>,
    first: usize,
    shown: impl Fn() -> bool + Copy + 'static,
    first_mark: Option<&'static str>,
) -> impl IntoView {
    let ranges = chunks(comments.len(), first, BATCH);
    let mut parts: Vec<Vec<Comment>> = ranges
        .iter()
        .rev()
        .map(|r| comments.split_off(r.start))
        .collect();
    parts.reverse();
    let mut parts = parts.into_iter();
    let now = parts.next().unwrap_or_default();
    // Each later batch waits for its own flag; a batch is built once, when its flag is set.
    let later: Vec<(RwSignal<bool>, StoredValue<Vec<Comment>>)> = parts
        .map(|p| (RwSignal::new(false), StoredValue::new(p)))
        .collect();
    let flags: Vec<RwSignal<bool>> = later.iter().map(|(f, _)| *f).collect();
    // The first batch of the thread is painted before the rest is built: it is what the reader
    // waits for. A later page's batches follow at once, a task each.
    match first_mark {
        Some(mark) => platform::after_paint(shown, move || {
            platform::mark(&[mark]);
            reveal_in_turn(flags.into_iter(), shown, true);
        }),
        None => reveal_in_turn(flags.into_iter(), shown, false),
    }
    let items = |list: Vec<Comment>| {
        list.into_iter()
            .map(|c| view! { <li><CommentThread comment=c/></li> })
            .collect_view()
    };
    view! {
        {items(now)}
        {later
            .into_iter()
            .map(|(flag, part)| {
                move || flag.get().then(|| items(part.try_update_value(std::mem::take).unwrap_or_default()))
            })
            .collect_view()}
    }
}

/// Sets each flag of `flags` in a task of its own after the one before, while the list is `shown`,
/// then marks [`MARK_PAGE`] once the last batch is painted. Not a frame per batch: waiting for a
/// paint after each batch left the browser idle between frames, and a 1,000-comment thread took
/// seconds longer; a task per batch still lets a click or a scroll in between.
fn reveal_in_turn(
    mut flags: std::vec::IntoIter<RwSignal<bool>>,
    shown: impl Fn() -> bool + Copy + 'static,
    first_page: bool,
) {
    match flags.next() {
        Some(flag) => platform::next_task(move || {
            if shown() && flag.try_set(true).is_none() {
                reveal_in_turn(flags, shown, first_page);
            }
        }),
        None => platform::after_paint(shown, move || {
            platform::mark(&[MARK_PAGE]);
            // A link to one comment (`#comment-12`) is followed once its page is there.
            if first_page {
                platform::place::reach_comment();
            }
        }),
    }
}

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
                .map(|c| {
                    // A reply to a comment not shown yet: said, so it does not pass for a new one.
                    let detached = c.comment.parent.is_some();
                    view! { <li><OwnCommentView own=c detached/></li> }
                })
                .collect_view()
        }
    });
    // Under "newest" the reader's own new comment comes first, as it is the newest.
    let newest =
        route_query(|q| Sort::from_query(q.get("sort").as_deref())).get_untracked() == Sort::Newest;
    let (before, after) = if newest {
        (orphans, None)
    } else {
        (None, orphans)
    };
    let list = NodeRef::<leptos::html::Ol>::new();
    // Checked from animation frames, which can run after the reader has left the page: the
    // `try_` forms give `None` then instead of panicking on a disposed value.
    let shown = move || {
        list.try_get_untracked()
            .flatten()
            .is_some_and(|ol| ol.is_connected())
    };
    // The first screenful is drawn first, and the rest of the first page once it is painted; a
    // later page ("load more", up to 200 comments) a batch per task, so that a click never
    // holds the page for the whole of it.
    let head = in_batches(comments, FIRST_SCREENFUL, shown, Some(MARK_FIRST));
    let later = pages.map(|pages| {
        view! {
            <For
                each=move || pages.get()
                key=ThreadPage::key
                children=move |page: ThreadPage| in_batches(page.comments.to_vec(), BATCH, shown, None)
            />
        }
    });
    view! {
        <ol class="comment-list" node_ref=list>
            {before}
            {head}
            {later}
            {after}
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
    // "Show more replies" goes once every reply is shown, and with it the focus of a reader who
    // pressed it: the focus goes to the first reply it brought.
    if let Some(more) = more {
        Effect::new(move |before: Option<usize>| {
            let (shown, first_new, done) = more.with(|m| {
                let first_new = before.and_then(|n| m.extra.get(n)).map(|c| c.id);
                (m.extra.len(), first_new, m.next.is_none())
            });
            if let (Some(id), true) = (first_new, done) {
                // The first link or button of the comment that begins what was asked for.
                platform::refocus_if_lost(format!("#comment-{id} a[href], #comment-{id} button"));
            }
            shown
        });
    }
    let more_button = ctx.clone().zip(more).map(|(ctx, more)| {
        let (busy, failed) = (ctx.replies_loading, ctx.replies_failed);
        let error = move || {
            failed.get().filter(|(p, _)| *p == id).map(|(_, e)| {
                view! { <p class="comments-error" role="alert" data-error=e.kind()>{comment_error(lang, &e)}</p> }
            })
        };
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
                    {error}
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
    /// Whether it is a reply shown apart from the comment it answers (not loaded yet).
    #[prop(optional)]
    detached: bool,
) -> impl IntoView {
    let t = use_lang().get_untracked().t();
    view! {
        {detached.then(|| view! { <p class="comment-detached">{t.reply_further_down}</p> })}
        <CommentView comment=Comment::from_isso(&own.comment, None) own=true/>
    }
}
