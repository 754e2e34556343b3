//! Reading JSON from servers we do not control, leniently: valid JSON is never rejected as a
//! whole because one value in it has an unexpected type (issue 14).
//!
//! - [`replace_lone_surrogates`] makes JSON text with a lone UTF-16 surrogate escape (`"\ud800"`,
//!   legal JSON that serde_json refuses for Rust strings) readable, with U+FFFD in its place.

use std::borrow::Cow;

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
