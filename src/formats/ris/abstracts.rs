//! A record's abstract from every `AB` and `N2` line, in file order.
//!
//! EBSCO and others repeat `AB` in one record (an abstract in a second language, a publisher's copyright
//! note), and Ovid or EndNote write the same abstract as both `AB` and `N2`. Every distinct value becomes
//! further paragraphs; a value that repeats one already read, and placeholders such as `AB  - NA`, add nothing.
//!
//! Ovid joins the sections of a structured abstract as `first section., RESULTS: second`; the comma after the
//! full stop is removed so that [`split_labelled`] finds the label where PubMed would print it.

use super::Record;
use crate::formats::sections::{heading_follows, split_labelled};
use crate::model::AbstractSection;

pub(super) const ABSTRACT: &[&str] = &["AB", "N2"];

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

/// `section., RESULTS: more` → `section. RESULTS: more`: only where, without the comma, [`split_labelled`]
/// would start a section, so the comma goes exactly when a heading follows it.
fn without_ovid_joins(words: &[&str]) -> String {
    let mut text = String::new();
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            text.push(' ');
        }
        match word.strip_suffix(',') {
            Some(sentence_end) if heading_follows(sentence_end, &words[index + 1..]) => text.push_str(sentence_end),
            _ => text.push_str(word),
        }
    }
    text
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
        for text in [
            "Smith et al., DNA: a review.",
            "As shown (ref. 3)., the IL-6: high.",
            "It ended., RESULTS:",
            "Lung cancer was studied., NSCLC: 40 patients.",
            "Published online., DOI: 10.1000/xyz.",
        ] {
            assert_eq!(without_ovid_joins(&text.split(' ').collect::<Vec<_>>()), text);
        }
    }
}
