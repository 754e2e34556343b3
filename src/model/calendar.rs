//! Day headers, month headings, month names and counts, written the way the browser's `Intl`
//! writes them for English and Spanish ("Friday, March 15, 2024", "Viernes, 15 de marzo de 2024",
//! "1,234", "12.345").
//!
//! These appear in prerendered pages, so the prerenderer (native, no `Intl`) and the browser must
//! produce the very same text; one implementation for both is the only way to be sure. Two
//! languages' month and weekday names are a few hundred bytes; the comment section's times
//! ("3 minutes ago", the reader's own time zone) are only ever shown in the browser and keep
//! using `Intl` (src/i18n.rs).

use time::{Date, Month, Weekday};

use crate::i18n::Lang;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn weekday(lang: Lang, d: Weekday) -> &'static str {
    let i = d.number_days_from_monday() as usize;
    match lang {
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
        Lang::Es => [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ][i],
    }
}

/// A month's name alone, in the language's own case: "March", "marzo". `None` outside 1–12.
pub fn month_name(lang: Lang, month: u8) -> Option<&'static str> {
    let i = usize::from(month).checked_sub(1)?;
    match lang {
        Lang::En => MONTHS_EN.get(i).copied(),
        Lang::Es => MONTHS_ES.get(i).copied(),
    }
}

/// A day header: "Friday, March 15, 2024" / "Viernes, 15 de marzo de 2024".
pub fn day_heading(lang: Lang, day: Date) -> String {
    let month = month_name(lang, u8::from(day.month())).unwrap_or_default();
    let wd = weekday(lang, day.weekday());
    match lang {
        Lang::En => format!("{wd}, {month} {}, {}", day.day(), day.year()),
        Lang::Es => capitalise(&format!("{wd}, {} de {month} de {}", day.day(), day.year())),
    }
}

/// A day inside a sentence ("Updated Thursday, November 5, 2026" / "Actualizado el jueves, 5 de
/// noviembre de 2026"): as [`day_heading`], but Spanish weekdays keep their lowercase.
pub fn day_in_sentence(lang: Lang, day: Date) -> String {
    match lang {
        Lang::En => day_heading(lang, day),
        Lang::Es => {
            let month = month_name(lang, u8::from(day.month())).unwrap_or_default();
            let wd = weekday(lang, day.weekday());
            format!("{wd}, {} de {month} de {}", day.day(), day.year())
        }
    }
}

/// A month as a sentence names it ("Posts from March 2024" / "Entradas de marzo de 2024"):
/// "March 2024" / "marzo de 2024", Spanish months being lowercase; `YYYY-MM` for a month that
/// does not exist.
pub fn month_heading(lang: Lang, year: i32, month: u8) -> String {
    let Some(name) = Month::try_from(month)
        .ok()
        .and_then(|m| month_name(lang, m.into()))
    else {
        return format!("{year:04}-{month:02}");
    };
    match lang {
        Lang::En => format!("{name} {year}"),
        Lang::Es => format!("{name} de {year}"),
    }
}

/// An integer with the language's grouping: "1,234" in English; in Spanish "1234" but
/// "12.345" (CLDR groups Spanish numbers only from five digits on).
pub fn number(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let (sep, min_len) = match lang {
        Lang::En => (',', 4),
        Lang::Es => ('.', 5),
    };
    if digits.len() < min_len {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// Upper-cases the first letter.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    // Expected strings are what Chromium's Intl writes for the same options (checked by hand
    // with `new Intl.DateTimeFormat(lang, {...}).format(...)`).
    #[test]
    fn days_and_months_as_intl_writes_them() {
        let d = date!(2024 - 03 - 15);
        assert_eq!(day_heading(Lang::En, d), "Friday, March 15, 2024");
        assert_eq!(day_heading(Lang::Es, d), "Viernes, 15 de marzo de 2024");
        assert_eq!(
            day_heading(Lang::Es, date!(2026 - 11 - 04)),
            "Miércoles, 4 de noviembre de 2026"
        );
        // Inside a sentence ("Actualizado el …") a Spanish weekday keeps its lowercase.
        assert_eq!(
            day_in_sentence(Lang::Es, date!(2026 - 11 - 05)),
            "jueves, 5 de noviembre de 2026"
        );
        assert_eq!(day_in_sentence(Lang::En, d), "Friday, March 15, 2024");
        assert_eq!(month_heading(Lang::En, 2022, 2), "February 2022");
        assert_eq!(month_heading(Lang::Es, 2022, 2), "febrero de 2022");
        assert_eq!(month_heading(Lang::Es, 2022, 13), "2022-13");
        assert_eq!(month_name(Lang::Es, 11), Some("noviembre"));
        assert_eq!(month_name(Lang::En, 0), None);
    }

    #[test]
    fn numbers_group_by_language() {
        assert_eq!(number(Lang::En, 7), "7");
        assert_eq!(number(Lang::En, 1234), "1,234");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Es, 1234), "1234");
        assert_eq!(number(Lang::Es, 12_345), "12.345");
        assert_eq!(number(Lang::Es, 1_234_567), "1.234.567");
    }
}
