//! Unit tests of `model::post`.

use super::*;
use frontera_wire::{ItemExt, Source as WireSource};

fn third_party(json: &str) -> Item {
    serde_json::from_str(json).unwrap()
}

#[test]
fn derives_slugs_from_urls_ids_and_titles() {
    let i = third_party(r#"{"id":"1","url":"https://ex.org/2021/08/my-first-post.html"}"#);
    assert_eq!(derive_slug(&i), "my-first-post");
    let i = third_party(
        r#"{"id":"https://blog.ex.org/?p=18415","url":"https://blog.ex.org/?p=18415"}"#,
    );
    assert_eq!(derive_slug(&i), "p-18415");
    let i = third_party(r#"{"id":"https://ex.org/posts/tacos-al-pastor/"}"#);
    assert_eq!(derive_slug(&i), "tacos-al-pastor");
    let i = third_party(r#"{"id":"7","title":"¿Qué pasó?"}"#);
    assert_eq!(derive_slug(&i), "7");
    let i = third_party(r#"{"id":"","title":"¿Qué pasó?"}"#);
    assert_eq!(derive_slug(&i), "que-paso");
    let i = third_party(r#"{"id":"¿?"}"#);
    assert!(derive_slug(&i).starts_with("post-"));
}

#[test]
fn plain_feed_item_uses_content_text_and_hides_label_links() {
    let i = third_party(
        r#"{"id":"https://ex.org/a/tamales","content_text":"<b>not html</b>","tags":["cocina",""],
            "date_published":"2026-04-06T00:00:00Z","author":{"name":"Ana"},"url":"javascript:alert(1)"}"#,
    );
    let p = post_from_item(i, false);
    assert_eq!(p.body, Body::Text("<b>not html</b>".into()));
    assert_eq!(p.path, "/2026/04/tamales");
    assert_eq!(p.byline.as_deref(), Some("Ana"));
    assert_eq!(
        p.labels,
        vec![Label {
            name: "cocina".into(),
            slug: None
        }]
    );
    assert_eq!(p.external_url, None, "script URLs never become links");
}

#[test]
fn neighbour_links_must_be_post_routes_of_this_blog() {
    let item = |newer: &str| {
        third_party(&format!(
            r#"{{"id":"a","_frontera":{{"slug":"a","path":"/2026/01/a",
                "newer":{{"title":"N","path":{newer}}},"older":{{"title":"O","path":"/2025/12/b"}}}}}}"#
        ))
    };
    for bad in [
        r#""https://evil.example/2026/01/x""#,
        r#""//evil.example/2026/01/x""#,
        r#""javascript:alert(1)""#,
        r#""/label/x""#,
        r#""/2026/1/x""#,
        r#""""#,
    ] {
        let p = post_from_item(item(bad), true);
        assert_eq!(p.newer, None, "{bad}");
        assert_eq!(p.older.map(|r| r.path).as_deref(), Some("/2025/12/b"));
    }
    let p = post_from_item(item(r#""/2026/02/c""#), true);
    assert_eq!(p.newer.map(|r| r.path).as_deref(), Some("/2026/02/c"));
}

#[test]
fn related_posts_are_read_leniently_and_only_this_blogs_post_routes_kept() {
    let p = post_from_item(
        third_party(
            r#"{"id":"a","_frontera":{"slug":"a","path":"/2026/01/a","related":[
                {"title":"One","path":"/2026/01/b"}, 7, null, {"title":"Evil","path":"javascript:x"},
                {"title":"Far","path":"https://evil.example/2026/01/c"}, {"path":"/label/x"},
                {"title":["odd"],"path":"/2025/12/d"}]}}"#,
        ),
        true,
    );
    let paths: Vec<&str> = p.related.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(paths, ["/2026/01/b", "/2025/12/d"]);
    // Not a list: none, and the rest of the post is still read.
    let p = post_from_item(
        third_party(r#"{"id":"a","_frontera":{"slug":"a","path":"/2026/01/a","related":"x"}}"#),
        true,
    );
    assert!(p.related.is_empty());
    assert_eq!(p.path, "/2026/01/a");
}

#[test]
fn undated_item_still_gets_a_route() {
    let p = post_from_item(third_party(r#"{"id":"x-1"}"#), false);
    assert_eq!(
        Route::parse(&p.path),
        Some(Route::Post {
            year: 0,
            month: 1,
            slug: "x-1".into()
        })
    );
    assert_eq!(p.body, Body::Empty);
}

#[test]
fn frontera_item_keeps_its_extension() {
    let item = Item {
        id: "u".into(),
        title: Some("T".into()),
        content_html: Some("<p>x</p>".into()),
        tags: vec!["Garita Vieja".into()],
        ext: Some(ItemExt {
            slug: "t".into(),
            path: "/2024/03/t".into(),
            byline: Some("La Lechuza".into()),
            source: Some(WireSource {
                name: "Log".into(),
                url: Some("JavaScript:alert(1)".into()),
            }),
            words: 300,
            ..ItemExt::default()
        }),
        ..Item::default()
    };
    let p = post_from_item(item, true);
    assert_eq!(p.path, "/2024/03/t");
    assert_eq!(p.labels[0].slug.as_deref(), Some("garita-vieja"));
    assert_eq!(
        p.source,
        Some(Source {
            name: "Log".into(),
            url: None
        })
    );
    assert_eq!(p.words, 300);
}

#[test]
fn fields_blank_once_decoded_are_absent() {
    // Found by tests/props.rs: `&nbsp;` passed the blank check before it was decoded.
    let p = post_from_item(
        third_party(
            r#"{"id":"1","title":"&nbsp;","summary":"&#32;","tags":["&nbsp;","ok"],
                "author":{"name":"&#x20;"}}"#,
        ),
        true,
    );
    assert_eq!((p.title, p.summary, p.byline), (None, None, None));
    assert_eq!(
        p.labels,
        vec![Label {
            name: "ok".into(),
            slug: Some("ok".into())
        }]
    );
}

#[test]
fn an_extension_path_must_be_a_post_route() {
    // Found by tests/props.rs: "" parses as the home page, and became the post's link and id.
    for bad in ["", "/", "/archive", "/label/x", "/page/2"] {
        let item = Item {
            ext: Some(ItemExt {
                slug: "t".into(),
                path: bad.into(),
                ..ItemExt::default()
            }),
            ..Item::default()
        };
        let p = post_from_item(item, true);
        assert_eq!(p.path, "/0000/01/t", "{bad:?}");
        assert_eq!(p.id, p.path);
    }
}

#[test]
fn safe_urls() {
    assert_eq!(
        safe_http_url(" HTTPS://ex.org/a ").as_deref(),
        Some("HTTPS://ex.org/a")
    );
    for bad in [
        "javascript:alert(1)",
        "data:text/html,x",
        "//ex.org",
        "ftp://x",
        "",
        "http:",
    ] {
        assert_eq!(safe_http_url(bad), None, "{bad}");
    }
}

#[test]
fn paging_flags() {
    let mk = |page, total, next: Option<&str>| PostPage {
        posts: vec![],
        page,
        total_pages: total,
        next_url: next.map(str::to_string),
        skipped: 0,
    };
    assert!(mk(1, Some(3), None).has_older());
    assert!(!mk(3, Some(3), Some("x")).has_older());
    assert!(mk(2, None, Some("x")).has_older());
    assert!(!mk(1, None, None).has_newer());
    assert!(mk(2, None, None).has_newer());
}

#[test]
fn an_update_is_said_only_when_it_comes_after_publication() {
    let post = |modified: &str| {
        post_from_item(
            third_party(&format!(
                r#"{{"id":"1","date_published":"2026-11-20T08:00:00-07:00","date_modified":{modified}}}"#
            )),
            true,
        )
    };
    let later = post(r#""2026-11-21T10:15:00-07:00""#);
    let (day, raw) = later.updated.expect("a later change is said");
    assert_eq!(raw, "2026-11-21T10:15:00-07:00");
    assert_eq!(day.day.day(), 21);
    // Later the same day still counts: a correction an hour after.
    assert!(post(r#""2026-11-20T09:00:00-07:00""#).updated.is_some());
    for not_later in [
        r#""2026-11-20T08:00:00-07:00""#,
        r#""2020-01-01""#,
        r#""soon""#,
        "42",
        "null",
    ] {
        assert_eq!(post(not_later).updated, None, "{not_later}");
    }
}
