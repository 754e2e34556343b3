//! Where pages go: the file of each route, pages written beside the site and moved in when all
//! rendered, and pages carried over from an earlier build.

use std::fs;
use std::path::{Path, PathBuf};

use frontera_wire::layout::Route;

/// The file of an imported post's or page's old address (`2019/05/slug.html` for
/// `/2019/05/slug`, `p/about.html` for `/p/about`) when the compiler left a redirect page there.
/// The page itself replaces it: GitHub Pages, Cloudflare Pages and sirv answer `/2019/05/slug`
/// with `slug.html` before `slug/index.html`, so the redirect would answer the page's own address
/// and refresh to itself for ever. Its canonical link names the one address, and the app reads
/// both as the same route (`Route::parse` takes Blogger's `.html`), so it hydrates at either.
pub fn old_address(dist: &Path, route: &Route) -> Option<PathBuf> {
    if !matches!(route, Route::Post { .. } | Route::Page { .. }) {
        return None;
    }
    let folder = file_for(route);
    let mut name = folder.parent()?.as_os_str().to_owned();
    name.push(".html");
    let file = PathBuf::from(name);
    // The compiler's redirect page, or the page an earlier prerendering put in its place.
    let redirect = fs::read_to_string(dist.join(&file)).is_ok_and(|html| {
        html.contains("<meta http-equiv=\"refresh\"") || html.contains("data-prerendered=\"")
    });
    redirect.then_some(file)
}

/// Moves everything under `from` into `to`: a folder `to` does not have yet is moved whole (one
/// rename for all the posts of a year), files replace files (the shell's `index.html`, pages of
/// an earlier run) and take their `.br` and `.gz` copies with them.
pub fn move_tree(from: &Path, to: &Path) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() && dst.is_dir() {
            move_tree(&src, &dst)?;
        } else {
            fs::rename(&src, &dst).map_err(|e| format!("{}: {e}", dst.display()))?;
            // The replaced page's precompressed copies are of its old text: a host that serves
            // them would serve the old page.
            for stale in [with_suffix(&dst, ".br"), with_suffix(&dst, ".gz")] {
                if stale.exists() {
                    fs::remove_file(&stale).map_err(|e| format!("{}: {e}", stale.display()))?;
                }
            }
        }
    }
    Ok(())
}

/// `index.html` in the route's folder: `/2024/03/slug` → `2024/03/slug/index.html`, so that a
/// static host serves the route's URL with no rewrite rule.
pub fn file_for(route: &Route) -> PathBuf {
    let mut p = PathBuf::new();
    for part in route.path().split('/').filter(|s| !s.is_empty()) {
        p.push(part);
    }
    p.push("index.html");
    p
}

pub fn write(root: &Path, file: &Path, html: &str) -> Result<(), String> {
    let to = root.join(file);
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(&to, html).map_err(|e| format!("{}: {e}", to.display()))
}

/// Puts the page `file` of an earlier build (`from`) into `to`, with its precompressed copies
/// when they are at least as new as it: a hard link where the file system allows (no bytes
/// copied; neither side is written in place afterwards), a copy otherwise.
pub fn carry(from: &Path, to: &Path, file: &Path) -> Result<(), String> {
    let (src, dst) = (from.join(file), to.join(file));
    if let Some(dir) = dst.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    link_or_copy(&src, &dst)?;
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let page_time = modified(&src);
    for suffix in [".br", ".gz"] {
        let copy = with_suffix(&src, suffix);
        if modified(&copy).is_some_and(|t| Some(t) >= page_time) {
            link_or_copy(&copy, &with_suffix(&dst, suffix))?;
        }
    }
    Ok(())
}

fn link_or_copy(src: &Path, dst: &Path) -> Result<(), String> {
    let _ = fs::remove_file(dst);
    fs::hard_link(src, dst)
        .or_else(|_| fs::copy(src, dst).map(|_| ()))
        .map_err(|e| format!("{} → {}: {e}", src.display(), dst.display()))
}

/// `path` with `suffix` added to its name (`a.html` → `a.html.br`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_move_into_the_site_beside_what_is_there() {
        let dir = tempfile::tempdir().unwrap();
        let (tmp, dist) = (dir.path().join("tmp"), dir.path().join("dist"));
        for (root, file, text) in [
            (&dist, "index.html", "shell"),
            (&dist, "data/home/1.json", "{}"),
            (&dist, "2024/keep.txt", "kept"),
            (&tmp, "index.html", "home"),
            (&tmp, "2024/03/a/index.html", "a"),
            (&tmp, "2025/01/b/index.html", "b"),
        ] {
            let p = root.join(file);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        move_tree(&tmp, &dist).unwrap();
        let read = |f: &str| fs::read_to_string(dist.join(f)).unwrap();
        assert_eq!(read("index.html"), "home");
        assert_eq!(read("2024/03/a/index.html"), "a");
        assert_eq!(read("2024/keep.txt"), "kept");
        assert_eq!(read("2025/01/b/index.html"), "b");
        assert_eq!(read("data/home/1.json"), "{}");
    }

    #[test]
    fn an_old_address_is_taken_over_only_from_a_redirect_page() {
        let dir = tempfile::tempdir().unwrap();
        let dist = dir.path();
        for (file, text) in [
            (
                "2019/05/night.market.html",
                "<meta http-equiv=\"refresh\" content=\"0; url=/2019/05/night.market\">",
            ),
            (
                "p/about.html",
                "<meta http-equiv=\"refresh\" content=\"0; url=/p/about\">",
            ),
            ("2019/06/mine.html", "<p>An editor's own file</p>"),
        ] {
            let p = dist.join(file);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        let post = |slug: &str, month| Route::Post {
            year: 2019,
            month,
            slug: slug.into(),
        };
        assert_eq!(
            old_address(dist, &post("night.market", 5)),
            Some(PathBuf::from("2019/05/night.market.html"))
        );
        let about = Route::Page {
            slug: "about".into(),
        };
        assert_eq!(
            old_address(dist, &about),
            Some(PathBuf::from("p/about.html"))
        );
        assert_eq!(old_address(dist, &post("mine", 6)), None);
        assert_eq!(old_address(dist, &post("new", 6)), None);
        assert_eq!(old_address(dist, &Route::Archive), None);
    }
}
