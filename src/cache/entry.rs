//! One cache file: a preamble (magic, format version), a header saying which build wrote it and from which
//! source, the lean import (every abstract left out) with its length before it and its checksum after it, then
//! the whole import, its length and its checksum. Every part is checked before the import is used.
//!
//! The lean import comes first for a one-shot listing of titles or metadata ([`read_lean`]): it reads the file up
//! to there and no further, a fifth of its bytes, since abstracts are most of a library.

use std::io::Read;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::encoding;
use crate::formats::Imported;

const MAGIC: &[u8; 8] = b"LNVCACHE";
/// Raised when the file's structure changes (not the model's: the layout fingerprint covers that).
// 2: diagnostics carry their kind. 3: the lean import before the whole one.
const FORMAT_VERSION: u32 = 3;
const PREAMBLE_LEN: usize = MAGIC.len() + 4 + 4;

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

/// After the payload: its length and checksum, so the payload is encoded straight into the file's bytes.
const TRAILER_LEN: usize = 16;
/// Before the lean payload, its length; after it, its checksum.
const LEAN_LEN_LEN: usize = 8;
const CHECKSUM_LEN: usize = 8;

/// The bytes of a cache file holding `imported`, made from the source `key` by the build `stamp`.
pub fn write(stamp: &Stamp, key: &SourceKey, imported: &Imported) -> Vec<u8> {
    let header = Header { stamp: stamp.clone(), key: key.clone() };
    let header = postcard::to_stdvec(&header).expect("a header encodes");
    let mut bytes = Vec::new();
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&(header.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&header);
    // Its length is known once it is encoded, straight into the file's bytes.
    let lean_start = bytes.len() + LEAN_LEN_LEN;
    bytes.extend_from_slice(&[0; LEAN_LEN_LEN]);
    let mut bytes = encoding::encode_without_abstracts_after(bytes, imported);
    let lean_len = (bytes.len() - lean_start) as u64;
    bytes[lean_start - LEAN_LEN_LEN..lean_start].copy_from_slice(&lean_len.to_le_bytes());
    let lean_checksum = xxh3_64(&bytes[lean_start..]);
    bytes.extend_from_slice(&lean_checksum.to_le_bytes());
    let payload_start = bytes.len();
    let mut bytes = encoding::encode_after(bytes, imported);
    let payload = &bytes[payload_start..];
    let (payload_len, checksum) = (payload.len() as u64, xxh3_64(payload));
    bytes.extend_from_slice(&payload_len.to_le_bytes());
    bytes.extend_from_slice(&checksum.to_le_bytes());
    bytes
}

/// The import in `bytes` when they are a whole, undamaged cache file written by `stamp` from the source `key`;
/// `None` for anything else.
pub fn read(bytes: &[u8], stamp: &Stamp, key: &SourceKey) -> Option<Imported> {
    read_with(bytes, stamp, key, encoding::decode)
}

/// [`read`], leaving every abstract out (see [`encoding::decode_without_abstracts`]).
pub fn read_without_abstracts(bytes: &[u8], stamp: &Stamp, key: &SourceKey) -> Option<Imported> {
    read_with(bytes, stamp, key, encoding::decode_without_abstracts)
}

/// [`read`], of the first `limit` publications only (see [`encoding::decode_first`]); the whole file is checked.
pub fn read_first(bytes: &[u8], stamp: &Stamp, key: &SourceKey, limit: usize) -> Option<(Imported, bool)> {
    read_with(bytes, stamp, key, |payload| encoding::decode_first(payload, limit))
}

/// The source a cache file says it was made from, when `stamp` wrote it: to tell a stale cache before the source is
/// read to be hashed. Nothing else of the file is checked yet: [`read`] does that.
pub fn recorded_source(bytes: &[u8], stamp: &Stamp) -> Option<SourceKey> {
    let (preamble, rest) = bytes.split_at_checked(PREAMBLE_LEN)?;
    let header = rest.get(..header_len(preamble)?)?;
    stamped_source(header, stamp)
}

/// The header's length, when the preamble is this format's.
fn header_len(preamble: &[u8]) -> Option<usize> {
    let (magic, numbers) = preamble.split_at_checked(MAGIC.len())?;
    let (version, header_len) = numbers.split_at_checked(4)?;
    if magic != MAGIC || u32::from_le_bytes(version.try_into().ok()?) != FORMAT_VERSION {
        return None;
    }
    Some(u32::from_le_bytes(header_len.try_into().ok()?) as usize)
}

/// The source `header` names, when `stamp` wrote it.
fn stamped_source(header: &[u8], stamp: &Stamp) -> Option<SourceKey> {
    let header: Header = postcard::from_bytes(header).ok()?;
    (header.stamp == *stamp).then_some(header.key)
}

/// A payload and its checksum.
struct Checked<'a> {
    payload: &'a [u8],
    checksum: &'a [u8],
}

impl Checked<'_> {
    fn holds(&self) -> bool {
        self.checksum.try_into().is_ok_and(|checksum| u64::from_le_bytes(checksum) == xxh3_64(self.payload))
    }
}

/// The header, the lean payload and the whole one, when the preamble is this format's and the lengths fit.
fn parts(bytes: &[u8]) -> Option<(&[u8], Checked<'_>, Checked<'_>)> {
    let (preamble, rest) = bytes.split_at_checked(PREAMBLE_LEN)?;
    let (header, rest) = rest.split_at_checked(header_len(preamble)?)?;
    let (lean_len, rest) = rest.split_at_checked(LEAN_LEN_LEN)?;
    let lean_len = usize::try_from(u64::from_le_bytes(lean_len.try_into().ok()?)).ok()?;
    let (lean, rest) = rest.split_at_checked(lean_len)?;
    let (lean_checksum, rest) = rest.split_at_checked(CHECKSUM_LEN)?;
    let (payload, trailer) = rest.split_at_checked(rest.len().checked_sub(TRAILER_LEN)?)?;
    let (payload_len, checksum) = trailer.split_at(8);
    if u64::from_le_bytes(payload_len.try_into().ok()?) != payload.len() as u64 {
        return None;
    }
    Some((header, Checked { payload: lean, checksum: lean_checksum }, Checked { payload, checksum }))
}

fn read_with<T>(bytes: &[u8], stamp: &Stamp, key: &SourceKey, decode: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
    let (header, lean, whole) = parts(bytes)?;
    // The header first: a stale cache is told by it without hashing a payload of tens of megabytes.
    if stamped_source(header, stamp)? != *key {
        return None;
    }
    (lean.holds() && whole.holds()).then(|| decode(whole.payload))?
}

/// The lean import of a cache file (every abstract left out), encoded, and the source the file names, when `stamp`
/// wrote it and the lean import's checksum holds. Reads `file` (of `file_len` bytes) no further than that import:
/// what comes after is never looked at. Whether the source is still the one named is left to the caller.
pub fn read_lean(file: &mut impl Read, file_len: u64, stamp: &Stamp) -> Option<(SourceKey, Vec<u8>)> {
    // Lengths read from the file are checked against its size before anything is allocated for them.
    let mut take = |len: usize| -> Option<Vec<u8>> {
        if len as u64 > file_len {
            return None;
        }
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes).ok()?;
        Some(bytes)
    };
    let preamble = take(PREAMBLE_LEN)?;
    let recorded = stamped_source(&take(header_len(&preamble)?)?, stamp)?;
    let lean_len = u64::from_le_bytes(take(LEAN_LEN_LEN)?.try_into().ok()?);
    let mut lean = take(usize::try_from(lean_len).ok()?.checked_add(CHECKSUM_LEN)?)?;
    let checksum = lean.split_off(lean.len() - CHECKSUM_LEN);
    Checked { payload: &lean, checksum: &checksum }.holds().then_some((recorded, lean))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Diagnostic;
    use crate::model::{Library, Page, Publication};

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
        }
        let edited = SourceKey { content_hash: 8, ..key() };
        let touched = SourceKey { modified_ns: 0, ..key() };
        let renamed = SourceKey { name: "./a.txt".into(), ..key() };
        for other in [edited, touched, renamed] {
            assert_eq!(read(&bytes, &stamp(), &other), None, "{other:?}");
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
        let (recorded, lean) = read_lean(&mut bytes.as_slice(), bytes.len() as u64, &stamp()).unwrap();
        assert_eq!(recorded, key());
        assert_eq!(encoding::decode(&lean), encoding::decode_without_abstracts(&encoding::encode(&imported)));
        assert!(encoding::decode(&lean).unwrap().library.pages[0].publications[0].abstract_sections.is_empty());
        assert_eq!(read(&bytes, &stamp(), &key()), Some(imported), "the whole import keeps them");
        assert_eq!(read_lean(&mut bytes.as_slice(), bytes.len() as u64, &Stamp { build: 9, ..stamp() }), None);
        assert_eq!(read_lean(&mut bytes.as_slice(), 20, &stamp()), None, "lengths past the file's size");
    }

    #[test]
    fn every_flipped_byte_and_every_cut_is_refused() {
        let bytes = write(&stamp(), &key(), &imported());
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert_eq!(read(&damaged, &stamp(), &key()), None, "byte {at} flipped");
            assert_eq!(read(&bytes[..at], &stamp(), &key()), None, "cut at {at}");
        }
    }

    #[test]
    fn another_format_version_or_no_magic_is_refused() {
        let mut bytes = write(&stamp(), &key(), &imported());
        bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        assert_eq!(read(&bytes, &stamp(), &key()), None);
        assert_eq!(read(b"{\"pages\": []}", &stamp(), &key()), None);
    }
}
