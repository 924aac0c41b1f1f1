//! Unit tests for certificate facts and names.

use std::str::FromStr;

#[test]
fn fast_names_print_exactly_as_x509_cert_does() {
    for text in [
        "CN=surveysapp",
        "CN=Zo\u{eb} M\u{fc}ller,O=Contoso\\, Inc.,C=US",
        "CN=a\\+b,OU=x\\;y,DC=example,DC=com",
        "CN=\\#lead\\ ,O=trail\\ ",
        "CN=a+O=b,L=Seattle,ST=WA,emailAddress=dev@example.com",
        "1.2.3.4=#0c0378797a,CN=unknown type",
    ] {
        let name = x509_cert::name::Name::from_str(text).unwrap();
        assert_eq!(super::name::rfc4514(&name), name.to_string(), "{text}");
    }
}

/// A self-signed certificate (P-256, made by rcgen) whose subject and issuer CN is `value`.
fn with_cn(value: rcgen::DnValue) -> Vec<u8> {
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(rcgen::DnType::CommonName, value);
    params.self_signed(&key).unwrap().der().to_vec()
}

#[test]
fn bmp_and_universal_string_names_are_text_as_openssl_shows_them() {
    use rcgen::string::{BmpString, UniversalString};
    let bmp = with_cn(rcgen::DnValue::BmpString(
        BmpString::try_from("Zo\u{eb}, bmp").unwrap(),
    ));
    let universal = with_cn(rcgen::DnValue::UniversalString(
        UniversalString::try_from("univ \u{1F600}").unwrap(),
    ));
    let cert = super::Certificate::from_der(&bmp).unwrap();
    assert_eq!(cert.subject(), "CN=Zo\u{eb}\\, bmp");
    assert_eq!(cert.common_name().as_deref(), Some("Zo\u{eb}, bmp"));
    // UniversalString is unknown to the DER parser; digests stay those of the original bytes.
    let cert = super::Certificate::from_der(&universal).unwrap();
    assert_eq!(cert.subject(), "CN=univ \u{1F600}");
    assert_eq!(cert.issuer(), "CN=univ \u{1F600}");
    assert_eq!(cert.der(), universal.as_slice());
    assert_eq!(
        cert.digests().sha1,
        crate::thumbprint::Digests::of(&universal).sha1
    );
}

#[test]
fn undecodable_string_values_stay_hex_with_their_own_tag() {
    // A UniversalString holding a code point beyond Unicode is shown as OpenSSL shows values
    // it cannot print: the OID and the hex of the value as encoded (tag 0x1c, not our copy's).
    let mut der = with_cn(rcgen::DnValue::UniversalString(
        rcgen::string::UniversalString::try_from("ab").unwrap(),
    ));
    let value = [0x1C, 0x08, 0, 0, 0, 0x61, 0, 0, 0, 0x62];
    // Issuer and subject both.
    for _ in 0..2 {
        let at = der.windows(10).position(|w| w == value).unwrap();
        der[at + 7] = 0x11;
    }
    let cert = super::Certificate::from_der(&der).unwrap();
    assert_eq!(cert.subject(), "2.5.4.3=#1c080000006100110062");
    assert_eq!(cert.issuer(), cert.subject());
}
