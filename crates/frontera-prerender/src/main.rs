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

use std::borrow::Cow;

use frontera_prerender::files::{carry, file_for, move_tree, old_address, write};
use frontera_prerender::reuse::{self, Current, Manifest};
use frontera_prerender::{render_route, Page, Seo, Shell, Site};
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
    /// An earlier build's output (the last `dist/`): its pages whose inputs did not change are
    /// carried over instead of rendered again. Without it, pages an earlier run left in `--dist`
    /// itself are kept the same way.
    #[arg(long, value_name = "DIR")]
    previous: Option<PathBuf>,
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

/// What the workers share.
struct Job<'a> {
    site: &'a Site,
    shell: &'a Shell,
    base: &'a str,
    /// Where the pages are written before they move into the site.
    tmp: &'a Path,
    /// The last page of each list, for `rel=next`.
    last: HashMap<Route, u32>,
    /// The prerenderer's and the shell's fingerprints (part of every page's key).
    build: String,
    shell_print: String,
    /// The earlier run's records, and where its pages are.
    earlier: Manifest,
    earlier_dir: &'a Path,
    /// Whether the earlier pages are the site's own (kept where they are) or another build's
    /// (carried into `tmp`).
    in_place: bool,
}

/// One page done: its files (relative to the site), its record's line, and whether it was
/// rendered.
struct Done<'a> {
    files: Vec<PathBuf>,
    line: Option<Cow<'a, str>>,
    rendered: bool,
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
    let same = |a: &Path, b: &Path| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| Some(a) == b.canonicalize().ok())
    };
    let earlier_dir = cli.previous.as_deref().unwrap_or(&cli.dist);
    let job = Job {
        site: &site,
        shell: &shell,
        base,
        tmp: &tmp,
        last: last_pages(&site.routes),
        build: reuse::build_id(),
        shell_print: shell.fingerprint(),
        earlier: Manifest::read(earlier_dir),
        earlier_dir,
        in_place: same(earlier_dir, &cli.dist),
    };
    let written = render_all(&job);
    let rendered = Instant::now();
    let result = written.and_then(|done| {
        reuse::write(&tmp, done.iter().filter_map(|d| d.line.as_deref()))?;
        let fresh = done.iter().filter(|d| d.rendered).count();
        eprintln!(
            "frontera-prerender: {fresh} pages rendered, {} unchanged since the last run",
            done.len() - fresh
        );
        let mut files: Vec<PathBuf> = done.into_iter().flat_map(|d| d.files).collect();
        files.push(PathBuf::from("404.html"));
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

/// The last page of each paged list.
fn last_pages(routes: &[Route]) -> HashMap<Route, u32> {
    let mut last: HashMap<Route, u32> = HashMap::new();
    for route in routes {
        if let Some((list, page)) = list_of(route) {
            let e = last.entry(list).or_insert(page);
            *e = (*e).max(page);
        }
    }
    last
}

/// Every route, and the not-found page, into `tmp` (or kept from the earlier run). Pages are
/// independent, so they are shared out over one thread per core (the document store and the
/// app's caches are per thread; each worker installs the site first).
fn render_all<'a>(job: &'a Job) -> Result<Vec<Done<'a>>, String> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let failed = AtomicBool::new(false);
    let results: Vec<Result<Vec<Done<'a>>, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let failed = &failed;
                scope.spawn(move || {
                    job.site.install();
                    // The sidebar is rendered once per variant, not once per page
                    // (`sidebar_cache`); FRONTERA_PRERENDER_SIDEBAR_COPY=0 renders it every time.
                    let copy =
                        std::env::var("FRONTERA_PRERENDER_SIDEBAR_COPY").map_or(true, |v| v != "0");
                    frontera::components::sidebar_cache::enable(copy);
                    let current = Current::default();
                    let mine = job.site.routes.iter().skip(w).step_by(workers);
                    let mut done = Vec::new();
                    for route in mine {
                        // Another worker failed: the build fails anyway, stop early.
                        if failed.load(Ordering::Relaxed) {
                            break;
                        }
                        match page_of(job, &current, route) {
                            Ok(d) => done.push(d),
                            Err(e) => {
                                failed.store(true, Ordering::Relaxed);
                                return Err(e);
                            }
                        }
                    }
                    Ok(done)
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
    let mut done = Vec::with_capacity(job.site.routes.len());
    for r in results {
        done.extend(r?);
    }
    // The not-found page is served at any URL and renders in no time: always afresh.
    let page = render_route(job.shell, job.base, None, None);
    write(job.tmp, Path::new("404.html"), &page.html)?;
    Ok(done)
}

/// One route's page: kept from the earlier run when nothing it is made from changed, else
/// rendered.
fn page_of<'a>(job: &'a Job, current: &Current, route: &Route) -> Result<Done<'a>, String> {
    let path = route.path();
    let file = file_for(route);
    let alias = old_address(&job.site.dist, route);
    let last_page = list_of(route).and_then(|(list, _)| job.last.get(&list).copied());
    let key = reuse::page_key(
        &job.build,
        &job.shell_print,
        job.base,
        &path,
        last_page,
        alias.is_some(),
    );
    let files: Vec<PathBuf> = std::iter::once(file.clone()).chain(alias.clone()).collect();
    if let Some(entry) = job.earlier.get(&file) {
        // The files as they are now: one deleted, emptied or edited by hand is rendered again.
        let now = reuse::stamp(job.earlier_dir, &files);
        if current.unchanged(&entry, &key, now.as_deref()) {
            if !job.in_place {
                for f in &files {
                    carry(job.earlier_dir, job.tmp, f)?;
                }
            }
            return Ok(Done {
                files,
                line: Some(Cow::Borrowed(entry.line)),
                rendered: false,
            });
        }
    }
    let page = render_one(job, route, &path, last_page)?;
    for f in &files {
        write(job.tmp, f, &page.html)?;
    }
    let stamp = reuse::stamp(job.tmp, &files);
    Ok(Done {
        line: stamp
            .and_then(|stamp| reuse::line(&file, &key, &stamp, &page.docs))
            .map(Cow::Owned),
        files,
        rendered: true,
    })
}

/// Renders one route. A page that shows an error view instead of its content fails the build,
/// naming the data document it came from.
fn render_one(
    job: &Job,
    route: &Route,
    path: &str,
    last_page: Option<u32>,
) -> Result<Page, String> {
    let site = job.site;
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
        last_page,
    };
    let page = render_route(job.shell, job.base, Some(path), Some(seo));
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
    Ok(page)
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
