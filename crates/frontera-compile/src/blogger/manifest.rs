//! What an import wrote (`blogger/files.json`: each file's SHA-256), so that importing again can
//! tell the editor's own changes from the importer's files and refuse to throw them away.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use sha2::{Digest, Sha256};

use crate::diag::{io_error, Error};

/// The manifest, relative to the `--into` folder.
pub const MANIFEST: &str = "blogger/files.json";

/// Each file an import wrote, by its path in the folder (`/`-separated), and its SHA-256 (hex).
pub type Manifest = BTreeMap<String, String>;

/// The SHA-256 of `bytes`, in hex.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// How a file differs from what the last import wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Edited,
    Added,
    Removed,
}

/// The files of `into` that are not as the last import left them, in path order. Empty when
/// `into` holds no earlier import, or one written before manifests (nothing to compare with).
pub fn changes(into: &Path) -> Result<Vec<(String, Change)>, Error> {
    let file = into.join(MANIFEST);
    let Ok(text) = fs::read(&file) else {
        return Ok(Vec::new());
    };
    let written: Manifest = serde_json::from_slice(&text)
        .map_err(|e| Error::Io(format!("{}: not an import's manifest: {e}", file.display())))?;
    let mut found = Manifest::new();
    for path in files_under(into)? {
        let name = relative(into, &path);
        if name == MANIFEST {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| io_error("cannot read", &path, e))?;
        found.insert(name, digest(&bytes));
    }
    let mut out: Vec<(String, Change)> = Vec::new();
    for (name, hash) in &found {
        match written.get(name) {
            None => out.push((name.clone(), Change::Added)),
            Some(h) if h != hash => out.push((name.clone(), Change::Edited)),
            Some(_) => {}
        }
    }
    out.extend(
        written
            .keys()
            .filter(|name| !found.contains_key(*name))
            .map(|name| (name.clone(), Change::Removed)),
    );
    out.sort();
    Ok(out)
}

/// The refusal for [`changes`]: the first few files by name, and the two ways on.
pub fn refusal(into: &Path, changes: &[(String, Change)]) -> Error {
    const SHOWN: usize = 5;
    let list: Vec<String> = changes
        .iter()
        .take(SHOWN)
        .map(|(name, c)| {
            let what = match c {
                Change::Edited => "edited",
                Change::Added => "added",
                Change::Removed => "removed",
            };
            format!("{name} ({what})")
        })
        .collect();
    let more = match changes.len().saturating_sub(SHOWN) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    Error::Io(format!(
        "refusing to import into {}: {} file(s) changed since the last import there: {}{more}. \
         Importing again replaces the whole folder; move those changes out (or make them in \
         Blogger and export again), or pass --force to replace them",
        into.display(),
        changes.len(),
        list.join(", ")
    ))
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in fs::read_dir(&d).map_err(|e| io_error("cannot read", &d, e))? {
            let path = entry.map_err(|e| io_error("cannot read", &d, e))?.path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path);
            }
        }
    }
    Ok(out)
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
