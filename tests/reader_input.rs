//! Input that is not a plain key, through the real keymap and `update`: pastes, Ctrl-Z, a browser's failure.

mod support;

use lenaview::app::{Action, App, Effect, update_now};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::{keys, two_topic_library};

fn app() -> App {
    App::new(two_topic_library(), 120, 30)
}

fn starred(app: &App) -> usize {
    app.catalog.keys.iter().filter(|key| app.marks.get(key).starred).count()
}

#[test]
fn a_paste_in_a_pane_opens_the_search_line_with_it_and_runs_no_key() {
    let mut app = app();
    let effects = update_now(&mut app, Action::Paste("qse\n".into()));
    assert!(app.search.editing, "the paste opened the search line");
    assert_eq!(app.search.query, "qse");
    assert!(!app.should_quit);
    assert_eq!(starred(&app), 0);
    assert!(app.menu.is_none());
    assert_eq!(effects, vec![]);
}

#[test]
fn a_paste_while_a_menu_or_the_help_is_open_changes_nothing_else() {
    let mut app = app();
    keys(&mut app, "?");
    update_now(&mut app, Action::Paste("q".into()));
    assert!(app.help.is_some(), "the help stays open");
    assert!(app.search.query.is_empty());
    assert!(!app.should_quit);
}

fn ctrl_z(app: &mut App) -> Vec<Effect> {
    let action = app.keymap.action_for(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL), app.mode());
    update_now(app, action.expect("Ctrl-Z is bound"))
}

#[test]
fn ctrl_z_asks_the_event_loop_to_suspend_from_a_pane_and_from_the_search_line() {
    let mut app = app();
    assert_eq!(ctrl_z(&mut app), vec![Effect::Suspend]);
    keys(&mut app, "/sel");
    assert_eq!(ctrl_z(&mut app), vec![Effect::Suspend]);
    assert_eq!(app.search.query, "sel", "Ctrl-Z is not typed into the query");
}

#[test]
fn a_browser_failure_stays_in_the_message_log_after_the_status_bar_moves_on() {
    let mut app = app();
    let message = "Could not open the link (w3m not found): https://pubmed.ncbi.nlm.nih.gov/31433920/";
    update_now(&mut app, Action::BrowserFailed(message.into()));
    assert_eq!(app.status.as_deref(), Some(message));
    keys(&mut app, "j");
    assert_eq!(app.messages.lines, vec![message.to_string()]);
}
