//! Library JSON written as serde_json pretty-prints a [`Library`], with the publications (nearly all of the text)
//! printed on every core, each straight at its depth, and from borrowed parts: an export writes a selection
//! without copying it.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::model::{Library, Page, Publication};
use crate::parallel;

/// Fewer publications than this are printed on one core: a thread costs more than printing them.
const PER_CORE_AT_LEAST: usize = 256;
/// How deep a publication is in a library: the library's object, `pages`, a page, `publications`.
const PUBLICATION_DEPTH: usize = 4;
const PAGE_DEPTH: usize = 2;
const INDENT: &str = "  ";

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
    let printed = parallel::map_chunks(&all, PER_CORE_AT_LEAST, |_, chunk| Printed::of(chunk));
    let mut printed = printed.iter().flat_map(Printed::each);
    let mut text = String::with_capacity(printed.clone().map(str::len).sum::<usize>() * 11 / 10 + 64);
    if parts.is_empty() {
        text.push_str("{\n  \"pages\": []\n}\n");
        return text;
    }
    text.push_str("{\n  \"pages\": [");
    let mut bytes = Vec::new();
    for (at, part) in parts.iter().enumerate() {
        text.push_str(if at == 0 { "\n" } else { ",\n" });
        push_indent(&mut text, PAGE_DEPTH);
        push_page(&mut text, part, printed.by_ref().take(part.publications.len()), &mut bytes);
    }
    text.push_str("\n  ]\n}\n");
    text
}

/// Publications printed one after another at their depth in a library, and where each ends.
struct Printed {
    text: String,
    ends: Vec<usize>,
}

impl Printed {
    fn of(publications: &[&Publication]) -> Printed {
        let (mut text, mut bytes) = (String::new(), Vec::new());
        let ends = publications
            .iter()
            .map(|publication| {
                push_pretty_at(&mut text, publication, PUBLICATION_DEPTH, &mut bytes);
                text.len()
            })
            .collect();
        Printed { text, ends }
    }

    fn each(&self) -> impl Iterator<Item = &str> + Clone {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(start, end)| &self.text[start..*end])
    }
}

/// A page whose publications are printed already: serde prints the page with none (`"publications": []` comes
/// last), and the printed ones go in the brackets.
fn push_page<'a>(text: &mut String, part: &PagePart, printed: impl Iterator<Item = &'a str>, bytes: &mut Vec<u8>) {
    let page = part.page;
    let bare = Page {
        path: page.path.clone(),
        summary: page.summary.clone(),
        last_updated: page.last_updated.clone(),
        publications: Vec::new(),
    };
    let start = text.len();
    push_pretty_at(text, &bare, PAGE_DEPTH, bytes);
    let empty_end = format!("[]\n{}}}", INDENT.repeat(PAGE_DEPTH));
    if part.publications.is_empty() || !text.ends_with(&empty_end) {
        // Never so while the publications come last; then serde prints the page itself.
        text.truncate(start);
        let copied = part.publications.iter().map(|publication| (*publication).clone()).collect();
        push_pretty_at(text, &Page { publications: copied, ..bare }, PAGE_DEPTH, bytes);
        return;
    }
    text.truncate(text.len() - empty_end.len());
    text.push('[');
    for (at, publication) in printed.enumerate() {
        text.push_str(if at == 0 { "\n" } else { ",\n" });
        push_indent(text, PUBLICATION_DEPTH);
        text.push_str(publication);
    }
    text.push('\n');
    push_indent(text, PAGE_DEPTH + 1);
    text.push_str("]\n");
    push_indent(text, PAGE_DEPTH);
    text.push('}');
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
