//! Score rows as the scorer keeps them: only the columns where something happens, and how
//! any cell of a finished row follows from those.

use std::cmp::max;

use super::formula::{GAP_EXTENSION, GAP_START, INITIALISED_CELL, NEG_INFINITY, extend_gap, skip_score};

/// A column of a score row where something happens: the row's first column (`col` = the
/// previous char's first match, holding values left there by the row two above, since the crate
/// reuses two rows) or a column where the row's char matches. Between events M is minus infinity
/// and P falls by one per column, so every cell of the row follows from them.
#[derive(Clone, Copy, Debug)]
pub(super) struct Event {
    pub(super) col: usize,
    pub(super) m: i32,
    pub(super) p: i32,
}

pub(super) const P_FLOOR: i32 = GAP_START + GAP_EXTENSION + NEG_INFINITY;

/// Where a row starts: its first column (the previous char's first match, or 0 for the first
/// row) and the stale cell it finds there.
#[derive(Clone, Copy, Debug)]
pub(super) struct RowStart {
    pub(super) boundary: usize,
    pub(super) stale: (i32, i32),
}

/// What a finished row is read for: an event's column, its M, and the P of the cell right of it
/// before any gap (from which every P up to the next event follows).
pub(super) trait Cell: Copy {
    /// The event at `col` with these M and P, or `None` when the type cannot hold them exactly.
    fn new(col: usize, m: i32, p: i32) -> Option<Self>;
    fn col(self) -> usize;
    fn m(self) -> i32;
    fn next(self) -> i32;
}

impl Cell for Event {
    #[inline(always)]
    fn new(col: usize, m: i32, p: i32) -> Option<Event> {
        Some(Event { col, m, p })
    }

    #[inline(always)]
    fn col(self) -> usize {
        self.col
    }

    #[inline(always)]
    fn m(self) -> i32 {
        self.m
    }

    #[inline(always)]
    fn next(self) -> i32 {
        skip_score(self.m, self.p)
    }
}

/// An event in six bytes instead of sixteen, for rows kept between keystrokes (millions of them): the column fits
/// a `u16` (texts longer than [`PACKED_MAX_COL`] do not fit, and are scored whole), M fits an `i16` (it never falls
/// below minus infinity), and P matters only through `next`, which below `P_FLOOR` acts as `P_FLOOR` and so is
/// kept as its distance above it. Scores too large for that (words of many hundred chars) do not fit either.
#[derive(Clone, Copy, Debug)]
pub(super) struct PackedEvent {
    col: u16,
    m: i16,
    next_above_floor: u16,
}

impl PackedEvent {
    /// [`Cell::new`] without its checks: right when the column is at most [`PACKED_MAX_COL`] and M is at most
    /// [`PACKED_MAX_M`] (then so is every `next`, and M never falls below `i16::MIN`: P does not
    /// fall below `P_FLOOR`). Other values wrap, and a row holding one must be dropped.
    #[inline(always)]
    pub(super) fn wrapping(col: usize, m: i32, p: i32) -> PackedEvent {
        let next = skip_score(m, p);
        PackedEvent { col: col as u16, m: m as i16, next_above_floor: (max(next, P_FLOOR) - P_FLOOR) as u16 }
    }
}

/// The largest column a packed event holds: a text of more units than this is scored whole.
pub(super) const PACKED_MAX_COL: usize = u16::MAX as usize;

/// The largest M a row may reach to be packed with [`PackedEvent::wrapping`].
pub(super) const PACKED_MAX_M: i32 = i16::MAX as i32;

impl Cell for PackedEvent {
    #[inline(always)]
    fn new(col: usize, m: i32, p: i32) -> Option<PackedEvent> {
        let next = skip_score(m, p);
        Some(PackedEvent {
            col: u16::try_from(col).ok()?,
            m: i16::try_from(m).ok()?,
            next_above_floor: u16::try_from(max(next, P_FLOOR) - P_FLOOR).ok()?,
        })
    }

    #[inline(always)]
    fn col(self) -> usize {
        self.col as usize
    }

    #[inline(always)]
    fn m(self) -> i32 {
        i32::from(self.m)
    }

    #[inline(always)]
    fn next(self) -> i32 {
        i32::from(self.next_above_floor) + P_FLOOR
    }
}

/// P in the cell right of `event`, `col - event.col - 1` non-matching cells further on.
#[inline]
pub(super) fn p_after<C: Cell>(event: C, col: usize) -> i32 {
    let gap = i32::try_from(col.saturating_sub(event.col() + 1)).unwrap_or(i32::MAX);
    max(P_FLOOR, extend_gap(event.next(), gap))
}

/// The match event at `col`, if the row's char matches there.
fn match_at<C: Cell>(events: &[C], col: usize) -> Option<C> {
    let matches = events.get(1..)?;
    matches.binary_search_by_key(&col, |event| event.col()).ok().and_then(|at| matches.get(at)).copied()
}

/// M of a finished row at `col`, right of its first column.
pub(super) fn m_at<C: Cell>(events: &[C], col: usize) -> i32 {
    match_at(events, col).map_or(NEG_INFINITY, C::m)
}

/// P of a finished row at `col`, right of its first column.
pub(super) fn p_at<C: Cell>(events: &[C], col: usize) -> i32 {
    let before = events.partition_point(|event| event.col() < col);
    match before.checked_sub(1).and_then(|last| events.get(last)) {
        Some(&event) => p_after(event, col),
        None => P_FLOOR,
    }
}

/// The row a new row reads its diagonal from.
pub(super) trait Above {
    /// M and P at `col`, asked for left to right.
    fn cell(&mut self, col: usize) -> (i32, i32);
}

/// The row before the first (see `INITIALISED_CELL`).
pub(super) struct Initialised;

impl Above for Initialised {
    #[inline(always)]
    fn cell(&mut self, _col: usize) -> (i32, i32) {
        INITIALISED_CELL
    }
}

/// A finished row, read left to right.
pub(super) struct Finished<'a, A> {
    events: &'a [A],
    /// `events[at]` is the last event left of the column asked for last.
    at: usize,
}

impl<'a, A: Cell> Finished<'a, A> {
    /// `events` must hold at least the row's first column.
    pub(super) fn new(events: &'a [A]) -> Finished<'a, A> {
        Finished { events, at: 0 }
    }
}

impl<A: Cell> Above for Finished<'_, A> {
    #[inline(always)]
    fn cell(&mut self, col: usize) -> (i32, i32) {
        while self.events.get(self.at + 1).is_some_and(|event| event.col() < col) {
            self.at += 1;
        }
        let m = match self.events.get(self.at + 1) {
            Some(event) if event.col() == col => event.m(),
            _ => NEG_INFINITY,
        };
        (m, self.events.get(self.at).map_or(P_FLOOR, |&event| p_after(event, col)))
    }
}
