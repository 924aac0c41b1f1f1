//! `certkit dump`: everything about a certificate file, as `certutil -dump` prints it, in one
//! struct that serializes to the `--json` shape. `store show` reports a subset (`CertFacts`).

use std::path::{Path, PathBuf};

use der::{Decode, Encode};
use serde::Serialize;
use time::OffsetDateTime;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAltName, SubjectKeyIdentifier,
};
use x509_cert::spki::ObjectIdentifier;

use crate::certificate::Certificate;
use crate::input::InputFile;
use crate::pfx::PfxFacts;
use crate::thumbprint::hex_upper;
use crate::validity::format_utc;

/// What `dump` reports for one file.
#[derive(Debug, Serialize)]
pub struct Dump {
    pub file: PathBuf,
    pub format: String,
    /// Protection facts, for a PFX only.
    pub pfx: Option<PfxFacts>,
    /// The private key in the file, if any.
    pub private_key: Option<KeyFacts>,
    pub certificates: Vec<CertFacts>,
}

/// One certificate, with the fields `certutil -dump` and `certutil -store` print.
#[derive(Debug, Clone, Serialize)]
pub struct CertFacts {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    pub validity: ValidityFacts,
    /// SHA-1 in upper-case hex: certutil's "Cert Hash(sha1)".
    pub thumbprint: String,
    pub sha256: String,
    pub x5t: String,
    #[serde(rename = "x5t#S256")]
    pub x5t_s256: String,
    pub public_key: KeyFacts,
    pub signature_algorithm: String,
    pub self_issued: bool,
    pub extensions: Vec<ExtensionFacts>,
    /// True when the file (or store entry) holds this certificate's private key.
    pub has_private_key: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ValidityFacts {
    /// `valid`, `expired` or `not yet valid`.
    pub status: &'static str,
    /// Whole days until NotAfter (negative once expired).
    pub days_left: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KeyFacts {
    /// `RSA`, `EC`, or the algorithm's name.
    pub algorithm: String,
    pub bits: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExtensionFacts {
    /// Short name (`keyUsage`), or the OID when unknown.
    pub name: String,
    pub oid: String,
    pub critical: bool,
    /// Decoded values, e.g. `["digitalSignature", "keyEncipherment"]`, `["DNS:api.contoso.com"]`.
    pub values: Vec<String>,
}

/// Dumps a file already read by `select::read_file`.
pub fn dump(path: &Path, file: &InputFile, now: OffsetDateTime) -> Dump {
    let certificates = file
        .certificates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let has_key = file.key.is_some() || file.other_key.is_some();
            CertFacts::of(c, now, has_key && i == file.leaf)
        })
        .collect();
    Dump {
        file: path.to_path_buf(),
        format: file.format.name().into(),
        pfx: file.pfx.clone(),
        private_key: match (&file.key, &file.other_key) {
            (Some(k), _) => Some(KeyFacts {
                algorithm: "RSA".into(),
                bits: Some(k.rsa_bits()),
            }),
            (None, Some(other)) => Some(KeyFacts {
                algorithm: other.algorithm().to_owned(),
                bits: None,
            }),
            (None, None) => None,
        },
        certificates,
    }
}

impl CertFacts {
    pub fn of(cert: &Certificate, now: OffsetDateTime, has_private_key: bool) -> CertFacts {
        // The DER was parsed once already when `cert` was made, so this cannot fail.
        let parsed = x509_cert::Certificate::from_der(cert.der()).expect("parsed before");
        let tbs = parsed.tbs_certificate();
        let digests = cert.digests();
        CertFacts {
            subject: cert.subject().into(),
            issuer: cert.issuer().into(),
            serial: cert.serial_hex(),
            not_before: format_utc(cert.not_before()),
            not_after: format_utc(cert.not_after()),
            validity: validity(cert, now),
            thumbprint: cert.thumbprint(),
            sha256: hex_upper(&digests.sha256),
            x5t: digests.x5t(),
            x5t_s256: digests.x5t_s256(),
            public_key: public_key(cert, &tbs.subject_public_key_info().algorithm.oid),
            signature_algorithm: oid_name(&parsed.signature_algorithm().oid),
            self_issued: cert.is_self_issued(),
            extensions: tbs
                .extensions()
                .map(|exts| exts.iter().map(extension).collect())
                .unwrap_or_default(),
            has_private_key,
        }
    }
}

/// Status and whole days left, measured from `now` (UTC; time zones play no part).
pub fn validity(cert: &Certificate, now: OffsetDateTime) -> ValidityFacts {
    let status = if now < cert.not_before() {
        "not yet valid"
    } else if now >= cert.not_after() {
        "expired"
    } else {
        "valid"
    };
    ValidityFacts {
        status,
        days_left: (cert.not_after() - now).whole_days(),
    }
}

fn public_key(cert: &Certificate, oid: &ObjectIdentifier) -> KeyFacts {
    match oid.to_string().as_str() {
        "1.2.840.113549.1.1.1" => KeyFacts {
            algorithm: "RSA".into(),
            bits: cert.rsa_key_bits(),
        },
        "1.2.840.10045.2.1" => KeyFacts {
            algorithm: "EC".into(),
            // Uncompressed point: 0x04 || X || Y.
            bits: Some(cert.public_key_bits().len().saturating_sub(1) / 2 * 8),
        },
        _ => KeyFacts {
            algorithm: oid_name(oid),
            bits: None,
        },
    }
}

/// `sha256WithRSAEncryption`, or the dotted OID when the database does not know it.
pub fn oid_name(oid: &ObjectIdentifier) -> String {
    const_oid::db::DB
        .by_oid(oid)
        .map_or_else(|| oid.to_string(), str::to_owned)
}

fn extension(ext: &x509_cert::ext::Extension) -> ExtensionFacts {
    let bytes = ext.extn_value.as_bytes();
    let values = decode_extension(&ext.extn_id.to_string(), bytes)
        .unwrap_or_else(|| vec![format!("DER {}", hex_upper(bytes))]);
    ExtensionFacts {
        name: const_oid::db::DB.by_oid(&ext.extn_id).map_or_else(
            || ext.extn_id.to_string(),
            |n| n.trim_start_matches("id-ce-").into(),
        ),
        oid: ext.extn_id.to_string(),
        critical: ext.critical,
        values,
    }
}

/// The extensions users check on an app credential; others are shown as DER hex.
fn decode_extension(oid: &str, der: &[u8]) -> Option<Vec<String>> {
    Some(match oid {
        "2.5.29.15" => key_usages(&KeyUsage::from_der(der).ok()?),
        "2.5.29.37" => ExtendedKeyUsage::from_der(der)
            .ok()?
            .0
            .iter()
            .map(eku_name)
            .collect(),
        "2.5.29.17" => SubjectAltName::from_der(der)
            .ok()?
            .0
            .iter()
            .map(general_name)
            .collect(),
        "2.5.29.14" => vec![hex_upper(
            SubjectKeyIdentifier::from_der(der).ok()?.0.as_bytes(),
        )],
        "2.5.29.19" => {
            let bc = BasicConstraints::from_der(der).ok()?;
            let mut v = vec![format!("CA:{}", if bc.ca { "TRUE" } else { "FALSE" })];
            v.extend(bc.path_len_constraint.map(|n| format!("pathlen:{n}")));
            v
        }
        _ => return None,
    })
}

fn key_usages(ku: &KeyUsage) -> Vec<String> {
    [
        (ku.digital_signature(), "digitalSignature"),
        (ku.non_repudiation(), "nonRepudiation"),
        (ku.key_encipherment(), "keyEncipherment"),
        (ku.data_encipherment(), "dataEncipherment"),
        (ku.key_agreement(), "keyAgreement"),
        (ku.key_cert_sign(), "keyCertSign"),
        (ku.crl_sign(), "cRLSign"),
        (ku.encipher_only(), "encipherOnly"),
        (ku.decipher_only(), "decipherOnly"),
    ]
    .into_iter()
    .filter(|(set, _)| *set)
    .map(|(_, name)| name.to_owned())
    .collect()
}

/// `clientAuth (1.3.6.1.5.5.7.3.2)`: the name openssl and RFC 5280 use, and the OID that
/// Windows shows.
fn eku_name(oid: &ObjectIdentifier) -> String {
    match const_oid::db::DB.by_oid(oid) {
        Some(name) => format!("{} ({oid})", name.trim_start_matches("id-kp-")),
        None => oid.to_string(),
    }
}

fn general_name(name: &GeneralName) -> String {
    match name {
        GeneralName::DnsName(s) => format!("DNS:{}", s.as_str()),
        GeneralName::Rfc822Name(s) => format!("email:{}", s.as_str()),
        GeneralName::UniformResourceIdentifier(s) => format!("URI:{}", s.as_str()),
        GeneralName::DirectoryName(n) => format!("DirName:{n}"),
        GeneralName::IpAddress(ip) => ip_address(ip.as_bytes()),
        GeneralName::RegisteredId(oid) => format!("RID:{oid}"),
        other => format!(
            "DER {}",
            other.to_der().map(|d| hex_upper(&d)).unwrap_or_default()
        ),
    }
}

fn ip_address(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => format!(
            "IP:{}",
            std::net::Ipv4Addr::from(<[u8; 4]>::try_from(bytes).unwrap())
        ),
        16 => format!(
            "IP:{}",
            std::net::Ipv6Addr::from(<[u8; 16]>::try_from(bytes).unwrap())
        ),
        _ => format!("IP:{}", hex_upper(bytes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn fixture() -> Certificate {
        let der = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/certs/fixture-cert.cer"
        ))
        .unwrap();
        Certificate::from_der(&der).unwrap()
    }

    #[test]
    fn validity_status_at_the_edges() {
        let cert = fixture();
        let before = cert.not_before() - time::Duration::seconds(1);
        assert_eq!(validity(&cert, before).status, "not yet valid");
        assert_eq!(validity(&cert, cert.not_before()).status, "valid");
        assert_eq!(validity(&cert, cert.not_after()).status, "expired");
        let day_before_end = cert.not_after() - time::Duration::hours(36);
        assert_eq!(validity(&cert, day_before_end).days_left, 1);
        assert!(validity(&cert, datetime!(2200-01-01 0:00 UTC)).days_left < 0);
    }

    #[test]
    fn fixture_facts_from_openssl_req() {
        // openssl req -x509 writes SKI, AKI and a critical basicConstraints CA:TRUE.
        let facts = CertFacts::of(&fixture(), OffsetDateTime::now_utc(), false);
        assert_eq!(facts.public_key.bits, Some(2048));
        assert_eq!(facts.signature_algorithm, "sha256WithRSAEncryption");
        let bc = facts
            .extensions
            .iter()
            .find(|e| e.oid == "2.5.29.19")
            .expect("basicConstraints");
        assert_eq!(bc.values, vec!["CA:TRUE"]);
        assert!(facts
            .extensions
            .iter()
            .any(|e| e.name == "subjectKeyIdentifier"));
    }
}
