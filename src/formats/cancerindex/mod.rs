//! CancerIndex pages saved as text: a breadcrumb (`Home > Treatments > ... > Lenalidomide`), a summary,
//! boiler-plate, the publication entries (authors, title, citation, abstract; separated by blank lines) and a footer.
//! Locations and cancer-type pages open with their title and the site's name before the breadcrumb, and put
//! statistics, menus and a table of contents around their introduction (see `layout`).
//!
//! Errors and warnings: the page as a whole is refused, with an error naming its line, when none of its first lines
//! is a breadcrumb or when not one publication on it can be read. Anything smaller is a warning naming its line while
//! the rest is imported: an entry without a citation line (skipped), lines that belong to no entry (skipped), an
//! entry with no authors line, a citation that does not read as `Journal. Year; volume(issue):pages` (kept whole
//! as the journal), an impossible PMC date or an unreadable "Page last updated" date (left out).

mod citation;
mod dates;
mod entry;
mod layout;

use super::{Diagnostic, Imported};
use crate::model::{Library, Page, Publication};
use layout::{LIST_HEADING, Layout};

const LAST_UPDATED: &str = "Page last updated:";

/// A trimmed line and its 1-based number in the file, for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

/// A breadcrumb among the first lines, or a publication list heading on a line of its own.
pub fn looks_like(text: &str) -> bool {
    // Only unindented headings count: an indented one is a MEDLINE continuation line quoting it.
    layout::has_breadcrumb(text) || text.lines().any(|line| layout::is_list_heading(line.trim_end()))
}

/// Reads one page; `name` is what diagnostics call the file.
pub fn parse(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    let lines: Vec<Line> =
        text.lines().enumerate().map(|(index, text)| Line { number: index + 1, text: text.trim() }).collect();
    let Some(first) = lines.iter().find(|line| !line.text.is_empty()) else {
        return Err(Diagnostic::error(name, 0, "the file is empty"));
    };
    let breadcrumb = layout::find_breadcrumb(&lines).ok_or_else(|| {
        Diagnostic::error(
            name,
            first.number,
            "expected a breadcrumb like 'Home > Treatments > Lenalidomide' on one of the first lines",
        )
    })?;
    if breadcrumb.path.is_empty() {
        let line = lines[breadcrumb.index].number;
        return Err(Diagnostic::error(name, line, "the breadcrumb names no topic after 'Home'"));
    }
    let body = &lines[breadcrumb.index + 1..];
    let mut reader = PageReader::new(name, breadcrumb.layout, list_heading(body));
    for block in body.split(|line| line.text.is_empty()).filter(|block| !block.is_empty()) {
        reader.read_block(block);
    }
    reader.finish(breadcrumb.path)
}

/// The line of the heading that opens the publication list. A table of contents repeats the heading above it,
/// so it is the last heading before the first entry's citation (or the last of all when no citation is linked).
fn list_heading(body: &[Line]) -> Option<usize> {
    let first_citation = body.iter().position(|line| citation::has_pubmed_link(line.text)).unwrap_or(body.len());
    body[..first_citation].iter().rev().find(|line| layout::is_list_heading(line.text)).map(|line| line.number)
}

fn is_boilerplate(text: &str) -> bool {
    layout::is_list_heading(text)
        || text == "Found this page useful?"
        || text.starts_with("Web Resources:")
        || text.starts_with("Disclaimer:")
        || text.contains(LAST_UPDATED)
}

/// The runs of content in a block, each with the boiler-plate line that ends it.
fn split_at_boilerplate<'b, 'a>(block: &'b [Line<'a>]) -> Vec<(&'b [Line<'a>], Option<&'b Line<'a>>)> {
    let mut runs = Vec::new();
    let mut rest = block;
    while let Some(at) = rest.iter().position(|line| is_boilerplate(line.text)) {
        runs.push((&rest[..at], rest.get(at)));
        rest = &rest[at + 1..];
    }
    runs.push((rest, None));
    runs
}

/// The page read so far, block by block.
struct PageReader<'a> {
    file: &'a str,
    layout: Layout,
    summary: Vec<&'a str>,
    /// The line of the heading that opens the list: everything after it is entries.
    list_heading: Option<usize>,
    publications: Vec<Publication>,
    last_updated: Option<String>,
    warnings: Vec<Diagnostic>,
}

impl<'a> PageReader<'a> {
    fn new(file: &'a str, layout: Layout, list_heading: Option<usize>) -> Self {
        PageReader {
            file,
            layout,
            summary: Vec::new(),
            list_heading,
            publications: Vec::new(),
            last_updated: None,
            warnings: Vec::new(),
        }
    }

    fn read_block(&mut self, block: &[Line<'a>]) {
        // Boiler-plate sometimes sits against the text around it with no blank line between, so it separates too.
        for (content, boilerplate) in split_at_boilerplate(block) {
            if !content.is_empty() {
                self.read_content(content);
            }
            if let Some(line) = boilerplate {
                self.read_boilerplate(line);
            }
        }
    }

    fn read_content(&mut self, content: &[Line<'a>]) {
        let after_heading = self.list_heading.is_some_and(|heading| content[0].number > heading);
        if after_heading || content.iter().any(|line| citation::has_pubmed_link(line.text)) {
            let publications = entry::read_block(self.file, content, &mut self.warnings);
            self.publications.extend(publications);
            return;
        }
        let introduction = content.iter().map(|line| line.text);
        match self.layout {
            Layout::BreadcrumbFirst => self.summary.extend(introduction),
            // Statistics, menus and contents are the site's navigation, not what the page says.
            Layout::Titled => self.summary.extend(introduction.filter(|text| layout::is_introduction(text))),
        }
    }

    fn read_boilerplate(&mut self, line: &Line) {
        if let Some(at) = line.text.find(LAST_UPDATED) {
            let date = &line.text[at + LAST_UPDATED.len()..];
            match dates::iso_from_day_month_name_year(date) {
                Some(iso) => {
                    self.last_updated.get_or_insert(iso);
                }
                None => self.warnings.push(Diagnostic::warning(
                    self.file,
                    line.number,
                    "'Page last updated:' is not followed by a date like '01 September, 2019', ignored",
                )),
            }
        }
    }

    fn finish(self, path: Vec<String>) -> Result<Imported, Diagnostic> {
        if self.publications.is_empty() {
            return Err(match (self.warnings.first(), self.list_heading) {
                (Some(problem), _) => Diagnostic::error(
                    self.file,
                    problem.line,
                    format!("no publication on the page could be read (first problem: {})", problem.message),
                ),
                (None, Some(heading)) => {
                    Diagnostic::error(self.file, heading, format!("no publications follow '{LIST_HEADING}'"))
                }
                (None, None) => Diagnostic::error(
                    self.file,
                    0,
                    format!("no publications (a CancerIndex page lists them after '{LIST_HEADING}')"),
                ),
            });
        }
        let page = Page {
            path,
            summary: self.summary.join("\n"),
            last_updated: self.last_updated,
            publications: self.publications,
        };
        Ok(Imported { library: Library { pages: vec![page] }, warnings: self.warnings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_like_a_page_by_breadcrumb_or_list_heading() {
        assert!(looks_like("\n  Home > Treatments\nsummary"));
        assert!(looks_like("summary\n\nLatest Research Publications\n"));
        assert!(looks_like("Canada\nCancerIndex Home - Guide Home > Locations > Canada\n"));
        assert!(looks_like("Canada\n\nLatest Research Publications from Canada\n"));
        assert!(!looks_like("PMID- 1\nAB  - Our list:\n      Latest Research Publications from Canada\n"));
        assert!(!looks_like("TY  - JOUR\nTI  - Home > Treatments\nER  - "));
        assert!(!looks_like("PMID- 31433920\nTI  - Latest Research Publications in myeloma."));
        assert!(!looks_like(""));
    }

    #[test]
    fn boilerplate_without_blank_lines_around_it_still_separates() {
        let text = "Home > T\nSummary.\nLatest Research Publications\nChari A\nTitle.\nBlood. 2019 [PubMed]\nAbstract.\n\
                    Disclaimer: educational.\n[Home] Page last updated: 01 September, 2019";
        let imported = parse("p.txt", text).expect("a page");
        let page = &imported.library.pages[0];
        assert_eq!(page.summary, "Summary.");
        assert_eq!(page.last_updated.as_deref(), Some("2019-09-01"));
        assert_eq!(page.publications.len(), 1);
        assert_eq!(page.publications[0].abstract_text(), "Abstract.");
        assert_eq!(imported.warnings, Vec::new());
    }
}
