use crate::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Years newest first, months newest first and unique, counts recomputed, links routable.
    #[test]
    fn archive_widget_is_ordered_and_routable(index in archive_index()) {
        let years = archive_years(index);
        for w in years.windows(2) {
            prop_assert!(w[0].year >= w[1].year);
        }
        for y in &years {
            prop_assert!((0..=9999).contains(&y.year));
            prop_assert!(!y.months.is_empty());
            for w in y.months.windows(2) {
                prop_assert!(w[0].month > w[1].month);
            }
            let sum = y.months.iter().fold(0u64, |s, m| s.saturating_add(m.count));
            prop_assert_eq!(y.count, sum);
            for m in &y.months {
                prop_assert!((1..=12).contains(&m.month) && m.count > 0);
                prop_assert_eq!(m.year, y.year);
                prop_assert_eq!(
                    Route::parse(&m.path),
                    Some(Route::Month { year: y.year, month: m.month, page: 1 })
                );
            }
        }
    }

    #[test]
    fn label_widget_is_sorted_and_routable(index in label_index(), probe in slug_text()) {
        let labels = label_entries(index);
        for w in labels.windows(2) {
            prop_assert!(
                w[0].count > w[1].count || (w[0].count == w[1].count && w[0].name <= w[1].name)
            );
        }
        for l in &labels {
            prop_assert!(l.count > 0 && !is_blank(&l.name));
            let Some(Route::Label { slug, page: 1 }) = Route::parse(&l.path) else {
                return Err(TestCaseError::fail(format!("bad label path {:?}", l.path)));
            };
            prop_assert!(label_name(&labels, &slug).is_some());
        }
        let _ = label_name(&labels, &probe);
    }

    #[test]
    fn index_json_never_panics(v in json_tree()) {
        let body = v.to_string();
        if let Ok(index) = parse_json::<ArchiveIndex>(&body) {
            let _ = archive_years(index);
        }
        if let Ok(index) = parse_json::<LabelIndex>(&body) {
            let _ = label_entries(index);
        }
    }
}
