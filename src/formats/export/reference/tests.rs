//! The fast writers compared with the plain ones on generated libraries made hostile.

use super::*;
use crate::formats::export::{ExportFormat, export};
use crate::formats::library_json;
use crate::model::{AbstractSection, CompactString};
use crate::synthetic::{self, XorShift};

/// Bits of text a file could hold: controls (C0, DEL, C1, CR, LF, tab), CSV formula starts, quotes and
/// commas, BibTeX's specials and dashes, non-ASCII (accents, Greek with a final sigma, astral), blanks.
const HOSTILE: [&str; 26] = [
    "\u{1b}[31mred",
    "a\r\nb\rc\nd",
    "\t=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(A1)",
    "=HYPERLINK(\"http://x\")",
    "say \"hi\", then",
    r"50% & $5 #1 a_b {x} \n ~ ^",
    "a--b---c",
    "Müller–Lüdenscheidt Ö",
    "ΣΟΦΙΑΣ",
    "\u{7f}del",
    "nel\u{85}line",
    "\u{9b}31mcsi",
    "😀 astral",
    "   ",
    "",
    " padded ",
    "°C ± µg",
    "van der Berg J-P",
    "Myeloma Working Group",
    "Doe, Jr JD",
    "727-38",
    "S12-S15, 20",
    "10.1/ΣΟΦΙΑΣ",
];

fn hostile(rng: &mut XorShift) -> String {
    let mut text = rng.pick(&HOSTILE).to_string();
    if rng.below(3) == 0 {
        text.push(' ');
        text.push_str(rng.pick(&HOSTILE));
    }
    text
}

fn sometimes(rng: &mut XorShift, text: &str) -> Option<CompactString> {
    match rng.below(4) {
        0 => None,
        1 => Some(hostile(rng).into()),
        _ => Some(text.into()),
    }
}

/// A generated library made hostile: every other publication has fields from [`HOSTILE`], notes, tags,
/// labelled abstracts, every record kind; some papers come again on other pages, and namesakes clash.
fn library(count: usize, seed: u64) -> Library {
    let mut library = synthetic::library(count, seed);
    let mut rng = XorShift::new(seed);
    let kinds = RecordKind::ALL;
    let mut again = Vec::new();
    for (at, publication) in library.publications_mut().enumerate() {
        publication.kind = rng.pick(&kinds);
        if at % 2 == 0 {
            continue;
        }
        publication.title = format!("{} {}", hostile(&mut rng), publication.title);
        publication.authors.push(hostile(&mut rng).into());
        publication.journal = hostile(&mut rng).into();
        publication.et_al = rng.below(2) == 0;
        publication.date = sometimes(&mut rng, "2019 Aug 22");
        publication.volume = sometimes(&mut rng, "381");
        publication.issue = sometimes(&mut rng, "8");
        publication.pages = sometimes(&mut rng, "727-38");
        publication.doi = sometimes(&mut rng, "10.1056/NEJMoa1903455");
        publication.pmid = if rng.below(3) == 0 { None } else { publication.pmid.take() };
        publication.pmc = sometimes(&mut rng, "PMC123");
        publication.abstract_sections = vec![
            AbstractSection { label: Some(hostile(&mut rng)), text: hostile(&mut rng) },
            AbstractSection { label: None, text: hostile(&mut rng) },
        ];
        publication.tags = vec!["review".into(), hostile(&mut rng)];
        publication.note = sometimes(&mut rng, "line one\n\nline three  \n").map(String::from);
        if at % 7 == 1 {
            again.push(publication.clone());
        }
        if at % 11 == 1 {
            // A namesake: the same BibTeX base key as the paper before it.
            again.push(crate::model::Publication { pmid: None, doi: None, ..publication.clone() });
        }
    }
    library.pages.push(Page { path: vec!["Again".into()], publications: again, ..Page::default() });
    // Pages with no publications first, between two that have some, and last.
    let empty = |name: &str| Page { path: vec![name.into()], summary: "\u{1b}]52;c;x\u{7}".into(), ..Page::default() };
    library.pages.insert(0, empty("First"));
    library.pages.insert(library.pages.len() / 2, empty("Between"));
    library.pages.insert(library.pages.len() / 2, empty("Next to it"));
    library.pages.push(empty("Last"));
    library
}

/// Every export format as the plain writers write `publications`.
fn plainly_written(publications: &[&Publication]) -> [(ExportFormat, String); 5] {
    [
        (ExportFormat::Ris, ris(publications)),
        (ExportFormat::Bibtex, bibtex(publications)),
        (ExportFormat::Csv, csv(publications, Formulas::Neutralised)),
        (ExportFormat::Csl, csl(publications)),
        (ExportFormat::Json, json(publications)),
    ]
}

#[test]
fn every_format_writes_what_the_plain_writers_write() {
    for (count, seed) in [(1, 1), (40, 2), (1500, 3)] {
        let library = library(count, seed);
        let publications: Vec<&Publication> = library.publications().collect();
        assert!(count == 1 || publications.len() > count, "the library has papers again on other pages");
        for (format, expected) in plainly_written(&publications) {
            assert!(export(format, &publications) == expected, "{format} of {count}, seed {seed}");
        }
        let kept = super::super::csv::to_string_with(&publications, Formulas::Kept);
        assert!(kept == csv(&publications, Formulas::Kept), "CSV with formulas kept, {count}");
        assert!(library_json::to_string(&library) == library_json(&library), "library JSON of {count}");
    }
}

/// Each bit of [`HOSTILE`] at every offset in a run of plain text longer than the chunks the fast writers look at
/// a time (a C1 control split across two of them, a hyphen ending one and starting the next), in every text field.
fn padded_library() -> Library {
    let mut library = synthetic::library(HOSTILE.len() * 40, 7);
    let publications = library.publications_mut();
    for (at, publication) in publications.enumerate() {
        let (bit, offset) = (HOSTILE[at % HOSTILE.len()], at / HOSTILE.len());
        let padded = format!("{}{bit}{}", "x".repeat(offset), "-y".repeat(offset % 3 * 9));
        publication.title = padded.clone();
        publication.authors = vec![padded.as_str().into(), format!("Smith{padded} AB").into()];
        publication.journal = padded.as_str().into();
        publication.pages = Some(padded.as_str().into());
        publication.doi = Some(padded.as_str().into());
        publication.abstract_sections = vec![AbstractSection { label: Some(padded.clone()), text: padded.clone() }];
        publication.tags = vec![padded.clone()];
        publication.note = Some(padded);
    }
    library
}

#[test]
fn hostile_text_anywhere_in_long_runs_is_written_as_the_plain_writers_write_it() {
    let library = padded_library();
    let publications: Vec<&Publication> = library.publications().collect();
    for (format, expected) in plainly_written(&publications) {
        let written = export(format, &publications);
        if written != expected {
            let differs = written.bytes().zip(expected.bytes()).position(|(a, b)| a != b).unwrap_or(0);
            let around =
                |text: &str| text.get(differs.saturating_sub(80)..).unwrap_or("").chars().take(160).collect::<String>();
            panic!("{format} differs at byte {differs}:\n{:?}\n{:?}", around(&written), around(&expected));
        }
    }
}

#[test]
fn nothing_is_written_as_the_plain_writers_write_nothing() {
    for format in ExportFormat::ALL {
        let expected = match format {
            ExportFormat::Ris => ris(&[]),
            ExportFormat::Bibtex => bibtex(&[]),
            ExportFormat::Csv => csv(&[], Formulas::Neutralised),
            ExportFormat::Csl => csl(&[]),
            ExportFormat::Json => json(&[]),
        };
        assert_eq!(export(format, &[]), expected, "{format}");
    }
    let empty_pages = Library { pages: vec![Page::default(), Page { path: vec!["A".into()], ..Page::default() }] };
    for library in [Library::default(), empty_pages] {
        assert_eq!(library_json::to_string(&library), library_json(&library));
    }
}
