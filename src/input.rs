//! Reading any certificate file: the format comes from the content, never the file name.
//!
//! Users hand us `.cer` files that are PEM, `.crt` files that are DER, base64 pasted from the
//! portal or Key Vault, PowerShell output saved as UTF-16, and PFX files under any extension.

use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::Decode;
use zeroize::Zeroizing;

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use crate::pem;
use crate::pfx;

/// How the file was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One binary X.509 certificate.
    Der,
    /// PEM blocks, possibly with other text around them.
    Pem,
    /// Bare base64 of a DER certificate (or of a PFX), as the portal and Key Vault hand out.
    Base64,
    /// A PFX / PKCS#12 file.
    Pkcs12,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Der => "DER certificate",
            Format::Pem => "PEM",
            Format::Base64 => "base64",
            Format::Pkcs12 => "PFX (PKCS#12)",
        }
    }
}

/// The certificates (and key, if any) found in one file.
#[derive(Debug)]
pub struct InputFile {
    pub format: Format,
    /// In file order; never empty.
    pub certificates: Vec<Certificate>,
    pub key: Option<PrivateKey>,
    /// The certificate the key belongs to; without a key, the first.
    pub leaf: usize,
}

impl InputFile {
    pub fn leaf_certificate(&self) -> &Certificate {
        &self.certificates[self.leaf]
    }
}

/// Reads certificates from a file's bytes. `password` is for PFX files; with None, the empty
/// password is tried and `Error::NoPassword` returned if it does not open the file.
pub fn read_certificates(bytes: &[u8], path: &Path, password: Option<&str>) -> Result<InputFile> {
    // 0x30 is also the digit '0', so binary needs a whole DER value, not just the first byte.
    let is_der = bytes.first() == Some(&0x30) && der::AnyRef::from_der(bytes).is_ok();
    if is_der {
        return read_binary(bytes, path, password, Format::Der);
    }
    let Some(text) = decode_text(bytes) else {
        if bytes.first() == Some(&0x30) {
            return read_binary(bytes, path, password, Format::Der);
        }
        return Err(not_certificate(
            path,
            "binary content that is neither DER nor a PFX",
        ));
    };
    if pem::looks_like_pem(&text) {
        return read_pem(&text, path);
    }
    // Base64 of a PFX with an empty password is as good as a plaintext key: wipe the copies.
    let compact: Zeroizing<String> =
        Zeroizing::new(text.chars().filter(|c| !c.is_whitespace()).collect());
    match STANDARD.decode(compact.as_bytes()).map(Zeroizing::new) {
        Ok(der) if der.first() == Some(&0x30) => read_binary(&der, path, password, Format::Base64),
        _ => Err(not_certificate(
            path,
            "text without PEM blocks, and not base64 of a certificate either",
        )),
    }
}

fn not_certificate(path: &Path, why: &str) -> Error {
    Error::bad_file(
        "not a certificate file",
        path,
        why,
        "give a .cer/.crt/.pem certificate, base64 of one, or a .pfx file",
    )
}

/// DER bytes: a PFX when the SEQUENCE starts with INTEGER 3, else one certificate.
fn read_binary(
    der: &[u8],
    path: &Path,
    password: Option<&str>,
    outer: Format,
) -> Result<InputFile> {
    match first_inner_element(der) {
        Some([0x02, 0x01, 0x03, ..]) if der.get(1) == Some(&0x80) => Err(Error::bad_file(
            "BER-encoded PFX",
            path,
            "indefinite-length (BER) encoding, as some Java and BouncyCastle versions write; \
             the PKCS#12 reader handles DER only",
            "convert it: openssl pkcs12 -in FILE -nodes -out tmp.pem, then \
             openssl pkcs12 -export -in tmp.pem -out fixed.pfx (and delete tmp.pem)",
        )),
        Some([0x02, 0x01, 0x03, ..]) => read_pkcs12(der, path, password, outer),
        Some(inner) if inner.starts_with(PKCS7_SIGNED_DATA) => Err(Error::bad_file(
            "PKCS#7 bundle (.p7b)",
            path,
            "certkit reads certificates, not PKCS#7 bundles",
            "extract them: openssl pkcs7 -inform DER -in FILE -print_certs -out certs.pem",
        )),
        _ => read_certificate(der, path, outer),
    }
}

/// `OBJECT IDENTIFIER 1.2.840.113549.1.7.2` (signedData), the start of a .p7b.
const PKCS7_SIGNED_DATA: &[u8] = &[
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
];

/// The bytes after the outer SEQUENCE header, read leniently (BER indefinite length too) so
/// that a damaged file can still be recognised for a useful error.
fn first_inner_element(der: &[u8]) -> Option<&[u8]> {
    match der {
        [0x30, 0x80, rest @ ..] => Some(rest),
        [0x30, n, rest @ ..] if *n < 0x80 => Some(rest),
        [0x30, n, rest @ ..] => rest.get(usize::from(n & 0x7F)..),
        _ => None,
    }
}

fn read_certificate(der: &[u8], path: &Path, outer: Format) -> Result<InputFile> {
    let cert = Certificate::from_der(der).map_err(|why| {
        let what = match outer {
            Format::Base64 => "damaged base64 certificate",
            _ => "damaged DER certificate",
        };
        Error::bad_file(what, path, why, "check that the file is complete")
    })?;
    Ok(InputFile {
        format: outer,
        certificates: vec![cert],
        key: None,
        leaf: 0,
    })
}

fn read_pkcs12(
    der: &[u8],
    path: &Path,
    password: Option<&str>,
    outer: Format,
) -> Result<InputFile> {
    let contents = match password {
        Some(p) => pfx::read_pfx(der, p, path)?,
        None => pfx::read_pfx(der, "", path).map_err(|e| match e {
            Error::WrongPassword { .. } => Error::NoPassword {
                why: format!("{} is a password-protected PFX", path.display()),
            },
            other => other,
        })?,
    };
    if contents.certificates.is_empty() {
        return Err(Error::bad_file(
            "PFX without certificates",
            path,
            "the PFX holds no certificate",
            "export the PFX again including the certificate",
        ));
    }
    if contents.key.is_some() && contents.leaf_index.is_none() {
        return Err(key_mismatch(path, Format::Pkcs12));
    }
    Ok(InputFile {
        format: if outer == Format::Base64 {
            outer
        } else {
            Format::Pkcs12
        },
        certificates: contents.certificates,
        key: contents.key,
        leaf: contents.leaf_index.unwrap_or(0),
    })
}

fn read_pem(text: &str, path: &Path) -> Result<InputFile> {
    let damaged = |why: String| {
        Error::bad_file(
            "damaged PEM",
            path,
            why,
            "check the file was copied completely",
        )
    };
    let blocks = pem::blocks(text).map_err(damaged)?;
    let mut certificates = Vec::new();
    let mut keys = Vec::new();
    for block in &blocks {
        match block.label.as_str() {
            "CERTIFICATE" | "X509 CERTIFICATE" => certificates.push(
                Certificate::from_der(&block.der)
                    .map_err(|why| damaged(format!("block at line {}: {why}", block.line)))?,
            ),
            label if label.ends_with("PRIVATE KEY") => keys.push(
                PrivateKey::from_pem_block(label, block.is_encrypted(), &block.der).map_err(
                    |why| {
                        Error::bad_file(
                            "unusable private key in PEM",
                            path,
                            why,
                            "give an unencrypted RSA key (PRIVATE KEY or RSA PRIVATE KEY)",
                        )
                    },
                )?,
            ),
            _ => {}
        }
    }
    let labels: Vec<&str> = blocks.iter().map(|b| b.label.as_str()).collect();
    pem_input(certificates, keys, &labels, path)
}

fn pem_input(
    certificates: Vec<Certificate>,
    mut keys: Vec<PrivateKey>,
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
        return Err(Error::bad_file(
            "PEM with several keys",
            path,
            format!(
                "it holds {} private keys; certkit reads one key per file",
                keys.len()
            ),
            "keep one certificate and its key per file",
        ));
    }
    let key = keys.pop();
    let leaf = match &key {
        None => 0,
        Some(k) => certificates
            .iter()
            .position(|c| k.public_key_matches(c))
            .ok_or_else(|| key_mismatch(path, Format::Pem))?,
    };
    Ok(InputFile {
        format: Format::Pem,
        certificates,
        key,
        leaf,
    })
}

fn key_mismatch(path: &Path, format: Format) -> Error {
    Error::bad_file(
        format!("{} with a foreign key", format.name()),
        path,
        "the private key does not belong to any certificate in the file",
        "put the matching certificate and key together; `openssl x509 -pubkey` and \
         `openssl pkey -pubout` show which belong together",
    )
}

/// The text of a file: UTF-8 (BOM allowed) or UTF-16 with a BOM, as Windows PowerShell 5 writes
/// with `Out-File`. None for binary content. Zeroizing: the text may hold a private key.
fn decode_text(bytes: &[u8]) -> Option<Zeroizing<String>> {
    let utf16 = |le: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            let pair = [c[0], c[1]];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .collect::<std::result::Result<String, _>>()
            .ok()
    };
    let text = match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    };
    text.map(Zeroizing::new)
}

#[cfg(test)]
#[path = "input_tests.rs"]
mod tests;
