//! Starting with the cache of parsed sources and without: `cargo bench --bench cache`.
//!
//! Spawns the `lenaview` binary as a whole process on generated libraries (JSON, and the same as RIS), `import`
//! (output thrown away) and `search lenal`, in three modes: `--no-cache` (parse, as before the cache), "first"
//! (no cache yet: parse and write it) and "warm" (read it). Then, in this process, what a warm start pays instead
//! of parsing: hashing the file against parsing it, and the bundled library's parse (which is not cached).
//! `BENCH_SIZES=10000,100000,1000000` chooses sizes, `BENCH_ROUNDS=5` rounds per mode, `BENCH_FORMS=json` formats.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use lenaview::cache::SourceCache;
use lenaview::formats::{self, library_json};

const MODES: [&str; 3] = ["--no-cache", "first", "warm"];

fn numbers_from(variable: &str, default: &[usize]) -> Vec<usize> {
    std::env::var(variable)
        .ok()
        .map(|text| text.split(',').filter_map(|part| part.trim().parse().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}

/// Median (min–max) of milliseconds.
fn spread(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    format!("{:.0} ({:.0}–{:.0})", times[times.len() / 2], times[0], times[times.len() - 1])
}

fn lenaview(cache: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lenaview"));
    command
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env_remove("LENAVIEW_NO_CACHE")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Milliseconds for one whole process in `mode`; "first" starts from an empty cache.
fn time_process(cache: &Path, args: &[&str], mode: &str) -> f64 {
    let mut args = args.to_vec();
    if mode == "--no-cache" {
        args.push("--no-cache");
    }
    if mode == "first" {
        let _ = fs::remove_dir_all(cache);
    }
    let started = Instant::now();
    let status = lenaview(cache, &args).status().expect("lenaview runs");
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    assert!(status.code().is_some_and(|code| code <= 1), "lenaview {args:?} failed: {status}");
    elapsed
}

fn cache_size(cache: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(cache.join("lenaview/parsed")) else { return 0 };
    entries.flatten().filter_map(|entry| entry.metadata().ok()).map(|metadata| metadata.len()).sum()
}

fn in_process(file: &Path) {
    let started = Instant::now();
    let bytes = fs::read(file).expect("the library reads");
    let read = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    let hashed = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let imported = formats::import_bytes(&file.display().to_string(), &bytes).expect("the library imports");
    let parsed = started.elapsed().as_secs_f64() * 1000.0;
    drop(bytes);
    let cache_dir = tempfile::tempdir().expect("a temporary folder");
    let cache = SourceCache::new(cache_dir.path());
    let started = Instant::now();
    assert_eq!(cache.import_file(file).expect("imports"), imported);
    let first = started.elapsed().as_secs_f64() * 1000.0;
    let mut warm = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let read_again = cache.import_file(file).expect("imports");
        warm.push(started.elapsed().as_secs_f64() * 1000.0);
        // Compared (and freed) outside the time: the start keeps the library, it does not free it.
        assert!(read_again == imported, "the cache gives back what was parsed");
    }
    println!(
        "  in this process: read {read:.0} ms, xxh3-128 {hashed:.0} ms ({:.1} GB/s), parse {parsed:.0} ms; \
         through the cache: first {first:.0} ms, warm {} ms ({} publications, hash {:08x})",
        fs::metadata(file).map(|metadata| metadata.len()).unwrap_or(0) as f64 / hashed / 1e6,
        spread(warm),
        imported.library.publication_count(),
        hash as u32,
    );
}

fn main() {
    let sizes = numbers_from("BENCH_SIZES", &[10_000, 100_000]);
    let rounds = numbers_from("BENCH_ROUNDS", &[5])[0].max(1);
    let forms: Vec<String> = std::env::var("BENCH_FORMS")
        .unwrap_or_else(|_| "json,ris".into())
        .split(',')
        .map(|form| form.trim().to_string())
        .collect();
    let work = tempfile::tempdir().expect("a temporary folder");
    let mut bundled = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        std::hint::black_box(formats::bundled());
        bundled.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    println!("bundled library (not cached): parsed in {} ms, median (min–max) of 20", spread(bundled));
    println!("whole processes, ms, median (min–max) of {rounds}; cache = size of the cache written");
    println!(
        "{:>9} {:>5} {:>8} {:>7}  {:>22} {:>22} {:>22} {:>9}",
        "library", "form", "MB", "command", MODES[0], MODES[1], MODES[2], "cache MB"
    );
    for count in sizes {
        let json = work.path().join(format!("lib{count}.json"));
        fs::write(&json, library_json::to_string(&lenaview::synthetic::library(count, 1))).expect("written");
        let ris = work.path().join(format!("lib{count}.ris"));
        if forms.iter().any(|wanted| wanted == "ris") {
            let (json_path, ris_path) = (json.to_str().unwrap(), ris.to_str().unwrap());
            let export = ["export", "--format", "ris", "-o", ris_path, json_path, "--no-cache"];
            assert!(lenaview(work.path(), &export).status().expect("lenaview exports").success());
        }
        for (form, file) in [("json", &json), ("ris", &ris)] {
            if !forms.iter().any(|wanted| wanted == form) {
                continue;
            }
            let megabytes = fs::metadata(file).map(|metadata| metadata.len()).unwrap_or(0) as f64 / 1e6;
            let path = file.to_str().unwrap();
            let cache = work.path().join(format!("cache-{count}-{form}"));
            for (name, args) in
                [("import", vec!["import", path]), ("search", vec!["search", "lenal", path, "--limit", "10"])]
            {
                let mut times = [Vec::new(), Vec::new(), Vec::new()];
                for _ in 0..rounds {
                    // Interleaved, so a moment when the machine is busy touches every mode alike.
                    for (mode, times) in MODES.iter().zip(&mut times) {
                        times.push(time_process(&cache, &args, mode));
                    }
                }
                let [uncached, first, warm] = times.map(spread);
                println!(
                    "{count:>9} {form:>5} {megabytes:>8.1} {name:>7}  {uncached:>22} {first:>22} {warm:>22} {:>9.1}",
                    cache_size(&cache) as f64 / 1e6
                );
            }
            in_process(file);
        }
    }
}
