//! The abstracts left in a cache file, read one at a time, are those a whole read gives; damage to one is that one's
//! alone, and damage to the table refuses the file.

use super::*;
use crate::formats::Diagnostic;

/// A cache file of `bytes` read as the reader reads it, leaving its abstracts in it.
pub(super) fn leaving_with(bytes: &[u8], stamp: &Stamp, key: &SourceKey) -> Option<(Imported, CachedAbstracts)> {
    let mut file = tempfile::tempfile().unwrap();
    std::io::Write::write_all(&mut file, bytes).unwrap();
    read_leaving_abstracts(&file, bytes, stamp, key)
}

fn leaving(bytes: &[u8]) -> Option<(Imported, CachedAbstracts)> {
    leaving_with(bytes, &stamp(), &key())
}

fn stamp() -> Stamp {
    Stamp { crate_version: "0.1.0".into(), layout: 1, build: 2 }
}

fn key() -> SourceKey {
    SourceKey { name: "big.json".into(), path: b"/x/big.json".to_vec(), size: 10, modified_ns: 5, content_hash: 7 }
}

/// A generated library of several pages, every third publication without an abstract, and an empty page.
fn generated(count: usize) -> Imported {
    let mut library = crate::synthetic::library(count, 11);
    for publication in library.publications_mut().step_by(3) {
        publication.abstract_sections.clear();
    }
    let at = library.pages.len().min(1);
    library.pages.insert(at, crate::model::Page { path: vec!["Empty".into()], ..Default::default() });
    Imported { library, warnings: vec![Diagnostic::warning("big.json", 4, "repaired")] }
}

fn abstracts_of(imported: &Imported) -> Vec<Vec<AbstractSection>> {
    imported.library.publications().map(|publication| publication.abstract_sections.clone()).collect()
}

#[test]
fn every_abstract_read_alone_is_that_of_the_whole_read_and_the_rest_is_the_lean_import() {
    for count in [0, 1, 2, 250, 1_200] {
        let imported = generated(count);
        assert!(count <= 200 || imported.library.pages.len() > 2, "several pages");
        let bytes = write(&stamp(), &key(), &imported);
        assert_eq!(read(&bytes, &stamp(), &key()).as_ref(), Some(&imported), "{count}");
        let (lean, cached) = leaving(&bytes).unwrap();
        assert_eq!(Some(&lean), read_without_abstracts(&bytes, &stamp(), &key()).as_ref());
        assert!(lean.library.publications().all(|publication| publication.abstract_sections.is_empty()));
        assert_eq!(cached.len(), count);
        for (at, (sections, publication)) in
            abstracts_of(&imported).iter().zip(imported.library.publications()).enumerate()
        {
            assert_eq!(cached.read(at).as_ref(), Ok(sections), "{count}: {at}");
            assert_eq!(cached.has_abstract(at), !sections.is_empty(), "{count}: {at}");
            let (mut in_place, mut expected) = (String::from("before "), String::from("before "));
            cached.push_text(at, &mut in_place, " | ").unwrap();
            publication.push_abstract_text(&mut expected, " | ");
            assert_eq!(in_place, expected, "{count}: {at}");
        }
        assert!(cached.read(count).is_err() && !cached.has_abstract(count), "past the last one");
        let mut whole = lean;
        fill_in_abstracts(&mut whole.library, (0..count).map(|at| cached.read(at).unwrap()).collect()).unwrap();
        assert_eq!(whole, imported);
    }
}

#[test]
fn a_first_look_has_the_abstracts_of_its_publications() {
    let imported = generated(300);
    let bytes = write(&stamp(), &key(), &imported);
    for limit in [0, 1, 99, 100, 101, 299, 300, 301] {
        let mut expected = imported.library.clone();
        let cut = expected.keep_first(limit);
        let (first, read_cut) = read_first(&bytes, &stamp(), &key(), limit).unwrap();
        assert_eq!((first.library, read_cut), (expected, cut), "{limit}");
    }
}

/// Where abstract `at` lies in a cache file's `bytes`.
fn abstract_range(bytes: &[u8], at: usize) -> std::ops::Range<usize> {
    let checked = checked(bytes, &stamp(), &key()).unwrap();
    let start = checked.abstracts.bytes(at).unwrap().as_ptr().addr() - bytes.as_ptr().addr();
    start..start + checked.abstracts.bytes(at).unwrap().len()
}

#[test]
fn a_flipped_byte_in_one_abstract_is_an_error_for_that_one_only() {
    let imported = generated(40);
    let bytes = write(&stamp(), &key(), &imported);
    let damaged_one = 4;
    let range = abstract_range(&bytes, damaged_one);
    assert!(range.len() > 1, "the damaged publication has an abstract");
    for at in range {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x01;
        assert_eq!(read(&damaged, &stamp(), &key()), None, "a whole read refuses the file: byte {at}");
        let (_, cached) = leaving(&damaged).unwrap();
        for (n, sections) in abstracts_of(&imported).iter().enumerate() {
            match n == damaged_one {
                true => {
                    assert_eq!(cached.read(n), Err(abstracts::UnreadableAbstract { source: "big.json".into() }));
                    assert!(cached.push_text(n, &mut String::new(), " ").is_err());
                }
                false => assert_eq!(cached.read(n).as_ref(), Ok(sections), "byte {at}: {n}"),
            }
        }
    }
}

#[test]
fn a_damaged_table_or_trailer_refuses_the_file_to_every_reader_of_it() {
    let bytes = write(&stamp(), &key(), &generated(30));
    let table_start = abstract_range(&bytes, 29).end;
    for at in table_start..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x20;
        assert_eq!(read(&damaged, &stamp(), &key()), None, "byte {at}");
        assert_eq!(read_without_abstracts(&damaged, &stamp(), &key()), None, "byte {at}");
        assert_eq!(read_first(&damaged, &stamp(), &key(), 5), None, "byte {at}");
        assert!(leaving(&damaged).is_none(), "byte {at}");
    }
    for cut in [1, 16, 17, bytes.len() - table_start] {
        let cut = &bytes[..bytes.len() - cut];
        assert!(leaving(cut).is_none(), "{} bytes", cut.len());
    }
}

#[test]
fn a_table_whose_entries_do_not_tile_the_block_is_refused() {
    let block = [0u8, 1, 0];
    let entry = |start: u64| [start.to_le_bytes(), 0u64.to_le_bytes()].concat();
    let table_of = |starts: &[u64]| starts.iter().flat_map(|&start| entry(start)).collect::<Vec<u8>>();
    let checked = |block: &[u8], entries: &[u8]| Table::checked(block, entries, xxh3_64(entries)).is_some();
    assert!(checked(&block, &table_of(&[0, 1, 1])), "the second one is empty, the third two bytes");
    assert!(!checked(&block, &table_of(&[1, 2])), "a first one not at the start");
    assert!(!checked(&block, &table_of(&[0, 2, 1])), "out of order");
    assert!(!checked(&block, &table_of(&[0, 4])), "past the end");
    assert!(!checked(&block, &table_of(&[])), "a block without a table");
    assert!(checked(&[], &table_of(&[])));
    assert!(!checked(&block, &table_of(&[0])[..15]), "an entry cut short");
}

#[test]
fn abstracts_read_after_their_pages_were_let_go_are_the_same() {
    let imported = generated(600);
    let (_, cached) = leaving(&write(&stamp(), &key(), &imported)).unwrap();
    let read_all = || (0..cached.len()).map(|at| cached.read(at)).collect::<Vec<_>>();
    let first = read_all();
    cached.release_read_pages();
    let again = read_all();
    assert_eq!(again, first);
    assert_eq!(again.into_iter().map(Result::unwrap).collect::<Vec<_>>(), abstracts_of(&imported));
}

#[test]
fn pages_are_let_go_only_of_files_read_since_the_last_time() {
    let imported = generated(40);
    let bytes = write(&stamp(), &key(), &imported);
    let (_, cached) = leaving(&bytes).unwrap();
    let read_since = |cached: &CachedAbstracts| cached.read_since_release.load(std::sync::atomic::Ordering::Relaxed);
    assert!(!read_since(&cached), "nothing read yet");
    cached.read(1).unwrap();
    assert!(read_since(&cached.clone()), "clones share it: the catalog's copy and the reader's are one file");
    cached.release_read_pages();
    assert!(!read_since(&cached));
    let mut text = String::new();
    cached.push_text(2, &mut text, "\n").unwrap();
    assert!(read_since(&cached), "an abstract read in place counts too");
    cached.release_read_pages();
    assert_eq!(cached.read(1).as_ref(), Ok(&abstracts_of(&imported)[1]), "what was let go reads again");
    assert!(!abstracts_of(&imported)[1].is_empty());
}
