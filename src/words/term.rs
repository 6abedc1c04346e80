//! What a highlighted word is, once read: the words of a term, compared after folding, and the folded words of
//! a text with where each came from, so that a match can be drawn on the original characters.
//!
//! A *word* is a run of letters and digits (`char::is_alphanumeric`); everything else (spaces, hyphens,
//! punctuation) only separates words, so `"multiple myeloma"` matches "multiple myeloma", "multiple-myeloma" and
//! "Multiple  Myeloma", and `"lenalidomide"` matches in "lenalidomide-dexamethasone" but not in
//! "lenalidomides". Words are compared folded as the search folds them (accents stripped, ß → ss, Greek tonos
//! dropped) and without case. A trailing `*` makes the term's last word a prefix: `lenalidomid*`.

use std::ops::Range;

use crate::search::{Case, fold_with_origin};

/// A term of a word list, ready to compare: its folded words, the last one a prefix when the term ends in `*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub words: Vec<String>,
    pub prefix: bool,
}

impl Term {
    /// The term written as `text` in a list; `None` when it holds no word at all (`"*"`, `"--"`) or a control
    /// character (text that is no word a paper holds, and must not reach the terminal when the lists are shown).
    pub fn parse(text: &str) -> Option<Term> {
        if text.chars().any(char::is_control) {
            return None;
        }
        let trimmed = text.trim();
        let (body, prefix) = match trimmed.strip_suffix('*') {
            Some(body) => (body, true),
            None => (trimmed, false),
        };
        let words: Vec<String> = folded_words(body).into_iter().map(|word| word.text).collect();
        if words.is_empty() { None } else { Some(Term { words, prefix }) }
    }

    /// The term as a list keeps it after `+`: its words, lowercased and folded, with the `*` when it has one.
    pub fn written(&self) -> String {
        let mut text = self.words.join(" ");
        if self.prefix {
            text.push('*');
        }
        text
    }

    /// Whether the term's `index`th word matches the text word `word` (both folded).
    pub fn word_matches(&self, index: usize, word: &str) -> bool {
        let own = &self.words[index];
        if self.prefix && index + 1 == self.words.len() { word.starts_with(own.as_str()) } else { word == own }
    }
}

/// A word of a text, folded, and the char range of the original text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedWord {
    pub text: String,
    pub chars: Range<usize>,
}

/// The words of `text`, folded and lowercased, each with its char range in `text`.
pub fn folded_words(text: &str) -> Vec<FoldedWord> {
    let (folded, origin) = fold_with_origin(text, Case::Insensitive);
    let mut words = Vec::new();
    let mut current: Option<(String, usize, usize)> = None;
    for (at, c) in folded.chars().enumerate() {
        let source = origin[at];
        if c.is_alphanumeric() {
            let (word, _, last) = current.get_or_insert_with(|| (String::new(), source, source));
            // Folding lowercases what is not ASCII; ASCII case is folded here.
            word.push(c.to_ascii_lowercase());
            *last = source;
        } else if let Some((word, first, last)) = current.take() {
            words.push(FoldedWord { text: word, chars: first..last + 1 });
        }
    }
    if let Some((word, first, last)) = current {
        words.push(FoldedWord { text: word, chars: first..last + 1 });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_fold_and_split_on_anything_but_letters_and_digits() {
        let term = Term::parse("  Multiple-Myéloma ").unwrap();
        assert_eq!(term.words, ["multiple", "myeloma"]);
        assert!(!term.prefix);
        let prefix = Term::parse("Lenalidomid*").unwrap();
        assert_eq!(prefix.written(), "lenalidomid*");
        assert!(prefix.word_matches(0, "lenalidomide"));
        assert!(!Term::parse("lenalidomid").unwrap().word_matches(0, "lenalidomide"));
        assert_eq!(Term::parse("*"), None);
        assert_eq!(Term::parse(" -- "), None);
        assert_eq!(Term::parse("lena\u{1b}[2J"), None);
        assert_eq!(Term::parse("CD38").unwrap().words, ["cd38"]);
    }

    #[test]
    fn words_keep_their_place_in_the_original_text() {
        let words = folded_words("Straße, Müller-κ!");
        let found: Vec<(&str, Range<usize>)> =
            words.iter().map(|word| (word.text.as_str(), word.chars.clone())).collect();
        assert_eq!(found, [("strasse", 0..6), ("muller", 8..14), ("κ", 15..16)]);
        // Decomposed accents are dropped, but the word still ends after them.
        assert_eq!(folded_words("Mu\u{308}ller")[0].chars, 0..7);
    }
}
