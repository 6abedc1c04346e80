//! Key sequences through the real keymap and `update`, checking the state they leave.

mod support;

use lenaview::app::{App, Pane, ReaderContent};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use support::{keys, press, press_with, two_topic_library};

fn app() -> App {
    App::new(two_topic_library(), 120, 30)
}

#[test]
fn starts_with_the_first_publication_selected_and_open_beside_the_list() {
    let app = app();
    assert_eq!(app.focus, Pane::Publications);
    assert_eq!(app.list.selected, Some(0));
    assert_eq!(app.list.ids.len(), 15);
    assert_eq!(app.reader.content, ReaderContent::Publication(0));
}

#[test]
fn list_moves_clamp_at_both_ends() {
    let mut app = app();
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.list.selected, Some(0));
    keys(&mut app, "jjj");
    assert_eq!(app.list.selected, Some(3));
    assert_eq!(app.reader.content, ReaderContent::Publication(3));
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.list.selected, Some(14));
    press(&mut app, KeyCode::Down);
    assert_eq!(app.list.selected, Some(14));
    press(&mut app, KeyCode::Home);
    assert_eq!(app.list.selected, Some(0));
    press(&mut app, KeyCode::PageDown);
    assert_eq!(app.list.selected, Some(14.min(app.layout.inner_height(Pane::Publications))));
}

#[test]
fn the_list_scrolls_to_keep_the_selection_visible() {
    let mut app = App::new(two_topic_library(), 120, 12);
    let height = app.layout.inner_height(Pane::Publications);
    press(&mut app, KeyCode::End);
    assert_eq!(app.list.offset, 15 - height);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.list.offset, 0);
}

#[test]
fn focus_cycles_and_the_selection_survives_it() {
    let mut app = app();
    keys(&mut app, "jj");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Abstract);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Topics);
    press_with(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus, Pane::Abstract);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Publications);
    assert_eq!(app.list.selected, Some(2));
}

#[test]
fn the_abstract_scrolls_and_clamps_at_both_ends() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Abstract);
    let height = app.layout.inner_height(Pane::Abstract);
    let last = app.reader.document.lines.len() - height;
    assert!(last > 0, "the fixture's abstract must be longer than the pane");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.reader.scroll, 0);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.reader.scroll, 1);
    press_with(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(app.reader.scroll, (1 + height / 2).min(last));
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.reader.scroll, last);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.reader.scroll, last);
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(app.reader.scroll, last - height / 2);
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.reader.scroll, 0);
}

#[test]
fn a_narrower_terminal_rewraps_and_reclamps_the_abstract() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::End);
    let wide_lines = app.reader.document.lines.len();
    lenaview::app::update_now(&mut app, lenaview::app::Action::Resize { width: 200, height: 60 });
    assert!(app.reader.document.lines.len() < wide_lines);
    assert!(
        app.reader.scroll <= app.reader.document.lines.len().saturating_sub(app.layout.inner_height(Pane::Abstract))
    );
}

#[test]
fn selecting_a_topic_lists_its_publications_and_shows_its_summary() {
    let mut app = app();
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.focus, Pane::Topics);
    keys(&mut app, "jj");
    assert_eq!(app.topic_path(), "Treatments ▸ Lenalidomide");
    assert_eq!(app.list.ids.len(), 12);
    assert_eq!(app.list.selected, None);
    assert!(matches!(app.reader.content, ReaderContent::Topic(_)));
    let text: Vec<String> = app.reader.document.lines.iter().map(lenaview::app::document::line_text).collect();
    assert!(text.iter().any(|line| line.contains("immunomodulating")), "{text:?}");
    assert!(text.iter().any(|line| line.contains("2019-09-01")));
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.focus, Pane::Publications);
    assert_eq!(app.list.selected, Some(0));
}

#[test]
fn topics_fold_and_unfold() {
    let mut app = app();
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('j'));
    let rows = app.tree.rows(&app.catalog).len();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.tree.rows(&app.catalog).len(), rows - 2);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.tree.rows(&app.catalog).len(), rows);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = App::new(two_topic_library(), 80, 12);
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.help, Some(0));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.help, Some(1));
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.help, None);
    assert!(!app.should_quit, "q closes the help before it quits");
    press(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit);
}

#[test]
fn the_mouse_selects_rows_and_focuses_panes() {
    let mut app = app();
    let list = app.layout.pane_rect(Pane::Publications).unwrap();
    lenaview::app::update_now(&mut app, lenaview::app::Action::Click { column: list.x + 3, row: list.y + 4 });
    assert_eq!(app.list.selected, Some(3));
    let reader = app.layout.pane_rect(Pane::Abstract).unwrap();
    lenaview::app::update_now(
        &mut app,
        lenaview::app::Action::ScrollDownAt { column: reader.x + 2, row: reader.y + 2 },
    );
    assert_eq!(app.reader.scroll, 3);
    lenaview::app::update_now(&mut app, lenaview::app::Action::Click { column: reader.x + 2, row: reader.y + 2 });
    assert_eq!(app.focus, Pane::Abstract);
}

#[test]
fn ctrl_c_quits_from_the_search_line_too() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "q");
    assert!(!app.should_quit);
    assert_eq!(app.search.query, "q");
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit);
}

#[test]
fn brackets_jump_between_abstract_sections_and_back_to_the_top() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    let sections = app.reader.document.section_lines.clone();
    assert_eq!(sections.len(), 2, "the fixture has a labelled and an unlabelled section");
    let text = |app: &App, line: usize| lenaview::app::document::line_text(&app.reader.document.lines[line]);
    assert_eq!(text(&app, sections[0]), "BACKGROUND");
    let bottom = app.reader.document.lines.len() - app.layout.inner_height(Pane::Abstract);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.reader.scroll, sections[0]);
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.reader.scroll, sections[1].min(bottom));
    press(&mut app, KeyCode::Char(']'));
    assert_eq!(app.reader.scroll, sections[1].min(bottom));
    assert!(app.status.as_deref().unwrap().starts_with("No further section"), "{:?}", app.status);
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.reader.scroll, sections[0]);
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.reader.scroll, 0, "before the first section is the title");
    press(&mut app, KeyCode::Char('['));
    assert_eq!(app.status.as_deref(), Some("Already at the top"));
}
