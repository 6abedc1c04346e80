//! The oracle of the tests: the skim score computed plainly, every cell of the crate's two-row
//! matrix from the formula every kernel shares (`formula.rs`), over chars, with fresh buffers.
//! Slow and short enough to check by eye against fuzzy-matcher's `build_score_matrix`. The tests
//! below compare it with the crate, and every fast path (whole words in bytes, chars and packed
//! rows, the one-char shortcut, typed words extending kept rows, exact terms) with it; the scan
//! and the narrowing searcher are compared with it in `search::oracle`. After a deliberate change
//! to `formula.rs` only the comparisons with the crate should fail.

use std::cmp::max;

use super::formula::{
    FRESH_CELL, INITIALISED_CELL, NEG_INFINITY, char_score, column_bonus, consecutive_bonus, in_place_bonus,
    match_score, skip_score,
};

/// Whether text char `c` matches pattern char `p` (the crate's `char_equal`).
fn chars_match(c: char, p: char, case_sensitive: bool) -> bool {
    if case_sensitive { c == p } else { c.eq_ignore_ascii_case(&p) }
}

/// The skim score of `pattern` in `text`, or `None` when `pattern` is not a subsequence of it.
pub(crate) fn reference_score(text: &str, pattern: &[char], case_sensitive: bool) -> Option<i64> {
    if pattern.is_empty() {
        return Some(0);
    }
    let text: Vec<char> = text.chars().collect();
    // The earliest position of each pattern char, greedily (the crate's `cheap_matches`).
    let mut first_matches = Vec::new();
    let mut from = 0;
    for &p in pattern {
        let at = from + text.get(from..)?.iter().position(|&c| chars_match(c, p, case_sensitive))?;
        first_matches.push(at);
        from = at + 1;
    }
    // Cells are (M, P); column `col` is the char at `col - 1`. Two rows used in turn: pattern char
    // `i` writes row `(i + 1) % 2`, from its first column on, over what char `i - 2` left there.
    let columns = text.len() + 1;
    let mut rows = [vec![INITIALISED_CELL; columns], vec![FRESH_CELL; columns]];
    for (i, &p) in pattern.iter().enumerate() {
        let [even, odd] = &mut rows;
        let (above, row) = if i % 2 == 0 { (&*even, odd) } else { (&*odd, even) };
        for col in first_matches[i] + 1..columns {
            let c = text[col - 1];
            let m = match chars_match(c, p, case_sensitive) {
                true => {
                    let previous = if col >= 2 { text[col - 2] } else { '\0' };
                    let bonus = column_bonus(in_place_bonus(previous, c), col);
                    match_score(above[col - 1], bonus, char_score(c == p))
                }
                false => NEG_INFINITY,
            };
            let (left_m, left_p) = row[col - 1];
            row[col] = (m, skip_score(left_m, left_p));
        }
    }
    let last = pattern.len() - 1;
    // The maximum runs from the final row's first column, which still holds a stale M.
    rows[(last + 1) % 2][first_matches[last]..].iter().map(|&(m, _)| i64::from(m)).max()
}

/// The score of `pattern` aligned char by char with `text` from char `start` on (the crate's
/// `calculate_score_with_pos` over a gapless alignment, but seeing the char before `start`).
pub(crate) fn reference_contiguous_score(text: &str, start: usize, pattern: &[char], case_sensitive: bool) -> i64 {
    let text: Vec<char> = text.chars().collect();
    let mut carried = 0;
    let mut score = 0;
    for (at, &p) in pattern.iter().enumerate() {
        let col = start + at + 1;
        let (previous, c) = (if col >= 2 { text[col - 2] } else { '\0' }, text[col - 1]);
        carried = max(carried, consecutive_bonus(column_bonus(in_place_bonus(previous, c), col)));
        score += i64::from(char_score(case_sensitive || c == p) + carried);
    }
    score
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    use super::super::super::occurrences::OccurrenceTable;
    use super::super::{Earlier, KeptRows, Scorer, Text, contiguous_score};
    use super::*;
    use crate::synthetic::XorShift;

    /// Random texts from `alphabet` and words drawn from them (so that most match), with a case mode.
    struct Cases {
        rng: XorShift,
        alphabet: Vec<char>,
        max_text: usize,
        max_word: usize,
        round: usize,
    }

    impl Cases {
        fn new(alphabet: &str, max_text: usize, max_word: usize) -> Cases {
            let alphabet = alphabet.chars().collect();
            Cases { rng: XorShift::new(0x9E37_79B9_7F4A_7C15), alphabet, max_text, max_word, round: 0 }
        }

        fn next(&mut self) -> (String, Vec<char>, bool) {
            self.round += 1;
            let length = self.rng.below(self.max_text);
            let text: Vec<char> = (0..length).map(|_| self.alphabet[self.rng.below(self.alphabet.len())]).collect();
            let word_length = 1 + self.rng.below(self.max_word);
            // Half the words are a subsequence of the text, the others random.
            let word = match self.rng.below(2) == 0 && !text.is_empty() {
                true => (0..word_length).map(|_| text[self.rng.below(text.len())]).collect(),
                false => (0..word_length).map(|_| self.alphabet[self.rng.below(self.alphabet.len())]).collect(),
            };
            (text.into_iter().collect(), word, self.round.is_multiple_of(3))
        }
    }

    const MIXED: &str = "aalllee mmsS-LE(κΚé1";
    const ASCII: &str = "aalllee mmsS-LE(1/";

    #[test]
    fn the_reference_is_a_fresh_skim_matcher() {
        for (alphabet, max_text, max_word) in [(MIXED, 40, 5), ("aaab A-", 120, 12)] {
            let mut cases = Cases::new(alphabet, max_text, max_word);
            for _ in 0..20_000 {
                let (text, word, case_sensitive) = cases.next();
                let matcher = SkimMatcherV2::default();
                let matcher = if case_sensitive { matcher.respect_case() } else { matcher.ignore_case() };
                let expected = matcher.fuzzy_match(&text, &word.iter().collect::<String>());
                assert_eq!(reference_score(&text, &word, case_sensitive), expected, "{text:?} {word:?}");
            }
        }
    }

    /// Whole words: ASCII texts in bytes (packed rows, or the one-char shortcut), with and
    /// without recorded occurrences (masks), short and long, and other texts in chars.
    #[test]
    fn whole_words_score_as_the_reference() {
        let mut scorer = Scorer::default();
        for (alphabet, max_text) in [(MIXED, 40), (ASCII, 40), (ASCII, 300)] {
            let mut cases = Cases::new(alphabet, max_text, 6);
            for _ in 0..8_000 {
                let (text, word, case_sensitive) = cases.next();
                let expected = reference_score(&text, &word, case_sensitive);
                assert_eq!(scorer.score(&text, &word, case_sensitive), expected, "{text:?} {word:?}");
                if text.is_ascii() {
                    let mut table = OccurrenceTable::default();
                    table.push(&text);
                    if let Some(occurrences) = table.get(0) {
                        let recorded = Text::recorded(&text, occurrences);
                        assert_eq!(scorer.score(recorded, &word, case_sensitive), expected, "{text:?} {word:?}");
                    }
                }
            }
        }
    }

    /// Scores too large for packed rows take the plain rows, in bytes as in chars.
    #[test]
    fn scores_too_large_to_pack_score_as_the_reference() {
        for text in ["a".repeat(1800), "κ".repeat(3) + &"a".repeat(1800)] {
            let word: Vec<char> = "a".repeat(1750).chars().collect();
            let expected = reference_score(&text, &word, false);
            assert!(expected.is_some_and(|score| score > i64::from(i16::MAX)), "{expected:?}");
            assert_eq!(Scorer::default().score(text.as_str(), &word, false), expected);
        }
    }

    /// Words typed one char at a time (sometimes several, as when pasting) over many texts,
    /// each keystroke extending the rows the one before kept.
    #[test]
    fn typed_words_score_as_the_reference() {
        let mut scorer = Scorer::default();
        for (alphabet, max_text) in [(MIXED, 60), (ASCII, 200)] {
            let mut cases = Cases::new(alphabet, max_text, 8);
            for _ in 0..300 {
                let cases_now: Vec<_> = (0..12).map(|_| cases.next()).collect();
                let (_, word, case_sensitive) = cases_now[0].clone();
                let mut kept = KeptRows::with_limit(usize::MAX);
                for (text, _, _) in &cases_now {
                    let expected = reference_score(text, &word[..1], case_sensitive);
                    assert_eq!(scorer.score_keeping(text.as_str(), &word[..1], case_sensitive, &mut kept), expected);
                }
                let mut length = 1;
                while length < word.len() {
                    length += 1 + usize::from(cases.rng.below(4) == 0);
                    let typed = &word[..length.min(word.len())];
                    let mut longer = KeptRows::with_limit(usize::MAX);
                    for (at, (text, _, _)) in cases_now.iter().enumerate() {
                        let score = scorer.extend_keeping(
                            text.as_str(),
                            typed,
                            case_sensitive,
                            Earlier { rows: &kept, at },
                            &mut longer,
                        );
                        assert_eq!(score, reference_score(text, typed, case_sensitive), "{text:?} {typed:?}");
                    }
                    kept = longer;
                }
            }
        }
    }

    #[test]
    fn contiguous_scores_are_the_reference_alignment() {
        let mut cases = Cases::new(MIXED, 30, 4);
        let mut compared = 0;
        for _ in 0..5_000 {
            let (text, word, case_sensitive) = cases.next();
            let chars: Vec<char> = text.chars().collect();
            for start in 0..chars.len() {
                let window = chars.get(start..start + word.len());
                if window
                    .is_some_and(|window| window.iter().zip(&word).all(|(&c, &p)| chars_match(c, p, case_sensitive)))
                {
                    let byte_start = text.char_indices().nth(start).map_or(text.len(), |(at, _)| at);
                    let expected = reference_contiguous_score(&text, start, &word, case_sensitive);
                    assert_eq!(
                        contiguous_score(&text, byte_start, &word, case_sensitive),
                        expected,
                        "{text:?} {word:?}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1_000, "too few occurrences ({compared})");
    }
}
