//! `import-blogger` end to end: the binary on the fixture export, the compiler on what it
//! wrote, the redirects and the comment export. (Blogger pages: `blogger_pages.rs`; importing
//! again: `blogger_again.rs`.)

mod common;

use std::fs;

use common::blogger::*;

#[test]
fn report_counts_every_kind_and_names_skipped_entries() {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    let out = import(FIXTURE.as_ref(), &into);
    let report = text(&out);
    assert!(out.status.success(), "{report}");
    assert!(
        report.contains(
            "3 posts, 1 pages, 5 labels, 5 comments (2 replies) in 2 threads, 20 redirects"
        ),
        "{report}"
    );
    for (id, why) in [
        ("blog-7001.layout", "template"),
        ("blog-7001.post-1004", "draft post"),
        ("blog-7001.post-1005", "scheduled post"),
        ("blog-7001.post-3004", "deleted comment"),
        ("blog-7001.post-3007", "which was not imported"),
        ("blog-7001.post-3008", "pages have no comments here"),
    ] {
        assert!(
            report.lines().any(|l| l.contains(id) && l.contains(why)),
            "{id} {why}: {report}"
        );
    }
    assert!(
        report.contains("time zone \"America/Hermosillo\""),
        "{report}"
    );
    assert!(
        report.contains("links to the old blog pointed at the new pages: 1"),
        "{report}"
    );
    let report_json: serde_json::Value =
        serde_json::from_slice(&fs::read(into.join("blogger/import.json")).unwrap()).unwrap();
    assert_eq!(report_json["skipped"].as_array().unwrap().len(), 6);
}

#[test]
fn config_is_made_from_the_blogs_settings_and_an_existing_one_is_left_alone() {
    let root = tempfile::tempdir().unwrap();
    let (into, config) = (root.path().join("content"), root.path().join("config.json"));
    let run = || {
        import_with(
            FIXTURE.as_ref(),
            &into,
            &["--config".as_ref(), config.as_os_str()],
        )
    };
    let out = run();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("language \"es\""), "{}", text(&out));
    let written: serde_json::Value = serde_json::from_slice(&fs::read(&config).unwrap()).unwrap();
    assert_eq!(written["title"], "Crónica de la Línea");
    assert_eq!(written["time_zone"], "America/Hermosillo");
    // The export says `es_MX`: Spanish is the blog's language, for its posts and its interface.
    assert_eq!(written["default_language"], "es");
    fs::write(&config, "{\"title\": \"Mine\"}").unwrap();
    assert!(text(&run()).contains("exists and was left as it is"));
    assert_eq!(
        fs::read_to_string(&config).unwrap(),
        "{\"title\": \"Mine\"}"
    );
}

#[test]
fn bad_input_names_the_place_and_leaves_the_previous_import() {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    assert!(import(FIXTURE.as_ref(), &into).status.success());
    let before = tree(&into);
    let full = fs::read_to_string(FIXTURE).unwrap();
    let cut = &full[..full.len() / 2];
    let lines = 1 + cut.matches('\n').count();
    let missing_date = full.replacen(
        "<published>2019-07-28T19:05:00.000-07:00</published>",
        "",
        1,
    );
    let entry_line = 1 + full[..full.find("blog-7001.post-1002</id>").unwrap()]
        .matches('\n')
        .count()
        - 1;
    for (name, body, expect) in [
        ("truncated.xml", cut.to_string(), format!(":{lines}:")),
        (
            "not-xml.xml",
            "Subject: hello\n".to_string(),
            ":1:1:".into(),
        ),
        (
            "rss.xml",
            "<?xml version='1.0'?>\n<rss/>".to_string(),
            ":2:1: not a Blogger export".into(),
        ),
        (
            "takeout.zip",
            "PK\u{3}\u{4}\u{14}\0".to_string(),
            ":1: this file is a zip archive, not the export itself: unpack it first".into(),
        ),
        (
            "no-date.xml",
            missing_date,
            format!(
                ":{entry_line}:1: post tag:blogger.com,1999:blog-7001.post-1002 has no <published>"
            ),
        ),
    ] {
        let file = root.path().join(name);
        fs::write(&file, body).unwrap();
        let out = import(&file, &into);
        let msg = text(&out);
        assert_eq!(out.status.code(), Some(1), "{msg}");
        assert!(
            msg.contains(&format!("{}{expect}", file.display())),
            "{name}: {msg}"
        );
        assert_eq!(tree(&into), before, "{name}");
    }
    let gz = root.path().join("export.xml.gz");
    fs::write(&gz, [0x1f, 0x8b, 8, 0]).unwrap();
    let msg = text(&import(&gz, &into));
    assert!(
        msg.contains(&format!("{}:1: this file is gzip-compressed", gz.display())),
        "{msg}"
    );
    assert_eq!(tree(&into), before);
    let mut left = names(root.path());
    left.retain(|n| !n.ends_with(".xml") && !n.ends_with(".zip") && !n.ends_with(".gz"));
    assert_eq!(left, ["content"], "no temporary folder is left");
}

#[test]
fn compiled_posts_keep_text_images_and_links_but_no_scripts() {
    let (_root, data, _) = import_and_compile();
    let post: serde_json::Value = serde_json::from_slice(
        &fs::read(data.join("posts/2019/05/night-market-opens-on-calle-aduana.json")).unwrap(),
    )
    .unwrap();
    let html = post["content_html"].as_str().unwrap();
    for kept in [
        "Forty stalls opened on Calle Aduana",
        "<b>elotes</b>",
        "src=\"https://blogger.example/img/market.jpg\"",
        "href=\"https://example.org/garita\"",
        "href=\"https://www.youtube.example/embed/mercado01\"",
        "<p>Open until midnight.</p>",
    ] {
        assert!(html.contains(kept), "{kept}: {html}");
    }
    assert_eq!(post["date_published"], "2019-05-12T08:30:00-07:00");
    assert_eq!(post["date_modified"], "2019-05-13T09:00:00-07:00");
    assert_eq!(post["image"], "https://blogger.example/img/market.jpg");
    assert_eq!(post["authors"][0]["name"], "La Lechuza");
    assert!(post["_frontera"]["words"].as_u64().unwrap() > 20);
    // Nothing executable anywhere in the data.
    for (path, bytes) in tree(&data) {
        let doc = String::from_utf8(bytes).unwrap();
        for bad in [
            "<script",
            "pwned",
            "<iframe",
            "onclick",
            "javascript:",
            "alert(",
        ] {
            assert!(!doc.contains(bad), "{bad} in {}", path.display());
        }
    }
    let labels = fs::read_to_string(data.join("labels/index.json")).unwrap();
    for slug in ["educacion", "lluvias-y-crecidas"] {
        assert!(
            labels.contains(&format!("\"slug\":\"{slug}\"")),
            "{slug}: {labels}"
        );
    }
    // A link to another post of the old blog leads to that post here.
    let bus: serde_json::Value = serde_json::from_slice(
        &fs::read(data.join("posts/2020/01/bilingual-bus-route.json")).unwrap(),
    )
    .unwrap();
    let html = bus["content_html"].as_str().unwrap();
    assert!(
        html.contains("href=\"/2019/07/se-desborda-el-arroyo\""),
        "{html}"
    );
    assert!(!html.contains("blogspot"), "{html}");
    // The page is no longer filed under a "Pages" label.
    assert!(!labels.contains("\"slug\":\"pages\""), "{labels}");
}

#[test]
fn old_addresses_get_rules_and_pages() {
    let (_root, _, site) = import_and_compile();
    let rules = fs::read_to_string(site.join("_redirects")).unwrap();
    for rule in [
        "/2019/05/night-market-opens-on-calle-aduana.html /2019/05/night-market-opens-on-calle-aduana 301",
        "/search/label/Educaci%C3%B3n /label/educacion 301",
        "/2019/07/ /archive/2019/07 301",
        "/p/about.html /p/about 301",
        "/feeds/posts/default /atom.xml 301",
    ] {
        assert!(rules.lines().any(|l| l == rule), "{rule}: {rules}");
    }
    let page = fs::read_to_string(site.join("2019/07/se-desborda-el-arroyo.html")).unwrap();
    assert!(
        page.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=/2019/07/se-desborda-el-arroyo\">"
        ),
        "{page}"
    );
    assert!(page.contains("<link rel=\"canonical\" href=\"https://cronica-linea.blogspot.com/2019/07/se-desborda-el-arroyo\">"));
    assert!(page.contains(
        "<a href=\"/2019/07/se-desborda-el-arroyo\">Se desborda el arroyo El Tecolote</a>"
    ));
    assert!(!page.contains("<script") && !page.contains("style"));
    let label = fs::read_to_string(site.join("search/label/Educación/index.html")).unwrap();
    assert!(label.contains("url=/label/educacion\""), "{label}");
    assert!(site.join("feeds/posts/default/index.html").exists());
}

#[test]
fn comments_keep_their_threads_and_parents() {
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    assert!(import(FIXTURE.as_ref(), &into).status.success());
    let xml = fs::read_to_string(into.join("blogger/comments.wxr.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let items: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    let field = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name((WP, name)) || c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or("")
            .to_string()
    };
    let links: Vec<String> = items.iter().map(|i| field(*i, "link")).collect();
    assert_eq!(
        links,
        [
            "/2019/05/night-market-opens-on-calle-aduana",
            "/2019/07/se-desborda-el-arroyo"
        ]
    );
    let comments: Vec<(String, String, String, String)> = items[0]
        .children()
        .filter(|c| c.has_tag_name((WP, "comment")))
        .map(|c| {
            (
                field(c, "comment_id"),
                field(c, "comment_parent"),
                field(c, "comment_author"),
                field(c, "comment_date_gmt"),
            )
        })
        .collect();
    let expect = [
        ("1", "0", "Lupita Ibarra", "2019-05-12 17:00:00"),
        ("2", "1", "", "2019-05-12 18:15:00"),
        ("3", "1", "Don Chema", "2019-05-12 19:40:00"),
        ("4", "0", "", "2019-05-13 15:00:00"),
    ];
    let expect: Vec<(String, String, String, String)> = expect
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(comments, expect);
    assert!(
        xml.contains("Until midnight, per the [market rules](https://example.org/market-rules).")
    );
    assert!(!xml.contains("alert(3)") && !xml.contains("removed by the author"));
}

/// The newer export format (Google Takeout's `feed.atom`) through the same command: posts and
/// the page become files, the old paths redirect, the comments keep their thread and parent.
#[test]
fn a_takeout_export_imports_the_same_way() {
    let takeout = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/blogger/takeout.atom"
    );
    let root = tempfile::tempdir().unwrap();
    let into = root.path().join("content");
    let out = import(takeout.as_ref(), &into);
    assert!(out.status.success(), "{}", text(&out));
    let posts = names(&into.join("posts"));
    assert_eq!(
        posts,
        [
            "2021-03-02-reabre-el-puente-peatonal.html",
            "2021-04-09-water-pressure-low-in-ocaso-wells.html",
            "page-acerca.html",
        ]
    );
    let post =
        fs::read_to_string(into.join("posts/2021-03-02-reabre-el-puente-peatonal.html")).unwrap();
    assert!(
        post.contains("Puente") && post.contains("Tráfico"),
        "{post}"
    );
    let redirects = fs::read_to_string(into.join("redirects.json")).unwrap();
    assert!(
        redirects.contains("/2021/03/reabre-el-puente-peatonal.html"),
        "{redirects}"
    );
    let xml = fs::read_to_string(into.join("blogger/comments.wxr.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let parents: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((WP, "comment")))
        .map(|c| {
            let field = |name: &str| {
                c.children()
                    .find(|f| f.has_tag_name((WP, name)))
                    .and_then(|f| f.text())
                    .unwrap_or("")
                    .to_string()
            };
            (field("comment_id"), field("comment_parent"))
        })
        .collect();
    let want = [("1", "0"), ("2", "1")].map(|(a, b)| (a.to_string(), b.to_string()));
    assert_eq!(parents, want);
    assert!(!xml.contains("Spam removed") && !xml.contains("Still low on Calle 3"));
}
