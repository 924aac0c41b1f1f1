//! certkit reads what other tools wrote: certificates and PFX files made by OpenSSL (PEM, DER,
//! the modern, Windows-export and OpenSSL-1.x PFX profiles), by Java keytool, and the store file
//! .NET 8 itself writes into CurrentUser\My. `certkit thumbprint` and `certkit keycred` must print
//! exactly what OpenSSL computes for them.

#[macro_use]
mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{json, Value};

/// `certkit thumbprint ARGS` → stdout, which must be one line.
fn thumbprint(sb: &Sandbox, args: Vec<std::ffi::OsString>, pw: Option<&str>) -> String {
    let mut cmd = sb.certkit();
    cmd.arg("thumbprint").args(args);
    if let Some(pw) = pw {
        cmd.args(["--password-env", PW_ENV]).env(PW_ENV, pw);
    }
    run_ok(&mut cmd)
}

fn export_pfx(sb: &Sandbox, cert: &Path, key: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let pfx = sb.path().join(name);
    let mut args = osargs![
        "pkcs12",
        "-export",
        "-in",
        cert,
        "-inkey",
        key,
        "-out",
        pfx,
        "-passout",
        format!("pass:{PW}")
    ];
    args.extend(extra.iter().map(std::ffi::OsString::from));
    openssl_output(args);
    pfx
}

#[test]
fn thumbprint_of_openssl_pem_and_der_equals_openssl_sha1() {
    let sb = Sandbox::new();
    let (pem, _key) = openssl_self_signed(sb.path(), "ossl-thumb");
    let der = sb.path().join("ossl-thumb.cer");
    std::fs::write(&der, openssl_der(&pem)).unwrap();
    let sha1 = openssl_sha1(&pem);
    let sha256 = openssl_sha256(&pem);

    assert_eq!(
        thumbprint(&sb, osargs![pem], None),
        format!("{sha1}\n"),
        "PEM"
    );
    assert_eq!(
        thumbprint(&sb, osargs![der], None),
        format!("{sha1}\n"),
        "DER"
    );
    assert_eq!(
        thumbprint(&sb, osargs![pem, "--sha256"], None)
            .trim_end()
            .to_ascii_uppercase(),
        sha256,
        "--sha256"
    );
}

#[test]
fn thumbprint_formats_equal_openssl_digest_encodings() {
    let sb = Sandbox::new();
    let (pem, _key) = openssl_self_signed(sb.path(), "ossl-formats");
    let sha1 = openssl_sha1(&pem);
    let bytes = hex_decode(&sha1);
    // OpenSSL's own colon form is the golden `colons` value.
    let ossl_colons = openssl(osargs![
        "x509",
        "-noout",
        "-fingerprint",
        "-sha1",
        "-in",
        pem
    ]);
    let ossl_colons = ossl_colons.trim().split_once('=').unwrap().1.to_string();
    let cases = [
        ("hex", sha1.clone()),
        ("colons", ossl_colons),
        ("base64", b64_std(&bytes)),
        ("base64url", b64url_nopad(&bytes)),
    ];
    for (format, want) in cases {
        assert_eq!(
            thumbprint(&sb, osargs![pem, "--format", format], None),
            format!("{want}\n"),
            "--format {format}"
        );
    }
    let sha256 = hex_decode(&openssl_sha256(&pem));
    assert_eq!(
        thumbprint(&sb, osargs![pem, "--sha256", "--format", "base64url"], None),
        format!("{}\n", b64url_nopad(&sha256)),
        "--sha256 --format base64url (x5t#S256)"
    );
}

#[test]
fn thumbprint_reads_pfx_profiles_written_by_openssl() {
    let sb = Sandbox::new();
    let (pem, key) = openssl_self_signed(sb.path(), "ossl-pfx");
    let sha1 = openssl_sha1(&pem);
    let profiles: [(&str, &[&str]); 3] = [
        ("modern (OpenSSL 3 default)", &[]),
        (
            "Windows export (3DES + SHA-1 MAC)",
            &[
                "-keypbe",
                "PBE-SHA1-3DES",
                "-certpbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
                "-iter",
                "2000",
            ],
        ),
        ("OpenSSL 1.x (RC2-40 certificates)", &["-legacy"]),
    ];
    for (i, (profile, extra)) in profiles.into_iter().enumerate() {
        let pfx = export_pfx(&sb, &pem, &key, &format!("p{i}.pfx"), extra);
        assert_eq!(
            thumbprint(&sb, osargs![pfx], Some(PW)),
            format!("{sha1}\n"),
            "PFX profile: {profile}"
        );
    }
}

#[test]
fn thumbprint_reads_pkcs12_written_by_keytool() {
    require_tool("keytool");
    let sb = Sandbox::new();
    let ks = sb.path().join("keytool.p12");
    let pem = sb.path().join("keytool.pem");
    let run = |args: Vec<std::ffi::OsString>| {
        let o = std::process::Command::new("keytool")
            .args(&args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "keytool {args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    };
    run(osargs![
        "-genkeypair",
        "-alias",
        "interop",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-sigalg",
        "SHA256withRSA",
        "-dname",
        "CN=interop-keytool-made",
        "-validity",
        "30",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks,
        "-storepass",
        PW,
        "-keypass",
        PW
    ]);
    run(osargs![
        "-exportcert",
        "-rfc",
        "-alias",
        "interop",
        "-storetype",
        "PKCS12",
        "-keystore",
        ks,
        "-storepass",
        PW,
        "-file",
        pem
    ]);
    assert_eq!(
        thumbprint(&sb, osargs![ks], Some(PW)),
        format!("{}\n", openssl_sha1(&pem)),
        "keytool-made PKCS#12"
    );
}

#[test]
fn thumbprint_finds_certificate_that_dotnet_added_to_its_store() {
    let sb = Sandbox::new();
    let name = "dotnet-added";
    let (pem, key) = openssl_self_signed(sb.path(), name);
    let sha1 = openssl_sha1(&pem);
    let pfx = export_pfx(&sb, &pem, &key, "to-add.pfx", &[]);
    // .NET writes its own store file (3DES, SHA-1 MAC, empty password).
    let r = dotnet_batch(
        &json!([{"op": "add", "file": pfx, "password": PW}]),
        &sb.home(),
    );
    assert_eq!(
        r[0]["ok"], true,
        ".NET could not add the certificate: {:#}",
        r[0]
    );
    let store_file = sb.dotnet_store().join(format!("{sha1}.pfx"));
    assert!(
        store_file.is_file(),
        ".NET wrote no {}",
        store_file.display()
    );

    assert_eq!(
        thumbprint(
            &sb,
            osargs![
                "--store",
                sb.dotnet_store(),
                "--subject",
                format!("CN={name}")
            ],
            None
        ),
        format!("{sha1}\n"),
        "thumbprint --store <.NET store> --subject"
    );
    let mut cmd = sb.certkit();
    cmd.arg("thumbprint").arg(&store_file).arg("--no-password");
    assert_eq!(
        run_ok(&mut cmd),
        format!("{sha1}\n"),
        "thumbprint of .NET's own store file (--no-password)"
    );
}

fn keycred(sb: &Sandbox, cert: &Path, schema: &str) -> Value {
    let out = run_ok(
        sb.certkit()
            .arg("keycred")
            .arg(cert)
            .args(["--schema", schema]),
    );
    serde_json::from_str(out.trim())
        .unwrap_or_else(|e| panic!("keycred --schema {schema} is not JSON ({e}):\n{out}"))
}

#[test]
fn keycred_fragment_for_openssl_certificate_matches_openssl() {
    let sb = Sandbox::new();
    let (pem, _key) = openssl_self_signed(sb.path(), "ossl-keycred");
    let sha1 = hex_decode(&openssl_sha1(&pem));
    let der = openssl_der(&pem);
    let (nb, na) = openssl_dates(&pem);

    for (schema, key_field, start, end) in [
        ("graph", "key", "startDateTime", "endDateTime"),
        ("aad", "value", "startDate", "endDate"),
    ] {
        let frag = keycred(&sb, &pem, schema);
        let arr = frag["keyCredentials"]
            .as_array()
            .unwrap_or_else(|| panic!("{schema}: no keyCredentials array: {frag:#}"));
        assert_eq!(arr.len(), 1, "{schema}: {frag:#}");
        let e = &arr[0];
        assert_eq!(
            b64_std_decode(json_str(e, "customKeyIdentifier")),
            sha1,
            "{schema}: customKeyIdentifier"
        );
        assert_eq!(
            b64_std_decode(json_str(e, key_field)),
            der,
            "{schema}: {key_field}"
        );
        assert_eq!(json_str(e, start), nb, "{schema}: {start}");
        assert_eq!(json_str(e, end), na, "{schema}: {end}");
        assert_eq!(json_str(e, "type"), "AsymmetricX509Cert", "{schema}");
        assert_eq!(json_str(e, "usage"), "Verify", "{schema}");
        let key_id = json_str(e, "keyId");
        assert!(
            key_id.len() == 36 && key_id.as_bytes()[14] == b'4',
            "{schema}: keyId {key_id:?} is not a v4 GUID"
        );
    }
    // A DER input gives the same entry payload.
    let der_file = sb.path().join("ossl-keycred.cer");
    std::fs::write(&der_file, &der).unwrap();
    let frag = keycred(&sb, &der_file, "graph");
    assert_eq!(
        b64_std_decode(json_str(&frag["keyCredentials"][0], "key")),
        der,
        "keycred of a DER file"
    );
}
