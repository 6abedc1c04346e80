//! The config file as the screen shows it: the help, the menus and the status bar follow a rebound key, and the
//! light theme's colours land on the cells they are for (snapshots of the buffer's styles, not only its text).

mod support;

use lenaview::app::config;
use lenaview::app::{App, Pane};
use lenaview::formats;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Color, Modifier};
use support::{press, press_with, render};

fn configured(text: &str, light: bool, width: u16, height: u16) -> App {
    let loaded = config::parse("config.toml", text.as_bytes(), light).unwrap_or_else(|errors| panic!("{errors:?}"));
    App::new(formats::bundled(), width, height).configured(&loaded.config)
}

const REBOUND: &str = "[keys]\nstar = [\"x\", \"*\"]\nhelp = [\"f1\", \"?\"]\nquit = [\"ctrl-q\"]\n\n[keys.cite]\ncite_bibtex = [\"B\"]\n";

fn buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| frame.render_widget(app, frame.area())).unwrap();
    terminal.backend().buffer().clone()
}

#[test]
fn the_help_shows_the_rebound_keys() {
    let mut app = configured(REBOUND, false, 80, 24);
    app.colors = false;
    press_with(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    assert!(app.help.is_some(), "F1 opens the help");
    insta::assert_snapshot!("help_rebound_80x24", render(&app, 80, 24));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("F1/?"), "{screen}");
}

#[test]
fn the_status_bar_and_the_cite_menu_follow_the_rebound_keys() {
    let mut app = configured(REBOUND, false, 120, 40);
    app.colors = false;
    let screen = render(&app, 120, 40);
    let status = screen.lines().rfind(|line| line.contains("star")).unwrap();
    assert!(status.contains("x star") && status.contains("F1 help") && status.contains("Ctrl-q quit"), "{status}");
    press(&mut app, KeyCode::Char('x'));
    assert!(app.mark(app.selected_publication().unwrap()).starred, "x stars");
    press(&mut app, KeyCode::Char('y'));
    let menu = render(&app, 120, 40);
    assert!(menu.contains("│ B     BibTeX"), "{menu}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit, "q no longer quits");
    press_with(&mut app, KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert!(app.should_quit);
}

#[test]
fn the_light_theme_colours_every_part_for_a_white_background() {
    let mut app = configured("", true, 80, 24);
    press(&mut app, KeyCode::Enter);
    let buffer = buffer(&app, 80, 24);
    insta::assert_debug_snapshot!("light_theme_80x24", buffer);
    // The focused abstract's border, its bold title in the terminal's own (dark) foreground, the unfocused
    // selection on a pale band, and the status bar: none of them white or yellow on white.
    assert_eq!(app.focus, Pane::Abstract);
    let border = buffer.content().iter().find(|cell| cell.symbol() == "┌" && cell.fg == Color::Blue);
    assert!(border.is_some(), "the focused border is blue");
    let selected_row = (0..80).map(|x| &buffer[(x, 1)]).filter(|cell| cell.bg == Color::Gray).count();
    assert!(selected_row > 10, "the list's selected row, unfocused, is on light gray");
    let status = &buffer[(0, 23)];
    assert_eq!((status.fg, status.bg), (Color::Black, Color::Gray));
    let title = buffer.content().iter().find(|cell| cell.modifier.contains(Modifier::BOLD) && cell.fg == Color::Reset);
    assert!(title.is_some(), "the title keeps the terminal's own foreground");
    assert!(
        buffer.content().iter().all(|cell| cell.fg != Color::White || cell.bg == Color::Blue),
        "no white text on white"
    );
    assert!(buffer.content().iter().all(|cell| cell.fg != Color::Yellow));
}

#[test]
fn no_color_wins_over_the_light_theme_and_the_configured_colours() {
    let mut app = configured("[colors]\nselection_bg = \"red\"\n", true, 80, 24);
    app.colors = false;
    let buffer = buffer(&app, 80, 24);
    let coloured = buffer.content().iter().filter(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset).count();
    assert_eq!(coloured, 0);
}

#[test]
fn a_configured_colour_reaches_the_screen() {
    let app = configured("[colors]\nselection_bg = \"#102030\"\n", false, 80, 24);
    let buffer = buffer(&app, 80, 24);
    assert!(buffer.content().iter().any(|cell| cell.bg == Color::Rgb(0x10, 0x20, 0x30)));
}

#[test]
fn the_configured_order_and_scope_are_there_at_start() {
    let app = configured("sort = \"title\"\nscope = \"everything\"\n", false, 120, 40);
    let titles: Vec<String> =
        app.list.ids.iter().map(|&id| app.catalog.publications[id as usize].title.to_lowercase()).collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted, "listed by title from the start");
    assert_eq!(app.search.scope, lenaview::search::Scope::Everything);
    assert_eq!(app.listing.order, lenaview::app::listing::SortOrder::Title);
}

#[test]
fn text_that_names_the_log_key_names_the_rebound_one() {
    let mut app = configured("[keys]\nmessage_log = [\"L\"]\n", false, 120, 40);
    app.colors = false;
    app.report_startup_warnings(vec!["a.ris:3: skipped".into(), "b.ris:9: skipped".into()]);
    assert_eq!(app.status.as_deref(), Some("2 warnings while loading: L shows them"));
    let screen = render(&app, 120, 40);
    let status = screen.lines().rfind(|line| line.contains("warnings while loading")).unwrap();
    assert!(status.contains("L log"), "{status}");
}
