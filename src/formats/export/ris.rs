//! RIS, the tagged format every reference manager imports: `TY  - JOUR` ... `ER  - ` per publication.
//!
//! What lenaview's own RIS reader needs to give the same publication back is written: the record type, the
//! full date (`DA  - 2019/08/22/`), the book of a chapter (`BT`/`T2`) and every identifier.

use std::fmt::Write as _;

use super::fields::{page_range, push_inverted_author};
use super::written::{self, AbstractText, Buffers, InPublications, Publications, may_hold_controls, push_integer};
use crate::model::{Publication, RecordKind};

use crate::formats::months;

/// Every publication as one RIS record. Lines end in CRLF, as the format's specification asks.
pub fn to_string(publications: &[&Publication]) -> String {
    let mut text = String::new();
    parts_in_order(publications, &InPublications, &mut |part| text.push_str(&part));
    text
}

/// [`to_string`] in parts, each handed to `take` as soon as it and those before it are written, each abstract from
/// `abstracts`.
pub fn parts_in_order<P: Publications + ?Sized>(
    publications: &P,
    abstracts: &dyn AbstractText,
    take: &mut dyn FnMut(String),
) {
    let write = |_, publication: &Publication, buffers: &mut Buffers| write_record(publication, buffers);
    written::on_every_core_in_order(publications, abstracts, write, take);
}

/// One record, from `TY  - JOUR` to `ER  - ` and a blank line.
pub fn record(publication: &Publication) -> String {
    let mut buffers = Buffers::default();
    write_record(publication, &mut buffers);
    buffers.text
}

fn write_record(publication: &Publication, buffers: &mut Buffers) {
    let Buffers { text, scratch, abstracts } = buffers;
    tagged(text, "TY", record_type(publication.kind));
    for author in publication.authors.iter().filter(|author| !author.trim().is_empty()) {
        scratch.clear();
        push_inverted_author(scratch, author);
        tagged(text, "AU", scratch);
    }
    push(text, "TI", &publication.title);
    push(text, "T2", &publication.journal);
    // T2 is what most readers take as the journal or book; a second tag says which it is to those that differ.
    match publication.kind {
        // The source only has the journal's abbreviation, which is what JO holds.
        RecordKind::Article => push(text, "JO", &publication.journal),
        RecordKind::Chapter => push(text, "BT", &publication.journal),
        // Zotero reads T2 as the conference's name and C3 as the proceedings, which `journal` is.
        RecordKind::ConferencePaper => push(text, "C3", &publication.journal),
        _ => {}
    }
    if let Some(year) = publication.year {
        text.push_str("PY  - ");
        push_integer(text, year);
        text.push_str("\r\n");
        if let Some(date) = publication.date.as_deref().and_then(|date| ris_date(year, date)) {
            tagged(text, "DA", &date);
        }
    }
    push_optional(text, "VL", &publication.volume);
    push_optional(text, "IS", &publication.issue);
    if let Some(pages) = publication.pages.as_deref().filter(|pages| !pages.trim().is_empty()) {
        let (first, last) = page_range(pages);
        push(text, "SP", first);
        if let Some(last) = last {
            push(text, "EP", &last);
        }
    }
    // One line per tag: the sections of a structured abstract run on, each introduced by its label.
    scratch.clear();
    abstracts.push(publication, scratch, " ");
    push(text, "AB", scratch);
    push_optional(text, "DO", &publication.doi);
    push_optional(text, "AN", &publication.pmid);
    // A bare accession number means nothing without its database; the PubMed link says which it is,
    // and reference managers make it clickable.
    if let Some(pmid) = &publication.pmid {
        scratch.clear();
        let _ = write!(scratch, "https://pubmed.ncbi.nlm.nih.gov/{pmid}/");
        push(text, "UR", scratch);
    }
    if let Some(pmc) = &publication.pmc {
        // EndNote and PubMed put an article's PMCID in C2, but for a chapter C2 is the book's author.
        if publication.kind == RecordKind::Article {
            push(text, "C2", pmc);
        } else {
            scratch.clear();
            let _ = write!(scratch, "PMCID: {pmc}");
            push(text, "N1", scratch);
        }
    }
    // The reader's own annotations: a KW per tag, as Zotero writes its tags; an N1 per line of the note, so
    // that a reader joining continued lines with spaces still gives the note back line for line.
    for tag in &publication.tags {
        push(text, "KW", tag);
    }
    if let Some(note) = &publication.note {
        for line in note.trim_end().lines() {
            tagged(text, "N1", line.trim_end());
        }
    }
    text.push_str("ER  - \r\n\r\n");
}

/// The `TY` that lenaview's reader (and Zotero's) turns back into the same kind.
pub(super) fn record_type(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Article => "JOUR",
        RecordKind::Book => "BOOK",
        RecordKind::Chapter => "CHAP",
        RecordKind::Thesis => "THES",
        RecordKind::ConferencePaper => "CPAPER",
        RecordKind::Dataset => "DATA",
        RecordKind::Report => "RPRT",
        // RIS has no preprint type; "unpublished work" is the nearest.
        RecordKind::Preprint => "UNPB",
        RecordKind::WebPage => "ELEC",
        RecordKind::Patent => "PAT",
        RecordKind::Other => "GEN",
    }
}

/// The printed date as RIS's `YYYY/MM/DD/other`: "2019 Aug 22" → `2019/08/22/`, "2019 Aug" → `2019/08//`,
/// "2018 Fall" → `2018///Fall`; a date that does not start with its year ("Fall 2018") goes whole into `other`,
/// where lenaview's reader takes it as the printed date. `None` when the year alone says it all.
pub(super) fn ris_date(year: i32, printed: &str) -> Option<String> {
    let year_text = year.to_string();
    let words: Vec<&str> = printed.split_whitespace().collect();
    let Some(rest) = words.strip_prefix(&[year_text.as_str()]) else {
        return (!words.is_empty()).then(|| format!("{year}///{}", words.join(" ")));
    };
    let month = rest.first().copied().and_then(months::number);
    let day = rest.get(1).and_then(|word| word.parse::<u8>().ok()).filter(|day| (1..=31).contains(day));
    match (month, day, rest.len()) {
        (_, _, 0) => None,
        (Some(month), None, 1) => Some(format!("{year}/{month:02}//")),
        (Some(month), Some(day), 2) => Some(format!("{year}/{month:02}/{day:02}/")),
        _ => Some(format!("{year}///{}", rest.join(" "))),
    }
}

fn push(text: &mut String, tag: &str, value: &str) {
    if !value.trim().is_empty() {
        tagged(text, tag, value);
    }
}

fn push_optional<Text: std::ops::Deref<Target = str>>(text: &mut String, tag: &str, value: &Option<Text>) {
    if let Some(value) = value {
        push(text, tag, value);
    }
}

/// The line `TAG  - value` with the value on one line: a line break would start what readers take as a new tag.
fn tagged(text: &mut String, tag: &str, value: &str) {
    let value = value.trim();
    text.push_str(tag);
    text.push_str("  - ");
    if may_hold_controls(value) {
        text.extend(value.chars().map(|c| if c.is_control() { ' ' } else { c }));
    } else {
        text.push_str(value);
    }
    text.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AbstractSection;

    #[test]
    fn record_has_one_tag_per_line_and_one_au_per_author() {
        let publication = Publication {
            et_al: false,
            title: "Oral Selinexor\nDexamethasone".into(),
            date: None,
            abstract_sections: vec![
                AbstractSection { label: Some("BACKGROUND".into()), text: "Why.".into() },
                AbstractSection { label: None, text: "How.".into() },
            ],
            ..crate::model::sample_publication()
        };
        let expected = [
            "TY  - JOUR",
            "AU  - Chari, A.",
            "AU  - Vogl, D. T.",
            "TI  - Oral Selinexor Dexamethasone",
            "T2  - N Engl J Med",
            "JO  - N Engl J Med",
            "PY  - 2019",
            "VL  - 381",
            "IS  - 8",
            "SP  - 727",
            "EP  - 738",
            "AB  - BACKGROUND: Why. How.",
            "DO  - 10.1056/NEJMoa1903455",
            "AN  - 31433920",
            "UR  - https://pubmed.ncbi.nlm.nih.gov/31433920/",
            "ER  - ",
            "",
            "",
        ]
        .join("\r\n");
        assert_eq!(record(&publication), expected);
    }

    #[test]
    fn printed_dates_become_ris_dates() {
        let cases = [
            (2019, "2019 Aug 22", Some("2019/08/22/")),
            (2019, "2019 Aug 5", Some("2019/08/05/")),
            (2019, "2019 August 5", Some("2019/08/05/")),
            (2019, "2019 sept", Some("2019/09//")),
            (2019, "2019 Mayday", Some("2019///Mayday")),
            (2019, "2019 Aug", Some("2019/08//")),
            (2019, "2019", None),
            (2018, "2018 Fall", Some("2018///Fall")),
            (2019, "2019 Aug-Sep", Some("2019///Aug-Sep")),
            (2019, "2019 Aug 40", Some("2019///Aug 40")),
            (2018, "Fall 2018", Some("2018///Fall 2018")),
            (2018, "  ", None),
        ];
        for (year, printed, expected) in cases {
            assert_eq!(ris_date(year, printed).as_deref(), expected, "{printed}");
        }
    }

    #[test]
    fn a_chapter_names_its_book_and_its_type() {
        let chapter = Publication {
            title: "Immunomodulatory drugs".into(),
            journal: "Handbook of Myeloma Therapy".into(),
            year: Some(2019),
            date: Some("2019 Aug 22".into()),
            kind: RecordKind::Chapter,
            ..Publication::default()
        };
        let expected = [
            "TY  - CHAP",
            "TI  - Immunomodulatory drugs",
            "T2  - Handbook of Myeloma Therapy",
            "BT  - Handbook of Myeloma Therapy",
            "PY  - 2019",
            "DA  - 2019/08/22/",
            "ER  - ",
        ];
        assert_eq!(record(&chapter), expected.join("\r\n") + "\r\n\r\n");
    }

    #[test]
    fn empty_fields_are_left_out() {
        let publication =
            Publication { title: "Only a title".into(), volume: Some(" ".into()), ..Publication::default() };
        assert_eq!(record(&publication), "TY  - JOUR\r\nTI  - Only a title\r\nER  - \r\n\r\n");
    }
}
