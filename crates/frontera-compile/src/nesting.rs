//! How deep an HTML post's elements nest, read from its tags as they stream past, so that tags
//! deeper than [`MAX_DEPTH`] can be left out (their text stays), as Markdown posts' are.
//!
//! The sanitiser's tree builder checks every open element at each tag: a pasted body of 100,000
//! nested `<blockquote>`s took 24 s to compile and kept every level for the prerenderer and the
//! browser (which stops nesting at 512). Counting here needs only the few implied ends that keep
//! ordinary HTML shallow: an unclosed `<li>` or `<p>` is closed by the next one, and a `<p>` by a
//! block; anything stranger only counts deeper than it is, which matters past 48 levels alone.

use crate::markdown::MAX_DEPTH;

/// Elements with no end tag: they never open a level.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements a start tag of the same kind closes (an unclosed `<li>` before the next `<li>`).
const SELF_CLOSING: [&str; 8] = ["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// The open elements, each with whether its tags are written.
#[derive(Default)]
pub struct Nesting {
    open: Vec<(String, bool)>,
}

impl Nesting {
    /// A start tag of `name` (`block`: it ends an open paragraph). Returns whether to write it.
    pub fn start(&mut self, name: &str, block: bool) -> bool {
        if VOID.contains(&name) {
            return self.open.len() < MAX_DEPTH;
        }
        let closes_top = self.open.last().is_some_and(|(top, _)| {
            (top == name && SELF_CLOSING.contains(&name)) || (block && top == "p")
        });
        if closes_top {
            self.open.pop();
        }
        let written = self.open.len() < MAX_DEPTH;
        self.open.push((name.to_string(), written));
        written
    }

    /// An end tag of `name`. Returns whether to write it: an end tag of nothing open is written
    /// (the sanitiser ignores it), one whose start was left out is left out too.
    pub fn end(&mut self, name: &str) -> bool {
        match self.open.iter().rposition(|(n, _)| n == name) {
            Some(at) => {
                let written = self.open[at].1;
                self.open.truncate(at);
                written
            }
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_past_the_cap_are_left_out_and_their_ends_with_them() {
        let mut n = Nesting::default();
        let starts: Vec<bool> = (0..MAX_DEPTH + 2)
            .map(|_| n.start("blockquote", true))
            .collect();
        assert_eq!(starts.iter().filter(|w| **w).count(), MAX_DEPTH);
        assert!(!n.start("img", false), "a void element past the cap");
        let ends: Vec<bool> = (0..MAX_DEPTH + 2).map(|_| n.end("blockquote")).collect();
        assert_eq!(&ends[..2], [false, false]);
        assert!(ends[2..].iter().all(|w| *w));
        assert!(n.start("blockquote", true), "back at the top");
    }

    #[test]
    fn unclosed_items_and_paragraphs_do_not_deepen() {
        let mut n = Nesting::default();
        n.start("ul", true);
        for _ in 0..200 {
            assert!(n.start("li", true));
        }
        n.end("ul");
        for _ in 0..200 {
            assert!(n.start("p", true));
            assert!(n.start("div", true), "a block closes the paragraph");
            n.end("div");
        }
        assert!(n.end("span"), "an end of nothing open is kept");
    }
}
