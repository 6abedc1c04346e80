//! Where a publication lives on the web, for the "open" key and the status bar.

use crate::model::Publication;

/// The exact PubMed record when the PMID is known, else the DOI resolver, else a PubMed search for the title.
pub fn pubmed_url(publication: &Publication) -> String {
    if let Some(pmid) = non_empty(&publication.pmid) {
        return format!("https://pubmed.ncbi.nlm.nih.gov/{}/", percent_encode(pmid, b""));
    }
    if let Some(doi) = non_empty(&publication.doi) {
        // A DOI's slash separates prefix and suffix; the resolver expects it unencoded.
        return format!("https://doi.org/{}", percent_encode(doi, b"/"));
    }
    format!("https://pubmed.ncbi.nlm.nih.gov/?term={}", percent_encode(publication.title.trim(), b""))
}

fn non_empty<Text: std::ops::Deref<Target = str>>(value: &Option<Text>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

/// Percent-encodes every UTF-8 byte except RFC 3986 unreserved characters and those in `keep`.
/// Encoding generously keeps the URL one safe token even when handed to a shell-spawned browser.
pub fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut encoded = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(title: &str) -> Publication {
        Publication { title: title.into(), ..Publication::default() }
    }

    #[test]
    fn pmid_gives_the_exact_record() {
        let publication = Publication { pmid: Some("31433920".into()), doi: Some("10.1/x".into()), ..titled("T") };
        assert_eq!(pubmed_url(&publication), "https://pubmed.ncbi.nlm.nih.gov/31433920/");
    }

    #[test]
    fn doi_alone_goes_to_the_resolver_with_its_slash_intact() {
        let publication = Publication { doi: Some("10.1002/(SICI)1097-0142".into()), ..titled("T") };
        assert_eq!(pubmed_url(&publication), "https://doi.org/10.1002/%28SICI%291097-0142");
    }

    #[test]
    fn otherwise_a_title_search_with_every_reserved_byte_encoded() {
        let publication = titled("Lenalidomide & dexamethasone: 50% response? Müller");
        assert_eq!(
            pubmed_url(&publication),
            "https://pubmed.ncbi.nlm.nih.gov/?term=Lenalidomide%20%26%20dexamethasone%3A%2050%25%20response%3F%20M%C3%BCller"
        );
        let blank_ids = Publication { pmid: Some(" ".into()), doi: Some("".into()), ..titled("a+b") };
        assert_eq!(pubmed_url(&blank_ids), "https://pubmed.ncbi.nlm.nih.gov/?term=a%2Bb");
    }

    #[test]
    fn percent_encode_keeps_unreserved_characters() {
        assert_eq!(percent_encode("AZaz09-._~", b""), "AZaz09-._~");
        assert_eq!(percent_encode("a/b c", b"/"), "a/b%20c");
        assert_eq!(percent_encode("\u{1F600}", b""), "%F0%9F%98%80");
    }
}
