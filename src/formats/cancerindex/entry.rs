//! One publication entry: an authors line, a title line, a citation line and abstract paragraphs.

use super::Line;
use super::citation::{self, CitationLine};
use crate::formats::{Diagnostic, sections};
use crate::model::{AbstractSection, CompactString, Publication};

/// Reads the entries in one blank-line-separated block. Usually a block is one entry, but a page whose blank
/// lines were lost runs entries together, so every citation line starts an entry with the two lines above it.
/// Lines that belong to no entry, and entries that cannot be read, become warnings naming their line.
pub(super) fn read_block(file: &str, block: &[Line], warnings: &mut Vec<Diagnostic>) -> Vec<Publication> {
    let citations = citation_lines(block);
    if citations.is_empty() {
        let first_line = block.first().map_or(0, |line| line.number);
        warnings.push(Diagnostic::skipped(
            file,
            first_line,
            "entry has no citation line ('Journal. Year; volume(issue):pages [PubMed]'), skipped",
        ));
        return Vec::new();
    }

    let mut publications = Vec::new();
    let mut claimed = 0;
    for (nth, (at, citation)) in citations.iter().enumerate() {
        let at = *at;
        let end = citations.get(nth + 1).map_or(block.len(), |(next, _)| next.saturating_sub(2).max(at + 1));
        let header_start = at.saturating_sub(2).max(claimed);
        if header_start > claimed {
            warnings.push(Diagnostic::skipped(
                file,
                block[claimed].number,
                "text before an entry, perhaps an entry cut off before its citation line, skipped",
            ));
        }
        let header = &block[header_start..at];
        let abstract_lines = &block[at + 1..end];
        claimed = end;
        let citation_line = block[at].number;
        let (authors_line, title) = match header {
            [authors, title] => (Some(authors.text), title.text),
            [title] => {
                warnings.push(Diagnostic::warning(
                    file,
                    title.number,
                    "entry has only one line above its citation: read as the title, without authors",
                ));
                (None, title.text)
            }
            _ => {
                warnings.push(Diagnostic::skipped(
                    file,
                    citation_line,
                    "citation line with no title above it, skipped",
                ));
                continue;
            }
        };
        let mut publication = Publication { title: title.to_string(), ..Publication::default() };
        if let Some(authors_line) = authors_line {
            (publication.authors, publication.et_al) = read_authors(authors_line);
        }
        apply_citation(&mut publication, citation, file, citation_line, warnings);
        publication.abstract_sections = abstract_lines.iter().map(|line| read_abstract_paragraph(line.text)).collect();
        publications.push(publication);
    }
    publications
}

/// The block's citation lines. When some carry the `[PubMed]` link only those count, so that a title which happens
/// to read like a reference ("Myeloma update. 2019") is not taken for one.
fn citation_lines(block: &[Line]) -> Vec<(usize, CitationLine)> {
    let linked_only = block.iter().any(|line| citation::has_pubmed_link(line.text));
    block
        .iter()
        .enumerate()
        .filter(|(_, line)| !linked_only || citation::has_pubmed_link(line.text))
        .filter_map(|(at, line)| citation::read(line.text).map(|citation| (at, citation)))
        .collect()
}

fn apply_citation(
    publication: &mut Publication,
    citation: &CitationLine,
    file: &str,
    line: usize,
    warnings: &mut Vec<Diagnostic>,
) {
    match &citation.reference {
        Some(reference) => {
            let text = |value: &Option<String>| value.as_deref().map(CompactString::from);
            publication.journal = reference.journal.as_str().into();
            publication.date = Some(reference.date.as_str().into());
            publication.year = Some(reference.year);
            publication.volume = text(&reference.volume);
            publication.issue = text(&reference.issue);
            publication.pages = text(&reference.pages);
        }
        None => {
            warnings.push(Diagnostic::warning(
                file,
                line,
                format!(
                    "citation '{}' is not 'Journal. Year; volume(issue):pages': kept as the journal",
                    citation.reference_text
                ),
            ));
            publication.journal = citation.reference_text.as_str().into();
        }
    }
    publication.free_full_text = citation.free_full_text;
    if let Some(embargo) = &citation.pmc_free_after {
        match &embargo.iso {
            Some(iso) => publication.pmc_free_after = Some(iso.as_str().into()),
            None => warnings.push(Diagnostic::warning(
                file,
                line,
                format!("PMC date '{}' is not a DD/MM/YYYY date, ignored", embargo.printed),
            )),
        }
    }
}

/// `Chari A, Vogl DT, Gavriatopoulou M, et al.` as the names and whether the list was cut short.
fn read_authors(line: &str) -> (Vec<CompactString>, bool) {
    let mut names: Vec<&str> = line.split(',').map(str::trim).filter(|name| !name.is_empty()).collect();
    let is_et_al = |name: &str| matches!(name, "et al." | "et al");
    let mut et_al = names.last().is_some_and(|name| is_et_al(name));
    if et_al {
        names.pop();
    } else if let Some(last) = names.last_mut() {
        // "Wang X et al." without the comma.
        if let Some(name) = last.strip_suffix(" et al.").or_else(|| last.strip_suffix(" et al")) {
            *last = name.trim_end();
            et_al = true;
        }
    }
    (names.into_iter().map(CompactString::from).collect(), et_al)
}

/// A paragraph that opens with a label in capitals (`BACKGROUND:`, `PATIENT CONCERNS:`), or with a heading
/// journals print in sentence case (`Background:`), is that section; any other paragraph is kept whole.
fn read_abstract_paragraph(line: &str) -> AbstractSection {
    match line.split_once(':') {
        Some((label, text))
            if (is_section_label(label) || sections::is_sentence_case_heading(label))
                && (text.is_empty() || text.starts_with(char::is_whitespace)) =>
        {
            AbstractSection { label: Some(label.to_string()), text: text.trim().to_string() }
        }
        _ => AbstractSection { label: None, text: line.to_string() },
    }
}

fn is_section_label(text: &str) -> bool {
    let letters = text.chars().filter(char::is_ascii_uppercase).count();
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && !text.ends_with(' ')
        && letters >= 2
        && text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, ' ' | '&' | '/' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(label: Option<&str>, text: &str) -> AbstractSection {
        AbstractSection { label: label.map(String::from), text: text.to_string() }
    }

    #[test]
    fn authors_with_and_without_et_al() {
        let names = |names: &[&str]| names.iter().map(|&name| CompactString::from(name)).collect::<Vec<_>>();
        assert_eq!(
            read_authors("Chari A, Vogl DT, Gavriatopoulou M, et al."),
            (names(&["Chari A", "Vogl DT", "Gavriatopoulou M"]), true)
        );
        assert_eq!(read_authors("Wang X, Xie H, Zhang L"), (names(&["Wang X", "Xie H", "Zhang L"]), false));
        assert_eq!(read_authors("Wang X et al."), (names(&["Wang X"]), true));
        assert_eq!(
            read_authors("Fernández-Caballero M, Dolores Chirlaque M"),
            (names(&["Fernández-Caballero M", "Dolores Chirlaque M"]), false)
        );
    }

    #[test]
    fn labels_are_capitals_at_the_start_of_a_paragraph() {
        assert_eq!(
            read_abstract_paragraph("BACKGROUND: Selinexor, a selective"),
            section(Some("BACKGROUND"), "Selinexor, a selective")
        );
        assert_eq!(
            read_abstract_paragraph("PATIENT CONCERNS: A 60-year-old"),
            section(Some("PATIENT CONCERNS"), "A 60-year-old")
        );
        assert_eq!(
            read_abstract_paragraph("MATERIAL AND METHODS: Data"),
            section(Some("MATERIAL AND METHODS"), "Data")
        );
        assert_eq!(read_abstract_paragraph("AIMS & SCOPE/2-A: x"), section(Some("AIMS & SCOPE/2-A"), "x"));
    }

    #[test]
    fn sentence_case_headings_are_sections_too() {
        let text = "Background: Refractory and relapsed multiple myeloma remains a clinical challenge.";
        let expected =
            section(Some("Background"), "Refractory and relapsed multiple myeloma remains a clinical challenge.");
        assert_eq!(read_abstract_paragraph(text), expected);
    }

    #[test]
    fn other_paragraphs_are_kept_whole() {
        for text in [
            "Note: the background of this study is refractory myeloma.",
            "Patients were randomly assigned (2:1) to receive plitidepsin",
            "We describe the IMPORTANCE OF NGS: a case.",
            "CD38 antigen is highly expressed: on plasma cells",
            "RATIO:2 was reached",
            "A: a one-letter label is more likely a list item",
            "NF-κB: is not all ASCII capitals",
            "",
        ] {
            assert_eq!(read_abstract_paragraph(text), section(None, text), "{text}");
        }
    }

    /// Numbered from 10 so that a line number cannot be confused with an index.
    fn lines(texts: &[&'static str]) -> Vec<Line<'static>> {
        texts.iter().enumerate().map(|(at, text)| Line { number: at + 10, text }).collect()
    }

    #[test]
    fn entries_run_together_are_still_separated() {
        let block = lines(&[
            "Chari A, et al.",
            "First.",
            "N Engl J Med. 2019; 381(8):727-738 [PubMed]",
            "Abstract one.",
            "Wang X",
            "Second.",
            "Blood. 2019 [PubMed]",
        ]);
        let mut warnings = Vec::new();
        let publications = read_block("p.txt", &block, &mut warnings);
        assert_eq!(warnings, Vec::new());
        let titles: Vec<&str> = publications.iter().map(|publication| publication.title.as_str()).collect();
        assert_eq!(titles, ["First.", "Second."]);
        assert_eq!(publications[0].abstract_sections, vec![section(None, "Abstract one.")]);
        assert_eq!(publications[1].authors, ["Wang X"]);
    }

    #[test]
    fn an_entry_cut_off_before_its_citation_is_a_warning_naming_its_line() {
        let block = lines(&["Lost A, et al.", "Lost title.", "Chari A, et al.", "First.", "Blood. 2019 [PubMed]"]);
        let mut warnings = Vec::new();
        let publications = read_block("p.txt", &block, &mut warnings);
        assert_eq!(publications.len(), 1);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 10);
        assert!(warnings[0].is_skip(), "the cut-off text counts as skipped");

        let mut warnings = Vec::new();
        assert!(read_block("p.txt", &lines(&["Lost A, et al.", "Lost title."]), &mut warnings).is_empty());
        assert_eq!(
            warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["p.txt:10: entry has no citation line ('Journal. Year; volume(issue):pages [PubMed]'), skipped"]
        );
        assert!(warnings[0].is_skip());
    }

    #[test]
    fn odd_headers_and_citations_are_warnings() {
        let mut warnings = Vec::new();
        let publications = read_block("p.txt", &lines(&["Only a title.", "In press [PubMed]"]), &mut warnings);
        assert_eq!(publications.len(), 1);
        assert_eq!((publications[0].title.as_str(), publications[0].journal.as_str()), ("Only a title.", "In press"));
        assert_eq!(warnings.iter().map(|warning| warning.line).collect::<Vec<_>>(), [10, 11]);

        let mut warnings = Vec::new();
        assert!(read_block("p.txt", &lines(&["Blood. 2019 [PubMed]", "text"]), &mut warnings).is_empty());
        assert_eq!(warnings.len(), 1);
    }
}
