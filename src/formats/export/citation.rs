//! One publication as text to paste: a reference line, or a BibTeX or RIS record for a reference manager.

use super::{bibtex, ris};
use crate::model::{Publication, RecordKind};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CitationStyle {
    /// NLM/AMA-like: `Chari A, Vogl DT, Gavriatopoulou M, et al. Title. N Engl J Med. 2019;381(8):727-738.`
    #[default]
    Plain,
    Bibtex,
    Ris,
}

impl CitationStyle {
    /// In menu order.
    pub const ALL: [CitationStyle; 3] = [CitationStyle::Plain, CitationStyle::Bibtex, CitationStyle::Ris];

    /// What a menu and the status bar call the style.
    pub fn label(self) -> &'static str {
        match self {
            CitationStyle::Plain => "plain text",
            CitationStyle::Bibtex => "BibTeX",
            CitationStyle::Ris => "RIS",
        }
    }
}

pub fn cite(publication: &Publication, style: CitationStyle) -> String {
    match style {
        CitationStyle::Plain => plain(publication),
        CitationStyle::Bibtex => bibtex::entry(publication, &bibtex::base_key(publication)),
        CitationStyle::Ris => ris::record(publication),
    }
}

/// Authors before more than three are cut to three and "et al.", as NLM and AMA styles do.
const AUTHORS_LISTED: usize = 3;

fn plain(publication: &Publication) -> String {
    let mut parts: Vec<String> = Vec::new();
    let authors: Vec<&str> =
        publication.authors.iter().map(|author| author.trim()).filter(|author| !author.is_empty()).collect();
    if !authors.is_empty() {
        let listed = &authors[..authors.len().min(AUTHORS_LISTED)];
        let mut names = listed.join(", ");
        if authors.len() > AUTHORS_LISTED || publication.et_al {
            names.push_str(", et al");
        }
        parts.push(sentence(&names));
    }
    if !publication.title.trim().is_empty() {
        parts.push(sentence(&publication.title));
    }
    if !publication.journal.trim().is_empty() {
        // NLM's form for a part of a book or proceedings: "In: Book title."
        let container = match publication.kind {
            RecordKind::Chapter | RecordKind::ConferencePaper => format!("In: {}", publication.journal.trim()),
            _ => publication.journal.to_string(),
        };
        parts.push(sentence(&container));
    }
    let reference = journal_reference(publication);
    if !reference.is_empty() {
        parts.push(sentence(&reference));
    }
    if let Some(doi) = non_empty(&publication.doi) {
        parts.push(sentence(&format!("doi: {doi}")));
    }
    if let Some(pmid) = non_empty(&publication.pmid) {
        parts.push(sentence(&format!("PMID: {pmid}")));
    }
    parts.join(" ")
}

/// `2019;381(8):727-738`, leaving out what is unknown without leaving stray separators.
fn journal_reference(publication: &Publication) -> String {
    let mut reference = match publication.year {
        Some(year) => year.to_string(),
        None => non_empty(&publication.date).unwrap_or_default().to_string(),
    };
    let mut volume_issue = non_empty(&publication.volume).unwrap_or_default().to_string();
    if let Some(issue) = non_empty(&publication.issue) {
        volume_issue.push_str(&format!("({issue})"));
    }
    if !volume_issue.is_empty() {
        if !reference.is_empty() {
            reference.push(';');
        }
        reference.push_str(&volume_issue);
    }
    if let Some(pages) = non_empty(&publication.pages) {
        if !reference.is_empty() {
            reference.push(':');
        }
        reference.push_str(pages);
    }
    reference
}

/// The text with one closing period, unless it already ends a sentence.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '?', '!']) { text.to_string() } else { format!("{text}.") }
}

fn non_empty<Text: std::ops::Deref<Target = str>>(value: &Option<Text>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four authors, to see where each style cuts the list; no identifiers, to see them added.
    fn chari() -> Publication {
        Publication {
            authors: vec!["Chari A".into(), "Vogl DT".into(), "Gavriatopoulou M".into(), "Nooka AK".into()],
            et_al: false,
            pages: Some("727-738".into()),
            doi: None,
            pmid: None,
            ..crate::model::sample_publication()
        }
    }

    #[test]
    fn plain_citation_lists_three_authors_then_et_al() {
        assert_eq!(
            cite(&chari(), CitationStyle::Plain),
            "Chari A, Vogl DT, Gavriatopoulou M, et al. Oral Selinexor-Dexamethasone for Triple-Class \
             Refractory Multiple Myeloma. N Engl J Med. 2019;381(8):727-738."
        );
    }

    #[test]
    fn plain_citation_adds_identifiers_when_known() {
        let publication =
            Publication { doi: Some("10.1056/NEJMoa1903455".into()), pmid: Some("31433920".into()), ..chari() };
        assert!(
            cite(&publication, CitationStyle::Plain)
                .ends_with("2019;381(8):727-738. doi: 10.1056/NEJMoa1903455. PMID: 31433920."),
        );
    }

    #[test]
    fn plain_citation_leaves_no_stray_separators_for_missing_parts() {
        let sparse = Publication {
            authors: vec!["Wang X".into()],
            et_al: true,
            title: "Is it?".into(),
            journal: "Blood".into(),
            pages: Some("e12".into()),
            ..Publication::default()
        };
        assert_eq!(cite(&sparse, CitationStyle::Plain), "Wang X, et al. Is it? Blood. e12.");
        let two =
            Publication { authors: vec!["A B".into(), "C D".into()], title: "T".into(), ..Publication::default() };
        assert_eq!(cite(&two, CitationStyle::Plain), "A B, C D. T.");
        let issue_only = Publication { year: Some(2020), issue: Some("3".into()), ..Publication::default() };
        assert_eq!(cite(&issue_only, CitationStyle::Plain), "2020;(3).");
    }

    #[test]
    fn a_chapter_is_cited_in_its_book() {
        let chapter = Publication {
            kind: RecordKind::Chapter,
            authors: vec!["Raje N".into()],
            title: "Immunomodulatory drugs".into(),
            journal: "Myeloma Therapy".into(),
            year: Some(2020),
            pages: Some("131-152".into()),
            ..Publication::default()
        };
        assert_eq!(
            cite(&chapter, CitationStyle::Plain),
            "Raje N. Immunomodulatory drugs. In: Myeloma Therapy. 2020:131-152."
        );
    }

    #[test]
    fn bibtex_and_ris_citations_are_single_records() {
        assert!(cite(&chari(), CitationStyle::Bibtex).starts_with("@article{chari2019oral,\n"));
        let ris = cite(&chari(), CitationStyle::Ris);
        assert!(ris.starts_with("TY  - JOUR\r\n") && ris.ends_with("ER  - \r\n\r\n"), "{ris:?}");
    }
}
