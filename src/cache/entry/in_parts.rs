//! A cache file written as its source is read, a run of pages at a time, so that a big library parsed anew is
//! never held whole: the bytes are those [`super::write`] makes of the whole import (tested).
//!
//! The lean import comes before the abstracts in the file, and both are made from the same pages: the lean import
//! goes straight into the file, the abstracts into a file of their own beside it, appended once the lean import is
//! whole (the kernel copies it, without it passing through this process).

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

use xxhash_rust::xxh3::Xxh3;

use super::{CHECKSUM_LEN, PREAMBLE_LEN, SourceKey, Stamp, TRAILER_LEN, opening};
use crate::cache::abstracts::TableWriter;
use crate::cache::encoding;
use crate::formats::Diagnostic;
use crate::model::Page;

/// Some pages encoded for a cache file, on any thread: their lean import, and their publications' abstracts one
/// after another, with where each ends.
#[derive(Debug, Default)]
pub struct EncodedPages {
    lean: Vec<u8>,
    abstracts: Vec<u8>,
    abstract_ends: Vec<usize>,
}

impl EncodedPages {
    pub fn of(pages: &[Page]) -> EncodedPages {
        let mut encoded = EncodedPages::default();
        for page in pages {
            encoded.lean = encoding::encode_lean_page_after(std::mem::take(&mut encoded.lean), page);
            for publication in &page.publications {
                encoded.abstracts = encoding::encode_abstract_after(
                    std::mem::take(&mut encoded.abstracts),
                    &publication.abstract_sections,
                );
                encoded.abstract_ends.push(encoded.abstracts.len());
            }
        }
        encoded
    }
}

/// Writes a cache file from [`EncodedPages`] given in library order, then the warnings.
pub struct PartsWriter<'a> {
    file: BufWriter<&'a mut File>,
    lean_start: u64,
    lean_len: u64,
    lean_checksum: Xxh3,
    block: BufWriter<File>,
    table: TableWriter,
}

impl<'a> PartsWriter<'a> {
    /// Starts the cache file `file` (empty) of a library of `page_count` pages made from the source `key` by the
    /// build `stamp`; the abstracts wait in `block` (empty, read and written) until the lean import is whole.
    pub fn start(
        file: &'a mut File,
        block: File,
        stamp: &Stamp,
        key: &SourceKey,
        page_count: usize,
    ) -> io::Result<PartsWriter<'a>> {
        let opening = opening(stamp, key);
        let lean_start = opening.len() as u64;
        let mut writer = PartsWriter {
            file: BufWriter::with_capacity(1 << 20, file),
            lean_start,
            lean_len: 0,
            lean_checksum: Xxh3::new(),
            block: BufWriter::with_capacity(1 << 20, block),
            table: TableWriter::default(),
        };
        writer.file.write_all(&opening)?;
        writer.lean(&encoding::encode_page_count_after(Vec::new(), page_count))?;
        Ok(writer)
    }

    pub fn write(&mut self, pages: &EncodedPages) -> io::Result<()> {
        self.lean(&pages.lean)?;
        let mut start = 0;
        for &end in &pages.abstract_ends {
            self.table.push(&pages.abstracts[start..end]);
            start = end;
        }
        self.block.write_all(&pages.abstracts)
    }

    /// Ends the lean import with `warnings`, then writes the abstracts block, its table and the trailer, and the
    /// lean import's length into the preamble. The file is left for the caller to flush to disk.
    pub fn finish(mut self, warnings: &[Diagnostic]) -> io::Result<()> {
        self.lean(&encoding::encode_warnings_after(Vec::new(), warnings))?;
        self.file.write_all(&self.lean_checksum.digest().to_le_bytes())?;
        let mut block = self.block.into_inner().map_err(io::IntoInnerError::into_error)?;
        let file = self.file.into_inner().map_err(io::IntoInnerError::into_error)?;
        block.seek(SeekFrom::Start(0))?;
        let copied = io::copy(&mut block, file)?;
        if copied != self.table.block_len() {
            return Err(io::Error::other("the abstracts were not all copied"));
        }
        let table = self.table.into_entries();
        file.write_all(&table)?;
        file.write_all(&copied.to_le_bytes())?;
        file.write_all(&xxhash_rust::xxh3::xxh3_64(&table).to_le_bytes())?;
        file.seek(SeekFrom::Start((PREAMBLE_LEN - 8) as u64))?;
        file.write_all(&self.lean_len.to_le_bytes())?;
        debug_assert_eq!(
            file.metadata()?.len(),
            self.lean_start + self.lean_len + (CHECKSUM_LEN + table.len() + TRAILER_LEN) as u64 + copied
        );
        Ok(())
    }

    fn lean(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.lean_checksum.update(bytes);
        self.lean_len += bytes.len() as u64;
        self.file.write_all(bytes)
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
        let mut file = tempfile::tempfile().unwrap();
        let pages = &imported.library.pages;
        let mut writer =
            PartsWriter::start(&mut file, tempfile::tempfile().unwrap(), &stamp, &key, pages.len()).unwrap();
        for part in pages.chunks(pages_a_part) {
            writer.write(&EncodedPages::of(part)).unwrap();
        }
        writer.finish(&imported.warnings).unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        assert_eq!(bytes, write(&stamp, &key, imported), "{pages_a_part} pages a part");
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
