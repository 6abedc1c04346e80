//! Whole screens with tags (insta snapshots of a ratatui `TestBackend`): the list and the abstract of a tagged
//! paper, the tag line with its completions, and the Tags branch of the tree selected.

mod support;

use lenaview::app::App;
use lenaview::formats;
use ratatui::crossterm::event::KeyCode;
use support::{keys, press, render};

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

/// Tags the first paper `review dara/len`, the second `review`, at each size, then runs `steps`.
fn snapshot_at_each_size(name: &str, steps: impl Fn(&mut App)) {
    for (width, height) in SIZES {
        let mut app = App::new(formats::bundled(), width, height);
        app.colors = false;
        press(&mut app, KeyCode::Char('t'));
        keys(&mut app, "review dara/len");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Char('t'));
        keys(&mut app, "review");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('k'));
        steps(&mut app);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), render(&app, width, height));
    }
}

#[test]
fn tagged_papers_in_the_list_and_the_abstract() {
    snapshot_at_each_size("tagged", |app| press(app, KeyCode::Enter));
}

#[test]
fn the_tag_line_offers_the_tags_in_use() {
    snapshot_at_each_size("tag_line", |app| {
        press(app, KeyCode::Char('j'));
        press(app, KeyCode::Char('t'));
        keys(app, "-");
    });
}

#[test]
fn the_tags_branch_with_a_tag_selected() {
    snapshot_at_each_size("tags_branch", |app| {
        press(app, KeyCode::Char('h'));
        press(app, KeyCode::Char('G'));
    });
}
