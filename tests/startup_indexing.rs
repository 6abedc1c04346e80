//! The reader's first frame comes before its search index: the index is built off the UI thread (here: by the test,
//! when it chooses) and swapped in by an action; a query typed meanwhile is kept and answered then.

mod support;

use std::sync::Arc;

use lenaview::app::following::{GrownLibrary, SharedCatalog, SharedIndex};
use lenaview::app::{Action, App, Effect, startup_effects, update_now};
use lenaview::marks::MarkStore;
use lenaview::model::Library;
use lenaview::search::Index;
use ratatui::crossterm::event::KeyCode;
use support::{keys, press, render};

fn library() -> Library {
    lenaview::synthetic::library(3_000, 13)
}

fn deferred(library: Library) -> (App, SharedCatalog) {
    let app = App::before_indexing(library, MarkStore::in_memory(), 120, 30);
    let mut builds = startup_effects(&app).into_iter().filter_map(|effect| match effect {
        Effect::BuildIndex(catalog) => Some(catalog),
        _ => None,
    });
    let catalog = builds.next().expect("the start-up asks for the index");
    assert!(builds.next().is_none(), "once");
    (app, catalog)
}

fn built(catalog: &SharedCatalog) -> Action {
    Action::IndexBuilt(SharedIndex(Arc::new(Index::new(&catalog.0.publications))))
}

fn screen(app: &App) -> String {
    render(app, 120, 30)
}

#[test]
fn a_query_typed_while_indexing_is_kept_and_answered_when_the_index_is_in() {
    let (mut app, catalog) = deferred(library());
    let everything = app.list.ids.clone();
    assert_eq!(everything.len(), catalog.0.publications.len(), "the first frame lists the whole library");
    keys(&mut app, "/lenal");
    assert_eq!(app.search.query, "lenal");
    assert!(app.search.editing && app.search.pending && app.search.indexing);
    assert_eq!(app.list.ids, everything, "no answer from an empty index");
    assert!(screen(&app).contains("/lenal▏  indexing… · titles"), "{}", screen(&app));
    // Keys still work meanwhile.
    press(&mut app, KeyCode::Down);
    assert_eq!(app.list.selected, Some(1));

    let effects = update_now(&mut app, built(&catalog));
    let handed =
        effects.iter().any(|effect| matches!(effect, Effect::UseIndex(index) if Arc::ptr_eq(&index.0, &app.index)));
    assert!(handed, "the search thread gets the index: {effects:?}");
    assert!(!app.search.indexing && !app.search.pending);
    let mut eager = App::new(library(), 120, 30);
    keys(&mut eager, "/lenal");
    assert!(app.list.ids.len() < everything.len());
    assert_eq!(app.list.ids, eager.list.ids, "the same answer as an app that had its index from the start");
    assert!(screen(&app).contains(&format!("{} of {}", app.list.ids.len(), everything.len())));
}

#[test]
fn the_deferred_index_answers_every_scope_and_query_as_the_eager_one() {
    let (mut app, catalog) = deferred(library());
    update_now(&mut app, built(&catalog));
    let mut eager = App::new(library(), 120, 30);
    for query in ["l", "lenal", "dara len", "myelomaj", "kumar blood", "maintenance"] {
        for app in [&mut app, &mut eager] {
            press(app, KeyCode::Esc);
            keys(app, &format!("/{query}"));
        }
        for _ in 0..3 {
            assert_eq!(app.list.ids, eager.list.ids, "{query:?} in {:?}", app.search.scope);
            press(&mut app, KeyCode::Tab);
            press(&mut eager, KeyCode::Tab);
        }
    }
}

#[test]
fn without_a_query_the_index_is_taken_in_quietly() {
    let (mut app, catalog) = deferred(library());
    press(&mut app, KeyCode::Down);
    let (list, reader) = (app.list.clone(), app.reader.content);
    let effects = update_now(&mut app, built(&catalog));
    assert_eq!(effects.len(), 1, "only the search thread hears of it: {effects:?}");
    assert_eq!((app.list.clone(), app.reader.content), (list, reader));
    assert!(!screen(&app).contains("indexing"));
}

#[test]
fn an_index_begun_before_the_library_grew_is_not_taken() {
    let (mut app, catalog) = deferred(library());
    keys(&mut app, "/lenal");
    let grown = GrownLibrary::grow(&catalog.0, lenaview::synthetic::library(200, 99));
    update_now(&mut app, Action::LibraryGrew(grown.clone()));
    assert!(!app.search.indexing && !app.search.pending, "the grown index covers everything and answered the query");
    let answered = app.list.ids.clone();
    assert!(!answered.is_empty());

    let effects = update_now(&mut app, built(&catalog));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(Arc::ptr_eq(&app.index, &grown.index), "the grown library's index stays");
    assert_eq!(app.list.ids, answered);
}

#[test]
fn an_app_built_with_its_index_asks_for_none() {
    let app = App::new(library(), 120, 30);
    assert!(!app.search.indexing);
    assert!(!startup_effects(&app).iter().any(|effect| matches!(effect, Effect::BuildIndex(_))));
}
