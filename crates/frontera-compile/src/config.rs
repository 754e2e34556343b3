//! The compiler's view of `public/config.json`, the app's runtime configuration.
//!
//! Only the keys the compiler uses are read; the rest (timeouts, tips, comments…) belong to the
//! app and are ignored here, so the app can grow its config without breaking the compiler.

use std::path::Path;

use frontera_wire::layout::resolve;
use serde::Deserialize;

use crate::diag::Error;

/// Site settings used to build the data documents.
#[derive(Clone, Debug, Deserialize)]
pub struct SiteConfig {
    /// Blog name: the feed title.
    pub title: String,
    /// One-line description: the feed description.
    #[serde(default)]
    pub tagline: Option<String>,
    /// Absolute URL of the app, e.g. `https://cronica.example/`; permalinks are built from it.
    pub site_url: String,
    /// Where the data documents are served, relative to `site_url` (or absolute). The compiler
    /// writes what lives there, so it needs this even though the app can run without it.
    #[serde(default)]
    pub data_root: Option<String>,
    /// Posts per list page.
    #[serde(default = "default_page_size")]
    pub page_size: u32,
    /// Language of posts that do not name one.
    #[serde(default = "default_language")]
    pub default_language: String,
}

fn default_page_size() -> u32 {
    10
}

fn default_language() -> String {
    "en".into()
}

impl SiteConfig {
    /// Reads and checks the config file.
    pub fn load(path: &Path) -> Result<SiteConfig, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("cannot read {}: {e}", path.display())))?;
        let config: SiteConfig = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        config
            .check()
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        Ok(config)
    }

    /// Rejects values the compiler cannot build a site from.
    pub fn check(&self) -> Result<(), String> {
        let lower = self.site_url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(format!(
                "site_url must be an absolute http(s) URL, not {:?}",
                self.site_url
            ));
        }
        if self.page_size == 0 {
            return Err("page_size must be at least 1".into());
        }
        if self
            .data_root
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            return Err(
                "data_root is missing: the compiler writes the documents served there \
                        (plain JSON Feed mode, without data_root, needs no compiler)"
                    .into(),
            );
        }
        if !crate::frontmatter::is_language_tag(&self.default_language) {
            return Err(format!(
                "default_language {:?} is not a language tag",
                self.default_language
            ));
        }
        Ok(())
    }

    /// `site_url` with exactly one trailing slash, so relative joins keep its base path.
    fn site_base(&self) -> String {
        format!("{}/", self.site_url.trim_end_matches('/'))
    }

    /// Absolute URL of an app path such as `/2024/03/slug` (the site's base path is kept).
    pub fn page_url(&self, app_path: &str) -> String {
        resolve(&self.site_base(), app_path.trim_start_matches('/'))
    }

    /// Absolute URL of a data document such as `home/1.json`.
    pub fn data_url(&self, doc: &str) -> String {
        let root = self.data_root.as_deref().unwrap_or("data/");
        let root = format!(
            "{}/",
            resolve(&self.site_base(), root).trim_end_matches('/')
        );
        resolve(&root, doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(site_url: &str, data_root: &str) -> SiteConfig {
        SiteConfig {
            title: "T".into(),
            tagline: None,
            site_url: site_url.into(),
            data_root: Some(data_root.into()),
            page_size: 7,
            default_language: "en".into(),
        }
    }

    #[test]
    fn joins_without_double_slashes() {
        let c = config("http://127.0.0.1:8080/", "data/");
        assert_eq!(c.page_url("/2024/03/x"), "http://127.0.0.1:8080/2024/03/x");
        assert_eq!(c.page_url("/"), "http://127.0.0.1:8080/");
        assert_eq!(
            c.data_url("home/1.json"),
            "http://127.0.0.1:8080/data/home/1.json"
        );
        let c = config("https://a.example/blog", "/static/data");
        assert_eq!(c.page_url("/2024/03/x"), "https://a.example/blog/2024/03/x");
        assert_eq!(
            c.data_url("home/1.json"),
            "https://a.example/static/data/home/1.json"
        );
        let c = config("https://a.example/blog/", "https://cdn.example/d/");
        assert_eq!(
            c.data_url("home/1.json"),
            "https://cdn.example/d/home/1.json"
        );
    }

    #[test]
    fn reads_the_shipped_config() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/config.json");
        let c = SiteConfig::load(&path).unwrap();
        assert!(c.page_size >= 1);
    }

    #[test]
    fn rejects_unusable_values() {
        assert!(config("ftp://x/", "data/").check().is_err());
        let mut c = config("https://x/", "data/");
        c.page_size = 0;
        assert!(c.check().is_err());
        c.page_size = 3;
        c.data_root = None;
        assert!(c.check().is_err());
    }
}
