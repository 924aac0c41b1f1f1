//! Hostile PFX files, built here byte by byte: work hidden where a pre-check cannot see it,
//! bags certkit never needs, too many bags, repeated certificates, a renewal that kept its key.

use std::path::Path;
use std::sync::OnceLock;

use der::Encode;

use super::super::{inspect, read_pfx, MAX_READ_ITERATIONS};
use crate::error::Error;
use crate::selfsigned::{generate, Generated, NewCertificateRequest};
use crate::validity::Validity;

fn sample() -> &'static Generated {
    static SAMPLE: OnceLock<Generated> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        generate(&NewCertificateRequest {
            subject: "CN=hostile".into(),
            key_size: 2048,
            validity: Validity::default_from(time::OffsetDateTime::now_utc()).unwrap(),
            dns_names: vec![],
        })
        .unwrap()
    })
}

fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = body.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes: Vec<u8> = len
            .to_be_bytes()
            .into_iter()
            .skip_while(|b| *b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend(bytes);
    }
    out.extend_from_slice(body);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

fn oid(dotted: &str) -> Vec<u8> {
    der::asn1::ObjectIdentifier::new_unwrap(dotted)
        .to_der()
        .unwrap()
}

fn int(n: u64) -> Vec<u8> {
    der::asn1::Uint::new(&n.to_be_bytes())
        .unwrap()
        .to_der()
        .unwrap()
}

fn octets(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

fn explicit0(body: &[u8]) -> Vec<u8> {
    tlv(0xA0, body)
}

const DATA: &str = "1.2.840.113549.1.7.1";

fn cert_bag(der: &[u8]) -> Vec<u8> {
    let value = seq(&[oid("1.2.840.113549.1.9.22.1"), explicit0(&octets(der))]);
    seq(&[oid("1.2.840.113549.1.12.10.1.3"), explicit0(&value)])
}

fn key_bag(pkcs8: &[u8]) -> Vec<u8> {
    seq(&[oid("1.2.840.113549.1.12.10.1.1"), explicit0(pkcs8)])
}

/// EncryptedPrivateKeyInfo under PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with `iterations`, and
/// ciphertext nobody can decrypt: only a reader that derives the key pays the iterations.
fn encrypted_info(iterations: u64) -> Vec<u8> {
    let prf = seq(&[oid("1.2.840.113549.2.9"), vec![0x05, 0x00]]);
    let kdf = seq(&[
        oid("1.2.840.113549.1.5.12"),
        seq(&[octets(b"saltsalt"), int(iterations), prf]),
    ]);
    let cipher = seq(&[oid("2.16.840.1.101.3.4.1.42"), octets(&[7; 16])]);
    let alg = seq(&[oid("1.2.840.113549.1.5.13"), seq(&[kdf, cipher])]);
    seq(&[alg, octets(&[0; 16])])
}

fn shrouded_key_bag(iterations: u64) -> Vec<u8> {
    seq(&[
        oid("1.2.840.113549.1.12.10.1.2"),
        explicit0(&encrypted_info(iterations)),
    ])
}

/// A PKCS#12 secret bag (1.2.840.113549.1.12.10.1.5) holding an encrypted key, as Java
/// keystores hold secret keys.
fn secret_bag(iterations: u64) -> Vec<u8> {
    let secret = seq(&[
        oid("1.2.840.113549.1.9.25.3"),
        explicit0(&octets(&encrypted_info(iterations))),
    ]);
    seq(&[oid("1.2.840.113549.1.12.10.1.5"), explicit0(&secret)])
}

fn data_safe(bags: &[Vec<u8>]) -> Vec<u8> {
    seq(&[oid(DATA), explicit0(&octets(&seq(bags)))])
}

/// An encryptedData part under the empty password with one PBKDF2 iteration: a pre-check sees
/// one iteration and nothing of what is inside.
fn encrypted_safe(bags: &[Vec<u8>]) -> Vec<u8> {
    let sealed = crate::keyfile::encrypt_pkcs8(&seq(bags), "", 1).unwrap();
    let info = der::Decode::from_der(&sealed).map(|i: crate::pbe::EncryptedPrivateKeyInfo<'_>| {
        (i.algorithm.to_der().unwrap(), i.data.as_bytes().to_vec())
    });
    let (alg, data) = info.unwrap();
    let content = seq(&[oid(DATA), alg, tlv(0x80, &data)]);
    let encrypted_data = seq(&[int(0), content]);
    seq(&[oid("1.2.840.113549.1.7.6"), explicit0(&encrypted_data)])
}

/// A PFX without a MAC (nothing to forge: the attacker needs no password).
fn pfx(safes: &[Vec<u8>]) -> Vec<u8> {
    seq(&[int(3), seq(&[oid(DATA), explicit0(&octets(&seq(safes)))])])
}

fn read(bytes: &[u8]) -> crate::Result<super::super::PfxContents> {
    read_pfx(bytes, "", Path::new("hostile.pfx"))
}

fn refusal(bytes: &[u8]) -> String {
    match read(bytes) {
        Err(e @ Error::BadFile { .. }) => format!("{e} / {}", e.hint()),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn secret_bags_are_skipped_without_deriving_their_keys() {
    // 50 bags at 1,000,000 iterations: a reader that derived their keys would exceed the
    // budget after four and fail; skipping them reads the file.
    let mut bags = vec![cert_bag(sample().certificate.der())];
    bags.extend(std::iter::repeat_n(secret_bag(1_000_000), 50));
    for bytes in [pfx(&[data_safe(&bags)]), pfx(&[encrypted_safe(&bags)])] {
        let read = read(&bytes).unwrap();
        assert_eq!(read.certificates.len(), 1);
        assert_eq!(read.certificates[0].der(), sample().certificate.der());
    }
}

#[test]
fn work_hidden_inside_an_encrypted_part_is_paid_from_the_same_budget() {
    let bags = [
        cert_bag(sample().certificate.der()),
        shrouded_key_bag(MAX_READ_ITERATIONS + 1),
    ];
    let bytes = pfx(&[encrypted_safe(&bags)]);
    let visible = inspect(&bytes).unwrap().total_iterations();
    assert_eq!(visible, 1, "the pre-check must not see inside");
    let message = refusal(&bytes);
    assert!(
        message.starts_with("unreasonable PFX (hostile.pfx)"),
        "{message}"
    );
    assert!(
        message.contains("4000002 key-derivation iterations"),
        "{message}"
    );
}

#[test]
fn more_bags_than_any_real_file_holds_are_refused() {
    let bag = cert_bag(sample().certificate.der());
    let bags = vec![bag; super::MAX_BAGS + 1];
    let message = refusal(&pfx(&[data_safe(&bags)]));
    assert!(message.contains("more than 2000 items"), "{message}");
}

#[test]
fn a_leaf_held_many_times_counts_once() {
    let g = sample();
    let mut bags = vec![cert_bag(g.certificate.der()); 500];
    bags.push(key_bag(g.key.pkcs8_der()));
    let read = read(&pfx(&[data_safe(&bags)])).unwrap();
    assert_eq!(read.certificates.len(), 1);
    assert_eq!(read.leaf_index, Some(0));
    let repeated: Vec<_> = read
        .warnings
        .iter()
        .filter(|w| w.contains("500 times"))
        .collect();
    assert_eq!(repeated.len(), 1, "{:?}", read.warnings);
}

#[test]
fn a_renewal_that_kept_the_key_is_the_leaf_not_the_expired_certificate() {
    use time::macros::datetime;
    let g = sample();
    let key_pem = g.key.to_pkcs8_pem();
    let signer = rcgen::KeyPair::from_pem_and_sign_algo(&key_pem, &rcgen::PKCS_RSA_SHA256).unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "hostile");
    params.not_before = datetime!(2020-01-01 0:00 UTC);
    params.not_after = datetime!(2021-01-01 0:00 UTC);
    let expired = params.self_signed(&signer).unwrap().der().to_vec();
    let key = key_bag(g.key.pkcs8_der());
    for (certs, leaf) in [
        ([expired.as_slice(), g.certificate.der()], 1),
        ([g.certificate.der(), expired.as_slice()], 0),
    ] {
        let bags = [cert_bag(certs[0]), cert_bag(certs[1]), key.clone()];
        let read = read(&pfx(&[data_safe(&bags)])).unwrap();
        assert_eq!(read.leaf_index, Some(leaf));
        assert_eq!(read.certificates[leaf].der(), g.certificate.der());
    }
}

#[test]
fn several_keys_are_refused_before_any_is_decrypted() {
    // Decrypting the first would leave too little budget for the second: the count comes first.
    let bags = [shrouded_key_bag(3_000_000), shrouded_key_bag(3_000_000)];
    let message = refusal(&pfx(&[encrypted_safe(&bags)]));
    assert!(message.starts_with("PFX with several keys"), "{message}");
}
