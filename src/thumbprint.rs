//! Certificate digests and the four ways Microsoft writes them (formats.md section 1).
//!
//! Users paste one encoding where another is expected and get AADSTS700027, so every encoding
//! has a name here and pasted input is normalized before it is compared.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use sha1::Digest;

use crate::error::{Error, Result};

/// SHA-1 and SHA-256 of a certificate's DER bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digests {
    pub sha1: [u8; 20],
    pub sha256: [u8; 32],
}

impl Digests {
    pub fn of(der: &[u8]) -> Self {
        Digests {
            sha1: sha1::Sha1::digest(der).into(),
            sha256: sha2::Sha256::digest(der).into(),
        }
    }

    /// `x5t` JWT header value: base64url of the SHA-1, unpadded.
    pub fn x5t(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.sha1)
    }

    /// `x5t#S256` JWT header value: base64url of the SHA-256, unpadded.
    pub fn x5t_s256(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.sha256)
    }

    /// The manifest's `customKeyIdentifier`: standard padded base64 of the SHA-1.
    pub fn custom_key_identifier(&self) -> String {
        STANDARD.encode(self.sha1)
    }
}

/// How a digest is printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Upper-case hex without separators, as certutil and the portal print it.
    #[default]
    Hex,
    /// Upper-case hex pairs joined by colons, as openssl prints it.
    Colons,
    /// Standard padded base64 (the manifest's customKeyIdentifier form).
    Base64,
    /// base64url without padding (the JWT x5t form).
    Base64Url,
}

pub fn encode(digest: &[u8], encoding: Encoding) -> String {
    match encoding {
        Encoding::Hex => hex_upper(digest),
        Encoding::Colons => digest
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":"),
        Encoding::Base64 => STANDARD.encode(digest),
        Encoding::Base64Url => URL_SAFE_NO_PAD.encode(digest),
    }
}

pub fn hex_upper(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// Characters that copy-paste from Windows dialogs and web pages silently adds to a thumbprint.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\n' | ':' | '-' | '\u{200E}' | '\u{200F}' | '\u{202A}'
            ..='\u{202E}' | '\u{FEFF}' | '\u{00A0}'
    )
}

/// Normalizes a pasted thumbprint to upper-case hex: 40 digits (SHA-1) or 64 (SHA-256).
///
/// Separators, case and invisible direction marks are dropped; anything else is refused with the
/// offending character and its (1-based, in characters) position, so the user can find it.
pub fn normalize(input: &str) -> Result<String> {
    let mut hex = String::with_capacity(64);
    for (index, c) in input.chars().enumerate() {
        if c.is_ascii_hexdigit() {
            hex.push(c.to_ascii_uppercase());
        } else if !is_ignorable(c) {
            return Err(Error::invalid(
                "thumbprint",
                input,
                format!(
                    "{:?} (U+{:04X}) at position {} is not a hex digit",
                    c,
                    c as u32,
                    index + 1
                ),
                "a thumbprint is 40 hex digits (SHA-1) or 64 (SHA-256); `certkit thumbprint` lists them",
            ));
        }
    }
    match hex.len() {
        40 | 64 => Ok(hex),
        n => Err(Error::invalid(
            "thumbprint",
            input,
            format!("{n} hex digits; a SHA-1 thumbprint has 40 and a SHA-256 one 64"),
            "copy the whole thumbprint; `certkit thumbprint` lists them",
        )),
    }
}

/// Reads a `customKeyIdentifier` in either form found in manifests: 40-char hex or base64.
pub fn parse_custom_key_identifier(value: &str) -> Option<Vec<u8>> {
    let trimmed = value.trim();
    if trimmed.len() == 40 && trimmed.chars().all(|c| c.is_ascii_hexdigit()) {
        return (0..40)
            .step_by(2)
            .map(|i| u8::from_str_radix(&trimmed[i..i + 2], 16).ok())
            .collect();
    }
    STANDARD.decode(trimmed).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The public golden pair in formats.md section 1 (from a reported bug, not our output).
    const GOLDEN_HEX: &str = "89569B9E426F9C89F6BB112012CC54F92B1ADD9B";

    fn golden_bytes() -> Vec<u8> {
        parse_custom_key_identifier(GOLDEN_HEX).unwrap()
    }

    #[test]
    fn golden_encodings_match_the_documented_values() {
        let bytes = golden_bytes();
        assert_eq!(
            encode(&bytes, Encoding::Base64Url),
            "iVabnkJvnIn2uxEgEsxU-Ssa3Zs"
        );
        assert_eq!(
            encode(&bytes, Encoding::Base64),
            "iVabnkJvnIn2uxEgEsxU+Ssa3Zs="
        );
        assert_eq!(encode(&bytes, Encoding::Hex), GOLDEN_HEX);
        assert!(encode(&bytes, Encoding::Colons).starts_with("89:56:9B:"));
    }

    #[test]
    fn custom_key_identifier_reads_both_forms() {
        let from_b64 = parse_custom_key_identifier("iVabnkJvnIn2uxEgEsxU+Ssa3Zs=").unwrap();
        assert_eq!(from_b64, golden_bytes());
    }

    #[test]
    fn normalize_drops_pasted_noise() {
        let pasted = "\u{200E}89 56 9b 9e:42-6F9C89F6BB112012CC54F92B1ADD9B\u{FEFF}\u{00A0}";
        assert_eq!(normalize(pasted).unwrap(), GOLDEN_HEX);
    }

    #[test]
    fn normalize_names_the_bad_character_and_position() {
        let err = normalize("89569B9E426F9C89F6BB112012CC54F92B1ADD9Z").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("'Z'") && text.contains("position 40"),
            "{text}"
        );
    }

    #[test]
    fn normalize_refuses_wrong_length() {
        let text = normalize("89569B9E").unwrap_err().to_string();
        assert!(text.contains("8 hex digits"), "{text}");
    }
}
