//! One search without an index, as `lenaview search` and `export --query` make: every publication's texts are
//! folded and scored in one pass, on every core, as fzf reads its lines. An index pays for itself over many
//! keystrokes; for one query, building it costs more than the search it serves. Hits, scores and order are those
//! of [`super::Index::search`]: both score through `candidate`.

use std::borrow::Cow;
use std::thread;

use super::candidate::{self, CandidateTexts, RowsAt, abstract_text, note_text, push_meta_text};
use super::fold::{Case, fold_into};
use super::index::{PARALLEL_MIN_CANDIDATES, rank};
use super::query::Query;
use super::skim::{Scorer, Text};
use super::{Hit, Scope};
use crate::model::PaperFields;
use crate::parallel::map_parts;

/// Matches of `query` among `publications` in `scope`, best first, equal scores in the order of `publications`;
/// a hit's id is its position there. What [`super::Index::search`] answers over all of an index of the same
/// publications, abstracts included, without building one. Only whole publications ([`PaperFields::whole`]) have
/// an abstract and a note: a view of a cache that leaves them out has nothing there for [`Scope::Everything`].
pub fn search_once<P: PaperFields + Sync>(publications: &[P], query: &str, scope: Scope) -> Vec<Hit> {
    rank(matches_on_every_core(publications, &Query::parse(query), scope, Scorer::default))
}

/// Whether each of `publications` matches `query` in `scope`: the publications [`search_once`] has hits for,
/// found without scoring them (a selection needs neither scores nor their order).
pub fn matching_once<P: PaperFields + Sync>(publications: &[P], query: &str, scope: Scope) -> Vec<bool> {
    let mut matching = vec![false; publications.len()];
    for hit in matches_on_every_core(publications, &Query::parse(query), scope, Scorer::telling_matches_only) {
        matching[hit.id as usize] = true;
    }
    matching
}

/// The matches among `publications`, in their order, each part scored by a scorer `new_scorer` makes.
fn matches_on_every_core<P: PaperFields + Sync>(
    publications: &[P],
    query: &Query,
    scope: Scope,
    new_scorer: impl Fn() -> Scorer + Sync,
) -> Vec<Hit> {
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || publications.len() < PARALLEL_MIN_CANDIDATES {
        return matches(publications, 0, query, scope, new_scorer());
    }
    let found = map_parts(publications, PARALLEL_MIN_CANDIDATES / 2, |start, part| {
        matches(part, start, query, scope, new_scorer())
    });
    found.concat()
}

/// The matches among `publications`, the first of which has id `first`, in their order.
fn matches<P: PaperFields>(
    publications: &[P],
    first: usize,
    query: &Query,
    scope: Scope,
    mut scorer: Scorer,
) -> Vec<Hit> {
    let mut buffers = Buffers::default();
    let mut hits = Vec::new();
    for (publication, id) in publications.iter().zip(first..) {
        let texts = buffers.texts(publication, scope, query.case);
        if let Some((score, _, _)) = candidate::score(&mut scorer, query, &texts, &mut RowsAt::Score) {
            hits.push(Hit { id: u32::try_from(id).unwrap_or(u32::MAX), score });
        }
    }
    hits
}

/// Where one thread folds the texts of the publication it scores: reused, so most publications cost no
/// allocation (ASCII texts are their own folded form and are not copied at all).
#[derive(Default)]
struct Buffers {
    meta: String,
    folded: [String; 4],
}

impl Buffers {
    /// The texts of `publication` that `scope` searches, folded for `case`, in the index's order.
    fn texts<'a>(&'a mut self, publication: &'a impl PaperFields, scope: Scope, case: Case) -> FoldedTexts<'a> {
        let [title, meta, abstract_, note] = &mut self.folded;
        let count = scope.texts_searched();
        let mut texts = FoldedTexts { texts: [""; 4], count };
        texts.texts[0] = folded(publication.title(), case, title);
        if count > 1 {
            self.meta.clear();
            push_meta_text(publication, &mut self.meta);
            texts.texts[1] = folded(&self.meta, case, meta);
        }
        if count > 2
            && let Some(publication) = publication.whole()
        {
            texts.texts[2] = match abstract_text(publication) {
                Cow::Borrowed(text) => folded(text, case, abstract_),
                Cow::Owned(text) => {
                    abstract_.clear();
                    fold_into(&text, case, abstract_, None);
                    abstract_
                }
            };
            texts.texts[3] = folded(note_text(publication), case, note);
        }
        texts
    }
}

/// `text` folded for `case`: itself when ASCII (folding changes no ASCII), else folded into `buffer`.
fn folded<'a>(text: &'a str, case: Case, buffer: &'a mut String) -> &'a str {
    if text.is_ascii() {
        return text;
    }
    buffer.clear();
    fold_into(text, case, buffer, None);
    buffer
}

/// One publication's folded texts in scope.
struct FoldedTexts<'a> {
    texts: [&'a str; 4],
    count: usize,
}

impl CandidateTexts for FoldedTexts<'_> {
    fn count(&self) -> usize {
        self.count
    }

    fn text(&self, n: usize) -> &str {
        self.texts[n]
    }

    fn scored_text(&self, n: usize) -> Text<'_> {
        Text::from(self.texts[n])
    }

    fn lacks(&self, _: usize, _: u32) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AbstractSection, Publication};
    use crate::search::Index;

    /// Generated publications with what the generator leaves out: Greek capitals (their own case-sensitive
    /// text), accents, notes, an abstract of several sections and one of none.
    fn publications(count: usize, seed: u64) -> Vec<Publication> {
        let mut publications: Vec<Publication> =
            crate::synthetic::library(count, seed).pages.into_iter().flat_map(|page| page.publications).collect();
        publications[1].title = "Κappa chain Lenalidomide".into();
        publications[2].title = "ΣΟΦΙΑ and Müller: lenalidomide".into();
        publications[3].note = Some("Ask about Xylophonic cereblon, lenalidomide".into());
        publications[count - 1].note = Some("Κappa again".into());
        publications[4].abstract_sections = vec![
            AbstractSection { label: Some("Background".into()), text: "Lenalidomide ΣΟΦΙΑ".into() },
            AbstractSection { label: None, text: "second part, müller".into() },
        ];
        publications[5].abstract_sections.clear();
        publications
    }

    /// Queries of every kind: fuzzy words (one and several), case, non-ASCII, exact, prefix, suffix, negation
    /// and alternatives, and one that finds nothing.
    const QUERIES: [&str; 24] = [
        "l",
        "lenal",
        "Lenal",
        "dara len",
        "myelomaj",
        "muller",
        "müller blood",
        "κappa",
        "Κappa",
        "ΣΟΦΙΑ",
        "'myeloma",
        "'Lenal",
        "^len",
        "^Κappa",
        "lenalidomide$",
        "trial$ len",
        "^'x",
        "!trial",
        "lenal !dara",
        "!'myeloma !^the",
        "dara | pom",
        "'dara | ^bort lenal",
        "cereblon",
        "zzzqqq",
    ];

    #[test]
    fn one_pass_finds_what_the_index_finds_in_every_scope() {
        // Under the parallel threshold (one thread) and over it (parts on every core).
        for count in [300, PARALLEL_MIN_CANDIDATES * 2 + 17] {
            let publications = publications(count, 13);
            let index = Index::new(&publications);
            let all: Vec<u32> = (0..count as u32).collect();
            for scope in [Scope::Titles, Scope::TitlesAuthorsJournal, Scope::Everything] {
                for query in QUERIES {
                    let expected = index.search(query, scope, &all);
                    assert_eq!(search_once(&publications, query, scope), expected, "{query:?} in {scope:?}, {count}");
                }
            }
            let found = |query: &str, scope: Scope| search_once(&publications, query, scope).len();
            assert!(found("lenal", Scope::Titles) > 0 && found("zzzqqq", Scope::Everything) == 0);
            assert_eq!(found("'xylophonic", Scope::Everything), 1, "the note is searched");
            assert!(found("'Κappa", Scope::Everything) >= 2, "a title and a note with Greek capitals");
            assert!(found("^ΣΟΦΙΑ", Scope::Titles) >= 1);
        }
    }

    /// What `search_once` finds, as [`matching_once`] says it.
    fn hits_as_flags(publications: &[Publication], query: &str, scope: Scope) -> Vec<bool> {
        let mut flags = vec![false; publications.len()];
        for hit in search_once(publications, query, scope) {
            flags[hit.id as usize] = true;
        }
        flags
    }

    #[test]
    fn matching_without_scores_finds_what_the_search_finds() {
        // Generated words of the titles' own letters, in both cases and with non-ASCII, as every kind of term.
        let mut rng = crate::synthetic::XorShift::new(0x9E37_79B9_7F4A_7C15);
        let letters: Vec<char> = "aeilnmrotdsLMKΚκüé-".chars().collect();
        let word = |rng: &mut crate::synthetic::XorShift| -> String {
            (0..1 + rng.below(4)).map(|_| letters[rng.below(letters.len())]).collect()
        };
        let mut generated = Vec::new();
        for _ in 0..120 {
            let terms: Vec<String> = (0..1 + rng.below(3))
                .map(|_| {
                    let prefix = ["", "", "", "'", "!", "^", "!'"][rng.below(7)];
                    let suffix = ["", "", "", "$"][rng.below(4)];
                    format!("{prefix}{}{suffix}", word(&mut rng))
                })
                .collect();
            generated.push(terms.join(if rng.below(5) == 0 { " | " } else { " " }));
        }
        // Under the parallel threshold (one thread) and over it (parts on every core): the generated queries
        // under it only, where they cost less.
        for (count, generated) in [(300, &generated[..]), (PARALLEL_MIN_CANDIDATES * 2 + 17, &[])] {
            let publications = publications(count, 21);
            for scope in [Scope::Titles, Scope::TitlesAuthorsJournal, Scope::Everything] {
                for query in QUERIES.iter().copied().chain(generated.iter().map(String::as_str)) {
                    let expected = hits_as_flags(&publications, query, scope);
                    assert_eq!(matching_once(&publications, query, scope), expected, "{query:?} in {scope:?}, {count}");
                }
            }
            let found = |query: &str| matching_once(&publications, query, Scope::Titles).iter().filter(|m| **m).count();
            assert!(found("lenal") > 0 && found("zzzqqq") == 0 && found("") == count);
        }
    }

    #[test]
    fn views_of_a_cache_file_search_as_the_publications_they_were_encoded_from() {
        let queries =
            ["lenal", "Lenal", "dara len", "müller blood", "Κappa", "'myeloma", "^len", "trial$ len", "!trial"];
        for count in [300, PARALLEL_MIN_CANDIDATES * 2 + 17] {
            let publications = publications(count, 5);
            let page = crate::model::Page { publications: publications.clone(), ..Default::default() };
            let library = crate::model::Library { pages: vec![page] };
            let bytes = crate::cache::encode(&crate::formats::Imported { library, warnings: Vec::new() });
            let view = crate::cache::view(&bytes).unwrap();
            let views = &view.pages[0].publications;
            for scope in [Scope::Titles, Scope::TitlesAuthorsJournal] {
                for query in queries.iter().chain(&["κappa", "ΣΟΦΙΑ", "'dara | ^bort lenal", "zzzqqq"]) {
                    let expected = search_once(&publications, query, scope);
                    assert_eq!(search_once(views, query, scope), expected, "{query:?} in {scope:?}, {count}");
                }
            }
            assert!(!search_once(views, "lenal", Scope::Titles).is_empty());
            assert!(search_once(views, "'xylophonic", Scope::Everything).is_empty(), "a view has no note to search");
        }
    }

    #[test]
    fn borrowed_publications_search_as_owned_ones() {
        let publications = publications(500, 3);
        let borrowed: Vec<&Publication> = publications.iter().collect();
        assert_eq!(search_once(&borrowed, "lenal", Scope::Titles), search_once(&publications, "lenal", Scope::Titles));
        assert!(search_once(&borrowed, "x", Scope::Titles).iter().all(|hit| (hit.id as usize) < borrowed.len()));
    }
}
