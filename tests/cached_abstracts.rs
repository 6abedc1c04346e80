//! A reader whose whole library came from the cache with its abstracts left in the cache file (as a warm start
//! loads it) shows the same abstract pane, finds the same papers in a search of everything, and exports the same
//! abstracts as a reader started on the same file parsed, holding every abstract.

mod support;

use std::fs;
use std::path::Path;
use std::sync::Arc;

use lenaview::app::following::{LoadedLibrary, SharedIndex};
use lenaview::app::{Action, App, Catalog, Effect, LeftInCache, update_now};
use lenaview::cache::SourceCache;
use lenaview::formats::export::ExportFormat;
use lenaview::formats::library_json;
use lenaview::marks::MarkStore;
use lenaview::model::{AbstractSection, Library, Page};
use lenaview::search::Index;
use ratatui::crossterm::event::KeyCode;
use support::{keys, press, render};

/// Synthetic papers with an abstract of their own to find, some listed again under another topic.
fn library() -> Library {
    let mut library = lenaview::synthetic::library(1_500, 21);
    library.pages[0].publications[2].abstract_sections =
        vec![AbstractSection { label: Some("RESULTS".into()), text: "Xylophonic cereblon binding.".into() }];
    let again = library.pages[0].publications[..5].to_vec();
    library.pages.push(Page { path: vec!["Again".into()], publications: again, ..Page::default() });
    library
}

/// The reader at start, on the first papers, then given the whole catalog and its index (without abstracts: they
/// are folded when a search of everything first needs them).
fn reader(first: Library, catalog: Catalog) -> App {
    let mut app = App::before_loading(first, MarkStore::in_memory(), 120, 40);
    let loaded = Action::LibraryLoaded(LoadedLibrary { catalog: Arc::new(catalog), warnings: Vec::new() });
    let asked = update_now(&mut app, loaded).into_iter().find_map(|effect| match effect {
        Effect::BuildIndex(catalog) => Some(catalog),
        _ => None,
    });
    let index = Index::without_abstracts(&asked.expect("the index is asked for").0.publications);
    update_now(&mut app, Action::IndexBuilt(SharedIndex(Arc::new(index))));
    app
}

/// Two readers of a library file in `dir`: one on its parse, one on its cache as a warm start reads it; `damage`
/// changes the cache file's bytes in between.
fn readers_damaged(dir: &Path, damage: impl FnOnce(&mut Vec<u8>)) -> (App, App) {
    let source = dir.join("library.json");
    fs::write(&source, library_json::to_string(&library())).unwrap();
    let cache = SourceCache::new(&dir.join("cache"));
    let parsed = cache.import_file(&source).unwrap().library;
    let entry_path = fs::read_dir(dir.join("cache")).unwrap().next().unwrap().unwrap().path();
    let mut bytes = fs::read(&entry_path).unwrap();
    damage(&mut bytes);
    // In place, before it is mapped: as only another program would write it.
    fs::write(&entry_path, bytes).unwrap();
    let (lean, left) = cache.import_file_leaving_abstracts(&source).unwrap();
    let lean = lean.library;
    let mut left_in_cache = LeftInCache::default();
    left_in_cache.add(0, left.expect("the second import comes from the cache"));
    assert!(lean.publications().all(|paper| paper.abstract_sections.is_empty()));
    let mut first = parsed.clone();
    first.keep_first(300);
    let cold = reader(first.clone(), Catalog::new(parsed));
    let warm = reader(first, Catalog::leaving_abstracts(lean, left_in_cache));
    (cold, warm)
}

fn readers(dir: &Path) -> (App, App) {
    readers_damaged(dir, |_| {})
}

fn export(app: &mut App, format: ExportFormat) -> String {
    update_now(app, Action::OpenExportMenu);
    let written = update_now(app, Action::Export(format)).into_iter().find_map(|effect| match effect {
        Effect::WriteExport { contents, .. } => Some(contents),
        _ => None,
    });
    written.expect("an export is written")
}

#[test]
fn the_abstract_pane_shows_the_same_abstract_as_it_scrolls_and_moves() {
    let dir = tempfile::tempdir().unwrap();
    let (mut cold, mut warm) = readers(dir.path());
    let mut labels_shown = 0;
    for step in 0..8 {
        assert_eq!(render(&warm, 120, 40), render(&cold, 120, 40), "step {step}");
        labels_shown += usize::from(render(&warm, 120, 40).contains("BACKGROUND"));
        for app in [&mut cold, &mut warm] {
            press(app, KeyCode::Down);
        }
    }
    assert!(labels_shown > 2, "abstracts were shown, not only papers without one");
    for app in [&mut cold, &mut warm] {
        press(app, KeyCode::Char('J'));
    }
    assert_eq!(render(&warm, 120, 40), render(&cold, 120, 40), "scrolled");
}

#[test]
fn a_search_of_everything_finds_the_same_papers_in_abstracts_left_in_the_cache_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut cold, mut warm) = readers(dir.path());
    for query in ["/xylophonic", "/lenal myel"] {
        for app in [&mut cold, &mut warm] {
            keys(app, query);
            press(app, KeyCode::Tab);
            press(app, KeyCode::Tab);
        }
        assert!(!warm.list.ids.is_empty(), "{query}");
        assert_eq!(warm.list.ids, cold.list.ids, "{query}");
        assert_eq!(render(&warm, 120, 40), render(&cold, 120, 40), "{query}");
        for app in [&mut cold, &mut warm] {
            press(app, KeyCode::Esc);
        }
    }
}

#[test]
fn exports_and_copies_carry_the_abstracts_left_in_the_cache_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut cold, mut warm) = readers(dir.path());
    for format in [ExportFormat::Ris, ExportFormat::Json, ExportFormat::Csv] {
        let exported = export(&mut warm, format);
        assert_eq!(exported, export(&mut cold, format), "{format:?}");
        assert!(exported.contains("Xylophonic cereblon"), "{format:?}");
    }
}

#[test]
fn an_abstract_changed_in_the_cache_file_is_said_unreadable_in_the_pane_and_the_log_never_shown_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let marker = b"Xylophonic cereblon";
    let (_, mut warm) = readers_damaged(dir.path(), |bytes| {
        let at = bytes.windows(marker.len()).position(|window| window == marker).unwrap();
        bytes[at] = b'Q';
    });
    let at = warm.list.ids.iter().position(|&id| id == 2).unwrap();
    for _ in 0..at {
        press(&mut warm, KeyCode::Down);
    }
    let screen = render(&warm, 120, 40);
    assert!(screen.contains("could not be read") && !screen.contains("ylophonic"), "{screen}");
    assert!(!screen.contains("No abstract available"), "{screen}");
    let told: Vec<&String> = warm.messages.lines.iter().filter(|line| line.contains("could not be read")).collect();
    assert_eq!(told.len(), 1, "{:?}", warm.messages.lines);
    assert!(told[0].contains("library.json"), "{told:?}");
    press(&mut warm, KeyCode::Down);
    press(&mut warm, KeyCode::Up);
    assert!(render(&warm, 120, 40).contains("could not be read"));
    let exported = export(&mut warm, ExportFormat::Ris);
    assert!(!exported.contains("ylophonic"));
    assert!(
        warm.messages.lines.iter().any(|line| line.contains("left out of the export")),
        "{:?}",
        warm.messages.lines
    );
}
