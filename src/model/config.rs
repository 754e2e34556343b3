//! The runtime site configuration, `config.json`: one build serves many sites.

use serde::Deserialize;

/// Site settings read at start-up from `config.json` beside `index.html`.
/// Every key but `title` and `feed_url` has a default; see docs/data-format.md.
#[derive(Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub tagline: String,
    /// Absolute URL the site is published at (e.g. `https://cronica.example/`), for canonical
    /// links; the content compiler builds permalinks, the sitemap and the Atom feed from it.
    #[serde(default)]
    pub site_url: Option<String>,
    /// The picture link previews show for a page without one of its own (home, lists, a post
    /// with no image): relative to the site or absolute; 1200×630 PNG or JPEG previews large.
    #[serde(default)]
    pub image: Option<String>,
    /// First page of the home list: a JSON Feed, relative to the app's base URL or absolute.
    pub feed_url: String,
    /// Folder of Frontera's pre-paginated data. Absent for a plain JSON Feed from another
    /// generator: then only `feed_url` is read and the archive and label widgets are hidden.
    #[serde(default)]
    pub data_root: Option<String>,
    #[serde(default = "default_language")]
    pub default_language: String,
    #[serde(default = "default_timeout")]
    pub request_timeout_ms: u32,
    #[serde(default)]
    pub tips: Tips,
    /// The comment server; without `comments.server` posts have no comment section.
    #[serde(default)]
    pub comments: CommentsConfig,
}

/// Where comments live: an Isso server, relative to the app's base URL or absolute.
#[derive(Deserialize, Clone, Debug, Default, PartialEq)]
pub struct CommentsConfig {
    /// Isso's URL, e.g. `/comments/` (same origin, proxied) or `https://comments.example/`.
    #[serde(default)]
    pub server: Option<String>,
    /// A page explaining the moderation policy, linked from the notice.
    #[serde(default)]
    pub policy_url: Option<String>,
}

impl CommentsConfig {
    /// The server URL without its trailing slash, if comments are on.
    pub fn endpoint(&self) -> Option<String> {
        let s = self.server.as_deref()?.trim();
        if s.is_empty() {
            return None;
        }
        Some(s.trim_end_matches('/').to_string())
    }
}

/// The sidebar box inviting anonymous tips.
#[derive(Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Tips {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

fn default_language() -> String {
    "en".into()
}

/// How long a request may take when the configuration does not say (it is not known yet while
/// the documents a prerendered page preloads are read).
pub const DEFAULT_TIMEOUT_MS: u32 = 12_000;

fn default_timeout() -> u32 {
    DEFAULT_TIMEOUT_MS
}

impl Config {
    /// Whether the feed is Frontera's own layout (archive, labels and per-post documents).
    pub fn has_data_root(&self) -> bool {
        self.data_root.is_some()
    }

    /// A data document's URL: `doc` under the data root (which ends up with exactly one `/`).
    pub fn data_url(&self, doc: &str) -> Option<String> {
        let root = self.data_root.as_deref()?;
        Some(format!("{}/{}", root.trim_end_matches('/'), doc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let c: Config = serde_json::from_str(r#"{"title":"T","feed_url":"f.json"}"#).unwrap();
        assert_eq!(c.default_language, "en");
        assert_eq!(c.request_timeout_ms, 12_000);
        assert!(!c.has_data_root());
        assert_eq!(c.site_url, None);
        assert_eq!(c.data_url("x.json"), None);
        assert_eq!(c.comments.endpoint(), None);
    }

    #[test]
    fn comment_server_endpoint() {
        let c: Config = serde_json::from_str(
            r#"{"title":"T","feed_url":"f","comments":{"server":"http://127.0.0.1:4179/"}}"#,
        )
        .unwrap();
        assert_eq!(
            c.comments.endpoint().as_deref(),
            Some("http://127.0.0.1:4179")
        );
        let c: Config =
            serde_json::from_str(r#"{"title":"T","feed_url":"f","comments":{"server":" "}}"#)
                .unwrap();
        assert_eq!(c.comments.endpoint(), None);
    }

    #[test]
    fn data_url_joins_once() {
        let mut c: Config = serde_json::from_str(r#"{"title":"T","feed_url":"f.json"}"#).unwrap();
        c.data_root = Some("data/".into());
        assert_eq!(
            c.data_url("home/2.json").as_deref(),
            Some("data/home/2.json")
        );
        c.data_root = Some("/blog/data".into());
        assert_eq!(
            c.data_url("home/2.json").as_deref(),
            Some("/blog/data/home/2.json")
        );
    }

    #[test]
    fn the_shipped_config_parses() {
        let c: Config = serde_json::from_str(include_str!("../../public/config.json")).unwrap();
        assert!(c.has_data_root());
        assert!(!c.title.is_empty());
        assert!(c.site_url.as_deref().is_some_and(|u| u.starts_with("http")));
        assert_eq!(c.comments.endpoint().as_deref(), Some("/comments"));
    }
}
