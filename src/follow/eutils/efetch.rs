//! EFetch: the MEDLINE text of chosen PMIDs, checked before anything is kept. The answer is split into its
//! records as they came, so what is stored is PubMed's own text, minus records nobody asked for.

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;

use super::http::{self, Client, FetchError, Method};
use crate::formats::{self, Format};

/// One record of an EFetch answer, exactly as PubMed wrote it (without the blank line that separates records).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRecord {
    pub pmid: String,
    pub text: String,
}

/// The MEDLINE records of `ids`, POSTed (hundreds of PMIDs make a URL too long for some proxies).
pub fn fetch(client: &Client, ids: &[String], cancel: &AtomicBool) -> Result<Vec<RawRecord>, FetchError> {
    let params = [
        ("db", "pubmed".to_string()),
        ("id", ids.join(",")),
        ("rettype", "medline".to_string()),
        ("retmode", "text".to_string()),
    ];
    let body = client.request("efetch.fcgi", &params, Method::Post, cancel)?;
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let records = parse(&body)?;
    Ok(records.into_iter().filter(|record| wanted.contains(record.pmid.as_str())).collect())
}

/// Splits an EFetch answer into records, refusing anything that is not whole MEDLINE text.
pub fn parse(body: &[u8]) -> Result<Vec<RawRecord>, FetchError> {
    let text = formats::decode(body);
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    if formats::detect(&text) != Some(Format::Medline) {
        let first_line: String =
            text.lines().find(|line| !line.trim().is_empty()).unwrap_or("").chars().take(120).collect();
        let detail = http::ncbi_error(body).unwrap_or(first_line);
        return Err(FetchError(format!("PubMed's answer is not MEDLINE text: {detail}")));
    }
    let mut records = Vec::new();
    for chunk in split_records(&text) {
        let Some(pmid) = chunk.lines().find_map(|line| line.strip_prefix("PMID- ")).map(str::trim) else {
            return Err(FetchError("PubMed's answer has a record without a PMID".to_string()));
        };
        // PubMed ends every record with its source line; a last record without one was cut off in transit.
        if !chunk.lines().any(|line| line.starts_with("SO  - ")) {
            return Err(FetchError(format!("PubMed's answer was cut off (record {pmid} has no SO line)")));
        }
        records.push(RawRecord { pmid: pmid.to_string(), text: chunk.trim_end().to_string() });
    }
    Ok(records)
}

/// Records are separated by blank lines, and each starts with its `PMID- ` line.
fn split_records(text: &str) -> Vec<&str> {
    let mut starts = Vec::new();
    let mut offset = 0;
    let mut after_blank = true;
    for line in text.split_inclusive('\n') {
        if line.starts_with("PMID- ") && (after_blank || starts.is_empty()) {
            starts.push(offset);
        }
        after_blank = line.trim().is_empty();
        offset += line.len();
    }
    let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
    ends.push(text.len());
    starts.iter().zip(ends).map(|(&start, end)| text[start..end].trim()).filter(|chunk| !chunk.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "\nPMID- 1\nTI  - One.\nSO  - J. 2024.\n\nPMID- 2\nTI  - Two\n      wrapped.\nSO  - J. 2024.\n";

    #[test]
    fn records_are_kept_as_they_came() {
        let records = parse(TWO.as_bytes()).unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[1],
            RawRecord { pmid: "2".into(), text: "PMID- 2\nTI  - Two\n      wrapped.\nSO  - J. 2024.".into() }
        );
    }

    #[test]
    fn anything_but_whole_medline_is_refused() {
        let cut = &TWO[..TWO.len() - 16];
        assert!(parse(cut.as_bytes()).unwrap_err().0.contains("cut off"));
        let error = br#"{"error":"API rate limit exceeded","count":"11","limit":"10"}"#;
        assert_eq!(parse(error).unwrap_err().0, "PubMed's answer is not MEDLINE text: API rate limit exceeded");
        assert!(parse(b"<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>").is_err());
        assert!(parse(b"  \n").unwrap().is_empty());
    }
}
