//! "Load more": the thread's later pages of top-level comments, fetched one page ahead of the
//! reader and shown in order under the first page.

use super::*;
use crate::model::replies::MorePages;

/// A page of the thread by the order it was fetched in and its offset.
type PageKey = (Sort, u32);

/// The state of "load more" under one first page. Signals only: `Copy`, read by the views.
#[derive(Clone, Copy)]
pub(super) struct Paging {
    /// The pages shown under the first one, in order. It changes only when a page is added (or
    /// left out), which is what the list compares to append one.
    pub tail: Memo<Vec<ThreadPage>>,
    /// What "load more" does next, after the last page shown (the model derives it).
    pub next: Memo<Option<MorePages>>,
    /// Whether there is a next page.
    pub has_more: Memo<bool>,
    /// The reader asked for the next page and it is on its way (not arrived, not failed).
    pub waiting: Memo<bool>,
    head_sort: Memo<Option<Sort>>,
    asked: RwSignal<Vec<PageKey>>,
    failed: RwSignal<Option<(PageKey, ApiError)>>,
    inflight: RwSignal<Vec<PageKey>>,
    more: RwSignal<Vec<ThreadPage>>,
    load: Action<PageKey, ()>,
}

impl Paging {
    /// Paging under `head`, the first page numbered (`None` while it loads). Later pages of a
    /// long thread under "top" are numbered by the ranks that `first` brought.
    pub fn new(
        server: String,
        uri: String,
        timeout_ms: u32,
        first: LocalResource<FirstPage>,
        head: Memo<Option<Result<ThreadPage, ApiError>>>,
    ) -> Self {
        // Later pages, numbered on arrival, in any order and any sort; those on their way; those
        // the reader asked to see; and the last one that failed.
        let more: RwSignal<Vec<ThreadPage>> = RwSignal::new(Vec::new());
        let inflight: RwSignal<Vec<PageKey>> = RwSignal::new(Vec::new());
        let asked: RwSignal<Vec<PageKey>> = RwSignal::new(Vec::new());
        let failed: RwSignal<Option<(PageKey, ApiError)>> = RwSignal::new(None);
        let load = Action::new_local(move |&(sort, offset): &PageKey| {
            let (server, uri) = (server.clone(), uri.clone());
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
        });
        // Every page fetched that continues the first one, in order.
        let fetched = Memo::new(move |_| {
            head.with(|h| match h {
                Some(Ok(h)) => more.with(|m| chain_pages(h, m)),
                _ => Vec::new(),
            })
        });
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
        let head_sort =
            Memo::new(move |_| head.with(|h| h.as_ref()?.as_ref().ok().map(|h| h.sort)));
        let next = Memo::new(move |_| {
            head.with(|h| {
                let h = h.as_ref()?.as_ref().ok()?;
                tail.with(|t| fetched.with(|f| more_pages(t.last().unwrap_or(h), f, MORE_LIMIT)))
            })
        });
        let waiting = Memo::new(move |_| {
            let (Some(sort), Some(next)) = (head_sort.get(), next.get()) else {
                return false;
            };
            let page = (sort, next.show.offset);
            asked.with(|a| a.contains(&page))
                && failed.with(|f| f.as_ref().is_none_or(|(p, _)| *p != page))
        });
        Paging {
            tail,
            next,
            has_more: Memo::new(move |_| next.with(Option::is_some)),
            waiting,
            head_sort,
            asked,
            failed,
            inflight,
            more,
            load,
        }
    }

    /// Fetches a page unless it is here or on its way.
    fn fetch(self, sort: Sort, offset: u32) {
        let known = self
            .more
            .with_untracked(|m| m.iter().any(|p| p.sort == sort && p.offset == offset))
            || self
                .inflight
                .with_untracked(|f| f.contains(&(sort, offset)));
        if !known {
            self.inflight.update(|f| f.push((sort, offset)));
            self.load.dispatch((sort, offset));
        }
    }

    /// "Load more": shows the next page, and fetches the one after it too, so that the next
    /// "load more" shows at once (the reader reads on meanwhile; one page ahead, never more).
    pub fn ask_more(self) {
        let (Some(sort), Some(next)) = (self.head_sort.get_untracked(), self.next.get_untracked())
        else {
            return;
        };
        self.failed.set(None);
        let page = (sort, next.show.offset);
        self.asked.update(|a| {
            if !a.contains(&page) {
                a.push(page);
            }
        });
        self.fetch(sort, next.show.offset);
        if let Some(ahead) = next.ahead {
            self.fetch(sort, ahead);
        }
    }

    /// Fetches the page "load more" would show next, without showing it: a reader who scrolls
    /// near the button is about to press it, and on a slow phone its round trip is then over.
    pub fn prefetch(self) {
        if let (Some(sort), Some(next)) =
            (self.head_sort.get_untracked(), self.next.get_untracked())
        {
            self.fetch(sort, next.show.offset);
        }
    }

    /// The failure of a page the reader asked for (a failure is the reader's business only then).
    pub fn error(self) -> Option<ApiError> {
        let (page, e) = self.failed.get()?;
        self.asked.with(|a| a.contains(&page)).then_some(e)
    }
}
