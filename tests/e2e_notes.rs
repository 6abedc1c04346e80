//! Notes end to end: `E` hands the terminal to `$EDITOR` (here a script that appends a line to the file it is
//! given, as a user typing would), and the reader comes back with the note under the abstract, the paper flagged
//! and the note found by a search of everything; the note is a Markdown file in the data folder, which
//! `lenaview export` reads too.

mod pty;

use std::path::Path;
use std::process::Command;

use pty::{COLS, Session, find};

const NOTE_LINE: &str = "Ask the authors about zebrafish dosing.";

/// An editor in a folder whose name has a space, so `$EDITOR` must be split as a shell word list.
fn fake_editor(dir: &Path) -> String {
    let folder = dir.join("my editors");
    std::fs::create_dir_all(&folder).unwrap();
    let script = folder.join("append-note");
    // The file to edit comes last, after any options the variable gives.
    let body = format!("#!/bin/sh\nfor file; do :; done\nprintf '%s\\n' '{NOTE_LINE}' >> \"$file\"\n");
    std::fs::write(&script, body).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    format!("'{}' --wait", script.display())
}

#[test]
fn a_note_written_in_the_editor_shows_under_the_abstract_and_is_found_by_searching_everything() {
    let data = tempfile::tempdir().unwrap();
    let editor = fake_editor(data.path());
    let data_home = data.path().to_str().unwrap();
    let mut session =
        Session::start_with_env(&[], &[("XDG_DATA_HOME", data_home), ("EDITOR", &editor), ("VISUAL", "")]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"E");
    session.wait_for_text("Note saved to");

    // The note is a Markdown file named for the paper, tied to it by its key.
    let file = data.path().join("lenaview/notes/chari-2019-oral-selinexor-dexamethasone.md");
    let saved = std::fs::read_to_string(&file).expect("the note file");
    // The bundled papers have no PMID: the key is the paper's title and year.
    let key = "title:oralselinexordexamethasonefortripleclassrefractorymultiplemyeloma:2019";
    assert!(saved.starts_with(&format!("---\nkey: \"{key}\"\npaper: \"Chari A, Vogl DT")), "{saved}");
    assert!(saved.ends_with(&format!("---\n\n{NOTE_LINE}\n")), "{saved}");

    // The paper is flagged in the list, and the note is under the abstract.
    let screen = session.parser.screen();
    let (row, _) = find(screen, "Oral Selinexor-Dexamethasone").unwrap();
    assert!(screen.contents_between(row, 0, row, COLS).contains('✎'), "{}", session.screen_text());
    session.type_keys(b"\tG");
    session.wait_for_text(NOTE_LINE);
    assert!(session.screen_text().contains("Note"));

    // Titles know nothing of it; a search of everything finds this paper alone.
    session.type_keys(b"\t/'zebrafish");
    session.wait_for_text("No publication matches");
    session.type_keys(b"\t\t");
    session.wait_for("only the noted paper listed in scope everything", |screen| {
        let text = screen.contents();
        text.contains("everything") && text.contains("Oral Selinexor") && !text.contains("No publication matches")
    });
    assert!(!session.screen_text().contains("Multiple myeloma with onset"));
    // Esc clears the search (typed alone: an Esc followed at once by a key would read as Alt and that key).
    session.type_keys(b"\x1b");
    session.wait_for_text("Multiple myeloma with onset");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());

    // lenaview export reads the notes folder too.
    let exported = Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .args(["export", "--format", "json"])
        .env("XDG_DATA_HOME", data_home)
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .unwrap();
    assert!(exported.status.success(), "{}", String::from_utf8_lossy(&exported.stderr));
    let library: lenaview::model::Library = serde_json::from_slice(&exported.stdout).unwrap();
    let notes: Vec<(String, &str)> = library
        .pages
        .iter()
        .flat_map(|page| &page.publications)
        .filter_map(|publication| Some((publication.key(), publication.note.as_deref()?)))
        .collect();
    assert_eq!(notes, [(key.to_string(), NOTE_LINE)]);

    // And so does lenaview search, in scope all.
    let search = |scope: &str| {
        Command::new(env!("CARGO_BIN_EXE_lenaview"))
            .args(["search", "'zebrafish", "--scope", scope])
            .env("XDG_DATA_HOME", data_home)
            .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
            .output()
            .unwrap()
    };
    let found = search("all");
    assert!(found.status.success(), "{}", String::from_utf8_lossy(&found.stderr));
    let found = String::from_utf8(found.stdout).unwrap();
    assert_eq!(found.lines().count(), 1, "{found}");
    assert!(found.contains("Oral Selinexor-Dexamethasone"), "{found}");
    assert!(!search("meta").status.success(), "titles, authors and journals know nothing of the note");
}

#[test]
fn an_editor_that_fails_saves_nothing_and_the_reader_says_why() {
    let data = tempfile::tempdir().unwrap();
    let data_home = data.path().to_str().unwrap();
    let mut session = Session::start_with_env(&[], &[("XDG_DATA_HOME", data_home), ("VISUAL", "false")]);
    session.wait_for_text("Oral Selinexor-Dexamethasone");
    session.type_keys(b"E");
    session.wait_for_text("Note not saved: the editor (false) exited with status 1");
    let notes = data.path().join("lenaview/notes");
    let left: Vec<_> = std::fs::read_dir(&notes).unwrap().collect();
    assert!(left.is_empty(), "no note and no draft is left behind");
    session.type_keys(b"q");
    assert!(session.wait_for_exit().success());
}
