//! JATS, MathML and HTML in titles and abstracts (Lens.org and Crossref-based exports), read as plain text.
//!
//! The rule, applied once to a field's text:
//! 1. Character references are decoded in one left-to-right pass: named ones from [`entities`] and numeric
//!    ones (`&#946;`, `&#x3B2;`). `&amp;` directly in front of another reference is read as that reference
//!    (`&amp;amp;` → `&`, `&amp;lt;` → `<`): a producer that escaped twice meant it once. Decoded text is never
//!    decoded again, and an unknown name (`&foo;`) or a bare `&` (`R&D`) stays as it is.
//! 2. Then a tag is removed when its name is known markup: anything in the `jats:` or `mml:` namespace, and
//!    the HTML, JATS and MathML names in [`INLINE`], [`BLOCK`] and [`TITLE`], in any case. A `<` that does not
//!    open such a tag is text: `p<0.05`, `a < b > c`, `<5 mm`, `<unknown>`. So is a tag decoded from `&lt;`.
//! 3. Inline tags vanish without a space (`PM<sub>2.5</sub>` reads `PM2.5`); block tags (`<p>`, `<br>`,
//!    `<sec>`) end a paragraph, or give a space in one-line fields; a title element (`<jats:title>Background
//!    </jats:title>`) labels the paragraphs that follow it. Text with markup has its whitespace runs
//!    (the XML's indentation) squeezed; text without is returned as it was.

mod entities;

use std::borrow::Cow;

/// Tags that sit inside a run of text.
const INLINE: &[&str] = &[
    "a",
    "abbr",
    "abbrev",
    "annotation",
    "b",
    "big",
    "bold",
    "cite",
    "code",
    "del",
    "em",
    "email",
    "ext-link",
    "font",
    "i",
    "inline-formula",
    "inline-graphic",
    "ins",
    "italic",
    "label",
    "mark",
    "math",
    "merror",
    "mfenced",
    "mfrac",
    "mi",
    "mmultiscripts",
    "mn",
    "mo",
    "monospace",
    "mover",
    "mpadded",
    "mroot",
    "mrow",
    "ms",
    "mspace",
    "msqrt",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "munder",
    "munderover",
    "named-content",
    "q",
    "roman",
    "s",
    "sans-serif",
    "sc",
    "semantics",
    "small",
    "span",
    "strike",
    "strong",
    "styled-content",
    "sub",
    "sup",
    "tex-math",
    "tt",
    "u",
    "underline",
    "uri",
    "xref",
];

/// Tags that start or end a paragraph.
const BLOCK: &[&str] = &[
    "abstract",
    "blockquote",
    "br",
    "caption",
    "disp-formula",
    "div",
    "fig",
    "li",
    "list",
    "list-item",
    "ol",
    "p",
    "sec",
    "table-wrap",
    "trans-abstract",
    "ul",
];

/// Tags whose text is a heading: the label of the paragraphs after it.
const TITLE: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6", "title"];

/// One paragraph of text read from markup, with the heading it stands under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub label: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    Inline,
    Block,
    Title { closing: bool },
}

enum Token<'a> {
    Text(&'a str),
    Tag(TagKind),
}

/// One-line text (a title, a journal, a name) with references decoded and markup removed.
pub fn plain_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<']) {
        return Cow::Borrowed(text);
    }
    let decoded = decode_references(text);
    let tokens = tokens(&decoded);
    if !tokens.iter().any(|token| matches!(token, Token::Tag(_))) {
        return Cow::Owned(decoded.into_owned());
    }
    let mut line = String::with_capacity(decoded.len());
    for token in tokens {
        match token {
            Token::Text(text) => line.push_str(text),
            Token::Tag(TagKind::Inline) => {}
            Token::Tag(_) => line.push(' '),
        }
    }
    Cow::Owned(squeeze(&line))
}

/// Paragraph text (an abstract) with references decoded and markup read as paragraphs and headings.
/// `None` when the text has no tags: then only references needed decoding, see [`decode_references`].
pub fn paragraphs(text: &str) -> Option<Vec<Paragraph>> {
    if !text.contains(['<', '&']) {
        return None;
    }
    let decoded = decode_references(text);
    let tokens = tokens(&decoded);
    if !tokens.iter().any(|token| matches!(token, Token::Tag(_))) {
        return None;
    }
    let mut builder = Paragraphs::default();
    for token in tokens {
        match token {
            Token::Text(text) => builder.text(text),
            Token::Tag(TagKind::Inline) => {}
            Token::Tag(TagKind::Block) => builder.end_paragraph(),
            Token::Tag(TagKind::Title { closing: false }) => builder.open_title(),
            Token::Tag(TagKind::Title { closing: true }) => builder.close_title(),
        }
    }
    Some(builder.finish())
}

#[derive(Default)]
struct Paragraphs {
    done: Vec<Paragraph>,
    label: Option<String>,
    current: String,
    title: Option<String>,
}

impl Paragraphs {
    fn text(&mut self, text: &str) {
        self.title.as_mut().unwrap_or(&mut self.current).push_str(text);
    }

    fn end_paragraph(&mut self) {
        let text = squeeze(&std::mem::take(&mut self.current));
        if !text.is_empty() {
            self.done.push(Paragraph { label: self.label.take(), text });
        }
    }

    fn open_title(&mut self) {
        self.end_paragraph();
        self.title = Some(String::new());
    }

    fn close_title(&mut self) {
        let Some(title) = self.title.take() else { return };
        let title = squeeze(&title);
        let title = title.trim_end_matches(':').trim_end();
        if title.is_empty() {
            return;
        }
        // A heading with no text of its own still shows.
        if let Some(label) = self.label.take() {
            self.done.push(Paragraph { label: Some(label), text: String::new() });
        }
        self.label = Some(title.to_string());
    }

    fn finish(mut self) -> Vec<Paragraph> {
        if let Some(title) = self.title.take() {
            self.current.push_str(&title);
        }
        self.end_paragraph();
        if let Some(label) = self.label.take() {
            self.done.push(Paragraph { label: Some(label), text: String::new() });
        }
        self.done
    }
}

/// `text` with character references decoded once (rule 1 above).
pub fn decode_references(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let mut after = &rest[at + 1..];
        while let Some(inner) = after.strip_prefix("amp;") {
            if reference_at(inner).is_none() {
                break;
            }
            after = inner;
        }
        match reference_at(after) {
            Some((c, length)) => {
                out.push(c);
                rest = &after[length..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character of the reference that `text` (just after a `&`) starts with, and its length with the `;`.
fn reference_at(text: &str) -> Option<(char, usize)> {
    let end = text.get(..text.len().min(34))?.find(';')?;
    let body = &text[..end];
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_alphanumeric() || c == '#') {
        return None;
    }
    entities::lookup(body).map(|c| (c, end + 1))
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(offset) = text[search..].find('<') {
        let at = search + offset;
        match tag_at(&text[at..]) {
            Some((kind, length)) => {
                if at > start {
                    tokens.push(Token::Text(&text[start..at]));
                }
                tokens.push(Token::Tag(kind));
                start = at + length;
                search = start;
            }
            None => search = at + 1,
        }
    }
    if start < text.len() {
        tokens.push(Token::Text(&text[start..]));
    }
    tokens
}

/// Longest tag read as one: attributes beyond this are more likely text with a stray `<`.
const MAX_TAG_LENGTH: usize = 1000;

/// The known tag `text` starts with (at its `<`), and its length.
fn tag_at(text: &str) -> Option<(TagKind, usize)> {
    let window = &text[1..text.len().min(MAX_TAG_LENGTH)];
    let end = window.find(['>', '<'])?;
    if window.as_bytes()[end] != b'>' {
        return None;
    }
    let inside = &window[..end];
    let (closing, inside) = match inside.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inside),
    };
    let name_end = inside.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(inside.len());
    let name = inside[..name_end].to_ascii_lowercase();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic())
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || ":-_.".contains(c))
    {
        return None;
    }
    let kind = kind_of(&name)?;
    let kind = if let TagKind::Title { .. } = kind { TagKind::Title { closing } } else { kind };
    Some((kind, end + 2))
}

fn kind_of(name: &str) -> Option<TagKind> {
    if name.starts_with("mml:") {
        return Some(TagKind::Inline);
    }
    let (local, namespaced) = match name.strip_prefix("jats:") {
        Some(local) => (local, true),
        None => (name, false),
    };
    if TITLE.contains(&local) {
        Some(TagKind::Title { closing: false })
    } else if BLOCK.contains(&local) {
        Some(TagKind::Block)
    } else if INLINE.contains(&local) || namespaced {
        Some(TagKind::Inline)
    } else {
        None
    }
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labelled(label: Option<&str>, text: &str) -> Paragraph {
        Paragraph { label: label.map(str::to_string), text: text.to_string() }
    }

    #[test]
    fn inline_markup_goes_without_a_trace() {
        assert_eq!(plain_line("PM<sub>2.5</sub> and CO<SUB>2</SUB>"), "PM2.5 and CO2");
        assert_eq!(plain_line("<i>BRCA1</i> in <jats:italic>vivo</jats:italic>"), "BRCA1 in vivo");
        assert_eq!(plain_line("<b>Bold</b> <span class=\"x\">claims</span>"), "Bold claims");
        assert_eq!(plain_line("x<mml:msup><mml:mi>e</mml:mi><mml:mn>2</mml:mn></mml:msup>"), "xe2");
        assert_eq!(plain_line("Line<br/>break"), "Line break");
    }

    #[test]
    fn references_are_decoded_once() {
        assert_eq!(plain_line("A &amp; B &lt; C, &#946;-cells, &#x3B1;, &eacute;"), "A & B < C, β-cells, α, é");
        assert_eq!(plain_line("Smith &amp;amp; Jones"), "Smith & Jones", "escaped twice");
        assert_eq!(plain_line("&amp;lt;i&amp;gt;Text&amp;lt;/i&amp;gt;"), "Text", "an escaped tag that is markup");
        assert_eq!(plain_line("&lt;p&gt;Escaped paragraph&lt;/p&gt;"), "Escaped paragraph");
        assert_eq!(plain_line("R&D &foo; & &; &#xZZ;"), "R&D &foo; & &; &#xZZ;", "not references");
        assert_eq!(decode_references("&amp;"), "&");
        assert_eq!(decode_references("&amp;amp;amp;"), "&");
    }

    #[test]
    fn less_than_signs_that_open_no_known_tag_are_text() {
        for text in ["p<0.05 and p < .001", "a < b > c", "<5 mm lesions", "the <unknown> tag", "x<y>z", "1 <> 2"] {
            assert_eq!(plain_line(text), text);
        }
        assert_eq!(plain_line("p &lt; .001"), "p < .001");
        assert_eq!(paragraphs("p < .001 and a<b"), None);
    }

    #[test]
    fn jats_paragraphs_and_titles_become_labelled_paragraphs() {
        let text = "<jats:sec>\n  <jats:title>Background</jats:title>\n  <jats:p>PM<jats:sub>2.5</jats:sub> harms.\n  </jats:p>\n\
                    </jats:sec><jats:sec><jats:title>Methods:</jats:title><jats:p>One.</jats:p><jats:p>Two.</jats:p></jats:sec>";
        assert_eq!(
            paragraphs(text).unwrap(),
            [labelled(Some("Background"), "PM2.5 harms."), labelled(Some("Methods"), "One."), labelled(None, "Two.")]
        );
        assert_eq!(
            paragraphs("<p>First.</p><p>Second &amp; last.</p>").unwrap(),
            [labelled(None, "First."), labelled(None, "Second & last.")]
        );
        assert_eq!(paragraphs("<jats:title>Abstract</jats:title>").unwrap(), [labelled(Some("Abstract"), "")]);
        assert_eq!(paragraphs("No tags &amp; all\n\nparagraphs"), None);
    }
}
