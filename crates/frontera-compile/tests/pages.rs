//! Standing pages (`type = "page"`): their own documents and the pages index; in the sitemap; in
//! no list, feed or related-posts list; a bad page file named with its line.

use std::collections::BTreeMap;

use frontera_compile::{
    compile_all,
    crawl::{self, Limits},
    diag::Error,
    post::SourceFile,
    site::{write_site, MemorySink},
};
use frontera_wire::{layout::PAGE_INDEX, ArchiveIndex, Item, PageEntry, PageIndex};

mod common;

use common::*;

fn page(name: &str, front: &str) -> SourceFile {
    SourceFile {
        display: format!("posts/{name}"),
        name: name.to_string(),
        text: format!("+++\ntype = \"page\"\n{front}\n+++\nWhere to send a tip about {name}.\n"),
    }
}

/// Ten posts (labelled, so they have related posts) and three pages; the data documents and
/// the crawl files.
fn site() -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    let config = config(4);
    let mut sources = posts(10);
    sources.push(page("tips.md", "title = \"Send us a tip\""));
    sources.push(page(
        "2019-01-01-about.md",
        "title = \"About\"\ndate = 2019-01-01\nupdated = 2024-02-01",
    ));
    sources.push(page(
        "acerca.md",
        "title = \"Quiénes somos\"\nlanguage = \"es\"\ndate = 2020-05-05",
    ));
    let content = compile_all(sources.into_iter(), &config, Vec::new()).unwrap();
    assert_eq!((content.posts.len(), content.pages.len()), (10, 3));
    let mut data = MemorySink::default();
    let stats = write_site(&content, &config, &mut data).unwrap();
    assert_eq!((stats.posts, stats.standing_pages), (10, 3));
    let mut crawl = MemorySink::default();
    crawl::write(&content, &config, Limits::PROTOCOL, &mut crawl).unwrap();
    (data.docs, crawl.docs)
}

#[test]
fn pages_have_documents_and_an_index_oldest_first_undated_last() {
    let (docs, _) = site();
    let index: PageIndex = serde_json::from_slice(&docs[PAGE_INDEX]).unwrap();
    let entry = |title: &str, path: &str, language: &str| PageEntry {
        title: title.into(),
        path: path.into(),
        language: Some(language.into()),
    };
    assert_eq!(
        index.pages,
        [
            entry("About", "/p/about", "en"),
            entry("Quiénes somos", "/p/acerca", "es"),
            entry("Send us a tip", "/p/tips", "en"),
        ]
    );
    let tips: Item = serde_json::from_slice(&docs["pages/tips.json"]).unwrap();
    assert_eq!(tips.title.as_deref(), Some("Send us a tip"));
    assert_eq!(tips.url.as_deref(), Some("https://c.example/p/tips"));
    assert!(tips.content_html.unwrap().contains("Where to send a tip"));
    assert!(tips.date_published.is_none() && tips.tags.is_empty());
}

#[test]
fn pages_are_in_no_list_feed_or_related_posts() {
    let (docs, crawl) = site();
    for (doc, bytes) in &docs {
        let text = std::str::from_utf8(bytes).unwrap();
        for slug in ["about", "acerca", "tips"] {
            let own = *doc == format!("pages/{slug}.json") || doc == PAGE_INDEX;
            let path = format!("/p/{slug}");
            assert_eq!(text.contains(&path), own, "{doc} and {path}: {text}");
        }
    }
    let archive: ArchiveIndex = serde_json::from_slice(&docs["archive/index.json"]).unwrap();
    assert_eq!(archive.total, 10);
    assert!(
        archive.years.iter().all(|y| y.year == 2024),
        "no 2019, 2020"
    );
    assert_eq!(feed(&docs, "home/1.json").ext.unwrap().total_items, 10);
    let atom = std::str::from_utf8(&crawl["atom.xml"]).unwrap();
    assert!(
        atom.contains("/2024/03/p0") && !atom.contains("/p/"),
        "{atom}"
    );
}

#[test]
fn pages_are_in_the_sitemap_with_their_last_change() {
    let (_, crawl) = site();
    let sitemap = std::str::from_utf8(&crawl["sitemap.xml"]).unwrap();
    let at = |path: &str| {
        let i = sitemap.find(&format!("<loc>https://c.example{path}</loc>"));
        i.map(|i| sitemap[i..].split("</url>").next().unwrap().to_string())
    };
    let about = at("/p/about").unwrap();
    assert!(
        about.contains("<lastmod>2024-02-01T12:00:00+00:00</lastmod>"),
        "{about}"
    );
    let acerca = at("/p/acerca").unwrap();
    assert!(
        acerca.contains("<lastmod>2020-05-05T12:00:00+00:00</lastmod>"),
        "{acerca}"
    );
    assert!(
        !at("/p/tips").unwrap().contains("lastmod"),
        "no date, no lastmod"
    );
}

#[test]
fn a_bad_page_file_is_named_with_its_line() {
    let typo = SourceFile {
        text: "+++\ntitle = \"B\"\ntype = \"pgae\"\n+++\n".into(),
        ..page("b.md", "")
    };
    let bad = [
        page("a.md", "title = \"A\""),
        typo,
        page("c.md", "title = \"C\"\nslug = \"a\""),
        page("l.md", "title = \"L\"\nlabels = [\"Pages\"]"),
    ];
    let err = compile_all(bad.into_iter(), &config(4), Vec::new()).unwrap_err();
    let Error::Content(diags) = err else {
        panic!("{err}")
    };
    let lines: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "posts/b.md:3: type \"pgae\" is neither \"post\" nor \"page\"",
            "posts/l.md:4: a page (`type = \"page\"`) has no labels: pages are in no label list",
            "posts/c.md: same URL /p/a as posts/a.md: give one of them a different `slug`",
        ]
    );
}
