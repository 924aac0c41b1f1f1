//! The real binary on a private store: `certkit store list|show|import|export|remove`.
//! Thumbprints, serials and subjects are compared with what OpenSSL reports, not with certkit.

mod cli_env;
mod consumers;

use cli_env::Env;
use consumers::{fingerprint, openssl, openssl_cert, openssl_info, pkcs12_export, s};
use predicates::prelude::*;

fn stdout(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn an_empty_store_lists_nothing_and_says_so() {
    let env = Env::new();
    env.certkit()
        .args(["store", "list"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("is empty"));
}

#[test]
fn import_of_an_openssl_bundle_is_listed_and_shown_as_certutil_would() {
    let env = Env::new();
    let (cert, _, bundle) = openssl_cert(&env.out, "bundled");
    let sha1 = fingerprint(&cert, "-sha1");
    let out = env
        .certkit()
        .args(["store", "import", s(&bundle)])
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), sha1);
    let entry = env.store.join(format!("{sha1}.pfx"));
    #[cfg(unix)]
    assert_eq!(mode(&entry), 0o600);
    let index = std::fs::read_to_string(env.store.join(".certkit-created")).unwrap();
    assert!(index.contains(&sha1));
    // The store's format: an empty password that OpenSSL 3 opens without -legacy.
    let info = openssl_info(&[
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        s(&entry),
        "-passin",
        "pass:",
    ]);
    assert!(info.contains("MAC: sha256"), "{info}");

    let listed: serde_json::Value = serde_json::from_str(&stdout(
        &env.certkit()
            .args(["store", "list", "--json"])
            .output()
            .unwrap(),
    ))
    .unwrap();
    assert_eq!(listed[0]["thumbprint"], sha1.as_str());
    assert_eq!(listed[0]["has_private_key"], true);

    let serial = openssl(&["x509", "-in", s(&cert), "-noout", "-serial"]);
    let serial = serial.trim().trim_start_matches("serial=");
    let pasted = format!("\u{200E}{}", sha1.to_lowercase());
    let shown = stdout(
        &env.certkit()
            .args(["store", "show", &pasted])
            .output()
            .unwrap(),
    );
    for line in [
        format!("Serial Number: {serial}"),
        "Issuer: CN=bundled".into(),
        "Subject: CN=bundled".into(),
        format!("Cert Hash(sha1): {sha1}"),
        "Key: RSA 2048 bits".into(),
        "Private key: present".into(),
    ] {
        assert!(shown.contains(&line), "missing {line:?} in\n{shown}");
    }
}

#[test]
fn import_reads_password_protected_pfx_and_is_idempotent() {
    let env = Env::new();
    let (cert, key, _) = openssl_cert(&env.out, "protected");
    let pfx = env.out.join("p.pfx");
    pkcs12_export(&cert, &key, &pfx, "s3cret", &[]);
    env.certkit()
        .args(["store", "import", s(&pfx)])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--password-file"));
    std::fs::write(env.out.join("pw"), "s3cret\n").unwrap();
    env.certkit()
        .args(["store", "import", s(&pfx), "--password-file", "pw"])
        .assert()
        .success()
        .stdout(format!("{}\n", fingerprint(&cert, "-sha1")));
    env.certkit()
        .args(["store", "import", s(&pfx), "--password-file", "pw"])
        .assert()
        .success()
        .stderr(predicate::str::contains("already in the store"));
}

#[test]
fn import_without_a_key_is_refused_with_the_fix() {
    let env = Env::new();
    let (cert, _, _) = openssl_cert(&env.out, "nokey");
    env.certkit()
        .args(["store", "import", s(&cert)])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nokey.crt.pem"))
        .stderr(predicate::str::contains("PRIVATE KEY"));
    assert!(!env.store.exists() || std::fs::read_dir(&env.store).unwrap().next().is_none());
}

#[test]
fn export_writes_pem_and_pfx_that_openssl_reads_and_never_overwrites() {
    let env = Env::new();
    let thumbprint = env.new_cert("exported").lines().next().unwrap().to_owned();
    env.certkit()
        .args(["store", "export", "exported", "--pem", "e.pem"])
        .assert()
        .success();
    let pem = env.out.join("e.pem");
    #[cfg(unix)]
    assert_eq!(mode(&pem), 0o600);
    assert_eq!(fingerprint(&pem, "-sha1"), thumbprint);
    openssl(&["pkey", "-in", s(&pem), "-noout"]);
    env.certkit()
        .args(["store", "export", "exported", "--pem", "e.pem"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to overwrite"));

    std::fs::write(env.out.join("pw"), "export-pw\n").unwrap();
    for (profile, cipher) in [
        ("modern", "AES-256-CBC"),
        ("legacy", "pbeWithSHA1And3-KeyTripleDES-CBC"),
    ] {
        let file = format!("e-{profile}.pfx");
        env.certkit()
            .args([
                "store",
                "export",
                &thumbprint,
                "--pfx",
                &file,
                "--password-file",
                "pw",
                "--pfx-profile",
                profile,
            ])
            .assert()
            .success();
        let info = openssl_info(&[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            s(&env.out.join(&file)),
            "-passin",
            "pass:export-pw",
        ]);
        assert!(info.contains(cipher), "{profile}: {info}");
    }
    env.certkit()
        .args(["store", "export", "exported"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--pfx").and(predicate::str::contains("--pem")));
}

#[test]
fn remove_asks_for_yes_without_a_terminal_and_updates_the_index() {
    let env = Env::new();
    let thumbprint = env.new_cert("doomed").lines().next().unwrap().to_owned();
    let entry = env.store.join(format!("{thumbprint}.pfx"));
    env.certkit()
        .args(["store", "remove", "doomed"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    assert!(entry.exists());
    env.certkit()
        .args(["store", "remove", "doomed", "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("removed"))
        .stderr(predicate::str::contains("did not create").not());
    assert!(!entry.exists());
    let index = std::fs::read_to_string(env.store.join(".certkit-created")).unwrap();
    assert!(!index.contains(&thumbprint));
}

#[test]
fn removing_a_file_another_program_wrote_is_allowed_but_said() {
    let env = Env::new();
    let (cert, key, _) = openssl_cert(&env.out, "foreign");
    let sha1 = fingerprint(&cert, "-sha1");
    std::fs::create_dir_all(&env.store).unwrap();
    let entry = env.store.join(format!("{sha1}.pfx"));
    pkcs12_export(&cert, &key, &entry, "", &[]);
    let listed = stdout(
        &env.certkit()
            .args(["store", "list", "foreign"])
            .output()
            .unwrap(),
    );
    assert!(
        listed.contains(&sha1) && listed.contains("other"),
        "{listed}"
    );
    env.certkit()
        .args(["store", "remove", &sha1, "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains("certkit did not create"));
    assert!(!entry.exists());
}

#[test]
fn password_protected_files_in_the_store_are_skipped_with_a_warning() {
    let env = Env::new();
    let (cert, key, _) = openssl_cert(&env.out, "locked");
    std::fs::create_dir_all(&env.store).unwrap();
    let entry = env.store.join("LOCKED.pfx");
    pkcs12_export(&cert, &key, &entry, "pw", &[]);
    env.certkit()
        .args(["store", "list"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("skipped").and(predicate::str::contains("LOCKED.pfx")));
    env.certkit()
        .args(["store", "show", "locked"])
        .assert()
        .code(3);
}
