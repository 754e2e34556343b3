//! `import-blogger` run again: the same export gives the same files, the editor's changes since
//! the last import are not thrown away (`blogger/files.json`), and a folder that is not an
//! import is never replaced. (The first import: `blogger.rs`.)

mod common;

use std::fs;

use common::blogger::*;

#[test]
fn running_twice_gives_the_same_files() {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    assert!(import(FIXTURE.as_ref(), &into).status.success());
    let first = tree(&into);
    assert!(first.len() >= 7, "{:?}", first.keys());
    assert!(import(FIXTURE.as_ref(), &into).status.success());
    assert_eq!(tree(&into), first);
    assert_eq!(names(root.path()), ["content"]);
}

#[test]
fn importing_again_refuses_to_throw_away_the_editors_changes() {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    assert!(import(FIXTURE.as_ref(), &into).status.success());
    let imported = tree(&into);
    let path = imported
        .keys()
        .find(|k| k.starts_with("posts"))
        .unwrap()
        .clone();
    let post = path.to_string_lossy().into_owned();
    // The editor adds a correction and writes a post of their own after the import.
    let edited = format!(
        "{}\n<p>A correction.</p>\n",
        String::from_utf8_lossy(&imported[&path])
    );
    fs::write(into.join(&post), &edited).unwrap();
    fs::write(
        into.join("posts/2021-06-02-new.md"),
        "+++\ntitle = \"New\"\n+++\nText.\n",
    )
    .unwrap();
    let out = import(FIXTURE.as_ref(), &into);
    let said = text(&out);
    assert!(!out.status.success(), "{said}");
    assert!(
        said.contains("2 file(s) changed since the last import"),
        "{said}"
    );
    assert!(said.contains(&format!("{post} (edited)")), "{said}");
    assert!(said.contains("posts/2021-06-02-new.md (added)"), "{said}");
    assert!(said.contains("--force"), "{said}");
    // Nothing was touched, and no temporary folder is left beside it.
    assert_eq!(fs::read_to_string(into.join(&post)).unwrap(), edited);
    assert!(into.join("posts/2021-06-02-new.md").is_file());
    assert_eq!(names(root.path()), ["content"]);
    // A removed file counts too.
    fs::remove_file(into.join("posts/2021-06-02-new.md")).unwrap();
    fs::write(into.join(&post), &imported[&path]).unwrap();
    fs::remove_file(into.join("redirects.json")).unwrap();
    let said = text(&import(FIXTURE.as_ref(), &into));
    assert!(said.contains("redirects.json (removed)"), "{said}");
    // --force replaces the folder with the import, as before.
    fs::write(into.join(&post), &edited).unwrap();
    let out = import_with(FIXTURE.as_ref(), &into, &["--force".as_ref()]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(tree(&into), imported);
}

#[test]
fn never_replaces_a_folder_that_is_not_an_import() {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    fs::create_dir_all(into.join("posts")).unwrap();
    fs::write(into.join("posts/2024-01-01-mine.md"), "+++\n").unwrap();
    let out = import(FIXTURE.as_ref(), &into);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(into.join("posts/2024-01-01-mine.md").exists());
}
