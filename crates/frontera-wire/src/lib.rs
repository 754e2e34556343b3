//! Wire format shared by the Frontera app and its content compiler.
//!
//! Every list of posts is a [JSON Feed 1.1](https://jsonfeed.org/version/1.1) document. What the
//! standard lacks (slug, pen name, source attribution, page numbers, previous/next post) lives in
//! an extension object named [`EXT`], following the spec's `_name` convention, so any JSON Feed
//! reader can still read our feeds and the app can still read feeds without the extension.
//!
//! Deserialisation is deliberately lenient ([`lenient`]): every field the spec calls optional is
//! optional here, unknown fields are ignored, a value of the wrong type reads as absent (a number
//! reads as text: `id` is a number in some generators' output), and a feed's items that are not
//! objects read as empty items, which the app then skips. Only a feed without an `items` array
//! fails to parse.

use serde::{Deserialize, Serialize};

// Short, so that a field's attributes fit on one line.
use lenient as de;

pub mod layout;
pub mod lenient;
pub mod slug;
#[cfg(feature = "proptest")]
pub mod strategies;

/// Name of the JSON Feed extension object Frontera adds to feeds and items.
pub const EXT: &str = "_frontera";

/// The JSON Feed version URL Frontera writes.
pub const JSON_FEED_1_1: &str = "https://jsonfeed.org/version/1.1";

/// A JSON Feed document (1.0 or 1.1): one page of a paginated list of posts.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Feed {
    #[serde(default, deserialize_with = "de::string")]
    pub version: String,
    #[serde(default, deserialize_with = "de::string")]
    pub title: String,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// URL of the next (older) page, relative to this document or absolute.
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    #[serde(default, deserialize_with = "de::objects")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// JSON Feed 1.0's single author, still emitted by many generators.
    #[serde(default, deserialize_with = "de::object")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// Required by the spec: a document without an `items` array is not a feed. An item that is
    /// not an object reads as `Item::default()`, which has nothing to show.
    #[serde(deserialize_with = "de::items")]
    pub items: Vec<Item>,
    #[serde(rename = "_frontera", default, deserialize_with = "de::object")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ext: Option<FeedExt>,
}

/// Frontera's feed-level extension: where this page sits in its list.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedExt {
    /// 1-based page number.
    #[serde(default, deserialize_with = "de::number")]
    pub page: u32,
    #[serde(default, deserialize_with = "de::number")]
    pub total_pages: u32,
    #[serde(default, deserialize_with = "de::number")]
    pub total_items: u64,
    /// URL of the previous (newer) page, relative to this document.
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev_url: Option<String>,
}

/// A JSON Feed author object.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
}

/// A JSON Feed item: one post. A Frontera post document is a single `Item` on its own.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Item {
    #[serde(default, deserialize_with = "de::string")]
    pub id: String,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_url: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_html: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, deserialize_with = "de::objects")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    #[serde(default, deserialize_with = "de::object")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    #[serde(default, deserialize_with = "de::strings")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(rename = "_frontera", default, deserialize_with = "de::object")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ext: Option<ItemExt>,
}

/// Frontera's item-level extension.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemExt {
    /// URL-safe name of the post, unique within its year and month.
    #[serde(default, deserialize_with = "de::string")]
    pub slug: String,
    /// The post's route in the app, e.g. `/2024/03/water-line`.
    #[serde(default, deserialize_with = "de::string")]
    pub path: String,
    /// Pen name shown in the byline ("<pen name> for <blog>").
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Where the reported facts come from.
    #[serde(default, deserialize_with = "de::object")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Words in the article, for the reading-time hint.
    #[serde(default, deserialize_with = "de::number")]
    pub words: u32,
    /// Newer post (only in a post document).
    #[serde(default, deserialize_with = "de::object")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer: Option<PostRef>,
    /// Older post (only in a post document).
    #[serde(default, deserialize_with = "de::object")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub older: Option<PostRef>,
    /// Posts that share this one's labels, best first (only in a post document; chosen by the
    /// compiler, `frontera-compile/src/related.rs`).
    #[serde(default, deserialize_with = "de::objects")]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<PostRef>,
    /// In a list document: `content_html` is only the post's opening, up to its "read more"
    /// break (`<!--more-->`, Blogger's `<a name="more">`); the whole post is on its page.
    #[serde(default, deserialize_with = "de::flag")]
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub more: bool,
}

/// A "Source: …" attribution.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    #[serde(default, deserialize_with = "de::string")]
    pub name: String,
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A link to another post: its title and its route in the app.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct PostRef {
    #[serde(default, deserialize_with = "de::string")]
    pub title: String,
    #[serde(default, deserialize_with = "de::string")]
    pub path: String,
    /// The post's language, when it has one (the link's `lang`: its title is in it).
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The archive index: years, newest first, each with its months, newest first.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveIndex {
    pub total: u64,
    pub years: Vec<ArchiveYear>,
}

/// One year of the archive.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveYear {
    pub year: i32,
    pub count: u64,
    pub months: Vec<ArchiveMonth>,
}

/// One month of the archive, with the first page of its list.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveMonth {
    /// 1 to 12.
    pub month: u8,
    pub count: u64,
    pub pages: u32,
    /// First page of the month's list, relative to the index document.
    pub url: String,
}

/// The labels index, most used first.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelIndex {
    pub labels: Vec<LabelEntry>,
}

/// One label with its post count and the first page of its list.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelEntry {
    pub name: String,
    pub slug: String,
    pub count: u64,
    pub pages: u32,
    /// First page of the label's list, relative to the index document.
    pub url: String,
}

/// The pages index ([`layout::PAGE_INDEX`]): the standing pages (About, Contact…) the masthead
/// links to, in its order. Pages are outside the chronology: no list, feed or archive holds them.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct PageIndex {
    #[serde(default, deserialize_with = "de::objects")]
    pub pages: Vec<PageEntry>,
}

/// One standing page as the masthead links to it.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct PageEntry {
    #[serde(default, deserialize_with = "de::string")]
    pub title: String,
    /// The page's route in the app, `/p/<slug>`.
    #[serde(default, deserialize_with = "de::string")]
    pub path: String,
    /// The page's language, when the compiler knows it (the link's `lang`).
    #[serde(default, deserialize_with = "de::text")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_minimal_third_party_feed() {
        let feed: Feed = serde_json::from_str(
            r#"{"version":"https://jsonfeed.org/version/1","title":"T",
                "items":[{"id":42,"content_text":"hi","unknown":{"x":1}}]}"#,
        )
        .unwrap();
        assert_eq!(feed.items[0].id, "42");
        assert_eq!(feed.items[0].content_text.as_deref(), Some("hi"));
        assert!(feed.items[0].ext.is_none());
        assert!(feed.ext.is_none());
    }

    #[test]
    fn round_trips_the_extension() {
        let item = Item {
            id: "a".into(),
            ext: Some(ItemExt {
                slug: "s".into(),
                path: "/2024/01/s".into(),
                byline: Some("La Lechuza".into()),
                source: Some(Source {
                    name: "Port log".into(),
                    url: None,
                }),
                words: 12,
                newer: None,
                older: Some(PostRef {
                    title: "Old".into(),
                    path: "/2023/12/o".into(),
                    language: Some("es".into()),
                }),
                related: Vec::new(),
                more: false,
            }),
            ..Item::default()
        };
        let json = serde_json::to_string(&item).unwrap();
        assert!(json.contains("\"_frontera\""), "{json}");
        assert!(!json.contains("newer"), "empty fields are left out: {json}");
        let back: Item = serde_json::from_str(&json).unwrap();
        assert_eq!(back, item);
    }

    #[test]
    fn more_is_true_only_for_json_true() {
        let more = |v: &str| {
            let item: Item =
                serde_json::from_str(&format!(r#"{{"_frontera":{{"more":{v}}}}}"#)).unwrap();
            item.ext.unwrap().more
        };
        assert!(more("true"));
        for v in ["false", "\"true\"", "1", "null", "[true]", "{}"] {
            assert!(!more(v), "{v}");
        }
        // A boolean where text is expected is absent, as before.
        let item: Item = serde_json::from_str(r#"{"title":true}"#).unwrap();
        assert_eq!(item.title, None);
    }

    #[test]
    fn a_value_of_the_wrong_type_reads_as_absent() {
        let item: Item = serde_json::from_str(
            r#"{"id":{"x":1},"title":["T"],"tags":{"a":1},"date_published":1710516600,
                "authors":[null,{"name":5}],"author":"Jane","_frontera":{"slug":7,"words":-3}}"#,
        )
        .unwrap();
        assert_eq!(item.id, "");
        assert_eq!(item.title, None);
        assert!(item.tags.is_empty());
        assert_eq!(item.date_published.as_deref(), Some("1710516600"));
        assert_eq!(
            item.authors,
            vec![
                Author::default(),
                Author {
                    name: Some("5".into()),
                    ..Author::default()
                }
            ]
        );
        assert_eq!(item.author, None);
        let ext = item.ext.unwrap();
        assert_eq!((ext.slug.as_str(), ext.words), ("7", 0));
    }

    #[test]
    fn a_feed_needs_an_items_array() {
        for bad in [
            r#"{"title":"T"}"#,
            r#"{"items":null}"#,
            r#"{"items":{"0":{}}}"#,
            r#"{"items":"x"}"#,
        ] {
            assert!(serde_json::from_str::<Feed>(bad).is_err(), "{bad}");
        }
        let feed: Feed = serde_json::from_str(r#"{"items":["x",3,null,[{}],{"id":"a"}],"_frontera":{"page":"2","total_pages":-1,"total_items":3.5}}"#).unwrap();
        assert_eq!(feed.items.len(), 5, "every element keeps its place");
        assert_eq!(feed.items[..4], vec![Item::default(); 4]);
        assert_eq!(feed.items[4].id, "a");
        assert_eq!(feed.ext, Some(FeedExt::default()));
    }
}
