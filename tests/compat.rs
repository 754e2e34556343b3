//! Plain JSON Feeds from other generators: every item normalises to a routable post, with nothing
//! optional required. Runs on our own fixtures (which imitate real generators' shapes in our own
//! words) and on the real feeds in `../shared/feeds/real/` when that folder is present.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use frontera::api::parse_json;
use frontera::model::post::{page_from_feed, Body};
use frontera_wire::layout::Route;
use frontera_wire::Feed;

fn check_feed(path: &Path) -> usize {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: serde_json::Value = serde_json::from_str(&raw).unwrap();
    let items = value["items"].as_array().expect("items array").clone();
    let feed: Feed = parse_json(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(feed.ext.is_none(), "a plain feed has no Frontera extension");
    let page = page_from_feed(feed, 1, None);
    assert_eq!(
        page.posts.len(),
        items.len(),
        "{}: every item becomes a post",
        path.display()
    );
    let mut paths = std::collections::HashSet::new();
    for (post, item) in page.posts.iter().zip(&items) {
        let where_ = format!("{} item {}", path.display(), item["id"]);
        assert!(
            Route::parse(&post.path).is_some(),
            "{where_}: {} is a route",
            post.path
        );
        assert!(
            paths.insert(post.path.clone()),
            "{where_}: {} is unique",
            post.path
        );
        let has = |k: &str| item[k].as_str().is_some_and(|s| !s.trim().is_empty());
        match &post.body {
            Body::Html(_) => assert!(has("content_html"), "{where_}"),
            Body::Text(t) => {
                assert!(!has("content_html") && has("content_text"), "{where_}");
                assert!(!t.contains("&#8220;"), "{where_}: entities decoded once");
            }
            Body::Empty => assert!(!has("content_html") && !has("content_text"), "{where_}"),
        }
        if let Some(title) = &post.title {
            assert!(
                !title.contains("&quot;") && !title.contains("&amp;"),
                "{where_}: {title}"
            );
        }
        assert!(
            post.labels.iter().all(|l| l.slug.is_none()),
            "{where_}: no label pages for a plain feed"
        );
        assert!(
            post.date.is_some() || !has("date_published"),
            "{where_}: date parsed"
        );
        // Relative links in the body resolve against the item's own http(s) URL when it has one.
        if let Some(url) = item["url"].as_str().map(str::trim) {
            if url.starts_with("http://") || url.starts_with("https://") {
                assert_eq!(post.base.as_deref(), Some(url), "{where_}");
            }
        }
        if let Some(url) = &post.external_url {
            assert!(
                url.starts_with("http://") || url.starts_with("https://"),
                "{where_}"
            );
        }
    }
    page.posts.len()
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn own_fixtures_imitating_other_generators() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    let files = json_files(&dir);
    assert!(files.len() >= 4, "fixtures present");
    for f in files {
        assert!(check_feed(&f) >= 1);
    }
}

#[test]
fn real_feeds_from_the_shared_folder() {
    // FRONTERA_FEEDS_DIR overrides the folder, as in tests/e2e/compat.spec.ts (a worktree of the
    // project sits one level deeper than the shared folder expects).
    let dir = std::env::var_os("FRONTERA_FEEDS_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/feeds/real"),
        PathBuf::from,
    );
    if !dir.is_dir() {
        // Said plainly, not counted silently: the folder lives beside the project, not in it.
        eprintln!(
            "SKIPPED real_feeds_from_the_shared_folder: {} is absent",
            dir.display()
        );
        return;
    }
    let files = json_files(&dir);
    assert!(!files.is_empty(), "{} has no .json files", dir.display());
    let total: usize = files.iter().map(|f| check_feed(f)).sum();
    eprintln!("checked {} real feeds, {total} items", files.len());
}
