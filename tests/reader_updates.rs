//! Followed topics updating while the reader runs, driven through keys and the actions the event loop sends.

mod support;

use lenaview::app::following::GrownLibrary;
use lenaview::app::{Action, App, Effect, update_now};
use lenaview::formats;
use lenaview::model::{Library, Page, Publication};
use ratatui::crossterm::event::KeyCode;
use support::{keys, press, render};

const LENALIDOMIDE: [&str; 4] = ["Treatments", "Biological Therapies", "Angiogenesis Inhibitors", "Lenalidomide"];

fn fetched(path: &[&str], papers: &[(&str, &str)]) -> Library {
    Library {
        pages: vec![Page {
            path: path.iter().map(|name| name.to_string()).collect(),
            publications: papers
                .iter()
                .map(|(pmid, title)| Publication {
                    title: title.to_string(),
                    pmid: Some((*pmid).into()),
                    journal: "Blood".into(),
                    year: Some(2026),
                    ..Publication::default()
                })
                .collect(),
            ..Page::default()
        }],
    }
}

fn screen(app: &App) -> String {
    render(app, 120, 30)
}

#[test]
fn r_starts_one_update_and_the_screen_shows_its_progress() {
    let mut app = App::new(formats::bundled(), 120, 30);
    let effects = update_now(&mut app, Action::UpdateFollowed);
    assert_eq!(effects, vec![Effect::UpdateFollowed]);
    assert!(app.updates.running);
    // A second R while one runs starts nothing.
    keys(&mut app, "R");
    assert!(app.status.as_deref().unwrap().contains("already running"));
    update_now(&mut app, Action::UpdateProgress("Lenalidomide: 200 of 1234".into()));
    assert!(screen(&app).contains("updating Lenalidomide: 200 of 1234"), "{}", screen(&app));
    // Keys still work while it runs.
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.list.selected, Some(1));
}

#[test]
fn papers_arrive_unread_under_their_topic_and_a_known_paper_is_not_doubled() {
    let mut app = App::new(formats::bundled(), 120, 30);
    update_now(&mut app, Action::UpdateFollowed);
    press(&mut app, KeyCode::Char('j'));
    let selected = app.list.selected_id();
    // The bundled page has no PMIDs: PubMed's copy of a bundled paper is the same paper by title and year.
    let bundled = app.catalog.publications[5].clone();
    let mut batch = fetched(&LENALIDOMIDE, &[("41000001", "Lenalidomide maintenance in 2026"), ("31000005", "")]);
    batch.pages[0].publications[1].title = bundled.title.to_uppercase();
    batch.pages[0].publications[1].year = bundled.year;
    let grown = GrownLibrary::grow(&app.catalog, batch);
    assert_eq!(grown.arrived.len(), 1);
    assert_eq!(grown.catalog.publications[5].pmid.as_deref(), Some("31000005"), "the known paper gains its PMID");
    let effects = update_now(&mut app, Action::LibraryGrew(grown));
    assert!(effects.iter().any(|effect| matches!(effect, Effect::UseIndex(_))), "the search thread gets the index");
    assert_eq!(app.catalog.publications.len(), 31);
    assert_eq!(app.unread[0], 31, "the new paper is unread");
    assert_eq!(app.list.ids.len(), 31);
    assert_eq!(app.list.selected_id(), selected, "the selection stays on the paper it was on");
    // A topic nobody had before appears in the tree, open.
    let pomalidomide = ["Treatments", "Biological Therapies", "Angiogenesis Inhibitors", "Pomalidomide"];
    let grown = GrownLibrary::grow(&app.catalog, fetched(&pomalidomide, &[("41000002", "Pomalidomide in 2026")]));
    update_now(&mut app, Action::LibraryGrew(grown));
    assert!(screen(&app).contains("Pomalidomide"), "{}", screen(&app));
    // w shows only what this update brought, and search finds the new papers.
    keys(&mut app, "w");
    assert_eq!(app.list.ids.len(), 2);
    keys(&mut app, "/2026");
    assert_eq!(app.list.ids.len(), 2);
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "w");
    assert_eq!(app.list.ids.len(), 32);
}

#[test]
fn the_end_of_an_update_is_summarised_and_logged() {
    let mut app = App::new(formats::bundled(), 120, 30);
    update_now(&mut app, Action::UpdateFollowed);
    update_now(
        &mut app,
        Action::UpdateFinished {
            summary: "Update: 1 new, 1 topic failed".into(),
            details: vec!["Lenalidomide: 1 new".into(), "Pomalidomide: failed: cannot reach 127.0.0.1".into()],
        },
    );
    assert!(!app.updates.running);
    assert!(app.status.as_deref().unwrap().starts_with("Update: 1 new, 1 topic failed"));
    keys(&mut app, "m");
    let shown = screen(&app);
    assert!(shown.contains("Pomalidomide: failed: cannot reach 127.0.0.1"), "{shown}");
    keys(&mut app, "m");
    assert!(!screen(&app).contains("Messages"));
    // Another update can start now.
    assert_eq!(update_now(&mut app, Action::UpdateFollowed), vec![Effect::UpdateFollowed]);
}
