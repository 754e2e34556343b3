use crate::*;

// ---------------------------------------------------------------------------------------------
// RFC 3339 timestamps built from their parts

#[derive(Clone, Debug)]
pub(crate) struct Rfc3339 {
    pub(crate) text: String,
    pub(crate) year: i32,
    pub(crate) month: u8,
    pub(crate) day: u8,
    /// Seconds since the epoch of the written moment, and its nanoseconds.
    pub(crate) utc_secs: i64,
    pub(crate) nanos: i64,
    pub(crate) leap: bool,
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a civil date (H. Hinnant's algorithm), written independently of the
/// `time` crate the app parses with.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn rfc3339() -> impl Strategy<Value = Rfc3339> {
    (0i32..=9999, 1u8..=12)
        .prop_flat_map(|(year, month)| {
            (
                Just((year, month)),
                1..=days_in_month(year, month),
                (0u8..24, 0u8..60, prop_oneof![20 => 0u8..60, 1 => Just(60u8)]),
                prop::option::of("[0-9]{1,9}"),
                prop_oneof![4 => Just('T'), 1 => Just('t'), 1 => Just(' ')],
                prop_oneof![
                    Just(None),
                    (any::<bool>(), 0u8..24, 0u8..60).prop_map(Some),
                ],
                any::<bool>(),
            )
        })
        .prop_map(
            |((year, month), day, (h, mi, s), frac, sep, offset, lower_z)| {
                let (off_text, off_secs) = match offset {
                    None => ((if lower_z { "z" } else { "Z" }).to_string(), 0i64),
                    Some((neg, oh, om)) => {
                        let secs = i64::from(oh) * 3600 + i64::from(om) * 60;
                        (
                            format!("{}{oh:02}:{om:02}", if neg { '-' } else { '+' }),
                            if neg { -secs } else { secs },
                        )
                    }
                };
                let frac_text = frac.as_deref().map_or(String::new(), |f| format!(".{f}"));
                let nanos = frac.as_deref().map_or(0, |f| {
                    format!("{f:0<9}").parse::<i64>().expect("nine digits")
                });
                let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
                let utc_secs = days * 86_400
                    + i64::from(h) * 3600
                    + i64::from(mi) * 60
                    + i64::from(s)
                    - off_secs;
                Rfc3339 {
                    text: format!(
                        "{year:04}-{month:02}-{day:02}{sep}{h:02}:{mi:02}:{s:02}{frac_text}{off_text}"
                    ),
                    year,
                    month,
                    day,
                    utc_secs,
                    nanos,
                    leap: s == 60,
                }
            },
        )
}
