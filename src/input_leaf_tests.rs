//! Unit tests for choosing the leaf. Certificates are made with rcgen (P-256 keys, fast); the
//! CLI tests in tests/cli_input.rs check the same choices on files made by Python.

use super::*;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
use time::macros::datetime;

fn params(cn: &str, ca: bool) -> CertificateParams {
    let mut p = CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name.push(DnType::CommonName, cn);
    if ca {
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    }
    p
}

fn parse(der: &[u8]) -> Certificate {
    Certificate::from_der(der).unwrap()
}

/// A CA and a leaf it issued, and an unrelated self-signed certificate.
fn ca_leaf_unrelated() -> (Certificate, Certificate, Certificate) {
    let ca_key = KeyPair::generate().unwrap();
    let ca_params = params("Contoso CA", true);
    let ca = parse(ca_params.self_signed(&ca_key).unwrap().der());
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = parse(
        params("app", false)
            .signed_by(&leaf_key, &issuer)
            .unwrap()
            .der(),
    );
    let other_key = KeyPair::generate().unwrap();
    let other = parse(
        params("other", false)
            .self_signed(&other_key)
            .unwrap()
            .der(),
    );
    (ca, leaf, other)
}

#[test]
fn the_leaf_of_a_chain_is_the_one_that_issued_nothing_whatever_the_order() {
    let (ca, leaf, _) = ca_leaf_unrelated();
    assert!(ca.is_ca() && !leaf.is_ca());
    for certs in [
        vec![ca.clone(), leaf.clone()],
        vec![leaf.clone(), ca.clone()],
    ] {
        let (index, reason) = without_key(&certs);
        assert_eq!(certs[index].der(), leaf.der());
        assert_eq!(reason, LeafReason::Chain);
    }
    assert_eq!(
        without_key(std::slice::from_ref(&ca)),
        (0, LeafReason::Only)
    );
}

#[test]
fn a_ca_beside_an_unrelated_leaf_is_not_taken_for_it() {
    let (ca, _, other) = ca_leaf_unrelated();
    let certs = [ca, other.clone()];
    let (index, reason) = without_key(&certs);
    assert_eq!(certs[index].der(), other.der());
    assert_eq!(reason, LeafReason::Chain);
}

#[test]
fn unrelated_leaves_are_a_guess_and_the_warning_says_which_was_taken() {
    let (ca, leaf, other) = ca_leaf_unrelated();
    let certs = [ca, other.clone(), leaf];
    let (index, reason) = without_key(&certs);
    assert_eq!((index, reason), (1, LeafReason::First));
    let warning = guess_warning(&certs, index);
    assert!(warning.contains("not one chain"), "{warning}");
    assert!(warning.contains(&other.thumbprint()), "{warning}");
}

#[test]
fn among_certificates_of_one_key_the_valid_then_the_latest_is_taken() {
    let key = KeyPair::generate().unwrap();
    let make = |from, until| {
        let mut p = params("renewed", false);
        p.not_before = from;
        p.not_after = until;
        parse(p.self_signed(&key).unwrap().der())
    };
    let expired = make(
        datetime!(2020-01-01 0:00 UTC),
        datetime!(2021-01-01 0:00 UTC),
    );
    let current = make(
        datetime!(2024-01-01 0:00 UTC),
        datetime!(2034-01-01 0:00 UTC),
    );
    let future = make(
        datetime!(2033-01-01 0:00 UTC),
        datetime!(2040-01-01 0:00 UTC),
    );
    let unrelated = ca_leaf_unrelated().2;
    let spki = current.spki_der().to_vec();
    let same_key = |c: &Certificate| c.spki_der() == spki;
    let now = datetime!(2025-06-01 0:00 UTC);
    let certs = [expired.clone(), future.clone(), current, unrelated];
    assert_eq!(for_key(&certs, same_key, now), Some(2));
    // None valid: the one that expires last.
    let later = datetime!(2045-01-01 0:00 UTC);
    assert_eq!(for_key(&certs, same_key, later), Some(1));
    assert_eq!(for_key(&certs[3..], same_key, now), None);
    assert_eq!(for_key(&[expired], same_key, now), Some(0));
}

#[test]
fn repeated_certificates_count_once_with_one_warning() {
    let (ca, leaf, _) = ca_leaf_unrelated();
    let certs = vec![leaf.clone(); 500]
        .into_iter()
        .chain([ca.clone(), leaf.clone()])
        .collect();
    let (kept, warnings) = distinct(certs, |c: &Certificate| c.der());
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].der(), leaf.der());
    assert_eq!(kept[1].der(), ca.der());
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains(&leaf.thumbprint()), "{warnings:?}");
    assert!(warnings[0].contains("501 times"), "{warnings:?}");
}
