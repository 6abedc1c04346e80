//! What a record is, from its `TY`, and which tags name the journal, book or proceedings it appears in.
//!
//! RIS has some forty types; lenaview keeps the few a reader of biomedical literature tells apart
//! ([`RecordKind`]). Types that are journal articles in all but name (`JFULL`, `EJOUR`, in-press) are articles;
//! magazine and newspaper articles too, since their source reads like a journal's. Anything else lenaview has no
//! kind for (`GEN`, `CASE`, `MAP`, ...) is `Other`, so that the list never calls it a journal article.

use crate::model::RecordKind;

/// Journal tags, best first: lenaview shows journals as PubMed prints them ("N Engl J Med"), so Web of
/// Science's ISO (`JI`) and 29-character (`J9`) abbreviations and the other abbreviations (`J2`, `JA`, `JO`,
/// `J1`) come before the full name (`T2`, `JF`). `BT` is the last resort for records that have nothing else.
const JOURNAL: &[&str] = &["JI", "J9", "J2", "JA", "JO", "J1", "T2", "JF", "BT"];
/// A chapter appears in a book: `BT` (EndNote), else `T2` (Zotero, the RIS specification).
const BOOK: &[&str] = &["BT", "T2", "JF", "JO", "J2", "JA"];
/// A conference paper appears in proceedings: Zotero writes their title as `C3` and the conference's name as `T2`.
const PROCEEDINGS: &[&str] = &["C3", "BT", "T2", "JF", "JO", "J2", "JA"];

/// The kind a `TY` names; some writers spell the type out (`TY  - Journal Article`).
pub(super) fn from_type(ty: &str) -> RecordKind {
    let ty: String = ty.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect();
    match ty.as_str() {
        "" | "JOUR" | "JFULL" | "EJOUR" | "ABST" | "INPR" | "MGZN" | "NEWS" | "JOURNALARTICLE" | "ARTICLE" => {
            RecordKind::Article
        }
        "BOOK" | "EBOOK" | "EDBOOK" | "CLSWK" | "SER" => RecordKind::Book,
        "CHAP" | "ECHAP" | "BOOKSECTION" | "BOOKCHAPTER" | "CHAPTER" => RecordKind::Chapter,
        "THES" | "THESIS" | "DISSERTATION" => RecordKind::Thesis,
        "CONF" | "CPAPER" | "CONFERENCEPAPER" | "CONFERENCEPROCEEDINGS" => RecordKind::ConferencePaper,
        "DATA" | "DBASE" | "AGGR" | "DATASET" => RecordKind::Dataset,
        "RPRT" | "GOVDOC" | "STAND" | "REPORT" => RecordKind::Report,
        // RIS has no preprint type; "unpublished work" is what lenaview writes for one.
        "UNPB" | "PREPRINT" => RecordKind::Preprint,
        "ELEC" | "WEB" | "BLOG" | "WEBPAGE" => RecordKind::WebPage,
        "PAT" | "PATENT" => RecordKind::Patent,
        _ => RecordKind::Other,
    }
}

/// The tags that may hold what lenaview shows where a journal would be, best first.
pub(super) fn container_tags(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Chapter => BOOK,
        RecordKind::ConferencePaper => PROCEEDINGS,
        _ => JOURNAL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_map_to_kinds() {
        let cases = [
            ("JOUR", RecordKind::Article),
            ("jfull", RecordKind::Article),
            ("MGZN", RecordKind::Article),
            ("", RecordKind::Article),
            ("EDBOOK", RecordKind::Book),
            ("ECHAP", RecordKind::Chapter),
            ("THES", RecordKind::Thesis),
            ("CPAPER", RecordKind::ConferencePaper),
            ("DBASE", RecordKind::Dataset),
            ("RPRT", RecordKind::Report),
            ("UNPB", RecordKind::Preprint),
            ("ELEC", RecordKind::WebPage),
            ("PAT", RecordKind::Patent),
            ("GEN", RecordKind::Other),
            ("CASE", RecordKind::Other),
            ("Journal Article", RecordKind::Article),
            ("Book Section", RecordKind::Chapter),
        ];
        for (ty, kind) in cases {
            assert_eq!(from_type(ty), kind, "{ty}");
        }
    }
}
