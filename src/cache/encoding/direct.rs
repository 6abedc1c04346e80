//! A page decoded straight from postcard's bytes, without serde's visitors: the decode every warm start and every
//! command runs on every core (a library's whole lean import). Through the mirrors it took 125–170 ms for 100k
//! publications on one core, this way 92–123 (a third of the rest is the decoded library's fresh memory).
//!
//! The layout is the mirrors' in [`super`] (`PageFields`, `PublicationFields`), read field by field in their order
//! with postcard's rules: lengths and integers as varints (signed ones zigzagged), `Option` and `bool` as one byte
//! 0 or 1, a text as its length and UTF-8 bytes, an enum as its variant's index. The struct literals below name
//! every field of the model, so a field added there is a compile error here; tests compare this decode with the
//! mirrors' on every field and kind, and on bytes cut short.

use crate::model::{AbstractSection, CompactString, Page, PaperFields, Publication, RecordKind};

/// The page at the start of `bytes` and the bytes after it; `None` for bytes that do not begin with one.
pub fn page(bytes: &[u8]) -> Option<(Page, &[u8])> {
    let mut reader = Reader { bytes };
    let page = reader.page()?;
    Some((page, reader.bytes))
}

/// The publication whose bytes start at `at` in `bytes`; `None` when none does.
pub fn publication_at(bytes: &[u8], at: usize) -> Option<Publication> {
    Reader { bytes: bytes.get(at..)? }.publication()
}

/// A page read in place for choosing what to export: its path, and what each paper is matched and told apart by.
#[derive(Debug)]
pub struct ListedPage<'a> {
    pub path: Vec<&'a str>,
    pub publications: Vec<Listing<'a>>,
}

/// A publication read in place for choosing what to export: its title, authors, journal, year, PMID and DOI
/// (whatever else it holds is stepped over unchecked), and where its bytes start, to be decoded whole
/// ([`publication_at`]) once chosen, as it is written.
#[derive(Debug)]
pub struct Listing<'a> {
    pub authors: EncodedTexts<'a>,
    pub title: &'a str,
    pub journal: &'a str,
    pub year: Option<i32>,
    pub pmid: Option<&'a str>,
    pub doi: Option<&'a str>,
    pub at: usize,
}

impl PaperFields for Listing<'_> {
    fn title(&self) -> &str {
        self.title
    }

    fn authors(&self) -> impl Iterator<Item = &str> {
        self.authors.iter()
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

/// A list of texts left as postcard wrote them, each read (and checked as UTF-8) as it is iterated: a listing's
/// authors, of which only a chosen paper's first few are ever read (a list of its own for each of 100k papers
/// was a twentieth of a CSL export, allocated and freed).
#[derive(Debug, Clone, Copy)]
pub struct EncodedTexts<'a> {
    count: usize,
    bytes: &'a [u8],
}

impl<'a> EncodedTexts<'a> {
    /// The texts in order; they end early at one that is not UTF-8 (which the whole decode refuses).
    pub fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let mut reader = Reader { bytes: self.bytes };
        (0..self.count).map_while(move |_| reader.text())
    }
}

/// The page whose bytes start at `start` in `bytes`, listed, and where it ends; `None` when none does.
pub fn listed_page(bytes: &[u8], start: usize) -> Option<(ListedPage<'_>, usize)> {
    let mut reader = Reader { bytes: bytes.get(start..)? };
    let path = reader.list(Reader::text)?;
    reader.skip_text()?;
    reader.maybe(Reader::skip_text)?;
    let publications = reader.list(|reader| reader.listing(bytes.len()))?;
    Some((ListedPage { path, publications }, bytes.len() - reader.bytes.len()))
}

/// The bytes not read yet.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn page(&mut self) -> Option<Page> {
        Some(Page {
            path: self.list(Self::string)?,
            summary: self.string()?,
            last_updated: self.maybe(Self::string)?,
            publications: self.list(Self::publication)?,
        })
    }

    fn publication(&mut self) -> Option<Publication> {
        Some(Publication {
            authors: self.list(Self::compact)?,
            et_al: self.flag()?,
            title: self.string()?,
            journal: self.compact()?,
            year: self.maybe(Self::signed)?,
            date: self.maybe(Self::compact)?,
            volume: self.maybe(Self::compact)?,
            issue: self.maybe(Self::compact)?,
            pages: self.maybe(Self::compact)?,
            free_full_text: self.flag()?,
            pmc_free_after: self.maybe(Self::compact)?,
            abstract_sections: self.list(Self::section)?,
            pmid: self.maybe(Self::compact)?,
            doi: self.maybe(Self::compact)?,
            pmc: self.maybe(Self::compact)?,
            kind: self.kind()?,
            tags: self.list(Self::string)?,
            note: self.maybe(Self::string)?,
        })
    }

    /// The listing of the publication at the start of the bytes left, of a whole `total` bytes long.
    fn listing(&mut self, total: usize) -> Option<Listing<'a>> {
        let at = total - self.bytes.len();
        let authors = self.encoded_texts()?;
        self.flag()?;
        let (title, journal, year) = (self.text()?, self.text()?, self.maybe(Self::signed)?);
        for _date_volume_issue_pages in 0..4 {
            self.maybe(Self::skip_text)?;
        }
        self.flag()?;
        self.maybe(Self::skip_text)?;
        self.list(|reader| reader.maybe(Self::skip_text).and_then(|_| reader.skip_text()))?;
        let (pmid, doi) = (self.maybe(Self::text)?, self.maybe(Self::text)?);
        self.maybe(Self::skip_text)?;
        self.kind()?;
        self.list(Self::skip_text)?;
        self.maybe(Self::skip_text)?;
        Some(Listing { authors, title, journal, year, pmid, doi, at })
    }

    /// A record kind, written as its index in declaration order.
    fn kind(&mut self) -> Option<RecordKind> {
        RecordKind::ALL.get(usize::try_from(self.varint()?).ok()?).copied()
    }

    fn section(&mut self) -> Option<AbstractSection> {
        Some(AbstractSection { label: self.maybe(Self::string)?, text: self.string()? })
    }

    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    /// An unsigned varint of at most 64 bits: seven bits a byte, least significant first, the high bit set on
    /// every byte but the last.
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn length(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    /// An `i32`, zigzagged (0, -1, 1, -2, … written as 0, 1, 2, 3, …).
    fn signed(&mut self) -> Option<i32> {
        let zigzag = u32::try_from(self.varint()?).ok()?;
        Some((zigzag >> 1) as i32 ^ -((zigzag & 1) as i32))
    }

    fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    fn text(&mut self) -> Option<&'a str> {
        let length = self.length()?;
        let (text, rest) = self.bytes.split_at_checked(length)?;
        self.bytes = rest;
        std::str::from_utf8(text).ok()
    }

    /// A list of texts stepped over, to be read as it is iterated.
    fn encoded_texts(&mut self) -> Option<EncodedTexts<'a>> {
        let count = self.length()?;
        let start = self.bytes;
        for _ in 0..count {
            self.skip_text()?;
        }
        Some(EncodedTexts { count, bytes: &start[..start.len() - self.bytes.len()] })
    }

    /// A text stepped over: its bytes neither checked nor copied.
    fn skip_text(&mut self) -> Option<()> {
        let length = self.length()?;
        self.bytes = self.bytes.get(length..)?;
        Some(())
    }

    fn string(&mut self) -> Option<String> {
        self.text().map(str::to_string)
    }

    fn compact(&mut self) -> Option<CompactString> {
        self.text().map(CompactString::from)
    }

    fn maybe<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.flag()? {
            false => Some(None),
            true => read(self).map(Some),
        }
    }

    fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let length = self.length()?;
        // Every item takes a byte at least: a damaged length asks no more room than the bytes left.
        let mut list = Vec::with_capacity(length.min(self.bytes.len()));
        for _ in 0..length {
            list.push(read(self)?);
        }
        Some(list)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{PageFields, encode, encode_without_abstracts_after, sample};
    use super::*;
    use crate::formats::Imported;
    use crate::model::Library;

    #[derive(serde::Deserialize)]
    struct Mirrored(#[serde(with = "PageFields")] Page);

    /// The mirrors' decode of the page at the start of `bytes` (the reference), and what is left.
    fn through_mirrors(bytes: &[u8]) -> Option<(Page, &[u8])> {
        postcard::take_from_bytes::<Mirrored>(bytes).ok().map(|(Mirrored(page), rest)| (page, rest))
    }

    /// The pages of an encoded import, after its page count, as bytes: where `page` starts reading.
    fn pages_bytes(bytes: &[u8]) -> (usize, &[u8]) {
        postcard::take_from_bytes::<usize>(bytes).unwrap()
    }

    /// Every field set and unset, every kind, texts short and long (a `CompactString` holds 24 bytes inline),
    /// empty, and in several scripts.
    fn varied() -> Imported {
        let mut imported = sample();
        let mut more = crate::synthetic::library(300, 5);
        for (at, publication) in more.pages[0].publications.iter_mut().enumerate() {
            publication.kind = RecordKind::ALL[at % RecordKind::ALL.len()];
            publication.year = [Some(-2019), Some(0), Some(i32::MIN), Some(i32::MAX), None][at % 5];
            if at % 3 == 0 {
                publication.title = "Κappa ΣΟΦΙΑ Müller — a title well over twenty-four bytes ✓".into();
                publication.journal = "Journal of a name longer than inline".into();
                publication.tags = vec!["review".into(), "to-read".into()];
                publication.note = Some(String::new());
            }
            if at % 4 == 1 {
                publication.authors.clear();
                publication.date = None;
                publication.pmc_free_after = Some("2019-11-30".into());
                publication.abstract_sections.push(AbstractSection { label: None, text: String::new() });
            }
        }
        more.pages[0].last_updated = Some("2026-12-02".into());
        imported.library.pages.extend(more.pages);
        imported.library.pages.push(Page::default());
        imported
    }

    #[test]
    fn every_page_decodes_as_the_mirrors_decode_it() {
        let imported = varied();
        for bytes in [encode(&imported), encode_without_abstracts_after(Vec::new(), &imported)] {
            let (count, mut rest) = pages_bytes(&bytes);
            assert_eq!(count, imported.library.pages.len());
            for _ in 0..count {
                let (by_hand, after) = page(rest).expect("a page");
                let (mirrored, mirrored_after) = through_mirrors(rest).unwrap();
                assert_eq!(by_hand, mirrored);
                assert_eq!(after.len(), mirrored_after.len());
                rest = after;
            }
        }
    }

    #[test]
    fn a_page_cut_short_or_damaged_is_refused_or_read_as_the_mirrors_read_it_never_a_panic() {
        // A dozen papers of the varied page: every kind, year and text shape, few enough bytes to cut at each.
        let mut small = varied().library.pages.swap_remove(1);
        small.publications.truncate(12);
        let bytes = encode(&Imported { library: Library { pages: vec![small] }, warnings: Vec::new() });
        let (_, rest) = pages_bytes(&bytes);
        let (_, after) = through_mirrors(rest).unwrap();
        let whole = &rest[..rest.len() - after.len()];
        for cut in 0..whole.len() {
            assert!(page(&whole[..cut]).is_none(), "cut at {cut}");
        }
        for at in 0..whole.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut damaged = whole.to_vec();
                damaged[at] ^= flip;
                let by_hand = page(&damaged).map(|(page, rest)| (page, rest.len()));
                let mirrored = through_mirrors(&damaged).map(|(page, rest)| (page, rest.len()));
                if let (Some(by_hand), Some(mirrored)) = (&by_hand, &mirrored) {
                    assert_eq!(by_hand, mirrored, "flipped {flip:#x} at {at}");
                }
            }
        }
    }

    #[test]
    fn a_listing_reads_each_paper_as_its_decode_does_and_leads_to_its_whole_decode() {
        let mut big = crate::synthetic::library(6_000, 4);
        big.pages.extend(varied().library.pages);
        for imported in [varied(), Imported { library: big, warnings: sample().warnings }] {
            for bytes in [encode(&imported), encode_without_abstracts_after(Vec::new(), &imported)] {
                let decoded = super::super::decode(&bytes).unwrap();
                let (pages, warnings) = super::super::listed_on_every_core(&bytes).expect("listed");
                assert_eq!(warnings, decoded.warnings);
                assert_eq!(pages.len(), decoded.library.pages.len());
                for (listed, page) in pages.iter().zip(&decoded.library.pages) {
                    assert_eq!(listed.path, page.path);
                    assert_eq!(listed.publications.len(), page.publications.len());
                    for (listing, publication) in listed.publications.iter().zip(&page.publications) {
                        assert_eq!(super::super::listed(listing), super::super::listed(publication));
                        assert_eq!(publication_at(&bytes, listing.at).as_ref(), Some(publication));
                    }
                }
                for cut in [1, bytes.len() / 2, bytes.len() - 1] {
                    assert!(super::super::listed_on_every_core(&bytes[..cut]).is_none(), "cut at {cut}");
                }
            }
        }
    }
}
