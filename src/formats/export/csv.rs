//! CSV as RFC 4180 describes it: a header row, CRLF after every record, and fields quoted
//! (with quotes doubled) exactly when they contain a comma, a quote, CR or LF.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (or tab or CR before one) as a formula,
//! and a formula can fetch URLs or run commands (CSV injection). Titles and abstracts come from other
//! people's files, so by default such a cell gets a `'` in front, as OWASP advises: spreadsheets show the
//! text, and the `'` says why it is there.

use super::written::{self, AbstractText, Buffers, InPublications, Marked, Publications, RecordAbstract, push_integer};
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
    parts_in_order(publications, formulas, &InPublications, &mut |part| text.push_str(&part));
    text
}

/// [`to_string_with`] in parts, each handed to `take` as soon as it and those before it are written, each abstract
/// from `abstracts`.
pub fn parts_in_order<P: Publications + ?Sized>(
    publications: &P,
    formulas: Formulas,
    abstracts: &dyn AbstractText,
    take: &mut dyn FnMut(String),
) {
    let mut header = String::new();
    for (at, column) in COLUMNS.iter().enumerate() {
        push_cell(&mut header, at, column, Formulas::Kept);
    }
    header.push_str("\r\n");
    take(header);
    let write = |_, publication: &Publication, buffers: &mut Buffers| write_row(publication, formulas, buffers);
    written::on_every_core_in_order(publications, abstracts, write, take);
}

/// One publication's record.
fn write_row(publication: &Publication, formulas: Formulas, buffers: &mut Buffers) {
    let Buffers { text, scratch, abstracts } = buffers;
    let mut column = 0;
    for_each_cell(publication, scratch, abstracts, |value| {
        push_cell(text, column, value, formulas);
        column += 1;
    });
    text.push_str("\r\n");
}

/// One publication's cells as [`to_string`] writes them (unquoted), in `COLUMNS` order.
pub fn row(publication: &Publication) -> [String; 15] {
    let mut cells = Vec::with_capacity(COLUMNS.len());
    for_each_cell(publication, &mut String::new(), &Buffers::default().abstracts, |value| {
        let mut cell = String::new();
        push_neutralised(&mut cell, value, Formulas::Neutralised);
        cell.push_str(value);
        cells.push(cell);
    });
    cells.try_into().unwrap_or_default()
}

/// Hands each cell of a publication's record to `cell`, in `COLUMNS` order (`scratch` holds those made of
/// several fields). `key` is [`Publication::key`], the same key marks use.
fn for_each_cell(
    publication: &Publication,
    scratch: &mut String,
    abstracts: &RecordAbstract,
    mut cell: impl FnMut(&str),
) {
    scratch.clear();
    publication.push_key(scratch);
    cell(scratch);
    cell(&publication.title);
    scratch.clear();
    written::push_joined(scratch, &publication.authors, ", ");
    if publication.et_al {
        scratch.push_str(if scratch.is_empty() { "et al." } else { ", et al." });
    }
    cell(scratch);
    cell(&publication.journal);
    scratch.clear();
    if let Some(year) = publication.year {
        push_integer(scratch, year);
    }
    cell(scratch);
    cell(optional(&publication.volume));
    cell(optional(&publication.issue));
    cell(optional(&publication.pages));
    cell(optional(&publication.doi));
    cell(optional(&publication.pmid));
    cell(if publication.free_full_text { "true" } else { "false" });
    scratch.clear();
    abstracts.push(publication, scratch, "\n");
    cell(scratch);
    cell(&kind_name(publication.kind));
    // Tags hold no spaces, so a space separates them, as on the reader's tag line.
    scratch.clear();
    written::push_joined(scratch, &publication.tags, " ");
    cell(scratch);
    cell(optional(&publication.note));
}

/// A `'` when a spreadsheet would run `value` as a formula and `formulas` says to keep it from that.
fn push_neutralised(text: &mut String, value: &str, formulas: Formulas) {
    if formulas == Formulas::Neutralised && value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        text.push('\'');
    }
}

fn optional<Text: std::ops::Deref<Target = str>>(value: &Option<Text>) -> &str {
    value.as_deref().unwrap_or_default()
}

/// The bytes that make a cell quoted.
const QUOTED: Marked = Marked::of(b",\"\r\n");

/// The `column`th cell of a record: quoted (quotes doubled) when it holds a comma, a quote, CR or LF, and with a
/// `'` in front when a spreadsheet would run it as a formula and `formulas` says so.
fn push_cell(text: &mut String, column: usize, value: &str, formulas: Formulas) {
    if column > 0 {
        text.push(',');
    }
    let quoted = QUOTED.next_in(value.as_bytes(), 0) < value.len();
    if quoted {
        text.push('"');
    }
    push_neutralised(text, value, formulas);
    if quoted {
        for (at, piece) in value.split('"').enumerate() {
            if at > 0 {
                text.push_str("\"\"");
            }
            text.push_str(piece);
        }
        text.push('"');
    } else {
        text.push_str(value);
    }
}

/// The kind as library JSON spells it (`chapter`, `conference_paper`), and `article` where JSON leaves it out:
/// one spelling for both formats, from serde's renaming.
fn kind_name(kind: RecordKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One cell as the first of a record.
    fn cell(value: &str, formulas: Formulas) -> String {
        let mut text = String::new();
        push_cell(&mut text, 0, value, formulas);
        text
    }

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
        for formula in ["=1", "+1", "-2+3", "@SUM(A1)", "\t=1"] {
            assert_eq!(cell(formula, Formulas::Neutralised), format!("'{formula}"));
            assert_eq!(cell(formula, Formulas::Kept), formula);
        }
        assert_eq!(cell("=HYPERLINK(\"http://x\")", Formulas::Neutralised), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(cell("\r=1", Formulas::Neutralised), "\"'\r=1\"");
        for text in ["Lenalidomide", "'quoted", " =1", "a=b", "", "2019"] {
            assert_eq!(cell(text, Formulas::Neutralised), text);
        }
        let publication = Publication { title: "=1+1".into(), pages: Some("-5".into()), ..Publication::default() };
        let guarded = to_string(&[&publication]);
        assert!(guarded.contains(",'=1+1,") && guarded.contains(",'-5,"), "{guarded}");
        let kept = to_string_with(&[&publication], Formulas::Kept);
        assert!(kept.contains(",=1+1,") && kept.contains(",-5,"), "{kept}");
    }

    #[test]
    fn fields_with_separators_are_quoted_and_quotes_doubled() {
        let quoted = |value: &str| cell(value, Formulas::Kept);
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(quoted("cr\r"), "\"cr\r\"");
        assert_eq!(quoted("plain; text"), "plain; text");
        assert_eq!(quoted(""), "");
    }
}
