//! One kind of text (titles, say) for every publication, folded once. Most columns hold an entry per id; the notes'
//! holds entries only for the ids that have a text ([`Column::build_few`]): few papers have a note, and an entry
//! costs about 50 bytes even for an empty text.

use std::borrow::Cow;

use super::super::fold::{Case, fold, fold_into};
use super::super::occurrences::OccurrenceTable;
use super::super::skim::Text;
use super::bounds::Bounds;

#[derive(Clone)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(in crate::search) struct Column {
    /// Which id each entry below is the text of.
    ids: Ids,
    /// Every entry's text folded for case-insensitive search, back to back: one allocation, scanned in order.
    insensitive: String,
    /// `insensitive[bounds[entry]..bounds[entry + 1]]` is the text of `entry`.
    bounds: Bounds,
    /// The case-sensitive texts that differ from the case-insensitive ones (Greek capitals), by entry, ascending:
    /// few texts have one, so looking them up beats four bytes for every entry.
    sensitive: Vec<(u32, Box<str>)>,
    /// Per entry, whether its case-insensitive text is ASCII.
    ascii: Vec<bool>,
    /// Where the letters and digits of the short ASCII texts occur.
    occurrences: OccurrenceTable,
}

#[derive(Clone)]
#[cfg_attr(test, derive(Debug, PartialEq))]
enum Ids {
    /// Entry `n` is id `n`'s text.
    Every,
    /// Of `len` ids, only `holders` (ascending) have a text, the `n`-th of them entry `n`; the others' are empty.
    Few { len: usize, holders: Vec<u32>, held: Bitset },
}

/// A bit per id: whether it holds a text, told without searching `holders` (every candidate asks).
#[derive(Clone, Default)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Bitset(Vec<u64>);

impl Bitset {
    fn insert(&mut self, id: usize) {
        if self.0.len() <= id / 64 {
            self.0.resize(id / 64 + 1, 0);
        }
        self.0[id / 64] |= 1 << (id % 64);
    }

    fn contains(&self, id: usize) -> bool {
        self.0.get(id / 64).is_some_and(|word| word >> (id % 64) & 1 == 1)
    }
}

impl Column {
    /// A column with an entry per text.
    pub(super) fn build<'a>(texts: impl Iterator<Item = Cow<'a, str>>) -> Column {
        let mut column = Column::empty(Ids::Every);
        for text in texts {
            column.push_entry(&text);
        }
        column.shrink_to_fit();
        column
    }

    /// A column with entries for the texts that are not empty alone: what a column most of whose texts are empty
    /// (the notes) costs.
    pub(super) fn build_few<'a>(texts: impl Iterator<Item = Cow<'a, str>>) -> Column {
        let mut column = Column::empty(Ids::Few { len: 0, holders: Vec::new(), held: Bitset::default() });
        for text in texts {
            column.push_few(&text);
        }
        column.shrink_to_fit();
        column
    }

    fn empty(ids: Ids) -> Column {
        Column {
            ids,
            insensitive: String::new(),
            bounds: Bounds::new(),
            sensitive: Vec::new(),
            ascii: Vec::new(),
            occurrences: OccurrenceTable::default(),
        }
    }

    /// The next id's text, in a column of few texts.
    fn push_few(&mut self, text: &str) {
        let id = self.len();
        if let Ids::Few { len, holders, held } = &mut self.ids {
            *len += 1;
            if text.is_empty() {
                return;
            }
            // Past what an id can say, the text is left out (no library comes near four billion papers).
            let Ok(holder) = u32::try_from(id) else { return };
            holders.push(holder);
            held.insert(id);
        }
        self.push_entry(text);
    }

    fn push_entry(&mut self, text: &str) {
        let start = self.insensitive.len();
        fold_into(text, Case::Insensitive, &mut self.insensitive, None);
        self.bounds.push(self.insensitive.len());
        if !text.is_ascii() {
            let sensitive = fold(text, Case::Sensitive);
            // Past what an entry can say, a text is searched as folded for both cases (no column comes near).
            if sensitive != self.insensitive[start..]
                && let Ok(entry) = u32::try_from(self.ascii.len())
            {
                self.sensitive.push((entry, sensitive.into_boxed_str()));
            }
        }
        self.ascii.push(self.insensitive[start..].is_ascii());
        self.occurrences.push(&self.insensitive[start..]);
    }

    /// Gives back what growing left unused: an index lives as long as the reader, and its buffers grew by doubling,
    /// up to half of them spare (a tenth of the reader's memory at 100k papers).
    fn shrink_to_fit(&mut self) {
        self.insensitive.shrink_to_fit();
        self.bounds.shrink_to_fit();
        self.sensitive.shrink_to_fit();
        self.ascii.shrink_to_fit();
        self.occurrences.shrink_to_fit();
        if let Ids::Few { holders, held, .. } = &mut self.ids {
            holders.shrink_to_fit();
            held.0.shrink_to_fit();
        }
    }

    /// How many ids the column has a text for, empty or not.
    pub(super) fn len(&self) -> usize {
        match &self.ids {
            Ids::Every => self.bounds.len() - 1,
            Ids::Few { len, .. } => *len,
        }
    }

    /// The entry of `id`'s text; `None` when it is empty and has none.
    #[inline]
    fn entry(&self, id: usize) -> Option<usize> {
        match &self.ids {
            Ids::Every => Some(id),
            Ids::Few { holders, held, .. } => match held.contains(id) {
                true => holders.binary_search(&u32::try_from(id).ok()?).ok(),
                false => None,
            },
        }
    }

    /// Whether the text of `id` is empty; only a column of few texts answers without reading it.
    pub(super) fn is_empty_text(&self, id: usize) -> bool {
        self.entry(id).is_none_or(|entry| self.bounds.get(entry) == self.bounds.get(entry + 1))
    }

    /// Whether the text of `id` surely lacks one of a word's letter and digit `groups`: then
    /// the word cannot match it (in either case mode: the groups hold both cases).
    pub(super) fn lacks(&self, id: usize, groups: u32) -> bool {
        match self.entry(id) {
            Some(entry) => self.occurrences.lacks(entry, groups),
            // An empty text lacks every group.
            None => groups != 0,
        }
    }

    /// The text of `id` as the scorer takes it.
    pub(super) fn scored_text(&self, id: usize, case: Case) -> Text<'_> {
        let Some(entry) = self.entry(id) else { return Text::with_ascii("", true) };
        let text = self.entry_text(entry, case);
        if case == Case::Sensitive && self.own_sensitive_text(entry).is_some() {
            return Text::from(text);
        }
        // ASCII texts are the same in both cases, so their occurrences serve both.
        match (self.occurrences.get(entry), self.ascii.get(entry)) {
            (Some(occurrences), _) => Text::recorded(text, occurrences),
            (None, Some(&ascii)) => Text::with_ascii(text, ascii),
            (None, None) => Text::from(text),
        }
    }

    pub(super) fn text(&self, id: usize, case: Case) -> &str {
        self.entry(id).map_or("", |entry| self.entry_text(entry, case))
    }

    /// The case-sensitive text of `entry`, when it differs from the case-insensitive one.
    fn own_sensitive_text(&self, entry: usize) -> Option<&str> {
        if self.sensitive.is_empty() {
            return None;
        }
        let entry = u32::try_from(entry).ok()?;
        let at = self.sensitive.binary_search_by_key(&entry, |(held, _)| *held).ok()?;
        self.sensitive.get(at).map(|(_, text)| &**text)
    }

    fn entry_text(&self, entry: usize, case: Case) -> &str {
        if case == Case::Sensitive
            && let Some(text) = self.own_sensitive_text(entry)
        {
            return text;
        }
        match (self.bounds.get(entry), self.bounds.get(entry + 1)) {
            (Some(start), Some(end)) => self.insensitive.get(start..end).unwrap_or(""),
            _ => "",
        }
    }

    /// `other`'s texts after these, as if they had been built in one go.
    pub(super) fn append(&mut self, other: Column) {
        let first_id = self.len();
        match (&mut self.ids, other.ids) {
            (Ids::Every, Ids::Every) => {}
            (Ids::Few { len, holders, held }, Ids::Few { len: other_len, holders: other_holders, .. }) => {
                *len += other_len;
                for holder in other_holders {
                    let id = first_id + holder as usize;
                    // Past what an id can say: such a text would not have been kept in one go either.
                    let Ok(moved) = u32::try_from(id) else { break };
                    holders.push(moved);
                    held.insert(id);
                }
            }
            // Columns are built one way for each kind of text, so this is never asked; answered all the same.
            (_, other_ids) => {
                let other = Column { ids: other_ids, ..other };
                // Folding a folded text again changes nothing, and the case-sensitive text folds to both.
                for id in 0..other.len() {
                    match self.ids {
                        Ids::Every => self.push_entry(other.text(id, Case::Sensitive)),
                        Ids::Few { .. } => self.push_few(other.text(id, Case::Sensitive)),
                    }
                }
                self.shrink_to_fit();
                return;
            }
        }
        let offset = self.insensitive.len();
        self.insensitive.push_str(&other.insensitive);
        self.bounds.append(&other.bounds, offset);
        let first_entry = self.ascii.len();
        for (entry, text) in other.sensitive {
            // Past what an entry can say: searched as folded for both cases, as `push_entry` leaves it.
            if let Ok(moved) = u32::try_from(first_entry + entry as usize) {
                self.sensitive.push((moved, text));
            }
        }
        self.ascii.extend(other.ascii);
        self.occurrences.append(other.occurrences);
        self.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::skim::Scorer;
    use super::*;

    #[test]
    fn greek_capitals_keep_a_case_sensitive_text() {
        let column = Column::build(["Κappa chain", "Müller", "plain"].into_iter().map(Into::into));
        assert_eq!(column.text(0, Case::Insensitive), "κappa chain");
        assert_eq!(column.text(0, Case::Sensitive), "Κappa chain");
        assert_eq!(column.text(1, Case::Sensitive), "Muller");
        assert_eq!(column.text(2, Case::Insensitive), "plain");
        assert_eq!(column.text(3, Case::Insensitive), "");
        assert_eq!(column.sensitive.len(), 1);
    }

    const TEXTS: [&str; 9] = ["", "Lenalidomide", "", "", "Κappa chain in Müller's", "", "ΣΟΦΙΑ", "2019 plain", ""];

    /// Everything a search reads of a column, per id.
    #[allow(clippy::type_complexity)]
    fn as_searched(column: &Column) -> Vec<(String, String, bool, Vec<(bool, Option<i64>, Option<i64>)>)> {
        let words = ["lenal", "2", "kappa", "Κap", "z", ""];
        let mut scorer = Scorer::default();
        (0..column.len())
            .map(|id| {
                let searched = words.iter().map(|word| {
                    let pattern: Vec<char> = word.chars().collect();
                    let insensitive = scorer.score(column.scored_text(id, Case::Insensitive), &pattern, false);
                    let sensitive = scorer.score(column.scored_text(id, Case::Sensitive), &pattern, true);
                    (column.lacks(id, groups(word)), insensitive, sensitive)
                });
                let (insensitive, sensitive) = (column.text(id, Case::Insensitive), column.text(id, Case::Sensitive));
                (insensitive.to_string(), sensitive.to_string(), column.is_empty_text(id), searched.collect())
            })
            .collect()
    }

    fn groups(word: &str) -> u32 {
        super::super::super::occurrences::groups_of(&word.chars().collect::<Vec<_>>())
    }

    #[test]
    fn a_column_of_few_texts_reads_as_the_column_of_every_text() {
        let every = Column::build(TEXTS.iter().map(|&text| text.into()));
        let few = Column::build_few(TEXTS.iter().map(|&text| text.into()));
        assert_eq!(few.len(), TEXTS.len());
        assert_eq!(few.text(TEXTS.len(), Case::Insensitive), "");
        assert_eq!(as_searched(&few), as_searched(&every));
        assert_eq!(few.bounds.len(), 5, "only the four texts that are not empty have an entry");
        let none = Column::build_few(["", ""].into_iter().map(Into::into));
        assert_eq!((none.len(), none.bounds.len()), (2, 1));
        assert!(none.lacks(1, groups("a")) && !none.lacks(1, 0));
    }

    #[test]
    fn columns_of_few_texts_put_end_to_end_are_the_column_built_in_one_go() {
        for split in 0..=TEXTS.len() {
            let (first, second) = TEXTS.split_at(split);
            let mut column = Column::build_few(first.iter().map(|&text| text.into()));
            column.append(Column::build_few(second.iter().map(|&text| text.into())));
            assert_eq!(column, Column::build_few(TEXTS.iter().map(|&text| text.into())), "split at {split}");
            // Another kind of column appended is taken in text by text.
            let mut mixed = Column::build_few(first.iter().map(|&text| text.into()));
            mixed.append(Column::build(second.iter().map(|&text| text.into())));
            assert_eq!(as_searched(&mixed), as_searched(&column), "split at {split}");
            let mut mixed = Column::build(first.iter().map(|&text| text.into()));
            mixed.append(Column::build_few(second.iter().map(|&text| text.into())));
            assert_eq!(mixed, Column::build(TEXTS.iter().map(|&text| text.into())), "split at {split}");
        }
    }
}
