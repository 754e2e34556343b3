//! A standing page (`type = "page"`) through the compiler and the prerenderer: its own
//! `p/<slug>/index.html` with a website's head (no article tags, no comments), and the masthead
//! of every page linking to it with an ordinary link, so it is reachable without JavaScript.

mod common;

use std::fs;
use std::path::Path;

use common::{compile_into, prerender_ok, SHELL};
use frontera_compile::Input;

#[test]
fn a_page_is_prerendered_as_a_website_page_and_linked_from_every_masthead() {
    let root = tempfile::tempdir().unwrap();
    let (dist, content) = (root.path().join("dist"), root.path().join("posts"));
    fs::create_dir(&dist).unwrap();
    fs::create_dir(&content).unwrap();
    let repo_config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/config.json");
    fs::copy(&repo_config, dist.join("config.json")).unwrap();
    fs::write(dist.join("index.html"), SHELL).unwrap();
    fs::write(
        content.join("2024-03-15-line.md"),
        "+++\ntitle = \"The line\"\ndate = 2024-03-15\nlabels = [\"Garita\"]\n+++\nLong.\n",
    )
    .unwrap();
    fs::write(
        content.join("tips.md"),
        "+++\ntype = \"page\"\ntitle = \"Contact the desk\"\nsummary = \"How to reach us.\"\n+++\n\
         Write to <b>us</b>.<script>alert(1)</script>\n",
    )
    .unwrap();
    compile_into(&dist, Input::Dir(content));
    prerender_ok(&dist, &[]);

    let page = fs::read_to_string(dist.join("p/tips/index.html")).unwrap();
    assert!(page.contains("data-prerendered=\"/p/tips\""), "{page}");
    assert!(
        page.contains("<h1 class=\"post-title\">Contact the desk<"),
        "{page}"
    );
    assert!(page.contains("Write to <b>us</b>."), "{page}");
    assert!(!page.contains("alert(1)"), "sanitised: {page}");
    assert!(
        page.contains("property=\"og:type\" content=\"website\""),
        "{page}"
    );
    assert!(page.contains("<meta name=\"description\" content=\"How to reach us.\""));
    for absent in ["article:", "NewsArticle", "id=\"comments\"", "post-nav"] {
        assert!(!page.contains(absent), "{absent}: {page}");
    }

    // Every page's masthead links to it; the home list does not show it.
    let link = "class=\"pages-nav\"";
    for file in [
        "index.html",
        "2024/03/line/index.html",
        "archive/index.html",
    ] {
        let html = fs::read_to_string(dist.join(file)).unwrap();
        let nav = html
            .split(link)
            .nth(1)
            .unwrap_or_else(|| panic!("no pages nav in {file}: {html}"));
        let nav = nav.split("</nav>").next().unwrap();
        assert!(nav.contains("href=\"/p/tips\""), "{file}: {nav}");
        assert!(nav.contains(">Contact the desk<"), "{file}: {nav}");
        assert!(
            html.contains("pages.json"),
            "{file} names the pages index it read"
        );
    }
    let home = fs::read_to_string(dist.join("index.html")).unwrap();
    assert_eq!(
        home.matches("Contact the desk").count(),
        1,
        "the nav only: {home}"
    );
}
