use crate::*;

// ---------------------------------------------------------------------------------------------
// Dates

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn any_date_text_parses_or_not_without_panicking(s in date_text()) {
        if let Some(d) = PostDate::parse(&s) {
            // Whatever form was accepted, the day is the one written at the start.
            prop_assert_eq!(d.iso_day(), s.trim()[..10].to_string());
            prop_assert!((1..=12).contains(&d.month()));
        }
    }

    #[test]
    fn any_string_parses_or_not_without_panicking(s in any::<String>()) {
        if let Some(d) = PostDate::parse(&s) {
            prop_assert_eq!(d.iso_day(), s.trim()[..10].to_string());
        }
    }

    /// Any valid RFC 3339 timestamp keeps its calendar day as written (not the UTC day), and
    /// its moment when the time crate can hold it.
    #[test]
    fn rfc3339_keeps_the_written_day_and_moment(d in rfc3339(), pad in "[ \t\n]{0,2}") {
        let parsed = PostDate::parse(&format!("{pad}{}{pad}", d.text));
        prop_assert!(parsed.is_some(), "{}", d.text);
        let parsed = parsed.unwrap();
        prop_assert_eq!(
            (parsed.year(), parsed.month(), parsed.day.day()),
            (d.year, d.month, d.day),
            "{}", d.text
        );
        prop_assert_eq!(
            parsed.iso_day(),
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        );
        // The moment, for a time the `time` crate can hold in UTC (years 1 to 9998 always can).
        if !d.leap && (1..=9998).contains(&d.year) {
            let want = (i128::from(d.utc_secs) * 1_000_000_000 + i128::from(d.nanos)) / 1_000_000;
            prop_assert_eq!(parsed.epoch_ms, Some(want as i64), "{}", d.text);
        }
    }

    /// The loose forms generators write keep their day.
    #[test]
    fn loose_dates_keep_their_day(
        d in rfc3339(),
        form in 0usize..3,
    ) {
        let day = &d.text[..10];
        let text = match form {
            0 => day.to_string(),
            1 => format!("{day} {} +0000", &d.text[11..19]),
            _ => format!("{day}T{}", &d.text[11..19]),
        };
        let parsed = PostDate::parse(&text);
        prop_assert!(parsed.is_some(), "{text}");
        prop_assert_eq!(parsed.unwrap().iso_day(), day.to_string());
        if form == 0 {
            prop_assert_eq!(parsed.unwrap().epoch_ms, None);
        } else if !d.leap {
            prop_assert!(parsed.unwrap().epoch_ms.is_some(), "{text}");
        }
    }

    /// Grouping by day never loses, duplicates or reorders a post; runs are maximal.
    #[test]
    fn grouping_keeps_every_post_in_order(
        days in prop::collection::vec(prop::option::of(0u8..4), 0..24)
    ) {
        let items: Vec<(usize, Option<u8>)> = days.iter().copied().enumerate().collect();
        let groups = group_by_day(items.clone(), |(_, d)| {
            d.map(|d| time::Date::from_calendar_date(2024, time::Month::May, d + 1).unwrap())
        });
        let flat: Vec<(usize, Option<u8>)> =
            groups.iter().flat_map(|(_, g)| g.iter().copied()).collect();
        prop_assert_eq!(flat, items);
        for (i, (day, g)) in groups.iter().enumerate() {
            prop_assert!(!g.is_empty());
            prop_assert!(g.iter().all(|(_, d)| d.map(|d| d + 1) == day.map(|x| x.day())));
            if day.is_none() {
                prop_assert_eq!(g.len(), 1);
            } else if i > 0 {
                prop_assert_ne!(groups[i - 1].0, *day, "runs are maximal");
            }
        }
    }
}
