//! `frontera-compile`: the command line around [`frontera_compile::run`].

use std::{path::PathBuf, process::ExitCode, time::Instant};

use clap::Parser;
use frontera_compile::{run, Input, Options};

/// Compiles Markdown posts into the JSON Feed data documents the Frontera app reads.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// The site's runtime config (title, site_url, data_root, page_size…).
    #[arg(long, value_name = "FILE")]
    config: PathBuf,
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
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Folder for the crawl files served at `site_url`: sitemap.xml (an index over
    /// sitemap-N.xml beyond 50,000 URLs), robots.txt and atom.xml; replaced as a whole.
    #[arg(long, value_name = "DIR")]
    site_root: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let input = match (cli.content, cli.synthetic) {
        (_, Some(n)) => Input::Synthetic(n),
        (Some(dir), None) => Input::Dir(dir),
        (None, None) => unreachable!("clap requires --content or --synthetic"),
    };
    let options = Options {
        config: cli.config,
        input,
        out: cli.out,
        site_root: cli.site_root,
    };
    let started = Instant::now();
    match run(&options) {
        Ok(stats) => {
            eprintln!(
                "frontera-compile: {} posts, {} list pages, {} files, {} bytes in {:.2}s → {} (largest page {} bytes)",
                stats.posts,
                stats.pages,
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
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
