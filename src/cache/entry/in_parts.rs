//! A cache file written as its source is read, a run of pages at a time, so that a big library parsed anew is
//! never held whole: the bytes are those [`super::write`] makes of the whole import (tested).
//!
//! The file opens with a header naming the source's hash, and the lean import with its number of pages: both are
//! known once the whole source is read. So the lean import and the abstracts wait in files of their own, and the
//! cache file is made of them at the end: the lean import read back through a small buffer (its checksum is taken
//! in the file's order), the abstracts copied by the kernel, without passing through this process.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::{CHECKSUM_LEN, PREAMBLE_LEN, SourceKey, Stamp, TRAILER_LEN, opening};
use crate::cache::abstracts::TableWriter;
use crate::cache::encoding;
use crate::formats::Diagnostic;
use crate::model::Page;

/// Some pages encoded for a cache file, on any thread: their lean import, and their publications' abstracts one
/// after another, with where each ends.
#[derive(Debug, Default)]
pub struct EncodedPages {
    pages: usize,
    lean: Vec<u8>,
    abstracts: Vec<u8>,
    abstract_ends: Vec<usize>,
}

impl EncodedPages {
    pub fn of(pages: &[Page]) -> EncodedPages {
        let mut encoded = EncodedPages { pages: pages.len(), ..EncodedPages::default() };
        for page in pages {
            encoded.lean = encoding::encode_lean_page_after(std::mem::take(&mut encoded.lean), page);
            for publication in &page.publications {
                let sections = &publication.abstract_sections;
                encoded.abstracts = encoding::encode_abstract_after(std::mem::take(&mut encoded.abstracts), sections);
                encoded.abstract_ends.push(encoded.abstracts.len());
            }
        }
        encoded
    }
}

/// Gathers [`EncodedPages`] given in library order, then makes the cache file of them.
pub struct PartsWriter {
    pages: usize,
    lean: BufWriter<File>,
    block: BufWriter<File>,
    table: TableWriter,
}

impl PartsWriter {
    /// `lean` and `block` are empty files, readable and writable, where the lean pages and the abstracts wait.
    pub fn new(lean: File, block: File) -> PartsWriter {
        PartsWriter {
            pages: 0,
            lean: BufWriter::with_capacity(1 << 20, lean),
            block: BufWriter::with_capacity(1 << 20, block),
            table: TableWriter::default(),
        }
    }

    pub fn write(&mut self, pages: &EncodedPages) -> io::Result<()> {
        self.pages += pages.pages;
        self.lean.write_all(&pages.lean)?;
        let mut start = 0;
        for &end in &pages.abstract_ends {
            self.table.push(&pages.abstracts[start..end]);
            start = end;
        }
        self.block.write_all(&pages.abstracts)
    }

    /// Writes the cache file `file` (empty) of the pages written, with `warnings`, made from the source `key` by the
    /// build `stamp`. The file is left for the caller to flush to disk.
    pub fn finish(self, file: &mut File, stamp: &Stamp, key: &SourceKey, warnings: &[Diagnostic]) -> io::Result<()> {
        let mut lean = self.lean.into_inner().map_err(io::IntoInnerError::into_error)?;
        let mut block = self.block.into_inner().map_err(io::IntoInnerError::into_error)?;
        let opening = opening(stamp, key);
        let mut out = BufWriter::with_capacity(1 << 20, &mut *file);
        out.write_all(&opening)?;
        let mut lean_part = Checksummed { out: &mut out, checksum: Xxh3::new(), len: 0 };
        lean_part.write_all(&encoding::encode_page_count_after(Vec::new(), self.pages))?;
        lean.seek(SeekFrom::Start(0))?;
        io::copy(&mut lean, &mut lean_part)?;
        lean_part.write_all(&encoding::encode_warnings_after(Vec::new(), warnings))?;
        let (lean_len, checksum) = (lean_part.len, lean_part.checksum.digest());
        out.write_all(&checksum.to_le_bytes())?;
        out.flush()?;
        drop(out);
        block.seek(SeekFrom::Start(0))?;
        let copied = io::copy(&mut block, file)?;
        if copied != self.table.block_len() {
            return Err(io::Error::other("the abstracts were not all copied"));
        }
        let table = self.table.into_entries();
        file.write_all(&table)?;
        file.write_all(&[copied.to_le_bytes(), xxh3_64(&table).to_le_bytes()].concat())?;
        file.seek(SeekFrom::Start((PREAMBLE_LEN - 8) as u64))?;
        file.write_all(&lean_len.to_le_bytes())?;
        debug_assert_eq!(
            file.metadata()?.len(),
            (opening.len() + CHECKSUM_LEN + table.len() + TRAILER_LEN) as u64 + lean_len + copied
        );
        Ok(())
    }
}

/// What is written through it goes on to `out`, hashed and counted on its way: the lean import's checksum and
/// length are taken as it is put together, in the file's order.
struct Checksummed<W> {
    out: W,
    checksum: Xxh3,
    len: u64,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.checksum.update(&bytes[..written]);
        self.len += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::super::write;
    use super::*;
    use crate::formats::Imported;
    use crate::model::{AbstractSection, Library, Publication};

    fn written_in_parts(imported: &Imported, pages_a_part: usize) -> Vec<u8> {
        let stamp = Stamp { crate_version: "0.1.0".into(), layout: 1, build: 2 };
        let key =
            SourceKey { name: "a.json".into(), path: b"/a.json".to_vec(), size: 9, modified_ns: 3, content_hash: 4 };
        let mut writer = PartsWriter::new(tempfile::tempfile().unwrap(), tempfile::tempfile().unwrap());
        for part in imported.library.pages.chunks(pages_a_part) {
            writer.write(&EncodedPages::of(part)).unwrap();
        }
        let mut file = tempfile::tempfile().unwrap();
        writer.finish(&mut file, &stamp, &key, &imported.warnings).unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        assert!(bytes == write(&stamp, &key, imported), "{pages_a_part} pages a part");
        bytes
    }

    #[test]
    fn a_file_written_in_parts_is_the_file_written_whole() {
        let publications = crate::synthetic::library(120, 3).pages.into_iter().flat_map(|page| page.publications);
        let publications: Vec<Publication> = publications.collect();
        let page = |publications: &[Publication]| Page { publications: publications.to_vec(), ..Page::default() };
        let mut library = Library { pages: publications.chunks(25).map(page).collect() };
        library.pages[0].publications[0].abstract_sections.clear();
        let with_abstract = Publication {
            abstract_sections: vec![AbstractSection { label: Some("L".into()), text: "T".into() }],
            ..Publication::default()
        };
        library.pages.push(Page { path: vec!["empty".into()], ..Page::default() });
        library.pages.push(Page { publications: vec![with_abstract], ..Page::default() });
        let warnings = vec![Diagnostic::warning("a.json", 3, "removed"), Diagnostic::skipped("a.json", 9, "x")];
        let imported = Imported { library, warnings };
        assert_eq!(imported.library.pages.len(), 7);
        for pages_a_part in [1, 2, 3, imported.library.pages.len()] {
            written_in_parts(&imported, pages_a_part);
        }
        written_in_parts(&Imported { library: Library::default(), warnings: Vec::new() }, 1);
    }
}
