//! Search behaviour through the public API, on a small hand-written library and on synthetic ones.

use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use lenaview::formats;
use lenaview::model::Publication;
use lenaview::search::{
    BackgroundSearch, Hit, Index, Scope, SearchRequest, Searcher, highlight_positions, word_ranges,
};
use lenaview::synthetic;

fn fixture() -> Vec<Publication> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/myeloma.json");
    let imported = formats::import_file(&path).expect("the fixture is library JSON");
    imported.library.pages.into_iter().flat_map(|page| page.publications).collect()
}

fn all(publications: &[Publication]) -> Vec<u32> {
    (0..publications.len() as u32).collect()
}

/// The titles `query` finds in the fixture, best first.
fn titles(query: &str, scope: Scope) -> Vec<String> {
    let publications = fixture();
    let index = Index::new(&publications);
    index
        .search(query, scope, &all(&publications))
        .iter()
        .map(|hit| publications[hit.id as usize].title.clone())
        .collect()
}

#[test]
fn words_match_in_any_order_and_the_title_with_both_ranks_first() {
    let found = titles("dara len", Scope::Titles);
    assert_eq!(
        found.first().map(String::as_str),
        Some("Daratumumab plus Lenalidomide and Dexamethasone for Untreated Myeloma.")
    );
    // Every word must match: the daratumumab paper without "len" in order is out.
    assert!(!found.iter().any(|title| title.starts_with("Daratumumab monotherapy")), "{found:?}");
    assert_eq!(titles("len dara", Scope::Titles).first(), found.first());
}

#[test]
fn scores_are_the_skim_matchers_summed_over_words() {
    let publications = fixture();
    let index = Index::new(&publications);
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut compared = 0;
    for hit in index.search("dara len", Scope::Titles, &all(&publications)) {
        let title = &publications[hit.id as usize].title;
        // Folding changes non-ASCII titles (an en dash becomes '-'), and with them the bonuses.
        if title.is_ascii() {
            let expected = matcher.fuzzy_match(title, "dara").unwrap() + matcher.fuzzy_match(title, "len").unwrap();
            assert_eq!(hit.score, expected, "{title}");
            compared += 1;
        }
    }
    assert!(compared >= 2);
}

#[test]
fn highlight_positions_are_char_indices_into_multibyte_titles() {
    assert_eq!(
        highlight_positions("Role of the κ light chain in AL amyloidosis.", "κ light"),
        vec![12, 14, 15, 16, 17, 18]
    );
    let etude = "Étude de phase 2 du lénalidomide chez les patients âgés.";
    assert_eq!(highlight_positions(etude, "lenalidomide"), (20..32).collect::<Vec<_>>());
    assert_eq!(highlight_positions(etude, "etude"), (0..5).collect::<Vec<_>>());
    assert!(highlight_positions(etude, "").is_empty());
}

#[test]
fn highlight_positions_survive_letters_whose_lowercase_changes_length() {
    // İ lowercases to two chars; ẞ lowercases to ß, which folds to "ss"; the Kelvin sign to ASCII k.
    assert_eq!(highlight_positions("İstanbul cohort", "cohort"), (9..15).collect::<Vec<_>>());
    assert_eq!(highlight_positions("İstanbul cohort", "istanbul"), (0..8).collect::<Vec<_>>());
    assert_eq!(highlight_positions("ẞ stay", "ss"), vec![0]);
    assert_eq!(highlight_positions("at 4 \u{212a} kept", "kept"), vec![7, 8, 9, 10]);
}

#[test]
fn smart_case() {
    let (upper, mixed) = ("MRD negativity with carfilzomib.", "Mrd assays compared.");
    let lower_query = titles("mrd", Scope::Titles);
    assert!(lower_query.iter().any(|t| t == upper) && lower_query.iter().any(|t| t == mixed), "{lower_query:?}");
    let capital_query = titles("MRD", Scope::Titles);
    assert!(capital_query.iter().any(|t| t == upper) && !capital_query.iter().any(|t| t == mixed), "{capital_query:?}");
    // Case folding covers Greek too: κ finds Κ unless the query has a capital.
    let (small_kappa, capital_kappa) =
        ("Role of the κ light chain in AL amyloidosis.", "Serum free Κ/λ ratio in smoldering myeloma.");
    assert_eq!(titles("κ", Scope::Titles), [small_kappa, capital_kappa]);
    assert_eq!(titles("Κ", Scope::Titles), [capital_kappa]);
}

#[test]
fn accents_fold_in_titles_and_queries() {
    let etude = "Étude de phase 2 du lénalidomide chez les patients âgés.";
    assert!(titles("lenalidomide", Scope::Titles).iter().any(|title| title == etude));
    assert!(titles("lénalidomide", Scope::Titles).iter().any(|title| title.starts_with("Lenalidomide maintenance")));
    assert_eq!(titles("agés", Scope::Titles), [etude]);
}

#[test]
fn each_scope_adds_its_texts() {
    let thalidomide = "Thalidomide in myelodysplastic syndromes.";
    for author in ["muller", "müller", "Müller", "Muller"] {
        // Fuzzy matching finds "muller" in other titles ("multiple myeloma"), but not this one.
        assert!(!titles(author, Scope::Titles).iter().any(|t| t == thalidomide), "{author}");
        assert_eq!(
            titles(author, Scope::TitlesAuthorsJournal).first().map(String::as_str),
            Some(thalidomide),
            "{author}"
        );
    }
    assert_eq!(titles("haematologica", Scope::TitlesAuthorsJournal), [thalidomide]);
    assert!(titles("cereblon", Scope::TitlesAuthorsJournal).is_empty());
    assert_eq!(titles("cereblon", Scope::Everything), [thalidomide]);
    // One word in the title, one in the abstract.
    assert_eq!(titles("syndromes substrate", Scope::Everything), [thalidomide]);
}

#[test]
fn empty_query_returns_within_in_order_with_score_zero() {
    let publications = fixture();
    let index = Index::new(&publications);
    let within = [5, 0, 9, 2];
    let expected: Vec<Hit> = within.iter().map(|&id| Hit { id, score: 0 }).collect();
    assert_eq!(index.search("", Scope::Titles, &within), expected);
    assert_eq!(index.search("   ", Scope::Everything, &within), expected);
}

#[test]
fn no_match_and_unknown_ids_give_nothing() {
    let publications = fixture();
    let index = Index::new(&publications);
    assert!(index.search("zzqx", Scope::Everything, &all(&publications)).is_empty());
    assert!(index.search("myeloma", Scope::Titles, &[999, u32::MAX]).is_empty());
    assert!(index.search("myeloma", Scope::Titles, &[]).is_empty());
}

#[test]
fn equal_scores_keep_the_order_of_within() {
    let publications: Vec<Publication> =
        synthetic::library(3000, 5).pages.into_iter().flat_map(|p| p.publications).collect();
    let index = Index::new(&publications);
    let within: Vec<u32> = (0..3000).rev().step_by(2).collect();
    let hits = index.search("len", Scope::Titles, &within);
    let position = |id: u32| within.iter().position(|&w| w == id).unwrap();
    assert!(hits.windows(2).any(|pair| pair[0].score == pair[1].score), "no ties to check");
    for pair in hits.windows(2) {
        assert!(pair[0].score >= pair[1].score);
        if pair[0].score == pair[1].score {
            assert!(position(pair[0].id) < position(pair[1].id));
        }
    }
}

#[test]
fn narrowing_as_the_user_types_gives_the_same_results_as_a_fresh_search() {
    let publications: Vec<Publication> =
        synthetic::library(2000, 11).pages.into_iter().flat_map(|p| p.publications).collect();
    let index = Arc::new(Index::new(&publications));
    let mut searcher = Searcher::new(Arc::clone(&index));
    let everything = all(&publications);
    let every_third: Vec<u32> = everything.iter().copied().filter(|id| id % 3 == 0).collect();
    // Typing, backspacing, adding words, capitals that switch case mode, scope and within changes.
    let alphabet: Vec<char> = "lenaidomyx dr LMκé".chars().collect();
    let mut rng = lenaview::synthetic::XorShift::new(0x9E37_79B9_7F4A_7C15_u64);
    let mut next = |bound: usize| rng.below(bound);
    let mut query = String::new();
    let mut scope = Scope::Titles;
    for step in 0..400 {
        match next(10) {
            0..=5 => query.push(alphabet[next(alphabet.len())]),
            6 | 7 => {
                query.pop();
            }
            8 if step % 7 == 0 => scope = scope.next(),
            _ => query.clear(),
        }
        let within = if step % 50 < 25 { &everything } else { &every_third };
        let expected = index.search(&query, scope, within);
        assert_eq!(searcher.search(&query, scope, within), expected.as_slice(), "{query:?} {scope:?}");
    }
}

/// What a plain loop over the crate gives for `query` on one text: every word must match, the
/// scores add up, and a capital letter makes the whole query case-sensitive.
fn crate_score(text: &str, query: &str) -> Option<i64> {
    let matcher = match query.chars().any(char::is_uppercase) {
        true => SkimMatcherV2::default().respect_case(),
        false => SkimMatcherV2::default().ignore_case(),
    };
    query.split_whitespace().map(|word| matcher.fuzzy_match(text, word)).sum()
}

#[test]
fn typed_and_fresh_scores_on_many_titles_are_the_crates_own() {
    // Synthetic titles, long ones and ones with rare letters among them, so that the recorded
    // occurrences, the letters-present check, the byte kernels and the plain rows all take part.
    let mut publications: Vec<Publication> =
        synthetic::library(1500, 29).pages.into_iter().flat_map(|p| p.publications).collect();
    for (n, publication) in publications.iter_mut().enumerate().filter(|(n, _)| n % 10 == 0) {
        publication.title = format!("{} Lenalidomide and zoledronic acid, cohort {n}.", publication.title.repeat(2));
    }
    let index = Arc::new(Index::new(&publications));
    let everything = all(&publications);
    let mut searcher = Searcher::new(Arc::clone(&index));
    for query in ["l", "le", "len", "lenal", "lenalidomide", "dara len", "zol", "t-cell", "19", "Len", "NK", "qj"] {
        // Typed one char at a time, then searched afresh.
        searcher.search("", Scope::Titles, &everything);
        let mut typed = Vec::new();
        for end in (1..=query.len()).filter(|&end| query.is_char_boundary(end)) {
            typed = searcher.search(&query[..end], Scope::Titles, &everything).to_vec();
        }
        let fresh = index.search(query, Scope::Titles, &everything);
        assert_eq!(typed, fresh, "{query:?}");
        let found: std::collections::HashMap<u32, i64> = fresh.iter().map(|hit| (hit.id, hit.score)).collect();
        let mut compared = 0;
        for (id, publication) in publications.iter().enumerate().filter(|(_, p)| p.title.is_ascii()) {
            let expected = crate_score(&publication.title, query);
            assert_eq!(found.get(&(id as u32)).copied(), expected, "{query:?} in {:?}", publication.title);
            compared += usize::from(expected.is_some());
        }
        if query != "qj" {
            assert!(compared > 0, "{query:?} should match some titles");
        }
    }
}

#[test]
fn word_ranges_mark_literal_words_for_the_abstract_viewer() {
    let text = "Lenalidomide (lénalidomide) binds cereblon; LENALIDOMIDE κ-chains and Κ.";
    assert_eq!(word_ranges(text, "lenalidomide"), vec![0..12, 14..26, 44..56]);
    assert_eq!(word_ranges(text, "cereblon lenalidomide"), vec![0..12, 14..26, 34..42, 44..56]);
    assert_eq!(word_ranges(text, "κ"), vec![57..58, 70..71]);
    assert_eq!(word_ranges(text, "Κ"), vec![70..71]);
    assert!(word_ranges(text, "ldm").is_empty(), "fuzzy matches are not words");
}

#[test]
fn background_search_answers_and_coalesces_queued_requests() {
    let publications = fixture();
    let index = Arc::new(Index::new(&publications));
    let (results, received) = mpsc::channel();
    let (open_gate, gate) = mpsc::channel::<()>();
    let gate = Mutex::new(gate);
    let search = BackgroundSearch::spawn(Arc::clone(&index), move |response| {
        let generation = response.generation;
        results.send(response).unwrap();
        // The first answer holds the worker until the test has queued more requests.
        if generation == 1 {
            gate.lock().unwrap().recv().unwrap();
        }
    });
    let within: Arc<[u32]> = all(&publications).into();
    let request = |generation: u64, query: &str| SearchRequest {
        generation,
        query: query.to_string(),
        scope: Scope::Titles,
        within: Arc::clone(&within),
    };
    let wait = Duration::from_secs(30);

    search.submit(request(1, "dara len"));
    let first = received.recv_timeout(wait).expect("first answer");
    assert_eq!(first.generation, 1);
    assert_eq!(first.hits, index.search("dara len", Scope::Titles, &within));

    // The worker is busy with generation 1: 2 and 3 wait and are replaced by 4.
    for (generation, query) in [(2, "m"), (3, "my"), (4, "mye")] {
        search.submit(request(generation, query));
    }
    open_gate.send(()).unwrap();
    let coalesced = received.recv_timeout(wait).expect("answer after the queue");
    assert_eq!(coalesced.generation, 4);
    assert_eq!(coalesced.hits, index.search("mye", Scope::Titles, &within));

    search.submit(request(5, "myeloma"));
    assert_eq!(received.recv_timeout(wait).expect("answer to the last request").generation, 5);
    drop(search);
    // The worker has stopped: its end of the channel is gone.
    assert!(received.recv_timeout(wait).is_err());
}

#[test]
fn background_search_uses_a_replaced_index_for_later_requests() {
    let publications = fixture();
    let (first_half, _) = publications.split_at(publications.len() / 2);
    let (results, received) = mpsc::channel();
    let search = BackgroundSearch::spawn(Arc::new(Index::new(first_half)), move |response| {
        results.send(response).unwrap();
    });
    let grown = Arc::new(Index::new(&publications));
    let within: Arc<[u32]> = all(&publications).into();
    let request = |generation: u64| SearchRequest {
        generation,
        query: "e".to_string(),
        scope: Scope::Titles,
        within: Arc::clone(&within),
    };
    let wait = Duration::from_secs(30);
    search.submit(request(1));
    let before = received.recv_timeout(wait).expect("answer on the first index");
    assert!(before.hits.iter().all(|hit| (hit.id as usize) < first_half.len()));
    search.replace_index(Arc::clone(&grown));
    search.submit(request(2));
    let after = received.recv_timeout(wait).expect("answer on the grown index");
    assert_eq!(after.hits, grown.search("e", Scope::Titles, &within));
    assert!(after.hits.len() > before.hits.len(), "the papers that arrived are searched too");
}

#[test]
fn dara_len_ranks_the_daratumumab_lenalidomide_trial_first_on_the_bundled_library() {
    let library = lenaview::formats::bundled();
    let publications: Vec<_> = library.pages.into_iter().flat_map(|page| page.publications).collect();
    let index = lenaview::search::Index::new(&publications);
    let all: Vec<u32> = (0..publications.len() as u32).collect();
    for query in ["dara len", "len dara"] {
        let hits = index.search(query, lenaview::search::Scope::Titles, &all);
        let best = &publications[hits[0].id as usize].title;
        assert_eq!(best, "Daratumumab plus Lenalidomide and Dexamethasone for Untreated Myeloma.", "{query}");
    }
}
