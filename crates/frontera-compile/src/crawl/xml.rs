//! A thin layer over quick-xml's writer for the crawl files.
//!
//! quick-xml escapes every text and attribute value (`<`, `>`, `&`, quotes, `\r`), so markup in
//! a title or a `]]>` in a post cannot break out of its element. What escaping cannot fix is a
//! character XML 1.0 forbids outright (most C0 controls, U+FFFE, U+FFFF: even `&#1;` is not
//! well-formed), and front matter may carry those through TOML escapes such as `"\u0001"`;
//! [`clean`] drops them from every value before it is written.

use std::borrow::Cow;

use quick_xml::{
    events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event},
    Writer,
};

/// An XML document being written to memory.
pub(crate) struct Xml {
    w: Writer<Vec<u8>>,
}

/// Writing into a `Vec` cannot fail; quick-xml's `io::Result` only matters for real writers.
const IN_MEMORY: &str = "writing XML to memory cannot fail";

impl Xml {
    /// A document with its `<?xml …?>` declaration written.
    pub fn new(capacity: usize) -> Xml {
        let mut w = Writer::new_with_indent(Vec::with_capacity(capacity), b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect(IN_MEMORY);
        Xml { w }
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.w.get_ref().len()
    }

    /// Takes back everything written after byte `len`. Only valid at an element boundary of
    /// the same depth (the writer's indentation state is not rewound).
    pub fn truncate(&mut self, len: usize) {
        self.w.get_mut().truncate(len);
    }

    /// `<name attrs…>`.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.w
            .write_event(Event::Start(start(name, attrs)))
            .expect(IN_MEMORY);
    }

    /// `</name>`.
    pub fn close(&mut self, name: &str) {
        self.w
            .write_event(Event::End(BytesEnd::new(name)))
            .expect(IN_MEMORY);
    }

    /// `<name attrs…>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.w
            .write_event(Event::Text(BytesText::new(&clean(text))))
            .expect(IN_MEMORY);
        self.close(name);
    }

    /// `<name attrs…/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.w
            .write_event(Event::Empty(start(name, attrs)))
            .expect(IN_MEMORY);
    }

    /// The finished document, ending with a newline.
    pub fn finish(self) -> Vec<u8> {
        let mut bytes = self.w.into_inner();
        bytes.push(b'\n');
        bytes
    }
}

fn start<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> BytesStart<'a> {
    BytesStart::new(name).with_attributes(attrs.iter().map(|&(k, v)| (k, clean(v))))
}

/// `text` without the characters XML 1.0's `Char` production excludes (C0 controls other than
/// tab, line feed and carriage return; U+FFFE; U+FFFF). Borrowed when there are none.
pub fn clean(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        let mut x = Xml::new(64);
        x.open("a", &[("t", "\"q\" & <'x'>\u{1}")]);
        x.leaf("b", &[], "]]> <script>&amp;\u{0}\u{b}\u{FFFF}\ttab\r");
        x.empty("c", &[("u", "x\ny")]);
        x.close("a");
        let text = String::from_utf8(x.finish()).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(text.contains("t=\"&quot;q&quot; &amp; &lt;&apos;x&apos;&gt;\""));
        assert!(text.contains("<b>]]&gt; &lt;script&gt;&amp;amp;\ttab&#13;</b>"));
        assert!(!text.contains(['\u{0}', '\u{1}', '\u{b}', '\u{FFFF}']));
    }

    #[test]
    fn clean_borrows_clean_text() {
        assert!(matches!(clean("año\tok"), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{7}b\u{FFFE}"), "ab");
    }
}
