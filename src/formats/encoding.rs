//! Bytes to text. UTF-8 when it is, else Windows-1252 (every byte is a character there, so nothing is lost); UTF-16
//! when a byte-order mark says so (Windows tools save "Unicode" text that way). Line endings become LF so every
//! parser sees one kind of line.

use std::fmt;

/// Bytes that claim an encoding they do not hold; `line` is 1-based, where decoding stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf16 {
    LittleEndian,
    BigEndian,
}

impl Utf16 {
    fn name(self) -> &'static str {
        match self {
            Utf16::LittleEndian => "UTF-16 LE",
            Utf16::BigEndian => "UTF-16 BE",
        }
    }

    fn unit(self, pair: &[u8]) -> u16 {
        match self {
            Utf16::LittleEndian => u16::from_le_bytes([pair[0], pair[1]]),
            Utf16::BigEndian => u16::from_be_bytes([pair[0], pair[1]]),
        }
    }
}

/// The text of a file, or why its bytes are not the encoding their byte-order mark names.
pub fn decode_checked(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_with(bytes, Strictness::Refuse)
}

/// As [`decode_checked`], taking the bytes: UTF-8 text with no byte-order mark and no CR (the usual file) becomes
/// the text without a copy, which at a million publications spares a gigabyte.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, DecodeError> {
    let marked = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF", b"\x00\x00\xFE\xFF"];
    if marked.iter().any(|mark| bytes.starts_with(mark)) {
        return decode_checked(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) if !text.contains('\r') => Ok(text),
        Ok(text) => decode_checked(text.as_bytes()),
        Err(err) => decode_checked(err.as_bytes()),
    }
}

/// The text of a file, with U+FFFD where UTF-16 is broken: for callers that only look at text.
pub fn decode_lossy(bytes: &[u8]) -> String {
    decode_with(bytes, Strictness::Replace).unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Strictness {
    Refuse,
    Replace,
}

fn decode_with(bytes: &[u8], strictness: Strictness) -> Result<String, DecodeError> {
    // UTF-32's marks begin like UTF-16's, so they are told apart first.
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        let message = "the file is UTF-32 (from its byte-order mark), which lenaview does not read: save it as UTF-8";
        return Err(DecodeError { line: 1, message: message.to_string() });
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, Utf16::LittleEndian, strictness)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, Utf16::BigEndian, strictness)?
    } else {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => bytes.iter().map(|&byte| super::windows1252::char_for(byte)).collect(),
        }
    };
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text })
}

fn utf16(bytes: &[u8], order: Utf16, strictness: Strictness) -> Result<String, DecodeError> {
    let pairs = bytes.chunks_exact(2);
    let odd_byte = !pairs.remainder().is_empty();
    let mut text = String::with_capacity(bytes.len() / 2);
    for decoded in char::decode_utf16(pairs.map(|pair| order.unit(pair))) {
        match decoded {
            Ok(c) => text.push(c),
            Err(_) if strictness == Strictness::Replace => text.push(char::REPLACEMENT_CHARACTER),
            Err(err) => {
                let message = format!(
                    "not valid {} (the encoding its byte-order mark names): a lone surrogate 0x{:04X}",
                    order.name(),
                    err.unpaired_surrogate()
                );
                return Err(DecodeError { line: line_at_end(&text), message });
            }
        }
    }
    if odd_byte {
        if strictness == Strictness::Replace {
            text.push(char::REPLACEMENT_CHARACTER);
        } else {
            let message = format!(
                "not valid {} (the encoding its byte-order mark names): it ends in half a character",
                order.name()
            );
            return Err(DecodeError { line: line_at_end(&text), message });
        }
    }
    Ok(text)
}

/// The 1-based line the end of `text` is on, counting CRLF and CR endings as one line break each.
fn line_at_end(text: &str) -> usize {
    1 + text.replace("\r\n", "\n").chars().filter(|&c| c == '\n' || c == '\r').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    fn utf16be(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        bytes
    }

    #[test]
    fn utf16_with_either_byte_order_mark_is_decoded() {
        let text = "PMID- 1\r\nTI  - Müller’s κB 𝛼-test\r\n";
        assert_eq!(decode_checked(&utf16le(text)).unwrap(), "PMID- 1\nTI  - Müller’s κB 𝛼-test\n");
        assert_eq!(decode_checked(&utf16be(text)).unwrap(), "PMID- 1\nTI  - Müller’s κB 𝛼-test\n");
    }

    #[test]
    fn broken_utf16_is_an_error_naming_the_encoding_and_the_line() {
        let mut bytes = utf16le("line one\r\nline two\nthree ");
        bytes.extend([0x00, 0xDC, b'x', 0x00]);
        let err = decode_checked(&bytes).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.starts_with("not valid UTF-16 LE"), "{err}");
        assert!(err.message.contains("0xDC00"), "{err}");
        assert!(decode_lossy(&bytes).ends_with("three \u{fffd}x"));

        let mut odd = utf16be("A\nB");
        odd.push(0x00);
        let err = decode_checked(&odd).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("UTF-16 BE") && err.message.contains("half a character"), "{err}");
    }

    #[test]
    fn utf32_is_refused_by_name_not_read_as_utf16() {
        for bytes in [&b"\xFF\xFE\x00\x00T\x00\x00\x00"[..], b"\x00\x00\xFE\xFF\x00\x00\x00T"] {
            let err = decode_checked(bytes).unwrap_err();
            assert!(err.message.contains("UTF-32"), "{err}");
        }
    }

    #[test]
    fn utf8_and_latin1_are_unchanged() {
        assert_eq!(decode_checked(b"M\xfcller\r\nA\rB").unwrap(), "Müller\nA\nB");
        assert_eq!(decode_checked("\u{feff}TY  - JOUR".as_bytes()).unwrap(), "TY  - JOUR");
        assert_eq!(decode_lossy("Grüße".as_bytes()), "Grüße");
    }
}
