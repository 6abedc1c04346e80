//! CSL JSON of the bundled library is what citeproc needs of every item: an id, a CSL type, a title and a date
//! whose parts are a real year, month and day; and chapters and theses say what they are and where they appeared.

use std::collections::HashSet;

use lenaview::formats::export::{self, ExportFormat};
use lenaview::model::{Publication, RecordKind};
use serde_json::Value;

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
    let publications: Vec<&Publication> = library.pages.iter().flat_map(|page| &page.publications).collect();
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
    assert_eq!(items[0]["issued"]["date-parts"], serde_json::json!([[2008, 3]]));
    assert_eq!(items[0]["author"][0], serde_json::json!({"family": "Raje", "given": "N."}));
    assert_eq!(items[0]["author"][1], serde_json::json!({"literal": "International Myeloma Working Group"}));
    assert_eq!(items[1]["type"], "thesis");
    assert_eq!(items[1]["publisher"], "University of Oslo");
    assert!(items[1].get("container-title").is_none());
    assert_eq!(items[1]["issued"]["date-parts"], serde_json::json!([[2021]]));
}
