//! Property tests of the wire crate: the URL layout (`Route::parse` / `path` / `data_doc`),
//! `resolve`, `slugify` and the serde round trip of the wire types. Every parser takes arbitrary
//! input without panicking; the invariants checked are the ones the docs promise.

use frontera_wire::layout::{
    month, page_number, resolve, slug_part, year, Route, ARCHIVE_INDEX, LABEL_INDEX, PAGE_INDEX,
};
use frontera_wire::slug::slugify;
use frontera_wire::{ArchiveIndex, Feed, Item, LabelIndex, PageIndex};
use proptest::prelude::*;

mod strategies;

use strategies::*;

// ---------------------------------------------------------------------------------------------
// Helpers

/// Data documents stay inside the data root: relative, and no `..` anywhere.
fn assert_safe_doc(doc: &str) -> Result<(), TestCaseError> {
    prop_assert!(!doc.starts_with('/'), "absolute data path {doc:?}");
    prop_assert!(!doc.contains(".."), "data path climbs out: {doc:?}");
    prop_assert!(
        !doc.contains('\\') && !doc.contains("//"),
        "odd data path {doc:?}"
    );
    prop_assert!(doc.ends_with(".json"), "{doc:?}");
    Ok(())
}

fn is_slug_char(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'
}

// ---------------------------------------------------------------------------------------------
// Routes

proptest! {
    #[test]
    fn parse_is_the_inverse_of_path(route in valid_route()) {
        let path = route.path();
        prop_assert!(path.starts_with('/'), "{path:?}");
        prop_assert_eq!(Route::parse(&path), Some(route.clone()), "{}", path);
        // The forms the parser also accepts for the same route.
        prop_assert_eq!(Route::parse(&format!("{path}/")), Some(route.clone()));
        prop_assert_eq!(Route::parse(&format!("{path}?utm=x#c")), Some(route.clone()));
        if let Route::Post { .. } | Route::Page { .. } = route {
            prop_assert_eq!(Route::parse(&format!("{path}.html")), Some(route.clone()));
        }
    }

    #[test]
    fn from_data_doc_is_the_inverse_of_data_doc(route in valid_route(), junk in path_like()) {
        prop_assert_eq!(Route::from_data_doc(&route.data_doc()), Some(route.clone()));
        // Whatever it accepts names a route whose document is exactly that file.
        if let Some(r) = Route::from_data_doc(&junk) {
            prop_assert_eq!(r.data_doc(), junk);
        }
    }

    #[test]
    fn valid_routes_have_safe_data_docs(route in valid_route()) {
        assert_safe_doc(&route.data_doc())?;
    }

    #[test]
    fn parse_never_panics_and_what_it_accepts_is_canonical(path in path_like()) {
        if let Some(route) = Route::parse(&path) {
            // A parsed route's own path parses back to it, and its document is safe.
            prop_assert_eq!(Route::parse(&route.path()), Some(route.clone()));
            assert_safe_doc(&route.data_doc())?;
            // Lists never come out as page 0.
            match &route {
                Route::Home { page } | Route::Month { page, .. } | Route::Label { page, .. } => {
                    prop_assert!(*page >= 1);
                }
                Route::Post { year, month, slug } => {
                    prop_assert!((0..=9999).contains(year));
                    prop_assert!((1..=12).contains(month));
                    prop_assert_eq!(slug_part(slug), Some(slug.clone()));
                }
                Route::Page { slug } => {
                    prop_assert_eq!(slug_part(slug), Some(slug.clone()));
                }
                Route::Archive | Route::Search => {}
            }
        }
    }

    #[test]
    fn parse_never_panics_on_any_string(path in any::<String>()) {
        if let Some(route) = Route::parse(&path) {
            prop_assert_eq!(Route::parse(&route.path()), Some(route.clone()));
            assert_safe_doc(&route.data_doc())?;
        }
    }

    /// Routes the pages build from router parameters pass the same validators: whatever text a
    /// URL holds, the document fetched for it is a relative path under the data root.
    #[test]
    fn validated_parts_give_safe_docs(
        y in "[0-9]{4}|.{0,6}",
        m in "[0-9]{2}|.{0,4}",
        s in "[a-z0-9-]{1,10}|.{0,12}",
        n in "[1-9][0-9]{0,3}|.{0,4}",
    ) {
        let (y, m, s, n) = (year(&y), month(&m), slug_part(&s), page_number(&n));
        if let (Some(year), Some(month), Some(slug)) = (y, m, s.clone()) {
            assert_safe_doc(&Route::Post { year, month, slug }.data_doc())?;
        }
        if let (Some(year), Some(month), Some(page)) = (y, m, n) {
            assert_safe_doc(&Route::Month { year, month, page }.data_doc())?;
        }
        if let (Some(slug), Some(page)) = (s.clone(), n) {
            assert_safe_doc(&Route::Label { slug, page }.data_doc())?;
        }
        if let Some(page) = n {
            assert_safe_doc(&Route::Home { page }.data_doc())?;
        }
        if let Some(slug) = s {
            let page = Route::Page { slug };
            assert_safe_doc(&page.data_doc())?;
            // No page's document is the pages index, nor any other route's document.
            prop_assert_ne!(page.data_doc(), PAGE_INDEX);
            prop_assert_eq!(Route::from_data_doc(&page.data_doc()), Some(page));
        }
    }

    #[test]
    fn part_validators_match_their_docs(s in "[0-9]{0,6}|[a-z0-9-]{0,8}|.{0,8}") {
        if let Some(p) = page_number(&s) {
            prop_assert!(p >= 1);
            prop_assert_eq!(p.to_string(), s.clone(), "canonical digits only");
        }
        if let Some(y) = year(&s) {
            prop_assert_eq!(format!("{y:04}"), s.clone());
        }
        if let Some(m) = month(&s) {
            prop_assert!((1..=12).contains(&m));
            prop_assert_eq!(format!("{m:02}"), s.clone());
        }
        if let Some(slug) = slug_part(&s) {
            prop_assert_eq!(&slug, &s);
            prop_assert!(!slug.is_empty() && slug.len() <= 120);
            prop_assert!(slug.bytes().all(is_slug_char));
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
        }
    }

    #[test]
    fn page_numbers_round_trip(n in 1u32..=u32::MAX) {
        prop_assert_eq!(page_number(&n.to_string()), Some(n));
    }
}

#[test]
fn index_documents_are_safe() {
    for doc in [ARCHIVE_INDEX, LABEL_INDEX, PAGE_INDEX] {
        assert!(!doc.starts_with('/') && !doc.contains(".."), "{doc}");
        // The pages index is no route's document (the prerenderer renders no page for it).
        if doc == PAGE_INDEX {
            assert_eq!(Route::from_data_doc(doc), None);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// resolve

/// The part of a resolved URL after its origin (`scheme://host`), if it has one.
fn after_origin(url: &str) -> &str {
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => url,
    }
}

proptest! {
    #[test]
    fn resolve_never_panics(base in url_like(), reference in url_like()) {
        let _ = resolve(&base, &reference);
    }

    #[test]
    fn absolute_references_win(base in url_like(), r in "https?://[a-z.]{1,10}/[a-z0-9/]{0,10}|//[a-z]{1,6}/[a-z]{0,4}") {
        prop_assert_eq!(resolve(&base, &r), r);
    }

    /// Relative references never leave the base's origin, and the result has no `.`, `..` or
    /// empty segments left in its path.
    #[test]
    fn relative_references_keep_the_origin_and_are_normalised(
        origin in "https?://[a-z]{1,8}(\\.[a-z]{2,3})?(:[0-9]{2,4})?",
        base_path in "(/[a-z0-9.]{0,6}){0,4}/?",
        reference in "(\\.\\./|\\./|/|[a-z0-9]{1,4}/|[a-z0-9]{1,4}){0,6}([?#][a-z=0-9]{0,4})?",
    ) {
        prop_assume!(!reference.starts_with("//"));
        let base = format!("{origin}{base_path}");
        let got = resolve(&base, &reference);
        prop_assert!(got.starts_with(&format!("{origin}/")), "{base} + {reference} = {got}");
        let path = after_origin(&got);
        let segs: Vec<&str> = path.trim_start_matches('/').trim_end_matches('/').split('/').collect();
        for seg in &segs {
            prop_assert!(*seg != "." && *seg != "..", "{base} + {reference} = {got}");
        }
        if segs.len() > 1 {
            prop_assert!(segs.iter().all(|s| !s.is_empty()), "{base} + {reference} = {got}");
        }
    }

    /// Relative data paths (no origin) resolve to the same kind of path: rooted stays rooted,
    /// relative stays relative, and no `..` survives.
    #[test]
    fn data_paths_resolve_without_dot_segments(
        rooted in any::<bool>(),
        base in "([a-z0-9]{1,5}/){0,4}[0-9]{1,2}\\.json",
        reference in "(\\.\\./|\\./|[a-z0-9]{1,4}/){0,6}[0-9]{1,2}\\.json",
    ) {
        let base = if rooted { format!("/{base}") } else { base };
        let got = resolve(&base, &reference);
        prop_assert_eq!(got.starts_with('/'), rooted, "{} + {} = {}", base, reference, got);
        prop_assert!(got.ends_with(".json"));
        prop_assert!(got.split('/').all(|s| s != "." && s != ".."), "{got}");
    }

    /// A sibling document resolves beside the base: `home/1.json` + `2.json` = `home/2.json`.
    #[test]
    fn sibling_references_replace_the_last_segment(
        dir in "/?([a-z0-9]{1,6}/){0,4}",
        a in "[a-z0-9]{1,6}\\.json",
        b in "[a-z0-9]{1,6}\\.json",
    ) {
        prop_assert_eq!(resolve(&format!("{dir}{a}"), &b), format!("{dir}{b}"));
    }
}

// ---------------------------------------------------------------------------------------------
// slugify

proptest! {
    #[test]
    fn slugify_output_is_url_safe(text in title_like()) {
        let s = slugify(&text);
        prop_assert!(s.bytes().all(is_slug_char), "{text:?} -> {s:?}");
        prop_assert!(!s.starts_with('-') && !s.ends_with('-'), "{text:?} -> {s:?}");
        prop_assert!(!s.contains("--"), "{text:?} -> {s:?}");
        prop_assert!(s.len() <= 80, "promised at most 80 bytes: {text:?} -> {} bytes", s.len());
        if !s.is_empty() {
            // Every non-empty slug is one the router accepts.
            prop_assert_eq!(slug_part(&s), Some(s.clone()));
        }
    }

    #[test]
    fn slugify_is_idempotent(text in title_like()) {
        let once = slugify(&text);
        prop_assert_eq!(slugify(&once), once.clone());
    }

    #[test]
    fn slugify_keeps_ascii_words(words in prop::collection::vec("[a-z0-9]{1,8}", 1..6)) {
        let joined = words.join(" ");
        prop_assume!(joined.len() <= 80);
        prop_assert_eq!(slugify(&joined.to_uppercase()), words.join("-"));
    }

    #[test]
    fn slugify_is_empty_only_without_letters_or_digits(text in title_like()) {
        let has_alnum = text.chars().any(|c| c.is_ascii_alphanumeric());
        if has_alnum {
            prop_assert!(!slugify(&text).is_empty());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Wire types

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn feeds_round_trip_through_json(feed in feed()) {
        let json = serde_json::to_string(&feed).unwrap();
        let back: Feed = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, feed);
    }

    #[test]
    fn post_documents_round_trip_through_json(item in item()) {
        let json = serde_json::to_string(&item).unwrap();
        let back: Item = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, item);
    }

    #[test]
    fn indexes_round_trip_through_json(
        a in archive_index(),
        l in label_index(),
        p in page_index(),
    ) {
        let back: ArchiveIndex = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        prop_assert_eq!(back, a);
        let back: LabelIndex = serde_json::from_str(&serde_json::to_string(&l).unwrap()).unwrap();
        prop_assert_eq!(back, l);
        let back: PageIndex = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        prop_assert_eq!(back, p);
    }
}

proptest! {
    /// Numeric ids (some generators write them) read as their decimal text.
    #[test]
    fn numeric_ids_read_as_text(i in any::<i64>(), u in any::<u64>()) {
        let item: Item = serde_json::from_str(&format!("{{\"id\":{i}}}")).unwrap();
        prop_assert_eq!(item.id, i.to_string());
        let item: Item = serde_json::from_str(&format!("{{\"id\":{u}}}")).unwrap();
        prop_assert_eq!(item.id, u.to_string());
    }

    #[test]
    fn float_ids_and_titles_never_fail(f in any::<f64>().prop_filter("finite", |f| f.is_finite())) {
        let json = serde_json::json!({ "id": f, "title": "t" }).to_string();
        let item: Item = serde_json::from_str(&json).unwrap();
        prop_assert!(!item.id.is_empty());
        let json = serde_json::json!({ "title": f, "items": [] }).to_string();
        let feed: Feed = serde_json::from_str(&json).unwrap();
        prop_assert!(!feed.title.is_empty());
    }

    #[test]
    fn arbitrary_text_never_panics_the_reader(s in any::<String>()) {
        let _ = serde_json::from_str::<Feed>(&s);
        let _ = serde_json::from_str::<Item>(&s);
        let _ = serde_json::from_str::<ArchiveIndex>(&s);
        let _ = serde_json::from_str::<LabelIndex>(&s);
    }
}
