//! Which certificate a keyCredentials entry is for.
//!
//! Entra ID checks a client assertion against the certificate in the entry, not against its
//! customKeyIdentifier, so when `key` (or `value`) holds a certificate, that certificate's
//! SHA-1 is the entry's identity. customKeyIdentifier only names the certificate where the
//! key is null, as in every portal download. The two disagreeing (a hand edit, a copy and
//! paste) is a problem: the entry does not let the certificate it claims sign in.

use crate::certificate::Certificate;
use crate::jsonedit::Object;
use crate::thumbprint::{hex_upper, parse_custom_key_identifier};

use super::list::ThumbprintSource;

/// The service stores customKeyIdentifier as at most 32 bytes.
const IDENTIFIER_MAX_BYTES: usize = 32;

/// What an entry says about its certificate.
#[derive(Debug, Default)]
pub(crate) struct Identity {
    /// SHA-1 of the certificate in key/value, when there is one that parses.
    pub key_sha1: Option<[u8; 20]>,
    /// The SHA-1 customKeyIdentifier names, when it holds 20 bytes.
    pub identifier_sha1: Option<[u8; 20]>,
    pub source: Option<ThumbprintSource>,
    /// Why the entry cannot be trusted to be for one certificate.
    pub problems: Vec<String>,
}

impl Identity {
    /// The SHA-1 the entry stands for: the key's, else customKeyIdentifier's.
    pub fn sha1(&self) -> Option<[u8; 20]> {
        self.key_sha1.or(self.identifier_sha1)
    }

    /// Upper-case hex of [`Identity::sha1`].
    pub fn thumbprint(&self) -> Option<String> {
        self.sha1().map(|sha1| hex_upper(&sha1))
    }

    /// The entry names `sha1` in either field.
    pub fn mentions(&self, sha1: &[u8; 20]) -> bool {
        self.key_sha1.as_ref() == Some(sha1) || self.identifier_sha1.as_ref() == Some(sha1)
    }
}

pub(crate) fn identify(entry: &Object) -> Identity {
    let text = |name| entry.get(name).and_then(|p| p.value.as_str());
    let mut identity = Identity::default();
    let identifier = text("customKeyIdentifier").and_then(|c| read_identifier(c, &mut identity));
    let mut key: Option<(&str, Certificate)> = None;
    for name in ["key", "value"] {
        let Some(b64) = text(name) else { continue };
        match read_certificate(b64) {
            Err(why) => identity.problems.push(format!("{name} {why}")),
            Ok(cert) => match &key {
                Some((first, other)) if other.sha1() != cert.sha1() => {
                    identity.problems.push(format!(
                        "{first} and {name} hold different certificates ({} and {})",
                        other.thumbprint(),
                        cert.thumbprint()
                    ));
                }
                Some(_) => {}
                None => key = Some((name, cert)),
            },
        }
    }
    if let (Some((name, cert)), Some((sha1, _))) = (&key, &identifier) {
        if cert.sha1() != *sha1 {
            identity.problems.push(format!(
                "customKeyIdentifier names the certificate {}, but {name} holds another one ({}, {}); Entra ID goes by {name}",
                hex_upper(sha1),
                cert.thumbprint(),
                cert.subject(),
            ));
        }
    }
    identity.key_sha1 = key.as_ref().map(|(_, cert)| cert.sha1());
    identity.identifier_sha1 = identifier.map(|(sha1, _)| sha1);
    identity.source = match (&key, identifier) {
        (Some(_), _) => Some(ThumbprintSource::Key),
        (None, Some((_, source))) => Some(source),
        (None, None) => None,
    };
    identity
}

/// The SHA-1 a customKeyIdentifier names (None for a valid one of another length), or a
/// problem when it is neither 40 hex digits nor base64 of at most 32 bytes.
fn read_identifier(value: &str, identity: &mut Identity) -> Option<([u8; 20], ThumbprintSource)> {
    let trimmed = value.trim();
    let hex = trimmed.len() == 40 && trimmed.bytes().all(|b| b.is_ascii_hexdigit());
    let Some(bytes) = parse_custom_key_identifier(value) else {
        identity.problems.push(format!(
            "customKeyIdentifier {} is neither 40 hex digits nor base64",
            super::list::quoted(value)
        ));
        return None;
    };
    if bytes.len() > IDENTIFIER_MAX_BYTES {
        identity.problems.push(format!(
            "customKeyIdentifier holds {} bytes; the service allows at most {IDENTIFIER_MAX_BYTES}",
            bytes.len()
        ));
        return None;
    }
    let source = if hex {
        ThumbprintSource::HexIdentifier
    } else {
        ThumbprintSource::Base64Identifier
    };
    <[u8; 20]>::try_from(bytes.as_slice())
        .ok()
        .map(|sha1| (sha1, source))
}

/// The certificate in a `key` / `value` field, or why there is none ("is ...").
fn read_certificate(b64: &str) -> Result<Certificate, String> {
    let der = super::decode_key(b64).ok_or("is not base64")?;
    if der.is_empty() {
        return Err("is empty instead of a base64 certificate".into());
    }
    Certificate::from_der(&der).map_err(|e| format!("does not hold a certificate: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jsonedit::Document;
    use std::path::Path;

    fn identity_of(entry: &str) -> Identity {
        let doc = Document::parse(entry.as_bytes(), Path::new("e.json")).unwrap();
        identify(doc.root().as_object().unwrap())
    }

    #[test]
    fn identifiers_that_are_not_sha1_forms_are_problems() {
        let bad = identity_of(r#"{"customKeyIdentifier": "not base64!!"}"#);
        assert_eq!(
            bad.problems,
            ["customKeyIdentifier \"not base64!!\" is neither 40 hex digits nor base64"]
        );
        // 33 bytes of base64.
        let long = identity_of(&format!(
            r#"{{"customKeyIdentifier": "{}"}}"#,
            "QUFB".repeat(11)
        ));
        assert_eq!(
            long.problems,
            ["customKeyIdentifier holds 33 bytes; the service allows at most 32"]
        );
        // A 16-byte identifier is allowed and names no certificate.
        let short = identity_of(r#"{"customKeyIdentifier": "AAAAAAAAAAAAAAAAAAAAAA=="}"#);
        assert!(short.problems.is_empty() && short.sha1().is_none());
    }

    #[test]
    fn a_key_that_is_not_a_certificate_is_a_problem() {
        let junk = identity_of(r#"{"key": "MIIB"}"#);
        assert_eq!(junk.problems.len(), 1);
        assert!(
            junk.problems[0].starts_with("key does not hold a certificate: "),
            "{:?}",
            junk.problems
        );
        assert_eq!(junk.thumbprint(), None);
        let not_b64 = identity_of(r#"{"value": "%%%"}"#);
        assert_eq!(not_b64.problems, ["value is not base64"]);
        let empty = identity_of(r#"{"key": ""}"#);
        assert_eq!(
            empty.problems,
            ["key is empty instead of a base64 certificate"]
        );
    }
}
