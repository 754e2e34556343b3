//! The thread's pages: the first one, "load more", and the reader's own comments not listed yet.

use super::*;

/// The thread's first page as it arrived, with what numbers it.
#[derive(Clone)]
pub(super) struct FirstPage {
    /// The order it was fetched in: the numbers depend on it.
    pub sort: Sort,
    /// Isso's answer.
    pub answer: Result<IssoPage, ApiError>,
    /// The creation ranks of a long thread under "top" ([`Ranks`]), when they were needed and
    /// could be had.
    pub ranks: Option<Arc<Ranks>>,
}

/// The thread's first page in the order `sort` says, fetched again when the order changes, with
/// the ranks that number it when it is a long thread under "top".
pub(super) fn first_page(
    server: String,
    uri: String,
    sort: Memo<Sort>,
    timeout_ms: u32,
) -> LocalResource<FirstPage> {
    LocalResource::new(move || {
        let (server, uri, sort) = (server.clone(), uri.clone(), sort.get());
        let head = Batch {
            offset: 0,
            limit: PAGE_LIMIT,
        };
        async move {
            let answer = fetch_thread(&server, &uri, sort, head, timeout_ms).await;
            // A long thread under "top" is numbered from a list of all its comments. Without
            // that list (it failed) the thread is shown all the same, without numbers.
            let ranks = match &answer {
                Ok(page) if Ranks::needed(sort, page) => fetch_ranks(&server, &uri, timeout_ms)
                    .await
                    .ok()
                    .map(Arc::new),
                _ => None,
            };
            FirstPage {
                sort,
                answer,
                ranks,
            }
        }
    })
}

/// The thread: its pages, "load more" and the reader's own comments not listed yet. Rendered
/// inside the section's own `Transition`, so that the first page is read under it.
#[component]
pub(super) fn Thread(
    /// Isso's URL, without a trailing slash.
    server: String,
    /// The thread: the post's app path.
    uri: String,
    /// Request timeout.
    timeout_ms: u32,
    /// The first page, with the order it was fetched in and what numbers it.
    first: LocalResource<FirstPage>,
    /// The reader's own comments (pending or editable).
    own: RwSignal<Vec<OwnComment>>,
    /// Replies loaded on demand, per top-level comment.
    more_replies: RwSignal<Vec<LoadedReplies>>,
) -> impl IntoView {
    let lang = use_lang();
    // The first page, numbered. A memo: a refetch that brings the same page changes nothing.
    let head = Memo::new(move |_| {
        first.get().map(|f| {
            f.answer
                .map(|page| ThreadPage::ranked(&page, f.sort, 0, f.ranks.as_deref()))
        })
    });
    let paging = Paging::new(server, uri.clone(), timeout_ms, first, head);
    let Paging {
        tail,
        next,
        has_more,
        waiting,
        ..
    } = paging;
    // Every comment id shown.
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
    let own_shown = own_unlisted(own, &uri, shown_ids);

    // "Load more" goes once the last page is shown, and with it the focus of a reader who
    // pressed it: the focus goes to the first comment it brought.
    Effect::new(move |shown_before: Option<usize>| {
        let shown = tail.with(Vec::len);
        if shown_before.is_some_and(|n| shown > n) && !has_more.get() {
            if let Some(id) = tail.with(|t| t.last()?.comments.first().map(|c| c.id)) {
                // The first link or button of the comment that begins what was asked for.
                platform::refocus_if_lost(format!("#comment-{id} a[href], #comment-{id} button"));
            }
        }
        shown
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
                        let node = NodeRef::<leptos::html::P>::new();
                        platform::once_near_viewport(node, move || paging.prefetch());
                        view! {
                            <p class="comments-more" node_ref=node>
                                <button
                                    type="button"
                                    class="button load-more"
                                    disabled=move || waiting.get()
                                    on:click=move |_| paging.ask_more()
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
                    // "Start the conversation" is not said over the reader's own comment.
                    {move || (empty && own_shown.with(Vec::is_empty)).then(|| view! {
                        <p class="comments-empty">{l.t().comments_none}</p>
                    })}
                    <CommentList comments=h.comments.to_vec() pages=tail/>
                    {more_button}
                    {move || paging.error().map(|e| view! {
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
