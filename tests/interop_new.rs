//! `certkit new`: every file it writes is read by independent consumers (OpenSSL 3 without
//! `-legacy`, Java 17 keytool, Python `cryptography`), and every digest it prints equals the one
//! OpenSSL computes. .NET 8 checks are in interop_dotnet.rs.

#[macro_use]
mod common;

use std::path::Path;

use common::*;
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// `openssl pkcs12 -info -noout` (must succeed); OpenSSL writes the profile description to stderr.
fn pkcs12_info(pfx: &Path, pass: &str) -> String {
    let o = openssl_output(osargs![
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        pfx,
        "-passin",
        format!("pass:{pass}")
    ]);
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The modern profile as OpenSSL describes it, with a MAC and sane iteration counts.
fn assert_modern_profile(info: &str, what: &str) {
    assert!(
        info.contains("MAC: sha256"),
        "{what}: expected an HMAC-SHA256 MAC:\n{info}"
    );
    let pbes2 = info.matches("PBES2, PBKDF2, AES-256-CBC").count();
    assert!(
        pbes2 >= 2,
        "{what}: expected the key bag AND the certificate bag encrypted with PBES2/PBKDF2/AES-256-CBC \
         ({pbes2} found):\n{info}"
    );
    assert!(
        info.contains("PRF hmacWithSHA256"),
        "{what}: expected PBKDF2 with HMAC-SHA256:\n{info}"
    );
    for legacy in ["RC2", "3DES", "TripleDES", "pbeWithSHA1", "RC4"] {
        assert!(
            !info.contains(legacy),
            "{what}: legacy algorithm {legacy} in the modern profile:\n{info}"
        );
    }
    assert!(
        info.contains("Shrouded Keybag"),
        "{what}: no shrouded key bag:\n{info}"
    );
    assert!(
        info.contains("Certificate bag"),
        "{what}: no certificate bag:\n{info}"
    );
    let mut n = 0;
    for part in info.split("Iteration ").skip(1) {
        let count: u64 = part
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|e| panic!("{what}: iteration count ({e}) in:\n{info}"));
        assert!(
            (1000..=600_000).contains(&count),
            "{what}: iteration count {count} outside 1000..=600000 (Windows refuses > 600000):\n{info}"
        );
        n += 1;
    }
    assert!(
        n >= 3,
        "{what}: expected MAC + 2 bag iteration counts:\n{info}"
    );
}

fn assert_wrong_password_rejected(pfx: &Path) {
    let o = openssl_try(osargs![
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        pfx,
        "-passin",
        "pass:definitely-not-the-password"
    ]);
    assert!(
        !o.status.success(),
        "OpenSSL accepted a wrong password for {}: the MAC is not checked?",
        pfx.display()
    );
}

fn pem_pubkey_of_cert(pem: &Path) -> String {
    openssl(osargs!["x509", "-in", pem, "-noout", "-pubkey"])
}

fn colons(hex: &str) -> String {
    hex.as_bytes()
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(":")
}

/// The keyCredentials entry inside a `{"keyCredentials":[...]}` fragment.
fn only_entry<'a>(fragment: &'a Value, what: &str) -> &'a Value {
    let arr = fragment
        .get("keyCredentials")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{what}: no keyCredentials array in {fragment:#}"));
    assert_eq!(arr.len(), 1, "{what}: expected one entry: {fragment:#}");
    &arr[0]
}

/// Checks one fragment entry against OpenSSL's view of the certificate.
fn assert_entry_matches(entry: &Value, schema: &str, pem: &Path, what: &str) {
    let sha1 = hex_decode(&openssl_sha1(pem));
    let der = openssl_der(pem);
    let (nb, na) = openssl_dates(pem);
    assert_eq!(
        b64_std_decode(json_str(entry, "customKeyIdentifier")),
        sha1,
        "{what}: customKeyIdentifier is not base64 of OpenSSL's SHA-1"
    );
    let (key_field, start, end) = match schema {
        "graph" => ("key", "startDateTime", "endDateTime"),
        "aad" => ("value", "startDate", "endDate"),
        _ => unreachable!(),
    };
    assert_eq!(
        b64_std_decode(json_str(entry, key_field)),
        der,
        "{what}: `{key_field}` is not base64 of the certificate's DER"
    );
    assert_eq!(
        json_str(entry, start),
        nb,
        "{what}: {start} != OpenSSL notBefore"
    );
    assert_eq!(
        json_str(entry, end),
        na,
        "{what}: {end} != OpenSSL notAfter"
    );
    assert_eq!(json_str(entry, "type"), "AsymmetricX509Cert", "{what}");
    assert_eq!(json_str(entry, "usage"), "Verify", "{what}");
    assert_guid_v4(json_str(entry, "keyId"), what);
}

fn assert_guid_v4(s: &str, what: &str) {
    let parts: Vec<&str> = s.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    assert_eq!(lens, [8, 4, 4, 4, 12], "{what}: keyId {s:?} is not a GUID");
    assert!(
        s.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
        "{what}: keyId {s:?}"
    );
    assert!(parts[2].starts_with('4'), "{what}: keyId {s:?} is not v4");
    assert!(
        matches!(
            parts[3].as_bytes()[0],
            b'8' | b'9' | b'a' | b'b' | b'A' | b'B'
        ),
        "{what}: keyId {s:?} has no RFC 4122 variant"
    );
}

// ------------------------------------------------------------------------------------------------

#[test]
fn pfx_opens_in_openssl3_without_legacy_and_extracts() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-openssl", Pw::Env(PW), true, &[]);

    let info = pkcs12_info(&nc.pfx, PW);
    assert_modern_profile(&info, "NAME.pfx");
    assert_wrong_password_rejected(&nc.pfx);

    // -nokeys: exactly our certificate.
    let certs = sb.path().join("extracted-certs.pem");
    openssl_output(osargs![
        "pkcs12",
        "-in",
        nc.pfx,
        "-nokeys",
        "-passin",
        format!("pass:{PW}"),
        "-out",
        certs
    ]);
    let certs_text = std::fs::read_to_string(&certs).unwrap();
    assert_eq!(
        certs_text.matches("-----BEGIN CERTIFICATE-----").count(),
        1,
        "expected exactly one certificate in the PFX:\n{certs_text}"
    );
    assert_eq!(
        openssl_der(&certs),
        openssl_der(&nc.pem),
        "the PFX's certificate differs from NAME.pem"
    );

    // -nocerts: a key whose public half is the certificate's.
    let key = sb.path().join("extracted-key.pem");
    openssl_output(osargs![
        "pkcs12",
        "-in",
        nc.pfx,
        "-nocerts",
        "-nodes",
        "-passin",
        format!("pass:{PW}"),
        "-out",
        key
    ]);
    let key_text = std::fs::read_to_string(&key).unwrap();
    assert_eq!(
        key_text.matches("PRIVATE KEY-----").count(),
        2,
        "expected exactly one private key in the PFX:\n{key_text}"
    );
    assert_eq!(
        openssl(osargs!["pkey", "-in", key, "-pubout"]),
        pem_pubkey_of_cert(&nc.pem),
        "the PFX's private key does not belong to its certificate"
    );

    // localKeyID ties key and certificate together (strict readers drop keys without one).
    let lkid = |text: &str| -> String {
        text.lines()
            .find_map(|l| l.trim().strip_prefix("localKeyID:"))
            .unwrap_or_else(|| panic!("no localKeyID bag attribute in:\n{text}"))
            .trim()
            .to_string()
    };
    assert_eq!(
        lkid(&certs_text),
        lkid(&key_text),
        "certificate and key bags carry different localKeyIDs"
    );
}

#[test]
fn pfx_keytool_lists_private_key_entry_with_password() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-keytool", Pw::Env(PW), true, &[]);
    let list = keytool_list(&nc.pfx, PW);
    assert!(
        list.contains("Your keystore contains 1 entry"),
        "keytool: {list}"
    );
    assert!(
        list.contains("Entry type: PrivateKeyEntry"),
        "keytool sees no PrivateKeyEntry:\n{list}"
    );
    assert!(
        list.contains("Certificate chain length: 1"),
        "keytool: {list}"
    );
    let sha1 = colons(&openssl_sha1(&nc.pem));
    assert!(
        list.contains(&format!("SHA1: {sha1}")),
        "keytool's SHA1 fingerprint is not OpenSSL's {sha1}:\n{list}"
    );

    // keytool must check the MAC too: a wrong password fails.
    require_tool("keytool");
    let o = std::process::Command::new("keytool")
        .args(["-list", "-storetype", "PKCS12", "-keystore"])
        .arg(&nc.pfx)
        .args(["-storepass", "definitely-not-the-password"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        !o.status.success(),
        "keytool accepted a wrong password: {}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn no_password_pfx_opens_in_openssl_keytool_and_python() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-nopw", Pw::NoPassword, true, &[]);
    let sha1 = openssl_sha1(&nc.pem);

    let info = pkcs12_info(&nc.pfx, "");
    assert_modern_profile(&info, "--no-password NAME.pfx");

    let list = keytool_list(&nc.pfx, "");
    assert!(
        list.contains("Entry type: PrivateKeyEntry"),
        "keytool (empty password) sees no PrivateKeyEntry:\n{list}"
    );
    assert!(list.contains(&format!("SHA1: {}", colons(&sha1))), "{list}");

    for mode in ["--empty", "--none"] {
        let v = py_check(osargs!["pkcs12", nc.pfx, mode]);
        assert_eq!(v["has_key"], true, "python {mode}: {v:#}");
        assert_eq!(v["key_matches_cert"], true, "python {mode}: {v:#}");
        assert_eq!(v["sign_verify"], true, "python {mode}: {v:#}");
        assert_eq!(v["cert"]["sha1"], sha1.as_str(), "python {mode}: {v:#}");
        assert_eq!(v["additional_certs"], 0, "python {mode}: {v:#}");
    }
}

#[test]
fn pfx_python_cryptography_loads_and_key_matches_certificate() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-python", Pw::Env(PW), true, &[]);
    let v = py_check(osargs!["pkcs12", nc.pfx, "--password", PW]);
    assert_eq!(v["has_key"], true, "{v:#}");
    assert_eq!(v["has_cert"], true, "{v:#}");
    assert_eq!(v["key_type"], "RSAPrivateKey", "{v:#}");
    assert_eq!(v["key_size"], 2048, "{v:#}");
    assert_eq!(v["key_matches_cert"], true, "public numbers differ: {v:#}");
    assert_eq!(v["sign_verify"], true, "{v:#}");
    assert_eq!(v["additional_certs"], 0, "{v:#}");
    assert_eq!(v["cert"]["sha1"], openssl_sha1(&nc.pem).as_str(), "{v:#}");
    assert_eq!(
        b64_std_decode(v["cert"]["der_b64"].as_str().unwrap()),
        std::fs::read(&nc.cer).unwrap(),
        "PFX certificate differs from NAME.cer"
    );

    // A wrong password is refused (the MAC is real).
    require_tool("python:cryptography");
    let o = std::process::Command::new(python())
        .arg(interop_script("py_check.py"))
        .args(["pkcs12"])
        .arg(&nc.pfx)
        .args(["--password", "definitely-not-the-password"])
        .output()
        .unwrap();
    assert!(
        !o.status.success(),
        "Python cryptography accepted a wrong password"
    );
}

#[test]
fn pfx_with_non_ascii_password_opens_in_openssl_and_python() {
    // PKCS#12 passwords are BMPString (UTF-16BE + 00 00); getting this wrong only shows with
    // non-ASCII characters.
    let pw = "pässwörd ünïcödé €";
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-unicode-pw", Pw::Env(pw), true, &[]);
    let info = pkcs12_info(&nc.pfx, pw);
    assert_modern_profile(&info, "non-ASCII password NAME.pfx");
    let v = py_check(osargs!["pkcs12", nc.pfx, "--password", pw]);
    assert_eq!(v["key_matches_cert"], true, "{v:#}");
    assert_eq!(v["cert"]["sha1"], openssl_sha1(&nc.pem).as_str(), "{v:#}");
}

#[test]
fn thumbprint_and_fragment_on_plain_stdout_match_openssl() {
    let sb = Sandbox::new();
    let name = "interop-stdout";
    let stdout = run_ok(
        sb.certkit()
            .args(["new", "--subject", name, "--out"])
            .arg(sb.out())
            .arg("--store")
            .arg(sb.store())
            .args(["--password-env", PW_ENV])
            .env(PW_ENV, PW),
    );
    let pem = sb.out().join(format!("{name}.pem"));
    let sha1 = openssl_sha1(&pem);
    assert!(
        stdout
            .lines()
            .any(|l| l.split_whitespace().any(|w| w == sha1)),
        "stdout has no line with OpenSSL's SHA-1 {sha1} as a word:\n{stdout}"
    );
    let fragment = first_json_object(&stdout)
        .unwrap_or_else(|| panic!("no JSON fragment on stdout:\n{stdout}"));
    let entry = only_entry(&fragment, "stdout fragment");
    let schema = if entry.get("key").is_some() {
        "graph"
    } else {
        "aad"
    };
    assert_entry_matches(entry, schema, &pem, "stdout fragment");
}

#[test]
fn json_digests_and_fragments_match_openssl() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-json", Pw::Env(PW), true, &[]);
    let j = &nc.json;
    let sha1 = openssl_sha1(&nc.pem);
    let sha256 = openssl_sha256(&nc.pem);
    let sha1_bytes = hex_decode(&sha1);

    assert_eq!(json_str(j, "thumbprint"), sha1, "--json thumbprint");
    assert!(
        json_str(j, "sha256")
            .replace(':', "")
            .eq_ignore_ascii_case(&sha256),
        "--json sha256 {} != OpenSSL's {sha256}",
        json_str(j, "sha256")
    );
    assert_eq!(
        b64url_nopad_decode(json_str(j, "x5t")),
        sha1_bytes,
        "--json x5t is not base64url(no pad) of OpenSSL's SHA-1"
    );
    assert_eq!(
        b64_std_decode(json_str(j, "custom_key_identifier")),
        sha1_bytes,
        "--json custom_key_identifier is not base64 of OpenSSL's SHA-1"
    );
    assert_eq!(json_str(j, "x5t"), b64url_nopad(&sha1_bytes));
    assert_eq!(json_str(j, "custom_key_identifier"), b64_std(&sha1_bytes));

    // Fragments: both schemas, as JSON objects (not strings).
    let frag = j
        .get("fragment")
        .unwrap_or_else(|| panic!("no fragment: {j:#}"));
    for schema in ["graph", "aad"] {
        let f = frag
            .get(schema)
            .filter(|v| v.is_object())
            .unwrap_or_else(|| panic!("fragment.{schema} is not an object: {frag:#}"));
        assert_entry_matches(
            only_entry(f, schema),
            schema,
            &nc.pem,
            &format!("--json fragment.{schema}"),
        );
    }

    // Facts agree with OpenSSL.
    let (nb, na) = openssl_dates(&nc.pem);
    assert_eq!(json_str(j, "not_before"), nb, "--json not_before");
    assert_eq!(json_str(j, "not_after"), na, "--json not_after");
    let subject = openssl(osargs![
        "x509", "-noout", "-subject", "-nameopt", "RFC2253", "-in", nc.pem
    ]);
    let subject = subject.trim().trim_start_matches("subject=");
    assert_eq!(subject, format!("CN={}", nc.name));
    assert_eq!(json_str(j, "subject"), subject, "--json subject");
    let serial = openssl(osargs!["x509", "-noout", "-serial", "-in", nc.pem]);
    let norm = |s: &str| {
        s.replace(':', "")
            .trim_start_matches('0')
            .to_ascii_uppercase()
    };
    assert_eq!(
        norm(json_str(j, "serial")),
        norm(serial.trim().trim_start_matches("serial=")),
        "--json serial (hex) != OpenSSL's"
    );

    // Paths are where the contract says.
    let canon =
        |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    for (key, want) in [
        ("pfx", &nc.pfx),
        ("cer", &nc.cer),
        ("pem", &nc.pem),
        ("key", &nc.key),
    ] {
        assert_eq!(
            canon(Path::new(json_str(j, key))),
            canon(want),
            "--json {key}"
        );
    }
    assert_eq!(
        canon(&nc.store_path()),
        canon(&sb.store().join(format!("{sha1}.pfx"))),
        "--json store_path"
    );
}

#[test]
fn certificate_profile_matches_new_selfsignedcertificate() {
    let sb = Sandbox::new();
    let started = OffsetDateTime::now_utc();
    let nc = new_cert(&sb, "interop-profile", Pw::Env(PW), true, &[]);
    let finished = OffsetDateTime::now_utc();
    let text = openssl(osargs!["x509", "-noout", "-text", "-in", nc.pem]);

    assert!(
        text.contains("Public-Key: (2048 bit)"),
        "not RSA 2048:\n{text}"
    );
    assert!(text.contains("rsaEncryption"), "not RSA:\n{text}");
    assert!(
        text.contains("Signature Algorithm: sha256WithRSAEncryption"),
        "not SHA-256/RSA:\n{text}"
    );
    assert!(!text.contains("sha1WithRSA"), "{text}");
    assert!(
        text.contains("Version: 3 (0x2)"),
        "not an X.509 v3 certificate:\n{text}"
    );

    let ext_value = |name: &str| -> (bool, String) {
        let mut lines = text.lines();
        let header = lines
            .by_ref()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} extension:\n{text}"));
        let value = lines.next().unwrap_or("").trim().to_string();
        (header.contains("critical"), value)
    };
    let (ku_critical, ku) = ext_value("X509v3 Key Usage:");
    assert!(ku_critical, "Key Usage is not critical:\n{text}");
    assert_eq!(ku, "Digital Signature, Key Encipherment", "Key Usage");
    let (_, eku) = ext_value("X509v3 Extended Key Usage:");
    let mut ekus: Vec<&str> = eku.split(", ").collect();
    ekus.sort();
    assert_eq!(
        ekus,
        [
            "TLS Web Client Authentication",
            "TLS Web Server Authentication"
        ],
        "EKU"
    );
    let (_, ski) = ext_value("X509v3 Subject Key Identifier:");
    let ski = ski.replace(':', "").to_ascii_uppercase();
    let facts = py_check(osargs!["cert", nc.pem]);
    assert_eq!(
        ski,
        json_str(&facts, "ski_from_key"),
        "SKI is not the SHA-1 of the public key (as Windows/OpenSSL compute it)"
    );

    // Validity as OpenSSL reads it: NotBefore ten minutes before the run, NotAfter the same
    // date and time one year after NotBefore (issue 2; 29 February is not a start date here
    // unless the test runs on 1 March shortly after midnight).
    let (nb, na) = openssl_dates(&nc.pem);
    let (nb_year, nb_rest) = nb.split_at(4);
    let expected_end = format!("{}{nb_rest}", nb_year.parse::<u32>().unwrap() + 1);
    if !nb_rest.starts_with("-02-29") {
        assert_eq!(
            na, expected_end,
            "notAfter is not one year after notBefore ({nb})"
        );
    }
    let nb_time = OffsetDateTime::parse(&nb, &Rfc3339).unwrap();
    let backdate = time::Duration::minutes(10);
    assert!(
        nb_time >= started.replace_nanosecond(0).unwrap() - backdate
            && nb_time <= finished - backdate,
        "notBefore {nb} is not ten minutes before the run ({started} .. {finished})"
    );

    // Serial: positive, at most 20 bytes.
    assert_eq!(facts["serial_positive"], true, "{facts:#}");
    let bits = facts["serial_bits"].as_u64().unwrap();
    assert!(
        (64..=159).contains(&bits),
        "serial has {bits} bits (want random, positive, <= 20 DER bytes): {facts:#}"
    );

    // Self-signed and strictly valid now.
    let v = openssl(osargs!["verify", "-x509_strict", "-CAfile", nc.pem, nc.pem]);
    assert!(v.trim().ends_with(": OK"), "openssl verify: {v}");
    let subject = openssl(osargs![
        "x509", "-noout", "-subject", "-issuer", "-nameopt", "RFC2253", "-in", nc.pem
    ]);
    assert_eq!(
        subject.trim(),
        format!("subject=CN={0}\nissuer=CN={0}", nc.name),
        "subject/issuer"
    );
}

#[test]
fn key_size_days_and_dns_options_reach_the_certificate() {
    let sb = Sandbox::new();
    let nc = new_cert(
        &sb,
        "interop-options",
        Pw::Env(PW),
        true,
        &[
            "--key-size",
            "3072",
            "--days",
            "30",
            "--dns",
            "interop.example",
            "--dns",
            "www.interop.example",
        ],
    );
    let text = openssl(osargs!["x509", "-noout", "-text", "-in", nc.pem]);
    assert!(
        text.contains("Public-Key: (3072 bit)"),
        "not RSA 3072:\n{text}"
    );
    let san = openssl(osargs![
        "x509",
        "-noout",
        "-ext",
        "subjectAltName",
        "-in",
        nc.pem
    ]);
    assert!(
        san.contains("DNS:interop.example, DNS:www.interop.example"),
        "SAN: {san}"
    );
    // --days 30: still valid in 29 days, expired in 31.
    let checkend = |days: u64| {
        openssl_try(osargs![
            "x509",
            "-noout",
            "-checkend",
            (days * 86_400).to_string(),
            "-in",
            nc.pem
        ])
        .status
        .success()
    };
    assert!(checkend(29), "--days 30 certificate expires within 29 days");
    assert!(
        !checkend(31),
        "--days 30 certificate still valid after 31 days"
    );

    let v = py_check(osargs!["pkcs12", nc.pfx, "--password", PW]);
    assert_eq!(v["key_size"], 3072, "{v:#}");
    assert_eq!(v["key_matches_cert"], true, "{v:#}");
}

#[test]
fn key_file_is_pkcs8_pem_0600_and_matches_certificate() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-key", Pw::Env(PW), true, &[]);
    let key_text = std::fs::read_to_string(&nc.key).unwrap();
    assert!(
        key_text.starts_with("-----BEGIN PRIVATE KEY-----"),
        "NAME.key is not unencrypted PKCS#8 PEM:\n{}",
        key_text.lines().next().unwrap_or("")
    );
    assert_eq!(mode(&nc.key), 0o600, "NAME.key mode");
    let check = openssl(osargs!["pkey", "-in", nc.key, "-check", "-noout"]);
    assert!(check.contains("valid"), "openssl pkey -check: {check}");
    assert_eq!(
        openssl(osargs!["pkey", "-in", nc.key, "-pubout"]),
        pem_pubkey_of_cert(&nc.pem),
        "NAME.key does not belong to NAME.pem"
    );
}

#[test]
fn cer_is_the_der_of_pem() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-cer", Pw::Env(PW), true, &[]);
    let pem_text = std::fs::read_to_string(&nc.pem).unwrap();
    assert!(
        pem_text.starts_with("-----BEGIN CERTIFICATE-----"),
        "NAME.pem: {pem_text}"
    );
    assert_eq!(
        pem_text.matches("-----BEGIN").count(),
        1,
        "NAME.pem: {pem_text}"
    );
    let cer = std::fs::read(&nc.cer).unwrap();
    assert_eq!(cer, openssl_der(&nc.pem), "NAME.cer != DER of NAME.pem");
    assert_eq!(cer, openssl_der(&nc.cer), "NAME.cer is not canonical DER");
    assert_eq!(openssl_sha1(&nc.cer), openssl_sha1(&nc.pem));
}

#[test]
fn store_file_is_empty_password_pfx_with_mac_mode_0600() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-store", Pw::Env(PW), true, &[]);
    let sha1 = openssl_sha1(&nc.pem);
    let store_file = sb.store().join(format!("{sha1}.pfx"));
    assert!(
        store_file.is_file(),
        "no {sha1}.pfx in --store dir; it has: {:?}",
        std::fs::read_dir(sb.store())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect::<Vec<_>>()
    );
    assert_eq!(mode(&store_file), 0o600, "store file mode");

    let info = pkcs12_info(&store_file, "");
    assert!(info.contains("MAC:"), "store file has no MAC:\n{info}");
    assert_wrong_password_rejected(&store_file);

    let v = py_check(osargs!["pkcs12", store_file, "--none"]);
    assert_eq!(v["key_matches_cert"], true, "{v:#}");
    assert_eq!(v["cert"]["sha1"], sha1.as_str(), "{v:#}");

    let list = keytool_list(&store_file, "");
    assert!(
        list.contains("Entry type: PrivateKeyEntry"),
        "keytool (empty password) sees no PrivateKeyEntry in the store file:\n{list}"
    );
}
