//! An encoded import decoded on every core: its pages are found by stepping over them (nothing checked, copied or
//! kept), then decoded in parts, each part's pages on whichever thread is free. A library's lean import took a
//! whole core for a fifth of an export while the other core had only the source's hash to take.
//!
//! Pages are stepped over in the shape the views in [`super::view`] read (every field of the mirrors in [`super`],
//! in order, the same types on the wire); tests compare the decode in parts with the decode in one pass.

use serde::Deserialize;

use super::direct::ListedPage;
use super::view::{PageShape, PublicationShape, Unread, UnreadList};
use super::{Imported, Library};
use crate::formats::Diagnostic;

/// A page stepped over: every field of [`super::PageFields`] and [`super::PublicationFields`], none read.
type SkippedPage = PageShape<UnreadList<Unread>, UnreadList<PublicationShape<Unread, UnreadList<Unread>>>>;

#[derive(Deserialize)]
struct OwnedWarnings(#[serde(with = "super::diagnostic_list")] Vec<Diagnostic>);

/// Fewer bytes of pages than this are decoded in one pass: a thread costs more.
const IN_PARTS_FROM_BYTES: usize = 1 << 20;

/// How many parts a big import's pages are decoded in: more than there are cores, so that a core another process
/// holds up takes fewer.
const PARTS: usize = 8;

/// [`super::decode`], the pages decoded on every core: `None` for bytes that are not exactly one encoded import.
pub fn decode_on_every_core(bytes: &[u8]) -> Option<Imported> {
    let (pages, warnings) = on_every_core(bytes, |page| match super::direct::page(page) {
        Some((page, [])) => Some(page),
        _ => None,
    })?;
    Some(Imported { library: Library { pages }, warnings })
}

/// The pages of an encoded import listed on every core ([`super::direct::listed_page`]), and its warnings: `None`
/// for bytes that are not exactly one encoded import.
pub fn listed_on_every_core(bytes: &[u8]) -> Option<(Vec<ListedPage<'_>>, Vec<Diagnostic>)> {
    on_every_core(bytes, |page| {
        let start = page.as_ptr() as usize - bytes.as_ptr() as usize;
        match super::direct::listed_page(bytes, start) {
            Some((listed, end)) if end == start + page.len() => Some(listed),
            _ => None,
        }
    })
}

/// What `read` makes of each page of the encoded import `bytes` (handed the page's bytes, a slice of `bytes`), on
/// every core, in order, and the import's warnings; `None` when `read` refuses a page or the bytes are not one import.
fn on_every_core<'a, T: Send>(
    bytes: &'a [u8],
    read: impl Fn(&'a [u8]) -> Option<T> + Sync,
) -> Option<(Vec<T>, Vec<Diagnostic>)> {
    let (count, mut rest) = postcard::take_from_bytes::<usize>(bytes).ok()?;
    // Where each page ends, found without reading them; a damaged count asks no more than the bytes hold.
    let pages_start = bytes.len() - rest.len();
    let mut ends = Vec::with_capacity(count.min(rest.len()));
    for _ in 0..count {
        let (_, after) = postcard::take_from_bytes::<SkippedPage>(rest).ok()?;
        rest = after;
        ends.push(bytes.len() - rest.len());
    }
    let (OwnedWarnings(warnings), []) = postcard::take_from_bytes::<OwnedWarnings>(rest).ok()? else { return None };
    let pages_bytes = bytes.len() - rest.len() - pages_start;
    let parts = if pages_bytes < IN_PARTS_FROM_BYTES { 1 } else { PARTS };
    // Parts of about as many bytes, each of whole pages: a part ends after the page that takes it past its share.
    let mut cuts = vec![0];
    for (at, &end) in ends.iter().enumerate() {
        if (end - pages_start) * parts >= pages_bytes * cuts.len() && at + 1 < ends.len() {
            cuts.push(at + 1);
        }
    }
    cuts.push(ends.len());
    let starts: Vec<usize> = std::iter::once(pages_start).chain(ends.iter().copied()).collect();
    let read_part = |part: usize| -> Option<Vec<T>> {
        (cuts[part]..cuts[part + 1]).map(|page| read(&bytes[starts[page]..starts[page + 1]])).collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |threads| threads.get());
    let mut pages = Vec::with_capacity(count);
    for part in crate::parallel::in_parts(cuts.len() - 1, threads, read_part) {
        pages.extend(part?);
    }
    Some((pages, warnings))
}
