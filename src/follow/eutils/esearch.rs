//! ESearch: which PMIDs a query finds, newest first. PubMed hands out at most 10,000 of them per search, so
//! a larger result over a date range is split into halves of that range, as NCBI's EDirect does, until each
//! part fits; without a range (a topic's first update) the newest 10,000 are all there is, and it says so.

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;

use serde_json::Value;

use super::http::{Client, FetchError, Method};
use crate::follow::dates::Date;

/// PubMed's limit on `retstart + retmax` for one search.
pub const ESEARCH_LIMIT: usize = 10_000;
/// However a result is split, an update sends no more searches than this for one topic.
const MOST_SEARCHES_PER_TOPIC: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub count: usize,
    pub ids: Vec<String>,
    /// PubMed's warnings about the query ("phrase not found: xyzzy"), worth showing but not fatal.
    pub notices: Vec<String>,
}

/// The PMIDs a topic's query finds, with PubMed's count and what the user should know about them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub ids: Vec<String>,
    pub count: usize,
    pub notices: Vec<String>,
    /// PubMed's limit of [`ESEARCH_LIMIT`] per search left papers out that no date range was given to split by.
    pub at_search_limit: bool,
}

/// The PMIDs `query` finds, newest first, at most `want`; `range` limits them to papers PubMed added
/// (its Entrez date) within those days.
pub fn find_ids(
    client: &Client,
    query: &str,
    range: Option<(Date, Date)>,
    want: usize,
    cancel: &AtomicBool,
) -> Result<Found, FetchError> {
    let Some((from, to)) = range else {
        let page = search(client, query, None, want.min(ESEARCH_LIMIT), cancel)?;
        let at_search_limit = want > ESEARCH_LIMIT && page.count > ESEARCH_LIMIT;
        return Ok(Found { count: page.count, notices: page.notices, ids: page.ids, at_search_limit });
    };
    let mut found = Found::default();
    let mut seen = HashSet::new();
    let mut searches = 0;
    let mut pending = vec![(from, to)];
    let mut first = true;
    // Newest range first (a stack holding the older half below the newer), so `want` keeps the newest papers.
    while let Some((from, to)) = pending.pop() {
        if found.ids.len() >= want {
            break;
        }
        if searches >= MOST_SEARCHES_PER_TOPIC {
            found.notices.push(format!("stopped after {searches} searches; the rest of the result was not fetched"));
            break;
        }
        searches += 1;
        let page = search(client, query, Some((from, to)), (want - found.ids.len()).min(ESEARCH_LIMIT), cancel)?;
        if first {
            found.count = page.count;
            found.notices.extend(page.notices.iter().cloned());
            first = false;
        }
        let wanted_all_of_it = page.ids.len() >= page.count || found.ids.len() + page.ids.len() >= want;
        if page.count > ESEARCH_LIMIT && !wanted_all_of_it {
            if from < to {
                let middle = from.add_days((to.days() - from.days()) / 2);
                pending.push((from, middle));
                pending.push((middle.add_days(1), to));
                continue;
            }
            found.notices.push(format!(
                "PubMed added {} papers on {from} alone and gives at most {ESEARCH_LIMIT} per search: took {ESEARCH_LIMIT}",
                page.count
            ));
        }
        for id in page.ids {
            if found.ids.len() < want && seen.insert(id.clone()) {
                found.ids.push(id);
            }
        }
    }
    Ok(found)
}

fn search(
    client: &Client,
    query: &str,
    range: Option<(Date, Date)>,
    retmax: usize,
    cancel: &AtomicBool,
) -> Result<SearchPage, FetchError> {
    let mut params = vec![
        ("db", "pubmed".to_string()),
        ("term", query.to_string()),
        ("retmode", "json".to_string()),
        ("retmax", retmax.to_string()),
        ("sort", "pub_date".to_string()),
    ];
    if let Some((from, to)) = range {
        params.push(("datetype", "edat".to_string()));
        params.push(("mindate", from.eutils()));
        params.push(("maxdate", to.eutils()));
    }
    // POST: a long query would not fit a URL, and ESearch accepts both.
    let body = client.request("esearch.fcgi", &params, Method::Post, cancel)?;
    parse(&body)
}

/// Reads an ESearch JSON answer; an error PubMed reports inside it, or a body that is not one, is an error.
pub fn parse(body: &[u8]) -> Result<SearchPage, FetchError> {
    let malformed = |why: &str| FetchError(format!("PubMed's search answer is not readable: {why}"));
    let json: Value = serde_json::from_slice(body).map_err(|err| malformed(&format!("{err}")))?;
    if let Some(Value::String(error)) = json.get("error") {
        return Err(FetchError(format!("PubMed refused the search: {error}")));
    }
    let result = json.get("esearchresult").ok_or_else(|| malformed("no esearchresult"))?;
    if let Some(error) = result.get("ERROR").and_then(Value::as_str) {
        return Err(FetchError(format!("PubMed rejected the query: {error}")));
    }
    let count = result
        .get("count")
        .and_then(Value::as_str)
        .and_then(|count| count.parse::<usize>().ok())
        .ok_or_else(|| malformed("no count"))?;
    let ids: Vec<String> = result
        .get("idlist")
        .and_then(Value::as_array)
        .ok_or_else(|| malformed("no idlist"))?
        .iter()
        .map(|id| {
            id.as_str().filter(|id| is_pmid(id)).map(str::to_string).ok_or_else(|| malformed("an id is not a PMID"))
        })
        .collect::<Result<_, _>>()?;
    let mut notices = listed(result.get("errorlist"));
    if count == 0 {
        notices.extend(listed(result.get("warninglist")));
    }
    if count == 0 && result.get("errorlist").is_some() && !notices.is_empty() {
        return Err(FetchError(format!("PubMed could not use the query: {}", notices.join("; "))));
    }
    Ok(SearchPage { count, ids, notices })
}

/// `{"phrasesnotfound": ["xyzzy"], "fieldsnotfound": []}` → `["phrases not found: xyzzy"]`.
fn listed(list: Option<&Value>) -> Vec<String> {
    let Some(Value::Object(list)) = list else { return Vec::new() };
    list.iter()
        .filter_map(|(kind, values)| {
            let values: Vec<&str> = values.as_array()?.iter().filter_map(Value::as_str).collect();
            let kind =
                kind.replace("notfound", " not found").replace("ignored", " ignored").replace("messages", " messages");
            (!values.is_empty()).then(|| format!("{kind}: {}", values.join(", ")))
        })
        .collect()
}

pub fn is_pmid(text: &str) -> bool {
    !text.is_empty() && text.len() <= 12 && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_real_shape() {
        let body = br#"{"header":{"type":"esearch","version":"0.3"},"esearchresult":{"count":"63","retmax":"2","retstart":"0","querykey":"1","webenv":"MCID_1","idlist":["41282813","41279000"],"translationset":[],"querytranslation":"pomalidomide[tiab]"}}"#;
        let page = parse(body).unwrap();
        assert_eq!((page.count, page.ids.len(), page.notices.len()), (63, 2, 0));
    }

    #[test]
    fn errors_inside_the_answer_are_errors() {
        let rejected = br#"{"header":{"type":"esearch","version":"0.3"},"esearchresult":{"ERROR":"Invalid query"}}"#;
        assert_eq!(parse(rejected).unwrap_err().0, "PubMed rejected the query: Invalid query");
        let nothing = br#"{"esearchresult":{"count":"0","retmax":"0","retstart":"0","idlist":[],"translationset":[],"querytranslation":"","errorlist":{"phrasesnotfound":["xyzzyq"],"fieldsnotfound":[]},"warninglist":{"phrasesignored":[],"quotedphrasesnotfound":[],"outputmessages":["No items found."]}}}"#;
        let err = parse(nothing).unwrap_err().0;
        assert!(err.contains("phrases not found: xyzzyq") && err.contains("No items found."), "{err}");
        let limit = br#"{"error":"API rate limit exceeded","api-key":"1.2.3.4","count":"4","limit":"3"}"#;
        assert_eq!(parse(limit).unwrap_err().0, "PubMed refused the search: API rate limit exceeded");
        assert!(parse(b"{\"esearchresult\":{\"count\":\"3\",").unwrap_err().0.contains("not readable"));
        assert!(parse(br#"{"esearchresult":{"count":"1","idlist":["<b>"]}}"#).is_err());
    }

    #[test]
    fn an_empty_result_is_not_an_error() {
        let empty = br#"{"esearchresult":{"count":"0","retmax":"0","retstart":"0","idlist":[],"translationset":[],"querytranslation":"x"}}"#;
        assert_eq!(parse(empty).unwrap().count, 0);
    }
}
