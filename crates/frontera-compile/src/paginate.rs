//! Pagination math and the relative URLs that link pages and indexes.
//!
//! Links between data documents are relative to the document that holds them (`"2.json"`,
//! `"2024/03/1.json"`), so the whole data folder can be served from any root and the app
//! resolves them with `frontera_wire::layout::resolve`.

use std::ops::Range;

/// Number of pages for `total` items. A list always has at least one page, so an empty blog
/// still has a `home/1.json` to load.
pub fn page_count(total: usize, page_size: u32) -> u32 {
    let size = page_size.max(1) as usize;
    total.div_ceil(size).max(1) as u32
}

/// The items on 1-based `page`: an empty range past the end.
pub fn page_range(page: u32, page_size: u32, total: usize) -> Range<usize> {
    let size = page_size.max(1) as usize;
    let start = (page.max(1) as usize - 1).saturating_mul(size).min(total);
    start..(start + size).min(total)
}

/// A relative reference from document `from` to document `to` (both relative to the same root),
/// such that `resolve(from, relative(from, to)) == to`.
pub fn relative(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = match from.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    // Never consume the file name of `to` as a shared directory.
    let common = common.min(to_parts.len() - 1);
    let mut out: Vec<&str> = vec![".."; from_dir.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontera_wire::layout::resolve;

    #[test]
    fn page_counts() {
        assert_eq!(page_count(0, 7), 1);
        assert_eq!(page_count(1, 7), 1);
        assert_eq!(page_count(7, 7), 1);
        assert_eq!(page_count(8, 7), 2);
        assert_eq!(page_count(100_000, 7), 14_286);
    }

    #[test]
    fn page_ranges_cover_everything_once() {
        let (total, size) = (23, 7);
        let mut seen = Vec::new();
        for p in 1..=page_count(total, size) {
            let r = page_range(p, size, total);
            assert!(!r.is_empty() && r.len() <= size as usize);
            seen.extend(r);
        }
        assert_eq!(seen, (0..total).collect::<Vec<_>>());
        assert_eq!(page_range(4, size, total), 21..23);
        assert!(page_range(5, size, total).is_empty());
    }

    #[test]
    fn relative_links_resolve_back() {
        let cases = [
            ("home/1.json", "home/2.json", "2.json"),
            (
                "archive/index.json",
                "archive/2024/03/1.json",
                "2024/03/1.json",
            ),
            (
                "labels/index.json",
                "labels/garita-vieja/1.json",
                "garita-vieja/1.json",
            ),
            ("archive/2024/03/2.json", "archive/2024/03/1.json", "1.json"),
            ("home/1.json", "labels/x/1.json", "../labels/x/1.json"),
            (
                "archive/2024/03/1.json",
                "home/1.json",
                "../../../home/1.json",
            ),
        ];
        for (from, to, want) in cases {
            assert_eq!(relative(from, to), want, "{from} -> {to}");
            assert_eq!(resolve(from, &relative(from, to)), to);
        }
    }
}
