//! What an earlier keystroke's scan already knows about the candidates of this one.

use std::ops::Range;

/// Per candidate (the earlier query's matches, in order), the scores that need no computing again.
#[derive(Clone, Copy)]
pub(crate) enum Known<'a> {
    /// Every clause is matched and scored.
    Nothing,
    /// Only the last word changed: the score of everything else, and what the filters (the same
    /// as before) added to it, or nothing when there are none.
    AllButLastWord { without_last_word: &'a [i64], filtered: &'a [i64] },
    /// Only the filters changed (typing an exact term or a negation after fuzzy words): the earlier
    /// scores with and without the last word, and what the earlier filters added to both.
    Words { scores: &'a [i64], without_last_word: &'a [i64], filtered: &'a [i64] },
}

impl<'a> Known<'a> {
    /// Whether it holds a score for each of `candidates` (an empty `filtered` means no filters).
    pub(crate) fn fits(&self, candidates: usize) -> bool {
        let filtered_fits = |filtered: &[i64]| filtered.is_empty() || filtered.len() == candidates;
        match self {
            Known::Nothing => true,
            Known::AllButLastWord { without_last_word, filtered } => {
                without_last_word.len() == candidates && filtered_fits(filtered)
            }
            Known::Words { scores, without_last_word, filtered } => {
                scores.len() == candidates && without_last_word.len() == candidates && filtered_fits(filtered)
            }
        }
    }

    /// The part for the candidates in `range`.
    pub(crate) fn part(&self, range: Range<usize>) -> Known<'a> {
        let cut = |scores: &'a [i64]| scores.get(range.clone()).unwrap_or_default();
        match *self {
            Known::Nothing => Known::Nothing,
            Known::AllButLastWord { without_last_word, filtered } => {
                Known::AllButLastWord { without_last_word: cut(without_last_word), filtered: cut(filtered) }
            }
            Known::Words { scores, without_last_word, filtered } => {
                Known::Words { scores: cut(scores), without_last_word: cut(without_last_word), filtered: cut(filtered) }
            }
        }
    }
}
