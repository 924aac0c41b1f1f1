//! The PFX interop matrix of issue 3 ("Proof (tests that run in CI)", first two bullets).
//!
//! 1. Writing: for each `--pfx-profile` {modern, legacy} x {password, empty password}, the PFX
//!    `certkit new` writes is opened by OpenSSL 3 (without `-legacy`; `pkcs12 -info` must show the
//!    profile's algorithms), Java keytool (a PrivateKeyEntry whose key Java can decrypt), Python
//!    `cryptography` (key matches certificate; an empty password both as `b""` and `None`) and the
//!    .NET 8 X509 stack (a private key that signs, the thumbprint OpenSSL computes). One .NET runtime
//!    start per test.
//! 2. Reading: PFX files made inside the test by OpenSSL (`pkcs12 -export` by default, `-legacy`,
//!    3DES with a SHA-1 MAC, `-nomac`), keytool (`-genkeypair -storetype PKCS12`), Python
//!    `cryptography` (BestAvailableEncryption, NoEncryption, 3DES + SHA-1 MAC through the encryption
//!    builder) and .NET (`X509Certificate2.Export(Pkcs12, password)` with a password, null and "")
//!    are read by `certkit thumbprint` and `certkit convert --to bundle`: the thumbprint must be the
//!    producer's own (golden = the producer's fingerprint, never certkit's), and the key certkit
//!    extracts must belong to that certificate.
//!
//! Every consumer is required: a missing one fails the test (`require_tool`), nothing is skipped.

#[macro_use]
mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Output, Stdio};

use common::*;
use serde_json::{json, Value};

// ------------------------------------------------------------------------------------------------
// Small local helpers (tests/common is shared; these are specific to this matrix)

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    Modern,
    Legacy,
}

impl Profile {
    fn arg(self) -> &'static str {
        match self {
            Profile::Modern => "modern",
            Profile::Legacy => "legacy",
        }
    }
}

fn both_streams(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// `openssl pkcs12 -info -noout` (must succeed; never `-legacy` unless asked). OpenSSL prints the
/// algorithm description on stderr.
fn pkcs12_info(pfx: &Path, pass: &str, legacy_provider: bool) -> String {
    let mut args = osargs![
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        pfx,
        "-passin",
        format!("pass:{pass}")
    ];
    if legacy_provider {
        args.push("-legacy".into());
    }
    both_streams(&openssl_output(args))
}

/// Upper-case hex with colons, as keytool prints fingerprints.
fn colons(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(":")
}

/// The `SHA1:` fingerprint keytool -list -v prints, as upper-case hex without colons.
fn keytool_sha1(list: &str) -> String {
    let lines: Vec<&str> = list
        .lines()
        .filter_map(|l| l.trim().strip_prefix("SHA1:"))
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "expected one SHA1 fingerprint in keytool -list -v:\n{list}"
    );
    lines[0].trim().replace(':', "").to_ascii_uppercase()
}

/// `keytool ARGS` with no stdin; returns the Output (not asserted).
fn keytool(args: Vec<OsString>) -> Output {
    require_tool("keytool");
    StdCommand::new("keytool")
        .args(&args)
        .stdin(Stdio::null())
        .output()
        .expect("spawn keytool")
}

fn keytool_ok(args: Vec<OsString>) -> String {
    let o = keytool(args.clone());
    assert!(
        o.status.success(),
        "keytool {args:?} failed ({}):\n{}",
        o.status,
        both_streams(&o)
    );
    both_streams(&o)
}

/// The public key (SPKI PEM) of the first certificate and of the private key in a PEM file, as
/// OpenSSL prints them.
fn openssl_pubkeys(pem: &Path) -> (String, String) {
    (
        openssl(osargs!["x509", "-in", pem, "-noout", "-pubkey"]),
        openssl(osargs!["pkey", "-in", pem, "-pubout"]),
    )
}

// ------------------------------------------------------------------------------------------------
// 1. The matrix: what `certkit new --pfx-profile P` writes, opened by every consumer

/// `pkcs12 -info` must show exactly the profile's algorithms: both bags encrypted with it, a MAC of
/// the profile's digest, and nothing else.
fn assert_openssl_sees_profile(info: &str, profile: Profile, what: &str) {
    let mac: Vec<&str> = info.lines().filter(|l| l.starts_with("MAC: ")).collect();
    let (want_mac, want_cipher, foreign): (&str, &str, &[&str]) = match profile {
        Profile::Modern => (
            "MAC: sha256,",
            "PBES2, PBKDF2, AES-256-CBC, Iteration",
            &["3DES", "TripleDES", "RC2", "RC4", "pbeWithSHA1"],
        ),
        Profile::Legacy => (
            "MAC: sha1,",
            "pbeWithSHA1And3-KeyTripleDES-CBC, Iteration",
            &["PBES2", "PBKDF2", "AES", "RC2", "RC4", "sha256"],
        ),
    };
    assert!(
        mac.len() == 1 && mac[0].starts_with(want_mac),
        "{what}: expected one `{want_mac}` MAC line:\n{info}"
    );
    let encrypted_certs = info
        .lines()
        .filter(|l| l.starts_with("PKCS7 Encrypted data: ") && l.contains(want_cipher))
        .count();
    let shrouded_keys = info
        .lines()
        .filter(|l| l.starts_with("Shrouded Keybag: ") && l.contains(want_cipher))
        .count();
    assert_eq!(
        (encrypted_certs, shrouded_keys),
        (1, 1),
        "{what}: expected the certificate bag and the key bag both under `{want_cipher}`:\n{info}"
    );
    if profile == Profile::Modern {
        assert_eq!(
            info.matches("PRF hmacWithSHA256").count(),
            2,
            "{what}: PBKDF2 must use HMAC-SHA256 for both bags:\n{info}"
        );
    }
    assert_eq!(
        info.matches("Certificate bag").count(),
        1,
        "{what}: expected one certificate bag:\n{info}"
    );
    assert!(
        !info.lines().any(|l| l.trim() == "Key bag"),
        "{what}: an unencrypted key bag:\n{info}"
    );
    for f in foreign {
        assert!(
            !info.contains(f),
            "{what}: `{f}` does not belong in the {} profile:\n{info}",
            profile.arg()
        );
    }
}

fn matrix(profile: Profile, password: Option<&str>) {
    let sb = Sandbox::new();
    let pass = password.unwrap_or("");
    let kind = if password.is_some() {
        "password"
    } else {
        "empty"
    };
    let name = format!("matrix-{}-{kind}", profile.arg());
    let what = format!("--pfx-profile {} ({kind} password)", profile.arg());
    let pw = match password {
        Some(p) => Pw::Env(p),
        None => Pw::NoPassword,
    };
    let nc = new_cert(&sb, &name, pw, true, &["--pfx-profile", profile.arg()]);
    let subject = format!("CN={name}");

    // OpenSSL 3, default provider only (no -legacy).
    let info = pkcs12_info(&nc.pfx, pass, false);
    assert_openssl_sees_profile(&info, profile, &what);
    let wrong = openssl_try(osargs![
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        nc.pfx,
        "-passin",
        "pass:definitely-not-the-password"
    ]);
    assert!(
        !wrong.status.success(),
        "{what}: OpenSSL accepted a wrong password (is there a MAC?)"
    );
    let extracted = sb.path().join("openssl-extracted.pem");
    openssl_output(osargs![
        "pkcs12",
        "-in",
        nc.pfx,
        "-nodes",
        "-passin",
        format!("pass:{pass}"),
        "-out",
        extracted
    ]);
    let text = std::fs::read_to_string(&extracted).unwrap();
    assert_eq!(
        text.matches("-----BEGIN CERTIFICATE-----").count(),
        1,
        "{what}: OpenSSL extracted other than one certificate:\n{text}"
    );
    assert_eq!(
        text.matches("-----BEGIN PRIVATE KEY-----").count(),
        1,
        "{what}: OpenSSL extracted other than one private key:\n{text}"
    );
    // The golden thumbprint: OpenSSL's, of the certificate inside the PFX.
    let thumb = openssl_sha1(&extracted);
    assert_eq!(
        thumb,
        openssl_sha1(&nc.pem),
        "{what}: the PFX's certificate is not NAME.pem"
    );
    let (cert_pub, key_pub) = openssl_pubkeys(&extracted);
    assert_eq!(
        cert_pub, key_pub,
        "{what}: OpenSSL: the PFX's key is not the certificate's"
    );

    // Java keytool: a PrivateKeyEntry with OpenSSL's fingerprint, and a key Java can decrypt
    // (-importkeystore reads the key with the source password).
    let list = keytool_list(&nc.pfx, pass);
    for want in [
        "Your keystore contains 1 entry",
        "Entry type: PrivateKeyEntry",
        "Certificate chain length: 1",
    ] {
        assert!(list.contains(want), "{what}: keytool: no `{want}`:\n{list}");
    }
    assert_eq!(
        keytool_sha1(&list),
        thumb,
        "{what}: keytool's SHA1 fingerprint is not OpenSSL's ({}):\n{list}",
        colons(&thumb)
    );
    let copy = sb.path().join("keytool-copy.p12");
    let imported = keytool_ok(osargs![
        "-importkeystore",
        "-noprompt",
        "-srckeystore",
        nc.pfx,
        "-srcstoretype",
        "PKCS12",
        "-srcstorepass",
        pass,
        "-destkeystore",
        copy,
        "-deststoretype",
        "PKCS12",
        "-deststorepass",
        "changeit"
    ]);
    assert!(
        imported.contains("1 entries successfully imported, 0 entries failed"),
        "{what}: keytool could not take the private key out:\n{imported}"
    );
    let copy_list = keytool_list(&copy, "changeit");
    assert!(
        copy_list.contains("Entry type: PrivateKeyEntry") && keytool_sha1(&copy_list) == thumb,
        "{what}: keytool's copy:\n{copy_list}"
    );

    // Python cryptography: the key matches the certificate and signs; empty = b"" and None.
    let modes: Vec<Vec<OsString>> = match password {
        Some(p) => vec![osargs!["--password", p]],
        None => vec![osargs!["--empty"], osargs!["--none"]],
    };
    for mode in modes {
        let mut args = osargs!["pkcs12", nc.pfx];
        args.extend(mode.iter().cloned());
        let v = py_check(args);
        let w = format!("{what}: python cryptography {mode:?}");
        assert_eq!(v["has_key"], true, "{w}: {v:#}");
        assert_eq!(v["has_cert"], true, "{w}: {v:#}");
        assert_eq!(v["key_type"], "RSAPrivateKey", "{w}: {v:#}");
        assert_eq!(v["key_matches_cert"], true, "{w}: {v:#}");
        assert_eq!(v["sign_verify"], true, "{w}: {v:#}");
        assert_eq!(v["additional_certs"], 0, "{w}: {v:#}");
        assert_eq!(v["cert"]["sha1"], thumb.as_str(), "{w}: {v:#}");
    }

    // .NET 8: X509Certificate2 with a private key that signs, OpenSSL's thumbprint. One runtime.
    let passwords: Vec<Value> = match password {
        Some(p) => vec![json!(p)],
        None => vec![json!(""), Value::Null],
    };
    let ops: Vec<Value> = passwords
        .iter()
        .map(|p| json!({"op": "load", "file": nc.pfx, "password": p}))
        .collect();
    let results = dotnet_batch(&Value::Array(ops), &sb.home());
    assert_eq!(results.len(), passwords.len(), "{what}: {results:#?}");
    for (r, p) in results.iter().zip(&passwords) {
        let w = format!("{what}: .NET X509Certificate2(bytes, {p})");
        assert_eq!(r["ok"], true, "{w}: {r:#}");
        assert_eq!(r["has_private_key"], true, "{w}: {r:#}");
        assert_eq!(r["rsa_sign_verify"], true, "{w}: {r:#}");
        assert_eq!(r["key_size"], 2048, "{w}: {r:#}");
        assert_eq!(
            r["thumbprint"],
            thumb.as_str(),
            "{w}: thumbprint != OpenSSL's: {r:#}"
        );
        assert_eq!(r["subject"], subject.as_str(), "{w}: {r:#}");
    }
}

#[test]
fn matrix_modern_with_password() {
    matrix(Profile::Modern, Some(PW));
}

#[test]
fn matrix_modern_empty_password() {
    matrix(Profile::Modern, None);
}

#[test]
fn matrix_legacy_with_password() {
    matrix(Profile::Legacy, Some(PW));
}

#[test]
fn matrix_legacy_empty_password() {
    matrix(Profile::Legacy, None);
}

// ------------------------------------------------------------------------------------------------
// 2. The reverse: files other tools made, read by certkit with the producer's thumbprint

/// Whether certkit must warn that the file has no MAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mac {
    Present,
    Absent,
}

fn with_password(cmd: &mut assert_cmd::Command, password: Option<&str>, prefix: &str) {
    match password {
        Some(p) => {
            cmd.arg(format!("--{prefix}password-env"))
                .arg(PW_ENV)
                .env(PW_ENV, p);
        }
        None => {
            cmd.arg(format!("--{prefix}no-password"));
        }
    }
}

fn assert_mac_warning(stderr: &str, mac: Mac, what: &str) {
    let warned = stderr
        .lines()
        .any(|l| l.starts_with("warning:") && l.contains("no MAC"));
    match mac {
        Mac::Absent => assert!(
            warned,
            "{what}: certkit must warn that the PFX has no MAC; stderr:\n{stderr}"
        ),
        Mac::Present => assert!(
            !warned,
            "{what}: certkit warned about a missing MAC on a file that has one; stderr:\n{stderr}"
        ),
    }
}

/// certkit reads FILE (made by another tool) with the producer's thumbprint `golden`:
/// - `certkit thumbprint FILE` prints exactly `golden`;
/// - `certkit convert FILE X.pem --to bundle` writes a key that belongs to a leaf with `golden`
///   (checked by OpenSSL), so the key bag was decrypted too;
/// - with a password and a MAC, a wrong password is reported as a wrong password.
fn certkit_reads(
    sb: &Sandbox,
    file: &Path,
    password: Option<&str>,
    golden: &str,
    mac: Mac,
    what: &str,
) {
    assert_eq!(golden.len(), 40, "{what}: golden thumbprint {golden:?}");

    let mut cmd = sb.certkit();
    cmd.arg("thumbprint").arg(file);
    with_password(&mut cmd, password, "");
    let o = cmd.output().expect("spawn certkit");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(
        o.status.success(),
        "{what}: certkit thumbprint failed ({}):\n{stdout}\n{stderr}",
        o.status
    );
    assert_eq!(
        stdout,
        format!("{golden}\n"),
        "{what}: certkit thumbprint != the producer's thumbprint; stderr:\n{stderr}"
    );
    assert_mac_warning(&stderr, mac, &format!("{what}: thumbprint"));

    let bundle = sb.path().join(format!(
        "{}.bundle.pem",
        file.file_name().unwrap().to_string_lossy()
    ));
    let mut cmd = sb.certkit();
    cmd.arg("convert")
        .arg(file)
        .arg(&bundle)
        .args(["--to", "bundle"]);
    with_password(&mut cmd, password, "in-");
    let o = cmd.output().expect("spawn certkit");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "{what}: certkit convert --to bundle failed ({}):\n{}",
        o.status,
        both_streams(&o)
    );
    assert_mac_warning(&stderr, mac, &format!("{what}: convert"));
    let text = std::fs::read_to_string(&bundle).unwrap();
    assert!(
        text.starts_with("-----BEGIN PRIVATE KEY-----")
            && text.matches("-----BEGIN CERTIFICATE-----").count() == 1,
        "{what}: the bundle is not key + one certificate:\n{text}"
    );
    assert_eq!(
        openssl_sha1(&bundle),
        golden,
        "{what}: the bundle's leaf (per OpenSSL) is not the producer's certificate"
    );
    let (cert_pub, key_pub) = openssl_pubkeys(&bundle);
    assert_eq!(
        cert_pub, key_pub,
        "{what}: the key certkit extracted does not belong to the certificate"
    );

    if password.is_some() && mac == Mac::Present {
        let mut cmd = sb.certkit();
        cmd.arg("thumbprint").arg(file);
        with_password(&mut cmd, Some("definitely-not-the-password"), "");
        let o = cmd.output().expect("spawn certkit");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(
            o.status.code(),
            Some(1),
            "{what}: a wrong password must fail with exit 1:\n{}",
            both_streams(&o)
        );
        assert!(
            stderr.starts_with("error: wrong password"),
            "{what}: a wrong password is not reported as one:\n{stderr}"
        );
    }
}

fn openssl_export(
    sb: &Sandbox,
    cert: &Path,
    key: &Path,
    out: &str,
    pass: &str,
    extra: &[&str],
) -> PathBuf {
    let pfx = sb.path().join(out);
    let mut args = osargs![
        "pkcs12",
        "-export",
        "-in",
        cert,
        "-inkey",
        key,
        "-name",
        "made by openssl",
        "-out",
        pfx,
        "-passout",
        format!("pass:{pass}")
    ];
    args.extend(extra.iter().map(OsString::from));
    openssl_output(args);
    pfx
}

#[test]
fn reverse_openssl_pkcs12_export_variants() {
    let sb = Sandbox::new();
    let (cert, key) = openssl_self_signed(sb.path(), "made-by-openssl");
    // Golden: OpenSSL's own fingerprint of the certificate it exported.
    let golden = openssl_sha1(&cert);

    // (label, export options, password, provider for -info, what -info must show, MAC)
    type Case<'a> = (
        &'a str,
        &'a [&'a str],
        Option<&'a str>,
        bool,
        &'a [&'a str],
        Mac,
    );
    let cases: [Case; 6] = [
        (
            "default",
            &[],
            Some(PW),
            false,
            &["MAC: sha256", "PBES2, PBKDF2, AES-256-CBC"],
            Mac::Present,
        ),
        (
            "default, empty password",
            &[],
            None,
            false,
            &["MAC: sha256", "PBES2, PBKDF2, AES-256-CBC"],
            Mac::Present,
        ),
        (
            "-legacy",
            &["-legacy"],
            Some(PW),
            true,
            &[
                "MAC: sha1",
                "pbeWithSHA1And40BitRC2-CBC",
                "pbeWithSHA1And3-KeyTripleDES-CBC",
            ],
            Mac::Present,
        ),
        (
            "3DES, SHA-1 MAC",
            &[
                "-certpbe",
                "PBE-SHA1-3DES",
                "-keypbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
            ],
            Some(PW),
            false,
            &["MAC: sha1", "pbeWithSHA1And3-KeyTripleDES-CBC"],
            Mac::Present,
        ),
        (
            "-nomac",
            &["-nomac"],
            Some(PW),
            false,
            &["PBES2, PBKDF2, AES-256-CBC"],
            Mac::Absent,
        ),
        (
            "-nomac, empty password",
            &["-nomac"],
            None,
            false,
            &["PBES2, PBKDF2, AES-256-CBC"],
            Mac::Absent,
        ),
    ];
    for (i, (label, extra, password, legacy, shows, mac)) in cases.into_iter().enumerate() {
        let what = format!("openssl pkcs12 -export {label}");
        let pass = password.unwrap_or("");
        let pfx = openssl_export(&sb, &cert, &key, &format!("openssl-{i}.pfx"), pass, extra);
        // The premise: OpenSSL made what the label says.
        let info = pkcs12_info(&pfx, pass, legacy);
        for s in shows {
            assert!(info.contains(s), "{what}: expected `{s}` in:\n{info}");
        }
        assert_eq!(
            info.contains("MAC: "),
            mac == Mac::Present,
            "{what}: MAC presence:\n{info}"
        );
        certkit_reads(&sb, &pfx, password, &golden, mac, &what);
    }
}

#[test]
fn reverse_keytool_genkeypair_pkcs12() {
    let sb = Sandbox::new();
    let ks = sb.path().join("made-by-keytool.p12");
    keytool_ok(osargs![
        "-genkeypair",
        "-alias",
        "made-by-keytool",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-sigalg",
        "SHA256withRSA",
        "-dname",
        "CN=made-by-keytool",
        "-validity",
        "30",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks,
        "-storepass",
        PW,
        "-keypass",
        PW
    ]);
    // Golden: keytool's own SHA1 fingerprint.
    let list = keytool_list(&ks, PW);
    assert!(
        list.contains("Entry type: PrivateKeyEntry"),
        "keytool made no PrivateKeyEntry:\n{list}"
    );
    let golden = keytool_sha1(&list);
    // What JDK 17 writes by default: PBES2/AES-256 bags, an HMAC-SHA256 MAC.
    let info = pkcs12_info(&ks, PW, false);
    assert!(
        info.contains("MAC: sha256") && info.contains("AES-256-CBC"),
        "keytool's default PKCS12 profile changed:\n{info}"
    );
    certkit_reads(
        &sb,
        &ks,
        Some(PW),
        &golden,
        Mac::Present,
        "keytool -genkeypair PKCS12",
    );
}

/// `tests/interop/py_make_pfx.py OUT CN MODE [PASSWORD]` → cryptography's facts (incl. its SHA-1).
fn py_make_pfx(out: &Path, cn: &str, mode: &str, password: Option<&str>) -> Value {
    require_tool("python:cryptography");
    let mut cmd = StdCommand::new(python());
    cmd.arg(interop_script("py_make_pfx.py"))
        .arg(out)
        .arg(cn)
        .arg(mode);
    if let Some(p) = password {
        cmd.arg(p);
    }
    let o = cmd.output().expect("spawn python");
    assert!(
        o.status.success(),
        "py_make_pfx.py {mode} failed ({}):\n{}",
        o.status,
        both_streams(&o)
    );
    serde_json::from_slice(&o.stdout).expect("py_make_pfx.py prints JSON")
}

#[test]
fn reverse_python_cryptography_serializations() {
    let sb = Sandbox::new();
    // (mode, password, what -info must show)
    let cases: [(&str, Option<&str>, &[&str]); 3] = [
        ("best", Some(PW), &["MAC: sha256", "AES-256-CBC"]),
        ("none", None, &["MAC: ", "Key bag"]),
        (
            "legacy",
            Some(PW),
            &[
                "MAC: sha1",
                "pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 10000",
            ],
        ),
    ];
    for (mode, password, shows) in cases {
        let what = match mode {
            "best" => "cryptography BestAvailableEncryption",
            "none" => "cryptography NoEncryption",
            _ => "cryptography encryption_builder 3DES + SHA-1 MAC",
        };
        let pfx = sb.path().join(format!("python-{mode}.pfx"));
        let made = py_make_pfx(&pfx, &format!("made-by-python-{mode}"), mode, password);
        // Golden: cryptography's own fingerprint of the certificate it serialized.
        let golden = json_str(&made, "sha1").to_string();
        let info = pkcs12_info(&pfx, password.unwrap_or(""), false);
        for s in shows {
            assert!(info.contains(s), "{what}: expected `{s}` in:\n{info}");
        }
        certkit_reads(&sb, &pfx, password, &golden, Mac::Present, what);
    }
}

#[test]
fn reverse_dotnet_export_pkcs12() {
    let sb = Sandbox::new();
    let cases: [(&str, Value); 3] = [
        ("password", json!(PW)),
        ("null password", Value::Null),
        ("empty password", json!("")),
    ];
    let ops: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(i, (_, p))| {
            json!({
                "op": "export",
                "file": sb.path().join(format!("dotnet-{i}.pfx")),
                "subject": format!("CN=made-by-dotnet-{i}"),
                "password": p,
            })
        })
        .collect();
    // One .NET runtime start for all three exports.
    let results = dotnet_batch(&Value::Array(ops), &sb.home());
    assert_eq!(results.len(), cases.len(), "{results:#?}");
    for (r, (label, p)) in results.iter().zip(&cases) {
        let what = format!(".NET X509Certificate2.Export(Pkcs12, {label})");
        assert_eq!(r["ok"], true, "{what}: {r:#}");
        let pfx = PathBuf::from(json_str(r, "file"));
        assert!(pfx.is_file(), "{what}: .NET wrote no {}", pfx.display());
        // Golden: .NET's own Thumbprint.
        let golden = json_str(r, "thumbprint").to_string();
        let password = p.as_str().filter(|s| !s.is_empty());
        // .NET 8 on Linux exports what Windows does: 3DES bags, an HMAC-SHA1 MAC.
        let info = pkcs12_info(&pfx, password.unwrap_or(""), false);
        assert!(
            info.contains("MAC: sha1") && info.contains("pbeWithSHA1And3-KeyTripleDES-CBC"),
            "{what}: .NET's export profile changed:\n{info}"
        );
        certkit_reads(&sb, &pfx, password, &golden, Mac::Present, &what);
    }
}
