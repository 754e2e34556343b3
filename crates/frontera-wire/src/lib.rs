//! Wire format shared by the Frontera app and its content compiler.
//!
//! Every list of posts is a [JSON Feed 1.1](https://jsonfeed.org/version/1.1) document. What the
//! standard lacks (slug, pen name, source attribution, page numbers, previous/next post) lives in
//! an extension object named [`EXT`], following the spec's `_name` convention, so any JSON Feed
//! reader can still read our feeds and the app can still read feeds without the extension.
//!
//! Deserialisation is deliberately lenient: every field the spec calls optional is optional here,
//! unknown fields are ignored, and `id` may be a number (some generators emit one).

use serde::{Deserialize, Deserializer, Serialize};

pub mod layout;
pub mod lenient;
pub mod slug;

/// Name of the JSON Feed extension object Frontera adds to feeds and items.
pub const EXT: &str = "_frontera";

/// The JSON Feed version URL Frontera writes.
pub const JSON_FEED_1_1: &str = "https://jsonfeed.org/version/1.1";

/// A JSON Feed document (1.0 or 1.1): one page of a paginated list of posts.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Feed {
    #[serde(default)]
    pub version: String,
    #[serde(default, deserialize_with = "lenient_string")]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// URL of the next (older) page, relative to this document or absolute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// JSON Feed 1.0's single author, still emitted by many generators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// Required by the spec: a document without `items` is not a feed.
    pub items: Vec<Item>,
    #[serde(rename = "_frontera", default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<FeedExt>,
}

/// Frontera's feed-level extension: where this page sits in its list.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedExt {
    /// 1-based page number.
    pub page: u32,
    pub total_pages: u32,
    pub total_items: u64,
    /// URL of the previous (newer) page, relative to this document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_url: Option<String>,
}

/// A JSON Feed author object.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Author {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
}

/// A JSON Feed item: one post. A Frontera post document is a single `Item` on its own.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Item {
    #[serde(default, deserialize_with = "lenient_string")]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_html: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(rename = "_frontera", default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<ItemExt>,
}

/// Frontera's item-level extension.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct ItemExt {
    /// URL-safe name of the post, unique within its year and month.
    pub slug: String,
    /// The post's route in the app, e.g. `/2024/03/water-line`.
    pub path: String,
    /// Pen name shown in the byline ("<pen name> for <blog>").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Where the reported facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Words in the article, for the reading-time hint.
    #[serde(default)]
    pub words: u32,
    /// Newer post (only in a post document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<PostRef>,
    /// Older post (only in a post document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub older: Option<PostRef>,
}

/// A "Source: …" attribution.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A link to another post: its title and its route in the app.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct PostRef {
    pub title: String,
    pub path: String,
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

/// Accepts a string, a number or null where a string is expected (ids are numbers in some
/// generators' output); anything else is an error.
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Lenient {
        S(String),
        I(i64),
        U(u64),
        F(f64),
        Null(()),
    }
    Ok(match Lenient::deserialize(d)? {
        Lenient::S(s) => s,
        Lenient::I(n) => n.to_string(),
        Lenient::U(n) => n.to_string(),
        Lenient::F(n) => n.to_string(),
        Lenient::Null(()) => String::new(),
    })
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
                }),
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
    fn rejects_an_object_where_a_string_belongs() {
        let r: Result<Item, _> = serde_json::from_str(r#"{"id":{"x":1}}"#);
        assert!(r.is_err());
    }
}
