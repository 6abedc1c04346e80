//! Where each publication was placed: the topics whose pages list it directly.
//!
//! Nearly every paper has one home, so the first is kept in a flat list and only a paper that several pages list
//! has a list of its own: a list per paper cost about 60 bytes each (5.8 MB at 100k papers), for one number.

use rustc_hash::FxHashMap as HashMap;

use super::{NodeId, PubId};

/// Marks a paper without a first home in [`Homes::first`] (only while it is being placed).
const NO_HOME: u32 = u32::MAX;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Homes {
    /// Per paper, its first home, or [`NO_HOME`].
    first: Vec<u32>,
    /// The homes after the first, of the few papers that have more.
    more: HashMap<PubId, Vec<NodeId>>,
}

impl Homes {
    pub fn reserve(&mut self, papers: usize) {
        self.first.reserve(papers);
    }

    /// A new paper, with no home yet: its id is the number of papers before it.
    pub fn push_paper(&mut self) {
        self.first.push(NO_HOME);
    }

    /// How many papers there are.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// The homes of paper `id` in the order they were added; none for an id without a paper.
    pub fn of(&self, id: PubId) -> impl Iterator<Item = NodeId> + '_ {
        let first = self.first.get(id as usize).copied().filter(|&first| first != NO_HOME);
        let more = self.more.get(&id).map(Vec::as_slice).unwrap_or_default();
        first.map(|first| first as NodeId).into_iter().chain(more.iter().copied())
    }

    pub fn first(&self, id: PubId) -> Option<NodeId> {
        self.of(id).next()
    }

    pub fn contains(&self, id: PubId, node: NodeId) -> bool {
        self.of(id).any(|home| home == node)
    }

    /// Adds `node` after paper `id`'s homes (which must not hold it yet).
    pub fn add(&mut self, id: PubId, node: NodeId) {
        let Some(first) = self.first.get_mut(id as usize) else { return };
        // A node id beyond u32 (never seen: it would take four billion topics) goes with the others.
        match u32::try_from(node) {
            Ok(node) if *first == NO_HOME && node != NO_HOME && !self.more.contains_key(&id) => *first = node,
            _ => self.more.entry(id).or_default().push(node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious way, which these homes must match: a list per paper.
    #[derive(Default)]
    struct Reference(Vec<Vec<NodeId>>);

    #[test]
    fn homes_are_those_of_a_list_per_paper() {
        let mut homes = Homes::default();
        let mut reference = Reference::default();
        // A fixed pseudo-random walk: papers added, and homes given to any paper so far, some twice.
        let mut state = 0x2545_f491_u64;
        let mut next = |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        for _ in 0..5_000 {
            if reference.0.is_empty() || next(3) == 0 {
                homes.push_paper();
                reference.0.push(Vec::new());
            }
            let id = next(reference.0.len());
            let node = match next(50) {
                0 => NO_HOME as usize,
                1 => NO_HOME as usize + 3,
                _ => next(40),
            };
            if !reference.0[id].contains(&node) {
                homes.add(id as PubId, node);
                reference.0[id].push(node);
            }
        }
        assert_eq!(homes.len(), reference.0.len());
        for (id, expected) in reference.0.iter().enumerate() {
            let id = id as PubId;
            assert_eq!(homes.of(id).collect::<Vec<_>>(), *expected, "paper {id}");
            assert_eq!(homes.first(id), expected.first().copied());
            for node in 0..42 {
                assert_eq!(homes.contains(id, node), expected.contains(&node));
            }
        }
        assert!(reference.0.iter().any(|homes| homes.len() > 2), "the walk gives some papers several homes");
        assert!(reference.0.iter().flatten().any(|&home| home >= NO_HOME as usize), "and some a node beyond u32");
        assert_eq!(homes.of(reference.0.len() as PubId).count(), 0, "an id without a paper has no homes");
    }

    #[test]
    fn a_paper_listed_on_one_page_costs_no_list_of_its_own() {
        let mut homes = Homes::default();
        for id in 0..1_000 {
            homes.push_paper();
            homes.add(id, 7);
        }
        assert!(homes.more.is_empty());
        homes.add(3, 9);
        assert_eq!(homes.of(3).collect::<Vec<_>>(), [7, 9]);
        assert_eq!(homes.more.len(), 1);
    }
}
