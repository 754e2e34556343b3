//! Proptest strategies for the wire types, shared by the property tests of this crate and of the
//! app (feature `proptest`; only those tests enable it).
//!
//! The functions here build the values: which field gets which kind of value, how many entries a
//! list has. What each kind of value looks like is the caller's [`Leaves`] and [`IndexLeaves`]:
//! this crate's tests pass arbitrary strings (a serde round trip must keep anything), the app's
//! pass the text, URLs and dates feeds really hold and the adversarial forms of them.
//!
//! Every strategy draws its parts in the order of the struct's fields, and a part a suite does not
//! vary is `Just(…)`, which draws nothing: a suite's saved seeds (`*.proptest-regressions`) replay
//! the cases they were saved for.

use std::ops::Range;

use proptest::prelude::*;
use proptest::strategy::Union;

use crate::layout::Route;
use crate::{
    ArchiveIndex, ArchiveMonth, ArchiveYear, Author, Feed, FeedExt, Item, ItemExt, LabelEntry,
    LabelIndex, PageEntry, PageIndex, PostRef, Source,
};

/// Every route whose parts come from `slug` and `page`; `Route::Search` and `Route::Page`
/// among them only with `all` (a post's `_frontera.path`, or a list's link, never names the
/// search page or a standing page).
pub fn route(
    slug: BoxedStrategy<String>,
    page: BoxedStrategy<u32>,
    all: bool,
) -> BoxedStrategy<Route> {
    let mut routes = vec![
        page.clone().prop_map(|page| Route::Home { page }).boxed(),
        (0i32..=9999, 1u8..=12, slug.clone())
            .prop_map(|(year, month, slug)| Route::Post { year, month, slug })
            .boxed(),
        Just(Route::Archive).boxed(),
    ];
    if all {
        routes.push(Just(Route::Search).boxed());
        routes.push(slug.clone().prop_map(|slug| Route::Page { slug }).boxed());
    }
    routes.extend([
        (0i32..=9999, 1u8..=12, page.clone())
            .prop_map(|(year, month, page)| Route::Month { year, month, page })
            .boxed(),
        (slug, page)
            .prop_map(|(slug, page)| Route::Label { slug, page })
            .boxed(),
    ]);
    // Draws like `prop_oneof!` with equal weights.
    Union::new(routes).boxed()
}

/// How the text fields of feeds, items and authors are made.
#[derive(Clone, Debug)]
pub struct Leaves {
    /// Text that is always there: `Source::name`, `PostRef::title`, tags, a label's name, a
    /// feed's `version` and `title`.
    pub text: BoxedStrategy<String>,
    /// Optional text: titles, bodies, summaries, bylines, an author's name, a feed's description.
    pub opt_text: BoxedStrategy<Option<String>>,
    /// An item's `id`.
    pub id: BoxedStrategy<String>,
    /// Optional URLs: an item's `url` and `external_url`, an author's and a source's `url`, a
    /// feed's links and icons.
    pub opt_url: BoxedStrategy<Option<String>>,
    /// An item's `date_published`.
    pub opt_date: BoxedStrategy<Option<String>>,
    /// An item's or a feed's `language`.
    pub opt_language: BoxedStrategy<Option<String>>,
    /// The optional fields some suites leave empty (`Just(None)`): an author's `avatar`, an
    /// item's `image` and `date_modified`.
    pub opt_extra: BoxedStrategy<Option<String>>,
    /// `_frontera.slug` of an item, a label's slug.
    pub slug: BoxedStrategy<String>,
    /// `_frontera.path` of an item, a `PostRef`'s path.
    pub path: BoxedStrategy<String>,
    /// Whether an item's `newer` and `older` are made ([`post_ref`]) or always `None`.
    pub neighbours: bool,
}

/// How the numbers and sizes of the archive and label indexes are made.
#[derive(Clone, Debug)]
pub struct IndexLeaves {
    /// A year of the archive.
    pub year: BoxedStrategy<i32>,
    /// A month of the archive.
    pub month: BoxedStrategy<u8>,
    /// The post count of a year.
    pub year_count: BoxedStrategy<u64>,
    /// The post count of a month.
    pub month_count: BoxedStrategy<u64>,
    /// The post count of a label.
    pub label_count: BoxedStrategy<u64>,
    /// The page count of a month or a label.
    pub pages: BoxedStrategy<u32>,
    /// The `url` of a month or a label.
    pub url: BoxedStrategy<String>,
    /// How many years the archive has.
    pub years: Range<usize>,
    /// How many months a year has.
    pub months: Range<usize>,
    /// How many labels the label index has.
    pub labels: Range<usize>,
}

/// An author: `name` from `opt_text`, `url` from `opt_url`, `avatar` from `opt_extra`.
pub fn author(l: &Leaves) -> BoxedStrategy<Author> {
    (l.opt_text.clone(), l.opt_url.clone(), l.opt_extra.clone())
        .prop_map(|(name, url, avatar)| Author { name, url, avatar })
        .boxed()
}

/// A link to another post: `title` from `text`, `path` from `path`.
pub fn post_ref(l: &Leaves) -> BoxedStrategy<PostRef> {
    (l.text.clone(), l.path.clone(), l.opt_text.clone())
        .prop_map(|(title, path, language)| PostRef {
            title,
            path,
            language,
        })
        .boxed()
}

/// Frontera's extension of an item (`_frontera`), without related posts.
pub fn item_ext(l: &Leaves) -> BoxedStrategy<ItemExt> {
    let neighbour = if l.neighbours {
        prop::option::of(post_ref(l)).boxed()
    } else {
        Just(None).boxed()
    };
    let source = (l.text.clone(), l.opt_url.clone()).prop_map(|(name, url)| Source { name, url });
    (
        l.slug.clone(),
        l.path.clone(),
        l.opt_text.clone(),
        prop::option::of(source),
        any::<u32>(),
        neighbour.clone(),
        neighbour,
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
                more: false,
            },
        )
        .boxed()
}

/// An item of a feed, with or without Frontera's extension.
pub fn item(l: &Leaves) -> BoxedStrategy<Item> {
    (
        (
            l.id.clone(),
            l.opt_url.clone(),
            l.opt_url.clone(),
            l.opt_text.clone(),
            l.opt_text.clone(),
            l.opt_text.clone(),
            l.opt_text.clone(),
            l.opt_extra.clone(),
        ),
        (
            l.opt_date.clone(),
            l.opt_extra.clone(),
            prop::collection::vec(author(l), 0..3),
            prop::option::of(author(l)),
            prop::collection::vec(l.text.clone(), 0..4),
            l.opt_language.clone(),
            prop::option::of(item_ext(l)),
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
        .boxed()
}

/// A feed page of up to three items, with or without Frontera's extension.
pub fn feed(l: &Leaves) -> BoxedStrategy<Feed> {
    let ext = (any::<u32>(), any::<u32>(), any::<u64>(), l.opt_url.clone()).prop_map(
        |(page, total_pages, total_items, prev_url)| FeedExt {
            page,
            total_pages,
            total_items,
            prev_url,
        },
    );
    let head = (
        l.text.clone(),
        l.text.clone(),
        l.opt_url.clone(),
        l.opt_url.clone(),
        l.opt_text.clone(),
        l.opt_url.clone(),
        l.opt_language.clone(),
    );
    let rest = (
        l.opt_url.clone(),
        l.opt_url.clone(),
        prop::collection::vec(author(l), 0..2),
        prop::option::of(author(l)),
        prop::collection::vec(item(l), 0..4),
        prop::option::of(ext),
    );
    (head, rest)
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
        .boxed()
}

/// The archive index: years of months, each with its count.
pub fn archive_index(n: &IndexLeaves) -> BoxedStrategy<ArchiveIndex> {
    let month = (
        n.month.clone(),
        n.month_count.clone(),
        n.pages.clone(),
        n.url.clone(),
    )
        .prop_map(|(month, count, pages, url)| ArchiveMonth {
            month,
            count,
            pages,
            url,
        });
    let year = (
        n.year.clone(),
        n.year_count.clone(),
        prop::collection::vec(month, n.months.clone()),
    )
        .prop_map(|(year, count, months)| ArchiveYear {
            year,
            count,
            months,
        });
    (any::<u64>(), prop::collection::vec(year, n.years.clone()))
        .prop_map(|(total, years)| ArchiveIndex { total, years })
        .boxed()
}

/// The label index: each label's name from `text`, slug from `slug`, numbers from `n`.
pub fn label_index(l: &Leaves, n: &IndexLeaves) -> BoxedStrategy<LabelIndex> {
    let label = (
        l.text.clone(),
        l.slug.clone(),
        n.label_count.clone(),
        n.pages.clone(),
        n.url.clone(),
    )
        .prop_map(|(name, slug, count, pages, url)| LabelEntry {
            name,
            slug,
            count,
            pages,
            url,
        });
    prop::collection::vec(label, n.labels.clone())
        .prop_map(|labels| LabelIndex { labels })
        .boxed()
}

/// A pages index: up to `n.labels` pages, titles from `l.text`, paths from `l.path`, languages
/// from `l.opt_language`.
pub fn page_index(l: &Leaves, n: &IndexLeaves) -> BoxedStrategy<PageIndex> {
    let page = (l.text.clone(), l.path.clone(), l.opt_language.clone()).prop_map(
        |(title, path, language)| PageEntry {
            title,
            path,
            language,
        },
    );
    prop::collection::vec(page, n.labels.clone())
        .prop_map(|pages| PageIndex { pages })
        .boxed()
}
