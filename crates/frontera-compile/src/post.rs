//! One post (or standing page): from source text to the JSON Feed item every document that
//! lists it shares.

use frontera_wire::{
    layout::Route,
    slug::{label_slug, slugify},
    Author, Item, ItemExt,
};

use crate::{config::SiteConfig, date::PostDate, diag::Diag, frontmatter, markdown, page::Page};

/// Longest derived summary, in characters (the length of a long social-media post, which is
/// what a list-page teaser is read like).
pub const SUMMARY_CHARS: usize = 280;

/// A post's source text and where it came from.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// How error messages name the file, e.g. `content/posts/2024-03-15-x.md`.
    pub display: String,
    /// The file name, from which the default slug is derived.
    pub name: String,
    pub text: String,
}

/// A compiled post.
#[derive(Clone, Debug)]
pub struct Post {
    /// The source, for error messages (duplicate URLs).
    pub file: String,
    pub date: PostDate,
    pub slug: String,
    /// Slugs of `item.tags`, in the same order.
    pub label_slugs: Vec<String>,
    /// The line of each label in the file (`Post::item.tags`), for errors about one of them.
    pub label_lines: Vec<usize>,
    /// The item as its own page carries it, less the newer/older links.
    pub item: Item,
    /// The post's opening, up to its "read more" break, as sanitised HTML (`crate::more`).
    pub opening: Option<String>,
}

impl Post {
    /// The post's route; year and month are the ones written in its date.
    pub fn route(&self) -> Route {
        Route::Post {
            year: self.date.year,
            month: self.date.month,
            slug: self.slug.clone(),
        }
    }

    /// The item as lists carry it: only the opening when the post has a "read more" break.
    pub fn list_item(&self) -> Item {
        let mut item = self.item.clone();
        if let (Some(opening), Some(ext)) = (&self.opening, item.ext.as_mut()) {
            item.content_html = Some(opening.clone());
            ext.more = true;
        }
        item
    }

    /// The `_frontera` extension (always present on compiled posts).
    pub fn ext(&self) -> &ItemExt {
        self.item
            .ext
            .as_ref()
            .expect("compiled posts carry the extension")
    }
}

/// What one source file compiles to.
#[derive(Clone, Debug)]
pub enum Compiled {
    /// A dated post, in the chronology.
    Post(Post),
    /// A standing page (`type = "page"`), outside it.
    Page(Page),
    /// A post or page marked `draft = true`: checked, not published.
    Draft(Held),
}

/// A post that is not published by this build, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    /// The file, as errors name it.
    pub file: String,
    /// Why: a draft, or a date still to come.
    pub why: String,
}

/// Compiles one source file. Errors name the file and, where known, the line.
pub fn compile(
    source: &SourceFile,
    config: &SiteConfig,
    renderer: &markdown::Renderer,
) -> Result<Compiled, Vec<Diag>> {
    let (front, body) = frontmatter::parse(&source.display, &source.text)?;
    if front.draft {
        return Ok(Compiled::Draft(Held {
            file: source.display.clone(),
            why: "draft = true".into(),
        }));
    }
    let slug = match &front.slug {
        Some(slug) => slug.clone(),
        None => derive_slug(&source.name, &front.title),
    };
    if slug.is_empty() {
        return Err(vec![Diag::file(
            &source.display,
            "no slug: neither the file name nor the title has letters or digits; add `slug = \"…\"`",
        )]);
    }
    // A `.html` post's body is HTML (an imported Blogger post), sanitised by the same policy.
    let render = |text: &str| {
        if source.name.ends_with(".html") {
            crate::html::render(renderer, text)
        } else {
            renderer.render(text)
        }
    };
    // A "read more" break: lists carry the opening, rendered on its own (the renderer closes
    // what the cut left open), and the post the whole body without the marker.
    let (rendered, opening) = match crate::more::split(body) {
        Some((opening, whole)) => (render(&whole), Some(render(opening).html)),
        None => (render(body), None),
    };
    let summary = match &front.summary {
        Some(s) => Some(s.clone()),
        None => Some(crate::words::cut_summary(
            &rendered.first_paragraph,
            SUMMARY_CHARS,
        ))
        .filter(|s| !s.is_empty()),
    };
    let date = front.date;
    let route = match (front.page, date) {
        (true, _) => Route::Page { slug: slug.clone() },
        (false, Some(date)) => Route::Post {
            year: date.year,
            month: date.month,
            slug: slug.clone(),
        },
        // `frontmatter::parse` requires a post's date; this only keeps the match whole.
        (false, None) => {
            return Err(vec![Diag::file(
                &source.display,
                "front matter has no `date`",
            )])
        }
    };
    let path = route.path();
    let url = config.page_url(&path);
    let byline = front.byline().map(str::to_string);
    let label_slugs = front.labels.iter().map(|l| label_slug(l)).collect();
    let item = Item {
        id: url.clone(),
        url: Some(url),
        title: Some(front.title),
        content_html: Some(markdown::under_base(rendered.html, &config.base_path())),
        summary,
        date_published: date.map(|d| d.to_string()),
        date_modified: front.updated.map(|d| d.to_string()),
        image: front.image,
        authors: byline
            .iter()
            .map(|name| Author {
                name: Some(name.clone()),
                ..Author::default()
            })
            .collect(),
        tags: front.labels,
        language: Some(
            front
                .language
                .unwrap_or_else(|| config.default_language.clone()),
        ),
        ext: Some(ItemExt {
            slug: slug.clone(),
            path,
            byline,
            source: front.source,
            words: rendered.words,
            newer: None,
            older: None,
            related: Vec::new(),
            more: false,
        }),
        ..Item::default()
    };
    let opening = opening.map(|html| markdown::under_base(html, &config.base_path()));
    Ok(match date {
        Some(date) if !front.page => Compiled::Post(Post {
            file: source.display.clone(),
            date,
            slug,
            label_slugs,
            label_lines: front.label_lines,
            item,
            opening,
        }),
        _ => Compiled::Page(Page {
            file: source.display.clone(),
            date,
            slug,
            item,
        }),
    })
}

/// The default slug: the file name without `.md` (or `.html`) and without a leading `YYYY-MM-DD-`, slugified;
/// if nothing is left, the slugified title. Empty when neither has letters or digits.
pub fn derive_slug(file_name: &str, title: &str) -> String {
    let stem = file_name
        .strip_suffix(".md")
        .or_else(|| file_name.strip_suffix(".html"))
        .unwrap_or(file_name);
    let from_name = slugify(strip_date_prefix(stem));
    if from_name.is_empty() {
        slugify(title)
    } else {
        from_name
    }
}

/// `2024-03-15-water-line` → `water-line`; a bare `2024-03-15` → ``.
/// The date a file name begins with (`2026-11-23-slug.md`), as (year, month, day).
pub fn file_name_date(name: &str) -> Option<(i32, u8, u8)> {
    let b = name.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = name.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    Some((y as i32, u8::try_from(m).ok()?, u8::try_from(d).ok()?))
}

fn strip_date_prefix(stem: &str) -> &str {
    if file_name_date(stem).is_none() {
        return stem;
    }
    // Bytes 0..10 are ASCII digits and dashes, so these are character boundaries.
    // `2024-03-15-slug`, and as a hurried editor names it, `2024-03-15 slug` or `…_slug`.
    match stem.as_bytes().get(10) {
        None => "",
        Some(b'-' | b' ' | b'_') => &stem[11..],
        Some(_) => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_from_file_name_then_title() {
        assert_eq!(derive_slug("2024-03-15-water-line.md", "T"), "water-line");
        assert_eq!(derive_slug("2024-03-15-Año Nuevo.md", "T"), "ano-nuevo");
        assert_eq!(derive_slug("notes.md", "T"), "notes");
        assert_eq!(
            derive_slug("2024-03-15.md", "¡Otra vez la fila!"),
            "otra-vez-la-fila"
        );
        assert_eq!(derive_slug("2024-03-15-¿¡.md", "Título"), "titulo");
        assert_eq!(derive_slug("2024-03-15-.md", "…"), "");
        assert_eq!(derive_slug("2024-03-15x.md", "T"), "2024-03-15x");
        // A space or an underscore after the date is a separator too.
        assert_eq!(derive_slug("2024-03-15 my post.md", "T"), "my-post");
        assert_eq!(derive_slug("2024-03-15_my_post.html", "T"), "my-post");
    }

    fn config() -> SiteConfig {
        serde_json::from_str(
            r#"{"title":"C","site_url":"https://c.example/","data_root":"data/","page_size":2,"default_language":"en"}"#,
        )
        .unwrap()
    }

    #[test]
    fn builds_the_item() {
        let src = SourceFile {
            display: "posts/2024-03-15-x.md".into(),
            name: "2024-03-15-x.md".into(),
            text: "+++\ntitle = \"T\"\ndate = 2024-03-31T23:30:00-07:00\nauthor = \"Ana\"\nlabels = [\"Garita Vieja\"]\n+++\nFirst words here.\n\nMore.\n".into(),
        };
        let Compiled::Post(post) = compile(&src, &config(), &markdown::Renderer::new()).unwrap()
        else {
            panic!("a post")
        };
        let item = &post.item;
        assert_eq!(item.id, "https://c.example/2024/03/x");
        assert_eq!(item.url.as_deref(), Some("https://c.example/2024/03/x"));
        assert_eq!(
            item.date_published.as_deref(),
            Some("2024-03-31T23:30:00-07:00")
        );
        assert_eq!(item.summary.as_deref(), Some("First words here."));
        assert_eq!(item.language.as_deref(), Some("en"));
        assert_eq!(item.authors[0].name.as_deref(), Some("Ana"));
        assert_eq!(item.tags, ["Garita Vieja"]);
        assert_eq!(post.label_slugs, ["garita-vieja"]);
        let ext = post.ext();
        assert_eq!(
            (ext.path.as_str(), ext.words, ext.byline.as_deref()),
            ("/2024/03/x", 4, Some("Ana"))
        );
    }

    #[test]
    fn no_byline_without_names() {
        let src = SourceFile {
            display: "x.md".into(),
            name: "x.md".into(),
            text: "+++\ntitle = \"T\"\ndate = 2024-03-15\n+++\n".into(),
        };
        let Compiled::Post(post) = compile(&src, &config(), &markdown::Renderer::new()).unwrap()
        else {
            panic!("a post")
        };
        assert!(post.item.authors.is_empty() && post.ext().byline.is_none());
        assert!(post.item.summary.is_none());
    }

    #[test]
    fn a_page_has_its_own_route_and_no_date_or_labels() {
        let src = SourceFile {
            display: "posts/about.md".into(),
            name: "about.md".into(),
            text:
                "+++\ntitle = \"About us\"\ntype = \"page\"\nlanguage = \"es\"\n+++\nWho we are.\n"
                    .into(),
        };
        let Compiled::Page(page) = compile(&src, &config(), &markdown::Renderer::new()).unwrap()
        else {
            panic!("a page")
        };
        assert_eq!(
            page.route(),
            Route::Page {
                slug: "about".into()
            }
        );
        assert_eq!(page.item.url.as_deref(), Some("https://c.example/p/about"));
        assert_eq!(page.ext().path, "/p/about");
        assert!(page.item.date_published.is_none() && page.item.tags.is_empty());
        assert_eq!(page.item.language.as_deref(), Some("es"));
        assert!(page
            .item
            .content_html
            .as_deref()
            .unwrap()
            .contains("Who we are."));
    }
}
