//! A big library JSON parsed anew is cached as it is read, a run of pages at a time, then read from its cache file
//! as a later start reads it: the whole text and the whole parse are never held at once (they were: 236 MB for a
//! 111 MB library, where a start from the cache holds less than the file).
//!
//! The source is read once, through a small buffer, on a thread of its own: hashed as read (the cache file names the
//! very bytes parsed) and its pages found, whole pages handed on a run at a time, while the runs before are parsed
//! and cleaned on every core and written into the cache file. Anything else than the shape `lenaview import` writes
//! (another format, a byte-order mark, CR line ends, a page that does not parse) is left to the parse of the whole
//! text, which reads it, or says where it is wrong, as it always has.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{SyncSender, sync_channel};

use xxhash_rust::xxh3::Xxh3;

use super::entry::{EncodedPages, PartsWriter, SourceKey};
use super::{SourceCache, Written};
use crate::durable;
use crate::formats::clean::{Found, SourcePiece};
use crate::formats::library_json::{PageScanner, parse_run};

/// Below this a library is parsed whole: its text and parse take little memory, and that is quicker.
const STREAM_FROM_BYTES: u64 = 1 << 20;
/// About this much of the source is parsed at a time, shared between the threads: a 32nd of it, within these bounds.
/// Up to three runs are held at once (one read, one waiting, one parsed): at 8 MiB the 111 MB library's cold start
/// peaks at its warm start's 110 MB, while a 11 MB library's peaked 2 MB above its warm start's.
const RUN_BYTES: std::ops::RangeInclusive<usize> = (1 << 20)..=(8 << 20);
/// A page longer than this (or than four runs) is not read in runs: a run is at least a page, and one page is parsed
/// on one core, so a library of one huge page (what `lenaview import` writes of one big file) is parsed whole, on
/// every core, as before. Read in runs, the 100k library as one page peaked at 268 MB in 1.37 s, whole at 225 MB in
/// 0.97 s.
const LONGEST_PAGE_AT_LEAST: usize = 32 << 20;
/// The source is read this much at a time: small enough that the hash and the scan read it from the L2 cache.
const READ_BYTES: usize = 256 << 10;

/// What reading a source through found: its size and hash.
struct ReadThrough {
    size: u64,
    content_hash: u128,
}

/// Whole pages of the source, as read: `text` holds its bytes from `offset` on.
struct Run {
    text: Vec<u8>,
    offset: usize,
    pages: Vec<(usize, usize)>,
}

impl SourceCache {
    /// Writes the cache file of `source` (`located`) at `entry_path` as the source is read; `None`, with nothing
    /// written, when the source is small or not a library JSON read in runs.
    pub(super) fn write_streamed(&self, source: &Path, located: &SourceKey, entry_path: &Path) -> Option<Written> {
        let size = usize::try_from(located.size).unwrap_or(usize::MAX);
        let run_bytes = (size / 32).clamp(*RUN_BYTES.start(), *RUN_BYTES.end());
        let longest_page = (4 * run_bytes).max(LONGEST_PAGE_AT_LEAST);
        self.write_in_runs(source, located, entry_path, Runs { from_bytes: STREAM_FROM_BYTES, run_bytes, longest_page })
    }

    fn write_in_runs(&self, source: &Path, located: &SourceKey, entry_path: &Path, runs: Runs) -> Option<Written> {
        if located.size < runs.from_bytes {
            return None;
        }
        let mut file = File::open(source).ok()?;
        fs::create_dir_all(&self.dir).ok()?;
        self.pruned.call_once(|| super::prune_unused(&self.dir));
        let key = self.write_pages(entry_path, &mut file, located, runs).ok()?;
        #[cfg(test)]
        tests::STREAMED.set(tests::STREAMED.get() + 1);
        Some(Written { entry_path: entry_path.to_path_buf(), key })
    }

    /// Reads `source` through, parsing its pages a run at a time, then writes the cache file at `entry_path` of them;
    /// returns the key the file names. Until then everything waits in unnamed files: the new cache file has a name
    /// (a temporary one, beside it) only while it is put together, so a start killed meanwhile leaves nothing.
    fn write_pages(
        &self,
        entry_path: &Path,
        source: &mut File,
        located: &SourceKey,
        runs: Runs,
    ) -> io::Result<SourceKey> {
        let (lean, _lean_removed) = waiting_file(entry_path, ".lean-")?;
        let (block, _block_removed) = waiting_file(entry_path, ".abstracts-")?;
        let mut writer = PartsWriter::new(lean, block);
        let mut found = Found::default();
        let threads = std::thread::available_parallelism().map_or(1, |threads| threads.get());
        let read = std::thread::scope(|scope| {
            // One run waits while one is parsed and the next is read: memory for three runs at most.
            let (hand_on, handed) = sync_channel(1);
            let reader = scope.spawn(move || read_in_runs(source, runs, hand_on));
            for run in handed {
                let piece = SourcePiece { bytes: &run.text, offset: run.offset };
                let shares = parse_run(piece, &run.pages, threads, EncodedPages::of)
                    .ok_or_else(|| io::Error::other("a page does not parse: the whole text is parsed to tell where"))?;
                for share in shares {
                    for (page, removals) in share.pages.iter().zip(share.removals) {
                        found.note(piece, page, removals);
                    }
                    writer.write(&share.encoded)?;
                }
                found.leave(piece);
            }
            crate::parallel::joined(reader)
        })?;
        let key = SourceKey { size: read.size, content_hash: read.content_hash, ..located.clone() };
        let warnings = found.warnings(&key.name);
        durable::write_atomically_with(entry_path, |entry| writer.finish(entry, &self.stamp, &key, &warnings))?;
        Ok(key)
    }
}

/// When a source is read in runs, how long they are, and how long a page may be: set by tests to read small files in
/// many runs.
#[derive(Clone, Copy)]
struct Runs {
    from_bytes: u64,
    run_bytes: usize,
    longest_page: usize,
}

fn too_long() -> io::Error {
    io::Error::other("a page too long to read in runs")
}

/// Reads `source` through, hashing it and finding its pages, and hands on its whole pages in runs of about
/// `runs.run_bytes`; an error when it is not a library JSON read in runs (a page longer than `runs.longest_page`
/// included), or the runs are no longer wanted.
fn read_in_runs(source: &mut File, runs: Runs, hand_on: SyncSender<Run>) -> io::Result<ReadThrough> {
    let run_bytes = runs.run_bytes;
    let (mut hasher, mut scanner) = (Xxh3::new(), PageScanner::default());
    let not_in_runs = || io::Error::other("not a library JSON read in runs");
    let (mut text, mut offset, mut handed_on) = (Vec::with_capacity(run_bytes.min(1 << 30) + READ_BYTES), 0, 0);
    loop {
        let start = text.len();
        let read = source.by_ref().take(READ_BYTES as u64).read_to_end(&mut text)?;
        let piece = &text[start..];
        // The whole text's decoding makes CRs line ends, which the warnings' line numbers count.
        if memchr::memchr(b'\r', piece).is_some() {
            return Err(not_in_runs());
        }
        hasher.update(piece);
        scanner.feed(piece);
        if scanner.refused() {
            return Err(not_in_runs());
        }
        let whole = &scanner.pages()[handed_on..];
        if whole.iter().any(|&(start, end)| end - start > runs.longest_page) {
            return Err(too_long());
        }
        if let Some(&(_, end)) = whole.last()
            && (read == 0 || end - offset >= run_bytes)
        {
            let rest = text[end - offset..].to_vec();
            text.truncate(end - offset);
            let run = Run { text: std::mem::replace(&mut text, rest), offset, pages: whole.to_vec() };
            text.reserve(run_bytes.min(1 << 30) + READ_BYTES);
            (offset, handed_on) = (end, scanner.pages().len());
            hand_on.send(run).map_err(|_| io::Error::other("the runs are no longer wanted"))?;
        }
        if read == 0 {
            break;
        }
        // What is held is less than a run and the page being read: past this, the page is too long.
        if text.len() > runs.longest_page {
            return Err(too_long());
        }
    }
    scanner.finish().ok_or_else(not_in_runs)?;
    let size = (offset + text.len()) as u64;
    Ok(ReadThrough { size, content_hash: hasher.digest128() })
}

/// A new file beside `entry_path` for a part of it to wait in, and what removes it. Where the system allows, its name
/// is removed at once and the file lives on, open, until it is closed: a process killed meanwhile leaves nothing.
fn waiting_file(entry_path: &Path, mark: &str) -> io::Result<(File, RemovedWhenDropped)> {
    let (path, file) = durable::create_hidden_beside(entry_path, mark)?;
    #[cfg(unix)]
    let _ = fs::remove_file(&path);
    Ok((file, RemovedWhenDropped(path)))
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
