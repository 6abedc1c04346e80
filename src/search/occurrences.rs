//! Where each letter and digit occurs in short ASCII texts, recorded once when the index is built.
//!
//! Every keystroke scores a row per matching text, and a row visits the positions of one char.
//! Finding them by scanning the text costs as much as the rest of the row; reading them from
//! here costs a few steps per position. About 95 bytes per title.

use super::scan::SHORT;

/// A group per letter (both cases together, as case-insensitive needles want), one for digits.
const GROUPS: usize = 27;

/// The group of a byte, if it has one.
fn group_of(byte: u8) -> Option<usize> {
    match byte {
        b'a'..=b'z' => Some(usize::from(byte - b'a')),
        b'A'..=b'Z' => Some(usize::from(byte - b'A')),
        b'0'..=b'9' => Some(GROUPS - 1),
        _ => None,
    }
}

/// The groups of a word's letters and digits, a bit each: a text lacking any of them cannot
/// match it. Other chars are not recorded, so they ask for nothing.
pub fn groups_of(word: &[char]) -> u32 {
    word.iter().filter_map(|&c| u8::try_from(c).ok().and_then(group_of)).fold(0, |groups, group| groups | 1 << group)
}

/// The recorded occurrences of a run of texts, in order.
#[derive(Debug, Default, Clone)]
#[cfg_attr(test, derive(PartialEq))]
pub struct OccurrenceTable {
    /// Per text, where its record begins in `records`, or `UNRECORDED`.
    starts: Vec<u32>,
    /// Per text, the groups it holds (all, for a text not recorded): dense, so that ruling out a
    /// text that lacks a letter touches four bytes instead of its record.
    present: Vec<u32>,
    /// Per recorded text, back to back: the bounds into its positions of each group it holds (one more than
    /// those groups), then the positions of each group in order (kept together, so reading a text's record
    /// touches one place).
    records: Vec<u8>,
}

/// How many of the groups in `present` come before `group`: where its bounds are in a record.
#[inline(always)]
fn held_before(present: u32, group: usize) -> usize {
    (present & ((1 << group) - 1)).count_ones() as usize
}

const UNRECORDED: u32 = u32::MAX;

impl OccurrenceTable {
    /// Records the next text: only ASCII texts of at most `SHORT` bytes (others are scanned).
    pub fn push(&mut self, text: &str) {
        let bytes = text.as_bytes();
        let start = u32::try_from(self.records.len()).ok().filter(|&start| start != UNRECORDED);
        let (Some(start), true, true) = (start, bytes.len() <= SHORT, text.is_ascii()) else {
            self.starts.push(UNRECORDED);
            self.present.push(u32::MAX);
            return;
        };
        let mut counts = [0u8; GROUPS];
        for group in bytes.iter().filter_map(|&byte| group_of(byte)) {
            counts[group] += 1;
        }
        // Bounds of each group the text holds (a title holds about half of them), then every position dropped
        // into its group, in order.
        let present = (0..GROUPS).filter(|&group| counts[group] > 0).fold(0, |present, group| present | 1 << group);
        let mut bounds = [0u8; GROUPS + 1];
        let mut held = 0;
        for group in (0..GROUPS).filter(|&group| counts[group] > 0) {
            bounds[held + 1] = bounds[held] + counts[group];
            held += 1;
        }
        self.starts.push(start);
        self.present.push(present);
        self.records.extend_from_slice(&bounds[..=held]);
        let positions_start = self.records.len();
        self.records.resize(positions_start + usize::from(bounds[held]), 0);
        let mut next = bounds;
        for (at, group) in bytes.iter().enumerate().filter_map(|(at, &byte)| Some((at, group_of(byte)?))) {
            let slot = &mut next[held_before(present, group)];
            self.records[positions_start + usize::from(*slot)] = at as u8;
            *slot += 1;
        }
    }

    /// `other`'s texts after these, as if they had been pushed here.
    pub fn append(&mut self, other: OccurrenceTable) {
        let offset = self.records.len();
        for (start, present) in other.starts.into_iter().zip(other.present) {
            let moved = (start != UNRECORDED)
                .then(|| u32::try_from(start as usize + offset).ok().filter(|&moved| moved != UNRECORDED))
                .flatten();
            match moved {
                Some(moved) => {
                    self.starts.push(moved);
                    self.present.push(present);
                }
                // Past what a start can say: left to scanning, as a long text is.
                None => {
                    self.starts.push(UNRECORDED);
                    self.present.push(u32::MAX);
                }
            }
        }
        self.records.extend(other.records);
    }

    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.present.shrink_to_fit();
        self.records.shrink_to_fit();
    }

    /// Whether the `id`-th text surely lacks one of `groups` (see [`groups_of`]).
    #[inline]
    pub fn lacks(&self, id: usize, groups: u32) -> bool {
        self.present.get(id).is_some_and(|&present| present & groups != groups)
    }

    /// The occurrences recorded for the `id`-th text, if it was recorded.
    #[inline]
    pub fn get(&self, id: usize) -> Option<Occurrences<'_>> {
        let start = *self.starts.get(id).filter(|&&start| start != UNRECORDED)? as usize;
        let present = *self.present.get(id)?;
        let (bounds, rest) = self.records.get(start..)?.split_at_checked(present.count_ones() as usize + 1)?;
        let positions = rest.get(..usize::from(*bounds.last()?))?;
        Some(Occurrences { present, bounds, positions })
    }
}

/// Where each letter and digit occurs in one text.
#[derive(Clone, Copy, Debug)]
pub struct Occurrences<'a> {
    /// The groups the text holds, and the bounds of each of them in `positions`.
    present: u32,
    bounds: &'a [u8],
    positions: &'a [u8],
}

impl<'a> Occurrences<'a> {
    /// A bit per byte of `text` (the text recorded) equal to `a` or `b`, two cases of one letter
    /// or digit; `None` for other bytes, which are not recorded.
    #[inline(always)]
    pub fn mask(self, text: &[u8], a: u8, b: u8) -> Option<u128> {
        let group = group_of(a).filter(|&group| group_of(b) == Some(group))?;
        if self.present & 1 << group == 0 {
            return Some(0);
        }
        let held = held_before(self.present, group);
        let (&start, &end) = (self.bounds.get(held)?, self.bounds.get(held + 1)?);
        let positions = self.positions.get(usize::from(start)..usize::from(end))?;
        let mut mask = 0;
        if a != b && a.eq_ignore_ascii_case(&b) {
            // Both cases of a letter: the whole group, without reading the text.
            for &at in positions {
                mask |= 1u128 << at;
            }
            return Some(mask);
        }
        for &at in positions {
            // The group holds both cases, and all digits: only the needle's own bytes count.
            let byte = text.get(usize::from(at)).copied().unwrap_or(0);
            mask |= u128::from(byte == a || byte == b) << at;
        }
        Some(mask)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scan::short_mask;

    #[test]
    fn masks_read_from_occurrences_are_the_masks_a_scan_finds() {
        let texts = [
            "Lenalidomide in Myeloma: 2019 update",
            "",
            "l",
            "Ünicode is not recorded",
            &"a".repeat(SHORT),
            &"a".repeat(SHORT + 1),
            "T-cell and NK-cell activation (phase 3).",
        ];
        let mut table = OccurrenceTable::default();
        for text in texts {
            table.push(text);
        }
        for (id, text) in texts.iter().enumerate() {
            let recorded = text.is_ascii() && text.len() <= SHORT;
            assert_eq!(table.get(id).is_some(), recorded, "{text:?}");
            let Some(occurrences) = table.get(id) else { continue };
            for (a, b) in
                [(b'l', b'L'), (b'L', b'L'), (b'e', b'E'), (b'a', b'A'), (b'2', b'2'), (b'9', b'9'), (b'z', b'Z')]
            {
                assert_eq!(occurrences.mask(text.as_bytes(), a, b), short_mask(text.as_bytes(), a, b), "{text:?} {a}");
            }
            // Bytes without a group are left to scanning.
            assert_eq!(occurrences.mask(text.as_bytes(), b'-', b'-'), None);
            assert_eq!(occurrences.mask(text.as_bytes(), b'a', b'B'), None);
        }
        assert!(table.get(texts.len()).is_none());
    }

    #[test]
    fn a_record_holds_bounds_for_the_groups_its_text_holds_alone() {
        let mut table = OccurrenceTable::default();
        table.push("Abba 12");
        // Three groups (a, b, digits): four bounds, then six positions.
        assert_eq!(table.records, [0, 2, 4, 6, 0, 3, 1, 2, 5, 6]);
        table.push("");
        assert_eq!(table.records.len(), 11, "an empty text records one bound");
    }

    #[test]
    fn a_text_lacks_a_word_only_when_it_surely_misses_one_of_its_letters_or_digits() {
        let mut table = OccurrenceTable::default();
        for text in ["Lenalidomide in Myeloma: 2019", "Ünicode is not recorded"] {
            table.push(text);
        }
        let word = |text: &str| groups_of(&text.chars().collect::<Vec<_>>());
        assert!(!table.lacks(0, word("lenal")));
        assert!(!table.lacks(0, word("LEN9")), "groups hold both cases and all digits");
        assert!(table.lacks(0, word("lenj")));
        assert!(!table.lacks(0, word("-:")), "other chars are not recorded, so ask for nothing");
        assert!(!table.lacks(1, word("zzz")), "an unrecorded text may hold anything");
        assert!(!table.lacks(2, word("zzz")));
    }
}
