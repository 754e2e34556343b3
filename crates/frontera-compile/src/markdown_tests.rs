//! Tests of [`super`]: Markdown rendering and the article allow-list.
use super::*;

fn html(md: &str) -> String {
    Renderer::new().render(md).html
}

#[test]
fn nesting_past_the_cap_keeps_the_text_and_drops_the_tags() {
    let out = html(&format!("{} deep words\n\nAfter.", ">".repeat(20_000)));
    assert_eq!(out.matches("<blockquote>").count(), MAX_DEPTH);
    assert_eq!(out.matches("</blockquote>").count(), MAX_DEPTH);
    assert!(
        out.contains("deep words") && out.contains("<p>After.</p>"),
        "{out}"
    );
    let shallow = html("> > quoted twice");
    assert_eq!(shallow.matches("<blockquote>").count(), 2, "{shallow}");
}

#[test]
fn removes_script_handlers_and_javascript_urls() {
    let out = html(
        "Hi <script>alert(1)</script> there.\n\n<img src=x onerror=\"alert(2)\">\n\n\
         [click](javascript:alert(3)) <a href=\"javascript:alert(4)\">b</a>\n\n\
         <p style=\"color:red\" class=\"x\" onclick=\"y()\">styled</p>\n\n<iframe src=\"https://e.x\"></iframe>",
    );
    for bad in [
        "script",
        "alert",
        "onerror",
        "javascript",
        "style=",
        "class=",
        "onclick",
        "iframe",
    ] {
        assert!(!out.contains(bad), "{bad} survived: {out}");
    }
    assert!(
        out.contains("styled") && out.contains("click"),
        "text is kept: {out}"
    );
    assert!(out.contains(r#"<img src="x" loading="lazy">"#), "{out}");
}

#[test]
fn links_get_rel_and_only_web_schemes() {
    let out = html(
        "[a](https://e.example/x) [m](mailto:t@e.example) [r](/2024/03/other) [p](other.html) [s](//evil.example/) [f](ftp://e.x/)",
    );
    assert!(
        out.contains(r#"<a href="https://e.example/x" rel="noopener noreferrer">a</a>"#),
        "{out}"
    );
    assert!(out.contains(r#"href="mailto:t@e.example""#), "{out}");
    assert!(
        out.contains(r#"href="/2024/03/other""#),
        "post-to-post links stay: {out}"
    );
    assert!(
        !out.contains("other.html") && !out.contains("evil.example") && !out.contains("ftp:"),
        "{out}"
    );
    assert!(!out.contains("target="), "{out}");
}

#[test]
fn demotes_h1_and_keeps_the_allowed_structure() {
    let out = html("# Top\n\n###### Deep\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ H~2~O\n\n```rust\nfn x() {}\n```\n");
    assert!(
        out.contains("<h2>Top</h2>") && !out.contains("<h1"),
        "{out}"
    );
    assert!(out.contains("<h4>Deep</h4>"), "{out}");
    assert!(
        out.contains("<table>") && out.contains("<td>1</td>"),
        "{out}"
    );
    assert!(out.contains("<del>gone</del>"), "{out}");
    assert!(out.contains(r#"<code class="language-rust">"#), "{out}");
}

#[test]
fn counts_words_and_takes_the_first_paragraph() {
    let r = Renderer::new().render(
        "## Heading words\n\nThe *first*   paragraph,\nwrapped. Don't split.\n\n- item one\n- ![alt text](x.png)\n\nLast.",
    );
    assert_eq!(
        r.first_paragraph,
        "The first paragraph, wrapped. Don’t split."
    );
    assert_eq!(r.words, 2 + 6 + 2 + 1);
}

#[test]
fn a_body_whose_sections_start_lower_is_lifted_to_h2() {
    assert_eq!(
        html("Intro.\n\n### What we do\n\nText.\n\n#### Detail\n\nMore."),
        "<p>Intro.</p>\n<h2>What we do</h2>\n<p>Text.</p>\n<h3>Detail</h3>\n<p>More.</p>\n"
    );
    // Already at h2 (or with an h1, which becomes h2): unchanged levels.
    let kept = html("# Top\n\n### Skipped\n");
    assert!(
        kept.contains("<h2>Top</h2>") && kept.contains("<h3>Skipped</h3>"),
        "{kept}"
    );
    assert_eq!(html("Plain text."), "<p>Plain text.</p>\n");
}

#[test]
fn embeds_in_markdown_become_links_and_leave_no_empty_paragraph() {
    let out = html(
        "A.\n\n<iframe src=\"https://www.youtube.com/embed/abc123\"></iframe>\n\n\
         <video src=\"https://media.example/v.mp4\" controls></video>\n\nB.\n",
    );
    assert_eq!(
        out,
        "<p>A.</p>\n<p><a href=\"https://www.youtube.com/embed/abc123\" rel=\"noopener noreferrer\">https://www.youtube.com/embed/abc123</a></p>\
         \n<p><a href=\"https://media.example/v.mp4\" rel=\"noopener noreferrer\">https://media.example/v.mp4</a></p>\n<p>B.</p>\n"
    );
    assert!(!html("A.\n\n<audio></audio>\n\nB.").contains("<p></p>"));
}

#[test]
fn a_link_whose_target_is_not_allowed_keeps_its_text_and_loses_its_tag() {
    let out = html(
        "[up](../10/ofrenda) and [notes](#notes), [site](/2026/11/x), \
         [web](https://ex.org/a \"a > b\") and [bad](javascript:alert(1)).",
    );
    assert_eq!(
        out,
        "<p>up and notes, <a href=\"/2026/11/x\" rel=\"noopener noreferrer\">site</a>, \
         <a href=\"https://ex.org/a\" title=\"a &gt; b\" rel=\"noopener noreferrer\">web</a> and bad.</p>\n"
    );
}

#[test]
fn root_relative_links_and_pictures_get_the_sites_base_path() {
    let html = r#"<p><a href="/2026/05/report" rel="x">a</a> <img src="/images/m.png"> <a href="//cdn.example/x">b</a> <a href="/blog/2026/05/y">c</a> <a href="https://ex.org/z">d</a> <a title="x=&quot;/" href="/label/agua">e</a></p>"#;
    assert_eq!(
        under_base(html.to_string(), "/blog"),
        r#"<p><a href="/blog/2026/05/report" rel="x">a</a> <img src="/blog/images/m.png"> <a href="//cdn.example/x">b</a> <a href="/blog/2026/05/y">c</a> <a href="https://ex.org/z">d</a> <a title="x=&quot;/" href="/blog/label/agua">e</a></p>"#
    );
    // At a domain's root nothing changes.
    assert_eq!(under_base(html.to_string(), ""), html);
}
