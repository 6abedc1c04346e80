//! Reading and writing library files. Each format lives in its own module; this one decodes bytes,
//! detects the format from the content (never the file name), cleans what every importer read ([`clean`])
//! and reports problems by file and line.

pub mod cancerindex;
pub mod clean;
mod encoding;
pub mod export;
mod first_records;
pub mod library_folder;
pub mod library_json;
pub mod markup;
pub mod medline;
pub mod months;
mod repeats;
pub mod ris;
pub mod sections;
mod windows1252;

use std::fmt;
use std::path::Path;

use crate::model::Library;
use clean::terminal_safe;
pub use encoding::DecodeError;
pub use first_records::{import_file_start, import_start};

/// A problem in an input file, precise enough to find and fix it: `page.txt:12: entry has no citation line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub file: String,
    /// 1-based line number; 0 when the problem is the file as a whole.
    pub line: usize,
    pub message: String,
}

/// What a diagnostic means for what was read, decided where it is made (never guessed from its words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// Read, repaired or partly left out: the record is there.
    Warning,
    /// A record (or lines that might have been one) was not imported; counted in "N skipped".
    Skip,
    /// Nothing could be read: the file, or the setting, is refused.
    Error,
}

impl Diagnostic {
    pub fn warning(file: &str, line: usize, message: impl Into<String>) -> Self {
        Diagnostic::of_kind(DiagnosticKind::Warning, file, line, message)
    }

    pub fn skipped(file: &str, line: usize, message: impl Into<String>) -> Self {
        Diagnostic::of_kind(DiagnosticKind::Skip, file, line, message)
    }

    pub fn error(file: &str, line: usize, message: impl Into<String>) -> Self {
        Diagnostic::of_kind(DiagnosticKind::Error, file, line, message)
    }

    fn of_kind(kind: DiagnosticKind, file: &str, line: usize, message: impl Into<String>) -> Self {
        Diagnostic { kind, file: file.to_string(), line, message: message.into() }
    }

    pub fn is_skip(&self) -> bool {
        self.kind == DiagnosticKind::Skip
    }

    /// What toml found wrong in `text`, at its line.
    pub fn toml(name: &str, text: &str, err: &toml::de::Error) -> Diagnostic {
        let line = err.span().map_or(0, |span| line_of(text, span.start));
        Diagnostic::error(name, line, err.message().trim().to_string())
    }

    /// A hand-edited file's bytes as text, or an error at the line where they stop being UTF-8.
    pub fn utf8_text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
        std::str::from_utf8(bytes).map_err(|err| {
            let line = bytes[..err.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Diagnostic::error(name, line, "not UTF-8 text")
        })
    }
}

/// The 1-based line of a byte offset in `text`: how a parser's spans (toml's) become the lines messages name.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Safe to print on a terminal: a file name or a message quoting a file may hold control characters.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, message) = (terminal_safe(&self.file), terminal_safe(&self.message));
        if self.line == 0 { write!(f, "{file}: {message}") } else { write!(f, "{file}:{}: {message}", self.line) }
    }
}

impl std::error::Error for Diagnostic {}

/// A successful import, with the records that were skipped or repaired (each names its line).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub library: Library,
    pub warnings: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    LibraryJson,
    CancerIndexPage,
    Medline,
    Ris,
}

/// Text from bytes: UTF-8 when it is, else Windows-1252 (Latin-1 with quotes and dashes where Latin-1 has
/// controls; every byte is a character there, so nothing is lost), or UTF-16 after its byte-order mark; a
/// byte-order mark is dropped and CRLF/CR line endings become LF so every parser sees one kind of line.
/// Broken UTF-16 reads as U+FFFD here; importing refuses it (`decode_checked`).
pub fn decode(bytes: &[u8]) -> String {
    encoding::decode_lossy(bytes)
}

/// As `decode`, but bytes that are not the encoding their byte-order mark names (broken UTF-16, or UTF-32) are an
/// error naming the encoding and the line.
pub fn decode_checked(bytes: &[u8]) -> Result<String, DecodeError> {
    encoding::decode_checked(bytes)
}

/// Which format a text is in, from its content.
pub fn detect(text: &str) -> Option<Format> {
    let first = text.lines().map(str::trim).find(|line| !line.is_empty())?;
    if first.starts_with('{') {
        return Some(Format::LibraryJson);
    }
    if cancerindex::looks_like(text) {
        return Some(Format::CancerIndexPage);
    }
    if medline::looks_like(text) {
        return Some(Format::Medline);
    }
    if ris::looks_like(text) {
        return Some(Format::Ris);
    }
    None
}

/// Imports one file's bytes; `name` is what messages call the file. Every format's text is cleaned in one
/// place, here: markup read as plain text, control characters removed (with a warning naming what was).
pub fn import_bytes(name: &str, bytes: &[u8]) -> Result<Imported, Diagnostic> {
    let text = decode_checked(bytes).map_err(|err| Diagnostic::error(name, err.line, err.message))?;
    import_text(name, &text)
}

/// As [`import_bytes`], taking the bytes, which usually become the text without a copy.
pub fn import_owned_bytes(name: &str, bytes: Vec<u8>) -> Result<Imported, Diagnostic> {
    let text = encoding::decode_owned(bytes).map_err(|err| Diagnostic::error(name, err.line, err.message))?;
    import_text(name, &text)
}

fn import_text(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(name, 0, "the file is empty"));
    }
    let mut imported = parse_detected(name, text)?;
    let removals = clean::clean_library(name, text, &mut imported.library);
    imported.warnings.extend(removals);
    Ok(imported)
}

fn parse_detected(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    match detect(text) {
        Some(Format::LibraryJson) => library_json::parse(name, text),
        Some(Format::CancerIndexPage) => cancerindex::parse(name, text),
        Some(Format::Medline) => medline::parse(name, text),
        Some(Format::Ris) => ris::parse(name, text),
        None => Err(Diagnostic::error(
            name,
            1,
            "not a format lenaview reads (library JSON, CancerIndex page text, PubMed MEDLINE or RIS)",
        )),
    }
}

/// Imports a file from disk.
pub fn import_file(path: &Path) -> Result<Imported, Diagnostic> {
    let bytes = read_source(path)?;
    import_owned_bytes(&path.display().to_string(), bytes)
}

/// Whether `path` can be read only once: a pipe (`lenaview <(curl …)`), a FIFO, a terminal. Such a source is never
/// read ahead (a first look, a hash beside the cache) nor cached: what one read took, the next would not find.
pub fn is_read_once(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| !metadata.is_file())
}

/// A source file's bytes, or the diagnostic every importer gives for a file it cannot read.
pub fn read_source(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(path).map_err(|err| Diagnostic::error(&path.display().to_string(), 0, format!("cannot read: {err}")))
}

/// The page text shipped in `assets/`, the source of the bundled library.
pub const BUNDLED_PAGE_TEXT: &str = include_str!("../../assets/lenalidomide-cancerindex.txt");

/// The bundled Lenalidomide library, embedded at build time so lenaview needs no files and no network.
pub fn bundled() -> Library {
    serde_json::from_str(include_str!("../../assets/lenalidomide.json"))
        .expect("the bundled library is valid JSON (tested)")
}

/// The file name without folders or extension, for "Imported ▸ NAME" topics.
pub fn file_stem(name: &str) -> String {
    Path::new(name).file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_keeps_latin1_and_normalises_line_endings() {
        assert_eq!(decode(b"M\xfcller\r\nA\rB"), "Müller\nA\nB");
        assert_eq!(decode(b"\x93M\xfcller\x94 \x96 1999"), "“Müller” – 1999", "Windows-1252, not C1 controls");
        assert_eq!(decode("\u{feff}TY  - JOUR".as_bytes()), "TY  - JOUR");
    }

    #[test]
    fn diagnostics_show_control_characters_inert() {
        let diagnostic = Diagnostic::error("a\u{1b}]0;x\u{7}.ris", 3, "bad \u{9b}2J title");
        assert_eq!(diagnostic.to_string(), "a␛]0;x␇.ris:3: bad \u{fffd}2J title");
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones() {
        let samples: [&[u8]; 8] = [
            b"plain text\nline",
            b"M\xfcller\r\nA\rB",
            "\u{feff}TY  - JOUR\r\n".as_bytes(),
            b"\xFF\xFEa\x00\r\x00\n\x00",
            b"\xFE\xFF\x00a",
            b"\xFF\xFE\x00\x00a\x00\x00\x00",
            b"\xFF\xFEa",
            b"",
        ];
        for bytes in samples {
            assert_eq!(encoding::decode_owned(bytes.to_vec()), decode_checked(bytes), "{bytes:?}");
        }
    }

    #[test]
    fn importers_say_which_problems_skipped_a_record() {
        // The second record has no title and is skipped; the first lost a repeated field and is kept.
        let ris = "TY  - JOUR\nTI  - Kept\nDO  - 10.1/a\nDO  - 10.1/b\nER  - \nTY  - JOUR\nAU  - Nobody\nER  - \n";
        let imported = import_bytes("a.ris", ris.as_bytes()).unwrap();
        let kinds: Vec<_> = imported.warnings.iter().map(|warning| (warning.line, warning.kind)).collect();
        assert_eq!(kinds, [(4, DiagnosticKind::Warning), (6, DiagnosticKind::Skip)], "{:?}", imported.warnings);
        assert_eq!(import_bytes("a.txt", b"").unwrap_err().kind, DiagnosticKind::Error);
    }

    #[test]
    fn empty_and_unknown_input_are_errors_naming_the_file() {
        assert_eq!(import_bytes("a.txt", b"").unwrap_err().to_string(), "a.txt: the file is empty");
        let err = import_bytes("b.txt", b"just some prose\nwith no structure").unwrap_err();
        assert!(err.to_string().starts_with("b.txt:1: not a format"), "{err}");
    }
}
