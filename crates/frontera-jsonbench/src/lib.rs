//! Issue 5's JSON decoding benchmark (bench/json.mjs, docs/benchmarks-json.md).
//!
//! The app decodes every data document with `serde_json::from_str` on the response text, which
//! wasm-bindgen first copies into wasm memory. The alternative is `JSON.parse` in the browser and
//! `serde_wasm_bindgen::from_value`, which walks the parsed object through many JS↔wasm calls.
//! This crate builds each path on its own so both can be weighed and timed:
//!
//! * no features: the baseline: wasm-bindgen, the wire types, their drop glue and [`Digest`];
//! * `json`: the baseline plus `json_*`, decoding the text with serde_json;
//! * `json-bytes`: the baseline plus `jsonb_*`, decoding the body's bytes with serde_json;
//! * `swb`: the baseline plus `swb_*`, decoding a `JSON.parse`d value with serde-wasm-bindgen;
//! * `json` and `swb` together: the two, and [`agree`], which checks they decode alike.
//!
//! Each path decodes [`Feed`], [`Item`] and [`ArchiveIndex`], so the code per type is what the
//! app would carry, and returns a [`Digest`] of the result so nothing can be optimised away.

use frontera_wire::{ArchiveIndex, Author, Feed, Item, PostRef};
use wasm_bindgen::prelude::*;

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

/// What every variant carries without decoding anything: the digest and drop glue of each type,
/// on a value the optimiser cannot see through. Subtracting this variant's size from a decoding
/// variant's leaves what that decoding path costs.
#[wasm_bindgen]
pub fn baseline(kind: u32) -> u32 {
    fn opaque<T: Doc>() -> u32 {
        std::hint::black_box(T::default()).digest()
    }
    match kind {
        0 => opaque::<Feed>(),
        1 => opaque::<Item>(),
        _ => opaque::<ArchiveIndex>(),
    }
}

/// The app's path (src/api/mod.rs `parse_json`): the text is copied into wasm memory by
/// wasm-bindgen, then decoded by serde_json; errors become their message.
#[cfg(feature = "json")]
mod json {
    use super::*;

    pub(crate) fn decode<T: Doc>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Decodes a feed (a list page) from its text; returns its digest.
    #[wasm_bindgen]
    pub fn json_feed(text: &str) -> Result<u32, String> {
        decode::<Feed>(text).map(|d| d.digest())
    }

    /// Decodes a post document from its text; returns its digest.
    #[wasm_bindgen]
    pub fn json_item(text: &str) -> Result<u32, String> {
        decode::<Item>(text).map(|d| d.digest())
    }

    /// Decodes the archive index from its text; returns its digest.
    #[wasm_bindgen]
    pub fn json_archive(text: &str) -> Result<u32, String> {
        decode::<ArchiveIndex>(text).map(|d| d.digest())
    }

    /// Only the copy of the text into wasm memory (and its free), to split the path's time.
    #[wasm_bindgen]
    pub fn json_copy_only(text: &str) -> u32 {
        text.len() as u32
    }
}

#[cfg(feature = "json")]
pub use json::*;

/// serde_json on the body's bytes (`response.arrayBuffer()`): wasm-bindgen copies them into wasm
/// memory as they are, without the UTF-8 → UTF-16 → UTF-8 round trip of the text.
#[cfg(feature = "json-bytes")]
mod jsonb {
    use super::*;

    pub(crate) fn decode<T: Doc>(bytes: &[u8]) -> Result<T, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }

    /// Decodes a feed (a list page) from its bytes; returns its digest.
    #[wasm_bindgen]
    pub fn jsonb_feed(bytes: &[u8]) -> Result<u32, String> {
        decode::<Feed>(bytes).map(|d| d.digest())
    }

    /// Decodes a post document from its bytes; returns its digest.
    #[wasm_bindgen]
    pub fn jsonb_item(bytes: &[u8]) -> Result<u32, String> {
        decode::<Item>(bytes).map(|d| d.digest())
    }

    /// Decodes the archive index from its bytes; returns its digest.
    #[wasm_bindgen]
    pub fn jsonb_archive(bytes: &[u8]) -> Result<u32, String> {
        decode::<ArchiveIndex>(bytes).map(|d| d.digest())
    }
}

#[cfg(feature = "json-bytes")]
pub use jsonb::*;

/// The alternative: the browser's `JSON.parse`, then serde-wasm-bindgen walks the JS value.
#[cfg(feature = "swb")]
mod swb {
    use super::*;

    pub(crate) fn decode<T: Doc>(value: JsValue) -> Result<T, String> {
        serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
    }

    /// Decodes a parsed feed (a list page); returns its digest.
    #[wasm_bindgen]
    pub fn swb_feed(value: JsValue) -> Result<u32, String> {
        decode::<Feed>(value).map(|d| d.digest())
    }

    /// Decodes a parsed post document; returns its digest.
    #[wasm_bindgen]
    pub fn swb_item(value: JsValue) -> Result<u32, String> {
        decode::<Item>(value).map(|d| d.digest())
    }

    /// Decodes the parsed archive index; returns its digest.
    #[wasm_bindgen]
    pub fn swb_archive(value: JsValue) -> Result<u32, String> {
        decode::<ArchiveIndex>(value).map(|d| d.digest())
    }
}

#[cfg(feature = "swb")]
pub use swb::*;

/// Whether both paths decode one document (`kind` 0 feed, 1 item, 2 archive index) to equal
/// values; an error names the path that failed. Only in the variant with both paths.
#[cfg(all(feature = "json", feature = "swb"))]
#[wasm_bindgen]
pub fn agree(kind: u32, text: &str, value: JsValue) -> Result<bool, String> {
    fn same<T: Doc>(text: &str, value: JsValue) -> Result<bool, String> {
        let a: T = json::decode(text).map_err(|e| format!("serde_json: {e}"))?;
        let b: T = swb::decode(value).map_err(|e| format!("serde-wasm-bindgen: {e}"))?;
        Ok(a == b && a.digest() == b.digest())
    }
    match kind {
        0 => same::<Feed>(text, value),
        1 => same::<Item>(text, value),
        _ => same::<ArchiveIndex>(text, value),
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    //! serde-wasm-bindgen only runs in a browser (bench/json.mjs checks [`agree`] on every
    //! document it times). Natively, its shape is stood in for by serde_json's own two-step path:
    //! parse to a tree (`serde_json::Value`, like `JSON.parse`), then deserialise the types from
    //! the tree (like `from_value`). Both steps must agree with the one-step decoder.
    use super::*;

    const FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Crónica",
        "home_page_url":"https://x.org/","next_url":"2.json","language":"es",
        "authors":[{"name":"Redacción","url":"https://x.org/about"}],
        "items":[
          {"id":"https://x.org/2024/03/a","url":"https://x.org/2024/03/a","title":"Agua «sí»",
           "content_html":"<p>Uno \u00e9 \ud83d\ude00</p>","date_published":"2024-03-01T10:00:00Z",
           "tags":["water","Garita Vieja"],"unknown":{"nested":[1,2,{"x":null}]},
           "_frontera":{"slug":"a","path":"/2024/03/a","byline":"La Lechuza",
             "source":{"name":"Port log","url":"https://port.example/"},"words":321,
             "older":{"title":"Old","path":"/2024/02/o"}}},
          {"id":42,"content_text":"a third-party item","author":{"name":"N"}},
          {"id":null,"title":"no id"}
        ],
        "_frontera":{"page":1,"total_pages":6,"total_items":58}}"#;

    const ARCHIVE: &str = r#"{"total":3,"years":[{"year":2024,"count":3,"months":[
        {"month":3,"count":2,"pages":1,"url":"2024/03/1.json"},
        {"month":1,"count":1,"pages":1,"url":"2024/01/1.json"}]}]}"#;

    fn two_step<T: Doc>(text: &str) -> T {
        let tree: serde_json::Value = serde_json::from_str(text).unwrap();
        serde_json::from_value(tree).unwrap()
    }

    #[test]
    fn decoders_agree_on_the_fixtures() {
        let feed: Feed = json::decode(FEED).unwrap();
        assert_eq!(feed.items.len(), 3);
        assert_eq!(feed.items[1].id, "42");
        assert_eq!(feed.items[2].id, "");
        assert_eq!(feed, two_step::<Feed>(FEED));
        assert_eq!(json_feed(FEED), Ok(feed.digest()));
        #[cfg(feature = "json-bytes")]
        assert_eq!(jsonb_feed(FEED.as_bytes()), Ok(feed.digest()));

        let post = serde_json::to_string(&feed.items[0]).unwrap();
        let item: Item = json::decode(&post).unwrap();
        assert_eq!(item, feed.items[0]);
        assert_eq!(item, two_step::<Item>(&post));
        assert_eq!(json_item(&post), Ok(item.digest()));
        #[cfg(feature = "json-bytes")]
        assert_eq!(jsonb_item(post.as_bytes()), Ok(item.digest()));

        let archive: ArchiveIndex = json::decode(ARCHIVE).unwrap();
        assert_eq!(archive.years[0].months.len(), 2);
        assert_eq!(archive, two_step::<ArchiveIndex>(ARCHIVE));
        assert_eq!(json_archive(ARCHIVE), Ok(archive.digest()));
        #[cfg(feature = "json-bytes")]
        assert_eq!(jsonb_archive(ARCHIVE.as_bytes()), Ok(archive.digest()));
    }

    #[test]
    fn digest_sees_every_kind_of_change() {
        let feed: Feed = json::decode(FEED).unwrap();
        let base = feed.digest();
        let mut f = feed.clone();
        f.items[0].ext.as_mut().unwrap().words += 1;
        assert_ne!(f.digest(), base);
        let mut f = feed.clone();
        f.items[1].tags.push("x".into());
        assert_ne!(f.digest(), base);
        let mut f = feed.clone();
        f.items[0].content_html = Some("<p>Uno</p>".into());
        assert_ne!(f.digest(), base);
        assert_ne!(Feed::default().digest(), base);
        // The baseline digests empty values of each type.
        assert_eq!(baseline(0), Feed::default().digest());
        assert_eq!(baseline(2), ArchiveIndex::default().digest());
    }

    #[test]
    fn malformed_documents_fail_with_a_message() {
        for bad in [
            "",
            "{\"items\":[",
            "{\"items\":{}}",
            "{\"title\":\"no items\"}",
        ] {
            let e = json_feed(bad).unwrap_err();
            assert!(!e.is_empty(), "{bad:?}");
        }
        assert!(json_archive(r#"{"total":1}"#).is_err());
        #[cfg(feature = "json-bytes")]
        assert!(jsonb_feed(b"{\"items\":1}").is_err());
        assert_eq!(json_copy_only("añ"), 3);
    }
}
