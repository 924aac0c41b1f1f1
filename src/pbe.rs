//! Password-based decryption, shared by encrypted PEM keys and PFX files: PBES2 (RFC 8018:
//! PBKDF2 or scrypt, then AES-CBC or 3DES-CBC) and the PKCS#12 PBE of RFC 7292 appendix B (3DES,
//! RC2). Every key derivation is paid for from a [`Budget`] before it runs, so a small hostile
//! file cannot keep the reader busy for minutes whatever number of encrypted parts it holds.
//!
//! The common case (PBKDF2 with an HMAC-SHA1/SHA-2 PRF, AES-CBC) runs on aws-lc-rs, certkit's
//! crypto provider, fast even in debug builds; the rest on RustCrypto's pkcs5 and pkcs12.

use std::num::NonZeroU32;

use aws_lc_rs::cipher::{self, DecryptionContext, PaddedBlockDecryptingKey, UnboundCipherKey};
use aws_lc_rs::pbkdf2;
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef, UintRef};
use der::{Decode, Encode, Reader, Sequence, SliceReader, Tag};
use x509_cert::spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

pub(crate) const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
pub(crate) const PBKDF2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");
pub(crate) const SCRYPT: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.11591.4.11");
pub(crate) const HMAC_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.7");
pub(crate) const HMAC_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.9");
const HMAC_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.10");
const HMAC_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.11");
const AES_128_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.2");
const AES_192_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.22");
pub(crate) const AES_256_CBC: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.42");

/// scrypt needs 128·N·r bytes; more than this is refused whatever the budget (OpenSSL's own
/// default ceiling is 32 MiB; its default parameters need 16 MiB).
const MAX_SCRYPT_MEMORY: u64 = 256 * 1024 * 1024;

#[derive(Sequence)]
pub(crate) struct EncryptedPrivateKeyInfo<'a> {
    pub(crate) algorithm: AlgorithmIdentifierRef<'a>,
    pub(crate) data: &'a OctetStringRef,
}

#[derive(Sequence)]
pub(crate) struct Pbes2Params<'a> {
    pub(crate) kdf: AlgorithmIdentifierRef<'a>,
    pub(crate) cipher: AlgorithmIdentifierRef<'a>,
}

#[derive(Sequence)]
pub(crate) struct Pbkdf2Params<'a> {
    pub(crate) salt: &'a OctetStringRef,
    pub(crate) iterations: u32,
    pub(crate) key_length: Option<u16>,
    pub(crate) prf: Option<AlgorithmIdentifierRef<'a>>,
}

/// Why something could not be decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecryptError {
    /// The padding or the decrypted structure is wrong: almost surely the password.
    WrongPassword,
    /// A scheme certkit does not read (PBES1 with MD5 or DES, GCM, ...).
    Unsupported(String),
    /// Not the structure the scheme needs.
    Damaged(String),
    /// The key derivation would exceed what is left of the budget of `limit`.
    TooMuchWork { asked: u64, limit: u64 },
}

/// Key-derivation work a reader still allows: PBKDF2 and PKCS#12 iterations, and for scrypt
/// 2·N·r·p (each of p lanes runs 2·N BlockMix rounds of r blocks, which costs about as much as
/// that many HMAC iterations).
#[derive(Debug)]
pub struct Budget {
    left: u64,
    limit: u64,
}

impl Budget {
    pub fn new(limit: u64) -> Self {
        Budget { left: limit, limit }
    }

    /// Pays for `work` before it is done, or refuses it.
    pub fn spend(&mut self, work: u64) -> Result<(), DecryptError> {
        if work > self.left {
            return Err(DecryptError::TooMuchWork {
                asked: (self.limit - self.left).saturating_add(work),
                limit: self.limit,
            });
        }
        self.left -= work;
        Ok(())
    }
}

/// A password as the schemes take it. PKCS#12 derives keys from its UTF-16 form and has two
/// empty passwords: the empty string with its two-byte terminator (what OpenSSL's `pass:`
/// gives) and no bytes at all (`Absent`, what .NET writes into its CurrentUser\My store and
/// Python cryptography's `NoEncryption` produces). PBES2 takes UTF-8, empty either way.
#[derive(Debug, Clone, Copy)]
pub enum Password<'a> {
    Text(&'a str),
    Absent,
}

impl Password<'_> {
    /// UTF-16BE with the terminator; beyond U+FFFF as surrogate pairs, as OpenSSL encodes it.
    pub fn pkcs12_bytes(&self) -> Zeroizing<Vec<u8>> {
        match self {
            Password::Text(text) => Zeroizing::new(
                text.encode_utf16()
                    .chain([0])
                    .flat_map(u16::to_be_bytes)
                    .collect(),
            ),
            Password::Absent => Zeroizing::new(Vec::new()),
        }
    }

    pub fn utf8(&self) -> &[u8] {
        match self {
            Password::Text(text) => text.as_bytes(),
            Password::Absent => b"",
        }
    }
}

/// Decrypts `data` encrypted under `alg` (an EncryptedPrivateKeyInfo's or a PKCS#7
/// encryptedData's algorithm), paying for the key derivation from `budget` first. The result
/// must be one DER value (a PKCS#8 key, a SafeContents): 1 in 256 wrong passwords still leave
/// valid padding, and the garbage then shows as a wrong password too.
pub fn decrypt(
    alg: &AlgorithmIdentifierRef<'_>,
    data: &[u8],
    password: &Password<'_>,
    budget: &mut Budget,
) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    let plain = if alg.oid == PBES2 {
        pbes2(alg, data, password, budget)?
    } else if let Some(cipher) = pkcs12_pbe_cipher(&alg.oid) {
        pkcs12_pbe(cipher, alg, data, password, budget)?
    } else {
        return Err(DecryptError::Unsupported(format!(
            "encryption scheme {} (certkit reads PBES2, and PKCS#12 PBE with 3DES or RC2)",
            alg.oid
        )));
    };
    if der::AnyRef::from_der(&plain).is_err() {
        return Err(DecryptError::WrongPassword);
    }
    Ok(plain)
}

/// scrypt's work in the budget's unit, and whether its memory is within bounds.
pub fn scrypt_work(n: u64, r: u64, p: u64) -> (u64, bool) {
    let work = n.saturating_mul(r).saturating_mul(p).saturating_mul(2);
    let memory = n.saturating_mul(r).saturating_mul(128);
    (work, memory <= MAX_SCRYPT_MEMORY && p <= 16)
}

fn damaged(e: impl std::fmt::Display) -> DecryptError {
    DecryptError::Damaged(e.to_string())
}

fn pbes2(
    alg: &AlgorithmIdentifierRef<'_>,
    data: &[u8],
    password: &Password<'_>,
    budget: &mut Budget,
) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    let params = alg
        .parameters
        .ok_or_else(|| damaged("PBES2 without parameters"))?;
    let parsed = params.decode_as::<Pbes2Params<'_>>().map_err(damaged)?;
    budget.spend(kdf_work(&parsed.kdf)?)?;
    if let Some(fast) = aws_lc_choice(&parsed)? {
        return fast.decrypt(data, password.utf8());
    }
    // Everything else (3DES, scrypt, a SHA-224 PRF) through RustCrypto's pkcs5.
    let encoded = params.to_der().map_err(damaged)?;
    let generic = pkcs5::pbes2::Parameters::from_der(&encoded).map_err(|e| {
        DecryptError::Unsupported(format!(
            "PBES2 with {} and {} ({e}; certkit reads PBKDF2 or scrypt with AES-CBC or 3DES-CBC)",
            parsed.kdf.oid, parsed.cipher.oid
        ))
    })?;
    generic
        .decrypt(password.utf8(), data)
        .map(Zeroizing::new)
        .map_err(|e| match e {
            pkcs5::Error::DecryptFailed => DecryptError::WrongPassword,
            other => DecryptError::Unsupported(other.to_string()),
        })
}

/// The work a PBES2 key derivation asks for, refusing unknown derivations and absurd memory.
fn kdf_work(kdf: &AlgorithmIdentifierRef<'_>) -> Result<u64, DecryptError> {
    let params = kdf
        .parameters
        .ok_or_else(|| damaged("key derivation without parameters"))?;
    if kdf.oid == PBKDF2 {
        let p = params.decode_as::<Pbkdf2Params<'_>>().map_err(damaged)?;
        if p.iterations == 0 {
            return Err(damaged("zero PBKDF2 iterations"));
        }
        return Ok(u64::from(p.iterations));
    }
    if kdf.oid != SCRYPT {
        return Err(DecryptError::Unsupported(format!(
            "key derivation {} (certkit reads PBKDF2 and scrypt)",
            kdf.oid
        )));
    }
    let (n, r, p) = scrypt_params(params).map_err(damaged)?;
    match scrypt_work(n, r, p) {
        (work, true) => Ok(work),
        (_, false) => Err(DecryptError::Unsupported(format!(
            "scrypt N={n} r={r} p={p} needs more than {} MiB (or more than 16 lanes)",
            MAX_SCRYPT_MEMORY >> 20
        ))),
    }
}

/// scrypt-params: salt, costParameter N, blockSize r, parallelizationParameter p, keyLength
/// OPTIONAL.
pub(crate) fn scrypt_params(params: AnyRef<'_>) -> der::Result<(u64, u64, u64)> {
    params.sequence(|r: &mut SliceReader<'_>| {
        let _salt: AnyRef<'_> = r.decode()?;
        let n: UintRef<'_> = r.decode()?;
        let block: UintRef<'_> = r.decode()?;
        let lanes: UintRef<'_> = r.decode()?;
        if Tag::peek(r).ok() == Some(Tag::Integer) {
            let _key_length: UintRef<'_> = r.decode()?;
        }
        Ok((uint_to_u64(&n), uint_to_u64(&block), uint_to_u64(&lanes)))
    })
}

/// An unsigned INTEGER as u64, saturating (a hostile count must not wrap to a small one).
pub(crate) fn uint_to_u64(n: &UintRef<'_>) -> u64 {
    let bytes = n.as_bytes();
    if bytes.len() > 8 {
        return u64::MAX;
    }
    bytes.iter().fold(0, |acc, b| (acc << 8) | u64::from(*b))
}

/// PBKDF2 and AES-CBC as aws-lc-rs runs them.
struct AwsLc<'a> {
    prf: pbkdf2::Algorithm,
    rounds: NonZeroU32,
    salt: &'a [u8],
    cipher: &'static cipher::Algorithm,
    key_len: usize,
    iv: [u8; 16],
}

fn aws_lc_choice<'a>(params: &Pbes2Params<'a>) -> Result<Option<AwsLc<'a>>, DecryptError> {
    let (cipher, key_len) = match params.cipher.oid {
        AES_128_CBC => (&cipher::AES_128, 16),
        AES_192_CBC => (&cipher::AES_192, 24),
        AES_256_CBC => (&cipher::AES_256, 32),
        _ => return Ok(None),
    };
    if params.kdf.oid != PBKDF2 {
        return Ok(None);
    }
    let kdf = params
        .kdf
        .parameters
        .ok_or_else(|| damaged("PBKDF2 without parameters"))?
        .decode_as::<Pbkdf2Params<'a>>()
        .map_err(damaged)?;
    let prf = match kdf.prf.map(|p| p.oid).unwrap_or(HMAC_SHA1) {
        HMAC_SHA1 => pbkdf2::PBKDF2_HMAC_SHA1,
        HMAC_SHA256 => pbkdf2::PBKDF2_HMAC_SHA256,
        HMAC_SHA384 => pbkdf2::PBKDF2_HMAC_SHA384,
        HMAC_SHA512 => pbkdf2::PBKDF2_HMAC_SHA512,
        _ => return Ok(None),
    };
    let iv = params
        .cipher
        .parameters
        .and_then(|p| p.decode_as::<&OctetStringRef>().ok())
        .and_then(|o| <[u8; 16]>::try_from(o.as_bytes()).ok())
        .ok_or_else(|| damaged("missing or malformed IV"))?;
    Ok(Some(AwsLc {
        prf,
        rounds: NonZeroU32::new(kdf.iterations).ok_or_else(|| damaged("zero iterations"))?,
        salt: kdf.salt.as_bytes(),
        cipher,
        key_len,
        iv,
    }))
}

impl AwsLc<'_> {
    fn decrypt(&self, data: &[u8], password: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
        let mut key = Zeroizing::new(vec![0u8; self.key_len]);
        pbkdf2::derive(self.prf, self.rounds, self.salt, password, &mut key);
        let unbound =
            UnboundCipherKey::new(self.cipher, &key).map_err(|_| damaged("unusable key length"))?;
        let decrypting =
            PaddedBlockDecryptingKey::cbc_pkcs7(unbound).map_err(|_| damaged("unusable cipher"))?;
        let mut buffer = Zeroizing::new(data.to_vec());
        let plain = decrypting
            .decrypt(&mut buffer, DecryptionContext::Iv128(self.iv.into()))
            .map_err(|_| DecryptError::WrongPassword)?;
        Ok(Zeroizing::new(plain.to_vec()))
    }
}

/// The PKCS#12 PBE ciphers certkit reads (RFC 7292 appendix C), with their key lengths.
#[derive(Clone, Copy)]
enum Pkcs12Cipher {
    TripleDes,
    Rc2(usize),
}

fn pkcs12_pbe_cipher(oid: &ObjectIdentifier) -> Option<Pkcs12Cipher> {
    match oid.to_string().strip_prefix("1.2.840.113549.1.12.1.")? {
        "3" => Some(Pkcs12Cipher::TripleDes),
        "5" => Some(Pkcs12Cipher::Rc2(16)),
        "6" => Some(Pkcs12Cipher::Rc2(5)),
        _ => None,
    }
}

/// pkcs-12PbeParams: SEQUENCE { salt OCTET STRING, iterations INTEGER }.
#[derive(Sequence)]
struct Pkcs12PbeParams<'a> {
    salt: &'a OctetStringRef,
    iterations: UintRef<'a>,
}

fn pkcs12_pbe(
    cipher: Pkcs12Cipher,
    alg: &AlgorithmIdentifierRef<'_>,
    data: &[u8],
    password: &Password<'_>,
    budget: &mut Budget,
) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    let params = alg
        .parameters
        .ok_or_else(|| damaged("PBE without parameters"))?
        .decode_as::<Pkcs12PbeParams<'_>>()
        .map_err(damaged)?;
    let iterations = uint_to_u64(&params.iterations);
    budget.spend(iterations)?;
    let rounds = i32::try_from(iterations)
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| damaged(format!("{iterations} iterations")))?;
    let (salt, pass) = (params.salt.as_bytes(), password.pkcs12_bytes());
    let derive = |kind, len| {
        use pkcs12::kdf::derive_key;
        Zeroizing::new(derive_key::<sha1::Sha1>(&pass, salt, kind, rounds, len))
    };
    let key_len = match cipher {
        Pkcs12Cipher::TripleDes => 24,
        Pkcs12Cipher::Rc2(len) => len,
    };
    let key = derive(pkcs12::kdf::Pkcs12KeyType::EncryptionKey, key_len);
    let iv = derive(pkcs12::kdf::Pkcs12KeyType::Iv, 8);
    match cipher {
        Pkcs12Cipher::TripleDes => cbc_decrypt::<des::TdesEde3>(&key, &iv, data),
        Pkcs12Cipher::Rc2(_) => cbc_decrypt::<rc2::Rc2>(&key, &iv, data),
    }
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptError>
where
    C: cbc::cipher::BlockCipherDecrypt + cbc::cipher::KeyInit,
{
    use cbc::cipher::{block_padding::Pkcs7, BlockModeDecrypt, KeyIvInit};
    let cipher =
        cbc::Decryptor::<C>::new_from_slices(key, iv).map_err(|_| damaged("unusable key"))?;
    cipher
        .decrypt_padded_vec::<Pkcs7>(data)
        .map(Zeroizing::new)
        .map_err(|_| DecryptError::WrongPassword)
}

#[cfg(test)]
#[path = "pbe_tests.rs"]
mod tests;
