//! Scoring a word that grew by a char with one more score row, from the rows kept for it before.
//!
//! Row `i` of the score matrix reads only row `i - 1` (its diagonal) and one cell of row `i - 2`
//! (the stale first column the crate's two-row layout leaves). So keeping the last two rows of a
//! word, computed over the whole text, is enough to score any longer word by adding rows, and
//! while typing the last word of a query grows one char at a time over the same texts.

use super::super::occurrences::Occurrences;
use super::formula::{self, FRESH_CELL};
use super::row::RowStart;
use super::{Cell, Finished, Initialised, Needle, PackedEvent, Scorer, Text, Unit, Units, m_at, p_at, stale_cell};

/// The last two rows of a word in one text, and where the row after them may start: twelve bytes, as there is one
/// per text a word is kept for (hundreds of thousands).
#[derive(Clone, Copy, Debug)]
struct KeptText {
    /// Where the older row starts in `KeptRows::events`; the newer one follows it, up to the next text's start.
    start: u32,
    older: u32,
    /// What [`Kept`] says, in four bytes: `NO_MATCH`, `RESCORE`, or the last first match of [`Kept::Rows`].
    kind: u32,
}

const NO_MATCH: u32 = u32::MAX;
const RESCORE: u32 = u32::MAX - 1;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kept {
    /// The word's last char first matches at this position (its row's first column).
    Rows { last_first_match: u32 },
    /// The word does not match the text, so no longer word does either.
    NoMatch,
    /// Nothing to extend (the word was empty, or its rows did not fit): a longer word is scored whole.
    Rescore,
}

impl Kept {
    /// `None` for a first match that the packed kinds cannot tell from the others.
    fn packed(self) -> Option<u32> {
        match self {
            Kept::Rows { last_first_match } => (last_first_match < RESCORE).then_some(last_first_match),
            Kept::NoMatch => Some(NO_MATCH),
            Kept::Rescore => Some(RESCORE),
        }
    }

    fn unpacked(kind: u32) -> Kept {
        match kind {
            NO_MATCH => Kept::NoMatch,
            RESCORE => Kept::Rescore,
            last_first_match => Kept::Rows { last_first_match },
        }
    }
}

/// The last two score rows of one word in each of a run of texts, in order: what
/// [`Scorer::extend_keeping`] needs to score a longer word, one row per added char.
#[derive(Debug)]
pub struct KeptRows {
    /// The length of the word the rows are for.
    word_len: usize,
    events: Vec<PackedEvent>,
    /// Room to pack a row in.
    scratch: Vec<PackedEvent>,
    texts: Vec<KeptText>,
    /// Most events this may hold; beyond it pushes are refused and the rows are unusable.
    max_events: usize,
    full: bool,
}

impl KeptRows {
    /// Room for at most `max_events` events (6 bytes each), and never more than `u32` can count.
    pub fn with_limit(max_events: usize) -> KeptRows {
        let max_events = max_events.min(u32::MAX as usize);
        KeptRows { word_len: 0, events: Vec::new(), scratch: Vec::new(), texts: Vec::new(), max_events, full: false }
    }

    /// These buffers, emptied, for other rows: their memory is already mapped.
    pub fn recycle(mut self, max_events: usize) -> KeptRows {
        self.events.clear();
        self.texts.clear();
        self.max_events = max_events.min(u32::MAX as usize);
        self.full = false;
        self
    }

    /// How many events are kept.
    pub fn events(&self) -> usize {
        self.events.len()
    }

    /// How many events these buffers hold without growing.
    pub fn capacity(&self) -> usize {
        self.events.capacity()
    }

    /// How many texts are kept.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether a push was refused for lack of room: then the rows must not be used.
    pub fn is_full(&self) -> bool {
        self.full
    }

    /// Forgets every text from the `len`-th on.
    pub fn truncate(&mut self, len: usize) {
        if let Some(text) = self.texts.get(len) {
            self.events.truncate(text.start as usize);
            self.texts.truncate(len);
        }
    }

    /// Keeps, for the next text, that the word does not match it.
    pub fn push_no_match(&mut self) {
        self.push_kind(Kept::NoMatch);
    }

    fn push_kind(&mut self, kind: Kept) {
        let start = u32::try_from(self.events.len()).unwrap_or(u32::MAX);
        self.texts.push(KeptText { start, older: 0, kind: kind.packed().unwrap_or(RESCORE) });
    }

    /// Keeps `older` and the row `fill_newer` appends, written in place rather than copied.
    /// Returns `false` when `fill_newer` failed (an event did not fit): then the text is kept as
    /// one to score whole.
    fn push_filled(
        &mut self,
        older: &[PackedEvent],
        last_first_match: usize,
        fill_newer: impl FnOnce(&mut Vec<PackedEvent>) -> Option<()>,
    ) -> bool {
        let start = self.events.len();
        self.events.extend_from_slice(older);
        let filled = fill_newer(&mut self.events).is_some();
        let kind =
            u32::try_from(last_first_match).ok().and_then(|last_first_match| Kept::Rows { last_first_match }.packed());
        let (Ok(start_at), Ok(older_len), Some(kind), true, true) =
            (u32::try_from(start), u32::try_from(older.len()), kind, self.events.len() <= self.max_events, filled)
        else {
            self.events.truncate(start);
            self.full |= filled;
            self.push_kind(Kept::Rescore);
            return filled;
        };
        self.texts.push(KeptText { start: start_at, older: older_len, kind });
        true
    }

    /// What is kept for the `at`-th text.
    fn get(&self, at: usize) -> Lookup<'_> {
        let Some(text) = self.texts.get(at) else { return Lookup::ScoreWhole };
        let last_first_match = match Kept::unpacked(text.kind) {
            Kept::Rows { last_first_match } => last_first_match as usize,
            Kept::NoMatch => return Lookup::NoMatch,
            Kept::Rescore => return Lookup::ScoreWhole,
        };
        let start = text.start as usize;
        let middle = start + text.older as usize;
        let end = self.texts.get(at + 1).map_or(self.events.len(), |next| next.start as usize);
        match (self.events.get(start..middle), self.events.get(middle..end)) {
            (Some(older), Some(newer)) => Lookup::Rows(TextRows { older, newer, last_first_match }),
            _ => Lookup::ScoreWhole,
        }
    }
}

/// The rows kept for a shorter word in the text being scored: its `at`-th text in `rows`.
#[derive(Clone, Copy)]
pub struct Earlier<'a> {
    pub rows: &'a KeptRows,
    pub at: usize,
}

/// The last two rows kept for a word in one text.
#[derive(Clone, Copy)]
struct TextRows<'a> {
    older: &'a [PackedEvent],
    newer: &'a [PackedEvent],
    /// Where the word's last char first matches: the newer row's first column.
    last_first_match: usize,
}

enum Lookup<'a> {
    Rows(TextRows<'a>),
    /// The word did not match the text, so no longer word does.
    NoMatch,
    /// Nothing usable was kept: the text is scored whole.
    ScoreWhole,
}

impl Scorer {
    /// [`Scorer::score`], also keeping the last two rows of `pattern` in `text` in `kept`.
    pub fn score_keeping<'a>(
        &mut self,
        text: impl Into<Text<'a>>,
        pattern: &[char],
        case_sensitive: bool,
        kept: &mut KeptRows,
    ) -> Option<i64> {
        self.on_units(text, |scorer, units| match units {
            Units::Bytes(bytes, occurrences) => {
                scorer.score_keeping_units(bytes, occurrences, pattern, case_sensitive, kept)
            }
            Units::Chars(chars) => scorer.score_keeping_units(chars, None, pattern, case_sensitive, kept),
        })
    }

    /// The score of `pattern` in `text`, where `earlier` kept the rows of a prefix of `pattern`
    /// in the same text by [`Scorer::score_keeping`] or this; keeps the rows of `pattern` in
    /// `kept`. A pattern one char longer costs one row instead of one per char.
    pub fn extend_keeping<'a>(
        &mut self,
        text: impl Into<Text<'a>>,
        pattern: &[char],
        case_sensitive: bool,
        earlier: Earlier<'_>,
        kept: &mut KeptRows,
    ) -> Option<i64> {
        kept.word_len = pattern.len();
        let previous = earlier.rows;
        let rows = match previous.get(earlier.at) {
            Lookup::Rows(rows) => rows,
            Lookup::NoMatch => {
                kept.push_no_match();
                return None;
            }
            Lookup::ScoreWhole => return self.score_keeping(text, pattern, case_sensitive, kept),
        };
        match pattern.len().checked_sub(previous.word_len) {
            // The same word (a space typed after it): its rows stand.
            Some(0) => {
                kept.push_filled(rows.older, rows.last_first_match, |events| {
                    events.extend_from_slice(rows.newer);
                    Some(())
                });
                rows.newer.iter().map(|event| event.m()).max().map(i64::from)
            }
            Some(1) => self.on_units(text, |scorer, units| match units {
                Units::Bytes(bytes, occurrences) => {
                    scorer.add_row(bytes, occurrences, pattern, case_sensitive, rows, kept)
                }
                Units::Chars(chars) => scorer.add_row(chars, None, pattern, case_sensitive, rows, kept),
            }),
            // Several chars at once (pasted) or a shorter word: rare enough to score whole.
            _ => self.score_keeping(text, pattern, case_sensitive, kept),
        }
    }

    fn score_keeping_units<U: Unit>(
        &mut self,
        text: &[U],
        occurrences: Option<Occurrences<'_>>,
        pattern: &[char],
        case_sensitive: bool,
        kept: &mut KeptRows,
    ) -> Option<i64> {
        kept.word_len = pattern.len();
        let Some(last) = pattern.len().checked_sub(1) else {
            kept.push_kind(Kept::Rescore);
            return Some(0);
        };
        if let [only] = pattern {
            // The first keystroke of every word: one row over the initialised one, whose first
            // match (and whether there is one) the match mask tells without another pass.
            let needle = Needle::new(*only, case_sensitive);
            if let Some(mask) = U::short_mask(text, needle, occurrences) {
                if mask == 0 {
                    kept.push_no_match();
                    return None;
                }
                // The first row starts from a fresh cell at its first match.
                let start = RowStart { boundary: mask.trailing_zeros() as usize, stale: FRESH_CELL };
                let mut best = None;
                let packed = kept.push_filled(&[], start.boundary, |events| {
                    best = Some(U::fill_packed_row(text, needle, start, Initialised, events, Some(mask))?);
                    Some(())
                });
                if packed {
                    return best.map(i64::from);
                }
                kept.truncate(kept.len().saturating_sub(1));
            }
        }
        if self.find_first_matches(text, pattern, case_sensitive).is_none() {
            kept.push_no_match();
            return None;
        }
        // Unlike `score_units`, the columns run to the end of the text: a longer word's last
        // char may match right of this word's. The rows above the last are computed as usual,
        // and the last is written straight into `kept`.
        let (above, &final_char) = (pattern.get(..last)?, pattern.last()?);
        self.fill_rows(text, above, case_sensitive);
        let &boundary = self.first_matches.get(last)?;
        let start = RowStart { boundary, stale: stale_cell(&self.rows, last, boundary) };
        let above_row = last.checked_sub(1).and_then(|row| self.rows.get(row)).map(Vec::as_slice);
        let mut older = std::mem::take(&mut kept.scratch);
        older.clear();
        let packed = above_row.unwrap_or_default().iter().try_for_each(|event| {
            older.push(PackedEvent::new(event.col, event.m, event.p)?);
            Some(())
        });
        let needle = Needle::new(final_char, case_sensitive);
        let mask = U::short_mask(text, needle, occurrences);
        let mut best = None;
        let mut fill = |events: &mut Vec<PackedEvent>| {
            best = Some(match above_row {
                Some(above_row) => U::fill_packed_row(text, needle, start, Finished::new(above_row), events, mask)?,
                None => U::fill_packed_row(text, needle, start, Initialised, events, mask)?,
            });
            Some(())
        };
        let kept_whole = match packed {
            Some(()) => kept.push_filled(&older, boundary, &mut fill),
            None => {
                kept.push_kind(Kept::Rescore);
                false
            }
        };
        kept.scratch = older;
        if kept_whole {
            return best.map(i64::from);
        }
        // Too large to pack, and kept as a text to score whole: the score comes from plain rows.
        self.fill_rows(text, pattern, case_sensitive);
        self.rows.get(last)?.iter().map(|event| event.m).max().map(i64::from)
    }

    /// Adds the row of `pattern`'s last char to the kept rows of the rest of it.
    fn add_row<U: Unit>(
        &mut self,
        text: &[U],
        occurrences: Option<Occurrences<'_>>,
        pattern: &[char],
        case_sensitive: bool,
        TextRows { older, newer, last_first_match }: TextRows<'_>,
        kept: &mut KeptRows,
    ) -> Option<i64> {
        let needle = Needle::new(*pattern.last()?, case_sensitive);
        let mask = U::short_mask(text, needle, occurrences);
        let Some(start) = next_row_start(text, needle, pattern.len() - 1, older, last_first_match, mask) else {
            kept.push_no_match();
            return None;
        };
        // The new row is written straight into `kept`, after a copy of the row above it.
        let mut best = None;
        let kept_before = kept.len();
        let packed = kept.push_filled(newer, start.boundary, |events| {
            best = Some(U::fill_packed_row(text, needle, start, Finished::new(newer), events, mask)?);
            Some(())
        });
        if !packed {
            // A score too large to pack: scored whole, exactly, and kept for scoring whole again.
            kept.truncate(kept_before);
            return self.score_keeping_units(text, occurrences, pattern, case_sensitive, kept);
        }
        best.map(i64::from)
    }
}

/// Where row `row`, after `older` and another, starts: the first match of `needle` right of the
/// previous row's first match, holding the stale cell `older` left there.
fn next_row_start<U: Unit>(
    text: &[U],
    needle: Needle,
    row: usize,
    older: &[PackedEvent],
    last_first_match: usize,
    mask: Option<u128>,
) -> Option<RowStart> {
    let from = last_first_match + 1;
    let boundary = match mask {
        Some(mask) => {
            let right = mask.checked_shr(u32::try_from(from).ok()?).unwrap_or(0);
            (right != 0).then(|| from + right.trailing_zeros() as usize)?
        }
        None => from + U::find(text.get(from..)?, needle)?,
    };
    let stale = formula::stale_cell(row, || (m_at(older, boundary), p_at(older, boundary)));
    Some(RowStart { boundary, stale })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    /// A word typed into many texts one char at a time (sometimes several, as when pasting), each
    /// step extending the rows of the one before, scores as a fresh crate matcher does.
    #[test]
    fn extending_a_word_scores_as_a_fresh_skim_matcher() {
        extend_and_compare("aalllee mmsS-LE(κΚé1", 60);
    }

    /// ASCII texts take the byte kernels: those up to 128 bytes find matches by mask, longer ones by scanning.
    #[test]
    fn extending_a_word_in_ascii_texts_short_and_long_scores_as_a_fresh_skim_matcher() {
        extend_and_compare("aalllee mmsS-LE(1", 200);
    }

    fn extend_and_compare(alphabet: &str, max_text: usize) {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut rng = crate::synthetic::XorShift::new(0x5851_F42D_4C95_7F2D_u64);
        let mut next = |bound: usize| rng.below(bound);
        let mut scorer = Scorer::default();
        let (mut compared, mut matched) = (0, 0);
        for round in 0..600 {
            let case_sensitive = round % 3 == 0;
            // A fresh matcher per call: the crate's keeps hidden state between calls.
            let matcher = || match case_sensitive {
                true => SkimMatcherV2::default().respect_case(),
                false => SkimMatcherV2::default().ignore_case(),
            };
            let texts: Vec<String> =
                (0..20).map(|_| (0..next(max_text)).map(|_| alphabet[next(alphabet.len())]).collect()).collect();
            let word: Vec<char> = (0..1 + next(8)).map(|_| alphabet[next(alphabet.len())]).collect();
            let mut kept = KeptRows::with_limit(usize::MAX);
            let mut length = 1 + next(2);
            for text in &texts {
                scorer.score_keeping(text, &word[..length.min(word.len())], case_sensitive, &mut kept);
            }
            while length < word.len() {
                length = (length + 1 + next(2) * next(3)).min(word.len());
                let pattern = &word[..length];
                let pattern_text: String = pattern.iter().collect();
                let mut longer = KeptRows::with_limit(usize::MAX);
                for (at, text) in texts.iter().enumerate() {
                    let score =
                        scorer.extend_keeping(text, pattern, case_sensitive, Earlier { rows: &kept, at }, &mut longer);
                    assert_eq!(score, matcher().fuzzy_match(text, &pattern_text), "{text:?} {pattern_text:?}");
                    compared += 1;
                    matched += usize::from(score.is_some());
                }
                assert_eq!(longer.len(), texts.len());
                kept = longer;
            }
        }
        assert!(matched > compared / 10, "too few matches ({matched} of {compared})");
    }

    #[test]
    fn scores_too_large_to_pack_are_scored_whole_and_stay_exact() {
        // A long run of one letter scores about 20 per char: past `i16::MAX` at 1700 chars.
        let text = "a".repeat(1800);
        let word: Vec<char> = text.chars().take(1702).collect();
        let mut scorer = Scorer::default();
        let mut kept = KeptRows::with_limit(usize::MAX);
        let expected = |length: usize| scorer_score(&text, &word[..length]);
        let (short, long, longer) = (expected(1700), expected(1701), expected(1702));
        assert!(long.is_some_and(|score| score > i64::from(i16::MAX)), "{long:?}");
        assert_eq!(scorer.score_keeping(&text, &word[..1700], false, &mut kept), short);
        for (length, expected) in [(1701, long), (1702, longer)] {
            let mut longer_rows = KeptRows::with_limit(usize::MAX);
            assert_eq!(
                scorer.extend_keeping(&text, &word[..length], false, Earlier { rows: &kept, at: 0 }, &mut longer_rows),
                expected
            );
            assert_eq!(longer_rows.len(), 1);
            kept = longer_rows;
        }
    }

    #[test]
    fn texts_too_long_to_pack_are_scored_whole_and_stay_exact() {
        // Columns past `u16::MAX` do not fit a packed event: the text is kept as one to score whole.
        let text = format!("{}lenalidomide", "x y ".repeat(20_000));
        let word: Vec<char> = "lenalid".chars().collect();
        let mut scorer = Scorer::default();
        let mut kept = KeptRows::with_limit(usize::MAX);
        assert_eq!(scorer.score_keeping(text.as_str(), &word[..2], false, &mut kept), scorer_score(&text, &word[..2]));
        for length in 3..=word.len() {
            let mut longer = KeptRows::with_limit(usize::MAX);
            let earlier = Earlier { rows: &kept, at: 0 };
            let score = scorer.extend_keeping(text.as_str(), &word[..length], false, earlier, &mut longer);
            assert_eq!(score, scorer_score(&text, &word[..length]));
            assert!(score.is_some());
            assert_eq!((longer.len(), longer.events()), (1, 0), "kept as a text to score whole");
            kept = longer;
        }
    }

    #[test]
    fn kept_rows_take_six_bytes_an_event_and_twelve_a_text() {
        // Millions of events and hundreds of thousands of texts are kept between keystrokes.
        assert_eq!(size_of::<PackedEvent>(), 6);
        assert_eq!(size_of::<KeptText>(), 12);
    }

    fn scorer_score(text: &str, word: &[char]) -> Option<i64> {
        Scorer::default().score(text, word, false)
    }

    #[test]
    fn rows_beyond_the_limit_are_refused_and_truncation_forgets_texts() {
        let mut scorer = Scorer::default();
        let word: Vec<char> = "le".chars().collect();
        let mut kept = KeptRows::with_limit(6);
        assert_eq!(
            scorer.score_keeping("lead", &word, false, &mut kept),
            Some(scorer.score("lead", &word, false).unwrap())
        );
        assert_eq!(scorer.score_keeping("xyz", &word, false, &mut kept), None);
        assert!(!kept.is_full());
        assert_eq!(kept.len(), 2);
        kept.truncate(1);
        assert_eq!(kept.len(), 1);
        scorer.score_keeping("lele lele lele", &word, false, &mut kept);
        assert!(kept.is_full());
    }
}
