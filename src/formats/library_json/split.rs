//! A library JSON's pages, found without parsing them, so that both cores can parse half of them each.
//!
//! Only the shape `lenaview import` writes is split: `{"pages": [PAGE, …]}` with nothing else at the top. Any
//! other text (another key, trailing bytes, a page nested deeper than serde_json would accept, an error) is left to
//! the plain parse, which says where the problem is; so a split parse is the plain one, faster, or not at all.

use crate::model::{Library, Page};

/// Below this, splitting costs more than it saves.
const SPLIT_FROM_BYTES: usize = 1 << 20;
/// serde_json refuses nesting deeper than 128 levels; a page parsed alone is two levels shallower, so a split parse
/// could accept what the plain parse refuses. Pages this deep are left to the plain parse.
pub(super) const DEEPEST_PAGE: usize = 100;

/// The library, its pages parsed on `threads` threads; `None` when the text is small, not of the shape above, or
/// any page fails to parse (the plain parse then says why).
pub fn parse_pages(text: &str, threads: usize) -> Option<Library> {
    if text.len() < SPLIT_FROM_BYTES || threads < 2 {
        return None;
    }
    let pages = super::scan::page_spans(text.as_bytes())?;
    let chunks = balanced_chunks(&pages, threads);
    let parsed: Vec<Option<Vec<Page>>> = crate::parallel::in_parts(chunks.len(), threads, |at| {
        chunks[at].iter().map(|&(start, end)| serde_json::from_str(&text[start..end]).ok()).collect()
    });
    let mut library = Library { pages: Vec::with_capacity(pages.len()) };
    for chunk in parsed {
        library.pages.extend(chunk?);
    }
    Some(library)
}

/// Contiguous runs of pages of about equal size in bytes, one per thread.
pub(super) fn balanced_chunks(pages: &[(usize, usize)], threads: usize) -> Vec<&[(usize, usize)]> {
    let total: usize = pages.iter().map(|(start, end)| end - start).sum();
    let share = total / threads + 1;
    let mut chunks = Vec::with_capacity(threads);
    let (mut first, mut bytes) = (0, 0);
    for (at, (start, end)) in pages.iter().enumerate() {
        bytes += end - start;
        if bytes >= share {
            chunks.push(&pages[first..=at]);
            (first, bytes) = (at + 1, 0);
        }
    }
    if first < pages.len() {
        chunks.push(&pages[first..]);
    }
    chunks
}

/// Where the first page begins in a text that opens with `{"pages": [`.
pub(super) fn first_page_start(bytes: &[u8]) -> Option<usize> {
    let mut at = skip_space(bytes, 0);
    for expected in [&b"{"[..], b"\"pages\"", b":", b"["] {
        at = skip_space(bytes, bytes.get(at..)?.starts_with(expected).then_some(at + expected.len())?);
    }
    Some(at)
}

/// The pages that begin `text`, the start of a library JSON cut anywhere: every page that ends in it, then of a
/// page cut short, the publications that end in it. `None` when the text does not open as `lenaview import` writes
/// a library, a page in it does not parse, or not one publication is whole.
pub fn first_pages(text: &str) -> Option<Library> {
    let bytes = text.as_bytes();
    let mut at = first_page_start(bytes)?;
    let mut library = Library::default();
    while let Some(end) = object_end(bytes, at) {
        library.pages.push(serde_json::from_str(&text[at..end]).ok()?);
        at = skip_space(bytes, end);
        if bytes.get(at) != Some(&b',') {
            return Some(library);
        }
        at = skip_space(bytes, at + 1);
    }
    if let Some(page) = page_cut_short(text, at) {
        library.pages.push(page);
    }
    library.pages.iter().any(|page| !page.publications.is_empty()).then_some(library)
}

/// The page beginning at `start` and cut short, with the publications that end before the cut. `lenaview import`
/// writes a page's publications last, so the page is closed right after them; a page written otherwise does not
/// parse so (its path would be missing) and is left out.
fn page_cut_short(text: &str, start: usize) -> Option<Page> {
    let bytes = text.as_bytes();
    // Inside a JSON string a quote is escaped, so these bytes can only be a key (or a value, which no `[` follows).
    let key = start + text.get(start..)?.find("\"publications\"")? + "\"publications\"".len();
    let mut at = skip_space(bytes, key);
    at = skip_space(bytes, (bytes.get(at) == Some(&b':')).then_some(at + 1)?);
    at = skip_space(bytes, (bytes.get(at) == Some(&b'[')).then_some(at + 1)?);
    let mut whole_until = None;
    while let Some(end) = object_end(bytes, at) {
        whole_until = Some(end);
        at = skip_space(bytes, end);
        if bytes.get(at) != Some(&b',') {
            break;
        }
        at = skip_space(bytes, at + 1);
    }
    serde_json::from_str(&format!("{}]}}", &text[start..whole_until?])).ok()
}

pub(super) fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// Where the object starting at `start` ends (one past its `}`), reading strings with their escapes so that
/// braces inside them do not count.
pub(super) fn object_end(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start) != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    let mut at = start;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => {
                at += 1;
                loop {
                    // Only a quote or a backslash can end or escape: jump to the next of either.
                    let next = at + bytes.get(at..)?.iter().position(|&b| b == b'"' || b == b'\\')?;
                    if bytes[next] == b'\\' {
                        at = next + 2;
                    } else {
                        at = next;
                        break;
                    }
                }
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > DEEPEST_PAGE {
                    return None;
                }
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return (byte == b'}').then_some(at + 1);
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_page_once_in_order() {
        let pages: Vec<(usize, usize)> = (0..10).map(|n| (n * 10, n * 10 + 1 + n % 3)).collect();
        for threads in 1..5 {
            let chunks = balanced_chunks(&pages, threads);
            assert!(chunks.len() <= threads, "{threads}: {chunks:?}");
            assert_eq!(chunks.concat(), pages);
        }
    }
}
