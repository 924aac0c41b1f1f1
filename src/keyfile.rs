//! Private key files: PKCS#8, PKCS#1, and password-encrypted PKCS#8
//! (`-----BEGIN ENCRYPTED PRIVATE KEY-----`, PBES2 of RFC 8018).
//!
//! We write PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, what OpenSSL 3 writes by default and
//! what OpenSSL, Python cryptography, .NET and Java read. We read PBES2 with PBKDF2 (SHA-1 or
//! SHA-2 PRF) and AES-CBC or 3DES-CBC, what OpenSSL 1.0, 1.1 and 3 write. The key derivation
//! and cipher are aws-lc-rs's (already certkit's crypto provider, and fast even in debug
//! builds); only the ASN.1 around them is done here.

use std::num::NonZeroU32;

use aws_lc_rs::cipher::{
    self, DecryptionContext, EncryptionContext, PaddedBlockDecryptingKey, PaddedBlockEncryptingKey,
    UnboundCipherKey,
};
use aws_lc_rs::pbkdf2;
use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Sequence};
use x509_cert::spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::PrivateKey;

/// Which PEM form the private key is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyFormat {
    /// `-----BEGIN PRIVATE KEY-----` (or ENCRYPTED PRIVATE KEY with a password).
    #[default]
    Pkcs8,
    /// `-----BEGIN RSA PRIVATE KEY-----`, for tools that want OpenSSL's traditional form.
    Pkcs1,
}

/// PBKDF2 iterations for keys we encrypt: OWASP's 2023 figure for PBKDF2-HMAC-SHA256, also the
/// most Windows accepts in a PFX. About 0.2 s with aws-lc-rs.
pub const KEY_ITERATIONS: u32 = 600_000;
/// Files asking for more are refused rather than keeping the reader busy for minutes.
pub const MAX_KEY_ITERATIONS: u32 = 10_000_000;

const PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
const PBKDF2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.12");
const HMAC_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.7");
const HMAC_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.9");
const HMAC_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.10");
const HMAC_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.2.11");
const AES_128_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.2");
const AES_192_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.22");
const AES_256_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.1.42");
const DES_EDE3_CBC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.3.7");

#[derive(Sequence)]
struct EncryptedPrivateKeyInfo<'a> {
    algorithm: AlgorithmIdentifierRef<'a>,
    data: &'a OctetStringRef,
}

#[derive(Sequence)]
struct Pbes2Params<'a> {
    kdf: AlgorithmIdentifierRef<'a>,
    cipher: AlgorithmIdentifierRef<'a>,
}

#[derive(Sequence)]
struct Pbkdf2Params<'a> {
    salt: &'a OctetStringRef,
    iterations: u32,
    key_length: Option<u16>,
    prf: Option<AlgorithmIdentifierRef<'a>>,
}

/// The key as PEM text: PKCS#8 or PKCS#1, or with a password encrypted PKCS#8 (PKCS#1 has no
/// standard encryption; OpenSSL's own `Proc-Type` scheme uses MD5 and is not written).
pub fn key_pem(
    key: &PrivateKey,
    format: KeyFormat,
    password: Option<&str>,
) -> Result<Zeroizing<String>> {
    match (format, password) {
        (KeyFormat::Pkcs8, None) => Ok(key.to_pkcs8_pem()),
        (KeyFormat::Pkcs1, None) => Ok(key.to_pkcs1_pem()),
        (KeyFormat::Pkcs8, Some(pw)) => {
            let der = Zeroizing::new(encrypt_pkcs8(key.pkcs8_der(), pw, KEY_ITERATIONS)?);
            Ok(Zeroizing::new(crate::pem::encode(
                "ENCRYPTED PRIVATE KEY",
                &der,
            )))
        }
        (KeyFormat::Pkcs1, Some(_)) => Err(Error::invalid(
            "key format",
            "pkcs1",
            "a PKCS#1 key cannot be encrypted with a standard scheme",
            "use --key-format pkcs8 (the default) with a key password, or no key password",
        )),
    }
}

/// EncryptedPrivateKeyInfo DER around `pkcs8`: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC, with a
/// random 16-byte salt and IV.
pub fn encrypt_pkcs8(pkcs8: &[u8], password: &str, iterations: u32) -> Result<Vec<u8>> {
    let failed = |e: &dyn std::fmt::Display| Error::crypto("encrypt the private key", e);
    let rounds = NonZeroU32::new(iterations).ok_or_else(|| failed(&"zero iterations"))?;
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| failed(&e))?;
    getrandom::fill(&mut iv).map_err(|e| failed(&e))?;
    let mut key = Zeroizing::new([0u8; 32]);
    pbkdf2::derive(
        pbkdf2::PBKDF2_HMAC_SHA256,
        rounds,
        &salt,
        password.as_bytes(),
        &mut *key,
    );
    let cipher_key = UnboundCipherKey::new(&cipher::AES_256, &*key).map_err(|e| failed(&e))?;
    let encrypting = PaddedBlockEncryptingKey::cbc_pkcs7(cipher_key).map_err(|e| failed(&e))?;
    let mut data = pkcs8.to_vec();
    let context = EncryptionContext::Iv128(iv.into());
    encrypting
        .less_safe_encrypt(&mut data, context)
        .map_err(|e| failed(&e))?;
    encode_info(&salt, iterations, &iv, &data).map_err(|e| failed(&e))
}

fn encode_info(salt: &[u8], iterations: u32, iv: &[u8], data: &[u8]) -> der::Result<Vec<u8>> {
    let null = Some(AnyRef::NULL);
    let kdf_params = Pbkdf2Params {
        salt: OctetStringRef::new(salt)?,
        iterations,
        key_length: None,
        prf: Some(AlgorithmIdentifierRef {
            oid: HMAC_SHA256,
            parameters: null,
        }),
    }
    .to_der()?;
    let iv = OctetStringRef::new(iv)?.to_der()?;
    let pbes2 = Pbes2Params {
        kdf: AlgorithmIdentifierRef {
            oid: PBKDF2,
            parameters: Some(AnyRef::from_der(&kdf_params)?),
        },
        cipher: AlgorithmIdentifierRef {
            oid: AES_256_CBC,
            parameters: Some(AnyRef::from_der(&iv)?),
        },
    }
    .to_der()?;
    EncryptedPrivateKeyInfo {
        algorithm: AlgorithmIdentifierRef {
            oid: PBES2,
            parameters: Some(AnyRef::from_der(&pbes2)?),
        },
        data: OctetStringRef::new(data)?,
    }
    .to_der()
}

/// Why an encrypted key could not be decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecryptError {
    /// The padding or the decrypted structure is wrong: almost surely the password.
    WrongPassword,
    /// A scheme certkit does not read (PBES1, PKCS#12 PBE, scrypt, GCM, ...).
    Unsupported(String),
    /// Not an EncryptedPrivateKeyInfo.
    Damaged(String),
}

/// Decrypts EncryptedPrivateKeyInfo DER to the PKCS#8 DER it holds.
pub fn decrypt_pkcs8(
    der: &[u8],
    password: &str,
) -> std::result::Result<Zeroizing<Vec<u8>>, DecryptError> {
    let damaged = |e: der::Error| DecryptError::Damaged(e.to_string());
    let info = EncryptedPrivateKeyInfo::from_der(der).map_err(damaged)?;
    if info.algorithm.oid != PBES2 {
        return Err(DecryptError::Unsupported(format!(
            "encryption scheme {} (certkit reads PBES2, what OpenSSL writes since 1.1)",
            info.algorithm.oid
        )));
    }
    let params = info
        .algorithm
        .parameters
        .ok_or_else(|| DecryptError::Damaged("PBES2 without parameters".into()))?
        .decode_as::<Pbes2Params<'_>>()
        .map_err(damaged)?;
    if params.cipher.oid == DES_EDE3_CBC {
        return decrypt_3des(&params, info.data.as_bytes(), password);
    }
    let (algorithm, key_len, iv) = cipher_of(&params.cipher)?;
    let key = derive_key(&params.kdf, password, key_len)?;
    let unbound = UnboundCipherKey::new(algorithm, &key)
        .map_err(|_| DecryptError::Damaged("unusable key length".into()))?;
    let decrypting = PaddedBlockDecryptingKey::cbc_pkcs7(unbound)
        .map_err(|_| DecryptError::Damaged("unusable cipher".into()))?;
    let mut data = Zeroizing::new(info.data.as_bytes().to_vec());
    let iv = <[u8; 16]>::try_from(iv).expect("checked in cipher_of");
    let context = DecryptionContext::Iv128(iv.into());
    let plain = decrypting
        .decrypt(&mut data, context)
        .map_err(|_| DecryptError::WrongPassword)?;
    // 1 in 256 wrong passwords still leave valid padding; the content then is not PKCS#8.
    if der::AnyRef::from_der(plain).is_err() {
        return Err(DecryptError::WrongPassword);
    }
    Ok(Zeroizing::new(plain.to_vec()))
}

/// 3DES-CBC (OpenSSL 1.0's `-v2 des3`) through RustCrypto's pkcs5: aws-lc-rs has 3DES only
/// behind a feature that rebuilds aws-lc. Rare and slow in debug builds, so kept to this path.
fn decrypt_3des(
    params: &Pbes2Params<'_>,
    data: &[u8],
    password: &str,
) -> std::result::Result<Zeroizing<Vec<u8>>, DecryptError> {
    pbkdf2_fields(&params.kdf)?;
    let encoded = params
        .to_der()
        .map_err(|e| DecryptError::Damaged(e.to_string()))?;
    let parsed = pkcs5::pbes2::Parameters::from_der(&encoded)
        .map_err(|e| DecryptError::Damaged(e.to_string()))?;
    let plain = Zeroizing::new(
        parsed
            .decrypt(password.as_bytes(), data)
            .map_err(|_| DecryptError::WrongPassword)?,
    );
    if der::AnyRef::from_der(&plain).is_err() {
        return Err(DecryptError::WrongPassword);
    }
    Ok(plain)
}

type CipherChoice<'a> = (&'static cipher::Algorithm, usize, &'a [u8]);

fn cipher_of<'a>(
    alg: &AlgorithmIdentifierRef<'a>,
) -> std::result::Result<CipherChoice<'a>, DecryptError> {
    let (algorithm, key_len) = match alg.oid {
        AES_128_CBC => (&cipher::AES_128, 16),
        AES_192_CBC => (&cipher::AES_192, 24),
        AES_256_CBC => (&cipher::AES_256, 32),
        other => {
            return Err(DecryptError::Unsupported(format!(
                "cipher {other} (certkit reads AES-CBC and 3DES-CBC)"
            )))
        }
    };
    let iv = alg
        .parameters
        .and_then(|p| p.decode_as::<&OctetStringRef>().ok())
        .map(|o| o.as_bytes())
        .filter(|iv| iv.len() == 16)
        .ok_or_else(|| DecryptError::Damaged("missing or malformed IV".into()))?;
    Ok((algorithm, key_len, iv))
}

/// PBKDF2's PRF, iteration count and salt, refusing other derivations and absurd counts.
fn pbkdf2_fields<'a>(
    kdf: &AlgorithmIdentifierRef<'a>,
) -> std::result::Result<(pbkdf2::Algorithm, NonZeroU32, &'a [u8]), DecryptError> {
    if kdf.oid != PBKDF2 {
        return Err(DecryptError::Unsupported(format!(
            "key derivation {} (certkit reads PBKDF2)",
            kdf.oid
        )));
    }
    let params = kdf
        .parameters
        .ok_or_else(|| DecryptError::Damaged("PBKDF2 without parameters".into()))?
        .decode_as::<Pbkdf2Params<'a>>()
        .map_err(|e| DecryptError::Damaged(e.to_string()))?;
    if params.iterations > MAX_KEY_ITERATIONS {
        return Err(DecryptError::Unsupported(format!(
            "{} PBKDF2 iterations (certkit reads up to {MAX_KEY_ITERATIONS})",
            params.iterations
        )));
    }
    let rounds = NonZeroU32::new(params.iterations)
        .ok_or_else(|| DecryptError::Damaged("zero PBKDF2 iterations".into()))?;
    let prf = match params.prf.map(|p| p.oid).unwrap_or(HMAC_SHA1) {
        HMAC_SHA1 => pbkdf2::PBKDF2_HMAC_SHA1,
        HMAC_SHA256 => pbkdf2::PBKDF2_HMAC_SHA256,
        HMAC_SHA384 => pbkdf2::PBKDF2_HMAC_SHA384,
        HMAC_SHA512 => pbkdf2::PBKDF2_HMAC_SHA512,
        other => {
            return Err(DecryptError::Unsupported(format!("PBKDF2 PRF {other}")));
        }
    };
    Ok((prf, rounds, params.salt.as_bytes()))
}

fn derive_key(
    kdf: &AlgorithmIdentifierRef<'_>,
    password: &str,
    key_len: usize,
) -> std::result::Result<Zeroizing<Vec<u8>>, DecryptError> {
    let (prf, rounds, salt) = pbkdf2_fields(kdf)?;
    let mut key = Zeroizing::new(vec![0u8; key_len]);
    pbkdf2::derive(prf, rounds, salt, password.as_bytes(), &mut key);
    Ok(key)
}

#[cfg(test)]
#[path = "keyfile_tests.rs"]
mod tests;
