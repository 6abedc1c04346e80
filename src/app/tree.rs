//! Which topics are open and which is selected: plain indices over the catalog's tree, testable alone.

use std::collections::HashSet;

use super::catalog::{Catalog, NodeId, ROOT};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeState {
    pub expanded: HashSet<NodeId>,
    pub selected: NodeId,
    /// First visible row, kept so the selection stays on screen without jumping.
    pub offset: usize,
}

/// One visible row of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeRow {
    pub node: NodeId,
    pub depth: usize,
}

impl TreeState {
    /// Starts with every topic open: libraries are shallow, and an open tree shows where everything is.
    pub fn new(catalog: &Catalog) -> TreeState {
        let expanded = (0..catalog.nodes.len()).filter(|&node| !catalog.nodes[node].children.is_empty()).collect();
        TreeState { expanded, selected: ROOT, offset: 0 }
    }

    pub fn rows(&self, catalog: &Catalog) -> Vec<TreeRow> {
        let mut rows = Vec::new();
        let mut stack = vec![ROOT];
        while let Some(node) = stack.pop() {
            rows.push(TreeRow { node, depth: catalog.nodes[node].depth });
            if self.expanded.contains(&node) {
                stack.extend(catalog.nodes[node].children.iter().rev());
            }
        }
        rows
    }

    pub fn selected_row(&self, catalog: &Catalog) -> usize {
        self.rows(catalog).iter().position(|row| row.node == self.selected).unwrap_or(0)
    }

    /// Moves the selection by `delta` visible rows, stopping at either end.
    pub fn move_by(&mut self, catalog: &Catalog, delta: isize) {
        let rows = self.rows(catalog);
        let current = rows.iter().position(|row| row.node == self.selected).unwrap_or(0);
        let target = current.saturating_add_signed(delta).min(rows.len().saturating_sub(1));
        self.selected = rows.get(target).map_or(ROOT, |row| row.node);
    }

    pub fn select_row(&mut self, catalog: &Catalog, row: usize) {
        if let Some(found) = self.rows(catalog).get(row) {
            self.selected = found.node;
        }
    }

    pub fn is_expanded(&self, node: NodeId) -> bool {
        self.expanded.contains(&node)
    }

    /// Enter on a topic: open it if closed, close it if open.
    pub fn toggle(&mut self, catalog: &Catalog) {
        if catalog.nodes[self.selected].children.is_empty() {
            return;
        }
        if !self.expanded.remove(&self.selected) {
            self.expanded.insert(self.selected);
        }
    }

    /// `l`/→: open a closed topic, or step into an open one.
    pub fn expand_or_enter(&mut self, catalog: &Catalog) {
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
    fn offsets_keep_the_selection_visible() {
        assert_eq!(clamp_offset(0, 9, 20, 5), 5);
        assert_eq!(clamp_offset(5, 2, 20, 5), 2);
        assert_eq!(clamp_offset(15, 16, 20, 5), 15);
        assert_eq!(clamp_offset(30, 19, 20, 5), 15);
        assert_eq!(clamp_offset(3, 0, 0, 0), 0);
    }
}
