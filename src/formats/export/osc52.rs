//! Copying to the clipboard through the terminal (OSC 52), which works over SSH and inside tmux
//! because the terminal emulator, not the remote host, owns the clipboard.

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

    #[test]
    fn tmux_passthrough_doubles_every_escape() {
        let wrapped = wrap_for_tmux(&copy_sequence("foo"));
        assert_eq!(wrapped.as_bytes(), b"\x1bPtmux;\x1b\x1b]52;c;Zm9v\x07\x1b\\");
        assert_eq!(wrap_for_tmux("\x1bA\x1bB"), "\x1bPtmux;\x1b\x1bA\x1b\x1bB\x1b\\");
    }
}
