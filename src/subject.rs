//! RFC 4514 distinguished names: the "bare name becomes CN=" rule, and reading names back.

use std::str::FromStr;

/// The first CN value of an RFC 4514 string, unescaped; None when there is no CN.
pub fn common_name(rfc4514: &str) -> Option<String> {
    let name = x509_cert::name::Name::from_str(rfc4514).ok()?;
    // Encoding order is least specific first; RFC 4514 text lists the most specific first.
    let atvs: Vec<_> = name.iter().collect();
    atvs.into_iter()
        .rev()
        .find(|atv| atv.oid == const_oid::db::rfc4519::CN)
        .and_then(|atv| atv_text(&atv.value))
}

fn atv_text(value: &der::Any) -> Option<String> {
    use der::{Tag, Tagged};
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            String::from_utf8(bytes.to_vec()).ok()
        }
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|c| Some(u16::from_be_bytes([c[0], *c.get(1)?])))
                .collect::<Option<_>>()?;
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}
