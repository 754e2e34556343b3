//! Post dates: parsing what feeds send and grouping posts under day headers.

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

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
    /// Whether this date comes after `earlier`: by the instant when both have one, else by day.
    pub fn is_after(&self, earlier: &PostDate) -> bool {
        match (self.epoch_ms, earlier.epoch_ms) {
            (Some(a), Some(b)) => a > b,
            _ => self.day > earlier.day,
        }
    }

    /// Parses an RFC 3339 timestamp; failing that, a leading `YYYY-MM-DD` (some generators
    /// write `2021-08-06 13:39:37 +0000` or a bare date). Anything else is `None`: a bad date
    /// hides the date, it never fails the post.
    pub fn parse(s: &str) -> Option<PostDate> {
        let s = s.trim();
        let day = calendar_day(s)?;
        if let Some(t) = rfc3339(s, day) {
            return Some(PostDate {
                day,
                epoch_ms: Some(epoch_ms(t)),
            });
        }
        // A bare date or a loosely written time (`13:39:37`, after `T` or a space): keep the
        // day, and a time only if it reads.
        let epoch = matches!(s.as_bytes().get(10), Some(b'T' | b' '))
            .then(|| {
                let colons = (s.as_bytes().get(13), s.as_bytes().get(16));
                (colons == (Some(&b':'), Some(&b':'))).then_some(())?;
                Time::from_hms(
                    digits(s, 11, 2)? as u8,
                    digits(s, 14, 2)? as u8,
                    digits(s, 17, 2)? as u8,
                )
                .ok()
            })
            .flatten()
            .map(|t| epoch_ms(PrimitiveDateTime::new(day, t).assume_utc()));
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

/// The day of a text that starts `YYYY-MM-DD`.
fn calendar_day(s: &str) -> Option<Date> {
    let day = Date::from_calendar_date(
        digits(s, 0, 4)? as i32,
        Month::try_from(digits(s, 5, 2)? as u8).ok()?,
        digits(s, 8, 2)? as u8,
    )
    .ok()?;
    (s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-').then_some(day)
}

/// The moment of an RFC 3339 timestamp on `day` (its first ten bytes): `T` (or `t`, or the space
/// RFC 3339 allows), `hh:mm:ss`, an optional fraction, then `Z` or `±hh:mm`, nothing after.
/// A leap second (`:60`) reads as the last nanosecond before it. Written out rather than with
/// `time`'s `Rfc3339` parser: that parser was about 5 KB of brotli wasm for this one format
/// (docs/decisions.md, "Dates read by hand").
fn rfc3339(s: &str, day: Date) -> Option<OffsetDateTime> {
    let b = s.as_bytes();
    let shape = (b.get(10), b.get(13), b.get(16));
    if !matches!(shape, (Some(b'T' | b't' | b' '), Some(b':'), Some(b':'))) {
        return None;
    }
    let (h, m, sec) = (digits(s, 11, 2)?, digits(s, 14, 2)?, digits(s, 17, 2)?);
    let mut at = 19;
    let mut nanos = 0;
    if b.get(at) == Some(&b'.') {
        let n = b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n == 0 {
            return None;
        }
        // Nine digits of nanoseconds; more are below what the time can hold.
        for k in 0..9 {
            nanos = nanos * 10
                + b.get(at + 1 + k)
                    .filter(|_| k < n)
                    .map_or(0, |d| u32::from(d - b'0'));
        }
        at += 1 + n;
    }
    let offset = match &b[at..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let (oh, om) = (digits(s, at + 1, 2)?, digits(s, at + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let secs = (oh * 3600 + om * 60) as i32;
            if *sign == b'-' {
                -secs
            } else {
                secs
            }
        }
        _ => return None,
    };
    let (sec, nanos) = if sec == 60 {
        (59, 999_999_999)
    } else {
        (sec, nanos)
    };
    let time = Time::from_hms_nano(h as u8, m as u8, sec as u8, nanos).ok()?;
    let offset = UtcOffset::from_whole_seconds(offset).ok()?;
    Some(PrimitiveDateTime::new(day, time).assume_offset(offset))
}

/// The number written with exactly `n` ASCII digits at byte `at` of `s`. Written out rather
/// than with a `time` format description: its general parser is about 15 KB of wasm for two
/// fixed-width fallbacks (docs/benchmarks.md, "Smaller wasm").
fn digits(s: &str, at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    if !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
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
        assert_eq!(loose.epoch_ms, Some(1_628_257_177_000));
        let late = PostDate::parse("2021-08-06 25:00:00").unwrap();
        assert_eq!((late.day, late.epoch_ms), (date!(2021 - 08 - 06), None));
        let short = PostDate::parse("2021-08-06T13:39").unwrap();
        assert_eq!((short.day, short.epoch_ms), (date!(2021 - 08 - 06), None));
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
            "2022/02/04",
            "2022-2-4",
            "+022-02-04",
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
