//! The malformed data corpus (tests/fixtures/malformed, issue 4 suite 2), fed natively to the same
//! pure functions the app runs on every document it loads: `parse_json` for the slot's type, then
//! the normalisation the loaders in `src/api/feeds.rs` apply (`page_from_feed` and `shown_page`,
//! `post_from_item`, `archive_years`, `label_entries`). Proves, for every document: no panic, the parse outcome the
//! manifest records (`ApiError::Malformed` or a value), and that whatever renders gets a post
//! route and only post routes as its newer/older links. The browser side of the same corpus is
//! tests/e2e/malformed.spec.ts.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use frontera::api::{parse_json, shown_page, ApiError};
use frontera::model::archive::{archive_years, label_entries};
use frontera::model::config::Config;
use frontera::model::dates::group_by_day;
use frontera::model::post::{page_from_feed, post_from_item, Post};
use frontera_wire::layout::Route;
use frontera_wire::{ArchiveIndex, Feed, Item, LabelIndex};
use serde_json::Value;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

/// Expands `@@REPEAT n text@@` (huge documents are generated, not committed), as the e2e spec does.
fn expand(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("@@REPEAT ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + "@@REPEAT ".len()..];
        let (count, after) = after.split_once(' ').expect("@@REPEAT n text@@");
        let end = after.find("@@").expect("closing @@");
        out.push_str(&after[..end].repeat(count.parse().expect("a count")));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// What a browser's `Response.text()` gives for these bytes: UTF-8 with invalid sequences replaced.
fn body_of(entry: &Value) -> String {
    let file = entry["file"].as_str().unwrap();
    let bytes = std::fs::read(corpus_dir().join(file)).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if entry["expand"].as_bool() == Some(true) {
        expand(&text)
    } else {
        text
    }
}

fn check_posts(posts: &[Post]) -> Result<(), String> {
    let is_post = |path: &str| matches!(Route::parse(path), Some(Route::Post { .. }));
    for p in posts {
        if !is_post(&p.path) {
            return Err(format!(
                "post {:?} got path {:?}, not a post route",
                p.title, p.path
            ));
        }
        // The newer/older links are in-site navigation: post routes only.
        for n in p.newer.iter().chain(p.older.iter()) {
            if !is_post(&n.path) {
                return Err(format!(
                    "post {:?} links to neighbour {:?}, not a post route",
                    p.title, n.path
                ));
            }
        }
    }
    // Day grouping runs on every list.
    let _ = group_by_day(posts.to_vec(), |p| p.date.map(|d| d.day));
    Ok(())
}

/// Parses `body` as the slot's type and normalises it: `Ok(Err(..))` is a parse failure.
fn load(slot: &str, body: &str) -> Result<Result<(), ApiError>, String> {
    match slot {
        "config" => Ok(parse_json::<Config>(body).map(|_| ())),
        "home" | "month" | "label" => {
            match parse_json::<Feed>(body).and_then(|f| shown_page("", page_from_feed(f, 1, None)))
            {
                Ok(page) => check_posts(&page.posts).map(Ok),
                Err(e) => Ok(Err(e)),
            }
        }
        "post" => match parse_json::<Item>(body) {
            Ok(item) => check_posts(&[post_from_item(item, true)]).map(Ok),
            Err(e) => Ok(Err(e)),
        },
        "archive-index" => Ok(parse_json::<ArchiveIndex>(body).map(|i| {
            archive_years(i);
        })),
        "labels-index" => Ok(parse_json::<LabelIndex>(body).map(|i| {
            label_entries(i);
        })),
        other => Err(format!("unknown slot {other}")),
    }
}

#[test]
fn every_corpus_document_parses_as_the_manifest_says_without_panicking() {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus_dir().join("manifest.json")).unwrap())
            .unwrap();
    let docs = manifest["documents"].as_array().unwrap();
    assert!(docs.len() >= 50, "the corpus has {} documents", docs.len());

    let mut failures = Vec::new();
    for entry in docs {
        let file = entry["file"].as_str().unwrap();
        let slot = entry["slot"].as_str().unwrap();
        let want = entry["parse"].as_str().unwrap();
        let body = body_of(entry);
        let got = catch_unwind(AssertUnwindSafe(|| load(slot, &body)));
        let problem = match (want, got) {
            (_, Err(_)) => Some("panicked".to_string()),
            (_, Ok(Err(e))) => Some(e),
            ("malformed", Ok(Ok(Err(ApiError::Malformed(_))))) => None,
            ("ok", Ok(Ok(Ok(())))) => None,
            (want, Ok(Ok(r))) => Some(format!("expected {want}, got {r:?}")),
        };
        if let Some(p) = problem {
            failures.push(format!("{file} ({slot}): {p}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} documents:\n{}",
        failures.len(),
        docs.len(),
        failures.join("\n")
    );
}
