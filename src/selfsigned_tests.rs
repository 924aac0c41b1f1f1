//! Unit tests for generation, reading the result back with x509-cert (an independent decoder).
//! OpenSSL's view of the same certificates is in tests/crypto_openssl.rs.

use super::*;
use const_oid::db::rfc5280::{ID_KP_CLIENT_AUTH, ID_KP_SERVER_AUTH};
use der::Decode;
use time::macros::datetime;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage, KeyUsages, SubjectKeyIdentifier};
use x509_cert::time::Time;

fn request(subject: &str) -> NewCertificateRequest {
    NewCertificateRequest {
        subject: subject.into(),
        key_size: DEFAULT_KEY_SIZE,
        validity: Validity::new(
            datetime!(2049-12-31 23:00 UTC),
            datetime!(2050-01-02 00:00 UTC),
        )
        .unwrap(),
        dns_names: vec!["api.contoso.com".into(), "*.contoso.com".into()],
    }
}

#[test]
fn generated_certificate_has_the_windows_profile() {
    let started = std::time::Instant::now();
    let g = generate(&request("svc")).unwrap();
    eprintln!("RSA-2048 certificate generated in {:?}", started.elapsed());
    let parsed = x509_cert::Certificate::from_der(g.certificate.der()).unwrap();
    let tbs = parsed.tbs_certificate();

    assert_eq!(tbs.version(), x509_cert::certificate::Version::V3);
    assert_eq!(tbs.subject(), tbs.issuer());
    assert_eq!(g.certificate.subject(), "CN=svc");
    assert_eq!(
        parsed.signature_algorithm().oid,
        const_oid::db::rfc5912::SHA_256_WITH_RSA_ENCRYPTION
    );
    let (critical, ku) = tbs.get_extension::<KeyUsage>().unwrap().unwrap();
    assert!(critical);
    assert_eq!(
        ku.0,
        KeyUsages::DigitalSignature | KeyUsages::KeyEncipherment
    );
    let (_, eku) = tbs.get_extension::<ExtendedKeyUsage>().unwrap().unwrap();
    assert_eq!(eku.0, [ID_KP_CLIENT_AUTH, ID_KP_SERVER_AUTH]);
    let (_, ski) = tbs
        .get_extension::<SubjectKeyIdentifier>()
        .unwrap()
        .unwrap();
    let expected = sha1::Sha1::digest(g.certificate.public_key_bits());
    assert_eq!(ski.0.as_bytes(), expected.as_slice());
    assert!(g.key.public_key_matches(&g.certificate));
    assert_eq!(g.key.rsa_bits(), 2048);
}

#[test]
fn dates_from_2050_are_generalized_time() {
    let g = generate(&request("svc")).unwrap();
    let parsed = x509_cert::Certificate::from_der(g.certificate.der()).unwrap();
    let validity = parsed.tbs_certificate().validity();
    assert!(matches!(validity.not_before, Time::UtcTime(_)));
    assert!(matches!(validity.not_after, Time::GeneralTime(_)));
    assert_eq!(g.certificate.not_after(), datetime!(2050-01-02 00:00 UTC));
}

#[test]
fn serial_is_positive_random_and_short() {
    let a = generate(&request("svc")).unwrap().certificate;
    let b = generate(&request("svc")).unwrap().certificate;
    for serial in [a.serial(), b.serial()] {
        assert!(serial.len() <= 16, "{serial:02X?}");
        assert!(serial[0] & 0x80 == 0 && serial.iter().any(|&x| x != 0));
    }
    assert_ne!(a.serial(), b.serial());
}

#[test]
fn key_sizes_are_checked_before_generating() {
    let mut req = request("svc");
    for (bits, why) in [
        (1024, "AADSTS50032"),
        (2047, "AADSTS50032"),
        (2500, "2048, 3072 or 4096"),
        (8192, "2048, 3072 or 4096"),
    ] {
        req.key_size = bits;
        let err = generate(&req).unwrap_err();
        assert!(err.to_string().contains(why), "{bits}: {err}");
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
    }
}

#[test]
fn validity_is_checked_again() {
    let mut req = request("svc");
    req.validity.not_after = req.validity.not_before;
    assert!(generate(&req)
        .unwrap_err()
        .to_string()
        .contains("later than"));
}

#[test]
fn bad_subjects_and_dns_names_are_refused() {
    assert!(generate(&request("OU=a,OU=b")).is_err());
    let mut req = request("svc");
    for bad in [
        "", "a..b", "-a.com", "a_b.com", "x.*.com", "é.com", "a.com.",
    ] {
        req.dns_names = vec![bad.into()];
        let err = generate(&req).unwrap_err().to_string();
        assert!(err.contains("invalid DNS name"), "{bad}: {err}");
    }
    assert!(check_dns_name("xn--zo-cja.example").is_ok());
    assert!(check_dns_name(&"a".repeat(64)).is_err());
}
