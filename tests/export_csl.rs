//! CSL JSON of the bundled library is what citeproc needs of every item: an id, a CSL type, a title and a date
//! whose parts are a real year, month and day; and chapters and theses say what they are and where they appeared.

use std::collections::HashSet;

use lenaview::formats::export::{self, ExportFormat};
use lenaview::model::{Publication, RecordKind};
use serde_json::{Value, json};

mod support;

const CSL_TYPES: &[&str] = &[
    "article-journal",
    "article",
    "chapter",
    "book",
    "thesis",
    "paper-conference",
    "dataset",
    "report",
    "webpage",
    "patent",
    "document",
];

fn exported(publications: &[&Publication]) -> Vec<Value> {
    let text = export::export(ExportFormat::Csl, publications);
    match serde_json::from_str(&text) {
        Ok(Value::Array(items)) => items,
        other => panic!("not a JSON array ({other:?}):\n{text}"),
    }
}

#[test]
fn every_bundled_item_has_an_id_a_type_a_title_and_a_valid_date() {
    let library = lenaview::formats::bundled();
    let publications: Vec<&Publication> = library.publications().collect();
    assert!(!publications.is_empty());
    let items = exported(&publications);
    assert_eq!(items.len(), publications.len());
    let mut ids = HashSet::new();
    for (item, publication) in items.iter().zip(&publications) {
        let id = item["id"].as_str().unwrap_or_else(|| panic!("no id: {item}"));
        assert!(ids.insert(id.to_string()), "id {id} twice");
        assert!(CSL_TYPES.contains(&item["type"].as_str().unwrap_or_default()), "{item}");
        assert!(!item["title"].as_str().unwrap_or_default().is_empty(), "no title: {item}");
        for name in item["author"].as_array().into_iter().flatten() {
            let person = name["family"].is_string() && name["given"].is_string();
            assert!(person || name["literal"].is_string(), "{name} in {id}");
        }
        let Some(year) = publication.year else { continue };
        let parts = item["issued"]["date-parts"][0].as_array().unwrap_or_else(|| panic!("no date in {id}"));
        let parts: Vec<i64> = parts.iter().map(|part| part.as_i64().expect("numeric date part")).collect();
        assert_eq!(parts[0], i64::from(year), "{id}");
        assert!(parts.len() <= 3, "{id}: {parts:?}");
        assert!(parts.get(1).is_none_or(|month| (1..=12).contains(month)), "{id}: {parts:?}");
        assert!(parts.get(2).is_none_or(|day| (1..=31).contains(day)), "{id}: {parts:?}");
    }
    let keys: Vec<String> = export::bibtex::unique_keys(&publications);
    let ids: Vec<&str> = items.iter().map(|item| item["id"].as_str().unwrap()).collect();
    assert_eq!(ids, keys, "a manuscript's [@key] must cite the same paper with either file");
}

#[test]
fn a_chapter_names_its_book_and_a_thesis_its_university() {
    let chapter = Publication {
        kind: RecordKind::Chapter,
        authors: vec!["Raje N".into(), "International Myeloma Working Group".into()],
        title: "Immunomodulatory drugs".into(),
        journal: "Myeloma Therapy: Pursuing the Plasma Cell".into(),
        year: Some(2008),
        date: Some("2008 Mar".into()),
        pages: Some("155-72".into()),
        ..Publication::default()
    };
    let thesis = Publication {
        kind: RecordKind::Thesis,
        authors: vec!["Holm TJ".into()],
        title: "Cereblon and resistance".into(),
        journal: "University of Oslo".into(),
        year: Some(2021),
        date: Some("2021".into()),
        ..Publication::default()
    };
    let items = exported(&[&chapter, &thesis]);
    assert_eq!(items[0]["type"], "chapter");
    assert_eq!(items[0]["container-title"], "Myeloma Therapy: Pursuing the Plasma Cell");
    assert!(items[0].get("container-title-short").is_none());
    assert_eq!(items[0]["page"], "155-172");
    assert_eq!(items[0]["issued"]["date-parts"], json!([[2008, 3]]));
    assert_eq!(items[0]["author"][0], json!({"family": "Raje", "given": "N."}));
    assert_eq!(items[0]["author"][1], json!({"literal": "International Myeloma Working Group"}));
    assert_eq!(items[1]["type"], "thesis");
    assert_eq!(items[1]["publisher"], "University of Oslo");
    assert!(items[1].get("container-title").is_none());
    assert_eq!(items[1]["issued"]["date-parts"], json!([[2021]]));
}

#[test]
fn pubmed_records_keep_their_full_dates_kinds_and_identifiers() {
    let search = support::fixtures::import("medline/search.txt").unwrap();
    let kinds = support::fixtures::import("medline/kinds.txt").unwrap();
    let mut publications = support::fixtures::publications(&search);
    publications.extend(support::fixtures::publications(&kinds));
    let items = exported(&publications);
    let chari = &items[0];
    assert_eq!(chari["issued"], json!({"date-parts": [[2019, 8, 22]]}));
    assert_eq!(chari["container-title-short"], "N Engl J Med");
    assert_eq!(chari["author"][3], json!({"literal": "STORM Investigators"}));
    assert_eq!(chari["PMID"], publications[0].pmid.as_deref().unwrap());
    let types: HashSet<&str> = items.iter().map(|item| item["type"].as_str().unwrap()).collect();
    assert!(types.len() > 2, "the kinds fixture has more than articles: {types:?}");
    for (item, publication) in items.iter().zip(&publications) {
        let expected = export::csl::item_type(publication.kind);
        assert_eq!(item["type"], expected, "{}", publication.title);
    }
}
