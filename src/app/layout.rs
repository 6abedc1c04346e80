//! Where each pane goes for a terminal size. Pure, and in the app layer because `update` needs it too:
//! to clamp scrolling to the visible height and to know which pane a mouse click landed in.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::action::Pane;

/// Below this the screen says "terminal too small" instead of drawing panes that cannot hold anything.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width up, the three panes stand side by side.
pub const WIDE: u16 = 100;
/// From this width up, the list gets more room than the abstract.
pub const VERY_WIDE: u16 = 160;
/// Below this width the list and the abstract stack instead of standing side by side.
pub const STACK_BELOW: u16 = 70;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScreenLayout {
    pub area: Rect,
    /// `None` when the terminal is too small to draw panes.
    pub panes: Option<Panes>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    /// `None` when the tree is folded away (narrow terminals while it has no focus).
    pub topics: Option<Rect>,
    /// `None` while the tree takes the list's place on narrow terminals.
    pub publications: Option<Rect>,
    pub abstract_view: Rect,
    pub status: Rect,
}

impl ScreenLayout {
    /// `tree_width` is what the topic tree would like (its widest row); it gets at most a quarter of a wide screen.
    pub fn new(width: u16, height: u16, focus: Pane, tree_width: u16) -> ScreenLayout {
        let area = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return ScreenLayout { area, panes: None };
        }
        let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let panes = if width >= WIDE {
            let tree_width = tree_width.clamp(20, width / 4);
            // Past a comfortable reading width for abstracts, extra columns go to the list's titles.
            let list_share = if width >= VERY_WIDE { 3 } else { 2 };
            let [topics, publications, abstract_view] =
                Layout::horizontal([Constraint::Length(tree_width), Constraint::Fill(list_share), Constraint::Fill(2)])
                    .areas(main);
            Panes { topics: Some(topics), publications: Some(publications), abstract_view, status }
        } else {
            // The tree folds into the list's place: there is no room for three readable columns.
            let [left, abstract_view] = if width < STACK_BELOW {
                Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(main)
            } else {
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(main)
            };
            let (topics, publications) = if focus == Pane::Topics { (Some(left), None) } else { (None, Some(left)) };
            Panes { topics, publications, abstract_view, status }
        };
        ScreenLayout { area, panes: Some(panes) }
    }

    pub fn pane_rect(&self, pane: Pane) -> Option<Rect> {
        let panes = self.panes?;
        match pane {
            Pane::Topics => panes.topics,
            Pane::Publications => panes.publications,
            Pane::Abstract => Some(panes.abstract_view),
        }
    }

    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        Pane::ALL
            .into_iter()
            .find(|&pane| self.pane_rect(pane).is_some_and(|rect| rect.contains(Position::new(column, row))))
    }

    /// Rows of content inside a pane's border (for page moves and scroll clamping); 0 when hidden.
    pub fn inner_height(&self, pane: Pane) -> usize {
        self.pane_rect(pane).map_or(0, |rect| rect.height.saturating_sub(2) as usize)
    }

    /// Columns of text inside the abstract pane, leaving one for the scrollbar.
    pub fn abstract_text_width(&self) -> usize {
        self.pane_rect(Pane::Abstract).map_or(0, |rect| rect.width.saturating_sub(4) as usize)
    }
}

/// The inside of a bordered pane.
pub fn inner(rect: Rect) -> Rect {
    Rect::new(rect.x + 1, rect.y + 1, rect.width.saturating_sub(2), rect.height.saturating_sub(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_get_three_columns_that_do_not_overlap() {
        let layout = ScreenLayout::new(120, 40, Pane::Publications, 30);
        let panes = layout.panes.unwrap();
        let (topics, list) = (panes.topics.unwrap(), panes.publications.unwrap());
        assert!(!topics.intersects(list) && !list.intersects(panes.abstract_view));
        assert_eq!(topics.width + list.width + panes.abstract_view.width, 120);
        assert_eq!(panes.status, Rect::new(0, 39, 120, 1));
    }

    #[test]
    fn narrow_terminals_fold_the_tree_into_the_list_column() {
        let listing = ScreenLayout::new(80, 24, Pane::Publications, 30).panes.unwrap();
        assert!(listing.topics.is_none() && listing.publications.is_some());
        let browsing = ScreenLayout::new(80, 24, Pane::Topics, 30).panes.unwrap();
        assert_eq!(browsing.topics, listing.publications);
        let stacked = ScreenLayout::new(60, 30, Pane::Publications, 30).panes.unwrap();
        assert!(stacked.publications.unwrap().bottom() <= stacked.abstract_view.top());
    }

    #[test]
    fn tiny_terminals_get_no_panes() {
        assert!(ScreenLayout::new(39, 24, Pane::Topics, 30).panes.is_none());
        assert!(ScreenLayout::new(80, 9, Pane::Topics, 30).panes.is_none());
        assert_eq!(ScreenLayout::new(1, 1, Pane::Topics, 30).inner_height(Pane::Abstract), 0);
    }

    #[test]
    fn clicks_find_their_pane() {
        let layout = ScreenLayout::new(120, 40, Pane::Publications, 30);
        assert_eq!(layout.pane_at(1, 1), Some(Pane::Topics));
        assert_eq!(layout.pane_at(119, 5), Some(Pane::Abstract));
        assert_eq!(layout.pane_at(5, 39), None);
    }
}
