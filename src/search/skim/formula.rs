//! How a match is scored: fuzzy-matcher 0.3.7's `SkimMatcherV2` constants and recurrences, the
//! one place they are written (the module doc of `search` explains them). Every kernel and the
//! reference scorer of the tests call these; they are `#[inline(always)]` so that sharing them
//! costs the kernels nothing.

use std::cmp::max;

pub(super) const SCORE_MATCH: i32 = 16;
pub(super) const GAP_START: i32 = -3;
pub(super) const GAP_EXTENSION: i32 = -1;
pub(super) const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
pub(super) const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const PENALTY_CASE_MISMATCH: i32 = GAP_EXTENSION * 2;
pub(super) const NEG_INFINITY: i32 = i16::MIN as i32;

/// A cell as the crate's matrix is made: nothing written.
pub(super) const FRESH_CELL: (i32, i32) = (NEG_INFINITY, NEG_INFINITY);
/// A cell of the row before the first: no match, and skipping costs one gap extension.
pub(super) const INITIALISED_CELL: (i32, i32) = (NEG_INFINITY, GAP_EXTENSION);

/// M of a cell where the row's char matches, from (M, P) of the cell diagonally above-left,
/// the column's `bonus` and the `char_score` of the match. (The crate also takes the larger of
/// the consecutive bonus and one it kept in the cell to the left. In a fresh matcher that cell
/// holds zero or what an earlier row computed for this same column, the same value; only a
/// matcher reused across calls sees others, which is why the crate itself is not called.)
#[inline(always)]
pub(super) fn match_score((diagonal_m, diagonal_p): (i32, i32), bonus: i32, char_score: i32) -> i32 {
    max(diagonal_m + consecutive_bonus(bonus), diagonal_p + bonus) + char_score
}

/// What a match right after another earns: its own bonus, or at least `BONUS_CONSECUTIVE`.
#[inline(always)]
pub(super) fn consecutive_bonus(bonus: i32) -> i32 {
    max(bonus, BONUS_CONSECUTIVE)
}

/// P of the cell right of one holding `m` and `p`: a gap opened after a match, or one extended.
#[inline(always)]
pub(super) fn skip_score(m: i32, p: i32) -> i32 {
    max(GAP_START + GAP_EXTENSION + m, GAP_EXTENSION + p)
}

/// P `gap` skipped columns after a cell whose right neighbour's P is `p`: each extends the gap.
#[inline(always)]
pub(super) fn extend_gap(p: i32, gap: i32) -> i32 {
    p.saturating_add(gap.saturating_mul(GAP_EXTENSION))
}

/// What matching a text char earns (the crate's `calculate_match_score`): less when only its
/// case matches (`same_case` is false only when case is ignored).
#[inline(always)]
pub(super) fn char_score(same_case: bool) -> i32 {
    if same_case { SCORE_MATCH } else { max(0, SCORE_MATCH + PENALTY_CASE_MISMATCH) }
}

/// The bonus of column `col`, from the in-place bonus of its char: the text's first char earns
/// it twice.
#[inline(always)]
pub(super) fn column_bonus(in_place: i32, col: usize) -> i32 {
    if col == 1 { in_place * BONUS_FIRST_CHAR_MULTIPLIER } else { in_place }
}

/// The stale cell row `row` starts from at its first column: for rows from 2 on, what row
/// `row - 2` left there (`two_above`, read only then), since the crate keeps two rows; row 1 is
/// computed in the initialised row, row 0 in a fresh one.
#[inline(always)]
pub(super) fn stale_cell(row: usize, two_above: impl FnOnce() -> (i32, i32)) -> (i32, i32) {
    match row {
        0 => FRESH_CELL,
        1 => INITIALISED_CELL,
        _ => two_above(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

const fn ascii_char_type(c: u8) -> CharType {
    match c {
        0 => CharType::Empty,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => CharType::HardSep,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => CharType::SoftSep,
        b'0'..=b'9' => CharType::Number,
        b'A'..=b'Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

const fn bonus_of(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty | CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower | CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// The in-place bonus of every (previous, current) pair of ASCII chars, looked up instead of
/// classified twice per column: classification was a fifth of the scan time.
pub(super) static ASCII_BONUS: [[i8; 128]; 128] = {
    let mut table = [[0i8; 128]; 128];
    let mut prev = 0;
    while prev < 128 {
        let mut cur = 0;
        while cur < 128 {
            table[prev][cur] = bonus_of(ascii_char_type(prev as u8), ascii_char_type(cur as u8)) as i8;
            cur += 1;
        }
        prev += 1;
    }
    table
};

/// The in-place bonus of matching ASCII `cur` after `prev` (the text's start is `0`).
#[inline(always)]
pub(super) fn ascii_in_place_bonus(prev: u8, cur: u8) -> i32 {
    i32::from(ASCII_BONUS[usize::from(prev & 0x7f)][usize::from(cur & 0x7f)])
}

/// The in-place bonus of matching `cur` after `prev` (the text's start is `'\0'`): a word's head
/// after a hard separator, a break after a soft one, a camel hump.
#[inline]
pub(super) fn in_place_bonus(prev: char, cur: char) -> i32 {
    let class = |c: char| if c.is_ascii() { ascii_char_type(c as u8) } else { CharType::Lower };
    if prev.is_ascii() && cur.is_ascii() {
        ascii_in_place_bonus(prev as u8, cur as u8)
    } else {
        bonus_of(class(prev), class(cur))
    }
}
