//! Every proptest strategy of these tests, in one place: text and routes, typed wire values
//! (put together by `frontera_wire::strategies` from this suite's leaves), and (in the
//! submodules) RFC 3339 timestamps, JSON trees and Isso comments.

mod comments;
mod json;
mod time;

pub(crate) use comments::*;
pub(crate) use json::*;
pub(crate) use time::*;

use frontera_wire::strategies as wire;

use crate::*;

// ---------------------------------------------------------------------------------------------
// Text strategies

/// Plain text as generators leave it: entities (known, unknown, numeric, broken), markup,
/// blanks, accents; sometimes anything at all.
pub(crate) fn text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 áéñü¿¡<>\"'.,&;#-]{0,24}",
        3 => "((&(amp|lt|gt|quot|apos|nbsp|hellip|mdash|bogus|#[0-9]{1,8}|#x[0-9a-fA-F]{1,7}|#|#x|#-1|#\\+65)?;?)|[a-zA-Z ]{0,4}){0,6}",
        1 => Just(String::new()),
        1 => "[ \t\n]{1,3}",
        2 => any::<String>(),
    ]
    .boxed()
}

/// What `url`, `id`, `website` and `next_url` hold: http(s) URLs of every shape, other schemes,
/// relative junk, or anything.
pub(crate) fn url_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => "(https?|HTTPS?|Http)://[a-z.]{1,10}(:[0-9]{2,4})?(/[a-zA-Z0-9._~%-]{0,10}){0,4}/?(\\?[a-z]{1,2}=[0-9]{1,5})?(#[a-z0-9]{0,4})?",
        1 => " ?https?://[a-z]{1,6}/(index\\.(html|php))?(\\?p=[0-9]{1,6})?",
        1 => "(javascript|data|ftp|mailto|JavaScript):[a-z()0-9/]{0,10}",
        1 => "(//|/|\\./|\\.\\./)?[a-z0-9/.?=#-]{0,20}",
        1 => "https?:/{0,3}",
        1 => any::<String>(),
    ]
    .boxed()
}

/// `date_published` as feeds write it: RFC 3339, the loose forms, nonsense.
pub(crate) fn date_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => rfc3339().prop_map(|d| d.text),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}( \\+0000)?)?",
        1 => "[0-9T:+Z. -]{0,30}",
        1 => any::<String>(),
    ]
    .boxed()
}

/// Valid routes of the app, as `_frontera.path` would hold them.
pub(crate) fn route() -> BoxedStrategy<Route> {
    let slug = "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}".boxed();
    wire::route(slug, (1u32..50).boxed(), false)
}

pub(crate) fn path_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => route().prop_map(|r| r.path()),
        1 => "/[0-9]{2,5}/[0-9]{1,3}/[a-zA-Z0-9.-]{0,10}/?",
        1 => any::<String>(),
    ]
    .boxed()
}

pub(crate) fn slug_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,3}",
        1 => "[a-zA-Z0-9./-]{0,10}",
        1 => any::<String>(),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Typed strategies

pub(crate) fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: BoxedStrategy<T>,
) -> BoxedStrategy<Option<T>> {
    prop::option::of(s).boxed()
}

/// Text, URLs and dates as feeds hold them; the fields these tests do not look at left empty.
fn leaves() -> wire::Leaves {
    wire::Leaves {
        text: text(),
        opt_text: opt(text()),
        id: prop_oneof![url_text(), text()].boxed(),
        opt_url: opt(url_text()),
        opt_date: opt(date_text()),
        opt_language: opt("[a-z]{2}|[ ]?".boxed()),
        opt_extra: Just(None).boxed(),
        slug: slug_text(),
        path: path_text(),
        neighbours: false,
    }
}

/// Counts mostly small, months and years mostly plausible; sometimes any number at all.
fn index_leaves() -> wire::IndexLeaves {
    wire::IndexLeaves {
        year: prop_oneof![4 => 1990i32..2030, 1 => any::<i32>()].boxed(),
        month: prop_oneof![4 => 0u8..14, 1 => any::<u8>()].boxed(),
        year_count: Just(0).boxed(),
        month_count: prop_oneof![4 => 0u64..100, 1 => any::<u64>()].boxed(),
        label_count: prop_oneof![4 => 0u64..20, 1 => any::<u64>()].boxed(),
        pages: Just(1).boxed(),
        url: Just(String::new()).boxed(),
        years: 0..6,
        months: 0..6,
        labels: 0..8,
    }
}

pub(crate) fn item() -> BoxedStrategy<Item> {
    wire::item(&leaves())
}

// ---------------------------------------------------------------------------------------------
// Archive and labels

pub(crate) fn archive_index() -> BoxedStrategy<ArchiveIndex> {
    wire::archive_index(&index_leaves())
}

pub(crate) fn label_index() -> BoxedStrategy<LabelIndex> {
    wire::label_index(&leaves(), &index_leaves())
}

/// HTML-escapes text the way Isso and feed generators do.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
