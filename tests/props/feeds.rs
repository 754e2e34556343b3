use crate::*;

// ---------------------------------------------------------------------------------------------
// Post invariants

pub(crate) fn is_http(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub(crate) fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// What every normalised post promises the views, given the item it came from.
pub(crate) fn check_post(post: &Post, item: &Item, own_labels: bool) -> Result<(), TestCaseError> {
    // Always routable: the slug is one the router accepts and the path parses.
    prop_assert_eq!(slug_part(&post.slug), Some(post.slug.clone()), "{:?}", item);
    let route = Route::parse(&post.path);
    prop_assert!(
        route.is_some(),
        "unroutable path {:?} from {:?}",
        post.path,
        item
    );
    prop_assert!(!post.id.is_empty());
    prop_assert_eq!(
        post.date,
        item.date_published.as_deref().and_then(PostDate::parse)
    );
    let ext_path = item
        .ext
        .as_ref()
        .map(|e| e.path.clone())
        .filter(|p| matches!(Route::parse(p), Some(Route::Post { .. })));
    prop_assert!(
        matches!(route, Some(Route::Post { .. })),
        "a post's path is a post route: {:?}",
        post.path
    );
    match ext_path {
        Some(p) => prop_assert_eq!(&post.path, &p),
        None => {
            // A derived route is canonical (the plain-feed post lookup compares paths) and
            // names the post's own slug, dated by its date or year 0 when it has none.
            let (year, month) = post.date.map_or((0, 1), |d| (d.year(), d.month()));
            let want = Route::Post {
                year,
                month,
                slug: post.slug.clone(),
            };
            prop_assert_eq!(route, Some(want.clone()));
            prop_assert_eq!(&want.path(), &post.path);
        }
    }
    if item.ext.is_none() {
        prop_assert_eq!(&post.slug, &derive_slug(item));
    }
    // Blank text fields are absent, after their entities are decoded.
    if let Some(t) = &post.title {
        prop_assert!(!is_blank(t), "blank title {:?} from {:?}", t, item.title);
    }
    if let Some(s) = &post.summary {
        prop_assert!(
            !is_blank(s),
            "blank summary {:?} from {:?}",
            s,
            item.summary
        );
    }
    match &post.body {
        Body::Html(h) => prop_assert!(!is_blank(h)),
        Body::Text(_) => prop_assert!(item.content_html.as_deref().is_none_or(is_blank)),
        Body::Empty => {}
    }
    for label in &post.labels {
        prop_assert!(!is_blank(&label.name), "blank label {:?}", label.name);
        if let Some(s) = &label.slug {
            prop_assert!(own_labels, "label links only for Frontera data");
            prop_assert_eq!(slug_part(s), Some(s.clone()));
        }
    }
    if let Some(u) = &post.external_url {
        prop_assert!(is_http(u), "{u:?}");
        prop_assert!(item.ext.is_none());
    }
    // Relative links in the body resolve against an http(s) URL or not at all.
    if let Some(b) = &post.base {
        prop_assert!(is_http(b), "{b:?}");
    }
    if let Some(s) = &post.source {
        prop_assert!(!is_blank(&s.name));
        if let Some(u) = &s.url {
            prop_assert!(is_http(u), "{u:?}");
        }
    }
    Ok(())
}

pub(crate) fn check_page(feed: &Feed, page: u32) -> Result<(), TestCaseError> {
    let own = feed.ext.is_some();
    let got = page_from_feed(feed.clone(), page, None);
    // Items with nothing to show are left out and counted; the others are shown in order.
    let usable: Vec<&Item> = feed.items.iter().filter(|i| usable_item(i)).collect();
    prop_assert_eq!(got.posts.len(), usable.len());
    prop_assert_eq!(got.skipped as usize, feed.items.len() - usable.len());
    prop_assert_eq!(got.page, page);
    prop_assert_eq!(got.total_pages.is_some(), own);
    if let Some(total) = got.total_pages {
        prop_assert!(total >= page);
        prop_assert_eq!(got.has_older(), page < total);
    }
    prop_assert_eq!(got.has_newer(), page > 1);
    for (post, item) in got.posts.iter().zip(usable) {
        check_post(post, item, own)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Feed normalisation

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever a server answers, the reader gets a feed or `Malformed`, never a panic.
    #[test]
    fn any_body_is_a_feed_or_malformed(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let body = String::from_utf8_lossy(&bytes);
        for r in [parse_json::<Feed>(&body), parse_json::<Feed>(&format!("{{{body}"))] {
            match r {
                Ok(feed) => check_page(&feed, 1)?,
                Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
            }
        }
        let _ = parse_json::<Item>(&body);
        let _ = parse_json::<ArchiveIndex>(&body);
        let _ = parse_json::<LabelIndex>(&body);
        let _ = parse_json::<Config>(&body);
    }

    #[test]
    fn any_text_is_a_feed_or_malformed(body in any::<String>()) {
        match parse_json::<Feed>(&body) {
            Ok(feed) => check_page(&feed, 1)?,
            Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any JSON document, keys biased towards JSON Feed's: parsed or rejected as `Malformed`,
    /// and when parsed, normalised into routable posts.
    #[test]
    fn any_json_tree_normalises_or_is_malformed(v in json_tree(), page in 1u32..5) {
        let body = v.to_string();
        match parse_json::<Feed>(&body) {
            Ok(feed) => check_page(&feed, page)?,
            Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
        }
        if let Ok(item) = parse_json::<Item>(&body) {
            check_post(&post_from_item(item.clone(), true), &item, true)?;
        }
    }

    /// Feed-shaped JSON (third-party or Frontera's own, with odd values in any field).
    #[test]
    fn feed_shaped_json_normalises(v in feed_json(), page in 1u32..5) {
        let body = v.to_string();
        match parse_json::<Feed>(&body) {
            Ok(feed) => {
                check_page(&feed, page)?;
                // What the app reads, it can write and read again unchanged.
                let again: Feed = parse_json(&serde_json::to_string(&feed).unwrap()).unwrap();
                prop_assert_eq!(again, feed);
            }
            Err(e) => prop_assert!(matches!(e, ApiError::Malformed(_)), "{e:?}"),
        }
    }

    /// A post document (one item on its own, as Frontera writes them).
    #[test]
    fn post_documents_normalise(v in item_json()) {
        if let Ok(item) = parse_json::<Item>(&v.to_string()) {
            check_post(&post_from_item(item.clone(), true), &item, true)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn items_normalise_to_routable_posts(item in item(), own in any::<bool>()) {
        check_post(&post_from_item(item.clone(), own), &item, own)?;
    }

    /// The slug derived from a third-party item is never empty and always URL-safe.
    #[test]
    fn derived_slugs_are_url_safe(
        id in prop_oneof![url_text(), text()],
        url in opt(url_text()),
        title in opt(text()),
    ) {
        let item = Item { id, url, title, ..Item::default() };
        let slug = derive_slug(&item);
        prop_assert_eq!(slug_part(&slug), Some(slug.clone()), "{:?}", item);
    }

    /// A post URL whose last segment is already a slug keeps it, with or without an extension,
    /// a trailing slash, a query or a fragment.
    #[test]
    fn derived_slug_is_the_last_url_segment(
        host in "[a-z]{1,8}\\.(org|com)",
        dirs in "(/[a-z0-9]{1,6}){0,3}",
        slug in "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,4}",
        ending in "(\\.html|\\.php|/)?(\\?[a-z]=[0-9]{1,3})?(#[a-z]{1,4})?",
        id in text(),
    ) {
        prop_assume!(slug != "index");
        let url = format!("https://{host}{dirs}/{slug}{ending}");
        let item = Item { id, url: Some(url), ..Item::default() };
        prop_assert_eq!(derive_slug(&item), slug);
    }

    #[test]
    fn safe_urls_are_http_only(url in url_text()) {
        if let Some(u) = safe_http_url(&url) {
            prop_assert!(is_http(&u));
            prop_assert_eq!(u.trim(), u.as_str());
            prop_assert_eq!(safe_http_url(&u), Some(u.clone()), "idempotent");
        }
    }

    /// Each list's page path parses back to the same list and page.
    #[test]
    fn list_paths_route_back(
        kind in prop_oneof![
            Just(ListKind::Home),
            (0i32..=9999, 1u8..=12).prop_map(|(year, month)| ListKind::Month { year, month }),
            "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}".prop_map(|slug| ListKind::Label { slug }),
        ],
        page in 1u32..1000,
    ) {
        prop_assert_eq!(Route::parse(&kind.path(page)), Some(kind.route(page)));
    }

    /// Data URLs join the root and the document with exactly one slash.
    #[test]
    fn data_urls_join_with_one_slash(root in "[a-z:/.]{0,16}", r in route()) {
        let cfg = Config {
            title: "t".into(),
            tagline: String::new(),
            site_url: None,
            image: None,
            feed_url: "feed.json".into(),
            data_root: Some(root.clone()),
            default_language: "en".into(),
            request_timeout_ms: 1,
            tips: Default::default(),
            comments: CommentsConfig::default(),
        };
        let doc = r.data_doc();
        let url = cfg.data_url(&doc).unwrap();
        prop_assert!(url.ends_with(&format!("/{doc}")) && !url.ends_with(&format!("//{doc}")), "{url}");
        prop_assert!(url.starts_with(root.trim_end_matches('/')));
    }

    #[test]
    fn comment_endpoints_have_no_trailing_slash(server in opt(url_text())) {
        let c = CommentsConfig { server, policy_url: None };
        if let Some(e) = c.endpoint() {
            prop_assert!(!e.ends_with('/'));
        }
    }
}
