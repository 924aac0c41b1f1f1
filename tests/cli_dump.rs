//! `certkit dump` on files OpenSSL made: every fact is compared with `openssl x509 -text` or
//! `openssl pkcs12 -info`. OpenSSL is required: these tests fail without it.

mod cli_env;
mod consumers;

use cli_env::Env;
use consumers::{fingerprint, openssl, openssl_cert, openssl_info, pkcs12_export, s};
use predicates::prelude::*;
use serde_json::Value;

fn dump_json(env: &Env, args: &[&str]) -> Value {
    let out = cli_env::succeeded(
        env.certkit()
            .arg("dump")
            .args(args)
            .arg("--json")
            .output()
            .unwrap(),
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `(algorithm words, iterations)` of an `openssl pkcs12 -info` line starting with `label`.
fn info_line(info: &str, label: &str) -> (String, u64) {
    let line = info
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?} in\n{info}"));
    let iterations = line
        .split("Iteration ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no iteration count in {line:?}"));
    (line.to_owned(), iterations)
}

#[test]
fn pfx_profiles_and_counts_match_openssl_pkcs12_info() {
    let env = Env::new();
    let (cert, key, _) = openssl_cert(&env.out, "profiles");
    let cases: [(&str, &[&str], &str, &str); 3] = [
        ("modern", &["-iter", "3000"], "modern", "HMAC-SHA256"),
        (
            "legacy",
            &[
                "-certpbe",
                "PBE-SHA1-3DES",
                "-keypbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
                "-iter",
                "2000",
            ],
            "legacy",
            "HMAC-SHA1",
        ),
        ("veryold", &["-legacy"], "very old", "HMAC-SHA1"),
    ];
    std::fs::write(env.out.join("pw"), "pw\n").unwrap();
    for (name, extra, profile, mac) in cases {
        let pfx = env.out.join(format!("{name}.pfx"));
        pkcs12_export(&cert, &key, &pfx, "pw", extra);
        let mut info_args = vec![
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            s(&pfx),
            "-passin",
            "pass:pw",
        ];
        if name == "veryold" {
            info_args.push("-legacy");
        }
        let info = openssl_info(&info_args);
        let dump = dump_json(&env, &[s(&pfx), "--password-file", "pw"]);
        let facts = &dump["pfx"];
        assert_eq!(facts["profile"], profile, "{name}: {facts}\n{info}");
        let (_, mac_iterations) = info_line(&info, "MAC:");
        assert_eq!(facts["mac"]["algorithm"], mac, "{name}");
        assert_eq!(facts["mac"]["iterations"], mac_iterations, "{name}");
        let (key_line, key_iterations) = info_line(&info, "Shrouded Keybag:");
        assert_eq!(
            facts["key"]["iterations"], key_iterations,
            "{name}: {key_line}"
        );
        let (cert_line, cert_iterations) = info_line(&info, "PKCS7 Encrypted data:");
        assert_eq!(
            facts["certificates"][0]["iterations"], cert_iterations,
            "{name}: {cert_line}"
        );
        assert_eq!(
            dump["certificates"][0]["thumbprint"],
            fingerprint(&cert, "-sha1")
        );
        assert_eq!(dump["certificates"][0]["has_private_key"], true);
        assert_eq!(dump["private_key"]["bits"], 2048);
    }
}

#[test]
fn certificate_facts_match_openssl_x509_text() {
    let env = Env::new();
    let cert = env.out.join("ext.pem");
    let key = env.out.join("ext.key");
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:3072",
        "-nodes",
        "-subj",
        "/CN=ext/O=Contoso",
        "-days",
        "40",
        "-keyout",
        s(&key),
        "-out",
        s(&cert),
        "-addext",
        "subjectAltName=DNS:a.example,IP:10.0.0.1,email:x@example.com",
        "-addext",
        "extendedKeyUsage=clientAuth",
        "-addext",
        "keyUsage=critical,digitalSignature,keyEncipherment",
    ]);
    let dump = dump_json(&env, &[s(&cert)]);
    let c = &dump["certificates"][0];
    assert_eq!(dump["pfx"], Value::Null);
    assert_eq!(c["thumbprint"], fingerprint(&cert, "-sha1"));
    assert_eq!(c["sha256"], fingerprint(&cert, "-sha256"));
    let serial = openssl(&["x509", "-in", s(&cert), "-noout", "-serial"]);
    assert_eq!(c["serial"], serial.trim().trim_start_matches("serial="));
    let dates = openssl(&[
        "x509",
        "-in",
        s(&cert),
        "-noout",
        "-dates",
        "-dateopt",
        "iso_8601",
    ]);
    for (field, line) in ["not_before", "not_after"].iter().zip(dates.lines()) {
        let iso = line.split_once('=').unwrap().1.trim().replace(' ', "T");
        assert_eq!(c[*field], iso.as_str());
    }
    assert_eq!(c["validity"]["status"], "valid");
    let days = c["validity"]["days_left"].as_i64().unwrap();
    assert!((39..=40).contains(&days), "{days}");
    assert_eq!(
        c["public_key"],
        serde_json::json!({"algorithm": "RSA", "bits": 3072})
    );
    assert_eq!(c["signature_algorithm"], "sha256WithRSAEncryption");

    let text = openssl(&["x509", "-in", s(&cert), "-noout", "-text"]);
    let after = |label: &str| {
        let mut lines = text.lines().skip_while(|l| !l.contains(label));
        lines
            .next()
            .unwrap_or_else(|| panic!("no {label} in {text}"));
        lines.next().unwrap().trim().to_owned()
    };
    let ext = |name: &str| -> Vec<String> {
        let e = c["extensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name);
        let e = e.unwrap_or_else(|| panic!("no {name} in {c}"));
        e["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let san: Vec<String> = after("X509v3 Subject Alternative Name")
        .split(", ")
        .map(|v| v.replace("IP Address:", "IP:"))
        .collect();
    assert_eq!(ext("subjectAltName"), san);
    assert_eq!(
        ext("subjectKeyIdentifier"),
        vec![after("X509v3 Subject Key Identifier").replace(':', "")]
    );
    assert_eq!(ext("keyUsage"), vec!["digitalSignature", "keyEncipherment"]);
    assert!(text.contains("X509v3 Key Usage: critical"));
    assert_eq!(ext("extKeyUsage"), vec!["clientAuth (1.3.6.1.5.5.7.3.2)"]);
    assert_eq!(
        ext("basicConstraints"),
        vec![after("X509v3 Basic Constraints")]
    );
}

#[test]
fn validity_status_names_expired_and_future_certificates() {
    let env = Env::new();
    for (name, from, to, status) in [
        (
            "old",
            "2020-01-01T00:00:00Z",
            "2021-01-01T00:00:00Z",
            "expired",
        ),
        (
            "future",
            "2090-01-01T00:00:00Z",
            "2091-01-01T00:00:00Z",
            "not yet valid",
        ),
    ] {
        env.certkit()
            .args([
                "new",
                "--subject",
                name,
                "--no-password",
                "--no-store",
                "--not-before",
                from,
                "--not-after",
                to,
            ])
            .assert()
            .success();
        let dump = dump_json(&env, &[&format!("{name}.cer")]);
        let v = &dump["certificates"][0]["validity"];
        assert_eq!(v["status"], status);
        assert_eq!(v["days_left"].as_i64().unwrap() < 0, status == "expired");
        assert_eq!(dump["certificates"][0]["not_after"], to);
    }
    env.certkit()
        .args(["dump", "old.cer"])
        .assert()
        .success()
        .stdout(predicate::str::contains("EXPIRED"));
}

#[test]
fn output_does_not_depend_on_the_time_zone() {
    let env = Env::new();
    let (cert, _, _) = openssl_cert(&env.out, "tz");
    let run = |tz: &str| {
        let out = env
            .certkit()
            .args(["dump", s(&cert), "--json"])
            .env("TZ", tz)
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    assert_eq!(run("Pacific/Kiritimati"), run("UTC"));
}

#[test]
fn a_file_that_is_no_certificate_is_named_in_the_error() {
    let env = Env::new();
    std::fs::write(env.out.join("notes.txt"), "hello").unwrap();
    env.certkit()
        .args(["dump", "notes.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.txt"));
}
