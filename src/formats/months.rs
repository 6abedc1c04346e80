//! Month names as PubMed and RIS abbreviate them ("2019 Aug 22"), for every format that reads or writes them.
//! [`number`] is the one reading of a month's name: every importer and exporter asks it, so that a word is a
//! month in all of them or in none.

use std::borrow::Cow;

/// The months' three-letter abbreviations, January first.
pub const ABBREVIATIONS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const FULL_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// How long the names [`number`] knows are, in bytes: "May" to "September".
const NAME_LENGTHS: std::ops::RangeInclusive<usize> = 3..=9;

/// 1..=12 for a month's full name, its three-letter abbreviation or "Sept", in any case; nothing else, so that
/// words that merely start like a month ("Mayday", "Junior", "Augu") are not one. Callers strip punctuation.
pub fn number(word: &str) -> Option<u8> {
    // Exports ask it of every word of every date: an ASCII word is compared as it is, without a lowercase copy, and
    // one shorter or longer than every name ("2019", "22") is none.
    let lower: Cow<str> = if word.is_ascii() { word.into() } else { word.to_lowercase().into() };
    if !NAME_LENGTHS.contains(&lower.len()) {
        return None;
    }
    let index = ABBREVIATIONS
        .iter()
        .zip(FULL_NAMES)
        .position(|(abbreviation, full)| lower.eq_ignore_ascii_case(abbreviation) || lower.eq_ignore_ascii_case(full))
        .or_else(|| lower.eq_ignore_ascii_case("sept").then_some(8))?;
    u8::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_known_by_full_name_three_letters_or_sept_in_any_case() {
        assert_eq!(number("Jan"), Some(1));
        assert_eq!(number("september"), Some(9));
        assert_eq!(number("SEPT"), Some(9));
        assert_eq!(number("Sep"), Some(9));
        assert_eq!(number("DECEMBER"), Some(12));
        assert_eq!(number("may"), Some(5));
    }

    #[test]
    fn every_name_is_as_long_as_names_are_known_to_be() {
        for name in ABBREVIATIONS.iter().chain(&FULL_NAMES).chain(&["sept"]) {
            assert!(NAME_LENGTHS.contains(&name.len()), "{name}");
        }
        assert_eq!(number("JUNE"), Some(6));
        assert_eq!(number("DÉCEMBRE"), None);
    }

    #[test]
    fn words_that_only_start_like_a_month_are_not_one() {
        for word in ["Ma", "Mayday", "Junior", "Augu", "Septem", "Aug.", "Spring", "", "Marchx", "Janu"] {
            assert_eq!(number(word), None, "{word}");
        }
    }
}
