//! Generating the self-signed certificate New-SelfSignedCertificate would make (formats.md §7).
//!
//! Every field is set explicitly: rcgen's defaults (name `CN=rcgen self signed cert`, validity
//! 1975–4096, a serial derived from the key) are wrong for this job.

use rcgen::{
    CertificateParams, ExtendedKeyUsagePurpose, IsCa, KeyIdMethod, KeyPair, KeyUsagePurpose,
    RsaKeySize, SanType, SerialNumber, PKCS_RSA_SHA256,
};
use sha1::Digest;
use zeroize::Zeroize;

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::keys::PrivateKey;
use crate::subject::parse_subject;
use crate::validity::Validity;

/// RSA modulus sizes we generate; 2048 is what Windows makes and what Entra requires at least.
pub const KEY_SIZES: [u32; 3] = [2048, 3072, 4096];
pub const DEFAULT_KEY_SIZE: u32 = 2048;

/// What `certkit new` asks for.
#[derive(Debug, Clone)]
pub struct NewCertificateRequest {
    /// A bare name (becomes `CN=name`) or an RFC 4514 name.
    pub subject: String,
    /// RSA modulus bits: 2048, 3072 or 4096.
    pub key_size: u32,
    pub validity: Validity,
    /// Subject alternative names (DNS); none by default, as Entra does not look at them.
    pub dns_names: Vec<String>,
}

/// A new certificate and its private key.
#[derive(Debug)]
pub struct Generated {
    pub certificate: Certificate,
    pub key: PrivateKey,
}

/// Checks a request without generating anything, so the command line can be refused before the
/// user is asked for a password.
pub fn check(req: &NewCertificateRequest) -> Result<()> {
    rsa_key_size(req.key_size)?;
    certificate_params(req).map(|_| ())
}

/// Generates an RSA key and a self-signed X.509 v3 certificate for it.
pub fn generate(req: &NewCertificateRequest) -> Result<Generated> {
    let key_size = rsa_key_size(req.key_size)?;
    let params = certificate_params(req)?;
    let mut key_pair = KeyPair::generate_rsa_for(&PKCS_RSA_SHA256, key_size)
        .map_err(|e| Error::crypto("RSA key generation", e))?;
    let generated = sign(params, &key_pair);
    // rcgen's copy of the PKCS#8 is a plain Vec; wipe it whatever happened.
    key_pair.zeroize();
    generated
}

fn certificate_params(req: &NewCertificateRequest) -> Result<CertificateParams> {
    let mut params = CertificateParams::default();
    params.distinguished_name = parse_subject(&req.subject)?.to_distinguished_name()?;
    // The fields are public, so check them again rather than trust the caller.
    let validity = Validity::new(req.validity.not_before, req.validity.not_after)?;
    params.not_before = validity.not_before;
    params.not_after = validity.not_after;
    params.serial_number = Some(SerialNumber::from_slice(&random_serial()?));
    params.subject_alt_names = dns_sans(&req.dns_names)?;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::KeyEncipherment,
    ];
    params.extended_key_usages = vec![
        ExtendedKeyUsagePurpose::ClientAuth,
        ExtendedKeyUsagePurpose::ServerAuth,
    ];
    // rcgen writes a subject key identifier only with ExplicitNoCa (which adds a critical
    // CA:FALSE, harmless for a leaf).
    params.is_ca = IsCa::ExplicitNoCa;
    Ok(params)
}

fn sign(mut params: CertificateParams, key_pair: &KeyPair) -> Result<Generated> {
    // SHA-1 of the subjectPublicKey bits: the identifier Windows and OpenSSL compute, not
    // rcgen's default truncated SHA-256 of the whole SPKI.
    params.key_identifier_method =
        KeyIdMethod::PreSpecified(sha1::Sha1::digest(key_pair.public_key_raw()).to_vec());
    let cert = params
        .self_signed(key_pair)
        .map_err(|e| Error::crypto("certificate signing", e))?;
    let certificate = Certificate::from_der(cert.der())
        .map_err(|e| Error::crypto("re-reading the new certificate", e))?;
    let key = PrivateKey::from_pkcs8_der(key_pair.serialized_der())
        .map_err(|e| Error::crypto("re-reading the new key", e))?;
    Ok(Generated { certificate, key })
}

fn rsa_key_size(bits: u32) -> Result<RsaKeySize> {
    let invalid = |why: &str| {
        Error::invalid(
            "key size",
            bits.to_string(),
            why,
            "use --key-size 2048 (the default), 3072 or 4096",
        )
    };
    match bits {
        2048 => Ok(RsaKeySize::_2048),
        3072 => Ok(RsaKeySize::_3072),
        4096 => Ok(RsaKeySize::_4096),
        b if b < 2048 => Err(invalid(
            "Entra refuses RSA keys under 2048 bits when the app asks for a token (AADSTS50032)",
        )),
        _ => Err(invalid(
            "certkit generates RSA keys of 2048, 3072 or 4096 bits",
        )),
    }
}

/// 16 random bytes, top bit cleared so the INTEGER stays positive and within 20 bytes, and never
/// all zero (RFC 5280 §4.1.2.2 wants a positive serial).
fn random_serial() -> Result<[u8; 16]> {
    loop {
        let mut serial = [0u8; 16];
        getrandom::fill(&mut serial).map_err(|e| Error::crypto("random serial number", e))?;
        serial[0] &= 0x7F;
        if serial.iter().any(|&b| b != 0) {
            return Ok(serial);
        }
    }
}

fn dns_sans(names: &[String]) -> Result<Vec<SanType>> {
    names
        .iter()
        .map(|name| {
            check_dns_name(name).map_err(|why| {
                Error::invalid(
                    "DNS name",
                    name,
                    why,
                    "give a host name like api.contoso.com or *.contoso.com",
                )
            })?;
            let ia5 = name
                .as_str()
                .try_into()
                .map_err(|e| Error::crypto("DNS name", e))?;
            Ok(SanType::DnsName(ia5))
        })
        .collect()
}

/// A host name of letters, digits and hyphens (RFC 1123), optionally with a leading `*.` label.
pub fn check_dns_name(name: &str) -> std::result::Result<(), String> {
    let host = name.strip_prefix("*.").unwrap_or(name);
    if name.len() > 253 {
        return Err("longer than 253 characters".into());
    }
    if host.is_empty() {
        return Err("empty".into());
    }
    for label in host.split('.') {
        if label.is_empty() {
            return Err("has an empty label (two dots, or a dot at an end)".into());
        }
        if label.len() > 63 {
            return Err(format!("label {label:?} is longer than 63 characters"));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
        {
            return Err(format!(
                "{c:?} is not allowed; use letters, digits and hyphens (punycode for IDNs)"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!("label {label:?} starts or ends with a hyphen"));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "selfsigned_tests.rs"]
mod tests;
