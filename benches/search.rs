//! Time from keystroke to ranked results, per library size, against plain fuzzy-matcher and fzf.
//!
//! `cargo bench --bench search` (set `BENCH_SIZES=10000,100000` to pick sizes). Each query is typed
//! one char at a time the way the search line sends it, into one searcher that lives across
//! queries as the app's background search does (the search line is cleared between them), and
//! the time of the keystroke that completes the query is reported: the median over several
//! rounds, and the slowest round (usually the first, which maps fresh memory for the buffers
//! later rounds reuse). "fresh" is the same query searched from nothing on all cores: the cost
//! of a pasted query.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use lenaview::model::Publication;
use lenaview::search::{Index, Scope, Searcher};
use lenaview::synthetic;

const SEED: u64 = 2019;
const DEFAULT_SIZES: &[usize] = &[10_000, 100_000, 1_000_000];
const PROGRESSIVE: &[&str] = &["l", "le", "len", "lenal", "lenalidomide"];
const TWO_WORDS: &str = "dara len";
/// A typo at the end of a word that matches many titles (no synthetic title holds a 'j'): the
/// last keystroke empties the list.
const NO_MATCH: &str = "myelomaj";
/// fzf's extended syntax, typed the same way: an exact term alone, one after a fuzzy word (each
/// of its keystrokes changes a filter while the word stays), and a negation after a fuzzy word.
const EXTENDED: &[&str] = &["'lenalid", "dara 'len", "lenal !dara"];

fn main() {
    let sizes = sizes();
    // BENCH_QUICK=1 measures lenaview alone, for iterating on the search code; BENCH_ROUNDS=N
    // types each query N times, and BENCH_TRACE=1 prints every round's time (the first rounds
    // map fresh memory, so they show whether buffers are reused).
    let quick = std::env::var_os("BENCH_QUICK").is_some();
    println!("lenaview search benchmark: median ms per keystroke, {} cores", cores());
    if !quick {
        measure_loading();
    }
    let fzf = fzf_available();
    if !fzf {
        println!("fzf not found: skipping the fzf column (apt-get install fzf to compare)");
    }
    for &size in &sizes {
        measure_size(size, fzf, quick);
    }
}

fn sizes() -> Vec<usize> {
    match std::env::var("BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|size| size.trim().parse().ok()).collect(),
        Err(_) => DEFAULT_SIZES.to_vec(),
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn publications(size: usize) -> Vec<Publication> {
    synthetic::library(size, SEED).pages.into_iter().flat_map(|page| page.publications).collect()
}

fn measure_loading() {
    let size = 100_000;
    let json = serde_json::to_string(&synthetic::library(size, SEED)).expect("a library serialises");
    let started = Instant::now();
    let imported = lenaview::formats::import_bytes("synthetic.json", json.as_bytes()).expect("the JSON reads back");
    let loaded = started.elapsed();
    let started = Instant::now();
    let publications: Vec<Publication> =
        imported.library.pages.into_iter().flat_map(|page| page.publications).collect();
    let index = Index::new(&publications);
    let built = started.elapsed();
    println!(
        "\nloading {size} publications: library JSON ({:.0} MB) read in {:.0} ms, index built in {:.0} ms ({} entries)",
        json.len() as f64 / 1e6,
        ms(loaded),
        ms(built),
        index.len()
    );
}

fn measure_size(size: usize, fzf: bool, quick: bool) {
    let publications = publications(size);
    let started = Instant::now();
    let index = Arc::new(Index::new(&publications));
    println!("\n{size} titles (index built in {:.0} ms)", ms(started.elapsed()));
    let within: Vec<u32> = (0..size as u32).collect();
    let titles: Vec<&str> = publications.iter().map(|p| p.title.as_str()).collect();
    let titles_file = (fzf && !quick).then(|| write_titles(&titles));
    // The first round maps fresh memory for the search's buffers (later rounds reuse them), so
    // each size types every query at least five times and the median is a steady keystroke.
    let rounds = match size {
        0..=20_000 => 15,
        20_001..=200_000 => 7,
        _ => 5,
    };
    let rounds = std::env::var("BENCH_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(rounds);

    println!(
        "{:<14} {:>9} {:>11} {:>9} {:>11} {:>17} {:>10}",
        "query", "hits", "typed (ms)", "slowest", "fresh (ms)", "fuzzy-matcher 1t", "fzf (ms)"
    );
    let queries: Vec<&str> =
        PROGRESSIVE.iter().copied().chain([TWO_WORDS, NO_MATCH]).chain(EXTENDED.iter().copied()).collect();
    let mut searcher = Searcher::new(Arc::clone(&index));
    for query in queries {
        let (typed, slowest, hits) = typed_keystroke(&mut searcher, &within, query, rounds);
        let fresh = median((0..rounds).map(|_| timed(|| index.search(query, Scope::Titles, &within).len()).0));
        let baseline_rounds = if size > 200_000 { 1 } else { 3 };
        // The plain loop knows fuzzy words only.
        let baseline = if quick || EXTENDED.contains(&query) {
            Duration::ZERO
        } else {
            median((0..baseline_rounds).map(|_| timed(|| plain_fuzzy_matcher(&titles, query)).0))
        };
        let fzf_ms = match &titles_file {
            Some(file) => format!("{:.1}", ms(median((0..3).map(|_| run_fzf(file.path(), query))))),
            None => "skipped".to_string(),
        };
        println!(
            "{:<14} {:>9} {:>11.2} {:>9.2} {:>11.2} {:>17.1} {:>10}",
            format!("{query:?}"),
            hits,
            ms(typed),
            ms(slowest),
            ms(fresh),
            ms(baseline),
            fzf_ms
        );
    }
}

/// Types `query` one char at a time into `searcher`, `rounds` times, clearing the search line
/// before each; returns the median and the slowest time of the final keystroke, and its hit count.
fn typed_keystroke(searcher: &mut Searcher, within: &[u32], query: &str, rounds: usize) -> (Duration, Duration, usize) {
    let prefixes: Vec<&str> = query.char_indices().map(|(at, c)| &query[..at + c.len_utf8()]).collect();
    let mut hits = 0;
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        searcher.search("", Scope::Titles, within);
        let (last, typed) = prefixes.split_last().expect("queries are not empty");
        for prefix in typed {
            searcher.search(prefix, Scope::Titles, within);
        }
        let (time, count) = timed(|| searcher.search(last, Scope::Titles, within).len());
        hits = count;
        times.push(time);
    }
    if std::env::var_os("BENCH_TRACE").is_some() {
        eprintln!("{query:?} rounds {:?}", times.iter().map(|time| ms(*time).round()).collect::<Vec<_>>());
    }
    let slowest = times.iter().copied().max().unwrap_or_default();
    (median(times.into_iter()), slowest, hits)
}

/// What a straightforward implementation does: every title through the crate, then a sort.
fn plain_fuzzy_matcher(titles: &[&str], query: &str) -> usize {
    let matcher = SkimMatcherV2::default();
    let mut hits: Vec<(i64, usize)> = titles
        .iter()
        .enumerate()
        .filter_map(|(id, title)| {
            let mut total = 0;
            for word in query.split_whitespace() {
                total += matcher.fuzzy_match(title, word)?;
            }
            Some((total, id))
        })
        .collect();
    hits.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    hits.len()
}

fn fzf_available() -> bool {
    Command::new("fzf").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

fn write_titles(titles: &[&str]) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().expect("a temp file");
    for title in titles {
        writeln!(file, "{title}").expect("writing titles");
    }
    file.flush().expect("writing titles");
    file
}

fn run_fzf(path: &std::path::Path, query: &str) -> Duration {
    let input = std::fs::File::open(path).expect("the titles file");
    let started = Instant::now();
    let status =
        Command::new("fzf").args(["--filter", query]).stdin(input).stdout(Stdio::null()).status().expect("fzf runs");
    let elapsed = started.elapsed();
    // fzf exits 1 when nothing matches, like grep; anything else is a failure to report.
    assert!(status.code().is_some_and(|code| code <= 1), "fzf failed: {status}");
    elapsed
}

fn timed<T>(work: impl FnOnce() -> T) -> (Duration, T) {
    let started = Instant::now();
    let value = std::hint::black_box(work());
    (started.elapsed(), value)
}

fn median(times: impl Iterator<Item = Duration>) -> Duration {
    let mut times: Vec<Duration> = times.collect();
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
