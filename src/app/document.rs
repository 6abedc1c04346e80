//! What the abstract pane shows, wrapped to its width once (textwrap) and kept as semantic lines:
//! the line count is exact, so scrolling clamps exactly, and drawing is a cheap walk over the lines.

use std::ops::Range;

use crate::cache::UnreadableAbstract;
use crate::model::{Publication, RecordKind};
use crate::words::WordLook;

use super::catalog::PageInfo;

/// What a piece of text is; the ui layer decides how each looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Authors,
    Citation,
    Flag,
    Label,
    Body,
    Muted,
    Match,
    /// A word of a highlighted list, drawn in the list's look; `matched` when a search match falls on it too.
    Word {
        look: WordLook,
        matched: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub role: Role,
}

pub type DocLine = Vec<Segment>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub lines: Vec<DocLine>,
    /// Line numbers holding a search match, in order, for `n`/`N`.
    pub match_lines: Vec<usize>,
    /// The first line of each abstract section (its label, when it has one), in order, for `]`/`[`.
    pub section_lines: Vec<usize>,
}

/// A document under construction at a fixed width.
struct Builder {
    width: usize,
    document: Document,
}

impl Builder {
    fn new(width: usize) -> Builder {
        Builder { width: width.max(1), document: Document::default() }
    }

    fn blank(&mut self) {
        self.document.lines.push(Vec::new());
    }

    fn text(&mut self, text: &str, role: Role) {
        self.highlighted(text, role, &[], &[]);
    }

    /// Wraps `text`, marking the byte ranges `matches` with [`Role::Match`] and those of `words` with
    /// [`Role::Word`] (both may fall on the same text).
    fn highlighted(&mut self, text: &str, role: Role, matches: &[Range<usize>], words: &[(Range<usize>, WordLook)]) {
        let mut cursor = 0;
        // Hyphenated words ("2139-2150", "Selinexor-Dexamethasone") stay whole unless they are wider than the pane.
        let options = textwrap::Options::new(self.width).word_splitter(textwrap::WordSplitter::NoHyphenation);
        for piece in textwrap::wrap(text, options) {
            // Wrapped lines are the text's words in order; find each one's place to map match ranges onto it.
            let start = text[cursor..].find(piece.as_ref()).map_or(cursor, |offset| cursor + offset);
            let end = (start + piece.len()).min(text.len());
            cursor = end;
            let line = split_by_marks(&text[start..end], start, role, matches, words);
            if line.iter().any(|segment| matches!(segment.role, Role::Match | Role::Word { matched: true, .. })) {
                self.document.match_lines.push(self.document.lines.len());
            }
            self.document.lines.push(line);
        }
    }

    fn finish(self) -> Document {
        self.document
    }
}

/// The line `line` (at byte `offset` of its text) cut where a search match or a listed word starts or ends.
fn split_by_marks(
    line: &str,
    offset: usize,
    role: Role,
    matches: &[Range<usize>],
    words: &[(Range<usize>, WordLook)],
) -> DocLine {
    let local = |at: usize| at.saturating_sub(offset).min(line.len());
    let mut cuts: Vec<usize> = vec![0, line.len()];
    let ends = matches.iter().chain(words.iter().map(|(range, _)| range));
    cuts.extend(ends.flat_map(|range| [local(range.start), local(range.end)]).filter(|&at| line.is_char_boundary(at)));
    cuts.sort_unstable();
    cuts.dedup();
    let covers = |range: &Range<usize>, at: usize| range.start <= offset + at && offset + at < range.end;
    let mut segments: Vec<Segment> = Vec::new();
    for piece in cuts.windows(2) {
        let (start, end) = (piece[0], piece[1]);
        let matched = matches.iter().any(|range| covers(range, start));
        let piece_role = match words.iter().find(|(range, _)| covers(range, start)) {
            Some(&(_, look)) => Role::Word { look, matched },
            None if matched => Role::Match,
            None => role,
        };
        match segments.last_mut() {
            Some(last) if last.role == piece_role => last.text.push_str(&line[start..end]),
            _ => segments.push(Segment { text: line[start..end].to_string(), role: piece_role }),
        }
    }
    if segments.is_empty() {
        segments.push(Segment { text: String::new(), role });
    }
    segments
}

/// Character ranges (as search reports them) to byte ranges in `text`.
fn char_to_byte_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let offsets: Vec<usize> = text.char_indices().map(|(byte, _)| byte).chain([text.len()]).collect();
    ranges.iter().filter_map(|range| Some(*offsets.get(range.start)?..*offsets.get(range.end)?)).collect()
}

/// Finds the character ranges of a text to mark as search matches.
pub type Highlighter<'a> = &'a dyn Fn(&str) -> Vec<Range<usize>>;

/// Finds the character ranges of a text holding words of the highlighted lists, and how each is drawn.
pub type WordFinder<'a> = &'a dyn Fn(&str) -> Vec<(Range<usize>, WordLook)>;

/// The reading view of one publication, with its abstract in it unless `unreadable` says why it could not be
/// read. `highlight` finds the character ranges to mark in abstract text as search matches, `words` those of the
/// highlighted word lists.
pub fn publication(
    publication: &Publication,
    unreadable: Option<&UnreadableAbstract>,
    topics: &[String],
    width: usize,
    highlight: Option<Highlighter>,
    words: Option<WordFinder>,
) -> Document {
    let mut builder = Builder::new(width);
    // The title shows its search matches and listed words as the list's row does.
    marked(&mut builder, &publication.title, Role::Title, highlight, words);
    builder.blank();
    builder.text(&publication.authors_full(), Role::Authors);
    let mut reference = source(publication);
    if let Some(pmid) = &publication.pmid {
        reference.push_str(&format!(" · PMID {pmid}"));
    }
    if let Some(doi) = &publication.doi {
        reference.push_str(&format!(" · doi:{doi}"));
    }
    builder.text(&reference, Role::Citation);
    let mut flags = Vec::new();
    if publication.free_full_text {
        flags.push("Free full text".to_string());
    }
    if let Some(date) = &publication.pmc_free_after {
        flags.push(format!("Free on PMC after {date}"));
    }
    if !flags.is_empty() {
        builder.text(&flags.join(" · "), Role::Flag);
    }
    for topic in topics {
        builder.text(&format!("In {topic}"), Role::Muted);
    }
    if !publication.tags.is_empty() {
        let tags: Vec<String> = publication.tags.iter().map(|tag| format!("#{tag}")).collect();
        builder.text(&format!("Tags: {}", tags.join(" ")), Role::Flag);
    }
    if let Some(unreadable) = unreadable {
        builder.blank();
        let advice = "start again, or with --no-cache to read the file itself";
        builder
            .text(&format!("The cached abstract from {} could not be read: {advice}.", unreadable.source), Role::Flag);
    } else if publication.abstract_sections.is_empty() {
        builder.blank();
        builder.text("No abstract available.", Role::Muted);
    }
    for section in &publication.abstract_sections {
        builder.blank();
        builder.document.section_lines.push(builder.document.lines.len());
        if let Some(label) = &section.label {
            builder.text(label, Role::Label);
        }
        marked(&mut builder, &section.text, Role::Body, highlight, words);
    }
    if let Some(note) = &publication.note {
        note_section(&mut builder, note, highlight);
    }
    builder.finish()
}

/// `text` wrapped, with what `highlight` and `words` find in it marked.
fn marked(builder: &mut Builder, text: &str, role: Role, highlight: Option<Highlighter>, words: Option<WordFinder>) {
    let matches = highlight.map(|find| char_to_byte_ranges(text, &find(text))).unwrap_or_default();
    let found = words.map(|find| find(text)).unwrap_or_default();
    let ranges: Vec<Range<usize>> = found.iter().map(|(range, _)| range.clone()).collect();
    let listed: Vec<(Range<usize>, WordLook)> =
        char_to_byte_ranges(text, &ranges).into_iter().zip(found.into_iter().map(|(_, look)| look)).collect();
    builder.highlighted(text, role, &matches, &listed);
}

/// The user's note under the abstract, under its own heading, a section `]` reaches; its lines are kept as
/// written (Markdown lists and paragraphs), each wrapped to the pane.
fn note_section(builder: &mut Builder, note: &str, highlight: Option<Highlighter>) {
    builder.blank();
    builder.document.section_lines.push(builder.document.lines.len());
    builder.text("Note", Role::Label);
    for line in note.lines() {
        if line.trim().is_empty() {
            builder.blank();
            continue;
        }
        let matches = highlight.map(|find| char_to_byte_ranges(line, &find(line))).unwrap_or_default();
        builder.highlighted(line, Role::Body, &matches, &[]);
    }
}

/// Where the publication appeared, saying what it is unless it is a journal article:
/// `Book chapter in: Methods Mol Biol. 2020; 2000:1-20`, `Thesis · 2018`.
fn source(publication: &Publication) -> String {
    let citation = publication.citation();
    let kind = publication.kind;
    let has_container =
        matches!(kind, RecordKind::Chapter | RecordKind::ConferencePaper) && !publication.journal.trim().is_empty();
    match kind {
        RecordKind::Article => citation,
        _ if has_container => format!("{} in: {citation}", kind.label()),
        _ if citation.is_empty() => kind.label().to_string(),
        _ => format!("{} · {citation}", kind.label()),
    }
}

/// The view of a topic with no publication open: its place, size and the summaries of its pages.
pub fn topic(path: &str, publication_count: usize, unread: usize, pages: &[PageInfo], width: usize) -> Document {
    let mut builder = Builder::new(width);
    builder.text(path, Role::Title);
    let noun = if publication_count == 1 { "publication" } else { "publications" };
    builder.text(&format!("{publication_count} {noun}, {unread} unread"), Role::Citation);
    for page in pages {
        if !page.summary.is_empty() {
            builder.blank();
            builder.text(&page.summary, Role::Body);
        }
        if let Some(date) = &page.last_updated {
            builder.blank();
            builder.text(&format!("Last updated {date}"), Role::Muted);
        }
    }
    builder.blank();
    builder.text("Select a publication to read its abstract.", Role::Muted);
    builder.finish()
}

/// The plain text of a line, for tests and width checks.
pub fn line_text(line: &DocLine) -> String {
    line.iter().map(|segment| segment.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AbstractSection;
    use unicode_width::UnicodeWidthStr;

    fn sample() -> Publication {
        Publication {
            title: "Daratumumab plus Lenalidomide and Dexamethasone for Untreated Myeloma.".into(),
            authors: vec!["Facon T".into(), "Kumar S".into()],
            et_al: true,
            journal: "N Engl J Med".into(),
            year: Some(2019),
            free_full_text: true,
            abstract_sections: vec![
                AbstractSection {
                    label: Some("BACKGROUND".into()),
                    text: "Lenalidomide plus dexamethasone is a standard treatment for κ light chain myeloma.".into(),
                },
                AbstractSection { label: None, text: "Unlabelled text.".into() },
            ],
            ..Publication::default()
        }
    }

    #[test]
    fn every_line_fits_the_width_and_labels_stand_apart() {
        for width in [1, 10, 20, 37, 80] {
            let document = publication(&sample(), None, &[], width, None, None);
            for line in &document.lines {
                let text = line_text(line);
                // A word longer than the width is broken by textwrap, so nothing may overflow.
                assert!(text.width() <= width, "{text:?} wider than {width}");
            }
        }
        let document = publication(&sample(), None, &[], 40, None, None);
        let label = document.lines.iter().find(|line| line_text(line) == "BACKGROUND").unwrap();
        assert_eq!(label[0].role, Role::Label);
    }

    #[test]
    fn sections_start_at_their_label_or_at_their_first_line() {
        let document = publication(&sample(), None, &[], 30, None, None);
        let starts: Vec<String> = document.section_lines.iter().map(|&line| line_text(&document.lines[line])).collect();
        assert_eq!(starts, vec!["BACKGROUND", "Unlabelled text."]);
        let without_abstract = Publication { abstract_sections: Vec::new(), ..sample() };
        assert!(publication(&without_abstract, None, &[], 30, None, None).section_lines.is_empty());
    }

    #[test]
    fn an_abstract_that_could_not_be_read_says_so_and_where_from_instead_of_no_abstract() {
        let unreadable = UnreadableAbstract { source: "big.json".into() };
        let without_abstract = Publication { abstract_sections: Vec::new(), ..sample() };
        let document = publication(&without_abstract, Some(&unreadable), &[], 200, None, None);
        let text: Vec<String> = document.lines.iter().map(line_text).collect();
        assert!(!text.iter().any(|line| line.contains("No abstract")), "{text:?}");
        let said = text.iter().find(|line| line.contains("could not be read")).unwrap();
        assert!(said.contains("big.json") && said.contains("--no-cache"), "{said}");
    }

    #[test]
    fn matches_are_marked_on_the_lines_where_they_fall_after_wrapping() {
        let find = |text: &str| -> Vec<Range<usize>> {
            let chars: Vec<char> = text.chars().collect();
            let needle: Vec<char> = "myeloma".chars().collect();
            (0..chars.len().saturating_sub(needle.len() - 1))
                .filter(|&i| chars[i..i + needle.len()] == needle[..])
                .map(|i| i..i + needle.len())
                .collect()
        };
        let document = publication(&sample(), None, &[], 30, Some(&find), None);
        assert_eq!(document.match_lines.len(), 1);
        let line = &document.lines[document.match_lines[0]];
        let marked: Vec<&str> =
            line.iter().filter(|segment| segment.role == Role::Match).map(|segment| segment.text.as_str()).collect();
        assert_eq!(marked, vec!["myeloma"]);
    }

    #[test]
    fn listed_words_and_search_matches_share_the_text_they_both_cover() {
        use crate::words::ListColor;
        let include = WordLook { color: ListColor::Green, against: false };
        // "light chain" is a listed phrase; the search matched "chain myeloma".
        let words = |text: &str| -> Vec<(Range<usize>, WordLook)> {
            let found = text.find("light chain").map(|at| text[..at].chars().count());
            found.map(|start| (start..start + 11, include)).into_iter().collect()
        };
        let matches = |text: &str| -> Vec<Range<usize>> {
            let found = text.find("chain myeloma").map(|at| text[..at].chars().count());
            found.map(|start| start..start + 13).into_iter().collect()
        };
        let document = publication(&sample(), None, &[], 200, Some(&matches), Some(&words));
        let line = &document.lines[document.match_lines[0]];
        let marked: Vec<(&str, Role)> = line
            .iter()
            .filter(|segment| segment.role != Role::Body)
            .map(|segment| (segment.text.as_str(), segment.role))
            .collect();
        assert_eq!(
            marked,
            [
                ("light ", Role::Word { look: include, matched: false }),
                ("chain", Role::Word { look: include, matched: true }),
                (" myeloma", Role::Match)
            ]
        );
    }

    #[test]
    fn the_title_shows_listed_words_and_search_matches_as_the_abstract_does() {
        use crate::words::ListColor;
        let exclude = WordLook { color: ListColor::Red, against: true };
        let at = |text: &str, word: &str| text.find(word).map(|at| text[..at].chars().count());
        let words = |text: &str| -> Vec<(Range<usize>, WordLook)> {
            at(text, "Daratumumab").map(|start| (start..start + 11, exclude)).into_iter().collect()
        };
        let matches = |text: &str| -> Vec<Range<usize>> {
            at(text, "Untreated").map(|start| start..start + 9).into_iter().collect()
        };
        let document = publication(&sample(), None, &[], 200, Some(&matches), Some(&words));
        let title: Vec<(&str, Role)> =
            document.lines[0].iter().map(|segment| (segment.text.as_str(), segment.role)).collect();
        assert_eq!(
            title,
            [
                ("Daratumumab", Role::Word { look: exclude, matched: false }),
                (" plus Lenalidomide and Dexamethasone for ", Role::Title),
                ("Untreated", Role::Match),
                (" Myeloma.", Role::Title)
            ]
        );
        assert_eq!(document.match_lines.first(), Some(&0), "n reaches a match in the title first");
    }

    #[test]
    fn the_source_line_names_what_a_record_is_unless_it_is_an_article() {
        let source_line = |record: &Publication| line_text(&publication(record, None, &[], 200, None, None).lines[3]);
        let article = Publication { year: Some(2019), pages: Some("7-9".into()), ..sample() };
        assert_eq!(source_line(&article), "N Engl J Med. 2019:7-9");
        let chapter = Publication { kind: RecordKind::Chapter, journal: "Myeloma Therapy".into(), ..article.clone() };
        assert_eq!(source_line(&chapter), "Book chapter in: Myeloma Therapy. 2019:7-9");
        let thesis = Publication { kind: RecordKind::Thesis, journal: "".into(), ..article.clone() };
        assert_eq!(source_line(&thesis), "Thesis · 2019:7-9");
        let undated = Publication { kind: RecordKind::Dataset, journal: "".into(), year: None, pages: None, ..article };
        assert_eq!(source_line(&undated), "Dataset");
    }

    #[test]
    fn the_note_follows_the_abstract_under_its_heading_as_a_section() {
        let noted = Publication { note: Some("Ask about *cereblon*.\n\n- dose: 25 mg".into()), ..sample() };
        let document = publication(&noted, None, &[], 30, None, None);
        let text: Vec<String> = document.lines.iter().map(line_text).collect();
        let heading = text.iter().position(|line| line == "Note").unwrap();
        assert_eq!(&text[heading - 1..], ["", "Note", "Ask about *cereblon*.", "", "- dose: 25 mg"]);
        assert_eq!(document.lines[heading][0].role, Role::Label);
        assert_eq!(document.section_lines.last(), Some(&heading));
        let find = |text: &str| -> Vec<Range<usize>> {
            text.find("cereblon").map(|at| at..at + "cereblon".len()).into_iter().collect()
        };
        let highlighted = publication(&noted, None, &[], 30, Some(&find), None);
        assert_eq!(highlighted.match_lines, [heading + 1], "a search in everything marks the note too");
        assert!(!publication(&sample(), None, &[], 30, None, None).lines.iter().any(|line| line_text(line) == "Note"));
    }

    #[test]
    fn a_topic_shows_its_summary_and_date() {
        let pages = [PageInfo { summary: "About lenalidomide.".into(), last_updated: Some("2019-09-01".into()) }];
        let document = topic("Treatments ▸ Lenalidomide", 30, 28, &pages, 40);
        let text: Vec<String> = document.lines.iter().map(line_text).collect();
        assert!(text.contains(&"30 publications, 28 unread".to_string()));
        assert!(text.contains(&"About lenalidomide.".to_string()));
        assert!(text.contains(&"Last updated 2019-09-01".to_string()));
    }
}
