//! A MEDLINE record's abstract: every `AB`, then every other abstract (`OAB`, e.g. the authors' abstract in
//! another language), each split into its labelled sections.

use super::tagged::Record;
use crate::formats::sections::split_labelled;
use crate::model::AbstractSection;

pub(super) fn abstract_sections(record: &Record) -> Vec<AbstractSection> {
    let other_abstracts = record.values("OAB").filter(|text| !is_publisher_placeholder(text));
    record.values("AB").chain(other_abstracts).filter(|text| !text.is_empty()).flat_map(split_labelled).collect()
}

/// `Publisher: Abstract available from the publisher.`: PubMed's note that it has no abstract, not an abstract.
pub(super) fn is_publisher_placeholder(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.').to_ascii_lowercase();
    let text = text.strip_prefix("publisher:").unwrap_or(&text).trim_start();
    text == "abstract available from the publisher"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_publisher_placeholder_is_recognised_in_its_forms() {
        for text in [
            "Publisher: Abstract available from the publisher.",
            "Abstract available from the publisher",
            " publisher:  abstract available from the publisher. ",
        ] {
            assert!(is_publisher_placeholder(text), "{text}");
        }
        for text in ["Hintergrund: Das Abstract ist beim Verlag erhältlich.", "Abstract available from the authors."] {
            assert!(!is_publisher_placeholder(text), "{text}");
        }
    }
}
