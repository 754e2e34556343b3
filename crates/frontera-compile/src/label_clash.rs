//! Two labels that are different words but share one page.
//!
//! A label's page is named by its slug, which the app computes from the name as well
//! (`frontera_wire::slug::label_slug`), so spellings that slugify alike are one label by design:
//! `Border`, `border` and `Juárez`/`Juarez` are the same label, named by its most used spelling.
//! But the slug drops symbols, so `C++` and `C#` (or `Border & Security` and `Border Security`)
//! would also be one page, titled with one of the two names and listing the posts of both. That
//! is an error, naming both spellings and a file of each: only the editor knows which to rename.

use std::collections::{HashMap, HashSet};

use crate::{diag::Diag, post::Post};

/// Characters that separate words in a label and are not part of its meaning.
const SEPARATORS: &[char] = &[
    '-', '_', '\'', '’', '.', ',', ':', ';', '!', '?', '¿', '¡', '"', '“', '”', '(', ')', '[', ']',
    '/',
];

/// The symbols a label's slug leaves out (`+`, `#`, `&`, an emoji…), in order: two spellings of
/// one slug are one label when these agree.
fn symbols(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace() && !SEPARATORS.contains(c))
        .collect()
}

/// One error per spelling that shares a page with a different label, on the first file (in the
/// posts' order) that uses it.
pub fn check(posts: &[Post]) -> Vec<Diag> {
    let mut first: HashMap<&str, (String, &str, String)> = HashMap::new();
    let mut reported: HashSet<(&str, String)> = HashSet::new();
    let mut errors = Vec::new();
    for post in posts {
        let lines = post
            .label_lines
            .iter()
            .copied()
            .map(Some)
            .chain(std::iter::repeat(None));
        for ((name, slug), line) in post.item.tags.iter().zip(&post.label_slugs).zip(lines) {
            let key = symbols(name);
            let at = match line {
                Some(l) => format!("{}:{l}", post.file),
                None => post.file.clone(),
            };
            match first.get(slug.as_str()) {
                None => {
                    first.insert(slug, (key, name, at));
                }
                Some((k, other, file)) if *k != key && reported.insert((slug, key.clone())) => {
                    let diag = |m| match line {
                        Some(l) => Diag::at(&post.file, l, m),
                        None => Diag::file(&post.file, m),
                    };
                    errors.push(diag(
                        format!(
                            "label {name:?} and label {other:?} (in {file}) would share one page, \
                             /label/{slug}/: rename one of them in its posts (for example \
                             \"C sharp\" beside \"C++\"), or spell them alike to make them one label"
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::symbols;

    #[test]
    fn symbols_tell_labels_apart_and_separators_do_not() {
        assert_ne!(symbols("C++"), symbols("C#"));
        assert_ne!(symbols("Border & Security"), symbols("Border Security"));
        assert_eq!(symbols("Border-Security"), symbols("border security"));
        assert_eq!(symbols("Juárez"), symbols("Juarez"));
        assert_eq!(symbols("¿Qué pasa?"), symbols("Que pasa"));
        assert_ne!(symbols("🌵 news"), symbols("news"));
    }
}
