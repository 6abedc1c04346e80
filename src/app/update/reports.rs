//! What the outside world reports back: the screen opened, a save, a copy or an export carried out or failed.
//! The event loop only describes what happened; what the user is told is decided here.

use std::path::Path;

use crate::app::App;
use crate::formats::export::osc52::CopyOutcome;
use crate::formats::export::{self, ExportFormat};
use crate::marks::Merged;

pub(super) fn started(app: &mut App, colors: bool, warnings: Vec<String>) {
    app.colors = colors;
    app.report_startup_warnings(warnings);
}

/// The merged marks are taken in. The newest problem is told; a failure only the first time, since every mark
/// would fail the same way again (and the marks stay unsaved, for the next save to try).
pub(super) fn marks_saved(app: &mut App, written: Result<Option<Merged>, String>, mut warnings: Vec<String>) {
    match written {
        Ok(merged) => app.marks.saved(merged),
        Err(failure) if !app.save_failure_told => {
            app.save_failure_told = true;
            warnings.push(failure);
        }
        Err(_) => {}
    }
    if let Some(problem) = warnings.pop() {
        app.tell(problem);
    }
}

/// A job that panicked will not report back: what it would have brought (an index, a count) does not come.
pub(super) fn background_failed(app: &mut App, why: String) {
    app.tell(format!("A background job failed ({why}): please report it; quitting and starting again is safe"));
}

pub(super) fn copied(app: &mut App, outcome: Result<CopyOutcome, String>) {
    match outcome {
        Ok(outcome) => app.tell(outcome.message()),
        Err(why) => app.tell(format!("Not copied: could not write to the terminal ({why})")),
    }
}

pub(super) fn export_written(app: &mut App, format: ExportFormat, count: usize, path: &Path, failure: Option<String>) {
    match failure {
        None => app.tell(export::exported_to(count, format, path)),
        Some(why) => app.tell(format!("Export failed: {}: {why}", path.display())),
    }
}
