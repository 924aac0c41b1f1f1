//! `remove` and the status of listed entries. Expected texts are built by hand from the same
//! entry blocks the input is made of: the output must be exactly the input without the
//! removed blocks and their separating commas.

use std::path::Path;

use time::macros::datetime;
use time::OffsetDateTime;

use super::*;

const NOW: OffsetDateTime = datetime!(2026-12-03 00:00:00 UTC);
// The public golden pair of formats.md section 1, in its two customKeyIdentifier forms.
const GOLDEN_HEX: &str = "89569B9E426F9C89F6BB112012CC54F92B1ADD9B";
const GOLDEN_B64: &str = "iVabnkJvnIn2uxEgEsxU+Ssa3Zs=";
const OTHER_HEX: &str = "5E3B1C9F0A7D24E6B8C1D3F5A7092B4C6E8F0A12";

fn entry(cki: &str, end: &str, key_id: &str, nl: &str) -> String {
    [
        "        {".to_string(),
        format!("            \"customKeyIdentifier\": \"{cki}\","),
        format!("            \"endDateTime\": \"{end}\","),
        "            \"key\": null,".into(),
        format!("            \"keyId\": \"{key_id}\","),
        "            \"startDateTime\": \"2024-01-01T00:00:00Z\",".into(),
        "            \"type\": \"AsymmetricX509Cert\",".into(),
        "            \"usage\": \"Verify\"".into(),
        "        }".into(),
    ]
    .join(nl)
}

fn manifest(entries: &[&String], nl: &str) -> String {
    let body = entries
        .iter()
        .map(|e| e.as_str())
        .collect::<Vec<_>>()
        .join(&format!(",{nl}"));
    let body = if entries.is_empty() {
        String::new()
    } else {
        format!("{body}{nl}")
    };
    format!("\u{FEFF}{{{nl}    \"api\": {{}},{nl}    // credentials{nl}    \"keyCredentials\": [{nl}{body}    ],{nl}    \"web\": {{ \"x\": 1.50 }}{nl}}}")
}

struct Four {
    expired_2025: String,
    current: String,
    expired_2026: String,
    expiring: String,
}

fn four(nl: &str) -> Four {
    Four {
        expired_2025: entry(
            OTHER_HEX,
            "2025-01-01T00:00:00Z",
            "11111111-aaaa-4111-8111-111111111111",
            nl,
        ),
        current: entry(
            GOLDEN_B64,
            "2030-01-01T00:00:00.1234567Z",
            "22222222-bbbb-4222-8222-222222222222",
            nl,
        ),
        expired_2026: entry(
            "not-a-sha1",
            "2026-01-01T00:00:00+01:00",
            "33333333-cccc-4333-8333-333333333333",
            nl,
        ),
        expiring: entry(
            GOLDEN_HEX,
            "2026-12-20T00:00:00Z",
            "44444444-dddd-4444-8444-444444444444",
            nl,
        ),
    }
}

fn path() -> &'static Path {
    Path::new("app.json")
}

fn removed(input: &str, criterion: &Criterion, force: bool) -> Removal {
    remove(input.as_bytes(), path(), criterion, force, NOW).unwrap()
}

#[test]
fn dates_in_every_form_the_service_writes() {
    let cases = [
        (
            "2030-01-01T00:00:00.1234567Z",
            datetime!(2030-01-01 00:00:00.1234567 UTC),
        ),
        (
            "2030-01-01T02:00:00+02:00",
            datetime!(2030-01-01 00:00:00 UTC),
        ),
        ("2030-01-01T00:00:00", datetime!(2030-01-01 00:00:00 UTC)),
        (" 2030-01-01T00:00:00Z ", datetime!(2030-01-01 00:00:00 UTC)),
    ];
    for (text, want) in cases {
        assert_eq!(parse_date(text), Some(want), "{text}");
    }
    assert_eq!(parse_date("${{END}}"), None);
}

#[test]
fn listed_entries_know_where_they_stand() {
    let f = four("\n");
    let text = manifest(
        &[&f.expired_2025, &f.current, &f.expired_2026, &f.expiring],
        "\n",
    );
    let entries = list(text.as_bytes(), path()).unwrap();
    let status: Vec<Status> = entries.iter().map(|e| e.status(NOW)).collect();
    use Status::*;
    // "not-a-sha1" is no customKeyIdentifier the service would take.
    assert_eq!(status, [Expired, Valid, Malformed, Expiring]);
    assert_eq!(
        entries[2].problems,
        ["customKeyIdentifier \"not-a-sha1\" is neither 40 hex digits nor base64"]
    );
    assert_eq!(entries[3].days_left(NOW), Some(17));
    assert_eq!(entries[1].thumbprint.as_deref(), Some(GOLDEN_HEX));
    assert_eq!(
        entries[1].thumbprint_from,
        Some(ThumbprintSource::Base64Identifier)
    );
    assert_eq!(
        entries[3].thumbprint_from,
        Some(ThumbprintSource::HexIdentifier)
    );
    assert_eq!(entries[2].thumbprint, None);
    let usable: Vec<bool> = entries.iter().map(|e| e.usable(NOW)).collect();
    assert_eq!(usable, [false, true, false, true]);
}

#[test]
fn problems_are_named() {
    let text = r#"{"keyCredentials": [
        {"keyId": "a", "startDateTime": "2024-01-01T00:00:00Z", "endDateTime": "soon", "type": 3},
        {"startDate": "2024-01-01T00:00:00Z"},
        [1]
    ]}"#;
    let entries = list(text.as_bytes(), path()).unwrap();
    assert_eq!(
        entries[0].problems,
        [
            "type is a number, not a string",
            "the end date \"soon\" is not a date"
        ]
    );
    assert_eq!(entries[1].problems, ["no keyId", "no end date"]);
    assert_eq!(entries[2].problems, ["an array instead of an object"]);
    assert!(entries
        .iter()
        .all(|e| e.malformed && e.status(NOW) == Status::Malformed));
}

#[test]
fn thumbprint_removes_only_that_block_and_its_comma() {
    for nl in ["\n", "\r\n"] {
        let f = four(nl);
        let input = manifest(
            &[&f.expired_2025, &f.current, &f.expired_2026, &f.expiring],
            nl,
        );
        // Pasted the way users paste: lower case, spaces, a direction mark.
        let criterion = Criterion::thumbprint(
            "\u{200E}89 56 9b 9e 42 6f 9c 89 f6 bb 11 20 12 cc 54 f9 2b 1a dd 9b",
        )
        .unwrap();
        // Both usable entries go, so this needs force (see the_last_usable_certificate_needs_force).
        let out = removed(&input, &criterion, true);
        let want = manifest(&[&f.expired_2025, &f.expired_2026], nl);
        assert_eq!(String::from_utf8(out.text).unwrap(), want);
        let ids: Vec<usize> = out.removed.iter().map(|(i, _)| *i).collect();
        assert_eq!(ids, [1, 3], "both the base64 and the hex identifier match");
        assert_eq!(out.usable_left, 0);
    }
}

#[test]
fn expired_removes_every_expired_entry_and_is_idempotent() {
    let f = four("\r\n");
    let input = manifest(
        &[&f.expired_2025, &f.current, &f.expired_2026, &f.expiring],
        "\r\n",
    );
    let out = removed(&input, &Criterion::Expired, false);
    let want = manifest(&[&f.current, &f.expiring], "\r\n");
    assert_eq!(String::from_utf8(out.text.clone()).unwrap(), want);
    assert_eq!(out.usable_left, 2);
    let again = remove(&out.text, path(), &Criterion::Expired, false, NOW).unwrap();
    assert!(again.removed.is_empty());
    assert_eq!(again.text, out.text);
}

#[test]
fn key_id_ignores_case_and_the_last_entry_leaves_an_empty_array() {
    let f = four("\n");
    let input = manifest(&[&f.current, &f.expired_2025], "\n");
    let id = Criterion::KeyId(" 11111111-AAAA-4111-8111-111111111111 ".into());
    let out = removed(&input, &id, false);
    assert_eq!(
        String::from_utf8(out.text).unwrap(),
        manifest(&[&f.current], "\n")
    );
    let only = manifest(&[&f.expired_2025], "\n");
    let out = removed(&only, &id, false);
    assert_eq!(String::from_utf8(out.text).unwrap(), manifest(&[], "\n"));
}

#[test]
fn the_last_usable_certificate_needs_force() {
    let f = four("\n");
    let input = manifest(&[&f.expired_2025, &f.current], "\n");
    let current = Criterion::KeyId("22222222-bbbb-4222-8222-222222222222".into());
    let e = remove(input.as_bytes(), path(), &current, false, NOW).unwrap_err();
    let text = format!("{e} | {}", e.hint());
    assert!(
        text.starts_with("refusing to change (app.json): keyId 22222222-bbbb"),
        "{text}"
    );
    assert!(
        text.contains("last certificate the app can sign in with") && text.contains("--force"),
        "{text}"
    );
    let forced = removed(&input, &current, true);
    assert_eq!(
        String::from_utf8(forced.text).unwrap(),
        manifest(&[&f.expired_2025], "\n")
    );
    // With another usable one left, no force is needed.
    let two = manifest(&[&f.current, &f.expiring], "\n");
    assert_eq!(removed(&two, &current, false).usable_left, 1);
}

#[test]
fn nothing_to_remove_changes_nothing() {
    let f = four("\n");
    let input = manifest(&[&f.current], "\n");
    let out = removed(&input, &Criterion::KeyId("nope".into()), false);
    assert!(out.removed.is_empty());
    assert_eq!(out.text, input.as_bytes());
    let bare = r#"{"api": {}}"#;
    assert_eq!(
        removed(bare, &Criterion::Expired, false).text,
        bare.as_bytes()
    );
}

#[test]
fn sha256_thumbprints_are_refused_with_a_reason() {
    let e = Criterion::thumbprint(&"AB".repeat(32))
        .unwrap_err()
        .to_string();
    assert!(e.contains("SHA-256"), "{e}");
}
