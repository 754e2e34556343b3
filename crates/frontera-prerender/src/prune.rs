//! Pages an earlier prerendering wrote for routes the site no longer has. A built `dist/` can be
//! prerendered again with new data (docs/architecture.md): a post taken down, a label renamed or
//! a list grown shorter would otherwise stay on the host as a page readers without JavaScript,
//! crawlers and link previews still get, with status 200.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::files::with_suffix;

/// What marks a page as the prerenderer's (its `<body>`), and nothing else in `dist/`.
const MARK: &str = "data-prerendered=\"";

/// Removes every prerendered page under `dist` that is not in `written` (paths relative to
/// `dist`), with its compressed copies (`.br`, `.gz`), and the folders that leaves empty. Only
/// `.html` files carrying the prerenderer's mark are touched: the app's files, the data, the
/// search index and the compiler's redirect pages stay. Returns how many pages went.
pub fn prune(dist: &Path, written: &[PathBuf]) -> Result<usize, String> {
    let keep: HashSet<&Path> = written.iter().map(PathBuf::as_path).collect();
    let mut removed = 0;
    walk(dist, dist, &keep, &mut removed)?;
    Ok(removed)
}

/// Prunes `dir`; whether it is empty afterwards.
fn walk(
    dist: &Path,
    dir: &Path,
    keep: &HashSet<&Path>,
    removed: &mut usize,
) -> Result<bool, String> {
    let say = |e: std::io::Error| format!("{}: {e}", dir.display());
    for entry in fs::read_dir(dir).map_err(say)? {
        let path = entry.map_err(say)?.path();
        let rel = path.strip_prefix(dist).unwrap_or(&path);
        let hidden = rel
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.is_dir() {
            if !hidden && walk(dist, &path, keep, removed)? {
                fs::remove_dir(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        } else if path.extension().is_some_and(|e| e == "html")
            && !keep.contains(rel)
            && is_ours(&path)
        {
            for gone in [
                path.clone(),
                with_suffix(&path, ".br"),
                with_suffix(&path, ".gz"),
            ] {
                if gone.exists() {
                    fs::remove_file(&gone).map_err(|e| format!("{}: {e}", gone.display()))?;
                }
            }
            *removed += 1;
        }
    }
    Ok(fs::read_dir(dir).map_err(say)?.next().is_none())
}

fn is_ours(page: &Path) -> bool {
    fs::read_to_string(page).is_ok_and(|html| html.contains(MARK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_prerenderers_pages_for_gone_routes_go() {
        let dist = tempfile::tempdir().unwrap();
        let put = |f: &str, text: &str| {
            let p = dist.path().join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        };
        let page = "<body data-prerendered=\"/x\">";
        put("index.html", page);
        put("2023/03/gone/index.html", page);
        put("2023/03/gone/index.html.br", "b");
        put("2023/03/gone/index.html.gz", "g");
        put("2024/05/kept/index.html", page);
        put("label/old/index.html", page);
        put(
            "2019/05/old.html",
            "<meta http-equiv=\"refresh\" content=\"0; url=/x\">",
        );
        put("data/posts/2023/03/gone.json", "{}");
        put("frontera-1a2b.js", "js");
        let written = ["index.html", "2024/05/kept/index.html"].map(PathBuf::from);
        assert_eq!(prune(dist.path(), &written).unwrap(), 2);
        let exists = |f: &str| dist.path().join(f).exists();
        for gone in ["2023/03/gone", "2023", "label"] {
            assert!(!exists(gone), "{gone}");
        }
        for kept in [
            "index.html",
            "2024/05/kept/index.html",
            "2019/05/old.html",
            "data/posts/2023/03/gone.json",
            "frontera-1a2b.js",
        ] {
            assert!(exists(kept), "{kept}");
        }
    }
}
