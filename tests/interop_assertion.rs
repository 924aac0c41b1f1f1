//! PyJWT verifies certkit's client assertions with the certificate's public key, MSAL Python's
//! own assertion for the same certificate has the same header fields and claim names, and
//! Python's form parser reads the token request. Python with cryptography, pyjwt and msal is
//! required (CERTKIT_PYTHON, else .venv/bin/python, else python3): these tests fail without it.

mod cli_env;
mod consumers;

use std::collections::BTreeSet;

use cli_env::Env;
use consumers::{openssl_cert, python_json, require_python, s};
use serde_json::Value;

const CLIENT: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";
const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";

fn endpoint() -> String {
    format!("https://login.microsoftonline.com/{TENANT}/oauth2/v2.0/token")
}

fn certkit_assertion(env: &Env, bundle: &str, extra: &[&str]) -> String {
    let out = cli_env::succeeded(
        env.certkit()
            .args([
                "assertion",
                "--client-id",
                CLIENT,
                "--tenant",
                TENANT,
                "--cert",
                bundle,
            ])
            .args(extra)
            .output()
            .unwrap(),
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn pyjwt_verifies_rs256_and_ps256_with_the_certificate() {
    require_python("jwt, cryptography");
    let env = Env::new();
    let (cert, _, bundle) = openssl_cert(&env.out, "pyjwt");
    for (alg, extra, header_name) in [
        ("RS256", &[][..], "x5t"),
        ("PS256", &["--pss"][..], "x5t#S256"),
    ] {
        let token = certkit_assertion(&env, s(&bundle), extra);
        let decoded = python_json(
            "assertion_check.py",
            &["decode", &token, s(&cert), &endpoint(), alg],
            &[],
        );
        let header = &decoded["header"];
        assert_eq!(header["alg"], alg);
        assert_eq!(header["typ"], "JWT");
        assert_eq!(
            header[header_name], decoded[header_name],
            "{alg}: thumbprint per cryptography"
        );
        let claims = &decoded["claims"];
        assert_eq!(claims["aud"], endpoint());
        assert_eq!(claims["iss"], CLIENT);
        assert_eq!(claims["sub"], CLIENT);
        for time in ["nbf", "iat", "exp"] {
            assert!(claims[time].is_i64(), "{time} is {}", claims[time]);
        }
    }
}

#[test]
fn pyjwt_rejects_an_assertion_signed_by_another_key() {
    require_python("jwt, cryptography");
    let env = Env::new();
    let (_, _, bundle) = openssl_cert(&env.out, "signer");
    let (other, _, _) = openssl_cert(&env.out, "other");
    let token = certkit_assertion(&env, s(&bundle), &[]);
    let out = std::process::Command::new(consumers::python())
        .arg(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/interop/assertion_check.py"),
        )
        .args(["decode", &token, s(&other), &endpoint(), "RS256"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("InvalidSignatureError"));
}

#[test]
fn msal_builds_the_same_header_fields_and_claim_names() {
    require_python("jwt, msal, cryptography");
    let env = Env::new();
    let (cert, key, bundle) = openssl_cert(&env.out, "msal");
    for (alg, extra) in [("RS256", &[][..]), ("PS256", &["--pss"][..])] {
        let ours = certkit_assertion(&env, s(&bundle), extra);
        let ours = python_json(
            "assertion_check.py",
            &["decode", &ours, s(&cert), &endpoint(), alg],
            &[],
        );
        let msal = python_json(
            "assertion_check.py",
            &["msal", s(&key), s(&cert), CLIENT, &endpoint(), alg],
            &[],
        );
        assert_eq!(
            keys(&msal["header"]),
            keys(&ours["header"]),
            "{alg} header fields"
        );
        for field in ["alg", "typ"] {
            assert_eq!(
                msal["header"][field], ours["header"][field],
                "{alg} {field}"
            );
        }
        // MSAL Python pads the thumbprint with '=' (base64.urlsafe_b64encode); RFC 7515 and
        // formats.md say unpadded, which is what certkit writes. Same bytes either way.
        for field in ["x5t", "x5t#S256"] {
            let theirs = msal["header"].get(field).and_then(Value::as_str);
            let ours = ours["header"].get(field).and_then(Value::as_str);
            assert_eq!(
                theirs.map(|t| t.trim_end_matches('=')),
                ours,
                "{alg} {field}"
            );
            assert!(!ours.unwrap_or_default().ends_with('='));
        }
        // MSAL leaves out nbf (formats.md asks for it; Entra accepts both); every claim MSAL
        // sends, certkit sends too, with the same values where they are not per-token.
        let mut theirs = keys(&msal["claims"]);
        theirs.insert("nbf".into());
        assert_eq!(theirs, keys(&ours["claims"]), "{alg} claim names");
        for claim in ["aud", "iss", "sub"] {
            assert_eq!(
                msal["claims"][claim], ours["claims"][claim],
                "{alg} {claim}"
            );
        }
        // And certkit's checker accepts MSAL's assertion for the same certificate.
        env.certkit()
            .args([
                "assertion",
                "--verify",
                msal["token"].as_str().unwrap(),
                "--cert",
                s(&cert),
            ])
            .args(["--client-id", CLIENT, "--tenant", TENANT])
            .assert()
            .success();
    }
}

#[test]
fn python_parses_the_token_request_body() {
    require_python("jwt");
    let env = Env::new();
    let (_, _, bundle) = openssl_cert(&env.out, "form");
    let scope = "https://graph.microsoft.com/.default offline_access api://a+b&c=d";
    let body = certkit_assertion(
        &env,
        s(&bundle),
        &["--request", "--scope", scope, "--code", "0.AX/y+z=="],
    );
    let fields = python_json("assertion_check.py", &["form", &body], &[]);
    let one = |name: &str| {
        fields[name][0]
            .as_str()
            .unwrap_or_else(|| panic!("no {name}: {fields}"))
            .to_owned()
    };
    assert_eq!(one("client_id"), CLIENT);
    assert_eq!(
        one("client_assertion_type"),
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    assert_eq!(one("grant_type"), "authorization_code");
    assert_eq!(one("code"), "0.AX/y+z==");
    assert_eq!(one("scope"), scope);
    assert_eq!(one("client_assertion").split('.').count(), 3);
}
