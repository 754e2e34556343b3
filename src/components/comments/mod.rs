//! The comment section under a post, backed by an Isso server (docs/comments-server.md).
//!
//! The first page of the thread is a `LocalResource` keyed by the URL's `?sort=`; "load more"
//! and posting are actions. The reader's own comments awaiting moderation live in localStorage
//! (the outside world, hence the one effect) and are shown until Isso lists them or a day passes.

pub mod form;
pub mod thread;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::api::comments::{
    delete_comment, edit_comment, fetch_own_plain, fetch_replies, fetch_server_config,
    fetch_thread, Posted,
};
use crate::i18n::{comment_count_label, comment_error, now_secs, use_lang};
use crate::model::comments::{
    build_page, build_replies, live_pending, own_key, own_to_keep, Comment, CommentError,
    IssoConfig, IssoPage, OwnComment, Sort,
};
use crate::model::config::Config;
use crate::model::post::safe_http_url;
use crate::platform;

use form::CommentForm;
use thread::CommentList;

/// What the views inside the section share: where the thread is and what a reader can do.
#[derive(Clone)]
pub struct ThreadCtx {
    /// Isso's URL, without a trailing slash.
    pub server: String,
    /// The thread: the post's app path.
    pub uri: String,
    /// The post's title, sent with every new comment.
    pub title: String,
    /// Request timeout.
    pub timeout_ms: u32,
    /// Which comment's inline reply form is open.
    pub replying: RwSignal<Option<u64>>,
    /// What the server requires of a comment.
    pub server_config: Signal<IssoConfig>,
    /// Called after Isso accepted a comment.
    pub on_posted: Callback<Posted>,
    /// Loads the next replies of a top-level comment: (id, its number, offset).
    pub load_replies: Callback<(u64, Option<String>, u32)>,
    /// Whether replies of a comment are loading.
    pub replies_loading: Signal<Option<u64>>,
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
            async move { fetch_thread(&server, &uri, sort, 0, timeout_ms).await }
        }
    });
    let server_config = LocalResource::new({
        let server = server.clone();
        move || {
            let server = server.clone();
            async move { fetch_server_config(&server, timeout_ms).await }
        }
    });
    let server_config =
        Signal::derive(move || server_config.get().and_then(Result::ok).unwrap_or_default());

    // Later pages of top-level comments, each with the sort and offset it was fetched with.
    let more: RwSignal<Vec<(Sort, u32, IssoPage)>> = RwSignal::new(Vec::new());
    let load_more = Action::new_local({
        let (server, uri) = (server.clone(), uri.clone());
        move |(sort, offset): &(Sort, u32)| {
            let (server, uri, sort, offset) = (server.clone(), uri.clone(), *sort, *offset);
            async move {
                let page = fetch_thread(&server, &uri, sort, offset, timeout_ms).await?;
                more.update(|m| {
                    if !m.iter().any(|(s, o, _)| *s == sort && *o == offset) {
                        m.push((sort, offset, page));
                    }
                });
                Ok::<(), CommentError>(())
            }
        }
    });
    // Replies loaded on demand, per top-level comment.
    let more_replies: RwSignal<Vec<(u64, Vec<Comment>)>> = RwSignal::new(Vec::new());
    let replies_action = Action::new_local({
        let (server, uri) = (server.clone(), uri.clone());
        move |(parent, number, offset): &(u64, Option<String>, u32)| {
            let (server, uri) = (server.clone(), uri.clone());
            let (parent, number, offset) = (*parent, number.clone(), *offset);
            async move {
                let page = fetch_replies(&server, &uri, parent, offset, timeout_ms).await?;
                let got = build_replies(&page.replies, number.as_deref(), offset);
                more_replies.update(|m| match m.iter_mut().find(|(p, _)| *p == parent) {
                    Some((_, list)) => {
                        list.extend(got.into_iter().filter(|c| c.number.is_some()));
                    }
                    None => m.push((parent, got)),
                });
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
    let own_key = own_key(&uri);
    let stored: Vec<OwnComment> = platform::storage_get(&own_key)
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

    // Every comment shown, numbered, with replies merged in.
    let threads = Memo::new(move |_| {
        let s = sort.get();
        let Some(Ok(page)) = first.get() else {
            return None;
        };
        let mut list = build_page(&page, s, 0);
        let mut hidden = page.hidden_replies;
        let mut next_offset = page.replies.len() as u32;
        more.with(|m| {
            let mut pages: Vec<&(Sort, u32, IssoPage)> =
                m.iter().filter(|(ps, _, _)| *ps == s).collect();
            pages.sort_by_key(|(_, o, _)| *o);
            for (_, offset, p) in pages {
                if *offset != next_offset {
                    continue;
                }
                let ids: Vec<u64> = list.iter().map(|c| c.id).collect();
                list.extend(
                    build_page(p, s, *offset)
                        .into_iter()
                        .filter(|c| !ids.contains(&c.id)),
                );
                next_offset = offset.saturating_add(p.replies.len() as u32);
                hidden = p.hidden_replies;
            }
        });
        more_replies.with(|m| {
            for (parent, extra) in m {
                if let Some(top) = list.iter_mut().find(|c| c.id == *parent) {
                    let ids: Vec<u64> = top.replies.iter().map(|r| r.id).collect();
                    top.replies
                        .extend(extra.iter().filter(|r| !ids.contains(&r.id)).cloned());
                }
            }
        });
        Some(Thread {
            total: page.total_replies,
            comments: list,
            next_offset: (hidden > 0).then_some(next_offset),
        })
    });

    // Own comments not (yet) in the loaded thread.
    let own_shown = Memo::new(move |_| {
        let shown: Vec<u64> = threads.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.comments
                        .iter()
                        .flat_map(|c| std::iter::once(c.id).chain(c.replies.iter().map(|r| r.id)))
                        .collect()
                })
                .unwrap_or_default()
        });
        own.with(|o| live_pending(o, now_secs(), &shown))
    });

    // The outside world: keep in storage the comments still awaiting moderation or editable.
    Effect::new({
        let key = own_key.clone();
        move || {
            let shown: Vec<u64> = threads.with(|t| {
                t.as_ref()
                    .map(|t| {
                        t.comments
                            .iter()
                            .flat_map(|c| {
                                std::iter::once(c.id).chain(c.replies.iter().map(|r| r.id))
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            });
            let pending = own.with(|o| own_to_keep(o, now_secs(), &shown));
            if pending.is_empty() {
                platform::storage_remove(&key);
            } else if let Ok(json) = serde_json::to_string(&pending) {
                platform::storage_set(&key, &json);
            }
        }
    });

    let ctx = ThreadCtx {
        server: server.clone(),
        uri: uri.clone(),
        title: title.clone(),
        timeout_ms,
        replying: RwSignal::new(None),
        server_config,
        on_posted,
        load_replies: Callback::new(move |args: (u64, Option<String>, u32)| {
            if !replies_action.pending().get_untracked() {
                replies_action.dispatch(args);
            }
        }),
        replies_loading,
    };
    provide_context(ctx);
    provide_context(OwnComments(own_shown.into()));
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
                    let href = format!("{}?sort={}", uri, s.query());
                    let current = move || (sort.get() == s).then_some("true");
                    view! {
                        <li><A href=href scroll=false attr:aria-current=current attr:data-sort=s.query()>{label}</A></li>
                    }
                })
                .collect_view()
        }
    };

    let body = move || match (first.get(), threads.get()) {
        (None, _) => view! {
            <p class="comments-loading" aria-busy="true">{move || lang.get().t().loading}</p>
        }
        .into_any(),
        (Some(Err(e)), _) => {
            let kind = e.kind();
            view! {
                <div class="comments-error" role="alert" data-error=kind>
                    <p>
                        <strong>{move || lang.get().t().comments_load_failed}</strong> " "
                        {move || comment_error(lang.get(), &e)}
                    </p>
                    <button type="button" class="button" on:click=move |_| first.refetch()>
                        {move || lang.get().t().retry}
                    </button>
                </div>
            }
            .into_any()
        }
        (Some(Ok(_)), Some(t)) => {
            let Thread {
                total,
                comments,
                next_offset,
            } = t;
            let empty = comments.is_empty();
            view! {
                <p class="comments-count" data-total=total>
                    {move || comment_count_label(lang.get(), u64::from(total))}
                </p>
                {empty.then(|| view! { <p class="comments-empty">{move || lang.get().t().comments_none}</p> })}
                <CommentList comments/>
                {next_offset.map(|offset| view! {
                    <p class="comments-more">
                        <button
                            type="button"
                            class="button load-more"
                            disabled=move || load_more.pending().get()
                            on:click=move |_| {
                                if !load_more.pending().get_untracked() {
                                    load_more.dispatch((sort.get_untracked(), offset));
                                }
                            }
                        >
                            {move || lang.get().t().load_more_comments}
                        </button>
                    </p>
                })}
                {move || load_more.value().get().and_then(Result::err).map(|e| view! {
                    <p class="comments-error" role="alert" data-error=e.kind()>{comment_error(lang.get(), &e)}</p>
                })}
            }
            .into_any()
        }
        (Some(Ok(_)), None) => ().into_any(),
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
            {body}
            <div class="comment-form-top">
                <h3>{move || lang.get().t().leave_comment}</h3>
                <CommentForm parent=None/>
            </div>
        </section>
    }
    .into_any()
}

/// The loaded part of a thread, numbered.
#[derive(Clone, Debug, PartialEq)]
struct Thread {
    total: u32,
    comments: Vec<Comment>,
    next_offset: Option<u32>,
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
