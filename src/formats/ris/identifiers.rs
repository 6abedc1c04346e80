//! PubMed, PubMed Central and DOI identifiers, wherever RIS writers put them: a bare `DO`, a doi.org link,
//! `PMID: 123` in a note or accession number, a PubMed or PMC link, Dimensions' `35957633 [PMID]` and
//! `PMC9359172 [PMCID]` in any tag, and the accession number of an Ovid link into a MEDLINE database.

/// A DOI from a `DO` value or a link: `10.1056/x`, `doi:10.1056/x`, `https://doi.org/10.1056%2Fx` → `10.1056/x`.
pub(super) fn doi_in(text: &str) -> Option<String> {
    let start = text.find("10.")?;
    let before = &text[..start];
    let is_doi_context = before.trim().is_empty()
        || before.to_ascii_lowercase().trim_end().ends_with("doi:")
        || before.to_ascii_lowercase().contains("doi.org/");
    if !is_doi_context {
        return None;
    }
    let doi: String =
        text[start..].split(|c: char| c.is_whitespace() || c == '&').next()?.replace("%2F", "/").replace("%2f", "/");
    let doi = doi.trim_end_matches(['.', ',', ';']);
    doi.contains('/').then(|| doi.to_string())
}

/// The PMID in `PMID: 31433920`, `PMID:31433920` or a PubMed link (`pubmed.ncbi.nlm.nih.gov/31433920`,
/// `www.ncbi.nlm.nih.gov/pubmed/31433920`).
pub(super) fn pmid_in(text: &str) -> Option<String> {
    ["PMID:", "pubmed.ncbi.nlm.nih.gov/", "ncbi.nlm.nih.gov/pubmed/"].iter().find_map(|marker| {
        let (_, after) = text.split_once(marker)?;
        leading_digits(after.trim_start())
    })
}

/// The first `PMC` followed by digits (`PMC6055010`), as a bare value, after `PMCID:` or in a PMC link.
pub(super) fn pmc_in(text: &str) -> Option<String> {
    text.match_indices("PMC").find_map(|(start, _)| {
        let standalone = text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let digits = leading_digits(&text[start + 3..])?;
        standalone.then(|| format!("PMC{digits}"))
    })
}

/// Dimensions' form, in any tag: `U1  - 35957633 [PMID]`.
pub(super) fn bracketed_pmid(text: &str) -> Option<String> {
    number_before(text, "[PMID]")
}

/// Dimensions' form, in any tag: `U1  - PMC9359172 [PMCID]` (or the digits alone before the marker).
pub(super) fn bracketed_pmc(text: &str) -> Option<String> {
    number_before(text, "[PMCID]").map(|digits| format!("PMC{digits}"))
}

/// The digits just before `marker`, after an optional `PMC`.
fn number_before(text: &str, marker: &str) -> Option<String> {
    text.match_indices(marker).find_map(|(start, _)| {
        let before = text[..start].trim_end();
        let digits_start = before.rfind(|c: char| !c.is_ascii_digit()).map_or(0, |index| index + 1);
        let digits = &before[digits_start..];
        let prefix = &before[..digits_start];
        let standalone =
            prefix.strip_suffix("PMC").unwrap_or(prefix).chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        (!digits.is_empty() && standalone).then(|| digits.to_string())
    })
}

/// The PMID in an Ovid link: `ovidweb.cgi?...&D=medp&...&AN=39012781`. Only MEDLINE databases (`D=med*`,
/// `pmnm*`) number records by PMID; PsycInfo's or Embase's `AN` is their own accession number.
pub(super) fn ovid_pmid(link: &str) -> Option<String> {
    if !link.to_ascii_lowercase().contains("ovid.com/") {
        return None;
    }
    let (_, query) = link.split_once('?')?;
    // Links copied out of HTML keep their escaped ampersands: `&amp;AN=`.
    let parameter = |name: &str| {
        query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            key.trim_start_matches("amp;").eq_ignore_ascii_case(name).then_some((key, value))
        })
    };
    let (_, database) = parameter("D")?;
    let database = database.to_ascii_lowercase();
    if !(database.starts_with("med") || database.starts_with("pmnm")) {
        return None;
    }
    parameter("AN").and_then(|(_, accession)| bare_number(accession))
}

/// A whole accession number that is all digits, for `AN` when the database is PubMed.
pub(super) fn bare_number(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string())
}

fn leading_digits(text: &str) -> Option<String> {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    (end > 0).then(|| text[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dois_from_values_and_links() {
        assert_eq!(doi_in("10.5114/pg.2018.81081").as_deref(), Some("10.5114/pg.2018.81081"));
        assert_eq!(doi_in("http://dx.doi.org/10.1002/cpp.2398").as_deref(), Some("10.1002/cpp.2398"));
        assert_eq!(doi_in("doi: 10.1056/NEJMoa1903455.").as_deref(), Some("10.1056/NEJMoa1903455"));
        assert_eq!(
            doi_in("https://doi.org/10.15598%2faeee.v16i3.2698&x=1").as_deref(),
            Some("10.15598/aeee.v16i3.2698")
        );
        assert_eq!(doi_in("version 10.2 of the form"), None);
        assert_eq!(doi_in("https://example.org/10.1/2"), None);
        assert_eq!(doi_in("10.5114"), None);
    }

    #[test]
    fn pubmed_ids_from_notes_and_links() {
        assert_eq!(pmid_in("PMID: 31433920 [Indexed]").as_deref(), Some("31433920"));
        assert_eq!(pmid_in("https://pubmed.ncbi.nlm.nih.gov/31433920/").as_deref(), Some("31433920"));
        assert_eq!(pmid_in("http://www.ncbi.nlm.nih.gov/pubmed/123").as_deref(), Some("123"));
        assert_eq!(pmid_in("id=pmid:&id=doi:10.1"), None);
        assert_eq!(pmc_in("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC7999968").as_deref(), Some("PMC7999968"));
        assert_eq!(pmc_in("PMCID: PMC6055010").as_deref(), Some("PMC6055010"));
        assert_eq!(pmc_in("XPMC12 or PMC"), None);
        assert_eq!(bare_number(" 21553931 ").as_deref(), Some("21553931"));
        assert_eq!(bare_number("rayyan-1"), None);
    }

    #[test]
    fn dimensions_bracketed_identifiers() {
        assert_eq!(bracketed_pmid("35957633 [PMID]").as_deref(), Some("35957633"));
        assert_eq!(bracketed_pmid("see 123[PMID] and 456 [PMID]").as_deref(), Some("123"));
        assert_eq!(bracketed_pmid("[PMID]"), None);
        assert_eq!(bracketed_pmid("X12 [PMID]"), None);
        assert_eq!(bracketed_pmc("PMC9359172 [PMCID]").as_deref(), Some("PMC9359172"));
        assert_eq!(bracketed_pmc("9359172 [PMCID]").as_deref(), Some("PMC9359172"));
        assert_eq!(bracketed_pmc("PMC [PMCID]"), None);
        assert_eq!(bracketed_pmc("35957633 [PMID]"), None);
    }

    #[test]
    fn ovid_links_give_a_pmid_only_from_medline_databases() {
        let link = |database: &str, accession: &str| {
            format!("http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D={database}&NEWS=N&AN={accession}")
        };
        for database in ["medp", "medl", "med16", "pmnm", "pmnm2", "MEDP"] {
            assert_eq!(ovid_pmid(&link(database, "39012781")).as_deref(), Some("39012781"), "{database}");
        }
        for database in ["psyc16", "emed21", "emez", ""] {
            assert_eq!(ovid_pmid(&link(database, "39012781")), None, "{database}");
        }
        assert_eq!(ovid_pmid(&link("psyc16", "2019-65183-001")), None);
        assert_eq!(ovid_pmid(&link("medp", "2019-65183-001")), None);
        assert_eq!(ovid_pmid("https://example.org/x?D=medp&AN=1"), None);
        let escaped = "http://ovidsp.ovid.com/ovidweb.cgi?T=JS&amp;D=medl&amp;AN=31433920";
        assert_eq!(ovid_pmid(escaped).as_deref(), Some("31433920"));
        assert_eq!(ovid_pmid("http://ovidsp.dc1.ovid.com/ovidweb.cgi"), None);
    }
}
