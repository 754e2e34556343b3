//! Related posts: for each post, up to [`MOST`] others that share its labels, chosen at build
//! time so that the browser only shows a list (issue 11).
//!
//! The order: more labels in common first; among equals, the post nearest in time (the coverage
//! around the same story); among those, the newer one. A post without labels, or whose labels
//! no other post has, gets none: the list is never padded with unrelated posts.
//!
//! Candidates are taken from each shared label's list around the post's place in it
//! ([`WINDOW`] posts either side), so a build of 100,000 posts under one label stays linear;
//! a post sharing two labels but further away than that in both lists is not considered.

use std::collections::HashMap;

/// The most related posts a post lists.
pub const MOST: usize = 5;

/// How many posts either side of a post, in each of its labels' lists, are candidates.
pub const WINDOW: usize = 50;

/// For every post (indices in the global order, newest first), its related posts, best first.
/// `labels[i]` are post `i`'s label slugs; `times[i]` its moment in seconds, in any unit that
/// orders and subtracts (the compiler passes the UTC instant).
pub fn choose(labels: &[Vec<String>], times: &[i64]) -> Vec<Vec<u32>> {
    assert_eq!(labels.len(), times.len(), "one time per post");
    // Each post's labels once (two spellings of one label slugify alike).
    let own: Vec<Vec<&str>> = labels
        .iter()
        .map(|ls| {
            let mut v: Vec<&str> = ls
                .iter()
                .map(String::as_str)
                .filter(|s| !s.is_empty())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    // Members of each label in the global order (ascending index).
    let mut members: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, ls) in own.iter().enumerate() {
        for l in ls {
            members.entry(l).or_default().push(i as u32);
        }
    }
    (0..own.len())
        .map(|i| {
            let mut candidates: Vec<u32> = Vec::new();
            for l in &own[i] {
                let list = &members[l];
                let at = list.binary_search(&(i as u32)).unwrap_or_else(|p| p);
                let from = at.saturating_sub(WINDOW);
                let to = (at + WINDOW + 1).min(list.len());
                candidates.extend(list[from..to].iter().filter(|&&c| c as usize != i));
            }
            candidates.sort_unstable();
            candidates.dedup();
            let shared = |c: u32| {
                own[c as usize]
                    .iter()
                    .filter(|l| own[i].binary_search(l).is_ok())
                    .count()
            };
            let mut scored: Vec<(usize, u64, u32)> = candidates
                .into_iter()
                .map(|c| (shared(c), times[i].abs_diff(times[c as usize]), c))
                .collect();
            scored.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            scored.into_iter().take(MOST).map(|(_, _, c)| c).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ls: &[&[&str]]) -> Vec<Vec<String>> {
        ls.iter()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    /// Posts a day apart, newest first, as the global order has them.
    fn daily(n: usize) -> Vec<i64> {
        (0..n).map(|i| 1_000_000 - 86_400 * i as i64).collect()
    }

    #[test]
    fn more_shared_labels_first_then_nearest_in_time() {
        let ls = labels(&[
            &["agua", "garita"], // 0
            &["agua"],           // 1: one label, nearest
            &["agua", "garita"], // 2: both labels
            &["otro"],           // 3: nothing in common
            &["garita"],         // 4: one label, further
        ]);
        let r = choose(&ls, &daily(5));
        assert_eq!(r[0], vec![2, 1, 4]);
        assert!(!r[0].contains(&3), "no label in common: not related");
    }

    #[test]
    fn never_the_post_itself_and_at_most_five() {
        let ls = labels(&[&["agua"][..]; 9]);
        let r = choose(&ls, &daily(9));
        for (i, related) in r.iter().enumerate() {
            assert!(!related.contains(&(i as u32)), "post {i} lists itself");
            assert_eq!(related.len(), MOST);
        }
        // Nearest in time on either side: post 4 gets 3 and 5 before 2 and 6.
        assert_eq!(r[4][..2], [3, 5]);
    }

    #[test]
    fn ties_in_distance_go_to_the_newer_post() {
        let ls = labels(&[&["a"], &["a"], &["a"]]);
        // Post 1 is exactly between 0 and 2: the newer (0) comes first.
        assert_eq!(choose(&ls, &[20, 10, 0])[1], vec![0, 2]);
        // Equal times everywhere: the global order decides, so builds are reproducible.
        assert_eq!(choose(&ls, &[5, 5, 5])[2], vec![0, 1]);
    }

    #[test]
    fn no_labels_or_no_company_means_no_related_posts() {
        let ls = labels(&[&[], &["solo"], &["a"], &["a"], &[""]]);
        let r = choose(&ls, &daily(5));
        assert!(r[0].is_empty(), "a post without labels");
        assert!(r[1].is_empty(), "a label no other post has");
        assert!(r[4].is_empty(), "an empty slug is no label");
        // Fewer than three candidates: the ones there are, not padded.
        assert_eq!(r[2], vec![3]);
        assert_eq!(r[3], vec![2]);
    }

    #[test]
    fn a_label_written_twice_counts_once() {
        let ls = labels(&[&["a", "a"], &["a", "b"], &["a"]]);
        let r = choose(&ls, &[30, 20, 10]);
        // Post 0 shares one label with each; 1 is nearer.
        assert_eq!(r[0], vec![1, 2]);
    }

    #[test]
    fn a_huge_label_stays_within_the_window() {
        let n = 10_000;
        let ls = labels(&vec![&["big"][..]; n]);
        let r = choose(&ls, &daily(n));
        assert_eq!(r[n / 2], vec![4999, 5001, 4998, 5002, 4997]);
    }
}
