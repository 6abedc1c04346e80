//! The search line edited as a shell's line, through the real keymap and `update`, and drawn.

mod support;

use lenaview::app::{self, Action, App, Effect};
use lenaview::formats;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::{keys, press, press_with, render, two_topic_library};

fn searching(typed: &str) -> App {
    let mut app = App::new(two_topic_library(), 120, 30);
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, typed);
    app
}

fn ctrl(app: &mut App, c: char) {
    press_with(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// The row of the screen that holds the search line.
fn search_row(screen: &str) -> &str {
    screen.lines().find(|line| line.contains('/') && line.contains('▏')).unwrap_or("")
}

#[test]
fn arrows_home_and_end_move_the_cursor_and_typing_goes_there() {
    let mut app = searching("dara len");
    assert_eq!(app.search.cursor(), 8);
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    keys(&mut app, "X");
    assert_eq!(app.search.query, "dara lXen");
    press(&mut app, KeyCode::Home);
    keys(&mut app, "^");
    assert_eq!(app.search.query, "^dara lXen");
    press(&mut app, KeyCode::End);
    keys(&mut app, "$");
    assert_eq!(app.search.query, "^dara lXen$");
    ctrl(&mut app, 'a');
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Delete);
    assert_eq!((app.search.query.as_str(), app.search.cursor()), ("^ara lXen$", 1));
    ctrl(&mut app, 'e');
    press(&mut app, KeyCode::Right);
    assert_eq!(app.search.cursor(), 10, "the cursor stops at the end");
    // The arrows move the cursor, not the focus, while the line is open.
    assert!(app.search.editing);
}

#[test]
fn ctrl_w_alt_backspace_and_ctrl_u_delete_as_a_shell_does() {
    let mut app = searching("myeloma dara 'len");
    press_with(&mut app, KeyCode::Backspace, KeyModifiers::ALT);
    assert_eq!(app.search.query, "myeloma dara '");
    keys(&mut app, "len");
    ctrl(&mut app, 'w');
    assert_eq!(app.search.query, "myeloma dara ");
    ctrl(&mut app, 'w');
    assert_eq!(app.search.query, "myeloma ");
    keys(&mut app, "len");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 'u');
    assert_eq!((app.search.query.as_str(), app.search.cursor()), ("en", 0));
}

#[test]
fn every_edit_searches_again_and_the_list_follows() {
    let mut app = searching("trial 1");
    let ones = app.list.ids.len();
    assert!(ones < 15, "{ones}");
    ctrl(&mut app, 'w');
    assert_eq!(app.list.ids.len(), 15, "\"trial \" matches everything again");
    keys(&mut app, "14");
    assert_eq!(app.list.ids.len(), 1);
    ctrl(&mut app, 'u');
    assert!(!app.search.is_active());
    assert_eq!(app.list.ids.len(), 15);
    // Moving the cursor changes nothing to search.
    let mut app = searching("trial 1");
    let generation = app.search.generation;
    let effects = app::update(&mut app, Action::SearchEdit(app::LineEdit::Home));
    assert!(effects.is_empty() && app.search.generation == generation);
}

#[test]
fn the_cursor_is_kept_within_the_query_and_reopening_puts_it_at_the_end() {
    let mut app = searching("len");
    app.search.cursor = 99;
    app::update(&mut app, Action::Resize { width: 120, height: 30 });
    assert_eq!(app.search.cursor, 3, "update clamps the cursor");
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.search.cursor(), 3);
}

#[test]
fn while_a_search_runs_the_old_count_is_not_shown_with_the_new_query() {
    let mut app = searching("trial 1");
    let done_count = format!("{} of 15", app.list.ids.len());
    assert!(search_row(&render(&app, 120, 30)).contains(&done_count));
    // A keystroke whose search has not answered yet: `update` alone, no search run.
    let effects = app::update(&mut app, Action::SearchInput('4'));
    let Some(Effect::Search(job)) = effects.into_iter().next() else { panic!("a search is asked for") };
    let screen = render(&app, 120, 30);
    assert!(search_row(&screen).contains("searching…"), "{screen}");
    assert!(!screen.contains(&done_count), "{screen}");
    assert!(!screen.contains("match “trial 14”"), "{screen}");
    let hits = app.index.search(&job.query, job.scope, &job.within);
    app::update(&mut app, Action::SearchDone { generation: job.generation, hits });
    let screen = render(&app, 120, 30);
    assert!(search_row(&screen).contains("1 of 15"), "{screen}");
    assert!(screen.contains("1 of 15 match “trial 14”"), "{screen}");
}

#[test]
fn a_long_query_scrolls_to_keep_its_end_and_the_cursor_in_view_at_80x24() {
    let mut app = App::new(formats::bundled(), 80, 24);
    app.colors = false;
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "lenalidomide maintenance after autologous transplantation");
    let screen = render(&app, 80, 24);
    let row = search_row(&screen);
    assert!(row.contains("…") && row.contains("transplantation▏"), "{screen}");
    insta::assert_snapshot!("long_query_80x24", screen);
    // Back at the start, the start of the query shows instead.
    press(&mut app, KeyCode::Home);
    let screen = render(&app, 80, 24);
    assert!(search_row(&screen).contains("/▏lenalidomide"), "{screen}");
}
