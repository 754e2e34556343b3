//! Tests of `html.rs`: HTML posts normalised, sanitised and summarised.
use super::*;

#[test]
fn divs_become_paragraphs_and_facts_are_taken() {
    let p = prepare(
        "<div>Primera línea &amp; más</div><div><br /></div><div>Second <b>bold</b> line</div>",
    );
    assert_eq!(
        p.html,
        "<p>Primera línea &amp; más</p><p>Second <b>bold</b> line</p>"
    );
    assert_eq!(p.first_paragraph, "Primera línea & más");
    assert_eq!(p.words, 7);
}

#[test]
fn double_breaks_end_the_first_paragraph() {
    let p = prepare("One two<br />three<br /><br />Four");
    assert_eq!(p.first_paragraph, "One two three");
    assert_eq!(p.words, 4);
}

#[test]
fn scripts_are_dropped_and_iframes_become_links() {
    let p = prepare(
        "<p>a</p><script>alert('<p>x</p>')</script><iframe src=\"https://video.example/e/1?a=1&b=2\">fallback</iframe><style>p{}</style>",
    );
    assert_eq!(
        p.html,
        "<p>a</p><p><a href=\"https://video.example/e/1?a=1&amp;b=2\">https://video.example/e/1?a=1&amp;b=2</a></p>"
    );
    assert_eq!(p.words, 1);
}

#[test]
fn runs_of_breaks_are_tidied() {
    assert_eq!(
        tidy_breaks("<br>One.<br><br><br><br>Two.<br> <br>Three.<br><p><br>Four.<br><br></p>Five.<br><br>\n"),
        "One.<br><br>Two.<br><br>Three.<br><p>Four.</p>Five.\n"
    );
    assert_eq!(tidy_breaks("No breaks."), "No breaks.");
}

#[test]
fn old_plugin_embeds_become_one_link() {
    let flash = "http://www.youtube.com/v/oHg5SJYRHA0&hl=es";
    let r = render(
        &Renderer::new(),
        &format!(
            "<p>Versión vieja del reproductor:</p><object width=\"425\"><param name=\"movie\" value=\"{flash}\"></param>\
             <embed src=\"{flash}\" type=\"application/x-shockwave-flash\"></embed></object>\
             <object data=\"https://media.example/clip.swf\"></object><embed src=\"javascript:alert(1)\">"
        ),
    );
    let href = flash.replace('&', "&amp;");
    assert_eq!(
        r.html.matches(&format!("href=\"{href}\"")).count(),
        1,
        "{}",
        r.html
    );
    assert!(
        r.html.contains("href=\"https://media.example/clip.swf\""),
        "{}",
        r.html
    );
    assert!(
        !r.html.contains("javascript") && !r.html.contains("<object") && !r.html.contains("<embed"),
        "{}",
        r.html
    );
}

#[test]
fn first_http_image_and_headings() {
    let p = prepare("<h1>T</h1><img src=\"data:x\"><img src=\"https://img.example/a.jpg\" alt='A \"q\"'><h6>s</h6>");
    assert_eq!(p.first_image.as_deref(), Some("https://img.example/a.jpg"));
    assert!(p.html.starts_with("<h2>T</h2>"));
    assert!(p.html.contains("alt=\"A &quot;q&quot;\""));
    assert!(p.html.ends_with("<h4>s</h4>"));
}

#[test]
fn nesting_is_capped_and_spacers_go() {
    let n = 100_000;
    let body = format!(
        "{}deep{}",
        "<blockquote>".repeat(n),
        "</blockquote>".repeat(n)
    );
    let r = render(&Renderer::new(), &body);
    assert_eq!(
        r.html.matches("<blockquote>").count(),
        crate::markdown::MAX_DEPTH
    );
    assert_eq!(
        r.html.matches("</blockquote>").count(),
        crate::markdown::MAX_DEPTH
    );
    assert!(r.html.contains("deep"));
    let divs = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
    assert_eq!(render(&Renderer::new(), &divs).html, "<p>x</p>");
}

#[test]
fn sanitised_like_markdown_posts() {
    let r = render(
        &Renderer::new(),
        "<div onclick=\"x()\">Hola <a href=\"javascript:alert(1)\">link</a> <img src=\"https://i.example/a.png\" onerror=\"x()\"></div>",
    );
    assert!(
        !r.html.contains("onclick")
            && !r.html.contains("javascript")
            && !r.html.contains("onerror")
    );
    assert!(r.html.starts_with("<p>Hola "), "{}", r.html);
    assert!(r.html.contains("src=\"https://i.example/a.png\""));
}
