//! Whole-site tests: layout, links between documents and indexes (atomic output and the
//! documents' wire types: output.rs).

use std::collections::BTreeMap;

use frontera_compile::{compile_all, diag::Error, post::SourceFile};
use frontera_wire::{
    layout::{resolve, Route, ARCHIVE_INDEX, LABEL_INDEX},
    ArchiveIndex, Item, LabelIndex,
};

mod common;

use common::*;

/// Follows `next_url` from `first`, checking `prev_url` and page numbers on the way; returns
/// the item ids in list order.
fn walk_list(docs: &BTreeMap<String, Vec<u8>>, first: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut doc = first.to_string();
    let mut page = 1;
    loop {
        let f = feed(docs, &doc);
        let ext = f.ext.clone().unwrap();
        assert_eq!(ext.page, page, "{doc}");
        assert_eq!(ext.prev_url.is_some(), page > 1, "{doc}");
        if let Some(prev) = &ext.prev_url {
            assert_eq!(feed(docs, &resolve(&doc, prev)).ext.unwrap().page, page - 1);
        }
        ids.extend(f.items.iter().map(|i| i.id.clone()));
        match f.next_url {
            Some(next) => {
                assert!(
                    !next.contains('/'),
                    "next_url is relative to its document: {next}"
                );
                doc = resolve(&doc, &next);
                page += 1;
            }
            None => {
                assert_eq!(ext.total_pages, page, "last page has no next_url: {doc}");
                assert_eq!(ids.len() as u64, ext.total_items);
                return ids;
            }
        }
    }
}

#[test]
fn home_pages_chain_through_the_global_order() {
    let (docs, stats) = build(posts(23), 7);
    assert_eq!(stats.posts, 23);
    let ids = walk_list(&docs, "home/1.json");
    assert_eq!(ids.len(), 23);
    assert!(docs.contains_key("home/4.json") && !docs.contains_key("home/5.json"));
    let first = feed(&docs, "home/1.json");
    assert_eq!(first.ext.unwrap().total_pages, 4);
    assert_eq!(first.next_url.as_deref(), Some("2.json"));
    assert_eq!(
        first.feed_url.as_deref(),
        Some("https://c.example/data/home/1.json")
    );
    assert_eq!(first.version, frontera_wire::JSON_FEED_1_1);
    // Newest first.
    let dates: Vec<String> = (1..=4)
        .flat_map(|p| feed(&docs, &format!("home/{p}.json")).items)
        .map(|i| i.date_published.unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    // List items carry full content but no newer/older links.
    let item = &first.items[0];
    assert!(item
        .content_html
        .as_deref()
        .unwrap()
        .contains("<p>Some words"));
    let ext = item.ext.as_ref().unwrap();
    assert!(ext.newer.is_none() && ext.older.is_none() && ext.related.is_empty());
}

#[test]
fn empty_site_still_has_a_home_page() {
    let (docs, _) = build(Vec::new(), 7);
    let home = feed(&docs, "home/1.json");
    assert!(home.items.is_empty() && home.next_url.is_none());
    assert_eq!(home.ext.unwrap().total_pages, 1);
    assert!(docs.contains_key(ARCHIVE_INDEX) && docs.contains_key(LABEL_INDEX));
}

#[test]
fn archive_counts_add_up_and_match_the_month_lists() {
    let (docs, _) = build(posts(40), 5);
    let index: ArchiveIndex = serde_json::from_slice(&docs[ARCHIVE_INDEX]).unwrap();
    assert_eq!(index.total, 40);
    assert_eq!(index.years.iter().map(|y| y.count).sum::<u64>(), 40);
    let months: Vec<u8> = index.years[0].months.iter().map(|m| m.month).collect();
    assert_eq!(months, [3, 2], "newest month first");
    for year in &index.years {
        assert_eq!(year.months.iter().map(|m| m.count).sum::<u64>(), year.count);
        for m in &year.months {
            assert_eq!(m.url, format!("{:04}/{:02}/1.json", year.year, m.month));
            let first = resolve(ARCHIVE_INDEX, &m.url);
            let ids = walk_list(&docs, &first);
            assert_eq!(ids.len() as u64, m.count);
            assert_eq!(feed(&docs, &first).ext.unwrap().total_pages, m.pages);
            let prefix = format!("https://c.example/{:04}/{:02}/", year.year, m.month);
            assert!(ids.iter().all(|id| id.starts_with(&prefix)), "{ids:?}");
        }
    }
    assert_eq!(index.years[0].months[0].count, 28);
    assert_eq!(index.years[0].months[0].pages, 6);
}

#[test]
fn month_comes_from_the_date_as_written() {
    let late = source("2024-03-31-late.md", "2024-03-31T23:30:00-07:00", &[]);
    let early = source("2024-04-01-early.md", "2024-04-01T05:00:00Z", &[]);
    let (docs, _) = build(vec![early, late], 7);
    assert!(docs.contains_key("posts/2024/03/late.json"));
    let home = feed(&docs, "home/1.json");
    // 23:30 at -07:00 is 06:30 UTC on 1 April: newer than 05:00Z.
    assert_eq!(home.items[0].id, "https://c.example/2024/03/late");
    assert_eq!(
        home.items[0].date_published.as_deref(),
        Some("2024-03-31T23:30:00-07:00")
    );
}

#[test]
fn labels_merge_spellings_and_sort_by_use() {
    let sources = vec![
        source("a.md", "2024-03-01", &["Garita Vieja", "Aduana"]),
        source("b.md", "2024-03-02", &["garita vieja"]),
        source("c.md", "2024-03-03", &["Garita Vieja", "Zeta"]),
        source("d.md", "2024-03-04", &["Aduana", "Beta"]),
    ];
    let (docs, _) = build(sources, 7);
    let index: LabelIndex = serde_json::from_slice(&docs[LABEL_INDEX]).unwrap();
    let summary: Vec<(&str, &str, u64)> = index
        .labels
        .iter()
        .map(|l| (l.name.as_str(), l.slug.as_str(), l.count))
        .collect();
    assert_eq!(
        summary,
        [
            ("Garita Vieja", "garita-vieja", 3),
            ("Aduana", "aduana", 2),
            ("Beta", "beta", 1),
            ("Zeta", "zeta", 1)
        ]
    );
    assert_eq!(index.labels[0].url, "garita-vieja/1.json");
    let ids = walk_list(&docs, &resolve(LABEL_INDEX, &index.labels[0].url));
    assert_eq!(
        ids,
        [
            "https://c.example/2024/03/c",
            "https://c.example/2024/03/b",
            "https://c.example/2024/03/a"
        ]
    );
    // Items keep the label as their author wrote it.
    let b: Item = serde_json::from_slice(&docs["posts/2024/03/b.json"]).unwrap();
    assert_eq!(b.tags, ["garita vieja"]);
}

#[test]
fn post_documents_list_related_posts_that_share_a_label() {
    let mut sources = posts(8);
    sources.push(source(
        "2024-03-01-alone.md",
        "2024-03-01T10:00:00Z",
        &["Solo"],
    ));
    let (docs, _) = build(sources, 5);
    // Posts by the end of their file name (the slug drops the date).
    let item = |name: &str| -> Item {
        let doc = docs
            .keys()
            .find(|d| d.starts_with("posts/") && d.ends_with(&format!("{name}.json")))
            .unwrap_or_else(|| panic!("no post {name}: {:?}", docs.keys().collect::<Vec<_>>()));
        serde_json::from_slice(&docs[doc]).unwrap()
    };
    let short = |path: String| path.rsplit(['/', '-']).next().unwrap().to_string();
    // p0 has both labels; p3 and p6 share both, so they come first, then the nearest in time.
    let related: Vec<String> = item("p0")
        .ext
        .unwrap()
        .related
        .into_iter()
        .map(|r| short(r.path))
        .collect();
    assert_eq!(related, ["p3", "p6", "p1", "p2", "p4"]);
    let alone = item("alone");
    assert!(alone.ext.unwrap().related.is_empty());
}

#[test]
fn newer_and_older_links_follow_the_global_order() {
    let (docs, _) = build(posts(12), 5);
    let order = walk_list(&docs, "home/1.json");
    let doc_of = |path: &str| Route::parse(path).unwrap().data_doc();
    let mut path = Route::parse(&order[0]["https://c.example".len()..])
        .unwrap()
        .path();
    let mut seen = Vec::new();
    let mut newer: Option<String> = None;
    loop {
        let item: Item = serde_json::from_slice(&docs[&doc_of(&path)]).unwrap();
        let ext = item.ext.clone().unwrap();
        assert_eq!(ext.newer.as_ref().map(|r| r.path.clone()), newer, "{path}");
        if let Some(n) = &ext.newer {
            assert!(n.title.starts_with("Post "));
        }
        seen.push(item.id.clone());
        newer = Some(path.clone());
        match ext.older {
            Some(older) => path = older.path,
            None => break,
        }
    }
    assert_eq!(seen, order);
}

#[test]
fn duplicate_urls_name_both_files() {
    let a = source("2024-03-01-same.md", "2024-03-01", &[]);
    let b = source("2024-03-20-same.md", "2024-03-20", &[]);
    let other_month = source("2024-04-02-same.md", "2024-04-02", &[]);
    let err = compile_all(vec![a, b, other_month].into_iter(), &config(7), Vec::new()).unwrap_err();
    let Error::Content(diags) = err else {
        panic!("{err}")
    };
    assert_eq!(diags.len(), 1, "{diags:?}");
    let message = diags[0].to_string();
    assert!(
        message.contains("posts/2024-03-01-same.md")
            && message.contains("posts/2024-03-20-same.md"),
        "{message}"
    );
    assert!(message.contains("/2024/03/same"), "{message}");
}

#[test]
fn all_bad_files_are_reported() {
    let good = source("2024-03-01-good.md", "2024-03-01", &[]);
    let bad1 = source("2024-03-02-bad.md", "\"2024-02-30\"", &[]);
    let bad2 = SourceFile {
        display: "posts/x.md".into(),
        name: "x.md".into(),
        text: "no front matter".into(),
    };
    let err = compile_all(vec![good, bad1, bad2].into_iter(), &config(7), Vec::new()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("posts/2024-03-02-bad.md:3: invalid date \"2024-02-30\""),
        "{text}"
    );
    assert!(
        text.contains("posts/x.md:1: missing front matter"),
        "{text}"
    );
    assert!(text.contains("2 problem(s) in 2 file(s)"), "{text}");
}

#[test]
fn lists_carry_a_posts_opening_up_to_its_read_more_break_and_its_page_the_whole() {
    let mut md = source("2024-03-01-long.md", "2024-03-01T10:00:00Z", &["Agua"]);
    md.text = md.text.replace(
        "Some words for 2024-03-01-long.md.\n",
        "The opening paragraph.\n\n<!--more-->\n\nThe rest, which only the post's page shows.\n",
    );
    // Blogger's jump break sits inside a `div` that the cut leaves open.
    let mut html = source("2024-03-02-blogger.html", "2024-03-02T10:00:00Z", &["Agua"]);
    html.text = html.text.replace(
        "Some words for 2024-03-02-blogger.html.\n",
        "<div>Antes del salto.<br><a name='more'></a>Después del salto.</div>\n",
    );
    let plain = source("2024-03-03-short.md", "2024-03-03T10:00:00Z", &["Agua"]);
    let (docs, _) = build(vec![md, html, plain], 10);
    for list in [
        "home/1.json",
        "labels/agua/1.json",
        "archive/2024/03/1.json",
    ] {
        let f = feed(&docs, list);
        let by_slug = |slug: &str| {
            f.items
                .iter()
                .find(|i| i.ext.as_ref().unwrap().slug == slug)
                .unwrap_or_else(|| panic!("{slug} in {list}"))
                .clone()
        };
        let long = by_slug("long");
        let body = long.content_html.as_deref().unwrap();
        assert!(body.contains("The opening paragraph."), "{list}: {body}");
        assert!(!body.contains("The rest"), "{list}: {body}");
        assert!(long.ext.unwrap().more, "{list}");
        let blogger = by_slug("blogger");
        let body = blogger.content_html.as_deref().unwrap();
        // (An HTML post's `div`s become paragraphs: crate::html.)
        assert_eq!(body, "<p>Antes del salto.</p>", "{list}");
        assert!(blogger.ext.unwrap().more);
        let short = by_slug("short");
        assert!(!short.ext.unwrap().more, "{list}");
        // The flag is left out of the JSON when false.
        let raw = String::from_utf8(docs[list].clone()).unwrap();
        assert_eq!(raw.matches("\"more\":true").count(), 2, "{list}");
        assert!(!raw.contains("\"more\":false"), "{list}");
    }
    let post: Item = serde_json::from_slice(&docs["posts/2024/03/long.json"]).unwrap();
    let body = post.content_html.unwrap();
    assert!(
        body.contains("The opening paragraph.") && body.contains("The rest"),
        "{body}"
    );
    assert!(!body.contains("more"), "the marker is gone: {body}");
    assert!(!post.ext.unwrap().more);
    let post: Item = serde_json::from_slice(&docs["posts/2024/03/blogger.json"]).unwrap();
    let body = post.content_html.unwrap();
    assert!(
        body.contains("Antes del salto.<br>Después del salto."),
        "{body}"
    );
}
