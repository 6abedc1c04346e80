//! A publication printed as serde_json pretty-prints it in a library, without going through serde: the generic
//! printer was most of a library JSON export's printing. [`super::push_pretty_at`] (serde) stays the reference, and
//! the tests hold the two to the same bytes.

use crate::formats::export::json_pretty::{Object, push_array, push_number, push_string};
use crate::model::{AbstractSection, Publication};

/// `publication`, its `{` where the cursor is and its fields `depth` levels in: what [`super::push_pretty_at`] prints
/// of it `depth - 1` levels in.
#[cfg(test)]
pub fn push_publication(text: &mut String, publication: &Publication, depth: usize) {
    push_publication_with(text, publication, depth, |text, depth| push_own_abstract(text, publication, depth));
}

/// [`push_publication`], its abstract printed by `push_abstract` (told the depth of the array's elements), as
/// [`push_own_abstract`] prints the publication's own.
pub fn push_publication_with(
    text: &mut String,
    publication: &Publication,
    depth: usize,
    push_abstract: impl FnOnce(&mut String, usize),
) {
    let mut object = Object::open(text, depth);
    push_array(object.key("authors"), depth + 1, &publication.authors, |text, author| push_string(text, author));
    object.key("et_al").push_str(boolean(publication.et_al));
    object.string("title", &publication.title);
    object.string("journal", &publication.journal);
    match publication.year {
        Some(year) => push_number(object.key("year"), &year),
        None => object.key("year").push_str("null"),
    }
    string_or_null(&mut object, "date", publication.date.as_deref());
    string_or_null(&mut object, "volume", publication.volume.as_deref());
    string_or_null(&mut object, "issue", publication.issue.as_deref());
    string_or_null(&mut object, "pages", publication.pages.as_deref());
    object.key("free_full_text").push_str(boolean(publication.free_full_text));
    string_or_null(&mut object, "pmc_free_after", publication.pmc_free_after.as_deref());
    push_abstract(object.key("abstract"), depth + 1);
    string_or_null(&mut object, "pmid", publication.pmid.as_deref());
    string_or_null(&mut object, "doi", publication.doi.as_deref());
    string_or_null(&mut object, "pmc", publication.pmc.as_deref());
    if !publication.kind.is_article() {
        // Rare (most of PubMed is articles): the name serde gives it is borrowed rather than spelt again here.
        object.key("kind").push_str(&serde_json::to_string(&publication.kind).expect("a kind serialises"));
    }
    if !publication.tags.is_empty() {
        push_array(object.key("tags"), depth + 1, &publication.tags, |text, tag| push_string(text, tag));
    }
    if let Some(note) = &publication.note {
        object.string("note", note);
    }
    object.close();
}

/// The `abstract` array of `publication`, at the cursor, its sections `depth` levels in.
pub fn push_own_abstract(text: &mut String, publication: &Publication, depth: usize) {
    push_array(text, depth, &publication.abstract_sections, |text, section: &AbstractSection| {
        push_section(text, section.label.as_deref(), &section.text, depth + 1)
    });
}

/// An `abstract` array of `sections` (each a label, if any, and a text), at the cursor, its sections `depth` levels
/// in, as [`push_own_abstract`] prints a publication's own sections.
pub fn push_abstract(text: &mut String, sections: &[super::SectionText], depth: usize) {
    push_array(text, depth, sections, |text, &(label, body)| push_section(text, label, body, depth + 1));
}

fn push_section(text: &mut String, label: Option<&str>, body: &str, depth: usize) {
    let mut object = Object::open(text, depth);
    string_or_null(&mut object, "label", label);
    object.string("text", body);
    object.close();
}

fn string_or_null(object: &mut Object, key: &str, value: Option<&str>) {
    match value {
        Some(value) => object.string(key, value),
        None => object.key(key).push_str("null"),
    }
}

fn boolean(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordKind;

    /// What serde prints of `publication` at `depth`, and what this prints.
    fn both(publication: &Publication, depth: usize) -> (String, String) {
        let mut serde = String::new();
        super::super::push_pretty_at(&mut serde, publication, depth, &mut Vec::new());
        let mut direct = String::new();
        push_publication(&mut direct, publication, depth + 1);
        (serde, direct)
    }

    #[test]
    fn a_publication_is_printed_as_serde_json_prints_it() {
        let hostile = "\u{1b}]0;x\u{7} \"quoted\" back\\slash\ttab\nline \u{7f}\u{85}\u{9b} é😀";
        let mut every_field = Publication {
            date: Some(hostile.into()),
            tags: vec!["review".into(), hostile.into()],
            note: Some(format!("note {hostile}")),
            kind: RecordKind::ConferencePaper,
            free_full_text: true,
            pmc_free_after: Some("2019-11-30".into()),
            ..crate::model::sample_publication()
        };
        every_field.abstract_sections.push(AbstractSection { label: None, text: hostile.into() });
        every_field.abstract_sections.push(AbstractSection { label: Some(hostile.into()), text: String::new() });
        let empty = Publication::default();
        let generated = crate::synthetic::library(200, 9).pages.into_iter().flat_map(|page| page.publications);
        let publications = [every_field, empty].into_iter().chain(generated);
        for (at, publication) in publications.enumerate() {
            for depth in [0, 4] {
                let (serde, direct) = both(&publication, depth);
                assert_eq!(direct, serde, "publication {at} at depth {depth}");
            }
        }
    }

    #[test]
    fn sections_given_apart_are_printed_as_the_publications_own() {
        let hostile = "\u{1b}]0;x\u{7} \"quoted\" back\\slash\ttab\nline \u{7f}\u{85}\u{9b} é😀";
        let mut publication = crate::model::sample_publication();
        publication.abstract_sections.push(AbstractSection { label: Some(hostile.into()), text: hostile.into() });
        for one in [publication, Publication::default()] {
            let sections: Vec<(Option<&str>, &str)> =
                one.abstract_sections.iter().map(|section| (section.label.as_deref(), section.text.as_str())).collect();
            let mut apart = String::new();
            push_publication_with(&mut apart, &one, 5, |text, depth| push_abstract(text, &sections, depth));
            let (serde, _) = both(&one, 4);
            assert_eq!(apart, serde);
        }
    }

    #[test]
    fn every_kind_is_printed_as_serde_names_it() {
        for kind in [RecordKind::Article, RecordKind::Book, RecordKind::WebPage, RecordKind::Other] {
            let (serde, direct) = both(&Publication { kind, ..Publication::default() }, 4);
            assert_eq!(direct, serde, "{kind:?}");
        }
    }
}
