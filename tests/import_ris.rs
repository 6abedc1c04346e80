//! RIS exports (Zotero, EndNote, Ovid and hand-broken ones) through the public import API.

use lenaview::formats::{self, Diagnostic, Format, Imported};
use lenaview::model::{AbstractSection, RecordKind};

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

#[test]
fn repeated_abstracts_are_all_kept_and_a_second_title_is_reported_by_line() {
    let imported = import("ebsco.ris").unwrap();
    let first = publications(&imported)[0];
    assert_eq!(
        first.abstract_sections,
        [
            section("BACKGROUND", "Older patients often stop maintenance early."),
            section("RESULTS", "Two in three continued for a year."),
            section("HINTERGRUND", "Ältere Patienten brechen die Erhaltung oft früh ab."),
            section("ERGEBNISSE", "Zwei von drei setzten sie ein Jahr lang fort."),
            AbstractSection { label: None, text: "Copyright © 2021 Georg Thieme Verlag KG, Stuttgart.".into() },
        ],
        "every AB in file order; the N2 that repeats the first AB is not doubled"
    );
    assert_eq!(first.title, "Lenalidomide maintenance in older patients with myeloma");
    assert_eq!(first.doi.as_deref(), Some("10.1055/a-0000-0001"));
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "ris/ebsco.ris:9: T1 \"Lenalidomid-Erhaltungstherapie bei älteren Patienten mit Myelom\" not kept: \
             a publication has one, and lenaview keeps the first (line 8)",
            "ris/ebsco.ris:24: DO \"10.1055/a-0000-0002\" not kept: a publication has one, and lenaview keeps the \
             first (line 23)",
        ]
    );
}

#[test]
fn et_al_is_not_an_author_and_na_is_no_abstract() {
    let imported = import("ebsco.ris").unwrap();
    let letter = publications(&imported)[1];
    assert_eq!(letter.authors, ["Ortega L"]);
    assert!(letter.et_al);
    assert_eq!(letter.first_author_short(), "Ortega L et al.");
    assert!(letter.abstract_sections.is_empty(), "{:?}", letter.abstract_sections);
}

#[test]
fn dimensions_identifiers_in_bracketed_notes_are_read() {
    let imported = import("dimensions.ris").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let found = publications(&imported);
    assert_eq!(found[0].pmid.as_deref(), Some("35957633"));
    assert_eq!(found[0].pmc.as_deref(), Some("PMC9359172"));
    assert!(found[0].free_full_text);
    assert_eq!(found[0].citation(), "Blood Advances. 2022 Aug 9; 6(15):4521-4530");
    assert_eq!((found[1].pmid.as_ref(), found[1].pmc.as_ref()), (None, None), "pub.1000000002 is no PMID");
}

#[test]
fn ovid_medline_links_give_the_pmid_and_joined_sections_split() {
    let imported = import("ovid_medline.ris").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let found = publications(&imported);
    assert_eq!(found.len(), 3);
    let cohort = found[0];
    assert_eq!(cohort.pmid.as_deref(), Some("39012781"), "AN of a D=medp link");
    assert_eq!(
        cohort.abstract_sections,
        [
            section("BACKGROUND", "Lenalidomide raises the risk of thrombosis."),
            section("METHODS", "We followed 412 patients for two years."),
            section("RESULTS", "Thrombosis occurred in 38 (9.2%)."),
            section("CONCLUSIONS", "Aspirin was not enough for high-risk patients."),
        ]
    );
    assert_eq!(cohort.issue, None, "'eag, 0326377' is Ovid's catalogue code, not an issue");
    assert_eq!(cohort.citation(), "Thromb Res. 2024; 240:109061");

    let letter = found[1];
    assert_eq!(letter.pmid.as_deref(), Some("30700000"), "D=med16 is MEDLINE too");
    assert_eq!(letter.issue.as_deref(), Some("8"));
    assert_eq!(
        letter.abstract_text(),
        "Pomalidomide was active after lenalidomide (Smith et al., DNA: 2018)., It is tolerated.",
        "a comma that joins no sections stays"
    );

    let psycinfo = found[2];
    assert_eq!(psycinfo.pmid, None, "PsycInfo's and Embase's accession numbers are not PMIDs");
}

#[test]
fn record_types_become_kinds_and_containers_stand_where_the_journal_would() {
    let imported = import("kinds.ris").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let found: Vec<(RecordKind, &str)> =
        publications(&imported).iter().map(|publication| (publication.kind, publication.journal.as_str())).collect();
    assert_eq!(
        found,
        [
            (RecordKind::Chapter, "Handbook of Myeloma Therapy"),
            (RecordKind::Chapter, "Protein Degradation in Cancer"),
            (RecordKind::Thesis, ""),
            (RecordKind::ConferencePaper, "Proceedings of the 64th ASH Annual Meeting"),
            (RecordKind::Dataset, "Gene Expression Omnibus"),
            (RecordKind::Report, ""),
            (RecordKind::WebPage, ""),
            (RecordKind::Patent, ""),
            (RecordKind::Book, "Oncology Handbooks"),
            (RecordKind::Other, "arXiv"),
            (RecordKind::Article, "Br. J. Haematol"),
        ]
    );
    let chapter = publications(&imported)[0];
    assert_eq!(chapter.citation(), "Handbook of Myeloma Therapy. 2019 Aug 22:115-140");
}
