//! Unit tests for key files. That OpenSSL and Python read what we write, and we read theirs, is
//! in tests/interop_keyfile.rs.

use super::*;
use aws_lc_rs::encoding::AsDer;

fn key() -> PrivateKey {
    let pair = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
    PrivateKey::from_pkcs8_der(pair.as_der().unwrap().as_ref()).unwrap()
}

#[test]
fn encrypted_round_trip_and_wrong_password() {
    let key = key();
    let der = encrypt_pkcs8(key.pkcs8_der(), "Pässwörd", 1000).unwrap();
    let plain = decrypt_pkcs8(&der, "Pässwörd").unwrap();
    assert_eq!(plain.as_slice(), key.pkcs8_der());
    for wrong in ["", "Passwort", "Pässwörd "] {
        assert_eq!(
            decrypt_pkcs8(&der, wrong).unwrap_err(),
            DecryptError::WrongPassword
        );
    }
}

#[test]
fn pem_forms() {
    let key = key();
    let pem = |f, pw| key_pem(&key, f, pw).unwrap().to_string();
    assert!(pem(KeyFormat::Pkcs8, None).starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(pem(KeyFormat::Pkcs1, None).starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    let encrypted = pem(KeyFormat::Pkcs8, Some("pw"));
    assert!(encrypted.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    let err = key_pem(&key, KeyFormat::Pkcs1, Some("pw")).unwrap_err();
    assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
}

#[test]
fn unsupported_and_damaged_inputs_are_told_apart() {
    assert!(matches!(
        decrypt_pkcs8(b"\x30\x00", "pw"),
        Err(DecryptError::Damaged(_))
    ));
    // pbeWithMD5AndDES-CBC (PKCS#5 v1.5), which nothing should still write.
    let pbe = [
        0x30, 0x1B, 0x30, 0x17, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x03,
        0x30, 0x0A, 0x04, 0x04, 1, 2, 3, 4, 0x02, 0x02, 0x08, 0x00, 0x04, 0x00,
    ];
    let err = decrypt_pkcs8(&pbe, "pw").unwrap_err();
    assert!(
        matches!(err, DecryptError::Unsupported(ref m) if m.contains("PBES2")),
        "{err:?}"
    );
}

#[test]
fn truncated_encrypted_keys_never_panic() {
    let der = encrypt_pkcs8(key().pkcs8_der(), "pw", 1).unwrap();
    for len in 0..der.len() {
        assert!(decrypt_pkcs8(&der[..len], "pw").is_err());
    }
}
