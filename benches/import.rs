//! How long a big PubMed export takes to import: `cargo bench --bench import`.
//! The MEDLINE text is generated here, deterministically, with the shapes real exports have
//! (wrapped titles, several authors, structured abstracts on continuation lines).

use std::time::Instant;

fn medline(records: usize) -> String {
    let words = ["lenalidomide", "myeloma", "maintenance", "relapsed", "dexamethasone", "outcomes", "phase", "trial"];
    let mut text = String::with_capacity(records * 900);
    for i in 0..records {
        let word = |k: usize| words[(i * 7 + k * 3) % words.len()];
        text.push_str(&format!("PMID- {}\n", 30_000_000 + i));
        text.push_str(&format!("DP  - {} Aug 22\n", 1990 + i % 35));
        text.push_str(&format!(
            "TI  - A {} study of {} and {} in {} patients: results of a\n",
            word(0),
            word(1),
            word(2),
            word(3)
        ));
        text.push_str(&format!("      randomised {} trial number {i}.\n", word(4)));
        text.push_str(&format!("PG  - {}-{}\n", 100 + i % 900, 110 + i % 900));
        text.push_str(&format!("LID - 10.1000/bench.{i} [doi]\n"));
        text.push_str("AB  - BACKGROUND: Patients with relapsed disease need options. METHODS: We enrolled\n");
        text.push_str(&format!(
            "      {} patients and treated them. RESULTS: Responses were seen in {}%.\n",
            50 + i % 400,
            i % 100
        ));
        text.push_str("      CONCLUSIONS: The regimen was active and tolerable.\n");
        for author in ["Chari A", "Vogl DT", "Müller K"] {
            text.push_str(&format!("AU  - {author}\n"));
        }
        text.push_str(&format!(
            "TA  - {}\nVI  - {}\nIP  - {}\n",
            ["Blood", "N Engl J Med", "Leukemia"][i % 3],
            i % 400,
            i % 12
        ));
        text.push_str(&format!("SO  - Blood. 2019 Aug 22;{}({}):100-110.\n\n", i % 400, i % 12));
    }
    text
}

fn main() {
    for records in [10_000, 100_000] {
        let text = medline(records);
        let mut times = Vec::new();
        for _ in 0..3 {
            let started = Instant::now();
            let imported = lenaview::formats::import_bytes("bench.txt", text.as_bytes()).expect("imports");
            times.push(started.elapsed().as_secs_f64());
            assert_eq!(imported.library.publication_count(), records);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "MEDLINE import: {records:>7} records, {:>5.1} MB: median {:.2} s of 3 runs",
            text.len() as f64 / 1e6,
            times[1]
        );
    }
}
