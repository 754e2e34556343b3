//! Tests of [`super`]: front matter parsing and its diagnostics.
use super::*;

const GOOD: &str = r#"+++
title = "Wait times at Garita Vieja pass three hours again"
date = 2024-03-15T08:30:00-07:00
pen_name = "La Lechuza"
labels = ["Garita Vieja", "Crossing times", "garita vieja"]
language = "es"
[source]
name = "Port of entry daily log"
url = "https://example.org/port-log"
+++
Body *here*.
"#;

fn errors(text: &str) -> Vec<String> {
    parse("p.md", text)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn parses_a_good_post() {
    let (fm, body) = parse("p.md", GOOD).unwrap();
    assert_eq!(
        fm.title,
        "Wait times at Garita Vieja pass three hours again"
    );
    assert_eq!(fm.date.unwrap().to_string(), "2024-03-15T08:30:00-07:00");
    assert_eq!(fm.byline(), Some("La Lechuza"));
    assert_eq!(
        fm.labels,
        ["Garita Vieja", "Crossing times"],
        "same-slug duplicate dropped"
    );
    assert_eq!(fm.language.as_deref(), Some("es"));
    assert_eq!(
        fm.source.unwrap().url.as_deref(),
        Some("https://example.org/port-log")
    );
    assert_eq!(body, "Body *here*.\n");
}

#[test]
fn accepts_quoted_and_bare_dates_and_crlf() {
    let t = "+++\r\ntitle = \"A\"\r\ndate = \"2024-03-15T08:30:00Z\"\r\n+++\r\nx";
    assert_eq!(
        parse("p.md", t).unwrap().0.date.unwrap().to_string(),
        "2024-03-15T08:30:00Z"
    );
    let t = "+++\ntitle = \"A\"\ndate = 2024-03-15\nauthor = \"Ana\"\n+++\n";
    let fm = parse("p.md", t).unwrap().0;
    assert_eq!(fm.date.unwrap().to_string(), "2024-03-15T12:00:00+00:00");
    assert_eq!(fm.byline(), Some("Ana"));
}

#[test]
fn unknown_key_is_an_error_on_its_line() {
    let e = errors("+++\ntitle = \"A\"\ndate = 2024-03-15\nlables = [\"x\"]\n+++\n");
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("p.md:4: "), "{e:?}");
    assert!(e[0].contains("lables"), "{e:?}");
}

#[test]
fn bad_date_names_the_line() {
    let e = errors("+++\ntitle = \"A\"\n\ndate = \"2024-13-01\"\n+++\n");
    assert!(
        e[0].starts_with("p.md:4: invalid date \"2024-13-01\""),
        "{e:?}"
    );
    // Unquoted, the TOML parser itself rejects it, still on the right line.
    let e = errors("+++\ntitle = \"A\"\nlabels = []\ndate = 2024-13-01\n+++\n");
    assert!(
        e[0].starts_with("p.md:4: invalid date \"2024-13-01\": "),
        "{e:?}"
    );
    let e = errors("+++\ntitle = \"A\"\ndate = 2024-03-15T08:30:00\n+++\n");
    assert!(
        e[0].starts_with("p.md:3: invalid date") && e[0].contains("offset"),
        "{e:?}"
    );
}

#[test]
fn missing_fence_and_unclosed_fence() {
    let e = errors("title = \"A\"\n");
    assert!(e[0].starts_with("p.md:1: missing front matter"), "{e:?}");
    let e = errors("+++\ntitle = \"A\"\n");
    assert!(e[0].contains("never closed"), "{e:?}");
}

#[test]
fn missing_or_empty_required_fields() {
    assert_eq!(
        errors("+++\ndate = 2024-03-15\n+++\n"),
        ["p.md: front matter has no `title`"]
    );
    assert_eq!(
        errors("+++\ntitle = \"A\"\n+++\n"),
        ["p.md: front matter has no `date`"]
    );
    let e = errors("+++\ntitle = \"  \"\ndate = 2024-03-15\n+++\n");
    assert_eq!(e, ["p.md:2: title is empty"]);
}

#[test]
fn reports_every_problem_in_a_file() {
    let e = errors(
        "+++\ntitle = \"\"\ndate = \"soon\"\nslug = \"Bad Slug\"\nlabels = [\" \"]\n\
         [source]\nname = \"x\"\nurl = \"javascript:alert(1)\"\n+++\n",
    );
    let lines: Vec<&str> = e.iter().map(|m| m.split(':').nth(1).unwrap()).collect();
    assert_eq!(lines, ["2", "3", "5", "4", "8"], "{e:#?}");
    assert!(e[3].contains("\"bad-slug\""), "suggests a slug: {e:?}");
}

#[test]
fn labels_in_other_scripts_are_labels() {
    let text =
        "+++\ntitle = \"A\"\ndate = 2024-03-15\nlabels = [\"Новости\", \"🌵\", \" Новости\"]\n+++\n";
    let (fm, _) = parse("p.md", text).unwrap();
    assert_eq!(fm.labels, ["Новости", "🌵"], "same-slug duplicate dropped");
}

#[test]
fn language_tags() {
    assert!(is_language_tag("es") && is_language_tag("es-MX") && is_language_tag("en-419"));
    assert!(!is_language_tag("spanish") && !is_language_tag("") && !is_language_tag("e"));
}

#[test]
fn updated_and_image_are_checked_like_date_and_source_url() {
    let t = "+++\ntitle = \"A\"\ndate = \"2019-05-12T08:30:00.000-07:00\"\nupdated = \"2019-05-13T09:00:00-07:00\"\nimage = \"https://img.example/a.jpg\"\n+++\n";
    let fm = parse("p.html", t).unwrap().0;
    assert_eq!(fm.date.unwrap().to_string(), "2019-05-12T08:30:00-07:00");
    assert_eq!(fm.updated.unwrap().to_string(), "2019-05-13T09:00:00-07:00");
    assert_eq!(fm.image.as_deref(), Some("https://img.example/a.jpg"));
    let t = "+++\ntitle = \"A\"\ndate = 2024-03-15\nupdated = \"yesterday\"\nimage = \"javascript:alert(1)\"\n+++\n";
    let e = errors(t);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with("p.md:4: invalid date \"yesterday\""),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("p.md:5: image \"javascript:alert(1)\" must be an http"),
        "{e:?}"
    );
}

#[test]
fn a_page_needs_no_date_and_a_post_does() {
    let page = "+++\ntitle = \"About\"\ntype = \"page\"\n+++\nWho we are.\n";
    let (fm, body) = parse("about.md", page).unwrap();
    assert!(fm.page && fm.date.is_none());
    assert_eq!(body, "Who we are.\n");
    let post = "+++\ntitle = \"About\"\ntype = \"post\"\n+++\n";
    assert_eq!(errors(post), ["p.md: front matter has no `date`"]);
    let (fm, _) = parse("p.md", GOOD).unwrap();
    assert!(!fm.page);
}

#[test]
fn a_bad_type_and_a_page_with_labels_or_source_name_their_lines() {
    let text = "+++\ntitle = \"About\"\ntype = \"pgae\"\ndate = 2024-03-15\n+++\n";
    assert_eq!(
        errors(text),
        ["p.md:3: type \"pgae\" is neither \"post\" nor \"page\""]
    );
    let text = "+++\ntype = \"page\"\ntitle = \"About\"\nlabels = [\"Pages\"]\n\n[source]\nname = \"Us\"\n+++\n";
    assert_eq!(
        errors(text),
        [
            "p.md:4: a page (`type = \"page\"`) has no labels: pages are in no label list",
            "p.md:7: a page (`type = \"page\"`) has no source line",
        ]
    );
}

#[test]
fn an_empty_pen_name_an_update_before_the_date_and_a_long_slug_name_their_lines() {
    let text =
        "+++\ntitle = \"T\"\ndate = 2026-11-20\nauthor = \"Real Name\"\npen_name = \" \"\n+++\n";
    let e = errors(text);
    assert_eq!(e.len(), 1);
    assert!(e[0].starts_with("p.md:5: pen_name is empty"), "{e:?}");
    // With a pen name the real name is never the byline.
    let text = "+++\ntitle = \"T\"\ndate = 2026-11-20\nauthor = \"Real Name\"\npen_name = \"El Búho\"\n+++\n";
    assert_eq!(parse("p.md", text).unwrap().0.byline(), Some("El Búho"));

    let text = "+++\ntitle = \"T\"\ndate = 2026-11-20\nupdated = 2020-01-01\n+++\n";
    let e = errors(text);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("p.md:4: updated (2020-01-01")
            && e[0].contains("is before date (2026-11-20"),
        "{e:?}"
    );

    let text = format!(
        "+++\ntitle = \"T\"\ndate = 2026-11-20\nslug = \"{}\"\n+++\n",
        "a".repeat(121)
    );
    assert_eq!(
        errors(&text),
        ["p.md:4: slug is 121 characters long: at most 120"]
    );
}
