//! `certkit convert` run as users run it, in a private HOME and store; OpenSSL 3 reads every file
//! it writes (and writes the inputs), so expected values come from OpenSSL, never from certkit.
//! OpenSSL is required: these tests panic without it.

mod cli_env;
mod consumers;

use std::path::{Path, PathBuf};

use cli_env::Env;
use consumers::{fingerprint, fingerprint_as, openssl, pkcs12_export, pkcs12_info, s};
use predicates::prelude::*;

/// Every certificate's fingerprint in a PEM file, in order, as OpenSSL splits it.
fn fingerprints(pem: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(pem).unwrap();
    let dir = tempfile::tempdir().unwrap();
    text.split_inclusive("-----END CERTIFICATE-----")
        .filter(|part| part.contains("BEGIN CERTIFICATE"))
        .enumerate()
        .map(|(i, part)| {
            let one = dir.path().join(format!("{i}.pem"));
            let block = &part[part.find("-----BEGIN CERTIFICATE").unwrap()..];
            std::fs::write(&one, format!("{block}\n")).unwrap();
            fingerprint_as(&one, "PEM", "-sha1")
        })
        .collect()
}

/// An OpenSSL-made leaf (CN=leaf) with its key, and an unrelated certificate standing in for a
/// chain certificate: (bundle.pem holding key, leaf, other; leaf.pem; other.pem; key.pem).
struct Material {
    bundle: PathBuf,
    leaf: PathBuf,
    other: PathBuf,
    key: PathBuf,
}

fn material(dir: &Path) -> Material {
    let m = Material {
        bundle: dir.join("in-bundle.pem"),
        leaf: dir.join("leaf.pem"),
        other: dir.join("other.pem"),
        key: dir.join("leaf-key.pem"),
    };
    let other_key = dir.join("other-key.pem");
    for (cert, key, cn) in [
        (&m.leaf, &m.key, "/CN=leaf"),
        (&m.other, &other_key, "/CN=other"),
    ] {
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            s(key),
            "-out",
            s(cert),
            "-subj",
            cn,
            "-days",
            "30",
        ]);
    }
    // The chain certificate first: certkit must still pick the leaf by its key.
    let text: String = [&m.other, &m.key, &m.leaf]
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    std::fs::write(&m.bundle, text).unwrap();
    m
}

fn pw_file(env: &Env, name: &str, password: &str) -> PathBuf {
    let path = env.out.join(name);
    std::fs::write(&path, format!("{password}\n")).unwrap();
    path
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_pem_bundle_becomes_a_pfx_openssl_opens_without_legacy() {
    let env = Env::new();
    let m = material(&env.out);
    let pw = pw_file(&env, "pw", "s3cret");
    env.certkit()
        .args([
            "convert",
            s(&m.bundle),
            "out.pfx",
            "--password-file",
            s(&pw),
        ])
        .assert()
        .success()
        .stdout(format!("{}\n", fingerprint(&m.leaf, "-sha1")))
        .stderr(predicate::str::contains("read "))
        .stderr(predicate::str::contains(
            "PEM; 2 certificates, RSA 2048-bit private key",
        ))
        .stderr(predicate::str::contains(
            "wrote out.pfx: PFX (PKCS#12, modern profile",
        ));
    let pfx = env.out.join("out.pfx");
    let info = pkcs12_info(&pfx, "s3cret");
    let info_text = String::from_utf8_lossy(&info.stderr);
    assert!(info.status.success(), "{info_text}");
    assert!(info_text.contains("MAC: sha256"), "{info_text}");
    assert!(info_text.contains("AES-256-CBC"), "{info_text}");
    // Leaf first, then the chain; the key belongs to the leaf.
    let dump = env.out.join("dump.pem");
    let text = openssl(&["pkcs12", "-in", s(&pfx), "-nodes", "-passin", "pass:s3cret"]);
    std::fs::write(&dump, &text).unwrap();
    let mut got = fingerprints(&dump);
    got.sort();
    let mut want = vec![
        fingerprint(&m.leaf, "-sha1"),
        fingerprint(&m.other, "-sha1"),
    ];
    want.sort();
    assert_eq!(got, want);
    let key_pub = openssl(&["pkey", "-in", s(&dump), "-pubout"]);
    let leaf_pub = openssl(&["x509", "-in", s(&m.leaf), "-noout", "-pubkey"]);
    assert_eq!(key_pub, leaf_pub);
    #[cfg(unix)]
    assert_eq!(mode(&pfx), 0o600);
}

#[test]
fn legacy_profile_and_iterations_are_what_openssl_reports() {
    let env = Env::new();
    let m = material(&env.out);
    env.certkit()
        .args(["convert", s(&m.bundle), "legacy.p12", "--no-password"])
        .args(["--pfx-profile", "legacy", "--pfx-iterations", "2000"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the PFX has an empty password",
        ));
    let info = pkcs12_info(&env.out.join("legacy.p12"), "");
    let text = String::from_utf8_lossy(&info.stderr);
    assert!(info.status.success(), "{text}");
    assert!(text.contains("MAC: sha1, Iteration 2000"), "{text}");
    assert!(
        text.contains("pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2000"),
        "{text}"
    );
    env.certkit()
        .args([
            "convert",
            s(&m.bundle),
            "many.pfx",
            "--no-password",
            "--pfx-iterations",
            "600001",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Windows"));
}

#[test]
fn a_pfx_becomes_pem_der_key_and_bundle() {
    let env = Env::new();
    let m = material(&env.out);
    let pfx = env.out.join("in.pfx");
    pkcs12_export(&m.leaf, &m.key, &pfx, "in-pw", &["-certfile", s(&m.other)]);
    let leaf = fingerprint(&m.leaf, "-sha1");
    let other = fingerprint(&m.other, "-sha1");
    let convert = |out: &str, extra: &[&str]| {
        env.certkit()
            .args(["convert", s(&pfx), out, "--in-password-env", "IN_PW"])
            .args(extra)
            .env("IN_PW", "in-pw")
            .env("OUT_PW", "out-pw")
            .assert()
            .success()
            .stderr(predicate::str::contains("PFX (PKCS#12), modern profile"))
    };
    convert("certs.pem", &[]);
    assert_eq!(
        fingerprints(&env.out.join("certs.pem")),
        vec![leaf.clone(), other.clone()]
    );
    convert("leaf.cer", &[]).stderr(predicate::str::contains("1 other certificate was not"));
    assert_eq!(
        fingerprint_as(&env.out.join("leaf.cer"), "DER", "-sha1"),
        leaf
    );
    let leaf_pub = openssl(&["x509", "-in", s(&m.leaf), "-noout", "-pubkey"]);

    convert("plain.key", &[]);
    let key = env.out.join("plain.key");
    assert!(std::fs::read_to_string(&key)
        .unwrap()
        .starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(openssl(&["pkey", "-in", s(&key), "-pubout"]), leaf_pub);

    convert("rsa.key", &["--key-format", "pkcs1"]);
    let rsa = env.out.join("rsa.key");
    assert!(std::fs::read_to_string(&rsa)
        .unwrap()
        .starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert_eq!(
        openssl(&["rsa", "-in", s(&rsa), "-check", "-noout"]).trim(),
        "RSA key ok"
    );

    convert(
        "bundle.pem",
        &["--to", "bundle", "--password-env", "OUT_PW"],
    );
    let bundle = env.out.join("bundle.pem");
    let text = std::fs::read_to_string(&bundle).unwrap();
    assert!(
        text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        "key first"
    );
    assert_eq!(
        fingerprints(&bundle),
        vec![leaf, other],
        "then leaf, then chain"
    );
    let decrypted = openssl(&[
        "pkey",
        "-in",
        s(&bundle),
        "-passin",
        "pass:out-pw",
        "-pubout",
    ]);
    assert_eq!(decrypted, leaf_pub);
    #[cfg(unix)]
    {
        assert_eq!(mode(&key), 0o600);
        assert_eq!(mode(&bundle), 0o600);
        assert_eq!(mode(&env.out.join("certs.pem")), 0o644);
        assert_eq!(mode(&env.out.join("leaf.cer")), 0o644);
    }
}

#[test]
fn an_openssl_encrypted_pkcs8_key_is_read_with_the_input_password() {
    let env = Env::new();
    let m = material(&env.out);
    let encrypted = openssl(&[
        "pkcs8",
        "-topk8",
        "-in",
        s(&m.key),
        "-v2",
        "aes-256-cbc",
        "-passout",
        "pass:key-pw",
    ]);
    let input = env.out.join("enc-bundle.pem");
    let leaf_text = std::fs::read_to_string(&m.leaf).unwrap();
    std::fs::write(&input, format!("{leaf_text}{encrypted}")).unwrap();
    // Without the password the certificate is still read, and the key is said to be skipped.
    env.certkit()
        .args(["convert", s(&input), "c.pem"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the ENCRYPTED PRIVATE KEY at line",
        ));
    env.certkit()
        .args(["convert", s(&input), "k.pfx", "--no-password"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no private key"));
    env.certkit()
        .args([
            "convert",
            s(&input),
            "k.pfx",
            "--in-password-env",
            "IN_PW",
            "--no-password",
        ])
        .env("IN_PW", "wrong")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "wrong password for the encrypted private key",
        ));
    env.certkit()
        .args([
            "convert",
            s(&input),
            "k.pfx",
            "--in-password-env",
            "IN_PW",
            "--no-password",
        ])
        .env("IN_PW", "key-pw")
        .assert()
        .success();
    let dump = openssl(&[
        "pkcs12",
        "-in",
        s(&env.out.join("k.pfx")),
        "-nodes",
        "-passin",
        "pass:",
    ]);
    let dumped = env.out.join("k-dump.pem");
    std::fs::write(&dumped, dump).unwrap();
    assert_eq!(
        openssl(&["pkey", "-in", s(&dumped), "-pubout"]),
        openssl(&["pkey", "-in", s(&m.key), "-pubout"])
    );
}

#[test]
fn refusals_say_what_and_how() {
    let env = Env::new();
    let m = material(&env.out);
    env.certkit()
        .args(["convert", s(&m.leaf), "x.key"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no private key"))
        .stderr(predicate::str::contains("certificates only"));
    env.certkit()
        .args(["convert", s(&m.leaf), "x.bin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--to pfx|pem|der|key|bundle"));
    std::fs::write(env.out.join("exists.pem"), b"keep").unwrap();
    env.certkit()
        .args(["convert", s(&m.leaf), "exists.pem"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to overwrite"));
    assert_eq!(std::fs::read(env.out.join("exists.pem")).unwrap(), b"keep");
    env.certkit()
        .args(["convert", s(&m.leaf), "exists.pem", "--force"])
        .assert()
        .success();
    assert_eq!(
        fingerprint_as(&env.out.join("exists.pem"), "PEM", "-sha1"),
        fingerprint(&m.leaf, "-sha1")
    );
    env.certkit()
        .args([
            "convert",
            s(&m.bundle),
            "x.key",
            "--key-format",
            "pkcs1",
            "--password-env",
            "P",
        ])
        .env("P", "pw")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PKCS#1"));
}

#[cfg(unix)]
/// Converting a key+certificate bundle onto itself into a form that cannot hold the key is
/// refused (even with --force): the key would be gone. To another file it is written, with a
/// warning -q does not silence.
#[test]
fn the_key_is_never_dropped_silently_and_never_from_the_input_itself() {
    let env = Env::new();
    let m = material(&env.out);
    let original = std::fs::read(&m.bundle).unwrap();
    for to in ["der", "pem", "key"] {
        env.certkit()
            .args(["convert", s(&m.bundle), s(&m.bundle), "--to", to, "--force"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("it is the input file"))
            .stderr(predicate::str::contains("--to bundle"));
        assert_eq!(std::fs::read(&m.bundle).unwrap(), original, "--to {to}");
    }
    let link = env.out.join("link.pem");
    std::os::unix::fs::symlink(&m.bundle, &link).unwrap();
    env.certkit()
        .args(["convert", s(&m.bundle), s(&link), "--to", "der", "--force"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("it is the input file"));
    assert_eq!(std::fs::read(&m.bundle).unwrap(), original);
    env.certkit()
        .args(["convert", s(&m.bundle), "leaf.der", "-q"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "holds a private key, which a DER certificate cannot hold",
        ));
    assert_eq!(
        fingerprint_as(&env.out.join("leaf.der"), "DER", "-sha1"),
        fingerprint(&m.leaf, "-sha1")
    );
    // Onto itself as a bundle loses nothing: allowed with --force.
    env.certkit()
        .args([
            "convert",
            s(&m.bundle),
            s(&m.bundle),
            "--to",
            "bundle",
            "--force",
        ])
        .assert()
        .success();
    assert_eq!(
        fingerprints(&m.bundle),
        [
            fingerprint(&m.leaf, "-sha1"),
            fingerprint(&m.other, "-sha1")
        ]
    );
}

#[test]
fn ec_certificates_convert_but_their_keys_are_refused_clearly() {
    let env = Env::new();
    let (cert, key) = (env.out.join("ec.pem"), env.out.join("ec-key.pem"));
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        s(&key),
        "-out",
        s(&cert),
        "-subj",
        "/CN=ec",
        "-days",
        "30",
    ]);
    let pfx = env.out.join("ec.pfx");
    pkcs12_export(&cert, &key, &pfx, "", &[]);
    env.certkit()
        .args(["convert", s(&pfx), "ec.cer", "--in-no-password"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the private key is EC P-256, not RSA",
        ));
    assert_eq!(
        fingerprint_as(&env.out.join("ec.cer"), "DER", "-sha1"),
        fingerprint(&cert, "-sha1")
    );
    env.certkit()
        .args([
            "convert",
            s(&pfx),
            "again.pfx",
            "--in-no-password",
            "--no-password",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the private key is EC P-256"));
    // thumbprint works on the EC PFX and its PEM key+cert, as a certificate-only use.
    env.certkit()
        .args(["thumbprint", s(&pfx), "--no-password"])
        .assert()
        .success()
        .stdout(format!("{}\n", fingerprint(&cert, "-sha1")));
}

#[test]
fn new_writes_pkcs1_or_encrypted_keys_that_openssl_reads() {
    let env = Env::new();
    env.certkit()
        .args([
            "new",
            "--subject",
            "p1",
            "--no-password",
            "--key-format",
            "pkcs1",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("PKCS#1 PEM"));
    let p1 = env.out.join("p1.key");
    assert!(std::fs::read_to_string(&p1)
        .unwrap()
        .starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
    assert_eq!(
        openssl(&["rsa", "-in", s(&p1), "-check", "-noout"]).trim(),
        "RSA key ok"
    );

    let kpw = pw_file(&env, "kpw", "key secret");
    env.certkit()
        .args([
            "new",
            "--subject",
            "enc",
            "--no-password",
            "--key-password-file",
            s(&kpw),
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("encrypted PKCS#8 PEM"));
    let key = env.out.join("enc.key");
    assert!(std::fs::read_to_string(&key)
        .unwrap()
        .starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    let from_key = openssl(&[
        "pkey",
        "-in",
        s(&key),
        "-passin",
        "pass:key secret",
        "-pubout",
    ]);
    let cert = env.out.join("enc.pem");
    assert_eq!(
        from_key,
        openssl(&["x509", "-in", s(&cert), "-noout", "-pubkey"])
    );
    #[cfg(unix)]
    assert_eq!(mode(&key), 0o600);

    env.certkit()
        .args([
            "new",
            "--subject",
            "both",
            "--no-password",
            "--key-format",
            "pkcs1",
        ])
        .args(["--key-password-env", "KPW"])
        .env("KPW", "x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PKCS#1"));
    assert!(!env.out.join("both.pfx").exists());
}

#[test]
fn thumbprint_prints_reader_warnings_on_stderr() {
    let env = Env::new();
    let m = material(&env.out);
    let pfx = env.out.join("nomac.pfx");
    pkcs12_export(&m.leaf, &m.key, &pfx, "pw", &["-nomac"]);
    env.certkit()
        .args(["thumbprint", s(&pfx), "--password-env", "PW"])
        .env("PW", "pw")
        .assert()
        .success()
        .stdout(format!("{}\n", fingerprint(&m.leaf, "-sha1")))
        .stderr(predicate::str::contains("warning: the PFX has no MAC"));
}
