//! RIS (`TY  - JOUR` ... `ER  - `), as written by Zotero, EndNote, Mendeley, Ovid, Scopus and journal sites.
//!
//! Lines are `XY  - value` with a two-character tag. Exporters differ in the details, and all of these are
//! read: a byte-order mark before any `TY`, header noise and Ovid's `1.` numbering between records,
//! `ER  -` without its trailing space, and untagged lines inside a record, which continue the field before them.
//! How fields map to a publication is in [`record`].

mod abstracts;
mod dates;
mod identifiers;
mod kind;
mod names;
mod record;
mod repeats;

use super::medline::tagged::{Field, Record, imported_file_page};
use super::{Diagnostic, Imported};

/// How many lines of header noise may come before the first `TY` for a file to count as RIS.
const DETECTION_LINES: usize = 100;

/// Whether the text is RIS: a `TY  - ` line within the first lines, after any header noise.
pub fn looks_like(text: &str) -> bool {
    text.lines().take(DETECTION_LINES).any(|line| matches!(tag_line(clean(line)), Some(("TY", _))))
}

/// Where the last record that ends in `text` ends (after its `ER` line): `text` may be the start of a file cut
/// anywhere, and what comes before this is whole records.
pub fn records_end(text: &str) -> Option<usize> {
    // Whole lines only, from the last: the text may stop inside its last line, and only the last end matters.
    let mut end = text.rfind('\n')? + 1;
    while end > 0 {
        let start = text[..end - 1].rfind('\n').map_or(0, |newline| newline + 1);
        if matches!(tag_line(clean(&text[start..end - 1])), Some(("ER", _))) {
            return Some(end);
        }
        end = start;
    }
    None
}

/// Every record of a RIS file as one page under "Imported ▸ FILE"; records that cannot be read are warnings.
pub fn parse(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    let mut warnings = Vec::new();
    let records = split_records(name, text, &mut warnings);
    let publications = records.iter().filter_map(|record| record::publication(name, record, &mut warnings)).collect();
    imported_file_page(name, publications, warnings)
}

/// A line without byte-order marks (files glued together keep theirs) or trailing blanks.
fn clean(line: &str) -> &str {
    line.trim_start_matches('\u{feff}').trim_end()
}

/// `("TY", "JOUR")` for `TY  - JOUR`; `("ER", "")` for `ER  -`. Tags are a capital and a capital or digit.
fn tag_line(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    let well_formed = bytes.len() >= 5
        && bytes[0].is_ascii_uppercase()
        && (bytes[1].is_ascii_uppercase() || bytes[1].is_ascii_digit())
        && &bytes[2..5] == b"  -"
        && bytes.get(5).is_none_or(|&b| b == b' ');
    // The first five bytes are ASCII, so slicing at 2 and 5 is on character boundaries.
    well_formed.then(|| (&line[..2], line[5..].trim()))
}

/// Ovid numbers its records (`1.`, `2.`) on lines of their own between them.
fn is_record_number(line: &str) -> bool {
    line.strip_suffix('.').is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

fn split_records<'a>(name: &str, text: &'a str, warnings: &mut Vec<Diagnostic>) -> Vec<Record<'a>> {
    let mut records = Vec::new();
    let mut current: Option<Record<'a>> = None;
    // Tagged lines after an ER and before the next TY: Ovid's trailing fields, or a record that lost its TY.
    let mut stray: Option<Record<'a>> = None;
    // A `12.` line inside a record: Ovid's number of the next record when a TY follows, else wrapped text.
    let mut pending_number: Option<&'a str> = None;
    for (index, raw_line) in text.lines().enumerate() {
        let number = index + 1;
        let line = clean(raw_line);
        let tagged = tag_line(line);
        if !line.is_empty()
            && !is_record_number(line)
            && let Some(held) = pending_number.take()
            && !matches!(tagged, Some(("TY", _)))
        {
            continue_last_field(current.as_mut().or(stray.as_mut()), held);
        }
        match tagged {
            Some(("TY", kind)) => {
                settle_stray(name, stray.take(), &mut records, warnings);
                if let Some(open) = current.take() {
                    let message = "record has no ER line; it ends where the next TY begins";
                    warnings.push(Diagnostic::warning(name, open.line, message));
                    records.push(open);
                }
                let kind = Field { tag: "TY", value: kind.to_string(), line: number };
                current = Some(Record { line: number, fields: vec![kind] });
            }
            Some(("ER", _)) => match (current.take(), stray.take()) {
                (Some(record), _) => records.push(record),
                (None, Some(record)) => {
                    warnings.push(Diagnostic::warning(name, record.line, "record has no TY line; read from here"));
                    records.push(record);
                }
                (None, None) => warnings.push(Diagnostic::warning(
                    name,
                    number,
                    "ER line outside a record (no TY before it), ignored",
                )),
            },
            Some((tag, value)) => {
                let record = match current.as_mut() {
                    Some(record) => record,
                    None => stray.get_or_insert_with(|| Record { line: number, fields: Vec::new() }),
                };
                record.fields.push(Field { tag, value: value.to_string(), line: number });
            }
            None if line.is_empty() => {}
            None if is_record_number(line) => {
                if let Some(held) = pending_number.replace(line) {
                    continue_last_field(current.as_mut().or(stray.as_mut()), held);
                }
            }
            // Outside a record the line is export header noise ("Record #1 of 2", "Provider: ...").
            None => continue_last_field(current.as_mut().or(stray.as_mut()), line),
        }
    }
    if let Some(held) = pending_number {
        continue_last_field(current.as_mut().or(stray.as_mut()), held);
    }
    settle_stray(name, stray, &mut records, warnings);
    if let Some(open) = current {
        warnings.push(Diagnostic::warning(
            name,
            open.line,
            "file ends inside this record (no ER line); it may be truncated",
        ));
        records.push(open);
    }
    records
}

fn continue_last_field(record: Option<&mut Record>, line: &str) {
    if let Some(field) = record.and_then(|record| record.fields.last_mut()) {
        field.continue_with(line);
    }
}

/// Fields between an ER and the next TY: with a title they are a record whose TY is missing; without one,
/// they belong to the record before (Ovid writes a few fields such as `NL` after the ER).
fn settle_stray<'a>(
    name: &str,
    stray: Option<Record<'a>>,
    records: &mut Vec<Record<'a>>,
    warnings: &mut Vec<Diagnostic>,
) {
    let Some(stray) = stray else { return };
    let has_title = stray.fields.iter().any(|field| record::TITLE.contains(&field.tag));
    match records.last_mut() {
        Some(previous) if !has_title => previous.fields.extend(stray.fields),
        _ => {
            warnings.push(Diagnostic::warning(name, stray.line, "record has no TY line; read from here"));
            records.push(stray);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records_of(text: &str) -> (Vec<Record<'_>>, Vec<Diagnostic>) {
        let mut warnings = Vec::new();
        let records = split_records("f.ris", text, &mut warnings);
        (records, warnings)
    }

    #[test]
    fn tag_lines_have_two_character_tags() {
        assert_eq!(tag_line("TY  - JOUR"), Some(("TY", "JOUR")));
        assert_eq!(tag_line("ER  -"), Some(("ER", "")));
        assert_eq!(tag_line("A1  - Chari, Ajai "), Some(("A1", "Chari, Ajai")));
        assert_eq!(tag_line("ER then second line"), None);
        assert_eq!(tag_line("PMID- 123"), None);
        assert_eq!(tag_line("TY  -JOUR"), None);
        assert_eq!(tag_line("Ä"), None);
    }

    #[test]
    fn detection_allows_header_noise_and_a_byte_order_mark() {
        assert!(looks_like("Record #1 of 2\nProvider: X\n1.\n\u{feff}TY  - JOUR\n"));
        assert!(!looks_like("PMID- 1\nTI  - T\n"));
    }

    #[test]
    fn noise_between_records_is_skipped_and_untagged_lines_continue_a_field() {
        let (records, warnings) =
            records_of("Header\n1.\nTY  - JOUR\nTI  - A long\ntitle\nER  -\n\n2.\nTY  - JOUR\nER  - \n");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].first(&["TI"]), Some("A long title"));
        assert_eq!((records[0].line, records[1].line), (3, 9));
    }

    #[test]
    fn a_number_alone_on_a_wrapped_line_is_text_unless_a_record_follows() {
        let (records, warnings) = records_of("TY  - JOUR\nTI  - T\nAB  - Dose was\n12.\nThen more.\nER  -\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(records[0].first(&["AB"]), Some("Dose was 12. Then more."));
        let (records, warnings) =
            records_of("TY  - JOUR\nTI  - T\nAB  - Ends with\n7.\n\n2.\nTY  - JOUR\nTI  - U\nER  -\n");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].first(&["AB"]), Some("Ends with 7."), "{warnings:?}");
        let (records, _) = records_of("TY  - JOUR\nTI  - T\nAB  - Last\n3.\n");
        assert_eq!(records[0].first(&["AB"]), Some("Last 3."));
    }

    #[test]
    fn fields_after_an_er_belong_to_the_record_before_unless_they_have_a_title() {
        let (records, warnings) =
            records_of("TY  - JOUR\nTI  - A\nER  -\nNL  - Note\n\n2.\nTY  - JOUR\nTI  - B\nER  -\n");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].first(&["NL"]), Some("Note"));
    }

    #[test]
    fn missing_er_and_missing_ty_are_warned_about_and_the_records_kept() {
        let text = "TY  - JOUR\nTI  - A\nTY  - JOUR\nTI  - B\nER  -\nTI  - C\nER  -\nER  -\nAU  - D\nTY  - JOUR\n";
        let (records, warnings) = records_of(text);
        assert_eq!(records.len(), 4);
        let lines: Vec<usize> = warnings.iter().map(|warning| warning.line).collect();
        assert_eq!(lines, [1, 6, 8, 10], "{warnings:?}");
    }
}
