//! What a listing reads of a paper (`lenaview search`: its title, authors, journal, year and identifiers), from
//! the model's own [`Publication`] or from a view that borrows them from a cache file's bytes without copying.
//! The title key a catalog finds a paper by is made here, once, for both.

use super::{CompactString, Publication};

/// The fields of a paper a one-shot listing searches, prints and tells papers apart by.
pub trait PaperFields {
    fn title(&self) -> &str;
    fn authors(&self) -> impl Iterator<Item = &str>;
    fn journal(&self) -> &str;
    fn year(&self) -> Option<i32>;
    fn pmid(&self) -> Option<&str>;
    fn doi(&self) -> Option<&str>;
    /// The whole publication, when this is one: only it has an abstract and a note to search.
    fn whole(&self) -> Option<&Publication>;

    /// [`Publication::key`] written at the end of `key`: one buffer serves many publications (an export's).
    fn push_key(&self, key: &mut String) {
        if !self.push_identifier_key(key) {
            self.push_title_year_key(key);
        }
    }

    /// `pmid:…`, else `doi:…` lowercased, written at the end of `key`; false, and nothing written, without either.
    fn push_identifier_key(&self, key: &mut String) -> bool {
        match (self.pmid(), self.doi()) {
            (Some(pmid), _) => {
                key.push_str("pmid:");
                key.push_str(pmid);
            }
            // Lowercasing a whole string knows a final sigma, which lowercasing its chars one by one would not.
            (None, Some(doi)) if !doi.is_ascii() => {
                key.push_str("doi:");
                key.push_str(&doi.to_lowercase());
            }
            (None, Some(doi)) => {
                key.push_str("doi:");
                key.extend(doi.bytes().map(|byte| char::from(byte.to_ascii_lowercase())));
            }
            (None, None) => return false,
        }
        true
    }

    /// [`Publication::title_year_key`] appended to `key`: one buffer serves many publications.
    fn push_title_year_key(&self, key: &mut String) {
        key.push_str("title:");
        let title = self.title();
        // Most titles are ASCII, where the byte loop gives what the char loop gives at a fraction of the cost, and
        // bytes gathered then checked once cost less than chars pushed one by one; so does a year's digits.
        let mut bytes = std::mem::take(key).into_bytes();
        if title.is_ascii() {
            bytes.reserve(title.len() + ":-2147483648".len());
            bytes.extend(ascii_title_key_bytes(title));
        } else {
            let mut chars = String::from_utf8(bytes).unwrap_or_default();
            chars.extend(title_key_chars(title));
            bytes = chars.into_bytes();
        }
        bytes.push(b':');
        if let Some(year) = self.year() {
            push_decimal(&mut bytes, year);
        }
        *key = String::from_utf8(bytes).unwrap_or_default();
    }

    /// Whether both have the same [`Publication::title_year_key`], found without building either: a catalog asks
    /// it of every paper that shares a title key's hash with one it holds.
    fn same_title_year(&self, other: &impl PaperFields) -> bool {
        // A year is never written empty, so the keys are equal exactly when the years and the titles' letters are.
        if self.year() != other.year() {
            return false;
        }
        let (title, other_title) = (self.title(), other.title());
        match title.is_ascii() && other_title.is_ascii() {
            true => ascii_title_key_bytes(title).eq(ascii_title_key_bytes(other_title)),
            false => title_key_chars(title).eq(title_key_chars(other_title)),
        }
    }

    /// The paper by its normalised title and year alone (see [`Publication::title_year_key`]).
    fn title_year_key(&self) -> String {
        let mut key = String::with_capacity("title:".len() + self.title().len() + ":2019".len());
        self.push_title_year_key(&mut key);
        key
    }
}

/// `number` in decimal, as `{number}` writes it, without the formatting machinery: a catalog writes a year for
/// each of a million publications.
fn push_decimal(bytes: &mut Vec<u8>, number: i32) {
    if number < 0 {
        bytes.push(b'-');
    }
    let mut digits = [0; 10];
    let mut left = number.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (left % 10) as u8;
        left /= 10;
        if left == 0 {
            break;
        }
    }
    bytes.extend_from_slice(&digits[start..]);
}

/// What a title key keeps of an ASCII title: the general rule's chars, byte by byte.
fn ascii_title_key_bytes(title: &str) -> impl Iterator<Item = u8> + '_ {
    title.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase())
}

/// The letters and digits of the title, lowercased: what its title key is made of.
fn title_key_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

impl PaperFields for Publication {
    fn title(&self) -> &str {
        &self.title
    }

    fn authors(&self) -> impl Iterator<Item = &str> {
        self.authors.iter().map(CompactString::as_str)
    }

    fn journal(&self) -> &str {
        &self.journal
    }

    fn year(&self) -> Option<i32> {
        self.year
    }

    fn pmid(&self) -> Option<&str> {
        self.pmid.as_deref()
    }

    fn doi(&self) -> Option<&str> {
        self.doi.as_deref()
    }

    fn whole(&self) -> Option<&Publication> {
        Some(self)
    }
}

/// A listing of borrowed papers reads them as their owners would.
impl<T: PaperFields> PaperFields for &T {
    fn title(&self) -> &str {
        (**self).title()
    }

    fn authors(&self) -> impl Iterator<Item = &str> {
        (**self).authors()
    }

    fn journal(&self) -> &str {
        (**self).journal()
    }

    fn year(&self) -> Option<i32> {
        (**self).year()
    }

    fn pmid(&self) -> Option<&str> {
        (**self).pmid()
    }

    fn doi(&self) -> Option<&str> {
        (**self).doi()
    }

    fn whole(&self) -> Option<&Publication> {
        (**self).whole()
    }
}
