//! Finding the terms of every word list in a text, for one title or abstract section at a time (the rows and
//! lines on screen), and the score a paper gets from them for the "highlighted" sort.
//!
//! Where terms overlap, the leftmost match wins, then the longest (in words), then the list that comes first in
//! the file; a match's words are not matched again, so every char is marked by at most one list.

use std::collections::HashMap;
use std::ops::Range;

use super::WordLists;
use super::term::{Term, folded_words};

/// A term of a list found in a text: the chars of the text it covers (whole words) and the list's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    pub chars: Range<usize>,
    pub list: usize,
}

/// Every list's terms, compiled once per change of the lists.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    /// Terms by their first word, for terms whose first word must be matched whole.
    by_first_word: HashMap<String, Vec<(Term, usize)>>,
    /// Terms of one word that is a prefix (`lenalidomid*`): few, and tried at every word.
    prefixes: Vec<(Term, usize)>,
    /// Each list's weight, for [`Matcher::score`].
    weights: Vec<i64>,
}

impl Matcher {
    pub fn new(lists: &WordLists) -> Matcher {
        let mut matcher =
            Matcher { weights: lists.lists.iter().map(|list| list.weight).collect(), ..Matcher::default() };
        for (index, list) in lists.lists.iter().enumerate() {
            for term in list.words.iter().filter_map(|word| Term::parse(word)) {
                if term.prefix && term.words.len() == 1 {
                    matcher.prefixes.push((term, index));
                } else {
                    matcher.by_first_word.entry(term.words[0].clone()).or_default().push((term, index));
                }
            }
        }
        matcher
    }

    /// The lists' terms in `text`, in text order, not overlapping; only lists whose `applies` entry is true
    /// (a list scoped to a topic applies to that topic's papers) are looked for.
    pub fn find(&self, text: &str, applies: &[bool]) -> Vec<WordMatch> {
        // The default lists are there, empty, for every user: no terms, no folding of the text.
        if self.is_empty() {
            return Vec::new();
        }
        let words = folded_words(text);
        let texts: Vec<&str> = words.iter().map(|word| word.text.as_str()).collect();
        let mut found = Vec::new();
        let mut at = 0;
        while at < texts.len() {
            let exact = self.by_first_word.get(texts[at]).into_iter().flatten();
            let candidates = exact.chain(self.prefixes.iter());
            let mut best: Option<(usize, usize)> = None;
            for (term, list) in candidates {
                if !applies.get(*list).copied().unwrap_or(false) || !matches_at(term, &texts, at) {
                    continue;
                }
                let length = term.words.len();
                if best.is_none_or(|(best_length, best_list)| {
                    (length, std::cmp::Reverse(*list)) > (best_length, std::cmp::Reverse(best_list))
                }) {
                    best = Some((length, *list));
                }
            }
            match best {
                Some((length, list)) => {
                    found.push(WordMatch { chars: words[at].chars.start..words[at + length - 1].chars.end, list });
                    at += length;
                }
                None => at += 1,
            }
        }
        found
    }

    /// A paper's score from its texts: each match counts its list's weight (`include` +1, `exclude` -1).
    pub fn score<'a>(&self, texts: impl IntoIterator<Item = &'a str>, applies: &[bool]) -> i64 {
        texts.into_iter().flat_map(|text| self.find(text, applies)).map(|found| self.weights[found.list]).sum()
    }

    /// Whether no list has a term to look for.
    pub fn is_empty(&self) -> bool {
        self.by_first_word.is_empty() && self.prefixes.is_empty()
    }
}

fn matches_at(term: &Term, words: &[&str], at: usize) -> bool {
    at + term.words.len() <= words.len()
        && (0..term.words.len()).all(|offset| term.word_matches(offset, words[at + offset]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::{ListColor, WordList};

    pub(crate) fn lists(specs: &[(&str, i64, &[&str])]) -> WordLists {
        WordLists {
            lists: specs
                .iter()
                .map(|(name, weight, words)| WordList {
                    name: name.to_string(),
                    color: ListColor::Green,
                    weight: *weight,
                    topic: None,
                    words: words.iter().map(|word| word.to_string()).collect(),
                })
                .collect(),
        }
    }

    fn found(matcher: &Matcher, text: &str) -> Vec<(String, usize)> {
        let chars: Vec<char> = text.chars().collect();
        matcher
            .find(text, &[true; 4])
            .into_iter()
            .map(|found| (chars[found.chars].iter().collect(), found.list))
            .collect()
    }

    #[test]
    fn whole_words_only_and_any_case() {
        let matcher = Matcher::new(&lists(&[("include", 1, &["lenalidomide", "CD38"])]));
        let text = "Lenalidomide, LENALIDOMIDE-dexamethasone; lenalidomides and anti-cd38 (CD38x)";
        assert_eq!(found(&matcher, text), [("Lenalidomide".into(), 0), ("LENALIDOMIDE".into(), 0), ("cd38".into(), 0)]);
    }

    #[test]
    fn phrases_span_any_separator_and_prefixes_take_the_whole_word() {
        let matcher = Matcher::new(&lists(&[("include", 1, &["multiple myeloma", "randomi*", "phase III tri*"])]));
        let text = "Multiple  myeloma, multiple-Myeloma; randomised and Randomized phase iii trials; myeloma multiple";
        let words: Vec<String> = found(&matcher, text).into_iter().map(|(word, _)| word).collect();
        assert_eq!(words, ["Multiple  myeloma", "multiple-Myeloma", "randomised", "Randomized", "phase iii trials"]);
    }

    #[test]
    fn diacritics_fold_both_ways() {
        let matcher = Matcher::new(&lists(&[("include", 1, &["Müller", "strasse", "κ chain"])]));
        assert_eq!(
            found(&matcher, "Muller of Straße: Κ-chain, mu\u{308}ller"),
            [("Muller".into(), 0), ("Straße".into(), 0), ("Κ-chain".into(), 0), ("mu\u{308}ller".into(), 0)]
        );
    }

    #[test]
    fn overlaps_go_to_the_leftmost_then_longest_then_first_list() {
        let matcher = Matcher::new(&lists(&[
            ("include", 1, &["myeloma", "myeloma cells"]),
            ("exclude", -1, &["multiple myeloma", "myeloma", "cells"]),
        ]));
        // "multiple myeloma" starts first; "myeloma cells" is longest where both start; "myeloma" alone: first list.
        assert_eq!(
            found(&matcher, "multiple myeloma cells; myeloma cells; myeloma and cells"),
            [
                ("multiple myeloma".into(), 1),
                ("cells".into(), 1),
                ("myeloma cells".into(), 0),
                ("myeloma".into(), 0),
                ("cells".into(), 1)
            ]
        );
    }

    #[test]
    fn lists_that_do_not_apply_are_not_looked_for() {
        let matcher = Matcher::new(&lists(&[("include", 1, &["myeloma"]), ("exclude", -1, &["myeloma", "mouse"])]));
        let chars = |found: Vec<WordMatch>| found.into_iter().map(|found| found.list).collect::<Vec<_>>();
        assert_eq!(chars(matcher.find("myeloma in a mouse", &[false, true])), [1, 1]);
        assert_eq!(chars(matcher.find("myeloma in a mouse", &[true, false])), [0]);
        assert_eq!(matcher.score(["myeloma in a mouse", "mouse, mouse"], &[true, true]), 1 - 3);
    }

    #[test]
    fn terms_without_a_word_are_left_out() {
        let matcher = Matcher::new(&lists(&[("include", 1, &["*", " - ", ""])]));
        assert!(matcher.is_empty());
        assert!(matcher.find("anything at all", &[true]).is_empty());
    }
}
