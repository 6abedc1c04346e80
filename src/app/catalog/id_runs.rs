//! The publications a topic lists, as runs of consecutive ids: papers get their ids in the order their pages come,
//! so a topic lists a few long runs. A list of every id took four bytes a paper at each level of the tree (2 MB at
//! 100k papers); a topic whose papers are scattered (each also found elsewhere first) takes twice that, for them.

use super::PubId;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdRuns {
    /// Each run's first id and length, in the order they were pushed.
    runs: Vec<(PubId, u32)>,
    len: usize,
}

impl IdRuns {
    /// Adds `id` after the others.
    pub fn push(&mut self, id: PubId) {
        self.len += 1;
        match self.runs.last_mut() {
            Some((start, length)) if u64::from(*start) + u64::from(*length) == u64::from(id) && *length < u32::MAX => {
                *length += 1;
            }
            _ => self.runs.push((id, 1)),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The ids in the order they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = PubId> + '_ {
        self.runs.iter().flat_map(|&(start, length)| (0..length).map(move |offset| start + offset))
    }

    pub fn to_vec(&self) -> Vec<PubId> {
        let mut ids = Vec::with_capacity(self.len);
        ids.extend(self.iter());
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_give_back_the_ids_pushed_in_their_order() {
        let pushed: Vec<PubId> = [0, 1, 2, 3, 7, 8, 4, 9, 10, 11, 5, 5, 6, u32::MAX - 1, u32::MAX, 0].to_vec();
        for end in 0..=pushed.len() {
            let mut runs = IdRuns::default();
            for &id in &pushed[..end] {
                runs.push(id);
            }
            assert_eq!(runs.to_vec(), pushed[..end], "{end}");
            assert_eq!(runs.iter().collect::<Vec<_>>(), pushed[..end]);
            assert_eq!((runs.len(), runs.is_empty()), (end, end == 0));
        }
    }

    #[test]
    fn consecutive_ids_take_one_run() {
        let mut runs = IdRuns::default();
        (0..100_000).for_each(|id| runs.push(id));
        assert_eq!(runs.runs, [(0, 100_000)]);
    }
}
