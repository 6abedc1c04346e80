//! Tagged records, as MEDLINE and RIS share them: fields in file order, each with the line it came from, and
//! the page that a file of such records becomes.

use crate::formats::{Diagnostic, Imported, file_stem};
use crate::model::{Library, Page, Publication};

/// The result of an importer for files without a topic path of their own (MEDLINE, RIS): one page
/// "Imported ▸ FILE", or an error when not a single record could be read.
pub(in crate::formats) fn imported_file_page(
    name: &str,
    publications: Vec<Publication>,
    mut warnings: Vec<Diagnostic>,
) -> Result<Imported, Diagnostic> {
    // Found in several passes over the records, reported in the order of the file.
    warnings.sort_by_key(|warning| warning.line);
    if publications.is_empty() {
        let (line, reason) = match warnings.first() {
            Some(first) => (first.line, format!(" ({} problems, the first: {})", warnings.len(), first.message)),
            None => (0, String::new()),
        };
        return Err(Diagnostic::error(name, line, format!("no publication could be imported{reason}")));
    }
    let page = Page { path: vec!["Imported".to_string(), file_stem(name)], publications, ..Page::default() };
    Ok(Imported { library: Library { pages: vec![page] }, warnings })
}

/// One tagged value; `line` is where its tag stands, for messages.
#[derive(Debug)]
pub(in crate::formats) struct Field<'a> {
    pub tag: &'a str,
    pub value: String,
    pub line: usize,
}

impl Field<'_> {
    /// Adds a continuation line: wrapped text joins with one space.
    pub fn continue_with(&mut self, line: &str) {
        if !self.value.is_empty() {
            self.value.push(' ');
        }
        self.value.push_str(line.trim());
    }
}

/// A record's fields in file order; `line` is where the record starts.
#[derive(Debug)]
pub(in crate::formats) struct Record<'a> {
    pub line: usize,
    pub fields: Vec<Field<'a>>,
}

impl<'a> Record<'a> {
    /// A record from `(tag, value)` pairs, one a line from line 1: for tests of what is read from records.
    #[cfg(test)]
    pub fn of(fields: &[(&'a str, &str)]) -> Record<'a> {
        let fields = fields
            .iter()
            .enumerate()
            .map(|(index, &(tag, value))| Field { tag, value: value.to_string(), line: index + 1 })
            .collect();
        Record { line: 1, fields }
    }

    pub fn values(&self, tag: &'a str) -> impl Iterator<Item = &str> {
        self.fields.iter().filter(move |field| field.tag == tag).map(|field| field.value.as_str())
    }

    /// The first non-empty value among `tags`, in the order of `tags`.
    pub fn first(&self, tags: &[&'a str]) -> Option<&str> {
        tags.iter().find_map(|&tag| self.values(tag).find(|value| !value.is_empty()))
    }
}
