//! Writing publications out: BibTeX, RIS, CSV, CSL JSON and library JSON files, one-publication citations for
//! the clipboard (sent with OSC 52), and web links. Every writer is a pure function to a `String`; the file
//! writers write a long list on every core ([`written`]).

pub mod bibtex;
pub mod citation;
pub mod csl;
pub mod csv;
mod fields;
pub(crate) mod json_pretty;
pub mod links;
pub mod osc52;
#[cfg(test)]
mod reference;
pub mod ris;
mod written;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub use crate::durable::{write_atomically, write_atomically_in_parts};
pub use citation::{CitationStyle, cite};
pub use links::pubmed_url;
pub(crate) use written::make_room;
pub use written::{AbstractText, InPublications, Publications};

use super::library_json::PagePart;
use crate::model::{Page, Publication};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Bibtex,
    Ris,
    Csv,
    Json,
    /// CSL JSON, for pandoc's `--citeproc` and Zotero.
    Csl,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] =
        [ExportFormat::Bibtex, ExportFormat::Ris, ExportFormat::Csv, ExportFormat::Json, ExportFormat::Csl];

    /// The name `--format` takes and `Display` prints.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Bibtex => "bibtex",
            ExportFormat::Ris => "ris",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Csl => "csl",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Bibtex => "bib",
            ExportFormat::Ris => "ris",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            // Library JSON has `.json`; this double extension is the usual one for CSL JSON and tells them apart.
            ExportFormat::Csl => "csl.json",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    /// A format's name or extension, in any case: `bibtex`, `BIB`, `ris`, `csv`, `json`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        ExportFormat::ALL.into_iter().find(|format| format.name() == wanted || format.extension() == wanted).ok_or_else(
            || format!("unknown export format {text:?} (expected bibtex, ris, csv or json, or csl for CSL JSON)"),
        )
    }
}

/// The publications in `format`, in the order given.
pub fn export(format: ExportFormat, publications: &[&Publication]) -> String {
    export_in_parts(format, publications).concat()
}

/// [`export`] in parts, to be written one after another: a big export is written on every core, each core's
/// part is not copied into one string.
pub fn export_in_parts(format: ExportFormat, publications: &[&Publication]) -> Vec<String> {
    match format {
        ExportFormat::Json => json_in_parts(publications),
        _ => {
            let mut parts = Vec::new();
            let take = &mut |part| parts.push(part);
            reference_list_in_order(format, publications, csv::Formulas::Neutralised, &InPublications, take);
            parts
        }
    }
}

/// [`export_in_parts`] of a reference list (BibTeX, RIS, CSV, CSL JSON: not library JSON, which writes each
/// publication whole, abstract included), each part handed to `take` as soon as it and those before it are written,
/// each abstract from `abstracts`, CSV cells that would be formulas as `formulas` says.
pub fn reference_list_in_order<P: written::Publications + ?Sized>(
    format: ExportFormat,
    publications: &P,
    formulas: csv::Formulas,
    abstracts: &dyn AbstractText,
    take: &mut dyn FnMut(String),
) {
    match format {
        ExportFormat::Bibtex => bibtex::parts_in_order(publications, abstracts, take),
        ExportFormat::Ris => ris::parts_in_order(publications, abstracts, take),
        ExportFormat::Csv => csv::parts_in_order(publications, formulas, abstracts, take),
        ExportFormat::Json => unreachable!("library JSON is not a reference list"),
        ExportFormat::Csl => csl::parts_in_order(publications, abstracts, take),
    }
}

/// The topic that a JSON export of a bare list of publications (such as the TUI's visible list) files them under.
pub const EXPORTED_TOPIC: &str = "Exported";

/// Library JSON holding one page, so the file opens again in lenaview (`lenaview exported.json`).
pub fn json(publications: &[&Publication]) -> String {
    json_in_parts(publications).concat()
}

fn json_in_parts(publications: &[&Publication]) -> Vec<String> {
    let page = Page { path: vec![EXPORTED_TOPIC.to_string()], ..Page::default() };
    super::library_json::written_in_parts(&[PagePart { page: &page, publications: publications.to_vec() }])
}

/// What the reader says after writing an export: "Exported 1 publication as BibTeX to lenaview-export.bib".
pub fn exported_to(count: usize, format: ExportFormat, path: &Path) -> String {
    let noun = if count == 1 { "publication" } else { "publications" };
    format!("Exported {count} {noun} as {} to {}", format.name(), path.display())
}

/// A path in `directory` for a new export that replaces nothing: `lenaview-export.bib`, else
/// `lenaview-export-2.bib`, `-3`, ... (for the TUI's export key, which has no file name to ask for).
pub fn unused_export_path(directory: &Path, format: ExportFormat) -> PathBuf {
    let extension = format.extension();
    let first = directory.join(format!("lenaview-export.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|number| directory.join(format!("lenaview-export-{number}.{extension}")))
        .find(|candidate| !candidate.exists())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Library;

    #[test]
    fn one_exported_publication_is_singular() {
        let path = Path::new("lenaview-export.bib");
        assert_eq!(
            exported_to(1, ExportFormat::Bibtex, path),
            "Exported 1 publication as bibtex to lenaview-export.bib"
        );
        assert!(exported_to(2, ExportFormat::Ris, path).starts_with("Exported 2 publications as ris"));
    }

    #[test]
    fn export_paths_never_name_an_existing_file() {
        let directory = tempfile::tempdir().unwrap();
        let first = unused_export_path(directory.path(), ExportFormat::Csv);
        assert_eq!(first, directory.path().join("lenaview-export.csv"));
        std::fs::write(&first, "").unwrap();
        let second = unused_export_path(directory.path(), ExportFormat::Csv);
        assert_eq!(second, directory.path().join("lenaview-export-2.csv"));
        std::fs::write(&second, "").unwrap();
        assert_eq!(
            unused_export_path(directory.path(), ExportFormat::Csv),
            directory.path().join("lenaview-export-3.csv")
        );
        assert_eq!(
            unused_export_path(directory.path(), ExportFormat::Bibtex),
            directory.path().join("lenaview-export.bib")
        );
    }

    #[test]
    fn formats_parse_from_names_and_extensions_and_print_their_names() {
        for format in ExportFormat::ALL {
            assert_eq!(format.to_string().parse::<ExportFormat>(), Ok(format));
            assert_eq!(format.extension().parse::<ExportFormat>(), Ok(format));
        }
        assert_eq!("BibTeX".parse::<ExportFormat>(), Ok(ExportFormat::Bibtex));
        assert_eq!(ExportFormat::Bibtex.extension(), "bib");
        let err = "endnote".parse::<ExportFormat>().unwrap_err();
        assert!(err.contains("\"endnote\"") && err.contains("bibtex, ris, csv or json"), "{err}");
    }

    #[test]
    fn every_format_writes_something_even_for_no_publications() {
        assert_eq!(export(ExportFormat::Bibtex, &[]), "");
        assert_eq!(export(ExportFormat::Ris, &[]), "");
        assert_eq!(export(ExportFormat::Csl, &[]), "[]\n");
        assert!(export(ExportFormat::Csv, &[]).starts_with("key,title,"));
        let library: Library = serde_json::from_str(&export(ExportFormat::Json, &[])).unwrap();
        assert_eq!(library.publication_count(), 0);
    }
}
