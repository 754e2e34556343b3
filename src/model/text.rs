//! Plain-text fields as generators really write them.
//!
//! JSON Feed text fields (`title`, `summary`, `content_text`, tags, author names) are plain text,
//! but several generators leave HTML entities in them (Publii writes `&quot;`, WordPress leaves
//! `&#8220;` in `content_text`). We decode them exactly once, into text, never through an HTML
//! parser, so `&lt;script&gt;` shows as the literal `<script>` and can never become markup.
//! Hand-written rather than a crate: the few named entities these generators emit are covered,
//! and the full HTML5 entity table would cost more wasm than the rest of this module.

/// A commenter's name as shown: entities decoded, without the invisible characters that would
/// let it pose as someone else (bidirectional overrides and isolates that reverse what follows,
/// "Moderator \u{202e}resoohc" read as "Moderator chooser"; zero-width characters that make a
/// name look empty), trimmed. `None` when nothing visible is left: the comment is anonymous.
pub fn display_name(s: &str) -> Option<String> {
    let invisible = |c: char| {
        matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'
            | '\u{2060}' | '\u{061c}' | '\u{feff}')
    };
    let name: String = decode_entities(s)
        .chars()
        .filter(|&c| !invisible(c))
        .collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Decodes numeric entities (`&#8220;`, `&#x201C;`) and the common named ones, once.
/// Anything unrecognised is left as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        match tail[1..]
            .find(';')
            .filter(|&j| j <= 10)
            .and_then(|j| decode_one(&tail[1..=j]).map(|c| (c, j + 2)))
        {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // NUL and surrogates are not characters; show the replacement character as browsers do.
        return Some(
            char::from_u32(code)
                .filter(|c| *c != '\0')
                .unwrap_or('\u{fffd}'),
        );
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "iexcl" => '¡',
        "iquest" => '¿',
        "copy" => '©',
        "middot" => '·',
        _ => return None,
    })
}

/// Moves every heading of an HTML fragment `by` levels down the outline, to `h6` at most: a
/// post's `h2` sections become `h4` under a list's `h3` post titles, a comment's `# Heading` no
/// `h1` beside the page's (WCAG 1.3.1). Works on the tag names alone (`<h2`, `</h2`), before the
/// fragment is sanitised, which it is afterwards as ever: a `<h2` inside an attribute's value
/// only changes that value.
pub fn shift_headings(html: &str, by: u8) -> String {
    if by == 0 || !html.contains("<h") {
        return html.to_string();
    }
    let mut out = html.to_string();
    // From the lowest level up, so that a moved heading is never moved again.
    for level in (1..=6u8).rev() {
        let to = (level + by).min(6);
        if to != level {
            for (from, into) in [("<h", "<h"), ("</h", "</h")] {
                out = out.replace(&format!("{from}{level}"), &format!("{into}{to}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{decode_entities, display_name, shift_headings};

    #[test]
    fn decodes_what_generators_leave() {
        assert_eq!(
            decode_entities("Seminari &quot;Capitalisme&quot;&hellip;"),
            "Seminari \"Capitalisme\"…"
        );
        assert_eq!(
            decode_entities("&#8220;quoted&#8221; &#x2014; it&#8217;s"),
            "“quoted” — it’s"
        );
    }

    #[test]
    fn headings_move_down_the_outline_once() {
        assert_eq!(
            shift_headings("<h2>A</h2><p>x</p><h3 class=\"k\">B</h3><h4>C</h4>", 2),
            "<h4>A</h4><p>x</p><h5 class=\"k\">B</h5><h6>C</h6>"
        );
        assert_eq!(
            shift_headings("<h1>T</h1><h2>U</h2><h6>V</h6><hr>", 3),
            "<h4>T</h4><h5>U</h5><h6>V</h6><hr>"
        );
        assert_eq!(
            shift_headings("<p>no headings</p>", 2),
            "<p>no headings</p>"
        );
        assert_eq!(shift_headings("<h2>same</h2>", 0), "<h2>same</h2>");
    }

    #[test]
    fn decodes_once_and_never_makes_markup() {
        assert_eq!(decode_entities("&amp;#8220;"), "&#8220;");
        assert_eq!(decode_entities("&lt;script&gt;"), "<script>");
    }

    #[test]
    fn leaves_the_rest_alone() {
        for s in [
            "AT&T",
            "a & b",
            "&unknown;",
            "&#;",
            "&#xZZ;",
            "&",
            "&&&;",
            "fish &chips; &",
        ] {
            assert_eq!(decode_entities(s), s, "{s}");
        }
        assert_eq!(decode_entities("&#0;&#xD800;"), "\u{fffd}\u{fffd}");
        assert_eq!(decode_entities("&#99999999999;"), "&#99999999999;");
    }

    #[test]
    fn names_lose_what_would_reverse_or_hide_them() {
        assert_eq!(
            display_name("Moderator \u{202e}resoohc\u{202c} (verified)").as_deref(),
            Some("Moderator resoohc (verified)")
        );
        assert_eq!(
            display_name("\u{2067}gnp.exe\u{2069}").as_deref(),
            Some("gnp.exe")
        );
        assert_eq!(display_name("\u{200b}\u{200b} \u{feff}"), None);
        assert_eq!(
            display_name("Ana &amp; Beto").as_deref(),
            Some("Ana & Beto")
        );
        // Arabic and Hebrew names keep their own direction: only the controls go.
        assert_eq!(display_name(" مريم ").as_deref(), Some("مريم"));
    }
}
