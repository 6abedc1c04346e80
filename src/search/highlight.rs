//! Where a query matched, in char indices of the original text: computed per visible row only.

use std::ops::Range;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::exact::best_occurrence;
use super::fold::{Case, fold_with_origin};
use super::query::{Kind, Query};

/// Char indices of `text` that `query`'s words fuzzy-match, and its exact terms' best occurrences
/// cover, ascending and without repeats.
///
/// Words are matched independently, as in the search; a word that does not match `text` (it may
/// have matched an author) adds nothing. Of an `a | b` clause the first term found is marked, as
/// it is the one scored; negated terms mark nothing.
pub fn highlight_positions(text: &str, query: &str) -> Vec<usize> {
    let query = Query::parse(query);
    if query.is_empty() {
        return Vec::new();
    }
    let (folded, origin) = fold_with_origin(text, query.case);
    let matcher = match query.case {
        Case::Sensitive => SkimMatcherV2::default().respect_case(),
        Case::Insensitive => SkimMatcherV2::default().ignore_case(),
    };
    let mut marked: Vec<usize> =
        query.words.iter().filter_map(|word| matcher.fuzzy(&folded, &word.text, true)).flat_map(|(_, at)| at).collect();
    for clause in &query.filters {
        let first_found = clause.iter().filter(|term| !term.negated).find_map(|term| match term.kind {
            Kind::Fuzzy => matcher.fuzzy(&folded, &term.word.text, true).map(|(_, at)| at),
            kind => best_occurrence(&folded, &term.word, kind, query.case).map(|(_, at)| {
                let first = folded[..at].chars().count();
                (first..first + term.word.chars.len()).collect()
            }),
        });
        marked.extend(first_found.unwrap_or_default());
    }
    let mut positions: Vec<usize> =
        marked.into_iter().filter_map(|folded_index| origin.get(folded_index).copied()).collect();
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// Char ranges of `text` where a query word occurs literally (after folding, with smart case; the
/// words of negated terms excepted),
/// in text order; overlapping occurrences are merged. For highlighting words in an abstract and
/// jumping between them.
pub fn word_ranges(text: &str, query: &str) -> Vec<Range<usize>> {
    let query = Query::parse(query);
    if query.is_empty() {
        return Vec::new();
    }
    let (folded, origin) = fold_with_origin(text, query.case);
    let folded: Vec<char> = folded.chars().collect();
    let same = |a: char, b: char| match query.case {
        Case::Sensitive => a == b,
        Case::Insensitive => a.eq_ignore_ascii_case(&b),
    };
    let mut ranges = Vec::new();
    for word in query.positive_words() {
        let width = word.chars.len();
        let mut start = 0;
        while start + width <= folded.len() {
            let window = &folded[start..start + width];
            if window.iter().zip(&word.chars).all(|(&a, &b)| same(a, b)) {
                if let (Some(&first), Some(&last)) = (origin.get(start), origin.get(start + width - 1)) {
                    ranges.push(first..last + 1);
                }
                start += width;
            } else {
                start += 1;
            }
        }
    }
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(previous) if range.start <= previous.end => previous.end = previous.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_point_at_the_original_chars_after_folding() {
        // 'ß' folds to two chars; the positions after it must not shift.
        assert_eq!(highlight_positions("Straße Müller", "muller"), vec![7, 8, 9, 10, 11, 12]);
        assert_eq!(highlight_positions("Straße Müller", "strasse"), vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn exact_terms_mark_their_best_occurrence_and_negations_nothing() {
        let title = "Lenalidomide and pomalidomide";
        assert_eq!(highlight_positions(title, "'domide"), (6..12).collect::<Vec<_>>());
        assert_eq!(highlight_positions(title, "domide$"), (23..29).collect::<Vec<_>>());
        assert_eq!(highlight_positions(title, "^len !pom"), vec![0, 1, 2]);
        // Of `a | b`, the first term found: the one scored.
        assert_eq!(highlight_positions(title, "'xyz | ^lena | and"), vec![0, 1, 2, 3]);
        assert_eq!(highlight_positions("Straße Müller", "'muller"), vec![7, 8, 9, 10, 11, 12]);
        assert_eq!(word_ranges(title, "'lenalidomide !and"), vec![0..12]);
    }

    #[test]
    fn word_ranges_find_each_word_and_merge_overlaps() {
        let text = "Lenalidomide: LENALIDOMIDE and lenalidomide-dexamethasone";
        assert_eq!(word_ranges(text, "lenalidomide"), vec![0..12, 14..26, 31..43]);
        assert_eq!(word_ranges(text, "Lenalidomide"), vec![0..12]);
        assert_eq!(word_ranges(text, "lenalid idomide"), vec![0..12, 14..26, 31..43]);
        assert_eq!(word_ranges("Müller and Muller", "müller"), vec![0..6, 11..17]);
        assert!(word_ranges(text, " ").is_empty());
        assert!(word_ranges(text, "thalidomide").is_empty());
    }
}
