use crate::*;

// ---------------------------------------------------------------------------------------------
// "Show more replies" and "Load more comments" against a simulated Isso

/// Reply `i` (from 0) of top-level comment 1, created in that order.
pub(crate) fn nth_reply(i: u32) -> IssoComment {
    let mut r = isso_stub();
    r.id = 1000 + u64::from(i);
    r.parent = Some(1);
    r.created = f64::from(i);
    r
}

/// What Isso 0.14 answers for a list of `all` items (oldest first) asked with `offset` and
/// `limit` (isso/views/comments.py `fetch`, isso/db/comments.py `fetch`): nothing for `limit=0`,
/// SQL `LIMIT offset,limit`, and `hidden_replies` = count - returned - offset.
pub(crate) fn isso_answer(all: &[IssoComment], offset: u32, limit: u32) -> IssoPage {
    let from = (offset as usize).min(all.len());
    let to = (from + limit as usize).min(all.len());
    IssoPage {
        total_replies: all.len() as u32,
        hidden_replies: all.len() as u32 - to as u32,
        replies: all[from..to].to_vec(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Clicking "Show more replies" until it goes reveals every reply once, in order, numbered
    /// after the inline ones; the button's number is what the click adds; replies posted
    /// between clicks are reached too.
    #[test]
    fn more_replies_reveal_every_reply_once_in_order(
        total in prop_oneof![3 => 0u32..30, 1 => 0u32..200],
        page in prop_oneof![3 => 1u32..25, 1 => Just(0u32)],
        nested in 0u32..12,
        posted in prop::collection::vec(prop_oneof![3 => Just(0u32), 1 => 1u32..4], 0..12),
        number in opt("[1-9][0-9]{0,2}".boxed()),
    ) {
        let mut all: Vec<IssoComment> = (0..total).map(nth_reply).collect();
        // The thread page: `nested_limit` replies inlined, all of them counted.
        let inline_isso = isso_answer(&all, 0, nested).replies;
        let inline = build_replies(&inline_isso, number.as_deref(), 0);
        let inline_ids: Vec<u64> = inline.iter().map(|r| r.id).collect();
        let mut store: Vec<LoadedReplies> = Vec::new();
        let mut clicks = 0usize;
        loop {
            let before = more_replies(total, &inline_ids, store.first(), page);
            let shown: Vec<&Comment> = inline.iter().chain(&before.extra).collect();
            let ids: Vec<u64> = shown.iter().map(|r| r.id).collect();
            let want: Vec<u64> = all.iter().take(ids.len()).map(|r| r.id).collect();
            prop_assert_eq!(&ids, &want, "shown in Isso's order, each once");
            for (i, r) in shown.iter().enumerate() {
                let want = number.as_ref().map(|p| format!("{p}.{}", i + 1));
                prop_assert_eq!(&r.number, &want);
            }
            let Some(next) = before.next else {
                prop_assert_eq!(ids.len(), all.len(), "no button while replies are left");
                break;
            };
            prop_assert!(next.limit >= 1 && next.limit <= page.max(1));
            prop_assert_eq!(next.offset as usize, ids.len());
            // Other readers' replies, published before this click.
            for _ in 0..posted.get(clicks).copied().unwrap_or(0) {
                all.push(nth_reply(all.len() as u32));
            }
            let answer = isso_answer(&all, next.offset, next.limit);
            add_replies(&mut store, 1, number.as_deref(), next, &answer);
            let after = more_replies(total, &inline_ids, store.first(), page);
            prop_assert_eq!(
                after.extra.len(),
                before.extra.len() + next.limit as usize,
                "the button said {}", next.limit
            );
            clicks += 1;
            prop_assert!(clicks <= all.len(), "every click adds something");
        }
        // Without new replies: one click per page of what the inline ones left.
        if posted.iter().all(|n| *n == 0) {
            let left = total.saturating_sub(nested.min(total));
            prop_assert_eq!(clicks as u32, left.div_ceil(page.max(1)));
        }
    }

    /// The next batch never overlaps what is shown and never asks past the end.
    #[test]
    fn next_batch_stays_inside_the_list(total in any::<u32>(), shown in any::<u32>(), page in any::<u32>()) {
        match next_batch(total, shown, page) {
            Some(b) => {
                prop_assert_eq!(b.offset, shown);
                prop_assert!(b.limit >= 1 && b.limit <= page.max(1));
                prop_assert!(u64::from(b.offset) + u64::from(b.limit) <= u64::from(total));
            }
            None => prop_assert!(shown >= total),
        }
    }

    /// Clicking "Load more comments" until it goes shows every top-level comment once, in order,
    /// and its number is what the click adds (with the page after it fetched ahead, or not).
    #[test]
    fn load_more_shows_every_comment_once_in_order(
        total in prop_oneof![3 => 0u32..70, 1 => 0u32..400],
        page in 1u32..25,
        ahead in any::<bool>(),
    ) {
        let all: Vec<IssoComment> = (0..total)
            .map(|i| {
                let mut c = nth_reply(i);
                c.parent = None;
                c
            })
            .collect();
        let fetch = |offset: u32| ThreadPage::new(&isso_answer(&all, offset, page), Sort::Oldest, offset);
        let head = fetch(0);
        let mut fetched: Vec<ThreadPage> = Vec::new();
        let mut shown = 0usize;
        let ids = |pages: &[ThreadPage]| -> Vec<u64> {
            pages.iter().flat_map(|p| p.comments.iter().map(|c| c.id)).collect()
        };
        loop {
            let chained = chain_pages(&head, &fetched);
            let on_screen: Vec<ThreadPage> = std::iter::once(head.clone())
                .chain(chained.iter().take(shown).cloned())
                .collect();
            let last = on_screen.last().unwrap();
            let Some(next) = more_pages(last, &chained, page) else {
                prop_assert_eq!(ids(&on_screen), all.iter().map(|c| c.id).collect::<Vec<_>>());
                break;
            };
            if !chained.iter().any(|p| p.offset == next.show.offset) {
                fetched.push(fetch(next.show.offset));
            }
            if let (true, Some(a)) = (ahead, next.ahead) {
                if !fetched.iter().any(|p| p.offset == a) {
                    fetched.push(fetch(a));
                }
            }
            shown += 1;
            let chained = chain_pages(&head, &fetched);
            prop_assert_eq!(chained.get(shown - 1).map(|p| p.offset), Some(next.show.offset));
            let added = chained[shown - 1].comments.len();
            prop_assert_eq!(added as u32, next.adds);
            prop_assert!(shown <= all.len(), "every click adds something");
        }
    }
}
