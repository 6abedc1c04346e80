//! Reading an encoded import in place, for a one-shot listing (`lenaview search` of titles or metadata): the texts
//! it reads are `&str` borrowed from the cache file's bytes, each checked as UTF-8 as it is handed out, and what
//! it never reads (abstracts, dates, notes, tags…) is stepped over without being checked or copied. A hundred
//! thousand papers then cost a few allocations instead of a million strings.
//!
//! The views name every field of the mirrors in [`super`] in the same order, with the same types on the wire:
//! postcard writes a struct as its fields one after another, so a view that left one out would misread the rest.
//! Tests compare every view with the owned decode of the same bytes.

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

use crate::formats::Diagnostic;
use crate::model::{PaperFields, Publication, RecordKind};

/// An encoded import ([`crate::formats::Imported`]) read in place. Its library's one field (`pages`) is written
/// without a frame, so the pages stand here for the library.
#[derive(Debug, Deserialize)]
pub struct ImportView<'a> {
    #[serde(borrow)]
    pub pages: Vec<PageView<'a>>,
    #[serde(with = "super::diagnostic_list")]
    pub warnings: Vec<Diagnostic>,
}

/// A [`crate::model::Page`] as postcard lays it out, its path read as `Texts` and its publications as
/// `Publications`: [`PageView`] reads them in place, the decode on every core steps over them.
#[derive(Debug, Deserialize)]
pub struct PageShape<Texts, Publications> {
    pub path: Texts,
    _summary: Unread,
    _last_updated: Option<Unread>,
    pub publications: Publications,
}

/// A [`crate::model::Page`] read in place: its path and publications.
pub type PageView<'a> = PageShape<Vec<&'a str>, Vec<PublicationView<'a>>>;

/// A [`Publication`] as postcard lays it out, the texts a listing reads as `Text` and lists of them as `Texts`,
/// every other field stepped over: [`PublicationView`] reads them in place, the decode on every core steps over
/// them too. One shape for both, so that neither can name a field the other misses.
#[derive(Debug, Deserialize)]
pub struct PublicationShape<Text, Texts> {
    pub authors: Texts,
    _et_al: bool,
    pub title: Text,
    pub journal: Text,
    pub year: Option<i32>,
    _date: Option<Unread>,
    _volume: Option<Unread>,
    _issue: Option<Unread>,
    _pages: Option<Unread>,
    _free_full_text: bool,
    _pmc_free_after: Option<Unread>,
    /// Each section's label and text.
    _abstract_sections: UnreadList<(Option<Unread>, Unread)>,
    pub pmid: Option<Text>,
    pub doi: Option<Text>,
    _pmc: Option<Unread>,
    _kind: RecordKind,
    _tags: UnreadList<Unread>,
    _note: Option<Unread>,
}

/// A [`Publication`] read in place: what a listing searches, prints and tells papers apart by.
pub type PublicationView<'a> = PublicationShape<&'a str, Vec<&'a str>>;

impl PaperFields for PublicationView<'_> {
    fn title(&self) -> &str {
        self.title
    }

    fn authors(&self) -> impl Iterator<Item = &str> {
        self.authors.iter().copied()
    }

    fn journal(&self) -> &str {
        self.journal
    }

    fn year(&self) -> Option<i32> {
        self.year
    }

    fn pmid(&self) -> Option<&str> {
        self.pmid
    }

    fn doi(&self) -> Option<&str> {
        self.doi
    }

    fn whole(&self) -> Option<&Publication> {
        None
    }
}

/// A text stepped over: postcard writes one as its length and bytes, which are passed without a UTF-8 check
/// (they are never made into a `str`). Of no size, so a list of them allocates nothing.
#[derive(Debug)]
pub(super) struct Unread;

impl<'de> Deserialize<'de> for Unread {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unread, D::Error> {
        deserializer.deserialize_bytes(UnreadVisitor)
    }
}

struct UnreadVisitor;

impl<'de> Visitor<'de> for UnreadVisitor {
    type Value = Unread;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a text")
    }

    fn visit_borrowed_bytes<E>(self, _: &'de [u8]) -> Result<Unread, E> {
        Ok(Unread)
    }

    fn visit_bytes<E>(self, _: &[u8]) -> Result<Unread, E> {
        Ok(Unread)
    }
}

/// A list stepped over item by item, keeping nothing: of no size either, where a `Vec` of nothing still takes the
/// room of a `Vec` in every publication.
pub(super) struct UnreadList<T>(PhantomData<T>);

impl<T> fmt::Debug for UnreadList<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("UnreadList")
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for UnreadList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<UnreadList<T>, D::Error> {
        deserializer.deserialize_seq(UnreadList(PhantomData))
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for UnreadList<T> {
    type Value = UnreadList<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<UnreadList<T>, A::Error> {
        while items.next_element::<T>()?.is_some() {}
        Ok(self)
    }
}

/// `None` for bytes that are not exactly one encoded import, as [`super::decode`] refuses them.
pub fn view(bytes: &[u8]) -> Option<ImportView<'_>> {
    match postcard::take_from_bytes::<ImportView>(bytes) {
        Ok((view, [])) => Some(view),
        _ => None,
    }
}

/// A paper's title, authors, journal, year, PMID and DOI, owned.
#[cfg(test)]
pub(crate) type Listed = (String, Vec<String>, String, Option<i32>, Option<String>, Option<String>);

/// What a listing reads of a paper, owned, to compare a view with the publication it was encoded from.
#[cfg(test)]
pub(crate) fn listed(paper: &impl PaperFields) -> Listed {
    let text = |text: Option<&str>| text.map(str::to_string);
    (
        paper.title().into(),
        paper.authors().map(str::to_string).collect(),
        paper.journal().into(),
        paper.year(),
        text(paper.pmid()),
        text(paper.doi()),
    )
}

#[cfg(test)]
mod tests {
    use super::super::{decode, encode, sample};
    use super::*;
    use crate::formats::Imported;
    use crate::model::AbstractSection;

    /// Generated papers with every field a view steps over set somewhere, and texts no generator writes.
    fn imported() -> Imported {
        let mut imported = sample();
        let mut more = crate::synthetic::library(500, 8);
        let publications = &mut more.pages[0].publications;
        publications[0].title = "Κappa ΣΟΦΙΑ Müller\u{1b}[2J".into();
        publications[1].tags = vec!["review".into(), "to-read".into()];
        publications[2].note = Some("a note".into());
        publications[3].authors.clear();
        publications[4].abstract_sections.push(AbstractSection { label: Some("Λ".into()), text: "ü".into() });
        imported.library.extend(more);
        imported
    }

    #[test]
    fn a_view_reads_what_the_owned_decode_reads_and_names_every_field() {
        let imported = imported();
        let bytes = encode(&imported);
        let owned = decode(&bytes).unwrap();
        let view = view(&bytes).unwrap();
        assert_eq!(view.warnings, owned.warnings);
        assert_eq!(view.pages.len(), owned.library.pages.len());
        for (viewed, page) in view.pages.iter().zip(&owned.library.pages) {
            assert_eq!(viewed.path, page.path);
            let viewed: Vec<_> = viewed.publications.iter().map(listed).collect();
            let owned: Vec<_> = page.publications.iter().map(listed).collect();
            assert_eq!(viewed, owned);
        }
        assert!(view.pages.iter().flat_map(|page| &page.publications).all(|publication| publication.whole().is_none()));
    }

    #[test]
    fn bytes_cut_short_or_left_over_are_refused() {
        let bytes = encode(&imported());
        for cut in [0, 1, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(view(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes;
        longer.push(0);
        assert!(view(&longer).is_none());
    }

    /// Encoded with `title` and an abstract of `abstract_text`, whose bytes are then made invalid UTF-8.
    fn encoded_with_invalid(title: &str, abstract_text: &str) -> Vec<u8> {
        let publication = Publication {
            title: title.into(),
            abstract_sections: vec![AbstractSection { label: None, text: abstract_text.into() }],
            ..Publication::default()
        };
        let page = crate::model::Page { publications: vec![publication], ..Default::default() };
        let imported = Imported { library: crate::model::Library { pages: vec![page] }, ..Default::default() };
        let mut bytes = encode(&imported);
        // The first "XX" becomes a lone continuation byte and a byte no UTF-8 text holds.
        let at = bytes.windows(2).position(|pair| pair == b"XX").unwrap();
        bytes[at..at + 2].copy_from_slice(&[0x80, 0xff]);
        bytes
    }

    #[test]
    fn every_text_handed_out_is_checked_and_texts_stepped_over_are_not() {
        let in_title = encoded_with_invalid("Lenalidomide XX", "plain");
        assert!(view(&in_title).is_none(), "a title that is not UTF-8 is refused");
        let in_abstract = encoded_with_invalid("Lenalidomide", "XX in an abstract");
        assert!(decode(&in_abstract).is_none(), "the owned decode reads the abstract");
        assert_eq!(view(&in_abstract).unwrap().pages[0].publications[0].title, "Lenalidomide");
    }
}
