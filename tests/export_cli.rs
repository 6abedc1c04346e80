//! `lenaview export` as a user runs it: the real binary on the fixture library.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lenaview::marks::MarkStore;
use lenaview::model::Library;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/library.json")
}

fn lenaview(args: &[&str]) -> Output {
    // A data directory that does not exist: no library folder or marks of the machine leak into a test.
    Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(args)
        .env("XDG_DATA_HOME", "/nonexistent/lenaview-tests")
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .unwrap()
}

fn export(args: &[&str]) -> Output {
    let fixture = fixture();
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.push(fixture.to_str().unwrap());
    lenaview(&all)
}

fn stdout(output: &Output) -> String {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn bibtex_lists_each_paper_once_though_it_is_filed_under_two_topics() {
    let text = stdout(&export(&["--format", "bibtex"]));
    let bibliography = biblatex::Bibliography::parse(&text).unwrap();
    let keys: Vec<&str> = bibliography.keys().collect();
    assert_eq!(
        keys,
        ["chari2019oral", "chari2019orala", "mullerludenscheidt2018etudes", "myelomaconsensus", "wang2001thalidomide"]
    );
}

#[test]
fn json_keeps_the_topic_pages_of_the_selection() {
    let library: Library = serde_json::from_str(&stdout(&export(&["--format", "json", "--query", "myeloma"]))).unwrap();
    let pages: Vec<(String, usize)> =
        library.pages.iter().map(|page| (page.path.join(" > "), page.publications.len())).collect();
    assert_eq!(pages, [("Treatments > Lenalidomide".to_string(), 1), ("Treatments > Thalidomide".to_string(), 2)]);
}

#[test]
fn query_selects_by_title() {
    let text = stdout(&export(&["--format", "csv", "--query", "thalidomide"]));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let titles: Vec<String> = reader.records().map(|row| row.unwrap()[1].to_string()).collect();
    assert_eq!(titles, ["Thalidomide in myeloma"]);
}

#[test]
fn starred_uses_the_marks_in_the_state_file() {
    let directory = tempfile::tempdir().unwrap();
    let state = directory.path().join("state.json");
    let (mut marks, _) = MarkStore::open(state.clone());
    marks.toggle_starred("pmid:11167821");
    marks.toggle_starred("pmid:29999999");
    marks.save().unwrap();

    let text = stdout(&export(&["--format", "ris", "--starred", "--state", state.to_str().unwrap()]));
    let titles: Vec<&str> = text.lines().filter_map(|line| line.strip_prefix("TI  - ")).collect();
    assert_eq!(titles, ["Études sur le lénalidomide: α/β signalling in Kraków", "Thalidomide in myeloma"]);

    let both =
        stdout(&export(&["--format", "ris", "--starred", "--state", state.to_str().unwrap(), "--query", "thal"]));
    assert_eq!(both.matches("TY  - JOUR").count(), 1);
}

/// A state file in a temporary directory tagging papers of the fixture.
fn tagged_state(directory: &tempfile::TempDir) -> String {
    let state = directory.path().join("state.json");
    let (mut marks, _) = MarkStore::open(state.clone());
    marks.add_tag("pmid:11167821", "review");
    marks.add_tag("pmid:11167821", "thal");
    marks.add_tag("pmid:29999999", "review");
    marks.toggle_starred("pmid:29999999");
    marks.add_tag("pmid:31433920", "thal");
    marks.save().unwrap();
    state.to_str().unwrap().to_string()
}

fn titles(ris: &str) -> Vec<&str> {
    ris.lines().filter_map(|line| line.strip_prefix("TI  - ")).collect()
}

#[test]
fn tag_selects_the_tagged_papers_and_every_tag_given_must_be_there() {
    let directory = tempfile::tempdir().unwrap();
    let state = tagged_state(&directory);
    let text = stdout(&export(&["--format", "ris", "--tag", "Review", "--state", &state]));
    assert_eq!(titles(&text), ["Études sur le lénalidomide: α/β signalling in Kraków", "Thalidomide in myeloma"]);
    let both = stdout(&export(&["--format", "ris", "--tag", "review", "--tag", "thal", "--state", &state]));
    assert_eq!(titles(&both), ["Thalidomide in myeloma"], "repeated, --tag means all of them");
    let starred = stdout(&export(&["--format", "ris", "--tag", "review", "--starred", "--state", &state]));
    assert_eq!(titles(&starred), ["Études sur le lénalidomide: α/β signalling in Kraków"]);
    let queried = stdout(&export(&["--format", "ris", "--tag", "thal", "--query", "oral", "--state", &state]));
    assert_eq!(titles(&queried), ["Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma."]);
}

#[test]
fn every_export_carries_the_tags_of_the_state_file() {
    let directory = tempfile::tempdir().unwrap();
    let state = tagged_state(&directory);
    let text = stdout(&export(&["--format", "bibtex", "--state", &state]));
    assert!(text.contains("keywords = {review, thal}"), "{text}");
    let library: Library = serde_json::from_str(&stdout(&export(&["--format", "json", "--state", &state]))).unwrap();
    let thalidomide = library.publications().find(|p| p.title.starts_with("Thal"));
    assert_eq!(thalidomide.unwrap().tags, ["review", "thal"]);
}

#[test]
fn a_tag_matching_nothing_exports_nothing_and_a_bad_tag_is_a_usage_error() {
    let directory = tempfile::tempdir().unwrap();
    let state = tagged_state(&directory);
    let none = export(&["--format", "ris", "--tag", "unused", "--state", &state]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no publications matched"));
    let bad = export(&["--format", "ris", "--tag", "to read"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("\"to read\" is not a tag"), "{stderr}");
}

#[test]
fn output_file_is_written_in_the_format_its_extension_names() {
    let directory = tempfile::tempdir().unwrap();
    let output = directory.path().join("refs.bib");
    let result = export(&["-o", output.to_str().unwrap()]);
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    assert!(result.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("exported 5 publications as bibtex to"), "{stderr}");
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(biblatex::Bibliography::parse(&written).unwrap().len(), 5);
}

#[test]
fn csl_json_lists_each_paper_once_with_the_bibtex_keys_as_ids() {
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&export(&["--format", "csl"]))).unwrap();
    let ids: Vec<&str> = items.iter().map(|item| item["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["chari2019oral", "chari2019orala", "mullerludenscheidt2018etudes", "myelomaconsensus", "wang2001thalidomide"]
    );

    // `.csl.json` is CSL JSON, though its last extension alone would say library JSON.
    let directory = tempfile::tempdir().unwrap();
    let output = directory.path().join("refs.csl.json");
    let result = export(&["-o", output.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("exported 5 publications as csl to"), "{stderr}");
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    assert_eq!(written.as_array().map(Vec::len), Some(5));
}

#[test]
fn no_match_exits_1_and_writes_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let output = directory.path().join("none.csv");
    let result = export(&["--query", "no such title anywhere", "-o", output.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("no publications matched"));
    assert!(!output.exists());
}

#[test]
fn usage_and_input_errors_are_reported_clearly() {
    let unknown = export(&["--format", "endnote"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("bibtex"));

    let no_format = export(&[]);
    assert_eq!(no_format.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&no_format.stderr).contains("--format"));

    let directory = tempfile::tempdir().unwrap();
    let bad = directory.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"pages\": [1]\n}\n").unwrap();
    let result = lenaview(&["export", "--format", "csv", bad.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("bad.json:2: invalid library JSON"), "{stderr}");
}
