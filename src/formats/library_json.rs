//! The library JSON that `lenaview import` writes, read back.

use super::{Diagnostic, Imported};
use crate::model::Library;

pub fn parse(name: &str, text: &str) -> Result<Imported, Diagnostic> {
    let library: Library = serde_json::from_str(text)
        .map_err(|err| Diagnostic::error(name, err.line(), format!("invalid library JSON: {err}")))?;
    Ok(Imported { library, warnings: Vec::new() })
}

/// Pretty JSON with a final newline, as committed in `assets/` and printed by `lenaview import`.
pub fn to_string(library: &Library) -> String {
    let mut text = serde_json::to_string_pretty(library).expect("a library always serialises");
    text.push('\n');
    text
}
