//! The reader's own annotations (tags and the note) in every export format, read back where a reader exists:
//! RIS and library JSON by lenaview's importers, BibTeX by the `biblatex` crate, CSV by the `csv` crate, CSL
//! JSON by serde.

use biblatex::{Bibliography, ChunksExt};
use lenaview::formats::export::{self, CitationStyle, ExportFormat};
use lenaview::formats::{self, Format};
use lenaview::marks::{MarkStore, annotate};
use lenaview::model::Publication;

fn annotated() -> Vec<Publication> {
    let paper = |pmid: &str, title: &str| Publication {
        pmid: Some(pmid.into()),
        title: title.into(),
        authors: vec!["Chari A".into()],
        journal: "N Engl J Med".into(),
        year: Some(2019),
        ..Publication::default()
    };
    vec![
        Publication {
            tags: vec!["dara/len".into(), "review".into(), "to-read".into()],
            note: Some("Phase 3; see table 2.\n\nAsk about the 50% & $5 {dose}.".into()),
            ..paper("1", "Tagged and noted")
        },
        Publication { tags: vec!["review".into()], ..paper("2", "Tagged only") },
        paper("3", "Neither"),
    ]
}

fn read_back(format: ExportFormat, publications: &[Publication]) -> Vec<Publication> {
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(format, &refs);
    let imported = formats::import_bytes("exported", text.as_bytes()).unwrap_or_else(|err| panic!("{err}\n{text}"));
    assert_eq!(imported.warnings, Vec::new(), "{text}");
    imported.library.pages.into_iter().flat_map(|page| page.publications).collect()
}

#[test]
fn ris_gives_the_tags_and_the_note_back_line_for_line() {
    let publications = annotated();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Ris, &refs);
    assert_eq!(formats::detect(&formats::decode(text.as_bytes())), Some(Format::Ris));
    assert!(text.contains("KW  - dara/len\r\nKW  - review\r\nKW  - to-read\r\n"), "{text}");
    assert!(text.contains("N1  - Phase 3; see table 2.\r\nN1  - \r\nN1  - Ask about"), "{text}");
    let read = read_back(ExportFormat::Ris, &publications);
    for (original, read) in publications.iter().zip(&read) {
        assert_eq!((&read.tags, &read.note), (&original.tags, &original.note), "{}", original.title);
    }
}

#[test]
fn ris_notes_leave_out_identifiers_and_keywords_that_are_no_tags() {
    let text = "TY  - JOUR\r\nTI  - Foreign\r\nKW  - multiple myeloma\r\nKW  - Lenalidomide\r\n\
                N1  - PMID: 31433920\r\nN1  - Read for journal club\r\nER  - \r\n";
    let imported = formats::import_bytes("foreign.ris", text.as_bytes()).unwrap();
    let read = &imported.library.pages[0].publications[0];
    assert_eq!(read.tags, ["lenalidomide"], "a keyword with a space is no tag");
    assert_eq!(read.note.as_deref(), Some("Read for journal club"));
    assert_eq!(read.pmid.as_deref(), Some("31433920"));
}

#[test]
fn library_json_gives_them_back_and_leaves_them_out_when_empty() {
    let publications = annotated();
    assert_eq!(read_back(ExportFormat::Json, &publications), publications);
    let text = export::export(ExportFormat::Json, &[&publications[2]]);
    assert!(!text.contains("\"tags\"") && !text.contains("\"note\""), "{text}");
}

#[test]
fn bibtex_writes_keywords_and_note_that_biblatex_reads() {
    let publications = annotated();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Bibtex, &refs);
    let bibliography = Bibliography::parse(&text).unwrap_or_else(|err| panic!("{err:?} in\n{text}"));
    let entries: Vec<_> = bibliography.iter().collect();
    let field = |at: usize, name: &str| entries[at].get(name).map(|chunks| chunks.format_verbatim());
    assert_eq!(field(0, "keywords").as_deref(), Some("dara/len, review, to-read"));
    let note = field(0, "note").unwrap();
    assert!(note.starts_with("Phase 3; see table 2.") && note.contains("50% & $5 {dose}"), "{note}");
    assert_eq!(field(1, "keywords").as_deref(), Some("review"));
    assert_eq!((field(2, "keywords"), field(2, "note")), (None, None));
}

#[test]
fn csv_has_a_tags_and_a_note_column() {
    let publications = annotated();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Csv, &refs);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let tags = headers.iter().position(|name| name == "tags").unwrap();
    let note = headers.iter().position(|name| name == "note").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][tags], "dara/len review to-read");
    assert_eq!(Some(&rows[0][note]), publications[0].note.as_deref());
    assert_eq!((&rows[2][tags], &rows[2][note]), ("", ""));
}

#[test]
fn csl_json_has_keyword_and_note() {
    let publications = annotated();
    let refs: Vec<&Publication> = publications.iter().collect();
    let items: serde_json::Value = serde_json::from_str(&export::export(ExportFormat::Csl, &refs)).unwrap();
    assert_eq!(items[0]["keyword"], "dara/len, review, to-read");
    assert_eq!(items[0]["note"], publications[0].note.as_deref().unwrap());
    assert!(items[2].get("keyword").is_none() && items[2].get("note").is_none());
}

#[test]
fn the_plain_citation_stays_as_a_manuscript_wants_it() {
    let publications = annotated();
    let plain = export::cite(&publications[0], CitationStyle::Plain);
    assert!(!plain.contains("review") && !plain.contains("Phase 3"), "{plain}");
}

#[test]
fn annotate_fills_the_tags_from_the_store_for_each_paper() {
    let mut store = MarkStore::in_memory();
    store.add_tag("pmid:3", "later");
    let mut publications = annotated();
    annotate(&mut publications, &store);
    assert_eq!(publications[2].tags, ["later"]);
    assert_eq!(publications[1].tags, ["review"], "a paper the store has nothing on keeps its own");
}
