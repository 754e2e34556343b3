//! `<noscript>` in post bodies: its content is shown, the tag itself goes.

use std::borrow::Cow;

/// `html` without its `<noscript>` and `</noscript>` tags, their content kept. The sanitiser
/// parses as a browser with scripting on does, where a noscript's content is raw text: a map
/// link in one (an embed's fallback, as Blogger posts carry them) came out as its own markup,
/// escaped, on the page. The script it stood in for is removed, so the fallback is what a
/// reader should see; it is sanitised like the rest. (No noscript also means no parsing
/// difference for mutation XSS to exploit.)
pub fn unwrap(html: &str) -> Cow<'_, str> {
    const NAME: &str = "noscript";
    let lower = html.to_ascii_lowercase();
    if !lower.contains(NAME) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let (mut kept, mut from) = (0, 0);
    while let Some(found) = lower[from..].find(NAME) {
        let name = from + found;
        from = name + NAME.len();
        // A tag: `<noscript` or `</noscript`, its name ending in `>`, `/` or a space.
        let open = if lower[..name].ends_with("</") {
            name - 2
        } else if lower[..name].ends_with('<') {
            name - 1
        } else {
            continue;
        };
        let whole_name = lower[from..]
            .chars()
            .next()
            .is_none_or(|c| c == '>' || c == '/' || c.is_ascii_whitespace());
        if !whole_name {
            continue;
        }
        let Some(end) = lower[from..].find('>') else {
            break;
        };
        out.push_str(&html[kept..open]);
        kept = from + end + 1;
        from = kept;
    }
    out.push_str(&html[kept..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::unwrap;

    #[test]
    fn the_fallback_is_kept_and_the_tags_go() {
        assert_eq!(
            unwrap("<p>Map:</p><NoScript class=x><a href=\"https://m.example/1\">Ver el mapa</a></noscript >after"),
            "<p>Map:</p><a href=\"https://m.example/1\">Ver el mapa</a>after"
        );
        assert_eq!(unwrap("<noscript/>x</noscript>"), "x");
    }

    #[test]
    fn a_post_shows_the_fallback_as_a_link_not_as_markup() {
        let r = crate::markdown::Renderer::new();
        let md = "Mapa:\n\n<noscript><a href=\"https://m.example/1\">Ver el mapa</a></noscript>\n";
        let html = r.render(md).html;
        assert!(html.contains(">Ver el mapa</a>"), "{html}");
        assert!(
            !html.contains("&lt;") && !html.contains("noscript"),
            "{html}"
        );
        let html =
            r.clean("<div><noscript><a href=\"https://m.example/1\">Ver</a></noscript></div>");
        assert!(
            html.contains(">Ver</a>") && !html.contains("&lt;"),
            "{html}"
        );
    }

    #[test]
    fn other_text_and_tags_are_left_alone() {
        for s in [
            "no tags",
            "<p>noscript is a word</p>",
            "<noscripts>x",
            "<a title=\"noscript\">x</a>",
            "<noscript",
        ] {
            assert_eq!(unwrap(s), s);
        }
    }
}
