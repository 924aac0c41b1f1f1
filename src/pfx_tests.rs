//! Unit tests for PFX write/read round trips, refusals and robustness on damaged input.
//! Whether other tools read what we write (and we read theirs) is in tests/crypto_openssl.rs.

use super::*;
use crate::pfx::{MacFacts, Protection, Scheme};
use crate::selfsigned::{generate, Generated, NewCertificateRequest};
use crate::validity::Validity;
use std::sync::OnceLock;

fn sample() -> &'static Generated {
    static SAMPLE: OnceLock<Generated> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        generate(&NewCertificateRequest {
            subject: "CN=pfx test,O=Contoso\\, Inc.".into(),
            key_size: 2048,
            validity: Validity::default_from(time::OffsetDateTime::now_utc()).unwrap(),
            dns_names: vec![],
        })
        .unwrap()
    })
}

fn write(password: &str, profile: PfxProfile, iterations: u32) -> Zeroizing<Vec<u8>> {
    let g = sample();
    write_pfx(
        &g.certificate,
        &g.key,
        password,
        profile,
        iterations,
        "certkit",
    )
    .unwrap()
}

const PATH: &str = "test.pfx";

#[test]
fn round_trip_in_both_profiles_with_and_without_password() {
    let g = sample();
    for profile in [PfxProfile::Modern, PfxProfile::Legacy] {
        for password in ["correct horse", ""] {
            let bytes = write(password, profile, DEFAULT_ITERATIONS);
            assert!(looks_like_pfx(&bytes));
            let read = read_pfx(&bytes, password, Path::new(PATH)).unwrap();
            assert_eq!(read.certificates.len(), 1);
            assert_eq!(read.certificates[0].der(), g.certificate.der());
            assert_eq!(read.key.unwrap().pkcs8_der(), g.key.pkcs8_der());
            assert_eq!(read.leaf_index, Some(0));
        }
    }
}

#[test]
fn wrong_password_is_its_own_error() {
    for profile in [PfxProfile::Modern, PfxProfile::Legacy] {
        let bytes = write("right", profile, DEFAULT_ITERATIONS);
        for (wrong, known) in [
            ("wrong", EmptyPassword::DoesNotOpen),
            ("", EmptyPassword::Tried),
        ] {
            let err = read_pfx(&bytes, wrong, Path::new(PATH)).unwrap_err();
            assert!(
                matches!(err, Error::WrongPassword { empty, .. } if empty == known),
                "{err:?}"
            );
            // The file has a password: --no-password would not help.
            assert!(!err.hint().contains("--no-password"), "{}", err.hint());
            assert!(err.hint().contains("--password-file"), "{}", err.hint());
        }
    }
}

#[test]
fn a_password_given_for_a_file_without_one_is_told_to_use_no_password() {
    let bytes = write("", PfxProfile::Modern, DEFAULT_ITERATIONS);
    let err = read_pfx(&bytes, "guess", Path::new(PATH)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::WrongPassword {
                empty: EmptyPassword::Opens,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.hint().contains("pass --no-password"), "{}", err.hint());
    let convert = err.for_input_password();
    assert!(
        convert.hint().contains("--in-no-password"),
        "{}",
        convert.hint()
    );
}

#[test]
fn iteration_counts_are_bounded() {
    let g = sample();
    for bad in [0, MAX_ITERATIONS + 1] {
        let err = write_pfx(&g.certificate, &g.key, "", PfxProfile::Modern, bad, "x").unwrap_err();
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage, "{err}");
    }
    let err = write_pfx(&g.certificate, &g.key, "", PfxProfile::Modern, 600_001, "x");
    assert!(err.unwrap_err().to_string().contains("Windows"));
}

#[test]
fn friendly_names_beyond_the_bmp_are_written_with_replacement_characters() {
    // A CN may hold emoji; the BMPString friendlyName cannot, and must not refuse the file.
    let g = sample();
    let bytes = write_pfx(
        &g.certificate,
        &g.key,
        "",
        PfxProfile::Modern,
        1,
        "smile 😀",
    )
    .unwrap();
    let archive = p12_keystore::Pkcs12Archive::from_pkcs12(&bytes, "").unwrap();
    assert_eq!(
        archive.keys[0].friendly_name.as_deref(),
        Some("smile \u{FFFD}")
    );
}

#[test]
fn non_pkcs12_input_is_a_bad_file() {
    let cert = sample().certificate.der().to_vec();
    for junk in [
        vec![],
        b"hello".to_vec(),
        cert,
        vec![0x30, 0x03, 0x02, 0x01, 0x02],
    ] {
        let err = read_pfx(&junk, "", Path::new(PATH)).unwrap_err();
        assert!(
            err.to_string().starts_with("not a readable PFX (test.pfx)"),
            "{err}"
        );
        assert!(!looks_like_pfx(&junk));
    }
}

fn read_never_panics(bytes: &[u8]) -> std::result::Result<(), String> {
    let outcome = std::panic::catch_unwind(|| read_pfx(bytes, "pw", Path::new(PATH)));
    match outcome {
        Err(_) => Err(format!("panic on {} bytes", bytes.len())),
        Ok(Ok(_)) => Ok(()),
        Ok(Err(Error::WrongPassword { .. } | Error::BadFile { .. })) => Ok(()),
        Ok(Err(other)) => Err(format!("unexpected error kind: {other:?}")),
    }
}

#[test]
fn truncated_and_flipped_files_give_errors_not_panics() {
    // One iteration keeps thousands of reads fast; the parsing paths are the same.
    for profile in [PfxProfile::Modern, PfxProfile::Legacy] {
        let bytes = write("pw", profile, 1);
        for len in 0..bytes.len() {
            read_never_panics(&bytes[..len]).unwrap();
            assert!(read_pfx(&bytes[..len], "pw", Path::new(PATH)).is_err());
        }
        for i in 0..bytes.len() {
            for mask in [0x01u8, 0x80, 0xFF] {
                let mut damaged = bytes.to_vec();
                damaged[i] ^= mask;
                read_never_panics(&damaged).unwrap();
            }
        }
    }
}

#[test]
fn our_profiles_inspect_as_themselves() {
    for (profile, expected) in [
        (PfxProfile::Modern, Profile::Modern),
        (PfxProfile::Legacy, Profile::Legacy),
    ] {
        let bytes = write("pw", profile, 2048);
        let facts = inspect(&bytes).unwrap();
        assert_eq!(facts.profile, expected, "{}", facts.describe());
        assert_eq!(facts.total_iterations(), 3 * 2048);
        let read = read_pfx(&bytes, "pw", Path::new(PATH)).unwrap();
        assert_eq!(read.facts, facts);
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    }
}

#[test]
fn facts_serialize_in_the_dump_json_shape() {
    let modern = serde_json::to_value(inspect(&write("pw", PfxProfile::Modern, 3000)).unwrap());
    assert_eq!(
        modern.unwrap(),
        serde_json::json!({
            "profile": "modern",
            "certificates": [{"algorithm": "AES-256-CBC (PBES2, PBKDF2-HMAC-SHA256)", "iterations": 3000}],
            "key": {"algorithm": "AES-256-CBC (PBES2, PBKDF2-HMAC-SHA256)", "iterations": 3000},
            "mac": {"algorithm": "HMAC-SHA256", "iterations": 3000},
        })
    );
    let legacy = serde_json::to_value(inspect(&write("pw", PfxProfile::Legacy, 2000)).unwrap());
    let legacy = legacy.unwrap();
    assert_eq!(legacy["profile"], "legacy");
    assert_eq!(
        legacy["certificates"][0]["algorithm"],
        "3DES-CBC (PKCS#12 PBE, SHA-1)"
    );
    assert_eq!(legacy["mac"]["algorithm"], "HMAC-SHA1");
}

#[test]
fn files_asking_for_too_much_key_derivation_are_refused_before_any() {
    let part = |n| Protection {
        scheme: Scheme::Pkcs12Pbe("3DES-CBC"),
        iterations: Some(n),
    };
    let facts = PfxFacts {
        certificates: vec![part(1_000_000); 3],
        keys: vec![part(1_000_000); 2],
        mac: Some(MacFacts {
            digest: "SHA-1".into(),
            iterations: 1,
        }),
        profile: Profile::Legacy,
    };
    let err = check_work(&facts, Path::new(PATH)).unwrap_err();
    assert!(
        err.to_string()
            .contains("5000001 key-derivation iterations"),
        "{err}"
    );
    let huge = PfxFacts {
        keys: vec![part(u64::MAX); 2],
        ..facts
    };
    assert!(check_work(&huge, Path::new(PATH)).is_err());
}
