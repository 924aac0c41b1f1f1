//! Unit tests for private keys; aws-lc-rs is the independent encoder and parser here.
//! OpenSSL-produced keys are read in tests/crypto_openssl.rs.

use super::*;
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;

fn aws_key() -> KeyPair {
    KeyPair::generate(KeySize::Rsa2048).unwrap()
}

#[test]
fn public_key_equals_aws_lc_pkcs1_public_key() {
    let pair = aws_key();
    let pkcs8 = pair.as_der().unwrap();
    let key = PrivateKey::from_pkcs8_der(pkcs8.as_ref()).unwrap();
    // aws-lc-rs documents public_key().as_ref() as PKCS#1 RSAPublicKey DER.
    assert_eq!(key.public_key_der(), pair.public_key().as_ref());
    assert_eq!(key.rsa_bits(), 2048);
    assert_eq!(rsa_modulus_bits(key.public_key_der()), Some(2048));
}

#[test]
fn pkcs1_round_trip_rebuilds_the_same_pkcs8_as_aws_lc() {
    let pair = aws_key();
    let pkcs8 = pair.as_der().unwrap();
    let key = PrivateKey::from_pkcs8_der(pkcs8.as_ref()).unwrap();
    let pkcs1_pem = key.to_pkcs1_pem();
    assert!(pkcs1_pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    let again = PrivateKey::from_pem(&pkcs1_pem).unwrap();
    assert_eq!(again.pkcs8_der(), pkcs8.as_ref());
    // aws-lc-rs must accept the PKCS#1 bytes we extracted as an RSAPrivateKey.
    let block = &crate::pem::blocks(&pkcs1_pem).unwrap()[0];
    assert!(aws_lc_rs::rsa::KeyPair::from_der(&block.der).is_ok());

    let pkcs8_pem = key.to_pkcs8_pem();
    assert_eq!(
        PrivateKey::from_pem(&pkcs8_pem).unwrap().pkcs8_der(),
        pkcs8.as_ref()
    );
}

#[test]
fn debug_output_has_no_key_material() {
    let pair = aws_key();
    let key = PrivateKey::from_pkcs8_der(pair.as_der().unwrap().as_ref()).unwrap();
    let text = format!("{key:?}");
    assert_eq!(text, "PrivateKey { algorithm: \"RSA\", bits: 2048, .. }");
}

#[test]
fn refusals_name_the_problem() {
    let err = |text: &str| PrivateKey::from_pem(text).unwrap_err();
    assert!(err("nothing here").contains("no PRIVATE KEY"));
    let two = crate::pem::encode("PRIVATE KEY", &[1]).repeat(2);
    assert!(err(&two).contains("more than one"));
    let enc = crate::pem::encode("ENCRYPTED PRIVATE KEY", &[1, 2, 3]);
    assert!(err(&enc).contains("encrypted"));
    let ec = crate::pem::encode("EC PRIVATE KEY", &[1, 2, 3]);
    assert!(err(&ec).contains("not an RSA key"));
    let junk = crate::pem::encode("PRIVATE KEY", &[0x30, 0x03, 0x02, 0x01, 0x00]);
    assert!(err(&junk).contains("not a PKCS#8 private key"));
    // An Ed25519 PKCS#8 key (RFC 8410 example) is refused as non-RSA, not misread.
    let ed = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
    assert!(err(ed).contains("not RSA (algorithm 1.3.101.112)"));
}
