//! `frontera-prerender`: writes a static HTML page for every route of a built site.
//!
//! Run by scripts/postbuild.mjs (trunk's post_build hook) on trunk's staging folder, so `dist/`
//! comes out of one `trunk build` complete. Pages are written to a temporary folder first and
//! moved into place only when every page rendered: a failure leaves the folder as it was.

#![recursion_limit = "256"]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use clap::Parser;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::collections::HashMap;

use frontera_prerender::{render_route, Seo, Shell, Site};
use frontera_wire::layout::Route;
use frontera_wire::Item;

/// Renders every page of a built Frontera site to static HTML.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// The built site: trunk's output (index.html, config.json and the data folder).
    #[arg(long, value_name = "DIR")]
    dist: PathBuf,
    /// The path the site is served under (trunk's --public-url), e.g. `/` or `/blog/`.
    #[arg(long, env = "TRUNK_PUBLIC_URL", default_value = "/")]
    public_url: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    match run(&cli) {
        Ok(0) => {
            eprintln!("frontera-prerender: the data is not in the site; nothing prerendered");
            ExitCode::SUCCESS
        }
        Ok(n) => {
            eprintln!(
                "frontera-prerender: {n} pages in {:.2}s → {}",
                started.elapsed().as_secs_f64(),
                cli.dist.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("frontera-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<usize, String> {
    let started = Instant::now();
    let _ = any_spawner::Executor::init_futures_executor();
    let index = cli.dist.join("index.html");
    let shell =
        Shell::parse(&fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?)
            .map_err(|e| format!("{}: {e}", index.display()))?;
    let Some(site) = Site::load(&cli.dist)? else {
        return Ok(0);
    };
    let base = cli.public_url.trim_end_matches('/');
    let tmp = cli.dist.join(".prerender-tmp");
    let _ = fs::remove_dir_all(&tmp);
    let written = render_all(&site, &shell, base, &tmp);
    let rendered = Instant::now();
    let result = written.and_then(|files| {
        move_tree(&tmp, &cli.dist)?;
        // Prerendered again over an earlier build: its pages of routes that are gone go too.
        let stale = frontera_prerender::prune::prune(&cli.dist, &files)?;
        if stale > 0 {
            eprintln!("frontera-prerender: removed {stale} pages of routes the site no longer has");
        }
        Ok(files.len())
    });
    eprintln!(
        "frontera-prerender: rendered in {:.2}s, moved into place in {:.2}s",
        rendered.duration_since(started).as_secs_f64(),
        rendered.elapsed().as_secs_f64()
    );
    let _ = fs::remove_dir_all(&tmp);
    result
}

/// Renders every route and the not-found page into `tmp`; the files written, relative to it.
/// Pages are independent, so they are shared out over one thread per core (the document store
/// and the app's caches are per thread; each worker installs the site first).
fn render_all(site: &Site, shell: &Shell, base: &str, tmp: &Path) -> Result<Vec<PathBuf>, String> {
    // The last page of each list, for `rel=next`.
    let mut last: HashMap<Route, u32> = HashMap::new();
    for route in &site.routes {
        if let Some((list, page)) = list_of(route) {
            let e = last.entry(list).or_insert(page);
            *e = (*e).max(page);
        }
    }
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let failed = AtomicBool::new(false);
    let results: Vec<Result<Vec<PathBuf>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let (last, failed) = (&last, &failed);
                scope.spawn(move || {
                    site.install();
                    let mine = site.routes.iter().skip(w).step_by(workers);
                    let mut files = Vec::new();
                    for route in mine {
                        // Another worker failed: the build fails anyway, stop early.
                        if failed.load(Ordering::Relaxed) {
                            break;
                        }
                        match render_one(site, shell, base, tmp, route, last) {
                            Ok(written) => files.extend(written),
                            Err(e) => {
                                failed.store(true, Ordering::Relaxed);
                                return Err(e);
                            }
                        }
                    }
                    Ok(files)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a render thread panicked".into()))
            })
            .collect()
    });
    let mut files = Vec::with_capacity(site.routes.len() + 1);
    for r in results {
        files.extend(r?);
    }
    let page = render_route(shell, base, None, None);
    write(tmp, Path::new("404.html"), &page.html)?;
    files.push(PathBuf::from("404.html"));
    Ok(files)
}

/// Renders one route into `tmp`; the files written, relative to it. A page that shows an error
/// view instead of its content fails the build, naming the data document it came from.
fn render_one(
    site: &Site,
    shell: &Shell,
    base: &str,
    tmp: &Path,
    route: &Route,
    last: &HashMap<Route, u32>,
) -> Result<Vec<PathBuf>, String> {
    let path = route.path();
    let doc = site.config.data_url(&route.data_doc()).unwrap_or_default();
    let item = matches!(route, Route::Post { .. } | Route::Page { .. })
        .then(|| frontera::api::documents::peek(&doc))
        .flatten()
        // The app's own reader: a lone surrogate escape does not cost the page its head tags.
        .and_then(|body| frontera::api::parse_json::<Item>(&body).ok());
    let seo = Seo {
        config: &site.config,
        route,
        item,
        last_page: list_of(route).and_then(|(list, _)| last.get(&list).copied()),
    };
    let page = render_route(shell, base, Some(&path), Some(seo));
    if let Some(kind) = page.error {
        // Where in the document, when it is not JSON at all (a file cut short, a stray edit).
        let place = frontera::api::documents::peek(&doc)
            .and_then(|body| serde_json::from_str::<serde_json::Value>(&body).err())
            .map(|e| format!(":{}:{}: {e}", e.line(), e.column()))
            .unwrap_or_default();
        return Err(format!(
            "{}{place}: the page {path} could not be rendered from it (the app showed a \"{kind}\" error)",
            site.dist.join(doc).display()
        ));
    }
    let file = file_for(route);
    write(tmp, &file, &page.html)?;
    let mut files = vec![file];
    if let Some(alias) = old_address(&site.dist, route) {
        write(tmp, &alias, &page.html)?;
        files.push(alias);
    }
    Ok(files)
}

/// The file of an imported post's or page's old address (`2019/05/slug.html` for
/// `/2019/05/slug`, `p/about.html` for `/p/about`) when the compiler left a redirect page there.
/// The page itself replaces it: GitHub Pages, Cloudflare Pages and sirv answer `/2019/05/slug`
/// with `slug.html` before `slug/index.html`, so the redirect would answer the page's own address
/// and refresh to itself for ever. Its canonical link names the one address, and the app reads
/// both as the same route (`Route::parse` takes Blogger's `.html`), so it hydrates at either.
fn old_address(dist: &Path, route: &Route) -> Option<PathBuf> {
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
/// rename for all the posts of a year), files replace files (the shell's `index.html`).
fn move_tree(from: &Path, to: &Path) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() && dst.is_dir() {
            move_tree(&src, &dst)?;
        } else {
            fs::rename(&src, &dst).map_err(|e| format!("{}: {e}", dst.display()))?;
        }
    }
    Ok(())
}

/// A paged list's first page and this route's page number.
fn list_of(route: &Route) -> Option<(Route, u32)> {
    match route {
        Route::Home { page } => Some((Route::Home { page: 1 }, *page)),
        Route::Month { year, month, page } => Some((
            Route::Month {
                year: *year,
                month: *month,
                page: 1,
            },
            *page,
        )),
        Route::Label { slug, page } => Some((
            Route::Label {
                slug: slug.clone(),
                page: 1,
            },
            *page,
        )),
        _ => None,
    }
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

fn write(root: &Path, file: &Path, html: &str) -> Result<(), String> {
    let to = root.join(file);
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    fs::write(&to, html).map_err(|e| format!("{}: {e}", to.display()))
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
