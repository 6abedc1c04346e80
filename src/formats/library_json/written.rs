//! Library JSON written as serde_json pretty-prints a [`Library`], with the publications (nearly all of the text)
//! printed on every core, and from borrowed parts: an export writes a selection without copying it.

use serde::Serialize;

use crate::model::{Library, Page, Publication};
use crate::parallel;

/// Fewer publications than this are printed on one core: a thread costs more than printing them.
const PER_CORE_AT_LEAST: usize = 256;

/// A page with some of its publications (a part of a library), to be written without copying them.
pub struct PagePart<'a> {
    pub page: &'a Page,
    pub publications: Vec<&'a Publication>,
}

/// Pretty JSON with a final newline, as committed in `assets/` and printed by `lenaview import`.
pub fn to_string(library: &Library) -> String {
    let parts: Vec<PagePart> =
        library.pages.iter().map(|page| PagePart { page, publications: page.publications.iter().collect() }).collect();
    parts_to_string(&parts)
}

/// Pretty JSON of a library of these pages, each with only the publications given, and a final newline: what
/// `serde_json::to_string_pretty` gives for the library made of them.
pub fn parts_to_string(parts: &[PagePart]) -> String {
    let all: Vec<&Publication> = parts.iter().flat_map(|part| part.publications.iter().copied()).collect();
    let printed = print_on_every_core(&all);
    let mut printed = printed.iter().map(String::as_str);
    let mut pages = Vec::with_capacity(parts.len());
    for part in parts {
        let publications: Vec<&str> = printed.by_ref().take(part.publications.len()).collect();
        pages.push(page_text(part, &publications));
    }
    let mut text = String::with_capacity(pages.iter().map(String::len).sum::<usize>() + 32);
    text.push_str("{\n  \"pages\": ");
    push_array(&mut text, pages.iter().map(String::as_str), 1);
    text.push_str("\n}\n");
    text
}

/// Each publication pretty-printed on its own, on every core.
fn print_on_every_core(publications: &[&Publication]) -> Vec<String> {
    parallel::map_chunks(publications, PER_CORE_AT_LEAST, |_, part| {
        part.iter().map(|one| pretty(*one)).collect::<Vec<String>>()
    })
    .into_iter()
    .flatten()
    .collect::<Vec<String>>()
}

/// A page whose publications are printed already: serde prints the page with none (`"publications": []` comes
/// last), and the printed ones go in the brackets.
fn page_text(part: &PagePart, publications: &[&str]) -> String {
    let page = part.page;
    let bare = Page {
        path: page.path.clone(),
        summary: page.summary.clone(),
        last_updated: page.last_updated.clone(),
        publications: Vec::new(),
    };
    let mut text = pretty(&bare);
    if publications.is_empty() {
        return text;
    }
    let Some(head) = text.strip_suffix("[]\n}") else {
        let copied = part.publications.iter().map(|publication| (*publication).clone()).collect();
        return pretty(&Page { publications: copied, ..bare });
    };
    text.truncate(head.len());
    push_array(&mut text, publications.iter().copied(), 1);
    text.push_str("\n}");
    text
}

fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("the model always serialises")
}

/// A JSON array of pretty-printed `items` as serde_json prints it `depth` levels in.
fn push_array<'a>(text: &mut String, items: impl Iterator<Item = &'a str>, depth: usize) {
    let mut items = items.peekable();
    if items.peek().is_none() {
        text.push_str("[]");
        return;
    }
    text.push('[');
    for (at, item) in items.enumerate() {
        text.push_str(if at == 0 { "\n" } else { ",\n" });
        push_indented(text, item, depth + 1);
    }
    text.push('\n');
    push_indent(text, depth);
    text.push(']');
}

/// Pretty-printed JSON moved `depth` levels in: JSON strings hold no raw line breaks, so each is the printer's.
pub fn push_indented(text: &mut String, json: &str, depth: usize) {
    for (at, line) in json.split('\n').enumerate() {
        if at > 0 {
            text.push('\n');
        }
        push_indent(text, depth);
        text.push_str(line);
    }
}

fn push_indent(text: &mut String, depth: usize) {
    for _ in 0..depth {
        text.push_str("  ");
    }
}
