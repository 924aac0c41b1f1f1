//! What protects a PFX, read from its outer structure without the password: the algorithms of
//! the key and certificate bags, their iteration counts, and the MAC (formats.md section 3).
//!
//! Merge note: branch `read` adds `pfx::inspect` for the same facts. When both land, keep one
//! (this module's `PfxFacts` is what `dump` serializes) and delete the other.
//!
//! Only the layers that are not encrypted are read: the authenticated safe, its ContentInfos
//! (data or encryptedData, whose algorithm identifier is in the clear) and the SafeBags of the
//! unencrypted ones, where producers put the shrouded key bag. No decryption happens here.

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Sequence};
use serde::Serialize;

const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ENCRYPTED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
const KEY_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");
const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const PBKDF2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");
const PKCS12_PBE_ARC: &str = "1.2.840.113549.1.12.1.";

/// The facts `dump` reports about a PFX's protection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PfxFacts {
    /// `modern`, `legacy`, `very old`, or `other` (a mix the profiles do not name).
    pub profile: String,
    /// How the certificate bags are protected; `none` when they sit in clear data.
    pub certificates: Vec<Protection>,
    /// How the key bag is protected; `None` when no key bag is visible without the password.
    pub key: Option<Protection>,
    /// `None` for a PFX without a MAC (OpenSSL and older .NET cannot open those).
    pub mac: Option<MacFacts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protection {
    /// e.g. `AES-256-CBC (PBES2, PBKDF2-HMAC-SHA256)`, `3DES (pbeWithSHAAnd3-KeyTripleDES-CBC)`.
    pub algorithm: String,
    pub iterations: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MacFacts {
    /// `HMAC-SHA1`, `HMAC-SHA256`, ...
    pub algorithm: String,
    pub iterations: u64,
}

#[derive(Sequence)]
struct Pfx<'a> {
    version: u8,
    auth_safe: ContentInfo<'a>,
    mac_data: Option<MacData<'a>>,
}

#[derive(Sequence)]
struct ContentInfo<'a> {
    content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", optional = "true")]
    content: Option<AnyRef<'a>>,
}

#[derive(Sequence)]
struct MacData<'a> {
    mac: DigestInfo<'a>,
    mac_salt: &'a OctetStringRef,
    iterations: Option<u64>,
}

#[derive(Sequence)]
struct DigestInfo<'a> {
    algorithm: AlgorithmIdentifier<'a>,
    digest: &'a OctetStringRef,
}

#[derive(Sequence, Clone, Copy)]
struct AlgorithmIdentifier<'a> {
    oid: ObjectIdentifier,
    parameters: Option<AnyRef<'a>>,
}

#[derive(Sequence)]
struct EncryptedData<'a> {
    version: u8,
    info: EncryptedContentInfo<'a>,
}

#[derive(Sequence)]
struct EncryptedContentInfo<'a> {
    content_type: ObjectIdentifier,
    algorithm: AlgorithmIdentifier<'a>,
    /// `[0] IMPLICIT` ciphertext, kept opaque.
    encrypted_content: Option<AnyRef<'a>>,
}

#[derive(Sequence)]
struct SafeBag<'a> {
    bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bag_value: AnyRef<'a>,
    bag_attributes: Option<AnyRef<'a>>,
}

#[derive(Sequence)]
struct PkcsPbeParams<'a> {
    salt: &'a OctetStringRef,
    iterations: u64,
}

#[derive(Sequence)]
struct Pbes2Params<'a> {
    kdf: AlgorithmIdentifier<'a>,
    scheme: AlgorithmIdentifier<'a>,
}

#[derive(Sequence)]
struct Pbkdf2Params<'a> {
    salt: AnyRef<'a>,
    iterations: u64,
    key_length: Option<u16>,
    prf: Option<AlgorithmIdentifier<'a>>,
}

/// Reads the protection facts of a DER PFX. The error text says which layer is malformed.
pub fn inspect(bytes: &[u8]) -> Result<PfxFacts, String> {
    let pfx = Pfx::from_der(bytes).map_err(|e| format!("not a PKCS#12 structure: {e}"))?;
    let safes = data_octets(&pfx.auth_safe).ok_or("the authenticated safe is not plain data")?;
    let infos: Vec<ContentInfo<'_>> =
        Vec::from_der(safes).map_err(|e| format!("damaged authenticated safe: {e}"))?;
    let mut certificates = Vec::new();
    let mut key = None;
    for info in &infos {
        if info.content_type == ENCRYPTED_DATA {
            // Producers put certificate bags in the encrypted content; whatever is inside, its
            // protection is this algorithm.
            let encrypted = info
                .content
                .ok_or("encryptedData without content")?
                .decode_as::<EncryptedData<'_>>()
                .map_err(|e| format!("damaged encryptedData: {e}"))?;
            certificates.push(protection(&encrypted.info.algorithm));
        } else if let Some(contents) = data_octets(info) {
            scan_bags(contents, &mut certificates, &mut key)?;
        }
    }
    let mac = pfx.mac_data.as_ref().map(|m| MacFacts {
        algorithm: digest_name(&m.mac.algorithm.oid),
        iterations: m.iterations.unwrap_or(1),
    });
    certificates.dedup();
    Ok(PfxFacts {
        profile: classify(&certificates, key.as_ref(), mac.as_ref()).into(),
        certificates,
        key,
        mac,
    })
}

/// The OCTET STRING inside a `data` ContentInfo.
fn data_octets<'a>(info: &ContentInfo<'a>) -> Option<&'a [u8]> {
    if info.content_type != DATA {
        return None;
    }
    let octets: &OctetStringRef = info.content?.decode_as().ok()?;
    Some(octets.as_bytes())
}

/// SafeBags in clear data: a shrouded key bag names its algorithm; clear bags are `none`.
fn scan_bags(
    contents: &[u8],
    certificates: &mut Vec<Protection>,
    key: &mut Option<Protection>,
) -> Result<(), String> {
    let bags: Vec<SafeBag<'_>> =
        Vec::from_der(contents).map_err(|e| format!("damaged safe contents: {e}"))?;
    let none = || Protection {
        algorithm: "none".into(),
        iterations: None,
    };
    for bag in bags {
        match bag.bag_id {
            SHROUDED_KEY_BAG => {
                // EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING }
                let info: DigestInfo<'_> = bag
                    .bag_value
                    .decode_as()
                    .map_err(|e| format!("damaged shrouded key bag: {e}"))?;
                *key = Some(protection(&info.algorithm));
            }
            KEY_BAG => *key = Some(none()),
            CERT_BAG => certificates.push(none()),
            _ => {}
        }
    }
    Ok(())
}

fn protection(alg: &AlgorithmIdentifier<'_>) -> Protection {
    let oid = alg.oid.to_string();
    if let Some(n) = oid.strip_prefix(PKCS12_PBE_ARC) {
        let iterations = alg
            .parameters
            .and_then(|p| p.decode_as::<PkcsPbeParams<'_>>().ok())
            .map(|p| p.iterations);
        let name = match n {
            "1" => "RC4-128 (pbeWithSHAAnd128BitRC4)",
            "2" => "RC4-40 (pbeWithSHAAnd40BitRC4)",
            "3" => "3DES (pbeWithSHAAnd3-KeyTripleDES-CBC)",
            "4" => "2-key 3DES (pbeWithSHAAnd2-KeyTripleDES-CBC)",
            "5" => "RC2-128 (pbeWithSHAAnd128BitRC2-CBC)",
            "6" => "RC2-40 (pbewithSHAAnd40BitRC2-CBC)",
            _ => "unknown PKCS#12 PBE",
        };
        return Protection {
            algorithm: name.into(),
            iterations,
        };
    }
    if alg.oid == PBES2 {
        if let Some(p) = alg
            .parameters
            .and_then(|p| p.decode_as::<Pbes2Params<'_>>().ok())
        {
            return pbes2(&p);
        }
    }
    Protection {
        algorithm: oid_name(&alg.oid),
        iterations: None,
    }
}

fn pbes2(params: &Pbes2Params<'_>) -> Protection {
    let cipher = match params.scheme.oid.to_string().as_str() {
        "2.16.840.1.101.3.4.1.2" => "AES-128-CBC".to_string(),
        "2.16.840.1.101.3.4.1.22" => "AES-192-CBC".to_string(),
        "2.16.840.1.101.3.4.1.42" => "AES-256-CBC".to_string(),
        "1.2.840.113549.3.7" => "3DES-CBC".to_string(),
        _ => oid_name(&params.scheme.oid),
    };
    let kdf = (params.kdf.oid == PBKDF2)
        .then(|| params.kdf.parameters?.decode_as::<Pbkdf2Params<'_>>().ok())
        .flatten();
    match kdf {
        Some(k) => {
            // RFC 8018: the PRF defaults to HMAC-SHA1 when absent.
            let prf = k.prf.map_or("HMAC-SHA1".into(), |p| digest_name(&p.oid));
            Protection {
                algorithm: format!("{cipher} (PBES2, PBKDF2-{prf})"),
                iterations: Some(k.iterations),
            }
        }
        None => Protection {
            algorithm: format!("{cipher} (PBES2, {})", oid_name(&params.kdf.oid)),
            iterations: None,
        },
    }
}

/// MAC and PRF digests, named as HMAC algorithms.
fn digest_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.3.14.3.2.26" | "1.2.840.113549.2.7" => "HMAC-SHA1".into(),
        "2.16.840.1.101.3.4.2.1" | "1.2.840.113549.2.9" => "HMAC-SHA256".into(),
        "2.16.840.1.101.3.4.2.2" | "1.2.840.113549.2.10" => "HMAC-SHA384".into(),
        "2.16.840.1.101.3.4.2.3" | "1.2.840.113549.2.11" => "HMAC-SHA512".into(),
        _ => oid_name(oid),
    }
}

fn oid_name(oid: &ObjectIdentifier) -> String {
    match const_oid::db::DB.by_oid(oid) {
        Some(name) => format!("{name} ({oid})"),
        None => oid.to_string(),
    }
}

/// The profile names of formats.md section 3, or `other` for anything else.
fn classify(
    certs: &[Protection],
    key: Option<&Protection>,
    mac: Option<&MacFacts>,
) -> &'static str {
    let all =
        |prefix: &str| !certs.is_empty() && certs.iter().all(|c| c.algorithm.starts_with(prefix));
    let key_is = |prefix: &str| key.is_some_and(|k| k.algorithm.starts_with(prefix));
    let mac_is = |name: &str| mac.is_some_and(|m| m.algorithm == name);
    if all("AES-256-CBC (PBES2") && key_is("AES-256-CBC (PBES2") && mac_is("HMAC-SHA256") {
        "modern"
    } else if all("3DES (") && key_is("3DES (") && mac_is("HMAC-SHA1") {
        "legacy"
    } else if all("RC2-40") && key_is("3DES (") && mac_is("HMAC-SHA1") {
        "very old"
    } else {
        "other"
    }
}

#[cfg(test)]
#[path = "pfxinfo_tests.rs"]
mod tests;
