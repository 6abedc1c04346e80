//! Whole screens of the bundled library at fixed sizes (insta snapshots of a ratatui `TestBackend`).
//! Review changes with `cargo insta review`, or read the `.snap.new` files next to the snapshots.

mod support;

use lenaview::app::{self, Action, App};
use lenaview::formats;
use lenaview::model::{AbstractSection, Library, Page, Publication, RecordKind};
use ratatui::crossterm::event::KeyCode;
use support::{press, render};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

/// Runs `steps` on a fresh app at each size and snapshots the screen as `NAME_WxH`.
fn snapshot_at_each_size(name: &str, steps: impl Fn(&mut App)) {
    for (width, height) in SIZES {
        let mut app = App::new(formats::bundled(), width, height);
        app.colors = false;
        steps(&mut app);
        insta::assert_snapshot!(format!("{name}_{width}x{height}"), render(&app, width, height));
    }
}

#[test]
fn start_up() {
    snapshot_at_each_size("start_up", |_| {});
}

#[test]
fn publication_opened() {
    snapshot_at_each_size("publication_opened", |app| {
        press(app, KeyCode::Char('j'));
        press(app, KeyCode::Enter);
    });
}

#[test]
fn abstract_scrolled_to_its_end() {
    snapshot_at_each_size("abstract_end", |app| {
        press(app, KeyCode::Enter);
        press(app, KeyCode::Char('G'));
    });
}

#[test]
fn help_overlay() {
    snapshot_at_each_size("help", |app| press(app, KeyCode::Char('?')));
}

#[test]
fn topic_summary() {
    snapshot_at_each_size("topic_summary", |app| {
        press(app, KeyCode::Char('h'));
        press(app, KeyCode::Char('G'));
    });
}

/// The user's notes on the first two papers: flagged in the list, and the open one's note under its abstract.
#[test]
fn a_note_under_the_abstract_and_flagged_in_the_list() {
    for (width, height) in SIZES {
        let mut library = formats::bundled();
        let keys: Vec<String> = library.pages[0].publications[..2].iter().map(Publication::key).collect();
        let notes = std::collections::BTreeMap::from([
            (keys[0].clone(), "Phase 3, STORM part 2.\n\n- ask about *cereblon* in the \u{1b}[31mjournal club".into()),
            (keys[1].clone(), "Case report.".to_string()),
        ]);
        lenaview::notes::fill(&mut library, &notes);
        let mut app = App::new(library, width, height);
        app.colors = false;
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('G'));
        insta::assert_snapshot!(format!("note_{width}x{height}"), render(&app, width, height));
    }
}

/// A chapter, a thesis and a conference paper beside a journal article, as a RIS export of a reading list holds them.
fn library_of_record_kinds() -> Library {
    let record = |kind: RecordKind, title: &str, authors: &[&str], container: &str, year: i32| Publication {
        kind,
        title: title.into(),
        authors: authors.iter().map(|&name| name.into()).collect(),
        journal: container.into(),
        year: Some(year),
        abstract_sections: vec![AbstractSection {
            label: None,
            text: "Lenalidomide maintenance after autologous transplantation in multiple myeloma.".into(),
        }],
        ..Publication::default()
    };
    let chapter = Publication {
        pages: Some("131-152".into()),
        doi: Some("10.1007/978-3-030-00001-1_7".into()),
        ..record(
            RecordKind::Chapter,
            "Immunomodulatory drugs in myeloma",
            &["Raje N", "Anderson KC"],
            "Myeloma Therapy: Pursuing the Plasma Cell",
            2020,
        )
    };
    let publications = vec![
        chapter,
        record(RecordKind::Thesis, "Cereblon and resistance to lenalidomide", &["Lind J"], "", 2018),
        record(
            RecordKind::ConferencePaper,
            "Minimal residual disease after lenalidomide",
            &["Perrot A", "Moreau P"],
            "Proceedings of the American Society of Hematology Annual Meeting",
            2019,
        ),
        record(RecordKind::Article, "Lenalidomide maintenance in myeloma", &["Chari A"], "N Engl J Med", 2019),
    ];
    Library { pages: vec![Page { path: vec!["Reading list".into()], publications, ..Page::default() }] }
}

#[test]
fn record_kinds_show_in_the_list_and_the_abstract() {
    for (width, height) in SIZES {
        let mut app = App::new(library_of_record_kinds(), width, height);
        app.colors = false;
        press(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("record_kinds_{width}x{height}"), render(&app, width, height));
    }
}

#[test]
fn nothing_panics_at_any_size() {
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    sizes.extend((1..=300).map(|width| (width, 24)));
    sizes.extend((1..=100).map(|height| (80, height)));
    sizes.extend((1..=300).step_by(13).flat_map(|width| (1..=100).step_by(9).map(move |height| (width, height))));
    let mut app = App::new(formats::bundled(), 80, 24);
    for (round, (width, height)) in sizes.into_iter().enumerate() {
        app::update_now(&mut app, Action::Resize { width, height });
        // Vary what is on screen as the sizes change: help, search, scrolled abstract, tree focus.
        let key = [KeyCode::Char('j'), KeyCode::Tab, KeyCode::End, KeyCode::Char('?'), KeyCode::Esc][round % 5];
        press(&mut app, key);
        render(&app, width, height);
    }
}

#[test]
fn a_long_topic_tree_scrolls_to_keep_the_selected_topic_highlighted() {
    // 20,000 synthetic publications fall into a hundred topics: more rows than the tree pane holds.
    let mut app = App::new(lenaview::synthetic::library(20_000, 7), 120, 40);
    app.colors = false;
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.focus, app::Pane::Topics);
    for _ in 0..60 {
        press(&mut app, KeyCode::Char('j'));
    }
    // Back up a few rows: the view stays, so the selection sits inside it, not on its last row.
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('k'));
    }
    let selected = app.catalog.nodes[app.tree.selected].name.clone();
    assert!(app.tree.offset > 0, "the tree should have scrolled");
    let screen = render(&app, 120, 40);
    let highlighted: Vec<&str> = screen.lines().filter(|line| line.contains("│▌")).collect();
    // The tree's selection bar, on the selected topic's row (the list has its own bar further right).
    let tree_bar = highlighted.iter().find(|line| line.starts_with("\"│▌")).expect("the tree shows its selection");
    assert!(tree_bar.contains(&format!(" {selected} ")), "{selected:?} not on {tree_bar}");
}

#[test]
fn help_scrolled_to_its_end_explains_the_marks_and_the_mouse() {
    snapshot_at_each_size("help_end", |app| {
        press(app, KeyCode::Char('?'));
        press(app, KeyCode::Char('G'));
    });
}

#[test]
fn help_on_a_narrow_terminal_wraps_instead_of_cutting() {
    let mut app = App::new(formats::bundled(), 50, 30);
    app.colors = false;
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::PageDown);
    insta::assert_snapshot!("help_narrow_50x30", render(&app, 50, 30));
}

/// Messages as a session gathers them: a warning from start-up, a link that would not open, an export.
fn tell_a_session(app: &mut App) {
    app.report_startup_warnings(vec![
        "/home/reader/.local/share/lenaview/library/zotero.ris:48: record skipped: no title (ER at line 61)".into(),
    ]);
    app::update_now(
        app,
        Action::ShowStatus(
            "Could not start firefox (No such file or directory); the link is \
             https://pubmed.ncbi.nlm.nih.gov/31433916/"
                .into(),
        ),
    );
    app::update_now(
        app,
        Action::ShowStatus(
            "Exported 30 publications as bibtex to /home/reader/projects/myeloma-review/lenaview-export-2.bib".into(),
        ),
    );
}

#[test]
fn a_long_message_is_cut_in_the_status_bar() {
    snapshot_at_each_size("long_message", tell_a_session);
}

#[test]
fn the_message_log_shows_every_message_whole() {
    snapshot_at_each_size("message_log", |app| {
        tell_a_session(app);
        press(app, KeyCode::Char('m'));
    });
}
