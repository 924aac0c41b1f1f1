//! A certificate as users think of it: who it names, when it is valid, and its fingerprints.
//!
//! The DER bytes are kept exactly as read: every thumbprint is a digest of them, and a
//! re-encoding (even a "canonical" one) would change the value Entra compares against.

use der::{Decode, Encode};

use time::OffsetDateTime;

use crate::thumbprint::Digests;

/// A parsed X.509 certificate with the facts every command reports.
#[derive(Debug, Clone)]
pub struct Certificate {
    der: Vec<u8>,
    subject: String,
    issuer: String,
    serial: Vec<u8>,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
    /// The DER of the SubjectPublicKeyInfo, for matching keys to certificates.
    spki: Vec<u8>,
    /// The raw subjectPublicKey BIT STRING contents (for RSA: the PKCS#1 RSAPublicKey).
    public_key: Vec<u8>,
    digests: Digests,
}

impl Certificate {
    /// Parses one DER certificate. The error text says what is wrong; callers add the path.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        let cert = x509_cert::Certificate::from_der(der)
            .map_err(|e| format!("not a valid X.509 certificate: {e}"))?;
        let tbs = cert.tbs_certificate();
        let spki = tbs.subject_public_key_info();
        Ok(Certificate {
            der: der.to_vec(),
            subject: rfc4514(tbs.subject()),
            issuer: rfc4514(tbs.issuer()),
            serial: tbs.serial_number().as_bytes().to_vec(),
            not_before: to_offset(tbs.validity().not_before.to_unix_duration())?,
            not_after: to_offset(tbs.validity().not_after.to_unix_duration())?,
            spki: spki
                .to_der()
                .map_err(|e| format!("cannot encode public key: {e}"))?,
            public_key: spki.subject_public_key.raw_bytes().to_vec(),
            digests: Digests::of(der),
        })
    }

    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The subject as an RFC 4514 string, e.g. `CN=surveysapp`.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn is_self_issued(&self) -> bool {
        self.subject == self.issuer
    }

    /// The first common name in the subject, unescaped, if there is one.
    pub fn common_name(&self) -> Option<String> {
        crate::subject::common_name(&self.subject)
    }

    /// Serial number as big-endian bytes, as encoded (may start with 0x00).
    pub fn serial(&self) -> &[u8] {
        &self.serial
    }

    /// Serial in upper-case hex, as OpenSSL prints it: the number, without the 0x00 that DER
    /// puts before a first byte of 0x80 or more to keep it positive.
    pub fn serial_hex(&self) -> String {
        let value = match self.serial.as_slice() {
            [0, next, ..] if *next >= 0x80 => &self.serial[1..],
            all => all,
        };
        crate::thumbprint::hex_upper(value)
    }

    pub fn not_before(&self) -> OffsetDateTime {
        self.not_before
    }

    pub fn not_after(&self) -> OffsetDateTime {
        self.not_after
    }

    pub fn spki_der(&self) -> &[u8] {
        &self.spki
    }

    pub fn public_key_bits(&self) -> &[u8] {
        &self.public_key
    }

    pub fn digests(&self) -> &Digests {
        &self.digests
    }

    /// SHA-1 of the DER: the value Windows calls the thumbprint.
    pub fn sha1(&self) -> [u8; 20] {
        self.digests.sha1
    }

    /// The thumbprint as certutil prints it: 40 upper-case hex digits.
    pub fn thumbprint(&self) -> String {
        crate::thumbprint::hex_upper(&self.digests.sha1)
    }

    /// PEM text of the certificate with LF line ends and a final newline.
    pub fn to_pem(&self) -> String {
        crate::pem::encode("CERTIFICATE", &self.der)
    }

    /// RSA modulus size in bits, when the key is RSA.
    pub fn rsa_key_bits(&self) -> Option<usize> {
        crate::keys::rsa_modulus_bits(&self.public_key)
    }
}

/// The RFC 4514 text x509-cert's `Display` produces, without its cost: x509-cert looks every
/// attribute type up by a linear scan of the whole OID database, which made that lookup most of
/// the time spent reading a 10,000-certificate bundle. The short name per OID is cached here;
/// the output is byte for byte the same (unit test below).
fn rfc4514(name: &x509_cert::name::Name) -> String {
    let mut out = String::new();
    let rdns: Vec<_> = name.iter_rdn().collect();
    for (i, rdn) in rdns.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            push_atv(&mut out, atv);
        }
    }
    out
}

fn push_atv(out: &mut String, atv: &x509_cert::attr::AttributeTypeAndValue) {
    use std::fmt::Write;
    match (short_name(atv.oid), atv_string(&atv.value)) {
        (Some(key), Some(value)) => {
            out.push_str(&key);
            out.push('=');
            let mut chars = value.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '#' if i == 0 => out.push_str("\\#"),
                    ' ' if i == 0 || chars.peek().is_none() => out.push_str("\\ "),
                    '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\x00'..='\x1f' | '\x7f' => {
                        let _ = write!(out, "\\{:02x}", c as u8);
                    }
                    _ => out.push(c),
                }
            }
        }
        _ => {
            let _ = write!(out, "{}=#", atv.oid);
            for byte in atv.value.to_der().unwrap_or_default() {
                let _ = write!(out, "{byte:02x}");
            }
        }
    }
}

fn atv_string(value: &der::Any) -> Option<&str> {
    use der::{Tag, Tagged};
    match value.tag() {
        Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            let text = std::str::from_utf8(value.value()).ok()?;
            // The restricted string types must hold only their alphabets to be shown as text.
            let valid = match value.tag() {
                Tag::PrintableString => der::asn1::PrintableStringRef::new(text).is_ok(),
                Tag::Ia5String => der::asn1::Ia5StringRef::new(text).is_ok(),
                _ => der::asn1::TeletexStringRef::new(text).is_ok(),
            };
            valid.then_some(text)
        }
        Tag::Utf8String => std::str::from_utf8(value.value()).ok(),
        _ => None,
    }
}

/// The shortest database name of an attribute type, upper-cased, as x509-cert prints it.
fn short_name(oid: der::oid::ObjectIdentifier) -> Option<String> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<der::oid::ObjectIdentifier, Option<String>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok()?.get(&oid) {
        return found.clone();
    }
    let name = const_oid::db::DB
        .find_names_for_oid(oid)
        .min_by_key(|n| n.len())
        .map(|n| n.to_ascii_uppercase());
    cache.lock().ok()?.insert(oid, name.clone());
    name
}

fn to_offset(since_epoch: std::time::Duration) -> Result<OffsetDateTime, String> {
    let secs = i64::try_from(since_epoch.as_secs()).map_err(|_| "validity date out of range")?;
    OffsetDateTime::from_unix_timestamp(secs)
        .map_err(|e| format!("validity date out of range: {e}"))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    #[test]
    fn fast_names_print_exactly_as_x509_cert_does() {
        for text in [
            "CN=surveysapp",
            "CN=Zo\u{eb} M\u{fc}ller,O=Contoso\\, Inc.,C=US",
            "CN=a\\+b,OU=x\\;y,DC=example,DC=com",
            "CN=\\#lead\\ ,O=trail\\ ",
            "CN=a+O=b,L=Seattle,ST=WA,emailAddress=dev@example.com",
            "1.2.3.4=#0c0378797a,CN=unknown type",
        ] {
            let name = x509_cert::name::Name::from_str(text).unwrap();
            assert_eq!(super::rfc4514(&name), name.to_string(), "{text}");
        }
    }
}
