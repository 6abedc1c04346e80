//! The library JSON that `lenaview import` writes, read back.

mod pretty;
mod runs;
mod scan;
mod split;
mod written;

pub use pretty::push_abstract;
pub use runs::{ParsedShare, parse_run};
pub use scan::PageScanner;
pub use written::{
    AbstractSections, OwnAbstracts, PagePart, SectionText, parts_to_string, push_pretty_at, to_string,
    written_in_parts, written_in_parts_in_order,
};

use super::{Diagnostic, Imported};
use crate::model::Library;

/// The library in `text`: a big one has its pages parsed on every core, giving what [`parse_plainly`] gives.
pub fn parse(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    let threads = std::thread::available_parallelism().map_or(1, |threads| threads.get());
    parse_on(threads, name, text)
}

/// The library in `text`, parsed in one piece on this thread; its errors say where the text is wrong.
pub fn parse_plainly(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    let library: Library = serde_json::from_str(text)
        .map_err(|err| Diagnostic::error(name, err.line(), format!("invalid library JSON: {err}")))?;
    Ok(Imported { library, warnings: Vec::new() })
}

/// [`parse`] on a given number of threads, for tests that compare it with [`parse_plainly`].
#[doc(hidden)]
pub fn parse_on(threads: usize, name: &str, text: &str) -> Result<Imported, Diagnostic> {
    match split::parse_pages(text, threads) {
        Some(library) => Ok(Imported { library, warnings: Vec::new() }),
        None => parse_plainly(name, text),
    }
}

/// The first pages of a library JSON from its `start` alone (see [`split::first_pages`]).
pub fn first_pages(start: &str) -> Option<Library> {
    split::first_pages(start)
}
