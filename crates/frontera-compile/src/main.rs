//! `frontera-compile`: the command line around [`frontera_compile::run`].

use std::{path::PathBuf, process::ExitCode, time::Instant};

use clap::{Parser, Subcommand};
use frontera_compile::{blogger, date::PostDate, run, Input, Options};

/// Compiles Markdown posts into the JSON Feed data documents the Frontera app reads.
#[derive(Parser, Debug)]
#[command(
    version,
    about,
    subcommand_negates_reqs = true,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The site's runtime config (title, site_url, data_root, page_size…).
    #[arg(long, value_name = "FILE", required = true)]
    config: Option<PathBuf>,
    /// Folder of posts: `YYYY-MM-DD-slug.md` files with TOML front matter.
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "synthetic",
        conflicts_with = "synthetic"
    )]
    content: Option<PathBuf>,
    /// Generate N deterministic posts instead of reading --content (load testing).
    #[arg(long, value_name = "N")]
    synthetic: Option<usize>,
    /// Output folder (the data root); replaced as a whole when the build succeeds.
    #[arg(long, value_name = "DIR", required = true)]
    out: Option<PathBuf>,
    /// Folder for the crawl files served at `site_url`: sitemap.xml (an index over
    /// sitemap-N.xml beyond 50,000 URLs), robots.txt and atom.xml; replaced as a whole.
    #[arg(long, value_name = "DIR")]
    site_root: Option<PathBuf>,
    /// Redirect map from `import-blogger` (`redirects.json`): writes `_redirects` and a
    /// redirect page per old address into --site-root.
    #[arg(long, value_name = "FILE", requires = "site_root")]
    redirects: Option<PathBuf>,
    /// The build's time, e.g. 2026-12-01T06:00:00-07:00 (default: now). Posts dated after it
    /// are held back until a build after their time.
    #[arg(long, value_name = "DATE")]
    now: Option<String>,
}

/// A data document larger than this is worth a warning (the sample's largest is 31 KB).
const LARGE_PAGE: u64 = 1_000_000;

#[derive(Subcommand, Debug)]
enum Command {
    /// Imports a Blogger export ("Back up content", one Atom file) into a content folder:
    /// posts/*.html (posts, and pages with `type = "page"`), redirects.json, blogger/comments.wxr.xml (for `scripts/isso import`) and
    /// blogger/import.json (the report).
    ImportBlogger {
        /// The export file.
        export: PathBuf,
        /// The content folder to create; an earlier import there is replaced as a whole,
        /// unless files in it changed since (then nothing is written; see --force).
        #[arg(long, value_name = "DIR")]
        into: PathBuf,
        /// Replace the folder even if files in it were edited, added or removed since the last
        /// import (those changes are lost).
        #[arg(long)]
        force: bool,
        /// A config.json to create from the blog's settings if it does not exist yet (an
        /// existing one is never changed).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Writes a made-up Blogger export of N posts and M comments (load tests).
    #[command(hide = true)]
    SyntheticBlogger {
        #[arg(long)]
        posts: usize,
        #[arg(long)]
        comments: usize,
        /// The file to write.
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::SyntheticBlogger {
        posts,
        comments,
        out,
    }) = &cli.command
    {
        let written = std::fs::File::create(out).and_then(|f| {
            let mut w = std::io::BufWriter::new(f);
            blogger::synthetic::write(&mut w, *posts, *comments)?;
            std::io::Write::flush(&mut w)
        });
        return match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {}: {e}", out.display());
                ExitCode::FAILURE
            }
        };
    }
    if let Some(Command::ImportBlogger {
        export,
        into,
        config,
        force,
    }) = cli.command
    {
        let options = blogger::import::Options {
            export,
            into,
            config,
            force,
        };
        let started = Instant::now();
        return match blogger::import::run(&options) {
            Ok(report) => {
                print!("{report}");
                eprintln!(
                    "import-blogger: done in {:.2}s → {}",
                    started.elapsed().as_secs_f64(),
                    options.into.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    let input = match (cli.content, cli.synthetic) {
        (_, Some(n)) => Input::Synthetic(n),
        (Some(dir), None) => Input::Dir(dir),
        (None, None) => unreachable!("clap requires --content or --synthetic"),
    };
    let options = Options {
        config: cli.config.expect("clap requires --config"),
        input,
        out: cli.out.expect("clap requires --out"),
        site_root: cli.site_root,
        redirects: cli.redirects,
        now: Some(match cli.now.as_deref().map(PostDate::parse) {
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64),
            Some(Ok(date)) => date.instant().0,
            Some(Err(e)) => {
                eprintln!("--now: {e}");
                return ExitCode::FAILURE;
            }
        }),
    };
    let started = Instant::now();
    match run(&options) {
        Ok(stats) => {
            eprintln!(
                "frontera-compile: {} posts, {} list pages, {} standing pages, {} files, {} bytes in {:.2}s → {} (largest page {} bytes)",
                stats.posts,
                stats.pages,
                stats.standing_pages,
                stats.files,
                stats.bytes,
                started.elapsed().as_secs_f64(),
                options.out.display(),
                stats.largest_page.0,
            );
            if let (Some(crawl), Some(root)) = (&stats.crawl, &options.site_root) {
                eprintln!(
                    "frontera-compile: sitemap of {} URLs in {} file(s), robots.txt, atom.xml: {} files, {} bytes in {:.2}s → {}",
                    crawl.urls,
                    crawl.sitemaps,
                    crawl.files,
                    crawl.bytes,
                    crawl.seconds,
                    root.display(),
                );
            }
            // A page a phone downloads whole: a pasted archive or an embedded file, most likely.
            let (bytes, page) = &stats.largest_page;
            if *bytes > LARGE_PAGE {
                eprintln!(
                    "frontera-compile: warning: {page} is {:.1} MB; readers on phones download a page whole (a post's list pages carry its text too): is something pasted in by mistake?",
                    *bytes as f64 / 1e6
                );
            }
            for warning in &stats.warnings {
                eprintln!("frontera-compile: warning: {warning}");
            }
            for held in &stats.held {
                eprintln!(
                    "frontera-compile: not published: {} ({})",
                    held.file, held.why
                );
            }
            if stats.redirects > 0 {
                eprintln!(
                    "frontera-compile: {} old addresses: _redirects and a redirect page each",
                    stats.redirects
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
