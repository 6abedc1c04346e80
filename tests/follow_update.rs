//! `follow::update::run` against a local fake of NCBI's E-utilities: what it asks, what it stores, and how
//! it fails. Nothing here touches the internet, and no test waits for real: retries and the rate limit run
//! on a fake clock.

#[path = "support/eutils_server.rs"]
mod eutils_server;

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eutils_server::{FakePubMed, Reply, Server, papers};
use lenaview::follow::eutils::rate::Clock;
use lenaview::follow::{Date, FollowedTopic, Settings, UpdateEvent, UpdateReport, run};

/// Time that passes only when lenaview sleeps, so retry waits and the rate limit cost nothing.
#[derive(Default)]
struct FakeClock {
    start: Option<Instant>,
    elapsed: Mutex<Duration>,
    sleeps: Mutex<Vec<Duration>>,
}

impl Clock for FakeClock {
    fn now(&self) -> Instant {
        self.start.unwrap() + *self.elapsed.lock().unwrap()
    }

    fn sleep(&self, duration: Duration) {
        self.sleeps.lock().unwrap().push(duration);
        *self.elapsed.lock().unwrap() += duration;
    }
}

fn fake_clock() -> Arc<FakeClock> {
    Arc::new(FakeClock { start: Some(Instant::now()), ..FakeClock::default() })
}

const TODAY: Date = Date { year: 2026, month: 12, day: 1 };

fn settings(server: &Server, store: &Path, clock: Arc<FakeClock>) -> Settings {
    let mut settings = Settings::from_env(store.to_path_buf(), Some("reader@example.org".into()));
    settings.base_url = server.url();
    settings.email = Some("reader@example.org".into());
    settings.api_key = Some("key123".into());
    settings.request_interval = Duration::ZERO;
    settings.connect_timeout = Duration::from_secs(2);
    settings.read_timeout = Duration::from_millis(500);
    settings.retries = 3;
    settings.batch_size = 50;
    settings.today = TODAY;
    settings.clock = clock;
    settings
}

fn topic(name: &str, query: &str) -> FollowedTopic {
    FollowedTopic::new(&format!("Treatments/{name}"), query).unwrap()
}

fn update(settings: &Settings, topics: &[FollowedTopic], known: &[&str]) -> (UpdateReport, Vec<UpdateEvent>) {
    let known: HashSet<String> = known.iter().map(|pmid| pmid.to_string()).collect();
    let mut events = Vec::new();
    let report = run(settings, topics, &known, &AtomicBool::new(false), &mut |event| events.push(event));
    (report, events)
}

fn stored_files(store: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for folder in std::fs::read_dir(store).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(folder.path()).into_iter().flatten().flatten() {
            files.push(file.path().strip_prefix(store).unwrap().display().to_string());
        }
    }
    files.sort();
    files
}

fn failure(report: &UpdateReport) -> String {
    report.topics[0].result.clone().unwrap_err()
}

#[test]
fn a_first_update_fetches_the_newest_papers_in_batches_and_stores_them() {
    let pubmed = FakePubMed::new(papers(41_000_000, 450, 3));
    let server = Server::start({
        let pubmed = pubmed.clone();
        move |_, request| pubmed.answer(request)
    });
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    settings.first_update_max = 120;
    let (report, events) = update(&settings, &[topic("Pomalidomide", "pomalidomide[tiab]")], &[]);
    assert_eq!(report.topics[0].result, Ok(120));

    let searches = server.requests_to("esearch.fcgi");
    assert_eq!(searches.len(), 1);
    let search = &searches[0];
    for (name, value) in [("db", "pubmed"), ("term", "pomalidomide[tiab]"), ("retmode", "json"), ("retmax", "120")] {
        assert_eq!(search.param(name), Some(value), "{name} in {search:?}");
    }
    assert_eq!(search.param("mindate"), None, "a first update takes the newest, whenever they were added");
    let fetches = server.requests_to("efetch.fcgi");
    assert_eq!(fetches.iter().map(|fetch| fetch.ids().len()).collect::<Vec<_>>(), [50, 50, 20]);
    for request in server.requests() {
        assert_eq!(request.param("tool"), Some("lenaview"));
        assert_eq!(request.param("email"), Some("reader@example.org"));
        assert_eq!(request.param("api_key"), Some("key123"));
    }
    for request in server.requests() {
        assert!(request.header("accept-encoding").is_some_and(|accepted| accepted.contains("gzip")), "{request:?}");
        assert!(request.header("user-agent").is_some_and(|agent| agent.starts_with("lenaview/")), "{request:?}");
    }
    for fetch in &fetches {
        assert_eq!(fetch.method, "POST", "hundreds of PMIDs go in the body, not the URL");
        assert_eq!((fetch.param("rettype"), fetch.param("retmode")), (Some("medline"), Some("text")));
    }
    let newest: Vec<String> = (0..120).map(|index| (41_000_000 + index).to_string()).collect();
    let fetched: HashSet<String> = fetches.iter().flat_map(|fetch| fetch.ids()).collect();
    assert_eq!(fetched, newest.iter().cloned().collect::<HashSet<_>>());

    assert_eq!(stored_files(data.path()).len(), 4, "three batches and the topic file: {:?}", stored_files(data.path()));
    let batches: Vec<&UpdateEvent> =
        events.iter().filter(|event| matches!(event, UpdateEvent::BatchStored { .. })).collect();
    assert_eq!(batches.len(), 3);
    let UpdateEvent::BatchStored { library, .. } = batches[0] else { unreachable!() };
    assert_eq!(library.pages[0].path, ["Treatments", "Pomalidomide"]);
    assert_eq!(library.publication_count(), 50);
    assert!(library.pages[0].publications[0].title.starts_with("Pomalidomide and dexamethasone"));
    assert!(events.contains(&UpdateEvent::Progress {
        topic: "Treatments/Pomalidomide".into(),
        fetched: 120,
        to_fetch: 120
    }));
    assert_eq!(events.last(), Some(&UpdateEvent::TopicDone { topic: "Treatments/Pomalidomide".into(), new: 120 }));
}

#[test]
fn the_next_update_searches_from_the_last_one_and_fetches_nothing_twice() {
    let pubmed = FakePubMed::new(papers(100, 30, 1));
    let server = Server::start({
        let pubmed = pubmed.clone();
        move |_, request| pubmed.answer(request)
    });
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    let topics = [topic("Pomalidomide", "pomalidomide[tiab]")];
    assert_eq!(update(&settings, &topics, &[]).0.topics[0].result, Ok(30));

    // PubMed adds two papers; one of them (and an old one) the library already has from elsewhere.
    pubmed.add(eutils_server::Paper { pmid: "900".into(), added: "2026/12/01".into() });
    pubmed.add(eutils_server::Paper { pmid: "901".into(), added: "2026/12/01".into() });
    settings.today = Date { year: 2026, month: 12, day: 2 };
    let before = server.requests().len();
    let (report, _) = update(&settings, &topics, &["901", "100"]);
    assert_eq!(report.topics[0].result, Ok(1));
    let requests = &server.requests()[before..];
    assert_eq!(requests[0].param("datetype"), Some("edat"));
    assert_eq!(requests[0].param("mindate"), Some("2026/12/01"), "from the last update's day");
    assert_eq!(requests[0].param("maxdate"), Some("2026/12/02"));
    let fetched: Vec<String> = requests.iter().flat_map(|request| request.ids()).collect();
    assert_eq!(fetched, ["900"], "neither a stored nor a library PMID is fetched again");

    let (report, _) = update(&settings, &topics, &[]);
    assert_eq!(report.topics[0].result, Ok(0));
    assert_eq!(server.requests_to("efetch.fcgi").len(), 2, "nothing new, nothing fetched");
}

#[test]
fn a_429_is_retried_after_the_time_it_asks_for() {
    let pubmed = FakePubMed::new(papers(1, 5, 1));
    let server = Server::start(move |number, request| {
        if number == 0 {
            let body = r#"{"error":"API rate limit exceeded","api-key":"127.0.0.1","count":"4","limit":"3"}"#;
            return Reply::status(429, body).with_header("Retry-After", "7");
        }
        pubmed.answer(request)
    });
    let data = tempfile::tempdir().unwrap();
    let clock = fake_clock();
    let settings = settings(&server, data.path(), clock.clone());
    let (report, _) = update(&settings, &[topic("Pomalidomide", "pomalidomide")], &[]);
    assert_eq!(report.topics[0].result, Ok(5));
    assert_eq!(clock.sleeps.lock().unwrap().iter().sum::<Duration>(), Duration::from_secs(7));
}

#[test]
fn server_errors_are_retried_a_bounded_number_of_times_then_reported() {
    let server = Server::start(|_, _| Reply::status(500, "<html><body>Internal Server Error</body></html>"));
    let data = tempfile::tempdir().unwrap();
    let clock = fake_clock();
    let settings = settings(&server, data.path(), clock.clone());
    let (report, events) = update(&settings, &[topic("Pomalidomide", "pomalidomide")], &[]);
    let reason = failure(&report);
    assert!(reason.contains("HTTP 500") && reason.contains("after 4 tries"), "{reason}");
    assert_eq!(server.requests().len(), 4);
    let waited: Duration = clock.sleeps.lock().unwrap().iter().sum();
    assert_eq!(waited, Duration::from_secs(1 + 2 + 4), "backing off, doubling each time");
    assert!(matches!(events.last(), Some(UpdateEvent::TopicFailed { .. })));
    assert!(!data.path().exists() || stored_files(data.path()).is_empty(), "nothing is written");
}

#[test]
fn an_unreachable_host_fails_at_once_naming_it_and_changes_nothing() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let server = Server::start(|_, _| Reply::ok(""));
    let data = tempfile::tempdir().unwrap();
    let store = data.path().join("followed");
    let mut settings = settings(&server, &store, fake_clock());
    settings.base_url = format!("http://127.0.0.1:{port}/entrez/eutils/");
    let (report, _) = update(&settings, &[topic("A", "a"), topic("B", "b")], &[]);
    for outcome in &report.topics {
        let reason = outcome.result.clone().unwrap_err();
        assert!(reason.starts_with(&format!("cannot reach 127.0.0.1:{port}: ")), "{reason}");
    }
    assert!(!store.exists(), "offline, nothing changes on disk");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::start(|_, _| Reply::Silence);
    let data = tempfile::tempdir().unwrap();
    let settings = settings(&server, data.path(), fake_clock());
    let started = Instant::now();
    let (report, _) = update(&settings, &[topic("A", "a")], &[]);
    assert!(failure(&report).contains("did not answer within"), "{}", failure(&report));
    assert_eq!(server.requests().len(), 1, "a time-out is not tried again");
    assert!(started.elapsed() < Duration::from_secs(20), "bounded by the time-out");
}

#[test]
fn a_response_cut_short_is_tried_again_and_never_stored() {
    let pubmed = FakePubMed::new(papers(1, 3, 1));
    let server = Server::start(move |_, request| match request.endpoint.as_str() {
        "efetch.fcgi" => {
            let whole = pubmed.efetch(request).into_bytes();
            Reply::CutShort { declared: whole.len(), body: whole[..whole.len() / 2].to_vec() }
        }
        _ => pubmed.answer(request),
    });
    let data = tempfile::tempdir().unwrap();
    let store = data.path().join("followed");
    let settings = settings(&server, &store, fake_clock());
    let (report, _) = update(&settings, &[topic("A", "a")], &[]);
    assert!(failure(&report).contains("after 4 tries"), "{}", failure(&report));
    assert_eq!(server.requests_to("efetch.fcgi").len(), 4);
    assert!(!store.exists());
}

#[test]
fn medline_cut_off_inside_a_whole_response_is_refused() {
    let pubmed = FakePubMed::new(papers(1, 3, 1));
    let server = Server::start(move |_, request| match request.endpoint.as_str() {
        "efetch.fcgi" => {
            let whole = pubmed.efetch(request);
            Reply::ok(&whole[..whole.len() - 80])
        }
        _ => pubmed.answer(request),
    });
    let data = tempfile::tempdir().unwrap();
    let store = data.path().join("followed");
    let (report, _) = update(&settings(&server, &store, fake_clock()), &[topic("A", "a")], &[]);
    assert!(failure(&report).contains("cut off"), "{}", failure(&report));
    assert!(!store.exists());
}

#[test]
fn unreadable_and_refusing_answers_are_clear_errors() {
    let cases: [(&str, Reply, &str); 4] = [
        ("malformed", Reply::ok(r#"{"header":{"type":"esearch"},"esearchresult":{"count":"#), "not readable"),
        (
            "rate limit",
            Reply::status(429, r#"{"error":"API rate limit exceeded","api-key":"1.2.3.4","count":"11","limit":"10"}"#),
            "API rate limit exceeded",
        ),
        (
            "rejected",
            Reply::ok(r#"{"header":{"type":"esearch","version":"0.3"},"esearchresult":{"ERROR":"Invalid query"}}"#),
            "PubMed rejected the query: Invalid query",
        ),
        ("html", Reply::status(403, "<html>Forbidden</html>"), "HTTP 403: <html>Forbidden</html>"),
    ];
    for (name, reply, expected) in cases {
        let reply = Mutex::new(Some(reply));
        let server = Server::start(move |_, _| {
            reply.lock().unwrap().take().unwrap_or_else(|| {
                Reply::status(429, r#"{"error":"API rate limit exceeded","count":"11","limit":"10"}"#)
            })
        });
        let data = tempfile::tempdir().unwrap();
        let store = data.path().join("followed");
        let (report, _) = update(&settings(&server, &store, fake_clock()), &[topic("A", "a")], &[]);
        assert!(failure(&report).contains(expected), "{name}: {}", failure(&report));
        assert!(!store.exists(), "{name}: nothing written");
    }
}

#[test]
fn a_query_that_finds_nothing_is_done_with_nothing_new() {
    let server = Server::start(|_, _| Reply::ok(eutils_server::esearch_json(0, "", "nothingatall")));
    let data = tempfile::tempdir().unwrap();
    let (report, _) = update(&settings(&server, data.path(), fake_clock()), &[topic("A", "nothingatall")], &[]);
    assert_eq!(report.topics[0].result, Ok(0));
    assert!(server.requests_to("efetch.fcgi").is_empty());
}

#[test]
fn more_than_ten_thousand_results_are_split_by_date() {
    // 10,500 papers over 21 days; the fake PubMed, like the real one, returns at most 10,000 ids per search.
    let pubmed = FakePubMed::new(papers(20_000_000, 10_500, 500));
    let server = Server::start({
        let pubmed = pubmed.clone();
        move |_, request| pubmed.answer(request)
    });
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    settings.since = Date::parse("2026-11-01");
    settings.batch_size = 500;
    let (report, events) = update(&settings, &[topic("A", "a")], &[]);
    assert_eq!(report.topics[0].result, Ok(10_500), "{events:?}");
    let searches = server.requests_to("esearch.fcgi");
    assert!(searches.len() >= 3, "the range was split");
    for search in &searches[1..] {
        assert!(search.param("mindate").unwrap() >= "2026/11/01" && search.param("maxdate").unwrap() <= "2026/12/01");
    }
    let fetched: Vec<String> = server.requests_to("efetch.fcgi").iter().flat_map(|fetch| fetch.ids()).collect();
    assert_eq!(fetched.len(), 10_500);
    assert_eq!(fetched.iter().collect::<HashSet<_>>().len(), 10_500, "each fetched once");
}

/// A PubMed whose search finds 250,000 papers and, like the real one, hands out at most 10,000 of their ids;
/// it fetches nothing.
fn pubmed_finding_a_quarter_million() -> Server {
    Server::start(|_, request| match request.endpoint.as_str() {
        "esearch.fcgi" => {
            let retmax: usize = request.param("retmax").unwrap().parse().unwrap();
            let ids: Vec<String> = (0..retmax.min(10_000)).map(|index| format!("\"{}\"", 1_000_000 + index)).collect();
            Reply::ok(eutils_server::esearch_json(250_000, &ids.join(","), "myeloma"))
        }
        _ => Reply::ok(""),
    })
}

#[test]
fn a_first_update_beyond_ten_thousand_is_capped_with_a_message() {
    let server = pubmed_finding_a_quarter_million();
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    settings.max_new = Some(50_000);
    settings.batch_size = 10_000;
    let (_, events) = update(&settings, &[topic("A", "myeloma")], &[]);
    assert_eq!(server.requests_to("esearch.fcgi")[0].param("retmax"), Some("10000"));
    let notice = events.iter().find_map(|event| match event {
        UpdateEvent::Notice { message, .. } => Some(message.clone()),
        _ => None,
    });
    assert!(notice.unwrap().contains("newest 10000; use --since DATE"));
}

/// At exactly PubMed's limit nothing splits the search, and the papers beyond it must still be told of.
#[test]
fn a_first_update_taking_exactly_ten_thousand_of_more_says_so() {
    let server = pubmed_finding_a_quarter_million();
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    settings.max_new = Some(10_000);
    settings.batch_size = 10_000;
    let (_, events) = update(&settings, &[topic("A", "myeloma")], &[]);
    let notices: Vec<String> = events
        .iter()
        .filter_map(|event| match event {
            UpdateEvent::Notice { message, .. } => Some(message.clone()),
            _ => None,
        })
        .collect();
    let told = "PubMed found 250000; a first update takes the newest 10000 (--max N or --since DATE for more)";
    assert!(notices.iter().any(|notice| notice == told), "{notices:?}");
}

#[test]
fn one_failing_topic_does_not_stop_the_others_and_all_share_the_rate_limit() {
    let server = FakePubMed::new(papers(1, 4, 1)).serve_rejecting("bad[[");
    let data = tempfile::tempdir().unwrap();
    let clock = fake_clock();
    let mut settings = settings(&server, data.path(), clock.clone());
    settings.request_interval = Duration::from_millis(334);
    settings.batch_size = 2;
    let topics = [topic("Bad", "bad[["), topic("Good", "good"), topic("Again", "again")];
    let (report, events) = update(&settings, &topics, &[]);
    assert!(report.topics[0].result.is_err());
    assert_eq!(report.topics[1].result, Ok(4));
    assert_eq!(report.topics[2].result, Ok(0), "the second topic's papers are known by then");
    let listed = events.iter().find_map(|event| match event {
        UpdateEvent::AlsoListed { topic, pmids } if topic == "Treatments/Again" => Some(pmids.len()),
        _ => None,
    });
    assert_eq!(listed, Some(4), "but they are listed under the third topic too");
    let mut library = lenaview::model::Library::default();
    lenaview::follow::store::Store::new(data.path()).load_into(&mut library);
    let again = library.pages.iter().find(|page| page.path == ["Treatments", "Again"]).unwrap();
    assert_eq!(again.publications.len(), 4);
    let requests = server.requests().len() as u32;
    assert_eq!(requests, 1 + 3 + 1);
    let waited: Duration = clock.sleeps.lock().unwrap().iter().sum();
    assert!(waited >= Duration::from_millis(334) * (requests - 1), "{waited:?} for {requests} requests");
}

#[test]
fn a_damaged_state_file_stops_the_update_before_any_request() {
    let server = Server::start(|_, _| Reply::ok(""));
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("state.json"), "{ not json").unwrap();
    let (report, _) = update(&settings(&server, data.path(), fake_clock()), &[topic("A", "a")], &[]);
    assert!(failure(&report).contains("state.json:1:"), "{}", failure(&report));
    assert!(server.requests().is_empty());
}

#[test]
fn a_cancelled_update_sends_nothing_more() {
    let server = Server::start(|_, _| Reply::ok(""));
    let data = tempfile::tempdir().unwrap();
    let settings = settings(&server, data.path(), fake_clock());
    let report = run(&settings, &[topic("A", "a")], &HashSet::new(), &AtomicBool::new(true), &mut |_| {});
    assert_eq!(failure(&report), "cancelled");
    assert!(server.requests().is_empty());
}

#[test]
fn two_updates_at_once_store_every_paper_once() {
    let pubmed = FakePubMed::new(papers(60_000, 40, 2));
    let server = Server::start({
        let pubmed = pubmed.clone();
        move |_, request| pubmed.answer(request)
    });
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    settings.batch_size = 3;
    let topics = [topic("Pomalidomide", "pomalidomide")];
    let reports: Vec<UpdateReport> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..2).map(|_| scope.spawn(|| update(&settings, &topics, &[]).0)).collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    let new: usize = reports.iter().map(|report| report.topics[0].result.clone().unwrap()).sum();
    assert_eq!(new, 40, "between them, each paper counted once");
    let mut stored = Vec::new();
    for file in stored_files(data.path()).iter().filter(|file| file.ends_with(".medline")) {
        let text = std::fs::read_to_string(data.path().join(file)).unwrap();
        stored.extend(text.lines().filter_map(|line| line.strip_prefix("PMID- ")).map(str::to_string));
    }
    assert_eq!(stored.len(), 40);
    assert_eq!(stored.iter().collect::<HashSet<_>>().len(), 40, "no record stored twice");
}

#[test]
fn a_capped_update_says_what_it_left_out() {
    let pubmed = FakePubMed::new(papers(70_000, 30, 1));
    let server = Server::start(move |_, request| pubmed.answer(request));
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    settings.first_update_max = 10;
    let (report, events) = update(&settings, &[topic("A", "a")], &[]);
    assert_eq!(report.topics[0].result, Ok(10));
    let notice = UpdateEvent::Notice {
        topic: "Treatments/A".into(),
        message: "PubMed found 30; a first update takes the newest 10 (--max N or --since DATE for more)".into(),
    };
    assert!(events.contains(&notice), "{events:?}");
}

#[test]
fn cancelling_between_batches_keeps_what_was_stored_and_does_not_mark_the_topic_updated() {
    let pubmed = FakePubMed::new(papers(80_000, 12, 1));
    let server = Server::start(move |_, request| pubmed.answer(request));
    let data = tempfile::tempdir().unwrap();
    let mut settings = settings(&server, data.path(), fake_clock());
    settings.batch_size = 4;
    let cancel = AtomicBool::new(false);
    let report = run(&settings, &[topic("A", "a")], &HashSet::new(), &cancel, &mut |event| {
        if matches!(event, UpdateEvent::BatchStored { .. }) {
            cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    });
    assert_eq!(failure(&report), "cancelled");
    assert_eq!(server.requests_to("efetch.fcgi").len(), 1, "no request after the cancel");
    let state = lenaview::follow::state::load(data.path()).unwrap();
    assert!(state.topic("Treatments/A").is_none(), "the next update searches the same range again");
    assert_eq!(lenaview::follow::store::Store::new(data.path()).pmids().unwrap().len(), 4);
}

#[test]
fn records_pubmed_does_not_send_are_a_notice_and_unasked_ones_are_dropped() {
    let pubmed = FakePubMed::new(papers(81_000, 3, 1));
    let server = Server::start(move |_, request| match request.endpoint.as_str() {
        "efetch.fcgi" => {
            let answer = pubmed.efetch(request);
            let without_first = &answer[answer[1..].find("\nPMID- ").unwrap() + 1..];
            Reply::ok(format!("{without_first}\n{}", eutils_server::medline_record("99999999", "2026/11/30")))
        }
        _ => pubmed.answer(request),
    });
    let data = tempfile::tempdir().unwrap();
    let (report, events) = update(&settings(&server, data.path(), fake_clock()), &[topic("A", "a")], &[]);
    assert_eq!(report.topics[0].result, Ok(2));
    assert!(
        events
            .iter()
            .any(|event| matches!(event, UpdateEvent::Notice { message, .. } if message.contains("sent 2 of 3")))
    );
    let stored = lenaview::follow::store::Store::new(data.path()).pmids().unwrap();
    assert!(!stored.contains("99999999"), "a record nobody asked for is not kept");
}
