//! Unit tests for subject parsing. The rendering as OpenSSL sees it is checked in
//! tests/crypto_openssl.rs; here, the parse results and refusals.

use super::*;

fn values(s: &Subject) -> Vec<(String, &str)> {
    s.attributes()
        .iter()
        .map(|a| (a.keyword(), a.value()))
        .collect()
}

#[test]
fn bare_name_becomes_cn_and_is_escaped_when_printed() {
    let s = parse_subject("  surveysapp ").unwrap();
    assert_eq!(values(&s), [("CN".to_string(), "surveysapp")]);
    assert_eq!(s.to_string(), "CN=surveysapp");

    let s = parse_subject(r#"Contoso, Inc. "R&D" <a+b>; x\y"#).unwrap();
    assert_eq!(s.common_name(), Some(r#"Contoso, Inc. "R&D" <a+b>; x\y"#));
    assert_eq!(
        s.to_string(),
        r#"CN=Contoso\, Inc. \"R&D\" \<a\+b\>\; x\\y"#
    );
}

#[test]
fn rfc4514_with_escapes_spaces_and_utf8() {
    let s = parse_subject(r"CN=Zoë Müller, O=Contoso\, Inc. ,C=US").unwrap();
    assert_eq!(
        values(&s),
        [
            ("CN".to_string(), "Zoë Müller"),
            ("O".to_string(), "Contoso, Inc."),
            ("C".to_string(), "US")
        ]
    );
    assert_eq!(s.to_string(), r"CN=Zoë Müller,O=Contoso\, Inc.,C=US");
}

#[test]
fn hex_escapes_quotes_and_escaped_spaces() {
    let s = parse_subject(r#"cn=Zo\C3\ABe\ ,o="Contoso, Inc.", c = DE"#).unwrap();
    assert_eq!(s.common_name(), Some("Zoëe "));
    assert_eq!(s.attributes()[1].value(), "Contoso, Inc.");
    assert_eq!(s.to_string(), r"CN=Zoëe\ ,O=Contoso\, Inc.,C=DE");
    // An escaped backslash followed by an escaped comma (x509-cert's scanner splits here).
    let s = parse_subject(r"CN=a\\\,b,O=x").unwrap();
    assert_eq!(s.common_name(), Some(r"a\,b"));
}

#[test]
fn windows_keywords_and_dotted_oids() {
    let s = parse_subject("CN=x,E=a@b.example,S=WA,2.5.4.11=Ops,1.2.3.4=custom").unwrap();
    let names: Vec<_> = s.attributes().iter().map(|a| a.keyword()).collect();
    assert_eq!(names, ["CN", "emailAddress", "ST", "OU", "1.2.3.4"]);
}

#[test]
fn rdn_order_is_reversed_for_encoding() {
    let dn = parse_subject("CN=svc,O=Contoso,C=US")
        .unwrap()
        .to_distinguished_name()
        .unwrap();
    let order: Vec<_> = dn.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(
        order,
        [
            DnType::CountryName,
            DnType::OrganizationName,
            DnType::CommonName
        ]
    );
    assert!(matches!(
        dn.get(&DnType::CountryName),
        Some(DnValue::PrintableString(_))
    ));
}

fn refusal(input: &str) -> String {
    parse_subject(input).unwrap_err().to_string()
}

#[test]
fn refusals_say_why() {
    assert!(refusal("").contains("empty"));
    assert!(refusal("CN=").contains("empty value"));
    assert!(refusal(r#"CN="""#).contains("empty value"));
    assert!(refusal("CN=a,O=").contains("O has an empty value"));
    assert!(refusal("C=USA").contains("two-letter"));
    assert!(refusal("CN=a,C=us").contains("upper case"));
    assert!(refusal("CN=a+O=b").contains("multi-valued"));
    assert!(refusal("OU=a,OU=b,CN=c").contains("OU appears more than once"));
    assert!(refusal("DC=contoso,DC=com").contains("DC appears more than once"));
    assert!(refusal("CN=a;O=b").contains("';'"));
    assert!(refusal("Foo=a").contains("unknown attribute type"));
    assert!(refusal("CN=#0403616263").contains("hex-encoded"));
    assert!(refusal(r"CN=a\q").contains(r"'\q'"));
    assert!(refusal(r"CN=a\").contains("ends the value"));
    assert!(refusal(r"CN=\FF").contains("UTF-8"));
    assert!(refusal("E=zoë@example.com").contains("ASCII"));
    assert!(refusal("CN=a,").contains("has no '='"));
    assert!(refusal(r#"CN="a"b"#).contains("closing quote"));
    assert!(refusal(r#"CN="ab"#).contains("no closing"));
    assert!(refusal("CN=a\nb").contains("control character"));
}

#[test]
fn escape_value_covers_rfc4514_specials() {
    assert_eq!(escape_value("#a b "), r"\#a b\ ");
    assert_eq!(escape_value(" x"), r"\ x");
    assert_eq!(escape_value("a=b#c"), "a=b#c");
    assert_eq!(escape_value("tab\there"), r"tab\09here");
}
