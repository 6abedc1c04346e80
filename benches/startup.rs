//! From a big library file to the first frame: `cargo bench --bench startup`.
//! Each stage is timed on its own so a regression shows where it is.

use std::time::Instant;

use lenaview::app::App;
use lenaview::formats::{self, library_json};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|sizes| sizes.split(',').filter_map(|size| size.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    println!(
        "{:>9} {:>8} {:>10} {:>12} {:>12} {:>12}",
        "library", "MB", "read JSON", "build app", "first frame", "total"
    );
    for count in sizes {
        let json = library_json::to_string(&lenaview::synthetic::library(count, 1));
        let mut stages = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        for _ in 0..3 {
            let started = Instant::now();
            let imported = formats::import_bytes("big.json", json.as_bytes()).expect("the generated library reads");
            let read = started.elapsed().as_secs_f64();
            let app = App::new(imported.library, 160, 40);
            let built = started.elapsed().as_secs_f64();
            let mut terminal = Terminal::new(TestBackend::new(160, 40)).expect("a test terminal");
            terminal.draw(|frame| frame.render_widget(&app, frame.area())).expect("a frame");
            let drawn = started.elapsed().as_secs_f64();
            for (stage, time) in stages.iter_mut().zip([read, built - read, drawn - built, drawn]) {
                stage.push(time * 1000.0);
            }
        }
        let [read, build, frame, total] = stages.map(median);
        println!(
            "{count:>9} {:>8.1} {read:>8.0}ms {build:>10.0}ms {frame:>10.1}ms {total:>10.0}ms",
            json.len() as f64 / 1e6
        );
    }
}
