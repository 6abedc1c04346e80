//! The fidelity rule, for every importer but RIS (tested with its importer): the text of every field lenaview reads
//! reaches the library character for character, apart from whitespace. Records are generated from seeded random
//! text, written in each format as exporters write it (wrapped lines, repeated abstracts), and imported back.

#[path = "fidelity/random_text.rs"]
mod random_text;

use lenaview::formats::{self, Imported, library_json};
use lenaview::model::{AbstractSection, Library, Page, Publication, RecordKind};
use random_text::{RandomText, squeezed, wrapped};

const SEEDS: std::ops::Range<u64> = 1..40;

fn import(name: &str, text: &str) -> Imported {
    formats::import_bytes(name, text.as_bytes()).unwrap_or_else(|err| panic!("{name} should import: {err}\n{text}"))
}

fn only_publications(imported: &Imported) -> &[Publication] {
    match imported.library.pages.as_slice() {
        [page] => &page.publications,
        pages => panic!("one page expected, got {}", pages.len()),
    }
}

/// The fields a source record holds, as written into the file, to compare with what was imported.
#[derive(Debug, Default)]
struct Written {
    title: String,
    authors: Vec<String>,
    et_al: bool,
    journal: String,
    date: String,
    year: i32,
    volume: Option<String>,
    issue: Option<String>,
    pages: Option<String>,
    abstracts: Vec<String>,
    pmid: Option<String>,
    doi: Option<String>,
    pmc: Option<String>,
    kind: RecordKind,
}

fn assert_same(written: &Written, imported: &Publication, context: &str) {
    assert_eq!(squeezed(&imported.title), squeezed(&written.title), "title, {context}");
    let authors: Vec<&str> = imported.authors.iter().map(|author| author.as_str()).collect();
    assert_eq!(
        (authors, imported.et_al),
        (written.authors.iter().map(String::as_str).collect(), written.et_al),
        "authors, {context}"
    );
    assert_eq!(squeezed(&imported.journal), squeezed(&written.journal), "journal, {context}");
    assert_eq!(
        (imported.date.as_deref(), imported.year),
        (Some(written.date.as_str()), Some(written.year)),
        "{context}"
    );
    let citation = (imported.volume.as_deref(), imported.issue.as_deref(), imported.pages.as_deref());
    assert_eq!(citation, (written.volume.as_deref(), written.issue.as_deref(), written.pages.as_deref()), "{context}");
    assert_eq!(squeezed(&imported.abstract_text()), squeezed(&written.abstracts.concat()), "abstract, {context}");
    let identifiers = (imported.pmid.as_deref(), imported.doi.as_deref(), imported.pmc.as_deref());
    assert_eq!(identifiers, (written.pmid.as_deref(), written.doi.as_deref(), written.pmc.as_deref()), "{context}");
    assert_eq!(imported.kind, written.kind, "kind, {context}");
}

// ---- MEDLINE ---------------------------------------------------------------------------------------------------

/// `TAG - value` wrapped at 70 characters with six-space continuation lines, as PubMed writes it.
fn medline_field(out: &mut String, tag: &str, value: &str) {
    for (nth, line) in wrapped(value, 70).iter().enumerate() {
        if nth == 0 {
            out.push_str(&format!("{tag:<4}- {line}\n"));
        } else {
            out.push_str(&format!("      {line}\n"));
        }
    }
}

fn medline_record(random: &mut RandomText, number: usize, out: &mut String) -> Written {
    let (date, year) = random.printed_date();
    let mut written = Written {
        title: random.sentence_of(5, 30),
        authors: (0..random.below(6)).map(|_| random.author()).collect(),
        journal: random.journal(),
        date,
        year,
        volume: Some(random.number(300)),
        issue: random.chance(3).then(|| random.number(12)),
        pages: Some(random.pages()),
        pmid: Some((40_000_000 + number).to_string()),
        doi: random.chance(2).then(|| format!("10.{}/{}", 1000 + random.below(9000), random.word())),
        pmc: random.chance(3).then(|| format!("PMC{}", 1_000_000 + number)),
        ..Written::default()
    };
    let book = random.chance(6).then(|| random.sentence_of(3, 6));
    medline_field(out, "PMID", written.pmid.as_deref().unwrap_or_default());
    medline_field(out, "OWN", "NLM");
    medline_field(out, "DP", &written.date);
    medline_field(out, "TI", &written.title);
    if let Some(book) = &book {
        medline_field(out, "BTI", book);
        (written.journal, written.kind) = (book.clone(), RecordKind::Chapter);
    }
    medline_field(out, "PG", written.pages.as_deref().unwrap_or_default());
    if let Some(doi) = &written.doi {
        medline_field(out, "LID", &format!("{doi} [doi]"));
    }
    for _ in 0..random.below(3) {
        let paragraphs: Vec<String> = (0..1 + random.below(4)).map(|_| random.abstract_paragraph()).collect();
        written.abstracts.push(paragraphs.join(" "));
        medline_field(out, "AB", written.abstracts.last().unwrap());
    }
    if random.chance(4) {
        written.abstracts.push(random.abstract_paragraph());
        medline_field(out, "OAB", written.abstracts.last().unwrap());
        medline_field(out, "OABL", "ger");
    }
    for author in &written.authors {
        medline_field(out, "FAU", &author.replacen(' ', ", ", 1));
        medline_field(out, "AU", author);
    }
    if random.chance(5) {
        let group = format!("{} Group", random.journal());
        medline_field(out, "CN", &group);
        written.authors.push(group);
    }
    medline_field(out, "PT", if written.kind == RecordKind::Chapter { "Review" } else { "Journal Article" });
    if random.chance(8) && written.kind == RecordKind::Article {
        medline_field(out, "PT", "Preprint");
        written.kind = RecordKind::Preprint;
    }
    if written.kind != RecordKind::Chapter {
        medline_field(out, "TA", &written.journal);
    }
    medline_field(out, "VI", written.volume.as_deref().unwrap_or_default());
    if let Some(issue) = &written.issue {
        medline_field(out, "IP", issue);
    }
    if let Some(pmc) = &written.pmc {
        medline_field(out, "PMC", pmc);
    }
    medline_field(out, "SO", &format!("{}. {};{}.", written.journal, written.date, written.volume.as_deref().unwrap()));
    written
}

#[test]
fn medline_text_reaches_the_library_character_for_character() {
    let (mut chapters, mut repeated_abstracts, mut wrapped_titles) = (0, 0, 0);
    for seed in SEEDS {
        let mut random = RandomText::new(seed);
        let mut text = String::new();
        let written: Vec<Written> = (0..1 + random.below(8))
            .map(|number| {
                let record = medline_record(&mut random, number, &mut text);
                text.push('\n');
                record
            })
            .collect();
        let imported = import("random.txt", &text);
        assert_eq!(imported.warnings, [], "seed {seed}\n{text}");
        let publications = only_publications(&imported);
        assert_eq!(publications.len(), written.len(), "seed {seed}");
        for (nth, (written, publication)) in written.iter().zip(publications).enumerate() {
            assert_same(written, publication, &format!("seed {seed}, record {nth}\n{text}"));
            chapters += usize::from(written.kind == RecordKind::Chapter);
            repeated_abstracts += usize::from(written.abstracts.len() > 1);
            wrapped_titles += usize::from(written.title.len() > 70);
        }
    }
    assert!(chapters > 0 && repeated_abstracts > 0 && wrapped_titles > 0, "the samples cover what they must");
}

// ---- CancerIndex page text -------------------------------------------------------------------------------------

/// A sentence the page importer takes for introduction prose: several words and a full stop.
fn prose(random: &mut RandomText) -> String {
    loop {
        let sentence = random.sentences(1, 3);
        if sentence.split_whitespace().count() >= 4 {
            return sentence;
        }
    }
}

fn page_entry(random: &mut RandomText, out: &mut String) -> Written {
    let (date, year) = random.printed_date();
    let mut written = Written {
        title: random.sentence_of(3, 25),
        authors: (0..1 + random.below(5)).map(|_| random.author()).collect(),
        et_al: random.chance(3),
        journal: random.journal(),
        date,
        year,
        ..Written::default()
    };
    let mut citation = format!("{}. {}", written.journal, written.date);
    // Some references are only a journal and a year ("Blood. 2019").
    let journal_and_year_only = random.chance(5);
    if !journal_and_year_only {
        let volume = written.volume.insert(random.number(300));
        citation.push_str(&format!("; {volume}"));
        if random.chance(2) {
            let issue = written.issue.insert(random.number(12));
            citation.push_str(&format!("({issue})"));
        }
        let pages = written.pages.insert(random.pages());
        citation.push_str(&format!(":{pages}"));
    }
    let et_al = if written.et_al { ", et al." } else { "" };
    out.push_str(&format!("{}{et_al}\n{}\n", written.authors.join(", "), written.title));
    let free = if random.chance(3) { "Free Access to Full Article " } else { "" };
    out.push_str(&format!("{citation} [PubMed] {free}Related Publications\n"));
    for _ in 0..random.below(5) {
        written.abstracts.push(random.abstract_paragraph());
        out.push_str(written.abstracts.last().unwrap());
        out.push('\n');
    }
    out.push('\n');
    written
}

#[test]
fn page_text_reaches_the_library_character_for_character() {
    let mut titled_pages_with_an_introduction = 0;
    for seed in SEEDS {
        let mut random = RandomText::new(seed);
        let path: Vec<String> = (0..1 + random.below(4)).map(|_| random.journal()).collect();
        let titled = random.chance(2);
        let mut text = if titled {
            format!(
                "{}\nCancerIndex Home - Guide to Internet Resources for Cancer Home > {}\nFound this page useful?\n\n\
                 Population in 2012: 1.{}m\nMenu: {}\n\n",
                path.last().unwrap(),
                path.join(" > "),
                random.below(10),
                random.journal()
            )
        } else {
            format!("Home > {}\n\n", path.join(" > "))
        };
        let summary: Vec<String> = (0..random.below(4)).map(|_| prose(&mut random)).collect();
        text.push_str(&format!("{}\n\nLatest Research Publications\n\n", summary.join("\n")));
        let written: Vec<Written> = (0..1 + random.below(8)).map(|_| page_entry(&mut random, &mut text)).collect();
        text.push_str("Disclaimer: a generated page.\n\n[Home] Page last updated: 01 September, 2019\n");

        let imported = import("random.txt", &text);
        assert_eq!(imported.warnings, [], "seed {seed}\n{text}");
        let page = &imported.library.pages[0];
        assert_eq!(page.path, path, "seed {seed}");
        assert_eq!(squeezed(&page.summary), squeezed(&summary.concat()), "seed {seed}\n{text}");
        assert_eq!(page.publications.len(), written.len(), "seed {seed}");
        for (nth, (written, publication)) in written.iter().zip(&page.publications).enumerate() {
            assert_same(written, publication, &format!("seed {seed}, entry {nth}\n{text}"));
        }
        titled_pages_with_an_introduction += usize::from(titled && !summary.is_empty());
    }
    assert!(titled_pages_with_an_introduction > 0, "the samples cover both layouts");
}

// ---- Library JSON ----------------------------------------------------------------------------------------------

fn random_library(random: &mut RandomText) -> Library {
    const KINDS: &[RecordKind] = &[RecordKind::Article, RecordKind::Chapter, RecordKind::Thesis, RecordKind::Dataset];
    let pages = (0..1 + random.below(4))
        .map(|_| Page {
            path: (0..1 + random.below(3)).map(|_| random.journal()).collect(),
            summary: random.sentences(0, 4),
            last_updated: random
                .chance(2)
                .then(|| format!("20{:02}-0{}-1{}", random.below(30), 1 + random.below(9), random.below(10))),
            publications: (0..random.below(6))
                .map(|_| {
                    let (date, year) = random.printed_date();
                    Publication {
                        authors: (0..random.below(5)).map(|_| random.author().into()).collect(),
                        et_al: random.chance(2),
                        title: random.sentence_of(2, 20),
                        journal: random.journal().into(),
                        year: Some(year),
                        date: Some(date.into()),
                        volume: Some(random.number(99).into()),
                        issue: random.chance(2).then(|| random.number(12).into()),
                        pages: Some(random.pages().into()),
                        free_full_text: random.chance(2),
                        pmc_free_after: random.chance(5).then(|| "2020-01-31".into()),
                        abstract_sections: (0..random.below(4))
                            .map(|_| AbstractSection {
                                label: random.chance(2).then(|| random.pick(random_text::LABELS).to_string()),
                                text: random.sentences(1, 3),
                            })
                            .collect(),
                        pmid: Some(random.number(40_000_000).into()),
                        doi: random.chance(2).then(|| format!("10.1000/{}", random.word()).into()),
                        pmc: random.chance(3).then(|| format!("PMC{}", random.number(9_000_000)).into()),
                        kind: random.pick(KINDS),
                        tags: (0..random.below(3)).map(|_| random.word().to_lowercase()).collect(),
                        note: random.chance(3).then(|| random.sentences(1, 3)),
                    }
                })
                .collect(),
        })
        .collect();
    Library { pages }
}

/// Every string of a JSON value without its whitespace, the rest unchanged.
fn squeezed_json(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::String(text) => Value::String(squeezed(&text)),
        Value::Array(items) => Value::Array(items.into_iter().map(squeezed_json).collect()),
        Value::Object(fields) => {
            Value::Object(fields.into_iter().map(|(name, value)| (name, squeezed_json(value))).collect())
        }
        other => other,
    }
}

#[test]
fn library_json_reaches_the_library_character_for_character() {
    for seed in SEEDS {
        let library = random_library(&mut RandomText::new(seed));
        let text = library_json::to_string(&library);
        let imported = import("random.json", &text);
        assert_eq!(imported.warnings, [], "seed {seed}");
        let as_json = |library: &Library| squeezed_json(serde_json::to_value(library).expect("a library serialises"));
        assert_eq!(as_json(&imported.library), as_json(&library), "seed {seed}");
    }
}
