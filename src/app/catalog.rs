//! The library as the reader sees it: one list of distinct publications and the topic tree over them.
//! Built at start-up and only ever appended to (when followed topics bring new papers), so ids stay valid.

use crate::model::{CompactString, Library, Publication};

mod abstracts;
mod first_sources;
mod homes;
mod known;

pub use abstracts::LeftInCache;
use abstracts::{CatalogAbstracts, LeftAt, has_abstract};
pub use homes::Homes;
use known::{Keys, KnownPublications, Papers, Placed};

/// Index of a node in [`Catalog::nodes`]; the root is always 0.
pub type NodeId = usize;

/// Index of a publication in [`Catalog::publications`].
pub type PubId = u32;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicNode {
    pub name: String,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub depth: usize,
    /// Every publication at this node or below it, each once, in library order.
    pub publications: Vec<PubId>,
    /// Pages placed exactly here (their summaries describe this topic).
    pub pages: Vec<PageInfo>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    pub summary: String,
    pub last_updated: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub publications: Vec<Publication>,
    /// [`Publication::key`] of each publication, computed once: marks are looked up by it on every frame.
    pub keys: Vec<CompactString>,
    /// The nodes each publication was placed at directly (several when sources agree on a paper).
    pub homes: Homes,
    pub nodes: Vec<TopicNode>,
    /// Finds the paper a new record is, kept beside the publications and extended as they are: rebuilding it
    /// for every batch an update brings would cost the whole library each time.
    known: KnownPublications,
    /// Where abstracts left in cache files are: read through [`Catalog::abstract_of`].
    abstracts: CatalogAbstracts,
}

pub const ROOT: NodeId = 0;

/// What a second source knows that the first did not: identifiers, an abstract (wherever each one's is), a free
/// full text.
fn fill_in(
    kept: &mut Publication,
    other: Publication,
    id: PubId,
    other_left: Option<LeftAt>,
    abstracts: &mut CatalogAbstracts,
) {
    // Told from the cache files' tables: no abstract is read to merge a source.
    let takes_abstract =
        !has_abstract(kept, abstracts.left(id), abstracts) && has_abstract(&other, other_left, abstracts);
    kept.pmid = kept.pmid.take().or(other.pmid);
    kept.doi = kept.doi.take().or(other.doi);
    kept.pmc = kept.pmc.take().or(other.pmc);
    kept.free_full_text |= other.free_full_text;
    if takes_abstract {
        kept.abstract_sections = other.abstract_sections;
        abstracts.set(id, other_left);
    }
}

/// The catalog's papers: its publications, and where the abstracts left in cache files are. A second source's
/// knowledge is filled into the first's.
struct Held<'a> {
    publications: &'a mut Vec<Publication>,
    abstracts: &'a mut CatalogAbstracts,
    /// Where the abstract of the publication being placed is left, if it is.
    placing: Option<LeftAt>,
}

impl Papers<Publication> for Held<'_> {
    type FirstSource = Publication;

    fn first_source(&self, id: PubId) -> Option<&Publication> {
        self.publications.get(id as usize)
    }

    fn identifiers(&self, id: PubId) -> (Option<&str>, Option<&str>) {
        self.publications.get(id as usize).map_or((None, None), |paper| (paper.pmid.as_deref(), paper.doi.as_deref()))
    }

    fn push(&mut self, new: Publication) {
        self.publications.push(new);
        self.abstracts.push(self.placing);
    }

    fn merge(&mut self, id: PubId, other: Publication) {
        if let Some(kept) = self.publications.get_mut(id as usize) {
            fill_in(kept, other, id, self.placing, self.abstracts);
        }
    }

    fn len(&self) -> usize {
        self.publications.len()
    }
}

/// The keys a publication is found by, and the [`Publication::key`] it is known by (made with the title key in
/// `buffer`: only a paper without identifiers keeps it).
fn keys_and_key(publication: &Publication, buffer: &mut String) -> (Keys, CompactString) {
    let keys = Keys::of(publication, buffer);
    // Inline for a PMID's key (no allocation kept for each of a hundred thousand papers).
    (keys, publication.identifier_key().map_or_else(|| buffer.as_str().into(), Into::into))
}

/// The keys of every publication of `library`, in order, computed on every core:
/// normalising a million titles is much of a catalog's work, and unlike placing them it needs no order.
fn keys_of<K: Send>(library: &Library, keys: impl Fn(&Publication, &mut String) -> K + Sync) -> Vec<K> {
    let publications: Vec<&Publication> = library.publications().collect();
    keys_of_each(&publications, |publication, buffer| keys(publication, buffer))
}

/// [`keys_of`] for any papers.
fn keys_of_each<P: Sync, K: Send>(publications: &[P], keys: impl Fn(&P, &mut String) -> K + Sync) -> Vec<K> {
    let chunks = crate::parallel::map_chunks(publications, 4096, |_, chunk| {
        let mut buffer = String::new();
        chunk.iter().map(|publication| keys(publication, &mut buffer)).collect::<Vec<_>>()
    });
    chunks.into_iter().flatten().collect()
}

impl Catalog {
    /// Builds the tree from page paths. The same publication on two pages (same PMID or DOI, else the same
    /// normalised title and year) is kept once, listed under both topics, with the identifiers of both.
    pub fn new(library: Library) -> Catalog {
        let mut catalog = Catalog {
            publications: Vec::new(),
            keys: Vec::new(),
            homes: Homes::default(),
            nodes: vec![TopicNode { name: "Library".into(), ..TopicNode::default() }],
            known: KnownPublications::default(),
            abstracts: CatalogAbstracts::default(),
        };
        catalog.add_library(library);
        catalog
    }

    /// [`Catalog::new`], of a library whose publications `left` says of have their abstracts left in cache files
    /// (and their own lists empty): they are read from there when asked for.
    pub fn leaving_abstracts(library: Library, left: LeftInCache) -> Catalog {
        let mut catalog = Catalog::new(Library::default());
        catalog.add_library_leaving_abstracts(library, left);
        catalog
    }

    /// Adds pages as [`Catalog::new`] places them, and returns the publications that were not known before.
    /// Only appends: every `PubId` and `NodeId` handed out before stays valid, so marks, selections and
    /// search results taken from the catalog as it was still point at the same things.
    pub fn add_library(&mut self, library: Library) -> Vec<PubId> {
        self.add_library_leaving_abstracts(library, LeftInCache::default())
    }

    /// [`Catalog::add_library`], with abstracts left in cache files as [`Catalog::leaving_abstracts`] has them.
    fn add_library_leaving_abstracts(&mut self, library: Library, left: LeftInCache) -> Vec<PubId> {
        let more = library.publication_count();
        let mut left_at = self.abstracts.take_in(left, self.publications.len());
        self.known.reserve(more);
        // Growing by doubling would copy every publication moved in so far, again and again.
        self.publications.reserve(more);
        self.keys.reserve(more);
        self.homes.reserve(more);
        let mut added = Vec::new();
        let mut keys = keys_of(&library, keys_and_key).into_iter();
        let mut index = 0;
        for page in library.pages {
            let node = self.node_for_path(&page.path);
            if !page.summary.is_empty() || page.last_updated.is_some() {
                self.nodes[node].pages.push(PageInfo { summary: page.summary, last_updated: page.last_updated });
            }
            for publication in page.publications {
                let (keys, key) = keys.next().unwrap_or_else(|| keys_and_key(&publication, &mut String::new()));
                let placing = left_at(index);
                index += 1;
                let mut held = Held { publications: &mut self.publications, abstracts: &mut self.abstracts, placing };
                let id = match self.known.place(&mut held, publication, &keys) {
                    Placed::Known(id) => id,
                    Placed::New(id) => {
                        // The key of the first source stays the key: marks must not move when a source is added.
                        self.keys.push(key);
                        self.homes.push_paper();
                        added.push(id);
                        id
                    }
                };
                self.add_home(id, node);
            }
        }
        added
    }

    fn node_for_path(&mut self, path: &[String]) -> NodeId {
        let mut current = ROOT;
        for name in path {
            let existing = self.nodes[current].children.iter().copied().find(|&child| self.nodes[child].name == *name);
            current = match existing {
                Some(child) => child,
                None => {
                    let id = self.nodes.len();
                    let depth = self.nodes[current].depth + 1;
                    self.nodes.push(TopicNode {
                        name: name.clone(),
                        parent: Some(current),
                        depth,
                        ..TopicNode::default()
                    });
                    self.nodes[current].children.push(id);
                    id
                }
            };
        }
        current
    }

    /// Places a publication at `node`, listing it there and at every ancestor that does not list it yet.
    fn add_home(&mut self, id: PubId, node: NodeId) {
        if self.homes.contains(id, node) {
            return;
        }
        // Where it is listed already, from its earlier homes: a few nodes, so the lists themselves are never scanned.
        let listed = self.nodes_listing(id);
        self.homes.add(id, node);
        let mut current = Some(node);
        while let Some(at) = current {
            if !listed.contains(&at) {
                self.nodes[at].publications.push(id);
            }
            current = self.nodes[at].parent;
        }
    }

    pub fn publication(&self, id: PubId) -> &Publication {
        &self.publications[id as usize]
    }

    /// Names from the root's child down to `node`: `["Treatments", ..., "Lenalidomide"]`.
    pub fn path(&self, node: NodeId) -> Vec<&str> {
        let mut names = Vec::new();
        let mut current = Some(node);
        while let Some(at) = current {
            if at != ROOT {
                names.push(self.nodes[at].name.as_str());
            }
            current = self.nodes[at].parent;
        }
        names.reverse();
        names
    }

    /// Columns the tree needs to show every row whole: indent, fold marker, name, "unread/total", border, bar.
    /// Whether this catalog is `start` grown: the same papers and topics at the same ids (and more after them),
    /// so that ids taken from `start` mean the same here.
    pub fn begins_with(&self, start: &Catalog) -> bool {
        let same_node =
            |(node, other): (&TopicNode, &TopicNode)| node.name == other.name && node.parent == other.parent;
        start.keys.len() <= self.keys.len()
            && self.keys[..start.keys.len()] == start.keys[..]
            && start.nodes.len() <= self.nodes.len()
            && self.nodes.iter().zip(&start.nodes).all(same_node)
    }

    pub fn widest_row(&self) -> u16 {
        let widest = self
            .nodes
            .iter()
            .map(|node| {
                let count_width = node.publications.len().to_string().len();
                node.depth * 2 + 2 + unicode_width::UnicodeWidthStr::width(node.name.as_str()) + 2 + count_width * 2 + 3
            })
            .max()
            .unwrap_or(0);
        widest.min(u16::MAX as usize) as u16
    }

    pub fn key(&self, id: PubId) -> &str {
        &self.keys[id as usize]
    }

    /// Every node that lists a publication: its homes and their ancestors, each once.
    pub fn nodes_listing(&self, id: PubId) -> Vec<NodeId> {
        let mut nodes = Vec::new();
        for home in self.homes.of(id) {
            let mut current = Some(home);
            while let Some(at) = current {
                if !nodes.contains(&at) {
                    nodes.push(at);
                }
                current = self.nodes[at].parent;
            }
        }
        nodes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Page, PaperFields};

    fn publication(title: &str) -> Publication {
        Publication { title: title.into(), year: Some(2019), ..Publication::default() }
    }

    fn page(path: &[&str], titles: &[&str]) -> Page {
        Page {
            path: path.iter().map(|s| s.to_string()).collect(),
            summary: format!("About {}", path.last().unwrap_or(&"")),
            last_updated: None,
            publications: titles.iter().map(|t| publication(t)).collect(),
        }
    }

    #[test]
    fn pages_share_tree_nodes_by_path_and_parents_list_everything_below() {
        let library = Library {
            pages: vec![
                page(&["Treatments", "Lenalidomide"], &["A", "B"]),
                page(&["Treatments", "Pomalidomide"], &["C"]),
                page(&["Treatments", "Lenalidomide"], &["D"]),
            ],
        };
        let catalog = Catalog::new(library);
        assert_eq!(catalog.nodes.len(), 4);
        assert_eq!(catalog.nodes[ROOT].publications, vec![0, 1, 2, 3]);
        let treatments = catalog.nodes[ROOT].children[0];
        assert_eq!(catalog.nodes[treatments].children.len(), 2);
        let lenalidomide = catalog.nodes[treatments].children[0];
        assert_eq!(catalog.path(lenalidomide), vec!["Treatments", "Lenalidomide"]);
        assert_eq!(catalog.nodes[lenalidomide].publications, vec![0, 1, 3]);
        assert_eq!(catalog.nodes[lenalidomide].pages.len(), 2);
    }

    #[test]
    fn identifiers_and_titles_both_find_the_same_paper() {
        let with_pmid = |title: &str, pmid: &str| Publication { pmid: Some(pmid.into()), ..publication(title) };
        let mut first = page(&["A"], &["Oral Selinexor"]);
        first.publications.push(with_pmid("Erratum", "1"));
        let mut second = page(&["B"], &[]);
        second.publications = vec![with_pmid("Oral selinexor.", "31433920"), with_pmid("Erratum", "2")];
        let catalog = Catalog::new(Library { pages: vec![first, second] });
        assert_eq!(catalog.publications.len(), 3, "a different PMID under the same title is another paper");
        assert_eq!(catalog.publications[0].pmid.as_deref(), Some("31433920"), "the second source's PMID is kept");
        assert_eq!(catalog.keys[0], "title:oralselinexor:2019", "the first source's key stays");
        assert_eq!(catalog.homes.of(0).count(), 2);
    }

    #[test]
    fn the_same_publication_from_two_sources_shows_once_under_each_topic() {
        let library = Library { pages: vec![page(&["A"], &["Same paper", "Other"]), page(&["B"], &["Same  paper."])] };
        let catalog = Catalog::new(library);
        assert_eq!(catalog.publications.len(), 2);
        assert_eq!(catalog.nodes[ROOT].publications, vec![0, 1]);
        let b = catalog.nodes[ROOT].children[1];
        assert_eq!(catalog.nodes[b].publications, vec![0]);
        assert_eq!(catalog.homes.of(0).count(), 2);
        assert_eq!(catalog.nodes_listing(0), vec![1, ROOT, 2]);
    }

    #[test]
    fn keys_computed_in_parallel_are_each_publications_own() {
        let mut library = crate::synthetic::library(10_000, 4);
        library.pages[0].publications[0].title = "Ünïcode Κappa  Title, 2nd".into();
        library.pages[0].publications[1].year = None;
        for publication in &mut library.pages[0].publications[..4] {
            (publication.pmid, publication.doi) = (None, None);
        }
        library.pages[0].publications[2].doi = Some("10.1/AbC".into());
        let publications: Vec<&Publication> = library.publications().collect();
        let keys = keys_of(&library, keys_and_key);
        assert_eq!(keys.len(), publications.len());
        for ((keys, key), publication) in keys.iter().zip(&publications) {
            assert_eq!(
                (keys.title_year, key.as_str()),
                (known::hash_of(&publication.title_year_key()), publication.key().as_str())
            );
            let doi = publication.doi.as_deref().map(|doi| (doi.to_lowercase(), known::hash_of(&doi.to_lowercase())));
            assert_eq!(keys.doi, doi);
        }
    }

    #[test]
    fn titles_compare_as_their_keys_do() {
        let titles = [
            "Oral Selinexor",
            "oral selinexor.",
            "Oral  Selinexor (2)",
            "Ünïcode Κappa",
            "unicode κappa",
            "ÜNÏCODE ΚAPPA",
            "",
        ];
        for a in titles {
            for b in titles {
                for (year_a, year_b) in
                    [(Some(2019), Some(2019)), (Some(2019), Some(2020)), (None, None), (Some(1), None)]
                {
                    let a = Publication { title: a.into(), year: year_a, ..Publication::default() };
                    let b = Publication { title: b.into(), year: year_b, ..Publication::default() };
                    assert_eq!(a.same_title_year(&b), a.title_year_key() == b.title_year_key(), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn title_keys_of_ascii_titles_are_those_of_the_general_rule() {
        for title in ["Oral Selinexor-Dexamethasone (STORM)", "  a.B,c 123 ", "", "Z"] {
            let expected: String = title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            let publication = Publication { title: title.into(), year: Some(2001), ..Publication::default() };
            assert_eq!(publication.title_year_key(), format!("title:{expected}:2001"));
        }
    }

    #[test]
    fn adding_pages_later_is_the_same_as_having_them_from_the_start() {
        let first = page(&["A"], &["Same paper", "Other"]);
        let second = page(&["B", "C"], &["Same  paper.", "New one"]);
        let whole = Catalog::new(Library { pages: vec![first.clone(), second.clone()] });
        let mut grown = Catalog::new(Library { pages: vec![first] });
        let before = grown.clone();
        let added = grown.add_library(Library { pages: vec![second] });
        assert_eq!(added, vec![2], "only the paper nobody had is new");
        assert_eq!(grown.publications, whole.publications);
        assert_eq!(grown.keys, whole.keys);
        assert_eq!(grown.homes, whole.homes);
        assert_eq!(grown.nodes, whole.nodes);
        assert_eq!(
            grown.nodes[..before.nodes.len()].iter().map(|node| &node.name).collect::<Vec<_>>(),
            before.nodes.iter().map(|node| &node.name).collect::<Vec<_>>(),
            "node ids stay where they were"
        );
    }
}
