//! The scan and the narrowing searcher against the reference scorer: a query's score in a title
//! is the sum of its words' reference scores in the folded title. Fresh searches over enough
//! titles to run on all cores, and typed ones extending kept rows and narrowing.

use std::sync::Arc;

use super::fold::{Case, fold};
use super::index::rank;
use super::query::Query;
use super::skim::reference::reference_score;
use super::{Hit, Index, Scope, Searcher};
use crate::model::Publication;

fn reference_search(titles: &[String], query: &str) -> Vec<Hit> {
    let query = Query::parse(query);
    let case_sensitive = query.case == Case::Sensitive;
    let matches = titles.iter().zip(0..).filter_map(|(title, id)| {
        let text = fold(title, query.case);
        let scores = query.words.iter().map(|word| reference_score(&text, &word.chars, case_sensitive));
        Some(Hit { id, score: scores.sum::<Option<i64>>()? })
    });
    rank(matches.collect())
}

#[test]
fn fresh_and_typed_searches_score_as_the_reference() {
    // More titles than a scan keeps on one thread, so kept rows come in parts.
    let publications: Vec<Publication> =
        crate::synthetic::library(5_000, 11).pages.into_iter().flat_map(|page| page.publications).collect();
    let titles: Vec<String> = publications.iter().map(|publication| publication.title.clone()).collect();
    let index = Arc::new(Index::new(&publications));
    let within: Vec<u32> = (0..publications.len() as u32).collect();
    let mut searcher = Searcher::new(Arc::clone(&index));
    let typed = ["l", "le", "len", "lenal", "lenal ", "lenal d", "lenal dar", "lenal da", "Len", "Lenalidomide", "x"];
    for query in typed {
        let expected = reference_search(&titles, query);
        assert_eq!(index.search(query, Scope::Titles, &within), expected, "fresh {query:?}");
        assert_eq!(searcher.search(query, Scope::Titles, &within), expected.as_slice(), "typed {query:?}");
    }
}
