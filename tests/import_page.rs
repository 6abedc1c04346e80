//! The CancerIndex page importer through the public API: the bundled Lenalidomide page field by field, and bad input.

use lenaview::formats::{self, Diagnostic, Format, Imported, cancerindex, library_json};
use lenaview::model::{AbstractSection, Page, Publication};

const BUNDLED_NAME: &str = "assets/lenalidomide-cancerindex.txt";
const COMMITTED_JSON: &str = include_str!("../assets/lenalidomide.json");
const SMALL_PAGE: &str = include_str!("fixtures/page/small.txt");
const CUT_OFF_PAGE: &str = include_str!("fixtures/page/cut-off.txt");
const LOCATIONS_PAGE: &str = include_str!("fixtures/page/locations-canada.txt");
const CANCER_TYPE_PAGE: &str = include_str!("fixtures/page/cancer-myeloma.txt");

fn import(name: &str, text: &str) -> Imported {
    cancerindex::parse(name, text).unwrap_or_else(|err| panic!("{name} should import: {err}"))
}

fn only_page(imported: &Imported) -> &Page {
    match imported.library.pages.as_slice() {
        [page] => page,
        pages => panic!("expected one page, got {}", pages.len()),
    }
}

fn bundled_page() -> Page {
    let imported = import(BUNDLED_NAME, formats::BUNDLED_PAGE_TEXT);
    assert_eq!(imported.warnings, Vec::<Diagnostic>::new(), "the bundled page imports cleanly");
    only_page(&imported).clone()
}

fn labels(publication: &Publication) -> Vec<Option<&str>> {
    publication.abstract_sections.iter().map(|section| section.label.as_deref()).collect()
}

fn warning_lines(imported: &Imported) -> Vec<usize> {
    imported.warnings.iter().map(|warning| warning.line).collect()
}

#[test]
fn the_committed_library_is_a_fresh_import_of_the_committed_page() {
    let fresh = import(BUNDLED_NAME, formats::BUNDLED_PAGE_TEXT).library;
    let regenerate = "assets/lenalidomide.json is stale; regenerate it with \
                      `cargo run -- import assets/lenalidomide-cancerindex.txt -o assets/lenalidomide.json`";
    assert!(library_json::to_string(&fresh) == COMMITTED_JSON, "{regenerate}");
    assert!(formats::bundled() == fresh, "{regenerate}");
}

#[test]
fn the_page_itself() {
    let page = bundled_page();
    assert_eq!(page.path, ["Treatments", "Biological Therapies", "Angiogenesis Inhibitors", "Lenalidomide"]);
    assert!(page.summary.starts_with("Lenalidomide is an 'immunomodulating agent', which means"), "{}", page.summary);
    assert!(page.summary.ends_with("which tumours need to develop in order to grow."), "{}", page.summary);
    assert_eq!(page.last_updated.as_deref(), Some("2019-09-01"));
    assert_eq!(page.publications.len(), 30);
}

/// An entry as (authors, citation, free full text, PMC date, abstract labels).
type EntrySummary<'a> = (&'a str, &'a str, bool, Option<&'a str>, Vec<Option<&'a str>>);

/// Every entry in page order.
#[test]
fn all_thirty_entries() {
    const B: Option<&str> = Some("BACKGROUND");
    const M: Option<&str> = Some("METHODS");
    const R: Option<&str> = Some("RESULTS");
    const C: Option<&str> = Some("CONCLUSIONS");
    const RATIONALE: Option<&str> = Some("RATIONALE");
    const CONCERNS: Option<&str> = Some("PATIENT CONCERNS");
    const I: Option<&str> = Some("INTERVENTIONS");
    const O: Option<&str> = Some("OUTCOMES");
    const L: Option<&str> = Some("LESSONS");
    const INTRO: Option<&str> = Some("INTRODUCTION");
    let case_report = |diagnosis| vec![RATIONALE, CONCERNS, Some(diagnosis), I, O, L];
    #[rustfmt::skip]
    let expected: Vec<EntrySummary> = vec![
        ("Chari A, Vogl DT, Gavriatopoulou M, et al.", "N Engl J Med. 2019; 381(8):727-738", false, None, vec![B, M, R, C]),
        ("Wang X, Xie H, Zhang L", "Medicine (Baltimore). 2019; 98(30):e16567", false, None, case_report("DIAGNOSIS")),
        ("Spicka I, Ocio EM, Oakervee HE, et al.", "Ann Hematol. 2019; 98(9):2139-2150", true, None, vec![None]),
        ("Facon T, Kumar S, Plesner T, et al.", "N Engl J Med. 2019; 380(22):2104-2115", false, None, vec![B, M, R, C]),
        ("Barwick BG, Neri P, Bahlis NJ, et al.", "Nat Commun. 2019; 10(1):1911", true, None, vec![None]),
        ("João C, Bergantim R, Neves M, et al.", "Ann Hematol. 2019; 98(7):1689-1701", false, None, vec![None]),
        ("Sorigue M, Sancho JM", "Blood Rev. 2019; 35:68-80", false, None, vec![None]),
        ("Hollmann S, Moldaver D, Goyert N, et al.", "J Manag Care Spec Pharm. 2019; 25(4):449-459", false, None,
            vec![B, Some("OBJECTIVE"), M, R, C, Some("DISCLOSURES")]),
        ("Hadjiaggelidou C, Mandala E, Terpos E, et al.", "Ann Hematol. 2019; 98(6):1457-1466", false, None, vec![None]),
        ("Trudel S, Tessoulin B, Jullien M, et al.", "Ann Hematol. 2019; 98(6):1441-1447", false, None, vec![None]),
        ("Pandey A, Singh K, Patel S, et al.", "Mater Sci Eng C Mater Biol Appl. 2019; 98:419-436", false, None, vec![None]),
        ("Gabeeva NG, Zvonkov EE, Koroleva DA, et al.", "Ter Arkh. 2018; 90(7):96-101", false, None, vec![None]),
        ("Barosi G, Gale RP", "Leukemia. 2019; 33(3):588-596", false, None, vec![None]),
        ("Kastritis E, Gavriatopoulou M, Roussou M, et al.", "Amyloid. 2018; 25(4):234-241", false, None, vec![None]),
        ("Ito Y, Makita S, Tobinai K", "Expert Opin Biol Ther. 2019; 19(3):197-209", false, None,
            vec![INTRO, Some("AREAS COVERED"), Some("EXPERT OPINION")]),
        (
            "Li S, Meng XY, Maman STD, et al.",
            "Biomed Res Int. 2018; 2018:9057823",
            true,
            None,
            vec![Some("Background"), Some("Methods"), Some("Results"), Some("Conclusion")],
        ),
        ("Morabito F, Skafi M, Recchia AG, et al.", "Expert Opin Pharmacother. 2019; 20(5):487-494", false, None, vec![INTRO]),
        ("Burgos S, Montalban-Bravo G, Fuente L, et al.", "Medicine (Baltimore). 2019; 98(1):e14011", true, None, case_report("DIAGNOSES")),
        ("Kishimoto W, Takiuchi Y, Nakae Y, et al.", "Int J Hematol. 2019; 109(4):499-504", false, None, vec![None]),
        ("Park DE, Cheng J, Berrios C, et al.", "Proc Natl Acad Sci U S A. 2019; 116(3):1027-1032", true, None, vec![None]),
        ("Munakata W, Tobinai K", "Cancer Treat Res. 2019; 176:145-161", false, None, vec![None]),
        ("Boudhabhay I, Titah C, Talbot A, et al.", "Medicine (Baltimore). 2018; 97(52):e13638", true, None, case_report("DIAGNOSIS")),
        ("Jelínek T, Mihályová J, Hájek R", "Vnitr Lek. Fall 2018; 64(10):939-948", false, None, vec![None]),
        ("Paquin AR, Kumar SK, Buadi FK, et al.", "Blood Cancer J. 2018; 8(12):125", true, None, vec![None]),
        ("Flowers CR, Leonard JP, Nastoupil LJ", "Hematology Am Soc Hematol Educ Program. 2018; 2018(1):194-199", false,
            Some("2019-11-30"), vec![None]),
        ("Manasanch EE, Shah JJ, Lee HC, et al.", "Lancet Haematol. 2018; 5(12):e628-e640", false, None,
            vec![B, M, Some("FINDINGS"), Some("INTERPRETATION"), Some("FUNDING")]),
        ("Sato S, Kambe E, Tamai Y", "Intern Med. 2019; 58(6):843-847", false, Some("2019-11-30"), vec![None]),
        ("Fernández-Caballero M, Salmerón D, Dolores Chirlaque M, et al.", "Eur J Clin Invest. 2019; 49(2):e13050", false, None,
            vec![B, Some("MATERIAL AND METHODS"), R, C]),
        ("Richardson PG, Zweegman S, O'Donnell EK, et al.", "Expert Opin Pharmacother. 2018; 19(17):1949-1968", false, None, vec![INTRO]),
        ("Koo RM, Crispin P, Craft M, Lalloo S", "BMJ Case Rep. 2018; 2018", false, None, vec![None]),
    ];
    let page = bundled_page();
    assert_eq!(page.publications.len(), expected.len());
    for (number, (publication, (authors, citation, free, pmc, labels_expected))) in
        page.publications.iter().zip(expected).enumerate()
    {
        let actual = (
            publication.authors_full(),
            publication.citation(),
            publication.free_full_text,
            publication.pmc_free_after.as_deref(),
            labels(publication),
        );
        assert_eq!(
            actual,
            (authors.to_string(), citation.to_string(), free, pmc, labels_expected),
            "entry {}",
            number + 1
        );
        let year = publication.date.as_deref().and_then(|date| date.rsplit(' ').next()?.parse().ok());
        assert_eq!(publication.year, year, "entry {}: year agrees with the printed date", number + 1);
        assert_eq!((&publication.pmid, &publication.doi, &publication.pmc), (&None, &None, &None));
    }
}

/// Printing every entry back the way the page prints it gives the page's text: every author, title, citation,
/// flag and abstract paragraph is exactly as printed, in order, with nothing lost between entries.
#[test]
fn the_entries_print_back_as_the_page_text() {
    let page = bundled_page();
    let printed: Vec<String> = page
        .publications
        .iter()
        .map(|publication| {
            let mut links = String::from("[PubMed] ");
            if publication.free_full_text {
                links.push_str("Free Access to Full Article ");
            }
            if let Some(iso) = &publication.pmc_free_after {
                let day_month_year: Vec<&str> = iso.split('-').rev().collect();
                links.push_str(&format!("Article available free on PMC after {} ", day_month_year.join("/")));
            }
            [
                publication.authors_full(),
                publication.title.clone(),
                format!("{} {links}Related Publications", publication.citation()),
                publication.abstract_text(),
            ]
            .join("\n")
        })
        .collect();
    let source = formats::BUNDLED_PAGE_TEXT;
    let start = source.rfind("Latest Research Publications\n\n").expect("the list heading")
        + "Latest Research Publications\n\n".len();
    let end = source.find("\n\nDisclaimer:").expect("the disclaimer");
    assert_eq!(printed.join("\n\n"), source[start..end]);
}

#[test]
fn entry_one_in_full() {
    let page = bundled_page();
    let first = &page.publications[0];
    assert_eq!(first.authors, ["Chari A", "Vogl DT", "Gavriatopoulou M"]);
    assert!(first.et_al);
    assert_eq!(first.title, "Oral Selinexor-Dexamethasone for Triple-Class Refractory Multiple Myeloma.");
    assert_eq!(first.journal, "N Engl J Med");
    assert_eq!((first.year, first.date.as_deref()), (Some(2019), Some("2019")));
    assert_eq!(
        (first.volume.as_deref(), first.issue.as_deref(), first.pages.as_deref()),
        (Some("381"), Some("8"), Some("727-738"))
    );
    assert!(!first.free_full_text);
    assert_eq!(first.pmc_free_after, None);
    assert_eq!(first.abstract_sections.len(), 4);
    let background = &first.abstract_sections[0];
    assert_eq!(background.label.as_deref(), Some("BACKGROUND"));
    assert!(background.text.starts_with("Selinexor, a selective inhibitor of nuclear export"), "{}", background.text);
    assert!(background.text.contains("inhibits nuclear factor κB,"), "non-ASCII kept: {}", background.text);
}

#[test]
fn the_odd_citations_field_by_field() {
    let page = bundled_page();
    let by_journal = |journal: &str| {
        let found: Vec<&Publication> = page.publications.iter().filter(|p| p.journal == journal).collect();
        assert_eq!(found.len(), 1, "one {journal}");
        found[0]
    };
    let fields = |p: &Publication| (p.date.clone(), p.year, p.volume.clone(), p.issue.clone(), p.pages.clone());
    let some = |text: &str| Some(lenaview::model::CompactString::from(text));
    assert_eq!(
        fields(by_journal("Vnitr Lek")),
        (some("Fall 2018"), Some(2018), some("64"), some("10"), some("939-948"))
    );
    assert_eq!(fields(by_journal("BMJ Case Rep")), (some("2018"), Some(2018), some("2018"), None, None));
    assert_eq!(fields(by_journal("Biomed Res Int")), (some("2018"), Some(2018), some("2018"), None, some("9057823")));
    assert_eq!(fields(by_journal("Cancer Treat Res")), (some("2019"), Some(2019), some("176"), None, some("145-161")));
    let hematology = by_journal("Hematology Am Soc Hematol Educ Program");
    assert_eq!(fields(hematology), (some("2018"), Some(2018), some("2018"), some("1"), some("194-199")));
    assert_eq!(hematology.pmc_free_after.as_deref(), Some("2019-11-30"));
    assert_eq!(by_journal("Mater Sci Eng C Mater Biol Appl").pages.as_deref(), Some("419-436"));
}

#[test]
fn text_is_kept_as_printed() {
    let page = bundled_page();
    let czech = &page.publications[22];
    assert_eq!(czech.authors, ["Jelínek T", "Mihályová J", "Hájek R"]);
    assert_eq!(czech.title, "CD38\u{a0}targeted treatment for multiple myeloma.");
    // Sentence-case "Background:" is a heading too, kept as printed; the text after it is unchanged.
    let mixed_case = &page.publications[15];
    assert_eq!(mixed_case.abstract_sections[0].label.as_deref(), Some("Background"));
    assert!(mixed_case.abstract_sections[0].text.starts_with("Refractory and relapsed"));
    // Abstracts the source cut off mid-word stay cut off.
    let cut = &page.publications[10];
    assert!(cut.abstract_text().ends_with("Lenalidomide was covalently bound to FePt-NH"), "{}", cut.abstract_text());
}

#[test]
fn a_small_page_of_our_own() {
    let imported = import("small.txt", SMALL_PAGE);
    assert_eq!(imported.warnings, Vec::<Diagnostic>::new());
    let page = only_page(&imported);
    assert_eq!(page.path, ["Treatments", "Example Drugs", "Examplomide"]);
    assert_eq!(page.summary, "Examplomide is a made-up drug for testing the page importer.");
    assert_eq!(page.last_updated.as_deref(), Some("2019-03-02"), "non-breaking spaces in the footer");
    let [labelled, embargoed] = page.publications.as_slice() else { panic!("two publications") };
    assert_eq!(
        (labelled.authors.as_slice(), labelled.et_al),
        (["Smith A", "Jones BC"].map(lenaview::model::CompactString::from).as_slice(), true)
    );
    assert!(labelled.free_full_text);
    assert_eq!(
        labelled.abstract_sections,
        [
            AbstractSection { label: Some("BACKGROUND".into()), text: "Why it was studied.".into() },
            AbstractSection { label: Some("METHODS".into()), text: "How it was studied.".into() },
        ]
    );
    assert_eq!(
        (embargoed.authors.as_slice(), embargoed.et_al),
        (["Lee K"].map(lenaview::model::CompactString::from).as_slice(), false)
    );
    assert_eq!((embargoed.date.as_deref(), embargoed.year), (Some("Spring 2018"), Some(2018)));
    assert_eq!(embargoed.pmc_free_after.as_deref(), Some("2019-03-01"));
    assert_eq!(
        embargoed.abstract_sections,
        [AbstractSection { label: None, text: "We describe what was found.".into() }]
    );
}

// ---- Locations and cancer-type pages: a title and the site's name before the breadcrumb ------------------------

#[test]
fn a_locations_page_has_its_topic_path_entries_and_introduction() {
    let imported = formats::import_bytes("locations-canada.txt", LOCATIONS_PAGE.as_bytes()).expect("a page");
    assert_eq!(imported.warnings, Vec::<Diagnostic>::new(), "menus and contents are not entries");
    let page = only_page(&imported);
    assert_eq!(page.path, ["Locations", "Canada"]);
    assert_eq!(
        page.summary,
        "This sample page lists cancer research from Canada, written for testing the page importer.\n\
         Its figures and publications are invented.",
        "the introduction, without title, statistics, menus or contents"
    );
    assert_eq!(page.last_updated.as_deref(), Some("2021-01-15"));
    let [first, second] = page.publications.as_slice() else { panic!("two publications") };
    assert_eq!(
        (first.authors_full().as_str(), first.title.as_str()),
        ("Tremblay M, Roy S, Gagnon L, et al.", "Regional incidence of an invented tumour in three provinces.")
    );
    assert_eq!(first.citation(), "Can J Public Health. 2020; 111(4):500-509");
    assert_eq!(labels(first), [Some("BACKGROUND"), Some("METHODS"), Some("RESULTS")]);
    assert_eq!(
        (second.authors.as_slice(), second.free_full_text),
        (["Côté A", "Leblanc J"].map(lenaview::model::CompactString::from).as_slice(), true)
    );
    assert_eq!(second.abstract_text(), "We measured waiting times in eleven centres.");
}

#[test]
fn a_cancer_type_page_has_its_topic_path_entries_and_introduction() {
    let imported = formats::import_bytes("cancer-myeloma.txt", CANCER_TYPE_PAGE.as_bytes()).expect("a page");
    assert_eq!(imported.warnings, Vec::<Diagnostic>::new(), "menus and contents are not entries");
    let page = only_page(&imported);
    assert_eq!(page.path, ["Cancer Types", "Blood Cancers", "Multiple Myeloma"]);
    assert_eq!(
        page.summary,
        "Multiple myeloma is a cancer of plasma cells in the bone marrow.\n\
         This sample page was written for testing the page importer."
    );
    assert_eq!(page.last_updated.as_deref(), Some("2021-02-02"));
    let titles: Vec<&str> = page.publications.iter().map(|publication| publication.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "An invented trial of maintenance therapy in myeloma.",
            "Bone disease in myeloma: a made-up review.",
            "A third entry about myeloma."
        ]
    );
    let review = &page.publications[1];
    assert_eq!(
        (review.authors.as_slice(), review.et_al),
        (["Nowak P"].map(lenaview::model::CompactString::from).as_slice(), true)
    );
    assert_eq!((review.date.as_deref(), review.pmc_free_after.as_deref()), (Some("2020 Mar"), Some("2021-03-01")));
    assert_eq!(labels(review), [Some("INTRODUCTION"), Some("EXPERT OPINION")]);
    assert!(page.publications[2].abstract_sections.is_empty());
}

#[test]
fn every_layout_is_detected_wherever_its_breadcrumb_stands() {
    for (name, text) in
        [("bundled", formats::BUNDLED_PAGE_TEXT), ("locations", LOCATIONS_PAGE), ("cancer", CANCER_TYPE_PAGE)]
    {
        assert_eq!(formats::detect(text), Some(Format::CancerIndexPage), "{name}");
    }
    // Without a list heading, the breadcrumb below the title alone makes the page.
    let headless = LOCATIONS_PAGE.replace("Latest Research Publications from Canada", "Recent work");
    assert!(cancerindex::looks_like(&headless));
    // A breadcrumb below a few more lines of title is still found, and the page imports the same.
    let retitled = format!("\nCancer in\n\n{LOCATIONS_PAGE}");
    assert_eq!(formats::detect(&retitled), Some(Format::CancerIndexPage));
    let imported = formats::import_bytes("retitled.txt", retitled.as_bytes()).expect("a page");
    assert_eq!(imported.library, import("locations-canada.txt", LOCATIONS_PAGE).library);
}

#[test]
fn a_breadcrumb_far_below_the_top_is_not_a_page() {
    let buried =
        format!("{}{}", "Some prose line.\n".repeat(6), "CancerIndex Home - Guide Home > Locations > Canada\n");
    assert!(!cancerindex::looks_like(&buried));
    let err = cancerindex::parse("buried.txt", &buried).expect_err("no breadcrumb near the top");
    assert_eq!(err.line, 1);
    assert!(err.message.contains("breadcrumb"), "{err}");
}

// ---- Bad input -------------------------------------------------------------------------------------------------

#[test]
fn an_empty_file_is_an_error() {
    for bytes in [&b""[..], b"\n\n  \n", b"\xEF\xBB\xBF"] {
        let err = formats::import_bytes("empty.txt", bytes).expect_err("nothing to import");
        assert_eq!(err.to_string(), "empty.txt: the file is empty");
    }
    assert_eq!(
        cancerindex::parse("empty.txt", "\n \n").expect_err("empty").to_string(),
        "empty.txt: the file is empty"
    );
}

/// A fixed pseudo-random sequence, so the test is the same on every run.
fn noise(seed: u64, length: usize) -> Vec<u8> {
    let mut state = seed;
    (0..length)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect()
}

#[test]
fn random_bytes_are_an_error_naming_a_line_and_never_a_panic() {
    for seed in 0..200 {
        let bytes = noise(seed, 2000);
        if let Ok(imported) = formats::import_bytes("noise.bin", &bytes) {
            panic!("noise imported as {imported:?}");
        }
        // Even behind a valid breadcrumb, noise gives an error, not a panic.
        let text = format!("Home > Noise\n\nLatest Research Publications\n\n{}", formats::decode(&bytes));
        let err = cancerindex::parse("noise.txt", &text).expect_err("noise has no publications");
        assert!(err.to_string().starts_with("noise.txt:"), "{err}");
    }
}

#[test]
fn prose_without_a_breadcrumb_is_an_error_on_line_1() {
    let prose = "Lenalidomide is a drug.\nIt is used in myeloma.\n";
    let err = formats::import_bytes("prose.txt", prose.as_bytes()).expect_err("not a page");
    assert!(err.to_string().starts_with("prose.txt:1: "), "{err}");
    let err = cancerindex::parse("prose.txt", prose).expect_err("not a page");
    assert_eq!((err.line, err.file.as_str()), (1, "prose.txt"));
    assert!(err.message.contains("breadcrumb"), "{err}");
    // A page whose breadcrumb was lost is still recognised as a page, and told what it lacks.
    let headless = SMALL_PAGE.split_once('\n').map(|(_, rest)| rest).unwrap_or_default();
    let err = formats::import_bytes("headless.txt", headless.as_bytes()).expect_err("no breadcrumb");
    assert_eq!(err.line, 2, "the first line with text: {err}");
    assert!(err.message.contains("breadcrumb"), "{err}");
}

#[test]
fn a_breadcrumb_with_no_topic_is_an_error() {
    let err = cancerindex::parse("home.txt", "Home > \n\nLatest Research Publications\n").expect_err("no topic");
    assert_eq!(err.to_string(), "home.txt:1: the breadcrumb names no topic after 'Home'");
}

#[test]
fn entries_cut_off_before_their_citation_are_warnings_naming_their_lines() {
    let imported = formats::import_bytes("cut-off.txt", CUT_OFF_PAGE.as_bytes()).expect("one entry is whole");
    let page = only_page(&imported);
    assert_eq!(page.publications.iter().map(|p| p.title.as_str()).collect::<Vec<_>>(), ["A complete entry."]);
    assert_eq!(warning_lines(&imported), [5, 13]);
    for warning in &imported.warnings {
        assert!(warning.to_string().starts_with("cut-off.txt:"), "{warning}");
        assert!(warning.message.contains("no citation line"), "{warning}");
    }
}

#[test]
fn a_page_with_no_readable_entry_is_an_error_naming_the_first_problem() {
    let text = "Home > Drugs > X\n\nLatest Research Publications\n\nSmith A\nA title.\n";
    let err = cancerindex::parse("none.txt", text).expect_err("nothing readable");
    assert_eq!(err.line, 5, "{err}");
    assert!(err.message.starts_with("no publication on the page could be read"), "{err}");
    let err =
        cancerindex::parse("none.txt", "Home > Drugs > X\n\nLatest Research Publications\n").expect_err("empty list");
    assert_eq!(err.to_string(), "none.txt:3: no publications follow 'Latest Research Publications'");
    let err = cancerindex::parse("none.txt", "Home > Drugs > X\n\nJust a summary.\n").expect_err("no list");
    assert_eq!((err.line, err.message.starts_with("no publications")), (0, true), "{err}");
}

#[test]
fn crlf_line_endings_import_the_same() {
    let crlf = SMALL_PAGE.replace('\n', "\r\n");
    let from_crlf = formats::import_bytes("small.txt", crlf.as_bytes()).expect("CRLF page");
    assert_eq!(from_crlf, import("small.txt", SMALL_PAGE));
    let bundled_crlf = formats::BUNDLED_PAGE_TEXT.replace('\n', "\r\n");
    let from_crlf = formats::import_bytes(BUNDLED_NAME, bundled_crlf.as_bytes()).expect("CRLF page");
    assert_eq!(from_crlf.library.pages, [bundled_page()]);
}

#[test]
fn latin1_bytes_are_decoded_not_refused() {
    let text = "Home > Drugs > X\n\nLatest Research Publications\n\nJo\u{e3}o C, M\u{fc}ller D\nA title.\n\
                Blood. 2019 [PubMed]\n\n[Home]\u{a0} Page last updated: 01\u{a0}September, 2019\n";
    let latin1: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).expect("Latin-1 sample")).collect();
    assert!(std::str::from_utf8(&latin1).is_err(), "the sample must not be UTF-8");
    let imported = formats::import_bytes("latin1.txt", &latin1).expect("Latin-1 page");
    let page = only_page(&imported);
    assert_eq!(page.publications[0].authors, ["João C", "Müller D"]);
    assert_eq!(page.last_updated.as_deref(), Some("2019-09-01"));
}

#[test]
fn odd_details_are_warnings_and_the_rest_imports() {
    let text = "Home > Drugs > X\n\nLatest Research Publications\n\n\
                Smith A\nA title.\nIn press [PubMed] Article available free on PMC after 31/02/2019\n\n\
                [Home] Page last updated: sometime\n";
    let imported = cancerindex::parse("odd.txt", text).expect("one entry");
    let messages: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("odd.txt:7: citation 'In press'"), "{messages:?}");
    assert!(messages[1].starts_with("odd.txt:7: PMC date '31/02/2019'"), "{messages:?}");
    assert!(messages[2].starts_with("odd.txt:9: 'Page last updated:'"), "{messages:?}");
    let page = only_page(&imported);
    let entry = &page.publications[0];
    assert_eq!((entry.journal.as_str(), entry.year, entry.pmc_free_after.as_deref()), ("In press", None, None));
    assert_eq!(page.last_updated, None);
}
