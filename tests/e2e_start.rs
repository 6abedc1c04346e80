//! A warm start on a big library, as a user has it: the binary in a pseudo-terminal shows the first papers from the
//! cache and takes the whole library in behind them; a query typed at once is answered from the whole library.
//! Waits are for the screen, with a generous deadline, never sleeps.

mod pty;

use std::path::Path;
use std::process::Command;

use lenaview::app::Catalog;
use lenaview::search::{Index, Scope};
use pty::Session;

const COUNT: usize = 12_000;

fn lenaview(args: &[&str], homes: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(args)
        .env("XDG_CACHE_HOME", homes.join("cache"))
        .env("XDG_DATA_HOME", homes.join("data"))
        .env("XDG_CONFIG_HOME", homes.join("config"))
        .env_remove("LENAVIEW_NO_CACHE")
        .output()
        .unwrap()
}

fn generated(homes: &Path) -> std::path::PathBuf {
    generated_as(homes, "big.json", COUNT, 1)
}

fn generated_as(homes: &Path, name: &str, count: usize, seed: u64) -> std::path::PathBuf {
    let output = lenaview(&["generate", "--count", &count.to_string(), "--seed", &seed.to_string()], homes);
    assert!(output.status.success());
    let path = homes.join(name);
    std::fs::write(&path, output.stdout).unwrap();
    path
}

/// A big library whose first megabytes are good and whose end is not: its whole parse fails past its start.
fn failing_past_its_start(homes: &Path) -> std::path::PathBuf {
    let library = generated(homes);
    let mut text = std::fs::read_to_string(&library).unwrap();
    text.push_str("{\"pages\": []}\n");
    std::fs::write(&library, text).unwrap();
    library
}

fn start(args: &[&str], homes: &Path) -> Session {
    let cache = homes.join("cache");
    let data = homes.join("data");
    let env = [("XDG_CACHE_HOME", cache.to_str().unwrap()), ("XDG_DATA_HOME", data.to_str().unwrap())];
    Session::start_with_env(args, &env)
}

/// The distinct papers of the generated library, as the reader counts them.
fn distinct_papers() -> usize {
    Catalog::new(lenaview::synthetic::library(COUNT, 1)).publications.len()
}

#[test]
fn a_warm_start_on_a_big_file_ends_on_the_whole_library_and_answers_a_query_typed_at_once() {
    let homes = tempfile::tempdir().unwrap();
    let library = generated(homes.path());
    let file = library.to_str().unwrap();
    // The first run parses and fills the cache; the reader's start is then a warm one.
    assert!(lenaview(&["search", "lenal", file], homes.path()).status.success());
    let mut session = start(&[file], homes.path());
    session.wait_for_text("Publications");
    session.type_keys(b"/lenal");
    let whole = distinct_papers();
    session.wait_for("the whole library searched", |screen| {
        let text = screen.contents();
        text.contains(&format!(" of {whole} match “lenal”")) && !text.contains("loading")
    });
    session.type_keys(b"\x1b\x1b");
    session.wait_for_text(&format!("{whole}/{whole}"));
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_warm_start_reads_the_abstracts_it_left_in_the_cache_file_to_show_and_search_them() {
    let homes = tempfile::tempdir().unwrap();
    let library = generated(homes.path());
    let file = library.to_str().unwrap();
    assert!(lenaview(&["search", "lenal", file], homes.path()).status.success(), "fills the cache");
    let catalog = Catalog::new(lenaview::synthetic::library(COUNT, 1));
    let all: Vec<u32> = (0..catalog.publications.len() as u32).collect();
    let in_everything = Index::new(&catalog.publications).search("lenal", Scope::Everything, &all).len();
    let mut session = start(&[file], homes.path());
    let whole = distinct_papers();
    session.wait_for_text(&format!("{whole}/{whole}"));
    // The last paper is far past the first look's: its abstract was left in the cache file.
    session.type_keys(b"G");
    let last = catalog.nodes[lenaview::app::catalog::ROOT].publications.iter().last().unwrap();
    // The first words of its second section (the first is much the same in many papers), which start a line.
    let sections = &catalog.publications[last as usize].abstract_sections;
    let expected = match sections.get(1).or(sections.first()) {
        Some(section) => section.text.split(' ').take(3).collect::<Vec<_>>().join(" "),
        None => "No abstract available".into(),
    };
    session.wait_for_text(&expected);
    assert!(!session.screen_text().contains("could not be read"), "{}", session.screen_text());
    session.type_keys(b"/lenal\t\t");
    session.wait_for_text(&format!(" {in_everything} of {whole} match “lenal”"));
    session.type_keys(b"\x1b\x1bq");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_warm_start_on_the_library_folder_keeps_the_bundled_library_first_and_loads_the_rest() {
    let homes = tempfile::tempdir().unwrap();
    let library = generated(homes.path());
    assert!(lenaview(&["add", library.to_str().unwrap()], homes.path()).status.success());
    assert!(lenaview(&["search", "lenal"], homes.path()).status.success(), "fills the cache");
    let mut session = start(&[], homes.path());
    let whole = distinct_papers() + 30;
    session.wait_for_text(&format!("1/{whole}"));
    session.wait_for_text("Treatments");
    session.wait_for_text(&format!("{whole}/{whole}"));
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_cold_start_on_a_folder_of_small_files_ends_on_all_of_them() {
    let homes = tempfile::tempdir().unwrap();
    let mut library = lenaview::formats::bundled();
    for seed in 1..=8 {
        let file = generated_as(homes.path(), &format!("part-{seed}.json"), 1_000, seed);
        assert!(lenaview(&["add", file.to_str().unwrap()], homes.path()).status.success());
        library.extend(lenaview::synthetic::library(1_000, seed));
    }
    let whole = Catalog::new(library).publications.len();
    let mut session = start(&[], homes.path());
    session.wait_for_text("Treatments");
    session.wait_for_text(&format!("{whole}/{whole}"));
    session.type_keys(b"/lenal");
    session.wait_for_text(&format!(" of {whole} match “lenal”"));
    session.type_keys(b"\x03");
    assert!(session.wait_for_exit().success());
}

#[test]
fn a_cold_start_on_a_big_file_opens_on_its_first_records_and_ends_on_the_whole_file() {
    let homes = tempfile::tempdir().unwrap();
    let library = generated(homes.path());
    let mut session = start(&[library.to_str().unwrap()], homes.path());
    let whole = distinct_papers();
    session.wait_for_text(&format!("1/{whole}"));
    session.type_keys(b"/lenal");
    session.wait_for_text(&format!(" of {whole} match “lenal”"));
    session.type_keys(b"\x1b\x1bq");
    assert!(session.wait_for_exit().success());
    // The whole parse filled the cache: the next start is a warm one.
    assert!(std::fs::read_dir(homes.path().join("cache/lenaview/parsed")).unwrap().count() > 0);
}

#[test]
fn a_big_file_that_fails_past_its_first_records_is_told_in_the_reader_and_by_the_exit_status() {
    let homes = tempfile::tempdir().unwrap();
    let library = failing_past_its_start(homes.path());
    let mut session = start(&[library.to_str().unwrap()], homes.path());
    session.wait_for_text("Only the first 1000 papers are shown");
    // The first records stay readable and searchable.
    session.type_keys(b"/lenal");
    session.wait_for_text(" of 1000 match “lenal”");
    session.type_keys(b"\x1b\x1bq");
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 1, "{}", session.screen_text());
    let told = session.screen_text();
    assert!(
        told.contains("lenaview: ") && told.contains("big.json:") && told.contains("trailing characters"),
        "{told}"
    );
}

#[test]
fn without_the_cache_a_big_file_opens_on_its_first_records_too() {
    let homes = tempfile::tempdir().unwrap();
    let library = failing_past_its_start(homes.path());
    let mut session = start(&["--no-cache", library.to_str().unwrap()], homes.path());
    session.wait_for_text("Only the first 1000 papers are shown");
    session.type_keys(b"q");
    assert_eq!(session.wait_for_exit().exit_code(), 1, "{}", session.screen_text());
    assert!(!homes.path().join("cache/lenaview/parsed").exists(), "no cache written");
}
