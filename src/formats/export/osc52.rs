//! Copying to the clipboard through the terminal (OSC 52), which works over SSH and inside tmux
//! because the terminal emulator, not the remote host, owns the clipboard. No terminal answers such a
//! request, so what is sent, and what is said about it, depends on what can be found out (inside tmux:
//! its settings).

const ESC: char = '\x1b';
const BEL: char = '\x07';

/// The escape sequence that asks the terminal to put `text` on the system clipboard:
/// `ESC ] 52 ; c ; BASE64(text) BEL`. BEL rather than `ESC \` ends it because more terminals accept it.
pub fn copy_sequence(text: &str) -> String {
    format!("{ESC}]52;c;{}{BEL}", base64(text.as_bytes()))
}

/// `seq` wrapped in tmux's DCS passthrough (`ESC P tmux; ... ESC \`), so tmux hands it to the outer
/// terminal instead of swallowing it. Inside the passthrough every ESC must be doubled.
pub fn wrap_for_tmux(seq: &str) -> String {
    let escaped = seq.replace(ESC, "\x1b\x1b");
    format!("{ESC}Ptmux;{escaped}{ESC}\\")
}

/// Where the sequence goes, as far as lenaview can find out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminal {
    /// Not inside tmux: the terminal reads the sequence itself.
    Direct,
    /// Inside tmux, with its settings as tmux reported them (`None` when it did not say).
    Tmux { set_clipboard: Option<SetClipboard>, passthrough: Option<bool> },
}

/// tmux's `set-clipboard` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetClipboard {
    Off,
    /// tmux's default: only tmux's own copy mode sets the clipboard; sequences from programs are dropped.
    External,
    /// Programs may set tmux's clipboard; tmux keeps a paste buffer and passes it on to the terminal.
    On,
}

/// What a copy sends and what can honestly be said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipboardWrite {
    /// The bytes for the terminal; empty when nothing would arrive.
    pub bytes: String,
    pub outcome: CopyOutcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyOutcome {
    /// tmux with `set-clipboard on` keeps it in a paste buffer: that much is certain.
    InTmuxBuffer,
    /// Sent to the terminal, which may or may not let programs set the clipboard: nothing answers.
    SentToTerminal,
    /// Sent through tmux's passthrough to the terminal, which may or may not accept it.
    PassedThroughTmux,
    /// tmux drops clipboard sequences from programs with these settings: nothing was sent.
    RefusedByTmux,
    /// tmux did not say how it is set: both forms were sent.
    SentBothWays,
}

impl CopyOutcome {
    /// The message for the status bar and the log: never "copied" where that cannot be known, and how to
    /// make it work where it may not.
    pub fn message(self) -> &'static str {
        // What matters comes first: the status bar cuts the rest, the log keeps it.
        match self {
            CopyOutcome::InTmuxBuffer => {
                "Copied to tmux's clipboard (prefix ] pastes); the terminal's gets it too if it accepts OSC 52"
            }
            CopyOutcome::SentToTerminal => {
                "Sent to the terminal's clipboard (OSC 52); if it is not there, allow programs clipboard access \
                 in the terminal's settings"
            }
            CopyOutcome::PassedThroughTmux => {
                "Sent through tmux to the terminal's clipboard (OSC 52); if it is not there, add \
                 `set -g set-clipboard on` to ~/.tmux.conf"
            }
            CopyOutcome::RefusedByTmux => {
                "Not copied: tmux needs `set -g set-clipboard on` (add it to ~/.tmux.conf, run \
                 `tmux source ~/.tmux.conf`, copy again)"
            }
            CopyOutcome::SentBothWays => {
                "Sent to the terminal's clipboard (OSC 52, also through tmux); if it is not there, add \
                 `set -g set-clipboard on` to ~/.tmux.conf"
            }
        }
    }
}

/// What to send to put `text` on the clipboard from inside `terminal`.
///
/// tmux with `set-clipboard on` takes the plain sequence, keeps it and passes it on to the terminal itself,
/// so it gets the plain form only: wrapped, tmux would hand it past its own clipboard. With any other
/// setting tmux drops the plain form, and only its passthrough (`allow-passthrough`, off by default since
/// tmux 3.3) reaches the terminal; tmux before 3.3 has no such option and always passes through.
pub fn clipboard_write(text: &str, terminal: Terminal) -> ClipboardWrite {
    let plain = copy_sequence(text);
    let (bytes, outcome) = match terminal {
        Terminal::Direct => (plain, CopyOutcome::SentToTerminal),
        Terminal::Tmux { set_clipboard: Some(SetClipboard::On), .. } => (plain, CopyOutcome::InTmuxBuffer),
        Terminal::Tmux { set_clipboard: Some(_), passthrough: Some(false) } => {
            (String::new(), CopyOutcome::RefusedByTmux)
        }
        Terminal::Tmux { set_clipboard: Some(_), passthrough: _ } => {
            (wrap_for_tmux(&plain), CopyOutcome::PassedThroughTmux)
        }
        Terminal::Tmux { set_clipboard: None, .. } => {
            let wrapped = wrap_for_tmux(&plain);
            (plain + &wrapped, CopyOutcome::SentBothWays)
        }
    };
    ClipboardWrite { bytes, outcome }
}

/// Where this process's output goes: inside tmux (`$TMUX`) tmux is asked how its clipboard is set, for the
/// pane lenaview runs in. Called at each copy, so a setting changed meanwhile counts.
pub fn this_terminal() -> Terminal {
    if std::env::var_os("TMUX").is_none() {
        return Terminal::Direct;
    }
    let mut tmux = std::process::Command::new("tmux");
    tmux.arg("display-message").arg("-p");
    if let Some(pane) = std::env::var_os("TMUX_PANE") {
        tmux.arg("-t").arg(pane);
    }
    let answer = tmux
        .arg("#{set-clipboard} #{allow-passthrough}")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).into_owned());
    parse_tmux_settings(answer.as_deref().unwrap_or(""))
}

/// tmux's answer to `#{set-clipboard} #{allow-passthrough}`: "external 0" from tmux 3.3, "on all" from 3.4,
/// "on " from tmux before 3.3 (no passthrough option), nothing at all when tmux could not be asked.
pub fn parse_tmux_settings(answer: &str) -> Terminal {
    let mut words = answer.split_whitespace();
    let set_clipboard = match words.next() {
        Some("on") => Some(SetClipboard::On),
        Some("external") => Some(SetClipboard::External),
        Some("off") => Some(SetClipboard::Off),
        _ => None,
    };
    let passthrough = match words.next() {
        Some("1" | "on" | "all") => Some(true),
        Some("0" | "off") => Some(false),
        _ => None,
    };
    Terminal::Tmux { set_clipboard, passthrough }
}

/// Standard base64 (RFC 4648, section 4) with `=` padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let symbol = |sextet: u32| char::from(ALPHABET[(sextet & 0x3f) as usize]);
    let mut encoded = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b0 = u32::from(group[0]);
        let b1 = group.get(1).copied().map_or(0, u32::from);
        let b2 = group.get(2).copied().map_or(0, u32::from);
        let triple = (b0 << 16) | (b1 << 8) | b2;
        encoded.push(symbol(triple >> 18));
        encoded.push(symbol(triple >> 12));
        encoded.push(if group.len() > 1 { symbol(triple >> 6) } else { '=' });
        encoded.push(if group.len() > 2 { symbol(triple) } else { '=' });
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_test_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded, "base64({plain:?})");
        }
    }

    #[test]
    fn base64_encodes_utf8_bytes_and_the_high_end_of_the_alphabet() {
        // "Müller–α": ü, – and α are 2, 3 and 2 bytes in UTF-8.
        assert_eq!(base64("Müller–α".as_bytes()), "TcO8bGxlcuKAk86x");
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn copy_sequence_is_osc_52_with_the_clipboard_selection() {
        assert_eq!(copy_sequence("foobar"), "\x1b]52;c;Zm9vYmFy\x07");
        assert_eq!(copy_sequence(""), "\x1b]52;c;\x07");
    }

    fn tmux(set_clipboard: Option<SetClipboard>, passthrough: Option<bool>) -> Terminal {
        Terminal::Tmux { set_clipboard, passthrough }
    }

    #[test]
    fn outside_tmux_the_plain_sequence_is_sent_and_not_claimed_as_copied() {
        let write = clipboard_write("foo", Terminal::Direct);
        assert_eq!(write.bytes, "\x1b]52;c;Zm9v\x07");
        assert_eq!(write.outcome, CopyOutcome::SentToTerminal);
        assert!(write.outcome.message().starts_with("Sent to the terminal's clipboard (OSC 52)"));
    }

    #[test]
    fn tmux_with_set_clipboard_on_gets_the_plain_sequence_only() {
        for passthrough in [Some(true), Some(false), None] {
            let write = clipboard_write("foo", tmux(Some(SetClipboard::On), passthrough));
            assert_eq!(write.bytes, "\x1b]52;c;Zm9v\x07", "passthrough {passthrough:?}");
            assert_eq!(write.outcome, CopyOutcome::InTmuxBuffer);
        }
    }

    #[test]
    fn tmux_without_set_clipboard_on_needs_its_passthrough() {
        let wrapped = "\x1bPtmux;\x1b\x1b]52;c;Zm9v\x07\x1b\\";
        for setting in [SetClipboard::External, SetClipboard::Off] {
            let through = clipboard_write("foo", tmux(Some(setting), Some(true)));
            assert_eq!((through.bytes.as_str(), through.outcome), (wrapped, CopyOutcome::PassedThroughTmux));
            // tmux before 3.3 has no passthrough option and passes through.
            let old_tmux = clipboard_write("foo", tmux(Some(setting), None));
            assert_eq!((old_tmux.bytes.as_str(), old_tmux.outcome), (wrapped, CopyOutcome::PassedThroughTmux));
            let refused = clipboard_write("foo", tmux(Some(setting), Some(false)));
            assert_eq!((refused.bytes.as_str(), refused.outcome), ("", CopyOutcome::RefusedByTmux));
            assert!(refused.outcome.message().contains("set -g set-clipboard on"));
        }
    }

    #[test]
    fn tmux_that_does_not_answer_gets_both_forms() {
        let write = clipboard_write("foo", tmux(None, None));
        assert_eq!(write.bytes, "\x1b]52;c;Zm9v\x07\x1bPtmux;\x1b\x1b]52;c;Zm9v\x07\x1b\\");
        assert_eq!(write.outcome, CopyOutcome::SentBothWays);
    }

    #[test]
    fn no_message_claims_a_copy_tmux_cannot_confirm() {
        let outcomes = [
            CopyOutcome::SentToTerminal,
            CopyOutcome::PassedThroughTmux,
            CopyOutcome::RefusedByTmux,
            CopyOutcome::SentBothWays,
        ];
        for outcome in outcomes {
            assert!(!outcome.message().starts_with("Copied"), "{outcome:?}");
        }
        assert!(CopyOutcome::InTmuxBuffer.message().starts_with("Copied to tmux's clipboard"));
    }

    #[test]
    fn tmux_answers_of_each_version_are_understood() {
        assert_eq!(parse_tmux_settings("external 0\n"), tmux(Some(SetClipboard::External), Some(false)));
        assert_eq!(parse_tmux_settings("on 1\n"), tmux(Some(SetClipboard::On), Some(true)));
        assert_eq!(parse_tmux_settings("off all\n"), tmux(Some(SetClipboard::Off), Some(true)));
        assert_eq!(parse_tmux_settings("on \n"), tmux(Some(SetClipboard::On), None));
        assert_eq!(parse_tmux_settings(""), tmux(None, None));
    }

    #[test]
    fn tmux_passthrough_doubles_every_escape() {
        let wrapped = wrap_for_tmux(&copy_sequence("foo"));
        assert_eq!(wrapped.as_bytes(), b"\x1bPtmux;\x1b\x1b]52;c;Zm9v\x07\x1b\\");
        assert_eq!(wrap_for_tmux("\x1bA\x1bB"), "\x1bPtmux;\x1b\x1bA\x1b\x1bB\x1b\\");
    }
}
