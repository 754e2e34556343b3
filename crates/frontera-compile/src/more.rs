//! The "read more" break: where a post's opening ends and the rest begins. Lists show the
//! opening and a "Read more" link, as Blogger does; the post's page shows it all.
//!
//! Two markers, found in the source body before it is rendered (the sanitiser drops both):
//! `<!--more-->` (WordPress, Hugo, Jekyll; also `<!-- more -->`) and Blogger's jump break,
//! `<a name="more"></a>` (any quotes). Written by hand rather than with an HTML parser: both are
//! one fixed token, and the body is parsed properly once it is cut.

use std::ops::Range;

/// The byte range of the first break marker in `body`, if any.
pub fn find(body: &str) -> Option<Range<usize>> {
    // ASCII lowercasing keeps byte offsets.
    let lower = body.to_ascii_lowercase();
    let comment = find_comment(&lower);
    let anchor = find_anchor(&lower);
    match (comment, anchor) {
        (Some(a), Some(b)) => Some(if a.start <= b.start { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// `body` cut at its break: the opening, and the whole body without the marker. `None` when
/// there is no break, or nothing before or after it (a list would show the same or nothing).
pub fn split(body: &str) -> Option<(&str, String)> {
    let r = find(body)?;
    let (opening, rest) = (&body[..r.start], &body[r.end..]);
    if opening.trim().is_empty() || rest.trim().is_empty() {
        return None;
    }
    Some((opening, format!("{opening}{rest}")))
}

fn find_comment(lower: &str) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(i) = lower[from..].find("<!--").map(|i| i + from) {
        let end = lower[i..].find("-->").map(|e| i + e + 3)?;
        let inner = lower[i + 4..end - 3].trim();
        let word_ends = inner
            .strip_prefix("more")
            .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric()));
        if word_ends {
            return Some(i..end);
        }
        from = end;
    }
    None
}

fn find_anchor(lower: &str) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(i) = lower[from..].find("<a").map(|i| i + from) {
        let close = lower[i..].find('>').map(|e| i + e)?;
        let tag = &lower[i + 2..close];
        let is_more = tag.starts_with(char::is_whitespace)
            && tag
                .split_whitespace()
                .any(|attr| matches!(attr, "name='more'" | "name=\"more\"" | "name=more"));
        if is_more {
            let after = lower[close + 1..].trim_start();
            if let Some(tail) = after.strip_prefix("</a>") {
                return Some(i..lower.len() - tail.len());
            }
        }
        from = close + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_marker_and_the_first_of_two() {
        for (body, marker) in [
            ("One.\n\n<!--more-->\n\nTwo.", "<!--more-->"),
            ("One. <!-- More --> Two.", "<!-- More -->"),
            (
                "<p>One.<a name='more'></a></p><p>Two.</p>",
                "<a name='more'></a>",
            ),
            ("One.<A NAME=\"more\"> </A>Two.", "<A NAME=\"more\"> </A>"),
            (
                "One.<a name=more></a>Two. <!--more--> Three.",
                "<a name=more></a>",
            ),
        ] {
            let r = find(body).unwrap_or_else(|| panic!("{body}"));
            assert_eq!(&body[r], marker);
        }
    }

    #[test]
    fn other_comments_and_anchors_are_not_breaks() {
        for body in [
            "One. <!-- morning edition --> Two.",
            "One. <!-- note: more later --> Two.",
            "<a name='moreover'></a> <a href='#more'>more</a> <abbr>more</abbr>",
            "<a name='more'>text</a> Two.",
            "unclosed <!--more",
        ] {
            assert_eq!(find(body), None, "{body}");
        }
    }

    #[test]
    fn split_needs_text_on_both_sides() {
        let (opening, whole) = split("Uno, ñandú.\n<!--more-->\nDos.").unwrap();
        assert_eq!(opening, "Uno, ñandú.\n");
        assert_eq!(whole, "Uno, ñandú.\n\nDos.");
        assert_eq!(split("<!--more-->\nAll of it."), None);
        assert_eq!(split("All of it.\n<!--more-->\n  "), None);
        assert_eq!(split("No break."), None);
    }
}
