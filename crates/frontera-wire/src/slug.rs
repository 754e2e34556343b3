//! Slugs for posts and labels.
//!
//! Written here rather than taken from the `slug`/`deunicode` crates because the app ships this
//! function to the browser and deunicode's transliteration tables would add far more to the wasm
//! than the few Latin letters a bilingual English/Spanish blog needs folded.

/// Turns a title or label into a lowercase ASCII slug: Latin accents are folded (`á` → `a`,
/// `ñ` → `n`), every other run of non-alphanumerics becomes one `-`, and the result is at most
/// 80 bytes. Returns an empty string when nothing usable is left (the caller picks a fallback).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            let sep = dash && !out.is_empty();
            // Stop before the limit, not after it: a dash and a letter at byte 79 would make 81.
            if out.len() + usize::from(sep) >= 80 {
                break;
            }
            if sep {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// A label's slug: [`slugify`] of its name, or, for a name with nothing [`slugify`] can use (only
/// Cyrillic, CJK, emoji, punctuation: `Новости`, `日本`, `🌵`), `l-` and eight hex digits of a
/// hash of its name as written (ASCII letters folded), so that every label a blog has gets a page.
/// Empty only for an empty (or blank) name. The compiler and the app both call this: a label's
/// link and its page must agree. Not Unicode case folding: its tables would cost the app's first
/// load several KB, for the rare blog that spells one Cyrillic label two ways.
pub fn label_slug(name: &str) -> String {
    let slug = slugify(name);
    let name = name.trim();
    if !slug.is_empty() || name.is_empty() {
        return slug;
    }
    // FNV-1a (32 bits): stable across builds and platforms, and a few bytes of code.
    let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0193)
    });
    format!("l-{hash:08x}")
}

/// Folds one character to ASCII where a reader would agree on the letter; other characters pass
/// through unchanged (and are then treated as separators by [`slugify`]).
fn fold(c: char) -> impl Iterator<Item = char> {
    let s: &'static str = match c {
        'à'..='å' | 'À'..='Å' | 'ā' | 'Ā' | 'ă' | 'Ă' | 'ą' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'è'..='ë' | 'È'..='Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => "e",
        'ì'..='ï' | 'Ì'..='Ï' | 'ī' | 'Ī' => "i",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' | 'ō' | 'Ō' | 'ő' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ù'..='ü' | 'Ù'..='Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' | 'ű' | 'Ű' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ß' => "ss",
        'ś' | 'Ś' | 'š' | 'Š' => "s",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        'ł' | 'Ł' => "l",
        'ř' | 'Ř' => "r",
        'ť' | 'Ť' => "t",
        'ď' | 'Ď' | 'đ' | 'Đ' => "d",
        '\'' | '’' => "",
        _ => return Fold::One(Some(c)),
    };
    Fold::Str(s.chars())
}

enum Fold {
    One(Option<char>),
    Str(std::str::Chars<'static>),
}

impl Iterator for Fold {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        match self {
            Fold::One(c) => c.take(),
            Fold::Str(s) => s.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{label_slug, slugify};

    #[test]
    fn folds_spanish_and_collapses_separators() {
        assert_eq!(
            slugify("Año Nuevo en la garita — ¡otra vez!"),
            "ano-nuevo-en-la-garita-otra-vez"
        );
        assert_eq!(slugify("  Água / Straße  "), "agua-strasse");
        assert_eq!(slugify("Don't panic"), "dont-panic");
    }

    #[test]
    fn empty_when_nothing_usable() {
        assert_eq!(slugify("¿¡…!?"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn labels_in_other_scripts_get_a_stable_slug_of_their_own() {
        assert_eq!(label_slug("Educación"), "educacion");
        let (news, cactus, japan) = (label_slug("Новости"), label_slug("🌵"), label_slug("日本"));
        for s in [&news, &cactus, &japan] {
            assert!(s.starts_with("l-") && s.len() == 10, "{s}");
            assert!(crate::layout::slug_part(s).is_some(), "{s}");
        }
        assert_ne!(news, cactus);
        assert_ne!(cactus, japan);
        assert_eq!(label_slug(" Новости "), news);
        assert_eq!(label_slug("  "), "");
    }

    #[test]
    fn bounded_length() {
        let long = "palabra ".repeat(100);
        assert!(slugify(&long).len() <= 80);
        assert!(!slugify(&long).ends_with('-'));
    }

    #[test]
    fn at_most_80_bytes_at_a_word_boundary() {
        // Found by tests/props.rs: a word starting at byte 79 used to make an 81-byte slug.
        let a79 = "a".repeat(79);
        assert_eq!(slugify(&format!("{a79} b")), a79);
        let a78 = "a".repeat(78);
        assert_eq!(slugify(&format!("{a78} bc")), format!("{a78}-b"));
    }
}
