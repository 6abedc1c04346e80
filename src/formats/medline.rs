//! TODO: importer.

use super::{Diagnostic, Imported};

pub fn looks_like(_text: &str) -> bool {
    false
}

pub fn parse(name: &str, _text: &str) -> Result<Imported, Diagnostic> {
    Err(Diagnostic::new(name, 0, "not implemented yet"))
}
