//! Cached `Intl` formatters. Constructing one loads locale data and costs far more than
//! formatting with it (about a millisecond at 4× CPU throttling), and a long comment thread
//! formats two dates per comment: so each formatter is built once per language and options.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::{JsCast, JsValue};

use super::Lang;

/// Which `Intl` constructor.
pub enum Kind {
    DateTime,
    RelativeTime,
}

/// A formatter's `format`, bound to it.
pub struct Format(js_sys::Function);

impl Format {
    pub fn call1(&self, a: &JsValue) -> Option<String> {
        self.0.call1(&JsValue::NULL, a).ok()?.as_string()
    }

    pub fn call2(&self, a: &JsValue, b: &JsValue) -> Option<String> {
        self.0.call2(&JsValue::NULL, a, b).ok()?.as_string()
    }
}

/// Formatters by language and name; `None` where the browser could not build one.
type Cache = HashMap<(Lang, String), Option<std::rc::Rc<Format>>>;

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(HashMap::new());
}

/// Formats with the formatter named `key` for `lang`, building it on first use: `options`
/// fills in its options and says which constructor it is. `None` when the browser lacks it.
pub fn format(
    lang: Lang,
    key: &str,
    options: impl FnOnce(&js_sys::Object) -> Kind,
    with: impl FnOnce(&Format) -> Option<String>,
) -> Option<String> {
    let cached = CACHE.with(|c| c.borrow().get(&(lang, key.to_string())).cloned());
    let f = match cached {
        Some(f) => f,
        None => {
            let f = build(lang, options).map(std::rc::Rc::new);
            CACHE.with(|c| c.borrow_mut().insert((lang, key.to_string()), f.clone()));
            f
        }
    }?;
    with(&f)
}

fn build(lang: Lang, options: impl FnOnce(&js_sys::Object) -> Kind) -> Option<Format> {
    let opts = js_sys::Object::new();
    let ctor = match options(&opts) {
        Kind::DateTime => "DateTimeFormat",
        Kind::RelativeTime => "RelativeTimeFormat",
    };
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: js_sys::Function = js_sys::Reflect::get(&intl, &ctor.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args = js_sys::Array::of2(&js_sys::Array::of1(&lang.tag().into()), &opts);
    let formatter = js_sys::Reflect::construct(&ctor, &args).ok()?;
    let format: js_sys::Function = js_sys::Reflect::get(&formatter, &"format".into())
        .ok()?
        .dyn_into()
        .ok()?;
    // `format` of DateTimeFormat is a bound getter, RelativeTimeFormat's is a
    // plain method: bind it so every kind is called the same way.
    Some(Format(format.bind0(&formatter)))
}
