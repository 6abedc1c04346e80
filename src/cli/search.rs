//! `lenaview search`: the ranked matches of a query, printed like grep prints lines.

use super::CliError;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use serde_json::json;

use lenaview::app::{Catalog, PubId};
use lenaview::formats::clean::terminal_safe;
use lenaview::model::PaperFields;
use lenaview::search::{Hit, Scope, is_blank_query, search_once};

/// Exit status when the search ran and found nothing, as grep uses it.
const NO_MATCH: u8 = 1;
/// Exit status for unreadable input, as grep uses it (clap's own usage errors are 2 as well).
const TROUBLE: u8 = 2;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: fuzzy words, matched independently and in any order, and fzf's exact terms
    /// ('word, ^word, word$, !word, a | b).
    #[arg(value_parser = query_with_terms)]
    pub query: String,

    /// Files to search instead of the bundled library.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Print a JSON array instead of lines.
    #[arg(long)]
    pub json: bool,

    /// Print at most N matches (at least 1).
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub limit: Option<usize>,

    /// What the query is matched against.
    #[arg(long, value_enum, default_value_t = ScopeArg::Titles)]
    pub scope: ScopeArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    /// Titles only.
    Titles,
    /// Titles, authors and journal.
    Meta,
    /// Titles, authors, journal and abstracts.
    All,
}

impl From<ScopeArg> for Scope {
    fn from(scope: ScopeArg) -> Scope {
        match scope {
            ScopeArg::Titles => Scope::Titles,
            ScopeArg::Meta => Scope::TitlesAuthorsJournal,
            ScopeArg::All => Scope::Everything,
        }
    }
}

pub fn run(args: SearchArgs) -> Result<ExitCode, CliError> {
    let scope = Scope::from(args.scope);
    // Neither the lines nor the JSON print abstracts: only a search of them needs them.
    if scope != Scope::Everything {
        let started = Instant::now();
        let listed = super::load::read_cached_in_place(&args.files, |views| {
            super::load::report_views(&args.files, &views, started);
            let publications = views
                .iter()
                .flat_map(|view| &view.pages)
                .flat_map(|page| page.publications.iter().map(|publication| (publication, page.path.as_slice())));
            let status = print_first_sources(&args, scope, publications);
            // As below: the process ends here, and the system takes the views back at once.
            std::mem::forget(views);
            status
        });
        if let Some(status) = listed {
            return Ok(status);
        }
        super::load::leave_out_abstracts();
    }
    let mut library = match super::load_library(&args.files, None) {
        Ok(library) => library,
        Err(err) => {
            super::report(err);
            return Ok(ExitCode::from(TROUBLE));
        }
    };
    if scope == Scope::Everything {
        super::add_notes(&mut library, &mut |warning| super::report(format!("warning: {warning}")));
    }
    // A paper found on several pages is listed once, as the reader lists it; papers stay in library order (the
    // order ties keep). One query: scoring every publication once costs less than building an index to answer it.
    let status = match scope {
        // A second source may fill in a paper's abstract: a search of everything reads the catalog's merged papers.
        Scope::Everything => {
            let catalog = Catalog::new(library);
            let hits = search_once(&catalog.publications, &args.query, scope);
            let first_home = |id: usize| PubId::try_from(id).ok().and_then(|id| catalog.homes.first(id));
            let status = print(&args, hits, &catalog.publications, |id| first_home(id).map(|home| catalog.path(home)));
            // Freeing a hundred thousand publications string by string took a seventh of a search's time; the
            // process ends here and the system takes its memory back at once.
            std::mem::forget(catalog);
            status
        }
        _ => {
            let publications = library
                .pages
                .iter()
                .flat_map(|page| page.publications.iter().map(|publication| (publication, page.path.as_slice())));
            let status = print_first_sources(&args, scope, publications);
            std::mem::forget(library);
            status
        }
    };
    Ok(status)
}

/// Searches the papers' first sources, whose titles, authors and journals are the papers' own: a catalog would
/// only move them. `publications` are every page's, in order, each with its page's path. Which publications are
/// first sources is found beside the search, on a core the search leaves idle much of the time.
fn print_first_sources<'a, P, S>(
    args: &SearchArgs,
    scope: Scope,
    publications: impl Iterator<Item = (&'a P, &'a [S])>,
) -> ExitCode
where
    P: PaperFields + Sync + 'a,
    S: AsRef<str> + 'a,
{
    let (publications, paths): (Vec<&P>, Vec<&[S]>) = publications.unzip();
    let (first_sources, mut hits) = std::thread::scope(|threads| {
        let first_sources = threads.spawn(|| Catalog::first_sources(&publications));
        let hits = search_once(&publications, &args.query, scope);
        (lenaview::parallel::joined(first_sources), hits)
    });
    hits.retain(|hit| first_sources.get(hit.id as usize) == Some(&true));
    let path = |id: usize| paths.get(id).map(|path| path.iter().map(AsRef::as_ref).collect());
    print(args, hits, &publications, path)
}

/// Prints `hits` (ids into `publications`) as lines or JSON, `path` saying where paper `id` was found first.
fn print<'a, P: PaperFields + Sync>(
    args: &SearchArgs,
    mut hits: Vec<Hit>,
    publications: &'a [P],
    path: impl Fn(usize) -> Option<Vec<&'a str>>,
) -> ExitCode {
    // Nothing found is still an answer: JSON readers get an empty array rather than no document.
    let status = if hits.is_empty() { ExitCode::from(NO_MATCH) } else { ExitCode::SUCCESS };
    if hits.is_empty() && !args.json {
        return status;
    }
    if let Some(limit) = args.limit {
        hits.truncate(limit);
    }
    // Stdout flushes at every line by itself: tens of thousands of matches would be as many writes.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        let array: Vec<serde_json::Value> = hits
            .iter()
            .filter_map(|hit| {
                let publication = publications.get(hit.id as usize)?;
                Some(json!({
                    "score": hit.score,
                    "title": publication.title(),
                    "path": path(hit.id as usize)?,
                    "journal": publication.journal(),
                    "year": publication.year(),
                    "authors": publication.authors().collect::<Vec<_>>(),
                }))
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &array).map_err(std::io::Error::from).and_then(|()| writeln!(out))
    } else {
        out.write_all(lines(&hits, publications).as_bytes())
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => status,
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(err) => {
            super::report(format!("cannot write: {err}"));
            ExitCode::from(TROUBLE)
        }
    }
}

/// A query that searches for something: a blank one would list the whole library, which is not a search.
pub(super) fn query_with_terms(query: &str) -> Result<String, String> {
    match is_blank_query(query) {
        true => Err("the query is empty: give at least one word to search for".into()),
        false => Ok(query.to_string()),
    }
}

/// `--limit 0` would print nothing and say nothing matched, whatever matched.
fn at_least_one(limit: &str) -> Result<usize, String> {
    match limit.parse::<usize>() {
        Ok(0) => Err("must be at least 1 (leave --limit out to print every match)".into()),
        Ok(limit) => Ok(limit),
        Err(err) => Err(format!("not a number of matches: {err}")),
    }
}

/// Fewest lines a thread formats: below this, starting one costs more than it saves.
const LINES_PER_THREAD: usize = 4096;

/// The lines of `hits`, in order. Reading each hit's publication is most of a long listing's time: they are read in
/// library order, where they lie one after another in memory, on every core, and the lines then put in rank order.
fn lines<P: PaperFields + Sync>(hits: &[Hit], publications: &[P]) -> String {
    let mut in_library_order: Vec<usize> = (0..hits.len()).collect();
    in_library_order.sort_unstable_by_key(|&at| hits[at].id);
    let format = |_, part: &[usize]| {
        let (mut lines, mut line, mut spans) = (String::new(), String::new(), Vec::with_capacity(part.len()));
        for &at in part {
            let Some(publication) = publications.get(hits[at].id as usize) else { continue };
            write_line(&mut line, hits[at].score, publication);
            let start = lines.len();
            lines.push_str(&terminal_safe(&line));
            lines.push('\n');
            spans.push((at, start..lines.len()));
        }
        Part { lines, spans }
    };
    let parts: Vec<Part> = lenaview::parallel::map_chunks(&in_library_order, LINES_PER_THREAD, format);
    let mut line_of: Vec<Option<(usize, std::ops::Range<usize>)>> = vec![None; hits.len()];
    for (part, Part { spans, .. }) in parts.iter().enumerate() {
        for (at, span) in spans {
            line_of[*at] = Some((part, span.clone()));
        }
    }
    let mut text = String::with_capacity(parts.iter().map(|part| part.lines.len()).sum());
    for (part, span) in line_of.into_iter().flatten() {
        text.push_str(&parts[part].lines[span]);
    }
    text
}

/// The lines one thread formatted, and where each hit's line is in them (by the hit's position in the ranking).
struct Part {
    lines: String,
    spans: Vec<(usize, std::ops::Range<usize>)>,
}

/// `score  year  title  (journal)` into `text`, with the score right-aligned so titles line up. Printed through
/// `terminal_safe`, so the data in it cannot act on the terminal (import cleans it, and a library made some other way
/// is made inert there too). One buffer serves every line: tens of thousands of matches, no allocation each.
fn write_line(text: &mut String, score: i64, publication: &impl PaperFields) {
    use std::fmt::Write as _;
    text.clear();
    let _ = write!(text, "{score:>5}  ");
    match publication.year() {
        Some(year) => {
            let _ = write!(text, "{year}  ");
        }
        None => text.push_str("      "),
    }
    text.push_str(publication.title());
    if !publication.journal().is_empty() {
        text.push_str("  (");
        text.push_str(publication.journal());
        text.push(')');
    }
    // On one line: looked for once in the whole line, which has no other line break.
    if text.contains('\n') {
        *text = text.replace('\n', " ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lenaview::model::Publication;

    #[test]
    fn a_line_holds_score_year_title_and_journal() {
        let publication = Publication {
            title: "Lenalidomide maintenance.".into(),
            journal: "Blood".into(),
            year: Some(2019),
            ..Publication::default()
        };
        assert_eq!(line(123, &publication), "  123  2019  Lenalidomide maintenance.  (Blood)");
        let bare = Publication { title: "Untitled".into(), ..Publication::default() };
        assert_eq!(line(7, &bare), "    7        Untitled");
        let broken = Publication { title: "Two\nlines\u{1b}[2J".into(), journal: "J\nX".into(), ..bare };
        assert_eq!(line(7, &broken), "    7        Two lines\u{241b}[2J  (J X)");
    }

    #[test]
    fn lines_formatted_on_every_core_come_in_the_order_of_the_hits() {
        let publications: Vec<Publication> = (0..LINES_PER_THREAD * 3)
            .map(|n| Publication { title: format!("Paper {n}\u{1b}"), ..Publication::default() })
            .collect();
        // Best first is no order of ids, and an id outside the publications has no line.
        let mut hits: Vec<Hit> =
            (0..publications.len() as u32).rev().map(|id| Hit { id, score: i64::from(id % 7) }).collect();
        hits.insert(5, Hit { id: u32::MAX, score: 1 });
        let expected: String = hits
            .iter()
            .filter(|hit| (hit.id as usize) < publications.len())
            .map(|hit| line(hit.score, &publications[hit.id as usize]) + "\n")
            .collect();
        assert_eq!(lines(&hits, &publications), expected);
        assert!(lines(&[], &publications).is_empty());
    }

    fn line(score: i64, publication: &Publication) -> String {
        let mut text = "left over from the line before".to_string();
        write_line(&mut text, score, publication);
        terminal_safe(&text).into_owned()
    }
}
