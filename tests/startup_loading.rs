//! A start on a big library shows its first publications at once (`App::before_loading`) and takes the whole
//! library in when it has loaded off the UI thread (`Action::LibraryLoaded`): ids only grow, so what the reader did
//! meanwhile (the paper selected, a query typed) stays meaningful, and the search index and the last session wait
//! for the whole library.

mod support;

use std::sync::Arc;

use lenaview::app::following::{LoadedLibrary, SharedCatalog, SharedIndex};
use lenaview::app::{Action, App, Catalog, Effect, startup_effects, update_now};
use lenaview::marks::MarkStore;
use lenaview::model::{Library, Page};
use lenaview::search::Index;
use ratatui::crossterm::event::KeyCode;
use support::{keys, press, render};

const FIRST: usize = 500;

/// Synthetic papers, some of them listed again under other topics: in the first part, across the cut, and after.
fn library() -> Library {
    let mut library = lenaview::synthetic::library(3_000, 13);
    let again = |from: usize, to: usize, name: &str| Page {
        path: vec!["Again".into(), name.into()],
        publications: library.pages[from..to].iter().flat_map(|page| page.publications[..3].to_vec()).collect(),
        ..Page::default()
    };
    let early = again(0, 2, "early");
    let late = again(0, library.pages.len(), "late");
    library.pages.insert(1, early);
    library.pages.push(late);
    library
}

fn first_part() -> Library {
    let mut first = library();
    assert!(first.keep_first(FIRST), "the library is bigger than its first part");
    first
}

fn screen(app: &App) -> String {
    render(app, 120, 30)
}

fn loaded(warnings: &[&str]) -> Action {
    let catalog = Arc::new(Catalog::new(library()));
    Action::LibraryLoaded(LoadedLibrary { catalog, warnings: warnings.iter().map(ToString::to_string).collect() })
}

fn index_asked(effects: &[Effect]) -> Option<SharedCatalog> {
    effects.iter().find_map(|effect| match effect {
        Effect::BuildIndex(catalog) => Some(catalog.clone()),
        _ => None,
    })
}

fn built(catalog: &SharedCatalog) -> Action {
    Action::IndexBuilt(SharedIndex(Arc::new(Index::new(&catalog.0.publications))))
}

#[test]
fn the_first_part_of_a_library_is_the_start_of_the_whole_catalog() {
    let whole = Catalog::new(library());
    for limit in [1, 2, 3, 7, FIRST, 2_999, 3_000, 3_050, 9_999] {
        let mut first = library();
        first.keep_first(limit);
        assert!(whole.begins_with(&Catalog::new(first)), "first {limit}");
    }
    let mut other = library();
    other.pages.swap(0, 2);
    other.keep_first(FIRST);
    assert!(!whole.begins_with(&Catalog::new(other)), "other papers first");
}

#[test]
fn the_first_papers_show_at_once_and_the_whole_library_comes_in_around_the_selected_one() {
    let mut app = App::before_loading(first_part(), MarkStore::in_memory(), 120, 30);
    assert_eq!(startup_effects(&app), vec![], "neither the index nor the session before the whole library");
    let listed = app.list.ids.len();
    assert!(listed <= FIRST && listed > FIRST - 10, "{listed}: the first part, its papers listed twice once");
    assert!(screen(&app).contains(&format!("1/{listed} · loading the library…")), "{}", screen(&app));
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    let selected = app.catalog.key(app.list.ids[3]).to_string();

    let effects = update_now(&mut app, loaded(&["library.json:7: a record without a title, skipped"]));
    let whole = Catalog::new(library());
    assert_eq!(app.catalog.publications.len(), whole.publications.len());
    assert_eq!(app.list.ids.len(), whole.nodes[0].publications.len(), "the whole library listed");
    assert_eq!(app.catalog.key(app.list.ids[app.list.selected.unwrap()]), selected, "the same paper selected");
    let asked = index_asked(&effects).expect("the index of the whole library is asked for now");
    assert!(Arc::ptr_eq(&asked.0, &app.catalog));
    assert!(!screen(&app).contains("loading"), "{}", screen(&app));
    assert!(app.messages.lines.iter().any(|line| line.contains("a record without a title")), "its warnings logged");
    assert!(app.status.as_deref().is_some_and(|status| status.contains("a record without a title")), "and told");
    assert!(app.tree.expanded.contains(&whole.nodes.iter().position(|node| node.name == "Again").unwrap()));
    assert_eq!(app.unread[0], whole.publications.len());
}

#[test]
fn a_query_typed_while_loading_is_answered_from_the_whole_library() {
    let mut app = App::before_loading(first_part(), MarkStore::in_memory(), 120, 30);
    keys(&mut app, "/lenal");
    assert!(app.search.pending && app.search.indexing);
    assert!(screen(&app).contains("indexing…"), "{}", screen(&app));
    let effects = update_now(&mut app, loaded(&[]));
    assert!(app.search.pending, "still waiting, for the index now");
    update_now(&mut app, built(&index_asked(&effects).unwrap()));
    let mut eager = App::new(library(), 120, 30);
    keys(&mut eager, "/lenal");
    assert!(!app.search.pending);
    assert_eq!(app.list.ids, eager.list.ids, "the answer of a reader that had the whole library from the start");
}

#[test]
fn the_last_session_is_read_once_the_whole_library_is_in_unless_the_reader_moved_on_meanwhile() {
    let folder = tempfile::tempdir().unwrap();
    let reads_session = |effects: &[Effect]| effects.iter().any(|effect| matches!(effect, Effect::ReadSession(_)));
    let (marks, _) = MarkStore::open(folder.path().join("state.json"));
    let mut app = App::before_loading(first_part(), marks, 120, 30);
    assert_eq!(startup_effects(&app), vec![]);
    update_now(&mut app, Action::Resize { width: 100, height: 30 });
    assert!(reads_session(&update_now(&mut app, loaded(&[]))), "a resize is not the reader's doing");

    let (marks, _) = MarkStore::open(folder.path().join("state.json"));
    let mut app = App::before_loading(first_part(), marks, 120, 30);
    press(&mut app, KeyCode::Down);
    let effects = update_now(&mut app, loaded(&[]));
    assert!(!reads_session(&effects), "restoring it would undo the move: {effects:?}");
    assert_eq!(app.list.selected, Some(1));
}

#[test]
fn a_library_changed_between_the_two_reads_starts_afresh_on_the_whole_one() {
    let mut app = App::before_loading(first_part(), MarkStore::in_memory(), 120, 30);
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
    }
    let mut other = library();
    other.pages.swap(0, 2);
    let catalog = Arc::new(Catalog::new(other));
    update_now(&mut app, Action::LibraryLoaded(LoadedLibrary { catalog: catalog.clone(), warnings: Vec::new() }));
    assert!(Arc::ptr_eq(&app.catalog, &catalog));
    assert_eq!(app.list.selected, Some(0), "the start-up view of the library now loaded");
    assert_eq!(app.list.ids, catalog.nodes[0].publications.to_vec());
    assert_eq!(app.tree.selected, 0);
    screen(&app);
}

#[test]
fn an_update_of_followed_topics_waits_for_the_whole_library() {
    let mut app = App::before_loading(first_part(), MarkStore::in_memory(), 120, 30);
    let effects = update_now(&mut app, Action::UpdateFollowed);
    assert!(!effects.contains(&Effect::UpdateFollowed), "{effects:?}");
    assert!(app.status.as_deref().unwrap().contains("still loading"));
    update_now(&mut app, loaded(&[]));
    assert!(update_now(&mut app, Action::UpdateFollowed).contains(&Effect::UpdateFollowed));
}

#[test]
fn when_the_rest_cannot_load_the_first_papers_stay_and_become_searchable() {
    let mut app = App::before_loading(first_part(), MarkStore::in_memory(), 120, 30);
    let effects = update_now(&mut app, Action::LibraryNotLoaded("library.json: No such file or directory".into()));
    assert_eq!(app.catalog.publications.len(), Catalog::new(first_part()).publications.len());
    assert!(app.status.as_deref().unwrap().contains("Only the first"), "{:?}", app.status);
    assert!(app.status.as_deref().unwrap().contains("No such file"));
    update_now(&mut app, built(&index_asked(&effects).expect("its index")));
    keys(&mut app, "/lenal");
    assert!(!app.search.pending);
    assert!(!screen(&app).contains("loading"));
}

#[test]
fn warnings_of_the_whole_load_never_hide_the_count_of_a_search_typed_meanwhile() {
    let mut app = App::before_loading(first_part(), MarkStore::in_memory(), 120, 30);
    keys(&mut app, "/lenal");
    // As long as a real one: a status bar holding it has no room left for the count.
    let warning = "/home/reader/Documents/literature/exports/pubmed-lenalidomide-2026-12-01.txt:12: a record \
                   without a title, skipped";
    let effects = update_now(&mut app, loaded(&[warning]));
    update_now(&mut app, built(&index_asked(&effects).unwrap()));
    assert!(app.messages.lines.iter().any(|line| line == warning), "logged");
    let count = format!("{} of {} match “lenal”", app.list.ids.len(), app.catalog.nodes[0].publications.len());
    assert!(screen(&app).contains(&count), "{}", screen(&app));
}

#[test]
fn a_note_written_while_loading_is_in_the_whole_library_and_found_by_its_index() {
    use lenaview::notes::NoteOutcome;
    let mut app = App::before_loading(first_part(), MarkStore::in_memory(), 120, 30);
    let key = app.catalog.key(app.list.ids[0]).to_string();
    let outcome =
        NoteOutcome::Saved { note: Some("Ask about cereblon.".into()), path: "/n/x.md".into(), both_kept: false };
    update_now(&mut app, Action::NoteEdited { key: key.clone(), outcome });
    let placeholder = app.index.clone();
    let effects = update_now(&mut app, loaded(&[]));
    let id = app.catalog.keys.iter().position(|each| *each == key).unwrap();
    assert_eq!(app.catalog.publications[id].note.as_deref(), Some("Ask about cereblon."), "carried over");
    assert!(Arc::ptr_eq(&app.index, &placeholder), "no notes folded into the stand-in: the real index is coming");
    update_now(&mut app, built(&index_asked(&effects).unwrap()));
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "/cereblon");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.search.scope, lenaview::search::Scope::Everything);
    assert!(app.list.ids.contains(&(id as u32)), "{:?}", app.list.ids);
}
