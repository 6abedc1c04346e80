//! HTTP as NCBI asks it to be used: every request names the tool (and the user's email and API key when
//! given), waits for its turn under the shared rate limit, and a 429, a 5xx or a response cut off is tried
//! again a bounded number of times, honouring `Retry-After`.

use std::fmt;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use ureq::Agent;
use ureq::tls::{RootCerts, TlsConfig};

use super::rate::{RateLimiter, sleep_unless_cancelled};
use crate::follow::settings::Settings;

/// Why a request gave nothing usable, in words for the user: "cannot reach eutils.ncbi.nlm.nih.gov: …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError(pub String);

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FetchError {}

/// No E-utilities response lenaview asks for comes near this; a larger one is a misbehaving server.
const LARGEST_RESPONSE: u64 = 512 * 1024 * 1024;
/// How much of an error response a message quotes.
const QUOTED_ERROR_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    /// For long parameter lists (hundreds of PMIDs), which a URL may not hold.
    Post,
}

pub struct Client {
    agent: Agent,
    settings: Settings,
    limiter: RateLimiter,
}

/// What one try came to: an answer, a failure worth another try (after a wait), or a failure that stays.
enum Attempt {
    Done(Vec<u8>),
    Retry { error: FetchError, wait: Option<Duration> },
    Fail(FetchError),
}

impl Client {
    pub fn new(settings: &Settings) -> Client {
        let tls = TlsConfig::builder().root_certs(RootCerts::PlatformVerifier).build();
        let mut config = Agent::config_builder();
        // A mirror or test server on this machine is never reached through the proxy the environment names.
        if is_loopback(settings.host()) {
            config = config.proxy(None);
        }
        let config = config
            .http_status_as_error(false)
            .user_agent(format!("lenaview/{}", env!("CARGO_PKG_VERSION")))
            // Every phase of a request has its own bound: ureq leaves name lookup and sending unbounded
            // unless told, and a request loop is only bounded in time if each request is.
            .timeout_resolve(Some(settings.connect_timeout))
            .timeout_connect(Some(settings.connect_timeout))
            .timeout_send_request(Some(settings.read_timeout))
            .timeout_send_body(Some(settings.read_timeout))
            .timeout_recv_response(Some(settings.read_timeout))
            .timeout_recv_body(Some(settings.read_timeout))
            .tls_config(tls)
            .build();
        Client {
            agent: Agent::new_with_config(config),
            settings: settings.clone(),
            limiter: RateLimiter::new(settings.request_interval),
        }
    }

    /// `endpoint` (`esearch.fcgi`) with `params` and the identifying ones NCBI asks for; the body on success.
    pub fn request(
        &self,
        endpoint: &str,
        params: &[(&str, String)],
        method: Method,
        cancel: &AtomicBool,
    ) -> Result<Vec<u8>, FetchError> {
        let url = format!("{}{endpoint}", self.settings.base_url);
        let params = self.with_identity(params);
        let clock = self.settings.clock.as_ref();
        let mut attempt = 0;
        loop {
            if !self.limiter.wait_turn(clock, cancel) {
                return Err(cancelled());
            }
            match self.try_once(&url, &params, method) {
                Attempt::Done(body) => return Ok(body),
                Attempt::Fail(error) => return Err(error),
                Attempt::Retry { error, wait } => {
                    if attempt >= self.settings.retries {
                        let tries = attempt + 1;
                        return Err(FetchError(format!("{error} (after {tries} tries)")));
                    }
                    let backoff = self.settings.first_retry_wait.saturating_mul(1 << attempt.min(16));
                    let wait = wait.unwrap_or(backoff).min(self.settings.longest_retry_wait);
                    if !sleep_unless_cancelled(clock, wait, cancel) {
                        return Err(cancelled());
                    }
                    attempt += 1;
                }
            }
        }
    }

    fn with_identity(&self, params: &[(&str, String)]) -> Vec<(String, String)> {
        let mut all: Vec<(String, String)> =
            params.iter().map(|(key, value)| (key.to_string(), value.clone())).collect();
        all.push(("tool".into(), self.settings.tool.clone()));
        if let Some(email) = &self.settings.email {
            all.push(("email".into(), email.clone()));
        }
        if let Some(key) = &self.settings.api_key {
            all.push(("api_key".into(), key.clone()));
        }
        all
    }

    fn try_once(&self, url: &str, params: &[(String, String)], method: Method) -> Attempt {
        let pairs = params.iter().map(|(key, value)| (key.as_str(), value.as_str()));
        let sent = match method {
            Method::Get => self.agent.get(url).query_pairs(pairs).call(),
            Method::Post => self.agent.post(url).send_form(pairs),
        };
        let mut response = match sent {
            Ok(response) => response,
            Err(err) => return self.transport_failure(err),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let body = response.body_mut().with_config().limit(LARGEST_RESPONSE).read_to_vec();
        let host = self.settings.host();
        match (status, body) {
            (200, Ok(body)) => Attempt::Done(body),
            (200, Err(err)) => {
                Attempt::Retry { error: FetchError(format!("{host} sent an incomplete response: {err}")), wait: None }
            }
            (status, body) => {
                let detail = body.ok().map(|body| error_detail(&body)).unwrap_or_default();
                let error = FetchError(format!("{host} answered HTTP {status}{detail}"));
                if status == 429 || status >= 500 {
                    Attempt::Retry { error, wait: retry_after }
                } else {
                    Attempt::Fail(error)
                }
            }
        }
    }

    fn transport_failure(&self, err: ureq::Error) -> Attempt {
        let host = self.settings.host();
        match err {
            ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
                let seconds = self.settings.connect_timeout.as_secs_f64();
                Attempt::Fail(FetchError(format!("cannot reach {host}: no connection within {seconds:.0} s")))
            }
            ureq::Error::Timeout(_) => {
                let seconds = self.settings.read_timeout.as_secs_f64();
                Attempt::Fail(FetchError(format!("{host} did not answer within {seconds:.1} s")))
            }
            ureq::Error::Io(io) if is_cut_off(&io) => Attempt::Retry {
                error: FetchError(format!("{host} closed the connection: {}", plain(&io))),
                wait: None,
            },
            ureq::Error::Protocol(err) => {
                Attempt::Retry { error: FetchError(format!("{host} sent a malformed response: {err}")), wait: None }
            }
            ureq::Error::Io(io) => Attempt::Fail(FetchError(format!("cannot reach {host}: {}", plain(&io)))),
            other => Attempt::Fail(FetchError(format!("cannot reach {host}: {other}"))),
        }
    }
}

/// "Connection refused" rather than "Connection refused (os error 111)": the number helps nobody reading it.
fn plain(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error ") {
        Some(start) => text[..start].to_string(),
        None => text,
    }
}

/// `127.0.0.1:8080`, `localhost`, `[::1]:80`.
fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A connection that was open and then dropped mid-exchange: worth another try, unlike one refused outright.
fn is_cut_off(err: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(err.kind(), ConnectionReset | ConnectionAborted | UnexpectedEof | BrokenPipe)
}

/// The message of NCBI's JSON error body (`{"error":"API rate limit exceeded", ...}`), when `body` is one.
pub fn ncbi_error(body: &[u8]) -> Option<String> {
    match serde_json::from_slice::<serde_json::Value>(body).ok()?.get("error")? {
        serde_json::Value::String(message) => Some(message.clone()),
        _ => None,
    }
}

/// `: API rate limit exceeded` from NCBI's JSON error body; else the start of the body, one line.
fn error_detail(body: &[u8]) -> String {
    if let Some(message) = ncbi_error(body) {
        return format!(": {message}");
    }
    let text = String::from_utf8_lossy(body);
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        String::new()
    } else {
        format!(": {}", line.chars().take(QUOTED_ERROR_CHARS).collect::<String>())
    }
}

fn cancelled() -> FetchError {
    FetchError("cancelled".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_recognised() {
        assert!(is_loopback("127.0.0.1:8080") && is_loopback("localhost") && is_loopback("[::1]:80"));
        assert!(!is_loopback("eutils.ncbi.nlm.nih.gov") && !is_loopback("10.0.0.1:3128"));
    }

    #[test]
    fn error_bodies_become_short_messages() {
        let body = br#"{"error":"API rate limit exceeded","api-key":"1.2.3.4","count":"11","limit":"10"}"#;
        assert_eq!(error_detail(body), ": API rate limit exceeded");
        assert_eq!(error_detail(b"<html>\n  <b>Bad</b>\n</html>"), ": <html> <b>Bad</b> </html>");
        assert_eq!(error_detail(b""), "");
        assert_eq!(error_detail(&[b'x'; 1000]).len(), 2 + QUOTED_ERROR_CHARS);
    }
}
