//! The real binary: `manifest patch`, `keycred` and `thumbprint` working together.

mod cli_env;

use cli_env::Env;
use predicates::prelude::*;

const GRAPH_FIXTURE: &str = "manifests/msgraph-portal-with-existing-cert-crlf.json";

#[test]
fn patch_defaults_to_the_newest_created_certificate_and_says_so() {
    let env = Env::new();
    let thumbprint = env
        .new_cert("surveysapp")
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let manifest = env.fixture(GRAPH_FIXTURE);
    let original = std::fs::read(&manifest).unwrap();
    env.certkit()
        .args(["manifest", "patch"])
        .arg(&manifest)
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "using CN=surveysapp, {thumbprint}"
        )))
        .stderr(predicate::str::contains("Microsoft Graph"));
    let patched = std::fs::read(&manifest).unwrap();
    assert!(patched.len() > original.len());
    assert_eq!(
        std::fs::read(manifest.with_extension("json.bak")).unwrap(),
        original
    );
    let text = String::from_utf8(patched).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let creds = value["keyCredentials"].as_array().unwrap();
    assert_eq!(creds.len(), 2);
    assert!(
        creds[0]["key"].is_null(),
        "the existing entry keeps its null key"
    );
}

#[test]
fn patching_twice_changes_nothing_the_second_time() {
    let env = Env::new();
    env.new_cert("twice");
    let manifest = env.fixture(GRAPH_FIXTURE);
    env.certkit()
        .args(["manifest", "patch", "--no-backup"])
        .arg(&manifest)
        .assert()
        .success();
    let once = std::fs::read(&manifest).unwrap();
    env.certkit()
        .args(["manifest", "patch", "--no-backup"])
        .arg(&manifest)
        .assert()
        .success()
        .stderr(predicate::str::contains("already holds this certificate"));
    assert_eq!(std::fs::read(&manifest).unwrap(), once);
    assert!(!manifest.with_extension("json.bak").exists());
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let env = Env::new();
    env.new_cert("dry");
    let manifest = env.fixture(GRAPH_FIXTURE);
    let name = manifest.file_name().unwrap().to_str().unwrap();
    let original = std::fs::read(&manifest).unwrap();
    // Relative (the working directory is env.out): git's a/ and b/.
    env.certkit()
        .args(["manifest", "patch", "--dry-run", name])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "--- a/{name}\n+++ b/{name}\n"
        )))
        .stdout(predicate::str::contains(
            "+            \"customKeyIdentifier\"",
        ));
    // Absolute: the path as it is, not a//tmp/...
    let absolute = manifest.display().to_string();
    env.certkit()
        .args(["manifest", "patch", "--dry-run"])
        .arg(&manifest)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "--- {absolute}\n+++ {absolute}\n"
        )));
    assert_eq!(std::fs::read(&manifest).unwrap(), original);
}

/// `changed` says whether the file was, or with --dry-run would be, changed.
#[test]
fn json_changed_means_the_file_would_change() {
    let env = Env::new();
    env.new_cert("json");
    let manifest = env.fixture(GRAPH_FIXTURE);
    let original = std::fs::read(&manifest).unwrap();
    let report = |extra: &[&str]| -> serde_json::Value {
        let out = cli_env::succeeded(
            env.certkit()
                .args(["manifest", "patch", "--json", "--no-backup"])
                .args(extra)
                .arg(&manifest)
                .output()
                .unwrap(),
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let dry = report(&["--dry-run"]);
    assert_eq!(
        (&dry["changed"], &dry["dry_run"]),
        (&true.into(), &true.into())
    );
    assert!(dry["diff"]
        .as_str()
        .unwrap()
        .contains("+            \"keyId\""));
    assert_eq!(std::fs::read(&manifest).unwrap(), original);
    let wet = report(&[]);
    assert_eq!(
        (&wet["changed"], &wet["diff"]),
        (&true.into(), &serde_json::Value::Null)
    );
    let again = report(&["--dry-run"]);
    assert_eq!(again["changed"], false);
    assert_eq!(again["diff"], serde_json::Value::Null);
}

#[test]
fn invalid_json_is_reported_with_line_and_column_and_left_alone() {
    let env = Env::new();
    env.new_cert("broken");
    let manifest = env.out.join("broken.json");
    let text = b"{\n  \"keyCredentials\": [\n    {,}\n  ]\n}\n";
    std::fs::write(&manifest, text).unwrap();
    env.certkit()
        .args(["manifest", "patch"])
        .arg(&manifest)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.json"))
        .stderr(predicate::str::contains("line 3"));
    assert_eq!(std::fs::read(&manifest).unwrap(), text);
}

#[test]
fn an_empty_store_gives_a_hint_to_run_new() {
    let env = Env::new();
    let manifest = env.fixture(GRAPH_FIXTURE);
    env.certkit()
        .args(["manifest", "patch"])
        .arg(&manifest)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("certkit new"));
}

#[test]
fn thumbprint_by_name_prints_just_the_thumbprint() {
    let env = Env::new();
    let thumbprint = env.new_cert("scripted").lines().next().unwrap().to_owned();
    env.new_cert("other");
    env.certkit()
        .args(["thumbprint", "scripted"])
        .assert()
        .success()
        .stdout(format!("{thumbprint}\n"));
    env.certkit()
        .args(["thumbprint"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "Cert Hash(sha1): {thumbprint}"
        )))
        .stdout(predicate::str::contains("Subject: CN=other"));
}

#[test]
fn thumbprint_of_a_file_and_of_the_store_agree() {
    let env = Env::new();
    let thumbprint = env.new_cert("agree").lines().next().unwrap().to_owned();
    for file in ["agree.cer", "agree.pem"] {
        env.certkit()
            .args(["thumbprint", file])
            .assert()
            .success()
            .stdout(format!("{thumbprint}\n"));
    }
}

#[test]
fn pasted_thumbprints_are_normalized_and_bad_ones_refused() {
    let env = Env::new();
    let thumbprint = env.new_cert("pasted").lines().next().unwrap().to_owned();
    let pasted = format!("\u{200E}{}", thumbprint.to_lowercase());
    env.certkit()
        .args(["keycred", "--thumbprint", &pasted])
        .assert()
        .success()
        .stdout(predicate::str::contains("keyCredentials"));
    env.certkit()
        .args(["keycred", "--thumbprint", "12345G"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("position 6"));
}
