use super::*;
use crate::*;

// ---------------------------------------------------------------------------------------------
// JSON trees

/// Keys of JSON Feed documents, Frontera's extension and Isso's answers.
pub(crate) const KEYS: &[&str] = &[
    "version",
    "title",
    "items",
    "id",
    "url",
    "external_url",
    "content_html",
    "content_text",
    "summary",
    "date_published",
    "date_modified",
    "tags",
    "next_url",
    "_frontera",
    "authors",
    "author",
    "name",
    "language",
    "slug",
    "path",
    "byline",
    "source",
    "words",
    "newer",
    "older",
    "page",
    "total_pages",
    "total_items",
    "prev_url",
    "parent",
    "text",
    "website",
    "mode",
    "created",
    "likes",
    "replies",
    "total_replies",
    "hidden_replies",
    "years",
    "months",
    "month",
    "year",
    "count",
    "labels",
];

pub(crate) fn leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (0u32..20).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
        url_text().prop_map(Value::String),
        date_text().prop_map(Value::String),
    ]
    .boxed()
}

pub(crate) fn key() -> BoxedStrategy<String> {
    prop_oneof![
        9 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => any::<String>(),
    ]
    .boxed()
}

/// Any JSON value, its object keys biased towards the keys the app reads.
pub(crate) fn json_tree() -> BoxedStrategy<Value> {
    leaf()
        .prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec((key(), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
        .boxed()
}

/// Mostly a value of the right shape, now and then any JSON at all.
pub(crate) fn loose(s: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![30 => s, 1 => json_tree()].boxed()
}

pub(crate) fn string(s: BoxedStrategy<String>) -> BoxedStrategy<Value> {
    loose(s.prop_map(Value::String).boxed())
}

/// An object with each of `fields` present or not.
pub(crate) fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
    fields
        .into_iter()
        .map(|(k, v)| prop::option::weighted(0.6, v).prop_map(move |v| v.map(|v| (k, v))))
        .collect::<Vec<_>>()
        .prop_map(|kv| {
            Value::Object(
                kv.into_iter()
                    .flatten()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect::<Map<_, _>>(),
            )
        })
        .boxed()
}

pub(crate) fn author_json() -> BoxedStrategy<Value> {
    object(vec![("name", string(text())), ("url", string(url_text()))])
}

pub(crate) fn number(s: BoxedStrategy<u64>) -> BoxedStrategy<Value> {
    loose(s.prop_map(Value::from).boxed())
}

pub(crate) fn item_ext_json() -> BoxedStrategy<Value> {
    let post_ref = || {
        object(vec![
            ("title", string(text())),
            ("path", string(path_text())),
        ])
    };
    object(vec![
        ("slug", string(slug_text())),
        ("path", string(path_text())),
        ("byline", string(text())),
        (
            "source",
            object(vec![("name", string(text())), ("url", string(url_text()))]),
        ),
        ("words", number((0u64..5000).boxed())),
        ("newer", post_ref()),
        ("older", post_ref()),
    ])
}

pub(crate) fn item_json() -> BoxedStrategy<Value> {
    object(vec![
        (
            "id",
            loose(
                prop_oneof![
                    url_text().prop_map(Value::String),
                    text().prop_map(Value::String),
                    any::<i64>().prop_map(Value::from),
                ]
                .boxed(),
            ),
        ),
        ("url", string(url_text())),
        ("external_url", string(url_text())),
        ("title", string(text())),
        ("content_html", string(text())),
        ("content_text", string(text())),
        ("summary", string(text())),
        ("date_published", string(date_text())),
        (
            "tags",
            loose(
                prop::collection::vec(text().prop_map(Value::String), 0..4)
                    .prop_map(Value::Array)
                    .boxed(),
            ),
        ),
        (
            "authors",
            loose(
                prop::collection::vec(author_json(), 0..3)
                    .prop_map(Value::Array)
                    .boxed(),
            ),
        ),
        ("author", author_json()),
        ("language", string("[a-z]{2}(-[A-Z]{2})?|".boxed())),
        ("_frontera", item_ext_json()),
    ])
}

/// A JSON Feed document (with or without Frontera's extension) as a JSON value.
pub(crate) fn feed_json() -> BoxedStrategy<Value> {
    let with_items = |mut v: Value, items: Vec<Value>| {
        if let Value::Object(m) = &mut v {
            m.insert("items".into(), Value::Array(items));
        }
        v
    };
    (
        object(vec![
            (
                "version",
                string(Just("https://jsonfeed.org/version/1.1".to_string()).boxed()),
            ),
            ("title", string(text())),
            ("next_url", string(url_text())),
            (
                "_frontera",
                object(vec![
                    ("page", number((0u64..30).boxed())),
                    ("total_pages", number((0u64..30).boxed())),
                    ("total_items", number(any::<u64>().boxed())),
                    ("prev_url", string(url_text())),
                ]),
            ),
        ]),
        prop::collection::vec(item_json(), 0..5),
    )
        .prop_map(move |(v, items)| with_items(v, items))
        .boxed()
}
