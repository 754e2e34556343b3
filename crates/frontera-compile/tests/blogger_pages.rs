//! Blogger's standing pages (`kind#page`, `/p/name.html`) through `import-blogger` and the
//! compiler: a page of the app at `/p/<slug>`, outside every list and feed, in the sitemap, its
//! old address redirected, its comments reported as skipped.

mod common;

use std::fs;

use common::blogger::*;

#[test]
fn a_blogger_page_becomes_a_page_outside_the_chronology() {
    let (_root, data, site) = import_and_compile();
    let page: serde_json::Value =
        serde_json::from_slice(&fs::read(data.join("pages/about.json")).unwrap()).unwrap();
    assert_eq!(page["title"], "About us / Quiénes somos");
    assert_eq!(page["_frontera"]["path"], "/p/about");
    assert_eq!(page["url"], "https://cronica-linea.blogspot.com/p/about");
    assert!(page["content_html"]
        .as_str()
        .unwrap()
        .contains("We report from both sides of the line."));
    assert!(page.get("tags").is_none(), "{page}");

    let index: serde_json::Value =
        serde_json::from_slice(&fs::read(data.join("pages.json")).unwrap()).unwrap();
    assert_eq!(
        index,
        serde_json::json!({"pages": [
            // The export's BLOG_LOCALE (`es_MX`) made the config's default language.
            {"title": "About us / Quiénes somos", "path": "/p/about", "language": "es"}
        ]})
    );

    // In no list: not the home page, the archive (no November 2018 at all), a label or a feed.
    let archive = fs::read_to_string(data.join("archive/index.json")).unwrap();
    assert!(archive.starts_with("{\"total\":3,"), "{archive}");
    assert!(!data.join("archive/2018").exists());
    for (path, bytes) in tree(&data) {
        let doc = String::from_utf8(bytes).unwrap();
        let is_page = path.starts_with("pages") || path.ends_with("pages.json");
        assert_eq!(
            doc.contains("/p/about"),
            is_page,
            "{}: {doc}",
            path.display()
        );
    }
    let atom = fs::read_to_string(site.join("atom.xml")).unwrap();
    assert!(!atom.contains("/p/about") && !atom.contains("Quiénes somos"));

    // In the sitemap, with its last change.
    let sitemap = fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(
            "<loc>https://cronica-linea.blogspot.com/p/about</loc>\n    \
             <lastmod>2019-03-01T12:00:00-07:00</lastmod>"
        ),
        "{sitemap}"
    );

    // The old address sends readers and crawlers to the new one.
    let rules = fs::read_to_string(site.join("_redirects")).unwrap();
    assert!(
        rules.lines().any(|l| l == "/p/about.html /p/about 301"),
        "{rules}"
    );
    let old = fs::read_to_string(site.join("p/about.html")).unwrap();
    assert!(
        old.contains("<meta http-equiv=\"refresh\" content=\"0; url=/p/about\">"),
        "{old}"
    );
}

#[test]
fn a_comment_on_a_page_is_skipped_by_id_not_imported() {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    let out = import(FIXTURE.as_ref(), &into);
    assert!(out.status.success(), "{}", text(&out));
    let xml = fs::read_to_string(into.join("blogger/comments.wxr.xml")).unwrap();
    assert!(!xml.contains("Gracias por el trabajo") && !xml.contains("/p/about"));
    let page = fs::read_to_string(into.join("posts/page-about.html")).unwrap();
    assert!(
        page.starts_with("+++\ntype = \"page\"\ntitle = \"About us / Quiénes somos\"\n"),
        "{page}"
    );
}
