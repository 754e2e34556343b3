//! What a search asks for and what it finds, as plain data: the URL holds the query
//! (`/search?q=juarez&label=Aduana&year=2024`), so back, forward, reload and a shared link all
//! show the same search. The searching itself is Pagefind's (src/api/search.rs).

use frontera_wire::layout::Route;

/// Longest query kept, in characters: enough for any sentence a reader types, short enough
/// that a pasted article does not become a query.
pub const MAX_QUERY_CHARS: usize = 200;

/// How many results a search shows at first, and how many more each "More results" adds.
pub const RESULTS_STEP: usize = 10;

/// A search: the words and the filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Query {
    /// The words, trimmed, inner whitespace collapsed, at most [`MAX_QUERY_CHARS`].
    pub text: String,
    /// Only posts with this label (its name, as written in the post).
    pub label: Option<String>,
    /// Only posts of this year (four digits).
    pub year: Option<String>,
}

impl Query {
    /// The query a URL's parameters describe; anything malformed is left out, never an error.
    pub fn from_params(q: Option<&str>, label: Option<&str>, year: Option<&str>) -> Query {
        let text: String = q
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect();
        let label = label
            .map(str::trim)
            .filter(|l| !l.is_empty() && l.chars().count() <= MAX_QUERY_CHARS)
            .map(str::to_string);
        let year = year
            .map(str::trim)
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string);
        Query { text, label, year }
    }

    /// Whether there is nothing to search for (filters alone do not make a search).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The app path of this search (without the base path), parameters percent-encoded.
    pub fn href(&self) -> String {
        let mut params = form_urlencoded::Serializer::new(String::new());
        if !self.text.is_empty() {
            params.append_pair("q", &self.text);
        }
        if let Some(l) = &self.label {
            params.append_pair("label", l);
        }
        if let Some(y) = &self.year {
            params.append_pair("year", y);
        }
        let params = params.finish();
        let path = Route::Search.path();
        if params.is_empty() {
            path
        } else {
            format!("{path}?{params}")
        }
    }
}

/// One post found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The post's app path (`/2024/03/slug`).
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its publication date as written in the post (RFC 3339), when it has one.
    pub date: Option<String>,
    /// Its language (`es`), when the index knows it.
    pub lang: Option<String>,
    /// Its labels.
    pub labels: Vec<String>,
    /// A passage with the matched words in `<mark>`: HTML, shown through `SafeHtml` only.
    pub excerpt: String,
}

/// What one search found: how many posts match, and the first of them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Found {
    /// How many posts match the query and filters.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
}

impl Hit {
    /// A result as Pagefind gives it (`url`, `meta.title`, `meta.date`, `meta.lang`,
    /// `filters.label`, `excerpt`), on a site served under `base`; `None` when its URL is no post
    /// of this site.
    pub fn from_parts(
        base: &str,
        url: &str,
        title: Option<String>,
        date: Option<String>,
        lang: Option<String>,
        labels: Vec<String>,
        excerpt: String,
    ) -> Option<Hit> {
        Some(Hit {
            path: hit_path(url, base)?,
            title: title.unwrap_or_default(),
            date: date.filter(|d| !d.is_empty()),
            // Only what looks like a language tag goes into a `lang` attribute.
            lang: lang.filter(|l| {
                !l.is_empty()
                    && l.len() <= 35
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }),
            labels,
            excerpt,
        })
    }
}

impl Found {
    /// Whether some matches are not shown yet.
    pub fn has_more(&self) -> bool {
        self.hits.len() < self.total
    }
}

/// A result's URL as the app's path: Pagefind gives back what the index was built with (the
/// route path), but with the site's base path (`/blog`) before it for a merged bundle, and as an
/// absolute URL for a bundle merged from an absolute address; anything that is not a route of
/// this app is dropped (`None`).
pub fn hit_path(url: &str, base: &str) -> Option<String> {
    let path = match url.find("://") {
        Some(i) => &url[i + 3..][url[i + 3..].find('/')?..],
        None => url,
    };
    let base = base.trim_end_matches('/');
    let path = match path.strip_prefix(base) {
        Some(rest) if !base.is_empty() && rest.starts_with('/') => rest,
        _ => path,
    };
    let route = Route::parse(path)?;
    matches!(route, Route::Post { .. }).then(|| route.path())
}

/// The shortest last word worth preloading the index for while the reader types.
pub const PRELOAD_MIN_CHARS: usize = 3;

/// What to preload while the reader types `text`: the text, once its last word has
/// [`PRELOAD_MIN_CHARS`] characters. Pagefind preloads every index chunk holding a word that
/// begins with the last word typed, and one or two letters begin the commonest words of a whole
/// language: at 100,000 posts the preloads for "S" and "Su" fetched 500 KB before the reader had
/// typed "Surite" (docs/benchmarks.md, "Search").
pub fn preload_text(text: &str) -> Option<&str> {
    let text = text.trim();
    let last = text.split_whitespace().last()?;
    (last.chars().count() >= PRELOAD_MIN_CHARS).then_some(text)
}

/// How long typing must pause, in ms, before the search for `text` runs: a moment once the last
/// word has [`PRELOAD_MIN_CHARS`] letters (or the box is empty), longer while it has one or two.
/// A search for "c" or "cr" matches every word they begin (at 100,000 posts: seconds and hundreds
/// of KB on a phone), and a reader typing at phone speed pauses between keys longer than the
/// short pause; a short word the reader means ("US") is still searched when they stop.
pub fn typing_pause_ms(text: &str) -> u32 {
    if text.trim().is_empty() || preload_text(text).is_some() {
        150
    } else {
        600
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_holds_the_whole_query() {
        let q = Query::from_params(
            Some("  Ciudad   Juárez "),
            Some("Aduana & Puentes"),
            Some("2024"),
        );
        assert_eq!(q.text, "Ciudad Juárez");
        assert_eq!(
            q.href(),
            "/search?q=Ciudad+Ju%C3%A1rez&label=Aduana+%26+Puentes&year=2024"
        );
        let href = q.href();
        let back =
            form_urlencoded::parse(href.split_once('?').unwrap().1.as_bytes()).collect::<Vec<_>>();
        assert_eq!(back[0].1, "Ciudad Juárez");
        assert_eq!(back[1].1, "Aduana & Puentes");
    }

    #[test]
    fn malformed_parameters_are_left_out() {
        let q = Query::from_params(None, Some("   "), Some("24"));
        assert_eq!(q, Query::default());
        assert!(q.is_empty());
        assert_eq!(q.href(), "/search");
        assert_eq!(Query::from_params(Some("x"), None, Some("20a4")).year, None);
        // Filters alone are no search.
        assert!(Query::from_params(None, Some("Aduana"), Some("2024")).is_empty());
    }

    #[test]
    fn long_queries_are_cut_at_a_character_not_a_byte() {
        let q = Query::from_params(Some(&"ñ".repeat(500)), None, None);
        assert_eq!(q.text.chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn hit_paths_are_post_routes_only() {
        let hit_path = |url| super::hit_path(url, "");
        assert_eq!(
            hit_path("/2024/03/water-line").as_deref(),
            Some("/2024/03/water-line")
        );
        assert_eq!(
            hit_path("http://localhost:8080/2024/03/water-line/").as_deref(),
            Some("/2024/03/water-line")
        );
        assert_eq!(hit_path("/archive"), None);
        assert_eq!(hit_path("javascript:alert(1)"), None);
        assert_eq!(hit_path("https://evil.example"), None);
        // Under a sub-path, a merged bundle's results carry it.
        let blog = |url| super::hit_path(url, "/blog");
        assert_eq!(
            blog("/blog/2024/03/water-line").as_deref(),
            Some("/2024/03/water-line")
        );
        assert_eq!(
            blog("/2024/03/water-line").as_deref(),
            Some("/2024/03/water-line")
        );
        assert_eq!(blog("/blogger/03/water-line"), None);
    }

    #[test]
    fn a_result_as_pagefind_gives_it() {
        let hit = Hit::from_parts(
            "",
            "/2024/03/agua",
            Some("Agua".into()),
            Some("2024-03-01T08:00:00-07:00".into()),
            Some("es-MX".into()),
            vec!["Aduana".into(), "Agua, luz".into()],
            "el <mark>agua</mark> llega".into(),
        )
        .unwrap();
        assert_eq!(hit.path, "/2024/03/agua");
        assert_eq!(hit.title, "Agua");
        assert_eq!(hit.date.as_deref(), Some("2024-03-01T08:00:00-07:00"));
        assert_eq!(hit.labels, ["Aduana", "Agua, luz"]);
        assert_eq!(hit.lang.as_deref(), Some("es-MX"));
        // Not a post of ours: dropped. An empty date, a language that is no tag: none.
        let none = || None;
        assert!(Hit::from_parts(
            "",
            "https://x.example/a",
            none(),
            none(),
            none(),
            vec![],
            String::new()
        )
        .is_none());
        let odd = Some("e\" onclick=\"x".to_string());
        let bare = Hit::from_parts(
            "",
            "/2024/03/agua",
            none(),
            Some(String::new()),
            odd,
            vec![],
            String::new(),
        );
        let bare = bare.unwrap();
        assert_eq!((bare.date, bare.lang), (None, None));
    }

    #[test]
    fn more_is_offered_while_hits_are_fewer_than_matches() {
        let hit = Hit {
            path: "/2024/03/a".into(),
            title: "A".into(),
            date: None,
            lang: None,
            labels: vec![],
            excerpt: String::new(),
        };
        let found = Found {
            total: 2,
            hits: vec![hit.clone()],
        };
        assert!(found.has_more());
        assert!(!Found {
            total: 1,
            hits: vec![hit]
        }
        .has_more());
    }

    #[test]
    fn preloads_only_from_the_third_letter_of_the_last_word() {
        assert_eq!(preload_text(""), None);
        assert_eq!(preload_text("  "), None);
        assert_eq!(preload_text("S"), None);
        assert_eq!(preload_text("Su"), None);
        assert_eq!(preload_text(" Sur "), Some("Sur"));
        assert_eq!(preload_text("Ciudad Ju"), None);
        assert_eq!(preload_text("Ciudad Juá"), Some("Ciudad Juá"));
        // Characters, not bytes: "ñú" is two letters in four bytes.
        assert_eq!(preload_text("ñú"), None);
        assert_eq!(preload_text("niñ"), Some("niñ"));
    }

    #[test]
    fn a_short_last_word_waits_longer_before_it_is_searched() {
        assert_eq!(typing_pause_ms(""), 150);
        assert_eq!(typing_pause_ms(" "), 150);
        assert_eq!(typing_pause_ms("c"), 600);
        assert_eq!(typing_pause_ms("US"), 600);
        assert_eq!(typing_pause_ms("cro"), 150);
        assert_eq!(typing_pause_ms("Ciudad J"), 600);
        assert_eq!(typing_pause_ms("Ciudad Juá "), 150);
    }
}
