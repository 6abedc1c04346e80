//! A query as the scan uses it: folded words, each matched on its own.

use super::fold::{Case, fold};
use super::occurrences::groups_of;
use super::scan::find_either;

/// One query word, folded, in the two shapes the scan needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// For the cheap byte-level prefilter.
    pub text: String,
    /// For the scorer.
    pub chars: Vec<char>,
    /// The letter and digit groups it needs (see `occurrences::groups_of`).
    pub groups: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<Word>,
    pub case: Case,
}

impl Query {
    /// Splits on whitespace and folds each word the way the haystacks were folded for its case.
    pub fn parse(text: &str) -> Query {
        let case = Case::of_query(text);
        let words = text
            .split_whitespace()
            .map(|word| fold(word, case))
            .filter(|folded| !folded.is_empty())
            .map(|text| {
                let chars: Vec<char> = text.chars().collect();
                Word { groups: groups_of(&chars), chars, text }
            })
            .collect();
        Query { words, case }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Whether `needle`'s bytes occur in order in `haystack`: necessary for a fuzzy match, and far
/// cheaper to check than scoring. In insensitive mode the needle is already lowercase, and only
/// ASCII case needs folding (non-ASCII letters were lowercased when folding).
pub fn is_subsequence(haystack: &[u8], needle: &[u8], case: Case) -> bool {
    let mut from = 0;
    for &wanted in needle {
        let other = match case {
            Case::Sensitive => wanted,
            Case::Insensitive => wanted.to_ascii_uppercase(),
        };
        match haystack.get(from..).and_then(|rest| find_either(rest, wanted, other)) {
            Some(at) => from += at + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_case_follows_the_whole_query() {
        let query = Query::parse("  müller   Κ ");
        assert_eq!(query.case, Case::Sensitive);
        let words: Vec<&str> = query.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["muller", "Κ"]);
        assert!(Query::parse(" \t ").is_empty());
        // A lone combining mark folds to nothing and is not a word.
        assert!(Query::parse("\u{308}").is_empty());
    }

    #[test]
    fn subsequence_respects_case_mode() {
        assert!(is_subsequence(b"Daratumumab plus", b"dpl", Case::Insensitive));
        assert!(!is_subsequence(b"Daratumumab plus", b"dpl", Case::Sensitive));
        assert!(is_subsequence(b"Daratumumab plus", b"Dpl", Case::Sensitive));
        assert!(!is_subsequence(b"abc", b"abcd", Case::Insensitive));
        assert!(is_subsequence("κappa".as_bytes(), "κ".as_bytes(), Case::Insensitive));
    }
}
