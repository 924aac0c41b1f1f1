//! `certkit manifest patch` on real portal downloads: Python's `json` must parse the result, every
//! other value must be unchanged, and the new keyCredentials entry must carry OpenSSL's SHA-1,
//! the certificate's DER and OpenSSL's validity dates.

#[macro_use]
mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/manifests")
        .join(name)
}

/// Copy a fixture into the sandbox (the original is never touched).
fn copy_fixture(sb: &Sandbox, name: &str) -> PathBuf {
    sb.write(name, std::fs::read(fixture(name)).unwrap())
}

/// Compare Python's parse of the original and the patched manifest: identical except that
/// keyCredentials gained exactly one entry and kept the old ones unchanged. Returns the new entry.
fn new_entry(original: &Value, patched: &Value) -> Value {
    let (o, p) = (original.as_object().unwrap(), patched.as_object().unwrap());
    let okeys: Vec<&String> = o.keys().collect();
    let pkeys: Vec<&String> = p.keys().collect();
    assert_eq!(okeys, pkeys, "top-level keys changed");
    for (k, v) in o {
        if k != "keyCredentials" {
            assert_eq!(&p[k], v, "`{k}` changed");
        }
    }
    let old = o["keyCredentials"].as_array().unwrap();
    let new = p["keyCredentials"]
        .as_array()
        .expect("keyCredentials is an array");
    assert_eq!(new.len(), old.len() + 1, "expected one added entry");
    let mut added = Vec::new();
    let mut kept = Vec::new();
    for e in new {
        if old.contains(e) {
            kept.push(e);
        } else {
            added.push(e.clone());
        }
    }
    assert_eq!(
        kept.len(),
        old.len(),
        "an existing entry was modified or dropped"
    );
    assert_eq!(added.len(), 1);
    let entry = added.pop().unwrap();
    let id = json_str(&entry, "keyId");
    for e in old {
        assert_ne!(e["keyId"].as_str(), Some(id), "keyId reused");
    }
    entry
}

fn assert_entry(entry: &Value, cert_pem: &Path, cer_der: Option<&Path>, schema: &str) {
    let sha1 = hex_decode(&openssl_sha1(cert_pem));
    let der = openssl_der(cert_pem);
    let (nb, na) = openssl_dates(cert_pem);
    let (key_field, start, end, fields): (&str, &str, &str, &[&str]) = match schema {
        "graph" => (
            "key",
            "startDateTime",
            "endDateTime",
            &[
                "customKeyIdentifier",
                "displayName",
                "endDateTime",
                "key",
                "keyId",
                "startDateTime",
                "type",
                "usage",
            ],
        ),
        _ => (
            "value",
            "startDate",
            "endDate",
            &[
                "customKeyIdentifier",
                "endDate",
                "keyId",
                "startDate",
                "type",
                "usage",
                "value",
            ],
        ),
    };
    let keys: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for f in fields {
        assert!(keys.contains(f), "{schema} entry lacks `{f}`: {entry:#}");
    }
    assert_eq!(
        b64_std_decode(json_str(entry, "customKeyIdentifier")),
        sha1,
        "customKeyIdentifier is not base64 of OpenSSL's SHA-1: {entry:#}"
    );
    let payload = b64_std_decode(json_str(entry, key_field));
    assert_eq!(payload, der, "`{key_field}` is not the certificate's DER");
    if let Some(cer) = cer_der {
        assert_eq!(
            payload,
            std::fs::read(cer).unwrap(),
            "`{key_field}` != NAME.cer"
        );
    }
    assert_eq!(json_str(entry, start), nb, "{start} != OpenSSL -startdate");
    assert_eq!(json_str(entry, end), na, "{end} != OpenSSL -enddate");
    assert_eq!(json_str(entry, "type"), "AsymmetricX509Cert");
    assert_eq!(json_str(entry, "usage"), "Verify");
    let id = json_str(entry, "keyId");
    assert!(
        id.len() == 36 && id.as_bytes()[14] == b'4',
        "keyId {id:?} is not a v4 GUID"
    );
}

fn patch(sb: &Sandbox, file: &Path, selector: Vec<std::ffi::OsString>) -> String {
    run_ok(
        sb.certkit()
            .args(["manifest", "patch"])
            .arg(file)
            .args(selector),
    )
}

#[test]
fn patch_graph_crlf_manifest_with_new_certificate() {
    let name = "msgraph-portal-with-existing-cert-crlf.json";
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-manifest", Pw::Env(PW), true, &[]);
    let file = copy_fixture(&sb, name);
    let original = py_check(osargs!["json", fixture(name)]);

    patch(&sb, &file, osargs!["--cert", nc.cer]);

    let patched = py_check(osargs!["json", file]); // Python's json parses it
    let entry = new_entry(&original, &patched);
    assert_entry(&entry, &nc.pem, Some(&nc.cer), "graph");
    let display = json_str(&entry, "displayName");
    assert!(
        display.contains("interop-manifest") && display.len() <= 90,
        "displayName {display:?}"
    );

    // Still a CRLF file: no bare LF introduced.
    let bytes = std::fs::read(&file).unwrap();
    let bare_lf = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
        .count();
    assert_eq!(
        bare_lf, 0,
        "patched CRLF file has {bare_lf} bare LF line ends"
    );
}

#[test]
fn patch_graph_manifest_selecting_certificate_by_thumbprint_from_store() {
    let name = "msgraph-portal-with-existing-cert-crlf.json";
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-manifest-store", Pw::Env(PW), true, &[]);
    let thumb = openssl_sha1(&nc.pem);
    let file = copy_fixture(&sb, name);
    let original = py_check(osargs!["json", file]);

    // A user pastes the thumbprint from the Windows dialog: lower case, spaces, a leading LRM.
    let pasted = format!(
        "\u{200e}{}",
        hex_decode(&thumb)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    patch(
        &sb,
        &file,
        osargs![
            "--thumbprint",
            pasted,
            "--store",
            sb.store(),
            "--schema",
            "graph",
            "--no-backup"
        ],
    );
    let patched = py_check(osargs!["json", file]);
    let entry = new_entry(&original, &patched);
    assert_entry(&entry, &nc.pem, Some(&nc.cer), "graph");
    let leftovers: Vec<_> = std::fs::read_dir(sb.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("msgraph") && n != name)
        .collect();
    assert!(leftovers.is_empty(), "--no-backup left {leftovers:?}");
}

#[test]
fn patch_aad_graph_tabs_manifest_with_openssl_certificate() {
    let name = "aadgraph-portal-tabs.json";
    let sb = Sandbox::new();
    let (pem, _key) = openssl_self_signed(sb.path(), "ossl-manifest");
    let file = copy_fixture(&sb, name);
    let original = py_check(osargs!["json", file]);

    patch(&sb, &file, osargs!["--cert", pem]);

    let patched = py_check(osargs!["json", file]);
    let entry = new_entry(&original, &patched);
    assert_entry(&entry, &pem, None, "aad");
    assert!(
        entry.get("key").is_none() && entry.get("startDateTime").is_none(),
        "Microsoft Graph fields in an Azure AD Graph manifest: {entry:#}"
    );
}

#[test]
fn patch_dry_run_leaves_manifest_byte_identical() {
    let name = "msgraph-portal-with-existing-cert-crlf.json";
    let sb = Sandbox::new();
    let (pem, _key) = openssl_self_signed(sb.path(), "ossl-dry-run");
    let file = copy_fixture(&sb, name);
    let shown = patch(&sb, &file, osargs!["--cert", pem, "--dry-run"]);
    // The preview must show the entry it would add (customKeyIdentifier = base64 of OpenSSL's SHA-1).
    let cki = b64_std(&hex_decode(&openssl_sha1(&pem)));
    assert!(
        shown.contains(&cki),
        "--dry-run output does not show the new customKeyIdentifier {cki}:\n{shown}"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(fixture(name)).unwrap(),
        "--dry-run modified the file"
    );
}
