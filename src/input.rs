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
use crate::keys::{OtherKey, PrivateKey};
use crate::pem;
use crate::pfx::{self, PfxFacts};

#[path = "input_pem.rs"]
mod pem_text;
use pem_text::{damaged_pem, read_pem};
#[path = "input_leaf.rs"]
pub(crate) mod leaf;
pub use leaf::LeafReason;

/// Larger inputs are refused before they are read: the biggest real bundles (a system's whole
/// CA store) are under 1 MiB, and a reader that loads anything whole must stop somewhere.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

/// Keys below this size are refused by Entra at sign-in (AADSTS50032).
pub const MIN_RSA_BITS: usize = 2048;

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
    /// The RSA private key, when the file holds one (and, if encrypted, the password was given).
    pub key: Option<PrivateKey>,
    /// A private key that is not RSA (EC, Ed25519): it picks the leaf, but is never used.
    pub other_key: Option<OtherKey>,
    /// The certificate the key belongs to; without a key, the end of the chain (input_leaf.rs).
    pub leaf: usize,
    /// How `leaf` was chosen.
    pub leaf_reason: LeafReason,
    /// How a PFX was protected; None for other formats.
    pub pfx: Option<PfxFacts>,
    /// What the user should know that did not stop the read (no MAC, a small or non-RSA key,
    /// an encrypted key left unread). The CLI prints each as `warning: ...` on stderr.
    pub warnings: Vec<String>,
}

impl InputFile {
    /// Certificates without repeated copies (a warning says so), the leaf the one that issued
    /// none of the others; a key found later picks its own.
    fn new(format: Format, certificates: Vec<Certificate>) -> Self {
        let (certificates, warnings) = leaf::distinct(certificates, |c| c.der());
        let (leaf, leaf_reason) = leaf::without_key(&certificates);
        InputFile {
            format,
            certificates,
            key: None,
            other_key: None,
            leaf,
            leaf_reason,
            pfx: None,
            warnings,
        }
    }

    /// Makes `index`, the certificate of the file's key, the leaf.
    fn set_key_leaf(&mut self, index: usize) {
        self.leaf = index;
        self.leaf_reason = LeafReason::Key;
    }

    /// A warning when the leaf is a guess among unrelated certificates: commands that act on
    /// one certificate (keycred, manifest patch) print it, listings do not need it.
    pub fn leaf_warning(&self) -> Option<String> {
        (self.leaf_reason == LeafReason::First)
            .then(|| leaf::guess_warning(&self.certificates, self.leaf))
    }

    /// How another certificate of the file relates to the leaf, for notes: `which does not
    /// match its private key`, or, for a renewal that kept the key, that it is the same key.
    pub fn relation_to_leaf(&self, other: &Certificate) -> String {
        let same_key = match (&self.key, &self.other_key) {
            (Some(key), _) => key.public_key_matches(other),
            (None, Some(key)) => key.public_key_matches(other),
            (None, None) => false,
        };
        let until = |c: &Certificate| crate::validity::format_utc(c.not_after());
        if same_key {
            format!(
                "another certificate for the same private key, valid until {} (the one valid \
                 until {} is used)",
                until(other),
                until(self.leaf_certificate())
            )
        } else if self.key.is_some() || self.other_key.is_some() {
            "which does not match its private key".into()
        } else {
            "not used".into()
        }
    }

    pub fn leaf_certificate(&self) -> &Certificate {
        &self.certificates[self.leaf]
    }

    /// The certificates other than the leaf, in file order (a chain, or unrelated ones).
    pub fn others(&self) -> impl Iterator<Item = &Certificate> {
        let leaf = self.leaf;
        self.certificates
            .iter()
            .enumerate()
            .filter(move |(i, _)| *i != leaf)
            .map(|(_, c)| c)
    }

    /// What was read, for messages: `PFX (PKCS#12), legacy profile: ...; 2 certificates, RSA
    /// 2048-bit key`.
    pub fn describe(&self) -> String {
        let mut out = self.format.name().to_string();
        if let Some(facts) = &self.pfx {
            out.push_str(&format!(", {}", facts.describe()));
        }
        let n = self.certificates.len();
        out.push_str(&format!(
            "; {n} certificate{}",
            if n == 1 { "" } else { "s" }
        ));
        if let Some(key) = &self.key {
            out.push_str(&format!(", RSA {}-bit private key", key.rsa_bits()));
        } else if let Some(other) = &self.other_key {
            out.push_str(&format!(", {} private key (unusable)", other.algorithm()));
        }
        out
    }

    /// The RSA private key, or an error that says why the file offers none.
    pub fn require_key(&self, path: &Path) -> Result<&PrivateKey> {
        if let Some(key) = &self.key {
            return Ok(key);
        }
        let (what, why) = match &self.other_key {
            Some(other) => (
                "unsupported private key",
                format!(
                    "the private key is {}; certkit writes and uses RSA keys only",
                    other.algorithm()
                ),
            ),
            None => ("no private key", "the file holds certificates only".into()),
        };
        Err(Error::bad_file(
            what,
            path,
            why,
            "give the PFX, or a PEM file with both the CERTIFICATE and its RSA PRIVATE KEY \
             block (and the password of the file or of its encrypted key)",
        ))
    }
}

/// Reads certificates from a file's bytes. `password` is for PFX files; with None, the empty
/// password is tried and `Error::NoPassword` returned if it does not open the file.
/// Encrypted PEM keys are decrypted with `password` too; without one they are left unread, with a
/// warning, and the certificates are still returned.
pub fn read_certificates(bytes: &[u8], path: &Path, password: Option<&str>) -> Result<InputFile> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    let mut file = detect_and_read(bytes, path, password)?;
    warn_small_key(&mut file);
    Ok(file)
}

/// For a PEM file that holds only certificates, calls `each` with every one, in order, without
/// keeping them: a 10,000-certificate bundle then costs one certificate's memory at a time.
/// Returns `Ok(false)`, having called nothing, for anything else (a key, DER, PFX, UTF-16
/// text, no certificate): read those with `read_certificates`, which also explains errors.
pub fn stream_certificates(
    bytes: &[u8],
    path: &Path,
    mut each: impl FnMut(Certificate, &[String]),
) -> Result<bool> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(false);
    };
    if bytes.len() as u64 > MAX_INPUT_BYTES || text.contains("PRIVATE KEY-----") {
        return Ok(false);
    }
    let mut certificates = crate::pem::scan(text)
        .filter(|b| !matches!(b, Ok(block) if !matches!(block.label.as_str(), "CERTIFICATE" | "X509 CERTIFICATE")))
        .peekable();
    if certificates.peek().is_none() {
        return Ok(false);
    }
    let damaged = |why: String| damaged_pem(path, why);
    for (index, block) in certificates.enumerate() {
        let block = block.map_err(damaged)?;
        let cert = Certificate::from_der(&block.der)
            .map_err(|why| damaged(format!("block at line {}: {why}", block.line)))?;
        // The end of the chain is known only at the end of the file: the first is warned about.
        let warnings = if index == 0 {
            small_key_warning(cert.rsa_key_bits())
        } else {
            Vec::new()
        };
        each(cert, &warnings);
    }
    Ok(true)
}

pub(crate) fn too_large(path: &Path, len: u64) -> Error {
    Error::bad_file(
        "not a certificate file",
        path,
        format!(
            "{len} bytes or more; certificate files are far smaller (certkit reads up to 16 MiB)"
        ),
        "check the path: give a .cer/.crt/.pem certificate or a .pfx file",
    )
}

/// AADSTS50032: Entra refuses RSA keys under 2048 bits when the app signs in.
fn warn_small_key(file: &mut InputFile) {
    let bits = match &file.key {
        Some(key) => Some(key.rsa_bits()),
        None => file.leaf_certificate().rsa_key_bits(),
    };
    file.warnings.extend(small_key_warning(bits));
}

fn small_key_warning(bits: Option<usize>) -> Vec<String> {
    bits.filter(|b| *b < MIN_RSA_BITS)
        .map(|bits| {
            format!(
                "the RSA key has {bits} bits; Entra refuses keys under {MIN_RSA_BITS} bits at \
                 sign-in (AADSTS50032): make a new certificate with `certkit new`"
            )
        })
        .into_iter()
        .collect()
}

fn detect_and_read(bytes: &[u8], path: &Path, password: Option<&str>) -> Result<InputFile> {
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
        return read_pem(&text, path, password);
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
    Ok(InputFile::new(outer, vec![cert]))
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
            Error::WrongPassword { .. } => {
                Error::no_password(format!("{} is a password-protected PFX", path.display()))
            }
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
    let format = if outer == Format::Base64 {
        outer
    } else {
        Format::Pkcs12
    };
    let mut file = InputFile::new(format, contents.certificates);
    file.key = contents.key;
    file.other_key = contents.other_key;
    if let Some(index) = contents.leaf_index {
        file.set_key_leaf(index);
    }
    file.pfx = Some(contents.facts);
    file.warnings.splice(0..0, contents.warnings);
    Ok(file)
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
