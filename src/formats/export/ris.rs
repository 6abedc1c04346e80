//! RIS, the tagged format every reference manager imports: `TY  - JOUR` ... `ER  - ` per publication.

use super::fields::{inverted_author, page_range};
use crate::model::Publication;

/// Every publication as one RIS record. Lines end in CRLF, as the format's specification asks.
pub fn to_string(publications: &[&Publication]) -> String {
    publications.iter().map(|publication| record(publication)).collect()
}

/// One record, from `TY  - JOUR` to `ER  - ` and a blank line.
pub fn record(publication: &Publication) -> String {
    let mut lines = vec![tagged("TY", "JOUR")];
    for author in publication.authors.iter().filter(|author| !author.trim().is_empty()) {
        lines.push(tagged("AU", &inverted_author(author)));
    }
    push(&mut lines, "TI", &publication.title);
    // T2 is what most readers take as the journal, JO its abbreviation; the source only has the abbreviation.
    push(&mut lines, "T2", &publication.journal);
    push(&mut lines, "JO", &publication.journal);
    if let Some(year) = publication.year {
        lines.push(tagged("PY", &year.to_string()));
    }
    push_optional(&mut lines, "VL", &publication.volume);
    push_optional(&mut lines, "IS", &publication.issue);
    if let Some(pages) = publication.pages.as_deref().filter(|pages| !pages.trim().is_empty()) {
        let (first, last) = page_range(pages);
        push(&mut lines, "SP", &first);
        if let Some(last) = last {
            push(&mut lines, "EP", &last);
        }
    }
    // One line per tag: the sections of a structured abstract run on, each introduced by its label.
    let abstract_text = publication
        .abstract_sections
        .iter()
        .map(|section| match &section.label {
            Some(label) => format!("{label}: {}", section.text),
            None => section.text.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    push(&mut lines, "AB", &abstract_text);
    push_optional(&mut lines, "DO", &publication.doi);
    push_optional(&mut lines, "AN", &publication.pmid);
    // A bare accession number means nothing without its database; the PubMed link says which it is,
    // and reference managers make it clickable.
    if let Some(pmid) = &publication.pmid {
        push(&mut lines, "UR", &format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"));
    }
    push_optional(&mut lines, "C2", &publication.pmc);
    lines.push("ER  - ".to_string());
    let mut text = lines.join("\r\n");
    text.push_str("\r\n\r\n");
    text
}

fn push(lines: &mut Vec<String>, tag: &str, value: &str) {
    if !value.trim().is_empty() {
        lines.push(tagged(tag, value));
    }
}

fn push_optional(lines: &mut Vec<String>, tag: &str, value: &Option<String>) {
    if let Some(value) = value {
        push(lines, tag, value);
    }
}

/// `TAG  - value` with the value on one line: a line break would start what readers take as a new tag.
fn tagged(tag: &str, value: &str) -> String {
    let one_line: String = value.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    format!("{tag}  - {one_line}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AbstractSection;

    #[test]
    fn record_has_one_tag_per_line_and_one_au_per_author() {
        let publication = Publication {
            authors: vec!["Chari A".into(), "Vogl DT".into()],
            title: "Oral Selinexor\nDexamethasone".into(),
            journal: "N Engl J Med".into(),
            year: Some(2019),
            volume: Some("381".into()),
            issue: Some("8".into()),
            pages: Some("727-38".into()),
            abstract_sections: vec![
                AbstractSection { label: Some("BACKGROUND".into()), text: "Why.".into() },
                AbstractSection { label: None, text: "How.".into() },
            ],
            doi: Some("10.1056/NEJMoa1903455".into()),
            pmid: Some("31433920".into()),
            ..Publication::default()
        };
        let expected = [
            "TY  - JOUR",
            "AU  - Chari, A.",
            "AU  - Vogl, D. T.",
            "TI  - Oral Selinexor Dexamethasone",
            "T2  - N Engl J Med",
            "JO  - N Engl J Med",
            "PY  - 2019",
            "VL  - 381",
            "IS  - 8",
            "SP  - 727",
            "EP  - 738",
            "AB  - BACKGROUND: Why. How.",
            "DO  - 10.1056/NEJMoa1903455",
            "AN  - 31433920",
            "UR  - https://pubmed.ncbi.nlm.nih.gov/31433920/",
            "ER  - ",
            "",
            "",
        ]
        .join("\r\n");
        assert_eq!(record(&publication), expected);
    }

    #[test]
    fn empty_fields_are_left_out() {
        let publication =
            Publication { title: "Only a title".into(), volume: Some(" ".into()), ..Publication::default() };
        assert_eq!(record(&publication), "TY  - JOUR\r\nTI  - Only a title\r\nER  - \r\n\r\n");
    }
}
