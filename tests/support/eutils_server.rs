//! A tiny HTTP/1.1 server on 127.0.0.1 that plays NCBI's E-utilities for tests: it records every request
//! (method, endpoint, parameters from the query and the form body) and answers as the test's handler says,
//! including faults (a status with `Retry-After`, a body cut short, a connection that never answers).
//! `FakePubMed` answers ESearch and EFetch with the real response shapes over a list of papers.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The endpoint, `esearch.fcgi`.
    pub endpoint: String,
    pub params: Vec<(String, String)>,
    /// Header names in lower case, with their values.
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    pub fn ids(&self) -> Vec<String> {
        self.param("id").map(|ids| ids.split(',').map(str::to_string).collect()).unwrap_or_default()
    }
}

pub enum Reply {
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Declares `declared` bytes, sends `body` (fewer) and closes.
    CutShort {
        declared: usize,
        body: Vec<u8>,
    },
    /// Accepts the request and never answers (until the test ends).
    Silence,
}

impl Reply {
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply::Respond { status: 200, headers: Vec::new(), body: body.into() }
    }

    pub fn status(status: u16, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Respond { status, headers: Vec::new(), body: body.into() }
    }

    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Respond { status, mut headers, body } => {
                headers.push((name.to_string(), value.to_string()));
                Reply::Respond { status, headers, body }
            }
            other => other,
        }
    }
}

/// The handler sees the request's number (from 0) and the request.
pub type Handler = Arc<dyn Fn(usize, &Recorded) -> Reply + Send + Sync>;

pub struct Server {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    pub fn start(handler: impl Fn(usize, &Recorded) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Handler = Arc::new(handler);
        let recorded = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let handler = Arc::clone(&handler);
                let recorded = Arc::clone(&recorded);
                std::thread::spawn(move || serve(stream, &handler, &recorded));
            }
        });
        Server { addr, requests }
    }

    /// The base URL to give lenaview (`LENAVIEW_EUTILS_URL`).
    pub fn url(&self) -> String {
        format!("http://{}/entrez/eutils/", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn requests_to(&self, endpoint: &str) -> Vec<Recorded> {
        self.requests().into_iter().filter(|request| request.endpoint == endpoint).collect()
    }
}

fn serve(stream: TcpStream, handler: &Handler, recorded: &Mutex<Vec<Recorded>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let mut content_length = 0;
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let name = name.trim().to_ascii_lowercase();
            if name == "content-length" {
                content_length = value.trim().parse().unwrap_or(0);
            }
            headers.push((name, value.trim().to_string()));
        }
    }
    let mut body = vec![0; content_length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let mut params = decode_form(query);
    params.extend(decode_form(&String::from_utf8_lossy(&body)));
    let endpoint = path.rsplit('/').next().unwrap_or_default().to_string();
    let request = Recorded { method, endpoint, params, headers };
    let number = {
        let mut all = recorded.lock().unwrap();
        all.push(request.clone());
        all.len() - 1
    };
    let mut stream = stream;
    match handler(number, &request) {
        Reply::Respond { status, headers, body } => {
            let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::CutShort { declared, body } => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {declared}\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Reply::Silence => std::thread::sleep(Duration::from_secs(30)),
    }
    let _ = stream.flush();
}

fn decode_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(key), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' if index + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                index += 2;
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A paper the fake PubMed holds: its PMID and the day PubMed added it (its Entrez date, `yyyy/mm/dd`).
#[derive(Debug, Clone)]
pub struct Paper {
    pub pmid: String,
    pub added: String,
}

/// Answers ESearch over `papers` (newest first, `mindate`/`maxdate` on the Entrez date, `retmax` at most
/// 10,000) and EFetch with their MEDLINE text.
#[derive(Clone, Default)]
pub struct FakePubMed {
    pub papers: Arc<Mutex<Vec<Paper>>>,
}

impl FakePubMed {
    pub fn new(papers: Vec<Paper>) -> FakePubMed {
        FakePubMed { papers: Arc::new(Mutex::new(papers)) }
    }

    pub fn add(&self, paper: Paper) {
        self.papers.lock().unwrap().push(paper);
    }

    /// A server that answers as this PubMed does, except that it rejects the query `term` as ESearch rejects
    /// a malformed one.
    pub fn serve_rejecting(self, term: &'static str) -> Server {
        Server::start(move |_, request| {
            if request.param("term") == Some(term) {
                return Reply::ok(
                    r#"{"header":{"type":"esearch","version":"0.3"},"esearchresult":{"ERROR":"Invalid query"}}"#,
                );
            }
            self.answer(request)
        })
    }

    pub fn answer(&self, request: &Recorded) -> Reply {
        match request.endpoint.as_str() {
            "esearch.fcgi" => Reply::ok(self.esearch(request)),
            "efetch.fcgi" => Reply::ok(self.efetch(request)),
            _ => Reply::status(404, "not found"),
        }
    }

    pub fn esearch(&self, request: &Recorded) -> String {
        let from = request.param("mindate").unwrap_or("0000/00/00").to_string();
        let to = request.param("maxdate").unwrap_or("9999/99/99").to_string();
        let mut found: Vec<Paper> = self
            .papers
            .lock()
            .unwrap()
            .iter()
            .filter(|paper| paper.added.as_str() >= from.as_str() && paper.added.as_str() <= to.as_str())
            .cloned()
            .collect();
        found.sort_by(|a, b| b.added.cmp(&a.added).then(b.pmid.cmp(&a.pmid)));
        let retmax: usize = request.param("retmax").and_then(|value| value.parse().ok()).unwrap_or(20).min(10_000);
        let ids: Vec<String> = found.iter().take(retmax).map(|paper| format!("\"{}\"", paper.pmid)).collect();
        esearch_json(found.len(), &ids.join(","), request.param("term").unwrap_or_default())
    }

    pub fn efetch(&self, request: &Recorded) -> String {
        let papers = self.papers.lock().unwrap();
        let by_pmid: HashMap<&str, &Paper> = papers.iter().map(|paper| (paper.pmid.as_str(), paper)).collect();
        let mut text = String::new();
        for id in request.ids() {
            if let Some(paper) = by_pmid.get(id.as_str()) {
                text.push('\n');
                text.push_str(&medline_record(&paper.pmid, &paper.added));
            }
        }
        text
    }
}

pub fn esearch_json(count: usize, quoted_ids: &str, term: &str) -> String {
    let retmax = quoted_ids.split(',').filter(|id| !id.is_empty()).count();
    format!(
        r#"{{"header":{{"type":"esearch","version":"0.3"}},"esearchresult":{{"count":"{count}","retmax":"{retmax}","retstart":"0","idlist":[{quoted_ids}],"translationset":[],"querytranslation":"{}"}}}}"#,
        term.replace('"', "'")
    )
}

/// A record as PubMed's EFetch writes it (`rettype=medline`), with the tags lenaview reads and some it does not.
pub fn medline_record(pmid: &str, added: &str) -> String {
    let compact = added.replace('/', "");
    format!(
        "PMID- {pmid}\nOWN - NLM\nSTAT- Publisher\nLR  - {compact}\nIS  - 1528-0020 (Electronic)\nDP  - {added}\n\
         TI  - Pomalidomide and dexamethasone in relapsed myeloma: report {pmid} of a phase 2\n      \
         trial.\nLID - 10.1182/blood.{pmid} [doi]\nAB  - BACKGROUND: Pomalidomide is active in myeloma. RESULTS: Study \
         {pmid}\n      found responses.\nFAU - Doe, Jane\nAU  - Doe J\nFAU - Roe, Richard\nAU  - Roe R\nLA  - eng\n\
         PT  - Journal Article\nDEP - {compact}\nPL  - United States\nTA  - Blood\nJT  - Blood\nJID - 7603509\n\
         EDAT- {added} 06:00\nMHDA- {added} 06:00\nAID - 10.1182/blood.{pmid} [doi]\nPST - aheadofprint\n\
         SO  - Blood. {added}:blood.{pmid}. doi: 10.1182/blood.{pmid}.\n"
    )
}

/// `count` papers with PMIDs from `first_pmid` up, added one a day backwards from `last_day` (`2026/11/30`),
/// `per_day` a day.
pub fn papers(first_pmid: u64, count: usize, per_day: usize) -> Vec<Paper> {
    (0..count)
        .map(|index| {
            let day_offset = (index / per_day.max(1)) as i64;
            Paper { pmid: (first_pmid + index as u64).to_string(), added: day_before("2026/11/30", day_offset) }
        })
        .collect()
}

/// `2026/11/30` minus `days` days, in PubMed's form.
pub fn day_before(date: &str, days: i64) -> String {
    let parsed = lenaview::follow::Date::parse(date).unwrap();
    parsed.add_days(-days).eutils()
}
