//! Highlighted words as a user meets them: `+` and `-` with their menu, the words drawn in list rows and
//! abstracts (in colour, and under NO_COLOR), and the "highlighted" sort.

mod support;

use lenaview::app::{self, Action, App, Effect, Menu, Pane};
use lenaview::model::{AbstractSection, Library, Page, Publication};
use lenaview::words::{ListColor, WordList, WordLists};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use support::{keys, press, render};

fn paper(title: &str, abstract_text: &str) -> Publication {
    Publication {
        title: title.into(),
        journal: "Blood".into(),
        year: Some(2020),
        abstract_sections: vec![AbstractSection { label: None, text: abstract_text.into() }],
        ..Publication::default()
    }
}

fn library() -> Library {
    Library {
        pages: vec![
            Page {
                path: vec!["Myeloma".into()],
                publications: vec![
                    paper("A mouse model of myeloma", "In mice, myeloma cells grew. A mouse study."),
                    paper("Randomized trial of lenalidomide", "A randomised trial: lenalidomide-dexamethasone."),
                    paper("Case report of myeloma", "We report a case."),
                ],
                ..Page::default()
            },
            Page {
                path: vec!["Lymphoma".into()],
                publications: vec![paper("Lymphoma in a mouse", "A mouse.")],
                ..Page::default()
            },
        ],
    }
}

fn lists(include: &[&str], exclude: &[&str]) -> WordLists {
    let mut lists = WordLists::default();
    lists.lists[0].words = include.iter().map(|word| word.to_string()).collect();
    lists.lists[1].words = exclude.iter().map(|word| word.to_string()).collect();
    lists
}

fn app_with(lists: WordLists) -> App {
    let mut app = App::new(library(), 120, 30);
    app.use_word_lists(lists);
    app
}

/// Presses a key and gives back the effects the event loop would carry out.
fn effects_of(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let action = app.keymap.action_for(KeyEvent::new(code, KeyModifiers::NONE), app.mode()).expect("a bound key");
    app::update_now(app, action)
}

fn titles(app: &App) -> Vec<String> {
    app.list.ids.iter().map(|&id| app.catalog.publication(id).title.clone()).collect()
}

/// The cells of `buffer` on the row showing `row_text`, from where `word` starts on it.
fn cells_of<'a>(buffer: &'a Buffer, row_text: &str, word: &str) -> Vec<&'a ratatui::buffer::Cell> {
    let width = buffer.area.width as usize;
    for y in 0..buffer.area.height {
        let row: Vec<&ratatui::buffer::Cell> = (0..width as u16).map(|x| &buffer[(x, y)]).collect();
        let text: String = row.iter().map(|cell| cell.symbol()).collect();
        if let Some(at) = text.find(row_text).and_then(|start| text[start..].find(word).map(|offset| start + offset)) {
            let column = text[..at].chars().count();
            return row[column..column + word.chars().count()].to_vec();
        }
    }
    panic!("no row shows {row_text:?}");
}

fn draw(app: &App) -> Buffer {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    terminal.draw(|frame| frame.render_widget(app, frame.area())).unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn plus_without_a_search_says_how_to_choose_a_word() {
    let mut app = app_with(WordLists::default());
    assert!(effects_of(&mut app, KeyCode::Char('+')).is_empty());
    assert_eq!(app.menu, None);
    assert!(app.status.as_deref().unwrap().contains("search first"), "{:?}", app.status);
}

#[test]
fn plus_adds_the_search_text_to_the_list_chosen_in_the_menu() {
    let mut app = app_with(WordLists::default());
    keys(&mut app, "/'mouse");
    press(&mut app, KeyCode::Enter);
    assert!(effects_of(&mut app, KeyCode::Char('+')).is_empty());
    assert_eq!(app.menu, Some(Menu::Words));
    let screen = render(&app, 120, 30);
    assert!(screen.contains("Highlight \"mouse\" in"), "{screen}");
    assert!(screen.contains("1 include (0 words)") && screen.contains("2 exclude (0 words)"), "{screen}");
    let effects = effects_of(&mut app, KeyCode::Char('2'));
    assert_eq!(effects, [Effect::SaveWords]);
    assert_eq!(app.menu, None);
    assert_eq!(app.words.lists.lists[1].words, ["mouse"]);
    assert_eq!(app.words.unsaved.len(), 1);
    assert_eq!(app.status.as_deref(), Some("Added \"mouse\" to exclude"));
    // Adding it again changes nothing and saves nothing.
    effects_of(&mut app, KeyCode::Char('+'));
    assert!(effects_of(&mut app, KeyCode::Char('2')).is_empty());
    assert_eq!(app.status.as_deref(), Some("exclude already has \"mouse\""));
}

#[test]
fn plus_takes_the_whole_word_at_the_current_match_in_the_abstract() {
    let mut app = app_with(WordLists::default());
    keys(&mut app, "/lenalid");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Abstract);
    press(&mut app, KeyCode::Char('n'));
    assert!(app.reader.current_match.is_some());
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(app.words.lists.lists[0].words, ["lenalidomide"]);
}

#[test]
fn minus_removes_the_term_that_highlights_the_word_asking_only_when_several_do() {
    let mut app = app_with(lists(&["myelom*"], &["mouse"]));
    keys(&mut app, "/mouse");
    press(&mut app, KeyCode::Enter);
    assert_eq!(effects_of(&mut app, KeyCode::Char('-')), [Effect::SaveWords]);
    assert_eq!(app.menu, None, "one list holds it: no question");
    assert!(app.words.lists.lists[1].words.is_empty());

    let mut app = app_with(lists(&["myelom*"], &["Myeloma"]));
    keys(&mut app, "/myeloma");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('-'));
    assert_eq!(app.menu, Some(Menu::Words));
    assert!(render(&app, 120, 30).contains("1 include (as \"myelom*\")"));
    press(&mut app, KeyCode::Char('1'));
    assert!(app.words.lists.lists[0].words.is_empty());
    assert_eq!(app.words.lists.lists[1].words, ["Myeloma"]);

    press(&mut app, KeyCode::Char('-'));
    press(&mut app, KeyCode::Char('-'));
    assert_eq!(app.status.as_deref(), Some("\"myeloma\" is in no word list"));
}

#[test]
fn the_menu_closes_without_choosing_and_a_key_past_its_choices_does_nothing() {
    let mut app = app_with(WordLists::default());
    keys(&mut app, "/mouse");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.menu, None);
    press(&mut app, KeyCode::Char('+'));
    assert!(effects_of(&mut app, KeyCode::Char('7')).is_empty());
    assert_eq!(app.menu, None);
    assert_eq!(app.words.lists, WordLists::default());
}

#[test]
fn highlighted_sort_puts_include_words_first_and_exclude_words_last() {
    let mut app = app_with(lists(&["myeloma", "randomi*"], &["mouse", "case report"]));
    for _ in 0..5 {
        press(&mut app, KeyCode::Char('S'));
    }
    assert_eq!(app.listing.order, lenaview::app::listing::SortOrder::Highlighted);
    // Scores: trial +2 (randomized, randomised); myeloma case report 1 - 1 = 0; mouse paper 2 - 2 = 0;
    // the lymphoma paper -2 (mouse twice).
    assert_eq!(
        titles(&app),
        [
            "Randomized trial of lenalidomide",
            "A mouse model of myeloma",
            "Case report of myeloma",
            "Lymphoma in a mouse"
        ]
    );
    // A change of the lists counts again and lists again: "mice" against puts the mouse paper at -1.
    keys(&mut app, "/'mice");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('2'));
    keys(&mut app, "/");
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        titles(&app),
        [
            "Randomized trial of lenalidomide",
            "Case report of myeloma",
            "A mouse model of myeloma",
            "Lymphoma in a mouse"
        ]
    );
}

#[test]
fn a_list_kept_to_a_topic_highlights_only_the_papers_under_it() {
    let mut scoped = lists(&[], &["mouse"]);
    scoped.lists[1].topic = Some("Lymphoma".into());
    let app = app_with(scoped);
    let buffer = draw(&app);
    let in_myeloma = cells_of(&buffer, "A mouse model", "mouse");
    assert!(in_myeloma.iter().all(|cell| cell.fg != Color::Red));
    let in_lymphoma = cells_of(&buffer, "Lymphoma in a", "mouse");
    assert!(in_lymphoma.iter().all(|cell| cell.fg == Color::Red));
}

#[test]
fn words_take_their_list_colour_in_rows_and_abstracts_and_keep_it_under_a_search_match() {
    let mut app = app_with(WordLists {
        lists: vec![
            WordList { color: ListColor::Green, ..lists(&["myeloma"], &[]).lists[0].clone() },
            WordList { color: ListColor::Rgb(200, 0, 0), ..lists(&[], &["mouse"]).lists[1].clone() },
        ],
    });
    let buffer = draw(&app);
    // The first paper is open beside the list (its row is drawn in the selection's colours).
    for cell in cells_of(&buffer, "Case report of myeloma", "myeloma") {
        assert_eq!(cell.fg, Color::Green);
        assert!(cell.modifier.contains(Modifier::BOLD), "an unread title stays bold");
    }
    for cell in cells_of(&buffer, "In mice, myeloma", "myeloma") {
        assert_eq!(cell.fg, Color::Green);
    }
    for cell in cells_of(&buffer, "A mouse study", "mouse") {
        assert_eq!(cell.fg, Color::Rgb(200, 0, 0));
    }
    assert!(cells_of(&buffer, "In mice, myeloma", "mice").iter().all(|cell| cell.fg == Color::Reset));

    keys(&mut app, "/myeloma");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let buffer = draw(&app);
    for cell in cells_of(&buffer, "In mice, myeloma", "myeloma") {
        assert_eq!(cell.fg, Color::Green, "the list's colour stays");
        assert!(cell.modifier.contains(Modifier::BOLD | Modifier::UNDERLINED), "the search match shows too");
    }
}

#[test]
fn without_colour_words_for_and_against_look_apart_from_each_other_and_from_matches() {
    let mut app = app_with(lists(&["myeloma"], &["mouse"]));
    app.colors = false;
    let buffer = draw(&app);
    let include = cells_of(&buffer, "In mice, myeloma", "myeloma");
    let exclude = cells_of(&buffer, "A mouse study", "mouse");
    assert!(
        include
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.modifier.contains(Modifier::ITALIC | Modifier::UNDERLINED))
    );
    assert!(exclude.iter().all(|cell| cell.fg == Color::Reset && cell.modifier.contains(Modifier::CROSSED_OUT)));
    assert!(exclude.iter().all(|cell| !cell.modifier.contains(Modifier::UNDERLINED)));
}

#[test]
fn saving_takes_in_what_another_lenaview_added() {
    let mut app = app_with(WordLists::default());
    keys(&mut app, "/mouse");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('1'));
    let merged = lists(&["lymphoma", "mouse"], &[]);
    app::update(
        &mut app,
        Action::WordsSaved { written: Ok(Some(merged.clone())), warnings: vec!["moved aside".into()] },
    );
    assert_eq!(app.words.lists, merged);
    assert!(app.words.unsaved.is_empty());
    assert!(app.messages.lines.contains(&"moved aside".to_string()));
    let buffer = draw(&app);
    assert!(cells_of(&buffer, "Lymphoma in a", "Lymphoma").iter().all(|cell| cell.fg == Color::Green));

    app::update(&mut app, Action::WordsSaved { written: Err("disk full".into()), warnings: vec![] });
    assert!(app.status.as_deref().unwrap().starts_with("disk full"));
    app::update(&mut app, Action::Down);
    app::update(&mut app, Action::WordsSaved { written: Err("disk full".into()), warnings: vec![] });
    assert_eq!(app.status, None, "a failure is told once");
}

#[test]
fn the_word_menu_on_screen() {
    let mut app = app_with(lists(&["myeloma"], &[]));
    app.colors = false;
    keys(&mut app, "/mouse");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('+'));
    insta::assert_snapshot!("word_menu_80x24", {
        app::update(&mut app, Action::Resize { width: 80, height: 24 });
        render(&app, 80, 24)
    });
}

#[test]
fn w_shows_every_list_in_the_message_log_with_control_characters_inert() {
    let mut scoped = lists(&["myeloma", "randomi*"], &["bad\u{1b}[2J"]);
    scoped.lists[1].topic = Some("Lymphoma".into());
    let mut app = app_with(scoped);
    press(&mut app, KeyCode::Char('W'));
    assert!(app.messages.open.is_some());
    let screen = render(&app, 120, 30);
    assert!(screen.contains("include (green, weight 1, every paper): myeloma, randomi*"), "{screen}");
    assert!(screen.contains("exclude (red, weight -1, papers under Lymphoma): bad"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
}
