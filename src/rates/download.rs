//! Fetching the ECB history over HTTP(S) (`figcheck rates update`): one GET, the body
//! read in full up to a size limit. An HTTP error status, a failed connection, an empty
//! body or a body over the limit is an error naming the URL; nothing here unpacks,
//! parses or writes (see `unzip` and `update`).

use crate::error::Error;
use std::time::Duration;

/// Where the ECB publishes its full history, zipped (`eurofxref-hist.csv` inside).
pub const DEFAULT_URL: &str = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.zip";

/// The largest body read (the ECB zip is well under 1 MiB; this only stops a runaway).
pub const MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

/// How long the whole request may take, body included.
const TIMEOUT: Duration = Duration::from_secs(120);

/// GET `url` and return its body. Only `http://` and `https://` URLs are accepted.
pub fn fetch(url: &str) -> Result<Vec<u8>, Error> {
    let failed = |what: String| Error::rate(format!("downloading {url}: {what}"));
    let scheme_ok = ["http://", "https://"].iter().any(|s| {
        url.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    });
    if !scheme_ok {
        return Err(failed(
            "not an http:// or https:// URL (use --file for a file on disk)".to_string(),
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("figcheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| failed(describe(&e)))?;
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(failed(
            format!("HTTP {} {reason}", status.as_u16())
                .trim_end()
                .to_string(),
        ));
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_BODY_BYTES)
        .read_to_vec()
        .map_err(|e| failed(describe(&e)))?;
    if body.is_empty() {
        return Err(failed(format!(
            "HTTP {} with an empty body",
            status.as_u16()
        )));
    }
    Ok(body)
}

/// A transport error in a user's words.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::BodyExceedsLimit(n) => {
            format!("the body is larger than the limit of {n} bytes")
        }
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        other => other.to_string(),
    }
}
