//! The real binary, where a script could be handed a wrong answer: an empty password taken for a
//! real one, a list taken for a thumbprint, a typo taken for success, a diff mixed into JSON.
//! Each case must fail loudly (or keep stdout one JSON document) and name the way out.

mod cli_env;
mod consumers;

use cli_env::Env;
use predicates::prelude::*;

#[test]
fn empty_password_file_pipe_or_variable_is_refused_for_a_new_pfx() {
    let env = Env::new();
    let empty = env.out.join("empty-pw");
    std::fs::write(&empty, "\n").unwrap();
    let new = |extra: &[&str]| {
        let mut cmd = env.certkit();
        cmd.args(["new", "--subject", "emptypw", "--no-store"])
            .args(extra);
        cmd
    };
    new(&["--password-file", empty.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is empty"))
        .stderr(predicate::str::contains("--no-password"));
    new(&["--password-stdin"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input"));
    new(&["--password-env", "CERTKIT_TEST_EMPTY_PW"])
        .env("CERTKIT_TEST_EMPTY_PW", "")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("$CERTKIT_TEST_EMPTY_PW"));
    // Nothing was written by the refused runs.
    assert!(!env.out.join("emptypw.pfx").exists());
    assert!(!env.out.join("emptypw.key").exists());
    // The explicit flag still makes one.
    new(&["--no-password"]).assert().success();
    assert!(env.out.join("emptypw.pfx").is_file());
}

#[test]
fn a_name_shared_by_two_certificates_is_not_answered_with_one_or_a_list() {
    let env = Env::new();
    let first = env.new_cert("renewed");
    let first = first.lines().next().unwrap().to_owned();
    env.certkit()
        .args(["new", "--subject", "renewed", "--no-password", "--force"])
        .assert()
        .success();
    let second = std::fs::read_dir(&env.store)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".pfx").map(str::to_owned)
        })
        .find(|t| *t != first)
        .expect("a second store entry");
    for args in [
        vec!["thumbprint", "renewed"],
        vec!["store", "show", "renewed"],
        vec!["keycred", "--subject", "renewed"],
    ] {
        let out = env.certkit().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?} printed data: {out:?}");
        assert!(
            stderr.contains("2 certificates match the subject renewed"),
            "{args:?}: {stderr}"
        );
        assert!(
            stderr.contains(&first) && stderr.contains(&second),
            "{args:?}: {stderr}"
        );
    }
    // The whole-store listing still shows both.
    let listing = env.certkit().arg("thumbprint").output().unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    assert!(
        listing.contains(&first) && listing.contains(&second),
        "{listing}"
    );
}

#[test]
fn removing_a_named_entry_that_is_not_there_exits_3_and_changes_nothing() {
    let env = Env::new();
    let manifest = env.fixture("manifests/msgraph-portal-with-existing-cert-crlf.json");
    let before = std::fs::read(&manifest).unwrap();
    env.certkit()
        .args(["manifest", "remove"])
        .arg(&manifest)
        .args(["--key-id", "00000000-0000-4000-8000-000000000000"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no entry with keyId"))
        .stderr(predicate::str::contains("manifest show"));
    env.certkit()
        .args(["manifest", "remove"])
        .arg(&manifest)
        .args(["--thumbprint", &"AB".repeat(20)])
        .assert()
        .code(3);
    assert_eq!(std::fs::read(&manifest).unwrap(), before);
    assert!(!manifest.with_extension("json.bak").exists());
}

#[test]
fn dry_run_with_json_keeps_stdout_one_json_document() {
    let env = Env::new();
    env.new_cert("dryrun");
    let manifest = env.fixture("manifests/msgraph-portal-crlf-tabs.json");
    let before = std::fs::read(&manifest).unwrap();
    let out = env
        .certkit()
        .args(["manifest", "patch"])
        .arg(&manifest)
        .args(["--dry-run", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    assert_eq!(report["dry_run"], true);
    // `changed`: the file would be changed (it was not: see below).
    assert_eq!(report["changed"], true);
    let key_id = report["key_id"].as_str().unwrap();
    let diff = report["diff"].as_str().expect("the diff is in the JSON");
    assert!(
        diff.lines()
            .any(|l| l.starts_with('+') && l.contains(key_id)),
        "{diff}"
    );
    assert_eq!(std::fs::read(&manifest).unwrap(), before, "a dry run wrote");
}

#[test]
fn a_wrong_input_password_in_convert_names_the_in_password_options() {
    let env = Env::new();
    let pw = env.out.join("pw");
    std::fs::write(&pw, "right\n").unwrap();
    env.certkit()
        .args(["new", "--subject", "conv", "--no-store", "--password-file"])
        .arg(&pw)
        .assert()
        .success();
    let wrong = env.out.join("wrong");
    std::fs::write(&wrong, "wrong\n").unwrap();
    env.certkit()
        .args(["convert", "conv.pfx", "out.pem", "--in-password-file"])
        .arg(&wrong)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("wrong password"))
        .stderr(predicate::str::contains("--in-password-file"))
        // The file has a password: the empty one would not help.
        .stderr(predicate::str::contains("--in-no-password").not());
    assert!(!env.out.join("out.pem").exists());
}

#[test]
fn a_resource_is_refused_for_the_v2_endpoint() {
    let env = Env::new();
    env.new_cert("assert");
    let base = [
        "assertion",
        "--client-id",
        "6731de76-14a6-49ae-97bc-6eba6914391e",
        "--tenant",
        "contoso.onmicrosoft.com",
        "--request",
        "--resource",
        "https://graph.microsoft.com",
    ];
    env.certkit()
        .args(base)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "--scope https://graph.microsoft.com/.default",
        ));
    env.certkit()
        .args(base)
        .arg("--v1")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "resource=https%3A%2F%2Fgraph.microsoft.com",
        ));
}

#[test]
fn dump_warns_about_keys_entra_refuses() {
    let env = Env::new();
    let (small, _) = openssl_self_signed(&env.out, "small", "rsa:1024");
    let (large, _) = openssl_self_signed(&env.out, "large", "rsa:2048");
    let stderr_of = |cert: &std::path::Path| {
        let out = env.certkit().arg("dump").arg(cert).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let warned = stderr_of(&small);
    assert!(
        warned.contains("1024 bits") && warned.contains("AADSTS50032"),
        "{warned}"
    );
    assert!(!stderr_of(&large).contains("AADSTS50032"));
}

/// A certificate and key made by OpenSSL with `-newkey SPEC`.
fn openssl_self_signed(
    dir: &std::path::Path,
    cn: &str,
    spec: &str,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let (cert, key) = (
        dir.join(format!("{cn}.crt")),
        dir.join(format!("{cn}.key.pem")),
    );
    consumers::openssl(&[
        "req",
        "-x509",
        "-newkey",
        spec,
        "-nodes",
        "-days",
        "30",
        "-subj",
        &format!("/CN={cn}"),
        "-keyout",
        consumers::s(&key),
        "-out",
        consumers::s(&cert),
    ]);
    (cert, key)
}

#[test]
fn a_pfx_asking_scrypt_for_a_gigabyte_is_refused_before_any_key_derivation() {
    let env = Env::new();
    // fixtures/hostile/README.md: a valid MAC for "x", one part under scrypt N=2^20 r=8 p=16.
    let pfx = env.fixture("hostile/scrypt-1gib.pfx");
    for command in ["dump", "thumbprint"] {
        env.certkit()
            .arg(command)
            .arg(&pfx)
            .args(["--password-env", "CERTKIT_TEST_PW"])
            .env("CERTKIT_TEST_PW", "x")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("unreasonable PFX"));
    }
}
