//! A library cached as it is read gives the very cache file that parsing it whole and writing that gives.

use super::*;
use crate::cache::entry;
use crate::formats::{self, Imported};
use crate::model::{Library, Page};

thread_local! {
    /// How many cache files this thread wrote in runs: tells which way an import went.
    pub static STREAMED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

const IN_RUNS: Runs = Runs { from_bytes: 0, run_bytes: 2000, longest_page: usize::MAX };

struct Setup {
    _root: tempfile::TempDir,
    cache: SourceCache,
    source: PathBuf,
}

fn setup(text: &str) -> Setup {
    let root = tempfile::tempdir().unwrap();
    let source = root.path().join("library.json");
    fs::write(&source, text).unwrap();
    let cache = SourceCache::new(&root.path().join("cache"));
    Setup { _root: root, cache, source }
}

/// A library of a few pages, pretty-printed (many lines), with controls to take out of records in several pages,
/// some twice in one record and some only as JSON escapes them.
fn hostile_library() -> String {
    let publications: Vec<_> =
        crate::synthetic::library(90, 11).pages.into_iter().flat_map(|page| page.publications).collect();
    let mut pages: Vec<Page> = publications
        .chunks(9)
        .enumerate()
        .map(|(at, publications)| Page {
            path: vec![format!("Topic {at}")],
            publications: publications.to_vec(),
            ..Page::default()
        })
        .collect();
    pages[0].publications[1].title.push_str(" \u{1b}]0;pwned\u{7} one");
    pages[3].publications[0].title.push_str(" \u{9b}2J");
    pages[3].publications[0].abstract_sections[0].text.push_str(" \u{1b}[2J and \u{1b}[2J");
    pages[7].path[0].push('\u{202e}');
    pages[9].publications[8].journal.push_str("\u{7}");
    serde_json::to_string_pretty(&Library { pages }).unwrap()
}

/// The key and bytes of the cache file the whole parse of `source` makes.
fn written_whole(setup: &Setup) -> (SourceKey, Vec<u8>) {
    let name = setup.source.display().to_string();
    let bytes = fs::read(&setup.source).unwrap();
    let key = SourceKey {
        content_hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        ..super::super::locate(&setup.source, &name).unwrap()
    };
    let imported = formats::import_owned_bytes(&name, bytes).unwrap();
    (key.clone(), entry::write(&setup.cache.stamp, &key, &imported))
}

fn written_in_runs(setup: &Setup, runs: Runs) -> Option<(SourceKey, Vec<u8>)> {
    let name = setup.source.display().to_string();
    let located = super::super::locate(&setup.source, &name).unwrap();
    let entry_path = setup.cache.entry_path(&located);
    let key = setup.cache.write_in_runs(&setup.source, &located, &entry_path, runs)?.key;
    Some((key, fs::read(entry_path).unwrap()))
}

/// The names in the cache folder (none when it was never made).
fn cache_files(setup: &Setup) -> Vec<String> {
    let Ok(entries) = fs::read_dir(setup.cache.dir()) else { return Vec::new() };
    entries.map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

#[test]
fn a_library_read_in_runs_of_any_length_is_cached_as_its_whole_parse_would_be() {
    let setup = setup(&hostile_library());
    let (key, whole) = written_whole(&setup);
    let imported = entry::read(&whole, &setup.cache.stamp, &key).unwrap();
    let shown: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(shown.len(), 4, "{shown:#?}");
    assert!(shown.iter().all(|warning| !warning.contains(":0: ")), "every warning has its line: {shown:#?}");
    for run_bytes in [1, 2000, 9000, usize::MAX] {
        let (in_runs_key, in_runs) = written_in_runs(&setup, Runs { run_bytes, ..IN_RUNS }).expect("read in runs");
        assert_eq!(in_runs_key, key, "runs of {run_bytes} bytes");
        assert!(
            in_runs == whole,
            "runs of {run_bytes} bytes: {} bytes, not the {} written whole",
            in_runs.len(),
            whole.len()
        );
        assert_eq!(cache_files(&setup).len(), 1, "no temporary file left: {:?}", cache_files(&setup));
    }
}

#[test]
fn a_small_library_and_anything_not_read_in_runs_is_left_to_the_whole_parse_with_nothing_written() {
    let library = hostile_library();
    let refused = [
        (library.clone(), Runs { from_bytes: library.len() as u64 + 1, ..IN_RUNS }),
        (format!("\u{feff}{library}"), IN_RUNS),
        (library.replace('\n', "\r\n"), IN_RUNS),
        (library.replacen("\"title\"", "\"title\" 1", 1), IN_RUNS),
        (format!("{library} trailing"), IN_RUNS),
        (library.replacen("Topic 3", "Topic \u{fffd}", 1).replace('\u{fffd}', "\u{1}"), IN_RUNS),
        ("PMID- 1\nTI  - Lenalidomide maintenance.\n\n".to_string(), IN_RUNS),
    ];
    for (at, (text, runs)) in refused.into_iter().enumerate() {
        let setup = setup(&text);
        assert!(written_in_runs(&setup, runs).is_none(), "sample {at}");
        assert!(cache_files(&setup).is_empty(), "sample {at}: {:?}", cache_files(&setup));
    }
    let longest = library.len().div_ceil(10) + 4000;
    let mut with_a_long_page = serde_json::from_str::<Library>(&library).unwrap();
    let long_page = with_a_long_page.pages.iter().flat_map(|page| page.publications.clone()).collect();
    with_a_long_page.pages[4].publications = long_page;
    let long = serde_json::to_string_pretty(&with_a_long_page).unwrap();
    let too_long = setup(&long);
    assert!(written_in_runs(&too_long, Runs { longest_page: longest, ..IN_RUNS }).is_none(), "a page too long");
    assert!(cache_files(&too_long).is_empty(), "{:?}", cache_files(&too_long));
    let setup = setup(&library);
    assert!(written_in_runs(&setup, Runs { longest_page: longest, ..IN_RUNS }).is_some(), "every page short enough");
    fs::write(&setup.source, [&library.as_bytes()[..100], b"\xff", &library.as_bytes()[101..]].concat()).unwrap();
    assert!(written_in_runs(&setup, IN_RUNS).is_none(), "not UTF-8: the whole text is decoded as Windows-1252");
}

#[test]
fn a_big_library_parsed_anew_is_imported_as_the_whole_parse_imports_it() {
    let library = crate::synthetic::library(3000, 5);
    let setup = setup(&serde_json::to_string(&library).unwrap());
    assert!(fs::metadata(&setup.source).unwrap().len() > STREAM_FROM_BYTES, "big enough to be read in runs");
    let whole = formats::import_file(&setup.source).unwrap();
    let streamed = STREAMED.get();
    let (lean, abstracts) = setup.cache.import_file_leaving_abstracts(&setup.source).unwrap();
    let abstracts = abstracts.expect("read back from its cache file");
    assert_eq!(STREAMED.get(), streamed + 1, "written as it was read");
    let mut filled: Imported = lean;
    for (at, publication) in filled.library.publications_mut().enumerate() {
        publication.abstract_sections = abstracts.read(at).unwrap();
    }
    assert_eq!(filled, whole);
    assert_eq!(cache_files(&setup).len(), 1, "{:?}", cache_files(&setup));
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), whole, "and from the cache");
    fs::remove_dir_all(setup.cache.dir()).unwrap();
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), whole, "whole, cold");
    assert_eq!(setup.cache.import_file_without_abstracts(&setup.source).unwrap().library.publication_count(), 3000);
    assert_eq!(STREAMED.get(), streamed + 2, "the warm imports read the file written");
}

#[test]
fn a_big_library_whose_cache_cannot_be_written_is_parsed_whole_and_said_so() {
    let library = crate::synthetic::library(3000, 5);
    let setup = setup(&serde_json::to_string(&library).unwrap());
    fs::write(setup.cache.dir(), "a file where the cache folder would be").unwrap();
    let streamed = STREAMED.get();
    let (imported, abstracts) = setup.cache.import_file_leaving_abstracts(&setup.source).unwrap();
    assert_eq!(STREAMED.get(), streamed, "nothing written in runs");
    assert!(abstracts.is_none(), "the abstracts stay in the parse");
    assert_eq!(imported, formats::import_file(&setup.source).unwrap());
    assert!(setup.cache.write_failure().is_some_and(|failure| failure.starts_with("cannot write the cache")));
}
