//! What the event loop reports back after carrying out an effect reaches the user only through `update`:
//! the same words, in the status bar and the message log, as when the loop said them itself.

use std::collections::BTreeMap;
use std::path::PathBuf;

use lenaview::app::{self, Action, App};
use lenaview::formats;
use lenaview::formats::export::ExportFormat;
use lenaview::formats::export::osc52::CopyOutcome;
use lenaview::marks::{Entry, Mark};

fn app() -> App {
    App::new(formats::bundled(), 80, 24)
}

fn told(app: &App) -> (Option<&str>, Option<&str>) {
    (app.status.as_deref(), app.messages.lines.last().map(String::as_str))
}

#[test]
fn starting_sets_the_colours_and_reports_what_loading_met() {
    let mut app = app();
    let effects = app::update(&mut app, Action::Started { colors: false, warnings: vec!["a.ris:3: skipped".into()] });
    assert!(effects.is_empty());
    assert!(!app.colors);
    assert_eq!(told(&app), (Some("a.ris:3: skipped"), Some("a.ris:3: skipped")));
    app::update(&mut app, Action::Started { colors: true, warnings: vec![] });
    assert!(app.colors);
}

#[test]
fn a_failed_save_is_told_once_and_the_newest_warning_each_time() {
    let mut app = app();
    app.status = Some("Starred".into());
    app::update(&mut app, Action::MarksSaved { written: Ok(None), warnings: vec![] });
    assert_eq!(app.status.as_deref(), Some("Starred"), "a save that went well says nothing, and wipes nothing");
    assert!(app.messages.lines.is_empty());

    let failure = "marks are not saved: cannot create directory /x";
    app::update(&mut app, Action::MarksSaved { written: Err(failure.into()), warnings: vec![] });
    assert_eq!(told(&app), (Some(failure), Some(failure)));
    let warnings = vec!["first".into(), "moved aside".into()];
    app::update(&mut app, Action::MarksSaved { written: Err(failure.into()), warnings });
    assert_eq!(told(&app), (Some("moved aside"), Some("moved aside")), "the failure was told already");
    assert_eq!(app.messages.lines.len(), 2);
}

#[test]
fn a_save_takes_in_what_other_processes_saved_and_leaves_nothing_unsaved() {
    let mut app = app();
    app::update_now(&mut app, Action::ToggleStar);
    assert!(!app.marks.unsaved().is_empty());
    let starred = app.selected_publication().unwrap();
    let key = app.catalog.key(starred).to_string();
    let merged = BTreeMap::from([
        (key, Entry { mark: Mark { read: false, starred: true }, tags: vec![] }),
        ("pmid:1".to_string(), Entry { mark: Mark { read: true, starred: false }, tags: vec![] }),
    ]);
    app::update(&mut app, Action::MarksSaved { written: Ok(Some(merged)), warnings: vec![] });
    assert!(app.marks.unsaved().is_empty(), "what was written is not written again");
    assert!(app.marks.get("pmid:1").read, "another process's mark is taken in");
    assert!(app.mark(starred).starred);
}

#[test]
fn a_copy_says_what_can_be_known_or_why_it_failed() {
    let mut app = app();
    app::update(&mut app, Action::Copied(Ok(CopyOutcome::RefusedByTmux)));
    let refused = CopyOutcome::RefusedByTmux.message();
    assert_eq!(told(&app), (Some(refused), Some(refused)));
    app::update(&mut app, Action::Copied(Err("broken pipe".into())));
    let failed = "Not copied: could not write to the terminal (broken pipe)";
    assert_eq!(told(&app), (Some(failed), Some(failed)));
}

#[test]
fn an_export_says_where_it_went_or_why_it_did_not() {
    let mut app = app();
    let path = PathBuf::from("/tmp/lenaview-export.bib");
    let written = Action::ExportWritten { format: ExportFormat::Bibtex, count: 2, path: path.clone(), failure: None };
    app::update(&mut app, written);
    let said = "Exported 2 publications as bibtex to /tmp/lenaview-export.bib";
    assert_eq!(told(&app), (Some(said), Some(said)));
    let failed =
        Action::ExportWritten { format: ExportFormat::Bibtex, count: 2, path, failure: Some("disk full".into()) };
    app::update(&mut app, failed);
    let said = "Export failed: /tmp/lenaview-export.bib: disk full";
    assert_eq!(told(&app), (Some(said), Some(said)));
}

#[test]
fn a_session_not_saved_goes_to_the_log_only() {
    let mut app = app();
    app.status = Some("Sorted by newest first".into());
    app::update(&mut app, Action::SessionNotSaved { path: "/x/session.json".into(), why: "read-only".into() });
    let said = "The session could not be saved to /x/session.json: read-only";
    assert_eq!(told(&app), (Some("Sorted by newest first"), Some(said)));
}
