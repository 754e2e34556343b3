//! Front matter: the TOML block between two `+++` lines at the top of a post or a page
//! (`type = "page"`).
//!
//! Parsing is strict on purpose: unknown keys are errors (a typo such as `lables` would otherwise
//! silently drop a post's labels), and every error carries the line it was found on, counted in
//! the whole file with the opening `+++` as line 1.

use std::ops::Range;

use frontera_wire::{
    layout::{slug_part, MAX_SLUG},
    slug::{label_slug, slugify},
    Source,
};
use serde::Deserialize;
use toml::{Spanned, Value};

use crate::{date::PostDate, diag::Diag};

/// A post's (or a page's) metadata, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontMatter {
    /// `type = "page"`: a standing page (About, Contact…), outside the chronology: no list,
    /// archive, label or feed holds it. A page has no labels and no source; its date is optional.
    pub page: bool,
    pub title: String,
    /// Always there on a post; a page may have none.
    pub date: Option<PostDate>,
    /// The byline name a reporter publishes under.
    pub pen_name: Option<String>,
    /// Real name, used for the byline only when there is no pen name.
    pub author: Option<String>,
    /// Labels as written, without duplicates (two spellings with the same slug count once).
    pub labels: Vec<String>,
    pub language: Option<String>,
    /// An explicit slug, already checked to be URL-safe.
    pub slug: Option<String>,
    pub summary: Option<String>,
    pub source: Option<Source>,
    /// When the post was last changed (`date_modified`, the sitemap's `lastmod`).
    pub updated: Option<PostDate>,
    /// The picture for link previews (`image`): an http(s) URL.
    pub image: Option<String>,
    /// `draft = true`: checked like any post, but not published.
    pub draft: bool,
    /// The line of each of `labels`, for errors about one of them.
    pub label_lines: Vec<usize>,
}

impl FrontMatter {
    /// The name shown in the byline: the pen name, else the author's name.
    pub fn byline(&self) -> Option<&str> {
        self.pen_name.as_deref().or(self.author.as_deref())
    }
}

/// The raw TOML shape. Spans are kept where a later check may need to point at a line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(rename = "type")]
    kind: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    date: Option<Spanned<Value>>,
    pen_name: Option<Spanned<String>>,
    author: Option<String>,
    #[serde(default)]
    labels: Vec<Spanned<String>>,
    language: Option<Spanned<String>>,
    slug: Option<Spanned<String>>,
    summary: Option<String>,
    source: Option<RawSource>,
    updated: Option<Spanned<Value>>,
    image: Option<Spanned<String>>,
    draft: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    name: Spanned<String>,
    url: Option<Spanned<String>>,
}

/// Splits a post into its front matter (the TOML text) and its Markdown body.
///
/// The first line must be `+++` (a UTF-8 byte order mark and trailing whitespace are tolerated,
/// since some Windows editors add them); the front matter ends at the next line that is `+++`.
pub fn split<'a>(file: &str, text: &'a str) -> Result<(&'a str, &'a str), Diag> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(Diag::at(
            file,
            1,
            "missing front matter: a post must start with a `+++` line, then TOML, then `+++`",
        ));
    }
    let start = first.len();
    let mut pos = start;
    for line in lines {
        if line.trim_end() == "+++" {
            return Ok((&text[start..pos], &text[pos + line.len()..]));
        }
        pos += line.len();
    }
    Err(Diag::at(
        file,
        1,
        "the front matter opened here is never closed by a `+++` line",
    ))
}

/// Parses and checks the front matter of `text`; returns it with the Markdown body. Every
/// problem found is returned, not only the first.
pub fn parse<'a>(file: &str, text: &'a str) -> Result<(FrontMatter, &'a str), Vec<Diag>> {
    let (toml_text, body) = split(file, text).map_err(|d| vec![d])?;
    // Line of a byte offset in the TOML text: it starts on line 2, after the opening fence.
    let line = |span: Range<usize>| {
        2 + toml_text[..span.start.min(toml_text.len())]
            .matches('\n')
            .count()
    };

    let raw: Raw = toml::from_str(toml_text).map_err(|e| {
        let message = one_line(e.message());
        vec![match e.span() {
            Some(span) => Diag::at(
                file,
                line(span.clone()),
                name_bad_date(toml_text, span, message),
            ),
            None => Diag::file(file, message),
        }]
    })?;

    let mut errors = Vec::new();
    let mut fail =
        |span: Range<usize>, message: String| errors.push(Diag::at(file, line(span), message));

    let page = match &raw.kind {
        None => false,
        Some(k) => match k.get_ref().as_str() {
            "post" => false,
            "page" => true,
            other => {
                fail(
                    k.span(),
                    format!("type {other:?} is neither \"post\" nor \"page\""),
                );
                false
            }
        },
    };
    // A page is outside the lists a label or a source line belongs to; say so rather than
    // drop them unseen.
    if page {
        if let Some(first) = raw.labels.first() {
            fail(
                first.span(),
                "a page (`type = \"page\"`) has no labels: pages are in no label list".into(),
            );
        }
        if let Some(source) = &raw.source {
            fail(
                source.name.span(),
                "a page (`type = \"page\"`) has no source line".into(),
            );
        }
    }

    let title = match raw.title {
        None => None,
        Some(t) if t.get_ref().trim().is_empty() => {
            fail(t.span(), "title is empty".into());
            None
        }
        Some(t) => Some(t.into_inner().trim().to_string()),
    };

    let mut parse_date = |d: Spanned<Value>| {
        let span = d.span();
        let parsed = match d.get_ref() {
            Value::Datetime(dt) => {
                PostDate::from_toml(dt).map_err(|e| format!("invalid date {dt}: {e}"))
            }
            Value::String(s) => PostDate::parse(s).map_err(|e| format!("invalid date {s:?}: {e}")),
            other => Err(format!(
                "date must be a date-time like 2024-03-15T08:30:00-07:00 or a date like \
                 2024-03-15, not a {}",
                other.type_str()
            )),
        };
        parsed.map_err(|m| fail(span, m)).ok()
    };
    let date = raw.date.and_then(&mut parse_date);
    let updated_span = raw.updated.as_ref().map(|u| u.span());
    let updated = raw.updated.and_then(&mut parse_date);

    let mut labels: Vec<String> = Vec::new();
    let mut label_slugs: Vec<String> = Vec::new();
    let mut label_lines: Vec<usize> = Vec::new();
    for label in raw.labels {
        let name = label.get_ref().trim();
        let slug = label_slug(name);
        if slug.is_empty() {
            fail(label.span(), "a label is empty".to_string());
        } else if !label_slugs.contains(&slug) {
            labels.push(name.to_string());
            label_slugs.push(slug);
            label_lines.push(line(label.span()));
        }
    }

    let language = raw.language.and_then(|l| {
        if is_language_tag(l.get_ref()) {
            Some(l.into_inner())
        } else {
            fail(
                l.span(),
                format!(
                    "language {:?} is not a language tag such as \"en\" or \"es\"",
                    l.get_ref()
                ),
            );
            None
        }
    });

    // A pen name keeps a reporter safe: an empty one must not fall back to the real name.
    let pen_name = raw.pen_name.and_then(|p| {
        if p.get_ref().trim().is_empty() {
            fail(
                p.span(),
                "pen_name is empty: the byline would show `author` (the real name); write the \
                 pen name, or remove the line to sign with `author`"
                    .into(),
            );
        }
        non_empty(Some(p.into_inner()))
    });
    if let (Some(d), Some(u)) = (&date, &updated) {
        if u.instant() < d.instant() {
            fail(
                updated_span.clone().unwrap_or_default(),
                format!("updated ({u}) is before date ({d})"),
            );
        }
    }

    let slug = raw.slug.and_then(|s| {
        let value = s.get_ref();
        if slug_part(value).is_some() {
            return Some(value.clone());
        }
        let hint = slugify(value);
        fail(
            s.span(),
            if value.trim().is_empty() {
                "slug is empty".to_string()
            } else if value.len() > MAX_SLUG {
                format!("slug is {} characters long: at most {MAX_SLUG}", value.len())
            } else if hint.is_empty() {
                format!("slug {value:?} has no letters or digits")
            } else {
                format!("slug {value:?} is not URL-safe: use lowercase a-z, 0-9 and dashes, e.g. {hint:?}")
            },
        );
        None
    });

    let source = raw.source.and_then(|s| {
        let name = s.name.get_ref().trim().to_string();
        if name.is_empty() {
            fail(s.name.span(), "source name is empty".into());
        }
        let url = s.url.and_then(|u| match check_http_url(u.get_ref()) {
            Ok(()) => Some(u.into_inner()),
            Err(e) => {
                fail(u.span(), e);
                None
            }
        });
        (!name.is_empty()).then_some(Source { name, url })
    });

    let image = raw.image.and_then(|u| match check_http_url(u.get_ref()) {
        Ok(()) => Some(u.into_inner()),
        Err(e) => {
            fail(u.span(), e.replacen("source url", "image", 1));
            None
        }
    });

    if title.is_none() && errors.is_empty() {
        errors.push(Diag::file(file, "front matter has no `title`"));
    }
    if date.is_none() && !page && errors.is_empty() {
        errors.push(Diag::file(file, "front matter has no `date`"));
    }
    match title {
        Some(title) if errors.is_empty() => Ok((
            FrontMatter {
                page,
                title,
                date,
                pen_name,
                author: non_empty(raw.author),
                labels,
                language,
                slug,
                summary: non_empty(raw.summary),
                source,
                updated,
                image,
                draft: raw.draft.unwrap_or(false),
                label_lines,
            },
            body,
        )),
        _ => Err(errors),
    }
}

/// A BCP 47-shaped tag: a 2–3 letter language, then optional `-subtag`s (`es`, `es-MX`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("");
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Source links are shown to readers, so only web URLs are accepted.
fn check_http_url(url: &str) -> Result<(), String> {
    match ammonia::Url::parse(url) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(()),
        Ok(_) => Err(format!(
            "source url {url:?} must be an http:// or https:// URL"
        )),
        Err(e) => Err(format!("source url {url:?} is not a valid URL: {e}")),
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// An unquoted bad date is rejected by the TOML parser itself, as "invalid date, expected …";
/// quote the value in the message so it reads like the error for a quoted one.
fn name_bad_date(toml_text: &str, span: Range<usize>, message: String) -> String {
    let Some(rest) = message.strip_prefix("invalid date") else {
        return message;
    };
    let start = toml_text[..span.start.min(toml_text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = toml_text[start..].lines().next().unwrap_or("");
    let value = line
        .split_once('=')
        .map(|(_, v)| v.split(" #").next().unwrap_or(v).trim());
    match value {
        Some(v) if !v.is_empty() => {
            let reason = rest
                .strip_prefix("-time")
                .unwrap_or(rest)
                .trim_start_matches([',', ':', ' ']);
            format!("invalid date {v:?}: {reason}")
        }
        _ => message,
    }
}

/// TOML error messages span several lines; ours are one line per problem.
fn one_line(message: &str) -> String {
    message
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
#[path = "frontmatter_tests.rs"]
mod tests;
