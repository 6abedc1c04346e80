//! A library kept as followed topics' MEDLINE batches against the same records as one library JSON, each started
//! as a whole process in a pseudo-terminal: `cargo bench --bench followed_start`.
//!
//! The records are `lenaview::synthetic`'s (`BENCH_SIZES=100000`, the first size only), written as MEDLINE in
//! batches of 500 through the store itself, and the same records written as library JSON by loading that store.
//! Each round starts the reader on both, twice: the first start fills its cache (parsed files), the second is the
//! warm start a user meets every day; `BENCH_ROUNDS=N` (default 5).

#[path = "support/whole_process.rs"]
mod whole_process;

use std::path::Path;
use std::time::Duration;

use lenaview::follow::Date;
use lenaview::follow::eutils::efetch::RawRecord;
use lenaview::follow::store::Store;
use lenaview::model::{Library, Publication};
use whole_process::Start;

const BATCH: usize = 500;
const TOPIC: &str = "Treatments/Myeloma";
const QUERY: &str = "lenal";

fn main() {
    let size = std::env::var("BENCH_SIZES")
        .ok()
        .and_then(|sizes| sizes.split(',').next().and_then(|size| size.trim().parse().ok()))
        .unwrap_or(100_000);
    let rounds: usize = std::env::var("BENCH_ROUNDS").ok().and_then(|rounds| rounds.parse().ok()).unwrap_or(5);
    let store_home = tempfile::tempdir().expect("a home for the store");
    let json_home = tempfile::tempdir().expect("a home for the JSON");
    let (batches, store_bytes) = write_store(&store_home.path().join("data/lenaview/followed"), size);
    let json = json_home.path().join("library.json");
    write_same_as_json(&store_home.path().join("data/lenaview/followed"), &json);
    println!(
        "{size} records as {batches} MEDLINE batches of a followed topic ({:.1} MB) and as one library JSON \
         ({:.1} MB); warm starts, ms, median (min–max) of {rounds}",
        store_bytes as f64 / 1e6,
        std::fs::metadata(&json).map_or(0.0, |meta| meta.len() as f64 / 1e6)
    );
    println!("{:>8} {:>22} {:>22} {:>18}", "form", "first frame (ms)", "search answered (ms)", "peak memory (MB)");
    let binary = Path::new(whole_process::BINARY);
    let (mut from_store, mut from_json) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        // Side by side, fresh caches each round: the first start of each writes its cache, the second reads it.
        for (home, library, starts) in
            [(&store_home, None, &mut from_store), (&json_home, Some(json.as_path()), &mut from_json)]
        {
            let _ = std::fs::remove_dir_all(home.path().join("cache"));
            whole_process::start_reader(binary, library, home.path(), QUERY);
            starts.push(whole_process::start_reader(binary, library, home.path(), QUERY));
        }
    }
    for (form, starts) in [("medline", &from_store), ("json", &from_json)] {
        let spread = |of: fn(&Start) -> f64| spread(starts.iter().map(of).collect());
        println!(
            "{form:>8} {:>22} {:>22} {:>18}",
            spread(|start| ms(start.first_frame)),
            spread(|start| ms(start.first_search)),
            spread(|start| start.peak_bytes as f64 / 1e6)
        );
    }
    let ratios =
        |of: fn(&Start) -> f64| spread(from_store.iter().zip(&from_json).map(|(s, j)| of(s) / of(j)).collect());
    println!(
        "{:>8} {:>22} {:>22} {:>18}",
        "ratio",
        ratios(|start| ms(start.first_frame)),
        ratios(|start| ms(start.first_search)),
        ratios(|start| start.peak_bytes as f64)
    );
}

/// Writes `size` synthetic records as MEDLINE batches of one followed topic; returns the batches and their bytes.
fn write_store(dir: &Path, size: usize) -> (usize, u64) {
    let library = lenaview::synthetic::library(size, 1);
    let publications: Vec<&Publication> = library.publications().collect();
    let store = Store::new(dir);
    let today = Date::parse("2026-11-30").expect("a date");
    let (mut batches, mut bytes) = (0, 0);
    for chunk in publications.chunks(BATCH) {
        let records = chunk.iter().map(|publication| medline(publication)).collect();
        if let Some(stored) = store.store(TOPIC, records, today).expect("the store is written") {
            batches += 1;
            bytes += std::fs::metadata(&stored.file).map_or(0, |meta| meta.len());
        }
    }
    (batches, bytes)
}

/// The same records as library JSON, as the reader itself loads them from the store.
fn write_same_as_json(store_dir: &Path, json: &Path) {
    let mut library = Library::default();
    let problems = Store::new(store_dir).load_into(&mut library);
    assert!(problems.is_empty(), "the store loads cleanly: {problems:?}");
    std::fs::write(json, lenaview::formats::library_json::to_string(&library)).expect("the JSON is written");
}

/// One record as PubMed's MEDLINE text (long fields on one line: the reader accepts them).
fn medline(publication: &Publication) -> RawRecord {
    let pmid = publication.pmid.as_deref().map(str::to_string).expect("synthetic records have PMIDs");
    let mut text = format!("PMID- {pmid}\nTI  - {}\n", publication.title.replace('\n', " "));
    for section in &publication.abstract_sections {
        let label = section.label.as_deref().map(|label| format!("{label}: ")).unwrap_or_default();
        text.push_str(&format!("AB  - {label}{}\n", section.text.replace('\n', " ")));
    }
    for author in &publication.authors {
        text.push_str(&format!("AU  - {author}\n"));
    }
    if let Some(year) = publication.year {
        text.push_str(&format!("DP  - {year}\n"));
    }
    text.push_str(&format!("TA  - {}\n\n", publication.journal));
    RawRecord { pmid, text }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// "620 (580–710)".
fn spread(mut values: Vec<f64>) -> String {
    values.sort_by(f64::total_cmp);
    let median = values.get(values.len() / 2).copied().unwrap_or(f64::NAN);
    let (min, max) = (values.first().copied().unwrap_or(f64::NAN), values.last().copied().unwrap_or(f64::NAN));
    if median < 10.0 {
        format!("{median:.2} ({min:.2}–{max:.2})")
    } else {
        format!("{median:.0} ({min:.0}–{max:.0})")
    }
}
