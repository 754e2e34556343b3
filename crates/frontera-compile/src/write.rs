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

/// A kind of output folder: the flag that names it and a file every build of it holds, so a
/// folder is only ever replaced by the same kind of output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutputKind {
    /// The command-line flag, for messages.
    pub flag: &'static str,
    /// A file every build writes, relative to the folder.
    pub marker: &'static str,
}

/// `--out`: the data documents.
pub const DATA: OutputKind = OutputKind {
    flag: "--out",
    marker: "home/1.json",
};

/// `--site-root`: the crawl files (sitemap, robots.txt, Atom feed).
pub const SITE_ROOT: OutputKind = OutputKind {
    flag: "--site-root",
    marker: "robots.txt",
};

/// A temporary output folder that becomes `--out` on [`Staging::commit`] and is removed if
/// dropped before that (error or panic).
pub struct Staging {
    kind: OutputKind,
    out: PathBuf,
    tmp: PathBuf,
    /// Folders already created, to avoid a `create_dir_all` call per file.
    dirs: HashSet<PathBuf>,
    committed: bool,
}

impl Staging {
    /// Creates `.<name>.tmp-<pid>` beside `out`, the data folder ([`DATA`]).
    pub fn new(out: &Path) -> Result<Staging, Error> {
        Staging::new_for(out, DATA)
    }

    /// Creates `.<name>.tmp-<pid>` beside `out`, an output folder of `kind`. Fails early,
    /// before any work, if `out` exists but is not something the compiler may replace.
    pub fn new_for(out: &Path, kind: OutputKind) -> Result<Staging, Error> {
        let name = out
            .file_name()
            .and_then(|n| n.to_str())
            .filter(|n| *n != "." && *n != "..")
            .ok_or_else(|| {
                Error::Io(format!(
                    "{} {} must name a folder",
                    kind.flag,
                    out.display()
                ))
            })?;
        check_replaceable(out, kind)?;
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
            kind,
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
            check_replaceable(&self.out, self.kind)?;
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

/// Checks that `out` may be replaced. An output folder is deleted on replacement, so it must
/// be empty or hold a previous build of the same kind (has `kind.marker`): a mistyped
/// `--out .` or `--site-root ~` must not wipe a real folder.
pub fn check_replaceable(out: &Path, kind: OutputKind) -> Result<(), Error> {
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Error::Io(format!(
            "{} {} exists and is not a folder",
            kind.flag,
            out.display()
        )));
    }
    let empty = fs::read_dir(out)
        .map_err(|e| io_error("cannot read", out, e))?
        .next()
        .is_none();
    if empty || out.join(kind.marker).is_file() {
        Ok(())
    } else {
        Err(Error::Io(format!(
            "refusing to replace {}: it is not empty and holds no {}, so it does not look \
             like compiler output; remove it or pick another {}",
            out.display(),
            kind.marker,
            kind.flag
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

    #[test]
    fn each_kind_replaces_only_its_own_output() {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        fs::create_dir_all(data.join("home")).unwrap();
        fs::write(data.join("home/1.json"), "{}").unwrap();
        let site = root.path().join("site");
        fs::create_dir(&site).unwrap();
        fs::write(site.join("robots.txt"), "").unwrap();
        assert!(check_replaceable(&data, DATA).is_ok());
        assert!(check_replaceable(&site, SITE_ROOT).is_ok());
        let e = check_replaceable(&data, SITE_ROOT).unwrap_err().to_string();
        assert!(e.contains("robots.txt") && e.contains("--site-root"), "{e}");
        assert!(check_replaceable(&site, DATA).is_err());
    }
}
