//! Fidelity of the RIS reader: generated records whose every field lenaview reads (title, authors, journal or
//! book, dates, volume, issue, pages, DOI, identifiers, repeated abstracts) come out in the library character for
//! character, apart from whitespace. The text is random (seeded, so a failure repeats), wrapped over continuation
//! lines at random, in Latin, Greek, Cyrillic and CJK letters with the punctuation abstracts have.
//!
//! The transformations lenaview makes on purpose are the expected values here: authors in PubMed's short form
//! ("Keller, Anna Maria" → "Keller AM"), dates as PubMed prints them ("2019/08/22/" → "2019 Aug 22"), and pages as
//! one range. Markup and control characters are left out of the text: cleaning them is another rule's business.

use lenaview::formats;
use lenaview::model::{Publication, RecordKind};
use lenaview::synthetic::XorShift;

const SEEDS: std::ops::RangeInclusive<u64> = 1..=6;
const RECORDS_PER_FILE: usize = 150;

const LOWER: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'v', 'y', 'z', 'é',
    'ü', 'ñ', 'ß', 'ø', 'å', 'ç', 'α', 'β', 'γ', 'κ', 'ж', 'д', 'я', '骨', '髄', '腫',
];
const UPPER: &[char] = &['A', 'B', 'C', 'D', 'K', 'M', 'R', 'S', 'T', 'Ä', 'Ø', 'É', 'Ж', 'Δ', 'Ł'];
const TRAILING: &[&str] = &[",", ";", "%", ")", "'", "”", "±1", "-2"];
const LABELS: &[&str] = &["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS", "Objective", "MATERIALS AND METHODS"];
use lenaview::formats::months::ABBREVIATIONS as MONTHS;

/// A generated record: its RIS lines, the publication lenaview must make of it, and the lines (indices into
/// `lines`) of repeated fields the model has no place for, which must each be a warning.
struct Generated {
    lines: Vec<String>,
    expected: Expected,
    reported: Vec<usize>,
}

#[derive(Debug, Default)]
struct Expected {
    kind: RecordKind,
    title: String,
    authors: Vec<String>,
    et_al: bool,
    journal: String,
    year: Option<i32>,
    date: Option<String>,
    volume: Option<String>,
    issue: Option<String>,
    pages: Option<String>,
    doi: Option<String>,
    pmid: Option<String>,
    pmc: Option<String>,
    /// Every distinct abstract value, in file order.
    abstracts: Vec<String>,
}

struct Generator(XorShift);

impl Generator {
    fn below(&mut self, bound: usize) -> usize {
        self.0.below(bound)
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn letters(&mut self, first: Option<char>) -> String {
        let length = 1 + self.below(9);
        first.into_iter().chain((0..length).map(|_| self.0.pick(LOWER))).collect()
    }

    fn capitalised(&mut self) -> String {
        let first = self.0.pick(UPPER);
        self.letters(Some(first))
    }

    /// A word of prose: letters or a number, sometimes capitalised, sometimes with punctuation after it.
    fn word(&mut self) -> String {
        let mut word = match self.below(8) {
            0 => (self.0.next_u64() % 10_000).to_string(),
            1 => format!("({}", self.letters(None)),
            2 => self.capitalised(),
            _ => self.letters(None),
        };
        if self.chance(5) {
            word.push_str(self.0.pick(TRAILING));
        }
        word
    }

    fn words(&mut self, count: usize) -> Vec<String> {
        (0..count).map(|_| self.word()).collect()
    }

    fn sentence(&mut self) -> String {
        let count = 3 + self.below(10);
        let mut sentence = self.words(count).join(" ");
        sentence.push_str(self.0.pick(&[".", "?", "!", "."]));
        sentence
    }

    /// One abstract value: sentences, some opening with a section label.
    fn abstract_text(&mut self) -> String {
        let sentences = 1 + self.below(5);
        let mut parts = Vec::new();
        for _ in 0..sentences {
            if self.chance(3) {
                parts.push(format!("{}:", self.0.pick(LABELS)));
            }
            parts.push(self.sentence());
        }
        parts.join(" ")
    }

    /// `TAG  - value`, the value wrapped over continuation lines at random (some indented, as EndNote does).
    fn field(&mut self, tag: &str, value: &str) -> Vec<String> {
        let words: Vec<&str> = value.split(' ').collect();
        let mut lines = Vec::new();
        let mut start = 0;
        while start < words.len() {
            let end = if self.chance(3) { (start + 1 + self.below(6)).min(words.len()) } else { words.len() };
            let text = words[start..end].join(" ");
            lines.push(match (start, self.below(3)) {
                (0, _) => format!("{tag}  - {text}"),
                (_, 0) => format!("      {text}"),
                _ => text,
            });
            start = end;
        }
        lines
    }

    fn record(&mut self) -> Generated {
        let mut lines = Vec::new();
        let mut expected = Expected::default();
        let (ty, kind, container_tags): (&str, RecordKind, &[&str]) = self.0.pick(&[
            ("JOUR", RecordKind::Article, &["JI", "J9", "J2", "JA", "JO", "J1", "T2", "JF"][..]),
            ("JOUR", RecordKind::Article, &["T2", "JO"][..]),
            ("CHAP", RecordKind::Chapter, &["BT", "T2"][..]),
            ("CONF", RecordKind::ConferencePaper, &["C3", "T2", "BT"][..]),
            ("THES", RecordKind::Thesis, &["T2"][..]),
            ("BOOK", RecordKind::Book, &["T2", "JF"][..]),
            ("RPRT", RecordKind::Report, &["T2", "JO"][..]),
        ]);
        lines.push(format!("TY  - {ty}"));
        expected.kind = kind;

        let title_words = 2 + self.below(14);
        let title = self.words(title_words).join(" ");
        let tag = self.0.pick(&["TI", "T1"]);
        lines.extend(self.field(tag, &title));
        expected.title = title;
        let mut reported = Vec::new();
        if self.chance(8) {
            // A second title (another language, EBSCO-style): kept out of the model, so reported.
            reported.push(lines.len());
            let second = format!("{} {}", self.capitalised(), self.words(3).join(" "));
            let tag = self.0.pick(&["TI", "T1"]);
            lines.extend(self.field(tag, &second));
        }

        for _ in 0..self.below(5) {
            let surname = if self.chance(4) {
                format!("{}-{}", self.capitalised(), self.capitalised())
            } else {
                self.capitalised()
            };
            let given_count = 1 + self.below(2);
            let given: Vec<String> = (0..given_count).map(|_| self.capitalised()).collect();
            let initials: String = given.iter().filter_map(|name| name.chars().next()).collect();
            let tag = self.0.pick(&["AU", "A1"]);
            lines.push(format!("{tag}  - {surname}, {}", given.join(" ")));
            expected.authors.push(format!("{surname} {initials}"));
        }
        if !expected.authors.is_empty() && self.chance(4) {
            lines.push("AU  - et al.".to_string());
            expected.et_al = true;
        }

        if !self.chance(6) {
            let journal_words = 1 + self.below(5);
            let journal = (0..journal_words).map(|_| self.capitalised()).collect::<Vec<_>>().join(" ");
            let tag = self.0.pick(container_tags);
            lines.extend(self.field(tag, &journal));
            expected.journal = journal;
        }

        self.date(&mut lines, &mut expected);
        if self.chance(2) {
            let volume = if self.chance(5) { format!("{} Suppl 2", 1 + self.below(400)) } else { self.number() };
            lines.push(format!("VL  - {volume}"));
            if self.chance(8) {
                reported.push(lines.len());
                lines.push(format!("VL  - {volume}{}", self.number()));
            }
            expected.volume = Some(volume);
        }
        if self.chance(2) {
            let issue = self.0.pick(&["3", "12", "3-4", "Spring", "Pt 2", "S1"]).to_string();
            lines.push(format!("IS  - {issue}"));
            expected.issue = Some(issue);
        }
        self.pages(&mut lines, &mut expected);
        self.identifiers(&mut lines, &mut expected);

        for _ in 0..self.below(4) {
            let text = self.abstract_text();
            let tag = self.0.pick(&["AB", "AB", "N2"]);
            lines.extend(self.field(tag, &text));
            // EndNote and Ovid write the abstract twice, as AB and N2: once is enough.
            if self.chance(4) {
                lines.extend(self.field("N2", &text));
            }
            expected.abstracts.push(text);
        }
        lines.push("ER  - ".to_string());
        Generated { lines, expected, reported }
    }

    fn number(&mut self) -> String {
        (1 + self.below(2000)).to_string()
    }

    fn date(&mut self, lines: &mut Vec<String>, expected: &mut Expected) {
        let year = 1950 + self.below(80) as i32;
        let month = 1 + self.below(12);
        let day = 1 + self.below(28);
        let month_name = MONTHS[month - 1];
        let (fields, printed) = match self.below(7) {
            0 => return,
            1 => (vec![format!("PY  - {year}")], year.to_string()),
            2 => (vec![format!("Y1  - {year}/{month:02}/{day:02}/")], format!("{year} {month_name} {day}")),
            3 => (vec![format!("DA  - {year}/{month:02}//")], format!("{year} {month_name}")),
            4 => (
                vec![format!("PY  - {year}"), format!("DA  - {year}/{month:02}/{day:02}/")],
                format!("{year} {month_name} {day}"),
            ),
            5 => (vec![format!("DA  - {year}-{month:02}-{day:02}")], format!("{year} {month_name} {day}")),
            _ => {
                let season = self.0.pick(&["Spring", "Fall", "Winter"]);
                (vec![format!("Y1  - {year}///{season}")], format!("{year} {season}"))
            }
        };
        lines.extend(fields);
        expected.year = Some(year);
        expected.date = Some(printed);
    }

    fn pages(&mut self, lines: &mut Vec<String>, expected: &mut Expected) {
        let first = 1 + self.below(900);
        match self.below(3) {
            0 => {}
            1 => {
                let last = first + 1 + self.below(30);
                lines.push(format!("SP  - {first}"));
                lines.push(format!("EP  - {last}"));
                expected.pages = Some(format!("{first}-{last}"));
            }
            _ => {
                lines.push(format!("SP  - e{first}"));
                expected.pages = Some(format!("e{first}"));
            }
        }
    }

    fn identifiers(&mut self, lines: &mut Vec<String>, expected: &mut Expected) {
        if self.chance(2) {
            let length = 4 + self.below(12);
            let suffix: String = (0..length)
                .map(|_| self.0.pick(&['a', 'b', 'x', 'z', '0', '7', '9', '.', '-', '_', '(', ')', '/']))
                .collect();
            let doi = format!("10.{}/j{suffix}x", 1000 + self.below(9000));
            let written = if self.chance(3) { format!("https://doi.org/{doi}") } else { doi.clone() };
            lines.push(format!("DO  - {written}"));
            expected.doi = Some(doi);
        }
        if self.chance(3) {
            let pmid = (10_000_000 + self.below(29_000_000)).to_string();
            lines.push(format!("U1  - {pmid} [PMID]"));
            expected.pmid = Some(pmid);
        }
        if self.chance(4) {
            let pmc = format!("PMC{}", 1_000_000 + self.below(9_000_000));
            lines.push(format!("U1  - {pmc} [PMCID]"));
            expected.pmc = Some(pmc);
        }
    }
}

fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check(expected: &Expected, read: &Publication, record: &str) {
    assert_eq!(read.kind, expected.kind, "kind of\n{record}");
    assert_eq!(squeezed(&read.title), squeezed(&expected.title), "title of\n{record}");
    assert_eq!(read.authors, expected.authors, "authors of\n{record}");
    assert_eq!(read.et_al, expected.et_al, "et al. of\n{record}");
    assert_eq!(squeezed(&read.journal), squeezed(&expected.journal), "journal of\n{record}");
    assert_eq!((read.year, read.date.as_deref()), (expected.year, expected.date.as_deref()), "date of\n{record}");
    assert_eq!(read.volume.as_deref(), expected.volume.as_deref(), "volume of\n{record}");
    assert_eq!(read.issue.as_deref(), expected.issue.as_deref(), "issue of\n{record}");
    assert_eq!(read.pages.as_deref(), expected.pages.as_deref(), "pages of\n{record}");
    assert_eq!(read.doi.as_deref(), expected.doi.as_deref(), "DOI of\n{record}");
    assert_eq!(read.pmid.as_deref(), expected.pmid.as_deref(), "PMID of\n{record}");
    assert_eq!(read.pmc.as_deref(), expected.pmc.as_deref(), "PMC id of\n{record}");
    assert_eq!(
        without_whitespace(&read.abstract_text()),
        without_whitespace(&expected.abstracts.concat()),
        "abstract of\n{record}"
    );
    let labels = read.abstract_sections.iter().filter(|section| section.label.is_some()).count();
    let written = expected.abstracts.iter().map(|text| text.matches(':').count()).sum::<usize>();
    assert_eq!(labels, written, "every label written is a section in\n{record}");
}

#[test]
fn every_field_lenaview_reads_reaches_the_library_character_for_character() {
    for seed in SEEDS {
        let mut generator = Generator(XorShift::new(seed));
        let records: Vec<Generated> = (0..RECORDS_PER_FILE).map(|_| generator.record()).collect();
        let mut text = String::new();
        let mut lines_before = 0;
        let mut reported_lines = Vec::new();
        for (number, record) in records.iter().enumerate() {
            // Ovid numbers its records on lines of their own.
            if generator.chance(3) {
                text.push_str(&format!("{}.\n", number + 1));
                lines_before += 1;
            }
            text.push_str(&record.lines.join("\n"));
            text.push_str("\n\n");
            reported_lines.extend(record.reported.iter().map(|index| lines_before + index + 1));
            lines_before += record.lines.len() + 1;
        }
        let imported = formats::import_bytes("generated.ris", text.as_bytes()).unwrap();
        let warned: Vec<usize> = imported.warnings.iter().map(|warning| warning.line).collect();
        assert_eq!(warned, reported_lines, "seed {seed}: {:?}", imported.warnings);
        assert!(imported.warnings.iter().all(|warning| warning.message.contains("not kept")), "seed {seed}");
        let read: Vec<&Publication> = imported.library.publications().collect();
        assert_eq!(read.len(), records.len(), "seed {seed}");
        for (record, read) in records.iter().zip(read) {
            check(&record.expected, read, &record.lines.join("\n"));
        }
    }
}

#[test]
fn the_generator_covers_what_it_claims() {
    // The records of every seed, as the fidelity test generates them before anything else.
    let records: Vec<Generated> = SEEDS
        .flat_map(|seed| {
            let mut generator = Generator(XorShift::new(seed));
            (0..RECORDS_PER_FILE).map(move |_| generator.record())
        })
        .collect();
    let all_lines: Vec<&String> = records.iter().flat_map(|record| &record.lines).collect();
    let has = |predicate: &dyn Fn(&str) -> bool| all_lines.iter().any(|line| predicate(line));
    assert!(has(&|line| line.starts_with("      ")), "indented continuation lines");
    assert!(has(&|line| !line.is_empty() && line.get(2..5) != Some("  -")), "bare continuation lines");
    assert!(records.iter().any(|record| record.expected.abstracts.len() >= 2), "repeated abstracts");
    assert!(records.iter().any(|record| record.expected.et_al));
    assert!(records.iter().filter(|record| !record.reported.is_empty()).count() >= 10, "repeats to report");
    let tags_of = |record: &Generated, tag: &str| record.lines.iter().filter(|line| line.starts_with(tag)).count();
    assert!(records.iter().any(|record| tags_of(record, "AB") > 0 && tags_of(record, "N2") > 0), "AB beside N2");
    assert!(has(&|line| line.chars().any(|c| c == '骨')), "CJK text");
    let is_number_alone = |line: &str| line.trim().strip_suffix('.').is_some_and(|n| n.parse::<u32>().is_ok());
    assert!(has(&is_number_alone), "a wrapped line of a number and a stop, like Ovid's record numbers");
}
