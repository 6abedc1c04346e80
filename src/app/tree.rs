//! Which topics are open and which is selected: plain indices over the catalog's tree, testable alone.
//! Below the topics, a "Tags" branch lists each tag in use with its papers, as [`TreeState::set_tags`] last said.

use std::collections::HashSet;

use super::catalog::{Catalog, NodeId, PubId, ROOT};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeState {
    pub expanded: HashSet<NodeId>,
    /// The selected topic; the root while the Tags branch has the selection.
    pub selected: NodeId,
    /// First visible row, kept so the selection stays on screen without jumping.
    pub offset: usize,
    /// Each tag in use in the library, by name, with its papers in library order.
    pub tags: Vec<(String, Vec<PubId>)>,
    pub tags_expanded: bool,
    /// The Tags branch or one of its tags, when the selection is there rather than on a topic.
    pub selected_tag: Option<TagPick>,
}

/// A row of the Tags branch that can be selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagPick {
    /// The branch itself: every tagged paper.
    Branch,
    Tag(String),
}

/// One visible row of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeRow {
    /// The topic, for topic rows (the root for the Tags branch's rows).
    pub node: NodeId,
    pub depth: usize,
    pub kind: RowKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Topic,
    TagsBranch,
    /// Index into [`TreeState::tags`].
    Tag(usize),
}

impl TreeState {
    /// Starts with every topic open: libraries are shallow, and an open tree shows where everything is.
    pub fn new(catalog: &Catalog) -> TreeState {
        let expanded = (0..catalog.nodes.len()).filter(|&node| !catalog.nodes[node].children.is_empty()).collect();
        TreeState { expanded, selected: ROOT, offset: 0, tags: Vec::new(), tags_expanded: true, selected_tag: None }
    }

    pub fn rows(&self, catalog: &Catalog) -> Vec<TreeRow> {
        let mut rows = Vec::new();
        let mut stack = vec![ROOT];
        while let Some(node) = stack.pop() {
            rows.push(TreeRow { node, depth: catalog.nodes[node].depth, kind: RowKind::Topic });
            if self.expanded.contains(&node) {
                stack.extend(catalog.nodes[node].children.iter().rev());
            }
        }
        if !self.tags.is_empty() {
            rows.push(TreeRow { node: ROOT, depth: 0, kind: RowKind::TagsBranch });
            if self.tags_expanded {
                rows.extend((0..self.tags.len()).map(|at| TreeRow { node: ROOT, depth: 1, kind: RowKind::Tag(at) }));
            }
        }
        rows
    }

    /// Whether `row` is the selected one.
    pub fn is_selected(&self, row: &TreeRow) -> bool {
        match (&self.selected_tag, row.kind) {
            (None, RowKind::Topic) => row.node == self.selected,
            (Some(TagPick::Branch), RowKind::TagsBranch) => true,
            (Some(TagPick::Tag(name)), RowKind::Tag(at)) => self.tags.get(at).is_some_and(|(tag, _)| tag == name),
            _ => false,
        }
    }

    pub fn selected_row(&self, catalog: &Catalog) -> usize {
        self.rows(catalog).iter().position(|row| self.is_selected(row)).unwrap_or(0)
    }

    /// Moves the selection by `delta` visible rows, stopping at either end.
    pub fn move_by(&mut self, catalog: &Catalog, delta: isize) {
        let rows = self.rows(catalog);
        let current = rows.iter().position(|row| self.is_selected(row)).unwrap_or(0);
        let target = current.saturating_add_signed(delta).min(rows.len().saturating_sub(1));
        self.select(rows.get(target).copied());
    }

    pub fn select_row(&mut self, catalog: &Catalog, row: usize) {
        if let Some(found) = self.rows(catalog).get(row).copied() {
            self.select(Some(found));
        }
    }

    fn select(&mut self, row: Option<TreeRow>) {
        let Some(row) = row else { return };
        self.selected = row.node;
        self.selected_tag = match row.kind {
            RowKind::Topic => None,
            RowKind::TagsBranch => Some(TagPick::Branch),
            RowKind::Tag(at) => Some(TagPick::Tag(self.tags[at].0.clone())),
        };
    }

    /// What the selection stands for, as the list and the status bar name it.
    pub fn selected_tag_papers(&self) -> Option<Vec<PubId>> {
        match self.selected_tag.as_ref()? {
            TagPick::Branch => Some(self.tagged_papers()),
            TagPick::Tag(name) => Some(self.tags.iter().find(|(tag, _)| tag == name)?.1.clone()),
        }
    }

    /// Every paper with a tag, in library order.
    pub fn tagged_papers(&self) -> Vec<PubId> {
        let mut all: Vec<PubId> = self.tags.iter().flat_map(|(_, ids)| ids.iter().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Takes in the tags in use now. A selected tag no longer in use leaves the selection on the branch, and the
    /// branch, gone with the last tag, leaves it on the root. Returns whether the selection moved.
    pub fn set_tags(&mut self, tags: Vec<(String, Vec<PubId>)>) -> bool {
        self.tags = tags;
        let still_there = match &self.selected_tag {
            None => return false,
            Some(_) if self.tags.is_empty() => None,
            Some(TagPick::Tag(name)) if !self.tags.iter().any(|(tag, _)| tag == name) => Some(TagPick::Branch),
            Some(_) => return false,
        };
        if still_there.is_none() {
            self.selected = ROOT;
        }
        self.selected_tag = still_there;
        true
    }

    pub fn is_expanded(&self, node: NodeId) -> bool {
        self.expanded.contains(&node)
    }

    /// Enter on a topic: open it if closed, close it if open.
    pub fn toggle(&mut self, catalog: &Catalog) {
        match self.selected_tag {
            Some(TagPick::Branch) => self.tags_expanded = !self.tags_expanded,
            Some(TagPick::Tag(_)) => {}
            None => self.toggle_topic(catalog),
        }
    }

    fn toggle_topic(&mut self, catalog: &Catalog) {
        if catalog.nodes[self.selected].children.is_empty() {
            return;
        }
        if !self.expanded.remove(&self.selected) {
            self.expanded.insert(self.selected);
        }
    }

    /// `l`/→: open a closed topic, or step into an open one.
    pub fn expand_or_enter(&mut self, catalog: &Catalog) {
        match self.selected_tag {
            Some(TagPick::Branch) if !self.tags_expanded => self.tags_expanded = true,
            Some(TagPick::Branch) => self.selected_tag = self.tags.first().map(|(tag, _)| TagPick::Tag(tag.clone())),
            Some(TagPick::Tag(_)) => {}
            None => self.expand_or_enter_topic(catalog),
        }
    }

    /// Whether the selection is a row with nothing below it (a topic without sub-topics, or a tag).
    pub fn is_leaf(&self, catalog: &Catalog) -> bool {
        match self.selected_tag {
            Some(TagPick::Branch) => false,
            Some(TagPick::Tag(_)) => true,
            None => catalog.nodes[self.selected].children.is_empty(),
        }
    }

    fn expand_or_enter_topic(&mut self, catalog: &Catalog) {
        let node = &catalog.nodes[self.selected];
        if node.children.is_empty() {
            return;
        }
        if self.expanded.insert(self.selected) {
            return;
        }
        self.selected = node.children[0];
    }

    /// `h`/←: close an open topic, or step out to the parent. Returns false when there is nowhere to go.
    pub fn collapse_or_leave(&mut self, catalog: &Catalog) -> bool {
        match self.selected_tag {
            Some(TagPick::Tag(_)) => {
                self.selected_tag = Some(TagPick::Branch);
                return true;
            }
            Some(TagPick::Branch) => {
                let was_open = self.tags_expanded;
                self.tags_expanded = false;
                return was_open;
            }
            None => {}
        }
        if self.expanded.remove(&self.selected) {
            return true;
        }
        match catalog.nodes[self.selected].parent {
            Some(parent) => {
                self.selected = parent;
                true
            }
            None => false,
        }
    }

    /// Keeps the selected row within `height` visible rows.
    pub fn clamp_offset(&mut self, catalog: &Catalog, height: usize) {
        self.offset = clamp_offset(self.offset, self.selected_row(catalog), self.rows(catalog).len(), height);
    }
}

/// The first visible row that keeps `selected` in view with the least movement.
pub fn clamp_offset(offset: usize, selected: usize, len: usize, height: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let max_offset = len.saturating_sub(height);
    let offset = offset.min(max_offset);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Library, Page, Publication};

    fn catalog() -> Catalog {
        let page = |path: &[&str]| Page {
            path: path.iter().map(|s| s.to_string()).collect(),
            publications: vec![Publication { title: path.join("/"), ..Publication::default() }],
            ..Page::default()
        };
        Catalog::new(Library { pages: vec![page(&["A", "A1"]), page(&["A", "A2"]), page(&["B"])] })
    }

    fn names(tree: &TreeState, catalog: &Catalog) -> Vec<String> {
        tree.rows(catalog).iter().map(|row| catalog.nodes[row.node].name.clone()).collect()
    }

    #[test]
    fn starts_open_and_folds() {
        let catalog = catalog();
        let mut tree = TreeState::new(&catalog);
        assert_eq!(names(&tree, &catalog), ["Library", "A", "A1", "A2", "B"]);
        tree.move_by(&catalog, 1);
        tree.toggle(&catalog);
        assert_eq!(names(&tree, &catalog), ["Library", "A", "B"]);
        tree.expand_or_enter(&catalog);
        tree.expand_or_enter(&catalog);
        assert_eq!(catalog.nodes[tree.selected].name, "A1");
        assert!(tree.collapse_or_leave(&catalog));
        assert_eq!(catalog.nodes[tree.selected].name, "A");
    }

    #[test]
    fn moves_clamp_at_both_ends() {
        let catalog = catalog();
        let mut tree = TreeState::new(&catalog);
        tree.move_by(&catalog, -5);
        assert_eq!(tree.selected, ROOT);
        tree.move_by(&catalog, 100);
        assert_eq!(catalog.nodes[tree.selected].name, "B");
    }

    #[test]
    fn the_tags_branch_follows_the_topics_and_its_selection_survives_changes() {
        let catalog = catalog();
        let mut tree = TreeState::new(&catalog);
        assert_eq!(tree.rows(&catalog).len(), 5, "no tags, no branch");
        tree.set_tags(vec![("review".into(), vec![0, 2]), ("to-read".into(), vec![1])]);
        let kinds: Vec<RowKind> = tree.rows(&catalog).iter().map(|row| row.kind).collect();
        assert_eq!(kinds[5..], [RowKind::TagsBranch, RowKind::Tag(0), RowKind::Tag(1)]);
        tree.move_by(&catalog, 7);
        assert_eq!(tree.selected_tag, Some(TagPick::Tag("to-read".into())));
        assert_eq!(tree.selected_tag_papers(), Some(vec![1]));
        assert!(tree.collapse_or_leave(&catalog));
        assert_eq!(tree.selected_tag, Some(TagPick::Branch));
        assert_eq!(tree.selected_tag_papers(), Some(vec![0, 1, 2]));
        tree.expand_or_enter(&catalog);
        assert_eq!(tree.selected_tag, Some(TagPick::Tag("review".into())));
        assert!(tree.set_tags(vec![("to-read".into(), vec![1])]), "the selected tag went");
        assert_eq!(tree.selected_tag, Some(TagPick::Branch));
        assert!(!tree.set_tags(vec![("x".into(), vec![1])]));
        assert!(tree.set_tags(Vec::new()));
        assert_eq!((tree.selected, tree.selected_tag.clone()), (ROOT, None), "no branch left: back to the root");
        tree.move_by(&catalog, -1);
        assert_eq!(tree.selected, ROOT);
    }

    #[test]
    fn offsets_keep_the_selection_visible() {
        assert_eq!(clamp_offset(0, 9, 20, 5), 5);
        assert_eq!(clamp_offset(5, 2, 20, 5), 2);
        assert_eq!(clamp_offset(15, 16, 20, 5), 15);
        assert_eq!(clamp_offset(30, 19, 20, 5), 15);
        assert_eq!(clamp_offset(3, 0, 0, 0), 0);
    }
}
