//! The score of a contiguous match, for exact terms: what skim gives an alignment with no gap.

use std::cmp::max;

use super::formula::{char_score, column_bonus, consecutive_bonus, in_place_bonus};

/// The score of `pattern` matched char by char at byte `start` of `text` (where it occurs), as
/// skim scores a given alignment (fuzzy-matcher's `calculate_score_with_pos`), but with the real
/// char before the match rather than none, so that a match at a word's start earns its bonus:
/// each char scores a match and the best bonus met so far along the run.
pub fn contiguous_score(text: &str, start: usize, pattern: &[char], case_sensitive: bool) -> i64 {
    let mut previous = text.get(..start).and_then(|before| before.chars().next_back()).unwrap_or('\0');
    let mut carried = 0;
    let mut score = 0;
    let chars = text.get(start..).unwrap_or_default().chars();
    // Columns count chars from the text's start only as far as `column_bonus` asks: is it the first?
    let first_col = if start == 0 { 1 } else { 2 };
    for (at, (c, &p)) in chars.zip(pattern).enumerate() {
        let bonus = column_bonus(in_place_bonus(previous, c), first_col + at);
        carried = max(carried, consecutive_bonus(bonus));
        // Case-sensitive, every matched char is the pattern's own.
        score += i64::from(char_score(case_sensitive || c == p) + carried);
        previous = c;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_start_scores_above_the_middle_of_a_word_and_the_text_start_above_both() {
        let text = "Lenalidomide and pomalidomide; lenalidomide";
        let pattern: Vec<char> = "lid".chars().collect();
        let middle = contiguous_score(text, 4, &pattern, false);
        // Three matches with the consecutive bonus.
        assert_eq!(middle, 3 * (16 + 4));
        let pattern: Vec<char> = "len".chars().collect();
        let at_start = contiguous_score(text, 0, &pattern, false);
        let after_space = contiguous_score(text, 31, &pattern, false);
        // 'L' differs in case (16 - 2), and the first char of the text doubles the head bonus.
        assert_eq!(at_start, (14 + 16) + (16 + 16) + (16 + 16));
        assert_eq!(after_space, 3 * (16 + 8));
        assert!(at_start > after_space && after_space > middle);
    }
}
