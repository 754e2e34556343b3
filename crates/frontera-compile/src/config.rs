//! The compiler's view of `public/config.json`, the app's runtime configuration.
//!
//! Only the keys the compiler uses are read; the rest (timeouts, tips, comments…) belong to the
//! app and are ignored here, so the app can grow its config without breaking the compiler.

use std::path::Path;

use frontera_wire::layout::{resolve, MAX_PAGE_SIZE};
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
    /// Absolute URL of the app, e.g. `https://cronica.example/` (a base path such as
    /// `https://example.org/blog/` is kept); permalinks, the sitemap and the Atom feed are built
    /// from it. [`SiteConfig::load`] normalises it to end with exactly one `/`.
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
        // serde_json's messages already end with "at line L column C".
        let mut config: SiteConfig = serde_json::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        config.check().map_err(|(key, e)| {
            // Point at the offending key, like the post diagnostics (`file:line: message`).
            let at = match key.and_then(|k| line_of_key(&text, k)) {
                Some(line) => format!("{}:{line}", path.display()),
                None => path.display().to_string(),
            };
            Error::Config(format!("{at}: {e}"))
        })?;
        config.site_url = config.site_base();
        Ok(config)
    }

    /// Rejects values the compiler cannot build a site from; the error names the key at fault.
    pub fn check(&self) -> Result<(), (Option<&'static str>, String)> {
        check_site_url(&self.site_url).map_err(|e| (Some("site_url"), e))?;
        if self.page_size == 0 {
            return Err((Some("page_size"), "page_size must be at least 1".into()));
        }
        if self.page_size > MAX_PAGE_SIZE {
            return Err((
                Some("page_size"),
                format!("page_size must be at most {MAX_PAGE_SIZE}: a longer page is slow to show on a phone, and the archive pages already list every post"),
            ));
        }
        if self
            .data_root
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            return Err((
                Some("data_root").filter(|_| self.data_root.is_some()),
                "data_root is missing: the compiler writes the documents served there \
                 (plain JSON Feed mode, without data_root, needs no compiler)"
                    .into(),
            ));
        }
        if !crate::frontmatter::is_language_tag(&self.default_language) {
            return Err((
                Some("default_language"),
                format!(
                    "default_language {:?} is not a language tag",
                    self.default_language
                ),
            ));
        }
        Ok(())
    }

    /// The path the site is served under, without its final slash: `` at a domain's root,
    /// `/blog` below one.
    pub fn base_path(&self) -> String {
        ammonia::Url::parse(&self.site_url)
            .map(|u| u.path().trim_end_matches('/').to_string())
            .unwrap_or_default()
    }

    /// `site_url` with exactly one trailing slash, so relative joins keep its base path.
    pub fn site_base(&self) -> String {
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

/// Checks that `url` can prefix every absolute URL the site publishes: `http` or `https`, a
/// host, no query or fragment (a path joined after them would land inside them), and only
/// printable ASCII (sitemaps.org wants URLs already percent-encoded; an IDN host is written in
/// punycode).
pub fn check_site_url(url: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("site_url {url:?} {why}"));
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return bad("must be an absolute http(s) URL, e.g. \"https://example.org/\"");
    };
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return bad(
            "must be printable ASCII without spaces: percent-encode the path, punycode the host",
        );
    }
    if url.contains(['?', '#']) {
        return bad("must not have a query or fragment");
    }
    let host = rest.split('/').next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    if host.is_empty() || host.starts_with(':') {
        return bad("has no host");
    }
    Ok(())
}

/// The 1-based line of the first `"key":` in a JSON text (the key's first spelling is the one
/// the error is about in a hand-written config; serde_json keeps no positions for values).
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find(&quoted) {
        let at = from + i;
        let after = text[at + quoted.len()..].trim_start();
        if after.starts_with(':') {
            return Some(1 + text[..at].matches('\n').count());
        }
        from = at + quoted.len();
    }
    None
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
    fn site_url_must_be_a_usable_base() {
        for good in [
            "https://cronica.example/",
            "http://127.0.0.1:8080",
            "HTTPS://Example.org/blog",
            "https://example.org/a%20b/",
        ] {
            assert_eq!(check_site_url(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "/blog/",
            "cronica.example",
            "ftp://x/",
            "https://",
            "https:///path",
            "https://:80/",
            "https://a.example/b c/",
            "https://ejemplo.example/año/",
            "https://a.example/?x=1",
            "https://a.example/#top",
            "javascript:alert(1)",
        ] {
            let e = check_site_url(bad).unwrap_err();
            assert!(e.contains("site_url"), "{bad}: {e}");
        }
    }

    #[test]
    fn load_normalises_site_url_and_points_at_bad_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.json");
        std::fs::write(
            &path,
            "{\n  \"title\": \"T\",\n  \"data_root\": \"data/\",\n  \"site_url\": \"https://a.example/blog\"\n}",
        )
        .unwrap();
        let c = SiteConfig::load(&path).unwrap();
        assert_eq!(c.site_url, "https://a.example/blog/");
        std::fs::write(
            &path,
            "{\n  \"title\": \"T\",\n  \"data_root\": \"data/\",\n  \"site_url\" : \"blog/\"\n}",
        )
        .unwrap();
        let e = SiteConfig::load(&path).unwrap_err().to_string();
        let want = format!("{}:4: site_url \"blog/\" must be", path.display());
        assert!(e.contains(&want), "{e}");
    }

    #[test]
    fn rejects_unusable_values() {
        assert!(config("ftp://x/", "data/").check().is_err());
        let mut c = config("https://x/", "data/");
        c.page_size = 0;
        assert!(c.check().is_err());
        c.page_size = MAX_PAGE_SIZE + 1;
        assert!(c.check().unwrap_err().1.contains("at most 50"));
        c.page_size = MAX_PAGE_SIZE;
        assert!(c.check().is_ok());
        c.page_size = 3;
        c.data_root = None;
        assert!(c.check().is_err());
    }
}
