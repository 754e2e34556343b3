//! Partial data (issue 14): valid JSON is never rejected as a whole. A lone surrogate escape, an
//! entry that is not an object or a field of the wrong type costs that field or that entry, and
//! the rest of a feed page or of an Isso thread is shown, with a count of what was left out.
//! Feeds go through the loader's own steps (`parse_json`, `page_from_feed`, `shown_page`),
//! threads through `build_page` / `ThreadPage` as the thread view does.
#![cfg(not(target_arch = "wasm32"))]

use frontera::api::{parse_json, shown_page, ApiError};
use frontera::model::comments::{build_page, IssoPage, Sort, ThreadPage};
use frontera::model::post::{page_from_feed, PostPage};
use frontera_wire::Feed;
use proptest::prelude::*;
use serde_json::{json, Value};

fn load_list(body: &str) -> Result<PostPage, ApiError> {
    shown_page(
        "test.json",
        page_from_feed(parse_json::<Feed>(body)?, 1, None),
    )
}

const GOOD: &str = r#"{"id":"https://ex.org/good","title":"Good","content_html":"<p>ok</p>"}"#;

#[test]
fn a_feed_page_shows_what_it_can_and_counts_the_rest() {
    let body = format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[
            "a string", 42, null, [{GOOD}], {{}},
            {{"id":"cut","title":"Cut emoji \ud83d","content_text":"\udc00 tail"}},
            {{"id":{{"x":1}},"title":7,"tags":{{"a":1}},"date_published":"yesterday",
              "authors":"Ana","content_html":["<p>x</p>"],"_frontera":"ext"}},
            {GOOD}]}}"#
    );
    let page = load_list(&body).unwrap();
    let titles: Vec<_> = page.posts.iter().map(|p| p.title.as_deref()).collect();
    assert_eq!(
        titles,
        [Some("Cut emoji \u{fffd}"), Some("7"), Some("Good")],
        "the others had nothing to show"
    );
    assert_eq!(page.skipped, 5);
    let wrong = &page.posts[1];
    assert_eq!(
        (wrong.date, wrong.labels.len(), wrong.byline.as_deref()),
        (None, 0, None)
    );
}

#[test]
fn only_a_document_that_is_not_a_feed_is_an_error() {
    for not_a_feed in [
        "[]",
        r#"{"title":"no items"}"#,
        r#"{"items":{"0":{}}}"#,
        r#"{"items":"none"}"#,
        r#"{"items":null}"#,
    ] {
        assert!(
            matches!(load_list(not_a_feed), Err(ApiError::Malformed(_))),
            "{not_a_feed}"
        );
    }
    // A feed whose every item had to be left out is damaged, not empty.
    let all_bad = load_list(r#"{"items":["x",{},{"id":"1"}]}"#);
    assert!(
        matches!(&all_bad, Err(ApiError::Malformed(m)) if m.contains('3')),
        "{all_bad:?}"
    );
    let empty = load_list(r#"{"items":[]}"#).unwrap();
    assert_eq!((empty.posts.len(), empty.skipped), (0, 0));
}

/// An Isso answer (`GET /?uri=…&nested_limit=5`) with a lone surrogate in a comment cut in the
/// middle of an emoji, a reply that is not an object, a top-level entry that is null and fields
/// of the wrong type.
const THREAD: &str = r#"{"total_replies":6,"hidden_replies":0,"replies":[
  {"id":1,"created":10.0,"mode":1,"text":"<p>Cut \ud83d</p>","author":"Ana","likes":"many",
   "total_replies":3,"replies":[
     {"id":2,"parent":1,"created":11.0,"text":"<p>first</p>"},
     "not a reply",
     {"id":4,"parent":"one","created":"later","text":5,"author":{"name":"x"},"mode":"pub"}]},
  null,
  {"id":"6","created":13.0,"text":"<p>id as a string</p>"},
  {"id":7,"created":14.0,"text":"<p>last</p>","replies":{"id":8}}
]}"#;

#[test]
fn an_isso_thread_shows_what_it_can_and_keeps_its_numbers() {
    let page: IssoPage =
        serde_json::from_str(&frontera_wire::lenient::replace_lone_surrogates(THREAD))
            .expect("Isso's answer reads");
    // The null, the string reply and the comment whose id is a string are left out.
    assert_eq!(page.skipped(), 3);
    let built = build_page(&page, Sort::Oldest, 0);
    let numbers: Vec<_> = built
        .iter()
        .flat_map(|c| std::iter::once(c).chain(&c.replies))
        .map(|c| (c.id, c.number.clone().unwrap_or_default()))
        .collect();
    // Numbers stay those of the places in Isso's list (offsets), so later pages continue them.
    let want = [(1, "1"), (2, "1.1"), (4, "1.3"), (7, "4"), (8, "4.1")];
    assert_eq!(numbers, want.map(|(id, n)| (id, n.to_string())).to_vec());
    assert_eq!(built[0].html, "<p>Cut \u{fffd}</p>");
    assert_eq!(
        (built[0].likes, built[0].author.as_deref()),
        (0, Some("Ana"))
    );
    let wrong = &built[0].replies[1];
    assert_eq!(
        (
            wrong.parent,
            wrong.html.as_str(),
            wrong.author.as_deref(),
            wrong.created
        ),
        (None, "5", None, 0.0)
    );
    // The next page starts after everything Isso returned, shown or not.
    assert_eq!(ThreadPage::new(&page, Sort::Oldest, 0).end(), 4);
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,12}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

const COMMENT_KEYS: &[&str] = &[
    "id",
    "parent",
    "text",
    "author",
    "website",
    "mode",
    "created",
    "modified",
    "likes",
    "dislikes",
    "total_replies",
    "hidden_replies",
    "replies",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any value in any field of a comment, or in place of a comment, leaves the thread readable
    /// and the comment beside it shown as it is.
    #[test]
    fn any_value_in_a_comment_leaves_the_thread_readable(
        key in prop::sample::select(COMMENT_KEYS),
        v in json_value(),
        instead in any::<bool>(),
    ) {
        let good = json!({"id": 99, "created": 5.0, "text": "<p>good</p>", "author": "Ana"});
        let odd = if instead { v.clone() } else { json!({ key: v.clone() }) };
        let body = json!({"total_replies": v, "replies": [odd, good]}).to_string();
        let page: IssoPage = serde_json::from_str(&body)
            .map_err(|e| TestCaseError::fail(format!("{body}: {e}")))?;
        prop_assert_eq!(page.replies.len(), 2);
        let built = build_page(&page, Sort::Oldest, 0);
        let last = built.last().unwrap();
        prop_assert_eq!((last.id, last.html.as_str(), last.number.as_deref()), (99, "<p>good</p>", Some("2")));
    }

    /// Any value in place of a feed item, or in any field of one, leaves the page with the good
    /// item shown and the rest counted.
    #[test]
    fn any_value_in_an_item_leaves_the_page_readable(
        key in "id|url|title|content_html|content_text|summary|tags|authors|author|date_published|_frontera",
        v in json_value(),
        instead in any::<bool>(),
    ) {
        let odd = if instead { v.clone() } else { json!({ key.as_str(): v.clone() }) };
        let good: Value = serde_json::from_str(GOOD).unwrap();
        let body = json!({"items": [odd, good], "title": v}).to_string();
        let page = load_list(&body).map_err(|e| TestCaseError::fail(format!("{body}: {e}")))?;
        prop_assert_eq!(page.posts.len() + page.skipped as usize, 2);
        prop_assert_eq!(page.posts.last().and_then(|p| p.title.as_deref()), Some("Good"));
    }
}
