//! The real binary on manifests that contradict themselves, hide terminal escapes, use JSON
//! extensions, mix schemas or are far too large. Thumbprints are openssl's
//! (fixtures/certs/*.txt); data checks use Python's json.

mod cli_env;
mod json_oracle;

use std::fs;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use cli_env::Env;
use predicates::prelude::*;
use serde_json::Value as Json;

/// fixture-cert.cer and other-cert.cer, as openssl reports them.
const A_HEX: &str = "E2607B53F54EB177F26D75F13AE89CBDA4683796";
const B_HEX: &str = "0A16652997020E537371F0810DE6D37FCDDFFA05";
const KEY_ID: &str = "0d6f7bb8-9b0e-4a53-9c56-1c3f7a9c0001";

fn fixture_bytes(relative: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(relative),
    )
    .unwrap()
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

fn write(env: &Env, name: &str, text: &str) -> PathBuf {
    let file = env.out.join(name);
    fs::write(&file, text).unwrap();
    file
}

fn run_json(env: &Env, args: &[&str], file: &Path) -> Json {
    let out = env.certkit().args(args).arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// customKeyIdentifier names A, key holds B (hostile repro 06).
fn stale_manifest() -> String {
    format!(
        r#"{{
  "api": {{}},
  "keyCredentials": [
    {{
      "customKeyIdentifier": "{}",
      "displayName": "CN=other-cert",
      "endDateTime": "2099-01-01T00:00:00Z",
      "key": "{}",
      "keyId": "{KEY_ID}",
      "startDateTime": "2020-01-01T00:00:00Z",
      "type": "AsymmetricX509Cert",
      "usage": "Verify"
    }}
  ]
}}
"#,
        STANDARD.encode(hex_bytes(A_HEX)),
        STANDARD.encode(fixture_bytes("certs/other-cert.cer"))
    )
}

#[test]
fn a_stale_custom_key_identifier_is_reported_not_trusted() {
    let env = Env::new();
    let cert_a = env.fixture("certs/fixture-cert.cer");
    let file = write(&env, "app.json", &stale_manifest());
    env.certkit()
        .args(["manifest", "patch", "--cert"])
        .arg(&cert_a)
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "keyCredentials[0] (keyId {KEY_ID}) names this certificate ({A_HEX}) but is inconsistent"
        )))
        .stderr(predicate::str::contains(format!("another one ({B_HEX}, CN=other-cert)")))
        .stderr(predicate::str::contains("AADSTS700027"))
        .stderr(predicate::str::contains(format!("--key-id {KEY_ID}")))
        .stderr(predicate::str::contains("already holds").not());
    assert_eq!(fs::read_to_string(&file).unwrap(), stale_manifest());
    let report = run_json(&env, &["manifest", "show", "--json"], &file);
    let entry = &report["credentials"][0];
    assert_eq!(entry["thumbprint"], B_HEX);
    assert_eq!(entry["thumbprint_from"], "key");
    assert_eq!(entry["status"], "malformed");
    assert_eq!(entry["usable"], false);
    assert!(entry["problems"][0].as_str().unwrap().starts_with(&format!(
        "customKeyIdentifier names the certificate {A_HEX}, but key"
    )));
    env.certkit()
        .args(["manifest", "show"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "thumbprint   {B_HEX} (from the certificate in the entry)"
        )))
        .stdout(predicate::str::contains(
            "  problem      customKeyIdentifier names",
        ));
    let removal = run_json(
        &env,
        &[
            "manifest",
            "remove",
            "--json",
            "--dry-run",
            "--thumbprint",
            B_HEX,
        ],
        &file,
    );
    assert_eq!(removal["removed"][0]["key_id"], KEY_ID);
    assert_eq!(
        (&removal["changed"], &removal["dry_run"]),
        (&Json::Bool(true), &Json::Bool(true))
    );
    assert!(removal["diff"]
        .as_str()
        .unwrap()
        .contains(&format!("-      \"keyId\": \"{KEY_ID}\",")));
    assert_eq!(fs::read_to_string(&file).unwrap(), stale_manifest());
}

#[test]
fn junk_keys_bad_identifiers_and_shared_key_ids_are_malformed() {
    let env = Env::new();
    let entry = |cki: &str, key: &str, id: &str| {
        format!(
            r#"{{"customKeyIdentifier": {cki}, "endDateTime": "2099-01-01T00:00:00Z", "key": {key}, "keyId": "{id}", "startDateTime": "2020-01-01T00:00:00Z", "type": "AsymmetricX509Cert", "usage": "Verify"}}"#
        )
    };
    let text = format!(
        "{{\"api\": {{}}, \"keyCredentials\": [{}, {}, {}]}}",
        entry("null", "\"MIIB\"", "a"),
        entry("\"not base64!!\"", "null", "b"),
        entry(&format!("\"{A_HEX}\""), "null", "A"),
    );
    let file = write(&env, "junk.json", &text);
    let report = run_json(&env, &["manifest", "show", "--json"], &file);
    let credentials = report["credentials"].as_array().unwrap();
    let status: Vec<&str> = credentials
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["malformed", "malformed", "malformed"]);
    assert_eq!(credentials[0]["thumbprint"], Json::Null);
    let problems = |i: usize| credentials[i]["problems"].to_string();
    assert!(
        problems(0).contains("key does not hold a certificate"),
        "{}",
        problems(0)
    );
    assert!(
        problems(0).contains("keyId \\\"a\\\" is also used by keyCredentials[2]"),
        "{}",
        problems(0)
    );
    assert!(
        problems(1).contains(
            "customKeyIdentifier \\\"not base64!!\\\" is neither 40 hex digits nor base64"
        ),
        "{}",
        problems(1)
    );
    assert_eq!(credentials[2]["thumbprint"], A_HEX);
    assert_eq!(report["usable"], 0);
}

#[test]
fn terminal_escapes_in_the_manifest_are_shown_escaped() {
    let env = Env::new();
    let name = "\u{1b}[2J\u{1b}[32mALL GOOD\u{1b}[0m\r\nfake\u{9b}";
    let text = format!(
        r#"{{"api": {{}}, "keyCredentials": [{{"customKeyIdentifier": "{A_HEX}", "keyId": "k\u0007", "displayName": {}, "startDateTime": "2020-01-01T00:00:00Z", "endDateTime": "2099-01-01T00:00:00Z", "type": "AsymmetricX509Cert", "usage": "Verify"}}]}}"#,
        serde_json::to_string(name).unwrap()
    );
    let file = write(&env, "esc.json", &text);
    let out = env
        .certkit()
        .args(["manifest", "show"])
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains(['\u{1b}', '\r', '\u{7}', '\u{9b}']),
        "{stdout:?}"
    );
    assert!(
        stdout.contains(
            "  displayName  \\u{1b}[2J\\u{1b}[32mALL GOOD\\u{1b}[0m\\u{d}\\u{a}fake\\u{9b}\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("keyId k\\u{7}  valid"), "{stdout}");
    // --json is for programs: the value as it is.
    let report = run_json(&env, &["manifest", "show", "--json"], &file);
    assert_eq!(report["credentials"][0]["display_name"], name);
}

#[test]
fn comments_and_trailing_commas_are_kept_with_a_warning() {
    let env = Env::new();
    let cert = env.fixture("certs/fixture-cert.cer");
    let text = "{\n  \"api\": {},\n  \"keyCredentials\": [],\n  \"web\": {},\n}\n";
    let file = write(&env, "trailing.json", text);
    env.certkit()
        .args(["manifest", "patch", "--no-backup", "--cert"])
        .arg(&cert)
        .arg("trailing.json")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: trailing.json has trailing commas (the first on line 4), which JSON does not allow",
        ))
        .stderr(predicate::str::contains("the portal may refuse the upload until they are removed"));
    let patched = fs::read_to_string(&file).unwrap();
    assert!(patched.ends_with("  \"web\": {},\n}\n"), "{patched}");
    assert_eq!(
        json_oracle::data(&file)["keyCredentials"][0]["customKeyIdentifier"],
        STANDARD.encode(hex_bytes(A_HEX))
    );
    write(
        &env,
        "c.json",
        "{\n  \"api\": {},\n  // ours\n  \"keyCredentials\": []\n}\n",
    );
    env.certkit()
        .args(["manifest", "remove", "--expired", "--no-backup"])
        .arg("c.json")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "c.json has comments (the first on line 3)",
        ));
    let clean = write(&env, "clean.json", "{\"api\": {}, \"keyCredentials\": []}");
    env.certkit()
        .args(["manifest", "patch", "--dry-run", "--cert"])
        .arg(&cert)
        .arg(&clean)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn a_mixed_array_is_refused_even_with_schema() {
    let env = Env::new();
    let cert = env.fixture("certs/fixture-cert.cer");
    let text = r#"{"api": {}, "keyCredentials": [{"keyId": "a", "key": null, "startDateTime": "2020-01-01T00:00:00Z"}, {"keyId": "b", "value": null}]}"#;
    let file = write(&env, "mixed.json", text);
    for schema in ["graph", "aad"] {
        env.certkit()
            .args(["manifest", "patch", "--schema", schema, "--cert"])
            .arg(&cert)
            .arg(&file)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "mix the two schemas: keyCredentials[0] uses Microsoft Graph names",
            ))
            .stderr(predicate::str::contains(
                "keyCredentials[1] uses Azure AD Graph names",
            ));
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
    let graph = write(
        &env,
        "g.json",
        r#"{"keyCredentials": [{"keyId": "a", "key": null}]}"#,
    );
    env.certkit()
        .args(["manifest", "patch", "--schema", "aad", "--cert"])
        .arg(&cert)
        .arg(&graph)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot add an Azure AD Graph entry",
        ));
}

/// Entries at a tab and two spaces, their fields at two tabs: the new entry's fields too.
#[test]
fn mixed_indentation_is_copied_from_the_nearest_sibling() {
    let env = Env::new();
    let cert = env.fixture("certs/fixture-cert.cer");
    let text = "{\n\t\"api\": {},\n\t\"keyCredentials\": [\n\t  {\n\t\t\"keyId\": \"a\",\n\t\t\"key\": null\n\t  },\n\t  {}\n\t]\n}\n";
    let file = write(&env, "mixed-indent.json", text);
    env.certkit()
        .args(["manifest", "patch", "--no-backup", "--cert"])
        .arg(&cert)
        .arg(&file)
        .assert()
        .success();
    let patched = fs::read_to_string(&file).unwrap();
    let added = &patched[text.len() - "\n\t]\n}\n".len()..];
    assert!(
        added.starts_with(",\n\t  {\n\t\t\"customKeyIdentifier\": "),
        "{added:?}"
    );
    assert!(
        added.contains("\n\t\t\"usage\": \"Verify\"\n\t  }\n\t]\n}\n"),
        "{added:?}"
    );
    assert!(!added.contains("\t  \t"), "{added:?}");
    assert_eq!(
        json_oracle::data(&file)["keyCredentials"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn more_entries_than_any_app_has_are_refused() {
    let env = Env::new();
    let text = format!(
        "{{\"api\":{{}},\"keyCredentials\":[{}]}}",
        vec!["{}"; 100_000].join(",")
    );
    write(&env, "huge.json", &text);
    env.certkit()
        .args(["manifest", "show", "--json", "huge.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "too large to read (huge.json): the array \"keyCredentials\" at line 1, column 28 has more than 10000 elements",
        ))
        .stderr(predicate::str::contains("hint: Entra ID allows an app far fewer credentials"));
}
