//! From a library file to a reader that answers: `cargo bench --bench startup`.
//!
//! First the whole process, as a user meets it: the release binary started in a 120x40 pseudo-terminal on a library
//! from `lenaview generate` (10k, 100k and 1M publications; `BENCH_SIZES=10000,100000` chooses), timed from the spawn
//! to its first frame on the screen, and to the answer of a search typed at that first frame; its peak resident memory
//! (VmHWM, read just before quitting). Each round starts it twice: "cold" after the library file's pages were dropped
//! from the page cache (the binary and its libraries stay cached: dropping everything needs root) with an empty cache
//! folder, "warm" right after, with the file in the page cache and the cache folder as the cold start left it. Then
//! the one-shot `lenaview search lenal LIB.json` against `fzf --filter lenal` over the same titles, as whole
//! processes; warm: each binary has a cache folder of its own, filled by one untimed search. Last, each stage in this process (read, catalog, index, the abstracts' index a search of everything
//! builds, frame), to show where the time goes.
//!
//! Libraries are generated once into `target/bench-libraries/` (1M is 1.1 GB) and reused; `BENCH_ROUNDS=N` sets
//! the rounds (default 5, 3 at 1M); `BENCH_ONLY=oneshot` measures the one-shot search alone (`BENCH_ONLY=reader`,
//! `stages`: those parts alone). `BENCH_BASELINE=path/to/an/older/lenaview` measures that binary too, in the same
//! rounds, each right after this one: on a shared machine only figures measured side by side compare, so the rows
//! "before" and the ratios "now / before" are what a change is judged by.

#[path = "support/whole_process.rs"]
mod whole_process;

use whole_process::Start;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use lenaview::app::{App, Catalog};
use lenaview::formats;
use lenaview::search::{Abstracts, Index};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const DEFAULT_SIZES: &[usize] = &[10_000, 100_000, 1_000_000];
const QUERY: &str = "lenal";
/// Stages in this process hold the library several times over: above this, only the whole process is measured.
const LARGEST_IN_PROCESS: usize = 100_000;

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|sizes| sizes.split(',').filter_map(|size| size.trim().parse().ok()).collect())
        .unwrap_or_else(|| DEFAULT_SIZES.to_vec());
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-libraries");
    let libraries: Vec<(usize, PathBuf)> =
        sizes.iter().map(|&size| (size, whole_process::generated_library(&folder, size))).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("lenaview startup benchmark, {cores} cores: median (min–max) over the rounds\n");

    if measures("reader") {
        println!(
            "the reader, a whole process in a 120x40 pseudo-terminal; \"search\" is /{QUERY} typed at the first frame"
        );
        println!(
            "{:>9} {:>7} {:>6} {:>5} {:>6}  {:>24} {:>24} {:>18}",
            "library",
            "MB",
            "binary",
            "start",
            "rounds",
            "first frame (ms)",
            "search answered (ms)",
            "peak memory (MB)"
        );
        for (size, library) in &libraries {
            measure_reader(*size, library);
        }
    }
    if measures("oneshot") {
        measure_one_shots(&libraries);
    }
    if measures("stages") {
        measure_all_stages(&libraries);
    }
}

/// Whether `BENCH_ONLY` (none: every part) asks for `part`.
fn measures(part: &str) -> bool {
    std::env::var("BENCH_ONLY").map_or(true, |only| only.split(',').any(|only| only.trim() == part))
}

fn measure_one_shots(libraries: &[(usize, PathBuf)]) {
    println!(
        "\none-shot search, whole processes, warm (cache filled): `lenaview search {QUERY} LIB.json` and \
         `fzf --filter {QUERY}` on its titles"
    );
    let fzf = whole_process::fzf_available();
    if !fzf {
        println!("fzf not found: skipping the comparison (apt-get install fzf to compare)");
    }
    println!("{:>9} {:>6} {:>6}  {:>22} {:>22}", "library", "rounds", "binary", "time (ms)", "time / fzf's");
    for (size, library) in libraries {
        measure_one_shot(*size, library, fzf);
    }
}

fn measure_all_stages(libraries: &[(usize, PathBuf)]) {
    println!("\nstages in this process (as the reader does them), ms");
    println!(
        "{:>9} {:>10} {:>10} {:>10} {:>10} {:>12}",
        "library", "read JSON", "catalog", "index", "abstracts", "app + frame"
    );
    for (size, library) in libraries.iter().filter(|(size, _)| *size <= LARGEST_IN_PROCESS) {
        measure_stages(*size, library);
    }
}

fn rounds(size: usize) -> usize {
    let default = if size >= 1_000_000 { 3 } else { 5 };
    std::env::var("BENCH_ROUNDS").ok().and_then(|rounds| rounds.parse().ok()).unwrap_or(default)
}

fn megabytes(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |meta| meta.len() as f64 / 1e6)
}

/// The binaries measured: this build, and the baseline if one is given.
fn binaries() -> Vec<(&'static str, PathBuf)> {
    let mut binaries = vec![("now", PathBuf::from(whole_process::BINARY))];
    if let Some(baseline) = std::env::var_os("BENCH_BASELINE") {
        binaries.push(("before", PathBuf::from(baseline)));
    }
    binaries
}

fn measure_reader(size: usize, library: &Path) {
    let rounds = rounds(size);
    let binaries = binaries();
    // Per binary: its cold and its warm starts.
    let mut starts: Vec<[Vec<Start>; 2]> = binaries.iter().map(|_| [Vec::new(), Vec::new()]).collect();
    for _ in 0..rounds {
        for ((_, binary), starts) in binaries.iter().zip(&mut starts) {
            let home = tempfile::tempdir().expect("a home folder");
            if !whole_process::evict_from_page_cache(library) {
                println!("(dd could not drop the library from the page cache: \"cold\" is not cold)");
            }
            starts[0].push(whole_process::start_reader(binary, Some(library), home.path(), QUERY));
            starts[1].push(whole_process::start_reader(binary, Some(library), home.path(), QUERY));
        }
    }
    let megabytes = megabytes(library);
    for ((name, _), starts) in binaries.iter().zip(&starts) {
        for (label, starts) in ["cold", "warm"].into_iter().zip(starts) {
            let spread = |of: fn(&Start) -> f64| Spread::of(starts.iter().map(of).collect()).ms();
            println!(
                "{size:>9} {megabytes:>7.1} {name:>6} {label:>5} {rounds:>6}  {:>24} {:>24} {:>18}",
                spread(|start| ms(start.first_frame)),
                spread(|start| ms(start.first_search)),
                spread(|start| start.peak_bytes as f64 / 1e6)
            );
        }
    }
    if let [now, before] = starts.as_slice() {
        for ((label, now), before) in ["cold", "warm"].into_iter().zip(now).zip(before) {
            let ratio = |of: fn(&Start) -> f64| {
                Spread::of(now.iter().zip(before).map(|(now, before)| of(now) / of(before)).collect()).ratio()
            };
            println!(
                "{size:>9} {:>7} {:>6} {label:>5} {rounds:>6}  {:>24} {:>24} {:>18}",
                "",
                "ratio",
                ratio(|start| ms(start.first_frame)),
                ratio(|start| ms(start.first_search)),
                ratio(|start| start.peak_bytes as f64)
            );
        }
    }
}

fn time_search(binary: &Path, library: &Path, home: &Path) -> f64 {
    let args = [OsStr::new("search"), OsStr::new(QUERY), library.as_os_str()];
    ms(whole_process::time_command(binary, &args, None, Some(home)))
}

fn measure_one_shot(size: usize, library: &Path, fzf: bool) {
    let titles = whole_process::titles_file(library);
    let binaries = binaries();
    let rounds = rounds(size);
    let (mut times, mut fzf_times) = (vec![Vec::new(); binaries.len()], Vec::new());
    // A cache of each binary's own, filled by a first search: two builds sharing one would replace each other's.
    let homes: Vec<tempfile::TempDir> = binaries.iter().map(|_| tempfile::tempdir().expect("a home folder")).collect();
    for ((_, binary), home) in binaries.iter().zip(&homes) {
        time_search(binary, library, home.path());
    }
    // Side by side in each round, so a busy moment of the shared machine weighs on all of them.
    for _ in 0..rounds {
        for (((_, binary), times), home) in binaries.iter().zip(&mut times).zip(&homes) {
            times.push(time_search(binary, library, home.path()));
        }
        if fzf {
            let filter = [OsStr::new("--filter"), OsStr::new(QUERY)];
            fzf_times.push(ms(whole_process::time_command(Path::new("fzf"), &filter, Some(&titles), None)));
        }
    }
    let ratio = |of: &[f64], to: &[f64]| Spread::of(of.iter().zip(to).map(|(of, to)| of / to).collect()).ratio();
    for ((name, _), times) in binaries.iter().zip(&times) {
        let against_fzf = if fzf { ratio(times, &fzf_times) } else { "-".to_string() };
        println!("{size:>9} {rounds:>6} {name:>6}  {:>22} {against_fzf:>22}", Spread::of(times.clone()).ms());
    }
    if fzf {
        println!("{size:>9} {rounds:>6} {:>6}  {:>22}", "fzf", Spread::of(fzf_times).ms());
    }
    if let [now, before] = times.as_slice() {
        println!("{size:>9} {rounds:>6} {:>6}  {:>22}", "ratio", ratio(now, before));
    }
}

fn measure_stages(size: usize, library: &Path) {
    let bytes = std::fs::read(library).expect("the library reads");
    let mut stages = [Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..3 {
        let started = Instant::now();
        let imported = formats::import_bytes("library.json", &bytes).expect("the generated library reads");
        let read = started.elapsed();
        let started = Instant::now();
        let catalog = Catalog::new(imported.library.clone());
        let cataloged = started.elapsed();
        let started = Instant::now();
        // As the reader builds it at start; the abstracts wait for a search of everything.
        let index = Index::without_abstracts(&catalog.publications);
        let indexed = started.elapsed();
        let started = Instant::now();
        let abstracts = Abstracts::build(&catalog.publications, None);
        let abstracts_indexed = started.elapsed();
        drop((catalog, index, abstracts));
        let started = Instant::now();
        let app = App::new(imported.library, 120, 40);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
        terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("a frame");
        let drawn = started.elapsed();
        for (stage, time) in stages.iter_mut().zip([read, cataloged, indexed, abstracts_indexed, drawn]) {
            stage.push(ms(time));
        }
    }
    let [read, catalog, index, abstracts, frame] = stages.map(|times| Spread::of(times).median);
    println!("{size:>9} {read:>10.0} {catalog:>10.0} {index:>10.0} {abstracts:>10.0} {frame:>12.0}");
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

struct Spread {
    median: f64,
    min: f64,
    max: f64,
}

impl Spread {
    fn of(mut values: Vec<f64>) -> Spread {
        values.sort_by(f64::total_cmp);
        let median = values.get(values.len() / 2).copied().unwrap_or(f64::NAN);
        Spread {
            median,
            min: values.first().copied().unwrap_or(f64::NAN),
            max: values.last().copied().unwrap_or(f64::NAN),
        }
    }

    /// "0.52 (0.47–0.61)".
    fn ratio(&self) -> String {
        format!("{:.2} ({:.2}–{:.2})", self.median, self.min, self.max)
    }

    /// "620 (580–710)": whole numbers, as a shared machine's noise makes decimals meaningless.
    fn ms(&self) -> String {
        format!("{:.0} ({:.0}–{:.0})", self.median, self.min, self.max)
    }
}
