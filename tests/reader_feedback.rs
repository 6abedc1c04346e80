//! Feedback a reader can read again: the message log, its keys and the help's, driven through real keys.

mod support;

use lenaview::app::{self, Action, App};
use lenaview::formats;
use ratatui::crossterm::event::KeyCode;
use support::{keys, press};

fn app() -> App {
    App::new(formats::bundled(), 80, 24)
}

#[test]
fn messages_worth_reading_again_reach_the_log_and_echoes_do_not() {
    let mut app = app();
    press(&mut app, KeyCode::Char('o'));
    let opening = app.status.clone().expect("o says what it opens");
    assert_eq!(app.messages.lines.last(), Some(&opening), "the link stays in the log");
    app::update_now(&mut app, Action::ShowStatus("Could not start w3m; the link is https://x.test/1".into()));
    assert_eq!(
        app.messages.lines.last().map(String::as_str),
        Some("Could not start w3m; the link is https://x.test/1")
    );
    let logged = app.messages.lines.len();
    keys(&mut app, "sS");
    assert_eq!(app.status.as_deref(), Some("Sorted by newest first"));
    assert_eq!(app.messages.lines.len(), logged, "what the screen shows anyway is not logged");
}

#[test]
fn start_up_warnings_all_go_to_the_log_and_the_status_says_so() {
    let mut app = app();
    app.report_startup_warnings(vec!["a.ris:3: record skipped: no title".into(), "state file unreadable".into()]);
    assert_eq!(app.messages.lines, ["a.ris:3: record skipped: no title", "state file unreadable"]);
    assert_eq!(app.status.as_deref(), Some("2 warnings while loading: m shows them"));
    let mut one = self::app();
    one.report_startup_warnings(vec!["state file unreadable".into()]);
    assert_eq!(one.status.as_deref(), Some("state file unreadable"));
    let mut none = self::app();
    none.report_startup_warnings(Vec::new());
    assert_eq!(none.status, None);
}

#[test]
fn the_log_opens_on_its_newest_messages_and_pages_like_a_pane() {
    let mut app = app();
    for number in 1..=100 {
        app.messages.push(format!("message {number}"));
    }
    press(&mut app, KeyCode::Char('m'));
    let (page, end) = app.overlay_scroll().expect("the log is open");
    assert_eq!(end, 100 - 20, "20 rows show in a popup on 24 lines");
    assert_eq!(app.messages.open, Some(end), "the newest messages show first");
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.messages.open, Some(0));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.messages.open, Some(page));
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(app.messages.open, Some(page));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.messages.open, Some(page + 1));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::PageUp);
    assert_eq!(app.messages.open, Some(0));
    press(&mut app, KeyCode::End);
    assert_eq!(app.messages.open, Some(end));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.messages.open, Some(end), "no scrolling past the newest message");
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.messages.open, None);
}

#[test]
fn help_pages_to_its_end_and_a_resize_keeps_it_in_range() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Char('G'));
    let (_, end) = app.overlay_scroll().expect("help is open");
    assert!(end > 0);
    assert_eq!(app.help, Some(end));
    press(&mut app, KeyCode::Home);
    assert_eq!(app.help, Some(0));
    press(&mut app, KeyCode::PageDown);
    assert!(app.help > Some(1), "a page is more than a row");
    press(&mut app, KeyCode::End);
    app::update_now(&mut app, Action::Resize { width: 200, height: 60 });
    let (_, taller_end) = app.overlay_scroll().unwrap();
    assert!(taller_end < end);
    assert_eq!(app.help, Some(taller_end), "scrolled no further than the taller screen's end");
}

#[test]
fn scroll_hints_show_only_when_there_is_something_to_scroll() {
    let mut app = app();
    press(&mut app, KeyCode::Char('m'));
    assert!(!app.can(&Action::Down), "an empty log does not scroll");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    assert!(app.can(&Action::Down), "the help is longer than 24 lines");
}

/// The address of the open overlay's kept rows: the same allocation means they were not wrapped again.
fn kept_rows(app: &App) -> *const u8 {
    use lenaview::app::overlay::OverlayRows;
    match &app.wrapped_overlay.as_ref().expect("update kept the open overlay's rows").rows {
        OverlayRows::Help(rows) => rows.as_ptr().cast(),
        OverlayRows::Log(rows) => rows.as_ptr().cast(),
    }
}

#[test]
fn an_open_overlay_is_wrapped_once_and_again_only_for_a_new_width_or_message() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let wrapped = kept_rows(&app);
    keys(&mut app, "jjj");
    press(&mut app, KeyCode::PageDown);
    assert!(app.can(&Action::Down));
    assert_eq!(kept_rows(&app), wrapped, "keys scroll the rows already wrapped");
    let fresh = |app: &App| {
        let key = app.wrapped_overlay.as_ref().unwrap().key;
        app::overlay::WrappedOverlay::new(key, &app.keymap, &app.messages)
    };
    app::update_now(&mut app, Action::Resize { width: 50, height: 24 });
    assert_ne!(kept_rows(&app), wrapped, "a narrower screen wraps again");
    assert_eq!(app.wrapped_overlay.as_ref(), Some(&fresh(&app)));
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.wrapped_overlay, None, "closed, nothing is kept");

    press(&mut app, KeyCode::Char('m'));
    let wrapped = kept_rows(&app);
    app::update_now(&mut app, Action::ShowStatus("Could not start w3m".into()));
    assert_ne!(kept_rows(&app), wrapped, "a new message wraps again");
    let Some(app::overlay::OverlayRows::Log(rows)) = app.wrapped_overlay.as_ref().map(|kept| &kept.rows) else {
        panic!("the log's rows are kept")
    };
    assert_eq!(rows.last().map(String::as_str), Some("Could not start w3m"));
}

#[test]
fn an_overlay_opened_without_update_is_still_measured_for_the_screen() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let (page, end) = app.overlay_scroll().unwrap();
    press(&mut app, KeyCode::Char('?'));
    // Set directly, as a test or a restored state may: nothing kept, so the rows are wrapped on the spot.
    app.help = Some(0);
    app.layout = app.layout_for(80, 24);
    assert_eq!(app.overlay_scroll(), Some((page, end)));
}
