//! CancerIndex topic pages saved as text: a breadcrumb (`Home > Treatments > ... > Lenalidomide`), a summary,
//! boiler-plate, the publication entries (authors, title, citation, abstract; separated by blank lines) and a footer.
//!
//! Errors and warnings: the page as a whole is refused, with an error naming its line, when its first line is not
//! a breadcrumb or when not one publication on it can be read. Anything smaller is a warning naming its line while
//! the rest is imported: an entry without a citation line (skipped), lines that belong to no entry (skipped), an
//! entry with no authors line, a citation that does not read as `Journal. Year; volume(issue):pages` (kept whole
//! as the journal), an impossible PMC date or an unreadable "Page last updated" date (left out).

mod citation;
mod dates;
mod entry;

use super::{Diagnostic, Imported};
use crate::model::{Library, Page, Publication};

const LIST_HEADING: &str = "Latest Research Publications";
const LAST_UPDATED: &str = "Page last updated:";

/// A trimmed line and its 1-based number in the file, for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

/// A breadcrumb first line, or the page's publication list heading.
pub fn looks_like(text: &str) -> bool {
    let first_line = text.lines().map(str::trim).find(|line| !line.is_empty());
    first_line.is_some_and(|line| breadcrumb(line).is_some()) || text.lines().any(|line| line.trim() == LIST_HEADING)
}

/// Reads one page; `name` is what diagnostics call the file.
pub fn parse(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    let lines: Vec<Line> =
        text.lines().enumerate().map(|(index, text)| Line { number: index + 1, text: text.trim() }).collect();
    let Some(start) = lines.iter().position(|line| !line.text.is_empty()) else {
        return Err(Diagnostic::new(name, 0, "the file is empty"));
    };
    let first = lines[start];
    let path = breadcrumb(first.text).ok_or_else(|| {
        Diagnostic::new(name, first.number, "expected a breadcrumb like 'Home > Treatments > Lenalidomide' first")
    })?;
    if path.is_empty() {
        return Err(Diagnostic::new(name, first.number, "the breadcrumb names no topic after 'Home'"));
    }
    let mut reader = PageReader::new(name);
    for block in lines[start + 1..].split(|line| line.text.is_empty()).filter(|block| !block.is_empty()) {
        reader.read_block(block);
    }
    reader.finish(path)
}

/// `Home > Treatments > Lenalidomide` as the path without "Home" (empty when nothing follows it).
fn breadcrumb(line: &str) -> Option<Vec<String>> {
    let topics = line.strip_prefix("Home")?.trim_start().strip_prefix('>')?;
    Some(topics.split('>').map(str::trim).filter(|topic| !topic.is_empty()).map(String::from).collect())
}

fn is_boilerplate(text: &str) -> bool {
    text == LIST_HEADING
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
    summary: Vec<&'a str>,
    /// The line of the first "Latest Research Publications": everything after it is entries.
    list_heading: Option<usize>,
    publications: Vec<Publication>,
    last_updated: Option<String>,
    warnings: Vec<Diagnostic>,
}

impl<'a> PageReader<'a> {
    fn new(file: &'a str) -> Self {
        PageReader {
            file,
            summary: Vec::new(),
            list_heading: None,
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
        let is_entry = self.list_heading.is_some() || content.iter().any(|line| citation::has_pubmed_link(line.text));
        if is_entry {
            let publications = entry::read_block(self.file, content, &mut self.warnings);
            self.publications.extend(publications);
        } else {
            self.summary.extend(content.iter().map(|line| line.text));
        }
    }

    fn read_boilerplate(&mut self, line: &Line) {
        if line.text == LIST_HEADING {
            self.list_heading.get_or_insert(line.number);
        }
        if let Some(at) = line.text.find(LAST_UPDATED) {
            let date = &line.text[at + LAST_UPDATED.len()..];
            match dates::iso_from_day_month_name_year(date) {
                Some(iso) => {
                    self.last_updated.get_or_insert(iso);
                }
                None => self.warnings.push(Diagnostic::new(
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
                (Some(problem), _) => Diagnostic::new(
                    self.file,
                    problem.line,
                    format!("no publication on the page could be read (first problem: {})", problem.message),
                ),
                (None, Some(heading)) => {
                    Diagnostic::new(self.file, heading, format!("no publications follow '{LIST_HEADING}'"))
                }
                (None, None) => Diagnostic::new(
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
    fn breadcrumbs_leave_out_home() {
        assert_eq!(
            breadcrumb("Home > Treatments > Lenalidomide"),
            Some(vec!["Treatments".into(), "Lenalidomide".into()])
        );
        assert_eq!(breadcrumb("Home>Treatments"), Some(vec!["Treatments".into()]));
        assert_eq!(breadcrumb("Home > "), Some(vec![]));
        assert_eq!(breadcrumb("Homeopathy > Remedies"), None);
        assert_eq!(breadcrumb("Treatments > Lenalidomide"), None);
    }

    #[test]
    fn looks_like_a_page_by_breadcrumb_or_list_heading() {
        assert!(looks_like("\n  Home > Treatments\nsummary"));
        assert!(looks_like("summary\n\nLatest Research Publications\n"));
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
