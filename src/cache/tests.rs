//! The cache is used for the very file it was made from, and for nothing else.

use super::*;
use crate::model::{Library, Page};

const MEDLINE: &str = "PMID- 1\nTI  - Lenalidomide maintenance.\nAU  - Chari A\n\nPMID- 2\nAU  - Untitled\n\n";
const OTHER: &str = "PMID- 3\nTI  - Pomalidomide in relapses.\nAU  - Vogl DT\n\nPMID- 4\nAU  - Untitled\n\n";

struct Setup {
    _root: tempfile::TempDir,
    cache: SourceCache,
    source: PathBuf,
}

fn setup() -> Setup {
    let root = tempfile::tempdir().unwrap();
    let source = root.path().join("saved.txt");
    fs::write(&source, MEDLINE).unwrap();
    let cache = SourceCache::new(&root.path().join("cache"));
    Setup { _root: root, cache, source }
}

/// A library no importer makes: when an import returns it, the import came from the cache.
fn planted() -> Imported {
    let page = Page { path: vec!["planted".into()], ..Page::default() };
    Imported { library: Library { pages: vec![page] }, warnings: Vec::new() }
}

/// Writes a cache file for the source as it is now, holding [`planted`]; returns where.
fn plant(setup: &Setup) -> PathBuf {
    let key = identify(&setup.source, &setup.source.display().to_string()).unwrap();
    let entry_path = setup.cache.entry_path(&key);
    fs::create_dir_all(setup.cache.dir()).unwrap();
    fs::write(&entry_path, entry::write(&setup.cache.stamp, &key, &planted())).unwrap();
    entry_path
}

/// The whole key of the source as it is now.
fn identify(path: &Path, name: &str) -> io::Result<SourceKey> {
    Ok(SourceKey { content_hash: hash_file(path)?, ..locate(path, name)? })
}

fn set_modified(path: &Path, time: SystemTime) {
    File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
}

fn parsed(path: &Path) -> Imported {
    formats::import_file(path).unwrap()
}

#[test]
fn a_cache_of_this_very_file_is_used() {
    let setup = setup();
    plant(&setup);
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), planted());
}

#[test]
fn the_first_import_parses_and_the_next_reads_the_same_library_and_warnings() {
    let setup = setup();
    let cold = setup.cache.import_file(&setup.source).unwrap();
    assert_eq!(cold, parsed(&setup.source));
    assert_eq!(cold.warnings.len(), 1, "the untitled record is reported: {:?}", cold.warnings);
    let entries: Vec<_> = fs::read_dir(setup.cache.dir()).unwrap().flatten().collect();
    assert_eq!(entries.len(), 1, "one cache file per source, no temporary left");
    let key = identify(&setup.source, &setup.source.display().to_string()).unwrap();
    let warm = entry::read(&fs::read(entries[0].path()).unwrap(), &setup.cache.stamp, &key);
    assert_eq!(warm.as_ref(), Some(&cold), "the cache holds the import");
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), cold);
}

#[test]
fn an_edited_file_is_parsed_again_and_its_cache_replaced() {
    let setup = setup();
    plant(&setup);
    fs::write(&setup.source, format!("{MEDLINE}PMID- 5\nTI  - Added later.\n\n")).unwrap();
    let edited = setup.cache.import_file(&setup.source).unwrap();
    assert_eq!(edited, parsed(&setup.source));
    assert_eq!(edited.library.publication_count(), 2);
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), edited);
}

#[test]
fn a_touched_file_is_never_read_stale() {
    let setup = setup();
    plant(&setup);
    set_modified(&setup.source, SystemTime::now() - Duration::from_secs(3600));
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), parsed(&setup.source));
}

#[test]
fn a_file_replaced_by_another_of_the_same_size_and_time_is_caught_by_the_hash() {
    let setup = setup();
    let time = SystemTime::now() - Duration::from_secs(7200);
    set_modified(&setup.source, time);
    plant(&setup);
    assert_eq!(OTHER.len(), MEDLINE.len());
    fs::write(&setup.source, OTHER).unwrap();
    set_modified(&setup.source, time);
    let replaced = setup.cache.import_file(&setup.source).unwrap();
    assert_eq!(replaced, parsed(&setup.source));
    assert_eq!(replaced.library.pages[0].publications[0].title, "Pomalidomide in relapses.");
}

#[test]
fn a_removed_file_is_the_same_error_as_without_a_cache() {
    let setup = setup();
    plant(&setup);
    fs::remove_file(&setup.source).unwrap();
    let without = formats::import_file(&setup.source).unwrap_err();
    assert_eq!(setup.cache.import_file(&setup.source).unwrap_err(), without);
}

#[test]
fn the_same_file_under_another_name_has_a_cache_of_its_own() {
    let setup = setup();
    plant(&setup);
    let dotted = setup.source.parent().unwrap().join(".").join("saved.txt");
    let imported = setup.cache.import_file(&dotted).unwrap();
    assert_eq!(imported, parsed(&dotted), "its warnings name the file as given");
    assert!(imported.warnings[0].file.contains("/./saved.txt"), "{:?}", imported.warnings);
}

#[test]
fn a_damaged_cache_is_passed_over_and_written_anew() {
    let setup = setup();
    let expected = parsed(&setup.source);
    let entry_path = plant(&setup);
    let whole = fs::read(&entry_path).unwrap();
    let mut flipped = whole.clone();
    *flipped.last_mut().unwrap() ^= 1;
    let noise: Vec<u8> = (0..whole.len()).map(|at| (at * 7919 % 251) as u8).collect();
    for damaged in [noise, whole[..whole.len() / 2].to_vec(), flipped, Vec::new()] {
        fs::write(&entry_path, &damaged).unwrap();
        assert_eq!(setup.cache.import_file(&setup.source).unwrap(), expected);
        assert_ne!(fs::read(&entry_path).unwrap(), damaged, "written anew");
        assert_eq!(setup.cache.import_file(&setup.source).unwrap(), expected);
    }
}

#[test]
fn a_cache_from_another_version_is_passed_over() {
    let setup = setup();
    let key = identify(&setup.source, &setup.source.display().to_string()).unwrap();
    let older = Stamp { crate_version: "0.0.1".into(), ..setup.cache.stamp.clone() };
    fs::create_dir_all(setup.cache.dir()).unwrap();
    fs::write(setup.cache.entry_path(&key), entry::write(&older, &key, &planted())).unwrap();
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), parsed(&setup.source));
}

#[test]
fn errors_are_not_cached() {
    let setup = setup();
    fs::write(&setup.source, "just some prose\n").unwrap();
    assert_eq!(setup.cache.import_file(&setup.source).unwrap_err(), formats::import_file(&setup.source).unwrap_err());
    assert!(!setup.cache.dir().exists());
}

#[test]
fn a_cache_that_cannot_be_written_is_skipped_and_says_why_once() {
    let setup = setup();
    let blocked = SourceCache::new(&setup.source.join("cache"));
    assert_eq!(blocked.import_file(&setup.source).unwrap(), parsed(&setup.source));
    let reason = blocked.write_failure().expect("the reason is kept").to_string();
    assert!(reason.contains("cannot write the cache"), "{reason}");
    assert_eq!(blocked.import_file(&setup.source).unwrap(), parsed(&setup.source));
    assert_eq!(blocked.write_failure(), Some(reason.as_str()));
}

#[test]
fn cache_files_unused_for_a_month_are_pruned_and_those_in_use_kept() {
    let setup = setup();
    let in_use = plant(&setup);
    let month_ago = SystemTime::now() - UNUSED_AFTER - Duration::from_secs(60);
    set_modified(&in_use, month_ago);
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), planted());
    let forgotten = setup.cache.dir().join("0123.bin");
    fs::write(&forgotten, "old").unwrap();
    set_modified(&forgotten, month_ago);
    let other = setup.source.with_file_name("other.txt");
    fs::write(&other, OTHER).unwrap();
    setup.cache.import_file(&other).unwrap();
    assert!(!forgotten.exists());
    assert!(in_use.exists(), "a cache read refreshes its time");
}

#[test]
fn without_abstracts_a_cached_file_is_the_parsed_one_less_its_abstracts_and_stale_caches_still_lose() {
    let setup = setup();
    let with_abstract = "PMID- 1\nTI  - Lenalidomide maintenance.\nAB  - It works.\nAU  - Chari A\n\n";
    fs::write(&setup.source, with_abstract).unwrap();
    let full = setup.cache.import_file_without_abstracts(&setup.source).unwrap();
    assert_eq!(full, parsed(&setup.source), "parsed anew, the abstracts are kept");
    assert!(!full.library.pages[0].publications[0].abstract_sections.is_empty());
    let mut lean = full.clone();
    lean.library.pages[0].publications[0].abstract_sections.clear();
    assert_eq!(setup.cache.import_file_without_abstracts(&setup.source).unwrap(), lean);
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), full, "the cache itself keeps them");
    fs::write(&setup.source, OTHER).unwrap();
    assert_eq!(setup.cache.import_file_without_abstracts(&setup.source).unwrap(), parsed(&setup.source));
}

#[test]
fn a_first_look_comes_only_from_a_cache_of_this_very_file_and_never_parses() {
    let setup = setup();
    fs::write(&setup.source, format!("{MEDLINE}{OTHER}")).unwrap();
    assert_eq!(setup.cache.import_first(&setup.source, 1), None, "nothing cached: no parse either");
    assert!(setup.cache.dir().read_dir().is_err(), "a first look writes no cache");
    let whole = setup.cache.import_file(&setup.source).unwrap();
    assert_eq!(setup.cache.import_first(&setup.source, 0), Some((Imported::default(), true)));
    let (first, cut) = setup.cache.import_first(&setup.source, 1).unwrap();
    assert!(cut);
    assert_eq!(first.library.pages[0].publications, whole.library.pages[0].publications[..1]);
    assert_eq!(whole.library.publication_count(), 2, "{whole:?}");
    assert_eq!(setup.cache.import_first(&setup.source, 2), Some((whole, false)));
    fs::write(&setup.source, OTHER).unwrap();
    assert_eq!(setup.cache.import_first(&setup.source, 5), None, "an edited file is not looked at stale");
    assert_eq!(setup.cache.import_first(&setup.source, 0), None);
}

#[test]
fn a_file_cut_short_by_a_first_look_is_read_whole_from_the_bytes_it_checked_once_and_then_checked_again() {
    let setup = setup();
    fs::write(&setup.source, format!("{MEDLINE}{OTHER}")).unwrap();
    let whole = setup.cache.import_file(&setup.source).unwrap();
    let time = fs::metadata(&setup.source).unwrap().modified().unwrap();
    assert!(setup.cache.import_first(&setup.source, 1).unwrap().1, "cut");
    // Same size and time, other bytes: only a hash tells, and the first look took it moments ago.
    fs::write(&setup.source, format!("{MEDLINE}{OTHER}").replace("Pomalidomide", "Thalidomide!")).unwrap();
    set_modified(&setup.source, time);
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), whole, "the checked bytes, once");
    assert_ne!(setup.cache.import_file(&setup.source).unwrap(), whole, "then the file is hashed again");
}

#[test]
fn a_file_touched_after_a_first_look_is_not_read_from_what_it_checked() {
    let setup = setup();
    fs::write(&setup.source, format!("{MEDLINE}{OTHER}")).unwrap();
    setup.cache.import_file(&setup.source).unwrap();
    assert!(setup.cache.import_first(&setup.source, 1).unwrap().1, "cut");
    fs::write(&setup.source, MEDLINE).unwrap();
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), parsed(&setup.source));
}

/// What a one-shot listing reads of `sources` in place, owned; `None` when the cache does not hold them all.
/// What a one-shot listing reads in place of `sources`; an export's listing ([`SourceCache::read_listed`]) reads
/// the same, or nothing (it checks the abstracts' table as well, which a listing leaves alone).
fn read_in_place(setup: &Setup, sources: &[PathBuf]) -> Option<Vec<(Vec<String>, Vec<encoding::Listed>)>> {
    let viewed = setup.cache.read_in_place(sources, |views| {
        let pages = views.iter().flat_map(|view| &view.pages);
        pages.map(|page| (owned(&page.path), page.publications.iter().map(listed).collect())).collect()
    });
    let listed_for_export = setup.cache.read_listed(sources, |sources| {
        let pages = sources.iter().flat_map(|source| &source.pages);
        pages.map(|page| (owned(&page.path), page.publications.iter().map(listed).collect())).collect()
    });
    if listed_for_export.is_some() {
        assert_eq!(listed_for_export, viewed);
    }
    viewed
}

fn owned(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|text| text.to_string()).collect()
}

/// What a one-shot listing reads of an import.
fn listed_pages(imported: &Imported) -> Vec<(Vec<String>, Vec<encoding::Listed>)> {
    let pages = imported.library.pages.iter();
    pages.map(|page| (page.path.clone(), page.publications.iter().map(listed).collect())).collect()
}

#[test]
fn read_in_place_comes_only_from_caches_of_these_very_files_and_never_parses() {
    let setup = setup();
    let other = setup.source.with_file_name("other.txt");
    fs::write(&other, OTHER).unwrap();
    let both = [setup.source.clone(), other.clone()];
    assert_eq!(read_in_place(&setup, &both), None, "nothing cached: no parse either");
    assert!(setup.cache.dir().read_dir().is_err(), "reading in place writes no cache");
    let first = setup.cache.import_file(&setup.source).unwrap();
    assert_eq!(read_in_place(&setup, &both), None, "one of them is not cached");
    let second = setup.cache.import_file(&other).unwrap();
    let expected = [listed_pages(&first), listed_pages(&second)].concat();
    assert_eq!(read_in_place(&setup, &both), Some(expected));
    let warnings = setup.cache.read_in_place(&both, |views| views.into_iter().map(|view| view.warnings).collect());
    assert_eq!(warnings, Some(vec![first.warnings.clone(), second.warnings.clone()]));
    // An export's listing leads to each whole paper, its abstract left in the cache file, and the same warnings.
    let whole = setup.cache.read_listed(&both, |sources| {
        let mut imports = Vec::new();
        for source in &sources {
            let mut library = Library::default();
            for page in &source.pages {
                let publications = page.publications.iter().enumerate().map(|(at, listing)| {
                    let mut publication = decode_publication_at(source.lean, listing.at).unwrap();
                    assert!(publication.abstract_sections.is_empty(), "left in the file");
                    publication.abstract_sections = source.abstracts.read(library.publication_count() + at).unwrap();
                    publication
                });
                let path = owned(&page.path);
                library.pages.push(Page { path, publications: publications.collect(), ..Page::default() });
            }
            imports.push(Imported { library, warnings: source.warnings.clone() });
        }
        imports
    });
    let without_page_texts = |mut imported: Imported| {
        for page in &mut imported.library.pages {
            (page.summary, page.last_updated) = (String::new(), None);
        }
        imported
    };
    assert_eq!(whole, Some(vec![without_page_texts(first), without_page_texts(second)]));

    // Same size and time, other bytes: only the hash, taken beside the reading, tells.
    let time = fs::metadata(&other).unwrap().modified().unwrap();
    fs::write(&other, OTHER.replace("Pomalidomide", "Thalidomide!")).unwrap();
    set_modified(&other, time);
    assert_eq!(read_in_place(&setup, &both), None);
    setup.cache.import_file(&other).unwrap();
    set_modified(&setup.source, SystemTime::now() - Duration::from_secs(3600));
    assert_eq!(read_in_place(&setup, &both), None, "a touched file is not read stale");
}

#[test]
fn a_cache_damaged_or_cut_short_where_a_read_in_place_reads_is_not_read_in_place() {
    let setup = setup();
    setup.cache.import_file(&setup.source).unwrap();
    let sources = [setup.source.clone()];
    let in_place = read_in_place(&setup, &sources);
    assert!(in_place.is_some());
    let entry_path = fs::read_dir(setup.cache.dir()).unwrap().next().unwrap().unwrap().path();
    let bytes = fs::read(&entry_path).unwrap();
    let lean_end = entry::lean_range(&bytes).end;
    for at in 0..lean_end {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x10;
        fs::write(&entry_path, &damaged).unwrap();
        assert_eq!(read_in_place(&setup, &sources), None, "byte {at} flipped");
        fs::write(&entry_path, &bytes[..at]).unwrap();
        assert_eq!(read_in_place(&setup, &sources), None, "cut at {at}");
    }
    // The whole import after it is not read in place at all; a whole import checks it.
    let mut damaged = bytes.clone();
    damaged[lean_end + 1] ^= 0x10;
    fs::write(&entry_path, &damaged).unwrap();
    assert_eq!(read_in_place(&setup, &sources), in_place);
    assert_eq!(setup.cache.import_file(&setup.source).unwrap(), parsed(&setup.source), "parsed anew");
    assert_eq!(fs::read(&entry_path).unwrap(), bytes, "and written anew");
}

/// What [`SourceCache::import_file_leaving_abstracts`] gives, with the abstracts it left in a cache file read back.
fn leaving_then_whole(cache: &SourceCache, source: &Path) -> (Imported, bool) {
    let (mut imported, left) = cache.import_file_leaving_abstracts(source).unwrap();
    let Some(left) = left else { return (imported, false) };
    assert!(imported.library.publications().all(|publication| publication.abstract_sections.is_empty()));
    assert_eq!(left.len(), imported.library.publication_count());
    for (at, publication) in imported.library.publications_mut().enumerate() {
        publication.abstract_sections = left.read(at).unwrap();
    }
    (imported, true)
}

#[test]
fn a_file_parsed_anew_leaves_its_abstracts_in_the_cache_file_written_for_it_as_a_cached_file_does() {
    let root = tempfile::tempdir().unwrap();
    let source = root.path().join("library.json");
    let library = crate::synthetic::library(300, 4);
    assert!(library.publications().any(|publication| !publication.abstract_sections.is_empty()));
    fs::write(&source, serde_json::to_string(&library).unwrap()).unwrap();
    let cache = SourceCache::new(&root.path().join("cache"));
    let (cold, cold_left) = leaving_then_whole(&cache, &source);
    assert!(cold_left, "the abstracts of the parse are left in the file just written");
    assert_eq!(cold, parsed(&source));
    let (warm, warm_left) = leaving_then_whole(&cache, &source);
    assert!(warm_left);
    assert_eq!(warm, cold);
    // Where no cache file can be written, the parse keeps its abstracts.
    let blocked = SourceCache::new(&source.join("cache"));
    let (kept, _) = blocked.import_file_leaving_abstracts(&source).unwrap();
    assert_eq!(kept, parsed(&source));
    assert!(blocked.import_file_leaving_abstracts(&source).unwrap().1.is_none());
}

#[cfg(unix)]
#[test]
fn a_pipe_is_neither_hashed_nor_cached_and_keeps_its_bytes_for_the_import() {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    let (reader, mut writer) = std::io::pipe().unwrap();
    writer.write_all(MEDLINE.as_bytes()).unwrap();
    drop(writer);
    let path = PathBuf::from(format!("/dev/fd/{}", reader.as_raw_fd()));
    assert!(hash_file(&path).is_err(), "not read to be hashed");
    assert!(locate(&path, "pipe").is_err(), "not cached");
    let setup = setup();
    assert_eq!(
        setup.cache.import_file(&path).unwrap(),
        formats::import_bytes(&path.display().to_string(), MEDLINE.as_bytes()).unwrap()
    );
    assert!(!setup.cache.dir().exists(), "nothing written");
}
