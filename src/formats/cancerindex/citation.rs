//! The citation line under an entry's title:
//! `N Engl J Med. 2019; 381(8):727-738 [PubMed] Free Access to Full Article Related Publications`.

use super::dates;

const PUBMED_LINK: &str = "[PubMed]";
const FREE_FULL_TEXT: &str = "Free Access to Full Article";
const PMC_EMBARGO: &str = "Article available free on PMC after";
const RELATED: &str = "Related Publications";

/// Where and when a publication appeared: `N Engl J Med. 2019; 381(8):727-738`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Reference {
    pub journal: String,
    /// As printed: "2019", "Fall 2018", "2019 Aug 22".
    pub date: String,
    pub year: i32,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
}

/// The embargo date as printed and, when it is a real date, in ISO form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PmcEmbargo {
    pub printed: String,
    pub iso: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CitationLine {
    /// The reference text before the links, as printed.
    pub reference_text: String,
    /// `None` when the line is marked as a citation (`[PubMed]`) but its reference does not read as one.
    pub reference: Option<Reference>,
    pub free_full_text: bool,
    pub pmc_free_after: Option<PmcEmbargo>,
}

/// Whether a line carries the page's citation marker; such lines are citations even when their reference is odd.
pub(super) fn has_pubmed_link(line: &str) -> bool {
    line.contains(PUBMED_LINK)
}

/// Reads a citation line; `None` when the line is not one (neither a `[PubMed]` link nor a readable reference).
pub(super) fn read(line: &str) -> Option<CitationLine> {
    let (reference_text, links) = match line.find(PUBMED_LINK) {
        Some(at) => (&line[..at], &line[at + PUBMED_LINK.len()..]),
        None => {
            // Without the link marker the flags, if any, still follow the reference.
            let at = [FREE_FULL_TEXT, PMC_EMBARGO, RELATED].iter().filter_map(|flag| line.find(flag)).min();
            at.map_or((line, ""), |at| (&line[..at], &line[at..]))
        }
    };
    let reference = read_reference(reference_text);
    if reference.is_none() && !has_pubmed_link(line) {
        return None;
    }
    Some(CitationLine {
        reference_text: reference_text.trim().to_string(),
        reference,
        free_full_text: links.contains(FREE_FULL_TEXT),
        pmc_free_after: read_pmc_embargo(links),
    })
}

fn read_pmc_embargo(links: &str) -> Option<PmcEmbargo> {
    let at = links.find(PMC_EMBARGO)?;
    let printed = links[at + PMC_EMBARGO.len()..].split_whitespace().next().unwrap_or_default().to_string();
    let iso = dates::iso_from_day_month_year(&printed);
    Some(PmcEmbargo { printed, iso })
}

/// `JOURNAL. DATE[; VOLUME[(ISSUE)][:PAGES]]`.
pub(super) fn read_reference(text: &str) -> Option<Reference> {
    let text = text.trim();
    // A journal name may itself contain ". " ("J. Clin. Oncol"), so the first split whose rest reads as a date wins.
    text.match_indices(". ").find_map(|(at, _)| {
        let journal = text[..at].trim();
        if journal.is_empty() {
            return None;
        }
        let rest = &text[at + 2..];
        let (date, volume_part) = match rest.split_once(';') {
            Some((date, volume_part)) => (date, Some(volume_part)),
            None => (rest, None),
        };
        let (date, year) = read_date(date)?;
        let (volume, issue, pages) = match volume_part {
            Some(volume_part) => read_volume(volume_part.trim())?,
            None => (None, None, None),
        };
        Some(Reference { journal: journal.to_string(), date, year, volume, issue, pages })
    })
}

/// "2019", "Fall 2018", "2019 Aug 22", "2018 Jul-Aug": a four-digit year among words and day numbers.
fn read_date(text: &str) -> Option<(String, i32)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let is_year = |word: &str| word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit());
    let is_day = |word: &str| (1..=2).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    let is_name = |word: &str| {
        word.starts_with(|c: char| c.is_alphabetic()) && word.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    if !words.iter().all(|word| is_year(word) || is_day(word) || is_name(word)) {
        return None;
    }
    let year = words.iter().find(|word| is_year(word))?.parse().ok()?;
    Some((words.join(" "), year))
}

type VolumeIssuePages = (Option<String>, Option<String>, Option<String>);

/// "381(8):727-738", "176:145-161", "2018", "2018:9057823", "2018(1):194-199".
fn read_volume(text: &str) -> Option<VolumeIssuePages> {
    let (volume_and_issue, pages) = match text.split_once(':') {
        Some((volume_and_issue, pages)) => (volume_and_issue, Some(pages)),
        None => (text, None),
    };
    let (volume, issue) = match volume_and_issue.split_once('(') {
        Some((volume, issue)) => (volume, Some(issue.strip_suffix(')')?)),
        None => (volume_and_issue, None),
    };
    let has_space = |part: &str| part.contains(char::is_whitespace);
    if has_space(volume) || pages.is_some_and(has_space) || issue.is_some_and(|issue| issue.contains(['(', ')'])) {
        return None;
    }
    let non_empty = |part: &str| (!part.trim().is_empty()).then(|| part.trim().to_string());
    Some((non_empty(volume), issue.and_then(non_empty), pages.and_then(non_empty)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(text: &str) -> Reference {
        read_reference(text).unwrap_or_else(|| panic!("{text:?} should read as a reference"))
    }

    fn strings(volume: Option<&str>, issue: Option<&str>, pages: Option<&str>) -> VolumeIssuePages {
        (volume.map(String::from), issue.map(String::from), pages.map(String::from))
    }

    #[test]
    fn reads_the_common_reference() {
        let read = reference("N Engl J Med. 2019; 381(8):727-738");
        assert_eq!(read.journal, "N Engl J Med");
        assert_eq!((read.date.as_str(), read.year), ("2019", 2019));
        assert_eq!((read.volume, read.issue, read.pages), strings(Some("381"), Some("8"), Some("727-738")));
    }

    #[test]
    fn reads_the_odd_references() {
        let cases = [
            (
                "Vnitr Lek. Fall 2018; 64(10):939-948",
                "Vnitr Lek",
                "Fall 2018",
                strings(Some("64"), Some("10"), Some("939-948")),
            ),
            ("BMJ Case Rep. 2018; 2018", "BMJ Case Rep", "2018", strings(Some("2018"), None, None)),
            (
                "Biomed Res Int. 2018; 2018:9057823",
                "Biomed Res Int",
                "2018",
                strings(Some("2018"), None, Some("9057823")),
            ),
            (
                "Cancer Treat Res. 2019; 176:145-161",
                "Cancer Treat Res",
                "2019",
                strings(Some("176"), None, Some("145-161")),
            ),
            (
                "Medicine (Baltimore). 2019; 98(30):e16567",
                "Medicine (Baltimore)",
                "2019",
                strings(Some("98"), Some("30"), Some("e16567")),
            ),
            (
                "J. Clin. Oncol. 2019 Aug 22; 37(1 Suppl 2):1",
                "J. Clin. Oncol",
                "2019 Aug 22",
                strings(Some("37"), Some("1 Suppl 2"), Some("1")),
            ),
            ("Blood. 2019", "Blood", "2019", strings(None, None, None)),
        ];
        for (text, journal, date, volume_issue_pages) in cases {
            let read = reference(text);
            assert_eq!((read.journal.as_str(), read.date.as_str()), (journal, date), "{text}");
            assert_eq!((read.volume, read.issue, read.pages), volume_issue_pages, "{text}");
        }
        assert_eq!(reference("Vnitr Lek. Fall 2018; 64(10):939-948").year, 2018);
    }

    #[test]
    fn prose_is_not_a_reference() {
        for text in [
            "Multiple myeloma is a malignancy. Most patients benefit from current therapies.",
            "Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma.",
            ". 2019; 1:2",
            "Blood. 19; 1:2",
            "Blood. 2019; 1 2:3",
            "Blood. 2019; 1(2:3",
            "",
        ] {
            assert_eq!(read_reference(text), None, "{text:?}");
        }
    }

    #[test]
    fn reads_the_flags_after_the_pubmed_link() {
        let line = read("Ann Hematol. 2019; 98(9):2139-2150 [PubMed] Free Access to Full Article Related Publications");
        let line = line.expect("a citation line");
        assert!(line.free_full_text);
        assert_eq!(line.pmc_free_after, None);
        let line = read("Intern Med. 2019; 58(6):843-847 [PubMed] Article available free on PMC after 30/11/2019 Related Publications")
            .expect("a citation line");
        assert!(!line.free_full_text);
        let embargo = PmcEmbargo { printed: "30/11/2019".into(), iso: Some("2019-11-30".into()) };
        assert_eq!(line.pmc_free_after, Some(embargo));
    }

    #[test]
    fn a_pubmed_link_makes_a_citation_even_when_the_reference_is_odd() {
        let line = read("In press [PubMed] Related Publications").expect("a citation line");
        assert_eq!(line.reference, None);
        assert_eq!(line.reference_text, "In press");
        assert_eq!(read("In press"), None);
    }

    #[test]
    fn a_reference_without_the_link_still_separates_its_flags() {
        let line = read("Blood. 2019; 133(7):1-2 Free Access to Full Article").expect("a citation line");
        assert!(line.free_full_text);
        assert_eq!(line.reference.map(|reference| reference.pages), Some(Some("1-2".to_string())));
    }

    #[test]
    fn an_impossible_embargo_date_keeps_its_printed_form() {
        let line =
            read("Blood. 2019 [PubMed] Article available free on PMC after 31/02/2019").expect("a citation line");
        assert_eq!(line.pmc_free_after, Some(PmcEmbargo { printed: "31/02/2019".into(), iso: None }));
    }
}
