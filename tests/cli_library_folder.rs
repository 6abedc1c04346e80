//! `lenaview add` keeps files in the library folder, and every command then reads them beside the bundled library.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn lenaview(data_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lenaview")).args(args).env("XDG_DATA_HOME", data_home).output().unwrap()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

fn pages(output: &Output) -> Vec<Value> {
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    json["pages"].as_array().unwrap().clone()
}

#[test]
fn added_files_open_beside_the_bundled_library() {
    let data = tempfile::tempdir().unwrap();
    let before = pages(&lenaview(data.path(), &["export", "--format", "json"]));
    let added = lenaview(data.path(), &["add", &fixture("medline/search.txt")]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(data.path().join("lenaview/library/search.txt").exists());

    let after = pages(&lenaview(data.path(), &["export", "--format", "json"]));
    assert_eq!(after.len(), before.len() + 1);
    let imported = after.last().unwrap();
    assert_eq!(imported["path"], serde_json::json!(["Imported", "search"]));
    assert!(!imported["publications"].as_array().unwrap().is_empty());
}

#[test]
fn a_bad_file_is_not_added() {
    let data = tempfile::tempdir().unwrap();
    let bad = data.path().join("notes.txt");
    std::fs::write(&bad, "just some prose\n").unwrap();
    let output = lenaview(data.path(), &["add", bad.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("notes.txt:1:"));
    assert!(!data.path().join("lenaview/library/notes.txt").exists());
}

#[test]
fn topic_places_an_import_in_the_tree() {
    let data = tempfile::tempdir().unwrap();
    let output = lenaview(
        data.path(),
        &["import", &fixture("medline/search.txt"), "--topic", "Treatments/Biological Therapies/Pomalidomide"],
    );
    let pages = pages(&output);
    assert_eq!(pages[0]["path"], serde_json::json!(["Treatments", "Biological Therapies", "Pomalidomide"]));
}
