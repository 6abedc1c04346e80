//! Packed score rows filled fast: for ASCII text, `fill_row`'s work with the generic steps (char
//! conversions, cursor calls, checked packing per field) folded into one loop over the row's
//! matches, found from a mask when the text is short. Typing adds one such row per keystroke;
//! a whole word (a paste, a new scope) is scored as a run of them.

use std::cmp::max;

use super::super::occurrences::Occurrences;
use super::super::scan::{Bits, Positions, SHORT};
use super::formula::{ascii_in_place_bonus, column_bonus, extend_gap, match_score, stale_cell};
use super::row::{
    Above, Cell, Finished, Initialised, P_FLOOR, PACKED_MAX_COL, PACKED_MAX_M, PackedEvent, RowStart, m_at, p_at,
};
use super::unit::Unit;
use super::{Needle, Scorer};

/// Appends to `events` the row of `needle` over `text` (ASCII) that starts at `start`, reading
/// `above`. `mask` is the needle's `short_mask` when the text has one.
/// Returns the row's largest M, or `None` when an event does not fit a packed event.
#[inline(always)]
pub(super) fn fill_packed_row_ascii(
    text: &[u8],
    needle: Needle,
    start: RowStart,
    above: impl Above,
    events: &mut Vec<PackedEvent>,
    mask: Option<u128>,
) -> Option<i32> {
    let RowStart { boundary, stale } = start;
    match mask {
        Some(mask) => {
            let from_boundary = mask & !((1u128 << boundary.min(SHORT - 1)) - 1);
            fill(text, needle, stale_event(boundary, stale)?, above, events, Bits(from_boundary))
        }
        None => match (u8::try_from(needle.exact), u8::try_from(needle.other)) {
            (Ok(exact), Ok(other)) if exact.is_ascii() && other.is_ascii() => {
                let positions = Positions::new(text, boundary, exact, other);
                fill(text, needle, stale_event(boundary, stale)?, above, events, positions)
            }
            _ => fill(text, needle, stale_event(boundary, stale)?, above, events, Bits(0)),
        },
    }
}

fn stale_event(boundary: usize, (m, p): (i32, i32)) -> Option<PackedEvent> {
    PackedEvent::new(boundary, m, p)
}

#[inline(always)]
fn fill(
    text: &[u8],
    needle: Needle,
    first: PackedEvent,
    mut above: impl Above,
    events: &mut Vec<PackedEvent>,
    positions: impl Iterator<Item = usize>,
) -> Option<i32> {
    events.push(first);
    // Columns are checked once here, M once at the end (see `PackedEvent::wrapping`).
    if text.len() > PACKED_MAX_COL {
        return None;
    }
    let exact = u8::try_from(needle.exact).unwrap_or(0);
    let other = u8::try_from(needle.other).unwrap_or(0);
    let (exact_score, other_score) = (needle.score(exact as char), needle.score(other as char));
    let mut best = first.m();
    let (mut last_col, mut last_next) = (first.col(), first.next());
    for at in positions {
        let col = at + 1;
        // `skip_score` of the last event, whose column is left of this one.
        let p_here = max(P_FLOOR, extend_gap(last_next, (col - last_col - 1) as i32));
        let cur = text[at];
        let prev = if at > 0 { text[at - 1] } else { 0 };
        let bonus = column_bonus(ascii_in_place_bonus(prev, cur), col);
        let char_score = if cur == exact { exact_score } else { other_score };
        let m_here = match_score(above.cell(col - 1), bonus, char_score);
        best = max(best, m_here);
        // Checked once, after the loop: an event out of range only spoils a row that is dropped.
        let event = PackedEvent::wrapping(col, m_here, p_here);
        events.push(event);
        (last_col, last_next) = (col, event.next());
    }
    (best <= PACKED_MAX_M).then_some(best)
}

impl Scorer {
    /// The score of `pattern`, whose first matches are found, with every row filled by the
    /// kernels into packed rows: the fast way for a whole word (a pasted query, a new scope).
    /// `None` when a row does not fit packed events; then the plain rows score it.
    pub(super) fn score_packed<U: Unit>(
        &mut self,
        text: &[U],
        occurrences: Option<Occurrences<'_>>,
        pattern: &[char],
        case_sensitive: bool,
    ) -> Option<i32> {
        // Row `i` reads row `i - 1`, and row `i - 2` at its first column: three rows in turn.
        let mut rows = std::mem::take(&mut self.packed_rows);
        let mut best = None;
        for (i, &pattern_char) in pattern.iter().enumerate() {
            let Some(&boundary) = self.first_matches.get(i) else { break };
            let stale = stale_cell(i, || {
                let older = &rows[(i - 2) % 3];
                (m_at(older, boundary), p_at(older, boundary))
            });
            let needle = Needle::new(pattern_char, case_sensitive);
            let mask = U::short_mask(text, needle, occurrences);
            let mut events = std::mem::take(&mut rows[i % 3]);
            events.clear();
            best = match i {
                0 => U::fill_packed_row(text, needle, RowStart { boundary, stale }, Initialised, &mut events, mask),
                _ => U::fill_packed_row(
                    text,
                    needle,
                    RowStart { boundary, stale },
                    Finished::new(&rows[(i - 1) % 3]),
                    &mut events,
                    mask,
                ),
            };
            rows[i % 3] = events;
            if best.is_none() {
                break;
            }
        }
        self.packed_rows = rows;
        best
    }
}
