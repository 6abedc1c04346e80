//! Reading the model's source-printed fields (authors, pages, dates) into the parts citation formats need.

use std::borrow::Cow;
use std::fmt;

/// An author as PubMed prints one: "Vogl DT" is family name "Vogl" with initials "DT".
/// Names without trailing initials ("Myeloma Working Group") are corporate: `initials` is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthorName<'a> {
    pub family: &'a str,
    pub initials: Option<&'a str>,
}

pub fn split_author(name: &str) -> AuthorName<'_> {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((family, initials)) if looks_like_initials(initials) => {
            AuthorName { family: family.trim_end(), initials: Some(initials) }
        }
        _ => AuthorName { family: name, initials: None },
    }
}

/// "DT", "J-P", "Ö": a few capitals, optionally hyphenated. "WHO Group" style words are longer or mixed case.
fn looks_like_initials(word: &str) -> bool {
    let letters = word.chars().filter(|c| *c != '-').count();
    (1..=4).contains(&letters)
        && word.chars().all(|c| c.is_uppercase() || c == '-')
        && !word.starts_with('-')
        && !word.ends_with('-')
}

/// "DT" -> "D. T.", "J-P" -> "J.-P.": the given-name form BibTeX and RIS readers expect.
#[cfg(test)]
pub fn dotted_initials(initials: &str) -> String {
    let mut dotted = String::new();
    push_dotted_initials(&mut dotted, initials);
    dotted
}

/// [`dotted_initials`] written at the end of `text`: a `String`, or a `CompactString`, which holds a name's few
/// initials without an allocation.
pub fn push_dotted_initials(text: &mut impl fmt::Write, initials: &str) {
    // What was written last: a space goes between two initials, not after a hyphen.
    let mut last = None;
    for c in initials.chars() {
        if c == '-' {
            let _ = text.write_char('-');
            last = Some('-');
            continue;
        }
        if last.is_some_and(|last| last != '-') {
            let _ = text.write_char(' ');
        }
        let _ = text.write_char(c);
        let _ = text.write_char('.');
        last = Some('.');
    }
}

/// "Chari A" -> "Chari, A."; corporate names are returned unchanged.
#[cfg(test)]
pub fn inverted_author(name: &str) -> String {
    let mut inverted = String::new();
    push_inverted_author(&mut inverted, name);
    inverted
}

/// [`inverted_author`] written at the end of `text`.
pub fn push_inverted_author(text: &mut String, name: &str) {
    let author = split_author(name);
    text.push_str(author.family);
    if let Some(initials) = author.initials {
        text.push_str(", ");
        push_dotted_initials(text, initials);
    }
}

/// A page field as first and last page: "727-738" and PubMed's abbreviated "727-38" both give
/// ("727", Some("738")). Anything that is not one plain range ("e1234", "S12-S15, 20") is kept whole as the first page.
pub fn page_range(pages: &str) -> (&str, Option<Cow<'_, str>>) {
    let pages = pages.trim();
    let Some((first, last)) = pages.split_once(['-', '–']) else {
        return (pages, None);
    };
    let (first, last) = (first.trim(), last.trim_start_matches('-').trim());
    if first.is_empty() || last.is_empty() || last.contains(['-', '–', ',']) || first.contains(',') {
        return (pages, None);
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(first) && all_digits(last) && last.len() < first.len() {
        let expanded = format!("{}{last}", &first[..first.len() - last.len()]);
        return (first, Some(Cow::Owned(expanded)));
    }
    (first, Some(Cow::Borrowed(last)))
}

/// The month in a source date ("2019 Aug 22", "2019 Aug-Sep"), as 1..=12.
pub fn month(date: &str) -> Option<u8> {
    // Between two non-letters the split gives an empty word, which names no month.
    date.split(|c: char| !c.is_alphabetic()).filter(|word| !word.is_empty()).find_map(crate::formats::months::number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_split_into_family_and_initials() {
        assert_eq!(split_author("Vogl DT"), AuthorName { family: "Vogl", initials: Some("DT") });
        assert_eq!(split_author("van der Berg J-P"), AuthorName { family: "van der Berg", initials: Some("J-P") });
        assert_eq!(split_author("Myeloma Working Group").initials, None);
        assert_eq!(split_author("IFM Investigators").initials, None);
        assert_eq!(split_author("Smith").initials, None);
    }

    #[test]
    fn inverted_form_dots_the_initials() {
        assert_eq!(inverted_author("Chari A"), "Chari, A.");
        assert_eq!(inverted_author("Vogl DT"), "Vogl, D. T.");
        assert_eq!(inverted_author("Lee J-P"), "Lee, J.-P.");
        assert_eq!(inverted_author("Öztürk Ö"), "Öztürk, Ö.");
        assert_eq!(inverted_author("Myeloma Working Group"), "Myeloma Working Group");
    }

    #[test]
    fn page_ranges_expand_pubmed_abbreviations() {
        assert_eq!(page_range("727-738"), ("727", Some("738".into())));
        assert_eq!(page_range("727-38"), ("727", Some("738".into())));
        assert_eq!(page_range("1199-1208"), ("1199", Some("1208".into())));
        assert_eq!(page_range("e12"), ("e12", None));
        assert_eq!(page_range("S12-S15"), ("S12", Some("S15".into())));
        assert_eq!(page_range("1-5, 7-9"), ("1-5, 7-9", None));
        assert_eq!(page_range("12-"), ("12-", None));
    }

    #[test]
    fn months_come_from_the_source_date() {
        assert_eq!(month("2019 Aug 22"), Some(8));
        assert_eq!(month("2018 Dec-2019 Jan"), Some(12));
        assert_eq!(month("Fall 2018"), None);
        assert_eq!(month("2019"), None);
        assert_eq!(month("2019 Mayday"), None, "a word that starts like a month is not one");
        assert_eq!(month("2019 Sept."), Some(9));
    }
}
