//! The score of a contiguous match, for exact terms: what skim gives an alignment with no gap.

use std::cmp::max;

use super::{BONUS_CONSECUTIVE, BONUS_FIRST_CHAR_MULTIPLIER, PENALTY_CASE_MISMATCH, SCORE_MATCH, in_place_bonus};

/// The score of `pattern` matched char by char at byte `start` of `text` (where it occurs), as
/// skim scores a given alignment (fuzzy-matcher's `calculate_score_with_pos`), but with the real
/// char before the match rather than none, so that a match at a word's start earns its bonus:
/// each char scores a match and the best bonus met so far along the run.
pub fn contiguous_score(text: &str, start: usize, pattern: &[char], case_sensitive: bool) -> i64 {
    let mut previous = text.get(..start).and_then(|before| before.chars().next_back()).unwrap_or('\0');
    let mut carried = 0;
    let mut score = 0;
    let chars = text.get(start..).unwrap_or_default().chars();
    for (at, (c, &p)) in chars.zip(pattern).enumerate() {
        let mut bonus = in_place_bonus(previous, c);
        if at == 0 && start == 0 {
            bonus *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        carried = max(carried, max(bonus, BONUS_CONSECUTIVE));
        let matched = if !case_sensitive && c != p { SCORE_MATCH + PENALTY_CASE_MISMATCH } else { SCORE_MATCH };
        score += i64::from(matched + carried);
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
