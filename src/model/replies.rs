//! "Show more replies" and "Load more comments": how many are left and what the next click
//! fetches, derived in one place from Isso's own counts. The views only read the result: when
//! the thread view kept its own count of hidden replies it subtracted the inline ones twice, and
//! the sixth to tenth replies of a comment could not be reached (issue 16).
//!
//! What Isso 0.14 does with the paging parameters (`isso/views/comments.py`, `fetch`, and
//! `isso/db/comments.py`; checked against a running Isso by tests/e2e/replies.spec.ts):
//! - replies come oldest first under every sort (`ORDER BY CASE WHEN parent IS NOT NULL THEN
//!   created END, …`); only top-level comments follow `sort`;
//! - `nested_limit=n` inlines the first n replies of each top-level comment, and its
//!   `total_replies` counts all of them (published, and deleted but still referenced: the same
//!   ones the lists return);
//! - `parent=p&offset=o&limit=l` returns replies o+1 … o+l of p, so exactly `l` while that many
//!   are left, with `total_replies` (all of p's) and `hidden_replies` (those after the answer);
//! - `limit=0` returns nothing, and an `offset` without a `limit` is ignored: a request always
//!   sends both, with a limit of at least 1.

use std::collections::HashSet;

use super::comments::{build_replies, Comment, IssoPage, ThreadPage};

/// One "more" click: where Isso's list continues and how many to ask for. While the list does
/// not change on the server, Isso answers with exactly `limit` items, so `limit` is also the
/// number the button shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Batch {
    /// Items already shown: Isso's `offset`.
    pub offset: u32,
    /// Items asked for: Isso's `limit`, and the button's number. At least 1.
    pub limit: u32,
}

/// The next click on a list of `total` items whose first `shown` are on screen, `page` at a time;
/// `None` when none are left (then there is no button). A `page` of 0 counts as 1, so that every
/// click adds something.
pub fn next_batch(total: u32, shown: u32, page: u32) -> Option<Batch> {
    let left = total.saturating_sub(shown);
    (left > 0).then(|| Batch {
        offset: shown,
        limit: left.min(page.max(1)),
    })
}

/// The replies "Show more replies" loaded for one top-level comment.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedReplies {
    /// The top-level comment.
    pub parent: u64,
    /// Its replies as Isso's latest answer counts them (a reply posted meanwhile raises it).
    pub total: u32,
    /// Isso's offset of the first of `replies`.
    pub start: u32,
    /// Every reply fetched, numbered, in Isso's order from `start`, without gaps.
    pub replies: Vec<Comment>,
}

/// Files Isso's answer to `batch` (replies of `parent`, numbered after its `number`) in `store`.
/// An answer that does not continue what is loaded (a late one) is dropped.
pub fn add_replies(
    store: &mut Vec<LoadedReplies>,
    parent: u64,
    number: Option<&str>,
    batch: Batch,
    page: &IssoPage,
) {
    let got = build_replies(&page.replies, number, batch.offset);
    match store.iter_mut().find(|l| l.parent == parent) {
        Some(l) => {
            let end = l.start.saturating_add(l.replies.len() as u32);
            if batch.offset == end {
                l.total = page.total_replies;
                l.replies.extend(got);
            }
        }
        None => store.push(LoadedReplies {
            parent,
            total: page.total_replies,
            start: batch.offset,
            replies: got,
        }),
    }
}

/// What a top-level comment shows under the replies Isso inlined.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct MoreReplies {
    /// The loaded replies that follow the inline ones, each once.
    pub extra: Vec<Comment>,
    /// The next "Show more replies"; `None`: no button.
    pub next: Option<Batch>,
}

/// The replies of a comment past the `inline` ones (their ids, as Isso inlined them), from what
/// was `loaded`, and the next click, `page` at a time. `total` is the comment's own count; the
/// count of a later answer replaces it.
pub fn more_replies(
    total: u32,
    inline: &[u64],
    loaded: Option<&LoadedReplies>,
    page: u32,
) -> MoreReplies {
    let inline_len = inline.len() as u32;
    match loaded.filter(|l| l.start <= inline_len) {
        Some(l) => {
            // Replies the inline list already holds (by position, or by id when a reply approved
            // late shifted Isso's list) are shown once.
            let mut seen: HashSet<u64> = inline.iter().copied().collect();
            let extra = l
                .replies
                .iter()
                .skip((inline_len - l.start) as usize)
                .filter(|r| seen.insert(r.id))
                .cloned()
                .collect();
            let reached = l.start.saturating_add(l.replies.len() as u32);
            MoreReplies {
                extra,
                next: next_batch(l.total, reached.max(inline_len), page),
            }
        }
        None => MoreReplies {
            extra: Vec::new(),
            next: next_batch(total, inline_len, page),
        },
    }
}

/// "Load more comments" after `last`, the last page of top-level comments shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MorePages {
    /// The page it shows: its offset, and its size as asked of Isso.
    pub show: Batch,
    /// How many comments that adds (the button's number): the page's own count once it is
    /// here, without those an earlier page shows.
    pub adds: u32,
    /// The offset of the page after it, fetched ahead of the click after this one.
    pub ahead: Option<u32>,
}

/// The next "Load more comments" after `last`, from the pages `fetched` so far (as
/// [`chain_pages`](super::comments::chain_pages) continues them), `page` at a time; `None` when
/// Isso said nothing follows `last`.
pub fn more_pages(last: &ThreadPage, fetched: &[ThreadPage], page: u32) -> Option<MorePages> {
    let show = next_batch(last.top_total(), last.end(), page)?;
    let here = fetched
        .iter()
        .find(|p| p.sort == last.sort && p.offset == show.offset);
    Some(MorePages {
        show,
        adds: here.map_or(show.limit, |p| p.comments.len() as u32),
        ahead: match here {
            Some(p) => p.next_offset(),
            None => next_batch(
                last.top_total(),
                show.offset.saturating_add(show.limit),
                page,
            )
            .map(|b| b.offset),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::comments::{IssoComment, Sort};

    fn reply(id: u64) -> IssoComment {
        serde_json::from_value(serde_json::json!({"id": id, "parent": 1, "created": id as f64}))
            .unwrap()
    }

    /// Isso's answer to `parent=1&offset=o&limit=l` for a comment with replies `1..=total`.
    fn answer(total: u32, b: Batch) -> IssoPage {
        let end = total.min(b.offset + b.limit);
        IssoPage {
            total_replies: total,
            hidden_replies: total - end,
            replies: (b.offset..end).map(|i| reply(u64::from(i) + 1)).collect(),
        }
    }

    #[test]
    fn the_button_counts_what_the_next_click_adds() {
        assert_eq!(next_batch(5, 5, 20), None);
        assert_eq!(next_batch(3, 5, 20), None);
        assert_eq!(
            next_batch(6, 5, 20),
            Some(Batch {
                offset: 5,
                limit: 1
            })
        );
        assert_eq!(
            next_batch(30, 5, 20),
            Some(Batch {
                offset: 5,
                limit: 20
            })
        );
        assert_eq!(next_batch(2, 0, 0).map(|b| b.limit), Some(1));
    }

    #[test]
    fn six_to_ten_replies_are_all_reachable() {
        // Issue 16: with 6 to 10 replies there was no button at all, with 11 it said "(1)".
        for total in 0..=30u32 {
            let inline: Vec<u64> = (1..=u64::from(total.min(5))).collect();
            let mut store = Vec::new();
            let mut shown = inline.len() as u32;
            let mut clicks = 0;
            loop {
                let m = more_replies(total, &inline, store.first(), 20);
                assert_eq!(inline.len() + m.extra.len(), shown as usize);
                let Some(b) = m.next else { break };
                add_replies(&mut store, 1, Some("4"), b, &answer(total, b));
                shown += b.limit;
                clicks += 1;
            }
            assert_eq!(shown, total, "{total}");
            assert_eq!(clicks, total.saturating_sub(5).div_ceil(20), "{total}");
            let numbers: Vec<_> = store
                .iter()
                .flat_map(|l| &l.replies)
                .map(|r| r.number.clone().unwrap())
                .collect();
            let want: Vec<_> = (6..=total).map(|n| format!("4.{n}")).collect();
            assert_eq!(numbers, want);
        }
    }

    #[test]
    fn later_answers_and_shifted_lists() {
        let inline: Vec<u64> = (1..=5).collect();
        let mut store = Vec::new();
        let b = more_replies(8, &inline, None, 20).next.unwrap();
        // Two replies were posted since the thread was fetched: the answer counts them.
        add_replies(&mut store, 1, None, b, &answer(10, b));
        let m = more_replies(8, &inline, store.first(), 20);
        assert_eq!(m.extra.len(), 3);
        assert_eq!(
            m.next,
            Some(Batch {
                offset: 8,
                limit: 2
            })
        );
        // A late answer to an earlier offset is dropped.
        add_replies(&mut store, 1, None, b, &answer(10, b));
        assert_eq!(store[0].replies.len(), 3);
        // A reply approved late (created before the fourth) shifted Isso's list by one: the
        // answer at offset 8 repeats the eighth reply, which is shown once.
        let shifted = IssoPage {
            total_replies: 11,
            hidden_replies: 1,
            replies: vec![reply(8), reply(9)],
        };
        add_replies(&mut store, 1, None, m.next.unwrap(), &shifted);
        let m = more_replies(8, &inline, store.first(), 20);
        let ids: Vec<u64> = m.extra.iter().map(|r| r.id).collect();
        assert_eq!(ids, vec![6, 7, 8, 9]);
        assert_eq!(m.next.map(|b| (b.offset, b.limit)), Some((10, 1)));
        // Loaded replies that start past the inline ones (the thread was refetched with fewer)
        // are not shown after a gap.
        let m = more_replies(4, &inline[..2], store.first(), 20);
        assert!(m.extra.is_empty());
        assert_eq!(m.next.map(|b| (b.offset, b.limit)), Some((2, 2)));
    }

    #[test]
    fn load_more_counts_the_page_it_shows() {
        let page = |offset: u32, n: u32, hidden: u32| {
            let p = IssoPage {
                total_replies: 0,
                hidden_replies: hidden,
                replies: (offset..offset + n)
                    .map(|i| reply(u64::from(i) + 100))
                    .collect(),
            };
            ThreadPage::new(&p, Sort::Oldest, offset)
        };
        let head = page(0, 20, 45);
        let m = more_pages(&head, &[], 20).unwrap();
        assert_eq!((m.show.offset, m.show.limit, m.adds), (20, 20, 20));
        assert_eq!(m.ahead, Some(40));
        // Fetched ahead: the page's own count, and its own answer says what follows it.
        let second = page(20, 20, 25);
        let m = more_pages(&head, std::slice::from_ref(&second), 20).unwrap();
        assert_eq!((m.adds, m.ahead), (20, Some(40)));
        let m = more_pages(&second, &[], 20).unwrap();
        assert_eq!((m.show.offset, m.show.limit, m.ahead), (40, 20, Some(60)));
        let last = page(60, 5, 0);
        let m = more_pages(&page(40, 20, 5), &[], 20).unwrap();
        assert_eq!((m.show.limit, m.ahead), (5, None));
        assert_eq!(more_pages(&last, &[], 20), None);
    }
}
