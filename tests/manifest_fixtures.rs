//! Every real manifest in fixtures/manifests and every hostile one in fixtures/manifests-edge,
//! patched with a certificate made by openssl. Golden values (SHA-1, dates) come from openssl's
//! own output in fixtures/certs/fixture-cert.txt, never from certkit.

use std::fs;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use certkit::keycred::{KeyCredential, Schema};
use certkit::manifest::{self, Change};
use certkit::Certificate;
use serde_json::Value as Json;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Edge fixtures where the edit is not a pure insertion: a space inside `[ ]` is replaced, and
/// a comma goes before a comment that stays on the last entry's line.
const NOT_PURE_INSERTIONS: &[&str] = &[
    "bracket-space-bracket.json",
    "comment-after-last-entry-no-comma.json",
];

fn fixture_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(fixture_dir(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        // Every file is a fixture except the folder's notes.
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {dir}");
    files
}

/// What openssl said about the certificate (`-fingerprint -sha1 -dates`).
struct Golden {
    sha1: Vec<u8>,
    not_before: String,
    not_after: String,
}

fn golden() -> Golden {
    let text = fs::read_to_string(fixture_dir("certs").join("fixture-cert.txt")).unwrap();
    let field = |prefix: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("{prefix} missing"))
            .to_string()
    };
    let sha1 = field("sha1 Fingerprint=")
        .split(':')
        .map(|byte| u8::from_str_radix(byte, 16).unwrap())
        .collect();
    Golden {
        sha1,
        not_before: openssl_date(&field("notBefore=")),
        not_after: openssl_date(&field("notAfter=")),
    }
}

/// `Dec  3 19:12:25 2026 GMT` -> `2026-12-03T19:12:25Z`.
fn openssl_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = date.split_whitespace().collect();
    let [month, day, clock, year, "GMT"] = parts[..] else {
        panic!("unexpected openssl date {date:?}")
    };
    let month = MONTHS.iter().position(|m| *m == month).unwrap() + 1;
    let day: u32 = day.parse().unwrap();
    format!("{year}-{month:02}-{day:02}T{clock}Z")
}

fn certificate() -> Certificate {
    let der = fs::read(fixture_dir("certs").join("fixture-cert.cer")).unwrap();
    Certificate::from_der(&der).unwrap()
}

/// The data in a manifest: serde_json when it is plain JSON, jsonc-parser (comments, trailing
/// commas) otherwise.
fn parse(bytes: &[u8]) -> Json {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if let Ok(value) = serde_json::from_slice(bytes) {
        return value;
    }
    let text = std::str::from_utf8(bytes).unwrap();
    let value = jsonc_parser::parse_to_value(text, &Default::default()).unwrap();
    from_jsonc(&value.expect("a value"))
}

fn from_jsonc(value: &jsonc_parser::JsonValue) -> Json {
    use jsonc_parser::JsonValue as V;
    match value {
        V::String(s) => Json::String(s.to_string()),
        V::Number(n) => serde_json::from_str(n).unwrap(),
        V::Boolean(b) => Json::Bool(*b),
        V::Null => Json::Null,
        V::Array(a) => Json::Array(a.iter().map(from_jsonc).collect()),
        V::Object(o) => Json::Object(
            o.clone()
                .into_iter()
                .map(|(k, v)| (k.to_string(), from_jsonc(&v)))
                .collect(),
        ),
    }
}

fn check(file: &Path, pure_insertion: bool) {
    let name = file.file_name().unwrap().to_str().unwrap();
    let input = fs::read(file).unwrap();
    let cert = certificate();
    let cred = KeyCredential::for_certificate(&cert);
    let out = manifest::patch(&input, file, &cred, &cert, None)
        .unwrap_or_else(|e| panic!("{name}: {e}; {}", e.hint()));
    let Change::Inserted { span } = out.change.clone() else {
        panic!("{name}: {:?}", out.change)
    };

    // (a) only the span differs; it is a pure insertion where the layout allows one.
    let removed = input.len() + span.len() - out.text.len();
    assert_eq!(
        out.text[..span.start],
        input[..span.start],
        "{name}: prefix"
    );
    assert_eq!(
        out.text[span.end..],
        input[span.start + removed..],
        "{name}: suffix"
    );
    assert_eq!(
        removed == 0,
        pure_insertion,
        "{name}: removed {removed} bytes"
    );
    let window = String::from_utf8(out.text[span.clone()].to_vec()).unwrap();
    let kept = std::str::from_utf8(&input[span.start..span.start + removed]).unwrap();
    assert!(window.contains(kept.trim()), "{name}: {kept:?} lost");
    check_layout(name, &input, &out.text, &window);

    // (b) the data is the input's plus one entry.
    let new = check_data(name, &input, &out.text, out.schema, &cred);
    check_field_order(name, &window, out.schema, &cred);

    // (c) against openssl's fingerprint and dates.
    let golden = golden();
    let cki = new["customKeyIdentifier"].as_str().unwrap();
    assert_eq!(STANDARD.decode(cki).unwrap(), golden.sha1, "{name}");
    assert_eq!(
        new[out.schema.start_field()],
        golden.not_before.as_str(),
        "{name}"
    );
    assert_eq!(
        new[out.schema.end_field()],
        golden.not_after.as_str(),
        "{name}"
    );
    assert_eq!(STANDARD.decode(cred.key()).unwrap(), cert.der());

    // (d) a second patch finds the entry and changes nothing.
    let again = manifest::patch(&out.text, file, &cred, &cert, None).unwrap();
    assert_eq!(again.text, out.text, "{name}");
    let key_id = Some(cred.key_id().to_string());
    assert_eq!(again.change, Change::AlreadyPresent { key_id }, "{name}");
}

/// BOM, final newline and line ends as the input has them.
fn check_layout(name: &str, input: &[u8], out: &[u8], window: &str) {
    assert_eq!(input.starts_with(BOM), out.starts_with(BOM), "{name}: BOM");
    assert_eq!(
        input.ends_with(b"\n"),
        out.ends_with(b"\n"),
        "{name}: final newline"
    );
    if !input.contains(&b'\n') && input.contains(&b'\r') {
        assert!(!window.contains('\n'), "{name}: LF in a CR-only file");
        assert!(window.contains('\r'), "{name}: no CR line ends");
    } else if input.windows(2).any(|w| w == b"\r\n") {
        assert_eq!(
            window.matches('\n').count(),
            window.matches("\r\n").count(),
            "{name}: CRLF"
        );
    } else {
        assert!(!window.contains('\r'), "{name}: CR in an LF file");
    }
}

/// Returns the new entry after checking that it is the only change to the data.
fn check_data(name: &str, input: &[u8], out: &[u8], schema: Schema, cred: &KeyCredential) -> Json {
    let mut expected = parse(input);
    let entry = cred.to_json(schema);
    let root = expected.as_object_mut().unwrap();
    let entries = root
        .entry("keyCredentials")
        .or_insert_with(|| Json::Array(vec![]));
    entries.as_array_mut().unwrap().push(entry.clone());
    let actual = parse(out);
    assert_eq!(actual, expected, "{name}");
    actual["keyCredentials"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone()
}

/// The new entry's fields appear in the window in the schema's order (jsonc-parser's values
/// do not keep order, so this reads the text).
fn check_field_order(name: &str, window: &str, schema: Schema, cred: &KeyCredential) {
    let entry = cred.to_json(schema);
    let positions: Vec<usize> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(|k| {
            window
                .find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("{name}: {k}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{name}: field order"
    );
}

#[test]
fn every_real_manifest() {
    for file in files("manifests") {
        check(&file, true);
    }
}

#[test]
fn every_edge_manifest() {
    for file in files("manifests-edge") {
        let name = file.file_name().unwrap().to_str().unwrap();
        check(&file, !NOT_PURE_INSERTIONS.contains(&name));
    }
}

#[test]
fn golden_file_is_read_as_expected() {
    assert_eq!(
        openssl_date("Nov 30 19:12:25 2036 GMT"),
        "2036-11-30T19:12:25Z"
    );
    assert_eq!(golden().sha1.len(), 20);
    assert_eq!(golden().sha1, certificate().sha1());
}
