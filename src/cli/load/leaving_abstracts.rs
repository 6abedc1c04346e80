//! The reader's whole load, with the abstracts of the files the cache holds left in their cache files: a library's
//! abstracts are most of its memory, and the reader shows one at a time.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use lenaview::app::LeftInCache;
use lenaview::cache::{CachedAbstracts, SourceCache};
use lenaview::formats::{self, Diagnostic, Imported};
use lenaview::model::{Library, Publication};
use lenaview::parallel;

use super::{Sources, load_sources, load_through_cache, report_cache_failure, source_cache};

/// The whole load, with nothing on stderr (the reader has the screen): the abstracts of the files the cache holds are left in
/// their cache files, and `LeftInCache` says where (see [`lenaview::app::Catalog::leaving_abstracts`]).
pub fn load_library_leaving_abstracts(
    files: &[PathBuf],
    topic: Option<&str>,
    warn: &mut dyn FnMut(String),
) -> Result<(Library, LeftInCache), Diagnostic> {
    leaving_abstracts(files, topic, warn, false)
}

/// [`load_library_leaving_abstracts`] for a command: what [`super::load_library`] says goes to stderr, a big file's
/// progress as it loads.
pub fn load_library_leaving_abstracts_reporting(files: &[PathBuf]) -> Result<(Library, LeftInCache), Diagnostic> {
    leaving_abstracts(files, None, &mut |warning| crate::cli::report(warning), true)
}

/// Every one of `files` imported as [`load_library_leaving_abstracts_reporting`] imports them, each placed under
/// `topic`, for `lenaview import`: a file that fails is reported on stderr and the rest are still imported, so
/// that one run shows everything to fix; `None` when one failed.
pub fn import_all_leaving_abstracts(files: &[PathBuf], topic: Option<&str>) -> Option<(Library, LeftInCache)> {
    let mut failed = false;
    let mut import_all = |import: &dyn Fn(&Path) -> Result<Imported, Diagnostic>| {
        let sources = Sources { import, progress_on_stderr: true };
        let mut library = Library::default();
        for file in files {
            match super::import_placed(file, topic, &mut |warning| crate::cli::report(warning), &sources) {
                Ok(pages) => library.extend(pages),
                Err(error) => {
                    crate::cli::report(error);
                    failed = true;
                }
            }
        }
        library
    };
    let Some(cache) = source_cache() else {
        let library = import_all(&super::import);
        return (!failed).then(|| (library, LeftInCache::default()));
    };
    let sources = RefCell::new(Vec::new());
    let import = importing_leaving_abstracts(cache, &sources);
    let library = import_all(&import);
    if failed {
        return None;
    }
    match left_in_cache(&library, false, sources.take()) {
        Some(left) => Some((library, left)),
        // Sources placed otherwise than they were imported would get other papers' abstracts: read them whole.
        None => {
            load_through_cache(files, topic, &mut |_| {}, false).ok().map(|library| (library, LeftInCache::default()))
        }
    }
}

fn leaving_abstracts(
    files: &[PathBuf],
    topic: Option<&str>,
    warn: &mut dyn FnMut(String),
    progress_on_stderr: bool,
) -> Result<(Library, LeftInCache), Diagnostic> {
    let Some(cache) = source_cache() else {
        return load_through_cache(files, topic, warn, progress_on_stderr)
            .map(|library| (library, LeftInCache::default()));
    };
    let sources = RefCell::new(Vec::new());
    let import = importing_leaving_abstracts(cache, &sources);
    let library = load_sources(files, topic, warn, &Sources { import: &import, progress_on_stderr })?;
    report_cache_failure(warn);
    match left_in_cache(&library, files.is_empty(), sources.take()) {
        Some(left) => Ok((library, left)),
        // Sources placed otherwise than they were imported would get other papers' abstracts: read them whole.
        None => load_through_cache(files, topic, &mut |_| {}, false).map(|library| (library, LeftInCache::default())),
    }
}

/// Each source's publications, in the order they are imported, with their cache file's abstracts if left there.
type ImportedSources = RefCell<Vec<(usize, Option<(CachedAbstracts, u64)>)>>;

/// An import of one file from `cache` that leaves its abstracts in the cache file, noting in `sources` how many
/// publications it had and where their abstracts are (with a hash of their titles, to tell where they were placed).
fn importing_leaving_abstracts<'a>(
    cache: &'a SourceCache,
    sources: &'a ImportedSources,
) -> impl Fn(&Path) -> Result<Imported, Diagnostic> + 'a {
    move |file| {
        let (imported, left) = cache.import_file_leaving_abstracts(file)?;
        let titles = left.as_ref().map(|_| titles_hash(&imported.library.publications().collect::<Vec<_>>()));
        sources.borrow_mut().push((imported.library.publication_count(), left.zip(titles)));
        Ok(imported)
    }
}

/// Where each source's publications are in `library`, loaded from `sources` as [`load_sources`] loads them: every
/// source's publications appended in the order the sources were imported, after the bundled library's when no
/// file was given. `None` when a source's publications are not where that puts them, told by their titles.
fn left_in_cache(
    library: &Library,
    bundled_first: bool,
    sources: Vec<(usize, Option<(CachedAbstracts, u64)>)>,
) -> Option<LeftInCache> {
    let publications: Vec<&Publication> = library.publications().collect();
    let mut first = if bundled_first { formats::bundled().publication_count() } else { 0 };
    let mut left = LeftInCache::default();
    for (count, cached) in sources {
        if let Some((abstracts, titles)) = cached {
            let placed = publications.get(first..first + count)?;
            if abstracts.len() != count || titles_hash(placed) != titles {
                return None;
            }
            left.add(first, abstracts);
        }
        first += count;
    }
    Some(left)
}

/// A hash of the titles of `publications`, in order: what tells a source's publications where they were placed.
/// Each title is hashed on its own, on every core, and the hashes are chained in order: fed to one streaming hasher
/// title by title, a hundred thousand titles took 20 ms, copied into its buffer a few bytes at a time; chained on
/// one core, 7 ms, twice in every export.
fn titles_hash(publications: &[&Publication]) -> u64 {
    let hashes = parallel::map_parts(publications, HASHED_PER_PART_AT_LEAST, |_, part| {
        part.iter().map(|publication| xxhash_rust::xxh3::xxh3_64(publication.title.as_bytes())).collect::<Vec<_>>()
    });
    hashes.iter().flatten().fold(0, |chained: u64, &title| (chained.rotate_left(23) ^ title).wrapping_mul(PRIME))
}

/// Fewer titles than this are hashed on one core: a thread costs more than hashing them.
const HASHED_PER_PART_AT_LEAST: usize = 8192;

/// An odd multiplier that spreads the bits of the chain (xxh3's own 64-bit prime).
const PRIME: u64 = 0x9E37_79B1_85EB_CA87;

#[cfg(test)]
mod tests {
    use super::*;
    use lenaview::cache::SourceCache;
    use lenaview::formats::library_json;

    /// A generated library's lean import from the cache, and its abstracts left in the cache file.
    fn cached(dir: &Path, count: usize) -> (Library, CachedAbstracts) {
        let source = dir.join(format!("{count}.json"));
        std::fs::write(&source, library_json::to_string(&lenaview::synthetic::library(count, 3))).unwrap();
        let cache = SourceCache::new(&dir.join("cache"));
        cache.import_file(&source).unwrap();
        let (lean, left) = cache.import_file_leaving_abstracts(&source).unwrap();
        (lean.library, left.unwrap())
    }

    fn source(library: &Library, left: Option<CachedAbstracts>) -> (usize, Option<(CachedAbstracts, u64)>) {
        let titles = titles_hash(&library.publications().collect::<Vec<_>>());
        (library.publication_count(), left.map(|left| (left, titles)))
    }

    #[test]
    fn each_sources_abstracts_are_placed_after_those_before_it_and_misplaced_ones_are_told() {
        let dir = tempfile::tempdir().unwrap();
        let (first, first_left) = cached(dir.path(), 40);
        let (second, second_left) = cached(dir.path(), 25);
        let parsed = lenaview::synthetic::library(7, 9);
        let mut library = formats::bundled();
        for part in [&first, &parsed, &second] {
            library.extend(part.clone());
        }
        // What the followed topics list again comes last.
        library.extend(first.clone());
        let sources = || {
            vec![
                source(&first, Some(first_left.clone())),
                source(&parsed, None),
                source(&second, Some(second_left.clone())),
            ]
        };
        let left = left_in_cache(&library, true, sources()).expect("placed after the bundled library");
        assert_eq!(left.len(), 65);
        assert!(left_in_cache(&library, false, sources()).is_none(), "placed as if nothing came before them");
        let mut swapped = sources();
        swapped.swap(0, 2);
        assert!(left_in_cache(&library, true, swapped).is_none(), "in another order");
        let titled = |titles: &[&str]| -> Vec<Publication> {
            titles.iter().map(|title| Publication { title: title.to_string(), ..Publication::default() }).collect()
        };
        let hash = |titles: &[&str]| titles_hash(&titled(titles).iter().collect::<Vec<_>>());
        assert_ne!(hash(&["a", "b"]), hash(&["b", "a"]), "the order counts");
        assert_ne!(hash(&["ab", ""]), hash(&["a", "b"]), "where one title ends counts");
        assert_ne!(hash(&["a"]), hash(&["a", "a"]));
        assert_ne!(hash(&[]), hash(&[""]));
        assert_eq!(hash(&["a", "b"]), hash(&["a", "b"]));
    }

    #[test]
    fn titles_hashed_on_every_core_chain_as_they_would_on_one() {
        let publications: Vec<Publication> = (0..HASHED_PER_PART_AT_LEAST * 3 + 5)
            .map(|at| Publication { title: format!("title {at}"), ..Publication::default() })
            .collect();
        let refs: Vec<&Publication> = publications.iter().collect();
        let on_one_core = refs.iter().fold(0, |chained: u64, publication| {
            (chained.rotate_left(23) ^ xxhash_rust::xxh3::xxh3_64(publication.title.as_bytes())).wrapping_mul(PRIME)
        });
        assert_eq!(titles_hash(&refs), on_one_core);
        let mut swapped = refs.clone();
        swapped.swap(HASHED_PER_PART_AT_LEAST - 1, HASHED_PER_PART_AT_LEAST);
        assert_ne!(titles_hash(&swapped), on_one_core, "titles swapped across two parts");
    }
}
