//! `lenaview follow`, `unfollow`, `following` and `update` through the real binary, with temporary XDG
//! folders and `LENAVIEW_EUTILS_URL` pointing at a local fake of NCBI's E-utilities.

#[path = "support/eutils_server.rs"]
mod eutils_server;
#[path = "support/machine.rs"]
mod machine;

use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use eutils_server::{FakePubMed, Paper, Reply, Server, papers};
use serde_json::Value;

const POMALIDOMIDE: &str = "Treatments/Biological Therapies/Pomalidomide";

struct Machine(machine::Machine);

impl Machine {
    fn new() -> Machine {
        Machine(machine::Machine::new())
    }

    fn run(&self, eutils_url: &str, args: &[&str]) -> Output {
        self.command(eutils_url, args).output().unwrap()
    }

    fn command(&self, eutils_url: &str, args: &[&str]) -> Command {
        self.0.command_with_pubmed(eutils_url, args)
    }

    fn follow_file(&self) -> std::path::PathBuf {
        self.0.config.path().join("lenaview/follow.toml")
    }

    fn store(&self) -> std::path::PathBuf {
        self.0.data.path().join("lenaview/followed")
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn succeeded(output: &Output) -> &Output {
    assert!(output.status.success(), "stdout:\n{}\nstderr:\n{}", stdout(output), stderr(output));
    output
}

fn following(machine: &Machine, url: &str) -> Vec<Value> {
    let output = machine.run(url, &["following", "--json"]);
    serde_json::from_slice::<Value>(&succeeded(&output).stdout).unwrap().as_array().unwrap().clone()
}

fn pubmed_server(pubmed: &FakePubMed) -> Server {
    let pubmed = pubmed.clone();
    Server::start(move |_, request| pubmed.answer(request))
}

#[test]
fn follow_update_and_read_the_new_papers() {
    let pubmed = FakePubMed::new(papers(41_282_800, 37, 2));
    let server = pubmed_server(&pubmed);
    let url = server.url();
    let machine = Machine::new();

    let followed = machine.run(&url, &["follow", POMALIDOMIDE, "pomalidomide[tiab]"]);
    assert!(stdout(succeeded(&followed)).starts_with(&format!("following {POMALIDOMIDE}: pomalidomide[tiab]")));
    let topics = following(&machine, &url);
    let paths: Vec<&str> = topics.iter().map(|topic| topic["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["Treatments/Biological Therapies/Angiogenesis Inhibitors/Lenalidomide", POMALIDOMIDE]);
    assert!(topics[1]["last_update"].is_null());

    let updated = machine.run(&url, &["update", POMALIDOMIDE]);
    assert_eq!(stdout(succeeded(&updated)), "Pomalidomide: 37 new\n");
    assert!(stderr(&updated).contains("Pomalidomide: 37 of 37 fetched"), "{}", stderr(&updated));
    let searches = server.requests_to("esearch.fcgi");
    assert_eq!(searches.len(), 1, "only the topic asked for");
    assert_eq!(searches[0].param("term"), Some("pomalidomide[tiab]"));
    assert_eq!(searches[0].param("retmax"), Some("200"), "a first update takes the newest 200");
    for request in server.requests() {
        assert_eq!((request.param("tool"), request.param("email")), (Some("lenaview"), Some("reader@example.org")));
        assert_eq!(request.param("api_key"), None);
    }

    let found = machine.run(&url, &["search", "pomalidomide report 41282836", "--json"]);
    let hits: Value = serde_json::from_slice(&succeeded(&found).stdout).unwrap();
    assert_eq!(hits[0]["path"], serde_json::json!(["Treatments", "Biological Therapies", "Pomalidomide"]));
    assert!(hits[0]["title"].as_str().unwrap().contains("report 41282836"));
    let exported = machine.run(&url, &["export", "--format", "json"]);
    let library: Value = serde_json::from_slice(&succeeded(&exported).stdout).unwrap();
    let page = library["pages"].as_array().unwrap().iter().find(|page| page["path"][2] == "Pomalidomide").unwrap();
    assert_eq!(page["publications"].as_array().unwrap().len(), 37);

    let state = following(&machine, &url);
    assert_eq!((state[1]["last_new"].as_u64(), state[1]["stored"].as_u64()), (Some(37), Some(37)));
    assert!(state[1]["last_update"].is_string());

    // PubMed adds one paper; the next update brings it alone.
    pubmed.add(Paper { pmid: "41300000".into(), added: lenaview::follow::Date::today().eutils() });
    let again = machine.run(&url, &["update", POMALIDOMIDE]);
    assert_eq!(stdout(succeeded(&again)), "Pomalidomide: 1 new\n");
    let fetched: Vec<String> = server.requests_to("efetch.fcgi").iter().flat_map(|request| request.ids()).collect();
    assert_eq!(fetched.len(), 38, "no PMID fetched twice");
    let last_search = server.requests_to("esearch.fcgi").pop().unwrap();
    assert!(last_search.param("mindate").is_some(), "a later update searches from the last one");
}

#[test]
fn the_bundled_topic_is_followed_on_a_fresh_machine() {
    let pubmed = FakePubMed::new(papers(39_000_000, 3, 1));
    let server = pubmed_server(&pubmed);
    let machine = Machine::new();
    let topics = following(&machine, &server.url());
    assert_eq!(topics.len(), 1);
    assert_eq!(topics[0]["query"], "lenalidomide[mh] OR lenalidomide[tiab]");
    let updated = machine.run(&server.url(), &["update"]);
    assert_eq!(stdout(succeeded(&updated)), "Lenalidomide: 3 new\n");
    assert_eq!(server.requests_to("esearch.fcgi")[0].param("term"), Some("lenalidomide[mh] OR lenalidomide[tiab]"));
    assert!(!machine.follow_file().exists(), "an update never writes follow.toml");
}

#[test]
fn offline_the_update_names_the_topic_and_why_and_changes_nothing() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/entrez/eutils/");
    let machine = Machine::new();
    let updated = machine.run(&url, &["update"]);
    assert!(!updated.status.success());
    let message = stderr(&updated);
    assert!(message.contains(&format!("Lenalidomide failed: cannot reach 127.0.0.1:{port}: ")), "{message}");
    assert!(!machine.store().exists(), "nothing written");
    // The reader's library is as before.
    succeeded(&machine.run(&url, &["export", "--format", "json"]));
}

#[test]
fn a_rejected_query_fails_its_topic_only() {
    let server = FakePubMed::new(papers(5_000, 2, 1)).serve_rejecting("((");
    let machine = Machine::new();
    succeeded(&machine.run(&server.url(), &["follow", "Bad", "(("]));
    let updated = machine.run(&server.url(), &["update"]);
    assert_eq!(updated.status.code(), Some(1));
    assert_eq!(stdout(&updated), "Lenalidomide: 2 new\nBad: failed\n");
    assert!(stderr(&updated).contains("Bad failed: PubMed rejected the query"));
}

#[test]
fn unfollow_keeps_the_papers_and_a_damaged_file_is_left_alone() {
    let pubmed = FakePubMed::new(papers(7_000, 4, 1));
    let server = pubmed_server(&pubmed);
    let url = server.url();
    let machine = Machine::new();
    succeeded(&machine.run(&url, &["follow", POMALIDOMIDE, "pomalidomide"]));
    succeeded(&machine.run(&url, &["update", POMALIDOMIDE, "--max", "3"]));
    assert_eq!(server.requests_to("esearch.fcgi")[0].param("retmax"), Some("3"));
    let unfollowed = machine.run(&url, &["unfollow", POMALIDOMIDE]);
    assert!(stdout(succeeded(&unfollowed)).contains("its 3 fetched papers stay in the library"));
    assert_eq!(following(&machine, &url).len(), 1);
    let found = machine.run(&url, &["search", "report 7000"]);
    assert!(stdout(succeeded(&found)).contains("report 7000"));
    let not_followed = machine.run(&url, &["update", POMALIDOMIDE]);
    assert!(stderr(&not_followed).contains("is not followed"));

    let damaged = "[[topic]]\npath = \"A\"\nquery = \"unterminated\n";
    std::fs::write(machine.follow_file(), damaged).unwrap();
    for args in [&["follow", "B", "b"][..], &["update"], &["following"]] {
        let output = machine.run(&url, args);
        assert!(!output.status.success());
        assert!(stderr(&output).contains("follow.toml:3:"), "{args:?}: {}", stderr(&output));
    }
    assert_eq!(std::fs::read_to_string(machine.follow_file()).unwrap(), damaged);
}

#[test]
fn since_sets_the_start_of_the_date_range() {
    let pubmed = FakePubMed::new(papers(8_000, 10, 1));
    let server = pubmed_server(&pubmed);
    let machine = Machine::new();
    let updated = machine.run(&server.url(), &["update", "--since", "2026-11-25"]);
    succeeded(&updated);
    let search = &server.requests_to("esearch.fcgi")[0];
    assert_eq!((search.param("mindate"), search.param("datetype")), (Some("2026/11/25"), Some("edat")));
    let bad = machine.run(&server.url(), &["update", "--since", "2026-02-30"]);
    assert!(stderr(&bad).contains("'2026-02-30' is not a date like 2024-05-31"), "{}", stderr(&bad));
}

#[test]
fn every_follow_command_explains_itself() {
    let machine = Machine::new();
    for (command, words) in [
        ("follow", "PubMed query"),
        ("unfollow", "fetched papers stay"),
        ("following", "--json"),
        ("update", "NCBI_API_KEY"),
    ] {
        let output = machine.run("http://127.0.0.1:9/", &[command, "--help"]);
        let help = stdout(succeeded(&output));
        assert!(help.contains(&format!("lenaview {command}")) && help.contains(words), "{command}:\n{help}");
    }
    let help = stdout(&machine.run("http://127.0.0.1:9/", &["--help"]));
    for command in ["follow", "unfollow", "following", "update"] {
        assert!(help.contains(command), "{help}");
    }
}

#[test]
fn a_kill_in_the_middle_leaves_whole_batches_and_the_next_update_goes_on() {
    let pubmed = FakePubMed::new(papers(90_000, 300, 10));
    let stall = Arc::new(AtomicBool::new(true));
    let server = Server::start({
        let (pubmed, stall) = (pubmed.clone(), Arc::clone(&stall));
        move |_, request| {
            // The second batch (the last 100) hangs until the test lets it go.
            let second_batch = request.endpoint == "efetch.fcgi" && request.ids().len() < 200;
            if stall.load(Ordering::SeqCst) && second_batch {
                return Reply::Silence;
            }
            pubmed.answer(request)
        }
    });
    let machine = Machine::new();
    let mut child = machine.command(&server.url(), &["update", "--max", "300"]).stderr(Stdio::null()).spawn().unwrap();
    // Waits for a condition, bounded: the first batch of 200 is stored, the second request hangs.
    let deadline = Instant::now() + Duration::from_secs(60);
    let batch_files = || -> Vec<std::path::PathBuf> {
        let folders = std::fs::read_dir(machine.store()).into_iter().flatten().flatten();
        let files = folders.flat_map(|folder| std::fs::read_dir(folder.path()).into_iter().flatten().flatten());
        files.map(|file| file.path()).filter(|path| path.extension().is_some_and(|ext| ext == "medline")).collect()
    };
    while batch_files().is_empty() || server.requests_to("efetch.fcgi").len() < 2 {
        assert!(Instant::now() < deadline, "the first batch never arrived");
        assert!(child.try_wait().unwrap().is_none(), "the update ended early");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let files = batch_files();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(text.matches("\nSO  - ").count(), 200, "a whole batch, never a half one");
    let state = following(&machine, &server.url());
    assert!(state[0]["last_update"].is_null(), "the killed update did not count as done");
    assert_eq!(state[0]["stored"], 200);

    stall.store(false, Ordering::SeqCst);
    let resumed = machine.run(&server.url(), &["update", "--max", "300"]);
    assert_eq!(stdout(succeeded(&resumed)), "Lenalidomide: 100 new\n");
    let fetched: Vec<String> =
        server.requests_to("efetch.fcgi").iter().skip(2).flat_map(|request| request.ids()).collect();
    assert_eq!(fetched.len(), 100, "the stored 200 are not fetched again");
}

#[test]
fn the_email_in_follow_toml_is_sent_when_the_environment_has_none() {
    let pubmed = FakePubMed::new(papers(3_000, 1, 1));
    let server = pubmed_server(&pubmed);
    let machine = Machine::new();
    std::fs::create_dir_all(machine.follow_file().parent().unwrap()).unwrap();
    std::fs::write(machine.follow_file(), "email = \"lab@example.org\"\n\n[[topic]]\npath = \"A\"\nquery = \"a\"\n")
        .unwrap();
    let output = machine
        .command(&server.url(), &["update"])
        .env_remove("LENAVIEW_EMAIL")
        .env("NCBI_API_KEY", "k3y")
        .output()
        .unwrap();
    assert_eq!(stdout(succeeded(&output)), "A: 1 new\n");
    for request in server.requests() {
        assert_eq!((request.param("email"), request.param("api_key")), (Some("lab@example.org"), Some("k3y")));
    }
    succeeded(&machine.run(&server.url(), &["follow", "B", "b"]));
    let rewritten = std::fs::read_to_string(machine.follow_file()).unwrap();
    assert!(rewritten.contains("email = \"lab@example.org\""), "follow keeps the email:\n{rewritten}");
}

#[test]
fn a_paper_already_in_the_library_is_not_fetched_but_listed_under_the_topic() {
    let pubmed = FakePubMed::new(papers(4_000, 3, 1));
    let server = pubmed_server(&pubmed);
    let machine = Machine::new();
    let saved = machine.0.data.path().join("saved.txt");
    std::fs::write(&saved, eutils_server::medline_record("4001", "2026/11/29")).unwrap();
    succeeded(&machine.run(&server.url(), &["add", saved.to_str().unwrap()]));
    let updated = machine.run(&server.url(), &["update"]);
    assert_eq!(stdout(succeeded(&updated)), "Lenalidomide: 2 new\n");
    assert!(
        stderr(&updated).contains("Lenalidomide: 1 paper already in the library is listed here too"),
        "{}",
        stderr(&updated)
    );
    let fetched: Vec<String> = server.requests_to("efetch.fcgi").iter().flat_map(|request| request.ids()).collect();
    assert_eq!(fetched, ["4000", "4002"]);

    let exported = machine.run(&server.url(), &["export", "--format", "json"]);
    let library: Value = serde_json::from_slice(&succeeded(&exported).stdout).unwrap();
    let under_topic: Vec<&str> = library["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|page| page["path"][3] == "Lenalidomide")
        .flat_map(|page| page["publications"].as_array().unwrap())
        .filter_map(|publication| publication["pmid"].as_str())
        .collect();
    assert!(under_topic.contains(&"4001") && under_topic.contains(&"4000"), "{under_topic:?}");
}
