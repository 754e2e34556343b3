//! The strategies of the wire crate's property tests: routes and their parts, path- and URL-like
//! strings, text as titles really come, and every wire type.

use frontera_wire::layout::Route;
use frontera_wire::{
    ArchiveIndex, ArchiveMonth, ArchiveYear, Author, Feed, FeedExt, Item, ItemExt, LabelEntry,
    LabelIndex, PostRef, Source,
};
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
    prop_oneof![
        valid_page().prop_map(|page| Route::Home { page }),
        (0i32..=9999, 1u8..=12, valid_slug()).prop_map(|(year, month, slug)| Route::Post {
            year,
            month,
            slug
        }),
        Just(Route::Archive),
        Just(Route::Search),
        (0i32..=9999, 1u8..=12, valid_page()).prop_map(|(year, month, page)| Route::Month {
            year,
            month,
            page
        }),
        (valid_slug(), valid_page()).prop_map(|(slug, page)| Route::Label { slug, page }),
    ]
}

/// One path segment: mostly things that look like parts of our routes, sometimes anything.
pub fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("page".to_string()),
        Just("archive".to_string()),
        Just("label".to_string()),
        Just("search".to_string()),
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

pub fn opt_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(any::<String>())
}

pub fn author() -> impl Strategy<Value = Author> {
    (opt_text(), opt_text(), opt_text()).prop_map(|(name, url, avatar)| Author {
        name,
        url,
        avatar,
    })
}

pub fn post_ref() -> impl Strategy<Value = PostRef> {
    (any::<String>(), any::<String>()).prop_map(|(title, path)| PostRef { title, path })
}

pub fn item_ext() -> impl Strategy<Value = ItemExt> {
    (
        any::<String>(),
        any::<String>(),
        opt_text(),
        prop::option::of(
            (any::<String>(), opt_text()).prop_map(|(name, url)| Source { name, url }),
        ),
        any::<u32>(),
        prop::option::of(post_ref()),
        prop::option::of(post_ref()),
    )
        .prop_map(
            |(slug, path, byline, source, words, newer, older)| ItemExt {
                slug,
                path,
                byline,
                source,
                words,
                newer,
                older,
                related: Vec::new(),
            },
        )
}

pub fn item() -> impl Strategy<Value = Item> {
    (
        (
            any::<String>(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
        ),
        (
            opt_text(),
            opt_text(),
            prop::collection::vec(author(), 0..3),
            prop::option::of(author()),
            prop::collection::vec(any::<String>(), 0..4),
            opt_text(),
            prop::option::of(item_ext()),
        ),
    )
        .prop_map(
            |(
                (id, url, external_url, title, content_html, content_text, summary, image),
                (date_published, date_modified, authors, author, tags, language, ext),
            )| Item {
                id,
                url,
                external_url,
                title,
                content_html,
                content_text,
                summary,
                image,
                date_published,
                date_modified,
                authors,
                author,
                tags,
                language,
                ext,
            },
        )
}

pub fn feed() -> impl Strategy<Value = Feed> {
    (
        (
            any::<String>(),
            any::<String>(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
            opt_text(),
        ),
        (
            opt_text(),
            opt_text(),
            prop::collection::vec(author(), 0..2),
            prop::option::of(author()),
            prop::collection::vec(item(), 0..4),
            prop::option::of(
                (any::<u32>(), any::<u32>(), any::<u64>(), opt_text()).prop_map(
                    |(page, total_pages, total_items, prev_url)| FeedExt {
                        page,
                        total_pages,
                        total_items,
                        prev_url,
                    },
                ),
            ),
        ),
    )
        .prop_map(
            |(
                (version, title, home_page_url, feed_url, description, next_url, language),
                (icon, favicon, authors, author, items, ext),
            )| Feed {
                version,
                title,
                home_page_url,
                feed_url,
                description,
                next_url,
                language,
                icon,
                favicon,
                authors,
                author,
                items,
                ext,
            },
        )
}

pub fn archive_index() -> impl Strategy<Value = ArchiveIndex> {
    let m = (any::<u8>(), any::<u64>(), any::<u32>(), any::<String>()).prop_map(
        |(month, count, pages, url)| ArchiveMonth {
            month,
            count,
            pages,
            url,
        },
    );
    let y = (any::<i32>(), any::<u64>(), prop::collection::vec(m, 0..4)).prop_map(
        |(year, count, months)| ArchiveYear {
            year,
            count,
            months,
        },
    );
    (any::<u64>(), prop::collection::vec(y, 0..4))
        .prop_map(|(total, years)| ArchiveIndex { total, years })
}

pub fn label_index() -> impl Strategy<Value = LabelIndex> {
    let l = (
        any::<String>(),
        any::<String>(),
        any::<u64>(),
        any::<u32>(),
        any::<String>(),
    )
        .prop_map(|(name, slug, count, pages, url)| LabelEntry {
            name,
            slug,
            count,
            pages,
            url,
        });
    prop::collection::vec(l, 0..5).prop_map(|labels| LabelIndex { labels })
}
