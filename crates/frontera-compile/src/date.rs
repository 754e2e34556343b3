//! Post dates: parsed from front matter, kept with the offset they were written in.
//!
//! A post's date decides three things: its place in the global order (the UTC instant), the
//! year and month in its URL (as written, in its own offset, so a post written late on
//! 31 March in Tijuana stays a March post), and `date_published` (RFC 3339, original offset).

use std::fmt;

use toml::value::{Datetime, Offset};

/// A publication date with its original UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
    /// Offset from UTC in minutes, as written.
    pub offset_minutes: i16,
    /// The offset was written as `Z` (kept so the output shows what the author wrote).
    pub zulu: bool,
}

impl PostDate {
    /// Converts a TOML datetime. Accepts an offset date-time or a bare date (which becomes
    /// 12:00 at offset +00:00: noon keeps the calendar day the same for readers within twelve
    /// hours of UTC). A local date-time is refused because its instant is ambiguous.
    pub fn from_toml(dt: &Datetime) -> Result<PostDate, String> {
        let Some(date) = dt.date else {
            return Err("a date needs a day (YYYY-MM-DD), not only a time".into());
        };
        let (year, month, day) = (i32::from(date.year), date.month, date.day);
        match (dt.time, dt.offset) {
            (None, _) => Ok(PostDate {
                year,
                month,
                day,
                hour: 12,
                minute: 0,
                second: 0,
                nanosecond: 0,
                offset_minutes: 0,
                zulu: false,
            }),
            (Some(_), None) => Err(
                "the time has no UTC offset; write it like 2024-03-15T08:30:00-07:00, \
                 or give a bare date"
                    .into(),
            ),
            (Some(time), Some(offset)) => {
                let (offset_minutes, zulu) = match offset {
                    Offset::Z => (0, true),
                    Offset::Custom { minutes } => (minutes, false),
                };
                Ok(PostDate {
                    year,
                    month,
                    day,
                    hour: time.hour,
                    minute: time.minute,
                    second: time.second.unwrap_or(0),
                    nanosecond: time.nanosecond.unwrap_or(0),
                    offset_minutes,
                    zulu,
                })
            }
        }
    }

    /// Parses a quoted date: RFC 3339 (`2024-03-15T08:30:00-07:00`) or a bare date.
    pub fn parse(text: &str) -> Result<PostDate, String> {
        let dt: Datetime = text.trim().parse().map_err(|e| format!("{e}"))?;
        PostDate::from_toml(&dt)
    }

    /// The instant as (seconds since the Unix epoch, nanoseconds): the sort key.
    pub fn instant(&self) -> (i64, u32) {
        let days = days_from_civil(self.year, self.month, self.day);
        let local = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        (local - i64::from(self.offset_minutes) * 60, self.nanosecond)
    }
}

/// RFC 3339 with the original offset, e.g. `2024-03-15T08:30:00-07:00`; fractional seconds
/// only when present.
impl fmt::Display for PostDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )?;
        if self.nanosecond > 0 {
            let frac = format!("{:09}", self.nanosecond);
            write!(f, ".{}", frac.trim_end_matches('0'))?;
        }
        if self.zulu {
            return f.write_str("Z");
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let m = self.offset_minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month, day) of a day number.
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_written_offset() {
        let d = PostDate::parse("2024-03-15T08:30:00-07:00").unwrap();
        assert_eq!(d.to_string(), "2024-03-15T08:30:00-07:00");
        assert_eq!((d.year, d.month), (2024, 3));
        assert_eq!(
            PostDate::parse("2024-03-15T08:30:00Z").unwrap().to_string(),
            "2024-03-15T08:30:00Z"
        );
        assert_eq!(
            PostDate::parse("2024-03-15T08:30:00.250+05:30")
                .unwrap()
                .to_string(),
            "2024-03-15T08:30:00.25+05:30"
        );
    }

    #[test]
    fn bare_date_is_noon_utc() {
        let d = PostDate::parse("2024-03-15").unwrap();
        assert_eq!(d.to_string(), "2024-03-15T12:00:00+00:00");
    }

    #[test]
    fn refuses_ambiguous_or_invalid_dates() {
        assert!(PostDate::parse("2024-03-15T08:30:00")
            .unwrap_err()
            .contains("offset"));
        assert!(PostDate::parse("2024-13-01").is_err());
        assert!(PostDate::parse("2023-02-29").is_err());
        assert!(PostDate::parse("yesterday").is_err());
    }

    #[test]
    fn instant_orders_across_offsets() {
        // 23:30 on 31 March in UTC-7 is after 06:00 on 1 April in UTC.
        let a = PostDate::parse("2024-03-31T23:30:00-07:00").unwrap();
        let b = PostDate::parse("2024-04-01T06:00:00Z").unwrap();
        assert!(a.instant() > b.instant());
        assert_eq!(a.month, 3, "the month is the one written, not UTC's");
        assert_eq!(
            PostDate::parse("1970-01-01T00:00:00Z").unwrap().instant(),
            (0, 0)
        );
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 59, 365 * 30 + 7, 20_784, 2_000_000] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }
}
