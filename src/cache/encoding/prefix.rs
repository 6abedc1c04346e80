//! Decoding only the start of an encoded import: the pages in order until a number of publications is reached,
//! through the same mirrors as a whole decode, so each publication read is exactly what [`super::decode`] gives.
//! Postcard writes a struct as its fields in order and a list as its length and items, so the decode simply
//! stops reading: nothing after the cut is looked at.

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, Error, SeqAccess, Visitor};
use std::fmt;

use super::PublicationFields;
use crate::formats::{Diagnostic, Imported};
use crate::model::{Library, Page, Publication};

/// How many publications may still be read, and whether any were left unread.
pub struct Budget {
    pub left: usize,
    pub cut: bool,
}

impl Budget {
    /// Nothing may be read any more while items remain (or their count cannot be trusted): the import is cut.
    fn exhausted_before(&mut self, remaining: Option<usize>) -> bool {
        if self.left == 0 && remaining != Some(0) {
            self.cut = true;
        }
        self.cut
    }
}

#[derive(Deserialize)]
struct OwnedPublication(#[serde(with = "PublicationFields")] Publication);

#[derive(Deserialize)]
struct Warnings(#[serde(with = "super::diagnostic_list")] Vec<Diagnostic>);

/// Reads an [`Imported`]: its library as far as the budget goes, and its warnings when nothing was cut.
pub struct ImportSeed<'b>(pub &'b mut Budget);

impl<'de> DeserializeSeed<'de> for ImportSeed<'_> {
    type Value = Imported;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Imported, D::Error> {
        deserializer.deserialize_tuple(2, self)
    }
}

impl<'de> Visitor<'de> for ImportSeed<'_> {
    type Value = Imported;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an import")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut fields: A) -> Result<Imported, A::Error> {
        let pages = fields.next_element_seed(LibrarySeed(self.0))?.ok_or_else(|| A::Error::custom("no library"))?;
        let library = Library { pages };
        if self.0.cut {
            return Ok(Imported { library, warnings: Vec::new() });
        }
        let Warnings(warnings) = fields.next_element()?.ok_or_else(|| A::Error::custom("no warnings"))?;
        Ok(Imported { library, warnings })
    }
}

/// A library is one field, its pages.
struct LibrarySeed<'b>(&'b mut Budget);

impl<'de> DeserializeSeed<'de> for LibrarySeed<'_> {
    type Value = Vec<Page>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Page>, D::Error> {
        deserializer.deserialize_tuple(1, self)
    }
}

impl<'de> Visitor<'de> for LibrarySeed<'_> {
    type Value = Vec<Page>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a library")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut fields: A) -> Result<Vec<Page>, A::Error> {
        fields.next_element_seed(PagesSeed(self.0))?.ok_or_else(|| A::Error::custom("no pages"))
    }
}

struct PagesSeed<'b>(&'b mut Budget);

impl<'de> DeserializeSeed<'de> for PagesSeed<'_> {
    type Value = Vec<Page>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Page>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PagesSeed<'_> {
    type Value = Vec<Page>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("pages")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<Page>, A::Error> {
        let mut pages = Vec::new();
        while !self.0.exhausted_before(items.size_hint()) {
            match items.next_element_seed(PageSeed(&mut *self.0))? {
                Some(page) => pages.push(page),
                None => break,
            }
        }
        Ok(pages)
    }
}

/// A page's fields in the order `PageFields` writes them: path, summary, last updated, publications.
struct PageSeed<'b>(&'b mut Budget);

impl<'de> DeserializeSeed<'de> for PageSeed<'_> {
    type Value = Page;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Page, D::Error> {
        deserializer.deserialize_tuple(4, self)
    }
}

impl<'de> Visitor<'de> for PageSeed<'_> {
    type Value = Page;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a page")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut fields: A) -> Result<Page, A::Error> {
        let missing = || A::Error::custom("a page cut short");
        let path = fields.next_element()?.ok_or_else(missing)?;
        let summary = fields.next_element()?.ok_or_else(missing)?;
        let last_updated = fields.next_element()?.ok_or_else(missing)?;
        let publications = fields.next_element_seed(PublicationsSeed(self.0))?.ok_or_else(missing)?;
        Ok(Page { path, summary, last_updated, publications })
    }
}

struct PublicationsSeed<'b>(&'b mut Budget);

impl<'de> DeserializeSeed<'de> for PublicationsSeed<'_> {
    type Value = Vec<Publication>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<Publication>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PublicationsSeed<'_> {
    type Value = Vec<Publication>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("publications")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<Publication>, A::Error> {
        let mut publications = Vec::with_capacity(items.size_hint().unwrap_or(0).min(self.0.left));
        while !self.0.exhausted_before(items.size_hint()) {
            match items.next_element::<OwnedPublication>()? {
                Some(OwnedPublication(publication)) => {
                    publications.push(publication);
                    self.0.left -= 1;
                }
                None => break,
            }
        }
        Ok(publications)
    }
}
