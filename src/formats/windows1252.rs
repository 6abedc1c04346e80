//! Windows-1252, the encoding of non-UTF-8 exports from Windows tools: Latin-1 but for 0x80..=0x9F, where it
//! has curly quotes, dashes and the euro sign. Read as Latin-1, those bytes would be C1 control characters
//! (0x9B is CSI), and the text they stand for would be lost to cleaning.

/// Characters for the bytes 0x80..=0x9F. The five bytes that Windows-1252 leaves undefined stay the C1
/// controls they are in Latin-1, as browsers read them (WHATWG), so cleaning removes them and says so.
const HIGH_CONTROLS: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

pub fn char_for(byte: u8) -> char {
    match byte {
        0x80..=0x9F => HIGH_CONTROLS[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_1_but_for_quotes_and_dashes() {
        let text: String = b"\x93Caf\xe9\x94 \x96 \x80 \x9b \x9d".iter().map(|&byte| char_for(byte)).collect();
        assert_eq!(text, "“Café” – € › \u{9d}");
    }
}
