//! The comment section under a post, backed by an Isso server (docs/comments-server.md).
//!
//! The first page of the thread is a `LocalResource` keyed by the URL's `?sort=`, read under the
//! section's own `Transition` so that it never holds back the post; "load more" and posting are
//! actions. Each page is numbered once, when it arrives, and rendered once: "load more" appends
//! the new page under the others and never rebuilds them (a 1,000-comment thread used to be
//! rebuilt 40 times, once per page), and fetches the page after it meanwhile, so that the next
//! one shows at once. The reader's own comments awaiting moderation live in localStorage (the
//! outside world, hence the one effect) and are shown until Isso lists them or a day passes.

mod comment;
pub mod form;
mod form_parts;
mod own;
mod pages;
mod paging;
mod section;
pub mod thread;

use crate::components::link::route_query;
use crate::platform::link_to;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::computed::Selector;

use crate::api::comments::{
    delete_comment, edit_comment, fetch_own_plain, fetch_ranks, fetch_replies, fetch_server_config,
    fetch_thread, Posted,
};
use crate::api::{ApiError, Refusal};
use crate::i18n::{
    comment_count_label, comment_error, format_datetime, format_number, format_relative, now_secs,
    use_lang,
};
use crate::model::comments::{
    chain_pages, draft_key, live_pending, open_reply_key, own_key, own_to_keep, reply_to_reopen,
    Comment, IssoConfig, IssoPage, OwnComment, Ranks, Sort, ThreadPage, MORE_LIMIT, PAGE_LIMIT,
};
use crate::model::config::Config;
use crate::model::post::safe_http_url;
use crate::model::replies::{add_replies, more_pages, Batch, LoadedReplies};
use crate::platform;

use form::CommentForm;
use own::{own_actions, own_comments, own_unlisted};
use pages::{first_page, FirstPage, Thread};
use paging::Paging;
use section::{replies_loader, RepliesLoader, SectionHeading, SortNav};
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
    /// Whose replies could not be loaded, and why.
    pub replies_failed: Signal<Option<(u64, ApiError)>>,
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
    let policy = cfg.comments.policy_url.clone();

    // The order, from the route's own copy of the URL (not the router's app-long one).
    let sort = route_query(|q| Sort::from_query(q.get("sort").as_deref()));

    let first = first_page(server.clone(), uri.clone(), sort, timeout_ms);
    // The thread drawn again (after "Try again", a deletion, a comment published at once) may
    // have taken away the control that had the focus: it goes to the section's heading, not to
    // the page. Not when the thread first arrives: the page has just loaded, nothing had the
    // focus, and focusing the heading would scroll a short post down to its comments. The state
    // is whether the server had answered before (with the thread or an error).
    Effect::new(move |answered_before: Option<bool>| {
        let answer = first.with(|f| f.as_ref().map(|f| f.answer.is_ok()));
        let answered_before = answered_before.unwrap_or(false);
        if answered_before && answer == Some(true) {
            platform::refocus_if_lost("#comments-title".to_string());
        }
        answered_before || answer.is_some()
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

    let RepliesLoader {
        list: more_replies,
        load: load_replies,
        loading: replies_loading,
        failed: replies_failed,
    } = replies_loader(server.clone(), uri.clone(), timeout_ms);

    // The reader's own comments: pending ones from storage, and ones published in this visit.
    let (own, now) = own_comments(&uri);
    // Relative times only need the minute: this memo notifies once a minute, not every second.
    let clock = Memo::new(move |_| (now.get() / 60.0) as u64);

    let on_posted = Callback::new(move |p: Posted| {
        own.update(|o| o.push(own::own_of(&p, now_secs())));
        if p.published {
            first.refetch();
        }
    });

    let own_ctx = own_actions(&server, timeout_ms, own, now, first);

    let replying: RwSignal<Option<(u64, u64)>> = RwSignal::new(None);
    // A reply form left open with text in it (the reader reloaded, or came back later) opens
    // again under its comment once the first page shows that comment; its text is its draft.
    // One the reader cancelled does not: storage remembers which form is open, not every draft.
    let open_key = open_reply_key(&uri);
    let was_open: Option<u64> = platform::storage_get(&open_key)
        .and_then(|s| s.parse().ok())
        .filter(|&id| platform::storage_get(&draft_key(&uri, Some(id))).is_some());
    if let Some(id) = was_open {
        Effect::new(move |done: Option<bool>| {
            done == Some(true)
                || first.with(|f| {
                    let Some(Ok(page)) = f.as_ref().map(|f| &f.answer) else {
                        return false;
                    };
                    if replying.get_untracked().is_none() {
                        replying.set(reply_to_reopen(&page.replies, id));
                    }
                    true
                })
        });
    }
    // Storage is the outside world: which reply form is open, written as it changes (not on the
    // first run, which would forget the form to reopen before the thread has arrived).
    Effect::new(move |seen: Option<()>| {
        let open = replying.get();
        if seen.is_some() {
            match open {
                Some((_, id)) => platform::storage_set(&open_key, &id.to_string()),
                None => platform::storage_remove(&open_key),
            }
        }
    });
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
        load_replies,
        replies_loading,
        replies_failed,
        more_replies: more_replies.into(),
        clock: clock.into(),
    };
    provide_context(ctx);
    provide_context(own_ctx);

    // The thread has its own Transition: the post page renders inside one that waits for every
    // resource read under it, and the thread (a request to another server) must not hold back the
    // article above it. Only the thread waits; the form is there at once.
    let loading = move || {
        view! { <p class="comments-loading" aria-busy="true">{move || lang.get().t().loading}</p> }
    };
    view! {
        <section id="comments" class="comments" aria-labelledby="comments-title">
            <SectionHeading policy/>
            <SortNav uri=uri.clone() sort/>
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
    pub error: Signal<Option<(u64, ApiError)>>,
    /// Whether an edit or delete is on its way.
    pub busy: Signal<bool>,
    /// Opens the editor for a comment (reads its text from Isso).
    pub start_edit: Callback<u64>,
    /// Saves the edited text.
    pub save_edit: Callback<(u64, String)>,
    /// Deletes a comment.
    pub delete: Callback<u64>,
}

crate::split_fn!(
    comments,
    preload_comments,
    split_comments_section,
    /// The comment section, in release builds from a wasm module of its own
    /// (`components::lazy`): pages load without it, a post fetches it when it first shows its
    /// comments.
    pub fn comments_section(uri: String, title: String) -> AnyView {
        view! { <CommentsSection uri title/> }.into_any()
    }
);
