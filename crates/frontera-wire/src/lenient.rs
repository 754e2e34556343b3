//! Reading JSON from servers we do not control, leniently: valid JSON is never rejected as a
//! whole because one value in it has an unexpected type (issue 14).
//!
//! - [`replace_lone_surrogates`] makes JSON text with a lone UTF-16 surrogate escape (`"\ud800"`,
//!   legal JSON that serde_json refuses for Rust strings) readable, with U+FFFD in its place.
//! - The `deserialize_with` helpers read one field each. A value of the wrong type becomes the
//!   field's "absent" value (`None`, `""`, `0`, an empty list) instead of an error; nested arrays
//!   and objects in such a value are skipped by serde_json without recursion, so even 10,000
//!   levels of them cost nothing. Numbers are read as text where text is expected (`"id": 42`).
//!
//! What is indispensable (an `items` array in a feed) is decided by the caller: [`items`] is the
//! one helper that still fails on a value of the wrong type.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess};
use serde::de::{SeqAccess, Unexpected, Visitor};

/// `json` with every lone UTF-16 surrogate escape (a `\uD800`–`\uDBFF` not followed by a
/// `\uDC00`–`\uDFFF`, or one of the latter on its own) rewritten as `\uFFFD`, the replacement
/// character: what a browser's `TextDecoder` does with a lone surrogate, and what
/// `String::from_utf16_lossy` does. Encoders that cut UTF-16 text by length (an emoji cut in
/// half) write such escapes; serde_json accepts them only into byte strings (WTF-8), so for
/// `String` fields the text is mended before parsing. A `\\` is an escaped backslash, so the
/// text `\\ud800` is left alone. Borrowed, without copying, when there is nothing to mend.
pub fn replace_lone_surrogates(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let unit = |at: usize| -> Option<u16> {
        // `\uXXXX` at `at`: the code unit, when the escape has four hex digits.
        let hex = bytes.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let mut mended = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(found) = bytes[i..].iter().position(|&b| b == b'\\') {
        let at = i + found;
        let lone = match unit(at) {
            Some(0xD800..=0xDBFF) if matches!(unit(at + 6), Some(0xDC00..=0xDFFF)) => {
                i = at + 12;
                continue;
            }
            Some(0xD800..=0xDFFF) => true,
            Some(_) => false,
            None => {
                // Any other escape is two bytes (`\\`, `\"`, `\n` …); a backslash before a
                // non-ASCII byte is invalid JSON, left for the parser to report.
                i = at + 1 + usize::from(bytes.get(at + 1).is_some_and(u8::is_ascii));
                continue;
            }
        };
        if lone {
            mended.push_str(&json[copied..at]);
            mended.push_str("\\ufffd");
            copied = at + 6;
        }
        i = at + 6;
    }
    if copied == 0 {
        Cow::Borrowed(json)
    } else {
        mended.push_str(&json[copied..]);
        Cow::Owned(mended)
    }
}

/// A JSON value reduced to what a field can use: a scalar, or `Other` for anything else (null,
/// a boolean, or an array or object the shape did not want, skipped unread).
enum Scalar {
    Text(String),
    Int(i64),
    Uint(u64),
    Float(f64),
    Bool(bool),
    Other,
}

/// What a lenient reader makes of each kind of JSON value. One [`Visitor`] serves every shape, so
/// each shape says only what it keeps.
trait Shape<'de>: Sized {
    type Value;
    fn scalar<E: Error>(self, value: Scalar) -> Result<Self::Value, E>;
    fn seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(seq)?;
        self.scalar(Scalar::Other)
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(map)?;
        self.scalar(Scalar::Other)
    }
}

struct Lenient<S>(S);

impl<'de, S: Shape<'de>> Visitor<'de> for Lenient<S> {
    type Value = S::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: Error>(self, b: bool) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Bool(b))
    }
    fn visit_i64<E: Error>(self, n: i64) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Int(n))
    }
    fn visit_u64<E: Error>(self, n: u64) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Uint(n))
    }
    fn visit_f64<E: Error>(self, n: f64) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Float(n))
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Text(s.to_string()))
    }
    fn visit_string<E: Error>(self, s: String) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Text(s))
    }
    fn visit_unit<E: Error>(self) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Other)
    }
    fn visit_none<E: Error>(self) -> Result<S::Value, E> {
        self.0.scalar(Scalar::Other)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Value, A::Error> {
        self.0.seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Value, A::Error> {
        self.0.map(map)
    }
}

/// Reads the rest of an array, unused. Each element goes to `IgnoredAny`, which serde_json skips
/// without recursing, however deep it is nested.
fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A scalar as it is; arrays and objects skipped.
struct AnyScalar;

impl Shape<'_> for AnyScalar {
    type Value = Scalar;
    fn scalar<E: Error>(self, value: Scalar) -> Result<Scalar, E> {
        Ok(value)
    }
}

/// Text where text is expected: a string, or a number written out (`42` → `"42"`); anything
/// else (null, a boolean, an array, an object) is `None`.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match d.deserialize_any(Lenient(AnyScalar))? {
        Scalar::Text(s) => Some(s),
        Scalar::Int(n) => Some(n.to_string()),
        Scalar::Uint(n) => Some(n.to_string()),
        // zmij (serde_json's own formatter, already linked) rather than `f64`'s Display, which
        // is about 11 KB of wasm for this one line; JSON numbers are finite, and `3.0` stays
        // `3.0` as the document wrote it.
        Scalar::Float(n) => Some(zmij::Buffer::new().format(n).to_owned()),
        Scalar::Bool(_) | Scalar::Other => None,
    })
}

/// `true` only for JSON `true`; anything else (a string, a number, null…) is `false`.
pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(matches!(
        d.deserialize_any(Lenient(AnyScalar))?,
        Scalar::Bool(true)
    ))
}

/// [`text`], with `""` for anything that is not text or a number.
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    text(d).map(Option::unwrap_or_default)
}

/// A number type a lenient field can hold; `None` when the JSON number does not fit.
pub trait Number: Sized + Default {
    #[doc(hidden)]
    fn from_u64(n: u64) -> Option<Self>;
    #[doc(hidden)]
    fn from_i64(n: i64) -> Option<Self>;
    #[doc(hidden)]
    fn from_f64(n: f64) -> Option<Self>;
}

macro_rules! integer {
    ($($t:ty),*) => {$(
        impl Number for $t {
            fn from_u64(n: u64) -> Option<Self> { Self::try_from(n).ok() }
            fn from_i64(n: i64) -> Option<Self> { Self::try_from(n).ok() }
            // Only a whole number in range: `3.5` items is not a count.
            fn from_f64(n: f64) -> Option<Self> {
                let whole = n.fract() == 0.0 && n >= <$t>::MIN as f64 && n <= <$t>::MAX as f64;
                whole.then(|| n as $t)
            }
        }
    )*};
}
integer!(u8, u32, u64, i64);

impl Number for f64 {
    fn from_u64(n: u64) -> Option<Self> {
        Some(n as f64)
    }
    fn from_i64(n: i64) -> Option<Self> {
        Some(n as f64)
    }
    fn from_f64(n: f64) -> Option<Self> {
        Some(n)
    }
}

/// A number that fits `T`; `None` for anything else (a string, a negative count, `3.5` for an
/// integer).
pub fn opt_number<'de, D: Deserializer<'de>, T: Number>(d: D) -> Result<Option<T>, D::Error> {
    Ok(match d.deserialize_any(Lenient(AnyScalar))? {
        Scalar::Uint(n) => T::from_u64(n),
        Scalar::Int(n) => T::from_i64(n),
        Scalar::Float(n) => T::from_f64(n),
        Scalar::Text(_) | Scalar::Bool(_) | Scalar::Other => None,
    })
}

/// [`opt_number`], with 0 when there is no usable number.
pub fn number<'de, D: Deserializer<'de>, T: Number>(d: D) -> Result<T, D::Error> {
    opt_number(d).map(Option::unwrap_or_default)
}

/// An object read as `T` (whose fields are lenient themselves), anything else `None`.
struct Object<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Shape<'de> for Object<T> {
    type Value = Option<T>;
    fn scalar<E: Error>(self, _: Scalar) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

/// An object read as `T`; `None` for anything else.
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_any(Lenient(Object(PhantomData)))
}

/// One element of a list of objects.
struct Element<T>(T);

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for Element<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        object(d).map(|o| Element(o.unwrap_or_default()))
    }
}

/// A list of `T`: objects, or (`STRICT`) only an array.
struct Objects<T, const STRICT: bool>(PhantomData<T>);

impl<'de, T: Deserialize<'de> + Default, const STRICT: bool> Shape<'de> for Objects<T, STRICT> {
    type Value = Vec<T>;
    fn scalar<E: Error>(self, _: Scalar) -> Result<Vec<T>, E> {
        if STRICT {
            Err(E::invalid_type(
                Unexpected::Other("not an array"),
                &"an array",
            ))
        } else {
            Ok(Vec::new())
        }
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        // Not sized by `size_hint`: a hostile hint must not allocate.
        let mut out = Vec::new();
        while let Some(Element(one)) = seq.next_element()? {
            out.push(one);
        }
        Ok(out)
    }
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Vec<T>, A::Error> {
        if STRICT {
            skip_map(map)?;
            return self.scalar(Scalar::Other);
        }
        T::deserialize(MapAccessDeserializer::new(map)).map(|one| vec![one])
    }
}

/// A list of objects. An element that is not an object becomes `T::default()`, in its place (a
/// comment's position in Isso's list is its offset, so it is kept, and the reader of the list
/// decides what an unusable element is); a single object stands for a list of one; anything
/// else is an empty list.
pub fn objects<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    d.deserialize_any(Lenient(Objects::<T, false>(PhantomData)))
}

/// [`objects`] for a list the document cannot do without (a feed's `items`): a value that is
/// not an array is an error.
pub fn items<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    d.deserialize_any(Lenient(Objects::<T, true>(PhantomData)))
}

/// A list of texts (`tags`): each element read as [`text`], the others dropped; a single string
/// stands for a list of one.
pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    d.deserialize_any(Lenient(Strings))
}

struct Strings;

impl<'de> Shape<'de> for Strings {
    type Value = Vec<String>;
    fn scalar<E: Error>(self, value: Scalar) -> Result<Vec<String>, E> {
        Ok(match value {
            Scalar::Text(s) => vec![s],
            _ => Vec::new(),
        })
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut out = Vec::new();
        while let Some(one) = seq.next_element_seed(TextSeed)? {
            out.extend(one);
        }
        Ok(out)
    }
}

/// Reads one element of a list as [`text`].
struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        text(d)
    }
}
