//! The comment section under a post, backed by an Isso server (docs/comments-server.md).
//!
//! The first page of the thread is a `LocalResource` keyed by the URL's `?sort=`, read under the
//! section's own `Transition` so that it never holds back the post; "load more" and posting are
//! actions. Each page is numbered once, when it arrives, and rendered once: "load more" appends
//! the new page under the others and never rebuilds them (a 1,000-comment thread used to be
//! rebuilt 40 times, once per page), and fetches the page after it meanwhile, so that the next
//! one shows at once. The reader's own comments awaiting moderation live in localStorage (the
//! outside world, hence the one effect) and are shown until Isso lists them or a day passes.

pub mod form;
pub mod thread;

use crate::platform::link_to;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use leptos_router::hooks::use_query_map;

use crate::api::comments::{
    delete_comment, edit_comment, fetch_own_plain, fetch_replies, fetch_server_config,
    fetch_thread, Posted,
};
use crate::i18n::{
    comment_count_label, comment_error, format_datetime, format_number, format_relative, now_secs,
    use_lang,
};
use crate::model::comments::{
    chain_pages, live_pending, own_key, own_to_keep, Comment, CommentError, IssoConfig, IssoPage,
    OwnComment, Sort, ThreadPage, PAGE_LIMIT,
};
use crate::model::config::Config;
use crate::model::post::safe_http_url;
use crate::model::replies::{add_replies, more_pages, Batch, LoadedReplies};
use crate::platform;

use form::CommentForm;
use thread::CommentList;

/// What the views inside the section share: where the thread is and what a reader can do.
#[derive(Clone)]
pub struct ThreadCtx {
    /// Isso's URL, without a trailing slash.
    pub server: Arc<str>,
    /// The thread: the post's app path.
    pub uri: Arc<str>,
    /// The post's title, sent with every new comment.
    pub title: Arc<str>,
    /// Request timeout.
    pub timeout_ms: u32,
    /// Which comment's inline reply form is open: (its top-level comment, the comment).
    pub replying: RwSignal<Option<(u64, u64)>>,
    /// Whether a comment's reply form is open, by comment id. A selector: opening a form notifies
    /// the two comments whose state changes, not every comment of the thread.
    pub reply_open: Selector<Option<u64>>,
    /// Whether a reply form is open in a top-level comment's thread, by that comment's id.
    pub reply_thread: Selector<Option<u64>>,
    /// What the server requires of a comment.
    pub server_config: Signal<IssoConfig>,
    /// Called after Isso accepted a comment.
    pub on_posted: Callback<Posted>,
    /// Loads the next replies of a top-level comment: (id, its number, which ones).
    pub load_replies: Callback<(u64, Option<String>, Batch)>,
    /// Whether replies of a comment are loading.
    pub replies_loading: Signal<Option<u64>>,
    /// Replies loaded on demand ("show more replies"), per top-level comment.
    pub more_replies: Signal<Vec<LoadedReplies>>,
    /// The clock of relative times ("3 minutes ago"): minutes since the epoch, so the comments
    /// showing one are notified once a minute, all by this one clock.
    pub clock: Signal<u64>,
}

/// The comment section of a post: count, moderation notice, sort, numbered threads, "load more",
/// the reader's pending comments and the form. Renders nothing when `config.json` has no
/// `comments.server`.
#[component]
pub fn CommentsSection(
    /// The thread identifier: the post's app path, e.g. `/2026/11/ocaso-wells-elects-mayor`.
    #[prop(into)]
    uri: String,
    /// The post's title (Isso needs it to create the thread).
    #[prop(into)]
    title: String,
) -> impl IntoView {
    let cfg = expect_context::<Config>();
    let Some(server) = cfg.comments.endpoint() else {
        return ().into_any();
    };
    let lang = use_lang();
    let timeout_ms = cfg.request_timeout_ms;
    let policy = cfg.comments.policy_url.as_deref().and_then(|u| {
        if u.starts_with('/') && !u.starts_with("//") {
            Some(u.to_string())
        } else {
            safe_http_url(u)
        }
    });

    let query = use_query_map();
    let sort = Memo::new(move |_| query.with(|q| Sort::from_query(q.get("sort").as_deref())));

    let first = LocalResource::new({
        let (server, uri) = (server.clone(), uri.clone());
        move || {
            let (server, uri, sort) = (server.clone(), uri.clone(), sort.get());
            // The answer carries the order it was asked in: the numbers depend on it.
            async move { (sort, fetch_thread(&server, &uri, sort, 0, timeout_ms).await) }
        }
    });
    // Which fields Isso requires, for the form's hints. A task writing a signal, not a resource:
    // read under the post page's Transition, a resource would hold the post back, and under the
    // thread's own it would make the thread wait for this second request (until it answers the
    // defaults are Isso's own: nothing required).
    let server_config = RwSignal::new(IssoConfig::default());
    leptos::task::spawn_local_scoped_with_cancellation({
        let server = server.clone();
        async move {
            if let Ok(c) = fetch_server_config(&server, timeout_ms).await {
                server_config.set(c);
            }
        }
    });

    // While the first page is on its way, build once what rendering it needs (the `Intl`
    // formatters, the sanitiser's configuration), so that this is not done after it arrives.
    let l = lang.get_untracked();
    let _ = (
        format_datetime(l, 0.0),
        format_relative(l, 0.0, 0.0),
        format_number(l, 0),
    );
    crate::components::safe_html::warm_up();

    // Replies loaded on demand, per top-level comment.
    let more_replies: RwSignal<Vec<LoadedReplies>> = RwSignal::new(Vec::new());
    let replies_action = Action::new_local({
        let (server, uri) = (server.clone(), uri.clone());
        move |(parent, number, batch): &(u64, Option<String>, Batch)| {
            let (server, uri) = (server.clone(), uri.clone());
            let (parent, number, batch) = (*parent, number.clone(), *batch);
            async move {
                let page = fetch_replies(&server, &uri, parent, batch, timeout_ms).await?;
                more_replies.update(|m| add_replies(m, parent, number.as_deref(), batch, &page));
                Ok::<(), CommentError>(())
            }
        }
    });
    let replies_loading = Signal::derive(move || {
        replies_action
            .input()
            .get()
            .filter(|_| replies_action.pending().get())
            .map(|(p, _, _)| p)
    });

    // The reader's own comments: pending ones from storage, and ones published in this visit.
    let stored: Vec<OwnComment> = platform::storage_get(&own_key(&uri))
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let own = RwSignal::new(own_to_keep(&stored, now_secs(), &[]));
    // A clock for the edit countdowns (a timer: the outside world).
    let now = RwSignal::new(now_secs());
    if let Ok(tick) = set_interval_with_handle(
        move || now.set(now_secs()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || tick.clear());
    }
    // Relative times only need the minute: this memo notifies once a minute, not every second.
    let clock = Memo::new(move |_| (now.get() / 60.0) as u64);

    let on_posted = Callback::new(move |p: Posted| {
        let at = now_secs();
        own.update(|o| {
            o.push(OwnComment {
                comment: p.comment.clone(),
                saved_at: at,
                editable_until: p.edit_secs.map(|s| at + s),
            })
        });
        if p.published {
            first.refetch();
        }
    });

    // Editing and deleting one's own comment inside Isso's window.
    let editing: RwSignal<Option<(u64, String)>> = RwSignal::new(None);
    let own_error: RwSignal<Option<(u64, CommentError)>> = RwSignal::new(None);
    let failed = move |id: u64, e: CommentError| {
        if e == CommentError::Forbidden || e == CommentError::NotFound {
            // The window is over (or the comment is gone): the buttons go away.
            own.update(|o| {
                o.iter_mut()
                    .filter(|c| c.comment.id == id)
                    .for_each(|c| c.editable_until = None)
            });
            editing.set(None);
        }
        own_error.set(Some((id, e)));
    };
    let start_edit = Action::new_local({
        let server = server.clone();
        move |id: &u64| {
            let (server, id) = (server.clone(), *id);
            async move {
                own_error.set(None);
                match fetch_own_plain(&server, id, timeout_ms).await {
                    Ok(text) => editing.set(Some((id, text))),
                    Err(e) => failed(id, e),
                }
            }
        }
    });
    let save_edit = Action::new_local({
        let server = server.clone();
        move |(id, text): &(u64, String)| {
            let (server, id, text) = (server.clone(), *id, text.clone());
            async move {
                own_error.set(None);
                match edit_comment(&server, id, &text, timeout_ms).await {
                    Ok(p) => {
                        let at = now_secs();
                        own.update(|o| {
                            for c in o.iter_mut().filter(|c| c.comment.id == id) {
                                c.comment = p.comment.clone();
                                c.editable_until = p.edit_secs.map(|s| at + s).or(c.editable_until);
                            }
                        });
                        editing.set(None);
                        if p.published {
                            first.refetch();
                        }
                    }
                    Err(e) => failed(id, e),
                }
            }
        }
    });
    let delete = Action::new_local({
        let server = server.clone();
        move |id: &u64| {
            let (server, id) = (server.clone(), *id);
            async move {
                own_error.set(None);
                match delete_comment(&server, id, timeout_ms).await {
                    Ok(()) => {
                        own.update(|o| o.retain(|c| c.comment.id != id));
                        editing.set(None);
                        first.refetch();
                    }
                    Err(e) => failed(id, e),
                }
            }
        }
    });
    let own_busy = Signal::derive(move || {
        start_edit.pending().get() || save_edit.pending().get() || delete.pending().get()
    });

    let replying: RwSignal<Option<(u64, u64)>> = RwSignal::new(None);
    let ctx = ThreadCtx {
        server: server.as_str().into(),
        uri: uri.as_str().into(),
        title: title.as_str().into(),
        timeout_ms,
        replying,
        reply_open: Selector::new(move || replying.get().map(|(_, c)| c)),
        reply_thread: Selector::new(move || replying.get().map(|(t, _)| t)),
        server_config: server_config.into(),
        on_posted,
        load_replies: Callback::new(move |args: (u64, Option<String>, Batch)| {
            if !replies_action.pending().get_untracked() {
                replies_action.dispatch(args);
            }
        }),
        replies_loading,
        more_replies: more_replies.into(),
        clock: clock.into(),
    };
    provide_context(ctx);
    provide_context(OwnCtx {
        own: own.into(),
        now: now.into(),
        editing,
        error: own_error.into(),
        busy: own_busy,
        start_edit: Callback::new(move |id| {
            if !own_busy.get_untracked() {
                start_edit.dispatch(id);
            }
        }),
        save_edit: Callback::new(move |args| {
            if !own_busy.get_untracked() {
                save_edit.dispatch(args);
            }
        }),
        delete: Callback::new(move |id| {
            if !own_busy.get_untracked() {
                delete.dispatch(id);
            }
        }),
    });

    let sort_links = {
        let uri = uri.clone();
        move || {
            let t = lang.get().t();
            Sort::ALL
                .into_iter()
                .map(|s| {
                    let label = match s {
                        Sort::Oldest => t.sort_oldest,
                        Sort::Newest => t.sort_newest,
                        Sort::Top => t.sort_top,
                    };
                    let href = link_to(&format!("{}?sort={}", uri, s.query()));
                    let current = move || (sort.get() == s).then_some("true");
                    view! {
                        // A plain link: the router takes it all the same, and unlike `<A>` it
                        // does not subscribe to the router's URL for the whole visit
                        // (components::link); `data-noscroll` keeps the reader where they are.
                        <li><a href=href data-noscroll=true aria-current=current data-sort=s.query()>{label}</a></li>
                    }
                })
                .collect_view()
        }
    };

    // The thread has its own Transition: the post page renders inside one that waits for every
    // resource read under it, and the thread (a request to another server) must not hold back the
    // article above it. Only the thread waits; the form is there at once.
    let loading = move || {
        view! { <p class="comments-loading" aria-busy="true">{move || lang.get().t().loading}</p> }
    };
    view! {
        <section id="comments" class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{move || lang.get().t().comments_title}</h2>
            <p class="moderation-notice">
                {move || lang.get().t().comments_moderated}
                {policy.clone().map(|href| view! {
                    " " <a href=href>{move || lang.get().t().comments_policy}</a>
                })}
            </p>
            <nav class="comments-sort" aria-label=move || lang.get().t().comments_sort>
                <ul>{sort_links}</ul>
            </nav>
            <Transition fallback=loading>
                <Thread server uri timeout_ms first own more_replies/>
            </Transition>
            <div class="comment-form-top">
                <h3>{move || lang.get().t().leave_comment}</h3>
                <CommentForm parent=None/>
            </div>
        </section>
    }
    .into_any()
}

/// The thread: its pages, "load more" and the reader's own comments not listed yet. Rendered
/// inside the section's own `Transition`, so that the first page is read under it.
#[component]
fn Thread(
    /// Isso's URL, without a trailing slash.
    server: String,
    /// The thread: the post's app path.
    uri: String,
    /// Request timeout.
    timeout_ms: u32,
    /// The first page, with the order it was fetched in.
    first: LocalResource<(Sort, Result<IssoPage, CommentError>)>,
    /// The reader's own comments (pending or editable).
    own: RwSignal<Vec<OwnComment>>,
    /// Replies loaded on demand, per top-level comment.
    more_replies: RwSignal<Vec<LoadedReplies>>,
) -> impl IntoView {
    let lang = use_lang();
    let own_key = own_key(&uri);
    // The first page, numbered. A memo: a refetch that brings the same page changes nothing.
    let head = Memo::new(move |_| {
        first
            .get()
            .map(|(s, answer)| answer.map(|page| ThreadPage::new(&page, s, 0)))
    });

    // Later pages of top-level comments, numbered on arrival, in any order and any sort; those
    // on their way; those the reader asked to see ("load more"); and the last one that failed.
    let more: RwSignal<Vec<ThreadPage>> = RwSignal::new(Vec::new());
    let inflight: RwSignal<Vec<(Sort, u32)>> = RwSignal::new(Vec::new());
    let asked: RwSignal<Vec<(Sort, u32)>> = RwSignal::new(Vec::new());
    let failed: RwSignal<Option<((Sort, u32), CommentError)>> = RwSignal::new(None);
    let load_more = Action::new_local({
        let (server, uri) = (server.clone(), uri.clone());
        move |(sort, offset): &(Sort, u32)| {
            let (server, uri, sort, offset) = (server.clone(), uri.clone(), *sort, *offset);
            async move {
                let answer = fetch_thread(&server, &uri, sort, offset, timeout_ms).await;
                inflight.update(|f| f.retain(|k| *k != (sort, offset)));
                match answer {
                    Ok(page) => {
                        let page = ThreadPage::new(&page, sort, offset);
                        more.update(|m| {
                            if !m.iter().any(|p| p.sort == sort && p.offset == offset) {
                                m.push(page);
                            }
                        });
                    }
                    Err(e) => failed.set(Some(((sort, offset), e))),
                }
            }
        }
    });
    // Fetches a page unless it is here or on its way.
    let fetch_page = move |sort: Sort, offset: u32| {
        let known = more.with_untracked(|m| m.iter().any(|p| p.sort == sort && p.offset == offset))
            || inflight.with_untracked(|f| f.contains(&(sort, offset)));
        if !known {
            inflight.update(|f| f.push((sort, offset)));
            load_more.dispatch((sort, offset));
        }
    };
    // Every page fetched that continues the first one, in order.
    let fetched = Memo::new(move |_| {
        head.with(|h| match h {
            Some(Ok(h)) => more.with(|m| chain_pages(h, m)),
            _ => Vec::new(),
        })
    });
    // The pages shown under the first one: those fetched that the reader asked for. It changes
    // only when a page is added (or left out), which is what the list compares to append one.
    let tail = Memo::new_with_compare(
        move |_| {
            asked.with(|a| {
                fetched.with(|f| {
                    f.iter()
                        .take_while(|p| a.contains(&(p.sort, p.offset)))
                        .cloned()
                        .collect::<Vec<_>>()
                })
            })
        },
        |old, new| {
            let keys =
                |pages: &Vec<ThreadPage>| pages.iter().map(ThreadPage::key).collect::<Vec<_>>();
            old.map(keys) != new.map(keys)
        },
    );
    let head_sort = Memo::new(move |_| head.with(|h| h.as_ref()?.as_ref().ok().map(|h| h.sort)));
    // What "load more" does next, after the last page shown (the model derives it).
    let next = Memo::new(move |_| {
        head.with(|h| {
            let h = h.as_ref()?.as_ref().ok()?;
            tail.with(|t| fetched.with(|f| more_pages(t.last().unwrap_or(h), f, PAGE_LIMIT)))
        })
    });
    let has_more = Memo::new(move |_| next.with(Option::is_some));
    // The reader asked for the next page and it is on its way (not arrived, not failed).
    let waiting = Memo::new(move |_| {
        let (Some(sort), Some(next)) = (head_sort.get(), next.get()) else {
            return false;
        };
        let page = (sort, next.show.offset);
        asked.with(|a| a.contains(&page))
            && failed.with(|f| f.as_ref().is_none_or(|(p, _)| *p != page))
    });
    // "Load more": shows the next page, and fetches the one after it too, so that the next
    // "load more" shows at once (the reader reads on meanwhile; one page ahead, never more).
    let ask_more = move || {
        let (Some(sort), Some(next)) = (head_sort.get_untracked(), next.get_untracked()) else {
            return;
        };
        failed.set(None);
        let page = (sort, next.show.offset);
        asked.update(|a| {
            if !a.contains(&page) {
                a.push(page);
            }
        });
        fetch_page(sort, next.show.offset);
        if let Some(ahead) = next.ahead {
            fetch_page(sort, ahead);
        }
    };
    // A failure is the reader's business once they asked for that page.
    let more_error = move || {
        let (page, e) = failed.get()?;
        asked.with(|a| a.contains(&page)).then_some(e)
    };
    // Every comment id shown. Read only while the reader has comments of their own, so a reader
    // without any does no work per page for them.
    let shown_ids = move || {
        let mut ids = Vec::new();
        let mut add = |list: &[Comment]| {
            for c in list {
                ids.push(c.id);
                ids.extend(c.replies.iter().map(|r| r.id));
            }
        };
        head.with(|h| {
            if let Some(Ok(h)) = h {
                add(&h.comments)
            }
        });
        tail.with(|t| t.iter().for_each(|p| add(&p.comments)));
        more_replies.with(|m| m.iter().for_each(|l| add(&l.replies)));
        ids
    };

    // Own comments not (yet) in the loaded thread.
    let own_shown = Memo::new(move |_| {
        own.with(|o| {
            if o.is_empty() {
                Vec::new()
            } else {
                live_pending(o, now_secs(), &shown_ids())
            }
        })
    });

    // The outside world: keep in storage the comments still awaiting moderation or editable.
    Effect::new({
        let key = own_key.clone();
        move || {
            let pending = own.with(|o| {
                if o.is_empty() {
                    Vec::new()
                } else {
                    own_to_keep(o, now_secs(), &shown_ids())
                }
            });
            if pending.is_empty() {
                platform::storage_remove(&key);
            } else if let Ok(json) = serde_json::to_string(&pending) {
                platform::storage_set(&key, &json);
            }
        }
    });

    // The thread is rebuilt when the language changes: the comments read it once instead of each
    // watching it (a dozen subscriptions fewer per comment), and a reader rarely switches.
    let body = move || {
        let l = lang.get();
        match head.get() {
            None => view! {
                <p class="comments-loading" aria-busy="true">{l.t().loading}</p>
            }
            .into_any(),
            Some(Err(e)) => {
                let kind = e.kind();
                view! {
                    <div class="comments-error" role="alert" data-error=kind>
                        <p>
                            <strong>{l.t().comments_load_failed}</strong> " "
                            {comment_error(l, &e)}
                        </p>
                        <button type="button" class="button" on:click=move |_| first.refetch()>
                            {l.t().retry}
                        </button>
                    </div>
                }
                .into_any()
            }
            Some(Ok(h)) => {
                let total = h.total;
                let empty = h.comments.is_empty();
                // One button for every page, so it keeps the focus of a reader who pressed it.
                let more_button = move || {
                    has_more.get().then(|| {
                        view! {
                            <p class="comments-more">
                                <button
                                    type="button"
                                    class="button load-more"
                                    disabled=move || waiting.get()
                                    on:click=move |_| ask_more()
                                >
                                    {l.t().load_more_comments} " ("
                                    {move || next.with(|n| format_number(l, n.map_or(0, |n| u64::from(n.adds))))}
                                    ")"
                                </button>
                            </p>
                        }
                    })
                };
                view! {
                    <p class="comments-count" data-total=total>
                        {comment_count_label(l, u64::from(total))}
                    </p>
                    {empty.then(|| view! { <p class="comments-empty">{l.t().comments_none}</p> })}
                    <CommentList comments=h.comments.to_vec() pages=tail/>
                    {more_button}
                    {move || more_error().map(|e| view! {
                        <p class="comments-error" role="alert" data-error=e.kind()>{comment_error(l, &e)}</p>
                    })}
                }
                .into_any()
            }
        }
    };

    provide_context(OwnComments(own_shown.into()));
    body
}

/// The reader's own comments not yet listed by Isso (pending, or just published).
#[derive(Clone, Copy)]
pub struct OwnComments(pub Signal<Vec<OwnComment>>);

/// The reader's own comments that this browser may still edit or delete, and how.
#[derive(Clone, Copy)]
pub struct OwnCtx {
    /// Every own comment this browser remembers, with its edit window.
    pub own: Signal<Vec<OwnComment>>,
    /// The clock of the countdowns, ticking every second.
    pub now: Signal<f64>,
    /// The comment being edited, with its text as typed.
    pub editing: RwSignal<Option<(u64, String)>>,
    /// The last failure of an edit or delete, and the comment it concerned.
    pub error: Signal<Option<(u64, CommentError)>>,
    /// Whether an edit or delete is on its way.
    pub busy: Signal<bool>,
    /// Opens the editor for a comment (reads its text from Isso).
    pub start_edit: Callback<u64>,
    /// Saves the edited text.
    pub save_edit: Callback<(u64, String)>,
    /// Deletes a comment.
    pub delete: Callback<u64>,
}
