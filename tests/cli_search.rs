//! `lenaview search` run as a user runs it.

use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/search/myeloma.json";

fn lenaview(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lenaview"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        // A data directory that does not exist: no library folder of the machine leaks into a test.
        .env("XDG_DATA_HOME", "/nonexistent/lenaview-tests")
        .env("XDG_CACHE_HOME", std::env::temp_dir().join("lenaview-tests-cache"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn prints_ranked_lines_with_score_year_title_and_journal() {
    let output = lenaview(&["search", "dara len", FIXTURE]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let first = text.lines().next().expect("at least one line");
    assert!(
        first.ends_with(
            "  2019  Daratumumab plus Lenalidomide and Dexamethasone for Untreated Myeloma.  (N Engl J Med)"
        ),
        "{first}"
    );
    let score: i64 = first.split_whitespace().next().unwrap().parse().expect("a score first");
    assert!(score > 0);
}

#[test]
fn json_is_an_array_of_matches_with_their_topic_path() {
    let output = lenaview(&["search", "lenalidomide", FIXTURE, "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let matches: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    let matches = matches.as_array().expect("an array");
    assert!(matches.len() >= 3, "{matches:?}");
    let best = &matches[0];
    assert_eq!(best["title"], "Lenalidomide maintenance after stem-cell transplantation for multiple myeloma.");
    assert_eq!(best["path"], serde_json::json!(["Treatments", "Immunomodulatory Drugs", "Lenalidomide"]));
    assert_eq!(best["journal"], "N Engl J Med");
    assert_eq!(best["year"], 2012);
    assert_eq!(best["authors"], serde_json::json!(["McCarthy PL", "Owzar K"]));
    assert!(best["score"].as_i64().unwrap() >= matches[1]["score"].as_i64().unwrap());
}

#[test]
fn limit_caps_the_output() {
    let lines = lenaview(&["search", "myeloma", FIXTURE, "--limit", "2"]);
    assert_eq!(stdout(&lines).lines().count(), 2);
    let json = lenaview(&["search", "myeloma", FIXTURE, "--limit", "1", "--json"]);
    let matches: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(matches.as_array().map(Vec::len), Some(1));
}

#[test]
fn scope_widens_to_authors_and_abstracts() {
    assert_eq!(lenaview(&["search", "cereblon", FIXTURE]).status.code(), Some(1));
    assert_eq!(lenaview(&["search", "cereblon", FIXTURE, "--scope", "meta"]).status.code(), Some(1));
    let all = lenaview(&["search", "cereblon", FIXTURE, "--scope", "all"]);
    assert_eq!(all.status.code(), Some(0));
    assert!(stdout(&all).contains("Thalidomide in myelodysplastic syndromes."));
    let meta = lenaview(&["search", "haematologica", FIXTURE, "--scope", "meta"]);
    assert!(stdout(&meta).contains("Thalidomide in myelodysplastic syndromes."));
}

#[test]
fn no_match_exits_1_with_no_output_like_grep() {
    let output = lenaview(&["search", "zzqx", FIXTURE]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let json = lenaview(&["search", "zzqx", FIXTURE, "--json"]);
    assert_eq!(json.status.code(), Some(1));
    // A JSON reader still gets a document: the empty array.
    let matches: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("valid JSON");
    assert_eq!(matches, serde_json::json!([]));
}

#[test]
fn limit_0_and_an_empty_query_are_usage_errors_that_say_why() {
    let zero = lenaview(&["search", "myeloma", FIXTURE, "--limit", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    let message = String::from_utf8_lossy(&zero.stderr);
    assert!(message.contains("--limit") && message.contains("at least 1"), "{message}");
    assert!(zero.stdout.is_empty());
    for blank in ["", "   ", "!", "' ^ |"] {
        let output = lenaview(&["search", blank, FIXTURE]);
        assert_eq!(output.status.code(), Some(2), "{blank:?}");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("the query is empty"), "{blank:?}: {message}");
        let export = lenaview(&["export", "--format", "csv", "--query", blank, FIXTURE]);
        assert_eq!(export.status.code(), Some(2), "export --query {blank:?}");
        assert!(String::from_utf8_lossy(&export.stderr).contains("the query is empty"), "{blank:?}");
    }
}

#[test]
fn unreadable_input_exits_2_naming_the_file() {
    let output = lenaview(&["search", "myeloma", "tests/fixtures/search/missing.json"]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("tests/fixtures/search/missing.json"), "{message}");
}

#[test]
fn a_paper_in_two_files_is_listed_once_as_the_reader_lists_it() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let record = "PMID- 31141632\nTI  - Daratumumab plus Lenalidomide and Dexamethasone for Untreated Myeloma.\n\
                  AU  - Facon T\nTA  - N Engl J Med\nDP  - 2019 May 30\n";
    let other = "PMID- 22571200\nTI  - Lenalidomide maintenance after stem-cell transplantation.\nDP  - 2012\n";
    let first = folder.path().join("first.txt");
    let second = folder.path().join("second.txt");
    std::fs::write(&first, record).unwrap();
    std::fs::write(&second, format!("{record}\n{other}")).unwrap();
    let (first, second) = (first.to_str().unwrap(), second.to_str().unwrap());

    let lines = lenaview(&["search", "dara len", first, second]);
    assert_eq!(lines.status.code(), Some(0));
    let text = stdout(&lines);
    assert_eq!(text.matches("Daratumumab plus Lenalidomide").count(), 1, "{text}");

    let json = lenaview(&["search", "lenalidomide", first, second, "--json"]);
    let matches: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("valid JSON");
    let titles: Vec<&str> = matches.as_array().unwrap().iter().filter_map(|m| m["title"].as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    // The path is where the paper was found first.
    let daratumumab = matches.as_array().unwrap().iter().find(|m| m["title"].as_str().unwrap().starts_with("Dara"));
    assert_eq!(daratumumab.unwrap()["path"], serde_json::json!(["Imported", "first"]));
    // A search of everything reads the merged catalog instead of the first sources: the same papers, paths and
    // scores (these records have no abstract, and their authors and journal hold no better match).
    let everything = lenaview(&["search", "lenalidomide", first, second, "--json", "--scope", "all"]);
    assert_eq!(stdout(&everything), stdout(&json));
}
