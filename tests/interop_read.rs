//! Reading what other tools write, and key files they must read: OpenSSL 3 makes the PFX files,
//! keys and certificates here (every profile, no MAC, small, EC and Ed25519 keys, encrypted
//! PKCS#8 in several schemes) and OpenSSL and Python cryptography read the encrypted keys
//! certkit writes. Expected values come from those tools. Both are required: missing, these
//! tests panic. Python comes from CERTKIT_PYTHON, else .venv/bin/python, else python3.

mod consumers;

use std::path::{Path, PathBuf};
use std::process::Command;

use certkit::input::{read_certificates, InputFile};
use certkit::keyfile::{key_pem, KeyFormat};
use certkit::pfx::{inspect, Profile};
use consumers::{fingerprint, openssl, pkcs12_export, python, s};

/// `openssl req -x509 -newkey SPEC`: (certificate, key) paths.
fn self_signed(dir: &Path, name: &str, newkey: &[&str]) -> (PathBuf, PathBuf) {
    let (cert, key) = (
        dir.join(format!("{name}.pem")),
        dir.join(format!("{name}-key.pem")),
    );
    let mut args = vec![
        "req",
        "-x509",
        "-nodes",
        "-days",
        "30",
        "-subj",
        "/CN=interop",
    ];
    args.extend_from_slice(newkey);
    args.extend_from_slice(&["-keyout", s(&key), "-out", s(&cert)]);
    openssl(&args);
    (cert, key)
}

fn read(path: &Path, password: Option<&str>) -> InputFile {
    read_certificates(&std::fs::read(path).unwrap(), path, password)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn export(dir: &Path, name: &str, cert: &Path, key: &Path, extra: &[&str]) -> PathBuf {
    let pfx = dir.join(name);
    pkcs12_export(cert, key, &pfx, "pw", extra);
    pfx
}

#[test]
fn inspect_names_the_profile_openssl_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed(dir.path(), "rsa", &["-newkey", "rsa:2048"]);
    let cases: [(&[&str], Profile, &str); 5] = [
        (&[], Profile::Modern, "MAC HMAC-SHA256, 2048 iterations"),
        (&["-legacy"], Profile::VeryOld, "RC2-40-CBC"),
        (
            &[
                "-certpbe",
                "PBE-SHA1-3DES",
                "-keypbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
            ],
            Profile::Legacy,
            "3DES-CBC (PKCS#12 PBE, SHA-1), 2048 iterations",
        ),
        (&["-nomac"], Profile::Other, "no MAC"),
        (
            &["-iter", "10000"],
            Profile::Modern,
            "PBKDF2-HMAC-SHA256), 10000 iterations",
        ),
    ];
    for (i, (extra, profile, text)) in cases.into_iter().enumerate() {
        let pfx = export(dir.path(), &format!("p{i}.pfx"), &cert, &key, extra);
        let facts = inspect(&std::fs::read(&pfx).unwrap()).unwrap();
        assert_eq!(facts.profile, profile, "{extra:?}: {}", facts.describe());
        assert!(
            facts.describe().contains(text),
            "{extra:?}: {}",
            facts.describe()
        );
        let file = read(&pfx, Some("pw"));
        assert_eq!(
            file.leaf_certificate().thumbprint(),
            fingerprint(&cert, "-sha1")
        );
        assert_eq!(file.pfx.as_ref().unwrap().profile, profile);
        let no_mac_warning = file.warnings.iter().any(|w| w.contains("no MAC"));
        assert_eq!(
            no_mac_warning,
            profile == Profile::Other,
            "{:?}",
            file.warnings
        );
    }
}

#[test]
fn small_keys_are_read_with_a_warning_naming_aadsts50032() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed(dir.path(), "small", &["-newkey", "rsa:1024"]);
    let pfx = export(dir.path(), "small.pfx", &cert, &key, &[]);
    for file in [read(&pfx, Some("pw")), read(&cert, None)] {
        assert_eq!(
            file.leaf_certificate().thumbprint(),
            fingerprint(&cert, "-sha1")
        );
        let warning = file.warnings.iter().find(|w| w.contains("AADSTS50032"));
        assert!(
            warning.is_some_and(|w| w.contains("1024")),
            "{:?}",
            file.warnings
        );
    }
}

#[test]
fn non_rsa_certificates_are_read_and_their_keys_refused_for_key_use() {
    let dir = tempfile::tempdir().unwrap();
    let kinds: [(&str, &[&str], &str); 3] = [
        (
            "p256",
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
            "EC P-256",
        ),
        (
            "p384",
            &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
            "EC P-384",
        ),
        ("ed25519", &["-newkey", "ed25519"], "Ed25519"),
    ];
    let (other_cert, _) = self_signed(dir.path(), "other", &["-newkey", "rsa:2048"]);
    for (name, newkey, algorithm) in kinds {
        let (cert, key) = self_signed(dir.path(), name, newkey);
        let expected = fingerprint(&cert, "-sha1");
        assert_eq!(read(&cert, None).leaf_certificate().thumbprint(), expected);
        let pfx = export(
            dir.path(),
            &format!("{name}.pfx"),
            &cert,
            &key,
            &["-certfile", s(&other_cert)],
        );
        let bundle = dir.path().join(format!("{name}-bundle.pem"));
        let text = [&other_cert, &key, &cert].map(|p| std::fs::read_to_string(p).unwrap());
        std::fs::write(&bundle, text.concat()).unwrap();
        for (path, password) in [(&pfx, Some("pw")), (&bundle, None)] {
            let file = read(path, password);
            assert!(file.key.is_none(), "{name}");
            assert_eq!(file.other_key.as_ref().unwrap().algorithm(), algorithm);
            assert!(
                file.warnings.iter().any(|w| w.contains(algorithm)),
                "{:?}",
                file.warnings
            );
            assert_eq!(file.certificates.len(), 2);
            // EC keys carry their public half, so the leaf is found even after the chain
            // certificate; Ed25519 PKCS#8 from OpenSSL does not, so only the PFX's localKeyId
            // can tell.
            if name != "ed25519" || path == &pfx {
                assert_eq!(
                    file.leaf_certificate().thumbprint(),
                    expected,
                    "{name} {path:?}"
                );
            }
            let err = file.require_key(path).unwrap_err().to_string();
            assert!(err.contains(algorithm) && err.contains("RSA"), "{err}");
        }
    }
}

#[test]
fn openssl_encrypted_pkcs8_keys_are_read_in_every_scheme_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = self_signed(dir.path(), "rsa", &["-newkey", "rsa:2048"]);
    let cert_text = std::fs::read_to_string(&cert).unwrap();
    let pubkey = openssl(&["pkey", "-in", s(&key), "-pubout"]);
    let schemes: [&[&str]; 4] = [
        &["-v2", "aes-256-cbc"],
        &["-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1"],
        &[
            "-v2",
            "aes-192-cbc",
            "-v2prf",
            "hmacWithSHA512",
            "-iter",
            "5000",
        ],
        &["-v2", "des3"],
    ];
    for scheme in schemes {
        let mut args = vec![
            "pkcs8",
            "-topk8",
            "-in",
            s(&key),
            "-passout",
            "pass:Pässwörd",
        ];
        args.extend_from_slice(scheme);
        let encrypted = openssl(&args);
        let bundle = dir.path().join("bundle.pem");
        std::fs::write(&bundle, format!("{cert_text}{encrypted}")).unwrap();
        let file = read(&bundle, Some("Pässwörd"));
        let ours = file
            .key
            .as_ref()
            .unwrap_or_else(|| panic!("{scheme:?}: no key"));
        let plain = dir.path().join("plain.pem");
        std::fs::write(&plain, ours.to_pkcs8_pem().as_bytes()).unwrap();
        let theirs = openssl(&["pkey", "-in", s(&plain), "-pubout"]);
        assert_eq!(theirs, pubkey, "{scheme:?}");
        let wrong = read_certificates(&std::fs::read(&bundle).unwrap(), &bundle, Some("x"));
        let wrong = wrong.unwrap_err().to_string();
        assert!(
            wrong.starts_with("wrong password for the encrypted private key"),
            "{wrong}"
        );
    }
}

#[test]
fn encrypted_keys_we_write_are_read_by_openssl_and_python() {
    let dir = tempfile::tempdir().unwrap();
    let (_, key_path) = self_signed(dir.path(), "k", &["-newkey", "rsa:2048"]);
    let key =
        certkit::keys::PrivateKey::from_pem(&std::fs::read_to_string(&key_path).unwrap()).unwrap();
    let out = dir.path().join("enc.pem");
    std::fs::write(
        &out,
        key_pem(&key, KeyFormat::Pkcs8, Some("Pässwörd"))
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    let expected = openssl(&["pkey", "-in", s(&key_path), "-pubout"]);
    let pass = "pass:Pässwörd";
    assert_eq!(
        openssl(&["pkey", "-in", s(&out), "-passin", pass, "-pubout"]),
        expected
    );
    let asn1 = openssl(&["asn1parse", "-in", s(&out)]);
    // 600000 iterations is printed in hex.
    for part in [
        ":PBES2",
        ":PBKDF2",
        ":hmacWithSHA256",
        ":aes-256-cbc",
        ":0927C0",
    ] {
        assert!(asn1.contains(part), "{part} missing in:\n{asn1}");
    }
    let script = "import sys\n\
        from cryptography.hazmat.primitives import serialization as s\n\
        k = s.load_pem_private_key(open(sys.argv[1], 'rb').read(), sys.argv[2].encode())\n\
        sys.stdout.write(k.public_key().public_bytes(s.Encoding.PEM, \
        s.PublicFormat.SubjectPublicKeyInfo).decode())\n";
    let py = python();
    let result = Command::new(&py)
        .args(["-c", script, s(&out), "Pässwörd"])
        .output()
        .unwrap_or_else(|e| panic!("{} (with cryptography) is required: {e}", py.display()));
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(String::from_utf8(result.stdout).unwrap(), expected);
}
