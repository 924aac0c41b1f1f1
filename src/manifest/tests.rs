use std::path::Path;

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/", $name)).as_slice()
    };
}

fn cert() -> Certificate {
    Certificate::from_der(fixture!("certs/fixture-cert.cer")).unwrap()
}

fn cred() -> KeyCredential {
    let id = uuid::Uuid::parse_str("2cc790db-4e9a-4344-ac49-5e59bff8ab80").unwrap();
    KeyCredential::with_key_id(&cert(), id)
}

fn path() -> &'static Path {
    Path::new("manifest.json")
}

fn patched(text: &[u8], schema: Option<Schema>) -> PatchOutcome {
    patch(text, path(), &cred(), &cert(), schema).unwrap()
}

fn inserted(outcome: &PatchOutcome) -> &str {
    match &outcome.change {
        Change::Inserted { span } => std::str::from_utf8(&outcome.text[span.clone()]).unwrap(),
        other => panic!("{other:?}"),
    }
}

fn error(text: &[u8], schema: Option<Schema>) -> String {
    let e = patch(text, path(), &cred(), &cert(), schema).unwrap_err();
    format!("{e} | {}", e.hint())
}

#[test]
fn detects_the_fixtures() {
    let graph = [
        fixture!("manifests/msgraph-get-sorted-keys.json"),
        fixture!("manifests/msgraph-portal-4space-no-final-newline.json"),
        fixture!("manifests/msgraph-portal-crlf-tabs.json"),
        fixture!("manifests/msgraph-portal-with-existing-cert-crlf.json"),
    ];
    let aad = [
        fixture!("manifests/aadgraph-2space.json"),
        fixture!("manifests/aadgraph-portal-tabs.json"),
        fixture!("manifests/aadgraph-template-placeholders.json"),
    ];
    graph
        .iter()
        .for_each(|m| assert_eq!(detect_schema(m), Some(Schema::Graph)));
    aad.iter()
        .for_each(|m| assert_eq!(detect_schema(m), Some(Schema::AadGraph)));
}

#[test]
fn detection_weighs_signals() {
    let cases: &[(&str, Option<Schema>)] = &[
        (r#"{"signInAudience": "AzureADMyOrg"}"#, None),
        (r#"{"api": {}, "replyUrlsWithType": []}"#, None),
        (r#"{"web": {}, "signInAudience": "x"}"#, Some(Schema::Graph)),
        (
            r#"{"oauth2Permissions": [], "keyCredentials": [{"key": null}]}"#,
            Some(Schema::Graph),
        ),
        (
            r#"{"api": {}, "keyCredentials": [], "passwordCredentials": [{"startDate": "x"}]}"#,
            Some(Schema::AadGraph),
        ),
        (
            r#"{"api": {}, "keyCredentials": [{"key": null}, {"value": null}]}"#,
            None,
        ),
        ("[]", None),
        ("{", None),
    ];
    for (text, want) in cases {
        assert_eq!(detect_schema(text.as_bytes()), *want, "{text}");
    }
}

#[test]
fn graph_entry_is_inserted_in_portal_layout() {
    let input = fixture!("manifests/msgraph-portal-4space-no-final-newline.json");
    let out = patched(input, None);
    assert_eq!((out.schema, out.detected), (Schema::Graph, true));
    let c = cred();
    let want = format!(
        "\n        {{\n            \"customKeyIdentifier\": \"{}\",\n            \"displayName\": \"CN=fixture-cert\",\n            \"endDateTime\": \"2036-11-30T19:12:25Z\",\n            \"key\": \"{}\",\n            \"keyId\": \"2cc790db-4e9a-4344-ac49-5e59bff8ab80\",\n            \"startDateTime\": \"2026-12-03T19:12:25Z\",\n            \"type\": \"AsymmetricX509Cert\",\n            \"usage\": \"Verify\"\n        }}\n    ",
        c.custom_key_identifier(),
        c.key()
    );
    assert_eq!(inserted(&out), want);
    assert!(
        out.text.ends_with(b"\n}"),
        "final newline must stay missing"
    );
}

#[test]
fn aad_entry_goes_after_existing_and_keeps_crlf() {
    let input = fixture!("manifests/msgraph-portal-with-existing-cert-crlf.json");
    let out = patched(input, Some(Schema::Graph));
    assert!(!out.detected);
    let text = inserted(&out);
    assert!(
        text.starts_with(",\r\n        {\r\n            \"customKeyIdentifier\""),
        "{text:?}"
    );
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
}

#[test]
fn missing_key_credentials_is_added_last() {
    let input = fixture!("manifests/aadgraph-template-placeholders.json");
    let out = patched(input, None);
    assert_eq!(out.schema, Schema::AadGraph);
    let text = inserted(&out);
    assert!(
        text.starts_with(
            ",\n    \"keyCredentials\": [\n        {\n            \"customKeyIdentifier\""
        ),
        "{text}"
    );
    let end = format!("\"value\": \"{}\"\n        }}\n    ]", cred().key());
    assert!(text.ends_with(&end), "{text}");
    assert!(String::from_utf8(out.text).unwrap().ends_with("    ]\n}"));
}

#[test]
fn patching_twice_is_already_present() {
    let input = fixture!("manifests/aadgraph-portal-tabs.json");
    let once = patched(input, None);
    let twice = patched(&once.text, None);
    assert_eq!(twice.text, once.text);
    let want = Some("2cc790db-4e9a-4344-ac49-5e59bff8ab80".to_string());
    assert_eq!(twice.change, Change::AlreadyPresent { key_id: want });
}

#[test]
fn existing_entry_in_hex_base64_or_der_form_is_recognised() {
    let c = cert();
    let entries = [
        format!(
            r#"{{"customKeyIdentifier": "{}", "keyId": "k1", "key": null}}"#,
            c.thumbprint().to_lowercase()
        ),
        format!(
            r#"{{"customKeyIdentifier": "{}", "keyId": "k1", "key": null}}"#,
            c.digests().custom_key_identifier()
        ),
        format!(
            r#"{{"customKeyIdentifier": null, "keyId": "k1", "key": "{}"}}"#,
            cred().key()
        ),
        // Base64 wrapped at 64 columns, as PowerShell's and certutil's exports print it.
        format!(
            r#"{{"keyId": "k1", "value": "{}"}}"#,
            cred()
                .key()
                .as_bytes()
                .chunks(64)
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect::<Vec<_>>()
                .join("\\r\\n")
        ),
    ];
    for entry in entries {
        let input = format!("{{\"api\": {{}}, \"keyCredentials\": [{entry}]}}");
        let out = patched(input.as_bytes(), None);
        assert_eq!(out.text, input.as_bytes());
        let key_id = Some("k1".to_string());
        assert_eq!(out.change, Change::AlreadyPresent { key_id }, "{entry}");
    }
}

#[test]
fn structural_errors_name_the_file() {
    let text = error(b"[1, 2]", None);
    assert!(
        text.contains("not an app manifest (manifest.json): the top-level value is an array"),
        "{text}"
    );
    let text = error(br#"{"api": {}, "keyCredentials": null}"#, None);
    assert!(
        text.contains("\"keyCredentials\" is null, not an array"),
        "{text}"
    );
    let text = error(
        br#"{"api": {}, "keyCredentials": [], "keyCredentials": []}"#,
        None,
    );
    assert!(
        text.contains("\"keyCredentials\" appears more than once"),
        "{text}"
    );
    let text = error(b"{\n  \"api\": {}\n  \"web\": {}\n}", None);
    assert!(text.contains("line 2, column 12"), "{text}");
}

#[test]
fn unknown_schema_needs_the_flag() {
    let input = br#"{"signInAudience": "AzureADMyOrg"}"#;
    let text = error(input, None);
    assert!(
        text.contains("cannot tell the manifest's schema") && text.contains("--schema graph"),
        "{text}"
    );
    let out = patched(input, Some(Schema::AadGraph));
    assert_eq!((out.schema, out.detected), (Schema::AadGraph, false));
}

#[test]
fn override_contradicting_existing_entries_is_refused() {
    let input = fixture!("manifests/msgraph-portal-with-existing-cert-crlf.json");
    let text = error(input, Some(Schema::AadGraph));
    assert!(
        text.contains("use the Microsoft Graph schema") && text.contains("--schema graph"),
        "{text}"
    );
}

#[test]
fn reused_key_id_is_refused() {
    let input =
        r#"{"api": {}, "keyCredentials": [{"keyId": "2CC790DB-4E9A-4344-AC49-5E59BFF8AB80"}]}"#;
    assert!(error(input.as_bytes(), None).contains("already used"));
}

/// Runs the final check on `input` with `insert` placed before its last `]`, after `tamper`
/// has had a go at the result.
fn verify_with(insert: &str, tamper: impl FnOnce(&mut Vec<u8>)) -> Result<()> {
    let input = br#"{"api": {"a": 1}, "keyCredentials": [], "z": [1]}"#;
    let doc = Document::parse(input, path()).unwrap();
    let root = doc.root().as_object().unwrap();
    let entries = doc
        .get(&["keyCredentials"])
        .unwrap()
        .and_then(Value::as_array);
    let before = verify::Snapshot::of(&doc, root, entries);
    let at = doc.span(entries.unwrap()).end - 1;
    let edit = Edit::from_splices(vec![crate::jsonedit::Splice {
        range: at..at,
        text: insert.into(),
    }]);
    let mut text = edit.apply(input).text;
    tamper(&mut text);
    let entry = json!({"x": 1});
    let outcome = verify::Outcome {
        input,
        edit: &edit,
        output: &text,
    };
    verify::verify(
        &before,
        &outcome,
        &[verify::Expected::Added(&entry)],
        path(),
    )
}

type Tamper = fn(&mut Vec<u8>);

#[test]
fn verify_refuses_any_other_change() {
    verify_with(r#"{"x":1}"#, |_| ()).unwrap();
    let cases: [(&str, Tamper); 7] = [
        (r#"{"x":2}"#, |_| ()),
        (r#"{"x":1},{"x":1}"#, |_| ()),
        (r#"{"x":1}"#, |t| t[14] = b'2'),
        (r#"{"x":1}"#, |t| {
            let i = t.len() - 3;
            t[i] = b'2'
        }),
        (r#"{"x":1}"#, |t| t.truncate(t.len() - 1)),
        (r#"{"x":1}], "b": [1"#, |_| ()),
        (r#"{"x":1}/*"#, |t| t.extend_from_slice(b"*/")),
    ];
    for (insert, tamper) in cases {
        assert!(verify_with(insert, tamper).is_err(), "{insert}");
    }
}

#[test]
fn list_reads_either_form() {
    let c = cert();
    let input = format!(
        r#"{{"keyCredentials": [
            {{"customKeyIdentifier": "5E3B1C9F0A7D24E6B8C1D3F5A7092B4C6E8F0A12", "displayName": "*", "endDateTime": "2038-01-15T17:59:59Z", "key": null, "keyId": "a", "startDateTime": "2024-06-24T17:59:59Z", "type": "AsymmetricX509Cert", "usage": "Verify"}},
            {{"customKeyIdentifier": "{}", "endDate": "2030-01-01T00:00:00.1234567Z", "keyId": "b", "startDate": "2029-01-01T00:00:00Z", "value": null}},
            {{"keyId": 5}},
            "nonsense"
        ]}}"#,
        c.digests().custom_key_identifier()
    );
    let entries = list(input.as_bytes(), path()).unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(
        entries[0].thumbprint.as_deref(),
        Some("5E3B1C9F0A7D24E6B8C1D3F5A7092B4C6E8F0A12")
    );
    assert_eq!(entries[0].start.as_deref(), Some("2024-06-24T17:59:59Z"));
    assert_eq!(entries[0].kind.as_deref(), Some("AsymmetricX509Cert"));
    assert!(!entries[0].malformed);
    assert_eq!(entries[1].thumbprint, Some(c.thumbprint()));
    assert_eq!(
        entries[1].end.as_deref(),
        Some("2030-01-01T00:00:00.1234567Z")
    );
    assert!(entries[2].malformed && entries[3].malformed);
    assert!(list(b"{}", path()).unwrap().is_empty());
}

#[test]
fn depth_bombs_are_refused_cleanly_wherever_they_are() {
    let deep_arrays = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_objects = format!("{}1{}", "{\"a\":".repeat(100_000), "}".repeat(100_000));
    for bomb in [&deep_arrays, &deep_objects] {
        for place in [
            format!("{{\"api\": {{}}, \"x\": {bomb}, \"keyCredentials\": []}}"),
            format!("{{\"api\": {{}}, \"keyCredentials\": [{bomb}]}}"),
        ] {
            let text = error(place.as_bytes(), None);
            assert!(
                text.contains("nested too deeply (over 512 levels"),
                "{}",
                &text[..200]
            );
            let removal = remove(
                place.as_bytes(),
                path(),
                &Criterion::Expired,
                false,
                time::OffsetDateTime::UNIX_EPOCH,
            );
            assert!(removal
                .unwrap_err()
                .to_string()
                .contains("nested too deeply"));
            assert!(list(place.as_bytes(), path()).is_err());
        }
    }
}

/// 50 MB of appRoles, as bench/bench.py makes them: patched, verified, and patched again.
#[test]
fn a_50_mb_manifest_is_handled() {
    let role = format!(
        r#"        {{"allowedMemberTypes": ["User"], "description": "{}", "displayName": "Role", "id": "5d1949bf-e569-417f-8b20-c88415e94b56", "isEnabled": true, "value": "Role.Read"}}"#,
        "x".repeat(200)
    );
    let count = 50_000_000 / (role.len() + 2) + 1;
    let roles = vec![role.as_str(); count].join(",\n");
    let input = format!("{{\n    \"api\": {{}},\n    \"appRoles\": [\n{roles}\n    ],\n    \"keyCredentials\": []\n}}\n");
    assert!(input.len() > 50_000_000);
    let out = patched(input.as_bytes(), None);
    assert!(matches!(out.change, Change::Inserted { .. }));
    assert_eq!(&out.text[..100_000], &input.as_bytes()[..100_000]);
    let again = patched(&out.text, None);
    assert!(matches!(again.change, Change::AlreadyPresent { .. }));
    let entries = list(&out.text, path()).unwrap();
    assert_eq!(entries.len(), 1);
}
