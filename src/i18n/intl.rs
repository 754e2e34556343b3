//! The browser's `Intl` formatters, through `js_sys::Intl`'s typed bindings, cached.
//! Constructing one loads locale data and costs far more than formatting with it (about a
//! millisecond at 4× CPU throttling), and a long comment thread formats two dates per comment:
//! so each formatter is built once per language.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::Intl::{
    DateTimeFormat, DateTimeFormatOptions, DateTimeStyle, RelativeTimeFormat,
    RelativeTimeFormatNumeric, RelativeTimeFormatOptions,
};
use wasm_bindgen::JsValue;

use super::Lang;

thread_local! {
    /// `format` of a `DateTimeFormat` (a getter that returns it bound to its formatter).
    static DATE_TIME: RefCell<HashMap<Lang, js_sys::Function>> = RefCell::new(HashMap::new());
    static RELATIVE: RefCell<HashMap<Lang, RelativeTimeFormat>> = RefCell::new(HashMap::new());
}

fn locales(lang: Lang) -> js_sys::Array {
    js_sys::Array::of1(&lang.tag().into())
}

/// A moment (milliseconds since the epoch) as "Nov 28, 2026, 6:20 PM" / "28 nov 2026, 18:20":
/// medium date, short time, the reader's time zone.
pub fn date_time(lang: Lang, ms: f64) -> Option<String> {
    let format = DATE_TIME.with(|cache| {
        cache
            .borrow_mut()
            .entry(lang)
            .or_insert_with(|| {
                let options = DateTimeFormatOptions::new();
                options.set_date_style(DateTimeStyle::Medium);
                options.set_time_style(DateTimeStyle::Short);
                DateTimeFormat::new(&locales(lang), &options).format()
            })
            .clone()
    });
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    format.call1(&JsValue::NULL, &date).ok()?.as_string()
}

/// `n` of `unit` from now ("3 hours ago", "hace 3 horas", "yesterday"): `numeric: auto`.
pub fn relative(lang: Lang, n: f64, unit: &str) -> Option<String> {
    RELATIVE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let format = cache.entry(lang).or_insert_with(|| {
            let options = RelativeTimeFormatOptions::new();
            options.set_numeric(RelativeTimeFormatNumeric::Auto);
            RelativeTimeFormat::new(&locales(lang), &options)
        });
        format.format(n, unit).as_string()
    })
}
