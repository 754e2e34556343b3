//! Tests of the page assembly: the shell, titles, preloads, error views.

#[test]
fn preloads_are_low_priority_once() {
    let head = "<link rel=stylesheet href=a.css><link crossorigin href=/x.js rel=modulepreload>\
                <link rel=preload as=fetch href=\"c.json\">";
    let once = super::low_priority_preloads(head);
    assert_eq!(
        once,
        "<link rel=stylesheet href=a.css><link fetchpriority=low crossorigin href=/x.js \
         rel=modulepreload><link fetchpriority=low rel=preload as=fetch href=\"c.json\">"
    );
    assert_eq!(super::low_priority_preloads(&once), once);
}

use super::*;

const SHELL: &str = "<!doctype html><html lang=en><head><meta charset=utf-8><base href=\"/\">\
    <link rel=preload as=fetch crossorigin data-doc href=\"config.json\">\
    <title>Blog</title></head><body class=x><div id=boot></div></body></html>";

#[test]
fn the_shell_is_split_and_its_title_dropped() {
    let shell = Shell::parse(SHELL).unwrap();
    assert!(!shell.head.contains("<title>"));
    assert_eq!(shell.preloaded, vec!["config.json".to_string()]);
    frontera::api::documents::provide("config.json", "{\"title\":\"C\"}".into());
    frontera::api::documents::provide("data/posts/2024/03/a.json", "{}".into());
    let page = shell.assemble(
        Some("/2024/03/a"),
        &read(&[
            "config.json",
            "data/pages.json",
            "data/posts/2024/03/a.json",
        ]),
        "<main>hi</main>",
    );
    // Preloaded once (the shell's own link), named once among the documents read.
    assert_eq!(page.matches("href=\"config.json\"").count(), 1, "{page}");
    assert!(page.contains(&format!(
        "{} config.json",
        frontera_wire::layout::fingerprint("{\"title\":\"C\"}")
    )));
    assert!(page.contains(&format!(
        "{} data/posts/2024/03/a.json",
        frontera_wire::layout::fingerprint("{}")
    )));
    assert!(page.contains("data-doc href=\"data/posts/2024/03/a.json\">"));
    // A document the site does not have is neither preloaded nor named: the browser could not
    // read it, and would not hydrate the page.
    assert!(!page.contains("data/pages.json"), "{page}");
    assert!(page.contains("<body class=x data-prerendered=\"/2024/03/a\" data-docs=\""));
    assert!(page.contains("\"><div id=\"app\"><main>hi</main></div></body>"));
    assert!(page.contains("<!--HEAD--></head>"));
    assert!(!page.contains("boot"));
}

#[test]
fn a_page_read_as_a_shell_gives_back_the_shell() {
    let shell = Shell::parse(SHELL).unwrap();
    let page = shell.assemble(
        Some("/2024/03/a"),
        &read(&["config.json", "data/posts/2024/03/a.json"]),
        "<main>hi</main>",
    );
    // What a page adds after the marker (its head tags, its title) is not the shell's.
    let page = page.replacen(
        HEAD_MARKER,
        "<link rel=canonical data-seo><!--HEAD--><title>A</title>",
        1,
    );
    let again = Shell::parse(&page).unwrap();
    assert_eq!(again.head, shell.head);
    assert_eq!(again.body_attrs, shell.body_attrs);
    assert_eq!(again.preloaded, shell.preloaded);
    // So a run over its own pages finds the shell they were rendered into unchanged.
    assert_eq!(again.fingerprint(), shell.fingerprint());
    let not_found = shell.assemble(None, &[], "<main>404</main>");
    assert_eq!(Shell::parse(&not_found).unwrap().body_attrs, " class=x");
}

#[test]
fn the_title_is_escaped_and_nothing_else() {
    let tail = "</head><body><div id=\"app\"><p>&lt;b&gt;</p></div></body></html>\n";
    let head = "<html><head><!--HEAD--><meta name=\"description\" content=\"&lt;\">";
    let page = format!("{head}<title>A & </title><script>x()</script> · B</title>{tail}");
    assert_eq!(
        escape_title(page, tail),
        format!(
            "{head}<title>A &amp; &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; · B</title>{tail}"
        )
    );
    // No title: nothing to do.
    let page = format!("{head}{tail}");
    assert_eq!(escape_title(page.clone(), tail), page);
}

#[test]
fn a_hostile_title_stays_text_in_a_rendered_page() {
    let _ = any_spawner::Executor::init_futures_executor();
    let title = "</title><script>alert(1)</script><!--";
    let mut config: serde_json::Value =
        serde_json::from_str(include_str!("../../../../public/config.json")).unwrap();
    config["title"] = title.into();
    documents::provide(crate::site::CONFIG, config.to_string());
    let shell = Shell::parse(SHELL).unwrap();
    let page = render_route(&shell, "", None, None);
    let html = &page.html;
    assert!(
        html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--</title>"),
        "{html}"
    );
    assert_eq!(html.matches("<title>").count(), 1, "{html}");
    assert!(!html.contains("<script>alert"), "{html}");
}

#[test]
fn error_views_are_found() {
    assert_eq!(
        error_in("<main><section class=\"error-view\" role=\"alert\" data-error=\"malformed\">"),
        Some("malformed".into())
    );
    assert_eq!(error_in("<main><article>fine</article></main>"), None);
}

/// The documents as a page read them: each with its fingerprint, if the store has it.
fn read(docs: &[&str]) -> Vec<(String, Option<String>)> {
    docs.iter()
        .map(|d| {
            let print =
                frontera::api::documents::peek(d).map(|b| frontera_wire::layout::fingerprint(&b));
            (d.to_string(), print)
        })
        .collect()
}
