//! PFX protection facts for files written by the library. What OpenSSL writes (very old,
//! legacy, modern with other counts) is checked against `openssl pkcs12 -info` in tests/cli_dump.rs.

use super::*;
use crate::pfx::{write_pfx, PfxProfile};
use crate::selfsigned::{generate, NewCertificateRequest};
use crate::validity::Validity;

fn written(profile: PfxProfile, iterations: u32) -> Vec<u8> {
    let g = generate(&NewCertificateRequest {
        subject: "CN=pfxinfo".into(),
        key_size: 2048,
        validity: Validity::default_from(time::OffsetDateTime::now_utc()).unwrap(),
        dns_names: vec![],
    })
    .unwrap();
    write_pfx(&g.certificate, &g.key, "pw", profile, iterations, "x")
        .unwrap()
        .to_vec()
}

#[test]
fn modern_and_legacy_profiles_are_named_with_their_counts() {
    let modern = inspect(&written(PfxProfile::Modern, 3000)).unwrap();
    assert_eq!(modern.profile, "modern");
    let key = modern.key.unwrap();
    assert_eq!(key.algorithm, "AES-256-CBC (PBES2, PBKDF2-HMAC-SHA256)");
    assert_eq!(key.iterations, Some(3000));
    assert_eq!(
        modern.mac.unwrap(),
        MacFacts {
            algorithm: "HMAC-SHA256".into(),
            iterations: 3000
        }
    );

    let legacy = inspect(&written(PfxProfile::Legacy, 2000)).unwrap();
    assert_eq!(legacy.profile, "legacy");
    assert_eq!(
        legacy.certificates[0].algorithm,
        "3DES (pbeWithSHAAnd3-KeyTripleDES-CBC)"
    );
    assert_eq!(legacy.certificates[0].iterations, Some(2000));
    assert_eq!(legacy.mac.unwrap().algorithm, "HMAC-SHA1");
}

#[test]
fn damaged_input_is_an_error_not_a_panic() {
    let bytes = written(PfxProfile::Modern, 2048);
    for cut in [0, 1, 10, bytes.len() / 2, bytes.len() - 1] {
        assert!(inspect(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    assert!(inspect(b"not a pfx").is_err());
}
