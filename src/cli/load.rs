//! Where every command gets its library: the files given, or the bundled library, the library folder and the
//! followed topics' fetched records.
//! Problems are reported on stderr as they are met, with a summary of what was skipped.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use lenaview::cache::{self, ImportView, ListedSource, SourceCache};
use lenaview::formats::{self, Diagnostic, Imported, library_folder};
use lenaview::model::Library;
use lenaview::notes::NoteFolder;

mod leaving_abstracts;

pub use leaving_abstracts::{
    import_all_leaving_abstracts, load_library_leaving_abstracts, load_library_leaving_abstracts_reporting,
};

/// Files larger than this get a line on stderr while they load, so a big import never looks hung.
const PROGRESS_FROM_BYTES: u64 = 8 * 1024 * 1024;

/// Set by `--no-cache`: every source is parsed, and no cache is read or written.
static CACHE_OFF: AtomicBool = AtomicBool::new(false);

pub fn turn_cache_off() {
    CACHE_OFF.store(true, Ordering::Relaxed);
}

/// Set by a command that never reads abstracts (a search of titles): the cache then leaves them out, which is
/// most of its decoding and of the memory held.
static ABSTRACTS_UNREAD: AtomicBool = AtomicBool::new(false);

pub fn leave_out_abstracts() {
    ABSTRACTS_UNREAD.store(true, Ordering::Relaxed);
}

/// The cache of parsed sources, unless `--no-cache`, `LENAVIEW_NO_CACHE` or a system without a cache folder
/// says there is none. The bundled library is not cached: its 30 records parse in well under a millisecond.
fn source_cache() -> Option<&'static SourceCache> {
    static CACHE: OnceLock<Option<SourceCache>> = OnceLock::new();
    if CACHE_OFF.load(Ordering::Relaxed) || cache::disabled_by_environment() {
        return None;
    }
    CACHE.get_or_init(|| cache::default_dir().map(|dir| SourceCache::new(&dir))).as_ref()
}

/// One source file's library: from the cache when it holds this very file, else parsed (and cached).
fn import(file: &Path) -> Result<Imported, Diagnostic> {
    match source_cache() {
        Some(cache) if ABSTRACTS_UNREAD.load(Ordering::Relaxed) => cache.import_file_without_abstracts(file),
        Some(cache) => cache.import_file(file),
        None => formats::import_file(file),
    }
}

/// Says, once, why the cache could not be written: starts stay as slow as without it, nothing else is wrong.
fn report_cache_failure(warn: &mut dyn FnMut(String)) {
    static REPORTED: AtomicBool = AtomicBool::new(false);
    if let Some(failure) = source_cache().and_then(SourceCache::write_failure)
        && !REPORTED.swap(true, Ordering::Relaxed)
    {
        warn(format!("note: {failure} (files are parsed at every start; --no-cache skips the cache)"));
    }
}

/// The files merged into one library; with none, the bundled library, the library folder and the followed
/// topics' records.
/// `topic` ("Treatments/Pomalidomide") places every page of the files there instead of their own path.
/// Warnings (records skipped or repaired, folder files that did not import) go to stderr.
pub fn load_library(files: &[PathBuf], topic: Option<&str>) -> Result<Library, Diagnostic> {
    load_library_warning(files, topic, &mut |warning| super::report(warning))
}

/// [`load_library`], handing each warning to `warn` instead: the reader shows them in its message log,
/// since stderr is hidden behind its screen.
pub fn load_library_warning(
    files: &[PathBuf],
    topic: Option<&str>,
    warn: &mut dyn FnMut(String),
) -> Result<Library, Diagnostic> {
    load_through_cache(files, topic, warn, true)
}

fn load_through_cache(
    files: &[PathBuf],
    topic: Option<&str>,
    warn: &mut dyn FnMut(String),
    progress_on_stderr: bool,
) -> Result<Library, Diagnostic> {
    let library = load_sources(files, topic, warn, &Sources { import: &import, progress_on_stderr });
    report_cache_failure(warn);
    library
}

/// A first look at the library [`load_library_warning`] gives: its first `limit` publications, in the same order,
/// read from the cache (small files are parsed, big ones from their first bytes), so it is ready in milliseconds
/// whatever the library's size. `None` when the first records of a big file needed for it cannot be told from its
/// start (a CancerIndex page, another encoding than UTF-8, a start that does not parse): then only the whole load
/// can say what the library is, and a file given that fails says so before the screen opens.
/// `Some(FirstLook::Whole)` when the library has no more than `limit` publications: that is the library, with its
/// warnings.
pub fn first_look(files: &[PathBuf], topic: Option<&str>, limit: usize) -> Option<FirstLook> {
    // Without a cache (`--no-cache`), the same first look, from small files and big files' first bytes.
    let cache = source_cache();
    let left = Cell::new(limit);
    let cut = Cell::new(false);
    let missed = Cell::new(false);
    let first = |path: &Path| {
        // Past the first look, files on the command line the cache holds are still checked: one that would fail
        // must fail now, on a normal screen. Those of the library folder and the followed topics only ever warn.
        if left.get() == 0 && files.is_empty() {
            cut.set(true);
            return Ok(Imported::default());
        }
        // A pipe read for a first look would leave the whole load nothing: it is loaded whole, before the screen.
        if formats::is_read_once(path) {
            missed.set(true);
            return Ok(Imported::default());
        }
        let (imported, more) = match cache.and_then(|cache| cache.import_first(path, left.get())) {
            Some(first) => first,
            // A small file costs little to parse (and cache) whole: a followed topic's batch, a saved search.
            None if is_small(path) => {
                let mut imported = import(path)?;
                let more = imported.library.keep_first(left.get());
                (imported, more)
            }
            // A big file is parsed whole behind the first frame, which has its first records, from its first
            // bytes. Its problems are the whole parse's to tell, in the reader (see `open::load_rest`).
            None if left.get() == 0 => (Imported::default(), true),
            None => match formats::import_file_start(path, PARSED_FOR_A_FIRST_LOOK as usize) {
                Some(mut start) => {
                    start.library.keep_first(left.get());
                    (start, true)
                }
                None => {
                    missed.set(true);
                    return Ok(Imported::default());
                }
            },
        };
        cut.set(cut.get() || more);
        left.set(left.get().saturating_sub(imported.library.publication_count()));
        Ok(imported)
    };
    let mut warnings = Vec::new();
    let sources = Sources { import: &first, progress_on_stderr: false };
    let mut library = load_sources(files, topic, &mut |warning| warnings.push(warning), &sources).ok()?;
    if missed.get() {
        return None;
    }
    // Also cuts what no file was asked for: the bundled library before them, and the pages the followed topics
    // add after all the others (papers another topic has too).
    let cut_here = library.keep_first(limit);
    if cut.get() || cut_here {
        return Some(FirstLook::Part(library));
    }
    report_cache_failure(&mut |warning| warnings.push(warning));
    Some(FirstLook::Whole(library, warnings))
}

/// Files up to this size are parsed for a first look when the cache does not hold them (tens of milliseconds);
/// of a bigger file, this many first bytes are: hundreds of records, whatever the format.
const PARSED_FOR_A_FIRST_LOOK: u64 = 2 * 1024 * 1024;

fn is_small(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| metadata.len() <= PARSED_FOR_A_FIRST_LOOK)
}

/// What [`first_look`] saw.
pub enum FirstLook {
    /// The first publications of a bigger library.
    Part(Library),
    /// The whole library, and the warnings its loading gave.
    Whole(Library, Vec<String>),
}

/// How sources are read: `import` through the cache (or a first look at it), and whether a big file's
/// progress goes to stderr at once, while nothing else is on the screen.
struct Sources<'a> {
    import: &'a dyn Fn(&Path) -> Result<Imported, Diagnostic>,
    progress_on_stderr: bool,
}

fn load_sources(
    files: &[PathBuf],
    topic: Option<&str>,
    warn: &mut dyn FnMut(String),
    sources: &Sources,
) -> Result<Library, Diagnostic> {
    if files.is_empty() {
        let mut library = formats::bundled();
        if let Some(dir) = library_folder::default_dir() {
            // A folder file that does not import says so in its own warning; the rest are about single
            // records of files that did load.
            let (folder, problems) = library_folder::load_with(&dir, sources.import);
            for problem in problems {
                warn(problem.to_string());
            }
            library.extend(folder);
        }
        add_followed_topics(&mut library, warn, sources.import);
        return Ok(library);
    }
    let mut library = Library::default();
    for file in files {
        library.extend(import_placed(file, topic, warn, sources)?);
    }
    Ok(library)
}

/// Adds what `lenaview update` fetched, under each followed topic's path; the catalog merges it with the rest
/// by PMID.
/// Its warnings are mostly about single records of files that did load, so they do not say "not loaded".
fn add_followed_topics(
    library: &mut Library,
    warn: &mut dyn FnMut(String),
    import: &dyn Fn(&Path) -> Result<Imported, Diagnostic>,
) {
    let Some(dir) = lenaview::follow::settings::default_store_dir() else { return };
    for problem in lenaview::follow::store::Store::new(&dir).load_into_with(library, import) {
        warn(format!("{problem} (in the followed topics' records)"));
    }
}

/// The pages of `file`, imported as [`import_warning`] imports it, placed under `topic` when one is given.
fn import_placed(
    file: &Path,
    topic: Option<&str>,
    warn: &mut dyn FnMut(String),
    sources: &Sources,
) -> Result<Library, Diagnostic> {
    let mut pages = import_warning(file, warn, sources)?.library;
    if let Some(topic) = topic {
        place_under(&mut pages, topic);
    }
    Ok(pages)
}

/// Imports one file, handing what was repaired or skipped to `warn`. Progress on a big file goes to stderr
/// at once, when it may: it is for the wait, not for later.
fn import_warning(file: &Path, warn: &mut dyn FnMut(String), sources: &Sources) -> Result<Imported, Diagnostic> {
    let size = std::fs::metadata(file).map(|meta| meta.len()).unwrap_or(0);
    let started = Instant::now();
    let announced = sources.progress_on_stderr && announce_if_big(file, size);
    let imported = (sources.import)(file)?;
    report_cache_failure(warn);
    let count = imported.library.publication_count();
    report_imported(file, &imported.warnings, count, started, warn, announced);
    Ok(imported)
}

/// Says on stderr that `file`, of `size` bytes, is being read, when it is big enough to be waited for.
fn announce_if_big(file: &Path, size: u64) -> bool {
    let big = size >= PROGRESS_FROM_BYTES;
    if big {
        super::report(format!("reading {} ({} MB)…", file.display(), size / (1024 * 1024)));
    }
    big
}

/// Hands what was repaired or skipped in `file` to `warn`, then the count of its `publications` when some were
/// skipped or when a progress line opened its wait (`closes_progress`).
fn report_imported(
    file: &Path,
    warnings: &[Diagnostic],
    publications: usize,
    started: Instant,
    warn: &mut dyn FnMut(String),
    closes_progress: bool,
) {
    for warning in warnings {
        warn(warning.to_string());
    }
    let skipped = warnings.iter().filter(|warning| warning.is_skip()).count();
    // A big file's count closes the wait its progress line opened; loaded out of sight, it is no news.
    if skipped > 0 || closes_progress {
        let elapsed = started.elapsed().as_secs_f64();
        warn(format!("{}: {publications} imported, {skipped} skipped ({elapsed:.1} s)", file.display()));
    }
}

/// Hands `read` the imports of `files` read in place from the cache ([`SourceCache::read_in_place`]), when it holds
/// every one of them as they are now: what a one-shot listing reads. `None` when one of them must be parsed, when
/// there is no cache, and with no files (the bundled library, the library folder and the followed topics are
/// loaded whole).
pub fn read_cached_in_place<R>(files: &[PathBuf], read: impl FnOnce(Vec<ImportView<'_>>) -> R) -> Option<R> {
    match files {
        [] => None,
        files => source_cache()?.read_in_place(files, read),
    }
}

/// Hands `read` the imports of `files` listed in place from the cache ([`SourceCache::read_listed`]), when it holds
/// every one of them as they are now: what an export of a reference list reads. `None` as for
/// [`read_cached_in_place`].
pub fn read_cached_listed<R>(files: &[PathBuf], read: impl FnOnce(Vec<ListedSource<'_>>) -> R) -> Option<R> {
    match files {
        [] => None,
        files => source_cache()?.read_listed(files, read),
    }
}

/// Says on stderr what [`load_library`] says of each file when it imports them, for `views` of `files` read in
/// place since `started`: progress for a big file, what was repaired or skipped, and the counts.
pub fn report_views(files: &[PathBuf], views: &[ImportView], started: Instant) {
    let counts = views.iter().map(|view| view.pages.iter().map(|page| page.publications.len()).sum());
    report_read_in_place(files, views.iter().map(|view| view.warnings.as_slice()).zip(counts), started);
}

/// [`report_views`], for each file its warnings and how many publications it holds.
pub fn report_read_in_place<'a>(
    files: &[PathBuf],
    imports: impl Iterator<Item = (&'a [Diagnostic], usize)>,
    started: Instant,
) {
    for (file, (warnings, count)) in files.iter().zip(imports) {
        let big = announce_if_big(file, std::fs::metadata(file).map(|meta| meta.len()).unwrap_or(0));
        report_imported(file, warnings, count, started, &mut |warning| super::report(warning), big);
    }
}

/// Moves every page to `topic`, a path written with slashes.
pub fn place_under(library: &mut Library, topic: &str) {
    let path: Vec<String> =
        topic.split('/').map(str::trim).filter(|part| !part.is_empty()).map(str::to_string).collect();
    if path.is_empty() {
        return;
    }
    for page in &mut library.pages {
        page.path = path.clone();
    }
}

/// The user's notes put into their papers, for the reader and for commands that export or search them, and the
/// folder they are kept in (none without a data folder). Reading creates and changes nothing; a note that cannot
/// be read is handed to `warn`.
pub fn add_notes(library: &mut Library, warn: &mut dyn FnMut(String)) -> Option<NoteFolder> {
    let (folder, notes) = notes_by_paper(warn)?;
    lenaview::notes::fill(library, &notes);
    Some(folder)
}

/// The user's notes by their papers' keys, read as [`add_notes`] reads them, and their folder.
pub fn notes_by_paper(warn: &mut dyn FnMut(String)) -> Option<(NoteFolder, BTreeMap<String, String>)> {
    let folder = NoteFolder::at(NoteFolder::default_dir()?);
    let (notes, warnings) = folder.load();
    for warning in warnings {
        warn(warning);
    }
    Some((folder, notes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lenaview::model::Page;

    #[cfg(unix)]
    #[test]
    fn a_pipe_gets_no_first_look_which_would_leave_the_whole_load_nothing() {
        use std::io::{Read, Write};
        use std::os::fd::AsRawFd;
        let library = lenaview::formats::library_json::to_string(&lenaview::synthetic::library(5, 1));
        let (mut reader, mut writer) = std::io::pipe().unwrap();
        writer.write_all(library.as_bytes()).unwrap();
        drop(writer);
        let path = PathBuf::from(format!("/dev/fd/{}", reader.as_raw_fd()));
        assert!(formats::is_read_once(&path));
        assert!(first_look(std::slice::from_ref(&path), None, 3).is_none(), "loaded whole, before the screen");
        let mut left = String::new();
        reader.read_to_string(&mut left).unwrap();
        assert_eq!(left, library, "nothing was read ahead");
    }

    #[test]
    fn topics_are_slash_separated_paths() {
        let mut library =
            Library { pages: vec![Page { path: vec!["Imported".into(), "x".into()], ..Page::default() }] };
        place_under(&mut library, " Treatments / Pomalidomide/ ");
        assert_eq!(library.pages[0].path, ["Treatments", "Pomalidomide"]);
        place_under(&mut library, "//");
        assert_eq!(library.pages[0].path, ["Treatments", "Pomalidomide"]);
    }
}
