//! Repeated fields that a publication has one place for (a second title, a second volume): lenaview keeps
//! the first and says, by line, which text it did not keep, so that nothing is dropped without a word.
//!
//! A repeat with the same text (whitespace aside), or the same DOI written another way, loses nothing and is
//! not reported. Tags that are alternatives for one field (`T2` beside `JO`, `DA` beside `PY`) are not repeats.

use super::{Field, Record, identifiers};
use crate::formats::Diagnostic;
use crate::formats::repeats::{FieldValue, squeezed, warn_left_out};

/// Groups of tags that each give a publication one value; `TI` and `T1` are both "the title".
const SINGLE_VALUED: &[&[&str]] =
    &[&["TI", "T1"], &["VL"], &["VO"], &["SP"], &["EP"], &["PY"], &["Y1"], &["DA"], &["DO"]];

/// One warning per repeated value that differs from the first. `containers` are the tags that may hold the
/// record's journal or book (they depend on its kind); `is_issue` tells issues from Ovid's catalogue codes in
/// `IS`, which are not issues and so not a second one.
pub(super) fn warn(
    name: &str,
    record: &Record,
    containers: &[&str],
    is_issue: impl Fn(&str) -> bool,
    warnings: &mut Vec<Diagnostic>,
) {
    let containers = containers.iter().map(std::slice::from_ref);
    for group in SINGLE_VALUED.iter().copied().chain(containers) {
        let fields = record.fields.iter().filter(|field| group.contains(&field.tag));
        warn_group(name, fields, warnings);
    }
    let issues = record.fields.iter().filter(|field| field.tag == "IS" && is_issue(&field.value));
    warn_group(name, issues, warnings);
}

fn warn_group<'a>(name: &str, fields: impl Iterator<Item = &'a Field<'a>>, warnings: &mut Vec<Diagnostic>) {
    let values = fields.map(|field| FieldValue { tag: field.tag, text: &field.value, line: field.line });
    warn_left_out(name, values, comparable, warnings);
}

/// What makes two values the same: the DOI in a `DO` line, else the text with its whitespace squeezed.
fn comparable(value: &FieldValue) -> String {
    let squeezed = squeezed(value.text);
    match value.tag {
        "DO" => identifiers::doi_in(&squeezed).map(|doi| doi.to_lowercase()).unwrap_or(squeezed),
        _ => squeezed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings_for(fields: &[(&'static str, &str)]) -> Vec<String> {
        let fields = fields
            .iter()
            .enumerate()
            .map(|(index, (tag, value))| Field { tag, value: value.to_string(), line: index + 2 })
            .collect();
        let record = Record { line: 1, fields };
        let mut warnings = Vec::new();
        warn("f.ris", &record, &["JO", "JF", "T2"], |issue| !issue.contains(','), &mut warnings);
        warnings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_second_title_is_reported_with_its_line() {
        assert_eq!(
            warnings_for(&[("TI", "English title"), ("T2", "J"), ("T1", "Titre  français")]),
            ["f.ris:4: T1 \"Titre français\" not kept: a publication has one, and lenaview keeps the first (line 2)"]
        );
    }

    #[test]
    fn repeats_of_the_same_value_and_alternative_tags_are_not_reported() {
        let same = [
            ("TI", "A  title"),
            ("T1", "A title"),
            ("DO", "10.1/x"),
            ("DO", "http://dx.doi.org/10.1/X"),
            ("JO", "J"),
            ("JF", "Journal"),
            ("PY", "2019"),
            ("DA", "2019/08/22/"),
            ("IS", "3"),
            ("IS", "eag, 7805975"),
            ("C3", "A note"),
            ("C3", "Another note, in a tag this record does not read"),
        ];
        assert_eq!(warnings_for(&same), Vec::<String>::new());
    }
}
