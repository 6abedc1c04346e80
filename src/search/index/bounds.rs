//! Where each text of a column ends in the column's folded text: four bytes a text while the column is under
//! 4 GB, as titles, authors and notes always are (and the abstracts too, today: a million papers fold to about
//! 1.5 GB), eight past that, so that no library is too large for its index.

#[derive(Clone)]
#[cfg_attr(test, derive(Debug, PartialEq))]
pub(super) enum Bounds {
    Narrow(Vec<u32>),
    Wide(Vec<usize>),
}

impl Bounds {
    /// The bounds of no text: the start of the first.
    pub(super) fn new() -> Bounds {
        Bounds::Narrow(vec![0])
    }

    /// How many bounds: one more than the texts.
    pub(super) fn len(&self) -> usize {
        match self {
            Bounds::Narrow(bounds) => bounds.len(),
            Bounds::Wide(bounds) => bounds.len(),
        }
    }

    #[inline]
    pub(super) fn get(&self, at: usize) -> Option<usize> {
        match self {
            Bounds::Narrow(bounds) => bounds.get(at).map(|&bound| bound as usize),
            Bounds::Wide(bounds) => bounds.get(at).copied(),
        }
    }

    /// Ends the next text at `bound`; the first bound past four bytes widens them all.
    pub(super) fn push(&mut self, bound: usize) {
        if let Bounds::Narrow(bounds) = self {
            match u32::try_from(bound) {
                Ok(narrow) => return bounds.push(narrow),
                Err(_) => *self = Bounds::Wide(bounds.iter().map(|&bound| bound as usize).collect()),
            }
        }
        if let Bounds::Wide(bounds) = self {
            bounds.push(bound);
        }
    }

    /// `other`'s texts after these, each bound moved by `offset` (where `other`'s folded text now starts).
    pub(super) fn append(&mut self, other: &Bounds, offset: usize) {
        for at in 1..other.len() {
            self.push(other.get(at).unwrap_or(0) + offset);
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        match self {
            Bounds::Narrow(bounds) => bounds.shrink_to_fit(),
            Bounds::Wide(bounds) => bounds.shrink_to_fit(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_past_four_bytes_widen_and_read_the_same() {
        let beyond = u32::MAX as usize + 7;
        let mut bounds = Bounds::new();
        bounds.push(10);
        bounds.push(u32::MAX as usize);
        assert!(matches!(bounds, Bounds::Narrow(_)), "four bytes hold up to u32::MAX");
        bounds.push(beyond);
        bounds.push(beyond + 3);
        assert!(matches!(bounds, Bounds::Wide(_)));
        let read: Vec<Option<usize>> = (0..=bounds.len()).map(|at| bounds.get(at)).collect();
        assert_eq!(read, [Some(0), Some(10), Some(u32::MAX as usize), Some(beyond), Some(beyond + 3), None]);
        let mut appended = Bounds::new();
        appended.push(5);
        let mut other = Bounds::new();
        other.push(10);
        other.push(u32::MAX as usize + 2);
        appended.append(&other, 5);
        assert_eq!(appended, Bounds::Wide(vec![0, 5, 15, u32::MAX as usize + 7]));
    }
}
