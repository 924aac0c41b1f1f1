//! OpenSSL 3, an independent implementation, checks what the library generates and writes, and
//! writes the files the library must read. Expected values come from OpenSSL's output or from the
//! standards, never from certkit itself. OpenSSL is required: these tests panic without it.

mod consumers;

use std::path::{Path, PathBuf};

use certkit::input::{read_certificates, Format};
use certkit::keys::PrivateKey;
use certkit::pfx::{read_pfx, write_pfx, PfxProfile, DEFAULT_ITERATIONS};
use certkit::selfsigned::{generate, Generated, NewCertificateRequest};
use certkit::validity::Validity;
use certkit::Error;
use consumers::{fingerprint, openssl, pkcs12_export, pkcs12_info, s};
use time::macros::datetime;

fn request(subject: &str) -> NewCertificateRequest {
    NewCertificateRequest {
        subject: subject.into(),
        key_size: 2048,
        validity: Validity::default_from(time::OffsetDateTime::now_utc()).unwrap(),
        dns_names: vec![],
    }
}

/// Writes the generated certificate and key as PEM; returns (cert path, key path).
fn write_pem(dir: &Path, g: &Generated) -> (PathBuf, PathBuf) {
    let cert = dir.join("c.pem");
    let key = dir.join("k.pem");
    std::fs::write(&cert, g.certificate.to_pem()).unwrap();
    std::fs::write(&key, g.key.to_pkcs8_pem().as_bytes()).unwrap();
    (cert, key)
}

#[test]
fn generated_certificate_as_openssl_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut req = request("svc");
    req.dns_names = vec!["api.contoso.com".into()];
    let g = generate(&req).unwrap();
    let (cert, key) = write_pem(dir.path(), &g);

    assert_eq!(fingerprint(&cert, "-sha1"), g.certificate.thumbprint());
    let verify = openssl(&["verify", "-x509_strict", "-CAfile", s(&cert), s(&cert)]);
    assert_eq!(verify.trim(), format!("{}: OK", s(&cert)));

    let text = openssl(&["x509", "-in", s(&cert), "-noout", "-text"]);
    for expected in [
        "Version: 3 (0x2)",
        "Signature Algorithm: sha256WithRSAEncryption",
        "Public-Key: (2048 bit)",
        "X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment",
        "X509v3 Extended Key Usage: \n                TLS Web Client Authentication, TLS Web Server Authentication",
        "X509v3 Subject Alternative Name: \n                DNS:api.contoso.com",
        "X509v3 Basic Constraints: critical\n                CA:FALSE",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let serial = openssl(&["x509", "-in", s(&cert), "-noout", "-serial"]);
    let serial = serial.trim().strip_prefix("serial=").unwrap();
    assert!(serial.len() <= 32 && serial.len() >= 2, "{serial}");
    assert!(u8::from_str_radix(&serial[..2], 16).unwrap() < 0x80);
    assert_ne!(serial.trim_start_matches('0'), "");

    // OpenSSL's own SKI for the same key (subjectKeyIdentifier=hash) must equal ours.
    let reference = dir.path().join("ref.pem");
    openssl(&[
        "req",
        "-x509",
        "-new",
        "-key",
        s(&key),
        "-subj",
        "/CN=ref",
        "-days",
        "1",
        "-addext",
        "subjectKeyIdentifier=hash",
        "-out",
        s(&reference),
    ]);
    let ski = |p: &Path| {
        openssl(&[
            "x509",
            "-in",
            s(p),
            "-noout",
            "-ext",
            "subjectKeyIdentifier",
        ])
    };
    assert_eq!(ski(&cert), ski(&reference));

    let from_key = openssl(&["pkey", "-in", s(&key), "-pubout"]);
    let from_cert = openssl(&["x509", "-in", s(&cert), "-noout", "-pubkey"]);
    assert_eq!(from_key, from_cert);
}

#[test]
fn pkcs1_key_output_is_what_openssl_reads() {
    let dir = tempfile::tempdir().unwrap();
    let g = generate(&request("svc")).unwrap();
    let (cert, _) = write_pem(dir.path(), &g);
    let pkcs1 = dir.path().join("k1.pem");
    std::fs::write(&pkcs1, g.key.to_pkcs1_pem().as_bytes()).unwrap();
    assert_eq!(
        openssl(&["rsa", "-in", s(&pkcs1), "-check", "-noout"]).trim(),
        "RSA key ok"
    );
    let from_key = openssl(&["pkey", "-in", s(&pkcs1), "-pubout"]);
    let from_cert = openssl(&["x509", "-in", s(&cert), "-noout", "-pubkey"]);
    assert_eq!(from_key, from_cert);
}

#[test]
fn subjects_print_as_expected_in_openssl_rfc2253() {
    let cases = [
        (
            r"CN=Zoë Müller,O=Contoso\, Inc.,C=US",
            r"CN=Zoë Müller,O=Contoso\, Inc.,C=US",
        ),
        (
            r#"Contoso "Dev" <svc>; #1"#,
            r#"CN=Contoso \"Dev\" \<svc\>\; #1"#,
        ),
        ("#1 svc", r"CN=\#1 svc"),
        (
            "cn=svc, ou=Ops, o=Contoso, l=Zürich, s=ZH, c=CH",
            "CN=svc,OU=Ops,O=Contoso,L=Zürich,ST=ZH,C=CH",
        ),
        (
            "CN=svc,E=ops@contoso.com",
            "CN=svc,emailAddress=ops@contoso.com",
        ),
        (r"CN=a\+b\\c", r"CN=a\+b\\c"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (input, expected) in cases {
        let g = generate(&request(input)).unwrap();
        let (cert, _) = write_pem(dir.path(), &g);
        let printed = openssl(&[
            "x509",
            "-in",
            s(&cert),
            "-noout",
            "-subject",
            "-nameopt",
            "RFC2253,-esc_msb",
        ]);
        assert_eq!(
            printed.trim(),
            format!("subject={expected}"),
            "input {input:?}"
        );
        let issuer = openssl(&[
            "x509",
            "-in",
            s(&cert),
            "-noout",
            "-issuer",
            "-nameopt",
            "RFC2253,-esc_msb",
        ]);
        assert_eq!(issuer.trim(), format!("issuer={expected}"));
    }
    // With OpenSSL's default RFC2253 escaping, the UTF-8 bytes appear as \XX (so they are UTF-8).
    let g = generate(&request("Zoë")).unwrap();
    let (cert, _) = write_pem(dir.path(), &g);
    let printed = openssl(&[
        "x509",
        "-in",
        s(&cert),
        "-noout",
        "-subject",
        "-nameopt",
        "RFC2253",
    ]);
    assert_eq!(printed.trim(), r"subject=CN=Zo\C3\AB");
}

#[test]
fn dates_across_2050_use_utctime_then_generalizedtime() {
    let dir = tempfile::tempdir().unwrap();
    let mut req = request("svc");
    req.validity = Validity::new(
        datetime!(2049-12-31 23:00 UTC),
        datetime!(2050-01-02 00:00 UTC),
    )
    .unwrap();
    let g = generate(&req).unwrap();
    let (cert, _) = write_pem(dir.path(), &g);
    let parsed = openssl(&["asn1parse", "-in", s(&cert)]);
    assert!(
        parsed.contains("UTCTIME           :491231230000Z"),
        "{parsed}"
    );
    assert!(
        parsed.contains("GENERALIZEDTIME   :20500102000000Z"),
        "{parsed}"
    );
    let end = openssl(&[
        "x509",
        "-in",
        s(&cert),
        "-noout",
        "-enddate",
        "-dateopt",
        "iso_8601",
    ]);
    assert_eq!(end.trim(), "notAfter=2050-01-02 00:00:00Z");
}

/// Checks one of our PFX files with `openssl pkcs12` (no -legacy).
fn check_our_pfx(dir: &Path, g: &Generated, profile: PfxProfile, password: &str) {
    let pfx = dir.join("out.pfx");
    let bytes = write_pfx(
        &g.certificate,
        &g.key,
        password,
        profile,
        DEFAULT_ITERATIONS,
        "my app",
    )
    .unwrap();
    std::fs::write(&pfx, &*bytes).unwrap();
    let pass = format!("pass:{password}");
    let info = pkcs12_info(&pfx, password);
    let stderr = String::from_utf8_lossy(&info.stderr);
    assert!(info.status.success(), "{profile:?} {password:?}: {stderr}");
    let (mac, cipher) = match profile {
        PfxProfile::Modern => (
            "MAC: sha256, Iteration 2048",
            "PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256",
        ),
        PfxProfile::Legacy => (
            "MAC: sha1, Iteration 2048",
            "pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048",
        ),
    };
    assert!(
        stderr.contains(mac) && stderr.contains(cipher),
        "{profile:?}:\n{stderr}"
    );

    let dump = openssl(&["pkcs12", "-in", s(&pfx), "-nodes", "-passin", &pass]);
    let local_key_id = g
        .certificate
        .sha1()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        dump.matches(&format!("localKeyID: {local_key_id}")).count(),
        2,
        "{dump}"
    );
    assert!(dump.contains("friendlyName: my app"), "{dump}");
    let extracted = dir.join("extracted.pem");
    std::fs::write(&extracted, &dump).unwrap();
    assert_eq!(fingerprint(&extracted, "-sha1"), g.certificate.thumbprint());
    let key_pub = openssl(&["pkey", "-in", s(&extracted), "-pubout"]);
    let cert_pub = openssl(&["x509", "-in", s(&extracted), "-noout", "-pubkey"]);
    assert_eq!(key_pub, cert_pub);
}

#[test]
fn our_pfx_files_open_in_openssl_without_legacy() {
    let dir = tempfile::tempdir().unwrap();
    let g = generate(&request("CN=pfx,O=Contoso")).unwrap();
    for profile in [PfxProfile::Modern, PfxProfile::Legacy] {
        for password in ["s3cret", "Pässwörd", ""] {
            check_our_pfx(dir.path(), &g, profile, password);
        }
    }
}

/// A certificate and key made by OpenSSL, and a second certificate for chain tests.
fn openssl_material(dir: &Path, bits: &str) -> (PathBuf, PathBuf, PathBuf) {
    let (cert, key, other) = (
        dir.join("oc.pem"),
        dir.join("ok.pem"),
        dir.join("other.pem"),
    );
    let newkey = format!("rsa:{bits}");
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        &newkey,
        "-nodes",
        "-keyout",
        s(&key),
        "-out",
        s(&cert),
        "-subj",
        "/CN=from openssl",
        "-days",
        "30",
    ]);
    let other_key = dir.join("other-key.pem");
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        s(&other_key),
        "-out",
        s(&other),
        "-subj",
        "/CN=other",
        "-days",
        "30",
    ]);
    (cert, key, other)
}

#[test]
fn pfx_files_written_by_openssl_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, other) = openssl_material(dir.path(), "2048");
    let thumbprint = fingerprint(&cert, "-sha1");
    let rsa_public = dir.path().join("pub.der");
    openssl(&[
        "rsa",
        "-in",
        s(&key),
        "-RSAPublicKey_out",
        "-outform",
        "DER",
        "-out",
        s(&rsa_public),
    ]);
    let rsa_public = std::fs::read(&rsa_public).unwrap();

    let variants: [&[&str]; 7] = [
        &[],
        &["-legacy"],
        // PBES2 with 3DES and with AES-128 (the SHA-1 PRF is covered by tests/interop_corpus.rs).
        &["-certpbe", "DES-EDE3-CBC", "-keypbe", "DES-EDE3-CBC"],
        &["-certpbe", "AES-128-CBC", "-keypbe", "AES-128-CBC"],
        &[
            "-certpbe",
            "PBE-SHA1-3DES",
            "-keypbe",
            "PBE-SHA1-3DES",
            "-macalg",
            "sha1",
        ],
        &["-nomac"],
        &["-certfile", s(&other)],
    ];
    for (i, extra) in variants.iter().enumerate() {
        let pfx = dir.path().join(format!("v{i}.pfx"));
        pkcs12_export(&cert, &key, &pfx, "pw", extra);
        let bytes = std::fs::read(&pfx).unwrap();
        let read = read_pfx(&bytes, "pw", &pfx).unwrap_or_else(|e| panic!("{extra:?}: {e}"));
        let leaf = &read.certificates[read.leaf_index.expect("key matched a certificate")];
        assert_eq!(leaf.thumbprint(), thumbprint, "{extra:?}");
        assert_eq!(
            read.key.as_ref().unwrap().public_key_der(),
            rsa_public.as_slice()
        );
        let wrong = read_pfx(&bytes, "nope", &pfx).unwrap_err();
        let no_mac_ambiguity = extra == &["-nomac"] && wrong.to_string().contains("no MAC");
        assert!(
            matches!(wrong, Error::WrongPassword { .. }) || no_mac_ambiguity,
            "{extra:?}: {wrong}"
        );
        let input = read_certificates(&bytes, &pfx, Some("pw")).unwrap();
        assert_eq!(
            (input.format, input.leaf_certificate().thumbprint()),
            (Format::Pkcs12, thumbprint.clone())
        );
    }
}

#[test]
fn pfx_algorithms_certkit_lacks_are_reported_as_unsupported() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, _) = openssl_material(dir.path(), "2048");
    let variants: [&[&str]; 2] = [
        &[
            "-legacy",
            "-certpbe",
            "PBE-SHA1-RC4-128",
            "-keypbe",
            "PBE-SHA1-RC4-128",
        ],
        &["-macalg", "md5"],
    ];
    for extra in variants {
        let pfx = dir.path().join("unsupported.pfx");
        pkcs12_export(&cert, &key, &pfx, "pw", extra);
        let err = read_pfx(&std::fs::read(&pfx).unwrap(), "pw", &pfx).unwrap_err();
        assert!(
            err.to_string().starts_with("unsupported PFX"),
            "{extra:?}: {err}"
        );
    }
}

#[test]
fn pfx_parts_under_pkcs12_rc2_128_are_read() {
    // PBE-SHA1-RC2-128 (OpenSSL -legacy): the PKCS#12 PBE of RFC 7292 with a 128-bit RC2 key.
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, _) = openssl_material(dir.path(), "2048");
    let pfx = dir.path().join("rc2-128.pfx");
    let rc2 = "PBE-SHA1-RC2-128";
    pkcs12_export(
        &cert,
        &key,
        &pfx,
        "pw",
        &["-legacy", "-certpbe", rc2, "-keypbe", rc2],
    );
    let read = read_pfx(&std::fs::read(&pfx).unwrap(), "pw", &pfx).unwrap();
    assert_eq!(
        read.certificates[0].thumbprint(),
        fingerprint(&cert, "-sha1")
    );
    assert!(read.key.unwrap().public_key_matches(&read.certificates[0]));
}

#[test]
fn empty_password_and_small_keys_from_openssl() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, _) = openssl_material(dir.path(), "1024");
    let pfx = dir.path().join("open.pfx");
    pkcs12_export(&cert, &key, &pfx, "", &[]);
    let input = read_certificates(&std::fs::read(&pfx).unwrap(), &pfx, None).unwrap();
    assert_eq!(
        input.leaf_certificate().thumbprint(),
        fingerprint(&cert, "-sha1")
    );
    // A 1024-bit key is still read and reported (refusing it is the caller's decision).
    assert_eq!(input.key.unwrap().rsa_bits(), 1024);
}

#[test]
fn pem_der_and_pkcs1_files_written_by_openssl_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key, other) = openssl_material(dir.path(), "2048");
    let thumbprint = fingerprint(&cert, "-sha1");
    let pfx = dir.path().join("chain.pfx");
    pkcs12_export(&cert, &key, &pfx, "pw", &["-certfile", s(&other)]);
    // `openssl pkcs12 -nodes` output: Bag Attributes, subject= lines, two certs and a key.
    let dump = openssl(&["pkcs12", "-in", s(&pfx), "-nodes", "-passin", "pass:pw"]);
    let input = read_certificates(dump.as_bytes(), Path::new("dump.pem"), None).unwrap();
    assert_eq!(input.format, Format::Pem);
    assert_eq!(input.certificates.len(), 2);
    assert_eq!(input.leaf_certificate().thumbprint(), thumbprint);

    let der = dir.path().join("c.der");
    openssl(&["x509", "-in", s(&cert), "-outform", "DER", "-out", s(&der)]);
    let input = read_certificates(&std::fs::read(&der).unwrap(), &der, None).unwrap();
    assert_eq!(
        (input.format, input.leaf_certificate().thumbprint()),
        (Format::Der, thumbprint.clone())
    );

    let p7b = dir.path().join("bundle.p7b");
    openssl(&[
        "crl2pkcs7",
        "-nocrl",
        "-certfile",
        s(&cert),
        "-outform",
        "DER",
        "-out",
        s(&p7b),
    ]);
    let err = read_certificates(&std::fs::read(&p7b).unwrap(), &p7b, None).unwrap_err();
    assert!(err.to_string().starts_with("PKCS#7 bundle (.p7b)"), "{err}");

    let pkcs1 = openssl(&["rsa", "-in", s(&key), "-traditional"]);
    assert!(pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----"));
    let from_pkcs1 = PrivateKey::from_pem(&pkcs1).unwrap();
    let from_pkcs8 = PrivateKey::from_pem(&std::fs::read_to_string(&key).unwrap()).unwrap();
    assert_eq!(from_pkcs1.public_key_der(), from_pkcs8.public_key_der());
    assert_eq!(
        from_pkcs1.pkcs8_der(),
        from_pkcs8.pkcs8_der(),
        "same PKCS#8 wrapping as OpenSSL"
    );
    let cert_pem = std::fs::read_to_string(&cert).unwrap();
    let input = read_certificates(
        format!("{cert_pem}{pkcs1}").as_bytes(),
        Path::new("x.pem"),
        None,
    )
    .unwrap();
    assert!(input.key.is_some());
}
