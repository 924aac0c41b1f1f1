//! Entries that contradict themselves or each other, files the portal may refuse, and the
//! bound on what is read. Golden thumbprints are openssl's (fixtures/certs/*.txt).

use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use time::macros::datetime;

use super::*;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/", $name)).as_slice()
    };
}

/// openssl's SHA-1 of fixture-cert.cer (fixture-cert.txt) and of other-cert.cer.
const A_HEX: &str = "E2607B53F54EB177F26D75F13AE89CBDA4683796";
const B_HEX: &str = "0A16652997020E537371F0810DE6D37FCDDFFA05";

fn cert_a() -> Certificate {
    Certificate::from_der(fixture!("certs/fixture-cert.cer")).unwrap()
}

fn cred_a() -> KeyCredential {
    let id = uuid::Uuid::parse_str("2cc790db-4e9a-4344-ac49-5e59bff8ab80").unwrap();
    KeyCredential::with_key_id(&cert_a(), id)
}

fn path() -> &'static Path {
    Path::new("app.json")
}

fn a_base64() -> String {
    let bytes: Vec<u8> = (0..40)
        .step_by(2)
        .map(|i| u8::from_str_radix(&A_HEX[i..i + 2], 16).unwrap())
        .collect();
    STANDARD.encode(bytes)
}

fn b_der_base64() -> String {
    STANDARD.encode(fixture!("certs/other-cert.cer"))
}

fn manifest(entries: &[String]) -> String {
    format!(
        "{{\n  \"api\": {{}},\n  \"keyCredentials\": [\n    {}\n  ]\n}}\n",
        entries.join(",\n    ")
    )
}

fn entry(cki: &str, key: &str, key_id: &str) -> String {
    format!(
        r#"{{"customKeyIdentifier": {cki}, "displayName": "CN=x", "endDateTime": "2099-01-01T00:00:00Z", "key": {key}, "keyId": "{key_id}", "startDateTime": "2020-01-01T00:00:00Z", "type": "AsymmetricX509Cert", "usage": "Verify"}}"#
    )
}

fn patch_a(text: &str) -> Result<PatchOutcome> {
    patch(text.as_bytes(), path(), &cred_a(), &cert_a(), None)
}

/// customKeyIdentifier names A, key holds B: the entry is B's and contradicts itself.
#[test]
fn a_stale_custom_key_identifier_is_not_trusted() {
    let stale = entry(
        &format!("\"{}\"", a_base64()),
        &format!("\"{}\"", b_der_base64()),
        "0d6f7bb8-9b0e-4a53-9c56-1c3f7a9c0001",
    );
    let text = manifest(std::slice::from_ref(&stale));
    let e = patch_a(&text).unwrap_err();
    let message = format!("{e} | {}", e.hint());
    assert!(
        message.contains("keyCredentials[0] (keyId 0d6f7bb8-9b0e-4a53-9c56-1c3f7a9c0001)")
            && message.contains(&format!("names the certificate {A_HEX}"))
            && message.contains(B_HEX)
            && message.contains("AADSTS700027")
            && message.contains("--key-id 0d6f7bb8-9b0e-4a53-9c56-1c3f7a9c0001"),
        "{message}"
    );
    let listed = list(text.as_bytes(), path()).unwrap();
    assert_eq!(listed[0].thumbprint.as_deref(), Some(B_HEX));
    assert_eq!(listed[0].thumbprint_from, Some(ThumbprintSource::Key));
    assert!(listed[0].malformed);
    assert_eq!(listed[0].problems.len(), 1);
    assert!(
        listed[0].problems[0].starts_with(&format!(
            "customKeyIdentifier names the certificate {A_HEX}, but key holds another one ({}, CN=other-cert)",
            B_HEX
        )),
        "{:?}",
        listed[0].problems
    );
    let now = datetime!(2030-01-01 00:00:00 UTC);
    let by_b = Criterion::Thumbprint(B_HEX.into());
    let removal = remove(text.as_bytes(), path(), &by_b, false, now).unwrap();
    assert_eq!(removal.removed.len(), 1);
    let by_a = Criterion::Thumbprint(A_HEX.into());
    let removal = remove(text.as_bytes(), path(), &by_a, false, now).unwrap();
    assert!(removal.removed.is_empty());
}

/// A consistent entry for A elsewhere in the array is what counts.
#[test]
fn a_consistent_entry_wins_over_a_broken_one() {
    let entries = [
        entry(
            &format!("\"{}\"", a_base64()),
            "\"MIIB\"",
            "11111111-0000-4000-8000-000000000001",
        ),
        entry(
            &format!("\"{A_HEX}\""),
            "null",
            "11111111-0000-4000-8000-000000000002",
        ),
    ];
    let text = manifest(&entries);
    let out = patch_a(&text).unwrap();
    let key_id = Some("11111111-0000-4000-8000-000000000002".to_string());
    assert_eq!(out.change, Change::AlreadyPresent { key_id });
    // Alone, the broken one is refused: its key is no certificate.
    let text = manifest(&entries[..1]);
    let e = patch_a(&text).unwrap_err().to_string();
    assert!(e.contains("key does not hold a certificate"), "{e}");
}

#[test]
fn the_certificate_in_key_identifies_the_entry() {
    let b_only = entry("null", &format!("\"{}\"", b_der_base64()), "k");
    let listed = list(manifest(&[b_only]).as_bytes(), path()).unwrap();
    assert_eq!(listed[0].thumbprint.as_deref(), Some(B_HEX));
    assert!(listed[0].problems.is_empty(), "{:?}", listed[0].problems);
}

#[test]
fn junk_keys_bad_identifiers_and_shared_key_ids_are_problems() {
    let entries = [
        entry("null", "\"MIIB\"", "same"),
        entry("\"not base64!!\"", "null", "SAME "),
        entry("null", "null", "other"),
    ];
    let listed = list(manifest(&entries).as_bytes(), path()).unwrap();
    assert_eq!(listed[0].thumbprint, None);
    assert!(
        listed[0].problems[0].starts_with("key does not hold a certificate: "),
        "{:?}",
        listed[0].problems
    );
    assert_eq!(
        listed[0].problems[1],
        "keyId \"same\" is also used by keyCredentials[1]"
    );
    assert_eq!(
        listed[1].problems,
        [
            "customKeyIdentifier \"not base64!!\" is neither 40 hex digits nor base64",
            "keyId \"SAME \" is also used by keyCredentials[0]"
        ]
    );
    assert!(listed[0].malformed && listed[1].malformed && !listed[2].malformed);
}

#[test]
fn a_field_given_twice_is_a_problem() {
    let text = r#"{"keyCredentials": [{"keyId": "a", "key": null, "key": null, "startDateTime": "2020-01-01T00:00:00Z", "endDateTime": "2099-01-01T00:00:00Z"}]}"#;
    let listed = list(text.as_bytes(), path()).unwrap();
    assert_eq!(listed[0].problems, ["key appears more than once"]);
}

#[test]
fn a_mixed_array_is_refused_with_or_without_schema() {
    let text = r#"{"api": {}, "keyCredentials": [{"keyId": "a", "key": null}, {"keyId": "b", "value": null}]}"#;
    for schema in [None, Some(Schema::Graph), Some(Schema::AadGraph)] {
        let e = patch(text.as_bytes(), path(), &cred_a(), &cert_a(), schema).unwrap_err();
        let message = e.to_string();
        assert!(
            message.contains("mix the two schemas: keyCredentials[0] uses Microsoft Graph names (key, startDateTime, endDateTime), keyCredentials[1] uses Azure AD Graph names (value, startDate, endDate)"),
            "{message}"
        );
    }
}

#[test]
fn a_contradicting_schema_is_named_with_the_right_article() {
    let text = r#"{"keyCredentials": [{"keyId": "a", "key": null}]}"#;
    let schema = Some(Schema::AadGraph);
    let e = patch(text.as_bytes(), path(), &cred_a(), &cert_a(), schema).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("cannot add an Azure AD Graph entry (app.json)"),
        "{e}"
    );
}

#[test]
fn comments_and_trailing_commas_are_kept_and_warned_about() {
    let text = "{\n  \"api\": {},\n  \"keyCredentials\": [],\n  \"web\": {},\n}\n";
    let out = patch_a(text).unwrap();
    assert!(out.text.ends_with(b"  \"web\": {},\n}\n"));
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0], "app.json has trailing commas (the first on line 4), which JSON does not allow: certkit keeps them as they are, but the portal may refuse the upload until they are removed");
    let commented = "{\n  \"api\": {},\n  /* a */ \"keyCredentials\": [] // b\n}";
    let out = patch_a(commented).unwrap();
    assert!(out.warnings[0].starts_with("app.json has comments (the first on line 3),"));
    let now = datetime!(2030-01-01 00:00:00 UTC);
    let removal = remove(text.as_bytes(), path(), &Criterion::Expired, false, now).unwrap();
    assert!(removal.warnings[0].contains("trailing commas (the first on line 4)"));
    assert!(patch_a("{\"api\": {}}").unwrap().warnings.is_empty());
}

#[test]
fn more_entries_than_certkit_reads_are_refused_clearly() {
    let many = |n: usize| {
        format!(
            "{{\"api\": {{}}, \"keyCredentials\": [{}]}}",
            vec!["{}"; n].join(",")
        )
    };
    let e = list(many(MAX_ENTRIES + 1).as_bytes(), path()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "too large to read (app.json): the array \"keyCredentials\" at line 1, column 31 has more than 10000 elements"
    );
    assert!(e.hint().contains("far fewer credentials"), "{}", e.hint());
    let e = patch_a(&many(MAX_ENTRIES)).unwrap_err();
    assert!(e.to_string().contains("already holds 10000 entries"), "{e}");
    // Whatever an entry holds inside is not recorded, so it costs nothing.
    let deep = format!(
        "{{\"api\": {{}}, \"keyCredentials\": [{{\"x\": [{}]}}]}}",
        vec!["1"; 500_000].join(",")
    );
    assert_eq!(list(deep.as_bytes(), path()).unwrap().len(), 1);
}

/// Right under the bound, the added entry may take the edited text over it: still checked.
#[test]
fn a_manifest_at_the_bound_can_still_be_patched() {
    let fields: Vec<String> = (0..9).map(|i| format!("\"p{i}\": 1")).collect();
    let entry = format!("{{{}}}", fields.join(", "));
    let text = format!(
        "{{\"api\": {{}}, \"keyCredentials\": [{}]}}",
        vec![entry.as_str(); MAX_ENTRIES - 1].join(", ")
    );
    let out = patch_a(&text).unwrap();
    assert!(matches!(out.change, Change::Inserted { .. }));
}

#[test]
fn manifest_text_in_messages_is_escaped_and_cut() {
    assert_eq!(list::shown("0d6f7bb8-9b0e"), "0d6f7bb8-9b0e");
    assert_eq!(list::shown("CN=a\u{1b}[2J"), "\"CN=a\\u{1b}[2J\"");
    assert_eq!(list::shown(""), "\"\"");
    let long = "é".repeat(61);
    assert_eq!(list::quoted(&long), format!("{:?}...", "é".repeat(60)));
    assert_eq!(list::shown(&long), list::quoted(&long));
}
