//! A second value where a publication has one place for it (a second title, a second DOI): every importer
//! keeps the first and says, by line and in the same words, which text it did not keep, so that nothing a file
//! holds is dropped without a word. Which fields count as one, and when two values are the same, is each
//! format's business; the warning is this module's.

use super::Diagnostic;

/// Longest quotation of the text that was not kept: whole titles, but not a runaway line.
const QUOTE_CHARS: usize = 300;

/// One value of a field that a publication holds once, where the file gave it.
pub struct FieldValue<'a> {
    pub tag: &'a str,
    pub text: &'a str,
    pub line: usize,
}

/// One warning per value that differs from the first non-blank one. `identity` says what makes two values
/// the same (usually [`squeezed`] text), so that a repeat that loses nothing is not reported.
pub fn warn_left_out<'a>(
    name: &str,
    values: impl IntoIterator<Item = FieldValue<'a>>,
    identity: impl Fn(&FieldValue) -> String,
    warnings: &mut Vec<Diagnostic>,
) {
    let mut kept: Option<(usize, String)> = None;
    for value in values.into_iter().filter(|value| !value.text.trim().is_empty()) {
        let this = identity(&value);
        match &kept {
            None => kept = Some((value.line, this)),
            Some((kept_line, kept_identity)) if *kept_identity != this => {
                let message = format!(
                    "{} \"{}\" not kept: a publication has one, and lenaview keeps the first (line {kept_line})",
                    value.tag,
                    quote(value.text),
                );
                warnings.push(Diagnostic::warning(name, value.line, message));
            }
            Some(_) => {}
        }
    }
}

/// The text with its whitespace runs (line wraps, double spaces) squeezed to single spaces.
pub fn squeezed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quote(text: &str) -> String {
    let squeezed = squeezed(text);
    match squeezed.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &squeezed[..cut]),
        None => squeezed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings_for(values: &[(&str, &str)]) -> Vec<String> {
        let values = values.iter().enumerate().map(|(index, &(tag, text))| FieldValue { tag, text, line: index + 1 });
        let mut warnings = Vec::new();
        warn_left_out("f", values, |value| squeezed(value.text), &mut warnings);
        warnings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_different_repeat_is_named_with_both_lines_and_blank_or_equal_ones_are_not() {
        let warnings = warnings_for(&[("TI", " "), ("TI", "A  title"), ("TI", "A title"), ("TI", "Other")]);
        assert_eq!(
            warnings,
            ["f:4: TI \"Other\" not kept: a publication has one, and lenaview keeps the first (line 2)"]
        );
    }

    #[test]
    fn long_values_are_quoted_short() {
        let long = "word ".repeat(80);
        let warnings = warnings_for(&[("VL", "1"), ("VL", &long)]);
        assert!(warnings[0].contains("\"word word"), "{warnings:?}");
        assert!(warnings[0].contains("…\" not kept"), "{warnings:?}");
    }
}
