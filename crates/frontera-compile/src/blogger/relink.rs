//! Links between the blog's own posts, written as absolute addresses of the old blog
//! (`https://x.blogspot.com/2019/06/other.html`), pointed at the new pages (`/2019/06/other`):
//! once the old blog is gone they would lead nowhere, and until then they would send readers
//! back to it.

use std::collections::{HashMap, HashSet};

use ammonia::Url;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

use super::files::url_path;

/// The old blog's hosts: its own address's and every permalink's (a custom domain, `www.`).
pub fn hosts<'a>(
    blog_url: Option<&'a str>,
    permalinks: impl Iterator<Item = &'a str>,
) -> HashSet<String> {
    blog_url
        .into_iter()
        .chain(permalinks)
        .filter_map(|u| Url::parse(u).ok()?.host_str().map(str::to_ascii_lowercase))
        .collect()
}

/// `html` with each `href` to one of `hosts` (or a root-relative one) whose path `map` knows
/// (old path → new path) pointed at the new path, its fragment kept (a query such as `?m=1`
/// only chose Blogger's mobile view); the blog's home page and its search (`/search?q=`) go to
/// the new ones. Everything else is left as written, text included. Returns how many changed.
pub fn relink(html: &str, hosts: &HashSet<String>, map: &HashMap<&str, &str>) -> (String, usize) {
    let lower = html.to_ascii_lowercase();
    let (mut out, mut kept, mut changed) = (String::with_capacity(html.len()), 0, 0);
    let mut from = 0;
    while let Some(found) = lower[from..].find("href=") {
        let mut at = from + found + "href=".len();
        from = at;
        let Some(quote) = html[at..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
        else {
            continue;
        };
        at += 1;
        let Some(len) = html[at..].find(quote) else {
            break;
        };
        let value = &html[at..at + len];
        if let Some(new) = new_address(value, hosts, map).filter(|new| new != value) {
            out.push_str(&html[kept..at]);
            out.push_str(&new);
            kept = at + len;
            changed += 1;
        }
        from = at + len;
    }
    out.push_str(&html[kept..]);
    (out, changed)
}

fn new_address(value: &str, hosts: &HashSet<String>, map: &HashMap<&str, &str>) -> Option<String> {
    // Attribute values in the export are HTML: `&amp;` in a query is the only entity a link of
    // the blog's own carries.
    let value = value.trim().replace("&amp;", "&");
    let url = if value.starts_with('/') && !value.starts_with("//") {
        // A root-relative link, written in Blogger's editor: a path of the old blog's own.
        Url::parse("http://relative.invalid")
            .ok()?
            .join(&value)
            .ok()?
    } else {
        let url = Url::parse(&value).ok()?;
        let ours = matches!(url.scheme(), "http" | "https")
            && url.host_str().is_some_and(|h| is_ours(h, hosts));
        if !ours {
            return None;
        }
        url
    };
    let to = match url.path() {
        // The blog's home page, and its search (the new site has both at the same paths).
        "/" => "/".to_string(),
        "/search" => {
            let (_, q) = url.query_pairs().find(|(k, _)| k == "q")?;
            format!("/search?q={}", utf8_percent_encode(&q, NON_ALPHANUMERIC))
        }
        _ => map.get(url_path(url.as_str())?.as_str())?.to_string(),
    };
    Some(match url.fragment() {
        Some(f) => format!("{to}#{f}"),
        None => to,
    })
}

/// Whether `host` is the old blog's: one of `hosts`, or the same blog under another of
/// Blogger's country domains (`x.blogspot.mx` for `x.blogspot.com`, used from 2012 to 2018).
fn is_ours(host: &str, hosts: &HashSet<String>) -> bool {
    let host = host.to_ascii_lowercase();
    let blog = |h: &str| h.split_once(".blogspot.").map(|(name, _)| name.to_string());
    hosts.contains(&host)
        || blog(&host).is_some_and(|name| hosts.iter().any(|h| blog(h).as_deref() == Some(&*name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_domains_relative_links_home_and_search_are_the_blogs_too() {
        let hosts = hosts(Some("https://diario.blogspot.com/"), std::iter::empty());
        let map: HashMap<&str, &str> = [("/2013/04/feria.html", "/2013/04/feria")]
            .into_iter()
            .collect();
        let html = "<a href=\"http://diario.blogspot.mx/2013/04/feria.html\">mx</a> \
            <a href='https://diario.blogspot.com.ar/2013/04/feria.html#c1'>ar</a> \
            <a href=\"/2013/04/feria.html?m=1\">relative</a> \
            <a href=\"https://diario.blogspot.com/\">home</a> <a href=\"http://diario.blogspot.com/?m=1\">home</a> \
            <a href=\"https://diario.blogspot.com/search?q=puente+del%20sol&amp;max-results=20\">search</a> \
            <a href=\"/\">same</a> <a href=\"https://otro.blogspot.mx/2013/04/feria.html\">other blog</a> \
            <a href=\"//cdn.example/2013/04/feria.html\">cdn</a> <a href=\"/2013/05/unknown.html\">unknown</a>";
        let (out, changed) = relink(html, &hosts, &map);
        assert_eq!(
            out,
            "<a href=\"/2013/04/feria\">mx</a> \
            <a href='/2013/04/feria#c1'>ar</a> \
            <a href=\"/2013/04/feria\">relative</a> \
            <a href=\"/\">home</a> <a href=\"/\">home</a> \
            <a href=\"/search?q=puente%20del%20sol\">search</a> \
            <a href=\"/\">same</a> <a href=\"https://otro.blogspot.mx/2013/04/feria.html\">other blog</a> \
            <a href=\"//cdn.example/2013/04/feria.html\">cdn</a> <a href=\"/2013/05/unknown.html\">unknown</a>"
        );
        assert_eq!(changed, 6);
    }

    #[test]
    fn links_to_the_old_blog_point_at_the_new_pages() {
        let hosts = hosts(
            Some("https://diario.blogspot.com/"),
            ["http://www.diario.example/2019/05/a.html"].into_iter(),
        );
        let map: HashMap<&str, &str> = [
            ("/2019/06/segunda.html", "/2019/06/segunda"),
            ("/search/label/Educación", "/label/educacion"),
            ("/2019/05/a.html", "/2019/05/a"),
        ]
        .into_iter()
        .collect();
        let html = "<p>Ver <a href=\"https://diario.blogspot.com/2019/06/segunda.html?m=1#more\">la segunda</a>, \
            <A HREF='http://diario.blogspot.com/search/label/Educaci%C3%B3n'>educación</A>, \
            <a href=\"http://www.diario.example/2019/05/a.html\">a</a>; \
            https://diario.blogspot.com/2019/06/segunda.html, \
            <a href=\"https://diario.blogspot.com/2019/07/gone.html\">gone</a>, \
            <a href=\"https://other.example/2019/06/segunda.html\">other</a>, <a href=x>x</a></p>";
        let (out, changed) = relink(html, &hosts, &map);
        assert_eq!(changed, 3);
        assert_eq!(
            out,
            "<p>Ver <a href=\"/2019/06/segunda#more\">la segunda</a>, \
            <A HREF='/label/educacion'>educación</A>, \
            <a href=\"/2019/05/a\">a</a>; \
            https://diario.blogspot.com/2019/06/segunda.html, \
            <a href=\"https://diario.blogspot.com/2019/07/gone.html\">gone</a>, \
            <a href=\"https://other.example/2019/06/segunda.html\">other</a>, <a href=x>x</a></p>"
        );
    }
}
