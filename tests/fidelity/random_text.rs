//! Random but reproducible text for the fidelity tests: words of ASCII letters with a few non-ASCII ones, the
//! punctuation of titles and abstracts, and none of what the cleaning pass rewrites (controls, `<`, `&`).

use lenaview::synthetic::XorShift;

const ASCII_LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const OTHER_LETTERS: &[char] = &['é', 'ü', 'ø', 'ß', 'ł', 'ñ', 'κ', 'α', 'Å', 'ç'];
use lenaview::formats::months::ABBREVIATIONS as MONTHS;
const SEASONS: &[&str] = &["Spring", "Summer", "Fall", "Winter"];
pub const LABELS: &[&str] = &["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS", "PATIENT CONCERNS"];

pub struct RandomText(XorShift);

impl RandomText {
    pub fn new(seed: u64) -> Self {
        RandomText(XorShift::new(seed))
    }

    pub fn below(&mut self, bound: usize) -> usize {
        self.0.below(bound)
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.0.below(one_in) == 0
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        self.0.pick(items)
    }

    /// A lower-case word of 2 to 9 letters, one in five with a non-ASCII letter.
    pub fn word(&mut self) -> String {
        let length = 2 + self.below(8);
        let mut word: String = (0..length).map(|_| self.pick(ASCII_LETTERS) as char).collect();
        if self.chance(5) {
            let at = self.below(length);
            word.replace_range(at..=at, &self.pick(OTHER_LETTERS).to_string());
        }
        word
    }

    pub fn capitalised_word(&mut self) -> String {
        let word = self.word();
        let mut chars = word.chars();
        chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }

    /// A sentence of `words` words with a capital, some inner punctuation and a full stop.
    pub fn sentence(&mut self, words: usize) -> String {
        let mut text = self.capitalised_word();
        for _ in 1..words.max(2) {
            let word = self.word();
            match self.below(12) {
                0 => text.push_str(&format!(", {word}")),
                1 => text.push_str(&format!(" ({word})")),
                2 => text.push_str(&format!("-{word}")),
                3 => text.push_str(&format!("; {word}")),
                4 => text.push_str(&format!(" {}%", self.below(100))),
                5 => text.push_str(&format!(" \"{word}\"")),
                _ => text.push_str(&format!(" {word}")),
            }
        }
        text.push('.');
        text
    }

    /// A sentence of `least` words and up to `extra` more.
    pub fn sentence_of(&mut self, least: usize, extra: usize) -> String {
        let words = least + self.below(extra);
        self.sentence(words)
    }

    /// `least` sentences and up to `extra` more.
    pub fn sentences(&mut self, least: usize, extra: usize) -> String {
        let count = least + self.below(extra);
        (0..count).map(|_| self.sentence_of(4, 14)).collect::<Vec<_>>().join(" ")
    }

    /// An abstract paragraph, labelled one time in two (`RESULTS: ...`).
    pub fn abstract_paragraph(&mut self) -> String {
        let text = self.sentences(1, 4);
        if self.chance(2) { format!("{}: {text}", self.pick(LABELS)) } else { text }
    }

    /// `Nakamura K`, `Ødegaard-Li AB`.
    pub fn author(&mut self) -> String {
        let initials: String = (0..1 + self.below(2)).map(|_| self.pick(b"ABCDEFGHJKLMNPRSTW") as char).collect();
        let surname = self.capitalised_word();
        if self.chance(6) {
            format!("{surname}-{} {initials}", self.capitalised_word())
        } else {
            format!("{surname} {initials}")
        }
    }

    pub fn journal(&mut self) -> String {
        (0..1 + self.below(4)).map(|_| self.capitalised_word()).collect::<Vec<_>>().join(" ")
    }

    /// A publication date as sources print it: `2019`, `2019 Aug`, `2019 Aug 22`, `Fall 2018`.
    pub fn printed_date(&mut self) -> (String, i32) {
        let year = 1980 + self.below(46) as i32;
        let date = match self.below(4) {
            0 => year.to_string(),
            1 => format!("{year} {}", self.pick(&MONTHS)),
            2 => format!("{year} {} {}", self.pick(&MONTHS), 1 + self.below(28)),
            _ => format!("{} {year}", self.pick(SEASONS)),
        };
        (date, year)
    }

    pub fn number(&mut self, below: usize) -> String {
        (1 + self.below(below)).to_string()
    }

    pub fn pages(&mut self) -> String {
        let first = 1 + self.below(900);
        if self.chance(4) { format!("e{first}") } else { format!("{first}-{}", first + self.below(40)) }
    }
}

/// Text without its whitespace: what fidelity compares, since wrapping and joining may change spaces.
pub fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Splits text into lines of about `width` characters at spaces, as exporters wrap long fields.
pub fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}
