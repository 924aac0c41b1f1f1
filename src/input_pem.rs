//! Reading PEM text: certificates, and the private key (RSA, another algorithm, or encrypted)
//! that picks the leaf among them.

use std::path::Path;

use super::{key_mismatch, leaf, Format, InputFile};
use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::keyfile::{self, Budget, DecryptError};
use crate::keys::{OtherKey, PrivateKey};
use crate::pem::{self, Block};

/// A private key found in PEM: usable (RSA) or not.
enum FoundKey {
    Rsa(PrivateKey),
    Other(OtherKey),
}

pub(super) fn read_pem(text: &str, path: &Path, password: Option<&str>) -> Result<InputFile> {
    let damaged = |why: String| damaged_pem(path, why);
    let blocks = pem::blocks(text).map_err(damaged)?;
    if password.is_some() {
        refuse_several_encrypted_keys(&blocks, path)?;
    }
    // One key's worth of key derivation for the whole file.
    let mut budget = Budget::new(keyfile::MAX_KEY_ITERATIONS.into());
    let mut certificates = Vec::new();
    let mut keys = Vec::new();
    let mut warnings = Vec::new();
    for block in &blocks {
        match block.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" => certificates.push(
                Certificate::from_der(&block.der)
                    .map_err(|why| damaged(format!("block at line {}: {why}", block.line)))?,
            ),
            label if label.ends_with("PRIVATE KEY") => {
                let found = pem_key(block, password, &mut budget, path, &mut warnings)?;
                if let Some(key) = found {
                    keys.push(key);
                }
            }
            _ => {}
        }
    }
    let labels: Vec<&str> = blocks.iter().map(|b| b.label.as_str()).collect();
    let mut file = pem_input(certificates, keys, &labels, path)?;
    file.warnings.splice(0..0, warnings);
    Ok(file)
}

/// One PEM key block: RSA, another algorithm, or (without a password) an encrypted key that is
/// left unread with a warning, so that its certificates can still be listed.
fn pem_key(
    block: &Block,
    password: Option<&str>,
    budget: &mut Budget,
    path: &Path,
    warnings: &mut Vec<String>,
) -> Result<Option<FoundKey>> {
    let label = block.label.as_str();
    let unusable = |why: String| {
        Error::bad_file(
            "unusable private key in PEM",
            path,
            why,
            "give an RSA key: PRIVATE KEY, RSA PRIVATE KEY, or ENCRYPTED PRIVATE KEY with its password",
        )
    };
    let encrypted = is_encrypted_key(block);
    if encrypted && password.is_none() {
        warnings.push(format!(
            "the {label} at line {} is encrypted and was not read; give its password \
             (--in-password-* for convert, --password-* elsewhere) to use it",
            block.line
        ));
        return Ok(None);
    }
    let parsed = match label {
        "ENCRYPTED PRIVATE KEY" => {
            let pw = password.unwrap_or_default();
            let der = keyfile::decrypt_pkcs8_within(&block.der, pw, budget)
                .map_err(|e| decrypt_error(e, path))?;
            Ok(pkcs8_key(&der).map_err(unusable)?)
        }
        _ if encrypted => {
            return Err(unusable(format!(
                "the {label} is encrypted the traditional OpenSSL way (Proc-Type), which certkit \
                 does not read; convert it: openssl pkcs8 -topk8 -in KEY.pem -out key.p8.pem"
            )))
        }
        "PRIVATE KEY" => pkcs8_key(&block.der),
        "RSA PRIVATE KEY" => PrivateKey::from_pkcs1_der(&block.der).map(FoundKey::Rsa),
        "EC PRIVATE KEY" => OtherKey::from_sec1_der(&block.der).map(FoundKey::Other),
        _ => Err("certkit uses RSA keys".into()),
    };
    // A block that is no key at all (garbage, another tool's format) must not hide the
    // certificates; commands that need the key then say there is none.
    let key = match parsed {
        Ok(key) => key,
        Err(why) => {
            warnings.push(format!(
                "ignored the {label} block at line {}: {why}",
                block.line
            ));
            return Ok(None);
        }
    };
    if let FoundKey::Other(other) = &key {
        warnings.push(other.warning());
    }
    Ok(Some(key))
}

fn is_key(block: &Block) -> bool {
    block.label.ends_with("PRIVATE KEY")
}

fn is_encrypted_key(block: &Block) -> bool {
    is_key(block) && (block.is_encrypted() || block.label == "ENCRYPTED PRIVATE KEY")
}

/// Counted before any is decrypted: each decryption may cost a second, and a file with
/// several keys is refused anyway.
fn refuse_several_encrypted_keys(blocks: &[Block], path: &Path) -> Result<()> {
    let encrypted = blocks.iter().filter(|b| is_encrypted_key(b)).count();
    if encrypted < 2 {
        return Ok(());
    }
    let all = blocks.iter().filter(|b| is_key(b)).count();
    Err(several_keys(
        path,
        format!("it holds {all} private keys ({encrypted} of them encrypted)"),
    ))
}

fn several_keys(path: &Path, holds: String) -> Error {
    Error::bad_file(
        "PEM with several keys",
        path,
        format!("{holds}; certkit reads one key per file"),
        "keep one certificate and its key per file",
    )
}

fn pkcs8_key(der: &[u8]) -> std::result::Result<FoundKey, String> {
    match PrivateKey::from_pkcs8_der(der) {
        Ok(key) => Ok(FoundKey::Rsa(key)),
        Err(why) => OtherKey::from_pkcs8_der(der)
            .map(FoundKey::Other)
            .map_err(|_| why),
    }
}

fn decrypt_error(e: DecryptError, path: &Path) -> Error {
    match e {
        DecryptError::WrongPassword => Error::bad_file(
            "wrong password for the encrypted private key",
            path,
            "the key does not decrypt with the password given",
            "check the password (`certkit convert` reads IN's from --in-password-file, \
             --in-password-env or --in-password-stdin; other commands from --password-*)",
        ),
        DecryptError::Unsupported(why) => Error::bad_file(
            "unsupported encrypted private key",
            path,
            why,
            "re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY.pem -out new.pem",
        ),
        DecryptError::Damaged(why) => Error::bad_file(
            "damaged encrypted private key",
            path,
            why,
            "check the file was copied completely",
        ),
        DecryptError::TooMuchWork { asked, limit } => Error::bad_file(
            "unreasonable encrypted private key",
            path,
            format!(
                "decrypting it takes {asked} key-derivation iterations (certkit allows {limit}; \
                 OpenSSL writes 2048, certkit 600000)"
            ),
            "re-encrypt it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY.pem -out new.pem",
        ),
    }
}

fn pem_input(
    certificates: Vec<Certificate>,
    mut keys: Vec<FoundKey>,
    labels: &[&str],
    path: &Path,
) -> Result<InputFile> {
    if certificates.is_empty() {
        return Err(Error::bad_file(
            "no certificate in PEM",
            path,
            format!("found only: {}", labels.join(", ")),
            "give the file with the CERTIFICATE block (a .cer/.crt/.pem)",
        ));
    }
    if keys.len() > 1 {
        return Err(several_keys(
            path,
            format!("it holds {} private keys", keys.len()),
        ));
    }
    let mut file = InputFile::new(Format::Pem, certificates);
    let now = time::OffsetDateTime::now_utc();
    match keys.pop() {
        None => {}
        Some(FoundKey::Rsa(key)) => {
            let index = leaf::for_key(&file.certificates, |c| key.public_key_matches(c), now)
                .ok_or_else(|| key_mismatch(path, Format::Pem))?;
            file.set_key_leaf(index);
            file.key = Some(key);
        }
        Some(FoundKey::Other(other)) => {
            // Without the public half in the key file, the leaf stays the end of the chain.
            if let Some(index) =
                leaf::for_key(&file.certificates, |c| other.public_key_matches(c), now)
            {
                file.set_key_leaf(index);
            }
            file.other_key = Some(other);
        }
    }
    Ok(file)
}

pub(super) fn damaged_pem(path: &Path, why: String) -> Error {
    Error::bad_file(
        "damaged PEM",
        path,
        why,
        "check the file was copied completely",
    )
}
