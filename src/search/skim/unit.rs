//! The units the scorer reads a text in: bytes for ASCII text (most titles), where matches are
//! found several at a time and rows take the byte kernels, and chars for the rest.

use super::super::occurrences::Occurrences;
use super::super::scan::{Positions, SHORT, find_either, short_mask};
use super::formula::{ascii_in_place_bonus, in_place_bonus};
use super::row::{Above, Cell, PackedEvent, RowStart};
use super::{Needle, fill_row, packed_row};

/// One unit of text: a byte of ASCII text, or a char.
pub(super) trait Unit: Copy {
    const NUL: Self;

    fn char(self) -> char;

    /// The bonus of matching `cur` after `prev`.
    fn in_place_bonus(prev: Self, cur: Self) -> i32;

    /// Every position from `from` on that `needle` matches, in order.
    fn positions(text: &[Self], needle: Needle, from: usize) -> impl Iterator<Item = usize>;

    /// Where `needle` matches, as a bit per unit, when the text is short enough and that is faster.
    fn short_mask(_units: &[Self], _needle: Needle, _occurrences: Option<Occurrences<'_>>) -> Option<u128> {
        None
    }

    /// `fill_row` from and into packed rows, returning the new row's largest M. `mask` is
    /// [`Unit::short_mask`] of `needle`, when there is one.
    fn fill_packed_row(
        text: &[Self],
        needle: Needle,
        start: RowStart,
        above: impl Above,
        events: &mut Vec<PackedEvent>,
        _mask: Option<u128>,
    ) -> Option<i32> {
        let first = events.len();
        fill_row(text, needle, start, above, events)?;
        events.get(first..)?.iter().map(|event| event.m()).max()
    }

    /// The position of the first unit `needle` matches.
    fn find(text: &[Self], needle: Needle) -> Option<usize>;
}

/// Bytes are the units of ASCII texts only (see `Scorer::on_units`).
impl Unit for u8 {
    const NUL: u8 = 0;

    #[inline(always)]
    fn char(self) -> char {
        self as char
    }

    #[inline(always)]
    fn in_place_bonus(prev: u8, cur: u8) -> i32 {
        ascii_in_place_bonus(prev, cur)
    }

    #[inline(always)]
    fn positions(text: &[u8], needle: Needle, from: usize) -> impl Iterator<Item = usize> {
        match (u8::try_from(needle.exact), u8::try_from(needle.other)) {
            (Ok(exact), Ok(other)) if exact.is_ascii() && other.is_ascii() => Positions::new(text, from, exact, other),
            // ASCII text holds no non-ASCII char to find.
            _ => Positions::new(&[], 0, 0, 0),
        }
    }

    #[inline(always)]
    fn short_mask(text: &[u8], needle: Needle, occurrences: Option<Occurrences<'_>>) -> Option<u128> {
        match (u8::try_from(needle.exact), u8::try_from(needle.other)) {
            (Ok(exact), Ok(other)) if exact.is_ascii() && other.is_ascii() => occurrences
                .and_then(|occurrences| occurrences.mask(text, exact, other))
                .or_else(|| short_mask(text, exact, other)),
            _ => (text.len() <= SHORT).then_some(0),
        }
    }

    #[inline(always)]
    fn fill_packed_row(
        text: &[u8],
        needle: Needle,
        start: RowStart,
        above: impl Above,
        events: &mut Vec<PackedEvent>,
        mask: Option<u128>,
    ) -> Option<i32> {
        packed_row::fill_packed_row_ascii(text, needle, start, above, events, mask)
    }

    #[inline(always)]
    fn find(text: &[u8], needle: Needle) -> Option<usize> {
        // ASCII text holds no non-ASCII char to find.
        let (Ok(exact), Ok(other)) = (u8::try_from(needle.exact), u8::try_from(needle.other)) else { return None };
        if !exact.is_ascii() || !other.is_ascii() {
            return None;
        }
        find_either(text, exact, other)
    }
}

impl Unit for char {
    const NUL: char = '\0';

    #[inline(always)]
    fn char(self) -> char {
        self
    }

    #[inline(always)]
    fn in_place_bonus(prev: char, cur: char) -> i32 {
        in_place_bonus(prev, cur)
    }

    #[inline(always)]
    fn positions(text: &[char], needle: Needle, from: usize) -> impl Iterator<Item = usize> {
        text.iter().enumerate().skip(from).filter(move |(_, unit)| needle.matches(**unit)).map(|(at, _)| at)
    }

    #[inline(always)]
    fn find(text: &[char], needle: Needle) -> Option<usize> {
        text.iter().position(|&unit| needle.matches(unit))
    }
}
