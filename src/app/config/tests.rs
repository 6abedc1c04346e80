//! Reading config files: the defaults, overrides, several keys per action, clashes, and every error with its line.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use super::default_file::default_file;
use super::*;
use crate::app::action::{Action, Pane};
use crate::app::bindings::{Bound, HelpLine};
use crate::app::keymap::Mode;
use crate::formats::DiagnosticKind;

fn read(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    parse("config.toml", text.as_bytes(), false)
}

fn config(text: &str) -> Config {
    match read(text) {
        Ok(loaded) => loaded.config,
        Err(errors) => panic!("{errors:?}"),
    }
}

/// The one error a file gives, as "line: message".
fn error(text: &str) -> (usize, String) {
    let errors = read(text).map(|_| ()).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, DiagnosticKind::Error);
    assert_eq!(errors[0].file, "config.toml");
    (errors[0].line, errors[0].message.clone())
}

fn press(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// A keymap's rows without where their keys came from.
fn rows(config: &Config) -> Vec<(String, String, &'static str)> {
    let row = |bound: &Bound| (format!("{:?}/{:?}", bound.context, bound.action), bound.keys_label(), bound.help);
    config.keymap.bindings().iter().map(row).collect()
}

#[test]
fn an_empty_file_is_the_defaults() {
    let empty = config("");
    assert_eq!(empty, Config::default());
    assert_eq!(empty.sort, SortOrder::Source);
    assert_eq!(empty.scope, Scope::Titles);
    assert_eq!(empty.email, None);
}

#[test]
fn the_printed_default_reads_back_as_exactly_the_defaults() {
    let loaded = read(&default_file()).unwrap_or_else(|errors| panic!("{errors:?}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let defaults = Config::default();
    assert_eq!(rows(&loaded.config), rows(&defaults));
    assert_eq!(loaded.config.keymap.help_lines(), defaults.keymap.help_lines());
    assert_eq!(loaded.config.palette, defaults.palette);
    assert_eq!(
        (loaded.config.theme, loaded.config.sort, loaded.config.scope),
        (defaults.theme, defaults.sort, defaults.scope)
    );
    assert_eq!(loaded.config.email, None);
    // And with --light it is the light theme, untouched by the dark colours the file shows in comments.
    let light = parse("c", default_file().as_bytes(), true).unwrap().config;
    assert_eq!(light.palette, Palette::built_in(ThemeName::Light));
}

#[test]
fn the_printed_default_names_every_action_and_colour() {
    let text = default_file();
    for row in KEYMAP {
        let name = action_name(&row.action).unwrap();
        assert!(text.contains(&format!("\n{name} = [")), "{name}");
    }
    for role in ColorRole::ALL {
        assert!(text.contains(&format!("# {} = \"", role.name())), "{}", role.name());
    }
}

#[test]
fn settings_override_the_defaults() {
    let config = config(
        "theme = \"light\"\nsort = \"newest\"\nscope = \"everything\"\nemail = \" me@example.org \"\n\
         [colors]\nselection_bg = \"#102030\"\nmatch = \"light_red\"\ntitle = \"default\"\n",
    );
    assert_eq!(config.theme, ThemeName::Light);
    assert_eq!(config.sort, SortOrder::Newest);
    assert_eq!(config.scope, Scope::Everything);
    assert_eq!(config.email.as_deref(), Some("me@example.org"));
    assert_eq!(config.palette.get(ColorRole::SelectionBg), Color::Rgb(0x10, 0x20, 0x30));
    assert_eq!(config.palette.get(ColorRole::Match), Color::LightRed);
    assert_eq!(config.palette.get(ColorRole::Title), Color::Reset);
    // What the file leaves alone comes from its theme.
    assert_eq!(config.palette.get(ColorRole::Border), Palette::built_in(ThemeName::Light).get(ColorRole::Border));
}

#[test]
fn the_light_flag_wins_over_the_file_theme_and_the_colours_still_apply() {
    let loaded = parse("c", b"theme = \"dark\"\n[colors]\nflag = \"red\"\n", true).unwrap();
    assert_eq!(loaded.config.theme, ThemeName::Light);
    assert_eq!(loaded.config.palette.get(ColorRole::Flag), Color::Red);
    assert_eq!(loaded.config.palette.get(ColorRole::Match), Color::Magenta);
}

#[test]
fn an_action_takes_several_keys_and_a_pane_table_only_that_pane() {
    let config = config("[keys]\nstar = [\"x\", \"ctrl-s\"]\n\n[keys.topics]\nopen = \"o\"\n");
    let publications = Mode::Pane(Pane::Publications);
    assert_eq!(config.keymap.action_for(press('x'), publications), Some(Action::ToggleStar));
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(config.keymap.action_for(ctrl_s, Mode::Pane(Pane::Abstract)), Some(Action::ToggleStar));
    assert_eq!(config.keymap.action_for(press('s'), publications), None);
    assert_eq!(config.keymap.action_for(press('o'), Mode::Pane(Pane::Topics)), Some(Action::Open));
    // The publications pane keeps Enter, and `o` still opens the browser there.
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(config.keymap.action_for(enter, publications), Some(Action::Open));
    assert_eq!(config.keymap.action_for(press('o'), publications), Some(Action::OpenInBrowser));
    let help = config.keymap.help_lines();
    assert!(help.contains(&HelpLine::Entry { keys: "x/Ctrl-s".into(), help: "Star or unstar" }), "{help:?}");
}

#[test]
fn a_pane_table_wins_over_keys_for_its_pane() {
    let config = config("[keys.topics]\nopen = [\"o\"]\n[keys]\nopen = [\"O\"]\n");
    assert_eq!(config.keymap.action_for(press('o'), Mode::Pane(Pane::Topics)), Some(Action::Open));
    assert_eq!(config.keymap.action_for(press('O'), Mode::Pane(Pane::Publications)), Some(Action::Open));
    assert_eq!(config.keymap.action_for(press('O'), Mode::Pane(Pane::Topics)), None);
}

#[test]
fn a_default_key_given_away_is_a_warning_at_its_line() {
    let loaded = read("# mine\n[keys]\n\nstar = [\"s\", \"*\"]\n").unwrap();
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert_eq!(loaded.warnings[0].kind, DiagnosticKind::Warning);
    assert_eq!(loaded.warnings[0].line, 4);
    assert!(loaded.warnings[0].to_string().starts_with("config.toml:4: \"*\" now does star"), "{}", loaded.warnings[0]);
    let list = Mode::Pane(Pane::Publications);
    assert_eq!(loaded.config.keymap.action_for(press('*'), list), Some(Action::ToggleStar));
}

#[test]
fn clashes_that_cannot_be_settled_are_errors_at_their_line() {
    assert_eq!(
        error("[keys]\nstar = [\"x\"]\nread = [\"x\"]\n"),
        (3, "\"x\" is given to both star (line 2) and read (line 3), which work in the same place".to_string())
    );
    let (line, message) = error("\n[keys]\nquit = []\n");
    assert_eq!(line, 3);
    assert!(message.contains("quit") && message.contains("needs a key"), "{message}");
    let (line, message) = error("[keys.cite]\nclose_menu = [\"x\"]\ncite_plain = [\"x\"]\n");
    assert_eq!(line, 3, "{message}");
}

#[test]
fn every_error_names_its_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("colour = \"x\"\n", 1, "unknown setting \"colour\""),
        ("\n\ntheme = \"sepia\"\n", 3, "theme is one of \"dark\", \"light\""),
        ("sort = 3\n", 1, "sort is one of"),
        ("scope = \"abstracts\"\n", 1, "scope is one of \"titles\""),
        ("email = 5\n", 1, "email: write it as a string"),
        ("colors = 1\n", 1, "colors is a table"),
        ("[colors]\nborder = \"bleu\"\n", 2, "border: \"bleu\" is not a colour"),
        ("[colors]\n\nborders = \"blue\"\n", 3, "unknown colour \"borders\""),
        ("[colors]\nborder = 4\n", 2, "write the colour as a string"),
        ("[keys]\nstarr = [\"s\"]\n", 2, "no action \"starr\" in [keys]"),
        ("[keys.publications]\nstar = [\"s\"]\n", 2, "no action \"star\" in [keys.publications]; it is set in [keys]"),
        ("[keys]\nstar = [\"s\",\n  \"hyper-s\"]\n", 3, "star: \"hyper-s\" is not a key"),
        ("[keys]\nstar = 1\n", 2, "star: write its keys as a list"),
        ("[keys]\nstar = [1]\n", 2, "a key is a string"),
        ("[keys.menus]\nquit = [\"q\"]\n", 1, "unknown table [keys.menus]"),
        ("[keys]\nstar = [\"s\"\n", 2, ""),
        ("theme = \"dark\"\ntheme = \"light\"\n", 2, "duplicate key"),
    ];
    for &(text, line, start) in cases {
        let (got_line, message) = error(text);
        assert_eq!(got_line, line, "{text:?}: {message}");
        assert!(message.contains(start), "{text:?}: {message}");
    }
    let bytes = b"theme = \"dark\"\n\xff\n";
    let errors = parse("config.toml", bytes, false).map(|_| ()).unwrap_err();
    assert_eq!((errors[0].line, errors[0].message.as_str()), (2, "not UTF-8 text"));
}

#[test]
fn several_errors_are_all_told_in_line_order() {
    let errors = read("[keys]\nstarr = [\"s\"]\n[colors]\nborder = \"bleu\"\n").map(|_| ()).unwrap_err();
    let lines: Vec<usize> = errors.iter().map(|error| error.line).collect();
    assert_eq!(lines, [2, 4]);
}
