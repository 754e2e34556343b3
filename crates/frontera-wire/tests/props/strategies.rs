//! The strategies of the wire crate's property tests: routes and their parts, path- and URL-like
//! strings, text as titles really come, and every wire type (built by
//! `frontera_wire::strategies`, from arbitrary strings: a serde round trip must keep anything).

use frontera_wire::layout::Route;
use frontera_wire::strategies::{self as wire, IndexLeaves, Leaves};
use frontera_wire::{ArchiveIndex, Feed, Item, LabelIndex, PageIndex};
use proptest::prelude::*;

/// A slug `slug_part` accepts: lowercase ASCII letters, digits and dashes, no dash at either end,
/// at most 120 bytes.
pub fn valid_slug() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]",
        "[a-z0-9][a-z0-9-]{0,118}[a-z0-9]",
        // Words joined by single dashes, as slugify writes them.
        "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,6}",
    ]
}

pub fn valid_page() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 1u32..=20, 1 => 1u32..=u32::MAX]
}

/// Any route the app can show: every part within what the parsers accept.
pub fn valid_route() -> impl Strategy<Value = Route> {
    wire::route(valid_slug().boxed(), valid_page().boxed(), true)
}

/// One path segment: mostly things that look like parts of our routes, sometimes anything.
pub fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("page".to_string()),
        Just("archive".to_string()),
        Just("label".to_string()),
        Just("search".to_string()),
        Just("p".to_string()),
        Just("pages".to_string()),
        Just("..".to_string()),
        Just(".".to_string()),
        Just(String::new()),
        "[0-9]{1,5}",
        "[a-z0-9-]{1,12}(\\.html)?",
        "[^/]{0,6}",
        any::<String>(),
    ]
}

/// Strings shaped like app paths: `/`-joined segments, maybe a query or fragment.
pub fn path_like() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec(segment(), 0..7),
        any::<bool>(),
        prop::option::of("[?#][^/]{0,8}"),
    )
        .prop_map(|(lead, segs, trail, tail)| {
            let mut s = if lead { "/".to_string() } else { String::new() };
            s.push_str(&segs.join("/"));
            if trail {
                s.push('/');
            }
            s.push_str(tail.as_deref().unwrap_or(""));
            s
        })
}

/// A URL or a relative reference, as `next_url` and index `url` fields hold them.
pub fn url_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "https?://[a-z.]{1,12}(:[0-9]{1,4})?(/[a-z0-9.]{0,6}){0,4}/?",
        "(\\.\\./|\\./|[a-z0-9]{1,4}/){0,5}[a-z0-9]{0,4}(\\.json)?",
        "/(\\.\\./|[a-z0-9]{1,4}/){0,5}[a-z0-9]{0,4}",
        "//[a-z.]{1,8}/[a-z]{0,4}",
        "[?#][a-z=0-9&]{0,8}",
        path_like(),
        any::<String>(),
    ]
}

/// Text as titles and labels really come: mostly letters (accented Spanish ones included),
/// spaces and punctuation, sometimes anything at all.
pub fn title_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 áéíóúñüÁÉÍÓÚÑçàèßæœøåłž'’.,;:!?¿¡()—-]{0,120}",
        "([a-zA-Z0-9]{1,9}[ '’_-]{1,2}){0,20}",
        any::<String>(),
    ]
}

/// Every text field anything at all.
fn leaves() -> Leaves {
    let opt_text = || prop::option::of(any::<String>()).boxed();
    Leaves {
        text: any::<String>().boxed(),
        opt_text: opt_text(),
        id: any::<String>().boxed(),
        opt_url: opt_text(),
        opt_date: opt_text(),
        opt_language: opt_text(),
        opt_extra: opt_text(),
        slug: any::<String>().boxed(),
        path: any::<String>().boxed(),
        neighbours: true,
    }
}

/// Every number of the indexes any value at all.
fn index_leaves() -> IndexLeaves {
    IndexLeaves {
        year: any::<i32>().boxed(),
        month: any::<u8>().boxed(),
        year_count: any::<u64>().boxed(),
        month_count: any::<u64>().boxed(),
        label_count: any::<u64>().boxed(),
        pages: any::<u32>().boxed(),
        url: any::<String>().boxed(),
        years: 0..4,
        months: 0..4,
        labels: 0..5,
    }
}

pub fn item() -> impl Strategy<Value = Item> {
    wire::item(&leaves())
}

pub fn feed() -> impl Strategy<Value = Feed> {
    wire::feed(&leaves())
}

pub fn archive_index() -> impl Strategy<Value = ArchiveIndex> {
    wire::archive_index(&index_leaves())
}

pub fn label_index() -> impl Strategy<Value = LabelIndex> {
    wire::label_index(&leaves(), &index_leaves())
}

pub fn page_index() -> impl Strategy<Value = PageIndex> {
    wire::page_index(&leaves(), &index_leaves())
}
