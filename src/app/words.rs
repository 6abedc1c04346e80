//! The word lists as the app holds them: the lists, their matcher (rebuilt once per change), the edits not yet
//! saved, what the open word menu offers, and the counting of each paper's score for the "highlighted" sort.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use crate::words::{Matcher, WordEdit, WordLists, WordLook};

use super::catalog::{Catalog, PubId};
use super::following::SharedCatalog;

#[derive(Debug, Clone)]
pub struct WordsState {
    pub lists: WordLists,
    pub matcher: Arc<Matcher>,
    /// Edits made in this session and not yet written; replayed onto the file's lists by the save.
    pub unsaved: Vec<WordEdit>,
    /// What the open word menu offers, in its order: its keys are 1 to 9.
    pub choices: Vec<WordEdit>,
    /// Counts up with every change of the lists, so that a count made for older lists is known as such.
    pub generation: u64,
    /// A failed save was told; the next ones, failing the same way, are not.
    pub save_failure_told: bool,
    /// Where the lists are kept, for showing them (`None`: this session only).
    pub file: Option<std::path::PathBuf>,
}

impl Default for WordsState {
    fn default() -> Self {
        WordsState::new(WordLists::default())
    }
}

impl WordsState {
    pub fn new(lists: WordLists) -> WordsState {
        let matcher = Arc::new(Matcher::new(&lists));
        WordsState {
            lists,
            matcher,
            unsaved: Vec::new(),
            choices: Vec::new(),
            generation: 0,
            save_failure_told: false,
            file: None,
        }
    }

    /// Takes new lists (an edit, or the file's lists after a save): the matcher follows, counts go stale.
    pub fn replace(&mut self, lists: WordLists) {
        if lists != self.lists {
            self.matcher = Arc::new(Matcher::new(&lists));
            self.lists = lists;
            self.generation += 1;
        }
    }

    /// The lists as the message log shows them: where they are kept, then a line per list.
    pub fn describe(&self) -> Vec<String> {
        let kept = self
            .file
            .as_ref()
            .map_or("kept for this session only".to_string(), |path| format!("from {}", path.display()));
        let mut lines = vec![format!("Word lists ({kept}; + and - change them, S sorts by them):")];
        for list in &self.lists.lists {
            let scope = list.topic.as_ref().map_or("every paper".to_string(), |topic| format!("papers under {topic}"));
            let words = if list.words.is_empty() { "no words yet".to_string() } else { list.words.join(", ") };
            lines.push(format!("  {} ({}, weight {}, {scope}): {words}", list.name, list.color.name(), list.weight));
        }
        if self.lists.lists.is_empty() {
            lines.push("  none: + makes the include and exclude lists".to_string());
        }
        lines
    }

    /// Which lists apply to a paper: those kept to no topic, and those kept to a topic it is filed at or below.
    pub fn applies(&self, catalog: &Catalog, id: PubId) -> Vec<bool> {
        applies(&self.lists, catalog, id)
    }

    /// The words of the lists that apply to paper `id`, found in `text`: char ranges and how to draw each.
    pub fn find(&self, catalog: &Catalog, id: PubId, text: &str) -> Vec<(Range<usize>, WordLook)> {
        let applies = self.applies(catalog, id);
        self.matcher
            .find(text, &applies)
            .into_iter()
            .map(|found| (found.chars, self.lists.lists[found.list].look()))
            .collect()
    }
}

fn applies(lists: &WordLists, catalog: &Catalog, id: PubId) -> Vec<bool> {
    lists.lists.iter().map(|list| list.applies_to(catalog.homes.of(id).map(|node| catalog.path(node)))).collect()
}

/// Every paper's score for the "highlighted" sort: each word of a list that applies to it, in its title and
/// abstract, counts the list's weight (`include` +1, `exclude` −1). Indexed by [`PubId`].
pub fn word_scores(catalog: &Catalog, matcher: &Matcher, lists: &WordLists) -> Vec<i64> {
    if matcher.is_empty() {
        return vec![0; catalog.publications.len()];
    }
    (0..catalog.publications.len())
        .map(|index| {
            let id = index as PubId;
            let publication = catalog.publication(id);
            // One that cannot be read counts its title only; the abstract pane says why.
            let sections = catalog.abstract_of(id).unwrap_or_default();
            let texts =
                std::iter::once(publication.title.as_str()).chain(sections.iter().map(|section| section.text.as_str()));
            matcher.score(texts, &applies(lists, catalog, id))
        })
        .collect()
}

/// Counting the scores off the UI thread, for lists of this generation; answered by [`super::Action::WordsCounted`].
#[derive(Clone)]
pub struct CountJob {
    pub generation: u64,
    pub catalog: SharedCatalog,
    pub matcher: Arc<Matcher>,
    pub lists: Arc<WordLists>,
}

impl CountJob {
    pub fn run(&self) -> Vec<i64> {
        word_scores(&self.catalog.0, &self.matcher, &self.lists)
    }
}

impl PartialEq for CountJob {
    fn eq(&self, other: &Self) -> bool {
        self.generation == other.generation && self.catalog == other.catalog
    }
}

impl Eq for CountJob {}

impl fmt::Debug for CountJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CountJob(generation {})", self.generation)
    }
}

/// Scores counted for one generation of the lists, shared with the thread that counted them without a copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordScores {
    pub generation: u64,
    /// Of how many publications (the library may have grown since).
    pub scores: Arc<Vec<i64>>,
}
