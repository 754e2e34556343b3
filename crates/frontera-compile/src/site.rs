//! The whole site: the global order of posts and every data document derived from it.
//!
//! Documents are produced in one pass over the sorted posts and handed to a [`Sink`] as bytes,
//! so the same code writes to disk ([`crate::write::Staging`]) or to memory (tests).

use std::collections::{BTreeMap, HashMap};

use frontera_wire::{
    layout::{Route, ARCHIVE_INDEX, LABEL_INDEX, PAGE_INDEX},
    ArchiveIndex, ArchiveMonth, ArchiveYear, Feed, FeedExt, Item, LabelEntry, LabelIndex, PostRef,
    JSON_FEED_1_1,
};
use serde::Serialize;

use crate::{
    config::SiteConfig,
    diag::{Diag, Error},
    paginate::{page_count, page_range, relative},
    post::Post,
    Content,
};

/// Receives each finished document: its path relative to the data root and its JSON bytes.
pub trait Sink {
    /// Stores one document.
    fn put(&mut self, doc: &str, bytes: &[u8]) -> Result<(), Error>;
}

/// Keeps documents in memory, keyed by path; for tests and tools.
#[derive(Default, Debug)]
pub struct MemorySink {
    pub docs: BTreeMap<String, Vec<u8>>,
}

impl Sink for MemorySink {
    fn put(&mut self, doc: &str, bytes: &[u8]) -> Result<(), Error> {
        let previous = self.docs.insert(doc.to_string(), bytes.to_vec());
        assert!(previous.is_none(), "{doc} written twice");
        Ok(())
    }
}

/// What a build produced.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub posts: usize,
    /// List pages (home, archive months, labels).
    pub pages: usize,
    /// Standing pages (`type = "page"`).
    pub standing_pages: usize,
    /// All documents: posts, list pages, standing pages and the three indexes.
    pub files: usize,
    pub bytes: u64,
    /// The largest post or list-page document (indexes excluded: they grow with the number of
    /// months and labels by design) as (bytes, path).
    pub largest_page: (u64, String),
    /// The crawl files, when `--site-root` was given.
    pub crawl: Option<crate::crawl::CrawlStats>,
    /// Old addresses given redirects (`--redirects`).
    pub redirects: usize,
    /// Posts not published: drafts, and posts dated after the build.
    pub held: Vec<crate::post::Held>,
    /// What the build noticed but published all the same.
    pub warnings: Vec<String>,
}

/// Sorts posts into the global order, newest first (ties by slug, then path, so the order never
/// depends on file-system listing order), and rejects two posts with the same URL.
pub fn order(mut posts: Vec<Post>) -> Result<Vec<Post>, Vec<Diag>> {
    posts.sort_by(|a, b| {
        b.date
            .instant()
            .cmp(&a.date.instant())
            .then_with(|| a.slug.cmp(&b.slug))
            .then_with(|| a.ext().path.cmp(&b.ext().path))
    });
    one_file_per_url(posts, |p| (p.ext().path.as_str(), p.file.as_str()))
}

/// Rejects two items (posts, standing pages) at the same URL: an error on the later file of
/// each pair, naming the earlier one. `at` gives an item's URL and its file.
pub(crate) fn one_file_per_url<T>(
    items: Vec<T>,
    at: impl Fn(&T) -> (&str, &str),
) -> Result<Vec<T>, Vec<Diag>> {
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(items.len());
    let mut errors = Vec::new();
    for item in &items {
        let (url, file) = at(item);
        if let Some(other) = seen.insert(url, file) {
            let (first, second) = if other <= file {
                (other, file)
            } else {
                (file, other)
            };
            errors.push(Diag::file(
                second,
                format!("same URL {url} as {first}: give one of them a different `slug`"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        errors.sort_by(|a, b| a.file.cmp(&b.file));
        Err(errors)
    }
}

/// Writes every document for `content`, whose posts must already be in the global order
/// ([`order`]) and pages in theirs ([`crate::page::order`]). Pages get their own documents and
/// the pages index, and are in no list: not the home list, the archive, a label's list or a
/// post's related posts.
pub fn write_site(
    content: &Content,
    config: &SiteConfig,
    sink: &mut dyn Sink,
) -> Result<Stats, Error> {
    let posts = content.posts.as_slice();
    let mut w = Writer {
        config,
        sink,
        posts,
        stats: Stats::default(),
        buf: Vec::with_capacity(64 * 1024),
    };
    w.stats.posts = posts.len();

    // Post documents: the full item plus links along the global order, and related posts.
    let labels: Vec<Vec<String>> = posts.iter().map(|p| p.label_slugs.clone()).collect();
    let times: Vec<i64> = posts.iter().map(|p| p.date.instant().0).collect();
    let related = crate::related::choose(&labels, &times);
    drop(labels);
    for (i, post) in posts.iter().enumerate() {
        let mut item = post.item.clone();
        if let Some(ext) = item.ext.as_mut() {
            ext.newer = i.checked_sub(1).map(|j| post_ref(&posts[j]));
            ext.older = posts.get(i + 1).map(post_ref);
            ext.related = related[i]
                .iter()
                .map(|&j| post_ref(&posts[j as usize]))
                .collect();
        }
        w.emit(&post.route().data_doc(), &item, false)?;
    }

    let all: Vec<u32> = (0..posts.len() as u32).collect();
    w.list(config.title.clone(), &|page| Route::Home { page }, &all)?;

    w.archive()?;
    w.labels()?;

    for page in &content.pages {
        w.emit(&page.route().data_doc(), &page.item, false)?;
    }
    w.stats.standing_pages = content.pages.len();
    w.emit(PAGE_INDEX, &crate::page::index(&content.pages), true)?;
    Ok(w.stats)
}

fn post_ref(post: &Post) -> PostRef {
    PostRef {
        title: post.item.title.clone().unwrap_or_default(),
        path: post.ext().path.clone(),
        language: post.item.language.clone(),
    }
}

struct Writer<'a> {
    config: &'a SiteConfig,
    sink: &'a mut dyn Sink,
    posts: &'a [Post],
    stats: Stats,
    /// Reused serialisation buffer: one allocation for the whole build.
    buf: Vec<u8>,
}

impl Writer<'_> {
    fn emit(&mut self, doc: &str, value: &impl Serialize, is_index: bool) -> Result<(), Error> {
        self.buf.clear();
        serde_json::to_writer(&mut self.buf, value)
            .map_err(|e| Error::Io(format!("cannot serialise {doc}: {e}")))?;
        self.sink.put(doc, &self.buf)?;
        let size = self.buf.len() as u64;
        self.stats.files += 1;
        self.stats.bytes += size;
        if !is_index && size > self.stats.largest_page.0 {
            self.stats.largest_page = (size, doc.to_string());
        }
        Ok(())
    }

    /// Writes one paginated list of posts (indices into the global order, in that order) and
    /// returns its number of pages.
    fn list(
        &mut self,
        title: String,
        route: &dyn Fn(u32) -> Route,
        members: &[u32],
    ) -> Result<u32, Error> {
        let config = self.config;
        let total_pages = page_count(members.len(), config.page_size);
        let feed_url = config.data_url(&route(1).data_doc());
        let home_page_url = config.page_url(&route(1).path());
        for page in 1..=total_pages {
            let doc = route(page).data_doc();
            let items: Vec<Item> = members[page_range(page, config.page_size, members.len())]
                .iter()
                .map(|&i| self.posts[i as usize].list_item())
                .collect();
            let feed = Feed {
                version: JSON_FEED_1_1.to_string(),
                title: title.clone(),
                home_page_url: Some(home_page_url.clone()),
                feed_url: Some(feed_url.clone()),
                description: config.tagline.clone(),
                next_url: (page < total_pages).then(|| relative(&doc, &route(page + 1).data_doc())),
                language: Some(config.default_language.clone()),
                items,
                ext: Some(FeedExt {
                    page,
                    total_pages,
                    total_items: members.len() as u64,
                    prev_url: (page > 1).then(|| relative(&doc, &route(page - 1).data_doc())),
                }),
                ..Feed::default()
            };
            self.emit(&doc, &feed, false)?;
            self.stats.pages += 1;
        }
        Ok(total_pages)
    }

    /// Month lists and the archive index, newest first.
    fn archive(&mut self) -> Result<(), Error> {
        let mut months: BTreeMap<(i32, u8), Vec<u32>> = BTreeMap::new();
        for (i, post) in self.posts.iter().enumerate() {
            months
                .entry((post.date.year, post.date.month))
                .or_default()
                .push(i as u32);
        }
        let mut index = ArchiveIndex {
            total: self.posts.len() as u64,
            years: Vec::new(),
        };
        for (&(year, month), members) in months.iter().rev() {
            let route = move |page| Route::Month { year, month, page };
            let title = format!("{} · {year:04}-{month:02}", self.config.title);
            let pages = self.list(title, &route, members)?;
            if index.years.last().is_none_or(|y| y.year != year) {
                index.years.push(ArchiveYear {
                    year,
                    count: 0,
                    months: Vec::new(),
                });
            }
            let y = index.years.last_mut().expect("pushed above");
            y.count += members.len() as u64;
            y.months.push(ArchiveMonth {
                month,
                count: members.len() as u64,
                pages,
                url: relative(ARCHIVE_INDEX, &route(1).data_doc()),
            });
        }
        self.emit(ARCHIVE_INDEX, &index, true)
    }

    /// Label lists and the label index. Spellings that slugify alike are one label, named by
    /// its most used spelling.
    fn labels(&mut self) -> Result<(), Error> {
        #[derive(Default)]
        struct Group {
            spellings: Vec<(String, u64)>,
            members: Vec<u32>,
        }
        let posts = self.posts;
        let mut groups: HashMap<&str, Group> = HashMap::new();
        for (i, post) in posts.iter().enumerate() {
            for (name, slug) in post.item.tags.iter().zip(&post.label_slugs) {
                let group = groups.entry(slug).or_default();
                group.members.push(i as u32);
                match group.spellings.iter_mut().find(|(n, _)| n == name) {
                    Some((_, count)) => *count += 1,
                    None => group.spellings.push((name.clone(), 1)),
                }
            }
        }
        let mut labels: Vec<(String, String, Vec<u32>)> = groups
            .into_iter()
            .map(|(slug, g)| {
                // Most used spelling; among equals, the first in byte order, for determinism.
                let name = g
                    .spellings
                    .iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                    .map(|(n, _)| n.clone())
                    .unwrap_or_default();
                (slug.to_string(), name, g.members)
            })
            .collect();
        labels.sort_by(|a, b| {
            b.2.len()
                .cmp(&a.2.len())
                .then_with(|| a.1.to_lowercase().cmp(&b.1.to_lowercase()))
                .then_with(|| a.0.cmp(&b.0))
        });

        let mut index = LabelIndex {
            labels: Vec::with_capacity(labels.len()),
        };
        for (slug, name, members) in labels {
            let route = |page| Route::Label {
                slug: slug.clone(),
                page,
            };
            let pages = self.list(format!("{} · {name}", self.config.title), &route, &members)?;
            index.labels.push(LabelEntry {
                url: relative(LABEL_INDEX, &route(1).data_doc()),
                name,
                slug: slug.clone(),
                count: members.len() as u64,
                pages,
            });
        }
        self.emit(LABEL_INDEX, &index, true)
    }
}
