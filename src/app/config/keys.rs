//! Keys as the config file writes them: `"j"`, `"G"`, `"ctrl-d"`, `"alt-backspace"`, `"shift-tab"`, `"space"`,
//! `"pgdown"`, `"f5"`. [`key_name`] writes what [`parse_key`] reads, so the printed default config reads back.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::app::keymap::Key;
use crate::formats::clean::is_unsafe;

/// Named keys, each with the name the config writes first and the other spellings it accepts.
const NAMED: [(&[&str], KeyCode); 16] = [
    (&["space"], KeyCode::Char(' ')),
    (&["enter", "return"], KeyCode::Enter),
    (&["esc", "escape"], KeyCode::Esc),
    (&["tab"], KeyCode::Tab),
    (&["backtab"], KeyCode::BackTab),
    (&["backspace"], KeyCode::Backspace),
    (&["delete", "del"], KeyCode::Delete),
    (&["insert", "ins"], KeyCode::Insert),
    (&["up"], KeyCode::Up),
    (&["down"], KeyCode::Down),
    (&["left"], KeyCode::Left),
    (&["right"], KeyCode::Right),
    (&["home"], KeyCode::Home),
    (&["end"], KeyCode::End),
    (&["pgup", "pageup"], KeyCode::PageUp),
    (&["pgdown", "pagedown", "pgdn"], KeyCode::PageDown),
];

/// The key a config string names, or why it names none.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    let mut shift = false;
    // A lone "-" is the minus key, and "ctrl--" is Ctrl and minus: only a dash with a name after it joins.
    while let Some((prefix, after)) =
        rest.split_once('-').filter(|(prefix, after)| !prefix.is_empty() && !after.is_empty())
    {
        match prefix.to_ascii_lowercase().as_str() {
            "ctrl" | "control" => modifiers |= KeyModifiers::CONTROL,
            "alt" | "meta" => modifiers |= KeyModifiers::ALT,
            "shift" => shift = true,
            _ => break,
        }
        rest = after;
    }
    let code = code_of(rest).ok_or_else(|| {
        format!("\"{text}\" is not a key (write \"j\", \"G\", \"ctrl-d\", \"space\", \"pgdown\", \"f5\")")
    })?;
    let code = match (shift, code) {
        (false, code) => code,
        (true, KeyCode::Tab) => KeyCode::BackTab,
        (true, KeyCode::Char(c)) if c.is_ascii_lowercase() => KeyCode::Char(c.to_ascii_uppercase()),
        (true, KeyCode::Char(c)) if c.is_ascii_uppercase() => KeyCode::Char(c),
        (true, _) => {
            return Err(format!("\"{text}\": shift goes only with letters and tab (write \"G\" for shift-g)"));
        }
    };
    Ok(Key { code, modifiers })
}

fn code_of(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        // A key's label is drawn in the help: nothing that would steer the terminal or reorder the text.
        return (!c.is_control() && !is_unsafe(c)).then_some(KeyCode::Char(c));
    }
    let lower = name.to_ascii_lowercase();
    if let Some((_, code)) = NAMED.iter().find(|(names, _)| names.contains(&lower.as_str())) {
        return Some(*code);
    }
    let number: u8 = lower.strip_prefix('f')?.parse().ok()?;
    (1..=24).contains(&number).then_some(KeyCode::F(number))
}

/// A key as the config writes it: `ctrl-d`, `G`, `shift-tab`, `space`.
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::BackTab => "shift-tab".to_string(),
        KeyCode::Char(c) if c != ' ' => c.to_string(),
        KeyCode::F(number) => format!("f{number}"),
        code => NAMED
            .iter()
            .find(|(_, named)| *named == code)
            .map_or_else(|| format!("{code:?}"), |(names, _)| names[0].to_string()),
    };
    let mut name = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        name.push_str("ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        name.push_str("alt-");
    }
    name + &base
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::KEYMAP;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    #[test]
    fn the_documented_spellings_name_their_keys() {
        let cases = [
            ("j", key(KeyCode::Char('j'), KeyModifiers::NONE)),
            ("G", key(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("shift-g", key(KeyCode::Char('G'), KeyModifiers::NONE)),
            ("ctrl-d", key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            ("Ctrl-D", key(KeyCode::Char('D'), KeyModifiers::CONTROL)),
            ("alt-backspace", key(KeyCode::Backspace, KeyModifiers::ALT)),
            ("shift-tab", key(KeyCode::BackTab, KeyModifiers::NONE)),
            ("space", key(KeyCode::Char(' '), KeyModifiers::NONE)),
            (" ", key(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("pgdown", key(KeyCode::PageDown, KeyModifiers::NONE)),
            ("PageUp", key(KeyCode::PageUp, KeyModifiers::NONE)),
            ("f5", key(KeyCode::F(5), KeyModifiers::NONE)),
            ("-", key(KeyCode::Char('-'), KeyModifiers::NONE)),
            ("ctrl--", key(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("ctrl-alt-x", key(KeyCode::Char('x'), KeyModifiers::CONTROL | KeyModifiers::ALT)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_key(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_key_says_so() {
        for text in ["", "jj", "hyper-x", "f0", "f25", "shift-enter", "\u{1b}", "\u{202e}", "\u{9b}", "ctrl-"] {
            let err = parse_key(text).unwrap_err();
            assert!(err.contains("key") || err.contains("shift"), "{text}: {err}");
        }
    }

    #[test]
    fn every_default_key_reads_back_from_its_name() {
        for row in KEYMAP {
            for key in row.keys {
                assert_eq!(parse_key(&key_name(key)), Ok(*key), "{}", key_name(key));
            }
        }
    }
}
