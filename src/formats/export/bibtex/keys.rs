//! BibTeX keys: `chari2019oral` from the first author, the year and the first significant title word, unique
//! within an export by letter suffixes given in order.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

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
    let renamed = clashes_renamed(&keys, &hashes);
    for (at, suffix) in renamed {
        push_letter_suffix(&mut keys[at], suffix);
    }
    keys
}

/// Which of `keys` (base keys in order, each with its hash) clash with one before them, each with its suffix: the
/// first free one for its base, counting on from where the last namesake's search stopped (the suffixes before it
/// were taken, and stay so). The keys given out so far are found by hash, each a base in `keys` or a suffixed key
/// written into one buffer: no string is made for a key, nor freed one by one after (the sets of strings this
/// replaced took 30 ms to fill and 8 to free at 75k keys).
fn clashes_renamed(keys: &[String], hashes: &[u64]) -> Vec<(usize, usize)> {
    let mut suffixed = String::new();
    let mut given: HashTable<(u64, Given)> = HashTable::with_capacity(keys.len());
    // By base (the position of its first namesake), where its search for a free suffix goes on.
    let mut next_suffix: HashTable<(usize, usize)> = HashTable::new();
    let mut renamed = Vec::new();
    for (at, (base, &hash)) in keys.iter().zip(hashes).enumerate() {
        let taken = |suffixed: &str, wanted: &str, hash: u64| {
            given.find(hash, |&(other, one)| other == hash && one.text(keys, suffixed) == wanted).is_some()
        };
        if !taken(&suffixed, base, hash) {
            given.insert_unique(hash, (hash, Given { start: at, end: 0 }), |&(hash, _)| hash);
            continue;
        }
        let (_, next) = next_suffix
            .entry(hash, |&(first, _)| keys[first] == *base, |&(first, _)| hashes[first])
            .or_insert((at, 0))
            .into_mut();
        loop {
            let start = suffixed.len();
            suffixed.push_str(base);
            push_letter_suffix(&mut suffixed, *next);
            *next += 1;
            let candidate_hash = FxBuildHasher.hash_one(&suffixed[start..]);
            if !taken(&suffixed, &suffixed[start..], candidate_hash) {
                let one = Given { start, end: suffixed.len() };
                given.insert_unique(candidate_hash, (candidate_hash, one), |&(hash, _)| hash);
                renamed.push((at, *next - 1));
                break;
            }
            suffixed.truncate(start);
        }
    }
    renamed
}

/// A key given out: the base key at position `start`, when `end` is 0, else `start..end` of the suffixed keys.
#[derive(Clone, Copy)]
struct Given {
    start: usize,
    end: usize,
}

impl Given {
    fn text<'a>(self, keys: &'a [String], suffixed: &'a str) -> &'a str {
        match self.end {
            0 => &keys[self.start],
            end => &suffixed[self.start..end],
        }
    }
}

/// The room a base key is made with for a suffix: up to four letters, for nearly half a million namesakes.
const SUFFIX_ROOM: usize = 4;

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

    /// The rule, plainly: each key in turn keeps its base if no key before it has it, else takes its base's next
    /// suffix that no key before it has, the search going on where the last namesake's stopped.
    fn plain_unique_keys(bases: &[String]) -> Vec<String> {
        let mut given = std::collections::HashSet::new();
        let mut next = std::collections::HashMap::new();
        let mut keys = Vec::new();
        for base in bases {
            let mut key = base.clone();
            if !given.insert(key.clone()) {
                let next = next.entry(base.clone()).or_insert(0);
                loop {
                    key = format!("{base}{}", letter_suffix(*next));
                    *next += 1;
                    if given.insert(key.clone()) {
                        break;
                    }
                }
            }
            keys.push(key);
        }
        keys
    }

    #[test]
    fn keys_given_in_order_are_those_of_the_plain_rule_however_bases_and_suffixes_meet() {
        // Family names whose keys are each other's suffixed keys ("k", "ka", "kaa", "kb"…), in a scrambled order.
        let families = ["K", "Ka", "Kb", "Kaa", "Kab", "Kz", "Kba", "L"];
        let mut state = 7u64;
        let publications: Vec<Publication> = (0..3000)
            .map(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let family = families[(state >> 33) as usize % families.len()];
                Publication { authors: vec![format!("{family} X").into()], ..Publication::default() }
            })
            .collect();
        let listed: Vec<&Publication> = publications.iter().collect();
        let bases: Vec<String> = listed.iter().map(base_key).collect();
        assert!(bases.contains(&"kaa".to_string()) && bases.contains(&"k".to_string()));
        let keys = unique_keys(&listed);
        assert_eq!(keys, plain_unique_keys(&bases));
        assert_eq!(keys.iter().collect::<std::collections::HashSet<_>>().len(), keys.len(), "every key once");
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
