//! The library as plain data: what every other layer reads, and what `lenaview import` prints as JSON.
//!
//! Field names are a public format (documented in the README and used with jq): rename nothing.

mod fields;
pub mod tag;

pub use fields::PaperFields;

pub use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Everything lenaview knows: pages of publications, each placed in the topic tree by its `path`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub pages: Vec<Page>,
}

/// One source page (a CancerIndex topic page, or one imported file), placed in the tree by `path`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Topic path from the root, without "Home": `["Treatments", ..., "Lenalidomide"]`.
    pub path: Vec<String>,
    #[serde(default)]
    pub summary: String,
    /// ISO date (`2019-09-01`) when the source says when it was last updated.
    #[serde(default)]
    pub last_updated: Option<String>,
    #[serde(default)]
    pub publications: Vec<Publication>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publication {
    /// Authors as printed in the source ("Chari A"), in order.
    #[serde(default)]
    pub authors: Vec<CompactString>,
    /// The source lists only the first authors and then "et al.".
    #[serde(default)]
    pub et_al: bool,
    pub title: String,
    /// Journal abbreviation as printed ("N Engl J Med", "Medicine (Baltimore)").
    #[serde(default)]
    pub journal: CompactString,
    #[serde(default)]
    pub year: Option<i32>,
    /// The publication date as the source prints it ("2019", "Fall 2018", "2019 Aug 22").
    #[serde(default)]
    pub date: Option<CompactString>,
    #[serde(default)]
    pub volume: Option<CompactString>,
    #[serde(default)]
    pub issue: Option<CompactString>,
    #[serde(default)]
    pub pages: Option<CompactString>,
    #[serde(default)]
    pub free_full_text: bool,
    /// ISO date after which the full text is free on PMC (`2019-11-30`).
    #[serde(default)]
    pub pmc_free_after: Option<CompactString>,
    #[serde(default, rename = "abstract")]
    pub abstract_sections: Vec<AbstractSection>,
    #[serde(default)]
    pub pmid: Option<CompactString>,
    #[serde(default)]
    pub doi: Option<CompactString>,
    #[serde(default)]
    pub pmc: Option<CompactString>,
    /// What the record is; journal articles (most of PubMed) leave it out of the JSON.
    #[serde(default, skip_serializing_if = "RecordKind::is_article")]
    pub kind: RecordKind,
    /// The reader's own tags for this paper (`review`, `to-read`): not from any source, but filled from the
    /// reader's state file when a paper is exported or cited (`marks::annotate`). Importers leave it empty unless
    /// they read back an export that carries tags (RIS `KW`, library JSON).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The reader's own note on this paper, filled like `tags` when exporting; importers leave it out unless they
    /// read back an export that carries it (RIS `N1`, library JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a record is: a journal article unless the source says otherwise (RIS `TY`, MEDLINE `PT`).
/// For a chapter or a conference paper, `journal` holds the book or proceedings it appears in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    #[default]
    Article,
    Book,
    Chapter,
    Thesis,
    ConferencePaper,
    Dataset,
    Report,
    Preprint,
    WebPage,
    Patent,
    Other,
}

impl RecordKind {
    /// Every kind, in declaration order: the order serde numbers them in (a cache file writes that number).
    pub const ALL: [RecordKind; 11] = [
        RecordKind::Article,
        RecordKind::Book,
        RecordKind::Chapter,
        RecordKind::Thesis,
        RecordKind::ConferencePaper,
        RecordKind::Dataset,
        RecordKind::Report,
        RecordKind::Preprint,
        RecordKind::WebPage,
        RecordKind::Patent,
        RecordKind::Other,
    ];

    pub fn is_article(&self) -> bool {
        *self == RecordKind::Article
    }

    /// How the list and the abstract name a record that is not a journal article ("Book chapter").
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Article => "Journal article",
            RecordKind::Book => "Book",
            RecordKind::Chapter => "Book chapter",
            RecordKind::Thesis => "Thesis",
            RecordKind::ConferencePaper => "Conference paper",
            RecordKind::Dataset => "Dataset",
            RecordKind::Report => "Report",
            RecordKind::Preprint => "Preprint",
            RecordKind::WebPage => "Web page",
            RecordKind::Patent => "Patent",
            RecordKind::Other => "Other",
        }
    }
}

/// One paragraph of an abstract; `label` is the section name (`BACKGROUND`) or `None` for plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbstractSection {
    pub label: Option<String>,
    pub text: String,
}

impl Library {
    /// Appends another library's pages: pages with the same path meet in one tree node when the tree is built.
    pub fn extend(&mut self, other: Library) {
        self.pages.extend(other.pages);
    }

    /// Every publication of every page, in order.
    pub fn publications(&self) -> impl Iterator<Item = &Publication> {
        self.pages.iter().flat_map(|page| &page.publications)
    }

    /// [`Library::publications`], to change them.
    pub fn publications_mut(&mut self) -> impl Iterator<Item = &mut Publication> {
        self.pages.iter_mut().flat_map(|page| &mut page.publications)
    }

    pub fn publication_count(&self) -> usize {
        self.pages.iter().map(|page| page.publications.len()).sum()
    }

    /// Keeps the first `limit` publications in order: whole pages up to the one the limit falls in, that one cut,
    /// no page after it. Whether anything (a publication or a page) was left out.
    pub fn keep_first(&mut self, limit: usize) -> bool {
        let mut left = limit;
        for (at, page) in self.pages.iter_mut().enumerate() {
            if left == 0 {
                self.pages.truncate(at);
                return true;
            }
            if page.publications.len() > left {
                page.publications.truncate(left);
                self.pages.truncate(at + 1);
                return true;
            }
            left -= page.publications.len();
        }
        false
    }
}

impl Publication {
    /// A key that names the same paper across re-imports and sources: PMID, else DOI, else title and year.
    pub fn key(&self) -> String {
        self.identifier_key().unwrap_or_else(|| self.title_year_key())
    }

    /// [`Publication::key`] written at the end of `key`: one buffer serves many publications (an export's).
    pub fn push_key(&self, key: &mut String) {
        PaperFields::push_key(self, key);
    }

    /// [`Publication::key`] when the paper has a PMID or DOI: a caller that needs the title key anyway (the
    /// catalog) builds it once instead of twice.
    pub fn identifier_key(&self) -> Option<String> {
        // Sized at once: a catalog makes one for each of a million publications at start-up.
        let identifier = self.pmid.as_ref().or(self.doi.as_ref());
        let mut key = String::with_capacity(identifier.map_or(0, |identifier| "pmid:".len() + identifier.len()));
        self.push_identifier_key(&mut key).then_some(key)
    }

    /// The paper by its normalised title and year alone: what two sources share when only one has identifiers.
    /// Built in one buffer: a catalog makes one for each of a million publications at start-up. The rule is
    /// [`PaperFields::push_title_year_key`], shared with the views a one-shot listing reads.
    pub fn title_year_key(&self) -> String {
        PaperFields::title_year_key(self)
    }

    /// "Chari A et al." / "Wang X" / "" — the short author form for one-line rows.
    pub fn first_author_short(&self) -> String {
        match self.authors.first() {
            None => String::new(),
            Some(first) if self.authors.len() > 1 || self.et_al => format!("{first} et al."),
            Some(first) => first.to_string(),
        }
    }

    /// Every author, with "et al." when the source cut the list short.
    pub fn authors_full(&self) -> String {
        let mut text = self.authors.join(", ");
        if self.et_al {
            text.push_str(if text.is_empty() { "et al." } else { ", et al." });
        }
        text
    }

    /// The journal reference as a reader expects it: `N Engl J Med. 2019; 381(8):727-738`.
    pub fn citation(&self) -> String {
        let mut text = String::new();
        if !self.journal.is_empty() {
            text.push_str(&self.journal);
            text.push('.');
        }
        let date = self.date.as_ref().map(|date| date.to_string()).or_else(|| self.year.map(|y| y.to_string()));
        if let Some(date) = date {
            text.push(' ');
            text.push_str(&date);
        }
        if let Some(volume) = &self.volume {
            text.push_str("; ");
            text.push_str(volume);
        }
        if let Some(issue) = &self.issue {
            text.push_str(&format!("({issue})"));
        }
        if let Some(pages) = &self.pages {
            text.push(':');
            text.push_str(pages);
        }
        text.trim().to_string()
    }

    /// Every abstract section joined, for full-text search and plain exports.
    pub fn abstract_text(&self) -> String {
        let mut text = String::new();
        self.push_abstract_text(&mut text, "\n");
        text
    }

    /// Every abstract section (`Label: text`) written at the end of `text`, `between` the sections: exports that
    /// keep a field on one line join them with a space.
    pub fn push_abstract_text(&self, text: &mut String, between: &str) {
        let sections = self.abstract_sections.iter().map(|section| (section.label.as_deref(), section.text.as_str()));
        push_sections(text, sections, between);
    }
}

/// Abstract sections, each a label (when it has one) and a text, written as [`Publication::push_abstract_text`]
/// writes a publication's: also from sections read in place from a cache file.
pub fn push_sections<'a>(text: &mut String, sections: impl Iterator<Item = (Option<&'a str>, &'a str)>, between: &str) {
    for (at, (label, section)) in sections.enumerate() {
        if at > 0 {
            text.push_str(between);
        }
        if let Some(label) = label {
            text.push_str(label);
            text.push_str(": ");
        }
        text.push_str(section);
    }
}

/// The paper the library's tests read, write and cite (Chari et al., N Engl J Med 2019), with every field a
/// citation uses; a test that needs less, or other values, says so with `..sample_publication()`.
#[cfg(test)]
pub(crate) fn sample_publication() -> Publication {
    Publication {
        authors: vec!["Chari A".into(), "Vogl DT".into()],
        et_al: true,
        title: "Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma.".into(),
        journal: "N Engl J Med".into(),
        year: Some(2019),
        date: Some("2019 Aug 22".into()),
        volume: Some("381".into()),
        issue: Some("8".into()),
        pages: Some("727-38".into()),
        doi: Some("10.1056/NEJMoa1903455".into()),
        pmid: Some("31433920".into()),
        ..Publication::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without identifiers, so the key falls back to the title.
    fn sample() -> Publication {
        Publication {
            title: "Oral Selinexor-Dexamethasone".into(),
            date: None,
            pages: Some("727-738".into()),
            doi: None,
            pmid: None,
            ..sample_publication()
        }
    }

    #[test]
    fn keeping_the_first_publications_cuts_the_page_they_end_in_and_drops_later_pages() {
        let library_of = |sizes: &[usize]| Library {
            pages: sizes
                .iter()
                .map(|&size| Page { publications: vec![Publication::default(); size], ..Page::default() })
                .collect(),
        };
        let sizes = |library: &Library| library.pages.iter().map(|page| page.publications.len()).collect::<Vec<_>>();
        for (limit, kept, cut) in [
            (0, &[][..], true),
            (1, &[1][..], true),
            (2, &[2][..], true),
            (3, &[2, 0, 1][..], true),
            (5, &[2, 0, 3][..], false),
            (9, &[2, 0, 3][..], false),
        ] {
            let mut library = library_of(&[2, 0, 3]);
            assert_eq!(library.keep_first(limit), cut, "limit {limit}");
            assert_eq!(sizes(&library), kept, "limit {limit}");
        }
    }

    #[test]
    fn citation_reads_like_the_source() {
        assert_eq!(sample().citation(), "N Engl J Med. 2019; 381(8):727-738");
    }

    #[test]
    fn author_forms() {
        let publication = sample();
        assert_eq!(publication.first_author_short(), "Chari A et al.");
        assert_eq!(publication.authors_full(), "Chari A, Vogl DT, et al.");
        let single = Publication { authors: vec!["Wang X".into()], ..Publication::default() };
        assert_eq!(single.first_author_short(), "Wang X");
    }

    #[test]
    fn key_prefers_identifiers_and_survives_cosmetic_title_changes() {
        let mut publication = sample();
        assert_eq!(publication.key(), "title:oralselinexordexamethasone:2019");
        publication.title = "Oral selinexor–dexamethasone.".into();
        assert_eq!(publication.key(), "title:oralselinexordexamethasone:2019");
        publication.doi = Some("10.1056/NEJMoa1903455".into());
        assert_eq!(publication.key(), "doi:10.1056/nejmoa1903455");
        publication.pmid = Some("31433920".into());
        assert_eq!(publication.key(), "pmid:31433920");
    }

    #[test]
    fn json_names_are_the_documented_ones() {
        let json = serde_json::to_value(sample()).unwrap();
        for name in ["authors", "et_al", "title", "journal", "year", "volume", "issue", "pages"] {
            assert!(json.get(name).is_some(), "{name} missing");
        }
        assert!(json.get("abstract").is_some());
        assert!(json["pmc_free_after"].is_null());
        assert!(json.get("kind").is_none(), "articles leave the kind out");
        let chapter = Publication { kind: RecordKind::Chapter, ..sample() };
        let json = serde_json::to_value(&chapter).unwrap();
        assert_eq!(json["kind"], "chapter");
        assert_eq!(serde_json::from_value::<Publication>(json).unwrap(), chapter);
    }
}
