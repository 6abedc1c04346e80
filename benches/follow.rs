//! An update of 10,000 new records against a local fake of the E-utilities with no rate limit, and the first
//! frame of the reader afterwards: `cargo bench --bench follow` (`BENCH_ROUNDS=N`, default 5).
//! Against NCBI itself the rate limit sets the pace: 51 requests take at least 17 s without an API key.
//! Then what the reader's update worker does with the batches: a library of 100,000 grown by 50 batches of 200.

#[path = "../tests/support/eutils_server.rs"]
mod eutils_server;

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use eutils_server::{FakePubMed, Server, papers};
use lenaview::app::following::GrownLibrary;
use lenaview::app::{App, Catalog};
use lenaview::follow::store::Store;
use lenaview::follow::{Date, FollowedTopic, Settings, run};
use lenaview::model::{Library, Page};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const RECORDS: usize = 10_000;

/// "median (min–max)" of a stage over the rounds.
fn spread(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    format!("{:.0} ({:.0}–{:.0})", times[times.len() / 2], times[0], times[times.len() - 1])
}

fn main() {
    let rounds: usize = std::env::var("BENCH_ROUNDS").ok().and_then(|rounds| rounds.parse().ok()).unwrap_or(5);
    let pubmed = FakePubMed::new(papers(30_000_000, RECORDS, 400));
    let server = Server::start(move |_, request| pubmed.answer(request));
    println!(
        "update of {RECORDS} new records from a local server, then the first frame; ms, median (min–max) of {rounds}"
    );
    println!(
        "{:>6} {:>9} {:>18} {:>16} {:>16} {:>16}",
        "batch", "requests", "update", "load store", "build app", "first frame"
    );
    for batch_size in [200, 500] {
        let mut stages = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        let mut requests = 0;
        for _ in 0..rounds {
            let data = tempfile::tempdir().expect("a temporary folder");
            let mut settings = Settings::from_env(data.path().to_path_buf(), None);
            settings.base_url = server.url();
            settings.request_interval = Duration::ZERO;
            settings.batch_size = batch_size;
            settings.since = Date::parse("2026-01-01");
            let topic = FollowedTopic::new("Treatments/Myeloma", "myeloma").expect("a topic");
            let requests_before = server.requests().len();
            let started = Instant::now();
            let report = run(&settings, &[topic], &HashSet::new(), &AtomicBool::new(false), &mut |_| {});
            let updated = started.elapsed().as_secs_f64();
            assert_eq!(report.topics[0].result, Ok(RECORDS), "every record arrived");
            requests = server.requests().len() - requests_before;

            let started = Instant::now();
            let mut library = lenaview::formats::bundled();
            Store::new(data.path()).load_into(&mut library);
            let loaded = started.elapsed().as_secs_f64();
            let app = App::new(library, 160, 40);
            let built = started.elapsed().as_secs_f64();
            let mut terminal = Terminal::new(TestBackend::new(160, 40)).expect("a test terminal");
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("a frame");
            let drawn = started.elapsed().as_secs_f64();
            for (stage, seconds) in stages.iter_mut().zip([updated, loaded, built - loaded, drawn - built]) {
                stage.push(seconds * 1000.0);
            }
        }
        let [update, load, build, frame] = stages.map(spread);
        println!("{batch_size:>6} {requests:>9} {update:>18} {load:>16} {build:>16} {frame:>16}");
    }
    grow_by_batches(rounds);
}

const LIBRARY: usize = 100_000;
const BATCHES: usize = 50;
const BATCH: usize = 200;

/// The worker's part of an update (src/follow_worker.rs): each batch grows the catalog and index it handed over last.
fn grow_by_batches(rounds: usize) {
    let known = lenaview::synthetic::library(LIBRARY, 1);
    let arriving: Vec<_> =
        lenaview::synthetic::library(BATCHES * BATCH, 2).pages.into_iter().flat_map(|page| page.publications).collect();
    let batches: Vec<Library> = arriving
        .chunks(BATCH)
        .map(|chunk| Library {
            pages: vec![Page { path: vec!["Followed".into()], publications: chunk.to_vec(), ..Page::default() }],
        })
        .collect();
    let catalog = Catalog::new(known);
    let mut times = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let mut grown = GrownLibrary::grow(&catalog, Library::default());
        for batch in &batches {
            grown = grown.then(batch.clone());
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(grown.catalog.publications.len() > catalog.publications.len(), "the batches brought papers");
    }
    println!(
        "{LIBRARY} publications grown by {BATCHES} batches of {BATCH}: {} ms, median (min–max) of {rounds}",
        spread(times)
    );
}
