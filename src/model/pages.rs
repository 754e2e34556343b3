//! The standing pages the masthead links to (About, Contact…), from the pages index.

use frontera_wire::layout::Route;
use frontera_wire::PageIndex;

/// A link to a standing page, checked: its path is a page route of this app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLink {
    pub title: String,
    /// `/p/<slug>`.
    pub path: String,
    /// The page's language, for the link's `lang`.
    pub language: Option<String>,
}

/// The index's pages in its order, keeping only entries whose path is exactly a page route (a
/// damaged or hostile index cannot put another kind of link in the masthead) and that have a
/// title to show.
pub fn page_links(index: PageIndex) -> Vec<PageLink> {
    index
        .pages
        .into_iter()
        .filter_map(|p| {
            let title = p.title.trim().to_string();
            let route = Route::parse(&p.path)?;
            let exact = matches!(route, Route::Page { .. }) && route.path() == p.path;
            (exact && !title.is_empty()).then(|| PageLink {
                title,
                path: p.path,
                language: p.language.filter(|l| !l.trim().is_empty()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontera_wire::PageEntry;

    fn entry(title: &str, path: &str) -> PageEntry {
        PageEntry {
            title: title.into(),
            path: path.into(),
            language: Some("es".into()),
        }
    }

    #[test]
    fn only_page_routes_with_titles_become_links() {
        let index = PageIndex {
            pages: vec![
                entry("About", "/p/about"),
                entry("Post", "/2024/03/water"),
                entry("Script", "javascript:alert(1)"),
                entry("Off-site", "https://evil.example/p/x"),
                entry("Suffix", "/p/about.html"),
                entry("  ", "/p/blank"),
                entry("Tips", "/p/send-us-a-tip"),
            ],
        };
        let links: Vec<(String, String)> = page_links(index)
            .into_iter()
            .map(|l| (l.title, l.path))
            .collect();
        assert_eq!(
            links,
            [
                ("About".to_string(), "/p/about".to_string()),
                ("Tips".to_string(), "/p/send-us-a-tip".to_string()),
            ]
        );
    }
}
