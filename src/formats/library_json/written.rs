//! Library JSON written as serde_json pretty-prints a [`Library`], with the publications (nearly all of the text)
//! printed on every core, each straight at its depth, in parts written one after another; and from borrowed
//! parts of pages: an export writes a selection without copying it.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::model::{AbstractSection, Library, Page, Publication};
use crate::parallel;

/// Fewer publications than this are printed on one core: a thread costs more than printing them. A long list is
/// printed in several parts per core, so that a core another process holds up takes fewer.
const PER_PART_AT_LEAST: usize = 256;
/// How deep a page is in a library (the library's object, `pages`), and a publication (a page, `publications`).
const PAGE_DEPTH: usize = 2;
const PUBLICATION_DEPTH: usize = 4;
const INDENT: &str = "  ";

/// A page with some of its publications (a part of a library), to be written without copying them.
pub struct PagePart<'a> {
    pub page: &'a Page,
    pub publications: Vec<&'a Publication>,
}

impl PagePart<'_> {
    /// Every page of `library`, each with all its publications.
    pub fn all(library: &Library) -> Vec<PagePart<'_>> {
        library.pages.iter().map(|page| PagePart { page, publications: page.publications.iter().collect() }).collect()
    }
}

/// Pretty JSON with a final newline, as committed in `assets/` and printed by `lenaview import`.
pub fn to_string(library: &Library) -> String {
    parts_to_string(&PagePart::all(library))
}

/// Pretty JSON of a library of these pages, each with only the publications given, and a final newline: what
/// `serde_json::to_string_pretty` gives for the library made of them.
pub fn parts_to_string(pages: &[PagePart]) -> String {
    written_in_parts(pages).concat()
}

/// [`parts_to_string`] in parts, to be written one after another.
pub fn written_in_parts(pages: &[PagePart]) -> Vec<String> {
    let mut parts = Vec::new();
    written_in_parts_in_order(pages, &OwnAbstracts, |part| parts.push(part));
    parts
}

/// A section of an abstract, borrowed: its label, if it has one, and its text.
pub type SectionText<'a> = (Option<&'a str>, &'a str);

/// Where library JSON's abstracts are printed from: each publication's own ([`OwnAbstracts`]), or elsewhere, such as
/// the cache file an export's library was read from, which leaves them there.
pub trait AbstractSections: Sync {
    /// Hands `each` the sections (label, text) of the abstract of `publication`, the `position`th of the pages'
    /// publications in order.
    fn sections(&self, position: usize, publication: &Publication, each: &mut dyn FnMut(&[SectionText]));

    /// Those sections as the publication's `abstract` array, at the end of `text`, the sections `depth` levels in.
    fn push(&self, position: usize, publication: &Publication, text: &mut String, depth: usize) {
        self.sections(position, publication, &mut |sections| super::pretty::push_abstract(text, sections, depth));
    }
}

/// Each publication's own abstract.
pub struct OwnAbstracts;

impl AbstractSections for OwnAbstracts {
    fn sections(&self, _: usize, publication: &Publication, each: &mut dyn FnMut(&[SectionText])) {
        let sections = publication.abstract_sections.iter();
        each(&sections.map(|section| (section.label.as_deref(), section.text.as_str())).collect::<Vec<_>>());
    }

    fn push(&self, _: usize, publication: &Publication, text: &mut String, depth: usize) {
        super::pretty::push_own_abstract(text, publication, depth);
    }
}

/// [`written_in_parts`], each part handed to `take` on this thread as soon as it and those before it are made, while
/// the other threads make the rest; each abstract from `abstracts`.
pub fn written_in_parts_in_order(pages: &[PagePart], abstracts: &dyn AbstractSections, mut take: impl FnMut(String)) {
    let Some(Frame { start, openings, end }) = Frame::of(pages) else {
        // Only if serde printed a page's publications anywhere but last: then it prints the whole library.
        let mut position = 0;
        let mut owned = |publication: &Publication| {
            let mut sections = Vec::new();
            abstracts.sections(position, publication, &mut |given| {
                let owned = given
                    .iter()
                    .map(|&(label, text)| AbstractSection { label: label.map(Into::into), text: text.into() });
                sections = owned.collect();
            });
            position += 1;
            Publication { abstract_sections: sections, ..publication.clone() }
        };
        let pages = pages
            .iter()
            .map(|part| Page { publications: part.publications.iter().map(|one| owned(one)).collect(), ..bare(part) })
            .collect();
        let mut text = serde_json::to_string_pretty(&Library { pages }).expect("the model always serialises");
        text.push('\n');
        return take(text);
    };
    // Each publication with its page and whether it is that page's first and last.
    let placed: Vec<(usize, bool, bool, &Publication)> = pages
        .iter()
        .enumerate()
        .flat_map(|(page, part)| {
            let last = part.publications.len().saturating_sub(1);
            part.publications.iter().enumerate().map(move |(at, one)| (page, at == 0, at == last, *one))
        })
        .collect();
    take(start);
    let print = |chunk_start, chunk: &[(usize, bool, bool, &Publication)]| {
        let mut text = String::new();
        for (written, &(page, first, last, publication)) in chunk.iter().enumerate() {
            crate::formats::export::make_room(&mut text, written, chunk.len());
            match first {
                true => text.push_str(&openings[page]),
                false => text.push(','),
            }
            text.push('\n');
            push_indent(&mut text, PUBLICATION_DEPTH);
            super::pretty::push_publication_with(&mut text, publication, PUBLICATION_DEPTH + 1, |text, depth| {
                abstracts.push(chunk_start + written, publication, text, depth)
            });
            if last {
                text.push('\n');
                push_indent(&mut text, PAGE_DEPTH + 1);
                text.push_str("]\n");
                push_indent(&mut text, PAGE_DEPTH);
                text.push('}');
            }
        }
        text
    };
    parallel::map_parts_in_order(&placed, PER_PART_AT_LEAST, print, &mut take);
    take(end);
}

/// What surrounds the publications: the library's start, what opens each page that has publications (the pages
/// before it that have none, and its own fields up to its publications' `[`), and the end (with the pages after
/// the last one that has publications).
struct Frame {
    start: String,
    openings: Vec<String>,
    end: String,
}

impl Frame {
    /// `None` when serde does not print a page's publications last.
    fn of(pages: &[PagePart]) -> Option<Frame> {
        if pages.is_empty() {
            return Some(Frame { start: "{\n  \"pages\": []\n}\n".into(), openings: Vec::new(), end: String::new() });
        }
        let empty_end = format!("[]\n{}}}", INDENT.repeat(PAGE_DEPTH));
        let mut openings = vec![String::new(); pages.len()];
        let mut pending = String::new();
        let mut bytes = Vec::new();
        for (at, part) in pages.iter().enumerate() {
            pending.push_str(if at == 0 { "\n" } else { ",\n" });
            push_indent(&mut pending, PAGE_DEPTH);
            push_pretty_at(&mut pending, &bare(part), PAGE_DEPTH, &mut bytes);
            if !part.publications.is_empty() {
                pending.truncate(pending.strip_suffix(&empty_end)?.len());
                pending.push('[');
                openings[at] = std::mem::take(&mut pending);
            }
        }
        pending.push_str("\n  ]\n}\n");
        Some(Frame { start: "{\n  \"pages\": [".into(), openings, end: pending })
    }
}

/// The page without its publications.
fn bare(part: &PagePart) -> Page {
    let page = part.page;
    Page {
        path: page.path.clone(),
        summary: page.summary.clone(),
        last_updated: page.last_updated.clone(),
        publications: Vec::new(),
    }
}

/// `value` as serde_json pretty-prints it `depth` levels in (its first line not indented: the caller writes what
/// comes before it), at the end of `text`; `bytes` is where it is printed first.
pub fn push_pretty_at<T: Serialize>(text: &mut String, value: &T, depth: usize, bytes: &mut Vec<u8>) {
    bytes.clear();
    let mut formatter = PrettyFormatter::with_indent(INDENT.as_bytes());
    // The printer indents by how many objects it has opened: it is told of `depth` of them.
    for _ in 0..depth {
        let _ = formatter.begin_object(&mut std::io::sink());
    }
    let mut serializer = serde_json::Serializer::with_formatter(&mut *bytes, formatter);
    value.serialize(&mut serializer).expect("the model always serialises");
    text.push_str(std::str::from_utf8(bytes).expect("serde_json writes UTF-8"));
}

fn push_indent(text: &mut String, depth: usize) {
    for _ in 0..depth {
        text.push_str(INDENT);
    }
}
