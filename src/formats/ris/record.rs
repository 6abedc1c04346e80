//! One RIS record as a publication.
//!
//! Which tag means what differs between writers, so each field of a publication is read from a list of tags,
//! best first:
//! - kind: `TY` (see [`kind`]); title: `TI`, `T1`, then `CT`, `BT`, and the short title `ST` as a last resort;
//! - authors: `AU` and `A1` in print order, in PubMed's short form ("Chari, Ajai" → "Chari A", see [`names`]);
//!   `AU  - et al.` marks a list cut short;
//! - journal, or the book or proceedings of a chapter or conference paper: see [`kind::container_tags`];
//! - date and year: `PY`, `Y1`, `DA` (see [`dates`]); volume `VL` (or `VO`), issue `IS` (not Ovid's catalogue
//!   codes), pages `SP`-`EP`;
//! - abstract: every `AB` and `N2`, split into labelled sections (see [`abstracts`]);
//! - DOI: `DO`, else a doi.org link; PMID: `123 [PMID]` in any tag, `PMID: ...` in `AN`, `M1`, `N1` or `C1`-`C8`,
//!   a PubMed link, an Ovid link into MEDLINE, or a numeric `AN` from a PubMed database (`DB`/`DP` "PubMed" or
//!   "NLM"); PMC id: `PMC... [PMCID]` in any tag, `PMC...` in notes or a PMC link.
//!
//! - the reader's own annotations: tags from `KW` (those that are tags, see [`tags`]), the note from `N1`.
//!
//! A repeated field with no place in the model (a second title) is a warning naming its line (see [`repeats`]).

use super::{Field, Record, abstracts, dates, identifiers, kind, names, repeats};
use crate::formats::Diagnostic;
use crate::model::tag::normalize_tag;
use crate::model::{CompactString, Publication};

pub(super) const TITLE: &[&str] = &["TI", "T1", "CT", "BT", "ST"];
const DATES: &[&str] = &["PY", "Y1", "DA"];
const LINKS: &[&str] = &["UR", "L1", "L2", "L3", "L4", "LK"];
const NOTES: &[&str] = &["AN", "M1", "N1", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"];
/// Tags whose value lenaview reads, so an empty one is worth a warning.
const READ_TAGS: &[&str] = &[
    "TY", "TI", "T1", "AU", "A1", "J2", "JA", "JI", "J9", "JO", "T2", "JF", "PY", "Y1", "VL", "IS", "SP", "EP", "AB",
    "N2", "DO",
];

pub(super) fn publication(name: &str, record: &Record, warnings: &mut Vec<Diagnostic>) -> Option<Publication> {
    for field in record.fields.iter().filter(|field| field.value.is_empty() && READ_TAGS.contains(&field.tag)) {
        warnings.push(Diagnostic::warning(name, field.line, format!("{} line has no value", field.tag)));
    }
    let Some(title) = title(record) else {
        warnings.push(Diagnostic::skipped(name, record.line, "record skipped: it has no title (TI or T1)"));
        return None;
    };
    let title_tag = title.tag;
    let kind = kind::from_type(record.first(&["TY"]).unwrap_or_default());
    let container_tags: Vec<&str> =
        kind::container_tags(kind).iter().copied().filter(|&tag| tag != title_tag).collect();
    repeats::warn(name, record, &container_tags, is_issue, warnings);
    let date_values: Vec<&str> = DATES.iter().filter_map(|&tag| record.first(&[tag])).collect();
    let date = dates::best(&date_values);
    let pmc = pmc(record);
    let (authors, et_al) = authors(record);
    Some(Publication {
        authors,
        et_al,
        title: title.value.clone(),
        // "Adv. Electr. Electron. Eng." loses its final stop, which the citation adds back.
        journal: record.first(&container_tags).unwrap_or_default().trim_end_matches('.').into(),
        year: date.as_ref().and_then(|date| date.year),
        date: date.map(|date| date.printed.into()),
        volume: record.first(&["VL", "VO"]).map(CompactString::from),
        issue: record.values("IS").find(|issue| is_issue(issue)).map(CompactString::from),
        pages: pages(record.first(&["SP"]), record.first(&["EP"])),
        free_full_text: pmc.is_some(),
        abstract_sections: abstracts::sections(record),
        pmid: pmid(record).map(CompactString::from),
        doi: doi(record).map(CompactString::from),
        pmc: pmc.map(CompactString::from),
        kind,
        tags: tags(record),
        note: note(record),
        ..Publication::default()
    })
}

/// `KW` lines that are tags (`review`, as lenaview and Zotero write them); keywords with spaces, which most
/// databases write there, are not tags and stay out, as they did before tags existed.
fn tags(record: &Record) -> Vec<String> {
    let mut tags: Vec<String> = record.values("KW").filter_map(|value| normalize_tag(value).ok()).collect();
    tags.sort();
    tags.dedup();
    tags
}

/// The `N1` notes, one line each, but for the identifiers read from them (`PMID: ...`, `PMCID: ...`).
fn note(record: &Record) -> Option<String> {
    let is_identifier = |value: &str| {
        let upper = value.trim_start().to_ascii_uppercase();
        upper.starts_with("PMID") || upper.starts_with("PMCID")
    };
    let lines: Vec<&str> = record.values("N1").filter(|value| !is_identifier(value)).collect();
    let note = lines.join("\n");
    (!note.trim().is_empty()).then(|| note.trim().to_string())
}

/// `TI` and `T1` are one field, so the first of them in the file is the title (a second is reported by
/// [`repeats`]); `CT`, `BT` and the short title `ST` stand in, in that order, for a missing one.
fn title<'a>(record: &'a Record) -> Option<&'a Field<'a>> {
    let groups: [&[&str]; 4] = [&TITLE[..2], &TITLE[2..3], &TITLE[3..4], &TITLE[4..]];
    groups
        .iter()
        .find_map(|group| record.fields.iter().find(|field| group.contains(&field.tag) && !field.value.is_empty()))
}

/// Authors in print order, and whether the list ends in "et al." (a line of its own in some exports).
fn authors(record: &Record) -> (Vec<CompactString>, bool) {
    let mut et_al = false;
    let mut authors = Vec::new();
    for name in record.fields.iter().filter(|field| matches!(field.tag, "AU" | "A1")).map(|field| &field.value) {
        let letters: String = name.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
        if letters == "etal" {
            et_al = true;
        } else if !name.is_empty() {
            authors.push(names::short_form(name).into());
        }
    }
    (authors, et_al)
}

/// Whether an `IS` value is an issue, not Ovid's journal code and NLM catalogue number (`eag, 7805975`).
fn is_issue(value: &str) -> bool {
    let is_catalogue_code = value.split_once(',').is_some_and(|(code, number)| {
        let number = number.trim().trim_end_matches('R');
        (2..=6).contains(&code.trim().len())
            && code.trim().chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && code.trim().chars().any(|c| c.is_ascii_lowercase())
            && number.len() >= 6
            && number.bytes().all(|b| b.is_ascii_digit())
    });
    !value.trim().is_empty() && !is_catalogue_code
}

/// "SP-EP", or `SP` alone when it already is a range, has no end, or ends where it starts. A start with no
/// page number in it (Ovid's `SP  - No` / `EP  - Specified`) means no pages; Roman numerals are numbers.
fn pages(start: Option<&str>, end: Option<&str>) -> Option<CompactString> {
    let is_roman = |text: &str| text.chars().all(|c| "ivxlcdmIVXLCDM".contains(c));
    let start = start.filter(|start| start.contains(|c: char| c.is_ascii_digit()) || is_roman(start))?;
    match end {
        Some(end) if end != start && !start.contains('-') => Some(compact_str::format_compact!("{start}-{end}")),
        _ => Some(start.into()),
    }
}

fn doi(record: &Record) -> Option<String> {
    let from_links = || LINKS.iter().flat_map(|&tag| record.values(tag)).find_map(identifiers::doi_in);
    record.values("DO").find_map(identifiers::doi_in).or_else(from_links)
}

fn pmid(record: &Record) -> Option<String> {
    let bracketed = || record.fields.iter().find_map(|field| identifiers::bracketed_pmid(&field.value));
    let hinted = || NOTES.iter().chain(LINKS).flat_map(|&tag| record.values(tag)).find_map(identifiers::pmid_in);
    let from_ovid = || LINKS.iter().flat_map(|&tag| record.values(tag)).find_map(identifiers::ovid_pmid);
    let from_pubmed = ["DB", "DP"].iter().flat_map(|&tag| record.values(tag)).any(|database| {
        let database = database.to_ascii_lowercase();
        database == "nlm" || database.contains("pubmed")
    });
    let accession = || if from_pubmed { record.values("AN").find_map(identifiers::bare_number) } else { None };
    bracketed().or_else(hinted).or_else(from_ovid).or_else(accession)
}

fn pmc(record: &Record) -> Option<String> {
    let bracketed = || record.fields.iter().find_map(|field| identifiers::bracketed_pmc(&field.value));
    let noted = || {
        record
            .fields
            .iter()
            .filter(|field| NOTES.contains(&field.tag) || LINKS.contains(&field.tag))
            .find_map(|field| identifiers::pmc_in(&field.value))
    };
    bracketed().or_else(noted)
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

    #[test]
    fn ovid_catalogue_codes_are_not_issues() {
        for code in ["eag, 7805975", "bjd,0004041", "a2k, 101125484", "xyz, 7503089R"] {
            assert!(!is_issue(code), "{code}");
        }
        for issue in ["8", "3 Suppl 1", "Pt 2", "1-2", "Spring", "S1", "12, Part 1", "Suppl, 2019"] {
            assert!(is_issue(issue), "{issue}");
        }
    }
}
