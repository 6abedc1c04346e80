//! `R` in the reader: followed topics updated on a worker thread. The worker turns the update's events into
//! actions and builds each grown catalog and index itself, so the UI thread only swaps pointers and keeps
//! answering keys while papers arrive.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use lenaview::app::following::GrownLibrary;
use lenaview::app::{Action, Catalog};
use lenaview::follow::topics::topic_name as name;
use lenaview::follow::{self, UpdateEvent, UpdateReport};
use lenaview::model::{Library, Page};
use lenaview::notes::NoteFolder;

/// Stops the update between requests when dropped with the reader (a stored batch is never cut).
pub struct RunningUpdate {
    cancel: Arc<AtomicBool>,
}

impl Drop for RunningUpdate {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Starts an update of every followed topic against `catalog` as it is now; `send` delivers actions to the
/// event loop. The settings are read afresh, so "today" and the followed topics are current; `email` is the
/// config file's.
pub fn start(
    catalog: Arc<Catalog>,
    email: Option<String>,
    send: impl Fn(Action) + Send + 'static,
) -> std::io::Result<RunningUpdate> {
    let cancel = Arc::new(AtomicBool::new(false));
    let worker_cancel = Arc::clone(&cancel);
    thread::Builder::new().name("lenaview-update".into()).spawn(move || {
        let finished = match follow::user_setup(email) {
            Ok((_, topics)) if topics.is_empty() => Action::UpdateFinished {
                summary: "No topics followed: `lenaview follow PATH QUERY` adds one".into(),
                details: Vec::new(),
            },
            Ok((settings, topics)) => {
                // Papers that arrive may be ones the user wrote a note on before (a re-followed topic, a paper
                // known by DOI): read once, as at start; what start-up said of unreadable notes is not said again.
                let notes = NoteFolder::default_dir().map(|dir| NoteFolder::at(dir).load().0).unwrap_or_default();
                let mut worker = Worker { catalog, grown: None, send: &send, details: Vec::new(), notes };
                let known = worker.known_pmids();
                let report = follow::run(&settings, &topics, &known, &worker_cancel, &mut |event| worker.on(event));
                worker.finished(&report)
            }
            Err(problem) => Action::UpdateFinished {
                summary: format!("Update failed: {problem}"),
                details: vec![format!("Update failed: {problem}")],
            },
        };
        send(finished);
    })?;
    Ok(RunningUpdate { cancel })
}

struct Worker<'a, F: Fn(Action)> {
    /// The catalog as the reader has it after the batches sent so far: only this worker grows it meanwhile.
    catalog: Arc<Catalog>,
    /// The library the last batch grew, whose index the next batch grows rather than builds again.
    grown: Option<GrownLibrary>,
    send: &'a F,
    details: Vec<String>,
    /// The user's notes by paper key, put into each batch before it reaches the catalog.
    notes: BTreeMap<String, String>,
}

impl<F: Fn(Action)> Worker<'_, F> {
    fn known_pmids(&self) -> HashSet<String> {
        self.catalog
            .publications
            .iter()
            .filter_map(|publication| publication.pmid.as_deref().map(str::to_string))
            .collect()
    }

    fn on(&mut self, event: UpdateEvent) {
        match event {
            UpdateEvent::Found { topic, found, to_fetch } => {
                (self.send)(Action::UpdateProgress(format!("{}: {to_fetch} new of {found} found", name(&topic))));
            }
            UpdateEvent::Progress { topic, fetched, to_fetch } => {
                (self.send)(Action::UpdateProgress(format!("{}: {fetched} of {to_fetch}", name(&topic))));
            }
            UpdateEvent::BatchStored { library, .. } => self.grow(library),
            UpdateEvent::AlsoListed { topic, pmids } => {
                let library = self.listed_under(&topic, &pmids);
                self.grow(library);
            }
            UpdateEvent::Notice { topic, message } => self.details.push(format!("{}: {message}", name(&topic))),
            UpdateEvent::TopicDone { topic, new } => self.details.push(format!("{}: {new} new", name(&topic))),
            UpdateEvent::TopicFailed { topic, reason } => {
                self.details.push(format!("{} failed: {reason}", name(&topic)));
            }
        }
    }

    fn grow(&mut self, mut library: Library) {
        lenaview::notes::fill(&mut library, &self.notes);
        let grown = match &self.grown {
            Some(last) => last.then(library),
            None => GrownLibrary::grow(&self.catalog, library),
        };
        self.catalog = Arc::clone(&grown.catalog);
        self.grown = Some(grown.clone());
        (self.send)(Action::LibraryGrew(grown));
    }

    /// Papers the reader has that a topic's search also found, as a page at the topic: the catalog merges
    /// them by PMID and lists them there too.
    fn listed_under(&self, topic: &str, pmids: &[String]) -> Library {
        let wanted: HashSet<&str> = pmids.iter().map(String::as_str).collect();
        let publications = self
            .catalog
            .publications
            .iter()
            .filter(|publication| publication.pmid.as_deref().is_some_and(|pmid| wanted.contains(pmid)))
            .cloned()
            .collect();
        let path = follow::topics::split_path(topic);
        Library { pages: vec![Page { path, publications, ..Page::default() }] }
    }

    fn finished(self, report: &UpdateReport) -> Action {
        Action::UpdateFinished { summary: summary(report), details: self.details }
    }
}

/// One line for the status bar: what arrived, and what failed (why, when one topic is all there is to say).
fn summary(report: &UpdateReport) -> String {
    let failures: Vec<String> = report
        .topics
        .iter()
        .filter_map(|outcome| outcome.result.as_ref().err().map(|why| format!("{}: {why}", outcome.topic.name())))
        .collect();
    let new = report.new_papers();
    let papers = if new == 1 { "1 new paper".to_string() } else { format!("{new} new papers") };
    match failures.as_slice() {
        [] => format!("Update: {papers}"),
        [only] if failures.len() == report.topics.len() => format!("Update failed: {only}"),
        [_] => format!("Update: {papers}; 1 topic failed"),
        many => format!("Update: {papers}; {} topics failed", many.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(path: &str, result: Result<usize, String>) -> follow::update::TopicOutcome {
        follow::update::TopicOutcome { topic: follow::FollowedTopic::new(path, "q").unwrap(), result }
    }

    #[test]
    fn the_summary_says_what_arrived_and_why_a_lone_topic_failed() {
        let report = |topics| UpdateReport { topics };
        assert_eq!(summary(&report(vec![outcome("A/Len", Ok(1))])), "Update: 1 new paper");
        let offline = outcome("A/Len", Err("cannot reach eutils.ncbi.nlm.nih.gov".into()));
        assert_eq!(summary(&report(vec![offline.clone()])), "Update failed: Len: cannot reach eutils.ncbi.nlm.nih.gov");
        let mixed = report(vec![outcome("A/Pom", Ok(37)), offline]);
        assert_eq!(summary(&mixed), "Update: 37 new papers; 1 topic failed");
    }

    #[test]
    fn topics_are_called_by_their_last_level() {
        assert_eq!(name("Treatments/Biological Therapies/Lenalidomide"), "Lenalidomide");
        assert_eq!(name("Pomalidomide/"), "Pomalidomide");
        assert_eq!(name("Solo"), "Solo");
    }
}
