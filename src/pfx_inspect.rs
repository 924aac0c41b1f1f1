//! Facts about a PFX read without decrypting it: which algorithms protect the certificates and
//! the key, with how many iterations, and which MAC. Used to say which profile was read, by
//! `dump`, and to refuse files whose visible key derivations would take minutes before any work
//! starts (the reader, pfx_read.rs, pays for what only decryption reveals from the same budget).
//!
//! Only the layers that are in the clear are read. Contents encrypted as a whole (PKCS#7
//! encryptedData) are counted as certificates: every producer we know puts certificates there
//! and keys in shrouded key bags of a plain data safe.

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef, UintRef};

use crate::pbe::{uint_to_u64, PBES2, PBKDF2, SCRYPT};
use der::{Decode, Reader, Sequence, SliceReader, Tag, Tagged};
use serde::{Serialize, Serializer};
use x509_cert::spki::AlgorithmIdentifierRef;

/// Which of the well-known PFX profiles (formats.md §3) a file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// PBES2 with AES for certificates and key, a SHA-2 MAC (OpenSSL 3's default).
    Modern,
    /// 3DES for certificates and key, a SHA-1 MAC (what Windows exports).
    Legacy,
    /// RC2 for the certificates, 3DES for the key, a SHA-1 MAC (OpenSSL 1.x, Java, BouncyCastle).
    VeryOld,
    /// Anything else: no MAC, unencrypted bags, mixed algorithms.
    Other,
}

impl Profile {
    pub fn name(self) -> &'static str {
        match self {
            Profile::Modern => "modern",
            Profile::Legacy => "legacy",
            Profile::VeryOld => "very old",
            Profile::Other => "non-standard",
        }
    }
}

/// How one part of the file is encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    Unencrypted,
    /// A PKCS#12 PBE (SHA-1 key derivation of PKCS#12 appendix B) with this cipher name.
    Pkcs12Pbe(&'static str),
    /// PBES2; `kdf` is e.g. `PBKDF2-HMAC-SHA256` or `scrypt`, `cipher` e.g. `AES-256-CBC`.
    Pbes2 {
        kdf: String,
        cipher: String,
    },
    /// An algorithm certkit does not know, by OID.
    Unknown(String),
}

impl std::fmt::Display for Scheme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scheme::Unencrypted => f.write_str("unencrypted"),
            Scheme::Pkcs12Pbe(cipher) => write!(f, "{cipher} (PKCS#12 PBE, SHA-1)"),
            Scheme::Pbes2 { kdf, cipher } => write!(f, "{cipher} (PBES2, {kdf})"),
            Scheme::Unknown(oid) => write!(f, "unknown algorithm {oid}"),
        }
    }
}

/// One encrypted (or plain) part and its iteration count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    pub scheme: Scheme,
    /// None when unencrypted or the parameters could not be read.
    pub iterations: Option<u64>,
}

impl Protection {
    fn is_aes_pbes2(&self) -> bool {
        matches!(&self.scheme, Scheme::Pbes2 { kdf, cipher } if kdf.starts_with("PBKDF2") && cipher.starts_with("AES-"))
    }

    fn is_3des(&self) -> bool {
        self.scheme == Scheme::Pkcs12Pbe("3DES-CBC")
    }

    fn is_rc2(&self) -> bool {
        matches!(self.scheme, Scheme::Pkcs12Pbe(c) if c.starts_with("RC2"))
    }
}

impl std::fmt::Display for Protection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.iterations {
            Some(n) => write!(f, "{}, {n} iterations", self.scheme),
            None => write!(f, "{}", self.scheme),
        }
    }
}

/// The integrity check: HMAC with this digest, key derived with this many iterations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacFacts {
    /// `SHA-1`, `SHA-256`, ... or the OID when unknown.
    pub digest: String,
    pub iterations: u64,
}

impl MacFacts {
    /// `HMAC-SHA1`, `HMAC-SHA256`: how OpenSSL and .NET name the MAC.
    pub fn algorithm(&self) -> String {
        format!("HMAC-{}", self.digest.replacen("SHA-", "SHA", 1))
    }
}

/// What `inspect` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PfxFacts {
    /// Protection of each part holding certificates, in file order.
    pub certificates: Vec<Protection>,
    /// Protection of each key bag, in file order (empty for a certificate-only PFX).
    pub keys: Vec<Protection>,
    pub mac: Option<MacFacts>,
    pub profile: Profile,
}

impl PfxFacts {
    /// One line for messages: `legacy profile: certificates 3DES-CBC (...), key ..., MAC ...`.
    pub fn describe(&self) -> String {
        let list = |parts: &[Protection]| {
            let mut names: Vec<String> = parts.iter().map(ToString::to_string).collect();
            names.dedup();
            names.join("; ")
        };
        let mut out = format!("{} profile", self.profile.name());
        if !self.certificates.is_empty() {
            out.push_str(&format!(": certificates {}", list(&self.certificates)));
        }
        if !self.keys.is_empty() {
            out.push_str(&format!("; key {}", list(&self.keys)));
        }
        match &self.mac {
            Some(mac) => out.push_str(&format!(
                "; MAC {}, {} iterations",
                mac.algorithm(),
                mac.iterations
            )),
            None => out.push_str("; no MAC"),
        }
        out
    }

    /// Key-derivation iterations the reader will run before it is done (MAC and every visible
    /// encrypted part): a bound on the work a file can ask for.
    pub fn total_iterations(&self) -> u64 {
        let parts = self.certificates.iter().chain(&self.keys);
        let bags: u64 = parts
            .map(|p| p.iterations.unwrap_or(0))
            .fold(0, u64::saturating_add);
        bags.saturating_add(self.mac.as_ref().map_or(0, |m| m.iterations))
    }

    fn classify(&self) -> Profile {
        let (certs, keys) = (&self.certificates, &self.keys);
        let Some(mac) = &self.mac else {
            return Profile::Other;
        };
        let sha1_mac = mac.digest == "SHA-1";
        let sha2_mac = mac.digest.starts_with("SHA-") && !sha1_mac;
        if certs.is_empty() {
            return Profile::Other;
        }
        let all = |v: &[Protection], f: fn(&Protection) -> bool| v.iter().all(f);
        if sha2_mac && all(certs, Protection::is_aes_pbes2) && all(keys, Protection::is_aes_pbes2) {
            Profile::Modern
        } else if sha1_mac && all(certs, Protection::is_3des) && all(keys, Protection::is_3des) {
            Profile::Legacy
        } else if sha1_mac && all(certs, Protection::is_rc2) && all(keys, Protection::is_3des) {
            Profile::VeryOld
        } else {
            Profile::Other
        }
    }
}

/// The `dump --json` shape: `{profile, certificates: [{algorithm, iterations}], key, mac:
/// {algorithm, iterations}}`, with `key` the first key bag (files hold one) or null.
impl Serialize for PfxFacts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Part {
            algorithm: String,
            iterations: Option<u64>,
        }
        #[derive(Serialize)]
        struct Mac {
            algorithm: String,
            iterations: u64,
        }
        #[derive(Serialize)]
        struct View {
            profile: &'static str,
            certificates: Vec<Part>,
            key: Option<Part>,
            mac: Option<Mac>,
        }
        let part = |p: &Protection| Part {
            algorithm: p.scheme.to_string(),
            iterations: p.iterations,
        };
        View {
            profile: self.profile.name(),
            certificates: self.certificates.iter().map(part).collect(),
            key: self.keys.first().map(part),
            mac: self.mac.as_ref().map(|m| Mac {
                algorithm: m.algorithm(),
                iterations: m.iterations,
            }),
        }
        .serialize(serializer)
    }
}

pub(super) const DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
pub(super) const ENCRYPTED_DATA: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.6");
pub(super) const KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.1");
pub(super) const SHROUDED_KEY_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.2");
pub(super) const CERT_BAG: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.10.1.3");

#[derive(Sequence)]
pub(super) struct ContentInfo<'a> {
    pub(super) content_type: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    pub(super) content: Option<AnyRef<'a>>,
}

#[derive(Sequence)]
pub(super) struct DigestInfo<'a> {
    pub(super) algorithm: AlgorithmIdentifierRef<'a>,
    pub(super) digest: &'a OctetStringRef,
}

#[derive(Sequence)]
pub(super) struct MacData<'a> {
    pub(super) mac: DigestInfo<'a>,
    pub(super) salt: &'a OctetStringRef,
    pub(super) iterations: Option<UintRef<'a>>,
}

#[derive(Sequence)]
pub(super) struct Pfx<'a> {
    version: u8,
    pub(super) auth_safe: ContentInfo<'a>,
    pub(super) mac_data: Option<MacData<'a>>,
}

#[derive(Sequence)]
pub(super) struct SafeBag<'a> {
    pub(super) bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    pub(super) value: AnyRef<'a>,
    pub(super) attributes: Option<AnyRef<'a>>,
}

/// Reads the facts of a PFX without decrypting anything. The error says why the bytes are not
/// a PKCS#12 structure certkit can read (BER, signed integrity mode, damage).
pub fn inspect(bytes: &[u8]) -> Result<PfxFacts, String> {
    let pfx = Pfx::from_der(bytes).map_err(|e| format!("not a DER PKCS#12 structure: {e}"))?;
    if pfx.version != 3 {
        return Err(format!("PKCS#12 version {} (only 3 exists)", pfx.version));
    }
    if pfx.auth_safe.content_type != DATA {
        return Err(format!(
            "authenticated safe of type {} (only password integrity, type data, is supported)",
            pfx.auth_safe.content_type
        ));
    }
    let safes = octets(pfx.auth_safe.content).ok_or("the authenticated safe is not data")?;
    let mut facts = PfxFacts {
        certificates: Vec::new(),
        keys: Vec::new(),
        mac: pfx.mac_data.as_ref().map(mac_facts),
        profile: Profile::Other,
    };
    let safes = Vec::<ContentInfo<'_>>::from_der(safes)
        .map_err(|e| format!("damaged authenticated safe: {e}"))?;
    for safe in &safes {
        read_safe(safe, &mut facts)?;
    }
    facts.profile = facts.classify();
    Ok(facts)
}

/// The bytes of an OCTET STRING held in an EXPLICIT [0].
pub(super) fn octets(content: Option<AnyRef<'_>>) -> Option<&[u8]> {
    let any = content?;
    (any.tag() == Tag::OctetString).then(|| any.value())
}

fn read_safe(safe: &ContentInfo<'_>, facts: &mut PfxFacts) -> Result<(), String> {
    match safe.content_type {
        DATA => {
            let bytes = octets(safe.content).ok_or("a data safe without an OCTET STRING")?;
            let bags = Vec::<SafeBag<'_>>::from_der(bytes)
                .map_err(|e| format!("damaged safe contents: {e}"))?;
            for bag in &bags {
                read_bag(bag, facts);
            }
        }
        ENCRYPTED_DATA => {
            let algorithm = safe.content.and_then(encrypted_data_algorithm);
            facts.certificates.push(match algorithm {
                Some(alg) => protection(&alg),
                None => return Err("damaged encryptedData safe".into()),
            });
        }
        other => facts.certificates.push(Protection {
            scheme: Scheme::Unknown(format!("content type {other}")),
            iterations: None,
        }),
    }
    Ok(())
}

fn read_bag(bag: &SafeBag<'_>, facts: &mut PfxFacts) {
    let unencrypted = || Protection {
        scheme: Scheme::Unencrypted,
        iterations: None,
    };
    match bag.bag_id {
        CERT_BAG => facts.certificates.push(unencrypted()),
        KEY_BAG => facts.keys.push(unencrypted()),
        SHROUDED_KEY_BAG => {
            let alg = bag.value.sequence(|r: &mut der::SliceReader<'_>| {
                let alg: AlgorithmIdentifierRef<'_> = r.decode()?;
                r.drain(r.remaining_len())?;
                Ok::<_, der::Error>(alg)
            });
            facts.keys.push(match alg {
                Ok(alg) => protection(&alg),
                Err(_) => Protection {
                    scheme: Scheme::Unknown("damaged shrouded key bag".into()),
                    iterations: None,
                },
            });
        }
        _ => {}
    }
}

/// EncryptedData ::= SEQUENCE { version, EncryptedContentInfo SEQUENCE { type, algorithm, .. } }
fn encrypted_data_algorithm(any: AnyRef<'_>) -> Option<AlgorithmIdentifierRef<'_>> {
    any.sequence(|r: &mut SliceReader<'_>| {
        let _version: AnyRef<'_> = r.decode()?;
        let alg = r.sequence(|inner| {
            let _type: ObjectIdentifier = inner.decode()?;
            let alg: AlgorithmIdentifierRef<'_> = inner.decode()?;
            inner.drain(inner.remaining_len())?;
            Ok::<_, der::Error>(alg)
        })?;
        r.drain(r.remaining_len())?;
        Ok::<_, der::Error>(alg)
    })
    .ok()
}

fn mac_facts(mac: &MacData<'_>) -> MacFacts {
    MacFacts {
        digest: digest_name(&mac.mac.algorithm.oid),
        iterations: mac.iterations.as_ref().map_or(1, uint_to_u64),
    }
}

fn digest_name(oid: &ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "1.3.14.3.2.26" => "SHA-1",
        "2.16.840.1.101.3.4.2.4" => "SHA-224",
        "2.16.840.1.101.3.4.2.1" => "SHA-256",
        "2.16.840.1.101.3.4.2.2" => "SHA-384",
        "2.16.840.1.101.3.4.2.3" => "SHA-512",
        "2.16.840.1.101.3.4.2.5" => "SHA-512/224",
        "2.16.840.1.101.3.4.2.6" => "SHA-512/256",
        "1.2.840.113549.2.5" => "MD5",
        other => return other.to_string(),
    };
    name.to_string()
}

fn protection(alg: &AlgorithmIdentifierRef<'_>) -> Protection {
    let oid = alg.oid.to_string();
    if let Some(n) = oid.strip_prefix("1.2.840.113549.1.12.1.") {
        let cipher = match n {
            "1" => "RC4-128",
            "2" => "RC4-40",
            "3" => "3DES-CBC",
            "4" => "2-key 3DES-CBC",
            "5" => "RC2-128-CBC",
            "6" => "RC2-40-CBC",
            _ => return unknown(oid),
        };
        let iterations = alg.parameters.and_then(|p| salt_and_count(p).ok());
        return Protection {
            scheme: Scheme::Pkcs12Pbe(cipher),
            iterations,
        };
    }
    if alg.oid == PBES2 {
        if let Some(p) = alg.parameters.and_then(|p| pbes2(p).ok()) {
            return p;
        }
    }
    unknown(oid)
}

fn unknown(oid: String) -> Protection {
    Protection {
        scheme: Scheme::Unknown(oid),
        iterations: None,
    }
}

/// PKCS#12 PBE parameters: SEQUENCE { salt OCTET STRING, iterations INTEGER }.
fn salt_and_count(params: AnyRef<'_>) -> der::Result<u64> {
    params.sequence(|r: &mut SliceReader<'_>| {
        let _salt: &OctetStringRef = r.decode()?;
        let count: UintRef<'_> = r.decode()?;
        Ok(uint_to_u64(&count))
    })
}

/// PBES2-params: SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme ... }.
fn pbes2(params: AnyRef<'_>) -> der::Result<Protection> {
    params.sequence(|r: &mut SliceReader<'_>| {
        let kdf: AlgorithmIdentifierRef<'_> = r.decode()?;
        let cipher: AlgorithmIdentifierRef<'_> = r.decode()?;
        let (kdf_name, iterations) = kdf_facts(&kdf);
        Ok(Protection {
            scheme: Scheme::Pbes2 {
                kdf: kdf_name,
                cipher: cipher_name(&cipher.oid),
            },
            iterations,
        })
    })
}

fn kdf_facts(kdf: &AlgorithmIdentifierRef<'_>) -> (String, Option<u64>) {
    if kdf.oid == SCRYPT {
        return scrypt_facts(kdf);
    }
    if kdf.oid != PBKDF2 {
        return (kdf.oid.to_string(), None);
    }
    // PBKDF2-params: salt, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1.
    let parsed = kdf.parameters.map(|p| {
        p.sequence(|r: &mut SliceReader<'_>| {
            let _salt: AnyRef<'_> = r.decode()?;
            let count: UintRef<'_> = r.decode()?;
            if Tag::peek(r).ok() == Some(Tag::Integer) {
                let _key_length: UintRef<'_> = r.decode()?;
            }
            let prf: Option<AlgorithmIdentifierRef<'_>> = r.decode()?;
            Ok::<_, der::Error>((uint_to_u64(&count), prf.map(|p| p.oid)))
        })
    });
    match parsed {
        Some(Ok((count, prf))) => {
            let prf = match prf.map(|o| o.to_string()).as_deref() {
                None | Some("1.2.840.113549.2.7") => "SHA1".to_string(),
                Some("1.2.840.113549.2.8") => "SHA224".into(),
                Some("1.2.840.113549.2.9") => "SHA256".into(),
                Some("1.2.840.113549.2.10") => "SHA384".into(),
                Some("1.2.840.113549.2.11") => "SHA512".into(),
                Some(other) => other.to_string(),
            };
            (format!("PBKDF2-HMAC-{prf}"), Some(count))
        }
        _ => ("PBKDF2 (damaged parameters)".into(), None),
    }
}

/// scrypt's work counts in the same budget as PBKDF2 iterations (see `pbe::scrypt_work`):
/// without the count a 300-byte file could ask for a gigabyte and a minute.
fn scrypt_facts(kdf: &AlgorithmIdentifierRef<'_>) -> (String, Option<u64>) {
    match kdf.parameters.map(crate::pbe::scrypt_params) {
        Some(Ok((n, r, p))) => {
            let (work, _) = crate::pbe::scrypt_work(n, r, p);
            (format!("scrypt N={n} r={r} p={p}"), Some(work))
        }
        // Unreadable parameters fail in the reader; count them as too much work to try.
        _ => ("scrypt (damaged parameters)".into(), Some(u64::MAX)),
    }
}

fn cipher_name(oid: &ObjectIdentifier) -> String {
    let name = match oid.to_string().as_str() {
        "2.16.840.1.101.3.4.1.2" => "AES-128-CBC",
        "2.16.840.1.101.3.4.1.22" => "AES-192-CBC",
        "2.16.840.1.101.3.4.1.42" => "AES-256-CBC",
        "2.16.840.1.101.3.4.1.6" => "AES-128-GCM",
        "2.16.840.1.101.3.4.1.46" => "AES-256-GCM",
        "1.2.840.113549.3.7" => "3DES-CBC",
        "1.3.14.3.2.7" => "DES-CBC",
        "1.2.840.113549.3.2" => "RC2-CBC",
        other => return other.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for bytes in [&b""[..], b"\x30\x00", b"\x30\x03\x02\x01\x03", b"hello"] {
            assert!(inspect(bytes).is_err());
        }
    }

    #[test]
    fn huge_integers_saturate() {
        let big = UintRef::new(&[0x7F; 12]).unwrap();
        assert_eq!(uint_to_u64(&big), u64::MAX);
        let small = UintRef::new(&[0x08, 0x00]).unwrap();
        assert_eq!(uint_to_u64(&small), 2048);
    }
}
