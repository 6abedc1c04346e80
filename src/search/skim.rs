//! The score of fuzzy-matcher 0.3.7's `SkimMatcherV2::fuzzy_match`, computed without its hidden state.
//!
//! Why not call the crate: its scorer keeps a per-thread score matrix and reads cells it has not
//! written in the current call (the `bonus` of a matched cell), so the same (text, pattern) can
//! score differently depending on what that thread matched before. Results would then depend on
//! how the scan was split across threads. This is the same dynamic programme, with the same
//! constants and the same two-row layout (including the cells it deliberately reuses), started
//! from the state a freshly built matcher has; `matches_a_fresh_skim_matcher` in the tests pins it
//! to the crate. It also works on bytes when the text is ASCII, reuses its buffers, and skips the
//! crate's per-call allocations, which makes it several times faster.

use std::cmp::max;

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy)]
struct Cell {
    m_score: i32,
    p_score: i32,
    bonus: i32,
}

const FRESH: Cell = Cell { m_score: NEG_INFINITY, p_score: NEG_INFINITY, bonus: 0 };

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

fn in_place_bonus(prev: char, cur: char) -> i32 {
    match (char_type(prev), char_type(cur)) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// One unit of text: a byte of ASCII text, or a char.
pub trait Unit: Copy {
    fn char(self) -> char;
}

impl Unit for u8 {
    #[inline]
    fn char(self) -> char {
        self as char
    }
}

impl Unit for char {
    #[inline]
    fn char(self) -> char {
        self
    }
}

#[inline]
fn match_score(c: char, p: char, case_sensitive: bool) -> Option<i32> {
    if c == p {
        Some(SCORE_MATCH)
    } else if !case_sensitive && c.eq_ignore_ascii_case(&p) {
        Some(max(0, SCORE_MATCH + PENALTY_CASE_MISMATCH))
    } else {
        None
    }
}

/// Reusable buffers for scoring; one per thread.
#[derive(Default)]
pub struct Scorer {
    cells: Vec<Cell>,
    bonuses: Vec<i32>,
    chars: Vec<char>,
    first_matches: Vec<usize>,
}

impl Scorer {
    /// The skim score of `pattern` in `text`, or `None` when `pattern` is not a subsequence.
    pub fn score(&mut self, text: &str, pattern: &[char], case_sensitive: bool) -> Option<i64> {
        if text.is_ascii() {
            self.score_units(text.as_bytes(), pattern, case_sensitive)
        } else {
            let mut chars = std::mem::take(&mut self.chars);
            chars.clear();
            chars.extend(text.chars());
            let score = self.score_units(&chars, pattern, case_sensitive);
            self.chars = chars;
            score
        }
    }

    fn score_units<U: Unit>(&mut self, choice: &[U], pattern: &[char], case_sensitive: bool) -> Option<i64> {
        if pattern.is_empty() {
            return Some(0);
        }
        self.find_first_matches(choice, pattern, case_sensitive)?;
        let first_matches = &self.first_matches;
        let cols = choice.len() + 1;
        let start = first_matches[0];

        // Bonuses are read only right of the first match, so only those are computed.
        self.bonuses.clear();
        self.bonuses.resize(cols, 0);
        for col in start + 1..cols {
            let prev = if col >= 2 { choice[col - 2].char() } else { '\0' };
            self.bonuses[col] = in_place_bonus(prev, choice[col - 1].char());
        }
        if let Some(first) = self.bonuses.get_mut(1) {
            *first *= BONUS_FIRST_CHAR_MULTIPLIER;
        }

        // Row 0 as the crate initialises it; row 1 as a freshly allocated matrix holds it.
        self.cells.clear();
        self.cells.resize(2 * cols, FRESH);
        for cell in &mut self.cells[..cols] {
            cell.p_score = GAP_EXTENSION;
        }

        let cells = &mut self.cells;
        for (i, &p) in pattern.iter().enumerate() {
            let row = ((i + 1) & 1) * cols;
            let row_prev = (i & 1) * cols;
            for col in first_matches[i] + 1..cols {
                let cur = row + col;
                let last = cur - 1;
                let diagonal = row_prev + col - 1;
                if let Some(score) = match_score(choice[col - 1].char(), p, case_sensitive) {
                    let bonus = self.bonuses[col];
                    let consecutive = max(cells[last].bonus, max(bonus, BONUS_CONSECUTIVE));
                    cells[last].bonus = consecutive;
                    let via_match = cells[diagonal].m_score + consecutive;
                    let via_skip = cells[diagonal].p_score + bonus;
                    cells[cur].m_score = max(via_match, via_skip) + score;
                } else {
                    cells[cur].m_score = NEG_INFINITY;
                    cells[cur].bonus = 0;
                }
                let after_match = GAP_START + GAP_EXTENSION + cells[last].m_score;
                let after_skip = GAP_EXTENSION + cells[last].p_score;
                cells[cur].p_score = max(after_match, after_skip);
            }
        }

        let last_row = (pattern.len() & 1) * cols;
        let from = first_matches[pattern.len() - 1];
        cells[last_row + from..last_row + cols].iter().map(|cell| cell.m_score).max().map(i64::from)
    }

    /// The earliest position of each pattern char, greedily; `None` when the pattern does not fit.
    fn find_first_matches<U: Unit>(&mut self, choice: &[U], pattern: &[char], case_sensitive: bool) -> Option<()> {
        self.first_matches.clear();
        let mut wanted = pattern.iter().peekable();
        for (index, unit) in choice.iter().enumerate() {
            let Some(&&p) = wanted.peek() else { break };
            if match_score(unit.char(), p, case_sensitive).is_some() {
                self.first_matches.push(index);
                wanted.next();
            }
        }
        if wanted.peek().is_none() { Some(()) } else { None }
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

    #[test]
    fn matches_a_fresh_skim_matcher() {
        // A small alphabet with repeats, separators, capitals and non-ASCII makes every branch likely.
        let alphabet: Vec<char> = "aalllee mmsS-LE(κΚé1".chars().collect();
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        let mut scorer = Scorer::default();
        let mut matched = 0;
        for round in 0..40_000 {
            let text: String = (0..next(40)).map(|_| alphabet[next(alphabet.len())]).collect();
            let pattern: String = (0..1 + next(5)).map(|_| alphabet[next(alphabet.len())]).collect();
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
        }
        assert!(matched > 5_000, "too few matches ({matched}) to exercise the scoring");
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
