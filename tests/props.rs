//! Property tests of the app's pure model: feed normalisation (`parse_json`, `page_from_feed`,
//! `post_from_item`, `derive_slug`), dates, text decoding, comment numbering, the "more" buttons
//! of the comment thread, and the archive and label widgets. Every function takes arbitrary
//! input without panicking; the invariants checked are the ones the code's docs promise.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use frontera::api::{parse_json, ApiError, ListKind};
use frontera::model::archive::{archive_years, label_entries, label_name};
use frontera::model::comments::{
    build_page, build_replies, chain_pages, cookie_max_age, countdown, draft_key, iso_utc,
    number_by_creation, own_key, relative_bucket, top_level_number, top_level_total,
    usable_comment, Comment, IssoComment, IssoPage, OwnComment, Sort, ThreadPage,
};
use frontera::model::config::{CommentsConfig, Config};
use frontera::model::dates::{group_by_day, PostDate};
use frontera::model::partial::usable_item;
use frontera::model::post::{
    derive_slug, page_from_feed, post_from_item, safe_http_url, Body, Post,
};
use frontera::model::replies::{add_replies, more_pages, more_replies, next_batch, LoadedReplies};
use frontera::model::text::decode_entities;
use frontera_wire::layout::{slug_part, Route};
use frontera_wire::{
    ArchiveIndex, ArchiveMonth, ArchiveYear, Author, Feed, Item, ItemExt, LabelEntry, LabelIndex,
    Source,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

// ---------------------------------------------------------------------------------------------
// Text strategies

/// Plain text as generators leave it: entities (known, unknown, numeric, broken), markup,
/// blanks, accents; sometimes anything at all.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 áéñü¿¡<>\"'.,&;#-]{0,24}",
        3 => "((&(amp|lt|gt|quot|apos|nbsp|hellip|mdash|bogus|#[0-9]{1,8}|#x[0-9a-fA-F]{1,7}|#|#x|#-1|#\\+65)?;?)|[a-zA-Z ]{0,4}){0,6}",
        1 => Just(String::new()),
        1 => "[ \t\n]{1,3}",
        2 => any::<String>(),
    ]
    .boxed()
}

/// What `url`, `id`, `website` and `next_url` hold: http(s) URLs of every shape, other schemes,
/// relative junk, or anything.
fn url_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "(https?|HTTPS?|Http)://[a-z.]{1,10}(:[0-9]{2,4})?(/[a-zA-Z0-9._~%-]{0,10}){0,4}/?(\\?[a-z]{1,2}=[0-9]{1,5})?(#[a-z0-9]{0,4})?",
        1 => " ?https?://[a-z]{1,6}/(index\\.(html|php))?(\\?p=[0-9]{1,6})?",
        1 => "(javascript|data|ftp|mailto|JavaScript):[a-z()0-9/]{0,10}",
        1 => "(//|/|\\./|\\.\\./)?[a-z0-9/.?=#-]{0,20}",
        1 => "https?:/{0,3}",
        1 => any::<String>(),
    ]
    .boxed()
}

/// `date_published` as feeds write it: RFC 3339, the loose forms, nonsense.
fn date_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => rfc3339().prop_map(|d| d.text),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}( \\+0000)?)?",
        1 => "[0-9T:+Z. -]{0,30}",
        1 => any::<String>(),
    ]
    .boxed()
}

/// Valid routes of the app, as `_frontera.path` would hold them.
fn route() -> BoxedStrategy<Route> {
    let slug = "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}";
    prop_oneof![
        (1u32..50).prop_map(|page| Route::Home { page }),
        (0i32..=9999, 1u8..=12, slug).prop_map(|(year, month, slug)| Route::Post {
            year,
            month,
            slug
        }),
        Just(Route::Archive),
        (0i32..=9999, 1u8..=12, 1u32..50).prop_map(|(year, month, page)| Route::Month {
            year,
            month,
            page
        }),
        (slug, 1u32..50).prop_map(|(slug, page)| Route::Label { slug, page }),
    ]
    .boxed()
}

fn path_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => route().prop_map(|r| r.path()),
        1 => "/[0-9]{2,5}/[0-9]{1,3}/[a-zA-Z0-9.-]{0,10}/?",
        1 => any::<String>(),
    ]
    .boxed()
}

fn slug_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}",
        1 => "[a-zA-Z0-9./-]{0,10}",
        1 => any::<String>(),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// RFC 3339 timestamps built from their parts

#[derive(Clone, Debug)]
struct Rfc3339 {
    text: String,
    year: i32,
    month: u8,
    day: u8,
    /// Seconds since the epoch of the written moment, and its nanoseconds.
    utc_secs: i64,
    nanos: i64,
    leap: bool,
}

fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a civil date (H. Hinnant's algorithm), written independently of the
/// `time` crate the app parses with.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn rfc3339() -> impl Strategy<Value = Rfc3339> {
    (0i32..=9999, 1u8..=12)
        .prop_flat_map(|(year, month)| {
            (
                Just((year, month)),
                1..=days_in_month(year, month),
                (0u8..24, 0u8..60, prop_oneof![20 => 0u8..60, 1 => Just(60u8)]),
                prop::option::of("[0-9]{1,9}"),
                prop_oneof![4 => Just('T'), 1 => Just('t'), 1 => Just(' ')],
                prop_oneof![
                    Just(None),
                    (any::<bool>(), 0u8..24, 0u8..60).prop_map(Some),
                ],
                any::<bool>(),
            )
        })
        .prop_map(
            |((year, month), day, (h, mi, s), frac, sep, offset, lower_z)| {
                let (off_text, off_secs) = match offset {
                    None => ((if lower_z { "z" } else { "Z" }).to_string(), 0i64),
                    Some((neg, oh, om)) => {
                        let secs = i64::from(oh) * 3600 + i64::from(om) * 60;
                        (
                            format!("{}{oh:02}:{om:02}", if neg { '-' } else { '+' }),
                            if neg { -secs } else { secs },
                        )
                    }
                };
                let frac_text = frac.as_deref().map_or(String::new(), |f| format!(".{f}"));
                let nanos = frac.as_deref().map_or(0, |f| {
                    format!("{f:0<9}").parse::<i64>().expect("nine digits")
                });
                let days = days_from_civil(i64::from(year), i64::from(month), i64::from(day));
                let utc_secs = days * 86_400
                    + i64::from(h) * 3600
                    + i64::from(mi) * 60
                    + i64::from(s)
                    - off_secs;
                Rfc3339 {
                    text: format!(
                        "{year:04}-{month:02}-{day:02}{sep}{h:02}:{mi:02}:{s:02}{frac_text}{off_text}"
                    ),
                    year,
                    month,
                    day,
                    utc_secs,
                    nanos,
                    leap: s == 60,
                }
            },
        )
}

// ---------------------------------------------------------------------------------------------
// JSON trees

/// Keys of JSON Feed documents, Frontera's extension and Isso's answers.
const KEYS: &[&str] = &[
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

fn leaf() -> BoxedStrategy<Value> {
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

fn key() -> BoxedStrategy<String> {
    prop_oneof![
        9 => prop::sample::select(KEYS).prop_map(str::to_string),
        1 => any::<String>(),
    ]
    .boxed()
}

/// Any JSON value, its object keys biased towards the keys the app reads.
fn json_tree() -> BoxedStrategy<Value> {
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
fn loose(s: BoxedStrategy<Value>) -> BoxedStrategy<Value> {
    prop_oneof![30 => s, 1 => json_tree()].boxed()
}

fn string(s: BoxedStrategy<String>) -> BoxedStrategy<Value> {
    loose(s.prop_map(Value::String).boxed())
}

/// An object with each of `fields` present or not.
fn object(fields: Vec<(&'static str, BoxedStrategy<Value>)>) -> BoxedStrategy<Value> {
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

fn author_json() -> BoxedStrategy<Value> {
    object(vec![("name", string(text())), ("url", string(url_text()))])
}

fn number(s: BoxedStrategy<u64>) -> BoxedStrategy<Value> {
    loose(s.prop_map(Value::from).boxed())
}

fn item_ext_json() -> BoxedStrategy<Value> {
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

fn item_json() -> BoxedStrategy<Value> {
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
fn feed_json() -> BoxedStrategy<Value> {
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

// ---------------------------------------------------------------------------------------------
// Typed strategies

fn opt<T: std::fmt::Debug + Clone + 'static>(s: BoxedStrategy<T>) -> BoxedStrategy<Option<T>> {
    prop::option::of(s).boxed()
}

fn author() -> BoxedStrategy<Author> {
    (opt(text()), opt(url_text()))
        .prop_map(|(name, url)| Author {
            name,
            url,
            avatar: None,
        })
        .boxed()
}

fn item() -> BoxedStrategy<Item> {
    let ext = (
        slug_text(),
        path_text(),
        opt(text()),
        opt((text(), opt(url_text()))
            .prop_map(|(name, url)| Source { name, url })
            .boxed()),
        any::<u32>(),
    )
        .prop_map(|(slug, path, byline, source, words)| ItemExt {
            slug,
            path,
            byline,
            source,
            words,
            newer: None,
            older: None,
            related: Vec::new(),
        });
    (
        (
            prop_oneof![url_text(), text()],
            opt(url_text()),
            opt(url_text()),
            opt(text()),
            opt(text()),
            opt(text()),
            opt(text()),
        ),
        (
            opt(date_text()),
            prop::collection::vec(author(), 0..3),
            opt(author()),
            prop::collection::vec(text(), 0..4),
            opt("[a-z]{2}|[ ]?".boxed()),
            prop::option::of(ext),
        ),
    )
        .prop_map(
            |(
                (id, url, external_url, title, content_html, content_text, summary),
                (date_published, authors, author, tags, language, ext),
            )| Item {
                id,
                url,
                external_url,
                title,
                content_html,
                content_text,
                summary,
                date_published,
                authors,
                author,
                tags,
                language,
                ext,
                ..Item::default()
            },
        )
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Post invariants

fn is_http(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// What every normalised post promises the views, given the item it came from.
fn check_post(post: &Post, item: &Item, own_labels: bool) -> Result<(), TestCaseError> {
    // Always routable: the slug is one the router accepts and the path parses.
    prop_assert_eq!(slug_part(&post.slug), Some(post.slug.clone()), "{:?}", item);
    let route = Route::parse(&post.path);
    prop_assert!(
        route.is_some(),
        "unroutable path {:?} from {:?}",
        post.path,
        item
    );
    prop_assert!(!post.id.is_empty());
    prop_assert_eq!(
        post.date,
        item.date_published.as_deref().and_then(PostDate::parse)
    );
    let ext_path = item
        .ext
        .as_ref()
        .map(|e| e.path.clone())
        .filter(|p| matches!(Route::parse(p), Some(Route::Post { .. })));
    prop_assert!(
        matches!(route, Some(Route::Post { .. })),
        "a post's path is a post route: {:?}",
        post.path
    );
    match ext_path {
        Some(p) => prop_assert_eq!(&post.path, &p),
        None => {
            // A derived route is canonical (the plain-feed post lookup compares paths) and
            // names the post's own slug, dated by its date or year 0 when it has none.
            let (year, month) = post.date.map_or((0, 1), |d| (d.year(), d.month()));
            let want = Route::Post {
                year,
                month,
                slug: post.slug.clone(),
            };
            prop_assert_eq!(route, Some(want.clone()));
            prop_assert_eq!(&want.path(), &post.path);
        }
    }
    if item.ext.is_none() {
        prop_assert_eq!(&post.slug, &derive_slug(item));
    }
    // Blank text fields are absent, after their entities are decoded.
    if let Some(t) = &post.title {
        prop_assert!(!is_blank(t), "blank title {:?} from {:?}", t, item.title);
    }
    if let Some(s) = &post.summary {
        prop_assert!(
            !is_blank(s),
            "blank summary {:?} from {:?}",
            s,
            item.summary
        );
    }
    match &post.body {
        Body::Html(h) => prop_assert!(!is_blank(h)),
        Body::Text(_) => prop_assert!(item.content_html.as_deref().is_none_or(is_blank)),
        Body::Empty => {}
    }
    for label in &post.labels {
        prop_assert!(!is_blank(&label.name), "blank label {:?}", label.name);
        if let Some(s) = &label.slug {
            prop_assert!(own_labels, "label links only for Frontera data");
            prop_assert_eq!(slug_part(s), Some(s.clone()));
        }
    }
    if let Some(u) = &post.external_url {
        prop_assert!(is_http(u), "{u:?}");
        prop_assert!(item.ext.is_none());
    }
    // Relative links in the body resolve against an http(s) URL or not at all.
    if let Some(b) = &post.base {
        prop_assert!(is_http(b), "{b:?}");
    }
    if let Some(s) = &post.source {
        prop_assert!(!is_blank(&s.name));
        if let Some(u) = &s.url {
            prop_assert!(is_http(u), "{u:?}");
        }
    }
    Ok(())
}

fn check_page(feed: &Feed, page: u32) -> Result<(), TestCaseError> {
    let own = feed.ext.is_some();
    let got = page_from_feed(feed.clone(), page, None);
    // Items with nothing to show are left out and counted; the others are shown in order.
    let usable: Vec<&Item> = feed.items.iter().filter(|i| usable_item(i)).collect();
    prop_assert_eq!(got.posts.len(), usable.len());
    prop_assert_eq!(got.skipped as usize, feed.items.len() - usable.len());
    prop_assert_eq!(got.page, page);
    prop_assert_eq!(got.total_pages.is_some(), own);
    if let Some(total) = got.total_pages {
        prop_assert!(total >= page);
        prop_assert_eq!(got.has_older(), page < total);
    }
    prop_assert_eq!(got.has_newer(), page > 1);
    for (post, item) in got.posts.iter().zip(usable) {
        check_post(post, item, own)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Feed normalisation

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever a server answers, the reader gets a feed or `Malformed`, never a panic.
    #[test]
    fn any_body_is_a_feed_or_malformed(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let body = String::from_utf8_lossy(&bytes);
        for r in [parse_json::<Feed>(&body), parse_json::<Feed>(&format!("{{{body}"))] {
            match r {
                Ok(feed) => check_page(&feed, 1)?,
                Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
            }
        }
        let _ = parse_json::<Item>(&body);
        let _ = parse_json::<ArchiveIndex>(&body);
        let _ = parse_json::<LabelIndex>(&body);
        let _ = parse_json::<Config>(&body);
    }

    #[test]
    fn any_text_is_a_feed_or_malformed(body in any::<String>()) {
        match parse_json::<Feed>(&body) {
            Ok(feed) => check_page(&feed, 1)?,
            Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any JSON document, keys biased towards JSON Feed's: parsed or rejected as `Malformed`,
    /// and when parsed, normalised into routable posts.
    #[test]
    fn any_json_tree_normalises_or_is_malformed(v in json_tree(), page in 1u32..5) {
        let body = v.to_string();
        match parse_json::<Feed>(&body) {
            Ok(feed) => check_page(&feed, page)?,
            Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
        }
        if let Ok(item) = parse_json::<Item>(&body) {
            check_post(&post_from_item(item.clone(), true), &item, true)?;
        }
    }

    /// Feed-shaped JSON (third-party or Frontera's own, with odd values in any field).
    #[test]
    fn feed_shaped_json_normalises(v in feed_json(), page in 1u32..5) {
        let body = v.to_string();
        match parse_json::<Feed>(&body) {
            Ok(feed) => {
                check_page(&feed, page)?;
                // What the app reads, it can write and read again unchanged.
                let again: Feed = parse_json(&serde_json::to_string(&feed).unwrap()).unwrap();
                prop_assert_eq!(again, feed);
            }
            Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
        }
    }

    /// A post document (one item on its own, as Frontera writes them).
    #[test]
    fn post_documents_normalise(v in item_json()) {
        if let Ok(item) = parse_json::<Item>(&v.to_string()) {
            check_post(&post_from_item(item.clone(), true), &item, true)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn items_normalise_to_routable_posts(item in item(), own in any::<bool>()) {
        check_post(&post_from_item(item.clone(), own), &item, own)?;
    }

    /// The slug derived from a third-party item is never empty and always URL-safe.
    #[test]
    fn derived_slugs_are_url_safe(
        id in prop_oneof![url_text(), text()],
        url in opt(url_text()),
        title in opt(text()),
    ) {
        let item = Item { id, url, title, ..Item::default() };
        let slug = derive_slug(&item);
        prop_assert_eq!(slug_part(&slug), Some(slug.clone()), "{:?}", item);
    }

    /// A post URL whose last segment is already a slug keeps it, with or without an extension,
    /// a trailing slash, a query or a fragment.
    #[test]
    fn derived_slug_is_the_last_url_segment(
        host in "[a-z]{1,8}\\.(org|com)",
        dirs in "(/[a-z0-9]{1,6}){0,3}",
        slug in "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,4}",
        ending in "(\\.html|\\.php|/)?(\\?[a-z]=[0-9]{1,3})?(#[a-z]{1,4})?",
        id in text(),
    ) {
        prop_assume!(slug != "index");
        let url = format!("https://{host}{dirs}/{slug}{ending}");
        let item = Item { id, url: Some(url), ..Item::default() };
        prop_assert_eq!(derive_slug(&item), slug);
    }

    #[test]
    fn safe_urls_are_http_only(url in url_text()) {
        if let Some(u) = safe_http_url(&url) {
            prop_assert!(is_http(&u));
            prop_assert_eq!(u.trim(), u.as_str());
            prop_assert_eq!(safe_http_url(&u), Some(u.clone()), "idempotent");
        }
    }

    /// Each list's page path parses back to the same list and page.
    #[test]
    fn list_paths_route_back(
        kind in prop_oneof![
            Just(ListKind::Home),
            (0i32..=9999, 1u8..=12).prop_map(|(year, month)| ListKind::Month { year, month }),
            "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}".prop_map(|slug| ListKind::Label { slug }),
        ],
        page in 1u32..1000,
    ) {
        prop_assert_eq!(Route::parse(&kind.path(page)), Some(kind.route(page)));
    }

    /// Data URLs join the root and the document with exactly one slash.
    #[test]
    fn data_urls_join_with_one_slash(root in "[a-z:/.]{0,16}", r in route()) {
        let cfg = Config {
            title: "t".into(),
            tagline: String::new(),
            site_url: None,
            feed_url: "feed.json".into(),
            data_root: Some(root.clone()),
            default_language: "en".into(),
            request_timeout_ms: 1,
            tips: Default::default(),
            comments: CommentsConfig::default(),
        };
        let doc = r.data_doc();
        let url = cfg.data_url(&doc).unwrap();
        prop_assert!(url.ends_with(&format!("/{doc}")) && !url.ends_with(&format!("//{doc}")), "{url}");
        prop_assert!(url.starts_with(root.trim_end_matches('/')));
    }

    #[test]
    fn comment_endpoints_have_no_trailing_slash(server in opt(url_text())) {
        let c = CommentsConfig { server, policy_url: None };
        if let Some(e) = c.endpoint() {
            prop_assert!(!e.ends_with('/'));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Dates

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn any_date_text_parses_or_not_without_panicking(s in date_text()) {
        if let Some(d) = PostDate::parse(&s) {
            // Whatever form was accepted, the day is the one written at the start.
            prop_assert_eq!(d.iso_day(), s.trim()[..10].to_string());
            prop_assert!((1..=12).contains(&d.month()));
        }
    }

    #[test]
    fn any_string_parses_or_not_without_panicking(s in any::<String>()) {
        if let Some(d) = PostDate::parse(&s) {
            prop_assert_eq!(d.iso_day(), s.trim()[..10].to_string());
        }
    }

    /// Any valid RFC 3339 timestamp keeps its calendar day as written (not the UTC day), and
    /// its moment when the time crate can hold it.
    #[test]
    fn rfc3339_keeps_the_written_day_and_moment(d in rfc3339(), pad in "[ \t\n]{0,2}") {
        let parsed = PostDate::parse(&format!("{pad}{}{pad}", d.text));
        prop_assert!(parsed.is_some(), "{}", d.text);
        let parsed = parsed.unwrap();
        prop_assert_eq!(
            (parsed.year(), parsed.month(), parsed.day.day()),
            (d.year, d.month, d.day),
            "{}", d.text
        );
        prop_assert_eq!(
            parsed.iso_day(),
            format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
        );
        // The moment, for a time the `time` crate can hold in UTC (years 1 to 9998 always can).
        if !d.leap && (1..=9998).contains(&d.year) {
            let want = (i128::from(d.utc_secs) * 1_000_000_000 + i128::from(d.nanos)) / 1_000_000;
            prop_assert_eq!(parsed.epoch_ms, Some(want as i64), "{}", d.text);
        }
    }

    /// The loose forms generators write keep their day.
    #[test]
    fn loose_dates_keep_their_day(
        d in rfc3339(),
        form in 0usize..3,
    ) {
        let day = &d.text[..10];
        let text = match form {
            0 => day.to_string(),
            1 => format!("{day} {} +0000", &d.text[11..19]),
            _ => format!("{day}T{}", &d.text[11..19]),
        };
        let parsed = PostDate::parse(&text);
        prop_assert!(parsed.is_some(), "{text}");
        prop_assert_eq!(parsed.unwrap().iso_day(), day.to_string());
        if form == 0 {
            prop_assert_eq!(parsed.unwrap().epoch_ms, None);
        } else if !d.leap {
            prop_assert!(parsed.unwrap().epoch_ms.is_some(), "{text}");
        }
    }

    /// Grouping by day never loses, duplicates or reorders a post; runs are maximal.
    #[test]
    fn grouping_keeps_every_post_in_order(
        days in prop::collection::vec(prop::option::of(0u8..4), 0..24)
    ) {
        let items: Vec<(usize, Option<u8>)> = days.iter().copied().enumerate().collect();
        let groups = group_by_day(items.clone(), |(_, d)| {
            d.map(|d| time::Date::from_calendar_date(2024, time::Month::May, d + 1).unwrap())
        });
        let flat: Vec<(usize, Option<u8>)> =
            groups.iter().flat_map(|(_, g)| g.iter().copied()).collect();
        prop_assert_eq!(flat, items);
        for (i, (day, g)) in groups.iter().enumerate() {
            prop_assert!(!g.is_empty());
            prop_assert!(g.iter().all(|(_, d)| d.map(|d| d + 1) == day.map(|x| x.day())));
            if day.is_none() {
                prop_assert_eq!(g.len(), 1);
            } else if i > 0 {
                prop_assert_ne!(groups[i - 1].0, *day, "runs are maximal");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text

/// HTML-escapes text the way Isso and feed generators do.
fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn decoding_never_panics_and_never_grows(s in text()) {
        let d = decode_entities(&s);
        prop_assert!(d.len() <= s.len(), "{s:?} -> {d:?}");
        prop_assert!(!d.contains('\0') || s.contains('\0'), "no NUL is made: {s:?}");
        if !s.contains('&') {
            prop_assert_eq!(d, s);
        }
    }

    #[test]
    fn decoding_any_string_never_panics(s in any::<String>()) {
        let d = decode_entities(&s);
        prop_assert!(d.len() <= s.len());
    }

    /// Escaped text decodes back to itself: once, not twice (`&amp;lt;` stays `&lt;`).
    #[test]
    fn decoding_undoes_escaping_once(s in text()) {
        prop_assert_eq!(decode_entities(&escape(&s)), s.clone());
        prop_assert_eq!(decode_entities(&escape(&escape(&s))), escape(&s));
    }

    #[test]
    fn numeric_entities_decode_to_their_character(c in any::<char>()) {
        prop_assume!(c != '\0');
        let code = u32::from(c);
        prop_assert_eq!(decode_entities(&format!("&#{code};")), c.to_string());
        prop_assert_eq!(decode_entities(&format!("&#x{code:x};")), c.to_string());
        prop_assert_eq!(decode_entities(&format!("&#X{code:X};")), c.to_string());
    }
}

// ---------------------------------------------------------------------------------------------
// Comments

fn created() -> BoxedStrategy<f64> {
    prop_oneof![
        4 => (0u32..100).prop_map(f64::from),
        2 => 1.0e9f64..2.0e9,
        1 => any::<f64>(),
    ]
    .boxed()
}

/// Small ids so that duplicates, self-parents and cycles happen; sometimes any id.
fn comment_id() -> BoxedStrategy<u64> {
    prop_oneof![4 => 0u64..8, 1 => any::<u64>()].boxed()
}

fn count() -> BoxedStrategy<u32> {
    prop_oneof![4 => 0u32..30, 1 => any::<u32>()].boxed()
}

fn isso_leaf() -> BoxedStrategy<IssoComment> {
    (
        (
            comment_id(),
            opt(comment_id()),
            text(),
            opt(text()),
            opt(prop_oneof![url_text(), url_text().prop_map(|u| escape(&u))].boxed()),
            any::<u8>(),
        ),
        (
            created(),
            opt(created()),
            any::<i64>(),
            any::<i64>(),
            count(),
            count(),
        ),
    )
        .prop_map(
            |(
                (id, parent, text, author, website, mode),
                (created, modified, likes, dislikes, total_replies, hidden_replies),
            )| IssoComment {
                id,
                parent,
                text,
                author,
                website,
                mode,
                created,
                modified,
                likes,
                dislikes,
                total_replies,
                hidden_replies,
                replies: Vec::new(),
            },
        )
        .boxed()
}

/// A comment with up to two levels of replies under it (Isso nests one; a server may not).
fn isso_comment() -> BoxedStrategy<IssoComment> {
    let with = |(mut c, replies): (IssoComment, Vec<IssoComment>)| {
        c.replies = replies;
        c
    };
    let reply = (isso_leaf(), prop::collection::vec(isso_leaf(), 0..2)).prop_map(with);
    (isso_leaf(), prop::collection::vec(reply, 0..5))
        .prop_map(with)
        .boxed()
}

fn isso_page() -> BoxedStrategy<IssoPage> {
    let hidden = prop_oneof![3 => Just(0u32), 1 => count()];
    (count(), hidden, prop::collection::vec(isso_comment(), 0..8))
        .prop_map(|(total_replies, hidden_replies, replies)| IssoPage {
            total_replies,
            hidden_replies,
            replies,
        })
        .boxed()
}

fn isso_stub() -> IssoComment {
    serde_json::from_str(r#"{"id":1}"#).unwrap()
}

fn sort() -> impl Strategy<Value = Sort> {
    prop::sample::select(Sort::ALL.to_vec())
}

fn offset() -> BoxedStrategy<u32> {
    prop_oneof![3 => Just(0u32), 3 => 0u32..100, 1 => any::<u32>()].boxed()
}

fn check_comment(c: &Comment, from: &IssoComment) -> Result<(), TestCaseError> {
    prop_assert_eq!(c.id, from.id);
    prop_assert_eq!(c.parent, from.parent);
    if let Some(a) = &c.author {
        prop_assert!(!a.is_empty() && a.trim() == a, "{a:?}");
    }
    if let Some(w) = &c.website {
        prop_assert!(is_http(w), "{w:?}");
    }
    Ok(())
}

/// What a built page promises: the page's comments in order, every shown number unique, and
/// replies numbered `<parent>.<n>` under a numbered parent.
fn check_built(
    built: &[Comment],
    page: &IssoPage,
    sort: Sort,
    offset: u32,
) -> Result<(), TestCaseError> {
    // Comments that cannot be shown (no id) are left out; the others keep their places' numbers.
    let shown = |list: &[IssoComment]| -> Vec<(usize, IssoComment)> {
        list.iter()
            .cloned()
            .enumerate()
            .filter(|(_, c)| usable_comment(c))
            .collect()
    };
    let tops = shown(&page.replies);
    prop_assert_eq!(built.len(), tops.len());
    let mut seen = HashSet::new();
    for (c, (i, from)) in built.iter().zip(&tops) {
        check_comment(c, from)?;
        if let Some(n) = &c.number {
            let n: u32 = n
                .parse()
                .map_err(|_| TestCaseError::fail(format!("{n:?}")))?;
            prop_assert!(n >= 1);
            prop_assert!(seen.insert(n.to_string()), "duplicate number {n}");
        }
        if sort == Sort::Oldest {
            let want = offset
                .checked_add(*i as u32)
                .and_then(|n| n.checked_add(1))
                .map(|n| n.to_string());
            prop_assert_eq!(&c.number, &want);
        }
        let replies = shown(&from.replies);
        prop_assert_eq!(c.replies.len(), replies.len());
        for (r, (j, rfrom)) in c.replies.iter().zip(&replies) {
            check_comment(r, rfrom)?;
            let want = c.number.as_ref().map(|p| format!("{p}.{}", j + 1));
            prop_assert_eq!(&r.number, &want);
            if let Some(n) = &r.number {
                prop_assert!(seen.insert(n.clone()), "duplicate number {n}");
            }
            prop_assert!(r.replies.is_empty(), "one level of replies is shown");
        }
    }
    // A whole thread on one page is numbered 1..=n whatever the sort (with gaps where a comment
    // was left out, except under "top", which ranks the comments shown).
    if offset == 0 && page.hidden_replies == 0 {
        let mut numbers: Vec<u32> = built
            .iter()
            .filter_map(|c| c.number.as_ref()?.parse().ok())
            .collect();
        numbers.sort_unstable();
        let n = page.replies.len() as u32;
        prop_assert_eq!(numbers.len(), built.len(), "{:?}", sort);
        prop_assert!(numbers.iter().all(|k| (1..=n).contains(k)), "{:?}", sort);
        if built.len() == page.replies.len() || sort == Sort::Top {
            let all = (1..=built.len() as u32).collect::<Vec<_>>();
            prop_assert_eq!(numbers, all, "{:?}", sort);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn thread_pages_number_uniquely(page in isso_page(), sort in sort(), offset in offset()) {
        let built = build_page(&page, sort, offset);
        check_built(&built, &page, sort, offset)?;
    }

    /// Replies loaded later continue their parent's numbering from the offset.
    #[test]
    fn loaded_replies_continue_numbering(
        replies in prop::collection::vec(isso_leaf(), 0..8),
        parent in opt("[1-9][0-9]{0,3}".boxed()),
        offset in offset(),
    ) {
        let built = build_replies(&replies, parent.as_deref(), offset);
        let shown: Vec<(usize, &IssoComment)> =
            replies.iter().enumerate().filter(|(_, r)| usable_comment(r)).collect();
        prop_assert_eq!(built.len(), shown.len());
        let mut seen = HashSet::new();
        for (r, &(i, from)) in built.iter().zip(&shown) {
            check_comment(r, from)?;
            let want = parent.as_ref().and_then(|p| {
                let n = offset.checked_add(i as u32)?.checked_add(1)?;
                Some(format!("{p}.{n}"))
            });
            prop_assert_eq!(&r.number, &want);
            if let Some(n) = &r.number {
                prop_assert!(seen.insert(n.clone()));
            }
        }
    }

    /// Any JSON, keys biased towards Isso's: read as a page or rejected, and built either way.
    #[test]
    fn any_isso_json_builds(v in json_tree(), sort in sort(), offset in offset()) {
        let body = v.to_string();
        if let Ok(page) = serde_json::from_str::<IssoPage>(&body) {
            check_built(&build_page(&page, sort, offset), &page, sort, offset)?;
        }
        let _ = serde_json::from_str::<IssoComment>(&body);
        let _ = serde_json::from_str::<OwnComment>(&body);
    }

    /// Numbers from creation order are a ranking: 1..=n, earlier first.
    #[test]
    fn creation_numbers_rank(items in prop::collection::vec((comment_id(), created()), 0..12)) {
        let ranked = number_by_creation(&items);
        let mut ranks: Vec<u32> = ranked.iter().map(|(_, n)| *n).collect();
        ranks.sort_unstable();
        prop_assert_eq!(ranks, (1..=items.len() as u32).collect::<Vec<_>>());
        let unique = |id: u64| items.iter().filter(|(i, _)| *i == id).count() == 1;
        for w in ranked.windows(2) {
            if unique(w[0].0) && unique(w[1].0) {
                let a = items.iter().find(|(id, _)| *id == w[0].0).unwrap();
                let b = items.iter().find(|(id, _)| *id == w[1].0).unwrap();
                prop_assert!(a.1.total_cmp(&b.1).is_le(), "{a:?} ranked before {b:?}");
            }
        }
    }

    #[test]
    fn top_level_numbers_never_panic(
        sort in sort(), offset in any::<u32>(), index in any::<u32>(), total in any::<u32>(),
        hidden in any::<u32>(), shown in 0usize..3,
    ) {
        if let Some(n) = top_level_number(sort, offset, index, total) {
            prop_assert!(n >= 1);
        }
        let page = IssoPage {
            total_replies: total,
            hidden_replies: hidden,
            replies: vec![isso_stub(); shown],
        };
        let t = top_level_total(&page, offset);
        prop_assert!(t >= offset && t >= hidden);
    }

    #[test]
    fn comment_helpers_never_panic(
        now in any::<f64>(), then in any::<f64>(), header in any::<String>(),
        status in any::<u16>(), body in text(), secs in any::<u64>(), q in opt(text()),
        uri in path_text(), parent in opt(any::<u64>().boxed()),
    ) {
        let (n, _) = relative_bucket(now, then);
        prop_assert!(n <= 0);
        let iso = iso_utc(now);
        prop_assert_eq!(iso.len(), 20, "{}", iso);
        if let Some(age) = cookie_max_age(&header) {
            prop_assert!(!age.is_nan() || header.to_ascii_lowercase().contains("nan"));
        }
        let e = ApiError::from_isso(status, &body);
        prop_assert!(!e.kind().is_empty());
        // Only Isso's own refusals are read from the body; any other status is what it says.
        match status {
            400 | 403 | 413 => prop_assert!(matches!(e, ApiError::Refused(_)), "{:?}", e),
            404 | 410 => prop_assert_eq!(e, ApiError::NotFound),
            s => prop_assert_eq!(e, ApiError::Server(s)),
        }
        let _ = countdown(secs);
        let s = Sort::from_query(q.as_deref());
        prop_assert_eq!(Sort::from_query(Some(s.query())), s);
        prop_assert_ne!(draft_key(&uri, parent), own_key(&uri));
    }

    /// Draft keys of post paths (which hold no `#`) never collide.
    #[test]
    fn draft_keys_are_distinct(
        a in route(), b in route(), pa in opt(comment_id()), pb in opt(comment_id()),
    ) {
        let (a, b) = (a.path(), b.path());
        prop_assert_eq!(draft_key(&a, pa) == draft_key(&b, pb), a == b && pa == pb);
    }
}

// ---------------------------------------------------------------------------------------------
// "Show more replies" and "Load more comments" against a simulated Isso

/// Reply `i` (from 0) of top-level comment 1, created in that order.
fn nth_reply(i: u32) -> IssoComment {
    let mut r = isso_stub();
    r.id = 1000 + u64::from(i);
    r.parent = Some(1);
    r.created = f64::from(i);
    r
}

/// What Isso 0.14 answers for a list of `all` items (oldest first) asked with `offset` and
/// `limit` (isso/views/comments.py `fetch`, isso/db/comments.py `fetch`): nothing for `limit=0`,
/// SQL `LIMIT offset,limit`, and `hidden_replies` = count - returned - offset.
fn isso_answer(all: &[IssoComment], offset: u32, limit: u32) -> IssoPage {
    let from = (offset as usize).min(all.len());
    let to = (from + limit as usize).min(all.len());
    IssoPage {
        total_replies: all.len() as u32,
        hidden_replies: all.len() as u32 - to as u32,
        replies: all[from..to].to_vec(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Clicking "Show more replies" until it goes reveals every reply once, in order, numbered
    /// after the inline ones; the button's number is what the click adds; replies posted
    /// between clicks are reached too.
    #[test]
    fn more_replies_reveal_every_reply_once_in_order(
        total in prop_oneof![3 => 0u32..30, 1 => 0u32..200],
        page in prop_oneof![3 => 1u32..25, 1 => Just(0u32)],
        nested in 0u32..12,
        posted in prop::collection::vec(prop_oneof![3 => Just(0u32), 1 => 1u32..4], 0..12),
        number in opt("[1-9][0-9]{0,2}".boxed()),
    ) {
        let mut all: Vec<IssoComment> = (0..total).map(nth_reply).collect();
        // The thread page: `nested_limit` replies inlined, all of them counted.
        let inline_isso = isso_answer(&all, 0, nested).replies;
        let inline = build_replies(&inline_isso, number.as_deref(), 0);
        let inline_ids: Vec<u64> = inline.iter().map(|r| r.id).collect();
        let mut store: Vec<LoadedReplies> = Vec::new();
        let mut clicks = 0usize;
        loop {
            let before = more_replies(total, &inline_ids, store.first(), page);
            let shown: Vec<&Comment> = inline.iter().chain(&before.extra).collect();
            let ids: Vec<u64> = shown.iter().map(|r| r.id).collect();
            let want: Vec<u64> = all.iter().take(ids.len()).map(|r| r.id).collect();
            prop_assert_eq!(&ids, &want, "shown in Isso's order, each once");
            for (i, r) in shown.iter().enumerate() {
                let want = number.as_ref().map(|p| format!("{p}.{}", i + 1));
                prop_assert_eq!(&r.number, &want);
            }
            let Some(next) = before.next else {
                prop_assert_eq!(ids.len(), all.len(), "no button while replies are left");
                break;
            };
            prop_assert!(next.limit >= 1 && next.limit <= page.max(1));
            prop_assert_eq!(next.offset as usize, ids.len());
            // Other readers' replies, published before this click.
            for _ in 0..posted.get(clicks).copied().unwrap_or(0) {
                all.push(nth_reply(all.len() as u32));
            }
            let answer = isso_answer(&all, next.offset, next.limit);
            add_replies(&mut store, 1, number.as_deref(), next, &answer);
            let after = more_replies(total, &inline_ids, store.first(), page);
            prop_assert_eq!(
                after.extra.len(),
                before.extra.len() + next.limit as usize,
                "the button said {}", next.limit
            );
            clicks += 1;
            prop_assert!(clicks <= all.len(), "every click adds something");
        }
        // Without new replies: one click per page of what the inline ones left.
        if posted.iter().all(|n| *n == 0) {
            let left = total.saturating_sub(nested.min(total));
            prop_assert_eq!(clicks as u32, left.div_ceil(page.max(1)));
        }
    }

    /// The next batch never overlaps what is shown and never asks past the end.
    #[test]
    fn next_batch_stays_inside_the_list(total in any::<u32>(), shown in any::<u32>(), page in any::<u32>()) {
        match next_batch(total, shown, page) {
            Some(b) => {
                prop_assert_eq!(b.offset, shown);
                prop_assert!(b.limit >= 1 && b.limit <= page.max(1));
                prop_assert!(u64::from(b.offset) + u64::from(b.limit) <= u64::from(total));
            }
            None => prop_assert!(shown >= total),
        }
    }

    /// Clicking "Load more comments" until it goes shows every top-level comment once, in order,
    /// and its number is what the click adds (with the page after it fetched ahead, or not).
    #[test]
    fn load_more_shows_every_comment_once_in_order(
        total in prop_oneof![3 => 0u32..70, 1 => 0u32..400],
        page in 1u32..25,
        ahead in any::<bool>(),
    ) {
        let all: Vec<IssoComment> = (0..total)
            .map(|i| {
                let mut c = nth_reply(i);
                c.parent = None;
                c
            })
            .collect();
        let fetch = |offset: u32| ThreadPage::new(&isso_answer(&all, offset, page), Sort::Oldest, offset);
        let head = fetch(0);
        let mut fetched: Vec<ThreadPage> = Vec::new();
        let mut shown = 0usize;
        let ids = |pages: &[ThreadPage]| -> Vec<u64> {
            pages.iter().flat_map(|p| p.comments.iter().map(|c| c.id)).collect()
        };
        loop {
            let chained = chain_pages(&head, &fetched);
            let on_screen: Vec<ThreadPage> = std::iter::once(head.clone())
                .chain(chained.iter().take(shown).cloned())
                .collect();
            let last = on_screen.last().unwrap();
            let Some(next) = more_pages(last, &chained, page) else {
                prop_assert_eq!(ids(&on_screen), all.iter().map(|c| c.id).collect::<Vec<_>>());
                break;
            };
            if !chained.iter().any(|p| p.offset == next.show.offset) {
                fetched.push(fetch(next.show.offset));
            }
            if let (true, Some(a)) = (ahead, next.ahead) {
                if !fetched.iter().any(|p| p.offset == a) {
                    fetched.push(fetch(a));
                }
            }
            shown += 1;
            let chained = chain_pages(&head, &fetched);
            prop_assert_eq!(chained.get(shown - 1).map(|p| p.offset), Some(next.show.offset));
            let added = chained[shown - 1].comments.len();
            prop_assert_eq!(added as u32, next.adds);
            prop_assert!(shown <= all.len(), "every click adds something");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Archive and labels

fn archive_index() -> BoxedStrategy<ArchiveIndex> {
    let month = (
        prop_oneof![4 => 0u8..14, 1 => any::<u8>()],
        prop_oneof![4 => 0u64..100, 1 => any::<u64>()],
    )
        .prop_map(|(month, count)| ArchiveMonth {
            month,
            count,
            pages: 1,
            url: String::new(),
        });
    let year = (
        prop_oneof![4 => 1990i32..2030, 1 => any::<i32>()],
        prop::collection::vec(month, 0..6),
    )
        .prop_map(|(year, months)| ArchiveYear {
            year,
            count: 0,
            months,
        });
    (any::<u64>(), prop::collection::vec(year, 0..6))
        .prop_map(|(total, years)| ArchiveIndex { total, years })
        .boxed()
}

fn label_index() -> BoxedStrategy<LabelIndex> {
    let label = (
        text(),
        slug_text(),
        prop_oneof![4 => 0u64..20, 1 => any::<u64>()],
    )
        .prop_map(|(name, slug, count)| LabelEntry {
            name,
            slug,
            count,
            pages: 1,
            url: String::new(),
        });
    prop::collection::vec(label, 0..8)
        .prop_map(|labels| LabelIndex { labels })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Years newest first, months newest first and unique, counts recomputed, links routable.
    #[test]
    fn archive_widget_is_ordered_and_routable(index in archive_index()) {
        let years = archive_years(index);
        for w in years.windows(2) {
            prop_assert!(w[0].year >= w[1].year);
        }
        for y in &years {
            prop_assert!((0..=9999).contains(&y.year));
            prop_assert!(!y.months.is_empty());
            for w in y.months.windows(2) {
                prop_assert!(w[0].month > w[1].month);
            }
            let sum = y.months.iter().fold(0u64, |s, m| s.saturating_add(m.count));
            prop_assert_eq!(y.count, sum);
            for m in &y.months {
                prop_assert!((1..=12).contains(&m.month) && m.count > 0);
                prop_assert_eq!(m.year, y.year);
                prop_assert_eq!(
                    Route::parse(&m.path),
                    Some(Route::Month { year: y.year, month: m.month, page: 1 })
                );
            }
        }
    }

    #[test]
    fn label_widget_is_sorted_and_routable(index in label_index(), probe in slug_text()) {
        let labels = label_entries(index);
        for w in labels.windows(2) {
            prop_assert!(
                w[0].count > w[1].count || (w[0].count == w[1].count && w[0].name <= w[1].name)
            );
        }
        for l in &labels {
            prop_assert!(l.count > 0 && !is_blank(&l.name));
            let Some(Route::Label { slug, page: 1 }) = Route::parse(&l.path) else {
                return Err(TestCaseError::fail(format!("bad label path {:?}", l.path)));
            };
            prop_assert!(label_name(&labels, &slug).is_some());
        }
        let _ = label_name(&labels, &probe);
    }

    #[test]
    fn index_json_never_panics(v in json_tree()) {
        let body = v.to_string();
        if let Ok(index) = parse_json::<ArchiveIndex>(&body) {
            let _ = archive_years(index);
        }
        if let Ok(index) = parse_json::<LabelIndex>(&body) {
            let _ = label_entries(index);
        }
    }
}
