//! Work split in parts and done on every core.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `work` of each part `0..parts`, done on `threads` threads, the results in part order. Each thread takes the
/// next part as it finishes one: when a core is busy with something else, the other takes more parts instead of
/// the work waiting for a fixed half.
pub(crate) fn in_parts<T: Send>(parts: usize, threads: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let next_part = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(parts))
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let at = next_part.fetch_add(1, Ordering::Relaxed);
                        if at >= parts {
                            break done;
                        }
                        done.push((at, work(at)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    done.sort_unstable_by_key(|&(at, _)| at);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_part_is_done_once_and_comes_back_in_order() {
        for (parts, threads) in [(0, 2), (1, 2), (7, 2), (40, 3), (5, 1)] {
            let done = super::in_parts(parts, threads, |at| at * 10);
            assert_eq!(done, (0..parts).map(|at| at * 10).collect::<Vec<_>>(), "{parts} parts on {threads}");
        }
    }
}
