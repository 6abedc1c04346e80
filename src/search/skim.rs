//! The score of fuzzy-matcher 0.3.7's `SkimMatcherV2::fuzzy_match`, computed without its hidden state.
//!
//! Why not call the crate: its scorer keeps a per-thread score matrix and reads cells it has not
//! written in the current call (the `bonus` of a matched cell), so the same (text, pattern) can
//! score differently depending on what that thread matched before. Results would then depend on
//! how the scan was split across threads. This computes what a freshly built matcher computes,
//! with the same constants and the same two-row layout (each row starts from a cell the row two
//! above left behind, which changes scores); `matches_a_fresh_skim_matcher` in the tests pins it
//! to the crate. Instead of filling every cell it keeps, per row, only the columns where the
//! pattern char matches, works on bytes when the text is ASCII and reuses its buffers: several
//! times faster than the crate. `extend` keeps a word's last rows so that the word typed one
//! char longer costs one row.

mod contiguous;
mod extend;
mod formula;
mod packed_row;
#[cfg(test)]
pub(super) mod reference;
mod row;
mod unit;

pub use contiguous::contiguous_score;
pub use extend::{Earlier, KeptRows};
use formula::{INITIALISED_CELL, char_score, column_bonus, match_score};
use row::{Above, Cell, Event, Finished, Initialised, PackedEvent, RowStart, m_at, p_after, p_at};
use unit::Unit;

use super::occurrences::Occurrences;

/// The in-place bonus of column `col` (char `col - 1`); computed only where a pattern char
/// matches, which is a small fraction of the columns.
#[inline(always)]
fn bonus_at<U: Unit>(text: &[U], col: usize) -> i32 {
    let prev = if col >= 2 { text[col - 2] } else { U::NUL };
    column_bonus(U::in_place_bonus(prev, text[col - 1]), col)
}

/// Which units a pattern char matches: itself, and its other ASCII case when case is ignored.
/// Two equality tests instead of case folding per text char: the scan's innermost test.
#[derive(Clone, Copy)]
struct Needle {
    exact: char,
    other: char,
}

impl Needle {
    fn new(p: char, case_sensitive: bool) -> Needle {
        let other = match case_sensitive {
            true => p,
            false if p.is_ascii_lowercase() => p.to_ascii_uppercase(),
            false => p.to_ascii_lowercase(),
        };
        Needle { exact: p, other }
    }

    #[inline(always)]
    fn matches<U: Unit>(self, unit: U) -> bool {
        let c = unit.char();
        c == self.exact || c == self.other
    }

    /// The crate's `calculate_match_score` for a char this needle matches.
    #[inline(always)]
    fn score<U: Unit>(self, unit: U) -> i32 {
        char_score(unit.char() == self.exact)
    }
}

/// The stale cell row `i` finds at `col` (see `formula::stale_cell`), `done` holding the rows above.
fn stale_cell<C: Cell>(done: &[Vec<C>], i: usize, col: usize) -> (i32, i32) {
    formula::stale_cell(i, || {
        done.get(i - 2).map_or(formula::FRESH_CELL, |events| (m_at(events, col), p_at(events, col)))
    })
}

/// Appends one score row to `events`: its first column (from `start`), then every column where `needle` matches, reading the row above
/// (`Initialised` for row 0). Returns `None`, leaving part of the row,
/// when an event does not fit the type.
fn fill_row<U: Unit, C: Cell>(
    text: &[U],
    needle: Needle,
    start: RowStart,
    mut above: impl Above,
    events: &mut Vec<C>,
) -> Option<()> {
    let RowStart { boundary, stale } = start;
    events.push(C::new(boundary, stale.0, stale.1)?);
    let mut last = events.last().copied()?;
    for at in U::positions(text, needle, boundary) {
        let col = at + 1;
        let p_here = p_after(last, col);
        let m_here = match_score(above.cell(col - 1), bonus_at(text, col), needle.score(text[at]));
        last = C::new(col, m_here, p_here)?;
        events.push(last);
    }
    Some(())
}

/// A text in the shape the scorer works on.
enum Units<'a> {
    /// ASCII text, and where its letters and digits occur when the index recorded that.
    Bytes(&'a [u8], Option<Occurrences<'a>>),
    Chars(&'a [char]),
}

/// A text to score, with what the index recorded of it once, instead of every keystroke
/// working it out again: whether it is ASCII, and where its letters and digits occur.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    text: &'a str,
    ascii: bool,
    occurrences: Option<Occurrences<'a>>,
}

impl<'a> Text<'a> {
    /// `text` with `ascii` as recorded for it, which must be `text.is_ascii()`.
    pub fn with_ascii(text: &'a str, ascii: bool) -> Text<'a> {
        debug_assert_eq!(ascii, text.is_ascii(), "{text:?}");
        Text { text, ascii, occurrences: None }
    }

    /// `text` with the occurrences recorded for it (only ASCII texts are recorded).
    pub fn recorded(text: &'a str, occurrences: Occurrences<'a>) -> Text<'a> {
        debug_assert!(text.is_ascii(), "{text:?}");
        Text { text, ascii: true, occurrences: Some(occurrences) }
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Text<'a> {
        Text { text, ascii: text.is_ascii(), occurrences: None }
    }
}

impl<'a> From<&'a String> for Text<'a> {
    fn from(text: &'a String) -> Text<'a> {
        Text::from(text.as_str())
    }
}

/// Reusable buffers for scoring; one per thread.
#[derive(Default)]
pub struct Scorer {
    /// Per pattern char, the columns of its score row that matter.
    rows: Vec<Vec<Event>>,
    chars: Vec<char>,
    first_matches: Vec<usize>,
    /// The last three rows of a pattern scored in packed rows (see `score_packed`).
    packed_rows: [Vec<PackedEvent>; 3],
    /// Whether [`Scorer::score`] only says if there is a match, as 0: see [`Scorer::telling_matches_only`].
    matches_only: bool,
}

impl Scorer {
    /// A scorer whose [`Scorer::score`] is 0 where another's is a score, and `None` where another's is: for a
    /// search that keeps every match and needs no order, which then fills no score rows.
    pub fn telling_matches_only() -> Scorer {
        Scorer { matches_only: true, ..Scorer::default() }
    }

    /// The skim score of `pattern` in `text`, or `None` when `pattern` is not a subsequence.
    pub fn score<'a>(&mut self, text: impl Into<Text<'a>>, pattern: &[char], case_sensitive: bool) -> Option<i64> {
        if self.matches_only {
            // The scorer scores exactly where its first matches are found (see `score_units`).
            return self
                .on_units(text, |scorer, units| match units {
                    Units::Bytes(bytes, _) => scorer.find_first_matches(bytes, pattern, case_sensitive),
                    Units::Chars(chars) => scorer.find_first_matches(chars, pattern, case_sensitive),
                })
                .map(|()| 0);
        }
        self.on_units(text, |scorer, units| match units {
            Units::Bytes(bytes, occurrences) => scorer.score_units(bytes, occurrences, pattern, case_sensitive),
            Units::Chars(chars) => scorer.score_units(chars, None, pattern, case_sensitive),
        })
    }

    /// Runs `work` on `text` as bytes when it is ASCII (most titles), else as chars.
    fn on_units<'a, T>(&mut self, text: impl Into<Text<'a>>, work: impl FnOnce(&mut Scorer, Units<'_>) -> T) -> T {
        let text = text.into();
        if text.ascii {
            work(self, Units::Bytes(text.text.as_bytes(), text.occurrences))
        } else {
            let mut chars = std::mem::take(&mut self.chars);
            chars.clear();
            chars.extend(text.text.chars());
            let result = work(self, Units::Chars(&chars));
            self.chars = chars;
            result
        }
    }

    fn score_units<U: Unit>(
        &mut self,
        text: &[U],
        occurrences: Option<Occurrences<'_>>,
        pattern: &[char],
        case_sensitive: bool,
    ) -> Option<i64> {
        let Some(&final_char) = pattern.last() else { return Some(0) };
        self.find_first_matches(text, pattern, case_sensitive)?;
        if pattern.len() > 1
            && let Some(best) = self.score_packed(text, occurrences, pattern, case_sensitive)
        {
            return Some(i64::from(best));
        }
        // Cells right of the last occurrence of the pattern's final char influence only cells
        // further right, and in the final row those are all non-matches: the columns can stop there.
        let final_needle = Needle::new(final_char, case_sensitive);
        let end = text.iter().rposition(|&unit| final_needle.matches(unit))?;
        let text = &text[..=end];
        let start = self.first_matches[0];

        if let [only] = pattern {
            // One row: every match starts from row 0's skip score, so the best is the best bonus.
            let needle = Needle::new(*only, case_sensitive);
            return U::positions(text, needle, start)
                .map(|at| match_score(INITIALISED_CELL, bonus_at(text, at + 1), needle.score(text[at])))
                .max()
                .map(i64::from);
        }

        self.fill_rows(text, pattern, case_sensitive);
        // The crate's maximum runs from the final row's first column, which still holds a stale M.
        self.rows.get(pattern.len() - 1)?.iter().map(|event| event.m).max().map(i64::from)
    }

    /// Computes every score row of `pattern`, whose first matches are already found.
    ///
    /// The crate fills a dense matrix; here each row keeps only the columns where something
    /// happens (its first column and its matches) and every other cell is derived from those:
    /// there M is minus infinity and P falls by one per column. See `Event`.
    fn fill_rows<U: Unit>(&mut self, text: &[U], pattern: &[char], case_sensitive: bool) {
        let rows = &mut self.rows;
        if rows.len() < pattern.len() {
            rows.resize_with(pattern.len(), Vec::new);
        }
        for (i, &pattern_char) in pattern.iter().enumerate() {
            let (done, rest) = rows.split_at_mut(i);
            let (Some(events), Some(&boundary)) = (rest.first_mut(), self.first_matches.get(i)) else { break };
            let stale = stale_cell(done, i, boundary);
            let needle = Needle::new(pattern_char, case_sensitive);
            events.clear();
            // Plain events hold every value.
            let _ = match done.last() {
                Some(above) => fill_row(text, needle, RowStart { boundary, stale }, Finished::new(above), events),
                None => fill_row(text, needle, RowStart { boundary, stale }, Initialised, events),
            };
        }
    }

    /// The earliest position of each pattern char, greedily; `None` when the pattern does not fit.
    fn find_first_matches<U: Unit>(&mut self, text: &[U], pattern: &[char], case_sensitive: bool) -> Option<()> {
        self.first_matches.clear();
        let mut from = 0;
        for &p in pattern {
            let needle = Needle::new(p, case_sensitive);
            let offset = U::find(text.get(from..)?, needle)?;
            self.first_matches.push(from + offset);
            from += offset + 1;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    fn crate_score(text: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        let matcher = SkimMatcherV2::default();
        let matcher = if case_sensitive { matcher.respect_case() } else { matcher.ignore_case() };
        matcher.fuzzy_match(text, pattern)
    }

    fn ours(text: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        let pattern: Vec<char> = pattern.chars().collect();
        Scorer::default().score(text, &pattern, case_sensitive)
    }

    /// Random texts and patterns from `alphabet`, scored by one reused `Scorer` and by fresh crate matchers.
    fn compare_with_the_crate(alphabet: &str, rounds: usize, max_text: usize, max_pattern: usize) {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut rng = crate::synthetic::XorShift::new(0x2545_F491_4F6C_DD1D_u64);
        let mut next = |bound: usize| rng.below(bound);
        let mut scorer = Scorer::default();
        let mut telling_matches = Scorer::telling_matches_only();
        let mut matched = 0;
        for round in 0..rounds {
            let text: String = (0..next(max_text)).map(|_| alphabet[next(alphabet.len())]).collect();
            let pattern: String = (0..1 + next(max_pattern)).map(|_| alphabet[next(alphabet.len())]).collect();
            let case_sensitive = round % 3 == 0;
            let pattern_chars: Vec<char> = pattern.chars().collect();
            let expected = crate_score(&text, &pattern, case_sensitive);
            matched += usize::from(expected.is_some());
            // One scorer throughout: its reused buffers must not leak state between calls.
            assert_eq!(
                scorer.score(&text, &pattern_chars, case_sensitive),
                expected,
                "{text:?} {pattern:?} {case_sensitive}"
            );
            assert_eq!(telling_matches.score(&text, &pattern_chars, case_sensitive), expected.map(|_| 0));
        }
        assert!(matched > rounds / 8, "too few matches ({matched}) to exercise the scoring");
    }

    #[test]
    fn matches_a_fresh_skim_matcher() {
        // A small alphabet with repeats, separators, capitals and non-ASCII makes every branch likely.
        compare_with_the_crate("aalllee mmsS-LE(κΚé1", 40_000, 40, 5);
    }

    #[test]
    fn matches_a_fresh_skim_matcher_on_long_repetitive_patterns() {
        // Runs of one letter exercise the cells the crate reads back from two rows above.
        compare_with_the_crate("aaab A-", 5_000, 120, 12);
    }

    #[test]
    fn real_titles_score_as_the_crate_does() {
        let title = "Daratumumab plus Lenalidomide and Dexamethasone for Untreated Myeloma.";
        for pattern in ["l", "len", "lenalidomide", "dara", "DL", "myeloma.", "xyz"] {
            assert_eq!(ours(title, pattern, false), crate_score(title, pattern, false), "{pattern}");
            assert_eq!(ours(title, pattern, true), crate_score(title, pattern, true), "{pattern}");
        }
        assert_eq!(ours(title, "", false), Some(0));
        assert_eq!(ours("", "a", false), None);
    }
}
