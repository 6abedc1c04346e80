//! A pass over many items (every publication of a library, every line of a listing) split in chunks, one thread a
//! chunk, on every core: for work whose items need nothing from each other.

use std::thread;

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

fn chunk_len(items: usize, min_chunk: usize) -> usize {
    let threads = thread::available_parallelism().map_or(1, |threads| threads.get());
    items.div_ceil(threads).max(min_chunk).max(1)
}

/// A worker's result; its panic goes on in the caller, as if the work had been done there.
fn joined<R>(worker: thread::ScopedJoinHandle<'_, R>) -> R {
    worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_worked_once_in_chunks_given_in_order_with_their_start() {
        for (count, min_chunk) in [(0, 4), (1, 4), (7, 1), (100, 3), (100, 1000)] {
            let items: Vec<usize> = (0..count).collect();
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
}
