//! Unit tests for building, signing and checking assertions. That other implementations accept
//! them (PyJWT, MSAL Python) is in tests/interop_assertion.rs.

use super::*;
use crate::selfsigned::{generate, Generated, NewCertificateRequest};
use crate::validity::Validity;
use std::sync::OnceLock;

fn sample(n: usize) -> &'static Generated {
    static SAMPLES: OnceLock<Vec<Generated>> = OnceLock::new();
    &SAMPLES.get_or_init(|| {
        (0..2)
            .map(|i| {
                generate(&NewCertificateRequest {
                    subject: format!("CN=assertion{i}"),
                    key_size: 2048,
                    validity: Validity::default_from(time::OffsetDateTime::now_utc()).unwrap(),
                    dns_names: vec![],
                })
                .unwrap()
            })
            .collect()
    })[n]
}

const CLIENT: &str = "6731de76-14a6-49ae-97bc-6eba6914391e";

fn request(algorithm: Algorithm, now: i64) -> AssertionRequest {
    AssertionRequest {
        client_id: CLIENT.into(),
        audience: token_endpoint("contoso.onmicrosoft.com", false).unwrap(),
        algorithm,
        lifetime: DEFAULT_LIFETIME,
        now,
        jti: uuid::Uuid::new_v4(),
    }
}

fn signed(algorithm: Algorithm, now: i64) -> String {
    let g = sample(0);
    sign(&g.certificate, &g.key, &request(algorithm, now)).unwrap()
}

fn failed(v: &Verification) -> Vec<&'static str> {
    v.checks.iter().filter(|c| !c.ok).map(|c| c.name).collect()
}

#[test]
fn header_is_exactly_alg_typ_x5t_in_that_order() {
    let token = signed(Algorithm::Rs256, unix_now());
    let header_json = URL_SAFE_NO_PAD
        .decode(token.split('.').next().unwrap())
        .unwrap();
    let expected = format!(
        r#"{{"alg":"RS256","typ":"JWT","x5t":"{}"}}"#,
        sample(0).certificate.digests().x5t()
    );
    assert_eq!(String::from_utf8(header_json).unwrap(), expected);
}

#[test]
fn times_are_integers_and_exp_is_lifetime_later() {
    let jwt = DecodedJwt::parse(&signed(Algorithm::Rs256, 1_700_000_000)).unwrap();
    assert_eq!(jwt.claims["nbf"], json!(1_700_000_000));
    assert_eq!(jwt.claims["iat"], json!(1_700_000_000));
    assert_eq!(jwt.claims["exp"], json!(1_700_000_600));
    assert!(jwt.claims["exp"].is_i64());
    assert_eq!(jwt.claims["iss"], CLIENT);
    assert_eq!(jwt.claims["sub"], CLIENT);
    let jti = jwt.claims["jti"].as_str().unwrap();
    assert_eq!(uuid::Uuid::parse_str(jti).unwrap().get_version_num(), 4);
}

#[test]
fn both_algorithms_verify_with_their_own_certificate() {
    let now = unix_now();
    for alg in [Algorithm::Rs256, Algorithm::Ps256] {
        let jwt = DecodedJwt::parse(&signed(alg, now)).unwrap();
        assert_eq!(jwt.algorithm(), Some(alg));
        let v = verify(&jwt, &sample(0).certificate, now, &Expectations::default());
        assert!(v.ok(), "{:?}", v.checks);
        assert_eq!(
            jwt.header_thumbprint().unwrap().len(),
            if alg == Algorithm::Rs256 { 40 } else { 64 }
        );
    }
}

#[test]
fn another_certificate_fails_thumbprint_and_signature() {
    let now = unix_now();
    let jwt = DecodedJwt::parse(&signed(Algorithm::Rs256, now)).unwrap();
    let v = verify(&jwt, &sample(1).certificate, now, &Expectations::default());
    assert_eq!(failed(&v), vec!["x5t", "signature"]);
    let x5t = v.checks.iter().find(|c| c.name == "x5t").unwrap();
    assert!(
        x5t.detail.contains(&sample(0).certificate.thumbprint()),
        "{}",
        x5t.detail
    );
}

#[test]
fn altered_claims_break_the_signature() {
    let now = unix_now();
    let token = signed(Algorithm::Ps256, now);
    let parts: Vec<&str> = token.split('.').collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["exp"] = json!(now + 99_999);
    let forged = format!("{}.{}.{}", parts[0], encode_json(&claims), parts[2]);
    let v = verify(
        &DecodedJwt::parse(&forged).unwrap(),
        &sample(0).certificate,
        now,
        &Expectations::default(),
    );
    assert_eq!(failed(&v), vec!["signature"]);
}

#[test]
fn expired_and_future_assertions_say_when() {
    let then = unix_now() - 3600;
    let jwt = DecodedJwt::parse(&signed(Algorithm::Rs256, then)).unwrap();
    let v = verify(
        &jwt,
        &sample(0).certificate,
        then + 3600,
        &Expectations::default(),
    );
    assert_eq!(failed(&v), vec!["exp"]);
    assert!(v.checks[3].detail.contains("s ago"), "{:?}", v.checks[3]);
    let v = verify(
        &jwt,
        &sample(0).certificate,
        then - 1000,
        &Expectations::default(),
    );
    // The certificate itself (NotBefore = 10 minutes ago) is not valid that early either.
    assert_eq!(failed(&v), vec!["nbf", "iat", "certificate"]);
}

#[test]
fn expectations_name_the_mismatch() {
    let now = unix_now();
    let jwt = DecodedJwt::parse(&signed(Algorithm::Rs256, now)).unwrap();
    let expect = Expectations {
        client_id: Some("00000000-0000-0000-0000-000000000001".into()),
        audience: Some(token_endpoint("contoso.onmicrosoft.com", true).unwrap()),
    };
    let v = verify(&jwt, &sample(0).certificate, now, &expect);
    assert_eq!(failed(&v), vec!["iss", "aud"]);
}

#[test]
fn malformed_tokens_are_usage_errors_naming_the_part() {
    for (token, part) in [
        ("a.b", "2 parts"),
        ("!!.e30.AA", "header"),
        ("e30.bm90.AA", "claims"),
    ] {
        let err = DecodedJwt::parse(token).unwrap_err();
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
        assert!(err.to_string().contains(part), "{err}");
    }
}

#[test]
fn form_encoding_keeps_only_unreserved_characters() {
    assert_eq!(
        form_encode("https://graph.microsoft.com/.default openid+x&y=z~"),
        "https%3A%2F%2Fgraph.microsoft.com%2F.default%20openid%2Bx%26y%3Dz~"
    );
    assert_eq!(form_encode("é"), "%C3%A9");
}

#[test]
fn request_body_fields_in_order() {
    let request = TokenRequest {
        client_id: CLIENT.into(),
        assertion: "h.c.s".into(),
        grant: Grant::AuthorizationCode("0.AX&y".into()),
        scope: Some("api://x/.default".into()),
        resource: None,
    };
    assert_eq!(
        request.body(),
        format!(
            "client_id={CLIENT}&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer\
             &client_assertion=h.c.s&grant_type=authorization_code&code=0.AX%26y&scope=api%3A%2F%2Fx%2F.default"
        )
    );
    let curl = request.curl("https://login.microsoftonline.com/t/oauth2/v2.0/token");
    assert!(!curl.lines().next().unwrap().contains("h.c.s"));
    assert!(curl.contains("--data-binary @-"));
}

#[test]
fn tenant_and_lifetime_are_checked() {
    assert!(token_endpoint("contoso.com/../x", false).is_err());
    assert!(token_endpoint("", false).is_err());
    assert_eq!(
        token_endpoint("common", true).unwrap(),
        "https://login.microsoftonline.com/common/oauth2/token"
    );
    assert!(check_lifetime(0).is_err());
    assert!(check_lifetime(MAX_LIFETIME + 1).is_err());
}

#[test]
fn a_padded_x5t_as_msal_python_writes_it_is_accepted() {
    let now = unix_now();
    let g = sample(0);
    let mut header = header(&g.certificate, Algorithm::Rs256);
    header["x5t"] = json!(format!("{}=", g.certificate.digests().x5t()));
    let claims = claims(&request(Algorithm::Rs256, now));
    let input = format!("{}.{}", encode_json(&header), encode_json(&claims));
    let pair = RsaKeyPair::from_pkcs8(g.key.pkcs8_der()).unwrap();
    let mut sig = vec![0u8; pair.public_modulus_len()];
    pair.sign(
        &signature::RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        input.as_bytes(),
        &mut sig,
    )
    .unwrap();
    let jwt = DecodedJwt::parse(&format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))).unwrap();
    assert_eq!(jwt.header_thumbprint().unwrap(), g.certificate.thumbprint());
    let v = verify(&jwt, &g.certificate, now, &Expectations::default());
    assert!(v.ok(), "{:?}", v.checks);
}

#[test]
fn times_no_date_can_have_are_failures_not_far_futures() {
    let now = unix_now();
    let header = encode_json(&json!({"alg": "RS256", "typ": "JWT"}));
    for (exp, shown) in [
        ("-9223372036854775808", "-9223372036854775808"),
        ("18446744073709551615", "18446744073709551615"),
        ("1e300", "1e+300"),
        ("253402300800", "253402300800"), // 10000-01-01
    ] {
        let claims = URL_SAFE_NO_PAD.encode(format!(r#"{{"exp":{exp},"nbf":0,"iat":0}}"#));
        let jwt = DecodedJwt::parse(&format!("{header}.{claims}.AAAA")).unwrap();
        let v = verify(&jwt, &sample(0).certificate, now, &Expectations::default());
        let check = v.checks.iter().find(|c| c.name == "exp").unwrap();
        assert!(!check.ok, "{exp}: {check:?}");
        assert!(
            check.detail.contains("out of range") && check.detail.contains(shown),
            "{exp}: {check:?}"
        );
    }
}

/// The printed command, run by a POSIX shell, hands curl exactly the form body: a stand-in
/// curl on PATH records its standard input.
#[cfg(unix)]
#[test]
fn the_curl_command_sends_exactly_the_body() {
    use std::os::unix::fs::PermissionsExt;
    let request = TokenRequest {
        client_id: CLIENT.into(),
        assertion: "h.c.s".into(),
        grant: Grant::AuthorizationCode("0.AX&y z".into()),
        scope: Some("api://x/.default openid".into()),
        resource: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("curl");
    std::fs::write(&fake, "#!/bin/sh\ncat > \"$CAPTURE\"\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let capture = dir.path().join("body");
    let path = format!(
        "{}:{}",
        dir.path().display(),
        std::env::var("PATH").unwrap()
    );
    let status = std::process::Command::new("sh")
        .args([
            "-c",
            &request.curl("https://login.microsoftonline.com/t/oauth2/v2.0/token"),
        ])
        .env("PATH", path)
        .env("CAPTURE", &capture)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read(&capture).unwrap(), request.body().as_bytes());
}
