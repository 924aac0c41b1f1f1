//! Unusual and hostile input files through the real binary: which certificate of a file is
//! used, names in BMPString and UniversalString, files without a MAC or with the other empty
//! password, bounds on store files, passwords and piped JWTs, and awkward subjects for `new`.
//! Files come from OpenSSL and Python cryptography; expected values are what they report.

mod cli_env;
mod consumers;

use std::path::{Path, PathBuf};
use std::process::Command;

use cli_env::Env;
use consumers::{fingerprint, openssl, openssl_output, python, require_python, s};
use predicates::prelude::*;

/// Runs a Python cryptography script with the directory as argv[1].
fn python_in(dir: &Path, script: &str) {
    require_python("cryptography");
    let out = Command::new(python())
        .args(["-c", script])
        .arg(dir)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const RENEWAL: &str = r#"
import datetime as dt, sys, os
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
d = sys.argv[1]
k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "renewed")])
U = dt.timezone.utc
def cert(serial, nb, na):
    return (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(k.public_key())
            .serial_number(serial).not_valid_before(nb).not_valid_after(na).sign(k, hashes.SHA256()))
pem = serialization.Encoding.PEM
open(os.path.join(d, "old.pem"), "wb").write(cert(1, dt.datetime(2020,1,1,tzinfo=U), dt.datetime(2021,1,1,tzinfo=U)).public_bytes(pem))
open(os.path.join(d, "new.pem"), "wb").write(cert(2, dt.datetime(2024,1,1,tzinfo=U), dt.datetime(2049,1,1,tzinfo=U)).public_bytes(pem))
open(os.path.join(d, "k.pem"), "wb").write(k.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
"#;

fn concat(dir: &Path, name: &str, parts: &[&str]) -> PathBuf {
    let text: String = parts
        .iter()
        .map(|p| std::fs::read_to_string(dir.join(p)).unwrap())
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_renewal_that_kept_its_key_is_used_and_the_old_one_is_not_called_foreign() {
    let env = Env::new();
    python_in(&env.out, RENEWAL);
    let new = fingerprint(&env.out.join("new.pem"), "-sha1");
    let old = fingerprint(&env.out.join("old.pem"), "-sha1");
    // OpenSSL agrees both certificates hold the key's public half.
    let modulus = |args: &[&str]| openssl(args);
    let key_modulus = modulus(&[
        "rsa",
        "-in",
        s(&env.out.join("k.pem")),
        "-noout",
        "-modulus",
    ]);
    for cert in ["old.pem", "new.pem"] {
        let path = env.out.join(cert);
        assert_eq!(
            modulus(&["x509", "-in", s(&path), "-noout", "-modulus"]),
            key_modulus
        );
    }
    for order in [["old.pem", "new.pem"], ["new.pem", "old.pem"]] {
        let bundle = concat(&env.out, "bundle.pem", &[order[0], order[1], "k.pem"]);
        let out = env
            .certkit()
            .arg("thumbprint")
            .arg(&bundle)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), new);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(&old), "{stderr}");
        assert!(stderr.contains("same private key"), "{stderr}");
        assert!(!stderr.contains("does not match"), "{stderr}");
    }
    let bundle = concat(&env.out, "bundle.pem", &["old.pem", "new.pem", "k.pem"]);
    env.certkit()
        .args(["store", "import"])
        .arg(&bundle)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "not imported: CN=renewed ({old})"
        )));
    env.certkit()
        .args(["store", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&new))
        .stdout(predicate::str::contains(&old).not());
}

/// A CA (`ca.pem`) and two leaves it signed (`leaf.pem`, `other.pem`), by OpenSSL.
fn ca_and_leaf(dir: &Path) {
    let p = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=Contoso CA",
        "-days",
        "30",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-keyout",
        &p("ca.key"),
        "-out",
        &p("ca.pem"),
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=app",
        "-keyout",
        &p("leaf.key"),
        "-out",
        &p("leaf.csr"),
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        &p("leaf.csr"),
        "-CA",
        &p("ca.pem"),
        "-CAkey",
        &p("ca.key"),
        "-CAcreateserial",
        "-days",
        "30",
        "-out",
        &p("leaf.pem"),
    ]);
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=other",
        "-keyout",
        &p("other.key"),
        "-out",
        &p("other.csr"),
    ]);
    openssl(&[
        "x509",
        "-req",
        "-in",
        &p("other.csr"),
        "-CA",
        &p("ca.pem"),
        "-CAkey",
        &p("ca.key"),
        "-CAcreateserial",
        "-days",
        "30",
        "-out",
        &p("other.pem"),
    ]);
}

#[test]
fn a_bundle_without_a_key_means_its_leaf_not_the_ca_before_it() {
    let env = Env::new();
    ca_and_leaf(&env.out);
    let leaf = fingerprint(&env.out.join("leaf.pem"), "-sha1");
    for order in [["ca.pem", "leaf.pem"], ["leaf.pem", "ca.pem"]] {
        let bundle = concat(&env.out, "chain.pem", &order);
        env.certkit()
            .arg("keycred")
            .arg(&bundle)
            .assert()
            .success()
            .stdout(predicate::str::contains("\"displayName\": \"CN=app\""))
            .stderr(predicate::str::contains(format!("using CN=app, {leaf}")))
            .stderr(predicate::str::contains("warning").not());
    }
    // Two leaves of one CA are not one chain: the first is used, and a warning says so.
    let other = fingerprint(&env.out.join("other.pem"), "-sha1");
    let mixed = concat(&env.out, "mixed.pem", &["ca.pem", "other.pem", "leaf.pem"]);
    env.certkit()
        .arg("keycred")
        .arg(&mixed)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"displayName\": \"CN=other\""))
        .stderr(predicate::str::contains("not one chain"))
        .stderr(predicate::str::contains(&other));
}

const NAMES: &str = r#"
import datetime as dt, sys, os
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.x509.name import _ASN1Type
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
k = ec.generate_private_key(ec.SECP256R1())
U = dt.timezone.utc
for fn, t, cn in (("bmp", _ASN1Type.BMPString, "bmp Zo\u00eb"), ("univ", _ASN1Type.UniversalString, "univ \u00fc")):
    n = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn, _type=t)])
    c = (x509.CertificateBuilder().subject_name(n).issuer_name(n).public_key(k.public_key()).serial_number(9)
         .not_valid_before(dt.datetime(2024,1,1,tzinfo=U)).not_valid_after(dt.datetime(2030,1,1,tzinfo=U)).sign(k, hashes.SHA256()))
    open(os.path.join(sys.argv[1], fn + ".pem"), "wb").write(c.public_bytes(serialization.Encoding.PEM))
"#;

#[test]
fn bmp_and_universal_string_names_read_as_openssl_prints_them() {
    let env = Env::new();
    python_in(&env.out, NAMES);
    for name in ["bmp", "univ"] {
        let pem = env.out.join(format!("{name}.pem"));
        let subject = openssl(&[
            "x509",
            "-in",
            s(&pem),
            "-noout",
            "-subject",
            "-nameopt",
            "RFC2253,-esc_msb",
        ]);
        let subject = subject.trim().strip_prefix("subject=").unwrap().to_owned();
        assert!(subject.starts_with("CN="), "{subject}");
        env.certkit()
            .arg("keycred")
            .arg(&pem)
            .assert()
            .success()
            .stdout(predicate::str::contains(format!(
                "\"displayName\": \"{subject}\""
            )));
        env.certkit()
            .args(["thumbprint", "--json"])
            .arg(&pem)
            .assert()
            .success()
            .stdout(predicate::str::contains(fingerprint(&pem, "-sha1")));
    }
}

#[test]
fn a_pfx_without_a_mac_opens_in_openssl_and_the_warning_says_what_is_true() {
    let env = Env::new();
    let (cert, key, _) = consumers::openssl_cert(&env.out, "nomac");
    let pfx = env.out.join("nomac.pfx");
    consumers::pkcs12_export(&cert, &key, &pfx, "pw", &["-nomac"]);
    // OpenSSL 3 opens it, with a warning of its own.
    let read = openssl_output(&["pkcs12", "-in", s(&pfx), "-passin", "pass:pw", "-nokeys"]);
    assert!(read.status.success());
    assert!(String::from_utf8_lossy(&read.stderr).contains("MAC is absent"));
    env.certkit()
        .args(["dump"])
        .arg(&pfx)
        .args(["--password-env", "PW"])
        .env("PW", "pw")
        .assert()
        .success()
        .stdout(predicate::str::contains("MAC: none (integrity unchecked"))
        .stderr(predicate::str::contains("some readers refuse such files"))
        .stderr(predicate::str::contains("OpenSSL and").not())
        .stdout(predicate::str::contains("OpenSSL and").not());
}

#[test]
fn the_wrong_password_hint_names_no_password_only_when_it_opens_the_file() {
    let env = Env::new();
    require_python("cryptography");
    // Python's NoEncryption: the null form of the empty password, as .NET's store files.
    let pfx = env.out.join("none.pfx");
    let made = consumers::python_json("py_make_pfx.py", &[s(&pfx), "nullpw", "none"], &[]);
    let wrong = |pfx: &Path| {
        let out = env
            .certkit()
            .arg("thumbprint")
            .arg(pfx)
            .args(["--password-env", "PW"])
            .env("PW", "guess")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let hint = wrong(&pfx);
    assert!(
        hint.contains("the file has no password: pass --no-password"),
        "{hint}"
    );
    env.certkit()
        .arg("thumbprint")
        .arg(&pfx)
        .arg("--no-password")
        .assert()
        .success()
        .stdout(format!("{}\n", made["sha1"].as_str().unwrap()));
    let protected = env.out.join("protected.pfx");
    consumers::python_json(
        "py_make_pfx.py",
        &[s(&protected), "pw", "best", "right"],
        &[],
    );
    let hint = wrong(&protected);
    assert!(!hint.contains("--no-password"), "{hint}");
    assert!(hint.contains("--password-file FILE"), "{hint}");
}

#[test]
fn a_huge_file_in_the_store_is_skipped_by_name_without_being_read() {
    let env = Env::new();
    env.new_cert("kept");
    let huge = env.store.join("huge.pfx");
    // Sparse: no disk used, yet far beyond any certificate.
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    env.certkit()
        .args(["store", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("CN=kept"))
        .stderr(predicate::str::contains("huge.pfx"))
        .stderr(predicate::str::contains("16 MiB"));
}

#[test]
fn endless_passwords_and_piped_tokens_are_refused_not_read_whole() {
    let env = Env::new();
    env.certkit()
        .args(["new", "--no-store", "--subject", "pw", "--password-stdin"])
        .write_stdin(vec![b'x'; 100 * 1024])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input"))
        .stderr(predicate::str::contains("64 KiB"));
    assert!(!env.out.join("pw.pfx").exists());
    let cert = env.new_cert("verify");
    let thumbprint = cert.lines().next().unwrap();
    env.certkit()
        .args(["assertion", "--verify", "-", "--thumbprint", thumbprint])
        .write_stdin(vec![b'e'; 2 * 1024 * 1024])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("more than 1 MiB"));
}

#[test]
fn new_accepts_an_emoji_cn_and_a_cn_too_long_for_a_file_name() {
    let env = Env::new();
    env.new_cert("CN=\u{1F600}");
    let pfx = env.out.join("\u{1F600}.pfx");
    // The PFX opens in OpenSSL (its friendlyName holds U+FFFD for the emoji).
    consumers::openssl_info(&[
        "pkcs12",
        "-in",
        s(&pfx),
        "-passin",
        "pass:",
        "-nodes",
        "-info",
    ]);
    let cer = env.out.join("\u{1F600}.cer");
    let subject = openssl(&[
        "x509",
        "-inform",
        "DER",
        "-in",
        s(&cer),
        "-noout",
        "-subject",
        "-nameopt",
        "RFC2253,-esc_msb",
    ]);
    assert_eq!(subject.trim(), "subject=CN=\u{1F600}");
    let long = "a".repeat(300);
    env.new_cert(&long);
    let stem = "a".repeat(200);
    let cer = env.out.join(format!("{stem}.cer"));
    let subject = openssl(&[
        "x509",
        "-inform",
        "DER",
        "-in",
        s(&cer),
        "-noout",
        "-subject",
    ]);
    assert_eq!(subject.trim(), format!("subject=CN = {long}"));
}

#[test]
fn pem_keys_encrypted_the_openssl_1_0_way_are_read() {
    let env = Env::new();
    let (cert, key, _) = consumers::openssl_cert(&env.out, "v1");
    let old = env.out.join("v1.p8.pem");
    openssl(&[
        "pkcs8",
        "-topk8",
        "-in",
        s(&key),
        "-v1",
        "PBE-SHA1-3DES",
        "-passout",
        "pass:pw",
        "-out",
        s(&old),
    ]);
    let bundle = env.out.join("bundle.pem");
    let text = std::fs::read_to_string(&cert).unwrap() + &std::fs::read_to_string(&old).unwrap();
    std::fs::write(&bundle, text).unwrap();
    env.certkit()
        .arg("dump")
        .arg(&bundle)
        .args(["--password-env", "PW"])
        .env("PW", "pw")
        .assert()
        .success()
        .stdout(predicate::str::contains("Private key: RSA 2048 bits"))
        .stdout(predicate::str::contains("Private key: present"));
}
