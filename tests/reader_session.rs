//! The session: saved on quit beside the state file, restored at the next start, and never a reason to fail.

mod support;

use std::path::{Path, PathBuf};

use lenaview::app::listing::{Filter, SortOrder};
use lenaview::app::{Action, App, Effect, Pane, ReaderContent, startup_effects, update_now};
use lenaview::marks::MarkStore;
use lenaview::model::Library;
use ratatui::crossterm::event::KeyCode;
use support::{keys, press, two_topic_library};

fn app_with_state(library: Library, state: &Path) -> App {
    let (marks, warnings) = MarkStore::open(state.to_path_buf());
    assert!(warnings.is_empty(), "{warnings:?}");
    App::with_marks(library, marks, 120, 30)
}

/// Quits and returns where the session was written and what.
fn quit(app: &mut App) -> (PathBuf, String) {
    let effects = update_now(app, Action::Quit);
    match effects.as_slice() {
        [Effect::WriteSession { path, contents }] => (path.clone(), contents.clone()),
        other => panic!("quitting wrote no session: {other:?}"),
    }
}

/// Starts again the way the event loop does: the start-up effects ask for the session file, which is read back.
fn restart(library: Library, state: &Path, session_file: &Path, contents: &str) -> App {
    let mut app = app_with_state(library, state);
    assert_eq!(startup_effects(&app), vec![Effect::ReadSession(session_file.to_path_buf())]);
    let effects = update_now(&mut app, Action::RestoreSession(contents.to_string()));
    assert_eq!(effects, vec![], "a restored paper is not read again by itself");
    app
}

/// A reader in Treatments ▸ Pomalidomide, newest first, only unread, on its second paper, 3 lines into it.
fn somewhere(app: &mut App) {
    press(app, KeyCode::Char('h'));
    keys(app, "jjjlj");
    keys(app, "SU");
    press(app, KeyCode::Enter);
    keys(app, "jjj");
    assert_eq!(app.topic_path(), "Treatments ▸ Pomalidomide");
    assert_eq!((app.focus, app.reader.scroll), (Pane::Abstract, 3));
}

#[test]
fn the_next_start_opens_where_the_last_one_quit() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut app = app_with_state(two_topic_library(), &state);
    somewhere(&mut app);
    let paper = app.list.selected_id().unwrap();
    let (path, contents) = quit(&mut app);
    assert_eq!(path, dir.path().join("state.session.json"));
    assert!(contents.contains("\"version\": 1"), "{contents}");

    let restored = restart(two_topic_library(), &state, &path, &contents);
    assert_eq!(restored.topic_path(), "Treatments ▸ Pomalidomide");
    assert_eq!(restored.list.selected_id(), Some(paper));
    assert_eq!(restored.reader.content, ReaderContent::Publication(paper));
    assert_eq!(restored.reader.scroll, 3);
    assert_eq!(restored.focus, Pane::Abstract);
    assert_eq!(restored.listing.order, SortOrder::Newest);
    assert_eq!(restored.listing.filters, vec![Filter::Unread]);
    assert_eq!(restored.list.ids, app.list.ids, "the same list in the same order");
    assert_eq!(restored.status, None, "a good restore needs no word");
}

#[test]
fn the_abstract_opens_at_the_same_section_in_a_terminal_of_another_width() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut app = app_with_state(two_topic_library(), &state);
    update_now(&mut app, Action::Resize { width: 80, height: 16 });
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(']'));
    keys(&mut app, "jj");
    let section = app.reader.document.section_lines[0];
    assert_eq!(app.reader.scroll, section + 2);
    let (path, contents) = quit(&mut app);

    let mut wider = app_with_state(two_topic_library(), &state);
    update_now(&mut wider, Action::Resize { width: 160, height: 20 });
    update_now(&mut wider, Action::RestoreSession(contents));
    assert_eq!(path, dir.path().join("state.session.json"));
    let sections = &wider.reader.document.section_lines;
    assert_ne!(sections[0], section, "the wider pane wraps the title and authors differently");
    assert_eq!(wider.reader.scroll, sections[0] + 2);
    let bottom = wider.reader.document.lines.len() - wider.layout.inner_height(Pane::Abstract);
    assert!(sections[0] + 2 <= bottom, "the fixture scrolls that far at 160x20 too");
}

#[test]
fn a_paper_is_found_again_by_its_key_when_the_library_changed_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut app = app_with_state(two_topic_library(), &state);
    somewhere(&mut app);
    let key = app.catalog.key(app.list.selected_id().unwrap()).to_string();
    let (path, contents) = quit(&mut app);
    // A paper removed before it: every index after it moves.
    let mut library = two_topic_library();
    library.pages[1].publications.remove(0);
    let restored = restart(library, &state, &path, &contents);
    let selected = restored.list.selected_id().unwrap();
    assert_eq!(restored.catalog.key(selected), key);
}

#[test]
fn a_topic_or_paper_no_longer_there_falls_back_to_the_start_up_view() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut app = app_with_state(two_topic_library(), &state);
    somewhere(&mut app);
    let (path, contents) = quit(&mut app);

    let mut without_topic = two_topic_library();
    without_topic.pages.pop();
    let restored = restart(without_topic, &state, &path, &contents);
    assert_eq!(restored.topic_path(), "Library");
    assert_eq!(restored.list.selected, Some(0));
    assert_eq!(restored.focus, Pane::Publications);
    assert!(restored.status.as_deref().unwrap().contains("Treatments ▸ Pomalidomide"), "{:?}", restored.status);
    assert_eq!(restored.listing.order, SortOrder::Newest, "the order and filters still apply");

    let mut without_paper = two_topic_library();
    let gone = app.list.selected_id().unwrap() as usize - 12;
    without_paper.pages[1].publications.remove(gone);
    let restored = restart(without_paper, &state, &path, &contents);
    assert_eq!(restored.topic_path(), "Treatments ▸ Pomalidomide");
    assert_eq!(restored.list.selected, Some(0));
    assert_eq!(restored.focus, Pane::Publications);
    assert!(restored.status.as_deref().unwrap().contains("no longer listed"), "{:?}", restored.status);
}

#[test]
fn a_damaged_session_file_is_ignored_with_a_warning_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let mut app = app_with_state(two_topic_library(), &state);
    somewhere(&mut app);
    let (path, contents) = quit(&mut app);
    let fresh = app_with_state(two_topic_library(), &state);
    let damaged = ["", "null", "[]", "{\"version\": 99}", "{\"version\": 1, \"scroll\": \"far\"}", "\u{feff}garbage"];
    // Cut anywhere before its closing brace, as a full disk or a crash would have left it without atomic writes.
    let truncated =
        (0..contents.trim_end().len()).filter(|&end| contents.is_char_boundary(end)).map(|end| &contents[..end]);
    for text in damaged.into_iter().chain(truncated) {
        let restored = restart(two_topic_library(), &state, &path, text);
        assert!(restored.status.as_deref().unwrap().contains("could not be restored"), "{text:?}");
        assert_eq!(restored.messages.lines.len(), 1, "the warning is in the log too");
        assert_eq!(
            (restored.tree.selected, &restored.list, restored.focus),
            (fresh.tree.selected, &fresh.list, fresh.focus)
        );
    }
    // Whatever the names inside say, a well-formed file restores what it can.
    let odd = r#"{"version": 1, "topic": ["Nowhere"], "paper": "no:such", "scroll": 99999999, "pane": "?", "sort": "?", "filters": ["?"]}"#;
    let restored = restart(two_topic_library(), &state, &path, odd);
    assert_eq!(restored.list.selected, Some(0));
}

#[test]
fn without_a_state_file_nothing_is_read_or_written() {
    let mut app = App::new(two_topic_library(), 120, 30);
    assert!(startup_effects(&app).is_empty());
    assert!(update_now(&mut app, Action::Quit).is_empty());
}
