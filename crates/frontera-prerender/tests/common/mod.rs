//! What the prerenderer's end-to-end tests share: a shell, a compiled site, the binary run on
//! it, and a built site's files.

// Each test file uses its part of these.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use frontera_compile::{Input, Options};

/// The smallest shell trunk could write.
pub const SHELL: &str =
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>Shell</title>\
                         </head><body></body></html>";

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
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

/// Fails, naming the files that differ, unless two sites are the same file for file (but for
/// the prerenderer's record, which holds the times its pages were written).
pub fn assert_same_site(
    expected: &BTreeMap<PathBuf, Vec<u8>>,
    got: &BTreeMap<PathBuf, Vec<u8>>,
    when: &str,
) {
    let differ: Vec<_> = expected
        .keys()
        .chain(got.keys())
        .filter(|f| f.as_path() != Path::new(".prerendered"))
        .filter(|f| expected.get(*f) != got.get(*f))
        .collect();
    assert!(
        differ.is_empty(),
        "{when}: differs from a full render: {differ:?}"
    );
}

/// Compiles `input` into the data folder of the built site `dist`, with its `config.json`.
pub fn compile_into(dist: &Path, input: Input) {
    frontera_compile::run(&Options {
        config: dist.join("config.json"),
        input,
        out: dist.join("data"),
        site_root: None,
        redirects: None,
        now: None,
    })
    .unwrap();
}

/// The prerenderer run on `dist` with `env` set; panics with its output unless it succeeds.
pub fn prerender_ok(dist: &Path, env: &[(&str, &str)]) {
    let out = Command::new(env!("CARGO_BIN_EXE_frontera-prerender"))
        .arg("--dist")
        .arg(dist)
        .env("TRUNK_PUBLIC_URL", "/")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
