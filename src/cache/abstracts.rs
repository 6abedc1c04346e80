//! The abstracts block of a cache file and its table, and [`CachedAbstracts`]: a cache file's abstracts left in the
//! file, read one at a time when the reader shows or searches one.
//!
//! The block holds each publication's abstract (its list of sections, as the whole import would encode it), in
//! library order, back to back. The table has an entry of [`ENTRY_LEN`] bytes per publication: where its abstract
//! starts in the block (it ends where the next one starts, the last one at the block's end) and an xxh3-64 of its
//! bytes, so that one abstract is checked alone. The entries tile the block: every byte of it is some abstract's.

use std::fmt;
use std::fs::File;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use memmap2::{Mmap, MmapOptions, UncheckedAdvice};
use xxhash_rust::xxh3::xxh3_64;

use super::encoding;
use crate::model::{AbstractSection, Publication};

/// A table entry: the abstract's start in the block and its checksum, both little-endian `u64`.
const ENTRY_LEN: usize = 16;

/// `bytes` followed by the abstracts block of `publications` (in order), and its table.
pub fn write_block<'a>(mut bytes: Vec<u8>, publications: impl Iterator<Item = &'a Publication>) -> (Vec<u8>, Vec<u8>) {
    let block_start = bytes.len();
    let mut table = TableWriter::default();
    for publication in publications {
        let start = bytes.len();
        bytes = encoding::encode_abstract_after(bytes, &publication.abstract_sections);
        table.push(&bytes[start..]);
    }
    debug_assert_eq!(table.block_len, (bytes.len() - block_start) as u64);
    (bytes, table.entries)
}

/// A block's table, made as the abstracts are written one after another.
#[derive(Default)]
pub struct TableWriter {
    entries: Vec<u8>,
    block_len: u64,
}

impl TableWriter {
    /// Enters the next abstract, written as `bytes` at the block's end.
    pub fn push(&mut self, bytes: &[u8]) {
        self.entries.extend_from_slice(&self.block_len.to_le_bytes());
        self.entries.extend_from_slice(&xxh3_64(bytes).to_le_bytes());
        self.block_len += bytes.len() as u64;
    }

    /// The block's length so far.
    pub fn block_len(&self) -> u64 {
        self.block_len
    }

    pub fn into_entries(self) -> Vec<u8> {
        self.entries
    }
}

/// A block and its table, read in place.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    block: &'a [u8],
    entries: &'a [u8],
}

impl<'a> Table<'a> {
    /// The table of `block`, when its `entries` are whole, tile the block, and `checksum` (of the entries) holds.
    /// The abstracts themselves are checked one by one, as they are read.
    pub fn checked(block: &'a [u8], entries: &'a [u8], checksum: u64) -> Option<Table<'a>> {
        if !entries.len().is_multiple_of(ENTRY_LEN) || xxh3_64(entries) != checksum {
            return None;
        }
        let table = Table { block, entries };
        let mut previous = 0;
        for at in 0..table.len() {
            let start = table.start(at)?;
            if (at == 0 && start != 0) || start < previous {
                return None;
            }
            previous = start;
        }
        (previous <= block.len() && (table.len() > 0 || block.is_empty())).then_some(table)
    }

    /// How many publications' abstracts.
    pub fn len(&self) -> usize {
        self.entries.len() / ENTRY_LEN
    }

    fn number(&self, at: usize, offset: usize) -> Option<u64> {
        let start = at.checked_mul(ENTRY_LEN)?.checked_add(offset)?;
        Some(u64::from_le_bytes(self.entries.get(start..start + 8)?.try_into().ok()?))
    }

    fn start(&self, at: usize) -> Option<usize> {
        usize::try_from(self.number(at, 0)?).ok()
    }

    /// The bytes of abstract `at`, unchecked.
    pub(super) fn bytes(&self, at: usize) -> Option<&'a [u8]> {
        let end = if at + 1 == self.len() { self.block.len() } else { self.start(at + 1)? };
        self.block.get(self.start(at)?..end)
    }

    /// Whether publication `at` has an abstract, told without reading it: an empty list is one byte.
    pub fn has_abstract(&self, at: usize) -> bool {
        self.bytes(at).is_some_and(|bytes| bytes.len() > 1)
    }

    /// Abstract `at`, when its bytes are those its checksum was taken of and decode as one abstract.
    pub fn read(&self, at: usize) -> Option<Vec<AbstractSection>> {
        let bytes = self.bytes(at)?;
        (xxh3_64(bytes) == self.number(at, 8)?).then(|| encoding::decode_abstract(bytes))?
    }

    /// Abstract `at` read in place, as [`Table::read`] reads it: each section's label and text.
    pub fn view(&self, at: usize) -> Option<Vec<(Option<&'a str>, &'a str)>> {
        let bytes = self.bytes(at)?;
        (xxh3_64(bytes) == self.number(at, 8)?).then(|| encoding::view_abstract(bytes))?
    }

    /// Every abstract, in order, when each one reads.
    pub fn read_all(&self) -> Option<Vec<Vec<AbstractSection>>> {
        // Made as long as it will be: collecting into an `Option` would grow it by doubling.
        let mut all = Vec::with_capacity(self.len());
        for at in 0..self.len() {
            all.push(self.read(at)?);
        }
        Some(all)
    }
}

/// The abstracts of one cache file, left in it: its block and table mapped read-only (and nothing else of the file:
/// a mapped page that was read stays resident while it is mapped, and the lean import was read whole). Cheap to
/// clone and to share between threads.
#[derive(Clone)]
pub struct CachedAbstracts {
    /// The block, then the table.
    file: Arc<Mmap>,
    block: Range<usize>,
    entries: Range<usize>,
    /// What messages call the source the cache was made from.
    source: Arc<str>,
    /// Whether an abstract was read since the pages were last let go (see [`CachedAbstracts::release_read_pages`]).
    pub(super) read_since_release: Arc<AtomicBool>,
}

/// An abstract whose bytes in the cache file are not those written (the file was changed since it was checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableAbstract {
    /// What messages call the source the cache file was made from.
    pub source: String,
}

impl fmt::Display for UnreadableAbstract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the cached abstract of a paper from {} could not be read (its cache file changed)", self.source)
    }
}

impl CachedAbstracts {
    /// The abstracts of `table`, which lies in `bytes`, the mapped bytes of `file`, mapped again on their own;
    /// `source` names the file the cache was made from. `None` when they cannot be mapped.
    pub(super) fn map(file: &File, bytes: &[u8], table: Table<'_>, source: &str) -> Option<CachedAbstracts> {
        let start = table.block.as_ptr().addr().checked_sub(bytes.as_ptr().addr())?;
        let (block_len, entries_len) = (table.block.len(), table.entries.len());
        // SAFETY: the mapping is only ever read, and cache files are never written in place: a new one is written
        // aside and renamed over the old (`durable::write_atomically`), which leaves `file`, opened before, and so
        // this mapping, the old file's bytes for as long as they live (refreshing a file's time changes no byte).
        // Only a foreign process truncating the file could take them away, and every abstract read from it is
        // checked against its checksum before it is used.
        let mapped = unsafe { MmapOptions::new().offset(start as u64).len(block_len + entries_len).map(file) }.ok()?;
        let (block, entries) = (0..block_len, block_len..block_len + entries_len);
        let read_since_release = Arc::new(AtomicBool::new(false));
        Some(CachedAbstracts { file: Arc::new(mapped), block, entries, source: source.into(), read_since_release })
    }

    fn table(&self) -> Table<'_> {
        let part = |range: &Range<usize>| self.file.get(range.clone()).unwrap_or_default();
        Table { block: part(&self.block), entries: part(&self.entries) }
    }

    /// How many publications' abstracts: those of the file's import, in its order.
    pub fn len(&self) -> usize {
        self.table().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether publication `at` of the file has an abstract, told without reading it.
    pub fn has_abstract(&self, at: usize) -> bool {
        self.table().has_abstract(at)
    }

    /// The abstract of publication `at` of the file, checked against its checksum.
    pub fn read(&self, at: usize) -> Result<Vec<AbstractSection>, UnreadableAbstract> {
        self.read_since_release.store(true, Ordering::Relaxed);
        self.table().read(at).ok_or_else(|| UnreadableAbstract { source: self.source.to_string() })
    }

    /// The abstract of publication `at` of the file written at the end of `text` as
    /// [`Publication::push_abstract_text`] writes it, `between` its sections, read in place (no string made for a
    /// section), checked against its checksum: what an export writes of each of tens of thousands of papers.
    pub fn push_text(&self, at: usize, text: &mut String, between: &str) -> Result<(), UnreadableAbstract> {
        crate::model::push_sections(text, self.view(at)?.into_iter(), between);
        Ok(())
    }

    /// The sections (label, text) of the abstract of publication `at` of the file, read in place (no string made for
    /// one), checked against its checksum: what a library JSON export prints of each of tens of thousands of papers.
    pub fn view(&self, at: usize) -> Result<Vec<(Option<&str>, &str)>, UnreadableAbstract> {
        self.read_since_release.store(true, Ordering::Relaxed);
        self.table().view(at).ok_or_else(|| UnreadableAbstract { source: self.source.to_string() })
    }

    /// Drops the pages of the file read so far from the process's resident memory: after a pass over every abstract
    /// (indexing them, counting words) they need not stay, and are read from the file again when next needed. Also
    /// after a single abstract is shown: the kernel maps a whole folio of the file for it (the 1.6 MB table of a
    /// 100k-paper file, seen here). Nothing is done for a file nothing was read from since the last time.
    pub fn release_read_pages(&self) {
        if !self.read_since_release.swap(false, Ordering::Relaxed) {
            return;
        }
        // SAFETY: DONTNEED on a read-only shared mapping of a file only drops resident pages: a later read faults in
        // the file's bytes again, and those never change (see `map`). Only a private or anonymous mapping would lose
        // data to it, and this is neither.
        let _ = unsafe { self.file.unchecked_advise(UncheckedAdvice::DontNeed) };
    }

    /// What messages call the source the cache file was made from.
    pub fn source(&self) -> &str {
        &self.source
    }
}

impl fmt::Debug for CachedAbstracts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CachedAbstracts({} of {})", self.len(), self.source)
    }
}
