//! The plain writers the fast ones replaced, kept as the obviously correct reference the tests compare them with:
//! one string per field, joined, on one thread. Test code only; what they write is what the files must hold.

use std::collections::HashSet;

use super::bibtex::{STOP_WORDS, entry_type, fold_latin, letter_suffix, push_escaped_verbatim};
use super::fields::{dotted_initials, inverted_author, month, page_range, split_author};
use super::ris::{record_type, ris_date};
use crate::formats::export::csv::{COLUMNS, Formulas};
use crate::model::{Library, Page, Publication, RecordKind};

pub fn ris(publications: &[&Publication]) -> String {
    publications.iter().map(|publication| ris_record(publication)).collect()
}

fn ris_record(publication: &Publication) -> String {
    let mut lines = vec![ris_tagged("TY", record_type(publication.kind))];
    for author in publication.authors.iter().filter(|author| !author.trim().is_empty()) {
        lines.push(ris_tagged("AU", &inverted_author(author)));
    }
    let push = |lines: &mut Vec<String>, tag: &str, value: &str| {
        if !value.trim().is_empty() {
            lines.push(ris_tagged(tag, value));
        }
    };
    let push_optional = |lines: &mut Vec<String>, tag: &str, value: Option<&str>| {
        if let Some(value) = value {
            push(lines, tag, value);
        }
    };
    push(&mut lines, "TI", &publication.title);
    push(&mut lines, "T2", &publication.journal);
    match publication.kind {
        RecordKind::Article => push(&mut lines, "JO", &publication.journal),
        RecordKind::Chapter => push(&mut lines, "BT", &publication.journal),
        RecordKind::ConferencePaper => push(&mut lines, "C3", &publication.journal),
        _ => {}
    }
    if let Some(year) = publication.year {
        lines.push(ris_tagged("PY", &year.to_string()));
        if let Some(date) = publication.date.as_deref().and_then(|date| ris_date(year, date)) {
            lines.push(ris_tagged("DA", &date));
        }
    }
    push_optional(&mut lines, "VL", publication.volume.as_deref());
    push_optional(&mut lines, "IS", publication.issue.as_deref());
    if let Some(pages) = publication.pages.as_deref().filter(|pages| !pages.trim().is_empty()) {
        let (first, last) = page_range(pages);
        push(&mut lines, "SP", first);
        if let Some(last) = last {
            push(&mut lines, "EP", &last);
        }
    }
    push(&mut lines, "AB", &labelled_sections(publication).join(" "));
    push_optional(&mut lines, "DO", publication.doi.as_deref());
    push_optional(&mut lines, "AN", publication.pmid.as_deref());
    if let Some(pmid) = &publication.pmid {
        push(&mut lines, "UR", &format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"));
    }
    if let Some(pmc) = &publication.pmc {
        match publication.kind {
            RecordKind::Article => push(&mut lines, "C2", pmc),
            _ => push(&mut lines, "N1", &format!("PMCID: {pmc}")),
        }
    }
    for tag in &publication.tags {
        push(&mut lines, "KW", tag);
    }
    if let Some(note) = &publication.note {
        for line in note.trim_end().lines() {
            lines.push(ris_tagged("N1", line.trim_end()));
        }
    }
    lines.push("ER  - ".to_string());
    let mut text = lines.join("\r\n");
    text.push_str("\r\n\r\n");
    text
}

fn ris_tagged(tag: &str, value: &str) -> String {
    let one_line: String = value.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("{tag}  - {one_line}")
}

pub fn bibtex(publications: &[&Publication]) -> String {
    let keys = unique_keys(publications);
    let entries: Vec<String> =
        publications.iter().zip(&keys).map(|(publication, key)| bibtex_entry(publication, key)).collect();
    entries.join("\n")
}

fn bibtex_entry(publication: &Publication, key: &str) -> String {
    let (entry_type, container_field) = entry_type(publication.kind);
    let mut fields: Vec<(&str, String)> = Vec::new();
    let authors = author_list(publication);
    if !authors.is_empty() {
        fields.push(("author", format!("{{{authors}}}")));
    }
    if !publication.title.trim().is_empty() {
        fields.push(("title", format!("{{{{{}}}}}", escape(publication.title.trim()))));
    }
    let push_text = |fields: &mut Vec<(&'static str, String)>, name: &'static str, value: Option<&str>| {
        if let Some(value) = value.map(|value| value.trim()).filter(|value| !value.is_empty()) {
            fields.push((name, format!("{{{}}}", escape(value))));
        }
    };
    push_text(&mut fields, container_field, Some(publication.journal.as_str()));
    if let Some(year) = publication.year {
        fields.push(("year", format!("{{{year}}}")));
    }
    if let Some(month) = publication.date.as_deref().and_then(month) {
        const MACROS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        if let Some(name) = MACROS.get(usize::from(month) - 1) {
            fields.push(("month", (*name).to_string()));
        }
    }
    push_text(&mut fields, "volume", publication.volume.as_deref());
    push_text(&mut fields, "number", publication.issue.as_deref());
    if let Some(pages) = publication.pages.as_deref().filter(|pages| !pages.trim().is_empty()) {
        let pages = match page_range(pages) {
            (first, Some(last)) => format!("{}--{}", escape(first), escape(&last)),
            (whole, None) => escape(whole),
        };
        fields.push(("pages", format!("{{{pages}}}")));
    }
    if let Some(doi) = publication.doi.as_deref().map(str::trim).filter(|doi| !doi.is_empty()) {
        fields.push(("doi", format!("{{{}}}", escape_verbatim(doi))));
    }
    push_text(&mut fields, "pmid", publication.pmid.as_deref());
    push_text(&mut fields, "pmcid", publication.pmc.as_deref());
    push_text(&mut fields, "abstract", Some(&abstract_lines(publication)));
    push_text(&mut fields, "keywords", Some(&publication.tags.join(", ")));
    push_text(&mut fields, "note", publication.note.as_deref());
    let mut text = format!("@{entry_type}{{{key}");
    for (name, value) in fields {
        text.push_str(&format!(",\n  {name} = {value}"));
    }
    text.push_str("\n}\n");
    text
}

fn abstract_lines(publication: &Publication) -> String {
    labelled_sections(publication).join("\n")
}

/// "LABEL: text" for each section of the abstract, or its text alone.
fn labelled_sections(publication: &Publication) -> Vec<String> {
    let labelled = |section: &crate::model::AbstractSection| match &section.label {
        Some(label) => format!("{label}: {}", section.text),
        None => section.text.clone(),
    };
    publication.abstract_sections.iter().map(labelled).collect()
}

fn author_list(publication: &Publication) -> String {
    let mut names: Vec<String> = publication
        .authors
        .iter()
        .filter(|name| !name.trim().is_empty())
        .map(|name| {
            let author = split_author(name);
            match author.initials {
                Some(initials) if !author.family.contains([' ', ',']) => {
                    format!("{}, {}", escape(author.family), dotted_initials(initials))
                }
                Some(initials) => format!("{{{}}}, {}", escape(author.family), dotted_initials(initials)),
                None => format!("{{{}}}", escape(author.family)),
            }
        })
        .collect();
    if publication.et_al && !names.is_empty() {
        names.push("others".to_string());
    }
    names.join(" and ")
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut previous = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\textbackslash{}"),
            '{' => escaped.push_str("\\textbraceleft{}"),
            '}' => escaped.push_str("\\textbraceright{}"),
            '~' => escaped.push_str("\\textasciitilde{}"),
            '^' => escaped.push_str("\\textasciicircum{}"),
            '%' | '&' | '$' | '#' | '_' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '-' if previous == Some('-') => escaped.push_str("{}-"),
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\n' | '\r' => escaped.push('\n'),
            _ if c.is_control() => escaped.push(' '),
            _ => escaped.push(c),
        }
        previous = Some(c);
    }
    escaped
}

/// The writers' own escaping of verbatim fields: a char-by-char loop, already as plain as a reference would be.
fn escape_verbatim(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    push_escaped_verbatim(&mut escaped, text);
    escaped
}

fn unique_keys(publications: &[&Publication]) -> Vec<String> {
    let mut used = HashSet::new();
    publications
        .iter()
        .map(|publication| {
            let base = base_key(publication);
            let mut key = base.clone();
            let mut clash = 0;
            while used.contains(&key) {
                key = format!("{base}{}", letter_suffix(clash));
                clash += 1;
            }
            used.insert(key.clone());
            key
        })
        .collect()
}

fn base_key(publication: &Publication) -> String {
    let family = publication
        .authors
        .iter()
        .map(|name| {
            let author = split_author(name);
            match author.initials {
                Some(_) => author.family,
                None => author.family.split_whitespace().next().unwrap_or_default(),
            }
        })
        .map(ascii_key_part)
        .find(|part| !part.is_empty())
        .unwrap_or_else(|| "anon".to_string());
    let year = publication.year.map(|year| year.to_string()).unwrap_or_default();
    let word = publication
        .title
        .split(|c: char| !c.is_alphanumeric())
        .map(ascii_key_part)
        .find(|word| !word.is_empty() && !STOP_WORDS.contains(&word.as_str()))
        .unwrap_or_default();
    format!("{family}{year}{word}")
}

fn ascii_key_part(text: &str) -> String {
    let mut part = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            part.push(c.to_ascii_lowercase());
        } else if let Some(folded) = fold_latin(c) {
            part.push_str(folded);
        }
    }
    part
}

pub fn csv(publications: &[&Publication], formulas: Formulas) -> String {
    let mut text = COLUMNS.join(",") + "\r\n";
    for publication in publications {
        let optional = |value: Option<&str>| value.unwrap_or_default().to_string();
        let kind = match serde_json::to_value(publication.kind) {
            Ok(serde_json::Value::String(name)) => name,
            _ => String::new(),
        };
        let cells = [
            publication.key(),
            publication.title.clone(),
            publication.authors_full(),
            publication.journal.to_string(),
            publication.year.map(|year| year.to_string()).unwrap_or_default(),
            optional(publication.volume.as_deref()),
            optional(publication.issue.as_deref()),
            optional(publication.pages.as_deref()),
            optional(publication.doi.as_deref()),
            optional(publication.pmid.as_deref()),
            publication.free_full_text.to_string(),
            abstract_lines(publication),
            kind,
            publication.tags.join(" "),
            optional(publication.note.as_deref()),
        ];
        let cells: Vec<String> = cells
            .into_iter()
            .map(|cell| match formulas {
                Formulas::Neutralised if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) => format!("'{cell}"),
                _ => cell,
            })
            .map(|cell| match cell.contains([',', '"', '\r', '\n']) {
                true => format!("\"{}\"", cell.replace('"', "\"\"")),
                false => cell,
            })
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text
}

pub fn csl(publications: &[&Publication]) -> String {
    let keys = unique_keys(publications);
    let items: Vec<super::csl::Item> =
        publications.iter().zip(&keys).map(|(publication, key)| super::csl::item(publication, key)).collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}

pub fn library_json(library: &Library) -> String {
    let mut text = serde_json::to_string_pretty(library).expect("a library always serialises");
    text.push('\n');
    text
}

pub fn json(publications: &[&Publication]) -> String {
    let page = Page {
        path: vec![super::EXPORTED_TOPIC.to_string()],
        publications: publications.iter().map(|publication| (*publication).clone()).collect(),
        ..Page::default()
    };
    library_json(&Library { pages: vec![page] })
}

mod tests;
