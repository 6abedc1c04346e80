//! CSL JSON, the bibliography that pandoc's `--citeproc`, Zotero and every citeproc processor read: an array of
//! items with a CSL type, names split into family and given, a machine-readable date and the identifiers.
//!
//! Item ids are the BibTeX keys, so `[@chari2019oral]` in a manuscript cites the same paper whichever of the
//! two files it is rendered with.

use std::borrow::Cow;

use serde::Serialize;

mod pretty;

use super::bibtex::unique_keys;
use super::fields::{page_range, push_dotted_initials, split_author};
use super::written::{self, AbstractText, Buffers, InPublications, Publications};
use crate::formats::months;
use crate::model::{CompactString, Publication, RecordKind};

/// Every publication as one CSL JSON array, pretty-printed (people diff and review these files).
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
    if publications.listed().is_empty() {
        return take("[]\n".to_string());
    }
    let keys = unique_keys(publications.listed());
    let write = |position: usize, publication: &Publication, buffers: &mut Buffers| {
        let Buffers { text, scratch, abstracts } = buffers;
        text.push_str(if position == 0 { "[\n  " } else { ",\n  " });
        scratch.clear();
        abstracts.push(publication, scratch, "\n");
        let item = item_with_abstract(publication, &keys[position], non_empty(scratch).map(Cow::Borrowed));
        pretty::push_item(text, &item);
    };
    written::on_every_core_in_order(publications, abstracts, write, take);
    take("\n]\n".to_string());
}

/// One CSL item; empty fields are left out, as citeproc expects of unknown values. It borrows what it can of the
/// publication: an export makes one for each of tens of thousands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub item_type: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<Name<'a>>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    pub container_title: Option<&'a str>,
    #[serde(rename = "container-title-short", skip_serializing_if = "Option::is_none")]
    pub container_title_short: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issued: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<Cow<'a, str>>,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    pub doi: Option<&'a str>,
    #[serde(rename = "PMID", skip_serializing_if = "Option::is_none")]
    pub pmid: Option<&'a str>,
    #[serde(rename = "PMCID", skip_serializing_if = "Option::is_none")]
    pub pmcid: Option<&'a str>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    pub abstract_text: Option<Cow<'a, str>>,
    /// The reader's tags, comma-separated, as Zotero writes CSL `keyword`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
}

/// A person (family and given names) or a group, which CSL keeps whole as a literal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Name<'a> {
    Person { family: &'a str, given: CompactString },
    Group { literal: &'a str },
}

/// `{"date-parts": [[2019, 8, 22]]}`, with the season when the source prints one ("2018 Fall").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Date {
    #[serde(rename = "date-parts")]
    pub date_parts: DateParts,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub season: Option<u8>,
}

/// A date's parts as far as the source prints them: the year, then the month and day if known. CSL wants them as a
/// list in a list, `[[2019, 8, 22]]`, which is what they print as; kept in place, without two lists made for each
/// of the tens of thousands of items an export dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    parts: [i32; 3],
    count: usize,
}

impl DateParts {
    /// The first three of `parts` at most.
    pub fn new(parts: &[i32]) -> DateParts {
        let count = parts.len().min(3);
        let mut kept = [0; 3];
        kept[..count].copy_from_slice(&parts[..count]);
        DateParts { parts: kept, count }
    }

    pub fn as_slice(&self) -> &[i32] {
        &self.parts[..self.count]
    }
}

impl Serialize for DateParts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.as_slice()].serialize(serializer)
    }
}

pub fn item<'a>(publication: &'a Publication, key: &'a str) -> Item<'a> {
    item_with_abstract(publication, key, non_empty_owned(publication.abstract_text()).map(Cow::Owned))
}

/// [`item`], its abstract written beforehand: an export writes each into one buffer, reused from item to item.
fn item_with_abstract<'a>(publication: &'a Publication, key: &'a str, abstract_text: Option<Cow<'a, str>>) -> Item<'a> {
    let journal = non_empty(&publication.journal);
    let (container_title, publisher) = match container_role(publication.kind) {
        Container::Title => (journal, None),
        Container::Publisher => (None, journal),
    };
    // PubMed prints only the journal's abbreviation; the full title is unknown, so the abbreviation stands
    // for both, and styles that abbreviate journals (Vancouver, AMA) find it where they look.
    let container_title_short = match publication.kind {
        RecordKind::Article | RecordKind::Preprint => journal,
        _ => None,
    };
    Item {
        id: key,
        item_type: item_type(publication.kind),
        title: publication.title.trim(),
        author: publication.authors.iter().filter(|name| !name.trim().is_empty()).map(|name| csl_name(name)).collect(),
        container_title,
        container_title_short,
        publisher,
        issued: publication.year.map(|year| issued(year, publication.date.as_deref().unwrap_or_default())),
        volume: publication.volume.as_deref().and_then(non_empty),
        issue: publication.issue.as_deref().and_then(non_empty),
        page: publication.pages.as_deref().and_then(non_empty).map(page_with_hyphen),
        doi: publication.doi.as_deref().and_then(non_empty),
        pmid: publication.pmid.as_deref().and_then(non_empty),
        pmcid: publication.pmc.as_deref().and_then(non_empty),
        abstract_text,
        keyword: non_empty_owned(publication.tags.join(", ")),
        note: publication.note.as_deref().and_then(non_empty),
    }
}

/// The CSL type for what a record is; `document` when lenaview does not know.
pub fn item_type(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Article => "article-journal",
        // CSL's plain `article` is the type for preprints (Zotero maps its preprints to it).
        RecordKind::Preprint => "article",
        RecordKind::Chapter => "chapter",
        RecordKind::Book => "book",
        RecordKind::Thesis => "thesis",
        RecordKind::ConferencePaper => "paper-conference",
        RecordKind::Dataset => "dataset",
        RecordKind::Report => "report",
        RecordKind::WebPage => "webpage",
        RecordKind::Patent => "patent",
        RecordKind::Other => "document",
    }
}

enum Container {
    Title,
    Publisher,
}

/// What the model's `journal` is for each kind: where the work appeared (journal, book, proceedings, site),
/// or, for works that stand alone, who put it out (university, agency, repository such as Zenodo).
fn container_role(kind: RecordKind) -> Container {
    match kind {
        RecordKind::Book | RecordKind::Thesis | RecordKind::Report | RecordKind::Dataset => Container::Publisher,
        _ => Container::Title,
    }
}

/// The page range as CSL writes it, first and last page joined by a hyphen ("727-738", "727-38" expanded to
/// "727-738"); the text as it is when it already reads so, or is no range.
fn page_with_hyphen(pages: &str) -> Cow<'_, str> {
    match page_range(pages) {
        (first, Some(last)) => {
            let trimmed = pages.trim();
            let as_is = trimmed.len() == first.len() + 1 + last.len()
                && trimmed.starts_with(first)
                && trimmed[first.len()..].starts_with('-')
                && trimmed.ends_with(&*last);
            if as_is { Cow::Borrowed(trimmed) } else { Cow::Owned(format!("{first}-{last}")) }
        }
        (whole, None) => Cow::Borrowed(whole),
    }
}

/// "Vogl DT" → family "Vogl", given "D. T.": dotted, because citeproc takes undotted "DT" for a given name and
/// would shorten it to "D.". Names without initials are groups ("Myeloma Working Group").
pub fn csl_name(name: &str) -> Name<'_> {
    let author = split_author(name);
    match author.initials {
        Some(initials) => {
            let mut given = CompactString::default();
            push_dotted_initials(&mut given, initials);
            Name::Person { family: author.family, given }
        }
        None => Name::Group { literal: author.family },
    }
}

/// The printed date as date parts: "2019 Aug 22" → [2019, 8, 22], "2019 Aug-Sep" → [2019, 8],
/// "2018 Fall" → [2018] in season 3. Only the year is trusted when the words after it are not a month and day.
pub fn issued(year: i32, printed: &str) -> Date {
    // Without a string made for each item: an export dates tens of thousands.
    let mut after_year = printed.split_whitespace();
    if !after_year.next().is_some_and(|first| names_year(first, year)) {
        after_year = "".split_whitespace();
    }
    let month = after_year.next().and_then(|word| word.split('-').next()).and_then(month_number);
    let day = after_year.next().and_then(|word| word.parse::<i32>().ok()).filter(|day| (1..=31).contains(day));
    let date_parts = match (month, day) {
        (Some(month), Some(day)) => DateParts::new(&[year, month, day]),
        (Some(month), None) => DateParts::new(&[year, month]),
        _ => DateParts::new(&[year]),
    };
    let season = if month.is_none() { printed.split_whitespace().find_map(season) } else { None };
    Date { date_parts, season }
}

/// Whether `word` is `year` as it is printed ("2019"; not "02019" nor "+2019").
fn names_year(word: &str, year: i32) -> bool {
    word == itoa::Buffer::new().format(year)
}

/// A month's number from a word of a printed date ("Aug", "Sept.").
fn month_number(word: &str) -> Option<i32> {
    months::number(word.trim_end_matches('.')).map(i32::from)
}

/// CSL's seasons: 1 spring, 2 summer, 3 autumn, 4 winter.
fn season(word: &str) -> Option<u8> {
    const SEASONS: [(&str, u8); 5] = [("spring", 1), ("summer", 2), ("fall", 3), ("autumn", 3), ("winter", 4)];
    let named = |lower: &str| {
        let lower = lower.trim_end_matches('.');
        SEASONS.iter().find(|(name, _)| lower.eq_ignore_ascii_case(name)).map(|&(_, number)| number)
    };
    // An ASCII word (nearly every date's) is compared without a lowercase copy.
    if word.is_ascii() { named(word) } else { named(&word.to_lowercase()) }
}

fn non_empty(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

/// [`non_empty`] of a string made for the item: kept as it is unless it has blanks to trim.
fn non_empty_owned(text: String) -> Option<String> {
    match non_empty(&text)? {
        trimmed if trimmed.len() == text.len() => Some(text),
        trimmed => Some(trimmed.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample_publication as chari;
    use serde_json::{Value, json};

    #[test]
    fn an_article_has_every_field_citeproc_reads() {
        let value: Value = serde_json::from_str(&to_string(&[&chari()])).unwrap();
        assert_eq!(
            value,
            json!([{
                "id": "chari2019oral",
                "type": "article-journal",
                "title": "Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma.",
                "author": [{"family": "Chari", "given": "A."}, {"family": "Vogl", "given": "D. T."}],
                "container-title": "N Engl J Med",
                "container-title-short": "N Engl J Med",
                "issued": {"date-parts": [[2019, 8, 22]]},
                "volume": "381",
                "issue": "8",
                "page": "727-738",
                "DOI": "10.1056/NEJMoa1903455",
                "PMID": "31433920"
            }])
        );
    }

    #[test]
    fn ids_are_the_bibtex_keys_even_for_namesakes() {
        let (first, second) = (chari(), Publication { pmid: None, ..chari() });
        let value: Value = serde_json::from_str(&to_string(&[&first, &second])).unwrap();
        assert_eq!(value[0]["id"], "chari2019oral");
        assert_eq!(value[1]["id"], "chari2019orala");
        assert_eq!(to_string(&[]), "[]\n");
    }

    #[test]
    fn dates_become_date_parts_as_far_as_the_source_prints_them() {
        let parts = |printed: &str| issued(2019, printed);
        let date = |date_parts: Vec<i32>, season| Date { date_parts: DateParts::new(&date_parts), season };
        assert_eq!(parts("2019 Aug 22"), date(vec![2019, 8, 22], None));
        assert_eq!(parts("2019 Aug"), date(vec![2019, 8], None));
        assert_eq!(parts("2019 Aug-Sep"), date(vec![2019, 8], None));
        assert_eq!(parts("2019 Sept 3"), date(vec![2019, 9, 3], None));
        assert_eq!(parts("2019"), date(vec![2019], None));
        assert_eq!(parts(""), date(vec![2019], None));
        assert_eq!(parts("2019 Fall"), date(vec![2019], Some(3)));
        assert_eq!(parts("Winter 2019"), date(vec![2019], Some(4)));
        assert_eq!(parts("2019 Aug 32"), date(vec![2019, 8], None));
        assert_eq!(parts("2019 Mayday"), date(vec![2019], None));
        assert_eq!(parts("2019 Augu 3"), date(vec![2019], None), "a month is named whole or by 3 letters");
        assert_eq!(parts("2019 AUGUST 3"), date(vec![2019, 8, 3], None));
        assert_eq!(parts("2018 Aug 22"), date(vec![2019], None), "another year's month is not this year's");
        assert_eq!(parts("02019 Aug 22"), date(vec![2019], None), "a year is printed as it is");
        assert_eq!(parts("+2019 Aug 22"), date(vec![2019], None));
        assert_eq!(parts("20190 Aug 22"), date(vec![2019], None));
        assert_eq!(issued(-5, "-5 Aug"), date(vec![-5, 8], None));
        assert_eq!(issued(i32::MIN, &format!("{} Aug", i32::MIN)), date(vec![i32::MIN, 8], None));
        assert_eq!(parts("2019 SPRING."), date(vec![2019], Some(1)));
        assert_eq!(parts("2019 Été"), date(vec![2019], None));
    }

    #[test]
    fn pages_are_joined_by_a_hyphen_and_borrowed_when_they_read_so_already() {
        for (pages, joined) in
            [("727-738", "727-738"), (" 727-738 ", "727-738"), ("727-38", "727-738"), ("727 – 738", "727-738")]
        {
            assert_eq!(page_with_hyphen(pages), joined, "{pages:?}");
        }
        assert_eq!(page_with_hyphen("e12"), "e12");
        assert!(matches!(page_with_hyphen("727-738"), Cow::Borrowed(_)));
        assert!(matches!(page_with_hyphen("727-38"), Cow::Owned(_)));
    }

    #[test]
    fn date_parts_print_as_a_list_in_a_list() {
        let json = |parts: &[i32]| serde_json::to_string(&DateParts::new(parts)).unwrap();
        assert_eq!(json(&[2019, 8, 22]), "[[2019,8,22]]");
        assert_eq!(json(&[2019]), "[[2019]]");
        let date = Date { date_parts: DateParts::new(&[2018]), season: Some(3) };
        assert_eq!(serde_json::to_value(date).unwrap(), json!({"date-parts": [[2018]], "season": 3}));
    }

    #[test]
    fn people_are_split_and_groups_kept_whole() {
        let person = |family: &'static str, given: &str| Name::Person { family, given: given.into() };
        assert_eq!(csl_name("Chari A"), person("Chari", "A."));
        assert_eq!(csl_name("van der Berg J-P"), person("van der Berg", "J.-P."));
        assert_eq!(csl_name("Myeloma Working Group"), Name::Group { literal: "Myeloma Working Group" });
        let json = serde_json::to_value(csl_name("Myeloma Working Group")).unwrap();
        assert_eq!(json, json!({"literal": "Myeloma Working Group"}));
    }

    #[test]
    fn the_kind_chooses_the_type_and_where_the_journal_field_goes() {
        let chapter = Publication { kind: RecordKind::Chapter, journal: "Myeloma Therapy".into(), ..chari() };
        let chapter = item(&chapter, "k");
        assert_eq!(chapter.item_type, "chapter");
        assert_eq!(chapter.container_title, Some("Myeloma Therapy"));
        assert_eq!(chapter.container_title_short, None, "a book's title is not an abbreviation");
        let thesis = Publication { kind: RecordKind::Thesis, journal: "Univ Oslo".into(), ..chari() };
        let thesis = item(&thesis, "k");
        assert_eq!((thesis.item_type, thesis.container_title, thesis.publisher), ("thesis", None, Some("Univ Oslo")));
        assert_eq!(item(&Publication { kind: RecordKind::Preprint, ..chari() }, "k").item_type, "article");
        assert_eq!(
            item(&Publication { kind: RecordKind::ConferencePaper, ..chari() }, "k").item_type,
            "paper-conference"
        );
    }
}
