//! The `import-blogger` command: read, map, stage, move into place, report.

use std::{
    fmt, fs,
    path::{Path, PathBuf},
};

use serde::Serialize;

use super::{files, manifest, parse, wxr, Settings, Skipped};
use crate::{
    diag::{io_error, Error},
    site::Sink,
    write::{OutputKind, Staging},
};

/// `--into`: an import's output folder, recognised by its report.
pub const IMPORT: OutputKind = OutputKind {
    flag: "--into",
    marker: "blogger/import.json",
};

/// The redirect map, relative to the `--into` folder.
pub const REDIRECTS: &str = "redirects.json";
/// The comments as WXR, relative to the `--into` folder.
pub const COMMENTS: &str = "blogger/comments.wxr.xml";

/// One import run.
#[derive(Clone, Debug)]
pub struct Options {
    /// The Blogger export (`*.xml`).
    pub export: PathBuf,
    /// The content folder to (re)create: `posts/`, `redirects.json`, `blogger/`.
    pub into: PathBuf,
    /// A `config.json` to create from the blog's settings when it does not exist yet.
    pub config: Option<PathBuf>,
    /// Replace the folder even when files in it changed since the last import.
    pub force: bool,
}

/// What an import did; printed by the command and kept as `blogger/import.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub posts: usize,
    pub pages: usize,
    pub comments: usize,
    pub replies: usize,
    pub threads: usize,
    pub labels: usize,
    pub redirects: usize,
    pub settings: SettingsOut,
    pub skipped: Vec<SkippedOut>,
    /// Entries imported without an old address to redirect from.
    pub unmapped: Vec<SkippedOut>,
    /// Untitled posts and pages, and the titles they were given.
    pub untitled: Vec<SkippedOut>,
    /// Links to the old blog's own pages pointed at the new ones.
    pub relinked: usize,
    /// What happened to `--config` (not part of `import.json`).
    #[serde(skip)]
    pub config: Option<String>,
}

/// The blog's settings, as found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SettingsOut {
    pub title: Option<String>,
    pub tagline: Option<String>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
    pub blog_url: Option<String>,
}

/// An entry left out or not fully mapped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkippedOut {
    pub id: String,
    pub reason: String,
}

impl From<&Skipped> for SkippedOut {
    fn from(s: &Skipped) -> Self {
        SkippedOut {
            id: s.id.clone(),
            reason: s.reason.clone(),
        }
    }
}

/// Imports `options.export` into `options.into`, replacing an earlier import there (never
/// another folder: see [`IMPORT`]). Nothing is written unless everything was read.
pub fn run(options: &Options) -> Result<Report, Error> {
    let display = options.export.display().to_string();
    let bytes =
        fs::read(&options.export).map_err(|e| io_error("cannot read", &options.export, e))?;
    // Blogger's backup and Google Takeout come as `.xml` and `.zip`; a download may be gzipped.
    if let Some(kind) = [
        (&b"PK\x03\x04"[..], "a zip archive"),
        (&b"\x1f\x8b"[..], "gzip-compressed"),
    ]
    .into_iter()
    .find_map(|(magic, kind)| bytes.starts_with(magic).then_some(kind))
    {
        return Err(Error::Io(format!(
            "{display}:1: this file is {kind}, not the export itself: unpack it first \
             (Takeout: Takeout/Blogger/Blogs/NAME/feed.atom; Blogger's backup: the .xml file)"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
        Error::Io(format!("{display}:{line}: not valid UTF-8 (byte {at})"))
    })?;
    let bad = |e: super::ParseError| {
        Error::Io(format!("{display}:{}:{}: {}", e.line, e.column, e.message))
    };
    let export = parse(&text).map_err(bad)?;
    let plan = files::plan(&export).map_err(bad)?;
    let title = export.settings.title.clone().unwrap_or_default();
    // Pages have no comments in Frontera (docs/decisions.md): a page's comments are reported
    // as skipped, by id, rather than imported under a thread no page shows.
    let (on_pages, on_posts): (Vec<&super::Comment>, Vec<&super::Comment>) = export
        .comments
        .iter()
        .partition(|c| plan.page_ids.contains(&c.post_id));
    let on_posts: Vec<super::Comment> = on_posts.into_iter().cloned().collect();
    let comments = wxr::build(&title, &on_posts, &plan.threads);

    let mut skipped: Vec<SkippedOut> = export.skipped.iter().map(SkippedOut::from).collect();
    skipped.extend(on_pages.iter().map(|c| SkippedOut {
        id: c.id.clone(),
        reason: format!(
            "comment on the page {}: pages have no comments here",
            c.post_id
        ),
    }));
    skipped.extend(comments.skipped.iter().map(SkippedOut::from));
    let mut report = Report {
        posts: plan.posts_count,
        pages: plan.pages_count,
        comments: comments.comments,
        replies: comments.replies,
        threads: comments.threads,
        labels: plan.labels,
        redirects: plan.redirects.redirects.len(),
        settings: settings_out(&export.settings, export.blog_url.clone()),
        skipped,
        unmapped: plan.unmapped.iter().map(SkippedOut::from).collect(),
        untitled: export.untitled.iter().map(SkippedOut::from).collect(),
        relinked: plan.relinked,
        config: None,
    };

    let mut staging = Staging::new_for(&options.into, IMPORT)?;
    if !options.force {
        let changed = manifest::changes(&options.into)?;
        if !changed.is_empty() {
            return Err(manifest::refusal(&options.into, &changed));
        }
    }
    let mut written = manifest::Manifest::new();
    let mut put = |name: &str, bytes: &[u8]| {
        written.insert(name.to_string(), manifest::digest(bytes));
        staging.put(name, bytes)
    };
    for (name, text) in &plan.posts {
        put(name, text.as_bytes())?;
    }
    put(REDIRECTS, pretty(&plan.redirects).as_bytes())?;
    put(COMMENTS, &comments.xml)?;
    put(IMPORT.marker, pretty(&report).as_bytes())?;
    staging.put(manifest::MANIFEST, pretty(&written).as_bytes())?;
    staging.commit()?;
    if let Some(config) = &options.config {
        report.config = Some(write_config(config, &report.settings)?);
    }
    Ok(report)
}

/// Pretty JSON with a final newline, for files people read and diff.
fn pretty<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("plain data serialises");
    s.push('\n');
    s
}

fn settings_out(s: &Settings, blog_url: Option<String>) -> SettingsOut {
    SettingsOut {
        title: s.title.clone(),
        tagline: s.tagline.clone(),
        time_zone: s.time_zone.clone(),
        language: s.language.clone(),
        blog_url,
    }
}

/// Creates `path` from the blog's settings unless it exists (an existing config is never
/// changed); says what it did.
fn write_config(path: &Path, s: &SettingsOut) -> Result<String, Error> {
    if path.exists() {
        return Ok(format!(
            "{} exists and was left as it is (blog title {:?}, tagline {:?}, time zone {:?})",
            path.display(),
            s.title.as_deref().unwrap_or(""),
            s.tagline.as_deref().unwrap_or(""),
            s.time_zone.as_deref().unwrap_or("")
        ));
    }
    let config = serde_json::json!({
        "title": s.title.clone().unwrap_or_else(|| "Blog".into()),
        "tagline": s.tagline,
        // The old address until the new one is known: edit it before publishing.
        "site_url": s.blog_url.clone().unwrap_or_else(|| "https://example.org/".into()),
        "data_root": "data/",
        "feed_url": "data/home/1.json",
        "page_size": 7,
        // The interface speaks English and Spanish; the blog's own language when it is one.
        "default_language": s.language.as_deref().filter(|l| matches!(*l, "en" | "es")).unwrap_or("en"),
        // Informational: Blogger wrote every date in this zone's offset, and Frontera shows
        // dates in the offset they were written in.
        "time_zone": s.time_zone,
        "comments": { "server": "/comments/", "policy_url": null },
    });
    let tmp = path.with_extension("json.tmp");
    let mut text = serde_json::to_string_pretty(&config).expect("plain data serialises");
    text.push('\n');
    fs::write(&tmp, text).map_err(|e| io_error("cannot write", &tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| io_error("cannot write", path, e))?;
    Ok(format!(
        "{} written from the blog's settings",
        path.display()
    ))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "import-blogger: {} posts, {} pages, {} labels, {} comments ({} replies) in {} threads, {} redirects",
            self.posts, self.pages, self.labels, self.comments, self.replies, self.threads, self.redirects
        )?;
        let s = &self.settings;
        writeln!(
            f,
            "settings: title {:?}, tagline {:?}, time zone {:?}, language {:?}",
            s.title.as_deref().unwrap_or(""),
            s.tagline.as_deref().unwrap_or(""),
            s.time_zone.as_deref().unwrap_or(""),
            s.language.as_deref().unwrap_or("")
        )?;
        if let Some(config) = &self.config {
            writeln!(f, "config: {config}")?;
        }
        writeln!(f, "skipped: {}", self.skipped.len())?;
        for s in &self.skipped {
            writeln!(f, "  {}: {}", s.id, s.reason)?;
        }
        if !self.unmapped.is_empty() {
            writeln!(
                f,
                "imported without an old address: {}",
                self.unmapped.len()
            )?;
            for s in &self.unmapped {
                writeln!(f, "  {}: {}", s.id, s.reason)?;
            }
        }
        if self.relinked > 0 {
            writeln!(
                f,
                "links to the old blog pointed at the new pages: {}",
                self.relinked
            )?;
        }
        if !self.untitled.is_empty() {
            writeln!(f, "titled from their text: {}", self.untitled.len())?;
            for s in &self.untitled {
                writeln!(f, "  {}: {}", s.id, s.reason)?;
            }
        }
        Ok(())
    }
}
