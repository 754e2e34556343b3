//! Rendering again only the pages whose inputs changed (a one-post edit of a large site).
//!
//! A page is a function of the prerenderer (this binary), the shell it goes into, the path the
//! site is served under, its route, the last page of its list (`rel=next`), whether it also
//! answers at an old address, and the documents the app read while rendering it. The first six
//! make a page's key; the documents are recorded by URL and fingerprint (or `-`: asked for, and
//! the site has none). `.prerendered`, beside the pages, holds that record for every page a run
//! wrote, with the size and modification time of its files. A later run over the same folder,
//! or over a new build with the last one's output as `--previous`, keeps every page whose key,
//! files and documents' fingerprints are unchanged and renders the rest. Content is compared, not dates: the compiler writes every document again on each
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
const HEADER: &str = "frontera-prerender pages 2";

/// The last line's first field: the record ends with how many pages it has and the fingerprint
/// of everything before that line, so a record cut short or edited is no record at all.
const END: &str = "end";

/// The records of an earlier run, by page file (relative to the site). Kept as the file's text
/// with an index into it, since a large site has 150,000 of them: each record is read only when
/// its page comes up, and a page kept is recorded again with the same line.
#[derive(Debug, Default)]
pub struct Manifest {
    text: String,
    lines: HashMap<Box<str>, (usize, usize)>,
}

/// One page's record in a [`Manifest`].
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    /// The whole line, to be written again as it is if the page is kept.
    pub line: &'a str,
    key: &'a str,
    /// The size and modification time of each file the page was written to ([`stamp`]).
    stamp: &'a str,
    docs: &'a str,
}

impl Entry<'_> {
    /// Each document the page asked for, with its fingerprint (`None`: the site had none).
    fn docs(&self) -> impl Iterator<Item = Option<(&str, Option<&str>)>> {
        self.docs.split('\t').filter(|d| !d.is_empty()).map(|d| {
            let (print, doc) = d.split_once(' ')?;
            Some((doc, (print != "-").then_some(print)))
        })
    }
}

impl Manifest {
    /// The record in `dir`, or an empty one when there is none or it cannot be read (every page
    /// is then rendered: a lost record costs time, never a stale page).
    pub fn read(dir: &Path) -> Manifest {
        let Ok(text) = fs::read_to_string(dir.join(MANIFEST)) else {
            return Manifest::default();
        };
        let Some(body) = text.strip_prefix(HEADER).and_then(|t| t.strip_prefix('\n')) else {
            return Manifest::default();
        };
        let Some(body) = sealed(&text, body) else {
            return Manifest::default();
        };
        let mut lines = HashMap::new();
        // The records start after the header's line.
        let mut at = HEADER.len() + 1;
        for line in body.split_inclusive('\n') {
            let end = at + line.trim_end_matches('\n').len();
            if let Some((file, _)) = line.split_once('\t') {
                lines.insert(file.into(), (at, end));
            }
            at += line.len();
        }
        Manifest { text, lines }
    }

    /// The record of `file`, if the earlier run wrote it.
    pub fn get(&self, file: &Path) -> Option<Entry<'_>> {
        let &(a, b) = self.lines.get(file.to_str()?)?;
        let line = &self.text[a..b];
        let mut parts = line.splitn(4, '\t');
        let (_, key, stamp) = (parts.next()?, parts.next()?, parts.next()?);
        Some(Entry {
            line,
            key,
            stamp,
            docs: parts.next().unwrap_or(""),
        })
    }

    /// How many pages it records.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether it records no page.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// The record of one page: its file, its key ([`page_key`]), the [`stamp`] of the files it was
/// written to, and each document it asked for with its fingerprint (`None`: absent). `None` when
/// a name would break the line format: that page is then rendered every time.
pub fn line(
    file: &Path,
    key: &str,
    stamp: &str,
    docs: &[(String, Option<String>)],
) -> Option<String> {
    let file = file.to_str()?;
    let unsafe_text = |s: &str| s.is_empty() || s.contains(['\t', '\n', '\r']);
    if unsafe_text(file) || docs.iter().any(|(d, _)| unsafe_text(d)) {
        return None;
    }
    let mut out = String::with_capacity(file.len() + key.len() + docs.len() * 48);
    out.push_str(file);
    out.push('\t');
    out.push_str(key);
    out.push('\t');
    out.push_str(stamp);
    for (doc, print) in docs {
        out.push('\t');
        out.push_str(print.as_deref().unwrap_or("-"));
        out.push(' ');
        out.push_str(doc);
    }
    Some(out)
}

/// Writes the records `lines` ([`line`], or an [`Entry`]'s) into `dir`.
pub fn write<'a>(dir: &Path, lines: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut out = String::from(HEADER);
    out.push('\n');
    let mut count = 0;
    for line in lines {
        out.push_str(line);
        out.push('\n');
        count += 1;
    }
    let seal = fingerprint(&out);
    out.push_str(&format!("{END}\t{count}\t{seal}\n"));
    let path = dir.join(MANIFEST);
    fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))
}

/// `body` without its last line, if that line is the seal of `text` up to it (see [`END`]).
fn sealed<'a>(text: &'a str, body: &'a str) -> Option<&'a str> {
    let last_start = body.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
    let (lines, last) = body.split_at(last_start);
    let mut fields = last.trim_end_matches('\n').split('\t');
    let (end, count, seal) = (fields.next()?, fields.next()?, fields.next()?);
    let upto = &text[..text.len() - last.len()];
    let whole = end == END
        && fields.next().is_none()
        && count.parse::<usize>().ok()? == lines.lines().count()
        && seal == fingerprint(upto);
    whole.then_some(lines)
}

/// The size and modification time of each of `files` under `dir` (`size.nanoseconds`, comma
/// separated): a page changed or emptied by hand since it was written is not kept. Renames and
/// hard links keep both; `None` when one cannot be read.
pub fn stamp(dir: &Path, files: &[PathBuf]) -> Option<String> {
    let stamps = files
        .iter()
        .map(|f| {
            let meta = fs::metadata(dir.join(f)).ok()?;
            let time = meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?;
            Some(format!("{}.{}", meta.len(), time.as_nanos()))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(stamps.join(","))
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
    /// Whether `entry` still describes the page: same key, its files as they were written
    /// (`stamp`, of the files now), and every document as it was.
    pub fn unchanged(&self, entry: &Entry, key: &str, stamp: Option<&str>) -> bool {
        entry.key == key
            && stamp == Some(entry.stamp)
            && entry
                .docs()
                .all(|d| d.is_some_and(|(doc, print)| self.print(doc).as_deref() == print))
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

    fn docs(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|(d, p)| (d.to_string(), p.map(str::to_string)))
            .collect()
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let post = Path::new("2026/09/a/index.html");
        let lines = [
            line(
                post,
                "k1",
                "10.5",
                &docs(&[
                    ("config.json", Some("00ff")),
                    ("data/pages.json", None),
                    ("data/posts/2026/09/a.json", Some("abcd")),
                ]),
            )
            .unwrap(),
            line(Path::new("index.html"), "k2", "7.1,7.1", &[]).unwrap(),
        ];
        // Not recordable: that page is rendered every time.
        assert_eq!(
            line(Path::new("odd\tname/index.html"), "k3", "1.1", &[]),
            None
        );
        write(dir.path(), lines.iter().map(String::as_str)).unwrap();
        let read = Manifest::read(dir.path());
        assert_eq!(read.len(), 2);
        let entry = read.get(post).unwrap();
        assert_eq!(entry.line, lines[0]);
        assert_eq!((entry.key, entry.stamp), ("k1", "10.5"));
        let listed: Vec<_> = entry.docs().map(Option::unwrap).collect();
        assert_eq!(
            listed,
            [
                ("config.json", Some("00ff")),
                ("data/pages.json", None),
                ("data/posts/2026/09/a.json", Some("abcd")),
            ]
        );
        let home = read.get(Path::new("index.html")).unwrap();
        assert_eq!((home.key, home.docs().count()), ("k2", 0));
        assert!(read.get(Path::new("other/index.html")).is_none());

        // Cut short anywhere, or a line changed, it is no record: everything is rendered.
        let text = fs::read_to_string(dir.path().join(MANIFEST)).unwrap();
        for cut in [
            text.len() - 2,
            text.len() - 30,
            text.rfind("\tabcd").unwrap(),
            40,
        ] {
            fs::write(dir.path().join(MANIFEST), &text[..cut]).unwrap();
            assert!(Manifest::read(dir.path()).is_empty(), "cut at {cut}");
        }
        let dropped = text.replace("\t- data/pages.json", "");
        fs::write(dir.path().join(MANIFEST), dropped).unwrap();
        assert!(Manifest::read(dir.path()).is_empty());
        // An empty record is a record (a site with no pages yet).
        write(dir.path(), std::iter::empty()).unwrap();
        assert!(Manifest::read(dir.path()).is_empty());
        assert!(fs::read_to_string(dir.path().join(MANIFEST))
            .unwrap()
            .starts_with(HEADER));
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
        let dir = tempfile::tempdir().unwrap();
        frontera::api::documents::provide("data/a.json", "{\"a\":1}".into());
        let now = fingerprint("{\"a\":1}");
        let recorded = |list: &[(&str, Option<&str>)]| {
            let l = line(Path::new("p/index.html"), "k", "3.9", &docs(list)).unwrap();
            write(dir.path(), std::iter::once(l.as_str())).unwrap();
            Manifest::read(dir.path())
        };
        let current = Current::default();
        let m = recorded(&[("data/a.json", Some(&now)), ("data/none.json", None)]);
        let entry = m.get(Path::new("p/index.html")).unwrap();
        assert!(current.unchanged(&entry, "k", Some("3.9")));
        assert!(!current.unchanged(&entry, "other key", Some("3.9")));
        // The page's file changed size or time since (edited, emptied), or is gone.
        assert!(!current.unchanged(&entry, "k", Some("0.9")));
        assert!(!current.unchanged(&entry, "k", None));
        let m = recorded(&[("data/a.json", Some("0000000000000000"))]);
        assert!(!current.unchanged(&m.get(Path::new("p/index.html")).unwrap(), "k", Some("3.9")));
        // A document that was absent and now exists (or the reverse) is a change too.
        let m = recorded(&[("data/a.json", None)]);
        assert!(!current.unchanged(&m.get(Path::new("p/index.html")).unwrap(), "k", Some("3.9")));
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
