//! The word count and the first paragraph of a post body, gathered while the body is written
//! (from Markdown events in `markdown`, from HTML tokens in `html`), so each body is parsed once;
//! and the summary cut from that paragraph.

/// What has been seen of a body's text so far.
#[derive(Default)]
pub(crate) struct Words {
    /// Words so far.
    pub words: u32,
    in_word: bool,
    /// 0 = first paragraph not reached, 1 = inside it, 2 = done.
    pub first_state: u8,
    /// The first paragraph's text, words separated by one space.
    pub first_paragraph: String,
}

impl Words {
    /// One character of article text.
    pub fn char(&mut self, c: char) {
        if c.is_whitespace() {
            self.space();
            return;
        }
        if !self.in_word {
            self.words += 1;
            self.in_word = true;
        }
        if self.first_state == 1 {
            self.first_paragraph.push(c);
        }
    }

    /// A word boundary (whitespace, or the start or end of a block).
    pub fn space(&mut self) {
        if self.in_word && self.first_state == 1 {
            self.first_paragraph.push(' ');
        }
        self.in_word = false;
    }
}

/// Cuts `text` to at most `max_chars` characters at a word boundary, ending in `…` when cut.
/// Whitespace runs are collapsed first, so the limit counts what a reader sees.
pub fn cut_summary(text: &str, max_chars: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    // Room for the ellipsis.
    let limit = max_chars.saturating_sub(1);
    let hard_end = text
        .char_indices()
        .nth(limit)
        .map_or(text.len(), |(i, _)| i);
    // The cut is at a word boundary if the next character is a space; else back up to the last
    // space. A single word longer than the limit is cut mid-word rather than dropped.
    let end = if text[hard_end..].starts_with(' ') {
        hard_end
    } else {
        text[..hard_end].rfind(' ').unwrap_or(hard_end)
    };
    let kept = text[..end].trim_end_matches(|c: char| c.is_whitespace() || ",;:—–-".contains(c));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_cut_at_a_word_boundary() {
        assert_eq!(cut_summary("  short\n text ", 280), "short text");
        let long = "palabra ".repeat(60);
        let s = cut_summary(&long, 280);
        assert!(s.chars().count() <= 280, "{}", s.chars().count());
        assert!(s.ends_with("palabra…"), "{s}");
        assert_eq!(cut_summary("one two three", 9), "one two…");
        assert_eq!(cut_summary("one two, three", 12), "one two…");
        assert_eq!(cut_summary("abcdefghijkl", 5), "abcd…");
        assert_eq!(cut_summary("ñandú ñandú ñandú", 12), "ñandú ñandú…");
    }
}
