//! fzf's extended syntax: `'exact`, `^prefix`, `suffix$`, `!not`, `a | b`, against a small
//! obviously-correct filter, and narrowing as it is typed against fresh searches.

use std::path::Path;
use std::sync::Arc;

use lenaview::formats;
use lenaview::model::Publication;
use lenaview::search::{Index, Scope, Searcher};
use lenaview::synthetic::{self, XorShift};

fn fixture() -> Vec<Publication> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/myeloma.json");
    formats::import_file(&path)
        .expect("the fixture is library JSON")
        .library
        .pages
        .into_iter()
        .flat_map(|page| page.publications)
        .collect()
}

fn titles(publications: &[Publication], query: &str) -> Vec<String> {
    let index = Index::new(publications);
    let all: Vec<u32> = (0..publications.len() as u32).collect();
    index.search(query, Scope::Titles, &all).iter().map(|hit| publications[hit.id as usize].title.clone()).collect()
}

/// Whether an ASCII `title` matches `query`, decided plainly: each token read as fzf reads it,
/// and each term checked with `str` methods.
fn reference_matches(title: &str, query: &str) -> bool {
    let sensitive = query.chars().any(char::is_uppercase);
    let normal = |text: &str| if sensitive { text.to_string() } else { text.to_lowercase() };
    let text = normal(title);
    let mut clauses: Vec<Vec<(bool, &str, String)>> = Vec::new();
    let mut after_bar = false;
    for token in query.split_whitespace() {
        if token == "|" {
            after_bar = !clauses.is_empty() && !after_bar;
            continue;
        }
        let joins = std::mem::take(&mut after_bar);
        let (negated, rest) = match token.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, token),
        };
        let (suffix, rest) = match rest.strip_suffix('$') {
            Some(before) if rest != "$" => (true, before),
            _ => (false, rest),
        };
        let (kind, word) = if let Some(word) = rest.strip_prefix('\'') {
            (if negated { "fuzzy" } else { "exact" }, word)
        } else if let Some(word) = rest.strip_prefix('^') {
            (if suffix { "equal" } else { "prefix" }, word)
        } else if suffix {
            ("suffix", rest)
        } else {
            (if negated { "exact" } else { "fuzzy" }, rest)
        };
        if word.is_empty() {
            continue;
        }
        let term = (negated, kind, normal(word));
        match clauses.last_mut() {
            Some(clause) if joins => clause.push(term),
            _ => clauses.push(vec![term]),
        }
    }
    let found = |kind: &str, word: &str| match kind {
        "fuzzy" => {
            let mut rest = text.chars();
            word.chars().all(|wanted| rest.any(|c| c == wanted))
        }
        "exact" => text.contains(word),
        "prefix" => text.trim_start().starts_with(word),
        "suffix" => text.trim_end().ends_with(word),
        _ => text.trim() == word,
    };
    clauses.iter().all(|clause| clause.iter().any(|(negated, kind, word)| found(kind, word) != *negated))
}

fn ascii_synthetic(count: usize, seed: u64) -> Vec<Publication> {
    synthetic::library(count, seed)
        .pages
        .into_iter()
        .flat_map(|page| page.publications)
        .filter(|publication| publication.title.is_ascii())
        .collect()
}

#[test]
fn exact_terms_keep_out_what_fuzzy_matching_lets_in() {
    let publications = fixture();
    let fuzzy = titles(&publications, "selinexor");
    assert!(fuzzy.iter().any(|title| !title.to_lowercase().contains("selinexor")), "{fuzzy:?}");
    assert_eq!(
        titles(&publications, "'selinexor"),
        ["Oral Selinexor–Dexamethasone for Triple-Class Refractory Multiple Myeloma."]
    );
    // Accents and case fold as for fuzzy words; a capital makes the term case-sensitive.
    let lenalidomide = titles(&publications, "'lenalidomide");
    assert!(lenalidomide.iter().any(|title| title.starts_with("Étude")), "{lenalidomide:?}");
    assert!(lenalidomide.iter().any(|title| title.starts_with("Lenalidomide")), "{lenalidomide:?}");
    assert_eq!(
        titles(&publications, "^Lenalidomide"),
        ["Lenalidomide maintenance after stem-cell transplantation for multiple myeloma."]
    );
    // Both begin with it; the one with fewer capitals against the query scores more.
    assert_eq!(titles(&publications, "^mrd"), ["Mrd assays compared.", "MRD negativity with carfilzomib."]);
    assert_eq!(titles(&publications, "'MRD"), ["MRD negativity with carfilzomib."]);
    assert_eq!(
        titles(&publications, "'κ"),
        ["Role of the κ light chain in AL amyloidosis.", "Serum free Κ/λ ratio in smoldering myeloma."]
    );
    assert_eq!(titles(&publications, "syndromes.$"), ["Thalidomide in myelodysplastic syndromes."]);
    let not_myeloma = titles(&publications, "!myeloma 'lenalidomide");
    assert_eq!(not_myeloma.len(), 2, "{not_myeloma:?}");
    assert!(not_myeloma.iter().all(|title| !title.to_lowercase().contains("myeloma")));
    let either = titles(&publications, "'thalidomide | 'carfilzomib");
    assert_eq!(either.len(), 2, "{either:?}");
}

#[test]
fn scores_add_up_over_clauses_as_in_fzf() {
    let publications = ascii_synthetic(3000, 5);
    let index = Index::new(&publications);
    let all: Vec<u32> = (0..publications.len() as u32).collect();
    let scores = |query: &str| -> std::collections::HashMap<u32, i64> {
        index.search(query, Scope::Titles, &all).into_iter().map(|hit| (hit.id, hit.score)).collect()
    };
    let (dara, len, both) = (scores("dara"), scores("'len"), scores("dara 'len"));
    assert!(!both.is_empty());
    for (id, score) in &both {
        assert_eq!(*score, dara[id] + len[id], "clauses add up");
    }
    // A negation scores 0; of `a | b`, the first term found scores.
    let without = scores("dara !xyz");
    assert_eq!(without, dara);
    let either = scores("'zzz | 'len | dara");
    assert_eq!(
        either,
        len.iter()
            .map(|(id, score)| (*id, *score))
            .chain(dara.iter().filter(|(id, _)| !len.contains_key(id)).map(|(id, s)| (*id, *s)))
            .collect()
    );
    // An exact word at the start of a title outscores the same word inside one.
    let ranked = index.search("'lenalidomide", Scope::Titles, &all);
    let first = &publications[ranked[0].id as usize].title;
    let last = &publications[ranked[ranked.len() - 1].id as usize].title;
    assert!(
        first.to_lowercase().starts_with("lenalidomide") && !last.to_lowercase().starts_with("lenalidomide"),
        "{first} / {last}"
    );
}

#[test]
fn typed_and_narrowed_results_are_fresh_results_and_what_a_plain_filter_finds() {
    let publications = ascii_synthetic(2500, 17);
    let index = Arc::new(Index::new(&publications));
    let everything: Vec<u32> = (0..publications.len() as u32).collect();
    let mut searcher = Searcher::new(Arc::clone(&index));
    let mut check = |query: &str| {
        let fresh = index.search(query, Scope::Titles, &everything);
        let narrowed = searcher.search(query, Scope::Titles, &everything);
        assert!(narrowed == fresh.as_slice(), "{query:?}: {} narrowed hits, {} fresh", narrowed.len(), fresh.len());
        let mut found: Vec<u32> = fresh.iter().map(|hit| hit.id).collect();
        found.sort_unstable();
        let expected: Vec<u32> = everything
            .iter()
            .copied()
            .filter(|&id| reference_matches(&publications[id as usize].title, query))
            .collect();
        assert!(found == expected, "{query:?}: {} found, {} expected", found.len(), expected.len());
    };
    // Typed one char at a time, then taken back: each keystroke narrows, or must not.
    let typed = [
        "!x",
        "!lena",
        "'lena",
        "^lena",
        "myeloma$",
        "^dara 'len",
        "dara !len",
        "lena | dara",
        "'len | !^dara",
        "!'lz le",
        "Lena 'mide",
        "^Daratumumab$",
        "a | b | !c",
        "lena !myeloma$ | 'mm",
        "l !l",
        "'l ^l l$",
    ];
    for query in typed {
        let prefixes: Vec<&str> = query.char_indices().map(|(at, c)| &query[..at + c.len_utf8()]).collect();
        for prefix in prefixes.iter().chain(prefixes.iter().rev()) {
            check(prefix);
        }
    }
    // And at random, with Backspace and the operators among the keys.
    let keys = ["l", "e", "n", "a", "i", "d", "m", "y", " ", " ", "'", "^", "$", "!", " | ", "L", "x"];
    let mut rng = XorShift::new(0x5EA2_C41D);
    let mut query = String::new();
    for _ in 0..600 {
        match rng.below(10) {
            0..=6 => query.push_str(keys[rng.below(keys.len())]),
            7 | 8 => {
                query.pop();
            }
            _ => query.clear(),
        }
        check(&query);
    }
}
