//! The import's parallel paths give exactly what the plain ones give: the same library, the same warnings, the
//! same errors, on generated libraries of several sizes and on texts made to trip a splitter.

use lenaview::formats::{self, library_json};
use lenaview::model::Library;

fn json(library: &Library) -> String {
    library_json::to_string(library)
}

#[test]
fn a_library_parsed_on_several_threads_is_the_one_parsed_plainly() {
    for (count, seed) in [(0, 1), (1, 2), (900, 3), (2_000, 4), (12_000, 5)] {
        let text = json(&lenaview::synthetic::library(count, seed));
        let plain = library_json::parse_plainly("lib.json", &text).unwrap();
        for threads in [1, 2, 3, 8] {
            assert_eq!(library_json::parse_on(threads, "lib.json", &text), Ok(plain.clone()), "{count} on {threads}");
        }
        // Compact JSON, as another tool may write it.
        let compact = serde_json::to_string(&plain.library).unwrap();
        assert_eq!(library_json::parse_on(2, "lib.json", &compact), Ok(plain));
    }
}

#[test]
fn strings_that_look_like_structure_and_broken_texts_parse_as_plainly() {
    let mut library = lenaview::synthetic::library(2_000, 6);
    let tricky = ["}", "{", "]}", "\"}, {\"path\": [", "\\", "\\\"}", "ünïcödé }", "\u{1b}[2J"];
    for (page, text) in library.pages.iter_mut().zip(tricky.iter().cycle()) {
        page.summary = text.to_string();
        page.path.push(text.to_string());
        page.publications[0].title = format!("{text} title {text}");
    }
    let text = json(&library);
    let plain = library_json::parse_plainly("lib.json", &text);
    assert_eq!(plain.as_ref().map(|imported| &imported.library), Ok(&library));
    assert_eq!(library_json::parse_on(2, "lib.json", &text), plain);

    let middle = text.len() / 2;
    let broken = [
        format!("{}x{}", &text[..middle], &text[middle..]),
        text.replacen("\"title\"", "\"title\": 1, \"title\"", 1),
        text.replacen("\"year\": 20", "\"year\": \"20", 1),
        format!("{} trailing", text.trim_end()),
        text.replacen("{\n  \"pages\"", "{\n  \"other\": [],\n  \"pages\"", 1),
        text[..middle].to_string(),
    ];
    for (n, text) in broken.iter().enumerate() {
        let plain = library_json::parse_plainly("lib.json", text);
        assert_eq!(library_json::parse_on(2, "lib.json", text), plain, "broken text {n}");
    }
}

#[test]
fn importing_a_big_file_gives_what_importing_it_plainly_gives() {
    let mut library = lenaview::synthetic::library(3_000, 8);
    library.pages[3].publications[5].title = "Bad \u{1b}]0;x\u{7} title".into();
    library.pages[7].publications[0].authors.push("Evil\u{202e} A".into());
    let text = json(&library);
    let imported = formats::import_bytes("lib.json", text.as_bytes()).unwrap();
    let mut plain = library_json::parse_plainly("lib.json", &text).unwrap();
    let warnings = formats::clean::clean_library("lib.json", &text, &mut plain.library);
    assert_eq!(imported.library, plain.library);
    assert_eq!(imported.warnings, warnings);
    assert_eq!(imported.warnings.len(), 2, "{:?}", imported.warnings);
}

#[test]
fn warnings_from_publications_cleaned_on_different_cores_name_the_first_in_the_file() {
    let mut library = lenaview::synthetic::library(10_000, 9);
    let mut publications: Vec<&mut lenaview::model::Publication> =
        library.pages.iter_mut().flat_map(|page| page.publications.iter_mut()).collect();
    publications[8_000].title = "Late \u{1b}[2J title".into();
    publications[100].title = "Early \u{1b}[2J title".into();
    publications[7_000].authors.push("Evil\u{202e} A".into());
    let pmid = |at: usize| publications[at].pmid.clone().expect("generated papers have PMIDs");
    let (early, evil) = (pmid(100), pmid(7_000));
    let text = json(&library);
    let line_of = |needle: &str| text[..text.find(needle).unwrap()].lines().count();
    let imported = formats::import_bytes("lib.json", text.as_bytes()).unwrap();
    let warnings: Vec<(usize, String)> =
        imported.warnings.iter().map(|warning| (warning.line, warning.message.clone())).collect();
    let expected = [
        (
            line_of("Early \\u001b"),
            format!("removed control characters from the title of 2 records (first: PMID {early})"),
        ),
        (line_of("Evil"), format!("removed control characters from the authors of 1 record (first: PMID {evil})")),
    ];
    assert_eq!(warnings, expected);
}
