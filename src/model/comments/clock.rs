//! Times of comments: `<time datetime>` values and relative-time buckets.

/// A moment (seconds since the epoch) as RFC 3339 in UTC, for `<time datetime>`.
pub fn iso_utc(secs: f64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp(secs.max(0.0) as i64)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A unit of relative time, as `Intl.RelativeTimeFormat` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Month,
    Year,
}

impl TimeUnit {
    /// The `Intl.RelativeTimeFormat` unit name.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// How long ago `then` was at `now` (seconds since the epoch), as a negative amount of the
/// largest unit that fits: (-3, Hour) is "3 hours ago". Under a minute (or in the future,
/// clocks disagree) is (0, Second), "now".
pub fn relative_bucket(now: f64, then: f64) -> (i64, TimeUnit) {
    let s = (now - then).max(0.0) as i64;
    let (n, unit) = match s {
        0..=59 => (0, TimeUnit::Second),
        60..=3_599 => (s / 60, TimeUnit::Minute),
        3_600..=86_399 => (s / 3_600, TimeUnit::Hour),
        86_400..=2_591_999 => (s / 86_400, TimeUnit::Day),
        2_592_000..=31_535_999 => (s / 2_592_000, TimeUnit::Month),
        _ => (s / 31_536_000, TimeUnit::Year),
    };
    (-n, unit)
}
