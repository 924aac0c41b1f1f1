//! A certificate as users think of it: who it names, when it is valid, and its fingerprints.
//!
//! The DER bytes are kept exactly as read: every thumbprint is a digest of them, and a
//! re-encoding (even a "canonical" one) would change the value Entra compares against.

use der::{Decode, Encode};

use time::OffsetDateTime;

use crate::thumbprint::Digests;

#[path = "certificate_name.rs"]
mod name;
use name::rfc4514;

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
    /// basicConstraints says cA (an unreadable extension counts as not a CA).
    is_ca: bool,
    digests: Digests,
}

impl Certificate {
    /// Parses one DER certificate. The error text says what is wrong; callers add the path.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        let patched = name::universal_strings_hidden(der);
        let cert =
            x509_cert::Certificate::from_der(patched.as_deref().unwrap_or(der)).map_err(|e| {
                format!(
                    "not a valid X.509 certificate: {e}{}",
                    name::unsupported(&e)
                )
            })?;
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
            is_ca: basic_constraints_ca(tbs),
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

    /// Whether basicConstraints marks it a CA certificate.
    pub fn is_ca(&self) -> bool {
        self.is_ca
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

fn basic_constraints_ca(tbs: &x509_cert::TbsCertificate) -> bool {
    use x509_cert::ext::pkix::BasicConstraints;
    const OID: der::oid::ObjectIdentifier = der::oid::ObjectIdentifier::new_unwrap("2.5.29.19");
    tbs.extensions()
        .into_iter()
        .flatten()
        .find(|e| e.extn_id == OID)
        .and_then(|e| BasicConstraints::from_der(e.extn_value.as_bytes()).ok())
        .is_some_and(|b| b.ca)
}

fn to_offset(since_epoch: std::time::Duration) -> Result<OffsetDateTime, String> {
    let secs = i64::try_from(since_epoch.as_secs()).map_err(|_| "validity date out of range")?;
    OffsetDateTime::from_unix_timestamp(secs)
        .map_err(|e| format!("validity date out of range: {e}"))
}

#[cfg(test)]
#[path = "certificate_tests.rs"]
mod tests;
