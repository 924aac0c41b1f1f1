//! `certkit assertion --verify`: what Entra would check before it looks at the app, each check
//! with a sentence that says what is wrong and what the value was.

use aws_lc_rs::signature::{self, UnparsedPublicKey};
use serde::Serialize;
use serde_json::Value;

use super::{Algorithm, DecodedJwt};
use crate::certificate::Certificate;
use crate::validity::format_utc;

/// How far `nbf`/`iat` may lie in the future before the assertion is refused: clocks drift.
pub const CLOCK_SKEW: i64 = 300;

/// What the caller expects, when known (`--client-id`, `--tenant`/`--audience`).
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    pub client_id: Option<String>,
    pub audience: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub ok: bool,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    pub header: serde_json::Map<String, Value>,
    pub claims: serde_json::Map<String, Value>,
    pub checks: Vec<Check>,
}

impl Verification {
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }
}

/// Runs every check; none stops the others, so the user sees all problems at once.
pub fn verify(
    jwt: &DecodedJwt,
    cert: &Certificate,
    now: i64,
    expect: &Expectations,
) -> Verification {
    let mut checks = vec![
        check_algorithm(jwt),
        check_thumbprint(jwt, cert),
        check_signature(jwt, cert),
    ];
    checks.extend(check_times(&jwt.claims, now));
    checks.extend(check_claims(&jwt.claims, expect));
    checks.push(check_certificate_dates(cert, now));
    Verification {
        header: jwt.header.clone(),
        claims: jwt.claims.clone(),
        checks,
    }
}

fn pass(name: &'static str, detail: impl Into<String>) -> Check {
    Check {
        name,
        ok: true,
        detail: detail.into(),
    }
}

fn fail(name: &'static str, detail: impl Into<String>) -> Check {
    Check {
        name,
        ok: false,
        detail: detail.into(),
    }
}

fn check_algorithm(jwt: &DecodedJwt) -> Check {
    let typ = jwt.header.get("typ").and_then(Value::as_str);
    match (jwt.algorithm(), typ) {
        (Some(alg), Some("JWT")) => pass("alg", alg.name()),
        (Some(_), other) => fail(
            "alg",
            format!("header typ is {other:?}; a client assertion has \"typ\":\"JWT\""),
        ),
        (None, _) => fail(
            "alg",
            format!(
                "header alg is {}; certificate credentials use RS256 or PS256",
                jwt.header.get("alg").unwrap_or(&Value::Null)
            ),
        ),
    }
}

fn check_thumbprint(jwt: &DecodedJwt, cert: &Certificate) -> Check {
    let alg = jwt.algorithm().unwrap_or(Algorithm::Rs256);
    let name = alg.thumbprint_header();
    let expected = alg.thumbprint_of(cert);
    match jwt.header.get(name).and_then(Value::as_str) {
        Some(v) if v == expected => pass("x5t", format!("{name} {v} is the certificate's")),
        // MSAL Python pads it (base64.urlsafe_b64encode); RFC 7515 says unpadded. Entra takes both.
        Some(v) if v.trim_end_matches('=') == expected => pass(
            "x5t",
            format!("{name} {v} is the certificate's (padded with '=', as MSAL Python writes it)"),
        ),
        Some(v) => fail(
            "x5t",
            format!(
                "{name} is {v} (thumbprint {}), but the certificate's is {expected} ({}): the \
                 assertion names another certificate, which Entra reports as AADSTS700027",
                jwt.header_thumbprint()
                    .unwrap_or_else(|| "not base64url".into()),
                cert.thumbprint()
            ),
        ),
        None => fail(
            "x5t",
            format!("the header has no {name}; Entra finds the certificate credential by it"),
        ),
    }
}

fn check_signature(jwt: &DecodedJwt, cert: &Certificate) -> Check {
    let Some(alg) = jwt.algorithm() else {
        return fail("signature", "not checked: unknown alg");
    };
    let params: &dyn signature::VerificationAlgorithm = match alg {
        Algorithm::Rs256 => &signature::RSA_PKCS1_2048_8192_SHA256,
        Algorithm::Ps256 => &signature::RSA_PSS_2048_8192_SHA256,
    };
    let key = UnparsedPublicKey::new(params, cert.public_key_bits());
    match key.verify(jwt.signing_input.as_bytes(), &jwt.signature) {
        Ok(()) => pass(
            "signature",
            format!(
                "{} signature made by the key of {}",
                alg.name(),
                cert.subject()
            ),
        ),
        Err(_) => fail(
            "signature",
            format!(
                "the {} signature does not verify with the public key of {} ({}): signed by \
                 another key, or the token was altered",
                alg.name(),
                cert.subject(),
                cert.thumbprint()
            ),
        ),
    }
}

/// A time claim as whole Unix seconds. Strings (and local-time strings) are what Entra
/// rejects with AADSTS700024; a number with a fraction is what MSAL Python sends, and passes.
/// Only times a date can be written for (years -9999 to 9999): a value beyond that is no time
/// at all, and must neither pass as "far in the future" nor overflow the arithmetic below.
fn seconds(claims: &serde_json::Map<String, Value>, name: &'static str) -> Result<i64, Check> {
    match claims.get(name) {
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f.floor() as i64))
            .filter(|t| time::OffsetDateTime::from_unix_timestamp(*t).is_ok())
            .ok_or_else(|| {
                fail(
                    name,
                    format!("{name} {n} is out of range: no date has that many seconds"),
                )
            }),
        Some(other) => Err(fail(
            name,
            format!(
                "{name} is {other}; it must be a JSON number of Unix seconds (a string gives AADSTS700024)"
            ),
        )),
        None => Err(fail(name, format!("the claims have no {name}"))),
    }
}

fn when(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t).map_or_else(|_| t.to_string(), format_utc)
}

fn check_times(claims: &serde_json::Map<String, Value>, now: i64) -> Vec<Check> {
    let exp = seconds(claims, "exp");
    let nbf = seconds(claims, "nbf");
    let iat = seconds(claims, "iat");
    let start = nbf.as_ref().or(iat.as_ref()).ok().copied();
    let end = exp.as_ref().ok().copied();
    let mut checks = Vec::new();
    checks.push(match exp {
        Ok(e) if e <= now => fail("exp", format!("expired at {} ({} s ago)", when(e), now - e)),
        Ok(e) => pass("exp", format!("{} ({} s from now)", when(e), e - now)),
        Err(c) => c,
    });
    for (name, value) in [("nbf", nbf), ("iat", iat)] {
        checks.push(match value {
            Ok(t) if t > now + CLOCK_SKEW => fail(
                name,
                format!(
                    "{} is {} s in the future (more than the {CLOCK_SKEW} s clock skew allowed): \
                     check the clock of the machine that made it",
                    when(t),
                    t - now
                ),
            ),
            Ok(t) => pass(name, when(t)),
            Err(c) if name == "nbf" && !claims.contains_key("nbf") => {
                pass("nbf", format!("absent (optional); {}", c.detail))
            }
            Err(c) => c,
        });
    }
    if let (Some(e), Some(start)) = (end, start) {
        if e <= start {
            checks.push(fail(
                "lifetime",
                format!("exp {} is not after nbf/iat {}", when(e), when(start)),
            ));
        }
    }
    checks
}

fn check_claims(claims: &serde_json::Map<String, Value>, expect: &Expectations) -> Vec<Check> {
    let get = |name: &str| claims.get(name).and_then(Value::as_str);
    let mut checks = Vec::new();
    checks.push(match (get("iss"), get("sub")) {
        (Some(i), Some(s)) if i == s => match &expect.client_id {
            Some(id) if !id.eq_ignore_ascii_case(i) => fail(
                "iss",
                format!("iss and sub are {i}, but the client id is {id}"),
            ),
            _ => pass("iss", format!("iss = sub = {i}")),
        },
        (i, s) => fail(
            "iss",
            format!("iss ({i:?}) and sub ({s:?}) must both be the client id"),
        ),
    });
    checks.push(match (get("aud"), &expect.audience) {
        (Some(a), Some(want)) if a != want => fail(
            "aud",
            format!("aud is {a}, but the token endpoint is {want}"),
        ),
        (Some(a), _) if !a.starts_with("https://") => fail(
            "aud",
            format!("aud is {a}; it must be the token endpoint URL"),
        ),
        (Some(a), _) => pass("aud", a),
        (None, _) => fail("aud", "the claims have no aud (the token endpoint)"),
    });
    checks.push(match get("jti") {
        Some(j) if !j.is_empty() => pass("jti", j),
        _ => fail(
            "jti",
            "the claims have no jti; Entra uses it to refuse replays",
        ),
    });
    checks
}

fn check_certificate_dates(cert: &Certificate, now: i64) -> Check {
    let (start, end) = (
        cert.not_before().unix_timestamp(),
        cert.not_after().unix_timestamp(),
    );
    if now >= end {
        fail(
            "certificate",
            format!("{} expired at {}", cert.thumbprint(), when(end)),
        )
    } else if now < start {
        fail(
            "certificate",
            format!("{} is not valid until {}", cert.thumbprint(), when(start)),
        )
    } else {
        pass(
            "certificate",
            format!("{} valid until {}", cert.thumbprint(), when(end)),
        )
    }
}
