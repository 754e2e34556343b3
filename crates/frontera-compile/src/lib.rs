//! Frontera's content compiler: Markdown posts with TOML front matter in, the JSON Feed data
//! documents the app reads out (see `docs/data-format.md`).
//!
//! Pipeline: read sources → [`post::compile`] each (front matter, Markdown, sanitising) into a
//! post or a standing page → [`site::order`] (global order, duplicate URLs) and [`page::order`]
//! → [`site::write_site`] into a
//! [`write::Staging`] folder → commit it over `--out`. With `--site-root`, [`crawl::write`]
//! builds the sitemap, robots.txt and Atom feed into a second staging folder the same way.

pub mod blogger;
pub mod config;
pub mod crawl;
pub mod date;
pub mod diag;
pub mod frontmatter;
pub mod html;
mod label_clash;
pub mod markdown;
pub mod more;
mod nesting;
mod noscript;
pub mod page;
pub mod paginate;
pub mod post;
pub mod redirects;
pub mod related;
pub mod site;
pub mod synthetic;
mod words;
pub mod write;

use std::{
    fs,
    path::{Path, PathBuf},
};

use config::SiteConfig;
use diag::{io_error, Diag, Error};
use page::Page;
use post::{Compiled, Held, Post, SourceFile};
use site::Stats;

/// Everything a site is made of: the posts, in the global order ([`site::order`]), and the
/// standing pages, in the masthead's order ([`page::order`]).
#[derive(Clone, Debug, Default)]
pub struct Content {
    pub posts: Vec<Post>,
    pub pages: Vec<Page>,
    /// Posts and pages not published by this build: drafts, and posts dated after its time.
    pub held: Vec<Held>,
    /// What the build noticed but publishes all the same (a file name's date that is not the
    /// post's), for the editor.
    pub warnings: Vec<String>,
}

/// Where posts come from.
#[derive(Clone, Debug)]
pub enum Input {
    /// A folder of `*.md` files (not recursive).
    Dir(PathBuf),
    /// `n` generated posts.
    Synthetic(usize),
}

/// One compile run.
#[derive(Clone, Debug)]
pub struct Options {
    pub config: PathBuf,
    pub input: Input,
    /// The data folder (`--out`).
    pub out: PathBuf,
    /// Where the crawl files go (`--site-root`), if anywhere.
    pub site_root: Option<PathBuf>,
    /// A redirect map (`--redirects`, from `import-blogger`): `_redirects` and redirect pages
    /// go into the site root.
    pub redirects: Option<PathBuf>,
    /// The build's time (seconds since the epoch): posts dated after it wait for a later
    /// build. `None` publishes every post whatever its date.
    pub now: Option<i64>,
}

/// Compiles the site and replaces `out` (and `site_root`, when given) with it. On error
/// nothing under either changes.
pub fn run(options: &Options) -> Result<Stats, Error> {
    let config = SiteConfig::load(&options.config)?;
    // Fail on unusable output folders before spending time compiling.
    write::check_replaceable(&options.out, write::DATA)?;
    if let Some(root) = &options.site_root {
        write::check_replaceable(root, write::SITE_ROOT)?;
        check_apart(&options.out, root)?;
    }
    let redirect_map = match (&options.redirects, &options.site_root) {
        (Some(file), Some(_)) => Some(redirects::load(file)?),
        (Some(_), None) => {
            return Err(Error::Io(
                "--redirects needs --site-root: the redirects are served from the site's root"
                    .into(),
            ))
        }
        (None, _) => None,
    };
    let content = match &options.input {
        Input::Dir(dir) => {
            let (sources, unreadable) = read_sources(dir)?;
            compile_all_at(sources.into_iter(), &config, unreadable, options.now)?
        }
        Input::Synthetic(n) => compile_all(synthetic::sources(*n), &config, Vec::new())?,
    };
    let mut staging = write::Staging::new(&options.out)?;
    let mut stats = site::write_site(&content, &config, &mut staging)?;
    stats.held = content.held.clone();
    stats.warnings = content.warnings.clone();
    let crawl = match &options.site_root {
        Some(root) => {
            let mut crawl_staging = write::Staging::new_for(root, write::SITE_ROOT)?;
            stats.crawl = Some(crawl::write(
                &content,
                &config,
                crawl::Limits::PROTOCOL,
                &mut crawl_staging,
            )?);
            if let Some(map) = &redirect_map {
                let live = crawl::routes(&content, config.page_size)
                    .into_iter()
                    .map(|(route, _)| route.path())
                    .collect();
                let data_root = config.data_root.as_deref().unwrap_or_default();
                let file = options
                    .redirects
                    .as_deref()
                    .map(|f| f.display().to_string());
                redirects::check(map, &live, data_root, &file.unwrap_or_default())?;
                stats.redirects = redirects::write(map, &config, &mut crawl_staging)?;
            }
            Some(crawl_staging)
        }
        None => None,
    };
    // Both folders are complete before either is swapped in.
    staging.commit()?;
    if let Some(crawl) = crawl {
        crawl.commit()?;
    }
    Ok(stats)
}

/// Rejects a `--site-root` that is `--out` or contains it or lies inside it: each folder is
/// replaced as a whole, so one would wipe the other.
fn check_apart(out: &Path, root: &Path) -> Result<(), Error> {
    // Absolute, and `..` taken lexically (`std::path::absolute` keeps it: `a/../b` would not
    // start with `b`).
    let absolute = |p: &Path| {
        let full = std::path::absolute(p).map_err(|e| io_error("cannot resolve", p, e))?;
        let mut clean = PathBuf::new();
        for part in full.components() {
            match part {
                std::path::Component::ParentDir => {
                    clean.pop();
                }
                std::path::Component::CurDir => {}
                other => clean.push(other),
            }
        }
        Ok::<_, Error>(clean)
    };
    let (a, b) = (absolute(out)?, absolute(root)?);
    if a.starts_with(&b) || b.starts_with(&a) {
        return Err(Error::Io(format!(
            "--site-root {} and --out {} must be separate folders, neither inside the other",
            root.display(),
            out.display()
        )));
    }
    Ok(())
}

/// Compiles every source and puts the posts in the global order and the pages in theirs. All
/// problems are collected (along with `errors` found earlier, e.g. unreadable files) so one run
/// reports every bad file.
pub fn compile_all(
    sources: impl Iterator<Item = SourceFile>,
    config: &SiteConfig,
    errors: Vec<Diag>,
) -> Result<Content, Error> {
    compile_all_at(sources, config, errors, None)
}

/// [`compile_all`], holding back the posts dated after `now` (seconds since the epoch) as well
/// as the drafts: a scheduled post is published by the first build after its time. The posts
/// held back are in no list, feed, sitemap or neighbour link, and are reported.
pub fn compile_all_at(
    sources: impl Iterator<Item = SourceFile>,
    config: &SiteConfig,
    mut errors: Vec<Diag>,
    now: Option<i64>,
) -> Result<Content, Error> {
    let renderer = markdown::Renderer::new();
    let (mut posts, mut pages, mut held) = (Vec::new(), Vec::new(), Vec::new());
    let mut warnings = Vec::new();
    for source in sources {
        let compiled = post::compile(&source, config, &renderer);
        if let (Ok(Compiled::Post(p)), Some(named)) =
            (&compiled, post::file_name_date(&source.name))
        {
            let d = p.date;
            if (d.year, d.month, d.day) != named {
                warnings.push(format!(
                    "{}: the file name says {:04}-{:02}-{:02} but `date` is {d}; the post is filed under its `date`",
                    source.display, named.0, named.1, named.2
                ));
            }
        }
        match compiled {
            Ok(Compiled::Post(post)) if now.is_some_and(|n| post.date.instant().0 > n) => {
                held.push(Held {
                    why: format!("dated {}, after this build", post.date),
                    file: post.file,
                });
            }
            Ok(Compiled::Post(post)) => posts.push(post),
            Ok(Compiled::Page(page)) => pages.push(page),
            Ok(Compiled::Draft(h)) => held.push(h),
            Err(diags) => errors.extend(diags),
        }
    }
    let posts = site::order(posts).unwrap_or_else(|duplicates| {
        errors.extend(duplicates);
        Vec::new()
    });
    errors.extend(label_clash::check(&posts));
    let pages = page::order(pages).unwrap_or_else(|duplicates| {
        errors.extend(duplicates);
        Vec::new()
    });
    if errors.is_empty() {
        Ok(Content {
            posts,
            pages,
            held,
            warnings,
        })
    } else {
        Err(Error::Content(errors))
    }
}

/// A name that a writer meant as a post, though it is not read as one: `X.MD`, `x.markdown`,
/// `x.htm`, or a folder `x.md`.
fn looks_like_a_post(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".md", ".html", ".markdown", ".htm"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// Reads the `*.md` and `*.html` files directly in `dir`, sorted by name. Hidden files (editor backups such
/// as `.#x.md`) and sub-folders are skipped. Files that cannot be read or are not UTF-8, and
/// names meant as posts that are not read as one (`X.MD`, `x.markdown`, a folder `x.md`), are
/// returned as problems rather than stopping the run.
pub fn read_sources(dir: &Path) -> Result<(Vec<SourceFile>, Vec<Diag>), Error> {
    let mut names: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error("cannot read content folder", dir, e))? {
        let entry = entry.map_err(|e| io_error("cannot read content folder", dir, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            errors.push(Diag::file(
                &dir.join(&name).display().to_string(),
                "file name is not UTF-8",
            ));
            continue;
        };
        let post_file = name.ends_with(".md") || name.ends_with(".html");
        let hidden = name.starts_with('.');
        let is_file = entry.path().is_file();
        if post_file && !hidden && is_file {
            names.push(name.to_string());
        } else if !hidden && looks_like_a_post(name) {
            // Left out without a word, a post would simply be missing from the site.
            errors.push(Diag::file(
                &dir.join(name).display().to_string(),
                if is_file {
                    "not read: a post's file name ends in `.md` or `.html`, in lowercase; rename it"
                } else {
                    "a folder named like a post: posts are files directly in the content folder"
                },
            ));
        }
    }
    names.sort();
    let mut sources = Vec::with_capacity(names.len());
    for name in names {
        let path = dir.join(&name);
        let display = path.display().to_string();
        match fs::read(&path) {
            Err(e) => errors.push(Diag::file(&display, format!("cannot read: {e}"))),
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => sources.push(SourceFile {
                    display,
                    name,
                    text,
                }),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
                    errors.push(Diag::at(
                        &display,
                        line,
                        format!("not valid UTF-8 (byte {at}); save the file as UTF-8"),
                    ));
                }
            },
        }
    }
    Ok((sources, errors))
}

#[cfg(test)]
mod tests {
    use super::check_apart;
    use std::path::Path;

    #[test]
    fn output_folders_must_be_apart_however_they_are_written() {
        let ok = |a: &str, b: &str| check_apart(Path::new(a), Path::new(b)).is_ok();
        assert!(ok("scratch/o5", "scratch/./o5/../o5s"));
        assert!(ok("public/data", "public/site"));
        assert!(!ok("public/data", "public/data"));
        assert!(!ok("public", "public/x/../site"));
        assert!(!ok("public/site/data", "public/./site"));
    }
}
