//! The sitemap and robots.txt: every output parsed with a real XML parser (roxmltree), URLs
//! checked against the data documents the compiler writes, and the index form exercised with
//! small limits and at sitemaps.org's real one.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
};

use frontera_compile::{
    compile_all,
    config::SiteConfig,
    crawl::{self, sitemap, Limits},
    date::PostDate,
    post::SourceFile,
    run,
    site::{write_site, MemorySink},
    synthetic, Content, Input, Options,
};
use frontera_wire::layout::{Route, LABEL_INDEX, PAGE_INDEX};

/// A site_url with a base path, so every test checks that the path is kept.
const SUB: &str = "https://c.example/blog/";

fn config(site_url: &str, page_size: u32) -> SiteConfig {
    serde_json::from_value(serde_json::json!({
        "title": "Crónica", "tagline": "Both sides", "site_url": site_url,
        "data_root": "data/", "page_size": page_size, "default_language": "en"
    }))
    .unwrap()
}

/// `n` posts, one a day backwards from 2024-03-28 (so two or more months), every one labelled
/// "Garita Vieja" and every third also "Aduana".
fn sources(n: usize) -> Vec<SourceFile> {
    (0..n)
        .map(|i| {
            let (month, day) = (3 - i / 28, 28 - i % 28);
            let labels = if i % 3 == 0 {
                r#""Garita Vieja", "Aduana""#
            } else {
                r#""Garita Vieja""#
            };
            let name = format!("2024-{month:02}-{day:02}-p{i}.md");
            SourceFile {
                display: format!("posts/{name}"),
                text: format!(
                    "+++\ntitle = \"Post {i}\"\ndate = 2024-{month:02}-{day:02}T10:00:00-07:00\n\
                     labels = [{labels}]\n+++\nSome words for {i}.\n"
                ),
                name,
            }
        })
        .collect()
}

fn compile(sources: Vec<SourceFile>, config: &SiteConfig) -> Content {
    compile_all(sources.into_iter(), config, Vec::new()).unwrap()
}

fn crawl_files(posts: &Content, config: &SiteConfig, limits: Limits) -> BTreeMap<String, Vec<u8>> {
    let mut sink = MemorySink::default();
    let stats = crawl::write(posts, config, limits, &mut sink).unwrap();
    assert_eq!(stats.files, sink.docs.len());
    sink.docs
}

/// A parsed sitemap file: its root element's name and its (loc, lastmod) pairs.
fn parse(bytes: &[u8]) -> (String, Vec<(String, Option<String>)>) {
    let text = std::str::from_utf8(bytes).unwrap();
    let doc = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not well-formed: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(sitemap::NS));
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((sitemap::NS, name)))
            .map(|c| c.text().unwrap_or_default().to_string())
    };
    let entries = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| {
            (
                child(n, "loc").expect("every entry has a <loc>"),
                child(n, "lastmod"),
            )
        })
        .collect();
    (root.tag_name().name().to_string(), entries)
}

/// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 20 {
        return false;
    }
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let head = digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19);
    let mut rest = s.get(19..).unwrap_or("x");
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        rest = if n > 0 { &frac[n..] } else { "x" };
    }
    let zone = rest == "Z"
        || (rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest[1..3].bytes().all(|d| d.is_ascii_digit())
            && &rest[3..4] == ":"
            && rest[4..].bytes().all(|d| d.is_ascii_digit()));
    head && zone && PostDate::parse(s).is_ok()
}

#[test]
fn rfc3339_checker_is_strict() {
    for good in [
        "2024-03-15T08:30:00-07:00",
        "2024-03-15T08:30:00Z",
        "2024-03-15T08:30:00.25+05:30",
    ] {
        assert!(is_rfc3339(good), "{good}");
    }
    for bad in [
        "2024-03-15",
        "2024-03-15 08:30:00Z",
        "2024-03-15T08:30:00",
        "2024-03-15T08:30:00.Z",
        "2024-13-15T08:30:00Z",
    ] {
        assert!(!is_rfc3339(bad), "{bad}");
    }
}

#[test]
fn sitemap_lists_every_page_of_the_site_exactly_once() {
    let config = config(SUB, 4);
    let posts = compile(sources(40), &config);
    let mut data = MemorySink::default();
    write_site(&posts, &config, &mut data).unwrap();
    let files = crawl_files(&posts, &config, Limits::PROTOCOL);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(names, ["atom.xml", "robots.txt", "sitemap.xml"]);

    let (root, entries) = parse(&files["sitemap.xml"]);
    assert_eq!(root, "urlset");
    // Each URL is a route of the app whose data document the compiler wrote, and each written
    // document but the label and pages indexes (which no page renders alone) has its URL: a
    // bijection.
    let mut docs = BTreeSet::new();
    for (loc, lastmod) in &entries {
        let path = loc
            .strip_prefix(SUB.trim_end_matches('/'))
            .unwrap_or_else(|| panic!("{loc} is not under {SUB}"));
        let route = Route::parse(path).unwrap_or_else(|| panic!("{loc} is not a route"));
        assert_eq!(route.path(), path, "canonical form");
        assert!(docs.insert(route.data_doc()), "{loc} listed twice");
        match (&route, lastmod) {
            (Route::Post { .. }, Some(lastmod)) => {
                assert!(is_rfc3339(lastmod), "{lastmod}");
                let post = posts.posts.iter().find(|p| p.route() == route).unwrap();
                assert_eq!(Some(lastmod), post.item.date_published.as_ref());
            }
            (Route::Post { .. }, None) => panic!("{loc} has no lastmod"),
            (_, lastmod) => assert_eq!(lastmod, &None, "{loc}"),
        }
    }
    let mut written: BTreeSet<String> = data.docs.into_keys().collect();
    assert!(written.remove(LABEL_INDEX) && written.remove(PAGE_INDEX));
    assert_eq!(docs, written);
    // 40 posts, 10 home pages, archive, March 7 + February 3 pages, Garita Vieja 10, Aduana 4.
    assert_eq!(entries.len(), 40 + 10 + 1 + 7 + 3 + 10 + 4);

    let locs: Vec<&str> = entries.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        &locs[..2],
        ["https://c.example/blog/", "https://c.example/blog/page/2"]
    );
    for want in [
        "https://c.example/blog/2024/03/p0",
        "https://c.example/blog/2024/02/p39",
        "https://c.example/blog/archive",
        "https://c.example/blog/archive/2024/03",
        "https://c.example/blog/archive/2024/02/page/3",
        "https://c.example/blog/label/garita-vieja",
        "https://c.example/blog/label/aduana/page/4",
    ] {
        assert!(locs.contains(&want), "{want} missing");
    }
    assert!(!locs
        .iter()
        .any(|l| l.ends_with("/page/1") || l.contains("//blog") || l.ends_with('/') && *l != SUB));
}

#[test]
fn robots_allows_everything_and_names_the_sitemap() {
    let config = config("https://c.example/blog", 4);
    let files = crawl_files(&compile(sources(3), &config), &config, Limits::PROTOCOL);
    let robots = std::str::from_utf8(&files["robots.txt"]).unwrap();
    let lines: Vec<&str> = robots.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "User-agent: *",
            "Allow: /",
            "",
            "Sitemap: https://c.example/blog/sitemap.xml"
        ]
    );
}

/// Builds the sitemap with `limits` and checks the index form against the one-file form:
/// the children are listed in order, each within the limits, and together hold every URL once,
/// in the same order. Returns the number of children.
fn check_index(posts: &Content, config: &SiteConfig, limits: Limits) -> usize {
    let (_, all) = parse(&crawl_files(posts, config, Limits::PROTOCOL)["sitemap.xml"]);
    let files = crawl_files(posts, config, limits);
    let (root, children) = parse(&files["sitemap.xml"]);
    assert_eq!(root, "sitemapindex");
    let mut union = Vec::new();
    for (i, (loc, lastmod)) in children.iter().enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        assert_eq!(loc, &config.page_url(&name));
        let bytes = &files[&name];
        assert!(bytes.len() <= limits.bytes, "{name}: {} bytes", bytes.len());
        let (root, entries) = parse(bytes);
        assert_eq!(root, "urlset");
        assert!(
            !entries.is_empty() && entries.len() <= limits.urls,
            "{name}: {}",
            entries.len()
        );
        // The child's lastmod is its newest entry's.
        let newest = entries
            .iter()
            .filter_map(|(_, m)| m.as_deref())
            .max_by_key(|m| PostDate::parse(m).unwrap().instant());
        assert_eq!(lastmod.as_deref(), newest, "{name}");
        union.extend(entries);
    }
    assert_eq!(union, all, "children hold every URL once, in order");
    assert_eq!(
        files.len(),
        children.len() + 3,
        "index, children, robots.txt, atom.xml"
    );
    children.len()
}

#[test]
fn beyond_the_url_limit_sitemap_xml_becomes_an_index() {
    let config = config(SUB, 4);
    let posts = compile(sources(40), &config);
    // 75 URLs: ten full files of 7 and one of 5.
    assert_eq!(
        check_index(
            &posts,
            &config,
            Limits {
                urls: 7,
                bytes: Limits::PROTOCOL.bytes
            }
        ),
        11
    );
    assert_eq!(
        check_index(
            &posts,
            &config,
            Limits {
                urls: 74,
                bytes: Limits::PROTOCOL.bytes
            }
        ),
        2
    );
}

#[test]
fn beyond_the_byte_limit_too() {
    let config = config(SUB, 4);
    let posts = compile(sources(40), &config);
    let children = check_index(
        &posts,
        &config,
        Limits {
            urls: 50_000,
            bytes: 1_500,
        },
    );
    assert!(children > 3, "{children}");
    let mut sink = MemorySink::default();
    let tiny = Limits {
        urls: 50_000,
        bytes: 150,
    };
    assert!(
        crawl::write(&posts, &config, tiny, &mut sink).is_err(),
        "one URL alone is larger"
    );
}

/// sitemaps.org's real limit, with posts from `--synthetic`. One post per list page makes each
/// post yield several URLs (its page, a home page, a month page, a page per label), so about
/// 12,000 posts are enough to pass 50,000 URLs and the test stays quick in a debug build.
#[test]
fn synthetic_site_past_50000_urls() {
    let config = config("https://c.example/", 1);
    let posts = compile_all(synthetic::sources(12_000), &config, Vec::new()).unwrap();
    let urls = crawl::routes(&posts, 1).len();
    assert!(urls > 50_000, "{urls}");
    let files = crawl_files(&posts, &config, Limits::PROTOCOL);
    let (root, children) = parse(&files["sitemap.xml"]);
    assert_eq!(root, "sitemapindex");
    assert_eq!(children.len(), urls.div_ceil(50_000));
    let counts: Vec<usize> = (1..=children.len())
        .map(|i| parse(&files[&format!("sitemap-{i}.xml")]).1.len())
        .collect();
    assert_eq!(counts[0], 50_000, "the first file is full");
    assert_eq!(counts.iter().sum::<usize>(), urls);
}

#[test]
fn run_writes_the_site_root_atomically() {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("config.json");
    fs::write(
        &config,
        r#"{"title":"C","site_url":"https://c.example/blog","data_root":"data/","page_size":3}"#,
    )
    .unwrap();
    let content = root.path().join("posts");
    fs::create_dir(&content).unwrap();
    for s in sources(5) {
        fs::write(content.join(&s.name), &s.text).unwrap();
    }
    let site = root.path().join("site");
    let mut options = Options {
        config,
        input: Input::Dir(content.clone()),
        out: root.path().join("data"),
        site_root: Some(site.clone()),
        redirects: None,
        now: None,
    };
    let stats = run(&options).unwrap();
    assert_eq!(
        stats.crawl.as_ref().map(|c| (c.urls, c.sitemaps)),
        Some((5 + 2 + 1 + 2 + 2 + 1, 1))
    );
    let robots = fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://c.example/blog/sitemap.xml"),
        "{robots}"
    );
    let before = fs::read(site.join("sitemap.xml")).unwrap();

    // A failing build leaves the previous crawl files as they were.
    fs::write(content.join("2024-03-29-bad.md"), "+++\ntitle = 1\n+++\n").unwrap();
    assert!(run(&options).is_err());
    assert_eq!(fs::read(site.join("sitemap.xml")).unwrap(), before);
    fs::remove_file(content.join("2024-03-29-bad.md")).unwrap();

    // Folders that are not crawl output, or that overlap --out, are refused before any work.
    for bad in [
        root.path().join("posts"),
        root.path().join("data/site"),
        root.path().to_path_buf(),
    ] {
        options.site_root = Some(bad.clone());
        let e = run(&options).unwrap_err().to_string();
        assert!(e.contains("--site-root"), "{}: {e}", bad.display());
    }
    let mut names: Vec<String> = fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["config.json", "data", "posts", "site"],
        "no temp folder left"
    );
}
