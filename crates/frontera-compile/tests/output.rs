//! The compiler's output: a failed compile leaves the previous output untouched, and every
//! document (at any number of synthetic posts) is the wire type its path says.

use std::{collections::BTreeMap, fs, path::Path};

use frontera_compile::{
    compile_all,
    diag::Error,
    run,
    site::{write_site, MemorySink},
    synthetic, Input, Options,
};
use frontera_wire::{layout::LABEL_INDEX, ArchiveIndex, Feed, Item, LabelIndex, PageIndex};

mod common;

use common::*;

fn write_config(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("config.json");
    fs::write(
        &path,
        serde_json::to_vec(&serde_json::json!({
            "title": "C", "site_url": "https://c.example/", "data_root": "data/", "page_size": 3
        }))
        .unwrap(),
    )
    .unwrap();
    path
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn failing_compile_leaves_previous_output_untouched() {
    let root = tempfile::tempdir().unwrap();
    let config = write_config(root.path());
    let content = root.path().join("posts");
    fs::create_dir(&content).unwrap();
    fs::write(
        content.join("2024-03-01-a.md"),
        "+++\ntitle = \"A\"\ndate = 2024-03-01\n+++\nHi.\n",
    )
    .unwrap();
    let out = root.path().join("data");
    let options = Options {
        config,
        input: Input::Dir(content.clone()),
        out: out.clone(),
        site_root: None,
        redirects: None,
        now: None,
    };

    run(&options).unwrap();
    let before = fs::read(out.join("home/1.json")).unwrap();
    assert!(out.join("posts/2024/03/a.json").is_file());

    fs::write(
        content.join("2024-03-02-b.md"),
        "+++\ntitle = \"B\"\ndate = 2024-03-02\nbogus = 1\n+++\n",
    )
    .unwrap();
    fs::write(
        content.join("2024-03-03-c.md"),
        "+++\ntitle = \"C\"\ndate = 2024-03-03\n+++\nNew.\n",
    )
    .unwrap();
    assert!(matches!(run(&options), Err(Error::Content(_))));
    assert_eq!(fs::read(out.join("home/1.json")).unwrap(), before);
    assert!(!out.join("posts/2024/03/c.json").exists());
    assert_eq!(
        names(root.path()),
        ["config.json", "data", "posts"],
        "no temp folder left"
    );

    fs::remove_file(content.join("2024-03-02-b.md")).unwrap();
    run(&options).unwrap();
    assert!(out.join("posts/2024/03/c.json").is_file());
    assert_eq!(names(root.path()), ["config.json", "data", "posts"]);
}

/// Every document deserialises into the wire type its path says it is.
fn check_wire_types(docs: &BTreeMap<String, Vec<u8>>) {
    for (doc, bytes) in docs {
        let parts: Vec<&str> = doc.split('/').collect();
        let ok = match parts.as_slice() {
            ["posts" | "pages", ..] => serde_json::from_slice::<Item>(bytes)
                .map(|i| assert!(i.ext.is_some()))
                .is_ok(),
            ["archive", "index.json"] => serde_json::from_slice::<ArchiveIndex>(bytes).is_ok(),
            ["labels", "index.json"] => serde_json::from_slice::<LabelIndex>(bytes).is_ok(),
            ["pages.json"] => serde_json::from_slice::<PageIndex>(bytes).is_ok(),
            ["home" | "archive" | "labels", ..] => serde_json::from_slice::<Feed>(bytes)
                .map(|f| assert!(f.ext.is_some() && !f.items.is_empty()))
                .is_ok(),
            _ => panic!("unexpected document {doc}"),
        };
        assert!(ok, "{doc} does not deserialise");
    }
}

#[test]
fn synthetic_pages_do_not_grow_with_n_and_match_the_wire_types() {
    let config = config(7);
    let build = |n| {
        let posts = compile_all(synthetic::sources(n), &config, Vec::new()).unwrap();
        let mut sink = MemorySink::default();
        let stats = write_site(&posts, &config, &mut sink).unwrap();
        (sink.docs, stats)
    };
    let (small_docs, small) = build(300);
    let (large_docs, large) = build(3000);
    check_wire_types(&small_docs);
    check_wire_types(&large_docs);
    assert_eq!(large.posts, 3000);
    let (a, b) = (small.largest_page.0 as f64, large.largest_page.0 as f64);
    assert!(
        b <= a * 1.2 && a <= b * 1.2,
        "largest page: {a} bytes at 300 posts, {b} at 3000"
    );
    // The label index is bounded by the label count, not by N.
    let labels: LabelIndex = serde_json::from_slice(&large_docs[LABEL_INDEX]).unwrap();
    assert!(
        (15..=25).contains(&labels.labels.len()),
        "{}",
        labels.labels.len()
    );
    assert!(
        !labels.labels.iter().any(|l| l.name == "crossing times"),
        "variant spelling merged"
    );
}
