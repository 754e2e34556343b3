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
    let own_key = own_key(&uri);
    // The first page, numbered. A memo: a refetch that brings the same page changes nothing.
    let head = Memo::new(move |_| {
        first.get().map(|f| {
            f.answer
                .map(|page| ThreadPage::ranked(&page, f.sort, 0, f.ranks.as_deref()))
        })
    });

    // Later pages of top-level comments, numbered on arrival, in any order and any sort; those
    // on their way; those the reader asked to see ("load more"); and the last one that failed.
    let more: RwSignal<Vec<ThreadPage>> = RwSignal::new(Vec::new());
    let inflight: RwSignal<Vec<(Sort, u32)>> = RwSignal::new(Vec::new());
    let asked: RwSignal<Vec<(Sort, u32)>> = RwSignal::new(Vec::new());
    let failed: RwSignal<Option<((Sort, u32), ApiError)>> = RwSignal::new(None);
    let load_more = Action::new_local({
        let (server, uri) = (server.clone(), uri.clone());
        move |(sort, offset): &(Sort, u32)| {
            let (server, uri, sort, offset) = (server.clone(), uri.clone(), *sort, *offset);
            // Later pages of a long thread under "top" are numbered as the first one was.
            let ranks = first.with_untracked(|f| f.as_ref().and_then(|f| f.ranks.clone()));
            async move {
                let page = Batch {
                    offset,
                    limit: MORE_LIMIT,
                };
                let answer = fetch_thread(&server, &uri, sort, page, timeout_ms).await;
                inflight.update(|f| f.retain(|k| *k != (sort, offset)));
                match answer {
                    Ok(page) => {
                        let page = ThreadPage::ranked(&page, sort, offset, ranks.as_deref());
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
            tail.with(|t| fetched.with(|f| more_pages(t.last().unwrap_or(h), f, MORE_LIMIT)))
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
