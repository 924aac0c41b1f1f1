//! Unit tests for the work budget and password encodings. Decryption of what OpenSSL and Python
//! write is checked in tests/interop_read.rs and tests/cli_input.rs.

use super::*;

fn encrypted(iterations: u32) -> Vec<u8> {
    crate::keyfile::encrypt_pkcs8(b"\x30\x03\x02\x01\x00", "pw", iterations).unwrap()
}

fn decrypt_with(der: &[u8], password: &str, budget: &mut Budget) -> Result<Vec<u8>, DecryptError> {
    let info = EncryptedPrivateKeyInfo::from_der(der).unwrap();
    decrypt(
        &info.algorithm,
        info.data.as_bytes(),
        &Password::Text(password),
        budget,
    )
    .map(|p| p.to_vec())
}

#[test]
fn work_beyond_the_budget_is_refused_before_it_is_done() {
    let der = encrypted(1000);
    let err = decrypt_with(&der, "pw", &mut Budget::new(999)).unwrap_err();
    assert_eq!(
        err,
        DecryptError::TooMuchWork {
            asked: 1000,
            limit: 999
        }
    );
    // One budget pays for every decryption of a file: the second one no longer fits.
    let mut shared = Budget::new(1500);
    assert_eq!(
        decrypt_with(&der, "pw", &mut shared).unwrap(),
        b"\x30\x03\x02\x01\x00"
    );
    let err = decrypt_with(&der, "pw", &mut shared).unwrap_err();
    assert_eq!(
        err,
        DecryptError::TooMuchWork {
            asked: 2000,
            limit: 1500
        }
    );
    // A wrong password still costs the derivation, and says so.
    let mut budget = Budget::new(1000);
    assert_eq!(
        decrypt_with(&der, "wrong", &mut budget),
        Err(DecryptError::WrongPassword)
    );
    assert!(budget.spend(1).is_err());
}

#[test]
fn pkcs12_passwords_are_utf16_with_a_terminator_and_surrogates_beyond_the_bmp() {
    // RFC 7292 appendix B.1: BMPString with two zero bytes; OpenSSL encodes U+1F600 as the
    // surrogate pair D83D DE00.
    assert_eq!(
        Password::Text("a\u{1F600}").pkcs12_bytes().as_slice(),
        [0x00, 0x61, 0xD8, 0x3D, 0xDE, 0x00, 0x00, 0x00]
    );
    assert_eq!(Password::Text("").pkcs12_bytes().as_slice(), [0, 0]);
    assert!(Password::Absent.pkcs12_bytes().is_empty());
    assert_eq!(Password::Text("é").utf8(), "é".as_bytes());
    assert_eq!(Password::Absent.utf8(), b"");
}

#[test]
fn scrypt_work_counts_every_lane_and_bounds_memory() {
    // OpenSSL's default scrypt (N=2^14, r=8, p=1): 16 MiB, within bounds.
    assert_eq!(scrypt_work(16384, 8, 1), (262_144, true));
    // fixtures/hostile/scrypt-1gib.pfx: N=2^20, r=8, p=16.
    let (work, fits) = scrypt_work(1 << 20, 8, 16);
    assert_eq!(work, 268_435_456);
    assert!(!fits);
    assert_eq!(scrypt_work(u64::MAX, 8, 1).0, u64::MAX);
}

#[test]
fn unknown_schemes_and_damage_are_told_apart_from_wrong_passwords() {
    let mut budget = Budget::new(10);
    let alg = AlgorithmIdentifierRef {
        oid: ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.3"),
        parameters: None,
    };
    let err = decrypt(&alg, b"", &Password::Absent, &mut budget).unwrap_err();
    assert!(matches!(err, DecryptError::Unsupported(ref m) if m.contains("PBES2")));
    let pbes2_without_parameters = AlgorithmIdentifierRef {
        oid: PBES2,
        parameters: None,
    };
    let err = decrypt(
        &pbes2_without_parameters,
        b"",
        &Password::Absent,
        &mut budget,
    );
    assert!(matches!(err, Err(DecryptError::Damaged(_))));
}
