//! The first records of a big file, read from its first bytes for the reader's first frame, are the first records
//! of the whole file: checked against the plainest reference, the whole file imported and cut to as many records,
//! at cuts all through files of every format that has records.

use lenaview::formats::export::{self, ExportFormat};
use lenaview::formats::{import_bytes, import_start, library_json};
use lenaview::model::{Library, Page, Publication};

/// A library with what a cut could split: Greek and accented letters (several bytes each), a control sequence
/// the cleaning removes, braces and quotes inside strings, pages of several sizes.
fn library() -> Library {
    let mut papers = lenaview::synthetic::library(150, 11).pages.into_iter().flat_map(|page| page.publications);
    let pages = [40, 1, 70, 39].into_iter().enumerate().map(|(at, size)| Page {
        path: vec!["Treatments".into(), format!("Part {at}")],
        summary: format!("Part {{{at}}} of \"the\" library"),
        last_updated: None,
        publications: papers.by_ref().take(size).collect(),
    });
    let mut library = Library { pages: pages.collect() };
    let publications = library.publications_mut();
    for (at, publication) in publications.enumerate() {
        match at % 7 {
            0 => publication.title = format!("α-Interferon and {{lenalidomide}} in “{}”", publication.title),
            3 => publication.authors.insert(0, "Müller-Ødegård Ç".into()),
            5 => publication.title.push_str(" \u{1b}[31mred\u{1b}[0m \"quoted\" \\ end"),
            _ => {}
        }
    }
    library
}

/// MEDLINE as PubMed writes it, long fields wrapped on six-space continuation lines.
fn medline(library: &Library) -> String {
    let mut text = String::new();
    for (at, publication) in library.publications().enumerate() {
        text.push_str(&format!("PMID- {}\nTI  - {}\n", 40_000_000 + at, publication.title));
        for section in &publication.abstract_sections {
            let label = section.label.as_deref().map(|label| format!("{label}: ")).unwrap_or_default();
            let wrapped = textwrap::fill(&format!("{label}{}", section.text), 70).replace('\n', "\n      ");
            text.push_str(&format!("AB  - {wrapped}\n"));
        }
        for author in &publication.authors {
            text.push_str(&format!("AU  - {author}\n"));
        }
        text.push_str(&format!("TA  - {}\nSO  - {}. 2020.\n\n", publication.journal, publication.journal));
    }
    text
}

/// At cuts all through `bytes`: what the start gives is the whole file's first records, and a longer start never
/// gives fewer of them. Returns how many starts gave records.
fn starts_are_the_whole_files_first_records(name: &str, bytes: &[u8]) -> usize {
    let whole = import_bytes(name, bytes).expect("the whole file imports").library;
    let (mut given, mut most) = (0, 0);
    // A step prime to every record's length, so cuts land at every kind of place: in a tag, a string, a character.
    for cut in (1..bytes.len()).step_by(211) {
        let Some(start) = import_start(name, &bytes[..cut]) else { continue };
        let count = start.library.publication_count();
        let mut expected = whole.clone();
        expected.keep_first(count);
        assert_eq!(start.library, expected, "{name} cut at byte {cut}");
        assert!(count >= most, "{name}: {count} records at byte {cut}, {most} before");
        assert!(start.warnings.is_empty(), "the whole file's import tells its problems");
        (given, most) = (given + 1, count);
    }
    assert!(most > whole.publication_count() * 9 / 10, "{name}: at most {most} records from a start");
    given
}

#[test]
fn a_library_json_start_gives_its_whole_pages_then_the_whole_papers_of_the_page_cut_short() {
    let text = library_json::to_string(&library());
    let given = starts_are_the_whole_files_first_records("library.json", text.as_bytes());
    assert!(given > text.len() / 211 * 9 / 10, "nearly every start has a whole paper: {given}");
}

#[test]
fn a_ris_start_gives_the_records_that_end_in_it() {
    let library = library();
    let publications: Vec<&Publication> = library.publications().collect();
    // RIS as lenaview writes it has CRLF line ends: a cut may fall between the two.
    let text = export::export(ExportFormat::Ris, &publications);
    assert!(text.contains("\r\n"));
    starts_are_the_whole_files_first_records("export.ris", text.as_bytes());
}

#[test]
fn a_medline_start_gives_the_records_before_its_last_pmid_line() {
    let text = medline(&library());
    starts_are_the_whole_files_first_records("pubmed.txt", text.as_bytes());
}

#[test]
fn what_a_start_cannot_tell_is_left_to_the_whole_file() {
    let text = library_json::to_string(&library());
    let half = text.len() / 2;
    assert!(import_start("library.json", &text.as_bytes()[..half]).is_some());
    // A byte that is not UTF-8 makes the whole file Windows-1252, which reads the start otherwise.
    let mut latin = text.as_bytes()[..half].to_vec();
    latin[100] = 0xE9;
    assert!(import_start("library.json", &latin).is_none());
    // A page that does not parse, in the start: the whole parse says where.
    let broken = text[..half].replacen("\"title\":", "\"title\" ", 1);
    assert!(import_start("library.json", broken.as_bytes()).is_none());
    // A CancerIndex page is one page with nothing to cut at.
    let page = lenaview::formats::BUNDLED_PAGE_TEXT;
    assert!(import_start("page.txt", &page.as_bytes()[..page.len() / 2]).is_none());
    // Nothing whole yet.
    assert!(import_start("pubmed.txt", &medline(&library()).as_bytes()[..40]).is_none());
    assert!(import_start("library.json", &text.as_bytes()[..60]).is_none());
}
