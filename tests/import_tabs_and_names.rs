//! Two import details a reader noticed: a tab inside a title, and given names in scripts without initials.

use lenaview::formats;
use lenaview::model::Publication;

const SMALL_PAGE: &str = include_str!("fixtures/page/small.txt");

fn publications(name: &str, text: &str) -> Vec<Publication> {
    let imported = formats::import_bytes(name, text.as_bytes()).unwrap_or_else(|err| panic!("{name}: {err}"));
    imported.library.pages.into_iter().flat_map(|page| page.publications).collect()
}

#[test]
fn a_tab_inside_a_title_is_a_space_from_every_importer() {
    let page = SMALL_PAGE.replace("A labelled abstract about examplomide.", "A labelled\tabstract about\texamplomide.");
    assert_eq!(publications("page.txt", &page)[0].title, "A labelled abstract about examplomide.");

    let ris = "TY  - JOUR\nTI  - tabs\there\nAU  - Chari, Ajai\nPY  - 2019\nER  - \n";
    assert_eq!(publications("tabs.ris", ris)[0].title, "tabs here");

    let medline = "PMID- 1\nTI  - tabs\there\nAU  - Chari A\nDP  - 2019\n";
    assert_eq!(publications("tabs.nbib", medline)[0].title, "tabs here");

    let json = r#"{"pages": [{"path": ["T"], "publications": [{"title": "tabs\there"}]}]}"#;
    assert_eq!(publications("tabs.json", json)[0].title, "tabs here");
}

#[test]
fn a_ris_author_in_a_script_without_initials_keeps_the_given_name() {
    let ris =
        "TY  - JOUR\nTI  - A title\nAU  - 山田, 太郎\nAU  - Chari, Ajai\nAU  - Иванов, Иван\nPY  - 2019\nER  - \n";
    assert_eq!(publications("names.ris", ris)[0].authors, ["山田 太郎", "Chari A", "Иванов И"]);
}
