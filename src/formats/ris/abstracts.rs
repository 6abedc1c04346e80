//! A record's abstract from every `AB` and `N2` line, in file order.
//!
//! EBSCO and others repeat `AB` in one record (an abstract in a second language, a publisher's copyright
//! note), and Ovid or EndNote write the same abstract as both `AB` and `N2`. Every distinct value becomes
//! further paragraphs; a value that repeats one already read, and placeholders such as `AB  - NA`, add nothing.
//!
//! Ovid joins the sections of a structured abstract as `first section., RESULTS: second`; the comma after the
//! full stop is removed so that [`split_labelled`] finds the label where PubMed would print it.

use super::Record;
use crate::formats::sections::{is_sentence_case_heading, split_labelled};
use crate::model::AbstractSection;

pub(super) const ABSTRACT: &[&str] = &["AB", "N2"];

/// Longest label, in words, as `sections` counts them.
const MAX_LABEL_WORDS: usize = 6;

/// What exporters write where a record has no abstract; lower-case, without a final stop.
const PLACEHOLDERS: &[&str] = &["na", "n/a", "no abstract available", "[no abstract available]"];

pub(super) fn sections(record: &Record) -> Vec<AbstractSection> {
    let mut read: Vec<String> = Vec::new();
    let mut sections = Vec::new();
    for field in record.fields.iter().filter(|field| ABSTRACT.contains(&field.tag)) {
        let words: Vec<&str> = field.value.split_whitespace().collect();
        let text = words.join(" ");
        if text.is_empty() || is_placeholder(&text) || read.contains(&text) {
            continue;
        }
        sections.extend(split_labelled(&without_ovid_joins(&words)));
        read.push(text);
    }
    sections
}

pub(super) fn is_placeholder(text: &str) -> bool {
    PLACEHOLDERS.contains(&text.trim().trim_end_matches('.').to_lowercase().as_str())
}

/// `section., RESULTS: more` → `section. RESULTS: more`: only where a label follows the comma.
fn without_ovid_joins(words: &[&str]) -> String {
    let mut text = String::new();
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            text.push(' ');
        }
        match word.strip_suffix(',') {
            Some(sentence_end) if ends_sentence(sentence_end) && starts_with_label(&words[index + 1..]) => {
                text.push_str(sentence_end)
            }
            _ => text.push_str(word),
        }
    }
    text
}

/// Abbreviations whose stop ends no sentence, so a comma after them is prose (`et al., DNA: ...`).
const ABBREVIATIONS: &[&str] = &["al.", "e.g.", "i.e.", "etc.", "vs.", "cf.", "viz.", "approx.", "fig.", "ref."];

fn ends_sentence(word: &str) -> bool {
    let word = word.trim_end_matches([')', '"', '\'', '”', '’']);
    word.ends_with(['.', '?', '!']) && !ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// `RESULTS: ...`, `MATERIALS AND METHODS: ...`, `Conclusions: ...`: a heading that text follows.
fn starts_with_label(words: &[&str]) -> bool {
    let last_possible = words.len().min(MAX_LABEL_WORDS + 1).saturating_sub(1);
    for end in 0..last_possible {
        if let Some(stem) = words[end].strip_suffix(':') {
            let label = words[..end].iter().copied().chain([stem]).collect::<Vec<_>>().join(" ");
            return in_capitals(&label) || is_sentence_case_heading(&label);
        }
        if words[end].contains(':') {
            return false;
        }
    }
    false
}

fn in_capitals(label: &str) -> bool {
    label.starts_with(char::is_alphabetic)
        && !label.chars().any(char::is_lowercase)
        && label.chars().filter(|c| c.is_uppercase()).count() >= 3
        && label.chars().all(|c| c.is_alphanumeric() || c == ' ' || "&/-,()".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[(&'static str, &str)]) -> Record<'static> {
        Record::of(fields)
    }

    fn texts(record: &Record) -> Vec<(Option<String>, String)> {
        sections(record).into_iter().map(|section| (section.label, section.text)).collect()
    }

    #[test]
    fn repeated_abstract_fields_are_further_paragraphs_and_duplicates_are_not_doubled() {
        let record = record(&[
            ("AB", "English text."),
            ("N2", "English  text."),
            ("AB", "Deutscher Text."),
            ("AB", "Copyright (c) 2019 Publisher."),
            ("AB", "NA"),
        ]);
        let expected = ["English text.", "Deutscher Text.", "Copyright (c) 2019 Publisher."];
        assert_eq!(texts(&record), expected.map(|text| (None, text.to_string())));
    }

    #[test]
    fn placeholders_are_no_abstract() {
        for placeholder in ["NA", "na", "N/A", "[No abstract available]", "No abstract available."] {
            assert!(sections(&record(&[("AB", placeholder)])).is_empty(), "{placeholder}");
        }
        assert!(!is_placeholder("NAD"));
    }

    #[test]
    fn ovid_joined_sections_split_like_pubmed() {
        let record = record(&[(
            "AB",
            "BACKGROUND: Myeloma relapses., MATERIALS AND METHODS: We treated 30 (n=30)., Results: Half did?, \
             CONCLUSIONS: Good.",
        )]);
        let labels: Vec<_> = texts(&record).into_iter().map(|(label, text)| (label.unwrap(), text)).collect();
        assert_eq!(
            labels,
            [
                ("BACKGROUND".to_string(), "Myeloma relapses.".to_string()),
                ("MATERIALS AND METHODS".to_string(), "We treated 30 (n=30).".to_string()),
                ("Results".to_string(), "Half did?".to_string()),
                ("CONCLUSIONS".to_string(), "Good.".to_string()),
            ]
        );
    }

    #[test]
    fn commas_that_are_not_ovid_joins_stay() {
        for text in ["Smith et al., DNA: a review.", "As shown (ref. 3)., the IL-6: high.", "It ended., RESULTS:"] {
            assert_eq!(without_ovid_joins(&text.split(' ').collect::<Vec<_>>()), text);
        }
    }
}
