//! Moments as the reader reads them: now, a date and time, and "3 hours ago".

#[cfg(target_arch = "wasm32")]
use super::intl;
use super::Lang;

/// Seconds since the epoch, by the browser's clock.
pub fn now_secs() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() / 1000.0
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }
}

/// A moment (seconds since the epoch) as a localised date and time in the reader's time zone,
/// such as "Nov 28, 2026, 6:20 PM" / "28 nov 2026, 18:20".
pub fn format_datetime(lang: Lang, secs: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(s) = intl::date_time(lang, secs * 1000.0) {
            return s;
        }
    }
    let _ = lang;
    let t = time::OffsetDateTime::from_unix_timestamp(secs as i64)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// How long ago, "3 hours ago" / "hace 3 horas", through `Intl.RelativeTimeFormat`.
pub fn format_relative(lang: Lang, now: f64, then: f64) -> String {
    let (n, unit) = crate::model::comments::relative_bucket(now, then);
    #[cfg(target_arch = "wasm32")]
    {
        if let Some(s) = intl::relative(lang, n as f64, unit.name()) {
            return s;
        }
    }
    let _ = lang;
    format!("{n} {}", unit.name())
}
