//! Large, realistic, reproducible libraries for benchmarks and scale tests.
//!
//! The same `(count, seed)` always gives the same library, on every machine, so benchmark
//! figures can be compared across runs. Titles are assembled from biomedical word lists in the
//! shapes PubMed titles take; a few author names carry diacritics and Greek letters so the
//! search folding is exercised at scale too.

use crate::model::{AbstractSection, Library, Page, Publication, RecordKind};
use compact_str::format_compact;

/// How many publications share one topic page: roughly what a CancerIndex page lists.
const PUBLICATIONS_PER_PAGE: usize = 200;

const DRUGS: &[&str] = &[
    "Lenalidomide",
    "Pomalidomide",
    "Thalidomide",
    "Bortezomib",
    "Carfilzomib",
    "Ixazomib",
    "Daratumumab",
    "Isatuximab",
    "Elotuzumab",
    "Dexamethasone",
    "Melphalan",
    "Cyclophosphamide",
    "Rituximab",
    "Venetoclax",
    "Ibrutinib",
    "Azacitidine",
    "Selinexor",
    "Belantamab mafodotin",
    "Prednisone",
    "Doxorubicin",
];

const DISEASES: &[&str] = &[
    "multiple myeloma",
    "myelodysplastic syndromes",
    "mantle cell lymphoma",
    "chronic lymphocytic leukemia",
    "follicular lymphoma",
    "diffuse large B-cell lymphoma",
    "AL amyloidosis",
    "del(5q) myelodysplastic syndrome",
    "smoldering myeloma",
    "POEMS syndrome",
    "acute myeloid leukemia",
    "marginal zone lymphoma",
];

const QUALIFIERS: &[&str] = &[
    "newly diagnosed",
    "relapsed",
    "refractory",
    "relapsed or refractory",
    "transplant-ineligible",
    "elderly patients with",
    "high-risk",
    "untreated",
];

const DESIGNS: &[&str] = &[
    "A phase 3 randomised trial",
    "A phase 2 study",
    "A phase 1/2 dose-escalation study",
    "A retrospective cohort study",
    "A systematic review and meta-analysis",
    "A real-world analysis",
    "A case report",
    "A multicentre observational study",
];

const OUTCOMES: &[&str] = &[
    "progression-free survival",
    "overall survival",
    "minimal residual disease negativity",
    "quality of life",
    "venous thromboembolism",
    "peripheral neuropathy",
    "second primary malignancies",
    "cytogenetic risk",
    "cereblon expression",
    "immune reconstitution",
];

const MECHANISMS: &[&str] = &[
    "cereblon-mediated degradation of IKZF1 and IKZF3",
    "T-cell and NK-cell activation",
    "inhibition of angiogenesis",
    "TNF-α suppression",
    "the bone marrow microenvironment",
    "casein kinase 1α degradation",
    "interleukin-6 signalling",
];

const SURNAMES: &[&str] = &[
    "Chari",
    "Vogl",
    "Facon",
    "Kumar",
    "Rajkumar",
    "Dimopoulos",
    "Moreau",
    "Richardson",
    "Attal",
    "San Miguel",
    "Palumbo",
    "Mateos",
    "Lonial",
    "Anderson",
    "Usmani",
    "Weisel",
    "Goldschmidt",
    "Durie",
    "Wang",
    "Zhang",
    "Li",
    "Chen",
    "Nakamura",
    "Suzuki",
    "Kim",
    "Park",
    "Smith",
    "Jones",
    "Brown",
    "Taylor",
    "Müller",
    "García",
    "Sánchez",
    "Jørgensen",
    "Łukasik",
    "Šimková",
    "Çelik",
    "Ødegaard",
    "Κωνσταντίνου",
    "Hájek",
    "Ludwig",
    "Bringhen",
];

const INITIALS: &[&str] =
    &["A", "B", "C", "D", "DT", "E", "F", "G", "H", "J", "JF", "K", "L", "M", "MV", "P", "R", "S", "SK", "T", "X", "Y"];

const JOURNALS: &[&str] = &[
    "N Engl J Med",
    "Lancet",
    "Lancet Oncol",
    "Blood",
    "J Clin Oncol",
    "Leukemia",
    "Haematologica",
    "Br J Haematol",
    "Blood Adv",
    "Am J Hematol",
    "Clin Lymphoma Myeloma Leuk",
    "Medicine (Baltimore)",
    "Cancers (Basel)",
    "Ann Hematol",
];

const TOPICS: &[&[&str]] = &[
    &["Treatments", "Immunomodulatory Drugs", "Lenalidomide"],
    &["Treatments", "Proteasome Inhibitors", "Bortezomib"],
    &["Treatments", "Monoclonal Antibodies", "Daratumumab"],
    &["Cancers", "Blood Cancers", "Multiple Myeloma"],
    &["Cancers", "Blood Cancers", "Lymphoma"],
    &["Cancers", "Blood Cancers", "Myelodysplastic Syndromes"],
    &["Research", "Clinical Trials"],
];

/// A library of exactly `count` publications, the same for the same `seed`.
pub fn library(count: usize, seed: u64) -> Library {
    let mut rng = XorShift::new(seed);
    let mut pages = Vec::new();
    let mut remaining = count;
    while remaining > 0 {
        let take = remaining.min(PUBLICATIONS_PER_PAGE);
        let topic = rng.pick(TOPICS);
        let mut path: Vec<String> = topic.iter().map(|part| part.to_string()).collect();
        // A numbered leaf keeps pages distinct so the topic tree has realistic breadth.
        path.push(format!("Set {}", pages.len() + 1));
        let publications = (0..take).map(|_| publication(&mut rng)).collect();
        pages.push(Page { path, summary: String::new(), last_updated: None, publications });
        remaining -= take;
    }
    Library { pages }
}

fn publication(rng: &mut XorShift) -> Publication {
    let year = 1995 + rng.below(32) as i32;
    let author_count = 1 + rng.below(6);
    let authors = (0..author_count).map(|_| format_compact!("{} {}", rng.pick(SURNAMES), rng.pick(INITIALS))).collect();
    let index = rng.next_u64();
    Publication {
        authors,
        et_al: rng.below(3) == 0,
        title: title(rng),
        journal: rng.pick(JOURNALS).into(),
        year: Some(year),
        date: Some(format_compact!("{year}")),
        volume: Some(format_compact!("{}", 1 + rng.below(140))),
        issue: Some(format_compact!("{}", 1 + rng.below(24))),
        pages: Some(format_compact!("{}-{}", 100 + index % 900, 110 + index % 900)),
        free_full_text: rng.below(4) == 0,
        pmc_free_after: None,
        abstract_sections: abstract_sections(rng),
        pmid: Some(format_compact!("{}", 10_000_000 + index % 30_000_000)),
        doi: None,
        pmc: None,
        kind: RecordKind::Article,
        tags: Vec::new(),
        note: None,
    }
}

fn title(rng: &mut XorShift) -> String {
    let drug = rng.pick(DRUGS);
    let partner = rng.pick(DRUGS).to_lowercase();
    let disease = rng.pick(DISEASES);
    let qualifier = rng.pick(QUALIFIERS);
    match rng.below(6) {
        0 => format!("{drug} plus {partner} and dexamethasone for {qualifier} {disease}."),
        1 => format!("{drug} in {qualifier} {disease}: {}.", rng.pick(DESIGNS).to_lowercase()),
        2 => format!(
            "Impact of {} on {} in {disease} treated with {}.",
            rng.pick(OUTCOMES),
            rng.pick(OUTCOMES),
            drug.to_lowercase()
        ),
        3 => format!("{drug} acts through {}.", rng.pick(MECHANISMS)),
        4 => format!(
            "Long-term follow-up of {} maintenance after autologous transplantation in {disease}.",
            drug.to_lowercase()
        ),
        _ => format!("Predictors of {} with {partner}-based therapy in {qualifier} {disease}.", rng.pick(OUTCOMES)),
    }
}

fn abstract_sections(rng: &mut XorShift) -> Vec<AbstractSection> {
    if rng.below(5) == 0 {
        return Vec::new();
    }
    let drug = rng.pick(DRUGS).to_lowercase();
    let disease = rng.pick(DISEASES);
    let patients = 20 + rng.below(900);
    let sections = [
        ("BACKGROUND", format!("The role of {drug} in {disease} remains uncertain.")),
        ("METHODS", format!("We enrolled {patients} patients and assessed {}.", rng.pick(OUTCOMES))),
        (
            "RESULTS",
            format!(
                "Median {} was {} months (95% CI, {}-{}).",
                rng.pick(OUTCOMES),
                6 + rng.below(60),
                3 + rng.below(5),
                70 + rng.below(30)
            ),
        ),
        ("CONCLUSIONS", format!("{} improved outcomes in {disease}.", capitalised(&drug))),
    ];
    sections.into_iter().map(|(label, text)| AbstractSection { label: Some(label.to_string()), text }).collect()
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// xorshift64*: tiny, fast, and good enough that the word choices look unpatterned. Public so
/// that randomised tests draw their inputs from the same seeded generator.
#[derive(Debug, Clone)]
pub struct XorShift(u64);

impl XorShift {
    pub fn new(seed: u64) -> Self {
        // Zero is xorshift's one fixed point; any other constant works as the substitute.
        XorShift(if seed == 0 { 0x9E37_79B9_7F4A_7C15 } else { seed })
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        (self.next_u64() % bound as u64) as usize
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_library_and_exact_count() {
        let first = library(450, 7);
        assert_eq!(first, library(450, 7));
        assert_ne!(first, library(450, 8));
        assert_eq!(first.publication_count(), 450);
        assert_eq!(first.pages.len(), 3);
        assert!(library(0, 1).pages.is_empty());
    }

    #[test]
    fn looks_like_biomedical_literature_with_some_non_ascii_names() {
        let library = library(2000, 42);
        let publications: Vec<&Publication> = library.publications().collect();
        let mentions = publications.iter().filter(|p| p.title.to_lowercase().contains("lenalidomide")).count();
        assert!(mentions > 100 && mentions < 1000, "{mentions} titles mention lenalidomide");
        assert!(publications.iter().any(|p| p.authors.iter().any(|a| !a.is_ascii())));
        assert!(publications.iter().all(|p| !p.title.is_empty() && !p.journal.is_empty() && p.year.is_some()));
        assert!(publications.iter().any(|p| !p.abstract_sections.is_empty()));
    }
}
