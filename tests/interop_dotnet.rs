//! The real .NET 8 X509 stack (via tests/interop/dotnet_x509_check.py, Python.NET) reads what
//! `certkit new` wrote: the password PFX, the empty-password PFX, and the CurrentUser\My store
//! file that certkit places under `$HOME` when neither `--store` nor `CERTKIT_STORE` is given.
//! One .NET runtime start per test (`batch`).

#[macro_use]
mod common;

use common::*;
use serde_json::{json, Value};

fn assert_loaded(r: &Value, thumb: &str, subject: &str, what: &str) {
    assert_eq!(r["ok"], true, ".NET {what}: {r:#}");
    assert_eq!(r["has_private_key"], true, ".NET {what}: {r:#}");
    assert_eq!(r["rsa_sign_verify"], true, ".NET {what}: {r:#}");
    assert_eq!(
        r["thumbprint"], thumb,
        ".NET {what}: thumbprint != OpenSSL SHA-1: {r:#}"
    );
    assert_eq!(r["subject"], subject, ".NET {what}: {r:#}");
}

fn assert_found(r: &Value, thumb: &str, subject: &str, what: &str) {
    assert_eq!(r["ok"], true, ".NET X509Store {what}: not found: {r:#}");
    let found = r["found"].as_array().unwrap();
    assert_eq!(found.len(), 1, ".NET X509Store {what}: {r:#}");
    assert_loaded(
        &dict_with_ok(&found[0]),
        thumb,
        subject,
        &format!("store {what}"),
    );
}

fn dict_with_ok(v: &Value) -> Value {
    let mut v = v.clone();
    v["ok"] = json!(true);
    v
}

#[test]
fn dotnet_finds_new_certificate_in_default_currentuser_my_store() {
    let sb = Sandbox::new();
    // No --store, no CERTKIT_STORE: the store is $HOME/.dotnet/corefx/cryptography/x509stores/my.
    let nc = new_cert(&sb, "interop-dotnet", Pw::Env(PW), false, &[]);
    let thumb = openssl_sha1(&nc.pem);
    let (nb, na) = openssl_dates(&nc.pem);
    let store_file = sb.dotnet_store().join(format!("{thumb}.pfx"));
    assert!(
        store_file.is_file(),
        "certkit did not place {thumb}.pfx in .NET's CurrentUser\\My dir {}",
        sb.dotnet_store().display()
    );
    assert_eq!(
        std::fs::canonicalize(nc.store_path()).unwrap(),
        std::fs::canonicalize(&store_file).unwrap(),
        "--json store_path"
    );
    assert_eq!(mode(&store_file), 0o600, "store file mode");
    // .NET itself requires the directory to be the user's with u+rwx before it adds certificates.
    assert_eq!(
        mode(&sb.dotnet_store()) & 0o700,
        0o700,
        "store dir is not u+rwx"
    );

    let results = dotnet_batch(
        &json!([
            {"op": "store", "thumbprint": thumb},
            {"op": "store", "thumbprint": thumb.to_ascii_lowercase()},
            {"op": "load", "file": nc.pfx, "password": PW},
            {"op": "load", "file": store_file, "password": null},
        ]),
        &sb.home(),
    );
    let subject = format!("CN={}", nc.name);
    assert_found(&results[0], &thumb, &subject, "by thumbprint");
    assert_found(&results[1], &thumb, &subject, "by lower-case thumbprint");
    assert_eq!(results[0]["store_count"], 1, "{:#}", results[0]);
    assert_loaded(&results[2], &thumb, &subject, "load NAME.pfx with password");
    assert_loaded(
        &results[3],
        &thumb,
        &subject,
        "load store file with null password",
    );
    for r in &results[2..] {
        assert_eq!(r["key_size"], 2048, "{r:#}");
        assert_eq!(r["not_before_utc"], nb.as_str(), ".NET NotBefore: {r:#}");
        assert_eq!(r["not_after_utc"], na.as_str(), ".NET NotAfter: {r:#}");
    }
}

#[test]
fn dotnet_loads_no_password_pfx_with_empty_and_null_password() {
    let sb = Sandbox::new();
    let nc = new_cert(&sb, "interop-dotnet-nopw", Pw::NoPassword, true, &[]);
    let thumb = openssl_sha1(&nc.pem);
    let store_file = sb.store().join(format!("{thumb}.pfx"));
    let results = dotnet_batch(
        &json!([
            {"op": "load", "file": nc.pfx, "password": ""},
            {"op": "load", "file": nc.pfx, "password": null},
            {"op": "load", "file": store_file, "password": ""},
        ]),
        &sb.home(),
    );
    let subject = format!("CN={}", nc.name);
    assert_loaded(
        &results[0],
        &thumb,
        &subject,
        "load --no-password PFX with \"\"",
    );
    assert_loaded(
        &results[1],
        &thumb,
        &subject,
        "load --no-password PFX with null",
    );
    assert_loaded(&results[2], &thumb, &subject, "load --store file with \"\"");
}

#[test]
fn dotnet_loads_pfx_with_non_ascii_password_and_3072_bit_key() {
    let pw = "pässwörd ünïcödé €";
    let sb = Sandbox::new();
    let nc = new_cert(
        &sb,
        "interop-dotnet-unicode",
        Pw::Env(pw),
        true,
        &["--key-size", "3072"],
    );
    let thumb = openssl_sha1(&nc.pem);
    let results = dotnet_batch(
        &json!([{"op": "load", "file": nc.pfx, "password": pw}]),
        &sb.home(),
    );
    assert_loaded(
        &results[0],
        &thumb,
        &format!("CN={}", nc.name),
        "load non-ASCII password PFX",
    );
    assert_eq!(results[0]["key_size"], 3072, "{:#}", results[0]);
}
