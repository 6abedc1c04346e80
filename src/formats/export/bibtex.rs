//! BibTeX: one entry per publication, of the type its record kind calls for (`@article`, `@incollection` for a
//! book chapter, ...), with keys that are unique within the export and stable across runs (`chari2019oral`, then
//! `chari2019orala`, `chari2019oralb` for later namesakes).

mod keys;

use std::fmt::Write as _;

use super::fields::{month, page_range, push_dotted_initials, split_author};
use super::written::{self, AbstractText, Buffers, InPublications, Marked, Publications, push_integer};
use crate::model::{Publication, RecordKind};

#[cfg(test)]
pub(super) use keys::{STOP_WORDS, fold_latin, letter_suffix};
pub use keys::{base_key, unique_keys};

/// Every publication as a BibTeX entry, separated by blank lines.
pub fn to_string(publications: &[&Publication]) -> String {
    let mut text = String::new();
    parts_in_order(publications, &InPublications, &mut |part| text.push_str(&part));
    text
}

/// [`to_string`] in parts, each handed to `take` as soon as it and those before it are written, each abstract from
/// `abstracts`.
pub fn parts_in_order<P: Publications + ?Sized>(
    publications: &P,
    abstracts: &dyn AbstractText,
    take: &mut dyn FnMut(String),
) {
    let keys = unique_keys(publications.listed());
    let write = |position: usize, publication: &Publication, buffers: &mut Buffers| {
        if position > 0 {
            buffers.text.push('\n');
        }
        write_entry(publication, &keys[position], buffers);
    };
    written::on_every_core_in_order(publications, abstracts, write, take);
}

/// One `@article{key, ...}` (or `@incollection`, ...) entry, ending in a newline.
pub fn entry(publication: &Publication, key: &str) -> String {
    let mut buffers = Buffers::default();
    write_entry(publication, key, &mut buffers);
    buffers.text
}

fn write_entry(publication: &Publication, key: &str, buffers: &mut Buffers) {
    let Buffers { text, scratch, abstracts } = buffers;
    let (entry_type, container_field) = entry_type(publication.kind);
    let _ = write!(text, "@{entry_type}{{{key}");
    if publication.authors.iter().any(|name| !name.trim().is_empty()) {
        field(text, "author");
        text.push('{');
        push_author_list(text, publication);
        text.push('}');
    }
    if !publication.title.trim().is_empty() {
        // Double braces keep the title's capitalisation from bibliography styles that lowercase it.
        field(text, "title");
        text.push_str("{{");
        push_escaped(text, publication.title.trim());
        text.push_str("}}");
    }
    push_text(text, container_field, Some(&publication.journal));
    if let Some(year) = publication.year {
        text.push_str(",\n  year = {");
        push_integer(text, year);
        text.push('}');
    }
    if let Some(month) = publication.date.as_deref().and_then(month) {
        // The standard month macros, so styles print the month in their own language and form.
        const MACROS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        if let Some(name) = MACROS.get(usize::from(month) - 1) {
            field(text, "month");
            text.push_str(name);
        }
    }
    push_text(text, "volume", publication.volume.as_deref());
    push_text(text, "number", publication.issue.as_deref());
    if let Some(pages) = publication.pages.as_deref().filter(|pages| !pages.trim().is_empty()) {
        field(text, "pages");
        text.push('{');
        match page_range(pages) {
            (first, Some(last)) => {
                push_escaped(text, first);
                text.push_str("--");
                push_escaped(text, &last);
            }
            (whole, None) => push_escaped(text, whole),
        }
        text.push('}');
    }
    if let Some(doi) = publication.doi.as_deref().map(str::trim).filter(|doi| !doi.is_empty()) {
        field(text, "doi");
        text.push('{');
        push_escaped_verbatim(text, doi);
        text.push('}');
    }
    push_text(text, "pmid", publication.pmid.as_deref());
    push_text(text, "pmcid", publication.pmc.as_deref());
    scratch.clear();
    abstracts.push(publication, scratch, "\n");
    push_text(text, "abstract", Some(scratch));
    // The reader's own annotations: biblatex and JabRef read `keywords` as a comma-separated list.
    scratch.clear();
    written::push_joined(scratch, &publication.tags, ", ");
    push_text(text, "keywords", Some(scratch));
    push_text(text, "note", publication.note.as_deref());
    text.push_str("\n}\n");
}

/// The start of a field: `,` after the one before, and `  name = ` on a line of its own.
fn field(text: &mut String, name: &str) {
    text.push_str(",\n  ");
    text.push_str(name);
    text.push_str(" = ");
}

/// The entry type for what a record is, and the field that names where it appeared (`journal` holds it in the
/// model). BibTeX's standard types only: every style knows them. A thesis's degree is not recorded, so it is
/// taken for a PhD thesis, the usual case in the literature lenaview reads.
pub(super) fn entry_type(kind: RecordKind) -> (&'static str, &'static str) {
    match kind {
        RecordKind::Article | RecordKind::Preprint => ("article", "journal"),
        RecordKind::Chapter => ("incollection", "booktitle"),
        RecordKind::ConferencePaper => ("inproceedings", "booktitle"),
        RecordKind::Book => ("book", "journal"),
        RecordKind::Thesis => ("phdthesis", "journal"),
        RecordKind::Report => ("techreport", "journal"),
        RecordKind::Dataset | RecordKind::WebPage | RecordKind::Patent | RecordKind::Other => ("misc", "howpublished"),
    }
}

/// `name = {value}`, escaped, when the value is more than blanks.
fn push_text(text: &mut String, name: &str, value: Option<&str>) {
    if let Some(value) = value.map(|value| value.trim()).filter(|value| !value.is_empty()) {
        field(text, name);
        text.push('{');
        push_escaped(text, value);
        text.push('}');
    }
}

/// "Chari, A. and Vogl, D. T. and others". Corporate authors are braced so BibTeX neither splits them
/// at an "and" nor takes their last word for a family name.
fn push_author_list(text: &mut String, publication: &Publication) {
    let mut names = publication.authors.iter().filter(|name| !name.trim().is_empty()).peekable();
    let any = names.peek().is_some();
    for (at, name) in names.enumerate() {
        if at > 0 {
            text.push_str(" and ");
        }
        let author = split_author(name);
        match author.initials {
            Some(initials) if !author.family.contains([' ', ',']) => {
                push_escaped(text, author.family);
                text.push_str(", ");
                push_dotted_initials(text, initials);
            }
            // Braced so "van der Berg" stays one family name (not a von part and a last name), and a comma
            // cannot be taken for the family/given separator.
            Some(initials) => {
                text.push('{');
                push_escaped(text, author.family);
                text.push_str("}, ");
                push_dotted_initials(text, initials);
            }
            None => {
                text.push('{');
                push_escaped(text, author.family);
                text.push('}');
            }
        }
    }
    if publication.et_al && any {
        text.push_str(" and others");
    }
}

/// Text made safe for a braced BibTeX field: LaTeX's special characters become commands that print
/// them, braces included (as commands, because `\{` still counts towards BibTeX's brace balance).
/// Unicode stays UTF-8, which biber and modern BibTeX read directly.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    push_escaped(&mut escaped, text);
    escaped
}

/// The bytes [`push_escaped`] may have to replace: a hyphen after another, and what the `match` there names.
const ESCAPED: Marked = Marked::controls_and(b"\\{}~^%&$#_-");

/// [`escape`] written at the end of `escaped`: runs of text with nothing to escape are copied whole.
fn push_escaped(escaped: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let (mut copied, mut at) = (0, 0);
    loop {
        at = ESCAPED.next_in(bytes, at);
        let Some(&byte) = bytes.get(at) else { break };
        let next = bytes.get(at + 1).copied();
        // What replaces the char at `at` (ASCII, or a C1 control's two bytes), and how many bytes it takes.
        let (replacement, taken) = match byte {
            b'\\' => ("\\textbackslash{}", 1),
            b'{' => ("\\textbraceleft{}", 1),
            b'}' => ("\\textbraceright{}", 1),
            b'~' => ("\\textasciitilde{}", 1),
            b'^' => ("\\textasciicircum{}", 1),
            b'%' => ("\\%", 1),
            b'&' => ("\\&", 1),
            b'$' => ("\\$", 1),
            b'#' => ("\\#", 1),
            b'_' => ("\\_", 1),
            // "--" would print as a dash; an empty group keeps the two hyphens the source had.
            b'-' if at > 0 && bytes[at - 1] == b'-' => ("{}-", 1),
            // CRLF and lone CR become LF: one kind of line break, and never a control character in the file.
            b'\r' if next == Some(b'\n') => ("", 1),
            b'\r' => ("\n", 1),
            b'\n' => ("\n", 1),
            _ if byte < b' ' || byte == 0x7f => (" ", 1),
            // U+0080..U+009F, the C1 controls.
            0xc2 if next.is_some_and(|next| (0x80..=0x9f).contains(&next)) => (" ", 2),
            _ => {
                at += 1;
                continue;
            }
        };
        escaped.push_str(&text[copied..at]);
        escaped.push_str(replacement);
        at += taken;
        copied = at;
    }
    escaped.push_str(&text[copied..]);
}

/// For verbatim fields (`doi`), which readers take literally except for braces and backslashes.
pub(super) fn push_escaped_verbatim(escaped: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '{' | '}' | '\\' => {
                escaped.push('\\');
                escaped.push(c);
            }
            _ if c.is_control() => {}
            _ => escaped.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::sample_publication as chari;

    #[test]
    fn entry_has_every_known_field() {
        let expected = "@article{chari2019oral,\n  author = {Chari, A. and Vogl, D. T. and others},\n  \
            title = {{Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma.}},\n  \
            journal = {N Engl J Med},\n  year = {2019},\n  month = aug,\n  volume = {381},\n  number = {8},\n  \
            pages = {727--738},\n  doi = {10.1056/NEJMoa1903455},\n  pmid = {31433920}\n}\n";
        assert_eq!(entry(&chari(), &base_key(&chari())), expected);
    }

    #[test]
    fn the_entry_type_follows_the_record_kind_and_a_chapter_names_its_book() {
        let chapter = Publication { kind: RecordKind::Chapter, journal: "Myeloma Therapy".into(), ..chari() };
        let text = entry(&chapter, "k");
        assert!(text.starts_with("@incollection{k,\n"), "{text}");
        assert!(text.contains("\n  booktitle = {Myeloma Therapy},\n") && !text.contains("journal"), "{text}");
        for (kind, start, container) in [
            (RecordKind::Article, "@article{k,", "journal"),
            (RecordKind::ConferencePaper, "@inproceedings{k,", "booktitle"),
            (RecordKind::Book, "@book{k,", "journal"),
            (RecordKind::Thesis, "@phdthesis{k,", "journal"),
            (RecordKind::Report, "@techreport{k,", "journal"),
            (RecordKind::Dataset, "@misc{k,", "howpublished"),
            (RecordKind::WebPage, "@misc{k,", "howpublished"),
        ] {
            let text = entry(&Publication { kind, ..chari() }, "k");
            assert!(text.starts_with(start), "{kind:?}: {text}");
            assert!(text.contains(&format!("\n  {container} = {{N Engl J Med}},")), "{kind:?}: {text}");
        }
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape(r"50% & $5 #1 a_b {x} \n ~ ^"),
            concat!(
                r"50\% \& \$5 \#1 a\_b \textbraceleft{}x\textbraceright{} \textbackslash{}n ",
                r"\textasciitilde{} \textasciicircum{}"
            )
        );
        assert_eq!(escape("a--b---c"), "a-{}-b-{}-{}-c");
        assert_eq!(escape("Müller–α\u{7}"), "Müller–α ");
        assert_eq!(escape("a\r\nb\rc\nd"), "a\nb\nc\nd");
    }

    #[test]
    fn corporate_and_multi_word_family_names_are_braced() {
        let publication = Publication {
            authors: vec![
                "van der Berg J".into(),
                "Myeloma Working Group".into(),
                "Smith & Jones AB".into(),
                "Doe, Jr JD".into(),
            ],
            title: "T".into(),
            ..Publication::default()
        };
        let text = entry(&publication, "k");
        assert!(
            text.contains("author = {{van der Berg}, J. and {Myeloma Working Group} and {Smith \\& Jones}, A. B. and {Doe, Jr}, J. D.}"),
            "{text}"
        );
    }
}
