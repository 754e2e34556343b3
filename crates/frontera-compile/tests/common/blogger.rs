//! What the `import-blogger` tests share (blogger.rs, blogger_pages.rs): the fixture, the
//! binary, and an import compiled with its redirects.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
    process::{Command, Output},
};

pub const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/blogger/export.xml"
);
pub const WP: &str = "http://wordpress.org/export/1.2/";

pub fn bin(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_frontera-compile"))
        .args(args)
        .output()
        .unwrap()
}

pub fn import(export: &Path, into: &Path) -> Output {
    import_with(export, into, &[])
}

/// `import-blogger EXPORT --into INTO` and more arguments (`--config FILE`, `--force`).
pub fn import_with(export: &Path, into: &Path, more: &[&std::ffi::OsStr]) -> Output {
    let mut args = vec![
        "import-blogger".as_ref(),
        export.as_os_str(),
        "--into".as_ref(),
        into.as_os_str(),
    ];
    args.extend_from_slice(more);
    bin(&args)
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Every file under `dir`, relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// Names in `dir` (to see that no temporary folder was left behind).
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Imports, then compiles with the redirects; returns (root, data dir, site root).
pub fn import_and_compile() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    let config = root.path().join("config.json");
    let out = import_with(
        FIXTURE.as_ref(),
        &into,
        &["--config".as_ref(), config.as_os_str()],
    );
    assert!(out.status.success(), "{}", text(&out));
    let written: serde_json::Value = serde_json::from_slice(&fs::read(&config).unwrap()).unwrap();
    assert_eq!(written["title"], "Crónica de la Línea");
    assert_eq!(written["time_zone"], "America/Hermosillo");
    let (data, site) = (root.path().join("data"), root.path().join("site"));
    let out = bin(&[
        "--config".as_ref(),
        config.as_os_str(),
        "--content".as_ref(),
        into.join("posts").as_os_str(),
        "--out".as_ref(),
        data.as_os_str(),
        "--site-root".as_ref(),
        site.as_os_str(),
        "--redirects".as_ref(),
        into.join("redirects.json").as_os_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    (root, data, site)
}
