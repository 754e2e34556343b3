//! What link previews (WhatsApp, Facebook, X, Telegram…) and search engines read in a page's
//! static `<head>`: the canonical URL, Open Graph and Twitter cards, JSON-LD, the feeds and the
//! neighbouring pages of a list.
//!
//! Rendered by the prerenderer only, into the head of each static page before the app's own
//! `<head>` elements, never hydrated: crawlers and previews do not run JavaScript, and the app
//! keeps the title and description current as the reader moves on (and removes these tags at the
//! first client-side navigation, see `App`). Absolute URLs come from `site_url` in config.json.

use frontera_wire::layout::Route;
use frontera_wire::Item;
use leptos::prelude::*;

use crate::model::config::Config;

/// Marks the tags this component writes, so the app can remove them once the reader navigates.
pub const SEO_ATTR: &str = "data-seo";

/// The head tags of one static page.
#[component]
pub fn SeoHead(
    /// The page's route.
    route: Route,
    /// The page's document title, as the app wrote it.
    #[prop(into)]
    title: String,
    /// The page's description, as the app wrote it.
    #[prop(into)]
    description: String,
    /// The post's document, on a post page; the page's, on a standing page.
    item: Option<Item>,
    /// How many pages the list has, on a paged list (for `rel=next`).
    last_page: Option<u32>,
) -> impl IntoView {
    let cfg = expect_context::<Config>();
    let site = cfg.site_url.clone();
    let abs = move |path: &str| absolute_url(site.as_deref(), path);
    let url = abs(&route.path());
    // A standing page (About, Contact) is a website page, not an article: no article:* tags, no
    // NewsArticle; its document still gives the title, language and picture.
    let is_post = item.is_some() && matches!(route, Route::Post { .. });
    let lang = item
        .as_ref()
        .and_then(|i| i.language.clone())
        .unwrap_or_else(|| cfg.default_language.clone());
    let locale = if lang.starts_with("es") {
        "es_MX"
    } else {
        "en_US"
    };
    let own_image = item
        .as_ref()
        .and_then(|i| i.image.clone())
        .and_then(|src| absolute(&src, &abs));
    // Every preview gets a picture: the page's own, else the site's (`image` in config.json).
    // Relative to the site (`share-card.png`) or to its root (`/share-card.png`), or absolute.
    let site_image = cfg.image.as_deref().and_then(|src| {
        let rooted = src.contains("://") || src.starts_with('/');
        let src = if rooted {
            src.to_string()
        } else {
            format!("/{src}")
        };
        absolute(&src, &abs)
    });
    let image = own_image.clone().or_else(|| site_image.clone());
    let author = item
        .as_ref()
        .and_then(|i| i.ext.as_ref().and_then(|e| e.byline.clone()))
        .or_else(|| {
            item.as_ref()
                .and_then(|i| i.authors.first().and_then(|a| a.name.clone()))
        });
    let published = item.as_ref().and_then(|i| i.date_published.clone());
    let modified = item
        .as_ref()
        .and_then(|i| i.date_modified.clone().or_else(|| i.date_published.clone()));
    let tags = item.as_ref().map(|i| i.tags.clone()).unwrap_or_default();
    let headline = item
        .as_ref()
        .and_then(|i| i.title.clone())
        .unwrap_or_else(|| title.clone());
    let json_ld = is_post.then(|| {
        let mut ld = serde_json::json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": headline,
            "description": description,
            "mainEntityOfPage": url,
            "inLanguage": lang,
            "publisher": { "@type": "Organization", "name": cfg.title, "url": abs("/") },
            "author": { "@type": "Person", "name": author.clone().unwrap_or_else(|| cfg.title.clone()) },
        });
        // The article's image only if it has one (Google wants it to show the article); the
        // site's picture is the publisher's logo.
        for (key, value) in [
            ("datePublished", &published),
            ("dateModified", &modified),
            ("image", &own_image),
        ] {
            if let Some(v) = value {
                ld[key] = serde_json::Value::String(v.clone());
            }
        }
        if let Some(logo) = &site_image {
            ld["publisher"]["logo"] = serde_json::json!({ "@type": "ImageObject", "url": logo });
        }
        script_json(&ld)
    });
    let (prev, next) = neighbours(&route, last_page);
    let feed_json = cfg.data_url("home/1.json").map(|u| abs(&format!("/{u}")));
    let meta = |property: &'static str, content: String| {
        // `property` (RDFa, which Open Graph uses) is not an HTML attribute Leptos knows by name.
        leptos::html::meta()
            .attr("property", property)
            .attr("content", content)
            .attr("data-seo", "")
    };
    view! {
        <link rel="canonical" href=url.clone() data-seo=""/>
        {meta("og:site_name", cfg.title.clone())}
        {meta("og:type", if is_post { "article".into() } else { "website".into() })}
        {meta("og:title", headline.clone())}
        {meta("og:description", description.clone())}
        {meta("og:url", url.clone())}
        {meta("og:locale", locale.to_string())}
        {image.clone().map(|i| meta("og:image", i))}
        {published.clone().filter(|_| is_post).map(|d| meta("article:published_time", d))}
        {modified.clone().filter(|_| is_post).map(|d| meta("article:modified_time", d))}
        // The byline as `author`: Open Graph's `article:author` wants profile URLs, which a pen
        // name has none of (JSON-LD's `author` names it too).
        {author.filter(|_| is_post).map(|a| view! { <meta name="author" content=a data-seo=""/> })}
        {tags.into_iter().filter(|_| is_post).map(|t| meta("article:tag", t)).collect_view()}
        <meta name="twitter:card" content=if image.is_some() { "summary_large_image" } else { "summary" } data-seo=""/>
        <meta name="twitter:title" content=headline data-seo=""/>
        <meta name="twitter:description" content=description data-seo=""/>
        {image.map(|i| view! { <meta name="twitter:image" content=i data-seo=""/> })}
        {json_ld.map(|json| view! { <script type="application/ld+json" inner_html=json data-seo=""></script> })}
        {feed_json.map(|href| view! {
            <link rel="alternate" type="application/feed+json" title=cfg.title.clone() href=href data-seo=""/>
        })}
        <link rel="alternate" type="application/atom+xml" title=cfg.title.clone() href=abs("/atom.xml") data-seo=""/>
        {prev.map(|p| view! { <link rel="prev" href=abs(&p) data-seo=""/> })}
        {next.map(|n| view! { <link rel="next" href=abs(&n) data-seo=""/> })}
    }
}

/// The absolute URL of an app path on this site (`site_url` in config.json, which carries any
/// sub-path): the canonical URL of a page, as crawlers, link previews and share links see it.
/// Without a `site_url` it is the path alone.
pub fn absolute_url(site_url: Option<&str>, path: &str) -> String {
    format!(
        "{}{path}",
        site_url.unwrap_or_default().trim_end_matches('/')
    )
}

/// The canonical URL of a page of this site, when `site_url` is set: what share links carry.
pub fn canonical_url(cfg: &Config, path: &str) -> Option<String> {
    cfg.site_url
        .as_deref()
        .filter(|s| s.starts_with("https://") || s.starts_with("http://"))
        .map(|s| absolute_url(Some(s), path))
}

/// `value` as JSON that can stand as the text of a `<script>` element. The HTML parser ends the
/// element at the first `</script`, and after a `<!--` a `<script` keeps even that from ending
/// it, so that the rest of the page becomes script text: a post titled `<!--<script>` would
/// blank its page. With every `<`, `>` and `&` written as a JSON escape no markup can form in
/// it; they only ever occur inside strings, and JSON readers decode them back.
fn script_json(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `src` as an absolute http(s) URL: as written when it is one, under the site when it is a path.
fn absolute(src: &str, abs: &impl Fn(&str) -> String) -> Option<String> {
    if src.starts_with("https://") || src.starts_with("http://") {
        Some(src.to_string())
    } else if src.starts_with('/') && !src.starts_with("//") {
        Some(abs(src))
    } else {
        None
    }
}

/// The previous and next pages of a paged list (paths), as `rel=prev` / `rel=next` name them.
pub fn neighbours(route: &Route, last_page: Option<u32>) -> (Option<String>, Option<String>) {
    let at = |page: u32| -> Option<String> {
        let r = match route {
            Route::Home { .. } => Route::Home { page },
            Route::Month { year, month, .. } => Route::Month {
                year: *year,
                month: *month,
                page,
            },
            Route::Label { slug, .. } => Route::Label {
                slug: slug.clone(),
                page,
            },
            _ => return None,
        };
        Some(r.path())
    };
    let page = match route {
        Route::Home { page } | Route::Month { page, .. } | Route::Label { page, .. } => *page,
        _ => return (None, None),
    };
    let prev = (page > 1).then(|| at(page - 1)).flatten();
    let next = last_page
        .filter(|last| page < *last)
        .and_then(|_| at(page + 1));
    (prev, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_in_a_script_holds_no_markup_and_reads_back_the_same() {
        let hostile = "</script><script>x()</script> <!--<script> --> </SCRIPT & &amp; \u{2028}";
        let value = serde_json::json!({ "headline": hostile, "n": [1, "<b>"] });
        let json = script_json(&value);
        assert!(!json.contains(['<', '>', '&']), "{json}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            value
        );
    }

    #[test]
    fn paged_lists_name_their_neighbours() {
        let home = |page| Route::Home { page };
        assert_eq!(
            neighbours(&home(1), Some(3)),
            (None, Some("/page/2".into()))
        );
        assert_eq!(
            neighbours(&home(2), Some(3)),
            (Some("/".into()), Some("/page/3".into()))
        );
        assert_eq!(
            neighbours(&home(3), Some(3)),
            (Some("/page/2".into()), None)
        );
        let label = Route::Label {
            slug: "agua".into(),
            page: 2,
        };
        assert_eq!(neighbours(&label, None), (Some("/label/agua".into()), None));
        assert_eq!(neighbours(&Route::Archive, Some(9)), (None, None));
    }
}
