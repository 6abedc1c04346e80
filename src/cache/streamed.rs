//! A big library JSON parsed anew is cached as it is read, a run of pages at a time, then read from its cache file
//! as a later start reads it: the whole text and the whole parse are never held at once (they were: 236 MB for a
//! 111 MB library, where a start from the cache holds less than the file).
//!
//! Two reads of the source: the first hashes it (the cache file's header names its hash) and finds its pages; the
//! second parses them a run at a time, hashing again, and the cache file is kept only if both hashes agree, so it
//! never holds pages of a file that changed while it was read. Anything else than the shape `lenaview import`
//! writes (another format, a byte-order mark, CR line ends, a page that does not parse) is left to the parse of the
//! whole text, which reads it, or says where it is wrong, as it always has.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::SourceCache;
use super::entry::{EncodedPages, PartsWriter, SourceKey};
use crate::durable;
use crate::formats::clean::{Found, SourcePiece};
use crate::formats::library_json::{PageScanner, parse_run};

/// Below this a library is parsed whole: its text and parse take little memory, and one read is quicker.
const STREAM_FROM_BYTES: u64 = 1 << 20;
/// About this much of the source is parsed at a time, shared between the threads.
const RUN_BYTES: usize = 8 << 20;
/// The first read's buffer: small enough to stay in the L2 cache, so hashing and scanning read it from there.
const READ_BYTES: usize = 256 << 10;

/// What the first read of a source found.
struct Scanned {
    size: u64,
    content_hash: u128,
    pages: Vec<(usize, usize)>,
}

impl SourceCache {
    /// Writes the cache file of `source` (`located`) at `entry_path` as the source is read, and returns the key it
    /// names; `None`, with nothing written, when the source is small or not a library JSON this reads in runs.
    pub(super) fn write_streamed(&self, source: &Path, located: &SourceKey, entry_path: &Path) -> Option<SourceKey> {
        self.write_in_runs(source, located, entry_path, Runs { from_bytes: STREAM_FROM_BYTES, run_bytes: RUN_BYTES })
    }

    fn write_in_runs(&self, source: &Path, located: &SourceKey, entry_path: &Path, runs: Runs) -> Option<SourceKey> {
        let mut file = File::open(source).ok()?;
        if file.metadata().ok()?.len() < runs.from_bytes {
            return None;
        }
        fs::create_dir_all(&self.dir).ok()?;
        self.pruned.call_once(|| super::prune_unused(&self.dir));
        let mut written_key = None;
        let written = durable::write_atomically_with(entry_path, |entry| {
            let scanned = scan(&mut file)?;
            let key = SourceKey { size: scanned.size, content_hash: scanned.content_hash, ..located.clone() };
            self.write_pages(entry, entry_path, &mut file, &key, &scanned.pages, runs.run_bytes)?;
            written_key = Some(key);
            #[cfg(test)]
            tests::STREAMED.set(tests::STREAMED.get() + 1);
            Ok(())
        });
        written.ok().and(written_key)
    }

    /// Parses the `pages` of `source` a run at a time into the cache file `entry`, checking that the source
    /// hashes as `key` says once read.
    fn write_pages(
        &self,
        entry: &mut File,
        entry_path: &Path,
        source: &mut File,
        key: &SourceKey,
        pages: &[(usize, usize)],
        run_bytes: usize,
    ) -> io::Result<()> {
        let (block_path, block) = durable::create_hidden_beside(entry_path, ".abstracts-")?;
        let _removed = RemovedWhenDropped(block_path);
        let mut writer = PartsWriter::start(entry, block, &self.stamp, key, pages.len())?;
        let threads = std::thread::available_parallelism().map_or(1, |threads| threads.get());
        source.seek(SeekFrom::Start(0))?;
        let (mut hasher, mut found, mut read_to) = (Xxh3::new(), Found::default(), 0);
        let mut text = Vec::new();
        for run in runs_of(pages, run_bytes) {
            let end = run.last().map_or(read_to, |&(_, end)| end);
            text.clear();
            source.by_ref().take((end - read_to) as u64).read_to_end(&mut text)?;
            if text.len() != end - read_to {
                return Err(changed());
            }
            hasher.update(&text);
            let piece = SourcePiece { bytes: &text, offset: read_to };
            let shares = parse_run(piece, run, threads, EncodedPages::of)
                .ok_or_else(|| io::Error::other("a page does not parse: the whole text is parsed to tell where"))?;
            for share in shares {
                for (page, removals) in share.pages.iter().zip(share.removals) {
                    found.note(piece, page, removals);
                }
                writer.write(&share.encoded)?;
            }
            found.leave(piece);
            read_to = end;
        }
        text.clear();
        source.read_to_end(&mut text)?;
        hasher.update(&text);
        if (read_to + text.len()) as u64 != key.size || hasher.digest128() != key.content_hash {
            return Err(changed());
        }
        writer.finish(&found.warnings(&key.name))
    }
}

/// When a source is read in runs, and how long they are: set by tests to read small files in many runs.
#[derive(Clone, Copy)]
struct Runs {
    from_bytes: u64,
    run_bytes: usize,
}

fn changed() -> io::Error {
    io::Error::other("the source changed while it was read")
}

/// The source's size, hash and pages, read once through a small buffer; an error when it is not a library JSON
/// this reads in runs.
fn scan(source: &mut File) -> io::Result<Scanned> {
    let (mut hasher, mut scanner, mut size) = (Xxh3::new(), PageScanner::default(), 0u64);
    let mut buffer = vec![0; READ_BYTES];
    let not_in_runs = || io::Error::other("not a library JSON read in runs");
    loop {
        let read = match source.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        let piece = &buffer[..read];
        // The whole text's decoding makes CRs line ends, which the warnings' line numbers count.
        if memchr::memchr(b'\r', piece).is_some() {
            return Err(not_in_runs());
        }
        hasher.update(piece);
        scanner.feed(piece);
        if scanner.refused() {
            return Err(not_in_runs());
        }
        size += read as u64;
    }
    let pages = scanner.finish().ok_or_else(not_in_runs)?;
    Ok(Scanned { size, content_hash: hasher.digest128(), pages })
}

/// The pages in runs of about `run_bytes` of text each, in order, at least one page a run.
fn runs_of(pages: &[(usize, usize)], run_bytes: usize) -> impl Iterator<Item = &[(usize, usize)]> {
    let mut rest = pages;
    std::iter::from_fn(move || {
        let &(start, _) = rest.first()?;
        let count = rest.iter().take_while(|&&(_, end)| end - start <= run_bytes).count().max(1);
        let (run, after) = rest.split_at(count);
        rest = after;
        Some(run)
    })
}

/// A file removed when this is dropped, however the work on it ended. Best effort.
struct RemovedWhenDropped(PathBuf);

impl Drop for RemovedWhenDropped {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.0);
    }
}

#[cfg(test)]
mod tests;
