//! A derived cache of parsed sources, so a start reads each unchanged file's library instead of parsing it again.
//!
//! One cache file per source file under `$XDG_CACHE_HOME/lenaview/parsed/`, named by a hash of the source's
//! canonical path and the name messages give it. Per source rather than per start set: the library folder and the
//! followed topics' batches change one file at a time, so only that file is parsed again, and a file given on the
//! command line shares its cache across every command that reads it.
//!
//! A cache is used only when its header names this build and exactly this source (name, path, size, modification
//! time and a hash of every byte), and the checksums of what is read hold. Anything else (damaged, cut short, stale,
//! another version's) is passed over and written anew; a cache that cannot be written is skipped. A big library JSON
//! parsed anew is written into its cache file a run of pages at a time as it is read (`streamed.rs`), then read from
//! it: its whole text and whole parse are never held at once.
//!
//! Cache files are read mapped, not copied in: a reader touches only the parts it decodes. The reader of the
//! whole library leaves the abstracts in the file ([`SourceCache::import_file_leaving_abstracts`]) and reads one
//! when it is shown or searched ([`CachedAbstracts`]); an export of a reference list reads each as it writes it, in
//! place ([`CachedAbstracts::push_text`]).

mod abstracts;
mod encoding;
mod entry;
mod source_hash;
mod streamed;

use std::collections::HashMap;
use std::fs::{self, File};
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once, OnceLock};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use memmap2::Mmap;
use xxhash_rust::xxh3::xxh3_128;

use crate::durable;
use crate::formats::{self, Diagnostic, Imported};
pub use abstracts::{CachedAbstracts, UnreadableAbstract};
pub use encoding::{ImportView, ListedPage, Listing, PageView, PublicationView, decode_publication_at};
#[cfg(test)]
pub(crate) use encoding::{encode, listed, view};
use entry::{SourceKey, Stamp};
use source_hash::hash_file_unless;

/// A cache file not used for this long belongs to a source no longer read (a removed file, a moved folder).
const UNUSED_AFTER: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// A cache file in use has its time refreshed at most this often, so pruning spares it.
const REFRESH_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Where parsed sources are cached on this system, when it has a cache folder.
pub fn default_dir() -> Option<PathBuf> {
    crate::durable::paths::cache_dir().map(|cache| cache.join("parsed"))
}

/// `LENAVIEW_NO_CACHE=1` (any value but empty or `0`) turns the cache off, like `--no-cache`.
pub fn disabled_by_environment() -> bool {
    std::env::var_os("LENAVIEW_NO_CACHE").is_some_and(|value| !value.is_empty() && value != "0")
}

/// [`entry::read_beside`] or one of its leaner twins, of a mapped cache file, and the source's hash when a
/// [`Hashing`] is given: taken beside the decoding (see [`SourceCache::read_entry`]).
type EntryReader<'a, T> = &'a dyn Fn(&Mapped, &Stamp, &SourceKey, Option<Hashing<'_>>) -> Option<(T, Option<u128>)>;

/// Hashes the source a cache file was made from.
type Hashing<'a> = &'a (dyn Fn() -> Option<u128> + Sync);

/// `read` on this thread and, when there is one, `hash` on another beside it.
fn hashed_beside<T>(hash: Option<Hashing<'_>>, read: impl FnOnce() -> Option<T>) -> Option<(T, Option<u128>)> {
    let Some(hash) = hash else { return read().map(|read| (read, None)) };
    thread::scope(|threads| {
        let hash = threads.spawn(hash);
        let read = read();
        read.map(|read| (read, crate::parallel::joined(hash)))
    })
}

/// One source's lean import read in place from its mapped cache file, for an export: each page's path and each
/// paper's listing (what it is chosen and told apart by), the whole paper decoded from `lean` once chosen
/// ([`decode_publication_at`]); the import's warnings; and the abstracts, left in the file.
pub struct ListedSource<'a> {
    pub lean: &'a [u8],
    pub pages: Vec<ListedPage<'a>>,
    pub warnings: Vec<Diagnostic>,
    pub abstracts: CachedAbstracts,
}

impl<'a> ListedSource<'a> {
    fn of(file: &'a Mapped, stamp: &Stamp, recorded: &SourceKey) -> Option<ListedSource<'a>> {
        let (lean, abstracts) = entry::lean_leaving_abstracts(&file.file, &file.bytes, stamp, recorded)?;
        let (pages, warnings) = encoding::listed_on_every_core(lean)?;
        let count: usize = pages.iter().map(|page| page.publications.len()).sum();
        (count == abstracts.len()).then_some(ListedSource { lean, pages, warnings, abstracts })
    }
}

/// The hashes of some sources, taken on a thread of their own beside what is read of their cache files meanwhile
/// (the biggest part of the work).
struct HashesBeside<'scope> {
    hashes: thread::ScopedJoinHandle<'scope, Vec<Option<u128>>>,
    missed: &'scope AtomicBool,
}

impl<'scope> HashesBeside<'scope> {
    fn start(
        threads: &'scope thread::Scope<'scope, '_>,
        sources: &'scope [PathBuf],
        missed: &'scope AtomicBool,
    ) -> Self {
        let hashes = threads.spawn(|| sources.iter().map(|source| hash_file_unless(source, missed).ok()).collect());
        HashesBeside { hashes, missed }
    }

    /// A cache file is missing or stale: the hashes are not wanted, and stop rather than hold up the parse that
    /// comes next.
    fn missed<T>(&self) -> Option<T> {
        self.missed.store(true, Ordering::Relaxed);
        None
    }

    /// Whether the cache files `entries` (each its path and the source it records) were made from their sources as
    /// they are now: each is then marked as in use.
    fn hold<'a>(self, entries: impl Iterator<Item = (&'a PathBuf, &'a SourceKey)> + Clone) -> bool {
        let hashes = crate::parallel::joined(self.hashes);
        let hold = entries.clone().map(|(_, recorded)| Some(recorded.content_hash)).eq(hashes);
        if hold {
            for (entry_path, _) in entries {
                refresh_if_old(entry_path);
            }
        }
        hold
    }
}

/// A cache file, open and mapped read-only: a reader touches only the pages of the parts it decodes.
struct Mapped {
    file: File,
    bytes: Mmap,
}

pub struct SourceCache {
    dir: PathBuf,
    stamp: Stamp,
    write_failure: OnceLock<String>,
    /// Pruning reads the whole folder: once a process, not once for each of a thousand batches written.
    pruned: Once,
    /// Cache files a first look cut short, by path, with the key they were checked against: the whole import that
    /// follows in the same start decodes them without mapping them and hashing their source a second time.
    looked_at: Mutex<HashMap<PathBuf, (SourceKey, Mapped)>>,
}

impl SourceCache {
    pub fn new(dir: &Path) -> SourceCache {
        let stamp = Stamp {
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            layout: encoding::layout_fingerprint(),
            build: build_identity(),
        };
        SourceCache {
            dir: dir.to_path_buf(),
            stamp,
            write_failure: OnceLock::new(),
            pruned: Once::new(),
            looked_at: Mutex::new(HashMap::new()),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// As [`formats::import_file`], from the cache when it holds this very file. Errors are never cached: they are
    /// met again, and said again, on every start.
    pub fn import_file(&self, path: &Path) -> Result<Imported, Diagnostic> {
        let read = |file: &Mapped, stamp: &Stamp, key: &SourceKey, hash: Option<Hashing<'_>>| {
            entry::read_beside(&file.bytes, stamp, key, || hash.and_then(|hash| hash()))
        };
        self.import(path, &read, |imported, _| imported)
    }

    /// As [`SourceCache::import_file`], for a reader of everything but abstracts (a search of titles): from the
    /// cache, every `abstract_sections` is left empty, which saves most of the decoding and the memory; a file
    /// parsed anew keeps them.
    pub fn import_file_without_abstracts(&self, path: &Path) -> Result<Imported, Diagnostic> {
        let read = |file: &Mapped, stamp: &Stamp, key: &SourceKey, hash: Option<Hashing<'_>>| {
            hashed_beside(hash, || entry::read_without_abstracts(&file.bytes, stamp, key))
        };
        self.import(path, &read, |imported, _| imported)
    }

    /// As [`SourceCache::import_file`], for the reader: every `abstract_sections` is left empty and the abstracts
    /// stay in the cache file, to be read one at a time ([`CachedAbstracts`], in the order of the import's
    /// publications). A file parsed anew leaves them in the cache file just written for it, so that a first start
    /// holds what later ones hold; it keeps them, and comes without [`CachedAbstracts`], only when that file could
    /// not be written or read back.
    pub fn import_file_leaving_abstracts(
        &self,
        path: &Path,
    ) -> Result<(Imported, Option<CachedAbstracts>), Diagnostic> {
        let leaving = |file: &Mapped, stamp: &Stamp, key: &SourceKey, hash: Option<Hashing<'_>>| {
            let (read, hash) =
                hashed_beside(hash, || entry::read_leaving_abstracts(&file.file, &file.bytes, stamp, key))?;
            Some(((read.0, Some(read.1)), hash))
        };
        // A file parsed anew is read back from the cache file just written for it, as later starts read it: its
        // abstracts stay there, and its publications are decoded into memory of their own instead of staying among
        // the parse's freed abstracts, in a heap too scattered to be given back (150 MiB held at 100k, not 104).
        self.import(path, &leaving, |imported, written| {
            written.and_then(|written| self.read_written(&written, &leaving)).unwrap_or((imported, None))
        })
    }

    /// The first `limit` publications of `path` and whether it holds more, when the cache holds this very file;
    /// `None` when it does not: nothing is parsed, since a first look is for not waiting. With a `limit` of 0 it
    /// only tells whether a later import of `path` will come from the cache (and so cannot fail).
    pub fn import_first(&self, path: &Path, limit: usize) -> Option<(Imported, bool)> {
        let located = locate(path, &path.display().to_string()).ok()?;
        let entry_path = self.entry_path(&located);
        let (file, key) = self.checked_entry(&entry_path, path, &located)?;
        let (first, cut) = entry::read_first(&file.bytes, &self.stamp, &key, limit)?;
        if cut && let Ok(mut looked_at) = self.looked_at.lock() {
            looked_at.insert(entry_path, (key, file));
        }
        Some((first, cut))
    }

    /// Hands `read` the imports of `sources`, in order, read in place from their cache files (see [`ImportView`]),
    /// when the cache holds every one of them as they are now; `None`, without calling `read`, when one has to be
    /// imported anew. Only the lean imports are read (abstracts are left out of them). Hashing the sources, the
    /// biggest part of the work, is done beside reading the cache files.
    pub fn read_in_place<R>(&self, sources: &[PathBuf], read: impl FnOnce(Vec<ImportView<'_>>) -> R) -> Option<R> {
        let missed = AtomicBool::new(false);
        thread::scope(|threads| {
            let hashes = HashesBeside::start(threads, sources, &missed);
            let Some(entries) = sources.iter().map(|source| self.lean_entry(source)).collect::<Option<Vec<_>>>() else {
                return hashes.missed();
            };
            let Some(views) = entries.iter().map(|(_, _, lean)| encoding::view(lean)).collect::<Option<Vec<_>>>()
            else {
                return hashes.missed();
            };
            hashes.hold(entries.iter().map(|(path, recorded, _)| (path, recorded))).then(|| read(views))
        })
    }

    /// Hands `read` the lean imports of `sources`, in order, listed in place from their mapped cache files (see
    /// [`ListedSource`]), when the cache holds every one of them as they are now; `None`, without calling `read`,
    /// when one has to be imported anew. The sources are hashed beside the listing.
    pub fn read_listed<R>(&self, sources: &[PathBuf], read: impl FnOnce(Vec<ListedSource<'_>>) -> R) -> Option<R> {
        let missed = AtomicBool::new(false);
        thread::scope(|threads| {
            let hashes = HashesBeside::start(threads, sources, &missed);
            let mut entries = Vec::with_capacity(sources.len());
            for source in sources {
                let Ok(located) = locate(source, &source.display().to_string()) else { return hashes.missed() };
                let entry_path = self.entry_path(&located);
                let Some((file, recorded)) = self.naming_entry(&entry_path, &located) else { return hashes.missed() };
                entries.push((entry_path, file, recorded));
            }
            let mut listed = Vec::with_capacity(entries.len());
            for (_, file, recorded) in &entries {
                let Some(source) = ListedSource::of(file, &self.stamp, recorded) else { return hashes.missed() };
                listed.push(source);
            }
            hashes.hold(entries.iter().map(|(path, _, recorded)| (path, recorded))).then(|| read(listed))
        })
    }

    /// The path of the cache file of `source`, the source key it records and its lean import, encoded, when it names
    /// `source` as the file system describes it now (the content hash is left to the caller).
    fn lean_entry(&self, source: &Path) -> Option<(PathBuf, SourceKey, Vec<u8>)> {
        let located = locate(source, &source.display().to_string()).ok()?;
        let entry_path = self.entry_path(&located);
        let mut file = File::open(&entry_path).ok()?;
        let file_len = file.metadata().ok()?.len();
        let (recorded, lean) = entry::read_lean(&mut file, file_len, &self.stamp)?;
        names(&recorded, &located).then_some((entry_path, recorded, lean))
    }

    /// The import of `path` as `read` reads it from its cache file, when the cache holds this very file; else
    /// parsed (and cached), as `parsed` hands it on.
    fn import<T>(
        &self,
        path: &Path,
        read: EntryReader<'_, T>,
        parsed: impl FnOnce(Imported, Option<Written>) -> T,
    ) -> Result<T, Diagnostic> {
        let name = path.display().to_string();
        let Ok(located) = locate(path, &name) else {
            return formats::import_file(path).map(|imported| parsed(imported, None));
        };
        let entry_path = self.entry_path(&located);
        if let Some(imported) = self.looked_at(&entry_path, &located, read) {
            return Ok(imported);
        }
        if let Some(imported) = self.read_entry(&entry_path, path, &located, read) {
            return Ok(imported);
        }
        if let Some(imported) =
            self.write_streamed(path, &located, &entry_path).and_then(|written| self.read_written(&written, read))
        {
            return Ok(imported);
        }
        // Read once, hashed as read: the entry names the very bytes parsed.
        let bytes = formats::read_source(path)?;
        let key = SourceKey { size: bytes.len() as u64, content_hash: xxh3_128(&bytes), ..located };
        let imported = formats::import_owned_bytes(&name, bytes)?;
        let written = match self.write_entry(&entry_path, &key, &imported) {
            Ok(()) => Some(Written { entry_path, key }),
            Err(err) => {
                let _ = self.write_failure.set(format!("cannot write the cache in {}: {err}", self.dir.display()));
                None
            }
        };
        Ok(parsed(imported, written))
    }

    /// The first reason a cache file could not be written, for one line on stderr; starts are only slower.
    pub fn write_failure(&self) -> Option<&str> {
        self.write_failure.get().map(String::as_str)
    }

    fn entry_path(&self, key: &SourceKey) -> PathBuf {
        let mut named = key.path.clone();
        named.push(0);
        named.extend_from_slice(key.name.as_bytes());
        self.dir.join(format!("{:032x}.bin", xxh3_128(&named)))
    }

    /// The entry's import when it was made from `source` as it is now. Its name, path, size and time are compared
    /// first, so a stale entry (or none) costs no read of the source; only then are the source's bytes hashed, beside
    /// the decoding of the entry, which is kept only if they hash as the entry records (a source changed in place,
    /// keeping its size and time, costs a decoding for nothing).
    fn read_entry<T>(&self, entry_path: &Path, source: &Path, located: &SourceKey, read: EntryReader<T>) -> Option<T> {
        let (file, recorded) = self.naming_entry(entry_path, located)?;
        let (imported, hash) = read(&file, &self.stamp, &recorded, Some(&|| hash_file(source).ok()))?;
        if hash? != recorded.content_hash {
            return None;
        }
        refresh_if_old(entry_path);
        Some(imported)
    }

    /// The entry at `entry_path`, mapped, and the key of `source` as it is now, when the entry's header names it
    /// (the rest is checked as it is read).
    fn checked_entry(&self, entry_path: &Path, source: &Path, located: &SourceKey) -> Option<(Mapped, SourceKey)> {
        let (file, _) = self.naming_entry(entry_path, located)?;
        let key = SourceKey { content_hash: hash_file(source).ok()?, ..located.clone() };
        refresh_if_old(entry_path);
        Some((file, key))
    }

    /// The entry at `entry_path`, mapped, and the source it records, when this build wrote it and it names the source
    /// `located` describes (the content hash aside).
    fn naming_entry(&self, entry_path: &Path, located: &SourceKey) -> Option<(Mapped, SourceKey)> {
        let file = map(entry_path)?;
        let recorded = entry::recorded_source(&file.bytes, &self.stamp)?;
        names(&recorded, located).then_some((file, recorded))
    }

    /// The import of an entry a first look checked in this start, when its source's name, path, size and time
    /// have not changed since: its hash was taken moments ago. Taken once.
    fn looked_at<T>(&self, entry_path: &Path, located: &SourceKey, read: EntryReader<T>) -> Option<T> {
        let (checked, file) = self.looked_at.lock().ok()?.remove(entry_path)?;
        let key = SourceKey { content_hash: checked.content_hash, ..located.clone() };
        (key == checked).then(|| read(&file, &self.stamp, &key, None))?.map(|(imported, _)| imported)
    }

    /// The cache file just `written`, read as `read` reads a cache file. Checked as any cache file is: should another
    /// process have replaced it since, it must name the same source, bytes and build.
    fn read_written<T>(&self, written: &Written, read: EntryReader<T>) -> Option<T> {
        let file = map(&written.entry_path)?;
        read(&file, &self.stamp, &written.key, None).map(|(imported, _)| imported)
    }

    fn write_entry(&self, entry_path: &Path, key: &SourceKey, imported: &Imported) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        self.pruned.call_once(|| prune_unused(&self.dir));
        durable::write_atomically(entry_path, &entry::write(&self.stamp, key, imported))
    }
}

/// A cache file just written for a file parsed anew, and the source it names.
struct Written {
    entry_path: PathBuf,
    key: SourceKey,
}

/// The cache file at `entry_path`, open and mapped read-only.
fn map(entry_path: &Path) -> Option<Mapped> {
    let file = File::open(entry_path).ok()?;
    // SAFETY: the mapping is only ever read, and cache files are never written in place: a new one is written
    // aside and renamed over the old (`durable::write_atomically`), which leaves this mapping the old file's
    // bytes for as long as it lives (refreshing a file's time changes no byte). Only a foreign process truncating
    // the file could take them away, and every part read from it is checked before it is trusted.
    let bytes = unsafe { Mmap::map(&file) }.ok()?;
    Some(Mapped { file, bytes })
}

/// Whether the source a cache file records is the one `located` describes: its name, path, size and time.
fn names(recorded: &SourceKey, located: &SourceKey) -> bool {
    *recorded == SourceKey { content_hash: recorded.content_hash, ..located.clone() }
}

/// The source's key but for its content hash (left 0): what the file system says of it, without reading it.
fn locate(path: &Path, name: &str) -> io::Result<SourceKey> {
    let canonical = fs::canonicalize(path)?;
    let metadata = fs::metadata(&canonical)?;
    if !metadata.is_file() {
        return Err(io::Error::other("not a regular file: read once, as it comes, and not cached"));
    }
    Ok(SourceKey {
        name: name.to_string(),
        path: canonical.into_os_string().into_encoded_bytes(),
        size: metadata.len(),
        modified_ns: metadata.modified().map(nanoseconds_from_epoch).unwrap_or(0),
        content_hash: 0,
    })
}

/// The hash of a file's bytes, read through a small buffer (no copy of a big file is kept just to hash it).
fn hash_file(path: &Path) -> io::Result<u128> {
    hash_file_unless(path, &AtomicBool::new(false))
}

fn nanoseconds_from_epoch(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// This executable's path, size and time: two builds of one version may parse differently (a fix on a branch).
fn build_identity() -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    if let Ok(exe) = std::env::current_exe() {
        exe.hash(&mut hasher);
        if let Ok(metadata) = fs::metadata(&exe) {
            metadata.len().hash(&mut hasher);
            metadata.modified().map(nanoseconds_from_epoch).unwrap_or(0).hash(&mut hasher);
        }
    }
    hasher.finish()
}

fn is_older_than(path: &Path, age: Duration) -> bool {
    fs::metadata(path).and_then(|metadata| metadata.modified()).is_ok_and(|time| time.elapsed().is_ok_and(|e| e > age))
}

/// Marks a cache file as in use, so [`prune_unused`] spares it. Best effort: a read-only cache still reads.
fn refresh_if_old(entry_path: &Path) {
    if is_older_than(entry_path, REFRESH_AFTER)
        && let Ok(file) = File::options().write(true).open(entry_path)
    {
        let _ = file.set_modified(SystemTime::now());
    }
}

/// Removes cache files (and temporary files of killed writers) unused for a month. Best effort.
fn prune_unused(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_file() && is_older_than(&path, UNUSED_AFTER) {
            let _ = fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests;
