//! What a record is (book chapter, thesis, conference paper, ...) reaches every export that can say it:
//! BibTeX's entry type, read back by the `biblatex` crate; a `kind` column in CSV; `kind` in library JSON.

use biblatex::{Bibliography, ChunksExt, EntryType};
use lenaview::formats::export::{self, ExportFormat};
use lenaview::model::{Library, Publication, RecordKind};

fn record(kind: RecordKind, title: &str, container: &str) -> Publication {
    Publication {
        kind,
        title: title.into(),
        authors: vec!["Raje N".into()],
        journal: container.into(),
        year: Some(2020),
        ..Publication::default()
    }
}

fn reading_list() -> Vec<Publication> {
    vec![
        record(RecordKind::Chapter, "Immunomodulatory drugs", "Myeloma Therapy: Pursuing the Plasma Cell"),
        record(RecordKind::Thesis, "Cereblon and resistance", ""),
        record(RecordKind::ConferencePaper, "Residual disease", "Proceedings of the ASH Annual Meeting"),
        record(RecordKind::Book, "Multiple Myeloma", ""),
        record(RecordKind::Dataset, "Myeloma cell lines", "Zenodo"),
        record(RecordKind::Report, "Myeloma care in 2020", ""),
        record(RecordKind::Article, "Lenalidomide maintenance", "N Engl J Med"),
    ]
}

#[test]
fn bibtex_entry_types_follow_the_record_kind() {
    let publications = reading_list();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Bibtex, &refs);
    let bibliography = Bibliography::parse(&text).unwrap_or_else(|err| panic!("{err:?} in\n{text}"));
    let types: Vec<EntryType> = bibliography.iter().map(|entry| entry.entry_type.clone()).collect();
    assert_eq!(
        types,
        [
            EntryType::InCollection,
            EntryType::PhdThesis,
            EntryType::InProceedings,
            EntryType::Book,
            EntryType::Misc,
            EntryType::TechReport,
            EntryType::Article,
        ]
    );
    let field =
        |index: usize, name: &str| bibliography.iter().nth(index).unwrap().get(name).map(|v| v.format_verbatim());
    assert_eq!(field(0, "booktitle").as_deref(), Some("Myeloma Therapy: Pursuing the Plasma Cell"));
    assert_eq!(field(0, "journal"), None, "a chapter's book is not a journal");
    assert_eq!(field(2, "booktitle").as_deref(), Some("Proceedings of the ASH Annual Meeting"));
    assert_eq!(field(4, "howpublished").as_deref(), Some("Zenodo"));
    assert_eq!(field(6, "journal").as_deref(), Some("N Engl J Med"));
}

#[test]
fn csv_and_json_carry_the_kind() {
    let publications = reading_list();
    let refs: Vec<&Publication> = publications.iter().collect();

    let text = export::export(ExportFormat::Csv, &refs);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers[12..], ["kind", "tags", "note"], "new columns go at the end");
    assert_eq!(
        headers[..12].join(","),
        "key,title,authors,journal,year,volume,issue,pages,doi,pmid,free_full_text,abstract"
    );
    let kinds: Vec<String> = reader.records().map(|row| row.unwrap()[12].to_string()).collect();
    assert_eq!(kinds, ["chapter", "thesis", "conference_paper", "book", "dataset", "report", "article"]);

    let json = export::export(ExportFormat::Json, &refs);
    let library: Library = serde_json::from_str(&json).unwrap();
    assert_eq!(library.pages[0].publications, publications, "every kind survives a JSON export");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["pages"][0]["publications"][0]["kind"], "chapter");
    assert!(value["pages"][0]["publications"][6].get("kind").is_none(), "articles leave it out, as before");
}
