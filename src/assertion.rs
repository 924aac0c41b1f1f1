//! Client-assertion JWTs (formats.md section 5): what an app sends instead of a client secret.
//!
//! Header `{"alg":"RS256","typ":"JWT","x5t":…}` (or PS256 with `x5t#S256`); claims `aud` (the
//! token endpoint), `iss` = `sub` = client id, a random `jti`, and `nbf`/`iat`/`exp` as JSON
//! integers of Unix seconds. Times come from the UTC clock as integers, so neither the local
//! time zone nor a formatting step can turn them into the strings Entra rejects (AADSTS700024).

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, RsaKeyPair};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Map, Value};

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::keys::PrivateKey;

pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// MSAL's default lifetime: 10 minutes.
pub const DEFAULT_LIFETIME: u32 = 600;
/// certkit's upper bound: an assertion is meant to be used at once.
pub const MAX_LIFETIME: u32 = 86_400;

/// The signature algorithm, which also fixes the thumbprint header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256; header `x5t` (SHA-1 thumbprint).
    Rs256,
    /// RSASSA-PSS with SHA-256 (salt 32 bytes); header `x5t#S256`, as MSAL sends it.
    Ps256,
}

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Rs256 => "RS256",
            Algorithm::Ps256 => "PS256",
        }
    }

    pub fn thumbprint_header(self) -> &'static str {
        match self {
            Algorithm::Rs256 => "x5t",
            Algorithm::Ps256 => "x5t#S256",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "RS256" => Some(Algorithm::Rs256),
            "PS256" => Some(Algorithm::Ps256),
            _ => None,
        }
    }

    fn thumbprint_of(self, cert: &Certificate) -> String {
        match self {
            Algorithm::Rs256 => cert.digests().x5t(),
            Algorithm::Ps256 => cert.digests().x5t_s256(),
        }
    }
}

/// Everything that goes into one assertion, resolved from the command line.
#[derive(Debug, Clone)]
pub struct AssertionRequest {
    pub client_id: String,
    pub audience: String,
    pub algorithm: Algorithm,
    pub lifetime: u32,
    /// Unix seconds (UTC) used for `nbf` and `iat`.
    pub now: i64,
    pub jti: uuid::Uuid,
}

/// The v2.0 token endpoint, or the v1 one (`/oauth2/token`, as in the seed's sample).
pub fn token_endpoint(tenant: &str, v1: bool) -> Result<String> {
    let ok = !tenant.is_empty()
        && tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if !ok {
        return Err(Error::invalid(
            "tenant",
            tenant,
            "a tenant is a directory id (GUID) or a domain such as contoso.onmicrosoft.com",
            "copy the Directory (tenant) ID from the app registration's Overview page",
        ));
    }
    let path = if v1 {
        "oauth2/token"
    } else {
        "oauth2/v2.0/token"
    };
    Ok(format!("https://login.microsoftonline.com/{tenant}/{path}"))
}

/// Unix seconds now, from the UTC clock.
pub fn unix_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub fn check_lifetime(seconds: u32) -> Result<()> {
    if (1..=MAX_LIFETIME).contains(&seconds) {
        return Ok(());
    }
    Err(Error::invalid(
        "--lifetime",
        seconds.to_string(),
        "an assertion must live between 1 second and one day",
        "use the default (600 seconds, as MSAL does) or a value up to 86400",
    ))
}

/// The header as a JSON object, fields in the order formats.md shows.
pub fn header(cert: &Certificate, algorithm: Algorithm) -> Value {
    let mut header = Map::new();
    header.insert("alg".into(), algorithm.name().into());
    header.insert("typ".into(), "JWT".into());
    header.insert(
        algorithm.thumbprint_header().into(),
        algorithm.thumbprint_of(cert).into(),
    );
    Value::Object(header)
}

pub fn claims(request: &AssertionRequest) -> Value {
    json!({
        "aud": request.audience,
        "iss": request.client_id,
        "sub": request.client_id,
        "jti": request.jti.to_string(),
        "nbf": request.now,
        "iat": request.now,
        "exp": request.now + i64::from(request.lifetime),
    })
}

/// Builds and signs the assertion with the certificate's private key.
pub fn sign(cert: &Certificate, key: &PrivateKey, request: &AssertionRequest) -> Result<String> {
    check_lifetime(request.lifetime)?;
    if !key.public_key_matches(cert) {
        return Err(Error::crypto(
            "client assertion",
            "the private key does not belong to the certificate",
        ));
    }
    let signing_input = format!(
        "{}.{}",
        encode_json(&header(cert, request.algorithm)),
        encode_json(&claims(request))
    );
    let pair = RsaKeyPair::from_pkcs8(key.pkcs8_der()).map_err(|e| {
        Error::invalid(
            "private key",
            format!("RSA-{}", key.rsa_bits()),
            format!("the signing library refuses this key ({e})"),
            "Entra requires RSA keys of at least 2048 bits; create one with `certkit new`",
        )
    })?;
    let padding: &dyn signature::RsaEncoding = match request.algorithm {
        Algorithm::Rs256 => &signature::RSA_PKCS1_SHA256,
        Algorithm::Ps256 => &signature::RSA_PSS_SHA256,
    };
    let mut sig = vec![0u8; pair.public_modulus_len()];
    pair.sign(
        padding,
        &SystemRandom::new(),
        signing_input.as_bytes(),
        &mut sig,
    )
    .map_err(|e| Error::crypto("client assertion: signing", e))?;
    Ok(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(sig)))
}

fn encode_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).expect("JSON values always serialize"))
}

/// A JWT split and decoded, before any check.
#[derive(Debug, Clone)]
pub struct DecodedJwt {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    signing_input: String,
    signature: Vec<u8>,
}

impl DecodedJwt {
    /// Splits `header.claims.signature` and decodes each part; the error names the bad part.
    pub fn parse(token: &str) -> Result<DecodedJwt> {
        let token = token.trim();
        let bad = |why: String| {
            Error::invalid(
                "client assertion",
                abbreviate(token),
                why,
                "pass the whole JWT (three base64url parts joined by dots), or - to read it from stdin",
            )
        };
        let parts: Vec<&str> = token.split('.').collect();
        if parts.len() != 3 {
            return Err(bad(format!("{} parts; a signed JWT has 3", parts.len())));
        }
        let decode = |i: usize, name: &str| {
            URL_SAFE_NO_PAD
                .decode(parts[i])
                .map_err(|e| bad(format!("the {name} is not base64url: {e}")))
        };
        let object = |i: usize, name: &str| -> Result<Map<String, Value>> {
            match serde_json::from_slice(&decode(i, name)?) {
                Ok(Value::Object(map)) => Ok(map),
                Ok(_) => Err(bad(format!("the {name} is not a JSON object"))),
                Err(e) => Err(bad(format!("the {name} is not JSON: {e}"))),
            }
        };
        Ok(DecodedJwt {
            header: object(0, "header")?,
            claims: object(1, "claims")?,
            signing_input: format!("{}.{}", parts[0], parts[1]),
            signature: decode(2, "signature")?,
        })
    }

    /// The algorithm the header names, if certkit knows it.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.header
            .get("alg")
            .and_then(Value::as_str)
            .and_then(Algorithm::from_name)
    }

    /// The thumbprint the header names (SHA-1 from `x5t`, else SHA-256 from `x5t#S256`), as
    /// upper-case hex, for finding the certificate in the store.
    pub fn header_thumbprint(&self) -> Option<String> {
        ["x5t", "x5t#S256"].iter().find_map(|name| {
            let value = self.header.get(*name)?.as_str()?;
            let raw = URL_SAFE_NO_PAD.decode(value.trim_end_matches('=')).ok()?;
            Some(crate::thumbprint::hex_upper(&raw))
        })
    }
}

fn abbreviate(token: &str) -> String {
    match token.char_indices().nth(24) {
        Some((i, _)) => format!("{}…", &token[..i]),
        None => token.to_owned(),
    }
}

/// The certificate and private key a selection names: from a file with a key (PFX, PEM
/// bundle) or from a store entry (whose PFX has the empty password). A certificate that is
/// expired or not yet valid is refused: Entra would refuse every assertion it signs.
pub fn signing_pair(selection: &crate::select::Selection) -> Result<(Certificate, PrivateKey)> {
    use crate::select::Selection;
    let (cert, key, path) = match selection {
        Selection::File { path, password } => {
            let file = crate::select::read_file(path, password)?;
            let key = file.require_key(path)?.clone();
            (file.certificates[file.leaf].clone(), key, path.clone())
        }
        Selection::Store { .. } => {
            let selected = crate::select::one(selection)?;
            let entry = selected.entry.expect("a store selection has an entry");
            let key = crate::storeops::load_key(&entry)?;
            (selected.certificate, key, entry.path)
        }
    };
    if let Some(problem) = crate::select::date_problem(&cert, time::OffsetDateTime::now_utc()) {
        return Err(Error::bad_file(
            "cannot sign a client assertion",
            &path,
            problem,
            "add a valid certificate to the app (`certkit new`, then `certkit manifest patch`) \
             and sign with it, or choose another with --thumbprint",
        ));
    }
    Ok((cert, key))
}

/// How the token request obtains the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    ClientCredentials,
    /// `grant_type=authorization_code` with this code (a secret: it is never put in argv).
    AuthorizationCode(String),
}

/// The form fields of the token request, in the order the seed document sends them.
#[derive(Debug, Clone)]
pub struct TokenRequest {
    pub client_id: String,
    pub assertion: String,
    pub grant: Grant,
    pub scope: Option<String>,
    pub resource: Option<String>,
}

impl TokenRequest {
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        let mut fields = vec![
            ("client_id", self.client_id.as_str()),
            ("client_assertion_type", CLIENT_ASSERTION_TYPE),
            ("client_assertion", self.assertion.as_str()),
        ];
        match &self.grant {
            Grant::ClientCredentials => fields.push(("grant_type", "client_credentials")),
            Grant::AuthorizationCode(code) => {
                fields.push(("grant_type", "authorization_code"));
                fields.push(("code", code));
            }
        }
        fields.extend(self.scope.as_deref().map(|s| ("scope", s)));
        fields.extend(self.resource.as_deref().map(|r| ("resource", r)));
        fields
    }

    /// `application/x-www-form-urlencoded` body.
    pub fn body(&self) -> String {
        self.fields()
            .iter()
            .map(|(k, v)| format!("{k}={}", form_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// A curl command that POSTs the body from a here-document: curl's argv (visible in `ps`)
    /// holds only the endpoint, so neither the assertion nor an authorization code shows there.
    /// `tr` drops the line end the here-document adds (the percent-encoded body has none of its
    /// own), so curl sends exactly [`TokenRequest::body`].
    pub fn curl(&self, endpoint: &str) -> String {
        format!(
            "tr -d '\\n' <<'CERTKIT_EOF' | curl -sS -X POST {} \\\n  -H 'Content-Type: application/x-www-form-urlencoded' \\\n  --data-binary @-\n{}\nCERTKIT_EOF\n",
            shell_quote(endpoint),
            self.body()
        )
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so `+`, `&`, `=`, `/`
/// and spaces in scopes (`https://graph.microsoft.com/.default openid`) arrive intact.
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Single-quotes a word for POSIX shells.
fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

mod verify;
pub use verify::{verify, Check, Expectations, Verification};

#[cfg(test)]
#[path = "assertion_tests.rs"]
mod tests;
