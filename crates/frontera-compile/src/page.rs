//! Standing pages (`type = "page"` in the front matter): About, Contact, Send us a tip.
//!
//! A page is outside the chronology, as on Blogger: it has its own route (`/p/<slug>`) and
//! document (`pages/<slug>.json`, one JSON Feed item like a post's), the masthead links to it
//! through the pages index ([`PAGE_INDEX`]), and the sitemap lists it; no home page, archive,
//! month, label list, feed or related-posts list holds it.

use frontera_wire::{layout::Route, Item, ItemExt, PageEntry, PageIndex};

use crate::{date::PostDate, diag::Diag};

pub use frontera_wire::layout::PAGE_INDEX;

/// A compiled page.
#[derive(Clone, Debug)]
pub struct Page {
    /// The source, for error messages (duplicate URLs).
    pub file: String,
    /// When it was written, if its front matter says (the sitemap's `lastmod` without `updated`).
    pub date: Option<PostDate>,
    pub slug: String,
    /// The page's document, as the app reads it.
    pub item: Item,
}

impl Page {
    /// The page's route, `/p/<slug>`.
    pub fn route(&self) -> Route {
        Route::Page {
            slug: self.slug.clone(),
        }
    }

    /// The `_frontera` extension (always present on compiled pages).
    pub fn ext(&self) -> &ItemExt {
        self.item
            .ext
            .as_ref()
            .expect("compiled pages carry the extension")
    }

    /// When the page last changed: `updated`, else its date; `None` when it has neither.
    pub fn updated(&self) -> Option<PostDate> {
        self.item
            .date_modified
            .as_deref()
            .and_then(|d| PostDate::parse(d).ok())
            .or(self.date)
    }

    /// The page as the masthead links to it.
    pub fn entry(&self) -> PageEntry {
        PageEntry {
            title: self.item.title.clone().unwrap_or_default(),
            path: self.ext().path.clone(),
            language: self.item.language.clone(),
        }
    }
}

/// Puts pages in the masthead's order, oldest first (the order Blogger's Pages widget lists them
/// in until someone reorders it), pages without a date after the dated ones, ties by slug; and
/// rejects two pages with the same slug.
pub fn order(mut pages: Vec<Page>) -> Result<Vec<Page>, Vec<Diag>> {
    pages.sort_by(|a, b| {
        let when = |p: &Page| p.date.map(|d| d.instant());
        (when(a).is_none(), when(a), &a.slug, &a.file).cmp(&(
            when(b).is_none(),
            when(b),
            &b.slug,
            &b.file,
        ))
    });
    crate::site::one_file_per_url(pages, |p| (p.ext().path.as_str(), p.file.as_str()))
}

/// The pages index for `pages`, in their order ([`order`]).
pub fn index(pages: &[Page]) -> PageIndex {
    PageIndex {
        pages: pages.iter().map(Page::entry).collect(),
    }
}
