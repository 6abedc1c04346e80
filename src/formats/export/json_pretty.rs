//! JSON printed as `serde_json::to_string_pretty` prints it (two spaces a level), without going through serde: the
//! generic printer took a fifth of a long export. CSL items and library JSON's publications are printed with these;
//! their tests hold them to serde_json's bytes.

use crate::formats::export::written::Marked;

/// The bytes a JSON string escapes: C0 controls, the quote and the backslash (not DEL, not C1: serde_json leaves
/// them as they are).
const ESCAPED: Marked = Marked::c0_and(b"\"\\");

/// A JSON array whose elements are `depth` levels in, each written by `element`; `[]` when it is empty.
pub fn push_array<T>(text: &mut String, depth: usize, elements: &[T], element: impl Fn(&mut String, &T)) {
    text.push('[');
    if elements.is_empty() {
        text.push(']');
        return;
    }
    for (at, one) in elements.iter().enumerate() {
        new_line(text, depth, at == 0);
        element(text, one);
    }
    text.push('\n');
    indent(text, depth - 1);
    text.push(']');
}

pub fn push_number(text: &mut String, number: &i32) {
    super::written::push_integer(text, *number);
}

/// An object being written: its fields `depth` levels in, its `}` one level out.
pub struct Object<'a> {
    text: &'a mut String,
    depth: usize,
    fields: usize,
}

impl<'a> Object<'a> {
    /// Opens an object whose `{` is where the cursor is and whose fields are `depth` levels in.
    pub fn open(text: &'a mut String, depth: usize) -> Object<'a> {
        text.push('{');
        Object { text, depth, fields: 0 }
    }

    /// Starts a field: the text, the cursor after its `"key": `. Keys are the formats' field names (CSL's, library
    /// JSON's), which hold nothing to escape: they are copied as they are.
    pub fn key(&mut self, key: &str) -> &mut String {
        debug_assert_eq!(next_escaped(key.as_bytes(), 0), key.len(), "{key}");
        new_line(self.text, self.depth, self.fields == 0);
        self.fields += 1;
        self.text.push('"');
        self.text.push_str(key);
        self.text.push_str("\": ");
        self.text
    }

    pub fn string(&mut self, key: &str, value: &str) {
        push_string(self.key(key), value);
    }

    pub fn optional(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    pub fn close(self) {
        if self.fields > 0 {
            self.text.push('\n');
            indent(self.text, self.depth - 1);
        }
        self.text.push('}');
    }
}

/// What comes before an element of an object or array: `,` after the one before, then a new line `depth` levels in.
pub fn new_line(text: &mut String, depth: usize, first: bool) {
    // In one piece: an item has a score of them.
    let line = &NEW_LINE[..2 + 2 * depth];
    text.push_str(if first { &line[1..] } else { line });
}

pub fn indent(text: &mut String, depth: usize) {
    text.push_str(&NEW_LINE[2..2 + 2 * depth]);
}

/// A comma, a line break and the indentation of the deepest level printed (a library JSON abstract section's fields,
/// seven levels in; a CSL date's parts, five), and one more.
const NEW_LINE: &str = ",\n                ";

/// `value` as a JSON string, escaped as serde_json escapes it; runs with nothing to escape are copied whole.
pub fn push_string(text: &mut String, value: &str) {
    text.push('"');
    let bytes = value.as_bytes();
    let (mut copied, mut at) = (0, 0);
    loop {
        at = next_escaped(bytes, at);
        let Some(&byte) = bytes.get(at) else { break };
        text.push_str(&value[copied..at]);
        match byte {
            b'"' => text.push_str("\\\""),
            b'\\' => text.push_str("\\\\"),
            b'\n' => text.push_str("\\n"),
            b'\r' => text.push_str("\\r"),
            b'\t' => text.push_str("\\t"),
            0x08 => text.push_str("\\b"),
            0x0c => text.push_str("\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                text.push_str("\\u00");
                text.push(char::from(HEX[usize::from(byte >> 4)]));
                text.push(char::from(HEX[usize::from(byte & 0xf)]));
            }
        }
        at += 1;
        copied = at;
    }
    text.push_str(&value[copied..]);
    text.push('"');
}

/// The position of the first byte of `bytes` at or after `from` that a JSON string escapes ([`ESCAPED`]), or
/// `bytes.len()`. Eight bytes at a time: a word holding none of them is passed in a dozen operations, where the table
/// looks each byte up (escaping took a ninth of a CSL export, whose texts have long runs of nothing to escape).
fn next_escaped(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether any byte of `word` is below `bound` (at most 0x80): exact, as "hasless" in Bit Twiddling Hacks.
    let any_below = |word: u64, bound: u8| word.wrapping_sub(ONES * u64::from(bound)) & !word & HIGHS != 0;
    let any_equal = |word: u64, byte: u8| any_below(word ^ (ONES * u64::from(byte)), 1);
    let (words, _) = bytes.get(from..).unwrap_or_default().as_chunks::<8>();
    let mut at = from;
    for &word in words {
        let word = u64::from_ne_bytes(word);
        if any_below(word, b' ') || any_equal(word, b'"') || any_equal(word, b'\\') {
            break;
        }
        at += 8;
    }
    // The byte itself, in the word that holds it or in the last bytes, fewer than a word.
    ESCAPED.next_in(bytes, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_byte_to_escape_is_found_wherever_it_is_whatever_its_neighbours() {
        for byte in 0..=u8::MAX {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 40] {
                for at in 0..=length {
                    // Neighbours that are next to the bounds the words are tested against.
                    let mut bytes: Vec<u8> =
                        (0..length).map(|n| [b' ', b'!', b'#', b']', b'[', 0x7f, 0x80, 0xff][n % 8]).collect();
                    if at < length {
                        bytes[at] = byte;
                    }
                    for from in [0, at.saturating_sub(1), at, (at + 1).min(length)] {
                        assert_eq!(
                            next_escaped(&bytes, from),
                            ESCAPED.next_in(&bytes, from),
                            "{byte:#x} at {at} of {length} from {from}"
                        );
                    }
                }
            }
        }
        assert_eq!(next_escaped(b"abc", 7), 3, "from past the end");
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_byte: String = (0..=0x7f_u8).map(char::from).chain("\u{85}\u{9b}é😀".chars()).collect();
        for text in [every_byte.as_str(), "", "plain", "\"", "\\", "a\"b\\c\nd", &format!("{}\u{1}", "x".repeat(40))] {
            let mut written = String::new();
            push_string(&mut written, text);
            assert_eq!(written, serde_json::to_string(text).unwrap(), "{text:?}");
        }
    }
}
