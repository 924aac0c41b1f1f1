//! Unit tests for format detection. Files written by OpenSSL are read in
//! tests/crypto_openssl.rs; here, the shapes real files take around the same bytes.

use super::*;
use crate::pfx::{write_pfx, PfxProfile};
use crate::selfsigned::{generate, Generated, NewCertificateRequest};
use crate::validity::Validity;
use std::sync::OnceLock;

fn pair(i: usize) -> &'static Generated {
    static PAIRS: OnceLock<[Generated; 2]> = OnceLock::new();
    let make = |cn: &str| {
        generate(&NewCertificateRequest {
            subject: cn.into(),
            key_size: 2048,
            validity: Validity::default_from(time::OffsetDateTime::now_utc()).unwrap(),
            dns_names: vec![],
        })
        .unwrap()
    };
    &PAIRS.get_or_init(|| [make("leaf"), make("other")])[i]
}

fn read(bytes: &[u8], password: Option<&str>) -> Result<InputFile> {
    read_certificates(bytes, Path::new("in.file"), password)
}

fn message(bytes: &[u8]) -> String {
    read(bytes, None).unwrap_err().to_string()
}

#[test]
fn der_certificate() {
    let leaf = &pair(0).certificate;
    let input = read(leaf.der(), None).unwrap();
    assert_eq!(input.format, Format::Der);
    assert_eq!(input.leaf_certificate().thumbprint(), leaf.thumbprint());
    assert!(input.key.is_none());
}

#[test]
fn pem_with_noise_and_the_key_picks_the_matching_leaf() {
    let (leaf, other) = (pair(0), pair(1));
    let text = format!(
        "Bag Attributes\n    friendlyName: other\nsubject=CN = other\n{}\nBag Attributes\n{}{}",
        other.certificate.to_pem(),
        leaf.certificate.to_pem(),
        leaf.key.to_pkcs8_pem().as_str(),
    );
    let crlf = text.replace('\n', "  \r\n");
    let cr_only = text.replace('\n', "\r");
    let no_final_newline = text.trim_end().to_string();
    for variant in [text, crlf, cr_only, no_final_newline] {
        let input = read(variant.as_bytes(), None).unwrap();
        assert_eq!(input.format, Format::Pem);
        assert_eq!(input.certificates.len(), 2);
        assert_eq!(input.leaf, 1);
        assert_eq!(input.leaf_certificate().der(), leaf.certificate.der());
    }
}

#[test]
fn pem_saved_as_utf16_by_powershell() {
    let pem = pair(0).certificate.to_pem();
    let mut le = vec![0xFF, 0xFE];
    le.extend(pem.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read(&le, None).unwrap().format, Format::Pem);
    let mut be = vec![0xFE, 0xFF];
    be.extend(pem.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(read(&be, None).unwrap().format, Format::Pem);
    let bom8 = [&[0xEF, 0xBB, 0xBF][..], pem.as_bytes()].concat();
    assert_eq!(read(&bom8, None).unwrap().format, Format::Pem);
}

#[test]
fn bare_base64_of_a_certificate_or_a_pfx() {
    let g = pair(0);
    let b64 = STANDARD.encode(g.certificate.der());
    let wrapped: String = b64
        .as_bytes()
        .chunks(76)
        .map(|c| format!("{}\r\n", std::str::from_utf8(c).unwrap()))
        .collect();
    for text in [b64, wrapped] {
        let input = read(text.as_bytes(), None).unwrap();
        assert_eq!(input.format, Format::Base64);
        assert_eq!(input.certificates[0].der(), g.certificate.der());
    }
    let pfx = write_pfx(&g.certificate, &g.key, "", PfxProfile::Modern, 2048, "x").unwrap();
    let input = read(STANDARD.encode(&*pfx).as_bytes(), None).unwrap();
    assert_eq!(input.format, Format::Base64);
    assert!(input.key.is_some());
}

#[test]
fn pkcs12_with_and_without_password() {
    let g = pair(0);
    let pfx = write_pfx(&g.certificate, &g.key, "pw", PfxProfile::Legacy, 2048, "x").unwrap();
    let input = read(&pfx, Some("pw")).unwrap();
    assert_eq!(input.format, Format::Pkcs12);
    assert!(input.key.unwrap().public_key_matches(&g.certificate));
    assert!(matches!(read(&pfx, None), Err(Error::NoPassword { .. })));
    assert!(matches!(
        read(&pfx, Some("no")),
        Err(Error::WrongPassword { .. })
    ));
    let open = write_pfx(&g.certificate, &g.key, "", PfxProfile::Modern, 2048, "x").unwrap();
    assert_eq!(read(&open, None).unwrap().leaf, 0);
}

#[test]
fn errors_name_the_detected_format() {
    let (leaf, other) = (pair(0), pair(1));
    let der = leaf.certificate.der();
    assert!(message(&der[..der.len() - 1]).starts_with("damaged DER certificate"));
    assert!(message(&[0x00, 0xFF, 0x80]).starts_with("not a certificate file"));
    assert!(message(b"0123 hello").starts_with("not a certificate file"));
    let b64 = STANDARD.encode(&der[..200]);
    assert!(message(b64.as_bytes()).starts_with("damaged base64 certificate"));
    let key_only = leaf.key.to_pkcs8_pem();
    let text = message(key_only.as_bytes());
    assert!(
        text.contains("no certificate in PEM") && text.contains("PRIVATE KEY"),
        "{text}"
    );
    let foreign = format!(
        "{}{}",
        leaf.certificate.to_pem(),
        other.key.to_pkcs1_pem().as_str()
    );
    assert!(message(foreign.as_bytes()).starts_with("PEM with a foreign key"));
    let broken = leaf
        .certificate
        .to_pem()
        .replace("-----END CERTIFICATE-----", "");
    assert!(message(broken.as_bytes()).starts_with("damaged PEM"));
}

#[test]
fn truncated_inputs_give_errors_not_panics() {
    let g = pair(0);
    let pem = format!(
        "{}{}",
        g.certificate.to_pem(),
        g.key.to_pkcs1_pem().as_str()
    );
    let b64 = STANDARD.encode(g.certificate.der());
    for bytes in [g.certificate.der(), pem.as_bytes(), b64.as_bytes()] {
        for len in 0..bytes.len() {
            let outcome = std::panic::catch_unwind(|| read(&bytes[..len], None));
            assert!(outcome.is_ok(), "panic at length {len}");
        }
    }
}

#[test]
fn key_blocks_that_are_no_key_do_not_hide_the_certificates() {
    // As in cryptography-vectors' cryptography.io.with_garbage.pem.
    let g = pair(0);
    let garbage = crate::pem::encode("PRIVATE KEY", &[0x68, 0x03, 1, 2, 3]);
    let text = format!("{garbage}{}{garbage}", g.certificate.to_pem());
    let input = read(text.as_bytes(), None).unwrap();
    assert_eq!(input.leaf_certificate().der(), g.certificate.der());
    assert!(input.key.is_none());
    assert_eq!(input.warnings.len(), 2, "{:?}", input.warnings);
    assert!(input.warnings[0].starts_with("ignored the PRIVATE KEY block at line 1"));
}

#[test]
fn encrypted_keys_are_skipped_without_a_password_and_used_with_it() {
    let g = pair(0);
    let encrypted =
        crate::keyfile::key_pem(&g.key, crate::keyfile::KeyFormat::Pkcs8, Some("pw")).unwrap();
    let text = format!("{}{}", pair(1).certificate.to_pem(), g.certificate.to_pem());
    let text = format!("{text}{}", encrypted.as_str());
    let without = read(text.as_bytes(), None).unwrap();
    assert!(without.key.is_none());
    assert!(without.warnings[0].contains("is encrypted and was not read"));
    let with = read(text.as_bytes(), Some("pw")).unwrap();
    assert_eq!(with.leaf, 1);
    assert!(with.key.unwrap().public_key_matches(&g.certificate));
    let wrong = read(text.as_bytes(), Some("nope")).unwrap_err().to_string();
    assert!(
        wrong.starts_with("wrong password for the encrypted private key"),
        "{wrong}"
    );
}

#[test]
fn inputs_over_the_size_bound_are_refused_before_parsing() {
    let big = vec![b'A'; MAX_INPUT_BYTES as usize + 1];
    assert!(message(&big).contains("16 MiB"));
}

/// An ENCRYPTED PRIVATE KEY block asking for `iterations` of PBKDF2, with ciphertext no password
/// opens: only a reader that derives the key pays for it.
fn encrypted_key_asking(iterations: u32) -> String {
    use crate::pbe::{
        EncryptedPrivateKeyInfo, Pbes2Params, Pbkdf2Params, AES_256_CBC, PBES2, PBKDF2,
    };
    use der::asn1::{AnyRef, OctetStringRef};
    use der::Encode;
    use x509_cert::spki::AlgorithmIdentifierRef;
    let salt = OctetStringRef::new(b"saltsalt").unwrap();
    let (prf, key_length) = (None, None);
    let kdf = Pbkdf2Params {
        salt,
        iterations,
        key_length,
        prf,
    }
    .to_der()
    .unwrap();
    let iv = OctetStringRef::new(&[0; 16]).unwrap().to_der().unwrap();
    fn alg(oid: der::asn1::ObjectIdentifier, params: &[u8]) -> AlgorithmIdentifierRef<'_> {
        AlgorithmIdentifierRef {
            oid,
            parameters: Some(AnyRef::from_der(params).unwrap()),
        }
    }
    let pbes2 = Pbes2Params {
        kdf: alg(PBKDF2, &kdf),
        cipher: alg(AES_256_CBC, &iv),
    };
    let pbes2 = pbes2.to_der().unwrap();
    let info = EncryptedPrivateKeyInfo {
        algorithm: alg(PBES2, &pbes2),
        data: OctetStringRef::new(&[0; 16]).unwrap(),
    };
    crate::pem::encode("ENCRYPTED PRIVATE KEY", &info.to_der().unwrap())
}

#[test]
fn several_encrypted_keys_are_refused_before_any_is_decrypted() {
    // 9,000,000 iterations each (a second apiece): a reader that decrypted before counting
    // would report the wrong password, not the several keys.
    let key = encrypted_key_asking(9_000_000);
    let text = format!("{}{key}{key}", pair(0).certificate.to_pem());
    let err = read(text.as_bytes(), Some("pw")).unwrap_err().to_string();
    assert!(err.starts_with("PEM with several keys"), "{err}");
    assert!(
        err.contains("2 private keys (2 of them encrypted)"),
        "{err}"
    );
    // Without a password they are only mentioned, as before.
    assert!(read(text.as_bytes(), None).is_ok());
}

#[test]
fn an_encrypted_key_asking_for_too_much_work_is_refused_before_it() {
    let key = encrypted_key_asking(crate::keyfile::MAX_KEY_ITERATIONS + 1);
    let text = format!("{}{key}", pair(0).certificate.to_pem());
    let err = read(text.as_bytes(), Some("pw")).unwrap_err().to_string();
    assert!(
        err.starts_with("unreasonable encrypted private key"),
        "{err}"
    );
    assert!(err.contains("10000001"), "{err}");
}

#[test]
fn without_a_key_the_leaf_is_the_end_of_the_chain_or_a_stated_guess() {
    let (leaf, other) = (pair(0), pair(1));
    // Two unrelated self-signed certificates: the first, and a warning that says so.
    let text = format!(
        "{}{}",
        other.certificate.to_pem(),
        leaf.certificate.to_pem()
    );
    let input = read(text.as_bytes(), None).unwrap();
    assert_eq!(input.leaf, 0);
    assert_eq!(input.leaf_reason, LeafReason::First);
    let warning = input.leaf_warning().unwrap();
    assert!(
        warning.contains(&other.certificate.thumbprint()),
        "{warning}"
    );
    // The same certificate twice is one certificate: no guess.
    let twice = leaf.certificate.to_pem().repeat(2);
    let input = read(twice.as_bytes(), None).unwrap();
    assert_eq!(input.certificates.len(), 1);
    assert!(input.leaf_warning().is_none());
    assert!(
        input.warnings[0].contains("2 times"),
        "{:?}",
        input.warnings
    );
}
