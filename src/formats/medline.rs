//! PubMed's MEDLINE export (PubMed "Save" with format "PubMed", `.nbib` or `.txt`).
//!
//! Each line is `TAG - value` with the tag padded to four characters (`PMID- `, `TI  - `), or a continuation
//! line indented by six spaces; records are separated by blank lines. Fields lenaview has no use for (MeSH
//! terms, affiliations, history dates) are read past. Of a field the model holds once (title, journal, date...),
//! a second, different value is a warning naming its line; repeated abstracts are all kept.

mod abstracts;
mod kind;
pub(super) mod tagged;

use super::repeats::{FieldValue, squeezed, warn_left_out};
use super::{Diagnostic, Imported};
use crate::model::{CompactString, Publication, RecordKind};
use tagged::{Field, Record, imported_file_page};

/// How far into a file the first `PMID- ` line must appear for it to count as MEDLINE.
const DETECTION_LINES: usize = 500;

/// Whether the text is a MEDLINE export: it opens with a tag line and names a PMID early on.
pub fn looks_like(text: &str) -> bool {
    let mut lines = text.lines().map(|line| line.trim_start_matches('\u{feff}')).filter(|line| !line.trim().is_empty());
    let opens_with_tag = lines.next().is_some_and(|line| tag_line(line).is_some());
    opens_with_tag && text.lines().take(DETECTION_LINES).any(|line| line.starts_with("PMID- "))
}

/// Where the last record that ends in `text` ends: before the last `PMID- ` line, which opens a record (PubMed
/// begins every record with it). `text` may be the start of a file cut anywhere.
pub fn records_end(text: &str) -> Option<usize> {
    text.rfind("\nPMID- ").map(|newline| newline + 1)
}

/// Every record of a MEDLINE file as one page under "Imported ▸ FILE"; records that cannot be read are warnings.
pub fn parse(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    let mut warnings = Vec::new();
    let records = split_records(name, text, &mut warnings);
    warn_if_cut_short(name, &records, &mut warnings);
    let publications = records.iter().filter_map(|record| publication(name, record, &mut warnings)).collect();
    imported_file_page(name, publications, warnings)
}

/// PubMed ends every record with its `SO` (source) line, so a last record without one, in a file whose
/// other records have it, is where a download or copy was cut short.
fn warn_if_cut_short(name: &str, records: &[Record], warnings: &mut Vec<Diagnostic>) {
    let has_source = |record: &Record| record.values("SO").next().is_some();
    if let Some((last, others)) = records.split_last()
        && !has_source(last)
        && others.iter().any(has_source)
    {
        let message = "record has no SO line, unlike the others: the file may be cut short here";
        warnings.push(Diagnostic::warning(name, last.line, message));
    }
}

/// `("PMID", "123")` for `PMID- 123`; `("AB", "")` for `AB  -`. The tag is 2-4 capitals or digits padded to four.
fn tag_line(line: &str) -> Option<(&str, &str)> {
    let padded_tag = line.get(..4)?;
    let rest = line.get(4..)?;
    let value = match rest.strip_prefix("- ") {
        Some(value) => value,
        None if rest.trim_end() == "-" => "",
        None => return None,
    };
    let tag = padded_tag.trim_end_matches(' ');
    let well_formed = tag.len() >= 2
        && tag.starts_with(|c: char| c.is_ascii_uppercase())
        && tag.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    well_formed.then_some((tag, value.trim()))
}

fn split_records<'a>(name: &str, text: &'a str, warnings: &mut Vec<Diagnostic>) -> Vec<Record<'a>> {
    let mut records = Vec::new();
    let mut current: Option<Record<'a>> = None;
    for (index, raw_line) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw_line.trim_start_matches('\u{feff}').trim_end();
        if line.is_empty() {
            records.extend(current.take());
            continue;
        }
        if let Some((tag, value)) = tag_line(line) {
            // A second PMID means a new record even where an exporter forgot the blank line.
            let starts_new_record =
                tag == "PMID" && current.as_ref().is_some_and(|record| record.values("PMID").next().is_some());
            if starts_new_record {
                records.extend(current.take());
            }
            let record = current.get_or_insert_with(|| Record { line: number, fields: Vec::new() });
            record.fields.push(Field { tag, value: value.to_string(), line: number });
            continue;
        }
        // Continuation lines are indented; an unindented stray line is kept the same way rather than lost.
        match current.as_mut().and_then(|record| record.fields.last_mut()) {
            Some(field) => field.continue_with(line),
            None => {
                warnings.push(Diagnostic::warning(name, number, "line is not a MEDLINE field (TAG - value), ignored"))
            }
        }
    }
    records.extend(current);
    records
}

/// Tags whose value lenaview reads, so an empty one is worth a warning.
const READ_TAGS: &[&str] = &["PMID", "TI", "AU", "FAU", "CN", "TA", "JT", "DP", "VI", "IP", "PG", "LID", "AID", "PMC"];

/// Tags the model holds one value of: a second, different value is left out, with a warning.
const SINGLE_VALUE_TAGS: &[&str] = &["TI", "BTI", "TA", "JT", "DP", "VI", "IP", "PG", "PMC"];

fn warn_about_left_out_repeats(name: &str, record: &Record, warnings: &mut Vec<Diagnostic>) {
    for &tag in SINGLE_VALUE_TAGS {
        let values = record.fields.iter().filter(|field| field.tag == tag).map(|field| value_of(field, &field.value));
        warn_left_out(name, values, |value| squeezed(value.text), warnings);
    }
    let dois = record.fields.iter().filter_map(|field| Some(value_of(field, marked_doi(field)?)));
    warn_left_out(name, dois, |doi| doi.text.to_lowercase(), warnings);
}

fn value_of<'f>(field: &'f Field, text: &'f str) -> FieldValue<'f> {
    FieldValue { tag: field.tag, text, line: field.line }
}

fn publication(name: &str, record: &Record, warnings: &mut Vec<Diagnostic>) -> Option<Publication> {
    let has_other_abstract = record.values("OAB").any(|value| !value.is_empty());
    for field in &record.fields {
        let expected = READ_TAGS.contains(&field.tag) || (field.tag == "AB" && !has_other_abstract);
        if expected && field.value.is_empty() {
            warnings.push(Diagnostic::warning(name, field.line, format!("{} line has no value", field.tag)));
        }
    }
    warn_about_left_out_repeats(name, record, warnings);
    let pmid = record.first(&["PMID"]).map(CompactString::from);
    let Some(title) = record.first(&["TI", "BTI", "TT"]) else {
        let which = pmid.as_deref().map(|pmid| format!(" (PMID {pmid})")).unwrap_or_default();
        warnings.push(Diagnostic::skipped(name, record.line, format!("record skipped{which}: it has no title (TI)")));
        return None;
    };
    if pmid.is_none() {
        warnings.push(Diagnostic::warning(name, record.line, "record has no PMID; imported without one"));
    }
    let date = record.first(&["DP"]).map(CompactString::from);
    let pmc = record.first(&["PMC"]).map(CompactString::from);
    let kind = kind::record_kind(record);
    // A chapter's source is its book, shown where a journal would be.
    let source_tags: &[&str] = if kind == RecordKind::Chapter { &["BTI"] } else { &["TA", "JT"] };
    Some(Publication {
        authors: authors(record),
        title: title.to_string(),
        journal: record.first(source_tags).unwrap_or_default().into(),
        year: date.as_deref().and_then(first_year),
        date,
        volume: record.first(&["VI"]).map(CompactString::from),
        issue: record.first(&["IP"]).map(CompactString::from),
        pages: pages(record),
        free_full_text: pmc.is_some(),
        abstract_sections: abstracts::abstract_sections(record),
        pmid,
        doi: doi(record),
        pmc,
        kind,
        ..Publication::default()
    })
}

/// Short author names (`AU`, "Chari A") and group authors (`CN`) in print order; full names (`FAU`) only
/// when a record has no short ones.
fn authors(record: &Record) -> Vec<CompactString> {
    let named = |tags: &[&str]| -> Vec<CompactString> {
        let fields = record.fields.iter().filter(|field| tags.contains(&field.tag) && !field.value.is_empty());
        fields.map(|field| CompactString::from(field.value.as_str())).collect()
    };
    if record.first(&["AU"]).is_some() { named(&["AU", "CN"]) } else { named(&["FAU", "CN"]) }
}

/// `PG`, else an unmarked `LID` (an article number such as `347`, which PubMed cites in place of pages).
fn pages(record: &Record) -> Option<CompactString> {
    let article_number = || record.values("LID").find(|value| !value.is_empty() && !value.ends_with(']'));
    record.first(&["PG"]).or_else(article_number).map(CompactString::from)
}

/// The DOI from `LID`/`AID` lines marked `[doi]` (`LID - 10.1056/NEJMoa1903455 [doi]`).
fn doi(record: &Record) -> Option<CompactString> {
    record.fields.iter().find_map(marked_doi).map(CompactString::from)
}

fn marked_doi<'f>(field: &'f Field) -> Option<&'f str> {
    if field.tag != "LID" && field.tag != "AID" {
        return None;
    }
    Some(field.value.strip_suffix("[doi]")?.trim()).filter(|doi| !doi.is_empty())
}

/// The first four-digit year in a date as printed: `2019 Aug 22` → 2019, `Fall 2018` → 2018.
pub(super) fn first_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|start| {
        let digits = bytes.get(start..start + 4)?;
        let bounded = |index: Option<usize>| index.and_then(|i| bytes.get(i)).is_none_or(|b| !b.is_ascii_digit());
        let standalone = bounded(start.checked_sub(1)) && bounded(Some(start + 4));
        let year = std::str::from_utf8(digits).ok()?.parse::<i32>().ok()?;
        (standalone && digits.iter().all(u8::is_ascii_digit) && (1000..3000).contains(&year)).then_some(year)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_lines_are_padded_tags_then_a_dash() {
        assert_eq!(tag_line("PMID- 31433920"), Some(("PMID", "31433920")));
        assert_eq!(tag_line("TI  - Oral selinexor "), Some(("TI", "Oral selinexor")));
        assert_eq!(tag_line("AB  -"), Some(("AB", "")));
        assert_eq!(tag_line("      continued text"), None);
        assert_eq!(tag_line("ti  - lower case"), None);
        assert_eq!(tag_line("Ünï - wide chars"), None);
        assert_eq!(tag_line("AB"), None);
    }

    #[test]
    fn detection_needs_a_tag_first_and_a_pmid() {
        assert!(looks_like("\nPMC - PMC1\nPMID- 1\nTI  - T\n"));
        assert!(!looks_like("TY  - JOUR\nTI  - T\nER  - \n"));
        assert!(!looks_like("Some prose mentioning\nPMID- 1\n"));
    }

    #[test]
    fn years_are_standalone_four_digit_runs() {
        assert_eq!(first_year("2019 Aug 22"), Some(2019));
        assert_eq!(first_year("Fall 2018"), Some(2018));
        assert_eq!(first_year("12345 and 0999"), None);
        assert_eq!(first_year("19"), None);
        assert_eq!(first_year("ß2020"), Some(2020));
    }

    #[test]
    fn a_second_pmid_starts_a_new_record_without_a_blank_line() {
        let mut warnings = Vec::new();
        let records = split_records("f", "PMID- 1\nTI  - A\nPMID- 2\nTI  - B\n", &mut warnings);
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].line, 3);
        assert!(warnings.is_empty());
    }

    #[test]
    fn full_names_stand_in_only_when_short_ones_are_missing() {
        let mut warnings = Vec::new();
        let records = split_records("f", "PMID- 1\nFAU - Chari, Ajai\nCN  - Myeloma Group\n", &mut warnings);
        assert_eq!(authors(&records[0]), ["Chari, Ajai", "Myeloma Group"]);
        let records = split_records("f", "PMID- 1\nFAU - Chari, Ajai\nAU  - Chari A\n", &mut warnings);
        assert_eq!(authors(&records[0]), ["Chari A"]);
    }
}
