//! RIS exports (Zotero, EndNote, Ovid and hand-broken ones) through the public import API.

use lenaview::formats::{self, Diagnostic, Format, Imported};

mod support;

use support::fixtures::{publications, section};

fn fixture(name: &str) -> (String, Vec<u8>) {
    support::fixtures::fixture(&format!("ris/{name}"))
}

fn import(name: &str) -> Result<Imported, Diagnostic> {
    support::fixtures::import(&format!("ris/{name}"))
}

#[test]
fn ris_is_detected_from_the_content_despite_a_bom_crlf_and_header_noise() {
    for name in ["zotero.ris", "endnote.txt", "ovid.ris"] {
        let (_, bytes) = fixture(name);
        assert_eq!(formats::detect(&formats::decode(&bytes)), Some(Format::Ris), "{name}");
    }
}

#[test]
fn a_zotero_export_keeps_identifiers_and_prefers_the_journal_abbreviation() {
    let imported = import("zotero.ris").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let [page] = imported.library.pages.as_slice() else { panic!("one page expected") };
    assert_eq!(page.path, ["Imported", "zotero"]);
    let first = &page.publications[0];
    assert_eq!(first.title, "Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma");
    assert_eq!(first.authors, ["Chari A", "Vogl DT", "Gavriatopoulou M", "Nuñez-Ærø JM"]);
    assert_eq!(first.citation(), "N Engl J Med. 2019 Aug 22; 381(8):727-738");
    assert_eq!(first.pmid.as_deref(), Some("31433920"), "from the PubMed link");
    assert_eq!(first.doi.as_deref(), Some("10.1056/NEJMoa1903455"));
    assert_eq!(first.pmc.as_deref(), Some("PMC7000000"), "from the PMC link");
    assert!(first.free_full_text);
    assert_eq!(
        first.abstract_sections,
        [
            section("BACKGROUND", "Selinexor is an oral inhibitor of exportin 1."),
            section("RESULTS", "A partial response or better occurred in 26% of patients."),
        ]
    );
}

#[test]
fn non_ascii_names_full_journal_names_and_missing_abstracts() {
    let imported = import("zotero.ris").unwrap();
    let second = publications(&imported)[1];
    assert_eq!(second.authors, ["Müller J"]);
    assert_eq!(second.journal, "Hämatologie Heute");
    assert_eq!((second.date.as_deref(), second.year), (Some("2018"), Some(2018)));
    assert!(second.abstract_sections.is_empty());
    assert_eq!((second.pmid.as_ref(), second.doi.as_ref()), (None, None));
}

#[test]
fn endnote_continuation_lines_pubmed_accession_numbers_and_month_dates() {
    let imported = import("endnote.txt").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let publication = publications(&imported)[0];
    assert_eq!(
        publication.abstract_text(),
        "Pomalidomide was given to patients whose myeloma relapsed after lenalidomide."
    );
    assert_eq!(publication.pmid.as_deref(), Some("30000002"), "AN from an NLM database");
    assert_eq!(publication.pmc.as_deref(), Some("PMC6000002"), "PMCID in a note's continuation line");
    assert_eq!(publication.citation(), "Front Oncol. 2018 Jun; 5:349-69");
    assert_eq!(publication.authors, ["Wang X", "Li Y"]);
}

#[test]
fn ovid_numbering_headers_and_trailing_fields_are_not_records() {
    let imported = import("ovid.ris").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let found = publications(&imported);
    assert_eq!(found.len(), 2);
    let first = found[0];
    assert_eq!(first.title, "Depression in patients treated for multiple myeloma.");
    assert_eq!(first.authors, ["Rossi M", "Bianchi LA"]);
    assert_eq!(first.journal, "Psychooncology");
    assert_eq!(first.pages, None, "Ovid's 'No Pagination Specified' is no page number");
    assert_eq!(first.doi.as_deref(), Some("10.1002/pon.0001"));
    let labels: Vec<_> = first.abstract_sections.iter().filter_map(|section| section.label.as_deref()).collect();
    assert_eq!(labels, ["Objective", "Methods", "Results"]);
    assert_eq!(found[1].authors, ["Dubois JP"]);
    assert_eq!(found[1].year, Some(2020));
}

#[test]
fn malformed_records_are_warned_about_by_line_and_the_good_ones_import() {
    let imported = import("malformed.ris").unwrap();
    let titles: Vec<&str> = publications(&imported).iter().map(|publication| publication.title.as_str()).collect();
    assert_eq!(titles, ["A record that lost its ER line", "A record cut short by a truncated"]);
    assert_eq!(publications(&imported)[0].authors, ["Rossi M"]);
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "ris/malformed.ris:1: record has no ER line; it ends where the next TY begins",
            "ris/malformed.ris:3: AU line has no value",
            "ris/malformed.ris:6: record skipped: it has no title (TI or T1)",
            "ris/malformed.ris:11: ER line outside a record (no TY before it), ignored",
            "ris/malformed.ris:12: file ends inside this record (no ER line); it may be truncated",
        ]
    );
}

#[test]
fn invalid_utf8_is_read_as_latin1() {
    let imported = import("latin1.ris").unwrap();
    let publication = publications(&imported)[0];
    assert_eq!(publication.title, "Café au lait spots in Müller syndrome");
    assert_eq!(publication.authors, ["Müller K"]);
}

#[test]
fn a_file_without_one_good_record_is_an_error_naming_file_and_line() {
    let err = import("untitled.ris").unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("ris/untitled.ris", 1));
    assert!(err.message.contains("no title"), "{err}");
}

#[test]
fn a_lone_ris_header_without_records_is_an_error() {
    let err = formats::import_bytes("empty.ris", b"Provider: X\nTY  - JOUR\nER  - \n").unwrap_err();
    assert_eq!(err.file, "empty.ris");
}
