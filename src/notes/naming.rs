//! The file name a new note gets: readable in a file manager (`chari-2019-oral-selinexor-dexamethasone.md`) and
//! safe on every file system: lowercase ASCII letters, digits and hyphens only, short, never a name Windows
//! reserves. Names are for people; the key inside the file is what ties a note to its paper.

use crate::model::Publication;

/// The most bytes of a name's stem: far below every file system's limit, with room for `-99` and `.md`.
const STEM_MAX: usize = 60;
/// Title words after the author and year: enough to tell papers apart at a glance.
const TITLE_WORDS: usize = 3;

/// The stem (no extension) of a new note's file name: first author's surname, year, the first title words.
/// A paper with none of those is named after its key (`pmid-31433920`).
pub fn stem(publication: &Publication, key: &str) -> String {
    let surname = publication.authors.first().and_then(|author| author.split_whitespace().next()).unwrap_or("");
    let mut words: Vec<String> = Vec::new();
    words.extend(slug_words(surname));
    words.extend(publication.year.map(|year| year.to_string()));
    words.extend(slug_words(&publication.title).into_iter().take(TITLE_WORDS));
    let mut stem = join_within(&words, STEM_MAX);
    if stem.is_empty() {
        stem = join_within(&slug_words(key), STEM_MAX);
    }
    if stem.is_empty() {
        stem = "note".into();
    }
    if is_reserved_on_windows(&stem) {
        stem.push_str("-note");
    }
    stem
}

/// The `n`th name to try for a stem: `stem.md`, then `stem-2.md`, `stem-3.md`, … when those are taken.
pub fn numbered(stem: &str, n: usize) -> String {
    if n <= 1 { format!("{stem}.md") } else { format!("{stem}-{n}.md") }
}

/// Lowercase ASCII words: accented Latin letters lose their accents, anything else separates words.
fn slug_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match ascii_letters(c) {
            Some(letters) => word.push_str(letters),
            None if c.is_ascii_alphanumeric() => word.push(c),
            None => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The plain letters of the accented Latin letters most common in author names and titles.
fn ascii_letters(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Words joined by hyphens, as many whole words as fit in `max` bytes (a first word longer than that is cut).
fn join_within(words: &[String], max: usize) -> String {
    let mut joined = String::new();
    for word in words {
        let extra = word.len() + usize::from(!joined.is_empty());
        if joined.len() + extra > max {
            if joined.is_empty() {
                joined = word[..max].to_string();
            }
            break;
        }
        if !joined.is_empty() {
            joined.push('-');
        }
        joined.push_str(word);
    }
    joined
}

/// Names Windows will not create, with any extension (`con.md` too).
fn is_reserved_on_windows(stem: &str) -> bool {
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paper(authors: &[&str], year: Option<i32>, title: &str) -> Publication {
        Publication {
            authors: authors.iter().map(|&author| author.into()).collect(),
            year,
            title: title.into(),
            ..Publication::default()
        }
    }

    #[test]
    fn a_name_is_the_surname_year_and_first_title_words() {
        let chari = paper(
            &["Chari A", "Vogl DT"],
            Some(2019),
            "Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma.",
        );
        assert_eq!(stem(&chari, "pmid:31433920"), "chari-2019-oral-selinexor-dexamethasone");
        assert_eq!(numbered("chari-2019-oral", 1), "chari-2019-oral.md");
        assert_eq!(numbered("chari-2019-oral", 3), "chari-2019-oral-3.md");
    }

    #[test]
    fn accents_are_folded_and_everything_else_becomes_a_hyphen() {
        let muller = paper(&["Müller-Łukasz Ø"], Some(2020), "Κ light chains: «what» / why?\n\u{1b}[31mred");
        assert_eq!(stem(&muller, "k"), "muller-lukasz-2020-light-chains-what");
        let name = numbered(&stem(&muller, "k"), 2);
        assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
    }

    #[test]
    fn a_paper_without_author_year_or_title_words_is_named_by_its_key() {
        assert_eq!(stem(&paper(&[], None, "…"), "pmid:31433920"), "pmid-31433920");
        assert_eq!(stem(&paper(&[], None, ""), "…"), "note");
    }

    #[test]
    fn names_stay_short_and_never_reserved() {
        let long = paper(&["A".repeat(200).as_str()], Some(2019), "x");
        assert_eq!(stem(&long, "k").len(), STEM_MAX);
        let many = paper(&["Chari A"], Some(2019), "Pneumonoultramicroscopicsilicovolcanoconiosis again and again");
        assert!(stem(&many, "k").len() <= STEM_MAX);
        assert_eq!(stem(&paper(&[], None, "CON"), "k"), "con-note");
        assert_eq!(stem(&paper(&[], None, "Lpt1"), "k"), "lpt1-note");
        assert_eq!(stem(&paper(&[], None, "Lpt12"), "k"), "lpt12");
    }
}
