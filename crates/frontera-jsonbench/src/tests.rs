//! serde-wasm-bindgen only runs in a browser (bench/json.mjs checks [`agree`] on every
//! document it times). Natively, its shape is stood in for by serde_json's own two-step path:
//! parse to a tree (`serde_json::Value`, like `JSON.parse`), then deserialise the types from
//! the tree (like `from_value`). Both steps must agree with the one-step decoder.
use super::*;

const FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Crónica",
    "home_page_url":"https://x.org/","next_url":"2.json","language":"es",
    "authors":[{"name":"Redacción","url":"https://x.org/about"}],
    "items":[
      {"id":"https://x.org/2024/03/a","url":"https://x.org/2024/03/a","title":"Agua «sí»",
       "content_html":"<p>Uno \u00e9 \ud83d\ude00</p>","date_published":"2024-03-01T10:00:00Z",
       "tags":["water","Garita Vieja"],"unknown":{"nested":[1,2,{"x":null}]},
       "_frontera":{"slug":"a","path":"/2024/03/a","byline":"La Lechuza",
         "source":{"name":"Port log","url":"https://port.example/"},"words":321,
         "older":{"title":"Old","path":"/2024/02/o"}}},
      {"id":42,"content_text":"a third-party item","author":{"name":"N"}},
      {"id":null,"title":"no id"}
    ],
    "_frontera":{"page":1,"total_pages":6,"total_items":58}}"#;

const ARCHIVE: &str = r#"{"total":3,"years":[{"year":2024,"count":3,"months":[
    {"month":3,"count":2,"pages":1,"url":"2024/03/1.json"},
    {"month":1,"count":1,"pages":1,"url":"2024/01/1.json"}]}]}"#;

fn two_step<T: Doc>(text: &str) -> T {
    let tree: serde_json::Value = serde_json::from_str(text).unwrap();
    serde_json::from_value(tree).unwrap()
}

#[test]
fn decoders_agree_on_the_fixtures() {
    let feed: Feed = json::decode(FEED).unwrap();
    assert_eq!(feed.items.len(), 3);
    assert_eq!(feed.items[1].id, "42");
    assert_eq!(feed.items[2].id, "");
    assert_eq!(feed, two_step::<Feed>(FEED));
    assert_eq!(json_feed(FEED), Ok(feed.digest()));
    #[cfg(feature = "json-bytes")]
    assert_eq!(jsonb_feed(FEED.as_bytes()), Ok(feed.digest()));

    let post = serde_json::to_string(&feed.items[0]).unwrap();
    let item: Item = json::decode(&post).unwrap();
    assert_eq!(item, feed.items[0]);
    assert_eq!(item, two_step::<Item>(&post));
    assert_eq!(json_item(&post), Ok(item.digest()));
    #[cfg(feature = "json-bytes")]
    assert_eq!(jsonb_item(post.as_bytes()), Ok(item.digest()));

    let archive: ArchiveIndex = json::decode(ARCHIVE).unwrap();
    assert_eq!(archive.years[0].months.len(), 2);
    assert_eq!(archive, two_step::<ArchiveIndex>(ARCHIVE));
    assert_eq!(json_archive(ARCHIVE), Ok(archive.digest()));
    #[cfg(feature = "json-bytes")]
    assert_eq!(jsonb_archive(ARCHIVE.as_bytes()), Ok(archive.digest()));
}

#[test]
fn digest_sees_every_kind_of_change() {
    let feed: Feed = json::decode(FEED).unwrap();
    let base = feed.digest();
    let mut f = feed.clone();
    f.items[0].ext.as_mut().unwrap().words += 1;
    assert_ne!(f.digest(), base);
    let mut f = feed.clone();
    f.items[1].tags.push("x".into());
    assert_ne!(f.digest(), base);
    let mut f = feed.clone();
    f.items[0].content_html = Some("<p>Uno</p>".into());
    assert_ne!(f.digest(), base);
    assert_ne!(Feed::default().digest(), base);
    // The baseline digests empty values of each type.
    assert_eq!(baseline(0), Feed::default().digest());
    assert_eq!(baseline(2), ArchiveIndex::default().digest());
}

#[test]
fn malformed_documents_fail_with_a_message() {
    for bad in [
        "",
        "{\"items\":[",
        "{\"items\":{}}",
        "{\"title\":\"no items\"}",
    ] {
        let e = json_feed(bad).unwrap_err();
        assert!(!e.is_empty(), "{bad:?}");
    }
    assert!(json_archive(r#"{"total":1}"#).is_err());
    #[cfg(feature = "json-bytes")]
    assert!(jsonb_feed(b"{\"items\":1}").is_err());
    assert_eq!(json_copy_only("añ"), 3);
}
