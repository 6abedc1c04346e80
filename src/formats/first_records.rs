//! The first records of a file too big to parse before the reader's first frame, from its first bytes alone.
//!
//! The whole file is parsed afterwards, in the background, and has the last word: these records are only a first
//! look at it (the reader checks that the whole begins with them, and starts afresh if it does not), so what they
//! would warn about is left to the whole parse, which names each problem with its line.

use std::io::Read;
use std::path::Path;

use super::{Format, Imported, clean, decode_checked, detect, import_text, library_json, medline, ris};

/// The first records of the file at `path`, from its first `bytes` bytes; `None` when they cannot be told from
/// there (see [`import_start`]) or the file cannot be read.
pub fn import_file_start(path: &Path, bytes: usize) -> Option<Imported> {
    let mut start = Vec::with_capacity(bytes);
    std::fs::File::open(path).ok()?.take(bytes as u64).read_to_end(&mut start).ok()?;
    import_start(&path.display().to_string(), &start)
}

/// The whole records at the start of a text whose first bytes are `start`. `None` when the start cannot tell them:
/// a CancerIndex page (one page, no records to cut at), bytes that are not UTF-8 (the whole file is then read as
/// another encoding), a start that does not parse, or no record ending in it.
pub fn import_start(name: &str, start: &[u8]) -> Option<Imported> {
    let utf8 = match std::str::from_utf8(start) {
        Ok(_) => start,
        // A character cut in two by the end of the start.
        Err(err) if err.error_len().is_none() => &start[..err.valid_up_to()],
        Err(_) => return None,
    };
    let text = decode_checked(utf8).ok()?;
    let records = |end: Option<usize>| import_text(name, &text[..end?]).ok().map(|imported| imported.library);
    let library = match detect(&text)? {
        Format::LibraryJson => {
            let mut library = library_json::first_pages(&text)?;
            clean::clean_library(name, &text, &mut library);
            library
        }
        Format::Medline => records(medline::records_end(&text))?,
        Format::Ris => records(ris::records_end(&text))?,
        Format::CancerIndexPage => return None,
    };
    (library.publication_count() > 0).then_some(Imported { library, warnings: Vec::new() })
}
