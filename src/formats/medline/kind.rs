//! What a MEDLINE record is, from its publication types (`PT`) and, for NCBI Bookshelf records, its book title.

use super::tagged::Record;
use crate::model::RecordKind;

/// Publication types that make a record something other than a journal article. Everything else (`Journal
/// Article`, `Review`, `Case Reports`, `Clinical Trial`, `Comment`, ...) describes an article.
const KINDS_BY_TYPE: &[(&str, RecordKind)] = &[
    ("Dataset", RecordKind::Dataset),
    ("Preprint", RecordKind::Preprint),
    ("Congress", RecordKind::ConferencePaper),
    ("Academic Dissertation", RecordKind::Thesis),
    ("Technical Report", RecordKind::Report),
];

/// A Bookshelf record names its book in `BTI`: with a `TI` of its own it is a chapter of that book, without one
/// it is the book. Otherwise the first publication type that names a kind decides.
pub(super) fn record_kind(record: &Record) -> RecordKind {
    if record.first(&["BTI"]).is_some() {
        return if record.first(&["TI"]).is_some() { RecordKind::Chapter } else { RecordKind::Book };
    }
    let types: Vec<&str> = record.values("PT").collect();
    KINDS_BY_TYPE
        .iter()
        .find(|(name, _)| types.iter().any(|kind| kind.eq_ignore_ascii_case(name)))
        .map_or(RecordKind::Article, |&(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[(&'static str, &str)]) -> Record<'static> {
        Record::of(fields)
    }

    #[test]
    fn publication_types_name_the_kind() {
        let cases = [
            (&[("PT", "Journal Article"), ("PT", "Preprint")][..], RecordKind::Preprint),
            (&[("PT", "Dataset")], RecordKind::Dataset),
            (&[("PT", "Congress")], RecordKind::ConferencePaper),
            (&[("PT", "Academic Dissertation")], RecordKind::Thesis),
            (&[("PT", "Technical Report")], RecordKind::Report),
            (&[("PT", "Journal Article"), ("PT", "Review"), ("PT", "Case Reports")], RecordKind::Article),
            (&[("PT", "Clinical Trial, Phase II"), ("PT", "Consensus Development Conference")], RecordKind::Article),
            (&[], RecordKind::Article),
        ];
        for (fields, kind) in cases {
            assert_eq!(record_kind(&record(fields)), kind, "{fields:?}");
        }
    }

    #[test]
    fn a_book_title_makes_a_chapter_or_a_book() {
        let chapter = record(&[("TI", "Myeloma"), ("BTI", "GeneReviews"), ("PT", "Review")]);
        assert_eq!(record_kind(&chapter), RecordKind::Chapter);
        assert_eq!(record_kind(&record(&[("BTI", "A Handbook"), ("PT", "Review")])), RecordKind::Book);
    }
}
