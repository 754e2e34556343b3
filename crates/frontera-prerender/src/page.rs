//! One page: the app rendered for a route, put into trunk's shell.

use std::sync::Arc;

use frontera::api::documents;
use frontera::components::seo::SeoHead;
use frontera::model::config::Config;
use frontera_wire::layout::Route;
use frontera_wire::Item;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;

/// Where Leptos' `<head>` elements go (leptos_meta finds them after this marker when it
/// hydrates).
const HEAD_MARKER: &str = "<!--HEAD-->";

/// Where a page's own head begins, after the shell's: a page read as a shell (a built `dist/`
/// prerendered again, for new data or another site's configuration) gives back the shell.
const PAGE_MARKER: &str = "<!--PAGE-->";

/// trunk's `index.html` after scripts/postbuild.mjs: everything of a page but its content.
#[derive(Clone, Debug)]
pub struct Shell {
    /// From the start up to `</head>`, without the shell's own `<title>`.
    head: String,
    /// The `<body …>` tag's attributes.
    body_attrs: String,
    /// The documents the shell already preloads (`link[data-doc]`).
    preloaded: Vec<String>,
}

/// A rendered page.
#[derive(Clone, Debug)]
pub struct Page {
    /// The whole HTML document.
    pub html: String,
    /// Whether the app rendered an error view where content should be (a document it could not
    /// read): the build must fail rather than publish it.
    pub error: Option<String>,
    /// Every document the page asked for, with its fingerprint (`None`: the site has none), in
    /// the order asked: what the page is a function of, besides the shell and its route.
    pub docs: Vec<(String, Option<String>)>,
}

impl Shell {
    /// Reads the shell (trunk's, or one inside a page this prerenderer wrote); an error names
    /// what is missing.
    pub fn parse(html: &str) -> Result<Shell, String> {
        let head_end = html
            .find(PAGE_MARKER)
            .or_else(|| html.find("</head>"))
            .ok_or("index.html has no </head>")?;
        let body_start = html.find("<body").ok_or("index.html has no <body>")?;
        let mut body_tag_end = body_start
            + html[body_start..]
                .find('>')
                .ok_or("index.html: unterminated <body>")?;
        // A page's own body attributes come last in its `<body>` tag ([`Shell::assemble`]).
        if let Some(at) = html[body_start..body_tag_end].find(" data-prerendered=\"") {
            body_tag_end = body_start + at;
        }
        let mut head = html[..head_end].to_string();
        // The page's own language comes from the app (`<Html lang>`), not from the shell.
        if let Some(start) = head.find("<html") {
            let end = start + head[start..].find('>').unwrap_or(0);
            if let Some(at) = head[start..end].find(" lang=") {
                let from = start + at;
                let value_end = head[from + 6..end]
                    .find([' ', '>'])
                    .map_or(end, |i| from + 6 + i);
                head.replace_range(from..value_end, "");
            }
        }
        if let (Some(a), Some(b)) = (head.find("<title>"), head.find("</title>")) {
            head.replace_range(a..b + "</title>".len(), "");
        }
        let head = low_priority_preloads(&head);
        let preloaded = head
            .match_indices("data-doc")
            .filter_map(|(i, _)| {
                let tag_start = head[..i].rfind('<')?;
                let tag_end = i + head[i..].find('>')?;
                href_of(&head[tag_start..tag_end])
            })
            .collect();
        Ok(Shell {
            head,
            body_attrs: html[body_start + "<body".len()..body_tag_end].to_string(),
            preloaded,
        })
    }

    /// A fingerprint of everything the shell puts into a page: a page rendered into another
    /// shell (new code, a new policy, another preload) is a different page.
    pub fn fingerprint(&self) -> String {
        let mut all = format!("{}\0{}", self.head, self.body_attrs);
        for doc in &self.preloaded {
            all.push('\0');
            all.push_str(doc);
        }
        frontera_wire::layout::fingerprint(&all)
    }

    /// Puts a rendered body into the shell: `route` on `<body data-prerendered>` (absent for the
    /// not-found page, which is served at any URL), preloads of `docs` not already preloaded, and
    /// on `<body data-docs>` the fingerprint of every document the page was rendered from.
    fn assemble(
        &self,
        route: Option<&str>,
        docs: &[(String, Option<String>)],
        body: &str,
    ) -> String {
        let mut out = String::with_capacity(self.head.len() + body.len() + 512);
        out.push_str(&self.head);
        out.push_str(PAGE_MARKER);
        // A document the page asked for that the site does not have (an optional one: the pages
        // index of data compiled before pages existed) is neither preloaded nor named: the
        // browser could not read it, and a page naming a document it cannot read is rendered
        // afresh instead of hydrated. The page rendered without it, and so will the browser.
        let docs: Vec<(&String, &String)> = docs
            .iter()
            .filter_map(|(d, print)| Some((d, print.as_ref()?)))
            .collect();
        for (doc, _) in &docs {
            let doc = *doc;
            if self.preloaded.contains(doc) {
                continue;
            }
            // Same request as the app's own fetch (CORS mode, same-origin credentials), so the
            // browser reuses the preloaded answer.
            out.push_str(
                "<link fetchpriority=low rel=preload as=fetch crossorigin data-doc href=\"",
            );
            out.push_str(&attr_escape(doc));
            out.push_str("\">");
        }
        out.push_str(HEAD_MARKER);
        out.push_str("</head><body");
        out.push_str(&self.body_attrs);
        if let Some(route) = route {
            out.push_str(" data-prerendered=\"");
            out.push_str(&attr_escape(route));
            out.push_str("\" data-docs=\"");
            let prints: Vec<String> = docs
                .iter()
                .map(|(d, print)| format!("{print} {d}"))
                .collect();
            out.push_str(&attr_escape(&prints.join("\n")));
            out.push('"');
        }
        out.push_str("><div id=\"app\">");
        out.push_str(body);
        out.push_str("</div></body></html>\n");
        out
    }
}

/// What a page's static head says to crawlers and link previews ([`SeoHead`]).
pub struct Seo<'a> {
    /// The site's configuration.
    pub config: &'a Config,
    /// The page's route.
    pub route: &'a Route,
    /// The post's document, on a post page.
    pub item: Option<Item>,
    /// The last page of a paged list.
    pub last_page: Option<u32>,
}

/// Renders the app at `path` (an app path such as `/2024/03/slug`; `None` for the not-found
/// page) under `base` (`""` or `"/blog"`), with the crawlers' head tags when `seo` is given.
/// The documents must be in the store ([`crate::Site::load`]).
pub fn render_route(shell: &Shell, base: &str, path: Option<&str>, seo: Option<Seo>) -> Page {
    frontera::platform::set_build_base_path(base);
    let url = format!("{base}{}", path.unwrap_or("/404"));
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let (body, meta) = owner.with(|| {
        provide_context(RequestUrl::new(&url));
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        let _ = documents::take_reads();
        let body = frontera::app::App().to_html();
        (body, output)
    });
    let docs: Vec<(String, Option<String>)> = documents::take_reads()
        .into_iter()
        .map(|d| {
            let print = documents::peek(&d).map(|b| frontera_wire::layout::fingerprint(&b));
            (d, print)
        })
        .collect();
    let error = error_in(&body);
    if error.is_none() {
        frontera::components::sidebar_cache::keep(&url, &body);
    }
    let doc = shell.assemble(path, &docs, &body);
    // Everything after the head marker is this page's own, byte for byte: leptos_meta puts the
    // head elements and the title before it and leaves it alone.
    let tail = doc[doc.find(HEAD_MARKER).map_or(0, |i| i + HEAD_MARKER.len())..].to_string();
    let html = futures::executor::block_on(async move {
        use futures::StreamExt;
        let stream = meta.inject_meta_context(futures::stream::iter([doc])).await;
        stream.collect::<String>().await
    });
    drop(owner);
    let html = escape_title(html, &tail);
    let html = match seo {
        Some(seo) => with_seo(html, seo),
        None => html,
    };
    Page { html, error, docs }
}

/// Puts the [`SeoHead`] tags before the app's own head elements, with the title and description
/// the app rendered.
fn with_seo(html: String, seo: Seo) -> String {
    let between = |from: &str, to: &str| {
        let a = html.find(from)? + from.len();
        let b = a + html[a..].find(to)?;
        Some(unescape(&html[a..b]))
    };
    let title = between("<title>", "</title>").unwrap_or_default();
    let description = between("<meta name=\"description\" content=\"", "\"").unwrap_or_default();
    let owner = Owner::new();
    let tags = owner.with(|| {
        provide_context(seo.config.clone());
        view! {
            <SeoHead route=seo.route.clone() title description item=seo.item
                last_page=seo.last_page/>
        }
        .to_html()
    });
    drop(owner);
    html.replacen(HEAD_MARKER, &format!("{tags}{HEAD_MARKER}"), 1)
}

/// Escapes the text of the `<title>` leptos_meta wrote. It writes the title as it is (leptos_meta
/// 0.8's `inject_meta_context`), where every other text and attribute of a server-rendered page
/// is escaped: a post's or the blog's title holding `</title><script>…` would end the element
/// and run in the static page. The title is the last thing leptos_meta writes before `tail`
/// (the rest of the page), and the first `<title>` after the head marker (what it writes
/// before, the head's meta tags, is escaped). The browser reads `&lt;` as `<`, so readers and
/// crawlers get the title as written; in the app, leptos_meta sets `document.title` itself.
fn escape_title(html: String, tail: &str) -> String {
    const OPEN: &str = "<title>";
    const CLOSE: &str = "</title>";
    let Some(head) = html.strip_suffix(tail) else {
        panic!("leptos_meta changed the page after its <head>: the title cannot be escaped");
    };
    let (Some(text), Some(marker)) = (head.strip_suffix(CLOSE), head.find(HEAD_MARKER)) else {
        return html;
    };
    let Some(start) = text[marker..].find(OPEN).map(|i| marker + i + OPEN.len()) else {
        return html;
    };
    let mut out = String::with_capacity(html.len() + 64);
    out.push_str(&text[..start]);
    out.push_str(&escape_text(&text[start..]));
    out.push_str(CLOSE);
    out.push_str(tail);
    out
}

/// Text as HTML text (in an element whose end tag must not appear in it, such as `<title>`).
fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The kind of error view in a rendered body (`data-error="…"` on the error view), if any.
fn error_in(body: &str) -> Option<String> {
    let at = body.find("class=\"error-view")?;
    let tag = &body[at..at + body[at..].find('>')?];
    let kind = tag
        .split("data-error=\"")
        .nth(1)
        .and_then(|k| k.split('"').next())
        .unwrap_or("unknown");
    Some(kind.to_string())
}

/// Marks the shell's preloads (the documents hydration reads; the wasm and its JS are not
/// preloaded at all, see scripts/postbuild.mjs) `fetchpriority=low`. A prerendered page is read
/// from its HTML and stylesheet; what hydration needs must not share a slow phone's bandwidth
/// with them (Chromium holds low-priority requests back while render-blocking ones load).
/// Measured in docs/benchmarks.md; the app shell keeps trunk's priorities, since there the
/// documents are the page.
fn low_priority_preloads(head: &str) -> String {
    let mut out = String::with_capacity(head.len() + 256);
    let mut rest = head;
    while let Some(at) = rest.find("<link") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        if tag.contains("preload") && !tag.contains("fetchpriority") {
            out.push_str("<link fetchpriority=low");
            out.push_str(&tag["<link".len()..]);
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn href_of(tag: &str) -> Option<String> {
    let rest = &tag[tag.find("href=")? + "href=".len()..];
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split([' ', '>']).next()?,
    };
    Some(value.to_string())
}

fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests;
