//! How an import is written in a cache file: postcard, through mirrors of the model's types.
//!
//! The model's serde derives serve the JSON format, and one of them skips a field (`kind` of an article):
//! postcard does not name fields, so a skipped field would shift every later one. The mirrors below
//! (`#[serde(remote)]`) write every field, always, in declaration order. They name each field of the model
//! again, so a field added to the model without being added here is a compile error, not a misread cache.

use serde::de::DeserializeSeed;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use xxhash_rust::xxh3::xxh3_64;

use crate::formats::{Diagnostic, DiagnosticKind, Imported};
use crate::model::{AbstractSection, CompactString, Library, Page, Publication, RecordKind};

mod direct;
mod pages;
mod prefix;
mod view;

pub use direct::{ListedPage, Listing, publication_at as decode_publication_at};
pub use pages::{decode_on_every_core, listed_on_every_core};
pub use view::{ImportView, PageView, PublicationView, view};
#[cfg(test)]
pub(crate) use view::{Listed, listed};

#[derive(Serialize, Deserialize)]
#[serde(remote = "Publication")]
struct PublicationFields {
    authors: Vec<CompactString>,
    et_al: bool,
    title: String,
    journal: CompactString,
    year: Option<i32>,
    date: Option<CompactString>,
    volume: Option<CompactString>,
    issue: Option<CompactString>,
    pages: Option<CompactString>,
    free_full_text: bool,
    pmc_free_after: Option<CompactString>,
    #[serde(serialize_with = "abstracts::serialize", deserialize_with = "abstracts::deserialize")]
    abstract_sections: Vec<AbstractSection>,
    pmid: Option<CompactString>,
    doi: Option<CompactString>,
    pmc: Option<CompactString>,
    kind: RecordKind,
    tags: Vec<String>,
    note: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Page")]
struct PageFields {
    path: Vec<String>,
    summary: String,
    last_updated: Option<String>,
    #[serde(with = "publication_list")]
    publications: Vec<Publication>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Library")]
struct LibraryFields {
    #[serde(with = "page_list")]
    pages: Vec<Page>,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Diagnostic")]
struct DiagnosticFields {
    file: String,
    line: usize,
    message: String,
    #[serde(with = "DiagnosticKindFields")]
    kind: DiagnosticKind,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "DiagnosticKind")]
enum DiagnosticKindFields {
    Warning,
    Skip,
    Error,
}

#[derive(Serialize, Deserialize)]
#[serde(remote = "Imported")]
struct ImportedFields {
    #[serde(with = "LibraryFields")]
    library: Library,
    #[serde(with = "diagnostic_list")]
    warnings: Vec<Diagnostic>,
}

/// A list of a model type, written through its mirror: `$module::serialize`/`deserialize` for `#[serde(with)]`.
macro_rules! list_through {
    ($module:ident, $item:ty, $fields:ident) => {
        mod $module {
            use super::$fields as Fields;
            use super::*;

            struct Borrowed<'a>(&'a $item);

            impl Serialize for Borrowed<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    Fields::serialize(self.0, serializer)
                }
            }

            #[derive(Deserialize)]
            struct Owned(#[serde(with = "Fields")] $item);

            pub fn serialize<S: Serializer>(items: &[$item], serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(items.iter().map(Borrowed))
            }

            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<$item>, D::Error> {
                let items = deserializer.deserialize_seq(super::Preallocated::<Owned>(std::marker::PhantomData))?;
                Ok(items.into_iter().map(|Owned(item)| item).collect())
            }
        }
    };
}

/// The most memory a list read from a cache file is given before its items are read: a damaged length asks no more.
const PREALLOCATED_BYTES: usize = 64 << 20;

/// A list read into a vector as long as the list says it is (up to [`PREALLOCATED_BYTES`]): serde's own starts at
/// most a mebibyte long and doubles, copying a big library's publications over and over.
struct Preallocated<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Preallocated<T> {
    type Value = Vec<T>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a list")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Vec<T>, A::Error> {
        let most = PREALLOCATED_BYTES / std::mem::size_of::<T>().max(1);
        let mut list = Vec::with_capacity(items.size_hint().unwrap_or(0).min(most));
        while let Some(item) = items.next_element()? {
            list.push(item);
        }
        Ok(list)
    }
}

/// Abstracts are most of a library's bytes and allocations, and a search of titles never reads them: an encode
/// [`without_abstracts`](encode_without_abstracts_after) writes every publication's list empty (the lean import),
/// and the abstracts are written apart, one list at a time ([`encode_abstract_after`]).
mod abstracts {
    use std::cell::Cell;

    use super::*;

    thread_local! {
        pub static LEFT_OUT: Cell<bool> = const { Cell::new(false) };
    }

    pub fn serialize<S: Serializer>(sections: &[AbstractSection], serializer: S) -> Result<S::Ok, S::Error> {
        match LEFT_OUT.get() {
            false => serializer.collect_seq(sections),
            true => serializer.collect_seq(std::iter::empty::<&AbstractSection>()),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<AbstractSection>, D::Error> {
        Vec::<AbstractSection>::deserialize(deserializer)
    }

    /// One publication's sections, written as the whole import writes them.
    pub struct Sections<'a>(pub &'a [AbstractSection]);

    impl Serialize for Sections<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_seq(self.0)
        }
    }
}

list_through!(publication_list, Publication, PublicationFields);
list_through!(page_list, Page, PageFields);
list_through!(diagnostic_list, Diagnostic, DiagnosticFields);

struct BorrowedImport<'a>(&'a Imported);

impl Serialize for BorrowedImport<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ImportedFields::serialize(self.0, serializer)
    }
}

#[derive(Deserialize)]
struct OwnedImport(#[serde(with = "ImportedFields")] Imported);

pub fn encode(imported: &Imported) -> Vec<u8> {
    encode_after(Vec::new(), imported)
}

/// `bytes` followed by the encoded import: a big library is encoded once, not encoded and then copied.
pub fn encode_after(bytes: Vec<u8>, imported: &Imported) -> Vec<u8> {
    postcard::to_extend(&BorrowedImport(imported), bytes)
        .expect("the model encodes: it has only strings, numbers, lists")
}

/// [`encode_after`], with every publication's `abstract_sections` written empty: what a search of titles reads.
pub fn encode_without_abstracts_after(bytes: Vec<u8>, imported: &Imported) -> Vec<u8> {
    abstracts::LEFT_OUT.set(true);
    let bytes = encode_after(bytes, imported);
    abstracts::LEFT_OUT.set(false);
    bytes
}

/// `bytes` followed by the number of pages of a lean import written a page at a time: what
/// [`encode_without_abstracts_after`] writes whole is this, each page ([`encode_lean_page_after`]), then the
/// warnings ([`encode_warnings_after`]).
pub fn encode_page_count_after(bytes: Vec<u8>, count: usize) -> Vec<u8> {
    postcard::to_extend(&count, bytes).expect("a number encodes")
}

/// `bytes` followed by `page` as the lean import writes it: its abstracts left out.
pub fn encode_lean_page_after(bytes: Vec<u8>, page: &Page) -> Vec<u8> {
    struct Borrowed<'a>(&'a Page);

    impl Serialize for Borrowed<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            PageFields::serialize(self.0, serializer)
        }
    }

    abstracts::LEFT_OUT.set(true);
    let bytes =
        postcard::to_extend(&Borrowed(page), bytes).expect("the model encodes: it has only strings, numbers, lists");
    abstracts::LEFT_OUT.set(false);
    bytes
}

/// `bytes` followed by an import's `warnings`, as the import's encoding ends.
pub fn encode_warnings_after(bytes: Vec<u8>, warnings: &[Diagnostic]) -> Vec<u8> {
    struct Borrowed<'a>(&'a [Diagnostic]);

    impl Serialize for Borrowed<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            diagnostic_list::serialize(self.0, serializer)
        }
    }

    postcard::to_extend(&Borrowed(warnings), bytes).expect("a diagnostic encodes: it has only strings and numbers")
}

/// `None` for bytes that are not exactly one encoded import (damaged, cut short, or of another layout).
pub fn decode(bytes: &[u8]) -> Option<Imported> {
    match postcard::take_from_bytes::<OwnedImport>(bytes) {
        Ok((OwnedImport(imported), [])) => Some(imported),
        _ => None,
    }
}

/// `bytes` followed by one publication's abstract (its list of sections), as the whole import would write it: what
/// the abstracts block after a lean import holds, one after another.
pub fn encode_abstract_after(bytes: Vec<u8>, sections: &[AbstractSection]) -> Vec<u8> {
    postcard::to_extend(&abstracts::Sections(sections), bytes).expect("an abstract encodes: it has only strings")
}

/// The abstract [`encode_abstract_after`] wrote; `None` for bytes that are not exactly one.
pub fn decode_abstract(bytes: &[u8]) -> Option<Vec<AbstractSection>> {
    match postcard::take_from_bytes::<Vec<AbstractSection>>(bytes) {
        Ok((sections, [])) => Some(sections),
        _ => None,
    }
}

/// The abstract [`encode_abstract_after`] wrote, read in place: each section's label and text, borrowed from
/// `bytes`; `None` for bytes that are not exactly one.
pub fn view_abstract(bytes: &[u8]) -> Option<Vec<(Option<&str>, &str)>> {
    match postcard::take_from_bytes::<Vec<(Option<&str>, &str)>>(bytes) {
        Ok((sections, [])) => Some(sections),
        _ => None,
    }
}

/// The first `limit` publications of an encoded import, in order, and whether there were more. The pages before the
/// cut are whole (path, summary, date), the page it falls in keeps its first publications, and the rest is not
/// read: what a reader shows at once of a library too big to wait for. The warnings come only with a whole import.
pub fn decode_first(bytes: &[u8], limit: usize) -> Option<(Imported, bool)> {
    let mut budget = prefix::Budget { left: limit, cut: false };
    let mut deserializer = postcard::Deserializer::from_bytes(bytes);
    let imported = prefix::ImportSeed(&mut budget).deserialize(&mut deserializer).ok()?;
    // Read whole, it is exactly one import, as `decode` requires.
    if !budget.cut && !deserializer.finalize().is_ok_and(|rest| rest.is_empty()) {
        return None;
    }
    Some((imported, budget.cut))
}

/// A fingerprint of the encoding: a sample with every field set, encoded and hashed. Fields reordered, retyped,
/// added or removed change it, so a cache written by a build with another model is refused even at one version.
pub fn layout_fingerprint() -> u64 {
    xxh3_64(&encode(&sample()))
}

fn sample() -> Imported {
    fn text<Text: for<'a> From<&'a str>>(name: &str) -> Option<Text> {
        Some(name.into())
    }
    let publication = Publication {
        authors: vec!["A".into(), "B".into()],
        et_al: true,
        title: "title".into(),
        journal: "journal".into(),
        year: Some(2019),
        date: text("date"),
        volume: text("volume"),
        issue: text("issue"),
        pages: text("pages"),
        free_full_text: true,
        pmc_free_after: text("pmc_free_after"),
        abstract_sections: vec![AbstractSection { label: text("label"), text: "text".into() }],
        pmid: text("pmid"),
        doi: text("doi"),
        pmc: text("pmc"),
        kind: RecordKind::Chapter,
        tags: vec!["tag".into()],
        note: text("note"),
    };
    let page = Page {
        path: vec!["path".into()],
        summary: "summary".into(),
        last_updated: text("last_updated"),
        publications: vec![publication, Publication::default()],
    };
    Imported { library: Library { pages: vec![page] }, warnings: vec![Diagnostic::skipped("file", 7, "message")] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lean_import_written_a_page_at_a_time_is_the_one_written_whole() {
        let mut imported = sample();
        imported.library.pages.push(Page { path: vec!["second".into()], ..Page::default() });
        imported.warnings.push(Diagnostic::warning("other", 1, "second"));
        for pages in [0, 1, 2] {
            let mut imported = imported.clone();
            imported.library.pages.truncate(pages);
            let mut bytes = encode_page_count_after(Vec::new(), pages);
            for page in &imported.library.pages {
                bytes = encode_lean_page_after(bytes, page);
            }
            bytes = encode_warnings_after(bytes, &imported.warnings);
            assert_eq!(bytes, encode_without_abstracts_after(Vec::new(), &imported), "{pages} pages");
        }
        assert_eq!(encode_page_count_after(Vec::new(), 300), [0xac, 0x02], "a varint, as a list's length");
    }

    #[test]
    fn every_field_survives_including_an_articles_kind_that_json_leaves_out() {
        let imported = sample();
        assert_eq!(decode(&encode(&imported)), Some(imported.clone()));
        let mut article = imported;
        article.library.pages[0].publications[0].kind = RecordKind::Article;
        assert_eq!(decode(&encode(&article)), Some(article));
    }

    #[test]
    fn a_lean_import_and_the_abstracts_apart_are_the_whole_import() {
        let mut imported = sample();
        imported.library.pages[0].publications[1].abstract_sections =
            vec![AbstractSection { label: None, text: "plain".into() }; 3];
        let mut lean = decode(&encode_without_abstracts_after(Vec::new(), &imported)).unwrap();
        for (publication, whole) in
            lean.library.pages[0].publications.iter_mut().zip(&imported.library.pages[0].publications)
        {
            assert!(publication.abstract_sections.is_empty());
            let bytes = encode_abstract_after(Vec::new(), &whole.abstract_sections);
            publication.abstract_sections = decode_abstract(&bytes).unwrap();
            for cut in 0..bytes.len() {
                assert_eq!(decode_abstract(&bytes[..cut]), None, "cut at {cut}");
            }
            assert_eq!(decode_abstract(&[&bytes[..], &[0]].concat()), None, "a byte left over");
        }
        assert_eq!(lean, imported);
        for whole in &imported.library.pages[0].publications {
            let bytes = encode_abstract_after(Vec::new(), &whole.abstract_sections);
            let owned = decode_abstract(&bytes).unwrap();
            let owned: Vec<_> = owned.iter().map(|section| (section.label.as_deref(), section.text.as_str())).collect();
            assert_eq!(view_abstract(&bytes).unwrap(), owned);
            assert!((0..bytes.len()).all(|cut| view_abstract(&bytes[..cut]).is_none()));
            assert!(view_abstract(&[&bytes[..], &[0]].concat()).is_none());
        }
        assert_eq!(encode_abstract_after(Vec::new(), &[]), [0], "no abstract is one byte");
        assert_eq!(decode(&encode(&imported)), Some(imported), "a later encode keeps them again");
    }

    #[test]
    fn bytes_cut_short_or_left_over_are_refused() {
        let bytes = encode(&sample());
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
    }

    /// What `decode_first` must give: the whole decode cut as the model cuts a library, with the warnings only
    /// when nothing was left out.
    fn first_publications(imported: &Imported, limit: usize) -> (Imported, bool) {
        let mut library = imported.library.clone();
        let cut = library.keep_first(limit);
        let warnings = if cut { Vec::new() } else { imported.warnings.clone() };
        (Imported { library, warnings }, cut)
    }

    fn pages_of(sizes: &[usize]) -> Imported {
        let mut imported = sample();
        let template = imported.library.pages[0].clone();
        imported.library.pages = sizes
            .iter()
            .enumerate()
            .map(|(at, &size)| {
                let mut page = template.clone();
                page.path = vec![format!("page {at}")];
                page.publications = (0..size)
                    .map(|n| Publication { title: format!("{at}.{n}"), ..template.publications[n % 2].clone() })
                    .collect();
                page
            })
            .collect();
        imported
    }

    #[test]
    fn the_first_publications_are_those_of_a_whole_decode_in_order() {
        for sizes in [&[][..], &[0], &[3], &[2, 0, 3], &[0, 4, 1, 0], &[1, 1, 1, 5]] {
            let imported = pages_of(sizes);
            let bytes = encode(&imported);
            let total: usize = sizes.iter().sum();
            for limit in 0..=total + 2 {
                assert_eq!(
                    decode_first(&bytes, limit),
                    Some(first_publications(&imported, limit)),
                    "{sizes:?} {limit}"
                );
            }
        }
    }

    #[test]
    fn a_first_look_at_bytes_cut_short_is_refused_when_it_reads_past_the_cut() {
        let bytes = encode(&pages_of(&[2, 3]));
        for cut in 0..bytes.len() {
            assert_eq!(decode_first(&bytes[..cut], 10), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode_first(&longer, 10), None, "bytes left over after a whole import");
    }

    #[test]
    fn decoded_on_every_core_an_import_is_what_one_pass_decodes_and_damage_is_refused_alike() {
        let mut big = crate::synthetic::library(6_000, 4);
        big.pages.push(Page::default());
        let imported = |library: Library| Imported { library, warnings: sample().warnings };
        for imported in [sample(), pages_of(&[]), pages_of(&[0, 3, 0]), imported(big)] {
            let bytes = encode(&imported);
            assert!(bytes.len() < (1 << 20) || imported.library.pages.len() > 8, "enough pages for parts");
            assert_eq!(decode_on_every_core(&bytes), Some(imported.clone()));
            let lean = encode_without_abstracts_after(Vec::new(), &imported);
            assert_eq!(decode_on_every_core(&lean), decode(&lean));
            for cut in [0, 1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
                assert_eq!(decode_on_every_core(&bytes[..cut]), None, "cut at {cut}");
            }
            assert_eq!(decode_on_every_core(&[&bytes[..], &[0]].concat()), None, "a byte left over");
        }
    }

    #[test]
    fn the_fingerprint_is_stable_within_a_build() {
        assert_eq!(layout_fingerprint(), layout_fingerprint());
    }
}
