//! What a tag is: a short word the user chooses, made of letters and digits of any script and `-` `_` `/` `.` `:`
//! `+` (`review`, `to-read`, `dara/len`, `phase:3`). Case is not kept (`Review` is `review`), so that one tag is
//! never two; spaces separate tags, so a tag holds none; a leading `-` means "remove", so a tag never starts with
//! one.

use std::fmt;

/// The longest tag, in characters: a tag is a label, and the list row has little room for it.
pub const MAX_TAG_CHARS: usize = 40;

/// Characters a tag may hold besides letters and digits.
const JOINERS: &[char] = &['-', '_', '/', '.', ':', '+'];

/// Why text is not a tag, said so that the user can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotATag {
    /// The offending text, made inert for display (control characters shown as `?`).
    pub text: String,
    pub why: &'static str,
}

impl fmt::Display for NotATag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a tag: {}", self.text, self.why)
    }
}

impl std::error::Error for NotATag {}

/// The tag `text` names, trimmed and lowercased, or why it names none.
pub fn normalize_tag(text: &str) -> Result<String, NotATag> {
    let trimmed = text.trim();
    let refuse = |why| Err(NotATag { text: inert(trimmed), why });
    if trimmed.is_empty() {
        return refuse("it is empty");
    }
    if trimmed.chars().count() > MAX_TAG_CHARS {
        return refuse("it is longer than 40 characters");
    }
    if trimmed.starts_with('-') {
        return refuse("a tag cannot start with - (which removes a tag)");
    }
    if !trimmed.chars().all(|c| c.is_alphanumeric() || JOINERS.contains(&c)) {
        return refuse("a tag holds letters, digits and - _ / . : + only");
    }
    Ok(trimmed.to_lowercase())
}

/// `text` with each control character shown as `?`, for messages that quote what a file held.
pub(crate) fn inert(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_lowercased_words() {
        assert_eq!(normalize_tag("  Review "), Ok("review".to_string()));
        assert_eq!(normalize_tag("dara/len"), Ok("dara/len".to_string()));
        assert_eq!(normalize_tag("Phase:3+"), Ok("phase:3+".to_string()));
        assert_eq!(normalize_tag("Müller"), Ok("müller".to_string()));
        for (text, why) in [
            ("", "empty"),
            ("to read", "letters, digits"),
            ("-old", "cannot start with -"),
            ("a\u{1b}[31m", "letters, digits"),
            (&"x".repeat(41), "longer than 40"),
        ] {
            let err = normalize_tag(text).unwrap_err();
            assert!(err.why.contains(why), "{text:?}: {err}");
            assert!(!err.to_string().contains('\u{1b}'), "the text is shown inert");
        }
    }
}
