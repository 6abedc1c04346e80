//! Structured abstracts: `BACKGROUND: ... METHODS: ...` in one paragraph, split into labelled sections.
//!
//! Shared by every importer whose source puts a whole abstract in one field (MEDLINE `AB`, RIS `AB`/`N2`).
//! A label is recognised only where a heading can stand: at the start of the text or right after a sentence
//! ends. It is either a run of words in capitals (`MATERIALS AND METHODS:`, how PubMed prints labels) or a
//! heading that journals print in sentence case (`Background:`, `Trial registration:`). Anything else with a
//! colon (`in three groups: A, B and C`, `Ratio: 2`) stays text, because a wrong split is worse than none.

use crate::model::AbstractSection;

/// Longest label, in words: longer runs of capitals are shouting text, not a heading.
const MAX_LABEL_WORDS: usize = 6;

/// Headings that journals print in sentence case, lower-cased. Capitalised labels need no list.
const SENTENCE_CASE_HEADINGS: &[&str] = &[
    "aim",
    "aims",
    "aims and objectives",
    "availability",
    "availability and implementation",
    "background",
    "case presentation",
    "case report",
    "clinical relevance",
    "conclusion",
    "conclusions",
    "conclusions and relevance",
    "context",
    "data sources",
    "data extraction",
    "data synthesis",
    "design",
    "discussion",
    "electronic supplementary material",
    "evidence acquisition",
    "evidence synthesis",
    "exposure",
    "findings",
    "funding",
    "importance",
    "interpretation",
    "interventions",
    "introduction",
    "level of evidence",
    "limitations",
    "main outcome measures",
    "main outcomes and measures",
    "materials and methods",
    "measurements",
    "method",
    "methods",
    "methodology",
    "motivation",
    "objective",
    "objectives",
    "participants",
    "patients",
    "patients and methods",
    "purpose",
    "rationale",
    "results",
    "setting",
    "significance",
    "study design",
    "study selection",
    "summary",
    "supplementary information",
    "trial registration",
];

/// Splits an abstract into sections at its labels; text before the first label is an unlabelled section.
/// Whitespace runs (line wraps, double spaces) become single spaces. Empty text gives no sections.
pub fn split_labelled(text: &str) -> Vec<AbstractSection> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut sections = Vec::new();
    let mut label: Option<String> = None;
    let mut body: Vec<&str> = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let may_start_heading = index == 0 || ends_sentence(words[index - 1]);
        let heading = if may_start_heading { label_at(&words, index) } else { None };
        match heading {
            Some((next_label, label_words)) => {
                push_section(&mut sections, label.take(), &body);
                body.clear();
                label = Some(next_label);
                index += label_words;
            }
            None => {
                body.push(words[index]);
                index += 1;
            }
        }
    }
    push_section(&mut sections, label, &body);
    sections
}

fn push_section(sections: &mut Vec<AbstractSection>, label: Option<String>, body: &[&str]) {
    if label.is_some() || !body.is_empty() {
        sections.push(AbstractSection { label, text: body.join(" ") });
    }
}

/// The label starting at `words[start]` and how many words it spans, when one does.
fn label_at(words: &[&str], start: usize) -> Option<(String, usize)> {
    let last_possible = words.len().min(start + MAX_LABEL_WORDS);
    // A label needs text after it, hence the bound `last_possible - 1` for the word with the colon.
    for end in start..last_possible.saturating_sub(1) {
        let word = words[end];
        if let Some(stem) = word.strip_suffix(':') {
            let mut parts: Vec<&str> = words[start..end].to_vec();
            parts.push(stem);
            let label = parts.join(" ");
            return is_label(&parts, &label).then_some((label, end - start + 1));
        }
        if word.contains(':') {
            return None;
        }
    }
    None
}

fn is_label(parts: &[&str], label: &str) -> bool {
    if parts.iter().any(|part| part.is_empty()) || !label.starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    let in_capitals = !label.chars().any(char::is_lowercase)
        && label.chars().filter(|c| c.is_uppercase()).count() >= 3
        && parts.iter().all(|part| part.chars().all(|c| c.is_alphanumeric() || "&/-,()".contains(c)));
    in_capitals || is_sentence_case_heading(label)
}

/// "Background", "Trial registration": a heading journals print in sentence case.
pub fn is_sentence_case_heading(label: &str) -> bool {
    label.starts_with(char::is_uppercase) && SENTENCE_CASE_HEADINGS.contains(&label.to_lowercase().as_str())
}

/// Whether a word closes a sentence, so that a heading may follow it (`... cohort. RESULTS: ...`).
fn ends_sentence(word: &str) -> bool {
    let word = word.trim_end_matches([')', '"', '\'', '”', '’']);
    word.ends_with(['.', '?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<(Option<String>, String)> {
        split_labelled(text).into_iter().map(|section| (section.label, section.text)).collect()
    }

    fn labelled(label: &str, text: &str) -> (Option<String>, String) {
        (Some(label.to_string()), text.to_string())
    }

    #[test]
    fn capitalised_labels_split_after_sentence_ends() {
        let text = "BACKGROUND: Myeloma\n      relapses. MATERIALS AND METHODS: We  treated 30 patients. RESULTS: Half responded.";
        assert_eq!(
            labels(text),
            vec![
                labelled("BACKGROUND", "Myeloma relapses."),
                labelled("MATERIALS AND METHODS", "We treated 30 patients."),
                labelled("RESULTS", "Half responded."),
            ]
        );
    }

    #[test]
    fn sentence_case_headings_are_recognised_from_the_list() {
        let text = "Background: One. Trial registration: NCT0001. Conclusion: Two.";
        let found: Vec<_> = labels(text).into_iter().filter_map(|(label, _)| label).collect();
        assert_eq!(found, ["Background", "Trial registration", "Conclusion"]);
    }

    #[test]
    fn ordinary_colons_stay_text() {
        for text in [
            "Patients fell in three groups: A, B and C.",
            "We asked one question. Why now: nobody knew.",
            "Ratio of 2:1 was used. The cohort: large.",
            "Dosing was weekly. IV: 10 mg.",
            "In 2019 the BACKGROUND: was odd.",
        ] {
            assert_eq!(labels(text), vec![(None, text.to_string())], "{text}");
        }
    }

    #[test]
    fn text_before_the_first_label_is_kept_unlabelled() {
        assert_eq!(
            labels("An intro sentence. PURPOSE: To test."),
            vec![(None, "An intro sentence.".to_string()), labelled("PURPOSE", "To test.")]
        );
    }

    #[test]
    fn a_trailing_colon_word_is_not_a_label_and_empty_text_has_no_sections() {
        assert_eq!(labels("Done. RESULTS:"), vec![(None, "Done. RESULTS:".to_string())]);
        assert!(split_labelled("  \n ").is_empty());
    }

    #[test]
    fn labels_after_a_closing_parenthesis_and_non_ascii_text() {
        assert_eq!(
            labels("Zwei Gruppen (n=4). ERGEBNISSE: Größer."),
            vec![(None, "Zwei Gruppen (n=4).".to_string()), labelled("ERGEBNISSE", "Größer.")]
        );
    }
}
