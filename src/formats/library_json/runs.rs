//! A big library JSON parsed a run of pages at a time, as the pages are read from the file ([`super::PageScanner`]
//! finds them): each run is parsed on every core and cleaned as the import of the whole text cleans it, so that the
//! cache of parsed files can write a library parsed anew without ever holding it whole.

use super::split::balanced_chunks;
use crate::formats::clean::{PageRemovals, SourcePiece, clean_page_and_publications};
use crate::model::Page;

/// One thread's share of a run: its pages parsed and cleaned, what cleaning took out of each, and what `encode`
/// made of them on that thread.
pub struct ParsedShare<E> {
    pub pages: Vec<Page>,
    pub removals: Vec<PageRemovals>,
    pub encoded: E,
}

/// The pages at `spans` (byte ranges in the whole text, all within `piece`), parsed and cleaned on `threads`
/// threads, in order; `None` when one does not parse, which the plain parse of the whole text then says why.
pub fn parse_run<E: Send>(
    piece: SourcePiece<'_>,
    spans: &[(usize, usize)],
    threads: usize,
    encode: impl Fn(&[Page]) -> E + Sync,
) -> Option<Vec<ParsedShare<E>>> {
    let parse_share = |share: &[(usize, usize)]| {
        let mut pages = Vec::with_capacity(share.len());
        let mut removals = Vec::with_capacity(share.len());
        for &(start, end) in share {
            let bytes = piece.bytes.get(start.checked_sub(piece.offset)?..end.checked_sub(piece.offset)?)?;
            let mut page: Page = serde_json::from_slice(bytes).ok()?;
            removals.push(clean_page_and_publications(&mut page));
            pages.push(page);
        }
        let encoded = encode(&pages);
        Some(ParsedShare { pages, removals, encoded })
    };
    let shares = balanced_chunks(spans, threads.max(1));
    crate::parallel::in_parts(shares.len(), threads, |at| parse_share(shares[at])).into_iter().collect()
}
