//! JATS and HTML in titles and abstracts, as Lens.org and Crossref-based exports write them, read as plain text.

use lenaview::formats;
use lenaview::model::Publication;

fn only_publication(name: &str, text: &str) -> Publication {
    let imported = formats::import_bytes(name, text.as_bytes()).unwrap_or_else(|err| panic!("{err}"));
    assert!(imported.warnings.is_empty(), "markup is no loss: {:?}", imported.warnings);
    imported.library.pages[0].publications[0].clone()
}

fn sections(publication: &Publication) -> Vec<(Option<&str>, &str)> {
    publication.abstract_sections.iter().map(|section| (section.label.as_deref(), section.text.as_str())).collect()
}

const LENS_RIS: &str = "TY  - JOUR
TI  - Exposure to PM<sub>2.5</sub> and &lt;i&gt;BRCA1&lt;/i&gt; carriers: Smith &amp;amp; Jones revisited
AU  - Smith, Anna
JO  - Environ &amp; Health
PY  - 2021
AB  - <jats:sec><jats:title>Background</jats:title><jats:p>Fine particulate matter (PM<jats:sub>2.5</jats:sub>) harms; p&lt;0.05 and a &lt; b &gt; c.</jats:p></jats:sec><jats:sec><jats:title>Methods</jats:title><jats:p>We used <jats:italic>in vivo</jats:italic> models.</jats:p><jats:p>And a second paragraph.</jats:p></jats:sec>
ER  - 
";

#[test]
fn lens_ris_reads_as_plain_text_with_labelled_sections() {
    let publication = only_publication("lens.ris", LENS_RIS);
    assert_eq!(publication.title, "Exposure to PM2.5 and BRCA1 carriers: Smith & Jones revisited");
    assert_eq!(publication.journal, "Environ & Health");
    assert_eq!(
        sections(&publication),
        [
            (Some("Background"), "Fine particulate matter (PM2.5) harms; p<0.05 and a < b > c."),
            (Some("Methods"), "We used in vivo models."),
            (None, "And a second paragraph."),
        ]
    );
}

#[test]
fn crossref_json_with_escaped_paragraphs_and_mathml() {
    let json = r#"{"pages": [{"path": ["Crossref"], "publications": [{
        "title": "Dose of <mml:math><mml:msub><mml:mi>D</mml:mi><mml:mn>50</mml:mn></mml:msub></mml:math> in &#946;-thalassaemia",
        "authors": ["M&uuml;ller K"],
        "abstract": [{"label": null, "text": "&lt;jats:p&gt;OBJECTIVE: To measure. RESULTS: It worked &amp;amp; held.&lt;/jats:p&gt;"}]
    }]}]}"#;
    let publication = only_publication("crossref.json", json);
    assert_eq!(publication.title, "Dose of D50 in β-thalassaemia");
    assert_eq!(publication.authors, ["Müller K"]);
    assert_eq!(sections(&publication), [(Some("OBJECTIVE"), "To measure."), (Some("RESULTS"), "It worked & held.")]);
}

#[test]
fn text_that_only_looks_like_markup_stays() {
    let ris = "TY  - JOUR\nTI  - Survival <5 years, p<0.001, and the <unknown> marker in R&D\nPY  - 2020\nER  - \n";
    let publication = only_publication("plain.ris", ris);
    assert_eq!(publication.title, "Survival <5 years, p<0.001, and the <unknown> marker in R&D");
}
