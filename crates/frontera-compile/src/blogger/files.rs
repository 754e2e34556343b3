//! From an [`Export`] to Frontera's content: one `*.html` file per Blogger post or page (a page
//! with `type = "page"`, at `/p/<slug>`), the old→new URL map, the blog's settings and the
//! import report.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use frontera_wire::{
    layout::Route,
    slug::{label_slug, slugify},
};
use serde::Serialize;

use super::relink;
use super::{Export, Kind, ParseError, Skipped};
use crate::{date::PostDate, html};

/// One old address and the route that replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Redirect {
    /// The old path, percent-decoded (`/search/label/Garita Vieja`).
    pub from: String,
    /// The new path in the app (`/label/garita-vieja`), or a site file (`/atom.xml`).
    pub to: String,
    /// What the new page is, for the redirect page's link text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// The redirect file the compiler reads (`--redirects`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Redirects {
    pub redirects: Vec<Redirect>,
}

/// An imported post, as the comment export needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    /// The post's route path: the Isso thread id.
    pub path: String,
    pub title: String,
}

/// What an import writes, before it is written.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// `posts/<file>.html` → contents, sorted by name.
    pub posts: BTreeMap<String, String>,
    pub redirects: Redirects,
    /// Blogger post id → its thread (posts only: pages have no comments).
    pub threads: HashMap<String, Thread>,
    /// The Blogger ids of the pages.
    pub page_ids: HashSet<String>,
    pub posts_count: usize,
    pub pages_count: usize,
    /// Distinct labels (by slug).
    pub labels: usize,
    /// Posts without an old permalink (so no redirect), by id.
    pub unmapped: Vec<Skipped>,
    /// Links to the old blog's own pages pointed at the new ones.
    pub relinked: usize,
}

#[derive(Serialize)]
struct Front<'a> {
    /// `Some("page")` for a page; posts leave it out.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    title: &'a str,
    date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    /// Posts only: a page has no labels.
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<Vec<String>>,
    slug: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
}

/// Maps every live post and page to a file and its redirects. A page becomes a page
/// (`type = "page"`, `/p/<slug>`), outside the lists and feeds, as on Blogger; its labels, if an
/// export gives it any, are dropped (Blogger pages have none).
pub fn plan(export: &Export) -> Result<Plan, ParseError> {
    let mut plan = Plan::default();
    let mut taken: BTreeSet<(i32, u8, String)> = BTreeSet::new();
    let mut taken_pages: BTreeSet<String> = BTreeSet::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut months: BTreeSet<(i32, u8)> = BTreeSet::new();
    let mut redirects = Vec::new();
    for entry in &export.entries {
        let bad = |field: &str, value: &str, e: String| ParseError {
            line: entry.at.0,
            column: entry.at.1,
            message: format!("{} has an invalid {field} {value:?}: {e}", entry.id),
        };
        let date = PostDate::parse(&entry.published)
            .map_err(|e| bad("<published>", &entry.published, e))?;
        let updated = match &entry.updated {
            Some(u) => Some(PostDate::parse(u).map_err(|e| bad("<updated>", u, e))?),
            None => None,
        };
        let old_path = entry.permalink.as_deref().and_then(url_path);
        let mut slug = old_path
            .as_deref()
            .map(|p| p.rsplit('/').next().unwrap_or(p))
            .map(|name| slugify(name.strip_suffix(".html").unwrap_or(name)))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(&entry.title));
        if slug.is_empty() {
            slug = "post".into();
        }
        // Two entries can meet on one URL (two posts of the same month and name, after
        // slugifying; two pages whose names slugify alike).
        let base = slug.clone();
        let mut n = 1;
        let is_page = entry.kind == Kind::Page;
        while !(if is_page {
            taken_pages.insert(slug.clone())
        } else {
            taken.insert((date.year, date.month, slug.clone()))
        }) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        let route = if is_page {
            plan.pages_count += 1;
            plan.page_ids.insert(entry.id.clone());
            Route::Page { slug: slug.clone() }
        } else {
            plan.posts_count += 1;
            for label in &entry.labels {
                let s = label_slug(label);
                if !s.is_empty() {
                    labels.entry(label.clone()).or_insert(s);
                }
            }
            months.insert((date.year, date.month));
            Route::Post {
                year: date.year,
                month: date.month,
                slug: slug.clone(),
            }
        }
        .path();
        let prepared = html::prepare(&entry.html);
        let front = Front {
            kind: is_page.then_some("page"),
            title: &entry.title,
            date: date.to_string(),
            updated: updated.map(|u| u.to_string()),
            author: entry.author.as_deref(),
            labels: (!is_page).then(|| entry.labels.clone()),
            slug: &slug,
            image: prepared.first_image,
        };
        let toml = toml::to_string(&front).expect("front matter serialises");
        let name = if is_page {
            format!("posts/page-{slug}.html")
        } else {
            format!(
                "posts/{:04}-{:02}-{:02}-{slug}.html",
                date.year, date.month, date.day
            )
        };
        plan.posts
            .insert(name, format!("+++\n{toml}+++\n{}\n", entry.html.trim()));
        match old_path {
            Some(from) => redirects.push(Redirect {
                from,
                to: route.clone(),
                title: Some(entry.title.clone()),
            }),
            None => plan.unmapped.push(Skipped {
                id: entry.id.clone(),
                reason: format!("no old permalink (link rel=\"alternate\"); now at {route}"),
            }),
        }
        if !is_page {
            plan.threads.insert(
                entry.id.clone(),
                Thread {
                    path: route,
                    title: entry.title.clone(),
                },
            );
        }
    }
    plan.labels = labels.values().collect::<BTreeSet<_>>().len();
    redirects.extend(list_redirects(&labels, &months));
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    redirects.dedup_by(|a, b| a.from == b.from);
    // Now that every old address is known: links between the blog's own posts.
    let hosts = relink::hosts(
        export.blog_url.as_deref(),
        export.entries.iter().filter_map(|e| e.permalink.as_deref()),
    );
    let map: HashMap<&str, &str> = redirects
        .iter()
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    for text in plan.posts.values_mut() {
        let (relinked, changed) = relink::relink(text, &hosts, &map);
        if changed > 0 {
            *text = relinked;
            plan.relinked += changed;
        }
    }
    plan.redirects = Redirects { redirects };
    Ok(plan)
}

/// The old label, archive and feed addresses.
fn list_redirects(
    labels: &BTreeMap<String, String>,
    months: &BTreeSet<(i32, u8)>,
) -> Vec<Redirect> {
    let mut out = Vec::new();
    for (name, slug) in labels {
        let to = Route::Label {
            slug: slug.clone(),
            page: 1,
        }
        .path();
        // Shared links often write a label's spaces as `+` (as a form would); a host without
        // redirect rules sees another path.
        let plus = name.contains(' ').then(|| name.replace(' ', "+"));
        for old in std::iter::once(name.clone()).chain(plus) {
            out.push(Redirect {
                from: format!("/search/label/{old}"),
                to: to.clone(),
                title: Some(name.clone()),
            });
        }
    }
    let years: BTreeSet<i32> = months.iter().map(|(y, _)| *y).collect();
    for (year, month) in months {
        out.push(Redirect {
            from: format!("/{year:04}/{month:02}/"),
            to: Route::Month {
                year: *year,
                month: *month,
                page: 1,
            }
            .path(),
            title: Some(format!("{year:04}-{month:02}")),
        });
    }
    for year in years {
        out.push(Redirect {
            from: format!("/{year:04}/"),
            to: Route::Archive.path(),
            title: None,
        });
    }
    for feed in ["/feeds/posts/default", "/feeds/posts/summary"] {
        out.push(Redirect {
            from: feed.into(),
            to: "/atom.xml".into(),
            title: None,
        });
    }
    out
}

/// The percent-decoded path of an absolute URL or of a path, e.g. `/2019/05/slug.html`.
pub fn url_path(url: &str) -> Option<String> {
    // The newer export format gives a path (`blogger:filename`), the classic one a full URL.
    let parsed;
    let path = if url.starts_with('/') {
        url.split(['?', '#']).next().unwrap_or(url)
    } else {
        parsed = ammonia::Url::parse(url).ok()?;
        parsed.path()
    };
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?
        .into_owned();
    (path.len() > 1).then_some(path)
}
