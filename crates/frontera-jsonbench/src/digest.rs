//! The digest each decode returns (so nothing is optimised away), and the decoded wire types.

use frontera_wire::{ArchiveIndex, Author, Feed, Item, PostRef};

/// A cheap fold over every field of a decoded document (lengths, first and last bytes, numbers).
/// Both paths must give the same digest; computing it costs the same in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Digest(u32);

impl Default for Digest {
    fn default() -> Self {
        Digest(0x811c_9dc5)
    }
}

impl Digest {
    fn num(&mut self, n: u64) {
        self.0 = (self.0 ^ n as u32 ^ (n >> 32) as u32).wrapping_mul(0x0100_0193);
    }

    fn str(&mut self, s: &str) {
        let b = s.as_bytes();
        self.num(b.len() as u64);
        self.num(
            u64::from(b.first().copied().unwrap_or(0)) << 8
                | u64::from(b.last().copied().unwrap_or(0)),
        );
    }

    fn opt(&mut self, s: &Option<String>) {
        match s {
            Some(s) => self.str(s),
            None => self.num(u64::MAX),
        }
    }

    fn author(&mut self, a: &Author) {
        self.opt(&a.name);
        self.opt(&a.url);
        self.opt(&a.avatar);
    }

    fn authors(&mut self, single: &Option<Author>, list: &[Author]) {
        self.num(list.len() as u64);
        list.iter().for_each(|a| self.author(a));
        match single {
            Some(a) => self.author(a),
            None => self.num(u64::MAX),
        }
    }

    fn post_ref(&mut self, r: &Option<PostRef>) {
        match r {
            Some(r) => {
                self.str(&r.title);
                self.str(&r.path);
            }
            None => self.num(u64::MAX),
        }
    }

    /// Folds one item into the digest.
    pub fn item(&mut self, i: &Item) {
        self.str(&i.id);
        for s in [
            &i.url,
            &i.external_url,
            &i.title,
            &i.content_html,
            &i.content_text,
            &i.summary,
            &i.image,
            &i.date_published,
            &i.date_modified,
            &i.language,
        ] {
            self.opt(s);
        }
        self.authors(&i.author, &i.authors);
        self.num(i.tags.len() as u64);
        i.tags.iter().for_each(|t| self.str(t));
        match &i.ext {
            Some(e) => {
                self.str(&e.slug);
                self.str(&e.path);
                self.opt(&e.byline);
                match &e.source {
                    Some(s) => {
                        self.str(&s.name);
                        self.opt(&s.url);
                    }
                    None => self.num(u64::MAX),
                }
                self.num(u64::from(e.words));
                self.post_ref(&e.newer);
                self.post_ref(&e.older);
            }
            None => self.num(u64::MAX),
        }
    }

    /// Folds a feed and its items into the digest.
    pub fn feed(&mut self, f: &Feed) {
        self.str(&f.version);
        self.str(&f.title);
        for s in [
            &f.home_page_url,
            &f.feed_url,
            &f.description,
            &f.next_url,
            &f.language,
            &f.icon,
            &f.favicon,
        ] {
            self.opt(s);
        }
        self.authors(&f.author, &f.authors);
        self.num(f.items.len() as u64);
        f.items.iter().for_each(|i| self.item(i));
        match &f.ext {
            Some(e) => {
                self.num(u64::from(e.page));
                self.num(u64::from(e.total_pages));
                self.num(e.total_items);
                self.opt(&e.prev_url);
            }
            None => self.num(u64::MAX),
        }
    }

    /// Folds the archive index into the digest.
    pub fn archive(&mut self, a: &ArchiveIndex) {
        self.num(a.total);
        self.num(a.years.len() as u64);
        for y in &a.years {
            self.num(y.year as u64);
            self.num(y.count);
            self.num(y.months.len() as u64);
            for m in &y.months {
                self.num(u64::from(m.month));
                self.num(m.count);
                self.num(u64::from(m.pages));
                self.str(&m.url);
            }
        }
    }

    /// The digest's value.
    pub fn value(self) -> u32 {
        self.0
    }
}

/// The wire types the benchmark decodes, with their digest.
pub trait Doc: serde::de::DeserializeOwned + PartialEq + Default {
    /// The digest of a decoded document.
    fn digest(&self) -> u32;
}

impl Doc for Feed {
    fn digest(&self) -> u32 {
        let mut d = Digest::default();
        d.feed(self);
        d.value()
    }
}

impl Doc for Item {
    fn digest(&self) -> u32 {
        let mut d = Digest::default();
        d.item(self);
        d.value()
    }
}

impl Doc for ArchiveIndex {
    fn digest(&self) -> u32 {
        let mut d = Digest::default();
        d.archive(self);
        d.value()
    }
}
