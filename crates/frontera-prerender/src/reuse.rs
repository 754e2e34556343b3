//! Rendering again only the pages whose inputs changed (a one-post edit of a large site).
//!
//! A page is a function of the prerenderer (this binary), the shell it goes into, the path the
//! site is served under, its route, the last page of its list (`rel=next`), whether it also
//! answers at an old address, and the documents the app read while rendering it. The first six
//! make a page's key; the documents are recorded by URL and fingerprint (or `-`: asked for, and
//! the site has none). `.prerendered`, beside the pages, holds that record for every page a run
//! wrote. A later run over the same folder, or over a new build with the last one's output as
//! `--previous`, keeps every page whose key and documents' fingerprints are unchanged and renders
//! the rest. Content is compared, not dates: the compiler writes every document again on each
//! run, byte for byte the same when nothing changed.
//!
//! Adding a post still renders every page (the sidebar's archive counts and label cloud are on
//! all of them); correcting one renders its page, the lists it is on, and the posts that show it
//! among their related posts.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use frontera_wire::layout::{fingerprint, fingerprint_bytes};

/// The record's file, in the built site (hidden: `prune` and static hosts' listings pass it by).
pub const MANIFEST: &str = ".prerendered";

/// The first line of a record this version reads; any other means "render everything".
const HEADER: &str = "frontera-prerender pages 1";

/// What one page was rendered from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The fingerprint of everything but the documents ([`page_key`]).
    pub key: String,
    /// Each document asked for, with its fingerprint (`None`: absent).
    pub docs: Vec<(String, Option<String>)>,
}

/// The records of an earlier run, by page file (relative to the site).
#[derive(Debug, Default)]
pub struct Manifest {
    pages: HashMap<PathBuf, Record>,
}

impl Manifest {
    /// The record in `dir`, or an empty one when there is none or it cannot be read (every page
    /// is then rendered: a lost record costs time, never a stale page).
    pub fn read(dir: &Path) -> Manifest {
        let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
            return Manifest::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Manifest::default();
        }
        let pages = lines.filter_map(parse_line).collect();
        Manifest { pages }
    }

    /// The record of `file`, if the earlier run wrote it.
    pub fn get(&self, file: &Path) -> Option<&Record> {
        self.pages.get(file)
    }

    /// How many pages it records.
    pub fn len(&self) -> usize {
        self.pages.len()
    }

    /// Whether it records no page.
    pub fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }
}

/// Writes the record of `pages` into `dir`.
pub fn write(dir: &Path, pages: &[(PathBuf, Record)]) -> Result<(), String> {
    let mut out = String::with_capacity(pages.len() * 256 + HEADER.len() + 1);
    out.push_str(HEADER);
    out.push('\n');
    for (file, record) in pages {
        // A name that would break the line format is not recorded: that page renders every time.
        let file = file.to_string_lossy();
        let unsafe_text = |s: &str| s.contains(['\t', '\n', '\r']);
        if unsafe_text(&file) || record.docs.iter().any(|(d, _)| unsafe_text(d)) {
            continue;
        }
        out.push_str(&file);
        out.push('\t');
        out.push_str(&record.key);
        for (doc, print) in &record.docs {
            out.push('\t');
            out.push_str(print.as_deref().unwrap_or("-"));
            out.push(' ');
            out.push_str(doc);
        }
        out.push('\n');
    }
    let path = dir.join(MANIFEST);
    fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
}

fn parse_line(line: &str) -> Option<(PathBuf, Record)> {
    let mut parts = line.split('\t');
    let file = PathBuf::from(parts.next()?);
    let key = parts.next()?.to_string();
    let docs = parts
        .map(|p| {
            let (print, doc) = p.split_once(' ')?;
            let print = (print != "-").then(|| print.to_string());
            Some((doc.to_string(), print))
        })
        .collect::<Option<Vec<_>>>()?;
    Some((file, Record { key, docs }))
}

/// The fingerprint of this binary: a prerenderer built from other code may write other markup.
pub fn build_id() -> String {
    std::env::current_exe()
        .and_then(fs::read)
        .map_or_else(|_| "unknown".into(), |b| fingerprint_bytes(&b))
}

/// A page's key: everything it is rendered from except its documents.
pub fn page_key(
    build: &str,
    shell: &str,
    base: &str,
    path: &str,
    last_page: Option<u32>,
    old_address: bool,
) -> String {
    fingerprint(&format!(
        "{build}\n{shell}\n{base}\n{path}\n{last_page:?}\n{old_address}"
    ))
}

/// The documents' fingerprints as they are now, each read once per thread (every page reads
/// `config.json` and the sidebar's indexes; a post's document is read by its page alone).
#[derive(Default)]
pub struct Current {
    seen: RefCell<HashMap<String, Option<String>>>,
}

impl Current {
    /// Whether `record` still describes the page: same key, and every document as it was.
    pub fn unchanged(&self, record: &Record, key: &str) -> bool {
        record.key == key
            && record
                .docs
                .iter()
                .all(|(doc, print)| self.print(doc) == *print)
    }

    fn print(&self, doc: &str) -> Option<String> {
        if let Some(p) = self.seen.borrow().get(doc) {
            return p.clone();
        }
        let p = frontera::api::documents::peek(doc).map(|b| fingerprint(&b));
        self.seen.borrow_mut().insert(doc.to_string(), p.clone());
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str, docs: &[(&str, Option<&str>)]) -> Record {
        Record {
            key: key.into(),
            docs: docs
                .iter()
                .map(|(d, p)| (d.to_string(), p.map(str::to_string)))
                .collect(),
        }
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let pages = vec![
            (
                PathBuf::from("2026/09/a/index.html"),
                record(
                    "k1",
                    &[
                        ("config.json", Some("00ff")),
                        ("data/pages.json", None),
                        ("data/posts/2026/09/a.json", Some("abcd")),
                    ],
                ),
            ),
            (PathBuf::from("index.html"), record("k2", &[])),
            // Not recordable: that page is rendered every time.
            (PathBuf::from("odd\tname/index.html"), record("k3", &[])),
        ];
        write(dir.path(), &pages).unwrap();
        let read = Manifest::read(dir.path());
        assert_eq!(read.len(), 2);
        for (file, rec) in &pages[..2] {
            assert_eq!(read.get(file), Some(rec));
        }
        assert_eq!(read.get(Path::new("odd\tname/index.html")), None);
    }

    #[test]
    fn a_missing_or_foreign_record_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Manifest::read(dir.path()).is_empty());
        fs::write(dir.path().join(MANIFEST), "something else\nindex.html\tk\n").unwrap();
        assert!(Manifest::read(dir.path()).is_empty());
    }

    #[test]
    fn a_page_is_unchanged_only_if_its_key_and_every_document_are() {
        frontera::api::documents::provide("data/a.json", "{\"a\":1}".into());
        let now = fingerprint("{\"a\":1}");
        let current = Current::default();
        let rec = record(
            "k",
            &[("data/a.json", Some(&now)), ("data/none.json", None)],
        );
        assert!(current.unchanged(&rec, "k"));
        assert!(!current.unchanged(&rec, "other key"));
        let edited = record("k", &[("data/a.json", Some("0000000000000000"))]);
        assert!(!current.unchanged(&edited, "k"));
        // A document that was absent and now exists (or the reverse) is a change too.
        let appeared = record("k", &[("data/a.json", None)]);
        assert!(!current.unchanged(&appeared, "k"));
        let keys = [
            page_key("b", "s", "", "/", None, false),
            page_key("b2", "s", "", "/", None, false),
            page_key("b", "s2", "", "/", None, false),
            page_key("b", "s", "/blog", "/", None, false),
            page_key("b", "s", "", "/page/2", None, false),
            page_key("b", "s", "", "/", Some(3), false),
            page_key("b", "s", "", "/", None, true),
        ];
        let distinct: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(distinct.len(), keys.len());
    }
}
