//! Atomic output: the data folder is built beside its final place and swapped in at the end.
//!
//! The app may be serving `--out` while the compiler runs, and a failed build must not leave a
//! half-written site, so documents go to a fresh temporary folder in the same parent (same file
//! system, so the final renames are cheap and cannot fail half-way through a copy).

use std::{
    collections::HashSet,
    fs,
    path::{Path, PathBuf},
};

use crate::{
    diag::{io_error, Error},
    site::Sink,
};

/// A temporary output folder that becomes `--out` on [`Staging::commit`] and is removed if
/// dropped before that (error or panic).
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// Folders already created, to avoid a `create_dir_all` call per file.
    dirs: HashSet<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Creates `.<name>.tmp-<pid>` beside `out`. Fails early, before any work, if `out` exists
    /// but is not something the compiler may replace.
    pub fn new(out: &Path) -> Result<Staging, Error> {
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| *n != "." && *n != "..")
            .ok_or_else(|| Error::Io(format!("--out {} must name a folder", out.display())))?;
        check_replaceable(out)?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| io_error("cannot create", parent, e))?;
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if tmp.exists() {
            // Left by an earlier run that was killed and had the same process id.
            fs::remove_dir_all(&tmp).map_err(|e| io_error("cannot remove stale", &tmp, e))?;
        }
        fs::create_dir(&tmp).map_err(|e| io_error("cannot create", &tmp, e))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            dirs: HashSet::new(),
            committed: false,
        })
    }

    /// The temporary folder (for tests).
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// Replaces `out` with the finished folder: the old one is moved aside, the new one renamed
    /// into place, then the old one deleted. If the second rename fails the old one is put back.
    pub fn commit(mut self) -> Result<(), Error> {
        let parent = self.tmp.parent().unwrap_or(Path::new("."));
        if self.out.exists() {
            check_replaceable(&self.out)?;
            let name = self
                .out
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("out");
            let old = parent.join(format!(".{name}.old-{}", std::process::id()));
            fs::rename(&self.out, &old).map_err(|e| io_error("cannot move aside", &self.out, e))?;
            if let Err(e) = fs::rename(&self.tmp, &self.out) {
                let _ = fs::rename(&old, &self.out);
                return Err(io_error("cannot move the new output to", &self.out, e));
            }
            self.committed = true;
            fs::remove_dir_all(&old)
                .map_err(|e| io_error("cannot remove the previous output", &old, e))?;
        } else {
            fs::rename(&self.tmp, &self.out)
                .map_err(|e| io_error("cannot move the new output to", &self.out, e))?;
            self.committed = true;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&mut self, doc: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.tmp.join(doc);
        if let Some(dir) = path.parent() {
            if !self.dirs.contains(dir) {
                fs::create_dir_all(dir).map_err(|e| io_error("cannot create", dir, e))?;
                self.dirs.insert(dir.to_path_buf());
            }
        }
        // One write per file from a complete buffer: no BufWriter needed.
        fs::write(&path, bytes).map_err(|e| io_error("cannot write", &path, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Checks that `out` may be replaced. `--out` is deleted on replacement, so it must be a folder that is empty or holds a previous
/// build (has `home/1.json`): a mistyped `--out .` or `--out ~` must not wipe a real folder.
pub fn check_replaceable(out: &Path) -> Result<(), Error> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Error::Io(format!(
            "--out {} exists and is not a folder",
            out.display()
        )));
    }
    let empty = fs::read_dir(out)
        .map_err(|e| io_error("cannot read", out, e))?
        .next()
        .is_none();
    if empty || out.join("home/1.json").is_file() {
        Ok(())
    } else {
        Err(Error::Io(format!(
            "refusing to replace {}: it is not empty and holds no home/1.json, so it does not look \
             like compiler output; remove it or pick another --out",
            out.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn siblings(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_the_old_output() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("data");
        fs::create_dir_all(out.join("home")).unwrap();
        fs::write(out.join("home/1.json"), "old").unwrap();
        fs::write(out.join("stale.json"), "old").unwrap();
        let mut s = Staging::new(&out).unwrap();
        s.put("home/1.json", b"new").unwrap();
        s.put("posts/2024/03/x.json", b"{}").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("home/1.json")).unwrap(), "new");
        assert!(!out.join("stale.json").exists());
        assert!(out.join("posts/2024/03/x.json").exists());
        assert_eq!(
            siblings(root.path()),
            ["data"],
            "no temp or old folder left"
        );
    }

    #[test]
    fn dropping_without_commit_leaves_the_old_output_untouched() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("data");
        fs::create_dir_all(out.join("home")).unwrap();
        fs::write(out.join("home/1.json"), "old").unwrap();
        {
            let mut s = Staging::new(&out).unwrap();
            s.put("home/1.json", b"new").unwrap();
            assert!(s.path().exists());
        }
        assert_eq!(fs::read_to_string(out.join("home/1.json")).unwrap(), "old");
        assert_eq!(siblings(root.path()), ["data"]);
    }

    #[test]
    fn refuses_to_replace_a_folder_that_is_not_output() {
        let root = tempfile::tempdir().unwrap();
        fs::write(root.path().join("precious.txt"), "x").unwrap();
        assert!(Staging::new(root.path()).is_err());
        assert!(root.path().join("precious.txt").exists());
        assert!(Staging::new(Path::new(".")).is_err());
    }
}
