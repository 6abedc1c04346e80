//! How the file writers fill one buffer: records written straight into it (no string per field or per record),
//! and a long list written on every core, each core writing runs of records into buffers of their own, joined in order.

use crate::model::{PaperFields, Publication};
use crate::parallel;

/// Fewer records than this are written on one core: a thread costs more than writing them. A long list is written
/// in several parts per core, so that a core another process holds up takes fewer.
const PER_PART_AT_LEAST: usize = 256;

/// Where a writer finds the abstract of each publication it writes: in the publication ([`InPublications`]), or
/// elsewhere, such as the cache file an export's library was read from, which leaves them there.
pub trait AbstractText: Sync {
    /// The abstract of `publication`, at `position` in the list being written, at the end of `text`, as
    /// [`Publication::push_abstract_text`] writes it with `between` its sections.
    fn push(&self, position: usize, publication: &Publication, text: &mut String, between: &str);
}

/// Each publication's own abstract.
pub struct InPublications;

impl AbstractText for InPublications {
    fn push(&self, _: usize, publication: &Publication, text: &mut String, between: &str) {
        publication.push_abstract_text(text, between);
    }
}

/// Where one core writes: the text so far, a buffer reused from record to record for a value assembled before
/// it is written (an abstract's sections, a tag list), and where the record's abstract comes from.
pub struct Buffers<'a> {
    pub text: String,
    pub scratch: String,
    pub abstracts: RecordAbstract<'a>,
}

impl Default for Buffers<'_> {
    fn default() -> Self {
        Buffers {
            text: String::new(),
            scratch: String::new(),
            abstracts: RecordAbstract { from: &InPublications, position: 0 },
        }
    }
}

/// The abstract of the record being written: its source, and the record's position in the list.
pub struct RecordAbstract<'a> {
    from: &'a dyn AbstractText,
    position: usize,
}

impl RecordAbstract<'_> {
    /// The abstract of `publication`, the record being written, at the end of `text`, `between` its sections.
    pub fn push(&self, publication: &Publication, text: &mut String, between: &str) {
        self.from.push(self.position, publication, text, between);
    }
}

/// The publications a reference list writes, in order: in memory, or each decoded from where it is kept as it is
/// written (an export from a cache file), so that a long list never holds them all at once.
pub trait Publications: Sync {
    /// What a paper's citation key is made from (its first author, year and title).
    type Listed: PaperFields + Sync;

    /// Every publication, in order, as far as keys are made from it.
    fn listed(&self) -> &[Self::Listed];

    /// Hands `write` the publication at `position`.
    fn with(&self, position: usize, write: &mut dyn FnMut(&Publication));
}

impl<'a> Publications for [&'a Publication] {
    type Listed = &'a Publication;

    fn listed(&self) -> &[&'a Publication] {
        self
    }

    fn with(&self, position: usize, write: &mut dyn FnMut(&Publication)) {
        write(self[position]);
    }
}

/// The text `write` gives for each of `publications` in turn (told each one's position in the whole list), in
/// parts, a core's each, handed to `take` in order as soon as each and those before it are written: the caller
/// writes them out while the rest are written. Each record's abstract comes from `abstracts`.
pub fn on_every_core_in_order<P: Publications + ?Sized>(
    publications: &P,
    abstracts: &dyn AbstractText,
    write: impl Fn(usize, &Publication, &mut Buffers) + Sync,
    take: &mut dyn FnMut(String),
) {
    let write_part = |start, part: &[P::Listed]| {
        let mut buffers =
            Buffers { abstracts: RecordAbstract { from: abstracts, position: start }, ..Buffers::default() };
        for (written, position) in (start..start + part.len()).enumerate() {
            make_room(&mut buffers.text, written, part.len());
            buffers.abstracts.position = position;
            publications.with(position, &mut |publication| write(position, publication, &mut buffers));
        }
        buffers.text
    };
    parallel::map_parts_in_order(publications.listed(), PER_PART_AT_LEAST, write_part, take);
}

/// How many records are written before the room for the rest is made, from how long they came out.
const SAMPLED_RECORDS: usize = 32;

/// Once `written` records of `count` are in `text`, room for the rest at twice their mean length: a text that
/// doubles as it grows copies itself over and over, a long export tens of megabytes, while room never written
/// costs no memory (it is not touched).
pub fn make_room(text: &mut String, written: usize, count: usize) {
    if written == SAMPLED_RECORDS {
        text.reserve((text.len() / SAMPLED_RECORDS).saturating_mul(count - written).saturating_mul(2));
    }
}

/// `number` in decimal at the end of `text`: what `write!(text, "{number}")` writes, without the formatting
/// machinery, which was a few percent of an export that writes years and dates.
pub fn push_integer(text: &mut String, number: i32) {
    text.push_str(itoa::Buffer::new().format(number));
}

/// `items` written at the end of `text`, `between` each two: a list in one field.
pub fn push_joined<Item: std::ops::Deref<Target = str>>(text: &mut String, items: &[Item], between: &str) {
    for (at, item) in items.iter().enumerate() {
        if at > 0 {
            text.push_str(between);
        }
        text.push_str(item);
    }
}

/// Whether `text` may hold a control character: a byte below space, DEL, or the lead byte of U+0080..U+00BF
/// (the C1 controls among them). False means it holds none, and may be copied as it is.
pub fn may_hold_controls(text: &str) -> bool {
    MAY_BE_CONTROLS.next_in(text.as_bytes(), 0) < text.len()
}

/// The bytes [`may_hold_controls`] looks for.
const MAY_BE_CONTROLS: Marked = Marked::controls_and(b"");

/// The bytes a writer has work to do at, as a table: a text is copied in runs between them, found a chunk at a time.
pub struct Marked([bool; 256]);

impl Marked {
    /// How many bytes are looked up between two branches: most texts have long runs of nothing to do.
    const CHUNK: usize = 16;

    /// `bytes`, and every byte that may be a control character (as [`may_hold_controls`] says).
    pub const fn controls_and(bytes: &[u8]) -> Marked {
        let Marked(mut table) = Marked::c0_and(bytes);
        table[0x7f] = true;
        table[0xc2] = true;
        Marked(table)
    }

    /// `bytes`, and the C0 controls (below space) only.
    pub const fn c0_and(bytes: &[u8]) -> Marked {
        let Marked(mut table) = Marked::of(bytes);
        let mut byte = 0;
        while byte < 0x20 {
            table[byte] = true;
            byte += 1;
        }
        Marked(table)
    }

    /// `bytes` only.
    pub const fn of(bytes: &[u8]) -> Marked {
        let mut table = [false; 256];
        let mut at = 0;
        while at < bytes.len() {
            table[bytes[at] as usize] = true;
            at += 1;
        }
        Marked(table)
    }

    /// The position of the first marked byte of `bytes` at or after `from`, or `bytes.len()` when there is none.
    #[inline]
    pub fn next_in(&self, bytes: &[u8], from: usize) -> usize {
        let mut at = from;
        while let Some(chunk) = bytes.get(at..at + Self::CHUNK) {
            // Without a branch per byte: the lookups of a chunk are or-ed together.
            if chunk.iter().fold(false, |any, &byte| any | self.0[usize::from(byte)]) {
                break;
            }
            at += Self::CHUNK;
        }
        bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&byte| self.0[usize::from(byte)]))
            .map_or(bytes.len(), |found| at + found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_written_as_format_writes_them() {
        for number in [0, 7, -7, 10, 1999, 2024, -2024, 100_000, i32::MAX, i32::MIN] {
            let mut text = String::from("year ");
            push_integer(&mut text, number);
            assert_eq!(text, format!("year {number}"));
        }
    }

    #[test]
    fn control_characters_are_never_missed() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_control()) {
            assert!(may_hold_controls(&format!("a{c}b")), "{:?}", c);
        }
        assert!(!may_hold_controls("Müller – α ß ✓"));
    }

    #[test]
    fn the_next_marked_byte_is_found_in_runs_of_any_length_at_any_offset() {
        let marked = Marked::controls_and(b"%");
        for length in 0..70 {
            for at in 0..=length {
                let mut text = vec![b'a'; length];
                if at < length {
                    text[at] = b'%';
                }
                for from in 0..=at.min(length) {
                    assert_eq!(marked.next_in(&text, from), at, "length {length}, marked at {at}, from {from}");
                }
                if at < length {
                    assert_eq!(marked.next_in(&text, at + 1), length);
                }
            }
        }
        assert_eq!(marked.next_in("abc\u{85}".as_bytes(), 0), 3);
        assert_eq!(marked.next_in(b"abc\x7f", 1), 3);
    }

    #[test]
    fn every_record_is_written_once_in_order() {
        let publications: Vec<crate::model::Publication> =
            (0..1000).map(|n| crate::model::Publication { title: n.to_string(), ..Default::default() }).collect();
        let all: Vec<&crate::model::Publication> = publications.iter().collect();
        let mut text = String::new();
        let write = |position, publication: &Publication, buffers: &mut Buffers| {
            buffers.text.push_str(&format!("{position}={};", publication.title));
        };
        on_every_core_in_order(all.as_slice(), &InPublications, write, &mut |part| text.push_str(&part));
        let expected: String = (0..1000).map(|n| format!("{n}={n};")).collect();
        assert_eq!(text, expected);
        let none: &[&Publication] = &[];
        on_every_core_in_order(none, &InPublications, |_, _, _| unreachable!(), &mut |_| unreachable!());
    }
}
