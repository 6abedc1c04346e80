//! Deterministic fuzzing of every importer: arbitrary bytes and mutated valid samples of each format go
//! through `import_bytes`, which must never panic and must name the file in every error and warning.
//!
//! The generator is a seeded xorshift, so a failure names an input index that reproduces on every run.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lenaview::formats::import_bytes;

const INPUTS: usize = 20_000;
const SEED: u64 = 0x5EED_1E4A_F00D_CAFE;
const NAME: &str = "fuzz/input.txt";

const MEDLINE: &str = "\nPMC - PMC7000000\nPMID- 31433920\nDP  - 2019 Aug 22\nTI  - Oral Selinexor-Dexamethasone for\n      \
Triple-Class Refractory Myeloma.\nPG  - 727-738\nLID - 10.1056/NEJMoa1903455 [doi]\nAB  - BACKGROUND: Selinexor is oral.\n      \
RESULTS: Responses in 26%. CONCLUSIONS: It works.\nFAU - Müller, Jürgen\nAU  - Müller J\nCN  - STORM Group\nTA  - N Engl J Med\n\
SO  - N Engl J Med. 2019.\n\nPMID- 2\nTI  - Second.\nAB  - \nOAB - Publisher: none.\nSO  - X.\n";

const RIS: &str = "\u{feff}Record #1 of 2\n1.\nTY  - JOUR\nTI  - Oral Selinexor\nAU  - Chari, Ajai\nA1  - Nuñez-Ærø, José\n\
T2  - New England Journal\nJ2  - N Engl J Med\nAB  - BACKGROUND: One. Methods: Two.\ncontinued line\nDA  - 2019/08/22/\n\
PY  - 2019///\nDO  - https://doi.org/10.1056%2Fx\nSP  - 727\nEP  - 738\nAN  - PMID: 31433920\nUR  - \
https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7000000\nER  -\nNL  - note\n2.\nTY  - JOUR\nT1  - Second\nY1  - 2018//Fall\nER  - \n";

const LIBRARY_JSON: &str = r#"{"pages": [{"path": ["Imported", "x"], "summary": "", "publications": [{"authors": ["Chari A"],
"title": "Oral Selinexor", "journal": "N Engl J Med", "year": 2019, "abstract": [{"label": "BACKGROUND", "text": "One."}],
"pmid": "31433920", "doi": "10.1056/x"}]}]}"#;

const CANCERINDEX_PAGE: &str = "Home > Treatments > Lenalidomide\n\nLenalidomide is an immunomodulating agent.\n\n\
Latest Research Publications\n\nChari A, Vogl DT, Gavriatopoulou M, et al.\nOral Selinexor-Dexamethasone for Myeloma.\n\
N Engl J Med. 2019; 381(8):727-738 [PubMed] Related Publications\nBACKGROUND: Selinexor is oral.\nRESULTS: It works.\n\n\
Wang X\nMyeloma of the pancreas.\nMedicine (Baltimore). 2019; 98(30):e16567 [PubMed] Free Access to Full Article Related Publications\n";

/// Fragments that steer mutations towards the places parsers branch on.
const TOKENS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "      ",
    "- ",
    "  - ",
    ":",
    ": ",
    ". ",
    "PMID- ",
    "PMC - ",
    "TI  - ",
    "AB  - ",
    "AU  - ",
    "DP  - ",
    "LID - ",
    "SO  - ",
    "TY  - ",
    "ER  -",
    "T1  - ",
    "PY  - ",
    "SP  - ",
    "DO  - 10.",
    "PMID: ",
    "PMC",
    "/",
    "///",
    "[doi]",
    "Home > ",
    " > ",
    "[PubMed]",
    "et al.",
    "{",
    "}",
    "\"",
    "[",
    "]",
    "\u{feff}",
    "é",
    "Ø",
    "—",
    "😀",
    "RESULTS: ",
];

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, bound: usize) -> usize {
        if bound == 0 { 0 } else { (self.next() % bound as u64) as usize }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn random_bytes(rng: &mut XorShift) -> Vec<u8> {
    let length = rng.below(300);
    (0..length).map(|_| rng.next() as u8).collect()
}

fn mutate(rng: &mut XorShift, sample: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = sample.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 => {
                if let Some(byte) = bytes.get_mut(at) {
                    *byte = rng.next() as u8;
                }
            }
            1 => bytes.insert(at, rng.next() as u8),
            2 => {
                let end = (at + rng.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let token = rng.pick(TOKENS).as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            4 => bytes.truncate(at),
            5 => {
                let start = rng.below(other.len());
                let end = (start + rng.below(120)).min(other.len());
                bytes.splice(at..at, other[start..end].iter().copied());
            }
            _ => {
                let end = (at + rng.below(80)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
        }
    }
    bytes
}

fn check(index: usize, bytes: &[u8]) {
    let outcome = catch_unwind(AssertUnwindSafe(|| import_bytes(NAME, bytes)));
    let shown = String::from_utf8_lossy(bytes);
    let result = outcome.unwrap_or_else(|_| panic!("input {index} panicked the importer: {shown:?}"));
    match result {
        Ok(imported) => {
            for warning in &imported.warnings {
                assert_eq!(warning.file, NAME, "input {index}: warning {warning} does not name the file: {shown:?}");
            }
        }
        Err(err) => assert_eq!(err.file, NAME, "input {index}: error {err} does not name the file: {shown:?}"),
    }
}

#[test]
fn the_valid_samples_import() {
    for sample in [MEDLINE, RIS, LIBRARY_JSON] {
        let imported = import_bytes(NAME, sample.as_bytes()).unwrap_or_else(|err| panic!("{err}\n{sample}"));
        assert!(imported.library.publication_count() >= 1, "{sample}");
    }
}

#[test]
fn no_input_panics_an_importer_and_every_problem_names_the_file() {
    let samples = [MEDLINE, RIS, LIBRARY_JSON, CANCERINDEX_PAGE].map(str::as_bytes);
    let mut rng = XorShift(SEED);
    for index in 0..INPUTS {
        let bytes = if index % 5 == 0 {
            random_bytes(&mut rng)
        } else {
            let sample = samples[index % samples.len()];
            let other = *rng.pick(&samples);
            mutate(&mut rng, sample, other)
        };
        check(index, &bytes);
    }
}
