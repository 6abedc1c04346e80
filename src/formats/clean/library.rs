//! The one cleaning pass over an imported library: every string field of every format goes through it, so no
//! importer can forget a field. Markup is read as plain text and controls are removed (see the parent module);
//! what was removed is reported, one warning per kind of field, so nothing vanishes silently.

use std::collections::BTreeMap;

use super::{Breaks, is_unsafe, strip_controls};
use crate::formats::Diagnostic;
use crate::formats::markup::{self, decode_references, plain_line};
use crate::formats::sections::split_labelled;
use crate::model::{AbstractSection, Library, Page, Publication};

/// What a warning groups by: removals from the same kind of field in one file make one warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    TopicPath,
    Summary,
    Title,
    Authors,
    Journal,
    Abstract,
    Details,
    /// The reader's tags and note, in a file that carries them (an export read back).
    Annotations,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::TopicPath => "topic path",
            Field::Summary => "summary",
            Field::Title => "title",
            Field::Authors => "authors",
            Field::Journal => "journal",
            Field::Abstract => "abstract",
            Field::Details => "dates and identifiers",
            Field::Annotations => "tags and note",
        }
    }
}

/// Where removals of one kind of field happened: how many records, and the first of them.
struct Tally {
    records: usize,
    first_line: usize,
    first_record: String,
}

/// Cleans every string field of `library`, imported from `source` (the decoded file text, where lines are
/// looked up), and returns the warnings for what was removed.
pub fn clean_library(name: &str, source: &str, library: &mut Library) -> Vec<Diagnostic> {
    let mut publication_removals = clean_publications(library).into_iter().peekable();
    let mut found = Found::default();
    let whole = SourcePiece { bytes: source.as_bytes(), offset: 0 };
    let mut position = 0;
    for page in &mut library.pages {
        let mut removals = PageRemovals { page: clean_page(page), publications: Vec::new() };
        let end = position + page.publications.len();
        while let Some((at, publication)) = publication_removals.next_if(|(at, _)| *at < end) {
            removals.publications.push((at - position, publication));
        }
        position = end;
        found.note(whole, page, removals);
    }
    found.warnings(name)
}

/// What cleaning one page took out: from its own fields, and from each of its publications that had any (by
/// position in the page).
#[derive(Debug, Default)]
pub struct PageRemovals {
    page: Removals,
    publications: Vec<(usize, Removals)>,
}

/// Cleans `page` and its publications as [`clean_library`] does, for a library cleaned a page at a time; what was
/// taken out is told to [`Found::note`], in file order.
pub fn clean_page_and_publications(page: &mut Page) -> PageRemovals {
    let publications = page.publications.iter_mut().map(clean_publication).enumerate();
    let publications = publications.filter(|(_, removals)| !removals.is_empty()).collect();
    PageRemovals { page: clean_page(page), publications }
}

/// A piece of a source's text: its bytes from `offset` on. A library read a run of pages at a time is looked up
/// in the run's piece.
#[derive(Debug, Clone, Copy)]
pub struct SourcePiece<'a> {
    pub bytes: &'a [u8],
    pub offset: usize,
}

/// The removals of a library cleaned in file order, found in its source for the warnings' lines.
#[derive(Default)]
pub struct Found {
    tallies: BTreeMap<Field, Tally>,
    locator: Locator,
}

impl Found {
    /// Tallies what was taken out of `page` (cleaned from `piece`, which holds its text).
    pub fn note(&mut self, piece: SourcePiece<'_>, page: &Page, removals: PageRemovals) {
        self.note_record(piece, removals.page, &|| format!("page {}", page.path.join(" ▸ ")));
        for (at, removals) in removals.publications {
            self.note_record(piece, removals, &|| page.publications.get(at).map(identity).unwrap_or_default());
        }
    }

    /// Counts the lines of `piece` not yet counted: the next piece's lines follow them. A source read whole never
    /// needs this.
    pub fn leave(&mut self, piece: SourcePiece<'_>) {
        self.locator.count_lines_to(piece, piece.offset + piece.bytes.len());
    }

    fn note_record(&mut self, piece: SourcePiece<'_>, removals: Removals, record: &dyn Fn() -> String) {
        if removals.is_empty() {
            return;
        }
        let needles: Vec<&str> = removals.iter().filter_map(|(_, needle)| needle.as_deref()).collect();
        let line = self.locator.locate(piece, &needles).unwrap_or(0);
        let mut fields: Vec<Field> = removals.iter().map(|(field, _)| *field).collect();
        fields.sort();
        fields.dedup();
        for field in fields {
            let tally = self.tallies.entry(field).or_insert_with(|| Tally {
                records: 0,
                first_line: line,
                first_record: record(),
            });
            tally.records += 1;
        }
    }

    /// One warning per kind of field anything was taken out of.
    pub fn warnings(self, name: &str) -> Vec<Diagnostic> {
        self.tallies
            .into_iter()
            .map(|(field, tally)| {
                let noun = if tally.records == 1 { "record" } else { "records" };
                let message = format!(
                    "removed control characters from the {} of {} {noun} (first: {})",
                    field.name(),
                    tally.records,
                    tally.first_record
                );
                Diagnostic::warning(name, tally.first_line, message)
            })
            .collect()
    }
}

/// Cleans every publication, on every core (the pass touches every string of the library); returns the removals
/// of those that had any, by position in library order, for the warnings to be written in file order.
fn clean_publications(library: &mut Library) -> Vec<(usize, Removals)> {
    let mut publications: Vec<&mut Publication> =
        library.pages.iter_mut().flat_map(|page| page.publications.iter_mut()).collect();
    let chunks = crate::parallel::map_chunks_mut(&mut publications, 4096, |start, publications| {
        let cleaned = publications.iter_mut().map(|publication| clean_publication(publication));
        let numbered = cleaned.enumerate().map(|(at, removals)| (start + at, removals));
        numbered.filter(|(_, removals)| !removals.is_empty()).collect::<Vec<_>>()
    });
    chunks.into_iter().flatten().collect()
}

fn identity(publication: &Publication) -> String {
    match &publication.pmid {
        Some(pmid) => format!("PMID {pmid}"),
        None => {
            let title: String = publication.title.chars().take(50).collect();
            let cut = if title.len() < publication.title.len() { "…" } else { "" };
            format!("“{title}{cut}”")
        }
    }
}

/// The fields removals came from, each with a piece of the original text around the first removal.
type Removals = Vec<(Field, Option<String>)>;

fn clean_page(page: &mut Page) -> Removals {
    let mut removals = Removals::new();
    for part in &mut page.path {
        line(part, Field::TopicPath, false, &mut removals);
    }
    paragraph(&mut page.summary, Field::Summary, &mut removals);
    if let Some(date) = &mut page.last_updated {
        line(date, Field::Details, false, &mut removals);
    }
    removals
}

fn clean_publication(publication: &mut Publication) -> Removals {
    let mut removals = Removals::new();
    line(&mut publication.title, Field::Title, true, &mut removals);
    for author in &mut publication.authors {
        line(author, Field::Authors, true, &mut removals);
    }
    line(&mut publication.journal, Field::Journal, true, &mut removals);
    let details = [
        &mut publication.date,
        &mut publication.volume,
        &mut publication.issue,
        &mut publication.pages,
        &mut publication.pmc_free_after,
        &mut publication.pmid,
        &mut publication.doi,
        &mut publication.pmc,
    ];
    for value in details.into_iter().flatten() {
        line(value, Field::Details, false, &mut removals);
    }
    for tag in &mut publication.tags {
        line(tag, Field::Annotations, false, &mut removals);
    }
    // A note is the user's own Markdown: controls go, but `&amp;` and `<b>` are what the user wrote.
    if let Some(note) = publication.note.as_mut().filter(|note| needs_cleaning(note, false)) {
        let (text, removed) = strip_controls(note, Breaks::Keep);
        let text = text.into_owned();
        if removed {
            removals.push((Field::Annotations, needle(note)));
        }
        *note = text;
    }
    if publication.abstract_sections.iter().any(|section| needs_cleaning(&section.text, true)) {
        let sections = std::mem::take(&mut publication.abstract_sections);
        publication.abstract_sections =
            sections.into_iter().flat_map(|section| abstract_section(section, &mut removals)).collect();
    } else {
        for section in &mut publication.abstract_sections {
            if let Some(label) = &mut section.label {
                line(label, Field::Abstract, true, &mut removals);
            }
        }
    }
    removals
}

fn needs_cleaning(text: &str, markup: bool) -> bool {
    text.chars().any(|c| (is_unsafe(c) && c != '\n' && c != '\t') || (markup && (c == '<' || c == '&')))
}

/// Cleans a one-line field in place.
fn line<Text: std::ops::Deref<Target = str> + From<String>>(
    value: &mut Text,
    field: Field,
    markup: bool,
    removals: &mut Removals,
) {
    if !value.contains(['\n', '\t']) && !needs_cleaning(value, markup) {
        return;
    }
    let decoded = if markup { plain_line(value) } else { std::borrow::Cow::Borrowed(&**value) };
    let (text, removed) = strip_controls(&decoded, Breaks::AsSpaces);
    let text = text.trim().to_string();
    if removed {
        removals.push((field, needle(value)));
    }
    *value = text.into();
}

fn paragraph(value: &mut String, field: Field, removals: &mut Removals) {
    if !needs_cleaning(value, true) {
        return;
    }
    let decoded = decode_references(value);
    let (text, removed) = strip_controls(&decoded, Breaks::Keep);
    let text = text.into_owned();
    if removed {
        removals.push((field, needle(value)));
    }
    *value = text;
}

/// One section's cleaned text: several sections when its markup held paragraphs or headings.
fn abstract_section(section: AbstractSection, removals: &mut Removals) -> Vec<AbstractSection> {
    let mut label = section.label;
    if let Some(text) = &mut label {
        line(text, Field::Abstract, true, removals);
    }
    let Some(paragraphs) = markup::paragraphs(&section.text) else {
        let mut text = section.text;
        paragraph(&mut text, Field::Abstract, removals);
        return vec![AbstractSection { label, text }];
    };
    let mut sections = Vec::new();
    for (index, found) in paragraphs.into_iter().enumerate() {
        let (text, removed) = strip_controls(&found.text, Breaks::Keep);
        if removed {
            removals.push((Field::Abstract, needle(&section.text)));
        }
        // The section's own label heads its first paragraph, unless that has a heading of its own.
        let heading = match (index, found.label) {
            (0, None) => label.take(),
            (_, heading) => heading,
        };
        // Labels written in the text (`BACKGROUND: ...`) were hidden from the importer by the tags around them.
        match heading {
            Some(heading) => sections.push(AbstractSection { label: Some(heading), text: text.into_owned() }),
            None => sections.extend(split_labelled(&text)),
        }
    }
    if let Some(label) = label {
        sections.insert(0, AbstractSection { label: Some(label), text: String::new() });
    }
    sections
}

/// A piece of the original text from its first control on, to find its line in the file.
fn needle(original: &str) -> Option<String> {
    let start = original.find(|c: char| is_unsafe(c) && !c.is_whitespace())?;
    let piece: String = original[start..].chars().take_while(|c| !c.is_whitespace()).take(16).collect();
    Some(piece)
}

/// Finds records' removed text in the file, in file order, for the line number of a warning.
struct Locator {
    /// Where the next record's text starts at the earliest.
    cursor: usize,
    counted_to: usize,
    line: usize,
}

impl Default for Locator {
    fn default() -> Self {
        Locator { cursor: 0, counted_to: 0, line: 1 }
    }
}

impl Locator {
    /// The line of the first of a record's needles, searching `piece` after the records before it.
    fn locate(&mut self, piece: SourcePiece<'_>, needles: &[&str]) -> Option<usize> {
        let start = self.cursor.max(piece.offset);
        let mut first: Option<usize> = None;
        // A needle found twice in one record is searched for after its previous place.
        let mut found: Vec<(&str, usize)> = Vec::new();
        for &needle in needles {
            let from = found.iter().rev().find(|(seen, _)| *seen == needle).map_or(start, |(_, end)| *end);
            let Some((at, length)) = find(piece, needle, from) else { continue };
            first = Some(first.map_or(at, |first| first.min(at)));
            found.push((needle, at + length));
            self.cursor = self.cursor.max(at + length);
        }
        let at = first?;
        self.count_lines_to(piece, at);
        Some(self.line)
    }

    /// Counts the lines of `piece` up to `at`. Records come in file order, so counting resumes where the last count
    /// stopped.
    fn count_lines_to(&mut self, piece: SourcePiece<'_>, at: usize) {
        if at > self.counted_to {
            let from = self.counted_to.max(piece.offset) - piece.offset;
            let to = (at - piece.offset).min(piece.bytes.len());
            self.line += memchr::memchr_iter(b'\n', piece.bytes.get(from..to).unwrap_or_default()).count();
            self.counted_to = at;
        }
    }
}

/// Where `needle` is in `piece` from `from` on, as it is or as JSON escapes it (`\u001b`), and its length.
fn find(piece: SourcePiece<'_>, needle: &str, from: usize) -> Option<(usize, usize)> {
    let rest = piece.bytes.get(from.checked_sub(piece.offset)?..)?;
    if let Some(offset) = memchr::memmem::find(rest, needle.as_bytes()) {
        return Some((from + offset, needle.len()));
    }
    let quoted = serde_json::to_string(needle).ok()?;
    let escaped = quoted.strip_prefix('"')?.strip_suffix('"')?;
    memchr::memmem::find(rest, escaped.as_bytes()).map(|offset| (from + offset, escaped.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str, abstract_text: &str) -> Publication {
        Publication {
            title: title.into(),
            abstract_sections: vec![AbstractSection { label: None, text: abstract_text.into() }],
            ..Publication::default()
        }
    }

    fn one_page(publications: Vec<Publication>) -> Library {
        Library { pages: vec![Page { path: vec!["Imported".into()], publications, ..Page::default() }] }
    }

    #[test]
    fn one_warning_per_kind_of_field_with_the_line_of_the_first_record() {
        let source =
            "TI  - Clean\nTI  - Bad\u{1b}]0;pwned\u{07} one\nAB  - x\u{1b}[2J\nTI  - Bad\u{1b}]0;pwned\u{07} two\n";
        let mut library = one_page(vec![
            titled("Clean", "fine"),
            titled("Bad\u{1b}]0;pwned\u{07} one", "x\u{1b}[2J"),
            titled("Bad\u{1b}]0;pwned\u{07} two", "y"),
        ]);
        let warnings = clean_library("a.ris", source, &mut library);
        let shown: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "a.ris:2: removed control characters from the title of 2 records (first: “Bad one”)",
                "a.ris:2: removed control characters from the abstract of 1 record (first: “Bad one”)",
            ]
        );
        let publications = &library.pages[0].publications;
        assert_eq!(publications[1].title, "Bad one");
        assert_eq!(publications[2].title, "Bad two");
        assert_eq!(publications[1].abstract_sections[0].text, "x");
    }

    #[test]
    fn every_field_is_cleaned_and_markup_only_is_no_warning() {
        let dirty = |text: &str| format!("{text}\u{9b}2J\u{202e}");
        let mut publication = titled("PM<sub>2.5</sub> &amp; ozone", "<jats:p>BACKGROUND: One. RESULTS: Two.</jats:p>");
        publication.authors = vec!["M&uuml;ller A".into()];
        let mut library = one_page(vec![publication]);
        assert!(clean_library("j.json", "", &mut library).is_empty(), "decoding markup removes nothing");
        let publication = &library.pages[0].publications[0];
        assert_eq!(publication.title, "PM2.5 & ozone");
        assert_eq!(publication.authors, ["Müller A"]);
        let labels: Vec<_> = publication.abstract_sections.iter().map(|section| section.label.as_deref()).collect();
        assert_eq!(labels, [Some("BACKGROUND"), Some("RESULTS")]);

        let mut publication = Publication {
            authors: vec![dirty("A").into()],
            journal: dirty("J").into(),
            date: Some(dirty("2019").into()),
            pmid: Some(dirty("1").into()),
            doi: Some(dirty("10.1/x").into()),
            tags: vec![dirty("review")],
            note: Some(dirty("No\nte &amp; <b>")),
            ..titled(&dirty("T"), &dirty("Abs\ntract"))
        };
        publication.abstract_sections[0].label = Some(dirty("L"));
        let mut library = one_page(vec![publication]);
        library.pages[0].path = vec![dirty("Topic")];
        library.pages[0].summary = dirty("Sum\nmary");
        let warnings = clean_library("j.json", "", &mut library);
        assert_eq!(warnings.len(), 8, "{warnings:?}");
        assert!(warnings.iter().all(|warning| warning.line == 0), "not in the source given");
        let json = serde_json::to_string(&library).unwrap();
        assert!(!json.contains("\\u") && !json.contains('\u{9b}') && !json.contains('\u{202e}'), "{json}");
        assert!(json.contains("Sum\\nmary") && json.contains("Abs\\ntract"), "paragraph breaks stay");
        assert!(json.contains("No\\nte &amp; <b>"), "a note keeps its lines and what the user wrote: {json}");
    }
}
