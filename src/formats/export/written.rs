//! How the file writers fill one buffer: records written straight into it (no string per field or per record),
//! and a long list written on every core, each core writing a run of records into its own buffer, joined in order.

use crate::model::Publication;
use crate::parallel;

/// Fewer records than this are written on one core: a thread costs more than writing them.
const PER_CORE_AT_LEAST: usize = 256;

/// Where one core writes: the text so far, and buffers reused from record to record: for a value assembled before
/// it is written (an abstract's sections, a tag list), and for JSON printed before it is copied into the text.
#[derive(Default)]
pub struct Buffers {
    pub text: String,
    pub scratch: String,
    pub bytes: Vec<u8>,
}

/// The text `write` gives for each of `publications` in turn (told each one's position in the whole list), in
/// parts to be written one after another: a core's each.
pub fn on_every_core(
    publications: &[&Publication],
    write: impl Fn(usize, &Publication, &mut Buffers) + Sync,
) -> Vec<String> {
    parallel::map_chunks(publications, PER_CORE_AT_LEAST, |start, part| {
        let mut buffers = Buffers::default();
        for (position, publication) in (start..).zip(part) {
            write(position, publication, &mut buffers);
        }
        buffers.text
    })
}

/// The parts one after another, in one allocation.
pub fn joined(parts: Vec<String>) -> String {
    let mut parts = parts.into_iter();
    let Some(mut text) = parts.next() else { return String::new() };
    let rest: Vec<String> = parts.collect();
    text.reserve(rest.iter().map(String::len).sum());
    for part in rest {
        text.push_str(&part);
    }
    text
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
    text.bytes().any(|byte| byte < b' ' || byte == 0x7f || byte == 0xc2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_never_missed() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_control()) {
            assert!(may_hold_controls(&format!("a{c}b")), "{:?}", c);
        }
        assert!(!may_hold_controls("Müller – α ß ✓"));
    }

    #[test]
    fn every_record_is_written_once_in_order() {
        let publications: Vec<crate::model::Publication> =
            (0..1000).map(|n| crate::model::Publication { title: n.to_string(), ..Default::default() }).collect();
        let all: Vec<&crate::model::Publication> = publications.iter().collect();
        let text = joined(on_every_core(&all, |position, publication, buffers| {
            buffers.text.push_str(&format!("{position}={};", publication.title));
        }));
        let expected: String = (0..1000).map(|n| format!("{n}={n};")).collect();
        assert_eq!(text, expected);
        assert_eq!(joined(on_every_core(&[], |_, _, _| unreachable!())), "");
    }
}
