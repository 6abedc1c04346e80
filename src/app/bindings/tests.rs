//! The default keymap's lookup, help and hints; rebinding and its clashes.
use super::*;
use crate::app::action::Pane;
use crate::app::keymap::Key;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const EVERY_MODE: [Mode; 10] = Mode::ALL;

fn action_for(event: KeyEvent, mode: Mode) -> Option<Action> {
    Keymap::default().action_for(event, mode)
}

fn ranked_hints(mode: Mode, applies: impl Fn(&Action) -> bool) -> Vec<StatusHint> {
    Keymap::default().ranked_hints(mode, applies)
}

fn help_lines() -> Vec<HelpLine> {
    Keymap::default().help_lines()
}

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn the_documented_keys_map_to_their_actions() {
    let list = Mode::Pane(Pane::Publications);
    let cases = [
        (press(KeyCode::Char('j'), KeyModifiers::NONE), Action::Down),
        (press(KeyCode::Down, KeyModifiers::NONE), Action::Down),
        (press(KeyCode::Char('k'), KeyModifiers::NONE), Action::Up),
        (press(KeyCode::Char('G'), KeyModifiers::SHIFT), Action::Bottom),
        (press(KeyCode::Char('g'), KeyModifiers::NONE), Action::Top),
        (press(KeyCode::Char('d'), KeyModifiers::CONTROL), Action::HalfPageDown),
        (press(KeyCode::Char(' '), KeyModifiers::NONE), Action::PageDown),
        (press(KeyCode::Tab, KeyModifiers::NONE), Action::FocusNext),
        (press(KeyCode::BackTab, KeyModifiers::SHIFT), Action::FocusPrev),
        (press(KeyCode::Enter, KeyModifiers::NONE), Action::Open),
        (press(KeyCode::Char('?'), KeyModifiers::NONE), Action::ToggleHelp),
        (press(KeyCode::Char('/'), KeyModifiers::NONE), Action::StartSearch),
        (press(KeyCode::Char('q'), KeyModifiers::NONE), Action::Quit),
        (press(KeyCode::Char('c'), KeyModifiers::CONTROL), Action::Quit),
    ];
    for (event, expected) in cases {
        assert_eq!(action_for(event, list), Some(expected), "{event:?}");
    }
}

#[test]
fn the_search_line_takes_letters_that_are_commands_elsewhere() {
    for c in ['q', 'j', 'G', '?', '/'] {
        let event = press(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(action_for(event, Mode::SearchLine), Some(Action::SearchInput(c)));
    }
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(action_for(ctrl_c, Mode::SearchLine), Some(Action::Quit));
    assert_eq!(action_for(ctrl_c, Mode::Help), Some(Action::Quit));
}

#[test]
fn no_binding_is_shadowed_in_any_mode() {
    for mode in EVERY_MODE {
        let mut seen: Vec<(Key, Context)> = Vec::new();
        for &context in contexts(mode) {
            for binding in KEYMAP.iter().filter(|binding| binding.context == context) {
                for key in binding.keys {
                    // A key bound again in a later context of the same mode could never fire there.
                    let earlier = seen.iter().find(|(other, _)| other == key);
                    assert!(earlier.is_none(), "{} in {context:?} is shadowed by {earlier:?}", key_label(key));
                    seen.push((*key, context));
                }
            }
        }
    }
}

#[test]
fn help_lists_every_binding() {
    let lines = help_lines();
    let entries = lines.iter().filter(|line| matches!(line, HelpLine::Entry { .. })).count();
    assert_eq!(entries, KEYMAP.len());
    assert!(lines.contains(&HelpLine::Entry { keys: "Ctrl-d".into(), help: "Half a page down" }));
}

#[test]
fn every_mode_has_an_essential_hint_and_the_panes_lead_to_help() {
    for mode in EVERY_MODE {
        let hints = ranked_hints(mode, |_| true);
        assert!(hints.iter().any(|hint| hint.rank == Rank::Essential), "{mode:?}: {hints:?}");
    }
    for pane in Pane::ALL {
        let hints = ranked_hints(Mode::Pane(pane), |_| true);
        let essential: Vec<&str> =
            hints.iter().filter(|hint| hint.rank == Rank::Essential).map(|hint| hint.word).collect();
        assert_eq!(essential, ["help", "quit"], "{pane:?}");
    }
}

#[test]
fn hints_leave_out_actions_that_do_not_apply() {
    let abstract_pane = Mode::Pane(Pane::Abstract);
    let words = |hints: Vec<StatusHint>| hints.into_iter().map(|hint| hint.word).collect::<Vec<_>>();
    assert!(words(ranked_hints(abstract_pane, |_| true)).contains(&"match"));
    let without_matches = words(ranked_hints(abstract_pane, |action| *action != Action::NextMatch));
    assert!(!without_matches.contains(&"match"), "{without_matches:?}");
    assert!(without_matches.contains(&"help"));
}

#[test]
fn help_and_the_log_page_like_the_panes() {
    for mode in [Mode::Help, Mode::Messages] {
        for (code, expected) in [
            (KeyCode::PageDown, Action::PageDown),
            (KeyCode::Char(' '), Action::PageDown),
            (KeyCode::PageUp, Action::PageUp),
            (KeyCode::Char('b'), Action::PageUp),
            (KeyCode::Char('g'), Action::Top),
            (KeyCode::Home, Action::Top),
            (KeyCode::Char('G'), Action::Bottom),
            (KeyCode::End, Action::Bottom),
        ] {
            assert_eq!(action_for(press(code, KeyModifiers::NONE), mode), Some(expected), "{mode:?} {code:?}");
        }
    }
}

#[test]
fn hints_merge_bindings_that_share_a_word() {
    let hints: Vec<(String, &str)> =
        ranked_hints(Mode::Pane(Pane::Publications), |_| true).into_iter().map(|hint| (hint.keys, hint.word)).collect();
    assert!(hints.contains(&("j/k".to_string(), "move")), "{hints:?}");
    assert!(hints.contains(&("Enter".to_string(), "read")));
    assert!(hints.contains(&("?".to_string(), "help")));
}

fn ch(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::NONE }
}

fn publication_context(context: Context) -> bool {
    context == Context::Publication
}

#[test]
fn a_rebound_action_answers_to_its_new_keys_and_the_help_and_hints_say_so() {
    let mut keymap = Keymap::default();
    assert!(keymap.rebind(Context::is_pane, &Action::ToggleStar, &[ch('x'), ch('*')], 3));
    let clashes = keymap.settle();
    let list = Mode::Pane(Pane::Publications);
    for c in ['x', '*'] {
        assert_eq!(keymap.action_for(press(KeyCode::Char(c), KeyModifiers::NONE), list), Some(Action::ToggleStar));
    }
    assert_eq!(keymap.action_for(press(KeyCode::Char('s'), KeyModifiers::NONE), list), None);
    // `*` was "only starred": it gives the key up, and the user hears of it at the line that took it.
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    assert_eq!(clashes[0].line, 3);
    assert!(!clashes[0].fatal);
    assert!(clashes[0].message.contains("\"*\" now does star, no longer only_starred"), "{}", clashes[0].message);
    let lines = keymap.help_lines();
    assert!(lines.contains(&HelpLine::Entry { keys: "x/*".into(), help: "Star or unstar" }), "{lines:?}");
    assert!(lines.contains(&HelpLine::Entry { keys: "(no key)".into(), help: "Only starred (on/off)" }));
    let hints = keymap.ranked_hints(list, |_| true);
    assert!(hints.iter().any(|hint| hint.keys == "x" && hint.word == "star"), "{hints:?}");
}

#[test]
fn several_rows_of_one_action_keep_their_keys_when_given_them_again() {
    let mut keymap = Keymap::default();
    let quit_keys = [ch('q'), Key { code: KeyCode::Char('c'), modifiers: KeyModifiers::CONTROL }];
    keymap.rebind(|context| context == Context::Global, &Action::Quit, &quit_keys, 1);
    assert_eq!(keymap.help_lines(), Keymap::default().help_lines());
    keymap.rebind(|context| context == Context::Global, &Action::Quit, &[ch('Q')], 2);
    let quits: Vec<String> = keymap
        .in_context(Context::Global)
        .filter(|bound| bound.action == Action::Quit)
        .map(Bound::keys_label)
        .collect();
    assert_eq!(quits, ["Q"], "the Ctrl-c row, left with no key, goes");
}

#[test]
fn two_config_lines_on_one_key_or_a_keyless_quit_refuse_to_start() {
    let mut keymap = Keymap::default();
    keymap.rebind(publication_context, &Action::ToggleStar, &[ch('x')], 4);
    keymap.rebind(publication_context, &Action::ToggleRead, &[ch('x')], 9);
    let clashes = keymap.settle();
    let fatal: Vec<&Clash> = clashes.iter().filter(|clash| clash.fatal).collect();
    assert_eq!(fatal.len(), 1, "{clashes:?}");
    assert_eq!(fatal[0].line, 9);
    assert!(fatal[0].message.contains("\"x\" is given to both"), "{}", fatal[0].message);

    let mut keymap = Keymap::default();
    keymap.rebind(|context| context == Context::Global, &Action::Quit, &[], 7);
    let clashes = keymap.settle();
    assert!(
        clashes.iter().any(|clash| clash.fatal && clash.line == 7 && clash.message.contains("quit")),
        "{clashes:?}"
    );

    // Taking help's only key away is as bad as emptying it.
    let mut keymap = Keymap::default();
    keymap.rebind(Context::is_pane, &Action::StartSearch, &[ch('?')], 2);
    let clashes = keymap.settle();
    assert!(
        clashes.iter().any(|clash| clash.fatal && clash.line == 2 && clash.message.contains("help")),
        "{clashes:?}"
    );
}

#[test]
fn keys_in_places_never_looked_up_together_do_not_clash() {
    let mut keymap = Keymap::default();
    // `j` scrolls the help and moves in the panes; giving it to star touches only the panes.
    keymap.rebind(publication_context, &Action::ToggleStar, &[ch('j')], 1);
    let clashes = keymap.settle();
    assert!(clashes.iter().all(|clash| !clash.fatal), "{clashes:?}");
    assert_eq!(keymap.action_for(press(KeyCode::Char('j'), KeyModifiers::NONE), Mode::Help), Some(Action::Down));
    let list = Mode::Pane(Pane::Publications);
    assert_eq!(keymap.action_for(press(KeyCode::Char('j'), KeyModifiers::NONE), list), Some(Action::ToggleStar));
}

#[test]
fn a_letter_bound_in_the_search_line_warns_that_it_can_no_longer_be_typed() {
    let mut keymap = Keymap::default();
    keymap.rebind(|context| context == Context::SearchLine, &Action::SearchAccept, &[ch('x')], 5);
    let clashes = keymap.settle();
    assert_eq!(clashes.len(), 1, "{clashes:?}");
    assert_eq!((clashes[0].line, clashes[0].fatal), (5, false));
    assert!(clashes[0].message.contains("can no longer be typed in a search"), "{}", clashes[0].message);
    assert_eq!(
        keymap.action_for(press(KeyCode::Char('x'), KeyModifiers::NONE), Mode::SearchLine),
        Some(Action::SearchAccept)
    );
}

#[test]
fn the_key_that_opens_an_overlay_closes_it_when_rebound() {
    let mut keymap = Keymap::default();
    let f1 = Key { code: KeyCode::F(1), modifiers: KeyModifiers::NONE };
    keymap.rebind(|context| context == Context::Global, &Action::ToggleHelp, &[f1], 1);
    keymap.rebind(|context| context == Context::Global, &Action::ToggleMessages, &[ch('L')], 2);
    keymap.settle();
    let press_f1 = press(KeyCode::F(1), KeyModifiers::NONE);
    assert_eq!(keymap.action_for(press_f1, Mode::Pane(Pane::Publications)), Some(Action::ToggleHelp));
    assert_eq!(keymap.action_for(press_f1, Mode::Help), Some(Action::ToggleHelp));
    let press_l = press(KeyCode::Char('L'), KeyModifiers::SHIFT);
    assert_eq!(keymap.action_for(press_l, Mode::Messages), Some(Action::ToggleMessages));
    // Only the overlay's own key: the log's key does not close the help, nor the reverse.
    assert_eq!(keymap.action_for(press_l, Mode::Help), None);
    assert_eq!(keymap.action_for(press_f1, Mode::Messages), None);
}
