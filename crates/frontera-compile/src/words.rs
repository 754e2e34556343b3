//! The word count and the first paragraph of a post body, gathered while the body is written
//! (from Markdown events in `markdown`, from HTML tokens in `html`), so each body is parsed once.

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
