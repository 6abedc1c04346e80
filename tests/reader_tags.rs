//! Tags through keys: `t` and `T` open the tag line, Tab completes, Enter applies; the Tags branch of the tree
//! follows every change; exports and citations carry the tags.

mod support;

use lenaview::app::tree::{RowKind, TagPick};
use lenaview::app::{Action, App, Effect, Pane, update_now};
use lenaview::formats;
use lenaview::formats::export::{CitationStyle, ExportFormat};
use lenaview::marks::{Entry, Mark, MarkStore};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use std::collections::BTreeMap;
use support::{keys, press, press_with, render};

fn app() -> App {
    App::new(formats::bundled(), 120, 40)
}

/// Types `line` into the tag line opened with `key` and presses Enter.
fn tag(app: &mut App, key: char, line: &str) {
    press(app, KeyCode::Char(key));
    keys(app, line);
    press(app, KeyCode::Enter);
}

fn tags_of(app: &App, id: u32) -> Vec<&str> {
    app.tags(id).iter().map(String::as_str).collect()
}

/// The Tags branch as the tree lists it: (tag, papers).
fn branch(app: &App) -> Vec<(String, usize)> {
    app.tree.tags.iter().map(|(tag, ids)| (tag.clone(), ids.len())).collect()
}

#[test]
fn t_adds_and_removes_tags_on_the_selected_paper_and_asks_for_a_save() {
    let mut app = app();
    press(&mut app, KeyCode::Char('t'));
    assert!(app.tag_line.is_some());
    keys(&mut app, "Review to-read");
    let effects = update_now(&mut app, Action::TagAccept);
    assert!(effects.contains(&Effect::SaveMarks));
    assert!(app.tag_line.is_none());
    assert_eq!(tags_of(&app, 0), ["review", "to-read"], "normalised and sorted");
    assert_eq!(app.status.as_deref(), Some("review added to 1 publication; to-read added to 1 publication"));
    tag(&mut app, 't', "-review");
    assert_eq!(tags_of(&app, 0), ["to-read"]);
    assert!(tags_of(&app, 1).is_empty(), "only the selected paper");
}

#[test]
fn a_line_with_a_word_that_is_not_a_tag_changes_nothing_and_stays_open() {
    let mut app = app();
    tag(&mut app, 't', "good bad!");
    assert!(app.tag_line.is_some(), "the line stays to be fixed");
    assert!(app.status.as_deref().unwrap().contains("\"bad!\" is not a tag"), "{:?}", app.status);
    assert!(tags_of(&app, 0).is_empty(), "no half-applied line");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert_eq!(tags_of(&app, 0), ["bad", "good"]);
}

#[test]
fn esc_closes_the_line_without_changes_and_keys_typed_there_are_text() {
    let mut app = app();
    press(&mut app, KeyCode::Char('t'));
    keys(&mut app, "qsj");
    assert!(!app.should_quit && !app.mark(0).starred, "q, s and j are text in the tag line");
    press(&mut app, KeyCode::Esc);
    assert!(app.tag_line.is_none());
    assert!(tags_of(&app, 0).is_empty());
}

#[test]
fn tab_completes_from_the_tags_in_use_and_cycles() {
    let mut app = app();
    tag(&mut app, 't', "review reading");
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('t'));
    keys(&mut app, "re");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tag_line.as_ref().unwrap().text, "reading");
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.tag_line.as_ref().unwrap().text, "review");
    press(&mut app, KeyCode::Enter);
    assert_eq!(tags_of(&app, 1), ["review"]);
}

#[test]
fn bulk_tagging_applies_to_every_listed_paper_only() {
    let mut app = app();
    press(&mut app, KeyCode::Char('/'));
    keys(&mut app, "myeloma");
    press(&mut app, KeyCode::Enter);
    let listed = app.list.ids.clone();
    assert!(listed.len() > 1 && listed.len() < 30, "{}", listed.len());
    tag(&mut app, 'T', "myeloma-set");
    let tagged: Vec<u32> = (0..30).filter(|&id| tags_of(&app, id) == ["myeloma-set"]).collect();
    let mut expected = listed.clone();
    expected.sort();
    assert_eq!(tagged, expected);
    assert_eq!(app.status.as_deref(), Some(format!("myeloma-set added to {} publications", listed.len()).as_str()));
    tag(&mut app, 'T', "-myeloma-set");
    assert!((0..30).all(|id| app.tags(id).is_empty()));
}

#[test]
fn the_tags_branch_counts_follow_changes_and_selecting_a_tag_lists_its_papers() {
    let mut app = app();
    assert!(branch(&app).is_empty(), "no tags, no branch");
    tag(&mut app, 't', "review");
    press(&mut app, KeyCode::Char('j'));
    tag(&mut app, 't', "review to-read");
    assert_eq!(branch(&app), [("review".into(), 2), ("to-read".into(), 1)]);

    // Into the tree, to the last row: the tag "to-read".
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.focus, Pane::Topics);
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.tree.selected_tag, Some(TagPick::Tag("to-read".into())));
    assert_eq!(app.list.ids, [1]);
    assert_eq!(app.topic_path(), "Tags ▸ to-read");
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(app.list.ids, [0, 1], "the tag review");

    // Removing a tag from the list shown under it takes the paper out, live.
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.focus, Pane::Publications);
    press(&mut app, KeyCode::Char('j'));
    tag(&mut app, 't', "-review");
    assert_eq!(branch(&app), [("review".into(), 1), ("to-read".into(), 1)]);
    assert_eq!(app.list.ids, [0]);

    // The last paper of a tag losing it leaves the selection on the branch, listing every tagged paper.
    tag(&mut app, 't', "-review");
    assert_eq!(app.tree.selected_tag, Some(TagPick::Branch));
    assert_eq!(app.list.ids, [1]);
    let kinds: Vec<RowKind> = app.tree.rows(&app.catalog).iter().map(|row| row.kind).rev().take(2).collect();
    assert_eq!(kinds, [RowKind::Tag(0), RowKind::TagsBranch]);
}

#[test]
fn tags_saved_by_another_process_reach_the_branch_when_a_save_merges_them() {
    let mut app = app();
    let key = app.catalog.key(3).to_string();
    let merged = BTreeMap::from([(key, Entry { mark: Mark::default(), tags: vec!["theirs".into()] })]);
    update_now(&mut app, Action::MarksSaved { written: Ok(Some(merged)), warnings: vec![] });
    assert_eq!(branch(&app), [("theirs".into(), 1)]);
    assert_eq!(tags_of(&app, 3), ["theirs"]);
}

#[test]
fn exports_and_citations_carry_the_tags() {
    let mut app = app();
    tag(&mut app, 't', "review");
    update_now(&mut app, Action::OpenExportMenu);
    let effects = update_now(&mut app, Action::Export(ExportFormat::Ris));
    let Some(Effect::WriteExport { contents, .. }) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(contents.matches("KW  - review").count(), 1, "only the tagged paper");
    update_now(&mut app, Action::OpenCiteMenu);
    let effects = update_now(&mut app, Action::Cite(CitationStyle::Bibtex));
    let Some(Effect::Copy(text)) = effects.first() else { panic!("{effects:?}") };
    assert!(text.contains("keywords = {review}"), "{text}");
}

#[test]
fn tags_show_in_the_list_the_abstract_and_the_tree() {
    let mut app = App::with_marks(formats::bundled(), MarkStore::in_memory(), 120, 40);
    app.colors = false;
    tag(&mut app, 't', "review dara/len");
    let screen = render(&app, 120, 40);
    assert!(screen.contains("#dara/len #review"), "{screen}");
    assert!(screen.contains("Tags: #dara/len #review"), "{screen}");
    assert!(screen.contains("Tags ") && screen.contains("review "), "{screen}");
}

#[test]
fn ctrl_c_quits_from_the_tag_line() {
    let mut app = app();
    press(&mut app, KeyCode::Char('t'));
    press_with(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.should_quit);
}

#[test]
fn a_paste_into_the_tag_line_is_text_without_controls_or_line_breaks() {
    let mut app = app();
    press(&mut app, KeyCode::Char('t'));
    update_now(&mut app, Action::Paste("review\u{1b}[2J\nq".into()));
    assert_eq!(app.tag_line.as_ref().unwrap().text, "review q", "the escape sequence went, the break is a space");
    assert!(!app.should_quit);
    press(&mut app, KeyCode::Enter);
    assert_eq!(tags_of(&app, 0), ["q", "review"]);
}

#[test]
fn tags_a_file_carried_pass_through_to_exports_but_the_reader_shows_its_own() {
    let mut library = formats::bundled();
    library.pages[0].publications[0].tags = vec!["from-file".into()];
    let mut app = App::new(library, 120, 40);
    app.colors = false;
    assert!(!render(&app, 120, 40).contains("from-file"), "neither the list nor the abstract shows it");
    assert!(branch(&app).is_empty());
    update_now(&mut app, Action::OpenCiteMenu);
    let effects = update_now(&mut app, Action::Cite(CitationStyle::Ris));
    let Some(Effect::Copy(text)) = effects.first() else { panic!("{effects:?}") };
    assert!(text.contains("KW  - from-file"), "{text}");
}
