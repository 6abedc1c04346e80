//! `lenaview import` as a user runs it: the real binary, real files, exit codes, stdout and stderr.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn lenaview(args: &[&Path]) -> Output {
    // A data directory that does not exist: no library folder or marks of the machine leak into a test.
    Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(args)
        .env("XDG_DATA_HOME", "/nonexistent/lenaview-tests")
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .expect("the lenaview binary runs")
}

fn import(args: &[&Path]) -> Output {
    let mut all = vec![Path::new("import")];
    all.extend_from_slice(args);
    lenaview(&all)
}

fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 stderr")
}

fn publication_count(json: &Value) -> usize {
    let pages = json["pages"].as_array().expect("pages");
    pages.iter().map(|page| page["publications"].as_array().expect("publications").len()).sum()
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("readable folder")
        .map(|entry| entry.expect("folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn prints_the_library_json_on_stdout() {
    let output = import(&[&repo_file("assets/lenalidomide-cancerindex.txt")]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "the bundled page imports without warnings");
    let json: Value = serde_json::from_str(&stdout(&output)).expect("stdout is JSON");
    assert_eq!(publication_count(&json), 30);
    assert_eq!(json["pages"][0]["last_updated"], "2019-09-01");
    assert_eq!(json["pages"][0]["publications"][0]["authors"][0], "Chari A");
    // The same text as the committed library: one writer, one format.
    assert_eq!(stdout(&output), fs::read_to_string(repo_file("assets/lenalidomide.json")).expect("committed JSON"));
}

#[test]
fn merges_every_file_into_one_library() {
    let small = repo_file("tests/fixtures/page/small.txt");
    let output = import(&[&small, &repo_file("assets/lenalidomide-cancerindex.txt"), &small]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("stdout is JSON");
    assert_eq!(json["pages"].as_array().map(Vec::len), Some(3));
    assert_eq!(publication_count(&json), 2 + 30 + 2);
}

#[test]
fn output_option_writes_the_file_and_nothing_else() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let target = folder.path().join("library.json");
    fs::write(&target, "old contents").expect("an older library");
    let output = import(&[&repo_file("tests/fixtures/page/small.txt"), Path::new("-o"), &target]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "", "nothing on stdout with -o");
    let json: Value = serde_json::from_str(&fs::read_to_string(&target).expect("written")).expect("JSON");
    assert_eq!(publication_count(&json), 2);
    assert_eq!(files_in(folder.path()), ["library.json"], "no temporary file left behind");
}

#[test]
fn output_into_a_missing_folder_is_an_error() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let target = folder.path().join("missing").join("library.json");
    let output = import(&[&repo_file("tests/fixtures/page/small.txt"), Path::new("--output"), &target]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.starts_with("lenaview: cannot write "), "{message}");
    assert!(message.contains("library.json"), "{message}");
}

#[test]
fn a_bad_file_exits_non_zero_naming_file_and_line_and_writes_nothing() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let bad = folder.path().join("notes.txt");
    fs::write(&bad, "Some notes about lenalidomide.\nNo breadcrumb, no entries.\n").expect("a bad file");
    let fresh_target = folder.path().join("new.json");
    let output = import(&[&repo_file("tests/fixtures/page/small.txt"), &bad, Path::new("-o"), &fresh_target]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.starts_with(&format!("lenaview: {}:1: ", bad.display())), "{message}");
    assert!(!fresh_target.exists(), "no output file after an error");

    let existing_target = folder.path().join("existing.json");
    fs::write(&existing_target, "{\"pages\": []}\n").expect("an older library");
    let output = import(&[&bad, Path::new("-o"), &existing_target]);
    assert!(!output.status.success());
    assert_eq!(fs::read_to_string(&existing_target).expect("still there"), "{\"pages\": []}\n", "left untouched");
    assert_eq!(files_in(folder.path()), ["existing.json", "notes.txt"]);
}

#[test]
fn every_bad_file_is_reported_and_nothing_printed() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let empty = folder.path().join("empty.txt");
    fs::write(&empty, "").expect("an empty file");
    let missing = folder.path().join("missing.txt");
    let output = import(&[&empty, &repo_file("tests/fixtures/page/small.txt"), &missing]);
    assert!(!output.status.success());
    assert_eq!(stdout(&output), "", "no partial library on stdout");
    let lines: Vec<String> = stderr(&output).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0], format!("lenaview: {}: the file is empty", empty.display()));
    assert!(lines[1].starts_with(&format!("lenaview: {}: cannot read", missing.display())), "{lines:?}");
}

#[test]
fn warnings_go_to_stderr_with_their_lines_and_the_rest_imports() {
    let cut_off = repo_file("tests/fixtures/page/cut-off.txt");
    let output = import(&[&cut_off]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).expect("stdout is JSON");
    assert_eq!(publication_count(&json), 1);
    let warnings: Vec<String> = stderr(&output).lines().map(String::from).collect();
    let prefixes = [5, 13].map(|line| format!("lenaview: {}:{line}: ", cut_off.display()));
    assert_eq!(warnings.len(), prefixes.len() + 1, "two warnings and a summary: {warnings:?}");
    for (warning, prefix) in warnings.iter().zip(prefixes) {
        assert!(warning.starts_with(&prefix), "{warning} should start with {prefix}");
    }
    let summary = format!("lenaview: {}: 1 imported, 2 skipped (", cut_off.display());
    assert!(warnings[2].starts_with(&summary), "{} should start with {summary}", warnings[2]);
}

#[test]
fn import_help_and_usage_errors() {
    let output = import(&[Path::new("--help")]);
    assert!(output.status.success());
    let help = stdout(&output);
    assert!(help.contains("Usage: lenaview import"), "{help}");
    assert!(help.contains("--output <FILE>"), "{help}");

    let output = import(&[]);
    assert!(!output.status.success(), "import needs at least one file");
    assert!(stderr(&output).contains("<FILE>"), "{}", stderr(&output));
}
