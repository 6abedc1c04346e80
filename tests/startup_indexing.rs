//! The reader's first frame comes before its search index: the index is built off the UI thread (here: by the test,
//! when it chooses) and swapped in by an action; a query typed meanwhile is kept and answered then.

mod support;

use std::sync::Arc;

use lenaview::app::following::{AbstractsJob, GrownLibrary, IndexedAbstracts, SharedCatalog, SharedIndex};
use lenaview::app::{Action, App, BackgroundJob, Effect, startup_effects, update_now};
use lenaview::marks::MarkStore;
use lenaview::model::Library;
use lenaview::search::{Index, Scope};
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

/// The index as the reader builds it at start-up: without the abstracts.
fn built_without_abstracts(catalog: &SharedCatalog) -> Action {
    Action::IndexBuilt(SharedIndex(Arc::new(Index::without_abstracts(&catalog.0.publications))))
}

/// `update`, with the searches it asks for answered at once, and the rest (the abstracts asked for) returned.
fn step(app: &mut App, action: Action) -> Vec<Effect> {
    let mut rest = Vec::new();
    for effect in lenaview::app::update(app, action) {
        match effect {
            Effect::Search(job) => {
                let hits = app.index.search(&job.query, job.scope, &job.within);
                rest.extend(update_now(app, Action::SearchDone { generation: job.generation, hits }));
            }
            other => rest.push(other),
        }
    }
    rest
}

fn abstracts_asked(effects: &[Effect]) -> Vec<AbstractsJob> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::IndexAbstracts(job) => Some(job.clone()),
            _ => None,
        })
        .collect()
}

fn indexed(job: &AbstractsJob) -> Action {
    Action::AbstractsIndexed(IndexedAbstracts(job.run()))
}

/// What an index with every text from the start lists for the app's query and scope.
fn eager_answer(app: &App) -> Vec<u32> {
    let eager = Index::new(&app.catalog.publications);
    let within = &app.catalog.nodes[lenaview::app::catalog::ROOT].publications.to_vec();
    eager.search(&app.search.query, app.search.scope, within).into_iter().map(|hit| hit.id).collect()
}

#[test]
fn a_search_of_everything_waits_for_the_abstracts_and_is_answered_as_by_the_eager_index() {
    let (mut app, catalog) = deferred(library());
    update_now(&mut app, built_without_abstracts(&catalog));
    assert!(!app.index.covers(Scope::Everything), "the abstracts wait for a search of everything");
    keys(&mut app, "/lenal");
    assert!(!app.search.pending);
    assert!(abstracts_asked(&step(&mut app, Action::SearchCycleScope)).is_empty(), "authors and journal need none");
    assert_eq!(app.search.scope, Scope::TitlesAuthorsJournal);
    let without_abstracts = app.list.ids.clone();

    let effects = step(&mut app, Action::SearchCycleScope);
    let asked = abstracts_asked(&effects);
    assert_eq!(asked.len(), 1, "{effects:?}");
    assert!(asked[0].known.is_none());
    assert!(app.search.pending && app.search.indexing_abstracts);
    assert_eq!(app.list.ids, without_abstracts, "no answer without the abstracts");
    assert!(screen(&app).contains("/lenal▏  indexing abstracts…"), "{}", screen(&app));
    // The query still changes meanwhile, and asks for nothing more.
    assert!(abstracts_asked(&step(&mut app, Action::SearchInput('i'))).is_empty());
    press(&mut app, KeyCode::Down);
    assert_eq!(app.list.selected, Some(1), "keys still work meanwhile");

    let effects = step(&mut app, indexed(&asked[0]));
    assert!(
        effects.iter().any(|effect| matches!(effect, Effect::UseIndex(index) if Arc::ptr_eq(&index.0, &app.index)))
    );
    assert!(app.index.covers(Scope::Everything));
    assert!(!app.search.pending && !app.search.indexing_abstracts);
    assert_eq!(app.list.ids, eager_answer(&app), "the answer of an index that had the abstracts from the start");
    let mut eager = App::new(library(), 120, 30);
    keys(&mut eager, "/lenali");
    press(&mut eager, KeyCode::Tab);
    press(&mut eager, KeyCode::Tab);
    assert_eq!(app.list.ids, eager.list.ids);
    assert!(!screen(&app).contains("indexing"));
    // Asked for once: back to titles and to everything again, the abstracts are there.
    for _ in 0..3 {
        assert!(abstracts_asked(&step(&mut app, Action::SearchCycleScope)).is_empty());
    }
    assert_eq!(app.list.ids, eager.list.ids);
}

#[test]
fn a_search_of_everything_typed_before_the_index_waits_for_both() {
    let (mut app, catalog) = deferred(library());
    step(&mut app, Action::StartSearch);
    step(&mut app, Action::SearchCycleScope);
    step(&mut app, Action::SearchCycleScope);
    for c in "dara".chars() {
        assert!(abstracts_asked(&step(&mut app, Action::SearchInput(c))).is_empty(), "the index comes first");
    }
    assert!(screen(&app).contains("/dara▏  indexing…"), "{}", screen(&app));
    let asked = abstracts_asked(&step(&mut app, built_without_abstracts(&catalog)));
    assert_eq!(asked.len(), 1);
    assert!(app.search.pending);
    assert!(screen(&app).contains("indexing abstracts…"), "{}", screen(&app));
    step(&mut app, indexed(&asked[0]));
    assert!(!app.search.pending);
    assert_eq!(app.list.ids, eager_answer(&app));
}

#[test]
fn without_a_search_of_everything_no_abstracts_are_built_even_as_the_library_grows() {
    let (mut app, catalog) = deferred(library());
    update_now(&mut app, built_without_abstracts(&catalog));
    keys(&mut app, "/lenal");
    press(&mut app, KeyCode::Tab);
    let grown = GrownLibrary::grow(&app.catalog, lenaview::synthetic::library(200, 99));
    assert!(abstracts_asked(&step(&mut app, Action::LibraryGrew(grown))).is_empty());
    assert!(!app.index.covers(Scope::Everything) && !app.search.pending);
}

#[test]
fn abstracts_once_built_grow_with_the_library() {
    let (mut app, catalog) = deferred(library());
    update_now(&mut app, built_without_abstracts(&catalog));
    keys(&mut app, "/lenal");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let before = app.index.abstracts().expect("built for the search of everything").clone();
    let papers_before = app.catalog.publications.len();

    let grown = GrownLibrary::grow(&app.catalog, lenaview::synthetic::library(300, 99));
    let asked = abstracts_asked(&step(&mut app, Action::LibraryGrew(grown)));
    assert_eq!(asked.len(), 1);
    assert!(asked[0].known.as_ref().is_some_and(|known| known.same(&before)), "grown from those built before");
    assert!(app.search.pending, "the search of everything waits for the papers' abstracts");
    assert!(screen(&app).contains("indexing abstracts…"), "{}", screen(&app));

    // A second batch arrives while the first is folded: what comes back is grown again.
    let again = GrownLibrary::grow(&app.catalog, lenaview::synthetic::library(100, 7));
    assert!(abstracts_asked(&step(&mut app, Action::LibraryGrew(again))).is_empty(), "one build at a time");
    let asked = abstracts_asked(&step(&mut app, indexed(&asked[0])));
    assert_eq!(asked.len(), 1, "the abstracts came back short of the library");
    assert!(app.search.pending);
    step(&mut app, indexed(&asked[0]));
    assert!(!app.search.pending && app.index.covers(Scope::Everything));
    assert!(app.catalog.publications.len() > papers_before);
    assert_eq!(app.index.abstracts().map(|abstracts| abstracts.len()), Some(app.catalog.publications.len()));
    assert_eq!(app.list.ids, eager_answer(&app));
}

#[test]
fn when_the_index_job_fails_a_waiting_query_is_told_it_cannot_be_answered() {
    let (mut app, _catalog) = deferred(library());
    let everything = app.list.ids.clone();
    keys(&mut app, "/lenal");
    assert!(screen(&app).contains("/lenal▏  indexing…"), "{}", screen(&app));

    step(&mut app, Action::JobFailed(BackgroundJob::Index));
    assert!(!app.search.indexing && !app.search.pending, "nothing waits for an index that will not come");
    assert!(screen(&app).contains("/lenal▏  search unavailable"), "{}", screen(&app));
    assert!(!screen(&app).contains("indexing"), "{}", screen(&app));
    // A query typed on is not answered from an empty index either: the list stays whole.
    assert!(step(&mut app, Action::SearchInput('i')).iter().all(|effect| !matches!(effect, Effect::Search(_))));
    assert_eq!(app.list.ids, everything);
    assert!(screen(&app).contains("/lenali▏  search unavailable"), "{}", screen(&app));
    press(&mut app, KeyCode::Down);
    assert_eq!(app.list.selected, Some(1), "keys still work");
}

#[test]
fn when_the_abstracts_job_fails_titles_are_still_searched() {
    let (mut app, catalog) = deferred(library());
    update_now(&mut app, built_without_abstracts(&catalog));
    keys(&mut app, "/lenal");
    let titles = app.list.ids.clone();
    step(&mut app, Action::SearchCycleScope);
    assert_eq!(abstracts_asked(&step(&mut app, Action::SearchCycleScope)).len(), 1);
    assert!(screen(&app).contains("indexing abstracts…"), "{}", screen(&app));

    step(&mut app, Action::JobFailed(BackgroundJob::AbstractsIndex));
    assert!(!app.search.pending && !app.search.indexing_abstracts);
    assert!(screen(&app).contains("/lenal▏  unavailable"), "{}", screen(&app));
    // Not asked for again at every key, which would fail the same way.
    assert!(abstracts_asked(&step(&mut app, Action::SearchInput('i'))).is_empty());
    press(&mut app, KeyCode::Backspace);
    // Back to titles, the search answers as before.
    step(&mut app, Action::SearchCycleScope);
    assert_eq!(app.search.scope, Scope::Titles);
    assert_eq!(app.list.ids, titles);
    assert!(!screen(&app).contains("unavailable"), "{}", screen(&app));
}
