//! The layers a newcomer reads from the tree hold: no module of the library names a layer above its own.
//! The binary sits on top: `src/cli/` starts the reader through `src/event_loop.rs`, which uses `src/terminal.rs`,
//! `src/browser.rs` and `src/follow_worker.rs`, and none of those names the command line back.

use std::path::Path;

/// Each top-level module of the library and its height; a module may name only modules of its height or lower.
const LAYERS: [(&str, u8); 14] = [
    ("model", 0),
    ("durable", 0),
    ("parallel", 0),
    ("synthetic", 1),
    ("marks", 1),
    ("notes", 1),
    ("formats", 1),
    ("follow", 2),
    ("cache", 2),
    ("search", 3),
    ("words", 3),
    ("app", 4),
    ("ui", 5),
    // Re-exports and the crate root's doc name every layer.
    ("lib", 6),
];

fn height(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(name, _)| *name == module).map(|(_, height)| *height)
}

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// The layer a file belongs to: `src/formats/ris.rs` is in `formats`, `src/model.rs` in `model`.
fn layer_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

/// Each `crate::X` in `text` whose layer is above `own`, with its 1-based line.
fn upward_names(own: u8, text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices("crate::") {
            let named: String =
                line[at + "crate::".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if height(&named).is_some_and(|other| other > own) {
                found.push((number + 1, named));
            }
        }
    }
    found
}

#[test]
fn no_module_names_a_layer_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut breaches = Vec::new();
    let mut checked = 0;
    for file in &files {
        let layer = layer_of(&src, file);
        let Some(own) = height(&layer) else { continue };
        checked += 1;
        let text = std::fs::read_to_string(file).unwrap();
        for (line, named) in upward_names(own, &text) {
            breaches.push(format!("{}:{line}: {layer} names {named}", file.display()));
        }
    }
    assert!(checked > 50, "the library's files were found ({checked})");
    assert!(breaches.is_empty(), "layers crossed upwards:\n{}", breaches.join("\n"));
}

#[test]
fn the_check_sees_a_breach() {
    let model = height("model").unwrap();
    let text = "use crate::durable::write_atomically;\nuse crate::search::Index; // crate::ui too\n";
    assert_eq!(upward_names(model, text), [(2, "search".to_string()), (2, "ui".to_string())]);
    assert!(upward_names(height("ui").unwrap(), text).is_empty());
    assert_eq!(layer_of(Path::new("/x/src"), Path::new("/x/src/formats/ris/record.rs")), "formats");
}

#[test]
fn the_event_loop_and_its_helpers_do_not_name_the_command_line() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in ["event_loop.rs", "terminal.rs", "browser.rs", "follow_worker.rs"] {
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        assert!(!text.contains("crate::cli"), "src/{file} names crate::cli: the command line starts the loop");
    }
}
