//! Notes in the reader: `E` asks for the selected paper's note to be edited, and the edit coming back shows under
//! the abstract, flags the paper in the list, is found by a search of everything and goes out with exports.

mod support;

use std::path::PathBuf;

use lenaview::app::document::line_text;
use lenaview::app::{self, Action, App, Effect};
use lenaview::formats;
use lenaview::notes::{NoteOutcome, NoteRequest};
use lenaview::search::Scope;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{keys, press, render};

fn app() -> App {
    let mut app = App::new(formats::bundled(), 120, 40);
    app.colors = false;
    app
}

fn selected_key(app: &App) -> String {
    app.catalog.key(app.selected_publication().unwrap()).to_string()
}

fn saved(app: &mut App, note: Option<&str>) -> Vec<Effect> {
    let key = selected_key(app);
    let outcome = NoteOutcome::Saved {
        note: note.map(Into::into),
        path: PathBuf::from("/data/notes/chari-2019-oral-selinexor-dexamethasone.md"),
        both_kept: false,
    };
    app::update_now(app, Action::NoteEdited { key, outcome })
}

fn abstract_text(app: &App) -> Vec<String> {
    app.reader.document.lines.iter().map(line_text).collect()
}

#[test]
fn e_asks_for_the_selected_papers_note_by_key_with_a_readable_name_and_its_citation() {
    let mut app = app();
    let effects = app::update_now(&mut app, Action::EditNote);
    let key = selected_key(&app);
    let [Effect::EditNote(NoteRequest { key: asked, paper, stem })] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(asked, &key);
    assert_eq!(stem, "chari-2019-oral-selinexor-dexamethasone");
    assert!(paper.starts_with("Chari A, Vogl DT, Gavriatopoulou M, et al. Oral Selinexor"), "{paper}");
    // The key is in the publication context: from the list and from the abstract.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, lenaview::app::Pane::Abstract);
    let action = app.keymap.action_for(KeyEvent::new(KeyCode::Char('E'), KeyModifiers::SHIFT), app.mode());
    assert_eq!(action, Some(Action::EditNote));
    let effects = app::update_now(&mut app, Action::EditNote);
    assert!(matches!(&effects[..], [Effect::EditNote(_)]));
}

#[test]
fn with_nothing_selected_there_is_no_note_to_edit() {
    let mut app = app();
    keys(&mut app, "/zzzzqqq");
    press(&mut app, KeyCode::Enter);
    assert!(app.selected_publication().is_none());
    assert!(!app.can(&Action::EditNote));
    assert!(app::update_now(&mut app, Action::EditNote).is_empty());
    assert_eq!(app.status.as_deref(), Some("Select a publication first"));
}

#[test]
fn a_saved_note_shows_under_the_abstract_flags_the_paper_and_is_told() {
    let mut app = app();
    saved(&mut app, Some("Ask about cereblon.\n\n- dose: 25 mg"));
    let text = abstract_text(&app);
    let heading = text.iter().position(|line| line == "Note").expect("a Note heading");
    assert_eq!(&text[heading..], ["Note", "Ask about cereblon.", "", "- dose: 25 mg"]);
    assert_eq!(app.status.as_deref(), Some("Note saved to /data/notes/chari-2019-oral-selinexor-dexamethasone.md"));
    assert_eq!(app.messages.lines.last(), app.status.as_ref(), "kept in the message log");
    let screen = render(&app, 120, 40);
    let first_row = screen.lines().nth(1).unwrap();
    assert!(first_row.contains("✎ Oral Selinexor"), "{first_row}");

    saved(&mut app, None);
    assert!(!abstract_text(&app).contains(&"Note".to_string()));
    assert!(app.status.as_deref().unwrap().starts_with("Note emptied: removed /data/notes/"));
    assert!(!render(&app, 120, 40).contains('✎'));
}

#[test]
fn a_search_of_everything_finds_the_note_and_marks_it() {
    let mut app = app();
    keys(&mut app, "j");
    let noted = selected_key(&app);
    saved(&mut app, Some("Remember the zebrafish xenograft."));
    press(&mut app, KeyCode::Char('g'));
    keys(&mut app, "/'zebrafish");
    assert!(app.list.ids.is_empty(), "titles know nothing of the note");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.search.scope, Scope::Everything);
    let found: Vec<&str> = app.list.ids.iter().map(|&id| app.catalog.key(id)).collect();
    assert_eq!(found, [noted.as_str()]);
    assert_eq!(app.reader.document.match_lines.len(), 1, "the match in the note is highlighted");
}

#[test]
fn a_note_edited_while_a_search_is_active_is_searched_at_once() {
    let mut app = app();
    keys(&mut app, "/'zebrafish");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(app.list.ids.is_empty());
    keys(&mut app, "/");
    press(&mut app, KeyCode::Esc);
    let noted = selected_key(&app);
    saved(&mut app, Some("zebrafish"));
    keys(&mut app, "/'zebrafish");
    press(&mut app, KeyCode::Enter);
    let found: Vec<&str> = app.list.ids.iter().map(|&id| app.catalog.key(id)).collect();
    assert_eq!(found, [noted.as_str()]);
}

#[test]
fn an_index_still_being_built_when_a_note_is_saved_gets_the_note() {
    let mut app = App::before_indexing(formats::bundled(), lenaview::marks::MarkStore::in_memory(), 120, 40);
    let building = std::sync::Arc::clone(&app.catalog);
    saved(&mut app, Some("zebrafish"));
    let index = lenaview::search::Index::new(&building.publications);
    app::update_now(&mut app, Action::IndexBuilt(app::following::SharedIndex(std::sync::Arc::new(index))));
    keys(&mut app, "/'zebrafish");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.list.ids.len(), 1);
}

#[test]
fn failures_and_unchanged_notes_are_told() {
    let mut app = app();
    let key = selected_key(&app);
    let why = "Note not saved: the editor (false) exited with status 1".to_string();
    app::update_now(&mut app, Action::NoteEdited { key: key.clone(), outcome: NoteOutcome::Failed(why.clone()) });
    assert_eq!(app.status.as_ref(), Some(&why));
    assert_eq!(app.messages.lines.last(), Some(&why));
    app::update_now(&mut app, Action::NoteEdited { key: key.clone(), outcome: NoteOutcome::Unchanged });
    assert_eq!(app.status.as_deref(), Some("Note unchanged"));
    let both = NoteOutcome::Saved { note: Some("Mine\n\nTheirs".into()), path: "/n/x.md".into(), both_kept: true };
    app::update_now(&mut app, Action::NoteEdited { key, outcome: both });
    assert!(app.status.as_deref().unwrap().contains("both texts are kept in /n/x.md"));
}

#[test]
fn exports_and_citations_carry_the_note() {
    let mut app = app();
    saved(&mut app, Some("Phase 3; ask about cereblon."));
    let effects = {
        press(&mut app, KeyCode::Char('e'));
        app::update_now(&mut app, Action::Export(formats::export::ExportFormat::Json))
    };
    let [Effect::WriteExport { contents, .. }] = &effects[..] else { panic!("{effects:?}") };
    let exported: lenaview::model::Library = serde_json::from_str(contents).unwrap();
    let notes: Vec<&str> =
        exported.pages[0].publications.iter().filter_map(|publication| publication.note.as_deref()).collect();
    assert_eq!(notes, ["Phase 3; ask about cereblon."]);
    let only_one = exported.pages[0].publications.iter().filter(|publication| publication.note.is_none()).count();
    assert_eq!(only_one, exported.pages[0].publications.len() - 1);
}

#[test]
fn papers_arriving_from_an_update_begun_before_an_edit_keep_the_edited_note() {
    let mut app = app();
    // The update works from the catalog as it was when it began.
    let before_the_edit = std::sync::Arc::clone(&app.catalog);
    saved(&mut app, Some("zebrafish"));
    let noted = selected_key(&app);
    let mut arriving = lenaview::model::Library::default();
    arriving.pages.push(lenaview::model::Page {
        path: vec!["Followed".into()],
        publications: vec![lenaview::model::Publication { title: "A new paper".into(), ..Default::default() }],
        ..Default::default()
    });
    let grown = app::following::GrownLibrary::grow(&before_the_edit, arriving);
    app::update_now(&mut app, Action::LibraryGrew(grown));
    let id = app.catalog.keys.iter().position(|key| *key == noted).unwrap();
    assert_eq!(app.catalog.publications[id].note.as_deref(), Some("zebrafish"));
    keys(&mut app, "/'zebrafish");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.list.ids, [id as u32], "the grown index has the note too");
}
