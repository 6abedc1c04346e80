//! CSV as RFC 4180 describes it: a header row, CRLF after every record, and fields quoted
//! (with quotes doubled) exactly when they contain a comma, a quote, CR or LF.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or tab or CR before one) as a formula,
//! and a formula can fetch URLs or run commands (CSV injection). Titles and abstracts come from other
//! people's files, so by default such a cell gets a `'` in front, as OWASP advises: spreadsheets show the
//! text, and the `'` says why it is there.

use crate::model::{Publication, RecordKind};

/// The columns, in order; the header row spells them this way. New columns go at the end, so scripts that
/// pick columns by position keep working.
pub const COLUMNS: [&str; 15] = [
    "key",
    "title",
    "authors",
    "journal",
    "year",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "free_full_text",
    "abstract",
    "kind",
    "tags",
    "note",
];

/// Whether cells that a spreadsheet would run as formulas are neutralised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formulas {
    /// A `'` in front of them: the default.
    Neutralised,
    /// Written as they are, for tools that read CSV as data and would keep the `'`.
    Kept,
}

/// The publications as CSV, formula cells neutralised.
pub fn to_string(publications: &[&Publication]) -> String {
    to_string_with(publications, Formulas::Neutralised)
}

pub fn to_string_with(publications: &[&Publication], formulas: Formulas) -> String {
    let mut text = String::new();
    push_record(&mut text, COLUMNS.iter().map(|column| column.to_string()));
    for publication in publications {
        push_record(&mut text, row_with(publication, formulas).into_iter());
    }
    text
}

/// One publication's cells as [`to_string`] writes them, in `COLUMNS` order. `key` is [`Publication::key`],
/// the same key marks use.
pub fn row(publication: &Publication) -> [String; 15] {
    row_with(publication, Formulas::Neutralised)
}

fn row_with(publication: &Publication, formulas: Formulas) -> [String; 15] {
    let cells = fields(publication);
    match formulas {
        Formulas::Neutralised => cells.map(neutralised),
        Formulas::Kept => cells,
    }
}

/// The cell with a `'` in front when a spreadsheet would run it as a formula.
fn neutralised(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell }
}

fn fields(publication: &Publication) -> [String; 15] {
    let optional = |value: &Option<String>| value.clone().unwrap_or_default();
    [
        publication.key(),
        publication.title.clone(),
        publication.authors_full(),
        publication.journal.clone(),
        publication.year.map(|year| year.to_string()).unwrap_or_default(),
        optional(&publication.volume),
        optional(&publication.issue),
        optional(&publication.pages),
        optional(&publication.doi),
        optional(&publication.pmid),
        publication.free_full_text.to_string(),
        publication.abstract_text(),
        kind_name(publication.kind),
        // Tags hold no spaces, so a space separates them, as on the reader's tag line.
        publication.tags.join(" "),
        optional(&publication.note),
    ]
}

/// The kind as library JSON spells it (`chapter`, `conference_paper`), and `article` where JSON leaves it out:
/// one spelling for both formats, from serde's renaming.
fn kind_name(kind: RecordKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

fn push_record(text: &mut String, fields: impl Iterator<Item = String>) {
    let fields: Vec<String> = fields.map(|field| quoted(&field)).collect();
    text.push_str(&fields.join(","));
    text.push_str("\r\n");
}

fn quoted(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_one_crlf_terminated_record_per_publication() {
        let publication = Publication {
            title: "Plain".into(),
            authors: vec!["Chari A".into()],
            year: Some(2019),
            free_full_text: true,
            pmid: Some("1".into()),
            ..Publication::default()
        };
        let text = to_string(&[&publication]);
        assert_eq!(
            text,
            "key,title,authors,journal,year,volume,issue,pages,doi,pmid,free_full_text,abstract,kind,tags,note\r\n\
             pmid:1,Plain,Chari A,,2019,,,,,1,true,,article,,\r\n"
        );
    }

    #[test]
    fn the_kind_column_spells_kinds_as_library_json_does() {
        assert_eq!(kind_name(RecordKind::Article), "article");
        assert_eq!(kind_name(RecordKind::Chapter), "chapter");
        assert_eq!(kind_name(RecordKind::ConferencePaper), "conference_paper");
        assert_eq!(kind_name(RecordKind::WebPage), "web_page");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_quote_in_front() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(neutralised(formula.to_string()), format!("'{formula}"));
        }
        for text in ["Lenalidomide", "'quoted", " =1", "a=b", "", "2019"] {
            assert_eq!(neutralised(text.to_string()), text);
        }
        let publication = Publication { title: "=1+1".into(), pages: Some("-5".into()), ..Publication::default() };
        let guarded = to_string(&[&publication]);
        assert!(guarded.contains(",'=1+1,") && guarded.contains(",'-5,"), "{guarded}");
        let kept = to_string_with(&[&publication], Formulas::Kept);
        assert!(kept.contains(",=1+1,") && kept.contains(",-5,"), "{kept}");
    }

    #[test]
    fn fields_with_separators_are_quoted_and_quotes_doubled() {
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(quoted("cr\r"), "\"cr\r\"");
        assert_eq!(quoted("plain; text"), "plain; text");
        assert_eq!(quoted(""), "");
    }
}
