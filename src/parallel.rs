//! Work spread over every core: a pass over many items (every publication of a library, every line of a listing)
//! split in chunks, one thread a chunk, or numbered parts taken by whichever thread is free; and a worker joined so
//! that its panic goes on in the caller. For work whose items need nothing from each other.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;

use rustc_hash::{FxBuildHasher, FxHashSet};

/// `work` on each chunk of `items` (of at least `min_chunk` items, as many chunks as cores), the results in the
/// chunks' order; `work` is told where its chunk starts in `items`.
pub fn map_chunks<T: Sync, R: Send>(items: &[T], min_chunk: usize, work: impl Fn(usize, &[T]) -> R + Sync) -> Vec<R> {
    let chunk = chunk_len(items.len(), min_chunk);
    let work = &work;
    thread::scope(|scope| {
        let workers: Vec<_> =
            items.chunks(chunk).enumerate().map(|(at, part)| scope.spawn(move || work(at * chunk, part))).collect();
        workers.into_iter().map(joined).collect()
    })
}

/// [`map_chunks`] in more parts than there are cores (each of at least `min_part` items), taken by whichever thread
/// is free ([`in_parts`]): for long work, which a core busy with something else would otherwise hold up.
pub fn map_parts<T: Sync, R: Send>(items: &[T], min_part: usize, work: impl Fn(usize, &[T]) -> R + Sync) -> Vec<R> {
    let mut done = Vec::new();
    map_parts_in_order(items, min_part, work, |result| done.push(result));
    done
}

/// [`map_parts`], each result handed to `take` on the calling thread as soon as it and those before it are done:
/// the caller uses the first (writes them out) while the threads make the rest.
pub fn map_parts_in_order<T: Sync, R: Send>(
    items: &[T],
    min_part: usize,
    work: impl Fn(usize, &[T]) -> R + Sync,
    take: impl FnMut(R),
) {
    const PARTS_PER_THREAD: usize = 4;
    let threads = thread::available_parallelism().map_or(1, |threads| threads.get());
    let part = items.len().div_ceil(threads * PARTS_PER_THREAD).max(min_part).max(1);
    let parts = items.len().div_ceil(part);
    in_parts_in_order(parts, threads, |at| work(at * part, &items[at * part..((at + 1) * part).min(items.len())]), take)
}

/// [`map_chunks`], for work that changes its items.
pub fn map_chunks_mut<T: Send, R: Send>(
    items: &mut [T],
    min_chunk: usize,
    work: impl Fn(usize, &mut [T]) -> R + Sync,
) -> Vec<R> {
    let chunk = chunk_len(items.len(), min_chunk);
    let work = &work;
    thread::scope(|scope| {
        let workers: Vec<_> =
            items.chunks_mut(chunk).enumerate().map(|(at, part)| scope.spawn(move || work(at * chunk, part))).collect();
        workers.into_iter().map(joined).collect()
    })
}

/// `work` of each part `0..parts`, done on `threads` threads, the results in part order. Each thread takes the
/// next part as it finishes one: when a core is busy with something else, the other takes more parts instead of
/// the work waiting for a fixed half.
pub fn in_parts<T: Send>(parts: usize, threads: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let mut done = Vec::new();
    in_parts_in_order(parts, threads, work, |result| done.push(result));
    done
}

/// [`in_parts`], each result handed to `take` on the calling thread in part order, as soon as it and those before it
/// are done.
pub fn in_parts_in_order<T: Send>(
    parts: usize,
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
    mut take: impl FnMut(T),
) {
    let (next_part, work) = (&AtomicUsize::new(0), &work);
    let (done, finished) = mpsc::channel();
    thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(parts))
            .map(|_| {
                let done = done.clone();
                scope.spawn(move || {
                    loop {
                        let at = next_part.fetch_add(1, Ordering::Relaxed);
                        if at >= parts || done.send((at, work(at))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        // The results stop coming once every worker has stopped, whether it finished or panicked.
        drop(done);
        let (mut waiting, mut next) = (BTreeMap::new(), 0);
        for (at, result) in finished {
            waiting.insert(at, result);
            while let Some(result) = waiting.remove(&next) {
                take(result);
                next += 1;
            }
        }
        workers.into_iter().for_each(joined);
    });
}

/// Whether each of `items` is the first of those equal to it, in order: what keeps each paper once from a list
/// that has some twice. Found on every core without a pass in order: each thread keeps the items whose hash falls
/// in its share, and the first of equal items is in the share of them all.
pub fn first_of_each<T: Hash + Eq + Sync>(items: &[T]) -> Vec<bool> {
    let hashes: Vec<u64> = map_chunks(items, FIRSTS_PER_THREAD_AT_LEAST, |_, chunk| {
        chunk.iter().map(|item| FxBuildHasher.hash_one(item)).collect::<Vec<_>>()
    })
    .concat();
    let threads = if items.len() < FIRSTS_PER_THREAD_AT_LEAST {
        1
    } else {
        thread::available_parallelism().map_or(1, |threads| threads.get())
    };
    let share = |hash: u64| (hash >> 32) as usize % threads;
    let repeated = |at_share: usize| {
        let mut seen = FxHashSet::with_capacity_and_hasher(items.len() / threads, Default::default());
        let mut repeated = Vec::new();
        for (at, (&hash, item)) in hashes.iter().zip(items).enumerate() {
            if share(hash) == at_share && !seen.insert(Hashed(hash, item)) {
                repeated.push(at);
            }
        }
        repeated
    };
    let repeated = if threads == 1 { vec![repeated(0)] } else { in_parts(threads, threads, repeated) };
    let mut first = vec![true; items.len()];
    for at in repeated.into_iter().flatten() {
        first[at] = false;
    }
    first
}

/// Fewer items than this are told apart on one thread: a thread costs more.
const FIRSTS_PER_THREAD_AT_LEAST: usize = 4096;

/// An item with its hash, taken beforehand on every core: a set of them hashes no item again.
#[derive(PartialEq, Eq)]
struct Hashed<'a, T>(u64, &'a T);

impl<T> Hash for Hashed<'_, T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0);
    }
}

fn chunk_len(items: usize, min_chunk: usize) -> usize {
    let threads = thread::available_parallelism().map_or(1, |threads| threads.get());
    items.div_ceil(threads).max(min_chunk).max(1)
}

/// A worker's result; its panic goes on in the caller, as if the work had been done there.
pub fn joined<R>(worker: thread::ScopedJoinHandle<'_, R>) -> R {
    worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_once_in_chunks_given_in_order_with_their_start() {
        for (count, min_chunk) in [(0, 4), (1, 4), (7, 1), (100, 3), (100, 1000), (1001, 7)] {
            let items: Vec<usize> = (0..count).collect();
            let in_parts = map_parts(&items, min_chunk, |start, part| (start, part.to_vec()));
            assert!(in_parts.iter().all(|(start, part)| part.first().is_none_or(|first| first == start)));
            assert_eq!(in_parts.into_iter().flat_map(|(_, part)| part).collect::<Vec<_>>(), items);
            let starts_and_items = map_chunks(&items, min_chunk, |start, part| (start, part.to_vec()));
            assert!(starts_and_items.iter().all(|(start, part)| part.first().is_none_or(|first| first == start)));
            let worked: Vec<usize> = starts_and_items.into_iter().flat_map(|(_, part)| part).collect();
            assert_eq!(worked, items, "{count} items, chunks of at least {min_chunk}");
            let mut changed = items.clone();
            map_chunks_mut(&mut changed, min_chunk, |start, part| {
                part.iter_mut().enumerate().for_each(|(at, item)| *item += start + at)
            });
            assert_eq!(changed, items.iter().map(|item| item * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn the_first_of_equal_items_is_told_whichever_thread_sees_it() {
        for count in [0, 1, 5, FIRSTS_PER_THREAD_AT_LEAST - 1, FIRSTS_PER_THREAD_AT_LEAST * 3 + 7] {
            let items: Vec<String> = (0..count).map(|at| (at * 7919 % (count / 3 + 1)).to_string()).collect();
            let mut seen = std::collections::HashSet::new();
            let expected: Vec<bool> = items.iter().map(|item| seen.insert(item)).collect();
            assert_eq!(first_of_each(&items), expected, "{count} items");
            if count > 10 {
                assert!(expected.iter().any(|first| !first) && expected.iter().any(|first| *first));
            }
        }
    }

    #[test]
    fn every_part_is_done_once_and_comes_back_in_order() {
        for (parts, threads) in [(0, 2), (1, 2), (7, 2), (40, 3), (5, 1)] {
            let done = in_parts(parts, threads, |at| at * 10);
            assert_eq!(done, (0..parts).map(|at| at * 10).collect::<Vec<_>>(), "{parts} parts on {threads}");
        }
    }

    #[test]
    fn parts_are_handed_over_in_order_though_later_ones_finish_first() {
        // The first parts take longest, so the later ones are done before them.
        let work = |at: usize| {
            let mut spin = 0u64;
            for n in 0..(40 - at as u64) * 4_000 {
                spin = std::hint::black_box(spin.wrapping_add(n));
            }
            (at, spin)
        };
        let mut taken = Vec::new();
        in_parts_in_order(40, 4, work, |(at, _)| taken.push(at));
        assert_eq!(taken, (0..40).collect::<Vec<_>>());
    }

    #[test]
    fn a_panicking_part_panics_in_the_caller() {
        let caught = std::panic::catch_unwind(|| {
            in_parts_in_order(8, 2, |at| if at == 5 { panic!("part 5") } else { at }, |_| {});
        });
        assert!(caught.is_err());
    }
}
