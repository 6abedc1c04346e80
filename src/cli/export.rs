use super::CliError;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

mod in_place;

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use lenaview::app::LeftInCache;
use lenaview::cache::UnreadableAbstract;
use lenaview::formats::export::csv::Formulas;
use lenaview::formats::export::{self, AbstractText, ExportFormat, write_atomically_in_parts};
use lenaview::formats::library_json::{self, AbstractSections, OwnAbstracts, PagePart, SectionText};
use lenaview::marks::{self, MarkStore};
use lenaview::model::tag::normalize_tag;
use lenaview::model::{Library, PaperFields, Publication};
use lenaview::parallel;
use lenaview::search::{Scope, matching_once};

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

impl ExportArgs {
    /// The query that chooses the papers, unless none (or only blanks) is given.
    fn query(&self) -> Option<&str> {
        self.query.as_deref().map(str::trim).filter(|query| !query.is_empty())
    }

    /// How CSV cells that a spreadsheet would run as formulas are written.
    fn formulas(&self) -> Formulas {
        if self.csv_formulas { Formulas::Kept } else { Formulas::Neutralised }
    }
}

/// `--format` takes the formats' names exactly (help lists them), not the extensions `-o` goes by.
fn format_names() -> impl TypedValueParser<Value = ExportFormat> {
    PossibleValuesParser::new(ExportFormat::ALL.map(ExportFormat::name)).try_map(|name| name.parse::<ExportFormat>())
}

pub fn run(args: ExportArgs) -> Result<ExitCode, CliError> {
    let format = chosen_format(args.format, args.output.as_deref())?;
    let mut out = Out::new(args.output.is_none());
    // A reference list of cached files is written from them in place; library JSON keeps the library's pages, and
    // `--starred` and `--tag` choose by marks, so those read the library whole.
    let in_place = match format != ExportFormat::Json && !args.starred && args.tags.is_empty() {
        true => in_place::written(&args, format, &mut out).transpose()?,
        false => None,
    };
    let written = match in_place {
        Some(written) => written,
        None => whole_library_written(&args, format, &mut out)?,
    };
    let Written { parts, count, library } = written;
    if count == 0 {
        super::report("no publications matched; nothing exported");
        return Ok(ExitCode::FAILURE);
    }

    let bytes: Vec<&[u8]> = parts.iter().map(String::as_bytes).collect();
    match &args.output {
        Some(path) => {
            write_atomically_in_parts(path, &bytes).map_err(|err| format!("cannot write {}: {err}", path.display()))?;
            let noun = if count == 1 { "publication" } else { "publications" };
            super::report(format!("exported {count} {noun} as {format} to {}", path.display()));
        }
        None => out.finish(&bytes)?,
    }
    // Freeing a hundred thousand publications string by string takes longer than the system takes to take the
    // memory back when the process ends, which it does next.
    std::mem::forget((library, parts));
    Ok(ExitCode::SUCCESS)
}

/// The export `args` ask for, of the whole library loaded (each abstract read from its cache file as it is
/// written, and those of papers left out not at all).
fn whole_library_written(args: &ExportArgs, format: ExportFormat, out: &mut Out) -> Result<Written, CliError> {
    let (mut library, left) = super::load::load_library_leaving_abstracts_reporting(&args.files)?;
    // The user's notes go out with their papers (BibTeX `note`, RIS `N1`, a CSV column, JSON).
    super::add_notes(&mut library, &mut |warning| super::report(format!("warning: {warning}")));
    let marks = open_marks(args.state.as_deref(), args.starred || !args.tags.is_empty())?;
    let written = match written(args, format, &marks, library, &left, out)? {
        Ok(written) => written,
        Err(unreadable) => written_again(args, format, &marks, unreadable, out)?,
    };
    std::mem::forget(left);
    Ok(written)
}

/// The export made again from the library read again, whole, after `unreadable` (a cache file changed since it
/// was checked): what is not out yet is written from it (its notes said their warnings already).
fn written_again(
    args: &ExportArgs,
    format: ExportFormat,
    marks: &MarkStore,
    unreadable: UnreadableAbstract,
    out: &mut Out,
) -> Result<Written, CliError> {
    super::report(format!("warning: {unreadable}; reading the library again"));
    let mut library = super::load_library(&args.files, None)?;
    super::add_notes(&mut library, &mut |_| {});
    out.make_again();
    Ok(written(args, format, marks, library, &LeftInCache::default(), out)?
        .map_err(|unreadable| unreadable.to_string())?)
}

/// An export on its way to stdout: its parts go out as they are made, while the next are made on
/// the other cores, and whatever is not out yet goes once the whole export is made.
pub(super) struct Out {
    to_stdout: bool,
    /// Whether parts go out as they are made.
    as_made: bool,
    /// How many bytes are out.
    written: usize,
    /// How many of them were in parts let go of once out (see [`Out::made`]): parts not handed to `finish`.
    let_go: usize,
    /// The write that failed: nothing more is written, and the export fails with it.
    failed: Option<std::io::Error>,
}

impl Out {
    /// An export going to stdout, or to a file (`to_stdout` false: nothing goes out as it is made).
    pub(super) fn new(to_stdout: bool) -> Out {
        Out { to_stdout, as_made: true, written: 0, let_go: 0, failed: None }
    }

    /// Every part is to be made again, those already out too: what is not out yet goes once they are all made.
    pub(super) fn make_again(&mut self) {
        (self.as_made, self.let_go) = (false, 0);
    }

    /// `part` of the export, just made, all those before it out. Whether it is out now, whole: then it is not
    /// needed again, and letting go of it at once lets the next parts reuse its memory rather than fault in more.
    fn made(&mut self, part: &str) -> bool {
        if !self.as_made || !self.to_stdout {
            return false;
        }
        self.write(part.as_bytes());
        let out = self.failed.is_none();
        if out {
            self.let_go += part.len();
        }
        out
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.to_stdout && self.failed.is_none() {
            match super::write_stdout(bytes) {
                Ok(()) => self.written += bytes.len(),
                Err(err) => self.failed = Some(err),
            }
        }
    }

    /// Writes what is not out yet of the whole export, `parts` (less those let go of).
    pub(super) fn finish(mut self, parts: &[&[u8]]) -> Result<(), CliError> {
        let (out, mut before) = (self.written - self.let_go, 0);
        for part in parts {
            let skipped = out.saturating_sub(before).min(part.len());
            before += part.len();
            if skipped < part.len() {
                self.write(&part[skipped..]);
            }
        }
        self.failed.map_or(Ok(()), |err| Err(err.into()))
    }
}

/// An export made: its parts, how many publications they hold, and the library they were written from.
struct Written {
    parts: Vec<String>,
    count: usize,
    library: Library,
}

/// The export `args` ask for of `library`, whose abstracts `left` says where to find, a reference list's parts
/// handed to `out` as they are made; an abstract that cannot be read from its cache file is the error inside.
fn written(
    args: &ExportArgs,
    format: ExportFormat,
    marks: &MarkStore,
    mut library: Library,
    left: &LeftInCache,
    out: &mut Out,
) -> Result<Result<Written, UnreadableAbstract>, String> {
    let mut selected = matching_titles(&library.publications().collect::<Vec<_>>(), args.query())?;
    // Only what goes out needs its tags: a query that keeps a few papers of a big library annotates those.
    let mut flags = selected.iter();
    let chosen = library.publications_mut().filter(|_| *flags.next().unwrap_or(&false));
    marks::annotate(chosen, marks);
    let publications: Vec<&Publication> = library.publications().collect();
    if args.starred {
        for (publication, keep) in publications.iter().zip(selected.iter_mut()) {
            *keep = *keep && marks.get(&publication.key()).starred;
        }
    }
    for tag in &args.tags {
        for (publication, keep) in publications.iter().zip(selected.iter_mut()) {
            *keep &= publication.tags.contains(tag);
        }
    }

    // Library JSON keeps the topic pages, so the export opens in lenaview the way it was; reference lists want each
    // paper once, though the library may file it under several topics.
    let places = match format {
        ExportFormat::Json => selected.iter().enumerate().filter(|(_, keep)| **keep).map(|(at, _)| at).collect(),
        _ => first_of_each_paper(&publications, &selected),
    };
    let count = places.len();
    // Nothing goes out of an export of nothing, which fails.
    let mut parts = Vec::new();
    if count > 0 {
        let written = written_from_cache(left, places, out, |abstracts, take| match format {
            ExportFormat::Json => {
                library_json::written_in_parts_in_order(&selected_parts(&library, &selected), abstracts, take);
            }
            _ => {
                let chosen: Vec<&Publication> = abstracts.places.iter().map(|&at| publications[at]).collect();
                export::reference_list_in_order(format, chosen.as_slice(), args.formulas(), abstracts, take);
            }
        });
        match written {
            Ok(written) => parts = written,
            Err(unreadable) => return Ok(Err(unreadable)),
        }
    }
    drop(publications);
    Ok(Ok(Written { parts, count, library }))
}

/// What `write` writes, each part handed to `out` as soon as it and those before it are made, the abstracts of the
/// papers at `places` in the library (in the order `write` writes them) read from where `left` says: the parts not
/// out yet; or the first abstract that could not be read, from whose part on nothing went out (the library read
/// again writes them).
pub(super) fn written_from_cache(
    left: &LeftInCache,
    places: Vec<usize>,
    out: &mut Out,
    write: impl FnOnce(&FromCache, &mut dyn FnMut(String)),
) -> Result<Vec<String>, UnreadableAbstract> {
    let abstracts = FromCache { left, places, unreadable: OnceLock::new() };
    let mut parts = Vec::new();
    write(&abstracts, &mut |part| {
        if abstracts.unreadable.get().is_some() || !out.made(&part) {
            parts.push(part);
        }
    });
    abstracts.unreadable.into_inner().map_or(Ok(parts), Err)
}

/// Each abstract an export writes, from the cache file its paper's source was read from when the library left it
/// there, else from the paper.
pub(super) struct FromCache<'a> {
    left: &'a LeftInCache,
    /// Where each paper written is in the library.
    places: Vec<usize>,
    /// The first abstract that could not be read.
    unreadable: OnceLock<UnreadableAbstract>,
}

impl FromCache<'_> {
    /// Nothing more goes out from the part being written on: `unreadable` could not be read.
    fn fail(&self, unreadable: UnreadableAbstract) {
        let _ = self.unreadable.set(unreadable);
    }
}

impl AbstractSections for FromCache<'_> {
    fn sections(&self, position: usize, publication: &Publication, each: &mut dyn FnMut(&[SectionText])) {
        match self.left.of(self.places[position]) {
            Some((abstracts, at)) => match abstracts.view(at) {
                Ok(sections) => each(&sections),
                Err(unreadable) => {
                    let _ = self.unreadable.set(unreadable);
                    each(&[]);
                }
            },
            None => OwnAbstracts.sections(position, publication, each),
        }
    }

    fn push(&self, position: usize, publication: &Publication, text: &mut String, depth: usize) {
        match self.left.of(self.places[position]) {
            Some(_) => self.sections(position, publication, &mut |sections| {
                library_json::push_abstract(text, sections, depth);
            }),
            None => OwnAbstracts.push(position, publication, text, depth),
        }
    }
}

impl AbstractText for FromCache<'_> {
    fn push(&self, position: usize, publication: &Publication, text: &mut String, between: &str) {
        match self.left.of(self.places[position]) {
            Some((abstracts, at)) => {
                if let Err(unreadable) = abstracts.push_text(at, text, between) {
                    let _ = self.unreadable.set(unreadable);
                }
            }
            None => publication.push_abstract_text(text, between),
        }
    }
}

/// Where the selected publications are (`selected` runs over `publications`), each paper the first time it comes: its key
/// seen before means the library files it under another topic too. The keys are made on every core, each part's
/// written one after another in one buffer, not one string each, and the first of each is found on every core too.
fn first_of_each_paper<P: PaperFields + Sync>(publications: &[P], selected: &[bool]) -> Vec<usize> {
    let places: Vec<usize> = selected.iter().enumerate().filter(|(_, keep)| **keep).map(|(at, _)| at).collect();
    let kept: Vec<&P> = places.iter().map(|&at| &publications[at]).collect();
    let keyed = parallel::map_parts(&kept, KEYED_PER_PART_AT_LEAST, |_, part| {
        let mut keys = String::new();
        let ends: Vec<usize> = part
            .iter()
            .map(|publication| {
                publication.push_key(&mut keys);
                keys.len()
            })
            .collect();
        (keys, ends)
    });
    let keys: Vec<&str> = keyed
        .iter()
        .flat_map(|(keys, ends)| {
            let starts = std::iter::once(0).chain(ends.iter().copied());
            starts.zip(ends).map(|(start, &end)| &keys[start..end])
        })
        .collect();
    let first = parallel::first_of_each(&keys);
    places.into_iter().zip(first).filter(|(_, first)| *first).map(|(at, _)| at).collect()
}

/// Fewer publications than this have their keys made on one core: a thread costs more than making them.
const KEYED_PER_PART_AT_LEAST: usize = 4096;

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

/// Whether each of `publications` has a title that matches `query`; every one does without a query.
fn matching_titles<P: PaperFields + Sync>(publications: &[P], query: Option<&str>) -> Result<Vec<bool>, String> {
    let Some(query) = query else { return Ok(vec![true; publications.len()]) };
    u32::try_from(publications.len()).map_err(|_| "too many publications to search".to_string())?;
    Ok(matching_once(publications, query, Scope::Titles))
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

/// The pages with only their selected publications (`selected` runs over all pages in order), and no empty pages.
fn selected_parts<'a>(library: &'a Library, selected: &[bool]) -> Vec<PagePart<'a>> {
    let mut flags = selected.iter().copied();
    library
        .pages
        .iter()
        .map(|page| PagePart {
            page,
            publications: page.publications.iter().filter(|_| flags.next().unwrap_or(false)).collect(),
        })
        .filter(|part| !part.publications.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lenaview::model::Page;

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
        let kept = selected_parts(&library, &[false, true, false, true]);
        let kept: Vec<(&[String], Vec<&str>)> = kept
            .iter()
            .map(|part| (part.page.path.as_slice(), part.publications.iter().map(|one| one.title.as_str()).collect()))
            .collect();
        assert_eq!(kept, [(&["A".to_string()][..], vec!["a2"]), (&["C".to_string()][..], vec!["c1"])]);
    }

    #[test]
    fn title_matches_are_positions_in_the_list() {
        let publications = [titled("Lenalidomide maintenance"), titled("Bortezomib"), titled("lenalidomide and more")];
        let refs: Vec<&Publication> = publications.iter().collect();
        assert_eq!(matching_titles(&refs, Some("lenalidomide")).unwrap(), [true, false, true]);
        assert_eq!(matching_titles(&refs, None).unwrap(), [true, true, true]);
    }

    #[test]
    fn each_selected_paper_is_exported_the_first_time_it_comes() {
        let with_pmid = |title: &str, pmid: &str| Publication { pmid: Some(pmid.into()), ..titled(title) };
        let with_doi = |title: &str, doi: &str| Publication { doi: Some(doi.into()), ..titled(title) };
        let publications = [
            with_pmid("first", "1"),
            with_pmid("again under another topic", "1"),
            with_doi("doi", "10.1/ABC"),
            with_doi("same doi in another case", "10.1/abc"),
            titled("Title only"),
            titled("title, only!"),
            with_pmid("not selected", "2"),
            with_pmid("selected after its unselected twin", "2"),
            titled("pmid:1"),
        ];
        let refs: Vec<&Publication> = publications.iter().collect();
        let selected = [true, true, true, true, true, true, false, true, true];
        let chosen: Vec<&str> =
            first_of_each_paper(&refs, &selected).iter().map(|&at| refs[at].title.as_str()).collect();
        assert_eq!(chosen, ["first", "doi", "Title only", "selected after its unselected twin", "pmid:1"]);
    }

    #[test]
    fn papers_filed_again_far_apart_are_exported_once_whichever_part_their_keys_are_made_in() {
        // Enough publications for keys made in several parts, with papers coming again across them.
        let count = KEYED_PER_PART_AT_LEAST * 5 + 3;
        let publications: Vec<Publication> = (0..count)
            .map(|at| Publication {
                pmid: Some((at % (count / 3) * 7 % 1000 + at / 1000).to_string().into()),
                ..titled("t")
            })
            .collect();
        let refs: Vec<&Publication> = publications.iter().collect();
        let selected: Vec<bool> = (0..count).map(|at| at % 5 != 1).collect();
        let mut seen = std::collections::HashSet::new();
        let expected: Vec<*const Publication> = refs
            .iter()
            .zip(&selected)
            .filter(|(publication, keep)| **keep && seen.insert(publication.key()))
            .map(|(publication, _)| *publication as *const Publication)
            .collect();
        let chosen: Vec<*const Publication> =
            first_of_each_paper(&refs, &selected).into_iter().map(|at| refs[at] as *const Publication).collect();
        assert!(expected.len() < count / 2, "papers come again");
        assert_eq!(chosen, expected);
    }
}
