//! `lenaview import`: files of any format lenaview reads, merged into one library printed as JSON.

use super::CliError;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use lenaview::app::LeftInCache;
use lenaview::cache::UnreadableAbstract;
use lenaview::formats::export::write_atomically_in_parts;
use lenaview::formats::library_json::{self, PagePart};
use lenaview::model::Library;

use super::export::{Out, written_from_cache};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import (format detected from content).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Write the library JSON to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Place every page under this topic, e.g. "Treatments/Biological Therapies/Pomalidomide".
    #[arg(long, value_name = "PATH")]
    pub topic: Option<String>,
}

/// Imports every file before writing anything, so that one bad file leaves no output at all; every bad file is
/// reported, not just the first, so that one run shows everything to fix. Written as an export of the whole library
/// is: out on stdout part by part as it is made, each abstract read in place from its cache file as it is printed.
pub fn run(args: ImportArgs) -> Result<ExitCode, CliError> {
    let Some((library, left)) = super::load::import_all_leaving_abstracts(&args.files, args.topic.as_deref()) else {
        return Ok(ExitCode::FAILURE);
    };
    let mut out = Out::new(args.output.is_none());
    let (library, parts) = match written(&library, &left, &mut out) {
        Ok(parts) => (library, parts),
        // A cache file changed since it was checked: the library is read again, whole (its warnings were said
        // already), and what is not out yet is written from it.
        Err(unreadable) => {
            super::report(format!("warning: {unreadable}; reading the library again"));
            let again = super::load::load_library_warning(&args.files, args.topic.as_deref(), &mut |_| {})?;
            out.make_again();
            let parts =
                written(&again, &LeftInCache::default(), &mut out).map_err(|unreadable| unreadable.to_string())?;
            (again, parts)
        }
    };
    let bytes: Vec<&[u8]> = parts.iter().map(String::as_bytes).collect();
    match &args.output {
        Some(output) => write_atomically_in_parts(output, &bytes)
            .map_err(|err| format!("cannot write {}: {err}", output.display()))?,
        None => out.finish(&bytes)?,
    }
    // Freeing a hundred thousand publications string by string takes longer than the system takes to take the
    // memory back when the process ends, which it does next.
    std::mem::forget((library, parts, left));
    Ok(ExitCode::SUCCESS)
}

/// `library` as library JSON, its abstracts from where `left` says, handed to `out` part by part as it is made.
fn written(library: &Library, left: &LeftInCache, out: &mut Out) -> Result<Vec<String>, UnreadableAbstract> {
    let places = (0..library.publication_count()).collect();
    let pages = PagePart::all(library);
    written_from_cache(left, places, out, |abstracts, take| {
        library_json::written_in_parts_in_order(&pages, abstracts, take);
    })
}
