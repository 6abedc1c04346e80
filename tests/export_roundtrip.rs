//! Every export format read back by a real parser: BibTeX by the `biblatex` crate, CSV by the `csv` crate,
//! library JSON by serde, RIS by lenaview's own RIS reader. The fixture holds the hard cases: LaTeX's
//! special characters, Unicode, quotes, commas and line breaks, clashing keys and a group author.

use std::path::Path;

use biblatex::{Bibliography, ChunksExt};
use lenaview::formats::export::{self, ExportFormat, csv as csv_export};
use lenaview::formats::{self, Format};
use lenaview::model::{AbstractSection, Library, Publication, RecordKind};
use lenaview::synthetic;

fn fixture() -> Library {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/library.json");
    formats::import_file(&path).unwrap().library
}

/// The fixture's first page: every publication once.
fn publications() -> Vec<Publication> {
    fixture().pages.remove(0).publications
}

/// Whitespace runs as one space, as BibTeX and RIS keep it.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn bibtex_field(entry: &biblatex::Entry, name: &str) -> Option<String> {
    entry.get(name).map(|chunks| chunks.format_verbatim())
}

#[test]
fn bibtex_round_trips_through_the_biblatex_crate() {
    let publications = publications();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Bibtex, &refs);
    let bibliography = Bibliography::parse(&text).unwrap_or_else(|err| panic!("{err:?} in\n{text}"));

    let keys: Vec<&str> = bibliography.keys().collect();
    assert_eq!(keys, ["chari2019oral", "chari2019orala", "mullerludenscheidt2018etudes", "myelomaconsensus"]);
    for (publication, entry) in publications.iter().zip(bibliography.iter()) {
        assert_eq!(bibtex_field(entry, "title").as_deref(), Some(publication.title.as_str()), "{}", entry.key);
        assert_eq!(bibtex_field(entry, "journal").as_deref(), Some(publication.journal.as_str()));
        assert_eq!(bibtex_field(entry, "year"), publication.year.map(|year| year.to_string()));
        assert_eq!(bibtex_field(entry, "volume").as_deref(), publication.volume.as_deref());
        assert_eq!(bibtex_field(entry, "number").as_deref(), publication.issue.as_deref());
        assert_eq!(bibtex_field(entry, "doi").as_deref(), publication.doi.as_deref());
        assert_eq!(bibtex_field(entry, "pmid").as_deref(), publication.pmid.as_deref());
        let abstract_text = Some(squeeze(&publication.abstract_text())).filter(|text| !text.is_empty());
        assert_eq!(bibtex_field(entry, "abstract"), abstract_text, "{}", entry.key);
    }

    let chari = bibliography.get("chari2019oral").unwrap();
    assert_eq!(bibtex_field(chari, "pages").as_deref(), Some("727–738"), "a range, expanded from 727-38");
    assert_eq!(bibtex_field(chari, "month").as_deref(), Some("August"));
    let names: Vec<(String, String)> =
        chari.author().unwrap().into_iter().map(|person| (person.name, person.given_name)).collect();
    assert_eq!(names[0], ("Chari".to_string(), "A.".to_string()));
    assert_eq!(names[1], ("Vogl".to_string(), "D. T.".to_string()));
    assert_eq!(names.last().unwrap().0, "others", "et al.");

    let special = bibliography.get("chari2019orala").unwrap();
    assert_eq!(
        bibtex_field(special, "title").as_deref(),
        Some("Oral \"lenalidomide\", revisited: 50% & $5 #1 a_b {x} \\ ~ ^ -- done")
    );
    assert_eq!(bibtex_field(special, "doi").as_deref(), Some("10.1182/blood_2019{1}"));
    let group = special.author().unwrap();
    assert_eq!((group[1].name.as_str(), group[1].given_name.as_str()), ("Smith & Jones", "A. B."));

    let unicode = bibliography.get("mullerludenscheidt2018etudes").unwrap();
    let names: Vec<(String, String)> =
        unicode.author().unwrap().into_iter().map(|person| (person.name, person.given_name)).collect();
    assert_eq!(names[0], ("Müller-Lüdenscheidt".to_string(), "Ö.".to_string()));
    assert_eq!(names[1], ("van der Berg".to_string(), "J.-P.".to_string()));

    let corporate = bibliography.get("myelomaconsensus").unwrap().author().unwrap();
    assert_eq!((corporate.len(), corporate[0].name.as_str()), (1, "Myeloma Working Group"));
}

#[test]
fn csv_round_trips_through_the_csv_crate() {
    let publications = publications();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Csv, &refs);

    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, csv_export::COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), publications.len());
    for (publication, row) in publications.iter().zip(&rows) {
        let fields: Vec<&str> = row.iter().collect();
        assert_eq!(fields, csv_export::row(publication).iter().map(String::as_str).collect::<Vec<_>>());
    }

    let special = &rows[1];
    assert_eq!(&special[1], "Oral \"lenalidomide\", revisited: 50% & $5 #1 a_b {x} \\ ~ ^ -- done");
    assert_eq!(&special[11], "Line one, with a comma\nand \"quoted\" line two.\r\nCarriage return too.");
    assert_eq!(&rows[0][0], "pmid:31433920");
    assert_eq!(&rows[0][2], "Chari A, Vogl DT, Gavriatopoulou M, Nooka AK, et al.");
    assert_eq!(&rows[0][10], "true");
    assert_eq!(&rows[2][3], "Medicine (Baltimore)");
}

#[test]
fn csv_records_end_in_crlf_and_only_fields_that_need_it_are_quoted() {
    let publications = publications();
    let text = export::export(ExportFormat::Csv, &[&publications[3]]);
    assert_eq!(
        text,
        "key,title,authors,journal,year,volume,issue,pages,doi,pmid,free_full_text,abstract,kind,tags,note\r\n\
         title:consensusrecommendations:,Consensus recommendations,Myeloma Working Group,Leukemia,\
         ,,,,,,false,,article,,\r\n"
    );
}

#[test]
fn json_round_trips_through_serde_and_opens_as_a_library() {
    let publications = publications();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Json, &refs);

    let library: Library = serde_json::from_str(&text).unwrap();
    assert_eq!(library.pages.len(), 1);
    assert_eq!(library.pages[0].publications, publications);

    let imported = formats::import_bytes("exported.json", text.as_bytes()).unwrap();
    assert_eq!(imported.library, library);
}

#[test]
fn ris_round_trips_through_the_project_ris_reader() {
    let publications = publications();
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Ris, &refs);
    let decoded = formats::decode(text.as_bytes());
    assert_eq!(formats::detect(&decoded), Some(Format::Ris));
    let imported = formats::ris::parse("exported.ris", &decoded).unwrap();
    assert_eq!(imported.warnings, Vec::new());
    let read: Vec<&Publication> = imported.library.publications().collect();
    assert_eq!(read.len(), publications.len());

    for (original, read) in publications.iter().zip(&read) {
        assert_eq!(read.title, original.title);
        assert_eq!(read.journal, original.journal);
        assert_eq!(read.year, original.year);
        assert_eq!(read.volume, original.volume);
        assert_eq!(read.issue, original.issue);
        assert_eq!(read.doi, original.doi);
        assert_eq!(read.pmid, original.pmid);
        assert_eq!(read.pmc, original.pmc);
        // A record with only a year reads back with that year as its printed date, as every RIS record does.
        let printed_date = |publication: &Publication| {
            publication.date.as_deref().map(str::to_string).or(publication.year.map(|y| y.to_string()))
        };
        assert_eq!(printed_date(read), printed_date(original), "{}", original.title);
        assert_eq!(read.kind, original.kind);
        assert_eq!(squeeze(&read.abstract_text()), squeeze(&original.abstract_text()), "{}", original.title);
        // RIS writes "Vogl, D. T."; the reader may give that back as it is or in the source's "Vogl DT" form.
        let authors: Vec<String> = read.authors.iter().map(|author| medline_form(author)).collect();
        assert_eq!(authors, original.authors, "{}", original.title);
    }
    // Pages come back as a full range: SP 727, EP 738 from the source's "727-38".
    assert_eq!(read[0].pages.as_deref(), Some("727-738"));
    assert_eq!(read[1].pages.as_deref(), Some("e12"));
}

/// "Vogl, D. T." -> "Vogl DT"; names already in that form, and group names, are unchanged.
fn medline_form(author: &str) -> String {
    match author.split_once(", ") {
        Some((family, given)) => {
            let initials: String = given.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
            format!("{family} {initials}")
        }
        None => author.to_string(),
    }
}

/// Exports to RIS and reads the text back with lenaview's RIS reader, which must have nothing to warn about.
fn through_ris(publications: &[Publication]) -> (String, Vec<Publication>) {
    let refs: Vec<&Publication> = publications.iter().collect();
    let text = export::export(ExportFormat::Ris, &refs);
    let imported = formats::import_bytes("exported.ris", text.as_bytes()).unwrap_or_else(|err| panic!("{err}\n{text}"));
    assert_eq!(imported.warnings, Vec::new(), "{text}");
    let read = imported.library.pages.into_iter().flat_map(|page| page.publications).collect();
    (text, read)
}

#[test]
fn a_chapter_with_a_full_date_round_trips_through_ris_field_by_field() {
    let chapter = Publication {
        authors: vec!["Rahman F".into(), "Müller-Lüdenscheidt Ö".into(), "van der Berg J-P".into()],
        title: "Immunomodulatory drugs: lenalidomide and its successors".into(),
        journal: "Handbook of Myeloma Therapy".into(),
        year: Some(2019),
        date: Some("2019 Aug 22".into()),
        volume: Some("2".into()),
        pages: Some("115-140".into()),
        free_full_text: true,
        abstract_sections: vec![
            AbstractSection { label: Some("BACKGROUND".into()), text: "Thalidomide came first.".into() },
            AbstractSection { label: Some("CONCLUSIONS".into()), text: "Its successors are better tolerated.".into() },
        ],
        pmid: Some("31400001".into()),
        doi: Some("10.1007/978-3-030-00000-0_7".into()),
        pmc: Some("PMC6700001".into()),
        kind: RecordKind::Chapter,
        ..Publication::default()
    };
    let (text, read) = through_ris(std::slice::from_ref(&chapter));
    for line in [
        "TY  - CHAP",
        "BT  - Handbook of Myeloma Therapy",
        "DA  - 2019/08/22/",
        "AN  - 31400001",
        "N1  - PMCID: PMC6700001",
    ] {
        assert!(text.contains(line), "{line} missing from\n{text}");
    }
    assert!(!text.contains("C2  - "), "a chapter's C2 is its book's author, not a PMCID:\n{text}");
    let [read] = read.as_slice() else { panic!("one record expected from\n{text}") };
    assert_eq!(read.kind, chapter.kind);
    assert_eq!(read.journal, chapter.journal, "the book title");
    assert_eq!((read.year, read.date.as_deref()), (Some(2019), Some("2019 Aug 22")));
    assert_eq!((&read.pmid, &read.doi, &read.pmc), (&chapter.pmid, &chapter.doi, &chapter.pmc));
    assert_eq!(read.authors, chapter.authors);
    assert_eq!(read.abstract_sections, chapter.abstract_sections);
    assert_eq!(*read, chapter, "every other field too");
}

/// Every kind the model has; the match stops compiling when a kind is added, so that it is added here too.
fn every_kind() -> Vec<RecordKind> {
    use RecordKind::*;
    let kinds =
        vec![Article, Book, Chapter, Thesis, ConferencePaper, Dataset, Report, Preprint, WebPage, Patent, Other];
    for kind in &kinds {
        match kind {
            Article | Book | Chapter | Thesis | ConferencePaper | Dataset | Report | Preprint | WebPage | Patent
            | Other => {}
        }
    }
    kinds
}

#[test]
fn records_of_every_kind_round_trip_through_ris() {
    const DATES: &[&str] = &["{y} Aug 22", "{y} Dec 1", "{y} Mar", "{y}", "{y} Fall", "Winter {y}", "{y} Jan-Feb"];
    let mut publications = synthetic::library(every_kind().len() * 4, 10).pages.remove(0).publications;
    for (index, (publication, kind)) in
        publications.iter_mut().zip(every_kind().into_iter().cycle().flat_map(|kind| [kind; 4])).enumerate()
    {
        publication.kind = kind;
        let year = publication.year.unwrap();
        publication.date = Some(DATES[index % DATES.len()].replace("{y}", &year.to_string()).into());
        // RIS has no "et al." author that other readers understand, so lenaview does not write one.
        publication.et_al = false;
        publication.doi = (index % 3 != 0).then(|| format!("10.5555/lenaview.{index}").into());
        publication.pmc = (index % 2 == 0).then(|| format!("PMC{}", 7_000_000 + index).into());
        publication.free_full_text = publication.pmc.is_some();
    }
    let (text, read) = through_ris(&publications);
    assert_eq!(read.len(), publications.len());
    for (original, read) in publications.iter().zip(&read) {
        assert_eq!(read, original, "in\n{text}");
    }
}
