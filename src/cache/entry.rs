//! One cache file: a preamble (magic, format version, the lengths of the header and of the lean import), a header
//! saying which build wrote it and from which source, the lean import (every abstract left out) and its checksum,
//! the abstracts block and its table (see [`super::abstracts`]), then a trailer: the block's length and the
//! table's checksum. Every part a reader uses is checked before it is used; each abstract is checked alone, by its
//! own checksum in the table, as it is read.
//!
//! A one-shot listing of titles or metadata reads the file up to the end of the lean import and no further
//! ([`read_lean`]): about a third of it, since abstracts are most of a library. A whole read ([`read`]) decodes
//! the lean import and the abstracts block side by side and puts each abstract into its publication. The reader
//! decodes only the lean import and leaves the abstracts in the mapped file ([`read_leaving_abstracts`]).

use std::fs::File;
use std::io::Read;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::abstracts::{self, CachedAbstracts, Table};
use super::encoding;
use crate::formats::Imported;
use crate::model::{AbstractSection, Library};
pub use in_parts::{EncodedPages, PartsWriter};

mod in_parts;

const MAGIC: &[u8; 8] = b"LNVCACHE";
/// Raised when the file's structure changes (not the model's: the layout fingerprint covers that).
// 2: diagnostics carry their kind. 3: the lean import before the whole one. 4: the abstracts apart, in a block
// found through a table, instead of a whole import after the lean one: a reader can leave them in the file.
const FORMAT_VERSION: u32 = 4;
const PREAMBLE_LEN: usize = MAGIC.len() + 4 + 4 + 8;

/// What wrote a cache: a cache from another version or build of lenaview is never read, since its parsers may
/// read the same bytes differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub crate_version: String,
    /// [`encoding::layout_fingerprint`].
    pub layout: u64,
    /// The executable's identity (path, size, modification time), for builds that keep the version number.
    pub build: u64,
}

/// The source a cache was made from, exactly: a file that differs in any of these is another source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceKey {
    /// What messages call the file (the path as given): the warnings quote it.
    pub name: String,
    /// The canonical path, as the file system's bytes.
    pub path: Vec<u8>,
    pub size: u64,
    /// Nanoseconds from the Unix epoch, negative before it.
    pub modified_ns: i128,
    /// xxh3-128 of the file's bytes: what catches a file replaced by another of the same size and time.
    pub content_hash: u128,
}

#[derive(Serialize, Deserialize)]
struct Header {
    stamp: Stamp,
    key: SourceKey,
}

/// After the table: the block's length and the table's checksum.
const TRAILER_LEN: usize = 16;
/// After the lean payload: its checksum.
const CHECKSUM_LEN: usize = 8;

/// The bytes of a cache file holding `imported`, made from the source `key` by the build `stamp`.
pub fn write(stamp: &Stamp, key: &SourceKey, imported: &Imported) -> Vec<u8> {
    let bytes = opening(stamp, key);
    let lean_start = bytes.len();
    let mut bytes = encoding::encode_without_abstracts_after(bytes, imported);
    let lean_len = (bytes.len() - lean_start) as u64;
    bytes[PREAMBLE_LEN - 8..PREAMBLE_LEN].copy_from_slice(&lean_len.to_le_bytes());
    let lean_checksum = xxh3_64(&bytes[lean_start..]);
    bytes.extend_from_slice(&lean_checksum.to_le_bytes());
    let block_start = bytes.len();
    let (mut bytes, table) = abstracts::write_block(bytes, imported.library.publications());
    let block_len = (bytes.len() - block_start) as u64;
    bytes.extend_from_slice(&table);
    bytes.extend_from_slice(&block_len.to_le_bytes());
    bytes.extend_from_slice(&xxh3_64(&table).to_le_bytes());
    bytes
}

/// The preamble, the lean import's length left 0 (it is known once the lean import is written), and the header.
fn opening(stamp: &Stamp, key: &SourceKey) -> Vec<u8> {
    let header = Header { stamp: stamp.clone(), key: key.clone() };
    let header = postcard::to_stdvec(&header).expect("a header encodes");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(header.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&[0; 8]);
    bytes.extend_from_slice(&header);
    bytes
}

/// The import in `bytes` when they are a whole, undamaged cache file written by `stamp` from the source `key`;
/// `None` for anything else. The lean import is decoded on one thread while the abstracts are on another.
#[cfg(test)]
pub fn read(bytes: &[u8], stamp: &Stamp, key: &SourceKey) -> Option<Imported> {
    read_beside(bytes, stamp, key, || ()).map(|(imported, ())| imported)
}

/// [`read`], with `beside` done first on the thread that decodes the abstracts: the lean import takes longer to
/// decode than they do, and work given a third thread would take turns with the lean import's.
pub fn read_beside<R: Send>(
    bytes: &[u8],
    stamp: &Stamp,
    key: &SourceKey,
    beside: impl FnOnce() -> R + Send,
) -> Option<(Imported, R)> {
    let checked = checked(bytes, stamp, key)?;
    let (lean, (beside, abstracts)) = std::thread::scope(|threads| {
        let abstracts = threads.spawn(|| (beside(), checked.abstracts.read_all()));
        (encoding::decode(checked.lean), crate::parallel::joined(abstracts))
    });
    let (mut imported, abstracts) = (lean?, abstracts?);
    fill_in_abstracts(&mut imported.library, abstracts)?;
    Some((imported, beside))
}

/// Puts each of `abstracts` into its publication, when there is one for every publication. On every core: each
/// publication is a cache miss, and at 100k papers one core spent 25–30 ms alone on them.
fn fill_in_abstracts(library: &mut Library, mut abstracts: Vec<Vec<AbstractSection>>) -> Option<()> {
    if abstracts.len() != library.publication_count() {
        return None;
    }
    let mut pairs: Vec<_> = library.publications_mut().zip(abstracts.iter_mut()).collect();
    crate::parallel::map_chunks_mut(&mut pairs, 4096, |_, pairs| {
        for (publication, sections) in pairs {
            publication.abstract_sections = std::mem::take(*sections);
        }
    });
    Some(())
}

/// [`read`], leaving every abstract out: the abstracts block is not read (its table is checked).
pub fn read_without_abstracts(bytes: &[u8], stamp: &Stamp, key: &SourceKey) -> Option<Imported> {
    lean_and_table(bytes, stamp, key).map(|(imported, _)| imported)
}

/// The lean import of `bytes` decoded, and the abstracts' table, when it has an entry for every publication.
fn lean_and_table<'a>(bytes: &'a [u8], stamp: &Stamp, key: &SourceKey) -> Option<(Imported, Table<'a>)> {
    let checked = checked(bytes, stamp, key)?;
    let imported = encoding::decode_on_every_core(checked.lean)?;
    (imported.library.publication_count() == checked.abstracts.len()).then_some((imported, checked.abstracts))
}

/// [`read_without_abstracts`] of the `bytes` of the cache file `file`, with its abstracts left in it, to be read one
/// at a time: their part of the file is mapped on its own, so the mapping of `bytes` can go once the lean import is
/// decoded.
pub fn read_leaving_abstracts(
    file: &File,
    bytes: &[u8],
    stamp: &Stamp,
    key: &SourceKey,
) -> Option<(Imported, CachedAbstracts)> {
    let (imported, table) = lean_and_table(bytes, stamp, key)?;
    Some((imported, CachedAbstracts::map(file, bytes, table, &key.name)?))
}

/// The lean import of the mapped cache file `file` (its `bytes`), encoded, when it is a whole cache file of this
/// format written by `stamp` from the source `key` and its checksums hold, with its abstracts left in the file: to
/// be read in place, for as long as `bytes` are mapped.
pub fn lean_leaving_abstracts<'a>(
    file: &File,
    bytes: &'a [u8],
    stamp: &Stamp,
    key: &SourceKey,
) -> Option<(&'a [u8], CachedAbstracts)> {
    let checked = checked(bytes, stamp, key)?;
    Some((checked.lean, CachedAbstracts::map(file, bytes, checked.abstracts, &key.name)?))
}

/// [`read`], of the first `limit` publications only (see [`encoding::decode_first`]), with their abstracts; the
/// lean import and the table are checked whole.
pub fn read_first(bytes: &[u8], stamp: &Stamp, key: &SourceKey, limit: usize) -> Option<(Imported, bool)> {
    let checked = checked(bytes, stamp, key)?;
    let (mut first, cut) = encoding::decode_first(checked.lean, limit)?;
    let count = first.library.publication_count();
    if count > checked.abstracts.len() || (!cut && count != checked.abstracts.len()) {
        return None;
    }
    let abstracts = (0..count).map(|at| checked.abstracts.read(at)).collect::<Option<_>>()?;
    fill_in_abstracts(&mut first.library, abstracts)?;
    Some((first, cut))
}

/// The source a cache file says it was made from, when `stamp` wrote it: to tell a stale cache before the source is
/// read to be hashed. Nothing else of the file is checked yet: [`read`] does that.
pub fn recorded_source(bytes: &[u8], stamp: &Stamp) -> Option<SourceKey> {
    let (preamble, rest) = bytes.split_at_checked(PREAMBLE_LEN)?;
    let (header_len, _) = preamble_lengths(preamble)?;
    stamped_source(rest.get(..header_len)?, stamp)
}

/// The lengths of the header and of the lean import, when the preamble is this format's.
fn preamble_lengths(preamble: &[u8]) -> Option<(usize, usize)> {
    let (magic, numbers) = preamble.split_at_checked(MAGIC.len())?;
    let (version, lengths) = numbers.split_at_checked(4)?;
    let (header_len, lean_len) = lengths.split_at_checked(4)?;
    if magic != MAGIC || u32::from_le_bytes(version.try_into().ok()?) != FORMAT_VERSION {
        return None;
    }
    let lean_len = usize::try_from(u64::from_le_bytes(lean_len.try_into().ok()?)).ok()?;
    Some((u32::from_le_bytes(header_len.try_into().ok()?) as usize, lean_len))
}

/// The source `header` names, when it is exactly one header and `stamp` wrote it.
fn stamped_source(header: &[u8], stamp: &Stamp) -> Option<SourceKey> {
    let (header, []) = postcard::take_from_bytes::<Header>(header).ok()? else { return None };
    (header.stamp == *stamp).then_some(header.key)
}

/// Whether `checksum` is that of `payload`.
fn holds(payload: &[u8], checksum: &[u8]) -> bool {
    checksum.try_into().is_ok_and(|checksum| u64::from_le_bytes(checksum) == xxh3_64(payload))
}

/// A whole cache file's lean import and its abstracts' table, checked.
struct Checked<'a> {
    lean: &'a [u8],
    abstracts: Table<'a>,
}

/// The lean import and the table of `bytes`, when they are a whole cache file of this format written by `stamp`
/// from the source `key`, and the checksums of both hold. The abstracts block is left to be checked as it is read.
fn checked<'a>(bytes: &'a [u8], stamp: &Stamp, key: &SourceKey) -> Option<Checked<'a>> {
    let (preamble, rest) = bytes.split_at_checked(PREAMBLE_LEN)?;
    let (header_len, lean_len) = preamble_lengths(preamble)?;
    let (header, rest) = rest.split_at_checked(header_len)?;
    // The header first: a stale cache is told by it without hashing a payload of tens of megabytes.
    if stamped_source(header, stamp)? != *key {
        return None;
    }
    let (lean, rest) = rest.split_at_checked(lean_len)?;
    let (lean_checksum, rest) = rest.split_at_checked(CHECKSUM_LEN)?;
    let (rest, trailer) = rest.split_at_checked(rest.len().checked_sub(TRAILER_LEN)?)?;
    let (block_len, table_checksum) = trailer.split_at(8);
    let block_len = usize::try_from(u64::from_le_bytes(block_len.try_into().ok()?)).ok()?;
    let (block, entries) = rest.split_at_checked(block_len)?;
    let abstracts = Table::checked(block, entries, u64::from_le_bytes(table_checksum.try_into().ok()?))?;
    holds(lean, lean_checksum).then_some(Checked { lean, abstracts })
}

/// `len` bytes of `file`, when its `file_len` bytes hold that many: a length read from the file is checked against
/// its size before anything is allocated for it.
fn take(file: &mut impl Read, len: usize, file_len: u64) -> Option<Vec<u8>> {
    if len as u64 > file_len {
        return None;
    }
    let mut bytes = vec![0; len];
    file.read_exact(&mut bytes).ok()?;
    Some(bytes)
}

/// The lean import of a cache file (every abstract left out), encoded, and the source the file names, when `stamp`
/// wrote it and the lean import's checksum holds. Reads `file` (of `file_len` bytes) no further than the lean
/// import: the abstracts after it are never looked at. Whether the source is still the one named is left to
/// the caller.
pub fn read_lean(file: &mut impl Read, file_len: u64, stamp: &Stamp) -> Option<(SourceKey, Vec<u8>)> {
    let preamble = take(file, PREAMBLE_LEN, file_len)?;
    let (header_len, lean_len) = preamble_lengths(&preamble)?;
    let recorded = stamped_source(&take(file, header_len, file_len)?, stamp)?;
    let mut lean = take(file, lean_len.checked_add(CHECKSUM_LEN)?, file_len)?;
    let checksum = lean.split_off(lean_len);
    holds(&lean, &checksum).then_some((recorded, lean))
}

#[cfg(test)]
pub fn lean_range(bytes: &[u8]) -> std::ops::Range<usize> {
    let (header_len, lean_len) = preamble_lengths(&bytes[..PREAMBLE_LEN]).unwrap();
    let start = PREAMBLE_LEN + header_len;
    start..start + lean_len + CHECKSUM_LEN
}

#[cfg(test)]
mod tests {
    use super::lazy_tests::leaving_with;
    use super::*;
    use crate::formats::Diagnostic;
    use crate::model::{Library, Page, Publication};

    /// The lean import of a file's `bytes`, read as [`read_lean`] reads a file, when they name the source `key`.
    fn lean_of(bytes: &[u8], stamp: &Stamp, key: &SourceKey) -> Option<Vec<u8>> {
        let (recorded, lean) = read_lean(&mut std::io::Cursor::new(bytes), bytes.len() as u64, stamp)?;
        (recorded == *key).then_some(lean)
    }

    fn stamp() -> Stamp {
        Stamp { crate_version: "0.1.0".into(), layout: 1, build: 2 }
    }

    fn key() -> SourceKey {
        SourceKey { name: "a.txt".into(), path: b"/x/a.txt".to_vec(), size: 10, modified_ns: -5, content_hash: 7 }
    }

    fn imported() -> Imported {
        let publication = Publication { title: "Lenalidomide".into(), ..Publication::default() };
        let page = Page { path: vec!["Imported".into()], publications: vec![publication], ..Page::default() };
        Imported { library: Library { pages: vec![page] }, warnings: vec![Diagnostic::warning("a.txt", 3, "repaired")] }
    }

    #[test]
    fn reads_back_what_it_wrote_for_the_same_build_and_source_only() {
        let bytes = write(&stamp(), &key(), &imported());
        assert_eq!(read(&bytes, &stamp(), &key()), Some(imported()));
        let other_version = Stamp { crate_version: "0.2.0".into(), ..stamp() };
        let other_layout = Stamp { layout: 9, ..stamp() };
        let other_build = Stamp { build: 9, ..stamp() };
        for other in [other_version, other_layout, other_build] {
            assert_eq!(read(&bytes, &other, &key()), None, "{other:?}");
            assert_eq!(lean_of(&bytes, &other, &key()), None, "{other:?}");
        }
        let edited = SourceKey { content_hash: 8, ..key() };
        let touched = SourceKey { modified_ns: 0, ..key() };
        let renamed = SourceKey { name: "./a.txt".into(), ..key() };
        for other in [edited, touched, renamed] {
            assert_eq!(read(&bytes, &stamp(), &other), None, "{other:?}");
            assert_eq!(lean_of(&bytes, &stamp(), &other), None, "{other:?}");
        }
    }

    #[test]
    fn the_recorded_source_is_the_key_written_for_this_build_only() {
        let bytes = write(&stamp(), &key(), &imported());
        assert_eq!(recorded_source(&bytes, &stamp()), Some(key()));
        assert_eq!(recorded_source(&bytes, &Stamp { build: 9, ..stamp() }), None);
        assert_eq!(recorded_source(&bytes[..PREAMBLE_LEN - 1], &stamp()), None);
    }

    #[test]
    fn the_lean_import_is_the_import_less_its_abstracts_and_the_source_its_header_names() {
        let mut imported = imported();
        let sections = vec![crate::model::AbstractSection { label: None, text: "An abstract.".into() }];
        imported.library.pages[0].publications[0].abstract_sections = sections;
        let bytes = write(&stamp(), &key(), &imported);
        let lean = lean_of(&bytes, &stamp(), &key()).unwrap();
        let mut without = imported.clone();
        without.library.pages[0].publications[0].abstract_sections.clear();
        assert_eq!(encoding::decode(&lean), Some(without));
        assert!(encoding::decode(&lean).unwrap().library.pages[0].publications[0].abstract_sections.is_empty());
        assert_eq!(read(&bytes, &stamp(), &key()), Some(imported), "the whole import keeps them");
        let mut file = std::io::Cursor::new(&bytes);
        assert_eq!(read_lean(&mut file, 30, &stamp()), None, "lengths past the file's size");
    }

    #[test]
    fn every_flipped_byte_and_every_cut_is_refused_by_the_reader_that_reads_it() {
        let bytes = write(&stamp(), &key(), &imported());
        // The lean import is read up to its end; the whole file by a whole read.
        let lean = lean_range(&bytes);
        assert!(lean_of(&bytes, &stamp(), &key()).is_some() && read(&bytes, &stamp(), &key()).is_some());
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            let reads_lean = at < lean.end;
            assert_eq!(read(&damaged, &stamp(), &key()), None, "byte {at} flipped");
            assert_eq!(lean_of(&damaged, &stamp(), &key()).is_none(), reads_lean, "byte {at} flipped, lean");
            assert_eq!(read(&bytes[..at], &stamp(), &key()), None, "cut at {at}");
            assert_eq!(lean_of(&bytes[..at], &stamp(), &key()).is_none(), reads_lean, "cut at {at}, lean");
        }
    }

    #[test]
    fn another_format_version_or_no_magic_is_refused() {
        let mut bytes = write(&stamp(), &key(), &imported());
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert_eq!(read(&bytes, &stamp(), &key()), None);
        assert_eq!(lean_of(&bytes, &stamp(), &key()), None);
        assert_eq!(read(b"{\"pages\": []}", &stamp(), &key()), None);
    }

    #[test]
    fn a_file_of_format_3_is_refused() {
        let mut bytes = write(&stamp(), &key(), &imported());
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&3u32.to_le_bytes());
        assert_eq!(read(&bytes, &stamp(), &key()), None);
        assert_eq!(lean_of(&bytes, &stamp(), &key()), None);
        assert!(leaving_with(&write(&stamp(), &key(), &imported()), &stamp(), &key()).is_some());
        assert!(leaving_with(&bytes, &stamp(), &key()).is_none());
    }
}

#[cfg(test)]
mod lazy_tests;
