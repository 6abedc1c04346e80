//! What a note file holds: a front matter that ties it to its paper, then the note, Markdown as the user wrote it.
//!
//! ```text
//! ---
//! key: "pmid:31433920"
//! paper: "Chari A, Vogl DT, et al. Oral Selinexor-Dexamethasone for … N Engl J Med. 2019"
//! ---
//!
//! The note.
//! ```
//!
//! The front matter is what an editor shows first, as the note's heading, and what Markdown tools (pandoc,
//! Obsidian) read as metadata; values are JSON strings, which YAML reads too. `key` is the way back from the file
//! to the paper, so renaming the file loses nothing; `paper` is rewritten on every save; any other line a user
//! adds there is kept as it is.

/// A note file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteText {
    pub key: String,
    /// Front matter lines other than `key` and `paper`, kept in order and written back unchanged.
    pub extra: Vec<String>,
    /// The note: what follows the front matter, without the blank lines around it.
    pub body: String,
}

/// Why a file in the notes folder is not a note this version can read, and the line (1-based) that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    pub line: usize,
    pub why: String,
}

const FENCE: &str = "---";

/// The file for a note. `paper` is a one-line citation, for the reader of the file.
pub fn render(key: &str, paper: &str, extra: &[String], body: &str) -> String {
    let mut text = format!("{FENCE}\nkey: {}\npaper: {}\n", quoted(key), quoted(&one_line(paper)));
    for line in extra {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(FENCE);
    text.push_str("\n\n");
    let body = trimmed_body(body);
    if !body.is_empty() {
        text.push_str(body);
        text.push('\n');
    }
    text
}

/// Reads a note file's text. A file without the front matter and its `key` is damaged: it is not lenaview's
/// to guess whose note it is.
pub fn parse(text: &str) -> Result<NoteText, Damage> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        let why = "a note starts with a front matter (`---`, then `key: \"...\"`, then `---`)".to_string();
        return Err(Damage { line: 1, why });
    }
    let mut key = None;
    let mut extra = Vec::new();
    let mut consumed = first.len();
    let mut number = 1;
    let mut closed = false;
    for line in lines {
        number += 1;
        consumed += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == FENCE {
            closed = true;
            break;
        }
        match content.split_once(':') {
            Some(("key", value)) => {
                let value = unquoted(value).map_err(|why| Damage { line: number, why })?;
                if value.is_empty() {
                    return Err(Damage { line: number, why: "the key is empty".into() });
                }
                key = Some(value);
            }
            Some(("paper", _)) => {}
            _ => extra.push(content.to_string()),
        }
    }
    if !closed {
        return Err(Damage { line: number, why: "the front matter has no closing `---`".into() });
    }
    let Some(key) = key else {
        return Err(Damage { line: 2, why: "the front matter has no `key:` line naming the paper".into() });
    };
    Ok(NoteText { key, extra, body: trimmed_body(&text[consumed..]).to_string() })
}

/// The note without the blank lines before it and the whitespace after it: what a user sees as the note.
pub fn trimmed_body(body: &str) -> &str {
    let start = body.len() - body.trim_start_matches(['\n', '\r']).len();
    // Leading spaces of the first line are kept: they may be Markdown (an indented code block).
    let first_line_blank = body[start..].lines().next().is_some_and(|line| line.trim().is_empty());
    let body = if first_line_blank { body.trim_start() } else { &body[start..] };
    body.trim_end()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quoted(value: &str) -> String {
    serde_json::Value::String(value.to_string()).to_string()
}

/// A front matter value: a JSON (YAML double-quoted) string, or bare text as a hand-written file may have it.
fn unquoted(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.starts_with('"') {
        serde_json::from_str::<String>(value).map_err(|err| format!("the quoted value is not closed properly ({err})"))
    } else {
        Ok(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_reads_back_as_written() {
        let extra = vec!["tags: [myeloma]".to_string()];
        let text = render("pmid:31433920", "Chari A, et al. \"Oral\"\nselinexor. 2019", &extra, "\n\nFirst.\n\n- a\n");
        assert_eq!(
            text,
            "---\nkey: \"pmid:31433920\"\npaper: \"Chari A, et al. \\\"Oral\\\" selinexor. 2019\"\ntags: [myeloma]\n\
             ---\n\nFirst.\n\n- a\n"
        );
        let read = parse(&text).unwrap();
        assert_eq!(read, NoteText { key: "pmid:31433920".into(), extra, body: "First.\n\n- a".into() });
    }

    #[test]
    fn a_hand_written_file_may_leave_values_bare_and_use_crlf() {
        let read = parse("\u{feff}---\r\nkey: doi:10.1/x\r\ntitle: mine\r\n---\r\n\r\n    code\r\n").unwrap();
        assert_eq!(read.key, "doi:10.1/x");
        assert_eq!(read.extra, ["title: mine"]);
        assert_eq!(read.body, "    code");
        assert_eq!(parse("---\nkey: k\n---").unwrap().body, "");
    }

    #[test]
    fn a_file_that_names_no_paper_is_damaged_with_the_line_that_says_so() {
        for (text, line, why) in [
            ("Just a note\n", 1, "front matter"),
            ("", 1, "front matter"),
            ("---\npaper: x\n---\nbody", 2, "no `key:`"),
            ("---\nkey: k\nbody", 3, "no closing"),
            ("---\nkey: \"k\n---\n", 2, "not closed"),
            ("---\nkey:  \n---\n", 2, "empty"),
        ] {
            let damage = parse(text).unwrap_err();
            assert_eq!(damage.line, line, "{text:?}");
            assert!(damage.why.contains(why), "{text:?}: {}", damage.why);
        }
    }
}
