//! Post dates: parsing what feeds send and grouping posts under day headers.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// When a post was published, as its author wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostDate {
    /// The calendar day in the post's own UTC offset: a report filed at 23:30 in Sonora belongs
    /// to that evening, not to the next UTC day.
    pub day: Date,
    /// Milliseconds since the Unix epoch, when the time of day is known.
    pub epoch_ms: Option<i64>,
}

impl PostDate {
    /// Parses an RFC 3339 timestamp; failing that, a leading `YYYY-MM-DD` (some generators
    /// write `2021-08-06 13:39:37 +0000` or a bare date). Anything else is `None`: a bad date
    /// hides the date, it never fails the post.
    pub fn parse(s: &str) -> Option<PostDate> {
        let s = s.trim();
        if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
            return Some(PostDate {
                day: t.date(),
                epoch_ms: Some(epoch_ms(t)),
            });
        }
        let head = s.get(..10)?;
        let day = Date::parse(head, format_description!("[year]-[month]-[day]")).ok()?;
        // A bare date or a loosely written time: keep the day, and a time only if it parses.
        let epoch = s
            .get(..19)
            .and_then(|t| {
                PrimitiveDateTime::parse(
                    &t.replace(' ', "T"),
                    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
                )
                .ok()
            })
            .map(|t| epoch_ms(t.assume_utc()));
        Some(PostDate {
            day,
            epoch_ms: epoch,
        })
    }

    /// `YYYY-MM-DD`, for `<time datetime>` and as a grouping key.
    pub fn iso_day(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.day.year(),
            u8::from(self.day.month()),
            self.day.day()
        )
    }

    pub fn year(&self) -> i32 {
        self.day.year()
    }

    pub fn month(&self) -> u8 {
        self.day.month().into()
    }
}

fn epoch_ms(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Consecutive runs of items that share a day, in the order given (feeds are newest first;
/// a feed that is not sorted still never loses or reorders a post). Items without a date form
/// runs of their own keyed `None`.
pub fn group_by_day<T, F>(items: Vec<T>, day_of: F) -> Vec<(Option<Date>, Vec<T>)>
where
    F: Fn(&T) -> Option<Date>,
{
    let mut groups: Vec<(Option<Date>, Vec<T>)> = Vec::new();
    for item in items {
        let day = day_of(&item);
        match groups.last_mut() {
            Some((d, list)) if *d == day && day.is_some() => list.push(item),
            _ => groups.push((day, vec![item])),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn keeps_the_authors_calendar_day() {
        let d = PostDate::parse("2022-02-04T23:30:00-07:00").unwrap();
        assert_eq!(d.day, date!(2022 - 02 - 04));
        assert_eq!(d.iso_day(), "2022-02-04");
        assert_eq!(d.epoch_ms, Some(1_644_042_600_000));
    }

    #[test]
    fn accepts_what_generators_write() {
        assert_eq!(
            PostDate::parse("2021-08-06T13:39:37.000Z").unwrap().day,
            date!(2021 - 08 - 06)
        );
        let loose = PostDate::parse("2021-08-06 13:39:37 +0000").unwrap();
        assert_eq!(loose.day, date!(2021 - 08 - 06));
        assert!(loose.epoch_ms.is_some());
        let bare = PostDate::parse("2020-01-31").unwrap();
        assert_eq!((bare.year(), bare.month(), bare.epoch_ms), (2020, 1, None));
    }

    #[test]
    fn rejects_nonsense_without_panicking() {
        for s in [
            "",
            "yesterday",
            "2022-13-01",
            "2022-02-30T00:00:00Z",
            "02/04/2022",
            "2022-0",
            "ñññññññññññ",
        ] {
            assert_eq!(PostDate::parse(s), None, "{s}");
        }
    }

    #[test]
    fn groups_consecutive_days_and_keeps_order() {
        let d = |s: &str| PostDate::parse(s).map(|p| p.day);
        let items = vec![
            ("a", d("2022-02-04T20:00:00-07:00")),
            ("b", d("2022-02-04T08:00:00-07:00")),
            ("c", d("2022-02-03T10:00:00-07:00")),
            ("x", None),
            ("y", None),
            ("e", d("2022-02-04T01:00:00-07:00")),
        ];
        let groups = group_by_day(items, |(_, day)| *day);
        let shape: Vec<Vec<&str>> = groups
            .iter()
            .map(|(_, g)| g.iter().map(|(n, _)| *n).collect())
            .collect();
        assert_eq!(
            shape,
            vec![vec!["a", "b"], vec!["c"], vec!["x"], vec!["y"], vec!["e"]]
        );
        assert_eq!(groups[0].0, Some(date!(2022 - 02 - 04)));
    }
}
