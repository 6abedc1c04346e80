//! A catalog whose abstracts are left in cache files reads, merges, searches and exports the abstracts a catalog
//! holding them does; one damaged in its file is an error for that paper only.

use std::fs;
use std::path::Path;

use super::*;
use crate::cache::SourceCache;
use crate::formats::library_json;
use crate::model::Library;
use crate::search::{Abstracts, Index, Scope};

/// `library` written as a source file `name` in `dir`, then read whole (parsed, which caches it) and read again
/// leaving its abstracts in the cache file.
fn cached(library: &Library, dir: &Path, name: &str) -> (Library, Library, CachedAbstracts) {
    let source = dir.join(name);
    fs::write(&source, library_json::to_string(library)).unwrap();
    let cache = SourceCache::new(&dir.join("cache"));
    let whole = cache.import_file(&source).unwrap().library;
    let (lean, left) = cache.import_file_leaving_abstracts(&source).unwrap();
    (whole, lean.library, left.expect("read from the cache"))
}

fn joined(libraries: [&Library; 2]) -> Library {
    Library { pages: libraries.iter().flat_map(|library| library.pages.clone()).collect() }
}

/// Two sources: the second repeats the first's first 100 papers with other abstracts (filling in the 50 the first
/// lacks) and adds papers of its own.
fn two_sources() -> (Library, Library) {
    let mut first = crate::synthetic::library(500, 1);
    for publication in first.publications_mut().take(50) {
        publication.abstract_sections.clear();
    }
    let other_abstracts = crate::synthetic::library(100, 2);
    let mut second = crate::synthetic::library(30, 3);
    let again = first.pages[0].publications[..100].iter().zip(&other_abstracts.pages[0].publications);
    let repeated =
        again.map(|(paper, other)| Publication { abstract_sections: other.abstract_sections.clone(), ..paper.clone() });
    second.pages[0].publications.splice(0..0, repeated);
    (first, second)
}

#[test]
fn abstracts_left_in_cache_files_are_those_of_a_catalog_holding_them_whichever_source_holds_which() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = two_sources();
    let (first_whole, first_lean, first_left) = cached(&first, dir.path(), "first.json");
    let (second_whole, second_lean, second_left) = cached(&second, dir.path(), "second.json");
    let whole = Catalog::new(joined([&first_whole, &second_whole]));
    let count = first_whole.publication_count();
    assert!((0..50).filter(|&id| whole.has_abstract(id)).count() > 25, "the second source filled most in");
    let mut both = LeftInCache::default();
    both.add(0, first_left.clone());
    both.add(count, second_left.clone());
    let mut first_only = LeftInCache::default();
    first_only.add(0, first_left);
    let mut second_only = LeftInCache::default();
    second_only.add(count, second_left);
    let catalogs = [
        Catalog::leaving_abstracts(joined([&first_lean, &second_lean]), both),
        Catalog::leaving_abstracts(joined([&first_lean, &second_whole]), first_only),
        Catalog::leaving_abstracts(joined([&first_whole, &second_lean]), second_only),
    ];
    for (n, lazy) in catalogs.iter().enumerate() {
        assert_eq!(lazy.keys, whole.keys, "catalog {n}");
        for id in 0..whole.publications.len() as PubId {
            let expected = &whole.publication(id).abstract_sections;
            assert_eq!(lazy.abstract_of(id).unwrap().as_ref(), expected.as_slice(), "catalog {n}, paper {id}");
            assert_eq!(lazy.has_abstract(id), !expected.is_empty(), "catalog {n}, paper {id}");
            assert_eq!(lazy.abstract_text(id), whole.abstract_text(id), "catalog {n}, paper {id}");
            assert_eq!(lazy.with_abstract(id), (whole.publication(id).clone(), None), "catalog {n}, paper {id}");
        }
    }
}

#[test]
fn a_search_of_everything_finds_in_abstracts_left_in_cache_files_what_it_finds_in_those_held() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, lean, left) = cached(&crate::synthetic::library(2_000, 5), dir.path(), "library.json");
    let mut left_in_cache = LeftInCache::default();
    left_in_cache.add(0, left);
    let lazy = Catalog::leaving_abstracts(lean, left_in_cache);
    let eager = Index::new(&Catalog::new(whole).publications);
    let lazy_index = Index::without_abstracts(&lazy.publications).with_abstracts(Abstracts::build_from(&lazy, None));
    let all: Vec<PubId> = (0..lazy.publications.len() as PubId).collect();
    for query in ["lenal", "myeloma relapsed", "'maintenance", "cereb | ixaz"] {
        let hits = eager.search(query, Scope::Everything, &all);
        assert!(!hits.is_empty(), "{query}");
        assert_eq!(lazy_index.search(query, Scope::Everything, &all), hits, "{query}");
    }
}

#[test]
fn an_abstract_damaged_in_its_cache_file_is_an_error_for_its_paper_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut library = crate::synthetic::library(20, 7);
    let marked = "Xylophonic cereblon marker text";
    library.pages[0].publications[3].abstract_sections = vec![AbstractSection { label: None, text: marked.into() }];
    let (whole, _, _) = cached(&library, dir.path(), "library.json");
    let entry_path = fs::read_dir(dir.path().join("cache")).unwrap().next().unwrap().unwrap().path();
    let mut bytes = fs::read(&entry_path).unwrap();
    let at = bytes.windows(marked.len()).position(|window| window == marked.as_bytes()).unwrap();
    bytes[at] ^= 0x01;
    // Written in place only here, before it is mapped: the cache itself only ever renames a new file over one.
    fs::write(&entry_path, &bytes).unwrap();
    let cache = SourceCache::new(&dir.path().join("cache"));
    let (lean, left) = cache.import_file_leaving_abstracts(&dir.path().join("library.json")).unwrap();
    let mut left_in_cache = LeftInCache::default();
    left_in_cache.add(0, left.expect("the table and the lean import are whole"));
    let catalog = Catalog::leaving_abstracts(lean.library, left_in_cache);
    let unreadable = UnreadableAbstract { source: dir.path().join("library.json").display().to_string() };
    assert_eq!(catalog.abstract_of(3), Err(unreadable.clone()));
    assert!(catalog.has_abstract(3), "it has one, unread");
    assert_eq!(catalog.abstract_text(3), "");
    assert_eq!(catalog.with_abstract(3).1, Some(unreadable));
    let whole = Catalog::new(whole);
    for id in (0..20).filter(|&id| id != 3) {
        assert_eq!(catalog.abstract_of(id).unwrap().as_ref(), whole.publication(id).abstract_sections.as_slice());
    }
}

#[test]
fn where_an_abstract_is_left_takes_eight_bytes_a_paper() {
    // One per paper of the catalog, for as long as the reader runs.
    assert_eq!(size_of::<Option<LeftAt>>(), 8);
}

#[test]
fn each_publication_is_told_the_file_and_place_its_abstract_is_left_at_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, first) = cached(&crate::synthetic::library(30, 1), dir.path(), "first.json");
    let (_, _, second) = cached(&crate::synthetic::library(20, 2), dir.path(), "second.json");
    assert_eq!((first.len(), second.len()), (30, 20));
    let mut left = LeftInCache::default();
    assert!(left.of(0).is_none());
    // Five papers holding their own before the first file, and seven between the two.
    left.add(5, first);
    left.add(42, second);
    let place = |at: usize| left.of(at).map(|(abstracts, place)| (abstracts.len(), place));
    for at in (0..5).chain(35..42).chain(62..70) {
        assert_eq!(place(at), None, "{at}");
    }
    for at in 5..35 {
        assert_eq!(place(at), Some((30, at - 5)), "{at}");
    }
    for at in 42..62 {
        assert_eq!(place(at), Some((20, at - 42)), "{at}");
    }
}
