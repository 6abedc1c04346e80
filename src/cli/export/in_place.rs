//! A reference list of cached files written from the cache files in place: each file's lean import is listed where
//! it lies (titles, authors, years and identifiers, borrowed), the papers are chosen from the listings, and each
//! chosen paper is decoded whole only as it is written, into memory the one before it let go of. Decoding the whole
//! library first took a fifth of a 100k CSL export, most of it the fresh memory of a hundred thousand publications.

use std::collections::BTreeMap;
use std::time::Instant;

use lenaview::app::LeftInCache;
use lenaview::cache::{ListedSource, Listing, UnreadableAbstract, decode_publication_at};
use lenaview::formats::export::{self, ExportFormat, Publications};
use lenaview::marks::{self, MarkStore};
use lenaview::model::Publication;

use super::{CliError, ExportArgs, FromCache, Out, Written, first_of_each_paper, matching_titles, written_from_cache};

/// The export `args` ask for in `format` (a reference list, neither `--starred` nor `--tag` given), written from
/// the cache files of `args.files` in place, its parts handed to `out` as they are made; `None`, with nothing said
/// or written, when the cache does not hold every file as it is now.
pub(super) fn written(args: &ExportArgs, format: ExportFormat, out: &mut Out) -> Option<Result<Written, CliError>> {
    let started = Instant::now();
    super::super::load::read_cached_listed(&args.files, |sources| {
        let imports = sources
            .iter()
            .map(|source| (source.warnings.as_slice(), source.pages.iter().map(|page| page.publications.len()).sum()));
        super::super::load::report_read_in_place(&args.files, imports, started);
        let notes =
            super::super::load::notes_by_paper(&mut |warning| super::super::report(format!("warning: {warning}")))
                .map(|(_, notes)| notes)
                .unwrap_or_default();
        let marks = super::open_marks(args.state.as_deref(), false)?;
        let written = match written_from(&sources, args, format, &notes, &marks, out)? {
            Ok(written) => written,
            Err(unreadable) => super::written_again(args, format, &marks, unreadable, out)?,
        };
        // As the whole export does: the process ends soon, and the system takes the memory back at once.
        std::mem::forget((notes, marks, sources));
        Ok(written)
    })
}

/// The export of the papers of `sources` that `args` choose, or the first paper or abstract that could not be read
/// from its cache file, from whose part on nothing went out.
fn written_from(
    sources: &[ListedSource],
    args: &ExportArgs,
    format: ExportFormat,
    notes: &BTreeMap<String, String>,
    marks: &MarkStore,
    out: &mut Out,
) -> Result<Result<Written, UnreadableAbstract>, String> {
    // In library order, each with the source it is from: the files' pages one after another, as a load appends them.
    let (listings, from): (Vec<&Listing>, Vec<usize>) = sources
        .iter()
        .enumerate()
        .flat_map(|(at, source)| {
            source.pages.iter().flat_map(move |page| page.publications.iter().map(move |listing| (listing, at)))
        })
        .unzip();
    let selected = matching_titles(&listings, args.query())?;
    let places = first_of_each_paper(&listings, &selected);
    let count = places.len();
    let mut left = LeftInCache::default();
    let mut first = 0;
    for source in sources {
        left.add(first, source.abstracts.clone());
        first += source.abstracts.len();
    }
    let mut parts = Vec::new();
    if count > 0 {
        let chosen = places.iter().map(|&at| listings[at]).collect();
        let from = places.iter().map(|&at| from[at]).collect();
        let written = written_from_cache(&left, places, out, |abstracts, take| {
            let papers = Decoded { chosen, from, sources, notes, marks, abstracts };
            export::reference_list_in_order(format, &papers, args.formulas(), abstracts, take);
        });
        match written {
            Ok(written) => parts = written,
            Err(unreadable) => return Ok(Err(unreadable)),
        }
    }
    Ok(Ok(Written { parts, count, library: Default::default() }))
}

/// The chosen papers, each decoded from its cache file's lean import as it is written, with the user's note and
/// tags, as the whole load and `marks::annotate` give them.
struct Decoded<'a> {
    chosen: Vec<&'a Listing<'a>>,
    /// The source each chosen paper is from.
    from: Vec<usize>,
    sources: &'a [ListedSource<'a>],
    notes: &'a BTreeMap<String, String>,
    marks: &'a MarkStore,
    /// Told when a paper does not decode, as of an abstract that does not read: nothing more goes out.
    abstracts: &'a FromCache<'a>,
}

impl<'a> Publications for Decoded<'a> {
    type Listed = &'a Listing<'a>;

    fn listed(&self) -> &[&'a Listing<'a>] {
        &self.chosen
    }

    fn with(&self, position: usize, write: &mut dyn FnMut(&Publication)) {
        let source = &self.sources[self.from[position]];
        let Some(mut publication) = decode_publication_at(source.lean, self.chosen[position].at) else {
            // The listing read these very bytes, checksummed: only a layout the two read apart gets here.
            self.abstracts.fail(UnreadableAbstract { source: source.abstracts.source().to_string() });
            return;
        };
        lenaview::notes::fill_one(&mut publication, self.notes);
        marks::annotate(std::iter::once(&mut publication), self.marks);
        write(&publication);
    }
}
