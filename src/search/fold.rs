//! Folding text so that "muller" finds "Müller" and "κ" finds "Κ".
//!
//! The skim matcher compares case only for ASCII, so everything it cannot fold itself is folded
//! here, once, before matching: accents are stripped from Latin letters (Ü → U, ł → l, ß → ss),
//! Greek tonos marks are dropped, typographic dashes become '-', and in case-insensitive mode the
//! non-ASCII letters left over (Greek, Cyrillic) are lowercased. ASCII case is kept on purpose: the
//! matcher gives camel-case bonuses from it and folds ASCII case by itself.
//!
//! A folded text may be longer or shorter than its source (ß → ss, a dropped combining mark), so
//! folding can also record, per folded char, which source char it came from: that is what keeps
//! highlight positions right.

/// Latin Extended-A (U+0100..=U+017F) stripped to base letters; '#' marks the two-letter ligatures.
const LATIN_EXTENDED_A: &[u8; 128] =
    b"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi##JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo##RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// What one source char becomes.
enum Folding {
    Keep,
    Drop,
    One(char),
    Two(char, char),
}

fn fold_char(c: char) -> Folding {
    use Folding::*;
    match c {
        'À'..='Å' => One('A'),
        'Ç' => One('C'),
        'È'..='Ë' => One('E'),
        'Ì'..='Ï' => One('I'),
        'Ð' => One('D'),
        'Ñ' => One('N'),
        'Ò'..='Ö' | 'Ø' => One('O'),
        'Ù'..='Ü' => One('U'),
        'Ý' => One('Y'),
        'Þ' => Two('T', 'h'),
        'ß' => Two('s', 's'),
        'Æ' => Two('A', 'E'),
        'à'..='å' => One('a'),
        'æ' => Two('a', 'e'),
        'ç' => One('c'),
        'è'..='ë' => One('e'),
        'ì'..='ï' => One('i'),
        'ð' => One('d'),
        'ñ' => One('n'),
        'ò'..='ö' | 'ø' => One('o'),
        'ù'..='ü' => One('u'),
        'ý' | 'ÿ' => One('y'),
        'þ' => Two('t', 'h'),
        'Ĳ' => Two('I', 'J'),
        'ĳ' => Two('i', 'j'),
        'Œ' => Two('O', 'E'),
        'œ' => Two('o', 'e'),
        '\u{100}'..='\u{17f}' => One(LATIN_EXTENDED_A[c as usize - 0x100] as char),
        // Combining diacritical marks, as left by decomposed (NFD) text.
        '\u{300}'..='\u{36f}' => Drop,
        'Ά' => One('Α'),
        'Έ' => One('Ε'),
        'Ή' => One('Η'),
        'Ί' => One('Ι'),
        'Ό' => One('Ο'),
        'Ύ' => One('Υ'),
        'Ώ' => One('Ω'),
        'ά' => One('α'),
        'έ' => One('ε'),
        'ή' => One('η'),
        'ί' | 'ϊ' | 'ΐ' => One('ι'),
        'ό' => One('ο'),
        'ύ' | 'ϋ' | 'ΰ' => One('υ'),
        'ώ' => One('ω'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => One('-'),
        '\u{2018}' | '\u{2019}' => One('\''),
        '\u{201c}' | '\u{201d}' => One('"'),
        _ => Keep,
    }
}

/// How case is treated: chosen per query by smart case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// The query has no capital: non-ASCII letters are lowercased (the matcher folds ASCII).
    Insensitive,
    /// The query has a capital: every letter keeps its case.
    Sensitive,
}

impl Case {
    /// Smart case: any capital letter, ASCII or not, makes the query case-sensitive.
    pub fn of_query(query: &str) -> Case {
        if query.chars().any(char::is_uppercase) { Case::Sensitive } else { Case::Insensitive }
    }
}

/// Appends the folded form of `text` to `out`; when `origin` is given, pushes for every folded
/// char the index of the source char it came from (counting from 0 at the start of `text`).
pub fn fold_into(text: &str, case: Case, out: &mut String, mut origin: Option<&mut Vec<usize>>) {
    if text.is_ascii() {
        out.push_str(text);
        if let Some(origin) = origin {
            origin.extend(0..text.len());
        }
        return;
    }
    let mut emit = |c: char, source: usize| {
        out.push(c);
        if let Some(origin) = origin.as_deref_mut() {
            origin.push(source);
        }
    };
    for (source, c) in text.chars().enumerate() {
        let (first, second) = match fold_char(c) {
            Folding::Keep => (Some(c), None),
            Folding::Drop => (None, None),
            Folding::One(a) => (Some(a), None),
            Folding::Two(a, b) => (Some(a), Some(b)),
        };
        for folded in first.into_iter().chain(second) {
            if case == Case::Insensitive && !folded.is_ascii() && folded.is_uppercase() {
                // Lowercasing may itself yield marks or several chars (İ → i + dot above).
                for lower in folded.to_lowercase() {
                    match fold_char(lower) {
                        Folding::Keep => emit(lower, source),
                        Folding::Drop => {}
                        Folding::One(a) => emit(a, source),
                        Folding::Two(a, b) => {
                            emit(a, source);
                            emit(b, source);
                        }
                    }
                }
            } else {
                emit(folded, source);
            }
        }
    }
}

/// The folded form of `text`.
pub fn fold(text: &str, case: Case) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, case, &mut out, None);
    out
}

/// The folded form of `text` and, per folded char, the index of its source char.
pub fn fold_with_origin(text: &str, case: Case) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    fold_into(text, case, &mut out, Some(&mut origin));
    (out, origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_latin_accents_and_expands_ligatures() {
        assert_eq!(
            fold("Müller Łukasik Šimková Jørgensen Çelik", Case::Insensitive),
            "Muller Lukasik Simkova Jorgensen Celik"
        );
        assert_eq!(fold("Straße Æther œdema", Case::Sensitive), "Strasse AEther oedema");
        assert_eq!(fold("Ğğ İı Žž ſ", Case::Sensitive), "Gg Ii Zz s");
    }

    #[test]
    fn greek_keeps_its_letters_and_lowercases_only_when_insensitive() {
        assert_eq!(fold("Κωνσταντίνου κ-chain", Case::Insensitive), "κωνσταντινου κ-chain");
        assert_eq!(fold("Κωνσταντίνου", Case::Sensitive), "Κωνσταντινου");
        assert_eq!(fold("TNF-Α", Case::Insensitive), "TNF-α");
    }

    #[test]
    fn ascii_is_untouched_in_both_cases() {
        assert_eq!(fold("Daratumumab PLUS len", Case::Insensitive), "Daratumumab PLUS len");
        assert_eq!(fold("Daratumumab PLUS len", Case::Sensitive), "Daratumumab PLUS len");
    }

    #[test]
    fn decomposed_marks_and_typographic_dashes_fold() {
        assert_eq!(fold("Mu\u{308}ller selinexor–dexamethasone", Case::Insensitive), "Muller selinexor-dexamethasone");
    }

    #[test]
    fn origin_maps_every_folded_char_to_its_source() {
        let (folded, origin) = fold_with_origin("aßu\u{308}K", Case::Insensitive);
        assert_eq!(folded, "assuK");
        assert_eq!(origin, vec![0, 1, 1, 2, 4]);
        // The Kelvin sign lowercases to ASCII 'k': one char, a different byte length.
        let (folded, origin) = fold_with_origin("5 \u{212a}", Case::Insensitive);
        assert_eq!(folded, "5 k");
        assert_eq!(origin, vec![0, 1, 2]);
    }

    #[test]
    fn smart_case_sees_non_ascii_capitals() {
        assert_eq!(Case::of_query("dara len"), Case::Insensitive);
        assert_eq!(Case::of_query("Dara"), Case::Sensitive);
        assert_eq!(Case::of_query("Κ"), Case::Sensitive);
        assert_eq!(Case::of_query("κ müller"), Case::Insensitive);
    }
}
