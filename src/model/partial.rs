//! Partial data from servers we do not control (issue 14): which feed items and Isso comments
//! are worth showing. The wire types read any value of the wrong type as absent
//! (`frontera_wire::lenient`); this decides what is left to show.

use frontera_wire::Item;

use super::comments::{IssoComment, IssoPage};

/// Whether a feed item can be shown: it has something to show (a title, a body or a summary)
/// and something to tell it from the others (an id, a URL or a title). Anything else (an
/// element of `items` that was not an object, `{}`, an item whose every field had the wrong
/// type) is skipped and counted in `PostPage::skipped`.
pub fn usable_item(item: &Item) -> bool {
    let has = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    let titled = has(&item.title);
    let shows = titled || has(&item.content_html) || has(&item.content_text) || has(&item.summary);
    let known = titled || !item.id.trim().is_empty() || has(&item.url);
    shows && known
}

/// Whether a comment from Isso can be shown: it has an id (the key of its view, the target of
/// a reply, the thread's anchor).
pub fn usable_comment(c: &IssoComment) -> bool {
    c.id != 0
}

impl IssoPage {
    /// Comments of the answer, inlined replies included, that are not shown because they could
    /// not be read (for the developer: the others are shown).
    pub fn skipped(&self) -> u32 {
        let unusable = |list: &[IssoComment]| list.iter().filter(|c| !usable_comment(c)).count();
        let nested: usize = self.replies.iter().map(|c| unusable(&c.replies)).sum();
        u32::try_from(unusable(&self.replies) + nested).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(json: &str) -> Item {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn an_item_needs_something_to_show_and_a_name() {
        for ok in [
            r#"{"id":"1","content_text":"hi"}"#,
            r#"{"title":"T"}"#,
            r#"{"url":"https://ex.org/a","summary":"s"}"#,
            r#"{"id":7,"content_html":"<p>x</p>"}"#,
        ] {
            assert!(usable_item(&item(ok)), "{ok}");
        }
        for skipped in [
            "{}",
            r#"{"id":"1"}"#,
            r#"{"id":"1","content_text":"  ","title":null}"#,
            r#"{"content_html":"<p>nameless</p>"}"#,
            r#"{"id":{"x":1},"title":["T"],"content_html":5}"#,
        ] {
            assert!(!usable_item(&item(skipped)), "{skipped}");
        }
    }
}
