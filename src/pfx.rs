//! PKCS#12 (PFX) writing in two profiles, and reading with a clear wrong-password error.
//!
//! Profiles (formats.md §3): Modern is what OpenSSL 3 writes (PBES2 AES-256 + HMAC-SHA256);
//! Legacy is what Windows itself exports (3DES + HMAC-SHA1) and what old Windows Server, macOS
//! and JDK 8 need. RC2-40 (`PbeWithShaAnd40BitRc4Cbc`, misnamed in p12-keystore) is never
//! written: OpenSSL 3 refuses it without `-legacy`.

use std::path::Path;

use der::{Decode, Sequence};
use p12_keystore::{EncryptionAlgorithm, KeyStore, KeyStoreEntry, MacAlgorithm, PrivateKeyChain};
use zeroize::Zeroizing;

use crate::certificate::Certificate;
use crate::error::{EmptyPassword, Error, Result};
use crate::input::leaf::for_key;
use crate::keys::{OtherKey, PrivateKey};
use crate::pbe::{Budget, DecryptError, Password};

#[path = "pfx_inspect.rs"]
mod inspect;
pub use inspect::{inspect, MacFacts, PfxFacts, Profile, Protection, Scheme};
#[path = "pfx_read.rs"]
mod read;
use read::{Bags, CertBag, KeyBag, ReadError};

/// OpenSSL's count for both encryption and MAC (Windows uses 2000).
pub const DEFAULT_ITERATIONS: u32 = 2048;
/// Windows refuses PFX files with higher iteration counts.
pub const MAX_ITERATIONS: u32 = 600_000;
/// Key-derivation iterations a file may ask of the reader in all (MAC and every part it
/// decrypts): three parts at 1,000,000 each, and a little more. Real files need a few thousand;
/// a hostile one could otherwise ask for hundreds of millions.
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

/// Writes one key and its certificate. The key bag's friendlyName is `friendly_name` (emoji
/// as U+FFFD); both bags carry localKeyId = SHA-1 of the certificate (as OpenSSL does), without
/// which strict readers drop the key. A MAC is always written, also with an empty password: without one nothing
/// checks the file's integrity, OpenSSL warns, and some readers refuse it.
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
    let friendly_name = bmp_friendly_name(friendly_name);
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
    store.add_entry(&friendly_name, KeyStoreEntry::PrivateKeyChain(entry));
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

/// friendlyName is a BMPString, which has no room for characters beyond U+FFFF (emoji): the
/// name comes from the certificate's CN, which may hold them, so each becomes U+FFFD rather than
/// refusing a certificate that is fine. The certificate itself keeps its CN unchanged.
fn bmp_friendly_name(name: &str) -> std::borrow::Cow<'_, str> {
    if name.chars().all(|c| u32::from(c) <= 0xFFFF) {
        return name.into();
    }
    name.chars()
        .map(|c| if u32::from(c) > 0xFFFF { '\u{FFFD}' } else { c })
        .collect::<String>()
        .into()
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
    let text = Password::Text(password);
    let bags = match read::read(bytes, &text, &mut Budget::new(MAX_READ_ITERATIONS)) {
        // The other empty password (see `pbe::Password`), after the MAC has ruled out the first.
        Err(ReadError::Mac) if password.is_empty() => read::read(
            bytes,
            &Password::Absent,
            &mut Budget::new(MAX_READ_ITERATIONS),
        ),
        other => other,
    };
    let bags = bags.map_err(|e| read_error(e, has_mac, password, bytes, path))?;
    let mut contents = contents(bags, facts, path)?;
    if !has_mac {
        contents.warnings.insert(0, NO_MAC_WARNING.into());
    }
    Ok(contents)
}

const NO_MAC_WARNING: &str = "the PFX has no MAC, so its integrity is unchecked: \
     damage and a wrong password cannot be told apart, and some readers refuse such files \
     (OpenSSL opens it with \"Warning: MAC is absent!\"); `certkit convert` writes a copy with \
     a MAC";

/// Refuses files whose key derivations alone would keep the reader busy for minutes.
fn check_work(facts: &PfxFacts, path: &Path) -> Result<()> {
    let total = facts.total_iterations();
    if total <= MAX_READ_ITERATIONS {
        return Ok(());
    }
    Err(unreasonable(
        path,
        format!(
            "it asks for {total} key-derivation iterations in all (real files need a few \
             thousand; certkit reads up to {MAX_READ_ITERATIONS})"
        ),
    ))
}

fn unreasonable(path: &Path, why: String) -> Error {
    Error::bad_file(
        "unreasonable PFX",
        path,
        why,
        "export it again with default settings (Windows uses 2000 iterations, OpenSSL 2048)",
    )
}

fn not_readable(path: &Path, why: impl Into<String>) -> Error {
    Error::bad_file(
        "not a readable PFX",
        path,
        why,
        "check that the file is a complete .pfx/.p12 (not PEM, not truncated by a download)",
    )
}

fn read_error(e: ReadError, has_mac: bool, password: &str, bytes: &[u8], path: &Path) -> Error {
    let tried_empty = password.is_empty();
    match e {
        ReadError::Mac => Error::wrong_password(path, empty_password(bytes, tried_empty)),
        // Without a MAC, a wrong password only shows as bad padding (or, 1 in 256, garbage
        // that is not DER) after decryption; damage looks the same.
        ReadError::Decrypt(DecryptError::WrongPassword) if !has_mac => {
            let empty = if tried_empty {
                EmptyPassword::Tried
            } else {
                EmptyPassword::Unknown
            };
            Error::wrong_password(path, empty)
        }
        ReadError::Decrypt(DecryptError::WrongPassword) => not_readable(
            path,
            "the MAC matches the password, but an encrypted part does not decrypt with it \
             (damaged, or made with two passwords, as `openssl pkcs12 -twopass` does)",
        ),
        ReadError::Decrypt(DecryptError::TooMuchWork { asked, limit }) => unreasonable(
            path,
            format!(
                "its encrypted parts ask for {asked} key-derivation iterations or more in all \
                 (real files need a few thousand; certkit reads up to {limit})"
            ),
        ),
        ReadError::TooManyBags => unreasonable(
            path,
            format!(
                "it holds more than {} items (certificates, keys, secrets); real files hold a few",
                read::MAX_BAGS
            ),
        ),
        ReadError::SeveralKeys(count) => several_keys(path, count),
        ReadError::Decrypt(DecryptError::Unsupported(why)) | ReadError::Unsupported(why) => {
            Error::bad_file(
                "unsupported PFX",
                path,
                format!("{why}: it uses an algorithm certkit cannot read"),
                "re-export it with `openssl pkcs12 -export` (add -legacy to read an old file)",
            )
        }
        ReadError::Decrypt(DecryptError::Damaged(why)) | ReadError::Damaged(why) => {
            not_readable(path, why)
        }
    }
}

/// Whether the empty password (either form) opens a file another password did not: one more
/// MAC derivation each, so the hint can name --no-password only when it helps. Files whose MAC
/// asks for more than Windows allows are not worth the wait: `Unknown`.
fn empty_password(bytes: &[u8], tried_empty: bool) -> EmptyPassword {
    if tried_empty {
        return EmptyPassword::Tried;
    }
    let mut budget = Budget::new(2 * u64::from(MAX_ITERATIONS));
    for password in [Password::Text(""), Password::Absent] {
        match read::mac_opens(bytes, &password, &mut budget) {
            Ok(Some(true)) => return EmptyPassword::Opens,
            Ok(Some(false)) => {}
            _ => return EmptyPassword::Unknown,
        }
    }
    EmptyPassword::DoesNotOpen
}

fn several_keys(path: &Path, count: usize) -> Error {
    Error::bad_file(
        "PFX with several keys",
        path,
        format!("it holds {count} private keys or more; certkit reads one key per file"),
        "split it with openssl pkcs12, one certificate and key per file",
    )
}

fn contents(bags: Bags, facts: PfxFacts, path: &Path) -> Result<PfxContents> {
    if bags.keys.len() > 1 {
        return Err(several_keys(path, bags.keys.len()));
    }
    let (unique, warnings) = crate::input::leaf::distinct(bags.certs, |b: &CertBag| &b.der);
    let certificates = unique
        .iter()
        .enumerate()
        .map(|(i, bag)| {
            Certificate::from_der(&bag.der)
                .map_err(|why| not_readable(path, format!("certificate {}: {why}", i + 1)))
        })
        .collect::<Result<Vec<_>>>()?;
    let mut out = PfxContents {
        certificates,
        key: None,
        other_key: None,
        leaf_index: None,
        facts,
        warnings,
    };
    if let Some(bag) = bags.keys.first() {
        read_key(bag, &unique, &mut out, path)?;
    }
    Ok(out)
}

/// Reads the key bag and finds its certificate: by public key (the one valid now, or else the
/// newest, when a renewal kept the key), or, for a key certkit cannot parse the public half of,
/// by the localKeyId attribute the producer put on both bags.
fn read_key(bag: &KeyBag, certs: &[CertBag], out: &mut PfxContents, path: &Path) -> Result<()> {
    let by_local_id = || {
        let id = bag.local_key_id.as_ref()?;
        certs
            .iter()
            .position(|c| c.local_key_id.as_ref() == Some(id))
    };
    let now = time::OffsetDateTime::now_utc();
    match PrivateKey::from_pkcs8_der(&bag.pkcs8) {
        Ok(key) => {
            out.leaf_index = for_key(&out.certificates, |c| key.public_key_matches(c), now);
            out.key = Some(key);
        }
        Err(why) => {
            let other = OtherKey::from_pkcs8_der(&bag.pkcs8).map_err(|_| {
                Error::bad_file(
                    "unusable private key in PFX",
                    path,
                    why,
                    "Entra certificate credentials need an RSA key; `certkit new` makes one",
                )
            })?;
            out.leaf_index = for_key(&out.certificates, |c| other.public_key_matches(c), now)
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
