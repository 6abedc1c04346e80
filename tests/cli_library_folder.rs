//! `lenaview add` keeps files in the library folder, and every command then reads them beside the bundled library.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn lenaview(data_home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(args)
        .env("XDG_DATA_HOME", data_home)
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .unwrap()
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
fn adding_the_same_file_again_says_it_is_already_there() {
    let data = tempfile::tempdir().unwrap();
    let file = fixture("medline/search.txt");
    let first = lenaview(data.path(), &["add", &file]);
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("added "), "{first:?}");
    let again = lenaview(data.path(), &["add", &file]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("is already in the library, as "), "{said}");
    assert!(!said.contains("added"), "{said}");
    assert_eq!(library_names(data.path()), ["search.txt"]);
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

/// Names in the library folder that lenaview loads (hidden files are passed over).
fn library_names(data_home: &Path) -> Vec<String> {
    let folder = data_home.join("lenaview/library");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| entries.map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|name| !name.starts_with('.'));
    names.sort();
    names
}

fn medline_records(count: usize, title: &str) -> String {
    (0..count).map(|n| format!("PMID- {}\nTI  - {title} {n}.\nAU  - Chari A\n\n", 1_000_000 + n)).collect()
}

#[cfg(unix)]
#[test]
fn a_kill_during_the_copy_leaves_no_half_written_library_file() {
    let data = tempfile::tempdir().unwrap();
    let big = data.path().join("big.txt");
    let text = medline_records(20_000, "Lenalidomide maintenance in myeloma, report");
    std::fs::write(&big, &text).unwrap();
    assert!(text.len() > 500_000);
    // The system kills the process (SIGXFSZ) when a write passes 64 blocks: a kill in the middle of the copy.
    let killed = Command::new("sh")
        .args(["-c", "ulimit -f 64 && exec \"$0\" add \"$1\"", env!("CARGO_BIN_EXE_lenaview"), big.to_str().unwrap()])
        .env("XDG_DATA_HOME", data.path())
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .unwrap();
    assert!(!killed.status.success(), "the copy was expected to be cut short");
    assert_eq!(library_names(data.path()), Vec::<String>::new(), "a half-written copy is visible");

    let exported = lenaview(data.path(), &["export", "--format", "json"]);
    assert!(String::from_utf8_lossy(&exported.stderr).is_empty(), "{}", String::from_utf8_lossy(&exported.stderr));
    let bundled_only = pages(&exported).len();
    let added = lenaview(data.path(), &["add", big.to_str().unwrap()]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert_eq!(library_names(data.path()), ["big.txt"]);
    assert_eq!(std::fs::read_to_string(data.path().join("lenaview/library/big.txt")).unwrap(), text);
    assert_eq!(pages(&lenaview(data.path(), &["export", "--format", "json"])).len(), bundled_only + 1);
}

#[test]
fn two_adds_at_once_both_land() {
    let data = tempfile::tempdir().unwrap();
    let texts = [medline_records(300, "First export"), medline_records(300, "Second export")];
    let adds: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(n, text)| {
            // Two different files with the same name, as two downloads of "saved.txt" would be.
            let folder = data.path().join(format!("download-{n}"));
            std::fs::create_dir(&folder).unwrap();
            std::fs::write(folder.join("saved.txt"), text).unwrap();
            Command::new(env!("CARGO_BIN_EXE_lenaview"))
                .args(["add", folder.join("saved.txt").to_str().unwrap()])
                .env("XDG_DATA_HOME", data.path())
                .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for add in adds {
        let output = add.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(library_names(data.path()), ["saved-2.txt", "saved.txt"]);
    let folder = data.path().join("lenaview/library");
    let mut kept: Vec<String> =
        ["saved.txt", "saved-2.txt"].iter().map(|name| std::fs::read_to_string(folder.join(name)).unwrap()).collect();
    kept.sort();
    assert_eq!(kept, texts);
}

#[test]
fn only_a_folder_file_that_does_not_import_is_said_not_to_be_loaded() {
    let data = tempfile::tempdir().unwrap();
    let folder = data.path().join("lenaview/library");
    std::fs::create_dir_all(&folder).unwrap();
    let one_record_without_title =
        "TY  - JOUR\nTI  - Pomalidomide in relapse\nER  - \nTY  - JOUR\nAU  - Vogl, D\nER  - \n";
    std::fs::write(folder.join("reading.ris"), one_record_without_title).unwrap();
    std::fs::write(folder.join("notes.txt"), "just some prose\n").unwrap();
    let output = lenaview(data.path(), &["search", "pomalidomide in relapse", "--json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let about = |file: &str| stderr.lines().filter(|line| line.contains(file)).collect::<Vec<_>>();
    assert!(!about("reading.ris").is_empty(), "the skipped record is reported: {stderr}");
    assert!(about("reading.ris").iter().all(|line| !line.contains("not loaded")), "{stderr}");
    assert!(about("notes.txt").iter().any(|line| line.contains("(file not loaded)")), "{stderr}");
    let found = String::from_utf8_lossy(&output.stdout);
    assert!(found.contains("Pomalidomide in relapse"), "the file with a bad record loaded: {found}");
}
