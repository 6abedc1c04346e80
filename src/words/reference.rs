//! The matcher done plainly, for tests only: the folded words joined by single spaces into one string, and at
//! each word every term of every list compared as a string, as a reader would check a match by eye. The fast
//! matcher (indexed by first word) must find exactly what this finds, on generated texts and lists.

use super::WordLists;
use super::matcher::WordMatch;
use super::term::{Term, folded_words};

pub fn find(lists: &WordLists, text: &str, applies: &[bool]) -> Vec<WordMatch> {
    let words = folded_words(text);
    let joined: Vec<String> = (0..words.len())
        .map(|at| words[at..].iter().map(|word| word.text.as_str()).collect::<Vec<_>>().join(" "))
        .collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let mut best: Option<(usize, usize)> = None;
        for (list, terms) in lists.lists.iter().enumerate() {
            if !applies[list] {
                continue;
            }
            for term in terms.words.iter().filter_map(|word| Term::parse(word)) {
                let wanted = term.words.join(" ");
                let Some(rest) = joined[at].strip_prefix(&wanted) else { continue };
                let whole_word = rest.is_empty() || rest.starts_with(' ');
                if !(whole_word || term.prefix) {
                    continue;
                }
                let length = term.words.len();
                if best.is_none_or(|(best_length, _)| length > best_length) {
                    best = Some((length, list));
                }
            }
        }
        match best {
            Some((length, list)) => {
                found.push(WordMatch { chars: words[at].chars.start..words[at + length - 1].chars.end, list });
                at += length;
            }
            None => at += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::matcher::Matcher;
    use crate::words::{ListColor, WordList};

    /// A small deterministic generator (xorshift), so a failure can be run again from its seed.
    struct Random(u64);

    impl Random {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % bound as u64) as usize
        }

        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[self.below(from.len())]
        }
    }

    /// Few, similar words, so that terms, prefixes, phrases and overlaps meet often.
    const WORDS: &[&str] =
        &["myeloma", "Myélome", "mye", "MYELOMA", "cell", "cells", "Straße", "strasse", "κ", "Κ", "cd38", "a"];
    const SEPARATORS: &[&str] = &[" ", "  ", "-", ", ", "; ", "\u{2013}", "(", ") ", "\n"];

    fn text(random: &mut Random) -> String {
        let mut text = String::new();
        for _ in 0..random.below(14) {
            text.push_str(random.pick(WORDS));
            text.push_str(random.pick(SEPARATORS));
        }
        text
    }

    fn term(random: &mut Random) -> String {
        let mut words: Vec<&str> = (0..1 + random.below(3)).map(|_| random.pick(WORDS)).collect();
        if random.below(4) == 0 {
            words.push("*");
        }
        let mut term = words.join(" ");
        if term.ends_with(" *") {
            term = term.replace(" *", "*");
        }
        term
    }

    #[test]
    fn the_matcher_finds_what_the_reference_finds() {
        for seed in 1..1000u64 {
            let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let lists = WordLists {
                lists: (0..1 + random.below(3))
                    .map(|index| WordList {
                        name: format!("list{index}"),
                        color: ListColor::Green,
                        weight: 1,
                        topic: None,
                        words: (0..random.below(5)).map(|_| term(&mut random)).collect(),
                    })
                    .collect(),
            };
            let applies: Vec<bool> = lists.lists.iter().map(|_| random.below(5) != 0).collect();
            let matcher = Matcher::new(&lists);
            for _ in 0..5 {
                let text = text(&mut random);
                assert_eq!(
                    matcher.find(&text, &applies),
                    find(&lists, &text, &applies),
                    "seed {seed}: {text:?} {lists:?}"
                );
            }
        }
    }
}
