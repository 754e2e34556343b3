//! Lenient reading (issue 14): lone surrogate escapes are mended before parsing, and a value of
//! the wrong type in any field of a feed or item reads as absent without failing the document.

use frontera_wire::lenient::replace_lone_surrogates;
use frontera_wire::{Feed, Item};
use proptest::prelude::*;
use serde_json::{json, Value};

fn mend(s: &str) -> String {
    replace_lone_surrogates(s).into_owned()
}

#[test]
fn lone_surrogates_become_the_replacement_character() {
    let cases = [
        (r#""\ud800""#, r#""\ufffd""#),
        (r#""\uDBFF!""#, r#""\ufffd!""#),
        (r#""\udc00\ud800""#, r#""\ufffd\ufffd""#),
        // A high surrogate before a pair: only the first is alone.
        (r#""\ud800\ud83d\ude00""#, r#""\ufffd\ud83d\ude00""#),
        // An escaped backslash then a lone surrogate escape.
        (r#""\\\ud800""#, r#""\\\ufffd""#),
        // Cut at the end of the text (invalid JSON either way, but never a panic).
        (r#""\ud800"#, r#""\ufffd"#),
    ];
    for (before, after) in cases {
        assert_eq!(mend(before), after, "{before}");
        // Complete strings now read; the cut one stays invalid JSON.
        assert_eq!(
            serde_json::from_str::<String>(&mend(before)).is_ok(),
            before.ends_with('"'),
            "{before}"
        );
    }
}

#[test]
fn text_without_lone_surrogates_is_borrowed_unchanged() {
    for same in [
        r#""\ud83d\ude00""#,
        r#""\\ud800""#,
        r#""\\\\ud800""#,
        r#""\u00e9 \n \" \/ \ud7ff \ue000""#,
        r#""\ud8"#,
        r#""\uZZZZ\ud8""#,
        "\"caf\\\u{e9}\"",
        "",
    ] {
        assert!(
            matches!(replace_lone_surrogates(same), std::borrow::Cow::Borrowed(_)),
            "{same}"
        );
    }
}

#[test]
fn a_lone_surrogate_in_a_title_no_longer_fails_the_feed() {
    let body = r#"{"items":[{"id":"a","title":"Cut emoji \ud83d","content_html":"<p>x</p>"}]}"#;
    assert!(
        serde_json::from_str::<Feed>(body).is_err(),
        "serde_json alone refuses it"
    );
    let feed: Feed = serde_json::from_str(&mend(body)).unwrap();
    assert_eq!(feed.items[0].title.as_deref(), Some("Cut emoji \u{fffd}"));
}

#[test]
fn a_number_where_text_is_expected_reads_as_written() {
    for (id, title, want_id, want_title) in [
        (json!(42), json!(4.5), "42", Some("4.5")),
        (json!(-7), json!(3.0), "-7", Some("3.0")),
        (
            json!(18446744073709551615u64),
            json!(1e300),
            "18446744073709551615",
            Some("1e+300"),
        ),
        (json!("a"), json!(0.1), "a", Some("0.1")),
        (json!("b"), json!(true), "b", None),
    ] {
        let item: Item = serde_json::from_value(json!({"id": id, "title": title})).unwrap();
        assert_eq!(
            (item.id.as_str(), item.title.as_deref()),
            (want_id, want_title)
        );
    }
}

#[test]
fn ten_thousand_nested_arrays_in_a_known_field_are_skipped() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let body = format!(r#"{{"id":"a","content_html":{deep},"tags":["x",{deep}],"title":"T"}}"#);
    let item: Item = serde_json::from_str(&body).unwrap();
    assert_eq!(item.content_html, None);
    assert_eq!(item.tags, vec!["x".to_string()]);
    assert_eq!(item.title.as_deref(), Some("T"));
}

/// One UTF-16 code unit sequence piece: a character, written as itself or escaped, or a lone
/// surrogate, always escaped (it cannot be written in UTF-8).
#[derive(Clone, Debug)]
enum Piece {
    Char(char, bool),
    Lone(u16),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        (any::<char>(), any::<bool>()).prop_map(|(c, raw)| Piece::Char(c, raw)),
        (
            prop::sample::select(vec!['\\', '"', 'u', 'd', '8', '0', '/']),
            any::<bool>()
        )
            .prop_map(|(c, raw)| Piece::Char(c, raw)),
        (0xD800u16..=0xDFFF).prop_map(Piece::Lone),
    ]
}

/// The JSON string literal for `pieces`, and the code units it stands for.
fn encode(pieces: &[Piece], upper: bool) -> (String, Vec<u16>) {
    let mut json = String::from('"');
    let mut units = Vec::new();
    let escape = |json: &mut String, u: u16| {
        json.push_str(&if upper {
            format!("\\u{u:04X}")
        } else {
            format!("\\u{u:04x}")
        })
    };
    for p in pieces {
        match *p {
            Piece::Char(c, raw) => {
                let mut buf = [0u16; 2];
                let encoded = c.encode_utf16(&mut buf);
                units.extend_from_slice(encoded);
                match c {
                    '"' => json.push_str("\\\""),
                    '\\' => json.push_str("\\\\"),
                    c if raw && c >= ' ' => json.push(c),
                    _ => encoded.iter().for_each(|&u| escape(&mut json, u)),
                }
            }
            Piece::Lone(u) => {
                units.push(u);
                escape(&mut json, u);
            }
        }
    }
    json.push('"');
    (json, units)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Mended text reads as `String::from_utf16_lossy` reads the same code units: each lone
    /// surrogate becomes U+FFFD, every pair and every other escape keeps its meaning.
    #[test]
    fn mending_matches_utf16_lossy(pieces in prop::collection::vec(piece(), 0..24), upper in any::<bool>()) {
        let (json, units) = encode(&pieces, upper);
        let read: String = serde_json::from_str(&replace_lone_surrogates(&json))
            .map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
        prop_assert_eq!(read, String::from_utf16_lossy(&units), "{}", json);
    }

    /// What serde_json writes never has a lone surrogate: the pass leaves it as it is.
    #[test]
    fn valid_documents_are_untouched(s in any::<String>(), k in any::<String>()) {
        let doc = json!({ k: s, "items": [s] }).to_string();
        prop_assert_eq!(replace_lone_surrogates(&doc), doc.as_str());
    }

    /// Any JSON value in any field of an item leaves the feed readable and the item beside it
    /// intact.
    #[test]
    fn any_value_in_any_field_reads(key in prop::sample::select(ITEM_KEYS), v in json_value()) {
        let good = json!({"id": "good", "title": "Good", "tags": ["a"], "_frontera": {"slug": "good", "path": "/2024/01/good", "words": 3}});
        let body = json!({"title": v.clone(), "items": [{ key: v.clone() }, good.clone()], "_frontera": { key: v }});
        let feed: Feed = serde_json::from_str(&body.to_string())
            .map_err(|e| TestCaseError::fail(format!("{body}: {e}")))?;
        prop_assert_eq!(feed.items.len(), 2);
        prop_assert_eq!(&feed.items[1], &serde_json::from_value::<Item>(good).unwrap());
    }
}

const ITEM_KEYS: &[&str] = &[
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "date_published",
    "date_modified",
    "authors",
    "author",
    "tags",
    "language",
    "_frontera",
    "slug",
    "path",
    "byline",
    "source",
    "words",
    "newer",
    "older",
    "page",
    "total_pages",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(ITEM_KEYS), inner), 0..4).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}
