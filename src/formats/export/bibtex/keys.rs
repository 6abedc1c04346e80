//! BibTeX keys: `chari2019oral` from the first author, the year and the first significant title word, unique
//! within an export by letter suffixes given in order.

use std::borrow::Cow;
use std::hash::{BuildHasher, Hash, Hasher};

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use super::super::fields::split_author;
use super::super::written::push_integer;
use crate::model::PaperFields;
#[cfg(test)]
use crate::model::Publication;
use crate::parallel;

/// One key per publication, in order: the first of several with the same base key keeps it,
/// later ones get `a`, `b`, ... `z`, `aa`, ... so adding a publication never renames earlier ones.
pub fn unique_keys<P: PaperFields + Sync>(publications: &[P]) -> Vec<String> {
    // The base keys need nothing from each other: they are made, and hashed, on every core, each in a buffer reused
    // and then copied at its length, with room for a suffix. Which of them clash is found in order; a clashing key
    // gets its suffix where it is.
    let (mut keys, hashes): (Vec<String>, Vec<u64>) = parallel::map_parts(publications, 1024, |_, part| {
        let mut key = String::new();
        let keyed: Vec<(String, u64)> = part
            .iter()
            .map(|publication| {
                key.clear();
                push_base_key(&mut key, publication);
                let mut kept = String::with_capacity(key.len() + SUFFIX_ROOM);
                kept.push_str(&key);
                (kept, FxBuildHasher.hash_one(key.as_str()))
            })
            .collect();
        keyed
    })
    .into_iter()
    .flatten()
    .unzip();
    let mut used: FxHashSet<Hashed> = FxHashSet::with_capacity_and_hasher(keys.len(), Default::default());
    // Where each clashing base's search for a free suffix goes on: the suffixes before it were taken, and stay so.
    let mut next_suffix: FxHashMap<&str, usize> = FxHashMap::default();
    let mut renamed = Vec::new();
    let mut candidate = String::new();
    for ((at, base), &hash) in keys.iter().enumerate().zip(&hashes) {
        if used.insert(Hashed(hash, Cow::Borrowed(base))) {
            continue;
        }
        let clash = next_suffix.entry(base).or_insert(0);
        let free = loop {
            candidate.clear();
            candidate.push_str(base);
            push_letter_suffix(&mut candidate, *clash);
            *clash += 1;
            let hash = FxBuildHasher.hash_one(candidate.as_str());
            if !used.contains(&Hashed(hash, Cow::Borrowed(&candidate))) {
                break Hashed(hash, Cow::Owned(candidate.clone()));
            }
        };
        used.insert(free);
        renamed.push((at, *clash - 1));
    }
    drop((used, next_suffix));
    for (at, suffix) in renamed {
        push_letter_suffix(&mut keys[at], suffix);
    }
    keys
}

/// The room a base key is made with for a suffix: up to four letters, for nearly half a million namesakes.
const SUFFIX_ROOM: usize = 4;

/// A key with its hash, taken beforehand (on every core): the set finding clashes in order hashes no text.
#[derive(PartialEq, Eq)]
struct Hashed<'a>(u64, Cow<'a, str>);

impl Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0);
    }
}

/// Family name of the first author, year and first significant title word: `chari2019oral`.
/// Only ASCII letters and digits, so every BibTeX tool accepts it.
pub fn base_key(publication: &impl PaperFields) -> String {
    let mut key = String::new();
    push_base_key(&mut key, publication);
    key
}

/// [`base_key`] written into `key`, which is empty.
fn push_base_key(key: &mut String, publication: &impl PaperFields) {
    for name in publication.authors() {
        // A group's first word ("Myeloma Working Group" -> "myeloma") keeps its keys short.
        let author = split_author(name);
        let family = match author.initials {
            Some(_) => author.family,
            None => author.family.split_whitespace().next().unwrap_or_default(),
        };
        push_ascii_key_part(key, family);
        if !key.is_empty() {
            break;
        }
    }
    if key.is_empty() {
        key.push_str("anon");
    }
    if let Some(year) = publication.year() {
        push_integer(key, year);
    }
    let word_start = key.len();
    for word in publication.title().split(|c: char| !c.is_alphanumeric()) {
        push_ascii_key_part(key, word);
        if key.len() > word_start && !STOP_WORDS.contains(&&key[word_start..]) {
            break;
        }
        key.truncate(word_start);
    }
}

pub(in crate::formats::export) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or", "the", "to", "vs",
    "versus", "with",
];

/// Lowercase ASCII letters and digits, with accented Latin letters folded ("Müller" -> "muller").
fn push_ascii_key_part(part: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            part.push(c.to_ascii_lowercase());
        } else if let Some(folded) = fold_latin(c) {
            part.push_str(folded);
        }
    }
}

pub(in crate::formats::export) fn fold_latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"),
        ("ÇçĆćĈĉĊċČč", "c"),
        ("ĎďĐđÐð", "d"),
        ("ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e"),
        ("ĜĝĞğĠġĢģ", "g"),
        ("ĤĥĦħ", "h"),
        ("ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i"),
        ("Ĵĵ", "j"),
        ("Ķķ", "k"),
        ("ĹĺĻļĽľĿŀŁł", "l"),
        ("ÑñŃńŅņŇň", "n"),
        ("ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o"),
        ("ŔŕŖŗŘř", "r"),
        ("ŚśŜŝŞşŠš", "s"),
        ("ŢţŤťŦŧ", "t"),
        ("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u"),
        ("Ŵŵ", "w"),
        ("ÝýÿŶŷŸ", "y"),
        ("ŹźŻżŽž", "z"),
        ("Ææ", "ae"),
        ("Œœ", "oe"),
        ("ß", "ss"),
        ("Þþ", "th"),
    ];
    TABLE.iter().find(|(letters, _)| letters.contains(c)).map(|(_, folded)| *folded)
}

/// 0 -> "a", 25 -> "z", 26 -> "aa": bijective base 26, so the suffixes never run out or repeat.
#[cfg(test)]
pub(in crate::formats::export) fn letter_suffix(index: usize) -> String {
    let mut suffix = String::new();
    push_letter_suffix(&mut suffix, index);
    suffix
}

/// The `index`th suffix (`a`, ... `z`, `aa`, ...) written at the end of `text`.
fn push_letter_suffix(text: &mut String, index: usize) {
    // Found last letter first; a `usize` has at most 14 letters.
    let (mut letters, mut count) = ([0u8; 16], 0);
    let mut n = index + 1;
    while n > 0 {
        n -= 1;
        letters[count] = b'a' + (n % 26) as u8;
        count += 1;
        n /= 26;
    }
    text.extend(letters[..count].iter().rev().map(|&letter| char::from(letter)));
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::sample_publication as chari;

    #[test]
    fn keys_fold_accents_and_skip_stop_words() {
        let publication = Publication {
            authors: vec!["Müller-Lüdenscheidt Ö".into()],
            title: "The effect of lenalidomide".into(),
            year: Some(2020),
            ..Publication::default()
        };
        assert_eq!(base_key(&publication), "mullerludenscheidt2020effect");
        assert_eq!(base_key(&Publication { title: "¿?".into(), ..Publication::default() }), "anon");
        let group = Publication { authors: vec!["Myeloma Working Group".into()], ..Publication::default() };
        assert_eq!(base_key(&Publication { title: "On consensus".into(), ..group }), "myelomaconsensus");
    }

    #[test]
    fn clashing_keys_get_letter_suffixes_in_order() {
        let first = chari();
        let second = Publication { pmid: None, ..chari() };
        let third = Publication { title: "Oral".into(), ..chari() };
        let other = Publication { authors: vec!["Wang X".into()], ..chari() };
        let keys = unique_keys(&[&first, &second, &other, &third]);
        assert_eq!(keys, ["chari2019oral", "chari2019orala", "wang2019oral", "chari2019oralb"]);
    }

    #[test]
    fn a_suffixed_key_that_is_another_papers_own_base_key_is_not_given_twice() {
        let by = |author: &str| Publication { authors: vec![author.into()], ..Publication::default() };
        let (k, ka) = (by("K X"), by("Ka X"));
        assert_eq!((base_key(&k), base_key(&ka)), ("k".to_string(), "ka".to_string()));
        assert_eq!(unique_keys(&[&k, &k, &ka, &k, &ka]), ["k", "ka", "kaa", "kb", "kab"]);
    }

    #[test]
    fn letter_suffixes_never_repeat() {
        assert_eq!(letter_suffix(0), "a");
        assert_eq!(letter_suffix(25), "z");
        assert_eq!(letter_suffix(26), "aa");
        assert_eq!(letter_suffix(27), "ab");
        assert_eq!(letter_suffix(26 + 26 * 26), "aaa");
    }
}
