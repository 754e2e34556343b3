//! The Atom feed: RFC 4287's required elements, parsed with a real XML parser (roxmltree), and
//! hostile text (markup, `]]>`, `&`, control characters) staying well-formed and escaped.

use frontera_compile::{
    compile_all,
    config::SiteConfig,
    crawl::atom::{self, ATOM, ENTRIES, NS},
    date::PostDate,
    post::{Post, SourceFile},
};
use proptest::prelude::*;
use roxmltree::{Document, Node};

fn config(title: &str) -> SiteConfig {
    serde_json::from_value(serde_json::json!({
        "title": title, "tagline": "Both sides", "site_url": "https://c.example/blog/",
        "data_root": "data/", "page_size": 5, "default_language": "es"
    }))
    .unwrap()
}

fn source(name: &str, front: &str, body: &str) -> SourceFile {
    SourceFile {
        display: format!("posts/{name}"),
        name: name.to_string(),
        text: format!("+++\n{front}\n+++\n{body}"),
    }
}

/// `n` posts a day apart in different offsets; even ones have a pen name and labels.
fn posts(n: usize) -> Vec<Post> {
    let sources = (0..n).map(|i| {
        let (day, offset) = (1 + i % 28, if i % 2 == 0 { "-07:00" } else { "Z" });
        let extra = if i % 2 == 0 {
            "pen_name = \"La Lechuza\"\nlabels = [\"Garita Vieja\", \"Aduana\"]\nlanguage = \"en\""
        } else {
            ""
        };
        source(
            &format!("2024-03-{day:02}-p{i}.md"),
            &format!("title = \"Post {i}\"\ndate = 2024-03-{day:02}T10:00:00{offset}\n{extra}"),
            &format!("Words *for* post {i}.\n\nMore & more.\n"),
        )
    });
    compile_all(sources, &config("C"), Vec::new())
        .unwrap()
        .posts
}

fn parse(bytes: &[u8]) -> Document<'_> {
    let text = std::str::from_utf8(bytes).unwrap();
    Document::parse(text).unwrap_or_else(|e| panic!("not well-formed: {e}\n{text}"))
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Node<'a, 'i> {
    n.children()
        .find(|c| c.has_tag_name((NS, name)))
        .unwrap_or_else(|| panic!("<{}> has no <{name}>", n.tag_name().name()))
}

fn text<'a>(n: Node<'a, '_>, name: &str) -> &'a str {
    child(n, name).text().unwrap_or_default()
}

fn children<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children().filter(move |c| c.has_tag_name((NS, name)))
}

fn link(n: Node, rel: &str, kind: &str) -> String {
    children(n, "link")
        .find(|l| l.attribute("rel") == Some(rel) && l.attribute("type") == Some(kind))
        .and_then(|l| l.attribute("href"))
        .unwrap_or_else(|| panic!("no {rel} link of type {kind}"))
        .to_string()
}

fn is_rfc3339(s: &str) -> bool {
    // PostDate::parse accepts bare dates too; the `T` and a zone make it a date-time.
    s.len() >= 20
        && s.as_bytes()[10] == b'T'
        && (s.ends_with('Z')
            || s.as_bytes()[s.len() - 6] == b'+'
            || s.as_bytes()[s.len() - 6] == b'-')
        && PostDate::parse(s).is_ok()
}

#[test]
fn feed_carries_the_newest_posts_with_every_required_element() {
    let posts = posts(26);
    let config = config("Crónica");
    let bytes = atom::build(&posts, &config);
    let doc = parse(&bytes);
    let feed = doc.root_element();
    assert!(feed.has_tag_name((NS, "feed")));
    assert_eq!(text(feed, "id"), "https://c.example/blog/");
    assert_eq!(text(feed, "title"), "Crónica");
    assert_eq!(text(feed, "subtitle"), "Both sides");
    assert_eq!(
        link(feed, "self", "application/atom+xml"),
        format!("https://c.example/blog/{ATOM}")
    );
    assert_eq!(
        link(feed, "alternate", "text/html"),
        "https://c.example/blog/"
    );
    assert_eq!(
        link(feed, "alternate", "application/feed+json"),
        "https://c.example/blog/data/home/1.json"
    );
    assert_eq!(text(child(feed, "author"), "name"), "Crónica");

    let entries: Vec<Node> = children(feed, "entry").collect();
    assert_eq!(entries.len(), ENTRIES);
    let mut newest = None;
    for (entry, post) in entries.iter().zip(&posts) {
        let item = &post.item;
        assert_eq!(text(*entry, "id"), item.id);
        assert_eq!(Some(text(*entry, "title")), item.title.as_deref());
        assert_eq!(Some(link(*entry, "alternate", "text/html")), item.url);
        let (published, updated) = (text(*entry, "published"), text(*entry, "updated"));
        assert!(
            is_rfc3339(published) && is_rfc3339(updated),
            "{published} {updated}"
        );
        assert_eq!(Some(published), item.date_published.as_deref());
        assert_eq!(updated, published, "no post has been modified");
        let instant = PostDate::parse(updated).unwrap().instant();
        newest = newest.max(Some((instant, updated)));
        // Same HTML and summary as the JSON Feed item.
        assert_eq!(child(*entry, "content").attribute("type"), Some("html"));
        // Relative URLs in the body resolve against the post's page, as in the app.
        let base = ("http://www.w3.org/XML/1998/namespace", "base");
        assert_eq!(
            child(*entry, "content").attribute(base),
            item.url.as_deref()
        );
        assert_eq!(Some(text(*entry, "content")), item.content_html.as_deref());
        assert!(text(*entry, "content").contains("<em>for</em>"));
        assert_eq!(Some(text(*entry, "summary")), item.summary.as_deref());
        let categories: Vec<(&str, &str)> = children(*entry, "category")
            .map(|c| (c.attribute("term").unwrap(), c.attribute("label").unwrap()))
            .collect();
        let authors: Vec<&str> = children(*entry, "author")
            .map(|a| text(a, "name"))
            .collect();
        let lang = entry.attribute(("http://www.w3.org/XML/1998/namespace", "lang"));
        if post.ext().byline.is_some() {
            assert_eq!(authors, ["La Lechuza"]);
            assert_eq!(
                categories,
                [("garita-vieja", "Garita Vieja"), ("aduana", "Aduana")]
            );
            assert_eq!(lang, Some("en"));
        } else {
            assert!(
                authors.is_empty() && categories.is_empty(),
                "the feed's author stands in"
            );
            assert_eq!(lang, Some("es"), "the site's default language");
        }
    }
    // Entries are the first 20 in the global order; the feed's updated is their newest.
    assert_eq!(text(entries[0], "id"), posts[0].item.id);
    assert_eq!(Some(text(feed, "updated")), newest.map(|n| n.1));
}

#[test]
fn empty_site_still_has_a_valid_feed() {
    let bytes = atom::build(&[], &config("C"));
    let doc = parse(&bytes);
    let feed = doc.root_element();
    assert!(is_rfc3339(text(feed, "updated")));
    assert_eq!(children(feed, "entry").count(), 0);
}

#[test]
fn hostile_text_stays_well_formed_and_escaped() {
    // TOML escapes put control characters into the values; the body carries raw ones.
    let front = r#"title = "<script>alert(1)</script> ]]> & \"q\" \u0001\u000B\u001F end"
date = 2024-03-15T08:30:00-07:00
pen_name = "A & B <i>\u0008"
labels = ["x&y\"<", "]]>z"]
summary = "]]>&amp;\u0007<b>""#;
    let body = "Text ]]> & <script>alert(1)</script> \u{1}\u{c} <![CDATA[x]]> &lt;\n";
    let posts = compile_all(
        [source("2024-03-15-evil.md", front, body)].into_iter(),
        &config("C & <Co>\u{2}"),
        Vec::new(),
    )
    .unwrap()
    .posts;
    let bytes = atom::build(&posts, &config("C & <Co>\u{2}"));
    let raw = std::str::from_utf8(&bytes).unwrap();
    assert!(!raw.contains(['\u{1}', '\u{2}', '\u{7}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}']));
    let doc = parse(&bytes);
    assert!(
        doc.descendants()
            .all(|n| !n.is_element() || n.tag_name().namespace() == Some(NS)),
        "no markup from the text became elements"
    );
    let feed = doc.root_element();
    assert_eq!(text(feed, "title"), "C & <Co>");
    let entry = child(feed, "entry");
    assert_eq!(
        text(entry, "title"),
        "<script>alert(1)</script> ]]> & \"q\"  end"
    );
    assert_eq!(text(child(entry, "author"), "name"), "A & B <i>");
    assert_eq!(text(entry, "summary"), "]]>&amp;<b>");
    let labels: Vec<&str> = children(entry, "category")
        .map(|c| c.attribute("label").unwrap())
        .collect();
    assert_eq!(labels, ["x&y\"<", "]]>z"]);
    let content = text(entry, "content");
    assert!(
        content.contains("]]&gt;") && !content.contains("<script"),
        "{content}"
    );
    assert_eq!(
        Some(content),
        posts[0]
            .item
            .content_html
            .as_deref()
            .map(|h| h.replace(['\u{1}', '\u{c}'], ""))
            .as_deref()
    );
}

/// What XML 1.0 can carry: the writer drops the rest and keeps everything else exactly.
fn xml_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// Any string, or one dense in what XML is touchy about: controls, markup, quotes, `]]>`,
/// noncharacters.
fn touchy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f<>&\"'\\[\\]!a-zé\\x{FFFE}\\x{FFFF} ]{0,32}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any text in any field comes out well-formed and reads back as written.
    #[test]
    fn any_text_round_trips(
        title in touchy(),
        html in touchy(),
        summary in touchy(),
        label in touchy(),
        byline in touchy(),
        site in touchy(),
    ) {
        let mut post = posts(1).remove(0);
        post.item.title = Some(title.clone());
        post.item.content_html = Some(html.clone());
        post.item.summary = Some(summary.clone());
        post.item.tags = vec![label.clone()];
        post.label_slugs = vec!["l".into()];
        post.item.ext.as_mut().unwrap().byline = Some(byline.clone());
        let bytes = atom::build(std::slice::from_ref(&post), &config(&site));
        let text_ = std::str::from_utf8(&bytes).unwrap();
        let doc = Document::parse(text_).map_err(|e| TestCaseError::fail(format!("{e}")))?;
        let feed = doc.root_element();
        prop_assert_eq!(text(feed, "title"), xml_chars(&site));
        let entry = child(feed, "entry");
        prop_assert_eq!(text(entry, "title"), xml_chars(&title));
        prop_assert_eq!(text(entry, "content"), xml_chars(&html));
        if !summary.is_empty() {
            prop_assert_eq!(text(entry, "summary"), xml_chars(&summary));
        }
        prop_assert_eq!(text(child(entry, "author"), "name"), xml_chars(&byline));
        let want = xml_chars(&label);
        prop_assert_eq!(child(entry, "category").attribute("label"), Some(want.as_str()));
    }
}
