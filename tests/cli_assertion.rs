//! `certkit assertion`: the JWT's header and claims, the token request, the curl command and
//! `--verify`. Thumbprint encodings are computed from OpenSSL's fingerprints; that PyJWT and
//! MSAL agree is in tests/interop_assertion.rs.

mod cli_env;
mod consumers;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cli_env::Env;
use consumers::{fingerprint, openssl_cert, s};
use predicates::prelude::*;
use serde_json::Value;

const CLIENT: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const TENANT: &str = "contoso.onmicrosoft.com";

fn part(token: &str, i: usize) -> Value {
    let raw = URL_SAFE_NO_PAD
        .decode(token.split('.').nth(i).unwrap())
        .unwrap();
    serde_json::from_slice(&raw).unwrap()
}

fn x5t_of_hex(hex: &str) -> String {
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    URL_SAFE_NO_PAD.encode(bytes)
}

fn assertion(env: &Env, args: &[&str]) -> String {
    let out = cli_env::succeeded(
        env.certkit()
            .args(["assertion", "--client-id", CLIENT, "--tenant", TENANT])
            .args(args)
            .output()
            .unwrap(),
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[test]
fn rs256_header_and_claims_from_a_pem_bundle() {
    let env = Env::new();
    let (cert, _, bundle) = openssl_cert(&env.out, "signer");
    let token = assertion(&env, &["--cert", s(&bundle)]);
    let header = part(&token, 0);
    let expected = serde_json::json!({"alg": "RS256", "typ": "JWT", "x5t": x5t_of_hex(&fingerprint(&cert, "-sha1"))});
    assert_eq!(header, expected);
    let claims = part(&token, 1);
    assert_eq!(
        claims["aud"],
        format!("https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token")
    );
    assert_eq!(
        (&claims["iss"], &claims["sub"]),
        (&Value::from(CLIENT), &Value::from(CLIENT))
    );
    let jti = uuid::Uuid::parse_str(claims["jti"].as_str().unwrap()).unwrap();
    assert_eq!(jti.get_version_num(), 4);
    let (nbf, iat, exp) = (
        claims["nbf"].as_i64().unwrap(),
        claims["iat"].as_i64().unwrap(),
        claims["exp"].as_i64().unwrap(),
    );
    assert!((iat - unix_now()).abs() < 60, "iat {iat} is not now");
    assert_eq!((nbf, exp - iat), (iat, 600));
}

#[test]
fn pss_v1_audience_and_lifetime() {
    let env = Env::new();
    let (cert, _, bundle) = openssl_cert(&env.out, "pss");
    let token = assertion(
        &env,
        &["--cert", s(&bundle), "--pss", "--v1", "--lifetime", "120"],
    );
    let header = part(&token, 0);
    assert_eq!(header["alg"], "PS256");
    assert_eq!(
        header["x5t#S256"],
        x5t_of_hex(&fingerprint(&cert, "-sha256"))
    );
    assert!(header.get("x5t").is_none());
    let claims = part(&token, 1);
    assert_eq!(
        claims["aud"],
        format!("https://login.microsoftonline.com/{TENANT}/oauth2/token")
    );
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        120
    );
    let token = assertion(
        &env,
        &[
            "--cert",
            s(&bundle),
            "--audience",
            "https://example.test/token",
        ],
    );
    assert_eq!(part(&token, 1)["aud"], "https://example.test/token");
}

#[test]
fn times_do_not_depend_on_the_time_zone() {
    let env = Env::new();
    env.new_cert("tz");
    let iat = |tz: &str| {
        let out = env
            .certkit()
            .args(["assertion", "--client-id", CLIENT, "--tenant", TENANT])
            .env("TZ", tz)
            .output()
            .unwrap();
        assert!(out.status.success());
        part(std::str::from_utf8(&out.stdout).unwrap().trim(), 1)["iat"]
            .as_i64()
            .unwrap()
    };
    let (far_east, utc) = (iat("Pacific/Kiritimati"), iat("UTC"));
    assert!(
        (far_east - utc).abs() < 60,
        "{far_east} vs {utc}: a 14 h offset leaked in"
    );
    assert!((utc - unix_now()).abs() < 60);
}

#[test]
fn store_selection_and_verify_round_trip() {
    let env = Env::new();
    let thumbprint = env.new_cert("stored").lines().next().unwrap().to_owned();
    let token = assertion(&env, &["--thumbprint", &thumbprint]);
    assert_eq!(part(&token, 0)["x5t"], x5t_of_hex(&thumbprint));
    // The header's x5t finds the certificate in the store.
    env.certkit()
        .args([
            "assertion",
            "--verify",
            &token,
            "--client-id",
            CLIENT,
            "--tenant",
            TENANT,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok   signature"));
    env.certkit()
        .args(["assertion", "--verify", "-", "--json"])
        .write_stdin(format!("{token}\n"))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"ok\": true"));
}

#[test]
fn verify_says_precisely_what_is_wrong() {
    let env = Env::new();
    env.new_cert("first");
    let token = assertion(&env, &["--subject", "first"]);
    let (other, _, _) = openssl_cert(&env.out, "other");
    env.certkit()
        .args(["assertion", "--verify", &token, "--cert", s(&other)])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL x5t"))
        .stdout(predicate::str::contains("FAIL signature"))
        .stdout(predicate::str::contains(fingerprint(&other, "-sha1")));
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut claims = part(&token, 1);
    claims["iat"] = Value::from("2027-01-01T00:00:00");
    parts[1] = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
    env.certkit()
        .args([
            "assertion",
            "--verify",
            &parts.join("."),
            "--v1",
            "--tenant",
            TENANT,
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL iat").and(predicate::str::contains("AADSTS700024")))
        .stdout(predicate::str::contains("FAIL signature"))
        .stdout(predicate::str::contains("FAIL aud"));
    env.certkit()
        .args(["assertion", "--verify", "not-a-jwt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("parts"));
}

#[test]
fn expired_assertions_fail_verification() {
    let env = Env::new();
    env.new_cert("short");
    let token = assertion(&env, &["--lifetime", "1"]);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    env.certkit()
        .args(["assertion", "--verify", &token])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL exp").and(predicate::str::contains("s ago")));
}

#[test]
fn request_body_carries_every_field_encoded() {
    let env = Env::new();
    env.new_cert("req");
    let body = assertion(
        &env,
        &[
            "--request",
            "--scope",
            "https://graph.microsoft.com/.default offline_access",
        ],
    );
    let fields: Vec<(&str, &str)> = body
        .split('&')
        .map(|kv| kv.split_once('=').unwrap())
        .collect();
    let names: Vec<&str> = fields.iter().map(|f| f.0).collect();
    assert_eq!(
        names,
        [
            "client_id",
            "client_assertion_type",
            "client_assertion",
            "grant_type",
            "scope"
        ]
    );
    assert_eq!(
        fields[1].1,
        "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
    );
    assert_eq!(fields[3].1, "client_credentials");
    assert_eq!(
        fields[4].1,
        "https%3A%2F%2Fgraph.microsoft.com%2F.default%20offline_access"
    );
    assert_eq!(part(fields[2].1, 0)["alg"], "RS256");
    let body = assertion(
        &env,
        &[
            "--request",
            "--v1",
            "--resource",
            "https://graph.microsoft.com",
            "--code",
            "0.A&b=",
        ],
    );
    assert!(body.contains("&grant_type=authorization_code&code=0.A%26b%3D&resource=https%3A%2F%2Fgraph.microsoft.com"), "{body}");
}

#[cfg(unix)]
#[test]
fn curl_sends_the_body_on_stdin_not_in_argv() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.new_cert("curl");
    let script = assertion(
        &env,
        &[
            "--curl",
            "--scope",
            "api://x/.default",
            "--code",
            "secret-code",
        ],
    );
    // A stand-in curl records what a real one would receive.
    let bin = env.out.join("bin");
    std::fs::create_dir(&bin).unwrap();
    let fake = bin.join("curl");
    std::fs::write(
        &fake,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > argv.txt\ncat > body.txt\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let status = std::process::Command::new("sh")
        .args(["-c", &script])
        .current_dir(&env.out)
        .env("PATH", path)
        .status()
        .unwrap();
    assert!(status.success());
    let argv = std::fs::read_to_string(env.out.join("argv.txt")).unwrap();
    let body = std::fs::read_to_string(env.out.join("body.txt")).unwrap();
    assert!(argv.contains(&format!(
        "https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token"
    )));
    assert!(
        !argv.contains("secret-code") && !argv.contains("eyJ"),
        "{argv}"
    );
    assert!(
        body.contains("code=secret-code") && body.contains("client_assertion=eyJ"),
        "{body}"
    );
    // The body curl gets is byte for byte the one --request prints (its line end aside), but
    // for the assertion, which is signed anew each run.
    let printed = assertion(
        &env,
        &[
            "--request",
            "--scope",
            "api://x/.default",
            "--code",
            "secret-code",
        ],
    );
    let without_assertion = |b: &str| {
        b.split('&')
            .map(|kv| {
                if kv.starts_with("client_assertion=") {
                    "client_assertion=*"
                } else {
                    kv
                }
            })
            .collect::<Vec<_>>()
            .join("&")
    };
    assert!(!body.ends_with('\n'), "no line end in the body: {body:?}");
    assert_eq!(without_assertion(&body), without_assertion(&printed));
    let sent = body
        .split('&')
        .find_map(|kv| kv.strip_prefix("client_assertion="))
        .unwrap();
    env.certkit()
        .args(["assertion", "--verify", sent, "--client-id", CLIENT])
        .assert()
        .success();
}

/// Values from the token are printed with control characters escaped: a claim cannot forge an
/// "ok" line or move the cursor over a FAIL line.
#[test]
fn verify_escapes_control_characters_in_the_token_values() {
    let env = Env::new();
    let (cert, _, _) = openssl_cert(&env.out, "t");
    let b64 = |text: &str| URL_SAFE_NO_PAD.encode(text);
    let header = b64(r#"{"alg":"RS256","typ":"JWT"}"#);
    let claims = b64(concat!(
        r#"{"exp":9999999999,"nbf":0,"iat":0,"iss":"a","sub":"a","#,
        r#""aud":"https://x\r\nok   signature   forged\u001b[1A\u001b[2K","jti":"j"}"#
    ));
    let out = env
        .certkit()
        .args(["assertion", "--verify", &format!("{header}.{claims}.AAAA")])
        .args(["--cert", s(&cert)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains('\r') && !stdout.contains('\x1b'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains(r"https://x\u{d}\u{a}ok   signature   forged\u{1b}[1A"),
        "{stdout}"
    );
    assert!(
        stdout.lines().all(|l| !l.starts_with("ok   signature")),
        "{stdout}"
    );
}

#[test]
fn usage_errors() {
    let env = Env::new();
    env.new_cert("usage");
    env.certkit()
        .args([
            "assertion",
            "--client-id",
            CLIENT,
            "--tenant",
            TENANT,
            "--scope",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--request"));
    env.certkit()
        .args(["assertion", "--tenant", TENANT])
        .assert()
        .code(2);
    env.certkit()
        .args(["assertion", "--client-id", CLIENT, "--tenant", "bad/tenant"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tenant"));
    let (cert, _, _) = openssl_cert(&env.out, "keyless");
    env.certkit()
        .args([
            "assertion",
            "--client-id",
            CLIENT,
            "--tenant",
            TENANT,
            "--cert",
            s(&cert),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no private key"));
}
