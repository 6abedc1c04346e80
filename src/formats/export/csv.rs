//! CSV as RFC 4180 describes it: a header row, CRLF after every record, and fields quoted
//! (with quotes doubled) exactly when they contain a comma, a quote, CR or LF.

use crate::model::{Publication, RecordKind};

/// The columns, in order; the header row spells them this way. New columns go at the end, so scripts that
/// pick columns by position keep working.
pub const COLUMNS: [&str; 13] = [
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
];

pub fn to_string(publications: &[&Publication]) -> String {
    let mut text = String::new();
    push_record(&mut text, COLUMNS.iter().map(|column| column.to_string()));
    for publication in publications {
        push_record(&mut text, row(publication).into_iter());
    }
    text
}

/// One publication's fields, in `COLUMNS` order. `key` is [`Publication::key`], the same key marks use.
pub fn row(publication: &Publication) -> [String; 13] {
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
            "key,title,authors,journal,year,volume,issue,pages,doi,pmid,free_full_text,abstract,kind\r\n\
             pmid:1,Plain,Chari A,,2019,,,,,1,true,,article\r\n"
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
    fn fields_with_separators_are_quoted_and_quotes_doubled() {
        assert_eq!(quoted("a, b"), "\"a, b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(quoted("cr\r"), "\"cr\r\"");
        assert_eq!(quoted("plain; text"), "plain; text");
        assert_eq!(quoted(""), "");
    }
}
