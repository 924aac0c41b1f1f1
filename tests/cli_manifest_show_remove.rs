//! The real binary: `manifest show` and `manifest remove` over the manifest fixtures. The
//! strongest check is the round trip: patching a fixture and removing the same certificate
//! again must give back the fixture byte for byte. Data checks use Python's json (after
//! stripping comments), not certkit's reader.

mod cli_env;
mod json_oracle;

use std::fs;
use std::path::{Path, PathBuf};

use cli_env::Env;
use predicates::prelude::*;
use serde_json::Value as Json;

const GRAPH_FIXTURE: &str = "manifests/msgraph-portal-with-existing-cert-crlf.json";
const EXISTING_KEY_ID: &str = "a229b752-17ec-4704-9971-4b4021745a1c";
const EXISTING_THUMBPRINT: &str = "5E3B1C9F0A7D24E6B8C1D3F5A7092B4C6E8F0A12";

/// Its last entry has a trailing comma (`}, // ...`): patch adds ours after that comma, and
/// removing ours takes the comma that then separates the two, so the text differs there.
const NOT_ROUND_TRIPS: &[&str] = &["comments-trailing-commas.jsonc"];

fn new_cert(env: &Env) -> String {
    env.new_cert("surveysapp")
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

fn show_json(env: &Env, file: &Path) -> Json {
    let out = cli_env::succeeded(
        env.certkit()
            .args(["manifest", "show", "--json"])
            .arg(file)
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A thumbprint as users paste it: lower case, colons between bytes.
fn pasted(thumbprint: &str) -> String {
    let bytes: Vec<String> = thumbprint
        .as_bytes()
        .chunks(2)
        .map(|p| String::from_utf8(p.to_vec()).unwrap().to_lowercase())
        .collect();
    bytes.join(":")
}

fn fixture_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = fixture_path(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn show_lists_the_portal_entry() {
    let env = Env::new();
    let file = env.fixture(GRAPH_FIXTURE);
    env.certkit()
        .args(["manifest", "show"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "keyCredentials[0]  keyId {EXISTING_KEY_ID}  valid, "
        )))
        .stdout(predicate::str::contains(format!(
            "thumbprint   {EXISTING_THUMBPRINT} (from the hex customKeyIdentifier)"
        )))
        .stdout(predicate::str::contains(
            "type, usage  AsymmetricX509Cert, Verify",
        ))
        .stdout(predicate::str::contains(
            "end          2038-01-15T17:59:59Z",
        ))
        .stderr(predicate::str::contains("1 credential in"))
        .stderr(predicate::str::contains("1 valid"));
    let report = show_json(&env, &file);
    let entry = &report["credentials"][0];
    assert_eq!(entry["key_id"], EXISTING_KEY_ID);
    assert_eq!(entry["thumbprint"], EXISTING_THUMBPRINT);
    assert_eq!(entry["status"], "valid");
    assert_eq!(entry["usable"], true);
    assert!(entry["days_left"].as_i64().unwrap() > 365);
    assert_eq!(report["usable"], 1);
}

#[test]
fn show_flags_expiring_expired_and_malformed_entries() {
    let env = Env::new();
    let soon = time::OffsetDateTime::now_utc() + time::Duration::days(10);
    let soon = certkit::keycred::format_date(soon);
    let text = fs::read_to_string(env.fixture(GRAPH_FIXTURE)).unwrap();
    let entry = |end: &str, id: &str| {
        format!("{{\"customKeyIdentifier\": \"{EXISTING_THUMBPRINT}\", \"endDateTime\": \"{end}\", \"keyId\": \"{id}\", \"startDateTime\": \"2024-01-01T00:00:00Z\", \"type\": \"AsymmetricX509Cert\", \"usage\": \"Verify\"}}")
    };
    let entries = [
        entry(&soon, "soon"),
        entry("2020-01-01T00:00:00Z", "old"),
        "{\"keyId\": 5}".into(),
    ];
    let start = text.find("\"keyCredentials\": [").unwrap() + "\"keyCredentials\": [".len();
    let text = format!(
        "{}{}, {}",
        &text[..start],
        entries.join(", "),
        &text[start..]
    );
    let file = env.out.join("flags.json");
    fs::write(&file, text).unwrap();
    env.certkit()
        .args(["manifest", "show"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("keyId soon  EXPIRING in "))
        .stdout(predicate::str::contains("keyId old  EXPIRED "))
        .stdout(predicate::str::contains("keyId -  MALFORMED"))
        .stdout(predicate::str::contains(
            "problem      keyId is a number, not a string",
        ))
        .stderr(predicate::str::contains("4 credentials in"))
        .stderr(predicate::str::contains(
            "1 valid, 1 expiring within 30 days, 1 expired, 0 not yet valid, 1 malformed",
        ));
    let report = show_json(&env, &file);
    let status: Vec<&str> = report["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["expiring", "expired", "malformed", "valid"]);
}

/// Patch, find the entry with show, remove it by a pasted thumbprint: the fixture again.
#[test]
fn patch_then_remove_gives_back_every_fixture_byte_for_byte() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let mut round_trips = 0;
    for fixture in fixtures("manifests")
        .into_iter()
        .chain(fixtures("manifests-edge"))
    {
        let original = fs::read(&fixture).unwrap();
        let file = env.out.join(fixture.file_name().unwrap());
        fs::write(&file, &original).unwrap();
        env.certkit()
            .args(["manifest", "patch", "--no-backup"])
            .arg(&file)
            .assert()
            .success();
        let report = show_json(&env, &file);
        let last = report["credentials"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()
            .clone();
        assert_eq!(
            last["thumbprint"],
            thumbprint.as_str(),
            "{}",
            file.display()
        );
        // Our entry holds the certificate itself: that is what identifies it.
        assert_eq!(last["thumbprint_from"], "key");
        assert_eq!(last["problems"], Json::Array(vec![]));
        // --force: in most fixtures ours is the only valid certificate, which the guard keeps.
        env.certkit()
            .args([
                "manifest",
                "remove",
                "--no-backup",
                "--force",
                "--thumbprint",
                &pasted(&thumbprint),
            ])
            .arg(&file)
            .assert()
            .success()
            .stderr(predicate::str::contains("removed 1 entry"));
        let after = fs::read(&file).unwrap();
        let before = json_oracle::data(&fixture);
        let had_entries = before["keyCredentials"]
            .as_array()
            .is_some_and(|a| !a.is_empty());
        if had_entries && !NOT_ROUND_TRIPS.contains(&fixture.file_name().unwrap().to_str().unwrap())
        {
            assert_eq!(
                String::from_utf8_lossy(&after),
                String::from_utf8_lossy(&original),
                "{}",
                file.display()
            );
            round_trips += 1;
        } else {
            // Patch spread `[]` over lines (or added the property); remove takes out only the
            // element and its separating comma, so the data is the fixture's.
            let mut want = before;
            if !had_entries {
                want["keyCredentials"] = Json::Array(vec![]);
            }
            assert_eq!(json_oracle::data(&file), want, "{}", file.display());
        }
    }
    assert!(round_trips >= 5, "{round_trips}");
}

#[test]
fn the_last_valid_certificate_needs_force() {
    let env = Env::new();
    let file = env.fixture(GRAPH_FIXTURE);
    let original = fs::read(&file).unwrap();
    env.certkit()
        .args([
            "manifest",
            "remove",
            "--key-id",
            &EXISTING_KEY_ID.to_uppercase(),
        ])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("refusing to change"))
        .stderr(predicate::str::contains(
            "last certificate the app can sign in with today",
        ))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(fs::read(&file).unwrap(), original);
    assert!(!file.with_extension("json.bak").exists());
    env.certkit()
        .args(["manifest", "remove", "--force", "--key-id", EXISTING_KEY_ID])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: no certificate left"));
    assert_eq!(fs::read(file.with_extension("json.bak")).unwrap(), original);
    let mut want = json_oracle::data(&fixture_path(GRAPH_FIXTURE));
    want["keyCredentials"] = Json::Array(vec![]);
    assert_eq!(json_oracle::data(&file), want);
}

#[test]
fn expired_entries_go_the_new_one_stays_and_a_second_run_does_nothing() {
    let env = Env::new();
    let thumbprint = new_cert(&env);
    let text = fs::read_to_string(env.fixture(GRAPH_FIXTURE)).unwrap();
    let file = env.out.join("expired.json");
    fs::write(
        &file,
        text.replace("2038-01-15T17:59:59Z", "2020-01-15T17:59:59Z"),
    )
    .unwrap();
    env.certkit()
        .args(["manifest", "patch", "--no-backup"])
        .arg(&file)
        .assert()
        .success();
    let patched = json_oracle::data(&file);
    env.certkit()
        .args(["manifest", "remove", "--expired", "--dry-run"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "-            \"keyId\": \"{EXISTING_KEY_ID}\","
        )))
        .stderr(predicate::str::contains("would remove keyCredentials[0]"));
    let out = cli_env::succeeded(
        env.certkit()
            .args(["manifest", "remove", "--expired", "--json"])
            .arg(&file)
            .output()
            .unwrap(),
    );
    let report: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["removed"][0]["key_id"], EXISTING_KEY_ID);
    assert_eq!(report["removed"][0]["status"], "expired");
    assert_eq!(
        (report["changed"].clone(), report["usable_left"].clone()),
        (Json::Bool(true), Json::from(1))
    );
    let mut want = patched.clone();
    want["keyCredentials"].as_array_mut().unwrap().remove(0);
    assert_eq!(json_oracle::data(&file), want);
    assert_eq!(
        show_json(&env, &file)["credentials"][0]["thumbprint"],
        thumbprint.as_str()
    );
    let once = fs::read(&file).unwrap();
    env.certkit()
        .args(["manifest", "remove", "--expired"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "has no expired entry; nothing to do",
        ));
    assert_eq!(fs::read(&file).unwrap(), once);
}

#[test]
fn a_sha256_thumbprint_is_refused() {
    let env = Env::new();
    let file = env.fixture(GRAPH_FIXTURE);
    env.certkit()
        .args(["manifest", "remove", "--thumbprint", &"AB".repeat(32)])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("SHA-256"));
}
