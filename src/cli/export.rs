use super::CliError;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use lenaview::formats::export::{self, ExportFormat, write_atomically};
use lenaview::formats::library_json;
use lenaview::marks::{self, MarkStore};
use lenaview::model::tag::normalize_tag;
use lenaview::model::{Library, Page, Publication};
use lenaview::search::{Scope, search_once};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format [default: from the extension of -o FILE].
    #[arg(long, value_name = "FORMAT", value_parser = format_names())]
    pub format: Option<ExportFormat>,

    /// Only publications whose titles match QUERY (the syntax of `lenaview search`).
    #[arg(long, value_name = "QUERY", value_parser = super::search::query_with_terms)]
    pub query: Option<String>,

    /// Only starred publications.
    #[arg(long)]
    pub starred: bool,

    /// Only publications tagged TAG; given more than once, only those with every one of the tags.
    #[arg(long = "tag", value_name = "TAG", value_parser = tag_name)]
    pub tags: Vec<String>,

    /// State file with the marks and tags (default: $XDG_DATA_HOME/lenaview/state.json).
    /// Exports carry the tags it holds.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,

    /// Files to export from instead of the bundled library.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Write to FILE (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write CSV cells that begin with = + - or @ as they are; by default they get a ' in front,
    /// so that a spreadsheet shows them instead of running them as formulas.
    #[arg(long)]
    pub csv_formulas: bool,
}

/// `--format` takes the formats' names exactly (help lists them), not the extensions `-o` goes by.
fn format_names() -> impl TypedValueParser<Value = ExportFormat> {
    PossibleValuesParser::new(ExportFormat::ALL.map(ExportFormat::name)).try_map(|name| name.parse::<ExportFormat>())
}

pub fn run(args: ExportArgs) -> Result<ExitCode, CliError> {
    let format = chosen_format(args.format, args.output.as_deref())?;
    let mut library = super::load_library(&args.files, None)?;
    // The user's notes go out with their papers (BibTeX `note`, RIS `N1`, a CSV column, JSON).
    super::add_notes(&mut library, &mut |warning| super::report(format!("warning: {warning}")));
    let marks = open_marks(args.state.as_deref(), args.starred || !args.tags.is_empty())?;
    for page in &mut library.pages {
        marks::annotate(&mut page.publications, &marks);
    }
    let publications: Vec<&Publication> = library.pages.iter().flat_map(|page| &page.publications).collect();
    let mut selected = vec![true; publications.len()];

    if let Some(query) = args.query.as_deref().map(str::trim).filter(|query| !query.is_empty()) {
        let matching = matching_titles(&publications, query)?;
        for (id, keep) in selected.iter_mut().enumerate() {
            *keep &= matching.contains(&id);
        }
    }
    if args.starred {
        for (publication, keep) in publications.iter().zip(selected.iter_mut()) {
            *keep &= marks.get(&publication.key()).starred;
        }
    }
    for tag in &args.tags {
        for (publication, keep) in publications.iter().zip(selected.iter_mut()) {
            *keep &= publication.tags.contains(tag);
        }
    }

    let (text, count) = match format {
        // Library JSON keeps the topic pages, so the export opens in lenaview the way it was.
        ExportFormat::Json => {
            let library = keep_selected(&library, &selected);
            (library_json::to_string(&library), library.publication_count())
        }
        // Reference lists want each paper once, though the library may file it under several topics.
        _ => {
            let mut seen = HashSet::new();
            let chosen: Vec<&Publication> = publications
                .iter()
                .zip(&selected)
                .filter(|(publication, keep)| **keep && seen.insert(publication.key()))
                .map(|(publication, _)| *publication)
                .collect();
            let text = if format == ExportFormat::Csv && args.csv_formulas {
                export::csv::to_string_with(&chosen, export::csv::Formulas::Kept)
            } else {
                export::export(format, &chosen)
            };
            (text, chosen.len())
        }
    };
    if count == 0 {
        super::report("no publications matched; nothing exported");
        return Ok(ExitCode::FAILURE);
    }

    match &args.output {
        Some(path) => {
            write_atomically(path, text.as_bytes()).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
            let noun = if count == 1 { "publication" } else { "publications" };
            super::report(format!("exported {count} {noun} as {format} to {}", path.display()));
        }
        None => super::write_stdout(text.as_bytes())?,
    }
    // Freeing a hundred thousand publications string by string takes longer than the system takes to take the
    // memory back when the process ends, which it does next.
    drop(publications);
    std::mem::forget((library, text));
    Ok(ExitCode::SUCCESS)
}

fn chosen_format(format: Option<ExportFormat>, output: Option<&Path>) -> Result<ExportFormat, String> {
    if let Some(format) = format {
        return Ok(format);
    }
    // `Path::extension` sees only the `.json` of `refs.csl.json`, which would make it library JSON.
    let file_name = output.and_then(Path::file_name).and_then(|name| name.to_str()).unwrap_or_default();
    if file_name.to_ascii_lowercase().ends_with(".csl.json") {
        return Ok(ExportFormat::Csl);
    }
    output
        .and_then(|path| path.extension())
        .and_then(|extension| extension.to_str())
        .and_then(|extension| extension.parse().ok())
        .ok_or_else(|| {
            "give --format bibtex|ris|csv|json|csl (or -o FILE ending in .bib, .ris, .csv, .json or .csl.json)"
                .to_string()
        })
}

/// Positions (in `publications`) of those whose titles match `query`.
fn matching_titles(publications: &[&Publication], query: &str) -> Result<HashSet<usize>, String> {
    u32::try_from(publications.len()).map_err(|_| "too many publications to search".to_string())?;
    Ok(search_once(publications, query, Scope::Titles).into_iter().map(|hit| hit.id as usize).collect())
}

/// `--tag`'s value as the tag it names (`Review` is `review`).
fn tag_name(text: &str) -> Result<String, String> {
    normalize_tag(text).map_err(|err| err.to_string())
}

/// The marks and tags, read without creating or moving anything: exporting only looks at them. Without a data
/// directory there are none, which only `--starred` and `--tag` cannot do without.
fn open_marks(state: Option<&Path>, needed: bool) -> Result<MarkStore, String> {
    let path = match (state, MarkStore::default_path()) {
        (Some(path), _) => path.to_path_buf(),
        (None, Some(path)) => path,
        (None, None) if !needed => return Ok(MarkStore::in_memory()),
        (None, None) => {
            return Err("--starred and --tag need the state file, and there is no data directory: give --state FILE"
                .to_string());
        }
    };
    let (marks, warnings) = MarkStore::open_read_only(&path);
    for warning in warnings {
        super::report(format!("warning: {warning}"));
    }
    Ok(marks)
}

/// The library with only the selected publications (`selected` runs over all pages in order), and no empty pages.
fn keep_selected(library: &Library, selected: &[bool]) -> Library {
    let mut flags = selected.iter().copied();
    let pages = library
        .pages
        .iter()
        .map(|page| Page {
            publications: page.publications.iter().filter(|_| flags.next().unwrap_or(false)).cloned().collect(),
            ..page.clone()
        })
        .filter(|page| !page.publications.is_empty())
        .collect();
    Library { pages }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> Publication {
        Publication { title: title.into(), ..Publication::default() }
    }

    #[test]
    fn format_comes_from_the_flag_else_the_output_extension() {
        assert_eq!(chosen_format(Some(ExportFormat::Ris), Some(Path::new("a.bib"))), Ok(ExportFormat::Ris));
        assert_eq!(chosen_format(None, Some(Path::new("refs.BIB"))), Ok(ExportFormat::Bibtex));
        assert_eq!(chosen_format(None, Some(Path::new("out.csv"))), Ok(ExportFormat::Csv));
        assert_eq!(chosen_format(None, Some(Path::new("out.json"))), Ok(ExportFormat::Json));
        assert_eq!(chosen_format(None, Some(Path::new("refs.CSL.json"))), Ok(ExportFormat::Csl));
        assert!(chosen_format(None, Some(Path::new("out.txt"))).unwrap_err().contains("--format"));
        assert!(chosen_format(None, None).is_err());
    }

    #[test]
    fn keeping_selected_publications_drops_emptied_pages() {
        let page = |name: &str, titles: &[&str]| Page {
            path: vec![name.into()],
            publications: titles.iter().map(|title| titled(title)).collect(),
            ..Page::default()
        };
        let library = Library { pages: vec![page("A", &["a1", "a2"]), page("B", &["b1"]), page("C", &["c1"])] };
        let kept = keep_selected(&library, &[false, true, false, true]);
        assert_eq!(kept, Library { pages: vec![page("A", &["a2"]), page("C", &["c1"])] });
    }

    #[test]
    fn title_matches_are_positions_in_the_list() {
        let publications = [titled("Lenalidomide maintenance"), titled("Bortezomib"), titled("lenalidomide and more")];
        let refs: Vec<&Publication> = publications.iter().collect();
        assert_eq!(matching_titles(&refs, "lenalidomide").unwrap(), HashSet::from([0, 2]));
    }
}
