//! Private key files: PKCS#8, PKCS#1, and password-encrypted PKCS#8
//! (`-----BEGIN ENCRYPTED PRIVATE KEY-----`, PBES2 of RFC 8018).
//!
//! We write PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, what OpenSSL 3 writes by default and
//! what OpenSSL, Python cryptography, .NET and Java read. We read what pbe.rs reads: PBES2 with
//! PBKDF2 or scrypt and AES-CBC or 3DES-CBC (OpenSSL 1.0, 1.1 and 3), and the PKCS#12 PBE
//! OpenSSL 1.0 used for `-topk8`. The key derivation and cipher we write with are aws-lc-rs's
//! (already certkit's crypto provider, and fast even in debug builds).

use std::num::NonZeroU32;

use aws_lc_rs::cipher::{self, EncryptionContext, PaddedBlockEncryptingKey, UnboundCipherKey};
use aws_lc_rs::pbkdf2;
use der::asn1::{AnyRef, OctetStringRef};
use der::{Decode, Encode};
use x509_cert::spki::AlgorithmIdentifierRef;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use crate::pbe::{
    EncryptedPrivateKeyInfo, Pbes2Params, Pbkdf2Params, AES_256_CBC, HMAC_SHA256, PBES2, PBKDF2,
};

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

pub use crate::pbe::{Budget, DecryptError};

/// Decrypts EncryptedPrivateKeyInfo DER to the PKCS#8 DER it holds, allowing one key's worth
/// of key derivation (`MAX_KEY_ITERATIONS`).
pub fn decrypt_pkcs8(
    der: &[u8],
    password: &str,
) -> std::result::Result<Zeroizing<Vec<u8>>, DecryptError> {
    decrypt_pkcs8_within(der, password, &mut Budget::new(MAX_KEY_ITERATIONS.into()))
}

/// [`decrypt_pkcs8`] paying the key derivation from `budget`.
pub fn decrypt_pkcs8_within(
    der: &[u8],
    password: &str,
    budget: &mut Budget,
) -> std::result::Result<Zeroizing<Vec<u8>>, DecryptError> {
    let info =
        EncryptedPrivateKeyInfo::from_der(der).map_err(|e| DecryptError::Damaged(e.to_string()))?;
    crate::pbe::decrypt(
        &info.algorithm,
        info.data.as_bytes(),
        &crate::pbe::Password::Text(password),
        budget,
    )
}

#[cfg(test)]
#[path = "keyfile_tests.rs"]
mod tests;
