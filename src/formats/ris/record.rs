//! One RIS record as a publication.
//!
//! Which tag means what differs between writers, so each field of a publication is read from a list of tags,
//! best first:
//! - title: `TI`, `T1`, then `CT`, `BT`, and the short title `ST` as a last resort;
//! - authors: `AU` and `A1` in print order, in PubMed's short form ("Chari, Ajai" → "Chari A", see [`names`]);
//! - journal: the abbreviation where there is one (`J2`, `JA`, `JO`, `J1`), else the full name (`T2`, `JF`),
//!   because lenaview shows journals as PubMed and CancerIndex print them ("N Engl J Med");
//! - date and year: `PY`, `Y1`, `DA` (see [`dates`]); volume `VL` (or `VO`), issue `IS`, pages `SP`-`EP`;
//! - abstract: `AB`, else `N2`, split into labelled sections;
//! - DOI: `DO`, else a doi.org link; PMID: `PMID: ...` in `AN`, `M1`, `N1` or `C1`-`C8`, a PubMed link, or a numeric
//!   `AN` from a PubMed database (`DB`/`DP` "PubMed" or "NLM"); PMC id: `PMC...` in notes or a PMC link.

use super::{Record, dates, identifiers, names};
use crate::formats::Diagnostic;
use crate::formats::sections::split_labelled;
use crate::model::Publication;

pub(super) const TITLE: &[&str] = &["TI", "T1", "CT", "BT", "ST"];
const JOURNAL: &[&str] = &["J2", "JA", "JO", "J1", "T2", "JF"];
const DATES: &[&str] = &["PY", "Y1", "DA"];
const ABSTRACT: &[&str] = &["AB", "N2"];
const LINKS: &[&str] = &["UR", "L1", "L2", "L3", "L4", "LK"];
const NOTES: &[&str] = &["AN", "M1", "N1", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"];
/// Tags whose value lenaview reads, so an empty one is worth a warning.
const READ_TAGS: &[&str] =
    &["TY", "TI", "T1", "AU", "A1", "J2", "JA", "JO", "T2", "JF", "PY", "Y1", "VL", "IS", "SP", "EP", "AB", "N2", "DO"];

pub(super) fn publication(name: &str, record: &Record, warnings: &mut Vec<Diagnostic>) -> Option<Publication> {
    for field in record.fields.iter().filter(|field| field.value.is_empty() && READ_TAGS.contains(&field.tag)) {
        warnings.push(Diagnostic::new(name, field.line, format!("{} line has no value", field.tag)));
    }
    let Some(title) = record.first(TITLE) else {
        warnings.push(Diagnostic::new(name, record.line, "record skipped: it has no title (TI or T1)"));
        return None;
    };
    let date_values: Vec<&str> = DATES.iter().filter_map(|&tag| record.first(&[tag])).collect();
    let date = dates::best(&date_values);
    let mut notes_and_links =
        record.fields.iter().filter(|field| NOTES.contains(&field.tag) || LINKS.contains(&field.tag));
    let pmc = notes_and_links.find_map(|field| identifiers::pmc_in(&field.value));
    let authors = record.fields.iter().filter(|field| matches!(field.tag, "AU" | "A1") && !field.value.is_empty());
    Some(Publication {
        authors: authors.map(|field| names::short_form(&field.value)).collect(),
        title: title.to_string(),
        // "Adv. Electr. Electron. Eng." loses its final stop, which the citation adds back.
        journal: record.first(JOURNAL).unwrap_or_default().trim_end_matches('.').to_string(),
        year: date.as_ref().and_then(|date| date.year),
        date: date.map(|date| date.printed),
        volume: record.first(&["VL", "VO"]).map(str::to_string),
        issue: record.first(&["IS"]).map(str::to_string),
        pages: pages(record.first(&["SP"]), record.first(&["EP"])),
        free_full_text: pmc.is_some(),
        abstract_sections: split_labelled(record.first(ABSTRACT).unwrap_or_default()),
        pmid: pmid(record),
        doi: doi(record),
        pmc,
        ..Publication::default()
    })
}

/// "SP-EP", or `SP` alone when it already is a range, has no end, or ends where it starts. A start with no
/// page number in it (Ovid's `SP  - No` / `EP  - Specified`) means no pages; Roman numerals are numbers.
fn pages(start: Option<&str>, end: Option<&str>) -> Option<String> {
    let is_roman = |text: &str| text.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    let start = start.filter(|start| start.contains(|c: char| c.is_ascii_digit()) || is_roman(start))?;
    match end {
        Some(end) if end != start && !start.contains('-') => Some(format!("{start}-{end}")),
        _ => Some(start.to_string()),
    }
}

fn doi(record: &Record) -> Option<String> {
    let from_links = || LINKS.iter().flat_map(|&tag| record.values(tag)).find_map(identifiers::doi_in);
    record.values("DO").find_map(identifiers::doi_in).or_else(from_links)
}

fn pmid(record: &Record) -> Option<String> {
    let hinted = NOTES.iter().chain(LINKS).flat_map(|&tag| record.values(tag)).find_map(identifiers::pmid_in);
    let from_pubmed = ["DB", "DP"].iter().flat_map(|&tag| record.values(tag)).any(|database| {
        let database = database.to_ascii_lowercase();
        database == "nlm" || database.contains("pubmed")
    });
    hinted.or_else(|| if from_pubmed { record.values("AN").find_map(identifiers::bare_number) } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_join_start_and_end() {
        assert_eq!(pages(Some("727"), Some("738")).as_deref(), Some("727-738"));
        assert_eq!(pages(Some("349-69"), Some("69")).as_deref(), Some("349-69"));
        assert_eq!(pages(Some("e0815"), None).as_deref(), Some("e0815"));
        assert_eq!(pages(Some("5"), Some("5")).as_deref(), Some("5"));
        assert_eq!(pages(None, Some("9")), None);
        assert_eq!(pages(Some("No"), Some("Specified")), None);
        assert_eq!(pages(Some("xii"), Some("xiv")).as_deref(), Some("xii-xiv"));
    }
}
