//! How long an update of 10,000 new records takes against a local server with no rate limit, and the first
//! frame afterwards. Ignored by `cargo test`; run it with
//! `cargo test --release --test follow_measure -- --ignored --nocapture`.

#[path = "support/eutils_server.rs"]
mod eutils_server;

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use eutils_server::{FakePubMed, Server, papers};
use lenaview::app::App;
use lenaview::follow::store::Store;
use lenaview::follow::{Date, FollowedTopic, Settings, run};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[test]
#[ignore = "a measurement, not a check: run with --release --ignored --nocapture"]
fn an_update_of_ten_thousand_records_and_the_first_frame_after_it() {
    let pubmed = FakePubMed::new(papers(30_000_000, 10_000, 400));
    let server = Server::start(move |_, request| pubmed.answer(request));
    for batch_size in [200, 500] {
        let data = tempfile::tempdir().unwrap();
        let mut settings = Settings::from_env(data.path().to_path_buf(), None);
        settings.base_url = server.url();
        settings.request_interval = Duration::ZERO;
        settings.batch_size = batch_size;
        settings.since = Date::parse("2026-01-01");
        let topic = FollowedTopic::new("Treatments/Myeloma", "myeloma").unwrap();
        let requests_before = server.requests().len();
        let started = Instant::now();
        let report = run(&settings, &[topic], &HashSet::new(), &AtomicBool::new(false), &mut |_| {});
        let updated = started.elapsed();
        assert_eq!(report.topics[0].result, Ok(10_000));
        let requests = server.requests().len() - requests_before;

        let started = Instant::now();
        let mut library = lenaview::formats::bundled();
        Store::new(data.path()).load_into(&mut library);
        let loaded = started.elapsed();
        let app = App::new(library, 160, 40);
        let built = started.elapsed();
        let mut terminal = Terminal::new(TestBackend::new(160, 40)).unwrap();
        terminal.draw(|frame| frame.render_widget(&app, frame.area())).unwrap();
        let drawn = started.elapsed();
        let megabytes = std::fs::read_dir(data.path())
            .unwrap()
            .flatten()
            .filter(|entry| entry.path().is_dir())
            .flat_map(|folder| std::fs::read_dir(folder.path()).unwrap().flatten())
            .map(|file| file.metadata().unwrap().len())
            .sum::<u64>() as f64
            / 1e6;
        println!(
            "batches of {batch_size}: update of 10,000 new records {:.2} s ({requests} requests, {megabytes:.1} MB stored); \
             then loading the store {:.0} ms, building the app {:.0} ms, first frame {:.1} ms (total {:.0} ms)",
            updated.as_secs_f64(),
            loaded.as_secs_f64() * 1e3,
            (built - loaded).as_secs_f64() * 1e3,
            (drawn - built).as_secs_f64() * 1e3,
            drawn.as_secs_f64() * 1e3,
        );
    }
}
