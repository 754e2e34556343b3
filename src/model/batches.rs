//! A long list shown a batch at a time (issue 14, item 4). A plain JSON Feed can hold thousands
//! of items in one document; building every article before the first one appears took 6–16 s on
//! a phone. The first screenful is built at once, the rest as the reader scrolls or asks.
//!
//! Lists of the content compiler's pages are never split: they hold at most [`EAGER_MAX`] posts
//! (`page_size` is capped at `frontera_wire::layout::MAX_PAGE_SIZE`), so the prerendered page, what readers without JavaScript see,
//! and the hydrated page show the same posts.

use std::ops::Range;

/// A list of at most this many items is shown whole.
pub const EAGER_MAX: usize = frontera_wire::layout::MAX_PAGE_SIZE as usize;
/// How many items of a longer list the first render shows (more than a phone's screenful).
pub const FIRST: usize = 20;
/// How many more each reveal adds.
pub const STEP: usize = 40;

/// The index ranges of the batches a list of `total` items is shown in: all of it when it is
/// short, else [`FIRST`] and then [`STEP`] at a time. Together they cover `0..total` once, in
/// order.
pub fn batches(total: usize) -> Vec<Range<usize>> {
    if total <= EAGER_MAX {
        return std::iter::once(0..total).collect();
    }
    chunks(total, FIRST, STEP)
}

/// `0..total` cut into runs of `first` items, then `step` at a time (a size of 0 counts as 1).
/// Together they cover `0..total` once, in order; the first run is there even when empty.
pub fn chunks(total: usize, first: usize, step: usize) -> Vec<Range<usize>> {
    let first = first.max(1).min(total);
    let mut out: Vec<Range<usize>> = std::iter::once(0..first).collect();
    let mut start = first;
    while start < total {
        let end = start.saturating_add(step.max(1)).min(total);
        out.push(start..end);
        start = end;
    }
    out
}

/// How many items the batch after the first `shown` batches adds (0 when none is left): the
/// number on the "show more" button.
pub fn next_count(batches: &[Range<usize>], shown: usize) -> usize {
    batches.get(shown).map_or(0, |r| r.len())
}

/// One day's run of items within a batch, and whether it continues the previous batch's last day
/// (then the view leaves out the day header, which is already on screen).
#[derive(Clone, Debug, PartialEq)]
pub struct DayRun<D, T> {
    pub day: Option<D>,
    pub continued: bool,
    pub items: Vec<T>,
}

/// Groups one batch by day, as `dates::group_by_day` does for a whole list; `before` is the day
/// of the item just before the batch, if any.
pub fn day_runs<D: PartialEq, T>(
    items: Vec<T>,
    day_of: impl Fn(&T) -> Option<D>,
    before: Option<D>,
) -> Vec<DayRun<D, T>> {
    let mut runs: Vec<DayRun<D, T>> = Vec::new();
    for item in items {
        let day = day_of(&item);
        match runs.last_mut() {
            Some(run) if run.day == day && day.is_some() => run.items.push(item),
            Some(_) => runs.push(DayRun {
                day,
                continued: false,
                items: vec![item],
            }),
            None => {
                let continued = day.is_some() && before == day;
                runs.push(DayRun {
                    day,
                    continued,
                    items: vec![item],
                })
            }
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_are_one_batch() {
        for total in [0, 7, EAGER_MAX] {
            assert_eq!(batches(total).as_slice(), std::slice::from_ref(&(0..total)));
        }
    }

    #[test]
    fn long_lists_start_small_then_step() {
        assert_eq!(batches(51), vec![0..20, 20..51]);
        assert_eq!(batches(101), vec![0..20, 20..60, 60..100, 100..101]);
        let b = batches(10_000);
        assert_eq!(b.len(), 1 + (10_000 - FIRST).div_ceil(STEP));
        assert_eq!(next_count(&b, 1), STEP);
        assert_eq!(next_count(&b, b.len()), 0);
    }

    #[test]
    fn batches_cover_every_item_once_in_order() {
        for total in 0..400 {
            let flat: Vec<usize> = batches(total).into_iter().flatten().collect();
            assert_eq!(flat, (0..total).collect::<Vec<_>>(), "total {total}");
        }
    }

    #[test]
    fn chunks_cover_every_item_once_in_order() {
        assert_eq!(chunks(0, 5, 25), vec![0..0]);
        assert_eq!(chunks(3, 5, 25), vec![0..3]);
        assert_eq!(chunks(20, 5, 25), vec![0..5, 5..20]);
        assert_eq!(chunks(200, 25, 25).len(), 8);
        assert_eq!(chunks(4, 0, 0), vec![0..1, 1..2, 2..3, 3..4]);
        for total in 0..300 {
            for (first, step) in [(1, 1), (5, 25), (25, 25), (7, 3)] {
                let runs = chunks(total, first, step);
                assert!(runs
                    .iter()
                    .skip(1)
                    .all(|r| !r.is_empty() && r.len() <= step));
                let flat: Vec<usize> = runs.into_iter().flatten().collect();
                assert_eq!(
                    flat,
                    (0..total).collect::<Vec<_>>(),
                    "{total} {first} {step}"
                );
            }
        }
    }

    #[test]
    fn a_day_split_across_batches_keeps_one_header() {
        let day = |x: &(u8, char)| Some(x.0);
        let runs = day_runs(vec![(1, 'a'), (1, 'b'), (2, 'c')], day, Some(1));
        assert_eq!(runs.len(), 2);
        assert!(runs[0].continued);
        assert_eq!(runs[0].items, vec![(1, 'a'), (1, 'b')]);
        assert!(!runs[1].continued);
        let fresh = day_runs(vec![(3, 'd')], day, Some(2));
        assert!(!fresh[0].continued);
    }

    #[test]
    fn undated_items_never_continue_a_run() {
        let runs = day_runs(vec![None, None], |x: &Option<u8>| *x, None);
        assert_eq!(runs.len(), 2);
        assert!(runs.iter().all(|r| !r.continued));
    }
}
