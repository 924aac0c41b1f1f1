//! The real binary choosing certificates and recording what it made: the default certificate
//! is the one certkit created last, a selected certificate's dates are checked, the store's
//! record of what certkit created, pasted thumbprints, and hints that name only real flags.
//! Thumbprints are compared with OpenSSL's fingerprints.

mod cli_env;
mod consumers;

use std::path::Path;

use cli_env::Env;
use consumers::{fingerprint, openssl_cert, pkcs12_export, s};
use predicates::prelude::*;

const CLIENT: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";

fn new(env: &Env, args: &[&str]) {
    env.certkit()
        .args(["new", "--no-password", "-q"])
        .args(args)
        .assert()
        .success();
}

fn stderr_of(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stderr).unwrap()
}

/// A certificate made later with a later --not-before or --not-after is not the newest one
/// certkit created: the one created last is, as `.certkit-created` records the order.
#[test]
fn the_default_certificate_is_the_one_created_last() {
    let env = Env::new();
    new(&env, &["--subject", "k3"]);
    new(
        &env,
        &[
            "--subject",
            "nb2",
            "--not-before",
            "2027-01-01T00:00:00Z",
            "--days",
            "30",
        ],
    );
    new(
        &env,
        &["--subject", "far", "--not-after", "2060-01-01T00:00:00Z"],
    );
    new(&env, &["--subject", "k3", "--force"]);
    let last = fingerprint(&env.out.join("k3.pem"), "-sha1");
    let manifest = env.out.join("app.json");
    std::fs::write(&manifest, r#"{"api":{},"keyCredentials":[]}"#).unwrap();
    let using = format!("using CN=k3, {last}");
    let patch = stderr_of(env.certkit().args(["manifest", "patch", s(&manifest)]));
    assert!(patch.contains(&using), "{patch}");
    assert!(!patch.contains("warning"), "{patch}");
    let keycred = stderr_of(env.certkit().arg("keycred"));
    assert!(keycred.contains(&using), "{keycred}");
    let settings = env.out.join("appsettings.json");
    std::fs::write(&settings, "{}").unwrap();
    let config = stderr_of(env.certkit().args(["config", "patch", s(&settings)]));
    assert!(config.contains(&using), "{config}");
    let assertion = stderr_of(env.certkit().args([
        "assertion",
        "--client-id",
        CLIENT,
        "--tenant",
        "contoso.onmicrosoft.com",
    ]));
    assert!(assertion.contains(&last), "{assertion}");
}

/// An expired certificate (or one not valid yet) chosen by file, thumbprint or subject is named
/// on stderr by manifest patch, keycred and config patch; assertion refuses to sign with it.
#[test]
fn a_selected_certificate_that_cannot_sign_in_today_is_named() {
    let env = Env::new();
    new(
        &env,
        &[
            "--subject",
            "old",
            "--not-before",
            "2019-01-01T00:00:00Z",
            "--not-after",
            "2020-01-01T00:00:00Z",
        ],
    );
    new(
        &env,
        &["--subject", "early", "--not-before", "2099-01-01T00:00:00Z"],
    );
    let old = fingerprint(&env.out.join("old.pem"), "-sha1");
    let manifest = env.out.join("app.json");
    std::fs::write(&manifest, r#"{"api":{},"keyCredentials":[]}"#).unwrap();
    let expired = "expired on 2020-01-01T00:00:00Z";
    let file = stderr_of(env.certkit().args([
        "manifest",
        "patch",
        s(&manifest),
        "--cert",
        s(&env.out.join("old.pem")),
    ]));
    assert!(
        file.contains(&format!("warning: CN=old ({old}) {expired}")),
        "{file}"
    );
    let by_thumbprint = stderr_of(env.certkit().args(["keycred", "--thumbprint", &old]));
    assert!(by_thumbprint.contains(expired), "{by_thumbprint}");
    let settings = env.out.join("appsettings.json");
    std::fs::write(&settings, "{}").unwrap();
    let by_subject = stderr_of(env.certkit().args([
        "config",
        "patch",
        s(&settings),
        "--subject",
        "early",
        "-q",
    ]));
    assert!(
        by_subject.contains("warning: CN=early") && by_subject.contains("not valid until 2099"),
        "-q keeps warnings: {by_subject}"
    );
    env.certkit()
        .args([
            "assertion",
            "--client-id",
            CLIENT,
            "--tenant",
            "contoso.com",
        ])
        .args(["--subject", "old"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(expired).and(predicate::str::contains("AADSTS700027")));
}

/// `.certkit-created` that cannot be read stops `new` before anything is written (so a retry
/// is not refused for files the failed run left). Root reads a mode-000 file, so as root the
/// command runs as nobody.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_creation_record_stops_new_before_it_writes() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    for dir in [&env.out, &env.store] {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    let parent = env.out.parent().unwrap();
    std::fs::set_permissions(parent, std::fs::Permissions::from_mode(0o755)).unwrap();
    let record = env.store.join(".certkit-created");
    std::fs::write(&record, "").unwrap();
    std::fs::set_permissions(&record, std::fs::Permissions::from_mode(0o000)).unwrap();
    // SAFETY: geteuid has no preconditions.
    let mut cmd = if unsafe { libc::geteuid() } == 0 {
        let mut cmd = assert_cmd::Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_certkit"));
        cmd
    } else {
        assert_cmd::Command::new(env!("CARGO_BIN_EXE_certkit"))
    };
    cmd.current_dir(&env.out)
        .env("HOME", &env.home)
        .env("CERTKIT_STORE", &env.store)
        .args(["new", "--subject", "half", "--no-password"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(".certkit-created")
                .and(predicate::str::contains("cannot be read"))
                .and(predicate::str::contains("chmod 600")),
        );
    let left: Vec<_> = std::fs::read_dir(&env.out).unwrap().collect();
    assert!(left.is_empty(), "nothing written: {left:?}");
    assert_eq!(std::fs::read_dir(&env.store).unwrap().count(), 1);
}

/// `thumbprint HEX` looks the thumbprint up like `store show`; a directory is said to be one.
#[test]
fn thumbprint_takes_a_pasted_thumbprint_and_names_a_directory() {
    let env = Env::new();
    new(&env, &["--subject", "pasted"]);
    let sha1 = fingerprint(&env.out.join("pasted.pem"), "-sha1");
    let sha256 = fingerprint(&env.out.join("pasted.pem"), "-sha256");
    let colons: Vec<String> = sha1
        .to_lowercase()
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8(p.to_vec()).unwrap())
        .collect();
    env.certkit()
        .args(["thumbprint", &colons.join(":"), "--sha256"])
        .assert()
        .success()
        .stdout(format!("{sha256}\n"));
    env.certkit()
        .args(["thumbprint", &sha256])
        .assert()
        .success()
        .stdout(format!("{sha1}\n"));
    env.certkit()
        .args(["thumbprint", &"0".repeat(40)])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(format!(
            "thumbprint {}",
            "0".repeat(40)
        )));
    std::fs::create_dir(env.out.join("certs")).unwrap();
    env.certkit()
        .args(["thumbprint", "certs"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("it is a directory"));
}

/// A copy of a certkit certificate that another program put in the store under another name
/// is listed as "other", and removing it says certkit did not create it.
#[test]
fn a_foreign_copy_of_a_certkit_certificate_is_not_certkits() {
    let env = Env::new();
    let (cert, key, _) = openssl_cert(&env.out, "normal");
    let pfx = env.out.join("normal.pfx");
    pkcs12_export(&cert, &key, &pfx, "", &[]);
    env.certkit()
        .args(["store", "import", s(&pfx), "--no-password", "-q"])
        .assert()
        .success();
    let copy = env.store.join("copied-by-another-program.pfx");
    std::fs::copy(&pfx, &copy).unwrap();
    let listed: serde_json::Value = serde_json::from_slice(
        &env.certkit()
            .args(["store", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let by_path = |p: &Path| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["path"] == s(p))
            .unwrap()["created_by_certkit"]
            .clone()
    };
    let sha1 = fingerprint(&cert, "-sha1");
    assert_eq!(by_path(&copy), false);
    assert_eq!(by_path(&env.store.join(format!("{sha1}.pfx"))), true);
    env.certkit()
        .args(["store", "remove", "normal", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "certkit did not create {}",
            copy.display()
        )));
}

/// Hints name only flags the command has; the empty-password warning comes only with a PFX
/// that was written.
#[cfg(unix)]
#[test]
fn hints_and_warnings_fit_what_happened() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let (cert, key, _) = openssl_cert(&env.out, "t");
    let pfx = env.out.join("t.pfx");
    pkcs12_export(&cert, &key, &pfx, "", &[]);
    std::fs::create_dir(&env.store).unwrap();
    std::fs::set_permissions(&env.store, std::fs::Permissions::from_mode(0o777)).unwrap();
    env.certkit()
        .args(["store", "import", s(&pfx), "--no-password"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("writable by every user")
                .and(predicate::str::contains("chmod o-w"))
                .and(predicate::str::contains("--force").not()),
        );
    std::fs::set_permissions(&env.store, std::fs::Permissions::from_mode(0o700)).unwrap();

    new(&env, &["--subject", "twice", "--no-store"]);
    env.certkit()
        .args(["new", "--subject", "twice", "--no-store", "--no-password"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("refusing to overwrite")
                .and(predicate::str::contains("empty password").not()),
        );
    // Like `sed -i`, a read-only manifest is replaced (and stays read-only), but not silently.
    let manifest = env.out.join("ro.json");
    std::fs::write(&manifest, r#"{"api":{},"keyCredentials":[]}"#).unwrap();
    std::fs::set_permissions(&manifest, std::fs::Permissions::from_mode(0o444)).unwrap();
    env.certkit()
        .args(["manifest", "patch", "-q", "--cert", s(&cert), s(&manifest)])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: ").and(predicate::str::contains("read-only")));
    let meta = std::fs::metadata(&manifest).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o444);
    assert!(std::fs::read_to_string(&manifest)
        .unwrap()
        .contains("AsymmetricX509Cert"));

    std::fs::create_dir(env.out.join("dir.pfx")).unwrap();
    env.certkit()
        .args([
            "convert",
            s(&pfx),
            "dir.pfx",
            "--in-no-password",
            "--no-password",
        ])
        .arg("--force")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("is a directory")
                .and(predicate::str::contains("--force").not())
                .and(predicate::str::contains("empty password").not()),
        );
}

/// `store export --pem` with a password writes the key encrypted (OpenSSL opens it with the
/// password and finds the certificate's key); with --no-password, plain PKCS#8.
#[test]
fn store_export_pem_encrypts_the_key_with_a_password() {
    let env = Env::new();
    new(&env, &["--subject", "exported"]);
    let pw = env.out.join("pw");
    std::fs::write(&pw, "export pw\n").unwrap();
    env.certkit()
        .args(["store", "export", "exported", "--pem", "sealed.pem"])
        .args(["--password-file", s(&pw)])
        .assert()
        .success()
        .stderr(predicate::str::contains("encrypted PKCS#8"));
    let sealed = env.out.join("sealed.pem");
    let text = std::fs::read_to_string(&sealed).unwrap();
    assert!(
        text.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        "{text}"
    );
    assert!(!text.contains("BEGIN PRIVATE KEY"), "{text}");
    let passin = format!("file:{}", s(&pw));
    let from_key = consumers::openssl(&["pkey", "-in", s(&sealed), "-passin", &passin, "-pubout"]);
    let from_cert = consumers::openssl(&[
        "x509",
        "-in",
        s(&env.out.join("exported.pem")),
        "-noout",
        "-pubkey",
    ]);
    assert_eq!(from_key, from_cert);
    let wrong =
        consumers::openssl_output(&["pkey", "-in", s(&sealed), "-passin", "pass:wrong", "-noout"]);
    assert!(!wrong.status.success(), "a wrong password must not open it");
    env.certkit()
        .args([
            "store",
            "export",
            "exported",
            "--pem",
            "plain.pem",
            "--no-password",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("unencrypted"));
    let plain = std::fs::read_to_string(env.out.join("plain.pem")).unwrap();
    assert!(
        plain.starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "{plain}"
    );
}
