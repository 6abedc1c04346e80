//! An update's batches grow the catalog and index the last batch left (`GrownLibrary::then`): the result must be
//! what building from scratch over the whole library gives, papers already known included.

use lenaview::app::Catalog;
use lenaview::app::following::GrownLibrary;
use lenaview::model::{Library, Page, Publication};
use lenaview::search::{Abstracts, Index, Scope};

fn page(path: &[&str], publications: Vec<Publication>) -> Page {
    Page { path: path.iter().map(|part| part.to_string()).collect(), publications, ..Page::default() }
}

/// Batches of new papers mixed with papers the library has: by PMID, by DOI, by title and year, and one that a
/// batch gives a PMID that a later batch's record is then found by.
fn batches(known: &[Publication]) -> Vec<Library> {
    let mut arriving: Vec<Publication> =
        lenaview::synthetic::library(900, 41).pages.into_iter().flat_map(|page| page.publications).collect();
    arriving[3].note = Some("Ask about cereblon".into());
    let by_pmid = Publication { title: "Another title altogether".into(), ..known[10].clone() };
    let by_doi = Publication {
        pmid: None,
        doi: known[20].doi.as_ref().map(|doi| doi.to_uppercase()),
        title: "A DOI is enough".into(),
        ..known[20].clone()
    };
    let by_title = Publication {
        pmid: None,
        doi: None,
        title: format!("  {}.", known[30].title.to_uppercase()),
        ..known[30].clone()
    };
    let untitled_twin = |pmid: Option<&str>, title: &str| Publication {
        title: title.into(),
        year: Some(2026),
        pmid: pmid.map(Into::into),
        ..Publication::default()
    };
    let chunks: Vec<Vec<Publication>> = arriving.chunks(200).map(<[Publication]>::to_vec).collect();
    let mut batches: Vec<Library> = chunks
        .into_iter()
        .enumerate()
        .map(|(at, chunk)| Library { pages: vec![page(&["Followed", &format!("Topic {}", at % 2)], chunk)] })
        .collect();
    batches[0].pages.push(page(&["Followed", "Known"], vec![by_pmid, untitled_twin(None, "Cereblon at last")]));
    batches[1].pages.push(page(&["Other"], vec![by_doi, untitled_twin(Some("49000001"), "Cereblon at last")]));
    batches[2].pages.push(page(&["Followed", "Known"], vec![by_title, untitled_twin(Some("49000001"), "Renamed")]));
    // Papers of an earlier batch found again, under another topic.
    let again: Vec<Publication> = batches[0].pages[0].publications[..5].to_vec();
    batches[3].pages.push(page(&["Again"], again));
    batches
}

#[test]
fn a_library_grown_batch_by_batch_is_the_library_built_at_once() {
    let library = lenaview::synthetic::library(1_500, 40);
    let known: Vec<Publication> = library.pages.iter().flat_map(|page| page.publications.clone()).collect();
    let batches = batches(&known);
    let mut whole = library.clone();
    whole.pages.extend(batches.iter().flat_map(|batch| batch.pages.clone()));

    let start = Catalog::new(library);
    let mut grown = GrownLibrary::grow(&start, Library::default());
    let mut arrived = Vec::new();
    for batch in batches {
        grown = grown.then(batch);
        arrived.extend(grown.arrived.iter().copied());
    }
    let reference = Catalog::new(whole);

    assert_eq!(grown.catalog.publications, reference.publications);
    assert_eq!(grown.catalog.keys, reference.keys);
    assert_eq!(grown.catalog.homes, reference.homes);
    assert_eq!(grown.catalog.nodes, reference.nodes);
    let expected_arrived: Vec<u32> = (start.publications.len() as u32..reference.publications.len() as u32).collect();
    assert_eq!(arrived, expected_arrived, "each paper arrives once, in order");
    let renamed = reference.publications.iter().filter(|paper| paper.pmid.as_deref() == Some("49000001")).count();
    assert_eq!(renamed, 1, "a PMID filled in by one batch finds the paper for the next");

    let grown_index = grown.index.with_abstracts(Abstracts::build(&grown.catalog.publications, None));
    let reference_index = Index::new(&reference.publications);
    assert_eq!(grown_index.len(), reference_index.len());
    let all: Vec<u32> = (0..reference.publications.len() as u32).collect();
    let queries = ["l", "lenal", "Lenal", "dara len", "myelomaj", "kumar blood", "'maintenance !phase", "cereblon"];
    for query in queries {
        for scope in [Scope::Titles, Scope::TitlesAuthorsJournal, Scope::Everything] {
            let hits = grown_index.search(query, scope, &all);
            assert_eq!(hits, reference_index.search(query, scope, &all), "{query} in {scope:?}");
        }
    }
    let cereblon = grown_index.search("'cereblon", Scope::Everything, &all);
    assert!(cereblon.len() >= 2, "the note and the new title are both found: {cereblon:?}");
}

#[test]
fn an_index_of_another_library_is_not_grown_but_built() {
    let start = Catalog::new(lenaview::synthetic::library(300, 5));
    let first = GrownLibrary::grow(&start, Library::default());
    let stale = GrownLibrary { index: std::sync::Arc::new(Index::empty()), ..first.clone() };
    let batch = || Library {
        pages: vec![page(&["New"], vec![Publication { title: "Pomalidomide".into(), ..Publication::default() }])],
    };
    let grown = stale.then(batch());
    let all: Vec<u32> = (0..grown.catalog.publications.len() as u32).collect();
    assert_eq!(grown.index.len(), grown.catalog.publications.len());
    assert_eq!(
        grown.index.search("myeloma", Scope::TitlesAuthorsJournal, &all),
        first.then(batch()).index.search("myeloma", Scope::TitlesAuthorsJournal, &all),
    );
}
