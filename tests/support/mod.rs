//! Shared helpers for tests that drive the real `App` through keys, synchronously.
#![allow(dead_code)]

pub mod fixtures;

use lenaview::app::{self, App};
use lenaview::model::{AbstractSection, Library, Page, Publication};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The whole screen as `TestBackend` prints it, drawn by the real `impl Widget for &App`.
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| frame.render_widget(app, frame.area())).unwrap();
    terminal.backend().to_string()
}

/// Presses a key the way the event loop does: through the keymap, then `update`, searches run at once.
pub fn press(app: &mut App, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

pub fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = app.keymap.action_for(KeyEvent::new(code, modifiers), app.mode()) {
        app::update_now(app, action);
    }
}

pub fn keys(app: &mut App, typed: &str) {
    for c in typed.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// A small library with two topics and long abstracts, so every pane has something to scroll.
pub fn two_topic_library() -> Library {
    let publication = |n: usize| Publication {
        authors: vec![format!("Author{n} A").into(), "Second B".into()],
        et_al: n.is_multiple_of(2),
        title: format!("Trial {n} of lenalidomide maintenance in myeloma"),
        journal: "Blood".into(),
        year: Some(2000 + n as i32),
        free_full_text: n.is_multiple_of(3),
        abstract_sections: vec![
            AbstractSection { label: Some("BACKGROUND".into()), text: "Myeloma background sentence. ".repeat(30) },
            AbstractSection { label: None, text: "Plain closing paragraph with more words. ".repeat(8) },
        ],
        ..Publication::default()
    };
    Library {
        pages: vec![
            Page {
                path: vec!["Treatments".into(), "Lenalidomide".into()],
                summary: "Lenalidomide is an immunomodulating agent.".into(),
                last_updated: Some("2019-09-01".into()),
                publications: (0..12).map(publication).collect(),
            },
            Page {
                path: vec!["Treatments".into(), "Pomalidomide".into()],
                summary: "Pomalidomide summary.".into(),
                last_updated: None,
                publications: (12..15).map(publication).collect(),
            },
        ],
    }
}
