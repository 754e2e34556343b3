//! Old addresses that keep working: from a redirect map (`--redirects`, written by
//! `import-blogger`), the site root gets a `_redirects` file (Netlify and Cloudflare Pages
//! syntax, 301) and, for hosts that read no rules, a small page at every old path with a
//! canonical link, a `<meta http-equiv="refresh">` and a visible link. The pages need no
//! script, so the site's Content-Security-Policy allows them as they are.
//!
//! A query string (`?m=1`, `?showComment=…`, `?max-results=20`) does not change which file a
//! static host serves, so the page answers those too; `_redirects` rules match the path alone.

use std::collections::HashSet;
use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::{
    blogger::files::Redirects,
    config::SiteConfig,
    diag::{io_error, Error},
    site::Sink,
};

/// The rules file's name in the site root.
pub const RULES: &str = "_redirects";

/// What stays percent-encoded in a rule's path: what a URL path cannot hold as it is.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Reads a redirect map.
pub fn load(path: &Path) -> Result<Redirects, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| io_error("cannot read", path, e))?;
    serde_json::from_str(&text).map_err(|e| Error::Io(format!("{}: {e}", path.display())))
}

/// The site files a redirect may lead to besides the pages (`import-blogger` sends the old
/// feeds to the Atom feed).
const SITE_FILES: [&str; 3] = ["/atom.xml", "/sitemap.xml", "/robots.txt"];

/// Checks a redirect map against the site it is built with, naming every bad entry of `file`:
/// an old path must not be one of the site's pages (its page would be replaced by a redirect
/// page) nor a file or folder the build writes itself (the app's `index.html`, `404.html`,
/// `config.json`, the data and search folders, the assets: a redirect page there would stand in
/// for the app on every page, without its security policy); a new path must be one of the
/// site's pages (`live`, by [`crate::crawl::routes`]) or its feeds.
pub fn check(
    map: &Redirects,
    live: &HashSet<String>,
    data_root: &str,
    file: &str,
) -> Result<(), Error> {
    let data = data_root.trim_matches('/').split('/').next().unwrap_or("");
    let page_of = |p: &str| {
        let p = p.split(['?', '#']).next().unwrap_or(p);
        let p = p.strip_suffix('/').filter(|s| !s.is_empty()).unwrap_or(p);
        live.contains(p)
    };
    let mut problems = Vec::new();
    for (i, r) in map.redirects.iter().enumerate() {
        let mut say = |what: String| {
            problems.push(format!(
                "{file}: redirect {} ({:?} → {:?}): {what}",
                i + 1,
                r.from,
                r.to
            ))
        };
        let segments: Vec<&str> = r.from.trim_matches('/').split('/').collect();
        let first = segments[0];
        // An old page at the root (`/about.html`) or a folder (`/2019/`), but not the app's
        // own files (names with a dot), nor a folder the build fills.
        let old_page = segments.len() == 1 && first.ends_with(".html");
        let reserved = ["index.html", "404.html", data, "pagefind"].contains(&first)
            || (first.contains('.') && !old_page);
        if file_for(&r.from).is_none() {
            say("the old path is not a usable path".into());
        } else if reserved {
            say("the old path is a file or folder the build writes itself".into());
        } else if page_of(&r.from) {
            say("the old path is a page of this site: a redirect would replace it".into());
        }
        if !page_of(&r.to) && !SITE_FILES.contains(&r.to.as_str()) {
            say("the new path is not a page of this site".into());
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Io(problems.join("\n")))
    }
}

/// Writes `_redirects` and one page per old path into `sink` (the site root); returns how many
/// redirects there are. An old path that could escape the folder or that names no file is an
/// error naming it.
pub fn write(map: &Redirects, config: &SiteConfig, sink: &mut impl Sink) -> Result<usize, Error> {
    let base = config.base_path();
    let mut rules = String::from(
        "# Old addresses (import-blogger) → their pages here; 301, query strings kept.\n",
    );
    for r in &map.redirects {
        let file = file_for(&r.from)
            .ok_or_else(|| Error::Io(format!("redirect from {:?}: not a usable path", r.from)))?;
        let to = format!("{base}{}", r.to);
        rules.push_str(&format!(
            "{}{} {} 301\n",
            base,
            utf8_percent_encode(&r.from, PATH),
            utf8_percent_encode(&to, PATH)
        ));
        let page = page(&to, &config.page_url(&r.to), r.title.as_deref());
        sink.put(&file, page.as_bytes())?;
    }
    sink.put(RULES, rules.as_bytes())?;
    Ok(map.redirects.len())
}

/// The file a static host serves for `from`: `a/b.html` for `/a/b.html`, `a/b/index.html` for
/// `/a/b/` and `/a/b`. `None` for paths with empty, `.` or `..` segments or backslashes.
pub fn file_for(from: &str) -> Option<String> {
    let rest = from.strip_prefix('/')?;
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    let ok = !trimmed.is_empty()
        && !trimmed.contains(['\\', '\0'])
        && trimmed
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..");
    if !ok {
        return None;
    }
    Some(if rest.ends_with(".html") {
        rest.to_string()
    } else {
        format!("{trimmed}/index.html")
    })
}

/// A redirect page: works without script, tells crawlers where the page went.
fn page(to: &str, canonical: &str, title: Option<&str>) -> String {
    let href = escape(&utf8_percent_encode(to, PATH).to_string());
    let canonical = escape(canonical);
    let text = escape(title.unwrap_or(to));
    format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">\
         <title>{text}</title>\
         <link rel=\"canonical\" href=\"{canonical}\">\
         <meta name=\"robots\" content=\"noindex\">\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\
         </head><body><p>This page has moved: <a href=\"{href}\">{text}</a></p>\
         <p lang=\"es\">Esta página se mudó: <a href=\"{href}\">{text}</a></p></body></html>\n"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{blogger::files::Redirect, site::MemorySink};

    #[test]
    fn files_for_old_paths() {
        assert_eq!(
            file_for("/2019/05/slug.html").as_deref(),
            Some("2019/05/slug.html")
        );
        assert_eq!(file_for("/2019/05/").as_deref(), Some("2019/05/index.html"));
        assert_eq!(
            file_for("/search/label/Educación").as_deref(),
            Some("search/label/Educación/index.html")
        );
        for bad in ["", "/", "x", "/../etc/passwd", "/a//b", "/a/./b", "/a\\b"] {
            assert_eq!(file_for(bad), None, "{bad}");
        }
    }

    #[test]
    fn rules_and_pages_under_a_base_path() {
        let config: SiteConfig = serde_json::from_str(
            r#"{"title":"C","site_url":"https://c.example/blog/","data_root":"data/"}"#,
        )
        .unwrap();
        let map = Redirects {
            redirects: vec![Redirect {
                from: "/search/label/Garita Vieja".into(),
                to: "/label/garita-vieja".into(),
                title: Some("Garita \"Vieja\"".into()),
            }],
        };
        let mut sink = MemorySink::default();
        assert_eq!(write(&map, &config, &mut sink).unwrap(), 1);
        let rules = String::from_utf8(sink.docs[RULES].clone()).unwrap();
        assert!(rules.contains("/blog/search/label/Garita%20Vieja /blog/label/garita-vieja 301\n"));
        let page =
            String::from_utf8(sink.docs["search/label/Garita Vieja/index.html"].clone()).unwrap();
        assert!(page.contains(
            "<link rel=\"canonical\" href=\"https://c.example/blog/label/garita-vieja\">"
        ));
        assert!(page.contains("content=\"0; url=/blog/label/garita-vieja\""));
        assert!(page.contains(">Garita &quot;Vieja&quot;</a>") && !page.contains("<script"));
    }

    #[test]
    fn old_paths_never_replace_the_apps_files_or_pages_and_new_paths_exist() {
        let live: HashSet<String> = ["/", "/2026/11/bridge", "/label/aduana", "/archive/2019/05"]
            .map(String::from)
            .into();
        let map = |pairs: &[(&str, &str)]| Redirects {
            redirects: pairs
                .iter()
                .map(|(from, to)| Redirect {
                    from: from.to_string(),
                    to: to.to_string(),
                    title: None,
                })
                .collect(),
        };
        let fine = map(&[
            ("/2019/05/bridge.html", "/2026/11/bridge"),
            ("/2019/", "/archive/2019/05"),
            ("/p/about.html", "/"),
            ("/old.html", "/label/aduana"),
            ("/feeds/posts/default", "/atom.xml"),
        ]);
        assert!(check(&fine, &live, "data/", "r.json").is_ok());
        for from in [
            "/index.html",
            "/404.html",
            "/config.json",
            "/data/home/1.json",
            "/data/",
            "/pagefind/pagefind.js",
            "/frontera-1a2b.js",
            "/2026/11/bridge",
            "/label/aduana/",
            "/../x",
        ] {
            let err = check(&map(&[(from, "/")]), &live, "data/", "r.json").unwrap_err();
            assert!(
                err.to_string().contains("r.json: redirect 1"),
                "{from}: {err}"
            );
        }
        let err = check(
            &map(&[("/2019/05/x.html", "/2026/11/gone")]),
            &live,
            "data/",
            "r.json",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("not a page of this site"), "{err}");
    }
}
