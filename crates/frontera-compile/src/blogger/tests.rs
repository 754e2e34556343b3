//! Tests of [`super`]: each mapping from a Blogger entry, and the errors.

use super::*;

const FIXTURE: &str = include_str!("../../tests/fixtures/blogger/export.xml");

/// A minimal export around `entries`.
fn export(entries: &str) -> String {
    format!(
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' \
         xmlns:thr='http://purl.org/syndication/thread/1.0'>\n\
         <id>tag:blogger.com,1999:blog-9</id>\n{entries}</feed>\n"
    )
}

/// Where the plan's redirect from `from` goes, if it has one.
fn redirect_to<'a>(plan: &'a files::Plan, from: &str) -> Option<&'a str> {
    plan.redirects
        .redirects
        .iter()
        .find(|r| r.from == from)
        .map(|r| r.to.as_str())
}

const KIND: &str = "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#";

#[test]
fn fixture_kinds_are_told_apart() {
    let e = parse(FIXTURE).unwrap();
    let kinds: Vec<(Kind, &str)> = e.entries.iter().map(|x| (x.kind, number(&x.id))).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Post, "1001"),
            (Kind::Post, "1002"),
            (Kind::Post, "1003"),
            (Kind::Page, "tag:blogger.com,1999:blog-7001.page-2001")
        ]
    );
    // 3007 is a live comment on a draft, 3008 one on the page: parsing keeps them, the import
    // skips them (pages have no comments here).
    let comments: Vec<&str> = e.comments.iter().map(|c| number(&c.id)).collect();
    assert_eq!(
        comments,
        ["3001", "3002", "3003", "3005", "3006", "3007", "3008"]
    );
    let reasons: Vec<&str> = e.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "template (the layout is Frontera's own)",
            "draft post",
            "scheduled post (published after the export)",
            "deleted comment"
        ]
    );
    assert_eq!(e.settings.title.as_deref(), Some("Crónica de la Línea"));
    assert_eq!(e.settings.time_zone.as_deref(), Some("America/Hermosillo"));
    assert_eq!(e.settings.language.as_deref(), Some("es"));
    assert_eq!(
        e.blog_url.as_deref(),
        Some("https://cronica-linea.blogspot.com/")
    );
}

#[test]
fn post_fields() {
    let e = parse(FIXTURE).unwrap();
    let p = &e.entries[0];
    assert_eq!(p.title, "Night market opens on Calle Aduana");
    assert_eq!(p.published, "2019-05-12T08:30:00.000-07:00");
    assert_eq!(p.updated.as_deref(), Some("2019-05-13T09:00:00.000-07:00"));
    assert_eq!(p.author.as_deref(), Some("La Lechuza"));
    assert_eq!(p.labels, ["Calle Aduana", "Mercado nocturno"]);
    assert!(p.html.starts_with("<div class=\"separator\""), "{}", p.html);
    assert_eq!(
        p.permalink.as_deref(),
        Some("https://cronica-linea.blogspot.com/2019/05/night-market-opens-on-calle-aduana.html")
    );
}

#[test]
fn comment_fields_parents_and_anonymous_authors() {
    let e = parse(FIXTURE).unwrap();
    let c = |n: &str| e.comments.iter().find(|c| number(&c.id) == n).unwrap();
    assert_eq!(c("3001").parent, None);
    assert_eq!(c("3001").author.as_deref(), Some("Lupita Ibarra"));
    assert_eq!(
        c("3001").author_url.as_deref(),
        Some("https://lupita.example/")
    );
    assert_eq!(c("3002").parent.as_deref(), Some("3001"));
    assert_eq!(c("3002").author, None, "Blogger's \"Anonymous\" is no name");
    assert_eq!(c("3003").parent.as_deref(), Some("3001"));
    assert_eq!(
        c("3006").post_id,
        "tag:blogger.com,1999:blog-7001.post-1002"
    );
}

#[test]
fn errors_name_the_place() {
    // A truncated file: the error points at its end.
    let err = parse("<feed>\n<entry>").unwrap_err();
    assert_eq!((err.line, err.column), (2, 8), "{}", err.message);
    assert!(err.message.contains("truncated"), "{}", err.message);
    let err = parse("<feed><entry></feed>").unwrap_err();
    assert_eq!((err.line, err.column), (1, 14), "{}", err.message);
    let err = parse("\n\n<rss version='2.0'/>").unwrap_err();
    assert_eq!((err.line, err.column), (3, 1));
    assert!(
        err.message.contains("not a Blogger export"),
        "{}",
        err.message
    );
    let err = parse("<feed xmlns='http://www.w3.org/2005/Atom'><id>x</id></feed>").unwrap_err();
    assert!(
        err.message.contains("neither a Blogger id"),
        "{}",
        err.message
    );
    for (text, says) in [
        ("not xml at all", "not a Blogger export: not XML"),
        ("", "not a Blogger export: the file is empty"),
        (
            "<!DOCTYPE html><html></html>",
            "not a Blogger export: it has a <!DOCTYPE> (a web page?)",
        ),
    ] {
        let err = parse(text).unwrap_err();
        assert!(err.message.contains(says), "{text:?}: {}", err.message);
    }
}

#[test]
fn untitled_entries_are_titled_from_their_text_and_undated_ones_are_errors() {
    let untitled = export(&format!(
        "<entry><id>tag:blogger.com,1999:blog-9.post-5</id>{KIND}post'/><title></title>\
         <published>2020-01-01T00:00:00Z</published>\
         <content type='html'>&lt;div&gt;Cierran la garita por la tarde, otra vez, y nadie dice por qué ni hasta cuándo.&lt;/div&gt;</content></entry>\n\
         <entry><id>tag:blogger.com,1999:blog-9.post-7</id>{KIND}post'/>\
         <published>2020-01-02T00:00:00Z</published></entry>\n"
    ));
    let e = parse(&untitled).unwrap();
    let titles: Vec<&str> = e.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Cierran la garita por la tarde, otra vez, y nadie dice por qué ni…",
            "2020-01-02"
        ]
    );
    let told: Vec<&str> = e.untitled.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        told,
        [
            "tag:blogger.com,1999:blog-9.post-5",
            "tag:blogger.com,1999:blog-9.post-7"
        ]
    );
    let no_date = export(&format!(
        "\n<entry><id>tag:blogger.com,1999:blog-9.post-6</id>{KIND}page'/><title>T</title></entry>\n"
    ));
    let err = parse(&no_date).unwrap_err();
    assert_eq!((err.line, err.column), (5, 1));
    assert!(err
        .message
        .contains("page tag:blogger.com,1999:blog-9.post-6 has no <published>"));
    let orphan = export(&format!(
        "<entry><id>c</id>{KIND}comment'/><published>2020-01-01T00:00:00Z</published></entry>"
    ));
    assert!(parse(&orphan).unwrap_err().message.contains("in-reply-to"));
}

#[test]
fn drafts_and_unknown_kinds_are_skipped_not_fatal() {
    let text = export(&format!(
        "<entry><id>d</id><app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>{KIND}page'/></entry>\
         <entry><id>u</id>{KIND}photo'/></entry><entry><id>n</id></entry>"
    ));
    let e = parse(&text).unwrap();
    let got: Vec<(&str, &str)> = e
        .skipped
        .iter()
        .map(|s| (s.id.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("d", "draft page"),
            ("u", "unknown kind \"photo\""),
            ("n", "no kind category")
        ]
    );
}

#[test]
fn plan_maps_slugs_pages_labels_and_old_addresses() {
    let plan = files::plan(&parse(FIXTURE).unwrap()).unwrap();
    let names: Vec<&str> = plan.posts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "posts/2019-05-12-night-market-opens-on-calle-aduana.html",
            "posts/2019-07-28-se-desborda-el-arroyo.html",
            "posts/2020-01-15-bilingual-bus-route.html",
            "posts/page-about.html",
        ]
    );
    // The page is a page: its type says so, and it has no labels (no "Pages" label any more).
    let about = &plan.posts["posts/page-about.html"];
    assert!(about.contains("type = \"page\"\n"), "{about}");
    assert!(!about.contains("labels"), "{about}");
    assert_eq!((plan.posts_count, plan.pages_count, plan.labels), (3, 1, 5));
    let to = |from: &str| redirect_to(&plan, from);
    assert_eq!(to("/p/about.html"), Some("/p/about"));
    // A page has no month of its own in the archive: its date makes no month redirect.
    assert_eq!(to("/2018/11/"), None);
    assert_eq!(to("/search/label/Educación"), Some("/label/educacion"));
    assert_eq!(
        to("/search/label/Lluvias y crecidas"),
        Some("/label/lluvias-y-crecidas")
    );
    assert_eq!(to("/2019/07/"), Some("/archive/2019/07"));
    assert_eq!(to("/2020/"), Some("/archive"));
    assert_eq!(to("/feeds/posts/default"), Some("/atom.xml"));
    assert_eq!(
        plan.threads["tag:blogger.com,1999:blog-7001.post-1002"].path,
        "/2019/07/se-desborda-el-arroyo"
    );
}

#[test]
fn colliding_slugs_get_a_number_and_missing_permalinks_are_reported() {
    let entry = |id: &str, href: &str| {
        format!(
            "<entry><id>{id}</id>{KIND}post'/><title>Same</title>\
             <published>2020-02-0{}T10:00:00-07:00</published>{href}</entry>",
            id.len() % 9
        )
    };
    let text = export(&format!(
        "{}{}",
        entry(
            "a",
            "<link rel='alternate' href='https://b.example/2020/02/same.html'/>"
        ),
        entry("bb", "")
    ));
    let plan = files::plan(&parse(&text).unwrap()).unwrap();
    let paths: Vec<&str> = ["a", "bb"]
        .iter()
        .map(|id| plan.threads[*id].path.as_str())
        .collect();
    assert_eq!(paths, ["/2020/02/same", "/2020/02/same-2"]);
    assert_eq!(plan.unmapped.len(), 1);
    assert_eq!(plan.unmapped[0].id, "bb");
}

#[test]
fn bad_dates_are_errors_with_the_entry_place() {
    let text = export(&format!(
        "<entry><id>x</id>{KIND}post'/><title>T</title><published>2020-13-01T00:00:00Z</published></entry>"
    ));
    let err = files::plan(&parse(&text).unwrap()).unwrap_err();
    assert_eq!(err.line, 4);
    assert!(
        err.message.contains("invalid <published>"),
        "{}",
        err.message
    );
}

#[test]
fn old_paths_are_decoded() {
    assert_eq!(
        files::url_path("https://b.example/search/label/Educaci%C3%B3n?max-results=20").as_deref(),
        Some("/search/label/Educación")
    );
    assert_eq!(files::url_path("https://b.example/"), None);
    assert_eq!(files::url_path("not a url"), None);
}

#[test]
fn comment_html_becomes_markdown_text() {
    assert_eq!(
        wxr::comment_text("One <b>two</b><br />three <i>x</i> <a href=\"https://e.example/a_(b)\">link</a> <a href=\"javascript:x\">js</a><script>alert(1)</script> 2*3 [x]"),
        "One **two**\nthree *x* [link](https://e.example/a_(b%29) js 2\\*3 \\[x\\]"
    );
    assert_eq!(wxr::comment_text("<p>a</p><p></p><p>b</p>"), "a\n\nb");
    // Isso's Markdown has subscript and superscript: `~x~` and `^` are text in a Blogger comment.
    assert_eq!(wxr::comment_text("~ironía~ 2^10"), "\\~ironía\\~ 2\\^10");
}

const TAKEOUT: &str = include_str!("../../tests/fixtures/blogger/takeout.atom");

#[test]
fn takeout_format_posts_labels_old_paths_and_what_is_not_live() {
    let e = parse(TAKEOUT).unwrap();
    let got: Vec<(Kind, &str, Option<&str>)> = e
        .entries
        .iter()
        .map(|x| (x.kind, x.title.as_str(), x.permalink.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Kind::Post,
                "Reabre el puente peatonal",
                Some("/2021/03/reabre-el-puente-peatonal.html")
            ),
            (
                Kind::Post,
                "Water pressure low in Ocaso Wells",
                Some("/2021/04/water-pressure-low-in-ocaso-wells.html")
            ),
            (Kind::Page, "Acerca de", Some("/p/acerca.html")),
        ]
    );
    let first = &e.entries[0];
    assert_eq!(first.labels, ["Puente", "Tráfico"]);
    assert_eq!(first.author.as_deref(), Some("La Lechuza"));
    assert_eq!(first.published, "2021-03-02T10:15:00.000-07:00");
    assert!(first.html.starts_with("<p>Después"), "{}", first.html);
    // No settings entries in this format: the feed's title names the blog; its empty
    // `link rel="alternate"` is no address.
    assert_eq!(
        e.settings.title.as_deref(),
        Some("Crónica de la Línea (archivo)")
    );
    assert_eq!(e.blog_url, None);
    let reasons: Vec<(&str, &str)> = e
        .skipped
        .iter()
        .map(|s| (number(&s.id), s.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("5003", "draft post"),
            ("5004", "trashed post"),
            ("7003", "deleted comment"),
            ("7004", "comment not published (awaiting moderation)"),
        ]
    );
}

#[test]
fn takeout_format_comments_keep_their_post_and_parent() {
    let e = parse(TAKEOUT).unwrap();
    let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = e
        .comments
        .iter()
        .map(|c| {
            (
                number(&c.id),
                number(&c.post_id),
                c.parent.as_deref(),
                c.author.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("7001", "5001", None, None),
            ("7002", "5001", Some("7001"), Some("Lupita Ibarra")),
        ]
    );
    assert_eq!(
        e.comments[1].author_url.as_deref(),
        Some("https://lupita.example/")
    );
}

#[test]
fn takeout_format_old_paths_redirect_to_the_new_ones() {
    let plan = files::plan(&parse(TAKEOUT).unwrap()).unwrap();
    let to = |from: &str| redirect_to(&plan, from);
    assert_eq!(
        to("/2021/03/reabre-el-puente-peatonal.html"),
        Some("/2021/03/reabre-el-puente-peatonal")
    );
    assert_eq!(to("/p/acerca.html"), Some("/p/acerca"));
    assert_eq!(to("/search/label/Tráfico"), Some("/label/trafico"));
    assert_eq!(
        plan.threads["tag:blogger.com,1999:blog-8002.post-5001"].path,
        "/2021/03/reabre-el-puente-peatonal"
    );
    assert_eq!((plan.posts_count, plan.pages_count), (2, 1));
}
