//! `lenaview export --query` on a generated library, compared byte for byte with the plain way of choosing what
//! goes out: every paper annotated with its notes and tags, titles searched, each paper kept the first time it
//! comes, then written by the exporter. The fast path annotates and dedupes only what it selects.

use std::collections::HashSet;
use std::path::Path;
use std::process::Command;

use lenaview::formats::export::{ExportFormat, export};
use lenaview::formats::library_json;
use lenaview::marks::{self, MarkStore};
use lenaview::model::{Library, Page, Publication};
use lenaview::notes::{self, NoteFolder};
use lenaview::search::{Scope, search_once};

const QUERY: &str = "lenal";

/// A generated library whose titles mostly match [`QUERY`], with hostile text in some, papers filed again under
/// another topic (some selected, some not), and a page that nothing of is selected.
fn library() -> Library {
    let mut library = lenaview::synthetic::library(900, 7);
    let hostile = ["\u{1b}[2J=cmd", "\"q\", {b} 50% --", "Ωmega ΣΟΦΙΑΣ \u{85}"];
    let mut again = Vec::new();
    for (at, publication) in library.publications_mut().enumerate() {
        if at % 3 == 0 {
            publication.title = format!("{} lenalidomide {}", hostile[at % hostile.len()], publication.title);
        }
        if at % 5 == 0 {
            again.push(publication.clone());
        }
    }
    library.pages.push(Page { path: vec!["Again".into()], publications: again, ..Page::default() });
    let unmatched = Publication { title: "Nothing to find here".into(), ..Publication::default() };
    library.pages.push(Page { path: vec!["None".into()], publications: vec![unmatched], ..Page::default() });
    library
}

/// Tags in a state file and notes in the notes folder for some papers, selected and not.
fn annotations(library: &Library, data: &Path) -> std::path::PathBuf {
    let state = data.join("state.json");
    let (mut store, _) = MarkStore::open(state.clone());
    let notes = data.join("lenaview/notes");
    std::fs::create_dir_all(&notes).unwrap();
    for (at, publication) in library.publications().enumerate().step_by(7) {
        let key = publication.key();
        store.add_tag(&key, if at % 2 == 0 { "review" } else { "to-read" });
        let body = format!("Note {at}: =SUM(A1), \"quoted\"\nsecond line\\");
        std::fs::write(notes.join(format!("n{at}.md")), notes::render(&key, "paper", &[], &body)).unwrap();
    }
    store.save().unwrap();
    state
}

/// What goes out of the library `file`, chosen the plain way.
fn expected(file: &Path, data: &Path, state: &Path, format: ExportFormat) -> String {
    let mut library = lenaview::formats::import_file(file).unwrap().library;
    let (notes, _) = NoteFolder::at(data.join("lenaview/notes")).load();
    notes::fill(&mut library, &notes);
    let (store, _) = MarkStore::open_read_only(state);
    for page in &mut library.pages {
        marks::annotate(&mut page.publications, &store);
    }
    let publications: Vec<&Publication> = library.publications().collect();
    let hits: HashSet<usize> =
        search_once(&publications, QUERY, Scope::Titles).into_iter().map(|hit| hit.id as usize).collect();
    if format == ExportFormat::Json {
        let mut at = 0;
        for page in &mut library.pages {
            page.publications.retain(|_| {
                at += 1;
                hits.contains(&(at - 1))
            });
        }
        library.pages.retain(|page| !page.publications.is_empty());
        return library_json::to_string(&library);
    }
    let mut seen = HashSet::new();
    let chosen: Vec<&Publication> = publications
        .iter()
        .enumerate()
        .filter(|(at, publication)| hits.contains(at) && seen.insert(publication.key()))
        .map(|(_, publication)| *publication)
        .collect();
    export(format, &chosen)
}

#[test]
fn every_format_exports_what_the_plain_selection_gives() {
    let data = tempfile::tempdir().unwrap();
    let library = library();
    let file = data.path().join("library.json");
    std::fs::write(&file, library_json::to_string(&library)).unwrap();
    let state = annotations(&library, data.path());
    for format in ExportFormat::ALL {
        let written = data.path().join(format!("out.{}", format.extension()));
        let export = |output: &[&Path]| {
            Command::new(env!("CARGO_BIN_EXE_lenaview"))
                .args(["export", "--format", format.name(), "--query", QUERY, "--state"])
                .args([&state, &file])
                .args(output.iter().flat_map(|path| [Path::new("-o"), path]))
                .env("XDG_DATA_HOME", data.path())
                .env("XDG_CONFIG_HOME", data.path().join("config"))
                .env("XDG_CACHE_HOME", data.path().join("cache"))
                .output()
                .unwrap()
        };
        let printed = export(&[]);
        assert!(printed.status.success(), "{format}: {}", String::from_utf8_lossy(&printed.stderr));
        let text = String::from_utf8(printed.stdout).unwrap();
        let expected = expected(&file, data.path(), &state, format);
        assert!(text.contains("second line"), "{format}: the notes go out");
        assert!(text.contains("to-read"), "{format}: the tags go out");
        let differing = text.lines().zip(expected.lines()).enumerate().find(|(_, (got, wanted))| got != wanted);
        assert!(text == expected, "{format}: the export differs from the plain selection's at {differing:?}");
        let to_file = export(&[&written]);
        assert!(to_file.status.success() && to_file.stdout.is_empty(), "{format}: {to_file:?}");
        assert!(std::fs::read_to_string(&written).unwrap() == expected, "{format}: -o writes what is printed");
    }
}
