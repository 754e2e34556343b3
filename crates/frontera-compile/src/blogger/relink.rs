//! Links between the blog's own posts, written as absolute addresses of the old blog
//! (`https://x.blogspot.com/2019/06/other.html`), pointed at the new pages (`/2019/06/other`):
//! once the old blog is gone they would lead nowhere, and until then they would send readers
//! back to it.

use std::collections::{HashMap, HashSet};

use ammonia::Url;

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

/// `html` with each `href` to one of `hosts` whose path `map` knows (old path → new path)
/// pointed at the new path, its fragment kept (a query such as `?m=1` only chose Blogger's
/// mobile view). Everything else is left as written, text included. Returns how many changed.
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
        if let Some(new) = new_address(value, hosts, map) {
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
    let url = Url::parse(&value.trim().replace("&amp;", "&")).ok()?;
    let ours = matches!(url.scheme(), "http" | "https")
        && url
            .host_str()
            .is_some_and(|h| hosts.contains(&h.to_ascii_lowercase()));
    if !ours {
        return None;
    }
    let to = map.get(url_path(url.as_str())?.as_str())?;
    Some(match url.fragment() {
        Some(f) => format!("{to}#{f}"),
        None => to.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
