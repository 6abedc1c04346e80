//! Where the pages of a library JSON are, found in a text read a piece at a time: a big library is parsed, and
//! written to the cache of parsed files, a run of pages at a time ([`super::parse_run`]), never held whole.
//!
//! Only the shape `lenaview import` writes is accepted: `{"pages": [PAGE, …]}` and nothing else at the top (see
//! [`super::split`]); a page is a JSON object, found by reading strings with their escapes so that braces inside
//! them do not count. Its parse is left to serde_json, which also refuses anything else wrong inside.

use super::split::DEEPEST_PAGE;

/// What opens the text, whitespace allowed only where [`BREAKS`] says.
const OPENING: &[u8] = b"{\"pages\":[";
/// How much of [`OPENING`] may be followed by whitespace: before it, after `{`, `"pages"` and `:` (after `[` the pages begin).
const BREAKS: [usize; 4] = [0, 1, 8, 9];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// This much of [`OPENING`] read.
    Opening(usize),
    /// After `[`: a page or `]`.
    FirstPageOrClose,
    InPage {
        start: usize,
        depth: usize,
        string: InString,
    },
    /// After a page: `,` or `]`.
    AfterPage,
    /// After `,`: a page.
    NextPage,
    /// After `]`: `}`.
    Closing,
    Done,
    Refused,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InString {
    No,
    Yes,
    Escaped,
}

/// Reads a text piece by piece ([`PageScanner::feed`]) and tells, at its end, where each page is.
#[derive(Debug)]
pub struct PageScanner {
    /// Where in the whole text the next piece starts.
    at: usize,
    state: State,
    pages: Vec<(usize, usize)>,
}

impl Default for PageScanner {
    fn default() -> Self {
        PageScanner { at: 0, state: State::Opening(0), pages: Vec::new() }
    }
}

impl PageScanner {
    /// Reads the next piece of the text. Once the text is known not to be of the shape, the rest is not looked at.
    pub fn feed(&mut self, piece: &[u8]) {
        let mut offset = 0;
        while offset < piece.len() && self.state != State::Refused {
            offset = self.step(piece, offset);
        }
        self.at += piece.len();
    }

    /// Whether the text fed so far is already known not to be of the shape.
    pub fn refused(&self) -> bool {
        self.state == State::Refused
    }

    /// The pages found so far, whole.
    pub fn pages(&self) -> &[(usize, usize)] {
        &self.pages
    }

    /// The byte ranges of the pages, in order, when the whole text fed was of the shape.
    pub fn finish(self) -> Option<Vec<(usize, usize)>> {
        (self.state == State::Done).then_some(self.pages)
    }

    /// Reads from `piece[offset]` on, at least one byte; returns where it stopped.
    fn step(&mut self, piece: &[u8], offset: usize) -> usize {
        let byte = piece[offset];
        let space = matches!(byte, b' ' | b'\t' | b'\n' | b'\r');
        let absolute = self.at + offset;
        self.state = match self.state {
            State::Opening(read) if space && BREAKS.contains(&read) => State::Opening(read),
            State::Opening(read) if OPENING[read] == byte && read + 1 == OPENING.len() => State::FirstPageOrClose,
            State::Opening(read) if OPENING[read] == byte => State::Opening(read + 1),
            State::FirstPageOrClose | State::AfterPage | State::NextPage | State::Closing | State::Done if space => {
                self.state
            }
            State::FirstPageOrClose | State::NextPage if byte == b'{' => {
                State::InPage { start: absolute, depth: 1, string: InString::No }
            }
            State::FirstPageOrClose | State::AfterPage if byte == b']' => State::Closing,
            State::AfterPage if byte == b',' => State::NextPage,
            State::Closing if byte == b'}' => State::Done,
            State::InPage { start, depth, string } => return self.in_page(piece, offset, start, depth, string),
            _ => State::Refused,
        };
        offset + 1
    }

    /// Reads a page's bytes from `piece[offset]` on, until the page or the piece ends; returns where it stopped.
    /// One tight loop with the state in locals: most of a library's bytes are inside its pages.
    fn in_page(
        &mut self,
        piece: &[u8],
        mut offset: usize,
        start: usize,
        mut depth: usize,
        mut string: InString,
    ) -> usize {
        while offset < piece.len() {
            match string {
                InString::Escaped => string = InString::Yes,
                // Only a quote or a backslash can end or escape. Most strings are short (keys, names): a look at the
                // next few bytes finds their end before a search would be set up; an abstract is searched.
                InString::Yes => {
                    let rest = &piece[offset..];
                    let near = rest.len().min(24);
                    let found = rest[..near].iter().position(|&byte| byte == b'"' || byte == b'\\');
                    let found = found.or_else(|| memchr::memchr2(b'"', b'\\', &rest[near..]).map(|far| near + far));
                    let Some(found) = found else { break };
                    offset += found;
                    string = if piece[offset] == b'\\' { InString::Escaped } else { InString::No };
                }
                InString::No => match piece[offset] {
                    // A pretty-printed library is two-fifths indentation: runs of spaces are skipped 8 at a time.
                    b' ' => {
                        offset += spaces_from(&piece[offset..]);
                        continue;
                    }
                    b'"' => string = InString::Yes,
                    b'{' | b'[' if depth < DEEPEST_PAGE => depth += 1,
                    b'{' | b'[' => {
                        self.state = State::Refused;
                        return offset + 1;
                    }
                    b'}' if depth == 1 => {
                        self.pages.push((start, self.at + offset + 1));
                        self.state = State::AfterPage;
                        return offset + 1;
                    }
                    b']' if depth == 1 => {
                        self.state = State::Refused;
                        return offset + 1;
                    }
                    b'}' | b']' => depth -= 1,
                    _ => {}
                },
            }
            offset += 1;
        }
        self.state = State::InPage { start, depth, string };
        piece.len()
    }
}

/// How many spaces `bytes` begins with.
fn spaces_from(bytes: &[u8]) -> usize {
    let eights = bytes.chunks_exact(8).take_while(|eight| *eight == b"        ").count() * 8;
    eights + bytes[eights..].iter().take_while(|&&byte| byte == b' ').count()
}

/// The pages of the whole `text`, as [`PageScanner`] finds them fed at once.
pub fn page_spans(text: &[u8]) -> Option<Vec<(usize, usize)>> {
    let mut scanner = PageScanner::default();
    scanner.feed(text);
    scanner.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages of `text`, found plainly: the whole text at once, each page's end by counting brackets outside
    /// strings (the first look's own reading of a library's start), as the parse of one page at a time first found
    /// them. What the scanner must find, in any pieces.
    fn reference_spans(bytes: &[u8]) -> Option<Vec<(usize, usize)>> {
        use super::super::split::{first_page_start, object_end, skip_space};
        let mut at = first_page_start(bytes)?;
        let mut pages = Vec::new();
        if bytes.get(at) == Some(&b']') {
            at += 1;
        } else {
            loop {
                let end = object_end(bytes, at)?;
                pages.push((at, end));
                at = skip_space(bytes, end);
                match bytes.get(at)? {
                    b',' => at = skip_space(bytes, at + 1),
                    b']' => {
                        at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        at = skip_space(bytes, at);
        (bytes.get(at) == Some(&b'}') && skip_space(bytes, at + 1) == bytes.len()).then_some(pages)
    }

    /// The scanner's finding fed `text` in pieces of `size` bytes.
    fn scanned_in_pieces(text: &[u8], size: usize) -> Option<Vec<(usize, usize)>> {
        let mut scanner = PageScanner::default();
        text.chunks(size).for_each(|piece| scanner.feed(piece));
        scanner.finish()
    }

    fn samples() -> Vec<String> {
        let deep = |levels: usize| format!(r#"{{"pages": [{{"x": {}{}}}]}}"#, "[".repeat(levels), "]".repeat(levels));
        let mut samples: Vec<String> = [
            r#" { "pages" : [ {"path": ["a}"], "summary": "x\"}{\\"} , {"path": []} ] }
"#,
            r#"{"pages": []}"#,
            r#"{"pages":[ ]}"#,
            "\t{\n\"pages\"\r:\n[\n{}\n,\n{\"a\":{\"b\":[1,{}]}}\n]\n}\n\n",
            r#"{"pages": [{}], "other": 1}"#,
            r#"{"pages": [{}]} x"#,
            r#"{"pages": [{}] "#,
            r#"{"pages": [{"a": "unterminated}]}"#,
            r#"{"pages": [{"a": "escape at the end\"#,
            r#"{"pages": [{}, ]}"#,
            r#"{"pages": [[]]}"#,
            r#"{"pages": [{]}]}"#,
            r#"{"pages": [{}}]}"#,
            r#"{"other": 1, "pages": []}"#,
            r#"{ "pa ges": []}"#,
            r#"["pages"]"#,
            r#"{"pages": [{"t": "\\\\\"}\\"}, {"u": "\u00e9 é ✓"}]}"#,
            "",
            "   ",
            "{",
        ]
        .map(String::from)
        .to_vec();
        samples.extend([deep(DEEPEST_PAGE - 1), deep(DEEPEST_PAGE), deep(DEEPEST_PAGE + 5)]);
        samples
    }

    #[test]
    fn pages_are_found_as_the_plain_reading_finds_them_in_pieces_of_any_size() {
        for text in samples() {
            let expected = reference_spans(text.as_bytes());
            assert_eq!(page_spans(text.as_bytes()), expected, "{text}");
            for size in 1..text.len().max(2) {
                assert_eq!(scanned_in_pieces(text.as_bytes(), size), expected, "{text} in pieces of {size}");
            }
        }
    }

    #[test]
    fn a_generated_library_is_found_in_pieces_as_it_is_whole() {
        let library = crate::synthetic::library(300, 7);
        let text = serde_json::to_string_pretty(&library).unwrap();
        let expected = reference_spans(text.as_bytes()).expect("a written library is of the shape");
        assert_eq!(expected.len(), library.pages.len());
        for size in [1, 7, 64, 4096, text.len()] {
            assert_eq!(scanned_in_pieces(text.as_bytes(), size).as_ref(), Some(&expected), "pieces of {size}");
        }
    }

    #[test]
    fn pages_are_found_around_strings_holding_braces_and_escaped_quotes() {
        let text = r#" { "pages" : [ {"path": ["a}"], "summary": "x\"}{\\"} , {"path": []} ] }
"#;
        let spans = page_spans(text.as_bytes()).unwrap();
        let pages: Vec<&str> = spans.iter().map(|&(start, end)| &text[start..end]).collect();
        assert_eq!(pages, [r#"{"path": ["a}"], "summary": "x\"}{\\"}"#, r#"{"path": []}"#]);
    }
}
