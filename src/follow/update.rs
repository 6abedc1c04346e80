//! One update of followed topics: for each, search PubMed for what it added since the topic's last update,
//! fetch the records the library does not have yet in batches, and store each batch as it arrives. What
//! happens is told through events as it happens (for a progress line or the TUI's status), and summed up in
//! the report. Nothing is written for a topic until a whole batch has arrived and been checked.
//!
//! The TUI calls [`run`] on a worker thread: it blocks, every request is bounded in time and number, and
//! setting `cancel` stops it between requests (a batch being written is finished first, never cut).
//!
//! ```no_run
//! use std::collections::HashSet;
//! use std::sync::{Arc, atomic::AtomicBool, mpsc};
//!
//! let (settings, topics) = lenaview::follow::user_setup(None)?;
//! let known_pmids: HashSet<String> = HashSet::new(); // the catalog's PMIDs
//! let cancel = Arc::new(AtomicBool::new(false));
//! let (events, received) = mpsc::channel();
//! let worker_cancel = Arc::clone(&cancel);
//! let worker = std::thread::spawn(move || {
//!     lenaview::follow::run(&settings, &topics, &known_pmids, &worker_cancel, &mut |event| {
//!         let _ = events.send(event); // the event loop drains `received` between frames
//!     })
//! });
//! for event in received {
//!     // BatchStored { library, .. }: add its publications to the catalog, unread
//!     # let _ = event;
//! }
//! let report = worker.join().expect("the update thread does not panic");
//! # let _ = report;
//! # Ok::<(), lenaview::formats::Diagnostic>(())
//! ```

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use super::dates::Date;
use super::eutils::efetch;
use super::eutils::esearch::{self, ESEARCH_LIMIT};
use super::eutils::http::{Client, FetchError};
use super::settings::Settings;
use super::state::{self, TopicState, UpdateState};
use super::store::Store;
use super::topics::FollowedTopic;
use crate::formats;
use crate::model::Library;

/// Later updates bring at most this many papers per topic unless `max_new` says otherwise: every update is
/// bounded, and a topic that finds more than this in one go is better split into narrower queries.
pub const LATER_UPDATE_MAX: usize = 100_000;

/// What an update is doing, as it does it. `topic` is the topic's path, slash-separated.
#[derive(Debug, Clone, PartialEq)]
pub enum UpdateEvent {
    /// PubMed's search answered: `found` papers in the date range, `to_fetch` of them new to the library.
    Found {
        topic: String,
        found: usize,
        to_fetch: usize,
    },
    /// `fetched` of `to_fetch` new records are stored.
    Progress {
        topic: String,
        fetched: usize,
        to_fetch: usize,
    },
    /// A batch is stored in `file`; `library` holds its publications as one page at the topic's path, ready
    /// to be shown (unread: marks default to unread).
    BatchStored {
        topic: String,
        file: PathBuf,
        library: Library,
    },
    /// Papers already in the library (fetched for another topic, or imported) that this topic's query found:
    /// not fetched again, but from now on listed under this topic too.
    AlsoListed {
        topic: String,
        pmids: Vec<String>,
    },
    /// Something the user should know that does not stop the topic (a capped result, a phrase PubMed ignored).
    Notice {
        topic: String,
        message: String,
    },
    TopicDone {
        topic: String,
        new: usize,
    },
    TopicFailed {
        topic: String,
        reason: String,
    },
}

/// How each topic's update ended: the number of new papers, or why it failed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UpdateReport {
    pub topics: Vec<TopicOutcome>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicOutcome {
    pub topic: FollowedTopic,
    pub result: Result<usize, String>,
}

impl UpdateReport {
    pub fn any_failed(&self) -> bool {
        self.topics.iter().any(|outcome| outcome.result.is_err())
    }

    pub fn new_papers(&self) -> usize {
        self.topics.iter().filter_map(|outcome| outcome.result.as_ref().ok()).sum()
    }
}

/// Updates `topics` in order, sharing one rate limit. `known_pmids` are the PMIDs already in the library
/// (the store's own are added here): they are never fetched. A topic that fails does not stop the others;
/// `cancel` stops them all, the remaining ones failing with "cancelled".
pub fn run(
    settings: &Settings,
    topics: &[FollowedTopic],
    known_pmids: &HashSet<String>,
    cancel: &AtomicBool,
    on_event: &mut dyn FnMut(UpdateEvent),
) -> UpdateReport {
    let client = Client::new(settings);
    let store = Store::new(&settings.store_dir);
    let mut report = UpdateReport::default();
    let prepared = state::load(&settings.store_dir).map_err(|err| err.to_string()).and_then(|state| {
        let stored = store.pmids().map_err(|err| format!("cannot read {}: {err}", store.dir().display()))?;
        Ok((state, stored))
    });
    let (state, mut known) = match prepared {
        Ok((state, stored)) => (state, stored),
        Err(reason) => {
            for topic in topics {
                on_event(UpdateEvent::TopicFailed { topic: topic.path.clone(), reason: reason.clone() });
                report.topics.push(TopicOutcome { topic: topic.clone(), result: Err(reason.clone()) });
            }
            return report;
        }
    };
    known.extend(known_pmids.iter().cloned());
    for topic in topics {
        let result = if cancel.load(Ordering::Relaxed) {
            Err("cancelled".to_string())
        } else {
            let mut updater =
                TopicUpdate { settings, client: &client, store: &store, topic, cancel, on_event: &mut *on_event };
            updater.run(&state, &mut known)
        };
        match &result {
            Ok(new) => on_event(UpdateEvent::TopicDone { topic: topic.path.clone(), new: *new }),
            Err(reason) => on_event(UpdateEvent::TopicFailed { topic: topic.path.clone(), reason: reason.clone() }),
        }
        report.topics.push(TopicOutcome { topic: topic.clone(), result });
    }
    report
}

struct TopicUpdate<'a> {
    settings: &'a Settings,
    client: &'a Client,
    store: &'a Store,
    topic: &'a FollowedTopic,
    cancel: &'a AtomicBool,
    on_event: &'a mut dyn FnMut(UpdateEvent),
}

impl TopicUpdate<'_> {
    fn run(&mut self, state: &UpdateState, known: &mut HashSet<String>) -> Result<usize, String> {
        let settings = self.settings;
        let topic_path = self.topic.path.clone();
        let last_update = state.topic(&topic_path).and_then(|topic| topic.last_update.as_deref()).and_then(Date::parse);
        let (range, want) = match settings.since.or(last_update) {
            Some(from) => {
                (Some((from.min(settings.today), settings.today)), settings.max_new.unwrap_or(LATER_UPDATE_MAX))
            }
            None => (None, settings.max_new.unwrap_or(settings.first_update_max)),
        };
        let mut found = esearch::find_ids(self.client, &self.topic.query, range, want, self.cancel).map_err(explain)?;
        if let Some(message) = capped(&found, range.is_none()) {
            found.notices.push(message);
        }
        for message in &found.notices {
            (self.on_event)(UpdateEvent::Notice { topic: topic_path.clone(), message: message.clone() });
        }
        let (already_known, to_fetch): (Vec<String>, Vec<String>) =
            found.ids.iter().cloned().partition(|id| known.contains(id));
        let listed = self.store.link(&topic_path, &already_known).map_err(|err| self.cannot_store(err))?;
        if !listed.is_empty() {
            (self.on_event)(UpdateEvent::AlsoListed { topic: topic_path.clone(), pmids: listed });
        }
        (self.on_event)(UpdateEvent::Found { topic: topic_path.clone(), found: found.count, to_fetch: to_fetch.len() });
        let mut fetched = 0;
        for batch in to_fetch.chunks(settings.batch_size.clamp(1, ESEARCH_LIMIT)) {
            if self.cancel.load(Ordering::Relaxed) {
                return Err("cancelled".to_string());
            }
            let records = efetch::fetch(self.client, batch, self.cancel).map_err(explain)?;
            if records.len() < batch.len() {
                let missing = batch.len() - records.len();
                let message = format!(
                    "PubMed sent {} of {} records asked for ({missing} withdrawn or not yet available)",
                    records.len(),
                    batch.len()
                );
                (self.on_event)(UpdateEvent::Notice { topic: topic_path.clone(), message });
            }
            known.extend(batch.iter().cloned());
            let stored =
                self.store.store(&topic_path, records, settings.today).map_err(|err| self.cannot_store(err))?;
            if let Some(stored) = stored {
                fetched += stored.records.len();
                let library = batch_library(&stored.file, &self.topic.path_parts());
                (self.on_event)(UpdateEvent::BatchStored { topic: topic_path.clone(), file: stored.file, library });
            }
            (self.on_event)(UpdateEvent::Progress { topic: topic_path.clone(), fetched, to_fetch: to_fetch.len() });
        }
        let topic_state =
            TopicState { last_update: Some(settings.today.to_string()), last_new: fetched, last_found: found.count };
        state::record(&settings.store_dir, &topic_path, topic_state).map_err(|err| err.to_string())?;
        Ok(fetched)
    }

    fn cannot_store(&self, err: std::io::Error) -> String {
        format!("cannot store the fetched records in {}: {err}", self.store.dir().display())
    }
}

/// Says so when a search found more papers than the update takes, so none go missing unnoticed.
fn capped(found: &esearch::Found, first_update: bool) -> Option<String> {
    let (count, taken) = (found.count, found.ids.len());
    if taken >= count {
        return None;
    }
    Some(if found.at_search_limit {
        format!(
            "PubMed found {count} papers and gives at most {ESEARCH_LIMIT} per search: took the newest {taken}; \
             use --since DATE to fetch older ones, split by date"
        )
    } else if first_update {
        format!("PubMed found {count}; a first update takes the newest {taken} (--max N or --since DATE for more)")
    } else {
        format!("PubMed found {count} since the last update; took the newest {taken} (--max)")
    })
}

/// The stored batch read back through the importer, as the library will read it at the next start
/// (so the same cleaning applies), placed at the topic's path.
fn batch_library(file: &std::path::Path, path: &[String]) -> Library {
    let mut library = formats::import_file(file).map(|imported| imported.library).unwrap_or_default();
    for page in &mut library.pages {
        page.path = path.to_vec();
    }
    library
}

fn explain(error: FetchError) -> String {
    error.0
}
