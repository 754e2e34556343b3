//! The archive and label widgets, derived from the compiler's index documents.

use frontera_wire::layout::{slug_part, Route};
use frontera_wire::{ArchiveIndex, LabelIndex};

/// One year in the archive widget.
#[derive(Clone, Debug, PartialEq)]
pub struct YearEntry {
    pub year: i32,
    pub count: u64,
    pub months: Vec<MonthEntry>,
}

/// One month in the archive widget, linking to its list.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthEntry {
    pub year: i32,
    pub month: u8,
    pub count: u64,
    pub path: String,
}

/// One label in the labels widget.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelEntry {
    pub name: String,
    pub count: u64,
    pub path: String,
}

/// Years newest first, months newest first, whatever order the index used. Counts are recomputed
/// from the months so the widget never disagrees with itself; empty and invalid months are dropped.
pub fn archive_years(index: ArchiveIndex) -> Vec<YearEntry> {
    let mut years: Vec<YearEntry> = index
        .years
        .into_iter()
        .filter(|y| (0..=9999).contains(&y.year))
        .map(|y| {
            let mut months: Vec<MonthEntry> = y
                .months
                .into_iter()
                .filter(|m| (1..=12).contains(&m.month) && m.count > 0)
                .map(|m| MonthEntry {
                    year: y.year,
                    month: m.month,
                    count: m.count,
                    path: Route::Month {
                        year: y.year,
                        month: m.month,
                        page: 1,
                    }
                    .path(),
                })
                .collect();
            months.sort_by_key(|m| std::cmp::Reverse(m.month));
            months.dedup_by_key(|m| m.month);
            YearEntry {
                year: y.year,
                // Saturating: counts come from a file, and an absurd one must not overflow.
                count: months.iter().fold(0, |n: u64, m| n.saturating_add(m.count)),
                months,
            }
        })
        .filter(|y| !y.months.is_empty())
        .collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    years
}

/// Labels with a valid slug, most used first (ties by name), as the index gives them otherwise.
pub fn label_entries(index: LabelIndex) -> Vec<LabelEntry> {
    let mut out: Vec<LabelEntry> = index
        .labels
        .into_iter()
        .filter(|l| l.count > 0 && !l.name.trim().is_empty())
        .filter_map(|l| {
            let slug = slug_part(&l.slug)?;
            Some(LabelEntry {
                name: l.name,
                count: l.count,
                path: Route::Label { slug, page: 1 }.path(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    out
}

/// The label's display name for a slug, if the index knows it.
pub fn label_name<'a>(labels: &'a [LabelEntry], slug: &str) -> Option<&'a str> {
    let path = Route::Label {
        slug: slug.to_string(),
        page: 1,
    }
    .path();
    labels
        .iter()
        .find(|l| l.path == path)
        .map(|l| l.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontera_wire::{ArchiveMonth, ArchiveYear, LabelEntry as WireLabel};

    fn month(m: u8, count: u64) -> ArchiveMonth {
        ArchiveMonth {
            month: m,
            count,
            pages: 1,
            url: String::new(),
        }
    }

    #[test]
    fn sorts_recounts_and_drops_bad_months() {
        let index = ArchiveIndex {
            total: 999,
            years: vec![
                ArchiveYear {
                    year: 2023,
                    count: 1,
                    months: vec![month(3, 2), month(11, 5), month(13, 9), month(4, 0)],
                },
                ArchiveYear {
                    year: 2025,
                    count: 7,
                    months: vec![month(1, 7)],
                },
                ArchiveYear {
                    year: 2024,
                    count: 3,
                    months: vec![],
                },
            ],
        };
        let years = archive_years(index);
        assert_eq!(
            years.iter().map(|y| y.year).collect::<Vec<_>>(),
            vec![2025, 2023]
        );
        assert_eq!(years[1].count, 7, "recounted from the months: 5 + 2");
        assert_eq!(
            years[1].months.iter().map(|m| m.month).collect::<Vec<_>>(),
            vec![11, 3]
        );
        assert_eq!(years[1].months[0].path, "/archive/2023/11");
    }

    #[test]
    fn absurd_counts_do_not_overflow() {
        // Found by tests/props.rs: the recount overflowed (a panic in debug builds).
        let index = ArchiveIndex {
            total: 0,
            years: vec![ArchiveYear {
                year: 1990,
                count: 0,
                months: vec![month(1, u64::MAX - 1), month(2, 5)],
            }],
        };
        assert_eq!(archive_years(index)[0].count, u64::MAX);
    }

    #[test]
    fn labels_most_used_first_with_valid_slugs_only() {
        let l = |name: &str, slug: &str, count| WireLabel {
            name: name.into(),
            slug: slug.into(),
            count,
            pages: 1,
            url: String::new(),
        };
        let index = LabelIndex {
            labels: vec![
                l("Agua", "agua", 3),
                l("Migración", "migracion", 9),
                l("Bad", "../x", 4),
                l("Aduana", "aduana", 3),
            ],
        };
        let labels = label_entries(index);
        let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, vec!["Migración", "Aduana", "Agua"]);
        assert_eq!(labels[0].path, "/label/migracion");
        assert_eq!(label_name(&labels, "migracion"), Some("Migración"));
        assert_eq!(label_name(&labels, "nope"), None);
    }
}
