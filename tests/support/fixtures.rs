//! Sample files the project writes itself, under `tests/fixtures/`, read through the public import API.

use lenaview::formats::{self, Diagnostic, Imported};
use lenaview::model::{AbstractSection, Publication};

/// The name messages use (`ris/zotero.ris`) and the bytes of `tests/fixtures/<path>`.
pub fn fixture(path: &str) -> (String, Vec<u8>) {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&full).unwrap_or_else(|err| panic!("{full}: {err}"));
    (path.to_string(), bytes)
}

pub fn import(path: &str) -> Result<Imported, Diagnostic> {
    let (name, bytes) = fixture(path);
    formats::import_bytes(&name, &bytes)
}

pub fn publications(imported: &Imported) -> Vec<&Publication> {
    imported.library.publications().collect()
}

pub fn section(label: &str, text: &str) -> AbstractSection {
    AbstractSection { label: Some(label.to_string()), text: text.to_string() }
}
