//! Reading a PFX's certificates and key: the MAC checked, encrypted parts decrypted, every key
//! derivation paid for from a budget before it runs and the number of bags bounded.
//!
//! A generic PKCS#12 library decrypts whatever the file holds (key bags, secret bags, the
//! encrypted parts inside encrypted parts) before the caller sees anything; a 150 KB file of
//! secret bags at 1,000,000 iterations each then takes minutes. Only what certkit uses is
//! decrypted here: encrypted safes, shrouded key bags. Secret bags, CRL bags and nested
//! safeContents bags are skipped unread, as the previous reader (p12-keystore) skipped them.

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Reader, Sequence, SliceReader, Tag, Tagged};
use hmac::{KeyInit, Mac};
use pkcs12::kdf::{derive_key, Pkcs12KeyType};
use x509_cert::spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use super::inspect::{
    octets, ContentInfo, MacData, Pfx, SafeBag, CERT_BAG, DATA, ENCRYPTED_DATA, KEY_BAG,
    SHROUDED_KEY_BAG,
};
use crate::pbe::{self, Budget, DecryptError, Password};

/// Bags (certificates, keys, secrets, ...) a file may hold in all. Real files hold a handful; a
/// whole trust store as a PFX holds a few hundred certificates.
pub const MAX_BAGS: usize = 2000;

const X509_CERTIFICATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.22.1");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");

/// A certificate bag: the certificate's DER and the localKeyId tying it to a key.
pub struct CertBag {
    pub der: Vec<u8>,
    pub local_key_id: Option<Vec<u8>>,
}

/// A key bag, decrypted: PKCS#8 DER.
pub struct KeyBag {
    pub pkcs8: Zeroizing<Vec<u8>>,
    pub local_key_id: Option<Vec<u8>>,
}

/// What the file held, in file order.
#[derive(Default)]
pub struct Bags {
    pub certs: Vec<CertBag>,
    pub keys: Vec<KeyBag>,
}

/// Why the read stopped.
#[derive(Debug)]
pub enum ReadError {
    /// The MAC does not verify with the password: the password is wrong (or the file damaged).
    Mac,
    /// An encrypted part could not be decrypted (see `DecryptError`).
    Decrypt(DecryptError),
    Unsupported(String),
    Damaged(String),
    /// More than `MAX_BAGS` bags.
    TooManyBags,
    /// At least this many key bags (counted before any is decrypted): certkit reads one.
    SeveralKeys(usize),
}

impl From<DecryptError> for ReadError {
    fn from(e: DecryptError) -> Self {
        ReadError::Decrypt(e)
    }
}

fn damaged(what: &str, e: impl std::fmt::Display) -> ReadError {
    ReadError::Damaged(format!("{what}: {e}"))
}

/// Reads the bags of `bytes` (whose outline the caller has checked) with `password`.
pub fn read(bytes: &[u8], password: &Password<'_>, budget: &mut Budget) -> Result<Bags, ReadError> {
    let pfx = Pfx::from_der(bytes).map_err(|e| damaged("not a DER PKCS#12 structure", e))?;
    let content = auth_safe_content(&pfx)?;
    if let Some(mac) = &pfx.mac_data {
        if !mac_matches(mac, content, password, budget)? {
            return Err(ReadError::Mac);
        }
    }
    let safes = Vec::<ContentInfo<'_>>::from_der(content)
        .map_err(|e| damaged("damaged authenticated safe", e))?;
    let mut bags = Bags::default();
    let (mut count, mut keys) = (0, 0);
    for safe in &safes {
        let plain = safe_contents(safe, password, budget)?;
        let list = Vec::<SafeBag<'_>>::from_der(&plain)
            .map_err(|e| damaged("damaged safe contents", e))?;
        count += list.len();
        if count > MAX_BAGS {
            return Err(ReadError::TooManyBags);
        }
        keys += list
            .iter()
            .filter(|b| matches!(b.bag_id, KEY_BAG | SHROUDED_KEY_BAG))
            .count();
        if keys > 1 {
            return Err(ReadError::SeveralKeys(keys));
        }
        for bag in &list {
            read_bag(bag, password, budget, &mut bags)?;
        }
    }
    Ok(bags)
}

/// Whether the file's MAC verifies with `password`; None when it has no MAC.
pub fn mac_opens(
    bytes: &[u8],
    password: &Password<'_>,
    budget: &mut Budget,
) -> Result<Option<bool>, ReadError> {
    let pfx = Pfx::from_der(bytes).map_err(|e| damaged("not a DER PKCS#12 structure", e))?;
    let content = auth_safe_content(&pfx)?;
    match &pfx.mac_data {
        Some(mac) => mac_matches(mac, content, password, budget).map(Some),
        None => Ok(None),
    }
}

fn auth_safe_content<'a>(pfx: &Pfx<'a>) -> Result<&'a [u8], ReadError> {
    if pfx.auth_safe.content_type != DATA {
        return Err(ReadError::Unsupported(format!(
            "authenticated safe of type {} (only password integrity, type data, is supported)",
            pfx.auth_safe.content_type
        )));
    }
    octets(pfx.auth_safe.content)
        .ok_or_else(|| ReadError::Damaged("the authenticated safe is not data".into()))
}

/// HMAC of the authenticated safe under a key derived from the password (RFC 7292 appendix B).
fn mac_matches(
    mac: &MacData<'_>,
    content: &[u8],
    password: &Password<'_>,
    budget: &mut Budget,
) -> Result<bool, ReadError> {
    let iterations = mac.iterations.as_ref().map_or(1, pbe::uint_to_u64);
    budget.spend(iterations)?;
    let rounds = i32::try_from(iterations)
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ReadError::Damaged(format!("MAC with {iterations} iterations")))?;
    let (salt, expected) = (mac.salt.as_bytes(), mac.mac.digest.as_bytes());
    let pass = password.pkcs12_bytes();
    macro_rules! verify {
        ($digest:ty) => {{
            let size = <$digest as sha2::Digest>::output_size();
            let key = Zeroizing::new(derive_key::<$digest>(
                &pass,
                salt,
                Pkcs12KeyType::Mac,
                rounds,
                size,
            ));
            let mut hmac = <hmac::Hmac<$digest> as KeyInit>::new_from_slice(&key)
                .map_err(|e| damaged("MAC key", e))?;
            hmac.update(content);
            Ok(hmac.verify_slice(expected).is_ok())
        }};
    }
    match mac.mac.algorithm.oid.to_string().as_str() {
        "1.3.14.3.2.26" => verify!(sha1::Sha1),
        "2.16.840.1.101.3.4.2.4" => verify!(sha2::Sha224),
        "2.16.840.1.101.3.4.2.1" => verify!(sha2::Sha256),
        "2.16.840.1.101.3.4.2.2" => verify!(sha2::Sha384),
        "2.16.840.1.101.3.4.2.3" => verify!(sha2::Sha512),
        "2.16.840.1.101.3.4.2.5" => verify!(sha2::Sha512_224),
        "2.16.840.1.101.3.4.2.6" => verify!(sha2::Sha512_256),
        other => Err(ReadError::Unsupported(format!("MAC digest {other}"))),
    }
}

/// The SafeContents DER of one part: as it is, or decrypted.
fn safe_contents(
    safe: &ContentInfo<'_>,
    password: &Password<'_>,
    budget: &mut Budget,
) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    match safe.content_type {
        DATA => octets(safe.content)
            .map(|b| Zeroizing::new(b.to_vec()))
            .ok_or_else(|| ReadError::Damaged("a data safe without an OCTET STRING".into())),
        ENCRYPTED_DATA => {
            let any = safe
                .content
                .ok_or_else(|| ReadError::Damaged("an empty encryptedData safe".into()))?;
            let (alg, data) =
                encrypted_content(any).map_err(|e| damaged("damaged encryptedData safe", e))?;
            match data {
                Some(data) => Ok(pbe::decrypt(&alg, data, password, budget)?),
                None => Ok(Zeroizing::new(vec![0x30, 0x00])),
            }
        }
        other => Err(ReadError::Unsupported(format!(
            "a part of content type {other} (certkit reads data and encryptedData)"
        ))),
    }
}

/// EncryptedData ::= SEQUENCE { version, EncryptedContentInfo SEQUENCE { contentType,
/// algorithm, encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }, unprotectedAttrs OPTIONAL }.
fn encrypted_content(any: AnyRef<'_>) -> der::Result<(AlgorithmIdentifierRef<'_>, Option<&[u8]>)> {
    any.sequence(|r: &mut SliceReader<'_>| {
        let _version: AnyRef<'_> = r.decode()?;
        let found = r.sequence(|inner| {
            let _type: ObjectIdentifier = inner.decode()?;
            let alg: AlgorithmIdentifierRef<'_> = inner.decode()?;
            let data = if inner.is_finished() {
                None
            } else {
                let content: AnyRef<'_> = inner.decode()?;
                let implicit_octets = Tag::ContextSpecific {
                    constructed: false,
                    number: der::TagNumber(0),
                };
                if content.tag() != implicit_octets {
                    return Err(der::Error::from(content.tag().value_error()));
                }
                Some(content.value())
            };
            Ok::<_, der::Error>((alg, data))
        })?;
        r.drain(r.remaining_len())?;
        Ok(found)
    })
}

fn read_bag(
    bag: &SafeBag<'_>,
    password: &Password<'_>,
    budget: &mut Budget,
    out: &mut Bags,
) -> Result<(), ReadError> {
    let local_key_id = || local_key_id(bag.attributes);
    match bag.bag_id {
        CERT_BAG => {
            let der = cert_der(bag.value).map_err(|e| damaged("damaged certificate bag", e))?;
            if let Some(der) = der {
                out.certs.push(CertBag {
                    der: der.to_vec(),
                    local_key_id: local_key_id(),
                });
            }
        }
        KEY_BAG => out.keys.push(KeyBag {
            pkcs8: Zeroizing::new(bag.value.to_der().map_err(|e| damaged("key bag", e))?),
            local_key_id: local_key_id(),
        }),
        SHROUDED_KEY_BAG => {
            let info = bag
                .value
                .decode_as::<pbe::EncryptedPrivateKeyInfo<'_>>()
                .map_err(|e| damaged("damaged shrouded key bag", e))?;
            let pkcs8 = pbe::decrypt(&info.algorithm, info.data.as_bytes(), password, budget)?;
            out.keys.push(KeyBag {
                pkcs8,
                local_key_id: local_key_id(),
            });
        }
        _ => {}
    }
    Ok(())
}

#[derive(Sequence)]
struct CertBagValue<'a> {
    cert_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    value: AnyRef<'a>,
}

/// The DER of an X.509 certificate bag; None for other certificate types (SDSI).
fn cert_der(value: AnyRef<'_>) -> der::Result<Option<&[u8]>> {
    let bag = value.decode_as::<CertBagValue<'_>>()?;
    if bag.cert_id != X509_CERTIFICATE {
        return Ok(None);
    }
    let octets = bag.value.decode_as::<&OctetStringRef>()?;
    Ok(Some(octets.as_bytes()))
}

#[derive(Sequence)]
struct Attribute<'a> {
    oid: ObjectIdentifier,
    values: AnyRef<'a>,
}

/// The first localKeyId value among a bag's attributes (a SET, read in any order).
fn local_key_id(attributes: Option<AnyRef<'_>>) -> Option<Vec<u8>> {
    let mut set = SliceReader::new(attributes?.value()).ok()?;
    while !set.is_finished() {
        let attribute: Attribute<'_> = set.decode().ok()?;
        if attribute.oid == LOCAL_KEY_ID {
            let mut values = SliceReader::new(attribute.values.value()).ok()?;
            let id: &OctetStringRef = values.decode().ok()?;
            return Some(id.as_bytes().to_vec());
        }
    }
    None
}

#[cfg(test)]
#[path = "pfx_read_tests.rs"]
mod tests;
