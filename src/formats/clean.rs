//! Text from files is untrusted: a title may carry escape sequences that retitle the terminal, write the
//! clipboard (OSC 52) or clear the screen, and bidi overrides that make text read other than it is.
//!
//! Two defences, both here so that they agree on what a control is:
//! - at import, [`strip_controls`] removes whole escape sequences and every other control character from the
//!   library's text ([`clean_library`] applies it, with markup decoding, to every string field, and reports
//!   what it removed);
//! - at output, [`terminal_safe`] makes any text that reaches a terminal unable to act on it, whatever its
//!   origin (file names, command-line topics, messages), by showing controls as visible symbols.

mod library;

use std::borrow::Cow;

pub use library::{Found, PageRemovals, SourcePiece, clean_library, clean_page_and_publications};

/// Bidi embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI): they reorder the
/// text around them ("Trojan Source"). The marks LRM and RLM are ordinary characters of right-to-left text.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character must not reach a terminal as itself: C0 controls, DEL, C1 controls (U+009B is CSI),
/// and bidi controls. Line feed and tab are controls too; callers decide where they may stay.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Text that cannot act on a terminal: every control character but line feed and tab is shown as a symbol
/// (`␛` for ESC, `␇` for BEL, `�` for C1 and bidi controls), so what was there stays visible and inert.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    // Most text is printable ASCII, which a test of its bytes (no char decoding) tells at once; `lenaview search`
    // asks it of every line it prints.
    let printable_ascii = |byte: &u8| matches!(byte, b' '..=b'~' | b'\n' | b'\t');
    if text.bytes().all(|byte| printable_ascii(&byte)) || !text.chars().any(|c| is_unsafe(c) && c != '\n' && c != '\t')
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\t' => c,
                '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
                '\u{7F}' => '\u{2421}',
                c if is_unsafe(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// How a field treats line breaks and tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breaks {
    /// Paragraph text (abstracts, summaries): line breaks and tabs stay; a lone CR becomes a line feed.
    Keep,
    /// One-line fields (titles, names, identifiers): line breaks and tabs become spaces.
    AsSpaces,
}

/// `text` with every escape sequence removed whole and every other control character removed, and whether
/// anything was removed (a line break turned into a space is not a removal).
///
/// Sequences, as ECMA-48 and terminals read them: CSI (`ESC [` or U+009B, then parameters up to a final
/// byte); OSC, DCS, SOS, PM and APC strings (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _` or their 8-bit forms)
/// up to BEL or ST (`ESC \` or U+009C), or up to the next control character when unterminated, so that an
/// unterminated string cannot swallow the rest of an abstract; other escapes (`ESC c`, `ESC ( B`) with their
/// final byte.
pub fn strip_controls(text: &str, breaks: Breaks) -> (Cow<'_, str>, bool) {
    let needs_work = text.chars().any(|c| match c {
        '\n' | '\t' => breaks == Breaks::AsSpaces,
        '\u{2028}' | '\u{2029}' => true,
        c => is_unsafe(c),
    });
    if !needs_work {
        return (Cow::Borrowed(text), false);
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' | '\u{2028}' | '\u{2029}' => out.push(match breaks {
                Breaks::Keep if c == '\t' => '\t',
                Breaks::Keep => '\n',
                Breaks::AsSpaces => ' ',
            }),
            '\r' => match breaks {
                Breaks::Keep if chars.peek() == Some(&'\n') => out.push('\r'),
                Breaks::Keep => out.push('\n'),
                Breaks::AsSpaces if chars.peek() == Some(&'\n') => {}
                Breaks::AsSpaces => out.push(' '),
            },
            '\u{1B}' => {
                removed = true;
                skip_escape(&mut chars);
            }
            '\u{9B}' => {
                removed = true;
                skip_csi(&mut chars);
            }
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                removed = true;
                skip_string(&mut chars);
            }
            c if is_unsafe(c) => removed = true,
            c => out.push(c),
        }
    }
    (Cow::Owned(out), removed)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// After ESC: the rest of the sequence it starts.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(' '..='/') => {
            // nF escapes (`ESC ( B`): intermediate bytes, then one final byte.
            while chars.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            chars.next_if(|c| matches!(c, '0'..='~'));
        }
        Some('0'..='~') => {
            chars.next();
        }
        _ => {}
    }
}

/// After CSI: parameter and intermediate bytes, then the final byte. A character outside those ranges ends a
/// malformed sequence and stays text.
fn skip_csi(chars: &mut Chars) {
    while chars.next_if(|c| matches!(c, '0'..='?' | ' '..='/')).is_some() {}
    chars.next_if(|c| matches!(c, '@'..='~'));
}

/// After OSC (or DCS, SOS, PM, APC): the string up to its terminator, BEL or ST, which goes with it.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{07}' | '\u{9C}' => {
                chars.next();
                return;
            }
            // ESC \ is ST; any other ESC aborts the string and starts a sequence of its own, as in terminals.
            '\u{1B}' => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.next() == Some('\\') {
                    chars.next();
                    chars.next();
                }
                return;
            }
            c if c.is_control() => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(text: &str, breaks: Breaks) -> (String, bool) {
        let (text, removed) = strip_controls(text, breaks);
        (text.into_owned(), removed)
    }

    fn line(text: &str) -> String {
        stripped(text, Breaks::AsSpaces).0
    }

    #[test]
    fn whole_escape_sequences_go() {
        assert_eq!(line("a\u{1b}[2Jb"), "ab", "CSI erase display");
        assert_eq!(line("a\u{1b}[38;5;196mred\u{1b}[0m"), "ared");
        assert_eq!(line("t\u{1b}]0;pwned\u{07}itle"), "title", "OSC 0 ended by BEL");
        assert_eq!(line("x\u{1b}]52;c;SGVsbG8=\u{1b}\\y"), "xy", "OSC 52 ended by ST");
        assert_eq!(line("\u{1b}]8;;https://evil.example\u{07}link\u{1b}]8;;\u{07}"), "link", "OSC 8 hyperlink");
        assert_eq!(line("a\u{9b}31mb"), "ab", "8-bit CSI");
        assert_eq!(line("a\u{9d}0;x\u{9c}b"), "ab", "8-bit OSC and ST");
        assert_eq!(line("a\u{1b}cb"), "ab", "full reset");
        assert_eq!(line("a\u{1b}(Bb"), "ab", "charset designation");
        assert_eq!(line("a\u{1b}Pq#0\u{1b}\\b"), "ab", "DCS");
    }

    #[test]
    fn an_unterminated_string_stops_at_the_next_control() {
        assert_eq!(stripped("a\u{1b}]0;x\nrest", Breaks::Keep).0, "a\nrest");
        assert_eq!(line("a\u{1b}]0;never ends"), "a");
        assert_eq!(line("a\u{1b}]0;x\u{1b}[2Jb"), "ab", "an ESC in the string starts the next sequence");
    }

    #[test]
    fn lone_controls_and_bidi_overrides_go() {
        assert_eq!(stripped("a\0b\u{07}c\u{08}d\u{7f}e\u{85}f", Breaks::AsSpaces), ("abcdef".to_string(), true));
        assert_eq!(line("abc\u{202e}fed\u{202c} \u{2066}x\u{2069}"), "abcfed x");
        assert_eq!(line("\u{1b}"), "");
    }

    #[test]
    fn line_breaks_stay_in_paragraphs_and_become_spaces_elsewhere() {
        assert_eq!(
            stripped("one\ntwo\tthree\r\nfour\rfive", Breaks::Keep),
            ("one\ntwo\tthree\r\nfour\nfive".into(), false)
        );
        assert_eq!(
            stripped("one\ntwo\tthree\r\nfour\rfive", Breaks::AsSpaces),
            ("one two three four five".into(), false)
        );
        assert_eq!(line("a\u{2028}b"), "a b");
    }

    #[test]
    fn clean_text_is_borrowed_untouched() {
        let text = "Lenalidomide – α/β, 日本語, עברית\u{200f}";
        assert!(matches!(strip_controls(text, Breaks::AsSpaces), (Cow::Borrowed(_), false)));
        assert!(matches!(terminal_safe(text), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_safe_shows_controls_as_inert_symbols() {
        assert_eq!(terminal_safe("a\u{1b}]52;c;eA==\u{07}b"), "a␛]52;c;eA==␇b");
        assert_eq!(terminal_safe("x\u{9b}2J\u{202e}y\0\r\u{7f}"), "x\u{fffd}2J\u{fffd}y␀␍␡");
        assert_eq!(terminal_safe("line\n\tindented"), "line\n\tindented");
        assert!(!terminal_safe("\u{1b}\u{07}\u{9b}\u{9d}\u{202e}").chars().any(is_unsafe));
    }
}
