//! Partial data from servers we do not control (issue 14): which feed items and Isso comments
//! are worth showing, and what the relative links in an item's HTML are relative to. The wire
//! types read any value of the wrong type as absent (`frontera_wire::lenient`); this decides
//! what is left to show.

use frontera_wire::layout::resolve;
use frontera_wire::Item;

use super::comments::{IssoComment, IssoPage};
use super::post::safe_http_url;

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

/// The absolute http(s) URL that relative URLs in an item's HTML resolve against, as JSON Feed
/// 1.1 says: the item's `url`, else the feed's `home_page_url`, else its `feed_url` (`feed`,
/// in that order). A relative item `url` is resolved against the feed's first. `None` when
/// nothing absolute is known: the links are then left as written.
pub fn content_base(item_url: Option<&str>, feed: [Option<&str>; 2]) -> Option<String> {
    let feed_base = feed.into_iter().flatten().find_map(safe_http_url);
    let item_url = item_url.map(str::trim).filter(|u| !u.is_empty());
    item_url
        .and_then(|u| {
            safe_http_url(u).or_else(|| safe_http_url(&resolve(feed_base.as_deref()?, u)))
        })
        .or(feed_base)
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

    #[test]
    fn html_resolves_against_the_item_then_the_feed() {
        let home = Some("https://ex.org/blog/");
        let feed = Some("https://ex.org/feed.json");
        let base = |url: Option<&str>, f| content_base(url, f);
        assert_eq!(
            base(Some(" https://ex.org/2024/post/ "), [home, feed]).as_deref(),
            Some("https://ex.org/2024/post/")
        );
        assert_eq!(
            base(Some("2024/post/"), [home, feed]).as_deref(),
            Some("https://ex.org/blog/2024/post/")
        );
        assert_eq!(base(None, [home, feed]).as_deref(), home);
        assert_eq!(base(Some(""), [None, feed]).as_deref(), feed);
        assert_eq!(
            base(Some("javascript:alert(1)//"), [None, feed]).as_deref(),
            Some("https://ex.org/javascript:alert(1)/"),
            "a bad item URL is a path under the feed's, never a scheme"
        );
        assert_eq!(
            base(Some("/a"), [Some("data:text/html,x"), None]),
            None,
            "only http(s) bases"
        );
        assert_eq!(base(None, [None, None]), None);
    }
}
