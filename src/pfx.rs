//! PKCS#12 (PFX) writing in two profiles, and reading with a clear wrong-password error.
//!
//! Profiles (formats.md §3): Modern is what OpenSSL 3 writes (PBES2 AES-256 + HMAC-SHA256);
//! Legacy is what Windows itself exports (3DES + HMAC-SHA1) and what old Windows Server, macOS
//! and JDK 8 need. RC2-40 (`PbeWithShaAnd40BitRc4Cbc`, misnamed in p12-keystore) is never
//! written: OpenSSL 3 refuses it without `-legacy`.

use std::path::Path;

use der::{Decode, Sequence};
use p12_keystore::error::Error as P12Error;
use p12_keystore::{
    EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, Pkcs12Archive, PrivateKeyBag,
    PrivateKeyChain,
};
use zeroize::Zeroizing;

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::keys::{OtherKey, PrivateKey};

#[path = "pfx_inspect.rs"]
mod inspect;
pub use inspect::{inspect, MacFacts, PfxFacts, Profile, Protection, Scheme};

/// OpenSSL's count for both encryption and MAC (Windows uses 2000).
pub const DEFAULT_ITERATIONS: u32 = 2048;
/// Windows refuses PFX files with higher iteration counts.
pub const MAX_ITERATIONS: u32 = 600_000;
/// Key-derivation iterations a file may ask of the reader in all (MAC and every encrypted part):
/// three parts at p12-keystore's own limit of 1,000,000 each, and a little more. Real files need
/// a few thousand; a hostile one could otherwise ask for hundreds of millions.
pub const MAX_READ_ITERATIONS: u64 = 4_000_000;

/// Which algorithms protect the PFX.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PfxProfile {
    /// PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for key and certificates, HMAC-SHA256 MAC.
    #[default]
    Modern,
    /// pbeWithSHAAnd3-KeyTripleDES-CBC for key and certificates, HMAC-SHA1 MAC. Never mixed with
    /// a SHA-256 MAC: macOS and old Java reject that mix.
    Legacy,
}

impl PfxProfile {
    /// What certkit says it wrote, naming the algorithms and who can read them.
    pub fn describe(self) -> &'static str {
        match self {
            PfxProfile::Modern => "modern profile: AES-256-CBC with PBKDF2-SHA256, HMAC-SHA256 MAC",
            PfxProfile::Legacy => {
                "legacy profile: 3DES with a SHA-1 MAC, for Windows Server 2016, macOS and JDK 8"
            }
        }
    }

    fn algorithms(self) -> (EncryptionAlgorithm, MacAlgorithm) {
        match self {
            PfxProfile::Modern => (
                EncryptionAlgorithm::PbeWithHmacSha256AndAes256,
                MacAlgorithm::HmacSha256,
            ),
            PfxProfile::Legacy => (
                EncryptionAlgorithm::PbeWithShaAnd3KeyTripleDesCbc,
                MacAlgorithm::HmacSha1,
            ),
        }
    }
}

/// What a PFX held.
#[derive(Debug)]
pub struct PfxContents {
    /// Every certificate bag, in file order.
    pub certificates: Vec<Certificate>,
    pub key: Option<PrivateKey>,
    /// A key that is not RSA (EC, Ed25519): read so its certificate can be found, never used.
    pub other_key: Option<OtherKey>,
    /// Index in `certificates` of the one the key belongs to.
    pub leaf_index: Option<usize>,
    /// How the file was protected, read before decrypting.
    pub facts: PfxFacts,
    /// Things the user should know that do not stop the read (no MAC, a non-RSA key).
    pub warnings: Vec<String>,
}

/// Writes one key and its certificate. The key bag's friendlyName is `friendly_name`; both bags
/// carry localKeyId = SHA-1 of the certificate (as OpenSSL does), without which strict readers
/// drop the key. A MAC is always written, also with an empty password: OpenSSL and older .NET
/// cannot open a PFX without one.
pub fn write_pfx(
    cert: &Certificate,
    key: &PrivateKey,
    password: &str,
    profile: PfxProfile,
    iterations: u32,
    friendly_name: &str,
) -> Result<Zeroizing<Vec<u8>>> {
    write_pfx_with_chain(cert, &[], key, password, profile, iterations, friendly_name)
}

/// As `write_pfx`, with further certificates (intermediates, root) after the leaf; only the
/// leaf carries the localKeyId, as OpenSSL writes it.
pub fn write_pfx_with_chain(
    cert: &Certificate,
    chain: &[Certificate],
    key: &PrivateKey,
    password: &str,
    profile: PfxProfile,
    iterations: u32,
    friendly_name: &str,
) -> Result<Zeroizing<Vec<u8>>> {
    check_iterations(iterations)?;
    check_friendly_name(friendly_name)?;
    if !key.public_key_matches(cert) {
        return Err(Error::crypto(
            "PFX export",
            "the private key does not belong to the certificate",
        ));
    }
    let p12_key = p12_keystore::PrivateKey::from_der(key.pkcs8_der())
        .map_err(|e| Error::crypto("PFX export: private key", e))?;
    let p12_certs = std::iter::once(cert)
        .chain(chain)
        .map(|c| p12_keystore::Certificate::from_der(c.der()))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| Error::crypto("PFX export: certificate", e))?;
    let entry = PrivateKeyChain::new(cert.sha1().to_vec(), p12_key, p12_certs);
    let mut store = KeyStore::new();
    store.add_entry(friendly_name, KeyStoreEntry::PrivateKeyChain(entry));
    let (encryption, mac) = profile.algorithms();
    let written = store
        .writer(password)
        .encryption_algorithm(encryption)
        .encryption_iterations(iterations)
        .mac_algorithm(mac)
        .mac_iterations(iterations)
        .write()
        .map_err(|e| Error::crypto("PFX export", e))?;
    Ok(Zeroizing::new(written))
}

pub fn check_iterations(iterations: u32) -> Result<()> {
    let why = match iterations {
        0 => "at least one iteration is needed",
        n if n > MAX_ITERATIONS => "Windows refuses PFX files with more than 600000 iterations",
        _ => return Ok(()),
    };
    Err(Error::invalid(
        "iteration count",
        iterations.to_string(),
        why,
        "use the default (2048, as OpenSSL) or a value up to 600000",
    ))
}

/// friendlyName is a BMPString, which has no room for characters beyond U+FFFF (emoji).
fn check_friendly_name(name: &str) -> Result<()> {
    match name.chars().find(|&c| u32::from(c) > 0xFFFF) {
        None => Ok(()),
        Some(c) => Err(Error::invalid(
            "friendly name",
            name,
            format!(
                "{c:?} cannot be stored in a PFX friendlyName (a BMPString holds U+0000..U+FFFF)"
            ),
            "choose a friendly name without emoji or other characters beyond U+FFFF",
        )),
    }
}

/// The outer PFX structure, read before decryption to tell "not PKCS#12" from "wrong password".
#[derive(Sequence)]
struct PfxOutline<'a> {
    version: u8,
    auth_safe: der::AnyRef<'a>,
    mac_data: Option<der::AnyRef<'a>>,
}

/// True when the bytes are a DER SEQUENCE whose first element is INTEGER 3 (PKCS#12 v3).
pub fn looks_like_pfx(bytes: &[u8]) -> bool {
    PfxOutline::from_der(bytes).is_ok_and(|o| o.version == 3)
}

/// Reads a PFX. A MAC mismatch is `Error::WrongPassword`; anything that is not PKCS#12, or is
/// damaged, is `Error::BadFile` naming what was wrong.
pub fn read_pfx(bytes: &[u8], password: &str, path: &Path) -> Result<PfxContents> {
    let outline = PfxOutline::from_der(bytes)
        .map_err(|e| not_readable(path, format!("not a PKCS#12 structure: {e}")))?;
    if outline.version != 3 {
        return Err(not_readable(
            path,
            format!("PKCS#12 version {} (only 3 exists)", outline.version),
        ));
    }
    let facts = inspect(bytes).map_err(|why| not_readable(path, why))?;
    check_work(&facts, path)?;
    let has_mac = outline.mac_data.is_some();
    let archive = match Pkcs12Archive::from_pkcs12(bytes, password) {
        Err(P12Error::MacError(_)) if password.is_empty() => read_absent_password(bytes, path)?,
        other => other.map_err(|e| archive_error(e, has_mac, path))?,
    };
    let mut contents = contents(archive, facts, path)?;
    if !has_mac {
        contents.warnings.insert(0, NO_MAC_WARNING.into());
    }
    Ok(contents)
}

/// The other empty-password convention (see pfx_nullpass.rs): what .NET writes into its store
/// and Python cryptography's `NoEncryption` produces.
fn read_absent_password(bytes: &[u8], path: &Path) -> Result<Pkcs12Archive> {
    match crate::pfx_nullpass::read(bytes) {
        None => Err(Error::wrong_password(path)),
        Some(result) => result.map_err(|why| not_readable(path, why)),
    }
}

const NO_MAC_WARNING: &str = "the PFX has no MAC (integrity check): damage and a wrong password \
     cannot be told apart, and OpenSSL and older .NET refuse such files; `certkit convert` \
     writes a copy with a MAC";

/// Refuses files whose key derivations alone would keep the reader busy for minutes.
fn check_work(facts: &PfxFacts, path: &Path) -> Result<()> {
    let total = facts.total_iterations();
    if total <= MAX_READ_ITERATIONS {
        return Ok(());
    }
    Err(Error::bad_file(
        "unreasonable PFX",
        path,
        format!(
            "it asks for {total} key-derivation iterations in all (real files need a few \
             thousand; certkit reads up to {MAX_READ_ITERATIONS})"
        ),
        "export it again with default settings (Windows uses 2000 iterations, OpenSSL 2048)",
    ))
}

fn not_readable(path: &Path, why: impl Into<String>) -> Error {
    Error::bad_file(
        "not a readable PFX",
        path,
        why,
        "check that the file is a complete .pfx/.p12 (not PEM, not truncated by a download)",
    )
}

fn archive_error(e: P12Error, has_mac: bool, path: &Path) -> Error {
    match e {
        P12Error::MacError(_) => Error::wrong_password(path),
        // Without a MAC, a wrong password only shows as bad padding after decryption (or, by
        // chance, as garbage DER); padding errors are reported as a wrong password.
        P12Error::UnpadError if !has_mac => Error::wrong_password(path),
        // p12-keystore flattens pkcs5's DecryptFailed into text ("PKCS#5 decryption failed").
        P12Error::Pkcs5Error(ref m) if !has_mac && m.contains("decryption failed") => {
            Error::wrong_password(path)
        }
        // PBES2 with a cipher p12-keystore lacks (3DES, ARIA, ...) fails as an unknown OID.
        P12Error::DerError(ref d) if matches!(d.kind(), der::ErrorKind::OidUnknown { .. }) => {
            unsupported(path, &e)
        }
        P12Error::UnsupportedEncryptionScheme | P12Error::UnsupportedMacAlgorithm => {
            unsupported(path, &e)
        }
        // Rarely (about 1 in 256) a wrong key still leaves valid padding and the garbage fails
        // as DER instead; without a MAC nothing tells that from damage.
        P12Error::DerError(_) if !has_mac => not_readable(
            path,
            format!("{e}: damaged, or the password is wrong (the file has no MAC to tell which)"),
        ),
        P12Error::InvalidParameters => not_readable(
            path,
            "invalid algorithm parameters (or more than 1,000,000 iterations)",
        ),
        other => not_readable(path, other.to_string()),
    }
}

fn unsupported(path: &Path, e: &P12Error) -> Error {
    Error::bad_file(
        "unsupported PFX",
        path,
        format!("{e}: it uses an algorithm certkit cannot read"),
        "re-export it with `openssl pkcs12 -export` (add -legacy to read an old file)",
    )
}

fn contents(archive: Pkcs12Archive, facts: PfxFacts, path: &Path) -> Result<PfxContents> {
    let certificates = archive
        .certs
        .iter()
        .enumerate()
        .map(|(i, bag)| {
            Certificate::from_der(bag.cert.as_der())
                .map_err(|why| not_readable(path, format!("certificate {}: {why}", i + 1)))
        })
        .collect::<Result<Vec<_>>>()?;
    if archive.keys.len() > 1 {
        return Err(Error::bad_file(
            "PFX with several keys",
            path,
            format!(
                "it holds {} private keys; certkit reads one key per file",
                archive.keys.len()
            ),
            "split it with openssl pkcs12, one certificate and key per file",
        ));
    }
    let mut out = PfxContents {
        certificates,
        key: None,
        other_key: None,
        leaf_index: None,
        facts,
        warnings: Vec::new(),
    };
    if let Some(bag) = archive.keys.first() {
        read_key(bag, &archive, &mut out, path)?;
    }
    Ok(out)
}

/// Reads the key bag and finds its certificate: by public key, or, for a key certkit cannot
/// parse the public half of, by the localKeyId attribute the producer put on both bags.
fn read_key(
    bag: &PrivateKeyBag,
    archive: &Pkcs12Archive,
    out: &mut PfxContents,
    path: &Path,
) -> Result<()> {
    let der = bag.key.as_der();
    let by_local_id = || {
        let id = bag.local_key_id.as_ref()?;
        archive
            .certs
            .iter()
            .position(|c| c.local_key_id.as_deref() == Some(id.as_ref()))
    };
    match PrivateKey::from_pkcs8_der(der) {
        Ok(key) => {
            out.leaf_index = out
                .certificates
                .iter()
                .position(|c| key.public_key_matches(c));
            out.key = Some(key);
        }
        Err(why) => {
            let other = OtherKey::from_pkcs8_der(der).map_err(|_| {
                Error::bad_file(
                    "unusable private key in PFX",
                    path,
                    why,
                    "Entra certificate credentials need an RSA key; `certkit new` makes one",
                )
            })?;
            out.leaf_index = out
                .certificates
                .iter()
                .position(|c| other.public_key_matches(c))
                .or_else(by_local_id);
            out.warnings.push(other.warning());
            out.other_key = Some(other);
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "pfx_tests.rs"]
mod tests;
