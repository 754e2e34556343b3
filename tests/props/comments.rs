use crate::*;

pub(crate) fn check_comment(c: &Comment, from: &IssoComment) -> Result<(), TestCaseError> {
    prop_assert_eq!(c.id, from.id);
    prop_assert_eq!(c.parent, from.parent);
    if let Some(a) = &c.author {
        prop_assert!(!a.is_empty() && a.trim() == a, "{a:?}");
    }
    if let Some(w) = &c.website {
        prop_assert!(is_http(w), "{w:?}");
    }
    Ok(())
}

/// What a built page promises: the page's comments in order, every shown number unique, and
/// replies numbered `<parent>.<n>` under a numbered parent.
pub(crate) fn check_built(
    built: &[Comment],
    page: &IssoPage,
    sort: Sort,
    offset: u32,
) -> Result<(), TestCaseError> {
    // Comments that cannot be shown (no id) are left out; the others keep their places' numbers.
    let shown = |list: &[IssoComment]| -> Vec<(usize, IssoComment)> {
        list.iter()
            .cloned()
            .enumerate()
            .filter(|(_, c)| usable_comment(c))
            .collect()
    };
    let tops = shown(&page.replies);
    prop_assert_eq!(built.len(), tops.len());
    let mut seen = HashSet::new();
    for (c, (i, from)) in built.iter().zip(&tops) {
        check_comment(c, from)?;
        if let Some(n) = &c.number {
            let n: u32 = n
                .parse()
                .map_err(|_| TestCaseError::fail(format!("{n:?}")))?;
            prop_assert!(n >= 1);
            prop_assert!(seen.insert(n.to_string()), "duplicate number {n}");
        }
        if sort == Sort::Oldest {
            let want = offset
                .checked_add(*i as u32)
                .and_then(|n| n.checked_add(1))
                .map(|n| n.to_string());
            prop_assert_eq!(&c.number, &want);
        }
        let replies = shown(&from.replies);
        prop_assert_eq!(c.replies.len(), replies.len());
        for (r, (j, rfrom)) in c.replies.iter().zip(&replies) {
            check_comment(r, rfrom)?;
            let want = c.number.as_ref().map(|p| format!("{p}.{}", j + 1));
            prop_assert_eq!(&r.number, &want);
            if let Some(n) = &r.number {
                prop_assert!(seen.insert(n.clone()), "duplicate number {n}");
            }
            prop_assert!(r.replies.is_empty(), "one level of replies is shown");
        }
    }
    // A whole thread on one page is numbered 1..=n whatever the sort (with gaps where a comment
    // was left out, except under "top", which ranks the comments shown).
    if offset == 0 && page.hidden_replies == 0 {
        let mut numbers: Vec<u32> = built
            .iter()
            .filter_map(|c| c.number.as_ref()?.parse().ok())
            .collect();
        numbers.sort_unstable();
        let n = page.replies.len() as u32;
        prop_assert_eq!(numbers.len(), built.len(), "{:?}", sort);
        prop_assert!(numbers.iter().all(|k| (1..=n).contains(k)), "{:?}", sort);
        if built.len() == page.replies.len() || sort == Sort::Top {
            let all = (1..=built.len() as u32).collect::<Vec<_>>();
            prop_assert_eq!(numbers, all, "{:?}", sort);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn thread_pages_number_uniquely(page in isso_page(), sort in sort(), offset in offset()) {
        let built = build_page(&page, sort, offset);
        check_built(&built, &page, sort, offset)?;
    }

    /// Replies loaded later continue their parent's numbering from the offset.
    #[test]
    fn loaded_replies_continue_numbering(
        replies in prop::collection::vec(isso_leaf(), 0..8),
        parent in opt("[1-9][0-9]{0,3}".boxed()),
        offset in offset(),
    ) {
        let built = build_replies(&replies, parent.as_deref(), offset);
        let shown: Vec<(usize, &IssoComment)> =
            replies.iter().enumerate().filter(|(_, r)| usable_comment(r)).collect();
        prop_assert_eq!(built.len(), shown.len());
        let mut seen = HashSet::new();
        for (r, &(i, from)) in built.iter().zip(&shown) {
            check_comment(r, from)?;
            let want = parent.as_ref().and_then(|p| {
                let n = offset.checked_add(i as u32)?.checked_add(1)?;
                Some(format!("{p}.{n}"))
            });
            prop_assert_eq!(&r.number, &want);
            if let Some(n) = &r.number {
                prop_assert!(seen.insert(n.clone()));
            }
        }
    }

    /// Any JSON, keys biased towards Isso's: read as a page or rejected, and built either way.
    #[test]
    fn any_isso_json_builds(v in json_tree(), sort in sort(), offset in offset()) {
        let body = v.to_string();
        if let Ok(page) = serde_json::from_str::<IssoPage>(&body) {
            check_built(&build_page(&page, sort, offset), &page, sort, offset)?;
        }
        let _ = serde_json::from_str::<IssoComment>(&body);
        let _ = serde_json::from_str::<OwnComment>(&body);
    }

    /// Numbers from creation order are a ranking: 1..=n, earlier first.
    #[test]
    fn creation_numbers_rank(items in prop::collection::vec((comment_id(), created()), 0..12)) {
        let ranked = number_by_creation(&items);
        let mut ranks: Vec<u32> = ranked.iter().map(|(_, n)| *n).collect();
        ranks.sort_unstable();
        prop_assert_eq!(ranks, (1..=items.len() as u32).collect::<Vec<_>>());
        let unique = |id: u64| items.iter().filter(|(i, _)| *i == id).count() == 1;
        for w in ranked.windows(2) {
            if unique(w[0].0) && unique(w[1].0) {
                let a = items.iter().find(|(id, _)| *id == w[0].0).unwrap();
                let b = items.iter().find(|(id, _)| *id == w[1].0).unwrap();
                prop_assert!(a.1.total_cmp(&b.1).is_le(), "{a:?} ranked before {b:?}");
            }
        }
    }

    #[test]
    fn top_level_numbers_never_panic(
        sort in sort(), offset in any::<u32>(), index in any::<u32>(), total in any::<u32>(),
        hidden in any::<u32>(), shown in 0usize..3,
    ) {
        if let Some(n) = top_level_number(sort, offset, index, total) {
            prop_assert!(n >= 1);
        }
        let page = IssoPage {
            total_replies: total,
            hidden_replies: hidden,
            replies: vec![isso_stub(); shown],
        };
        let t = top_level_total(&page, offset);
        prop_assert!(t >= offset && t >= hidden);
    }

    #[test]
    fn comment_helpers_never_panic(
        now in any::<f64>(), then in any::<f64>(), header in any::<String>(),
        status in any::<u16>(), body in text(), secs in any::<u64>(), q in opt(text()),
        uri in path_text(), parent in opt(any::<u64>().boxed()),
    ) {
        let (n, _) = relative_bucket(now, then);
        prop_assert!(n <= 0);
        let iso = iso_utc(now);
        prop_assert_eq!(iso.len(), 20, "{}", iso);
        if let Some(age) = cookie_max_age(&header) {
            prop_assert!(!age.is_nan() || header.to_ascii_lowercase().contains("nan"));
        }
        let e = ApiError::from_isso(status, &body);
        prop_assert!(!e.kind().is_empty());
        // Only Isso's own refusals are read from the body; any other status is what it says.
        match status {
            400 | 403 | 413 => prop_assert!(matches!(e, ApiError::Refused(_)), "{:?}", e),
            404 | 410 => prop_assert_eq!(e, ApiError::NotFound),
            s => prop_assert_eq!(e, ApiError::Server(s)),
        }
        let _ = countdown(secs);
        let s = Sort::from_query(q.as_deref());
        prop_assert_eq!(Sort::from_query(Some(s.query())), s);
        prop_assert_ne!(draft_key(&uri, parent), own_key(&uri));
    }

    /// Draft keys of post paths (which hold no `#`) never collide.
    #[test]
    fn draft_keys_are_distinct(
        a in route(), b in route(), pa in opt(comment_id()), pb in opt(comment_id()),
    ) {
        let (a, b) = (a.path(), b.path());
        prop_assert_eq!(draft_key(&a, pa) == draft_key(&b, pb), a == b && pa == pb);
    }
}
