//! Front matter: the TOML block between two `+++` lines at the top of a post.
//!
//! Parsing is strict on purpose: unknown keys are errors (a typo such as `lables` would otherwise
//! silently drop a post's labels), and every error carries the line it was found on, counted in
//! the whole file with the opening `+++` as line 1.

use std::ops::Range;

use frontera_wire::{layout::slug_part, slug::slugify, Source};
use serde::Deserialize;
use toml::{Spanned, Value};

use crate::{date::PostDate, diag::Diag};

/// A post's metadata, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub date: PostDate,
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
    title: Option<Spanned<String>>,
    date: Option<Spanned<Value>>,
    pen_name: Option<String>,
    author: Option<String>,
    #[serde(default)]
    labels: Vec<Spanned<String>>,
    language: Option<Spanned<String>>,
    slug: Option<Spanned<String>>,
    summary: Option<String>,
    source: Option<RawSource>,
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

    let title = match raw.title {
        None => None,
        Some(t) if t.get_ref().trim().is_empty() => {
            fail(t.span(), "title is empty".into());
            None
        }
        Some(t) => Some(t.into_inner().trim().to_string()),
    };

    let date = raw.date.and_then(|d| {
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
    });

    let mut labels: Vec<String> = Vec::new();
    let mut label_slugs: Vec<String> = Vec::new();
    for label in raw.labels {
        let name = label.get_ref().trim();
        let slug = slugify(name);
        if slug.is_empty() {
            fail(
                label.span(),
                format!("label {name:?} has no letters or digits to make a URL from"),
            );
        } else if !label_slugs.contains(&slug) {
            labels.push(name.to_string());
            label_slugs.push(slug);
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

    if title.is_none() && errors.is_empty() {
        errors.push(Diag::file(file, "front matter has no `title`"));
    }
    if date.is_none() && errors.is_empty() {
        errors.push(Diag::file(file, "front matter has no `date`"));
    }
    match (title, date) {
        (Some(title), Some(date)) if errors.is_empty() => Ok((
            FrontMatter {
                title,
                date,
                pen_name: non_empty(raw.pen_name),
                author: non_empty(raw.author),
                labels,
                language,
                slug,
                summary: non_empty(raw.summary),
                source,
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
mod tests {
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
        assert_eq!(fm.date.to_string(), "2024-03-15T08:30:00-07:00");
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
            parse("p.md", t).unwrap().0.date.to_string(),
            "2024-03-15T08:30:00Z"
        );
        let t = "+++\ntitle = \"A\"\ndate = 2024-03-15\nauthor = \"Ana\"\n+++\n";
        let fm = parse("p.md", t).unwrap().0;
        assert_eq!(fm.date.to_string(), "2024-03-15T12:00:00+00:00");
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
            "+++\ntitle = \"\"\ndate = \"soon\"\nslug = \"Bad Slug\"\nlabels = [\"¿?\"]\n\
             [source]\nname = \"x\"\nurl = \"javascript:alert(1)\"\n+++\n",
        );
        let lines: Vec<&str> = e.iter().map(|m| m.split(':').nth(1).unwrap()).collect();
        assert_eq!(lines, ["2", "3", "5", "4", "8"], "{e:#?}");
        assert!(e[3].contains("\"bad-slug\""), "suggests a slug: {e:?}");
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("es") && is_language_tag("es-MX") && is_language_tag("en-419"));
        assert!(!is_language_tag("spanish") && !is_language_tag("") && !is_language_tag("e"));
    }
}
