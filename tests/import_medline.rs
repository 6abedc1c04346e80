//! PubMed MEDLINE exports ("Save" with format "PubMed") through the public import API.

use lenaview::formats::{self, Diagnostic, Format, Imported};
use lenaview::model::{AbstractSection, RecordKind};

mod support;

use support::fixtures::{publications, section};

fn fixture(name: &str) -> (String, Vec<u8>) {
    support::fixtures::fixture(&format!("medline/{name}"))
}

fn import(name: &str) -> Result<Imported, Diagnostic> {
    support::fixtures::import(&format!("medline/{name}"))
}

#[test]
fn medline_is_detected_from_the_content() {
    let (_, bytes) = fixture("search.txt");
    assert_eq!(formats::detect(&formats::decode(&bytes)), Some(Format::Medline));
}

#[test]
fn a_search_becomes_one_page_under_imported_and_the_file_name() {
    let imported = import("search.txt").unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let [page] = imported.library.pages.as_slice() else { panic!("one page expected") };
    assert_eq!(page.path, ["Imported", "search"]);
    assert_eq!(page.summary, "");
    assert_eq!(page.publications.len(), 3);
}

#[test]
fn a_full_record_keeps_identifiers_citation_and_multi_line_fields() {
    let imported = import("search.txt").unwrap();
    let first = publications(&imported)[0];
    assert_eq!(first.title, "Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma.");
    assert_eq!(first.authors, ["Chari A", "Vogl DT", "Gavriatopoulou M", "STORM Investigators"]);
    assert_eq!(first.citation(), "N Engl J Med. 2019 Aug 22; 381(8):727-738");
    assert_eq!(first.year, Some(2019));
    assert_eq!(first.pmid.as_deref(), Some("31433920"));
    assert_eq!(first.doi.as_deref(), Some("10.1056/NEJMoa1903455"));
    assert_eq!(first.pmc.as_deref(), Some("PMC7000000"));
    assert!(first.free_full_text);
}

#[test]
fn structured_abstracts_are_split_into_labelled_sections() {
    let imported = import("search.txt").unwrap();
    assert_eq!(
        publications(&imported)[0].abstract_sections,
        [
            section("BACKGROUND", "Selinexor is an oral inhibitor of exportin 1."),
            section(
                "METHODS",
                "We treated 122 patients with selinexor plus dexamethasone. The dose was 80 mg twice weekly."
            ),
            section("RESULTS", "A partial response or better occurred in 26% of patients (95% CI: 19 to 35)."),
            section("CONCLUSIONS", "Selinexor induced responses."),
        ]
    );
}

#[test]
fn non_ascii_names_missing_abstracts_and_full_journal_names() {
    let imported = import("search.txt").unwrap();
    let second = publications(&imported)[1];
    assert_eq!(second.authors, ["Müller J", "Øberg Å", "Nuñez J"]);
    assert!(second.abstract_sections.is_empty());
    assert_eq!(second.journal, "Hämatologie Heute", "JT stands in when there is no TA");
    assert_eq!((second.date.as_deref(), second.year), (Some("Fall 2018"), Some(2018)));
    assert_eq!(second.doi.as_deref(), Some("10.1000/hh.2018.12"), "the [doi] AID, not the [pii] one");
    assert!(!second.free_full_text);
}

#[test]
fn a_record_opening_with_pmc_whose_other_abstract_is_the_publisher_placeholder_has_no_abstract() {
    let imported = import("search.txt").unwrap();
    let third = publications(&imported)[2];
    assert_eq!(third.pmid.as_deref(), Some("30000002"));
    assert_eq!(third.pmc.as_deref(), Some("PMC6000002"));
    assert_eq!(third.pages.as_deref(), Some("347"), "an article number in LID stands for pages");
    assert_eq!(third.abstract_sections, [], "'Abstract available from the publisher' is not an abstract");
}

#[test]
fn publication_types_and_book_titles_say_what_a_record_is() {
    let imported = import("kinds.txt").unwrap();
    assert_eq!(imported.warnings, []);
    let kinds: Vec<(RecordKind, &str)> =
        publications(&imported).iter().map(|publication| (publication.kind, publication.journal.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (RecordKind::Preprint, "medRxiv"),
            (RecordKind::Dataset, "Sci Data"),
            (RecordKind::ConferencePaper, "Blood"),
            (RecordKind::Chapter, "An Invented Handbook of Haematology"),
            (RecordKind::Book, ""),
            (RecordKind::Article, "Leukemia"),
        ]
    );
    let chapter = publications(&imported)[3];
    assert_eq!(chapter.title, "Multiple Myeloma, an invented chapter");
    assert_eq!(chapter.authors, ["Chapter C"], "editors are not authors");
    assert_eq!(chapter.abstract_text(), "This chapter was written for testing.");
    assert_eq!(publications(&imported)[4].title, "An Invented Book on Lenalidomide");
}

#[test]
fn repeated_abstracts_other_language_abstracts_and_wrapped_titles_are_all_kept() {
    let imported = import("repeats.txt").unwrap();
    let first = publications(&imported)[0];
    assert_eq!(first.title, "A title that wraps over three lines in the export.");
    assert_eq!(
        first.abstract_sections,
        [
            section("BACKGROUND", "The first abstract field."),
            section("RESULTS", "Its results."),
            AbstractSection { label: None, text: "Copyright (c) 2020 An Invented Publisher.".into() },
            section("HINTERGRUND", "Die Zusammenfassung der Autoren auf Deutsch."),
            section("ERGEBNISSE", "Ihre Ergebnisse."),
        ]
    );
}

#[test]
fn a_second_value_of_a_field_held_once_is_a_warning_naming_its_line() {
    let imported = import("repeats.txt").unwrap();
    let second = publications(&imported)[1];
    assert_eq!(second.title, "A record that repeats fields the model holds once.");
    assert_eq!((second.date.as_deref(), second.doi.as_deref()), (Some("2019"), Some("10.1000/one")));
    assert_eq!(second.abstract_sections, []);
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "medline/repeats.txt:17: DP \"2018 Dec\" not kept: a publication has one, and lenaview keeps the first \
             (line 16)",
            "medline/repeats.txt:19: TI \"A second, different title.\" not kept: a publication has one, and lenaview \
             keeps the first (line 18)",
            "medline/repeats.txt:28: AID \"10.1000/two\" not kept: a publication has one, and lenaview keeps the \
             first (line 26)",
        ],
        "the same TA twice and the same DOI in other capitals lose nothing"
    );
}

#[test]
fn malformed_records_are_warned_about_by_line_and_the_good_ones_import() {
    let imported = import("malformed.txt").unwrap();
    let titles: Vec<&str> = publications(&imported).iter().map(|publication| publication.title.as_str()).collect();
    assert_eq!(
        titles,
        ["A record that imports.", "A record without a blank line before the next.", "Cut short by a truncated"]
    );
    assert_eq!(publications(&imported)[0].authors, ["Rossi M"]);
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "medline/malformed.txt:3: AU line has no value",
            "medline/malformed.txt:9: record skipped (PMID 40000002): it has no title (TI)",
            "medline/malformed.txt:14: line is not a MEDLINE field (TAG - value), ignored",
            "medline/malformed.txt:17: DP line has no value",
            "medline/malformed.txt:19: record has no SO line, unlike the others: the file may be cut short here",
        ]
    );
}

#[test]
fn invalid_utf8_is_read_as_latin1() {
    let imported = import("latin1.txt").unwrap();
    let publication = publications(&imported)[0];
    assert_eq!(publication.title, "Café au lait spots in Müller syndrome.");
    assert_eq!(publication.authors, ["Müller K"]);
}

#[test]
fn a_file_without_one_good_record_is_an_error_naming_file_and_line() {
    let err = import("untitled.txt").unwrap_err();
    assert_eq!(err.file, "medline/untitled.txt");
    assert_eq!(err.line, 1);
    assert!(err.message.contains("no publication could be imported"), "{err}");
    assert!(err.message.contains("no title"), "{err}");
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_change_nothing() {
    let (name, bytes) = fixture("search.txt");
    let text = String::from_utf8(bytes).unwrap();
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let from_windows = formats::import_bytes(&name, windows.as_bytes()).unwrap();
    assert_eq!(from_windows, formats::import_bytes(&name, text.as_bytes()).unwrap());
}

#[test]
fn a_large_export_imports_every_record() {
    let (_, bytes) = fixture("search.txt");
    let record = String::from_utf8(bytes).unwrap();
    let text = record.repeat(2_000);
    let imported = formats::import_bytes("big.txt", text.as_bytes()).unwrap();
    assert_eq!(imported.library.publication_count(), 6_000);
    assert!(imported.warnings.is_empty());
}
