//! Searching off the UI thread: the UI submits a request per keystroke and draws results whenever
//! they arrive, so typing never waits for a scan.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use super::narrowing::Searcher;
use super::{Hit, Index, Scope};

/// One search to run; `generation` lets the UI drop answers to queries it has moved past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    pub scope: Scope,
    pub within: Arc<[u32]>,
}

/// The ranked hits for the request with the same `generation`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResponse {
    pub generation: u64,
    pub hits: Vec<Hit>,
}

#[derive(Default)]
struct Inbox {
    /// Only the newest request waits: older ones are already out of date when the worker is free.
    pending: Option<SearchRequest>,
    /// A new index for the library as it grew; taken before the next request, so no request mixes two.
    index: Option<Arc<Index>>,
    stopping: bool,
}

struct Shared {
    inbox: Mutex<Inbox>,
    wake: Condvar,
}

/// A search thread; dropping the handle stops it (after the search in progress, if any).
pub struct BackgroundSearch {
    shared: Arc<Shared>,
    worker: Option<JoinHandle<()>>,
}

impl BackgroundSearch {
    /// Starts the thread; `on_result` runs on it once per search completed.
    pub fn spawn(index: Arc<Index>, on_result: impl Fn(SearchResponse) + Send + 'static) -> Self {
        let shared = Arc::new(Shared { inbox: Mutex::new(Inbox::default()), wake: Condvar::new() });
        let worker_shared = Arc::clone(&shared);
        let worker = thread::Builder::new()
            .name("lenaview-search".into())
            .spawn(move || run(&worker_shared, Searcher::new(index), on_result))
            .ok();
        BackgroundSearch { shared, worker }
    }

    /// Searches from now on use `index` (the library grew). Publication ids only ever get appended, so
    /// answers already on their way stay meaningful.
    pub fn replace_index(&self, index: Arc<Index>) {
        let mut inbox = self.shared.inbox.lock().unwrap_or_else(PoisonError::into_inner);
        inbox.index = Some(index);
        self.shared.wake.notify_one();
    }

    /// Queues `request`, replacing any request still waiting.
    pub fn submit(&self, request: SearchRequest) {
        let mut inbox = self.shared.inbox.lock().unwrap_or_else(PoisonError::into_inner);
        inbox.pending = Some(request);
        self.shared.wake.notify_one();
    }
}

impl Drop for BackgroundSearch {
    fn drop(&mut self) {
        {
            let mut inbox = self.shared.inbox.lock().unwrap_or_else(PoisonError::into_inner);
            inbox.stopping = true;
            inbox.pending = None;
        }
        self.shared.wake.notify_one();
        if let Some(worker) = self.worker.take() {
            // A panic in the callback has already been reported by the panic hook.
            let _ = worker.join();
        }
    }
}

fn run(shared: &Shared, mut searcher: Searcher, on_result: impl Fn(SearchResponse)) {
    loop {
        let request = {
            let mut inbox = shared.inbox.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if inbox.stopping {
                    return;
                }
                if let Some(index) = inbox.index.take() {
                    searcher = Searcher::new(index);
                }
                if let Some(request) = inbox.pending.take() {
                    break request;
                }
                inbox = shared.wake.wait(inbox).unwrap_or_else(PoisonError::into_inner);
            }
        };
        let hits = searcher.search(&request.query, request.scope, &request.within).to_vec();
        on_result(SearchResponse { generation: request.generation, hits });
    }
}
