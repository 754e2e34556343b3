//! The binary end to end on a small compiled site: every page written, and a document that
//! cannot be rendered fails the build by name and leaves the site exactly as it was.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{assert_same_site, compile_into, prerender_ok, snapshot, SHELL};
use frontera_compile::Input;

/// A built site: the repository's config.json, a shell, and 12 synthetic posts compiled.
fn site() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dist = root.path().join("dist");
    fs::create_dir(&dist).unwrap();
    let repo_config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/config.json");
    fs::copy(&repo_config, dist.join("config.json")).unwrap();
    fs::write(dist.join("index.html"), SHELL).unwrap();
    compile_into(&dist, Input::Synthetic(12));
    (root, dist)
}

fn prerender(dist: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontera-prerender"))
        .arg("--dist")
        .arg(dist)
        .env("TRUNK_PUBLIC_URL", "/")
        .output()
        .unwrap()
}

#[test]
fn every_page_is_written_and_a_broken_document_changes_nothing() {
    let (_root, dist) = site();
    let ok = prerender(&dist);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let home = fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(
        home.contains("data-prerendered=\"/\""),
        "home page prerendered"
    );
    assert!(dist.join("404.html").exists());
    assert!(dist.join("archive/index.html").exists());
    let pages = snapshot(&dist)
        .keys()
        .filter(|p| p.ends_with("index.html"))
        .count();
    // Home, archive, 12 posts, and the lists: at least one page per post.
    assert!(pages > 14, "{pages} pages");
    assert!(!dist.join(".prerender-tmp").exists());

    // A post document cut short: not a document at all, so its page renders the error view.
    let post = fs::read_dir(dist.join("data/posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.is_dir())
        .and_then(|year| fs::read_dir(year).unwrap().next())
        .and_then(|month| fs::read_dir(month.unwrap().path()).unwrap().next())
        .unwrap()
        .unwrap()
        .path();
    let text = fs::read_to_string(&post).unwrap();
    fs::write(&post, &text[..text.len() / 2]).unwrap();
    let before = snapshot(&dist);
    let failed = prerender(&dist);
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    let name = post.file_name().unwrap().to_string_lossy();
    assert!(
        stderr.contains(name.as_ref()),
        "names the document: {stderr}"
    );
    assert!(
        stderr.contains(&format!("{name}:1:")),
        "and the place in it: {stderr}"
    );
    assert_eq!(snapshot(&dist), before, "the site is left as it was");
}

/// Prerendered again with fewer posts: the pages of the posts (and list pages) that are gone go
/// too, rather than staying readable without JavaScript with status 200.
#[test]
fn prerendering_again_removes_the_pages_of_routes_that_are_gone() {
    let (_root, dist) = site();
    assert!(prerender(&dist).status.success());
    let before = snapshot(&dist);
    // The same site from 5 of its 12 posts (a page size of 10 leaves one home page, not two).
    compile_into(&dist, Input::Synthetic(5));
    let again = prerender(&dist);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{stderr}");
    assert!(stderr.contains("removed "), "{stderr}");
    let after = snapshot(&dist);
    let posts = |s: &BTreeMap<PathBuf, Vec<u8>>| {
        s.keys()
            .filter(|p| p.ends_with("index.html") && p.components().count() == 4)
            .filter(|p| !p.starts_with("archive") && !p.starts_with("label"))
            .count()
    };
    assert_eq!((posts(&before), posts(&after)), (12, 5));
    // Every page left is one the second run wrote: as many as it reports.
    let pages = after
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert!(
        stderr.contains(&format!(": {pages} pages in ")),
        "{pages}: {stderr}"
    );
    // The data and the shell's files stay.
    assert!(after.keys().any(|p| p.starts_with("data")));
    assert!(
        after.contains_key(Path::new("index.html")) && after.contains_key(Path::new("404.html"))
    );
}

/// The sample site with its sidebar written from the prerenderer's copy (one per set of current
/// links) is byte for byte the site with every sidebar rendered: the markup the browser
/// hydrates, the documents each page names, everything.
#[test]
fn the_sidebar_copy_changes_no_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let build = |copy: &str| {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path().join("dist");
        fs::create_dir(&dist).unwrap();
        fs::copy(root.join("public/config.json"), dist.join("config.json")).unwrap();
        fs::write(dist.join("index.html"), SHELL).unwrap();
        compile_into(&dist, Input::Dir(root.join("content/posts")));
        prerender_ok(&dist, &[("FRONTERA_PRERENDER_SIDEBAR_COPY", copy)]);
        let snap = snapshot(&dist);
        (dir, snap)
    };
    let (_a, every) = build("0");
    let (_b, copied) = build("1");
    let pages = every.keys().filter(|p| p.ends_with("index.html")).count();
    assert!(pages > 100, "{pages} pages");
    assert_same_site(&every, &copied, "with the sidebar copied");
    assert_eq!(every.len(), copied.len());
}
