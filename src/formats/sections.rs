//! Structured abstracts: `BACKGROUND: ... METHODS: ...` in one paragraph, split into labelled sections.
//!
//! Shared by every importer whose source puts a whole abstract in one field (MEDLINE `AB`, RIS `AB`/`N2`).
//! A label is recognised only where a heading can stand: at the start of the text or right after a sentence
//! ends. It is either a run of words in capitals (`MATERIALS AND METHODS:`, how PubMed prints labels) or a
//! heading that journals print in sentence case (`Background:`, `Trial registration:`). Anything else with a
//! colon (`in three groups: A, B and C`, `Ratio: 2`) stays text, because a wrong split is worse than none.
//!
//! Capitals that are not a known heading get a closer look, because reference lists and prose hold them too:
//! identifiers (`DOI:`, `PMID:`), one short word (journal abbreviations and acronyms: `CMAJ:`, `JAMA:`,
//! `HR:`), capitals followed by a number (`NEJM: 2003;348:...`), and capitals after an abbreviation or an
//! author's initial (`Smith J. CMAJ:`, `et al. BLOOD:`) are not headings.

use crate::model::AbstractSection;

/// Longest label, in words: longer runs of capitals are shouting text, not a heading.
const MAX_LABEL_WORDS: usize = 6;

/// Capitalised words with a colon that name a reference's parts, not a section.
const NOT_HEADINGS: &[&str] =
    &["DOI", "E-MAIL", "EMAIL", "EPUB", "HTTP", "HTTPS", "ISBN", "ISSN", "ORCID", "PMCID", "PMID", "URL", "WWW"];

/// Fewer letters than this, in a one-word label in capitals that is not a known heading, make an acronym.
const MIN_UNKNOWN_LABEL_LETTERS: usize = 5;

/// Headings that journals print in sentence case, lower-cased. Capitalised labels that are not in this list
/// pass the checks in [`is_unknown_heading`].
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
    "goal",
    "goals",
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
        let before = index.checked_sub(1).map(|at| words[at]);
        let heading = if before.is_none_or(ends_sentence) { label_at(&words[index..], before) } else { None };
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

/// Whether a heading opens `words` right after the word `sentence_end`: `split_labelled` would start a
/// section there. Importers that must undo a source's joins (Ovid's `., RESULTS:`) ask this rather than
/// judging labels themselves.
pub fn heading_follows(sentence_end: &str, words: &[&str]) -> bool {
    ends_sentence(sentence_end) && label_at(words, Some(sentence_end)).is_some()
}

/// The label opening `words` (the word `before` precedes them) and how many words it spans, when one does.
fn label_at(words: &[&str], before: Option<&str>) -> Option<(String, usize)> {
    let last_possible = words.len().min(MAX_LABEL_WORDS);
    // A label needs text after it, hence the bound `last_possible - 1` for the word with the colon.
    for end in 0..last_possible.saturating_sub(1) {
        let word = words[end];
        if let Some(stem) = word.strip_suffix(':') {
            let mut parts: Vec<&str> = words[..end].to_vec();
            parts.push(stem);
            let label = parts.join(" ");
            return is_label(&parts, &label, before, words[end + 1]).then_some((label, end + 1));
        }
        if word.contains(':') {
            return None;
        }
    }
    None
}

/// Whether `label` (its words `parts`), between the words `before` and `after`, is a heading.
fn is_label(parts: &[&str], label: &str, before: Option<&str>, after: &str) -> bool {
    if parts.iter().any(|part| part.is_empty()) || !label.starts_with(|c: char| c.is_alphabetic()) {
        return false;
    }
    if is_sentence_case_heading(label) {
        return true;
    }
    let in_capitals = !label.chars().any(char::is_lowercase)
        && label.chars().filter(|c| c.is_uppercase()).count() >= 3
        && parts.iter().all(|part| part.chars().all(|c| c.is_alphanumeric() || "&/-,()".contains(c)));
    in_capitals && is_unknown_heading(parts, label, before, after)
}

/// Capitals that no list names as a heading: a heading unless they read as part of a reference or an acronym.
fn is_unknown_heading(parts: &[&str], label: &str, before: Option<&str>, after: &str) -> bool {
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let identifier = NOT_HEADINGS.contains(&label);
    let acronym = parts.len() == 1 && letters < MIN_UNKNOWN_LABEL_LETTERS;
    let reference_numbers = after.starts_with(|c: char| c.is_ascii_digit());
    let after_abbreviation = before.is_some_and(is_abbreviation);
    !(identifier || acronym || reference_numbers || after_abbreviation)
}

/// A word ending in a dot that does not end a sentence: an initial (`J.`), `et al.`, `vs.`, `e.g.`.
fn is_abbreviation(word: &str) -> bool {
    let Some(stem) = word.strip_suffix('.') else { return false };
    let initial = stem.chars().count() == 1 && stem.starts_with(char::is_uppercase);
    // Dots inside a word make an abbreviation (`e.g.`, `U.S.`), but not inside a link that ends a sentence.
    initial
        || (stem.contains('.') && !stem.contains('/'))
        || ["al", "vs", "cf", "pp", "no", "vol", "fig", "ref", "approx"].contains(&stem.to_lowercase().as_str())
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
    fn capitals_in_reference_lists_and_acronyms_are_not_labels() {
        for text in [
            "Smith J, Doe K. Screening for myeloma. CMAJ: 2003;168:1-5.",
            "Published online first. DOI: 10.1000/xyz123 and more.",
            "See the full record. PMID: 12345678.",
            "Jones K, et al. Lenalidomide in practice. JAMA: the journal agreed.",
            "Survival was longer. HR: 0.85 in the second arm.",
            "Lung cancer was studied. NSCLC: 40 patients were enrolled.",
            "Doe A, Roe B. Myeloma care. N ENGL J MED: 2003;348:2609.",
            "Reported by Smith J. MYELOMA GROUP: results to follow.",
            "Contact the authors. ORCID: https://orcid.org/0000-0001.",
        ] {
            assert_eq!(labels(text), vec![(None, text.to_string())], "{text}");
        }
    }

    #[test]
    fn known_and_unknown_headings_still_split() {
        let text = "Intro. RESULTS: 45 patients responded. HINTERGRUND: Text. AIM: To test. MAIN FINDINGS: Two.";
        let found: Vec<_> = labels(text).into_iter().filter_map(|(label, _)| label).collect();
        assert_eq!(found, ["RESULTS", "HINTERGRUND", "AIM", "MAIN FINDINGS"]);
    }

    #[test]
    fn a_link_that_ends_a_sentence_is_no_abbreviation() {
        let text = "ANZCTR https://www.anzctr.org.au/Trial.aspx?id=373115. INTERNATIONAL REGISTERED REPORT IDENTIFIER \
                    (IRRID): PRR1-10.2196/14432.";
        let found: Vec<_> = labels(text).into_iter().filter_map(|(label, _)| label).collect();
        assert_eq!(found, ["INTERNATIONAL REGISTERED REPORT IDENTIFIER (IRRID)"]);
        assert!(is_abbreviation("U.S.") && is_abbreviation("e.g."));
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
