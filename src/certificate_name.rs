//! Names as text: RFC 4514 as OpenSSL prints it (`CN=surveysapp,O=Contoso`), every
//! DirectoryString choice decoded (UTF8String, PrintableString, BMPString's UTF-16,
//! UniversalString's UTF-32), other values as `OID=#hex`.

use std::borrow::Cow;

use der::{Encode, Tagged};

/// The RFC 4514 text x509-cert's `Display` produces, without its cost: x509-cert looks every
/// attribute type up by a linear scan of the whole OID database, which made that lookup most of
/// the time spent reading a 10,000-certificate bundle. The short name per OID is cached here;
/// the output is byte for byte the same (unit test), except that BMPString and UniversalString
/// values are shown as text, as OpenSSL shows them, where x509-cert prints hex.
pub(super) fn rfc4514(name: &x509_cert::name::Name) -> String {
    let mut out = String::new();
    let rdns: Vec<_> = name.iter_rdn().collect();
    for (i, rdn) in rdns.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        for (j, atv) in rdn.iter().enumerate() {
            if j > 0 {
                out.push('+');
            }
            push_atv(&mut out, atv);
        }
    }
    out
}

fn push_atv(out: &mut String, atv: &x509_cert::attr::AttributeTypeAndValue) {
    use std::fmt::Write;
    match (short_name(atv.oid), atv_string(&atv.value)) {
        (Some(key), Some(value)) => {
            out.push_str(&key);
            out.push('=');
            let mut chars = value.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '#' if i == 0 => out.push_str("\\#"),
                    ' ' if i == 0 || chars.peek().is_none() => out.push_str("\\ "),
                    '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '\x00'..='\x1f' | '\x7f' => {
                        let _ = write!(out, "\\{:02x}", c as u8);
                    }
                    _ => out.push(c),
                }
            }
        }
        _ => {
            let _ = write!(out, "{}=#", atv.oid);
            let mut encoded = atv.value.to_der().unwrap_or_default();
            if let Some(tag) = encoded.first_mut() {
                if *tag == HIDDEN_BYTE {
                    *tag = UNIVERSAL_STRING;
                }
            }
            for byte in encoded {
                let _ = write!(out, "{byte:02x}");
            }
        }
    }
}

fn atv_string(value: &der::Any) -> Option<Cow<'_, str>> {
    use der::Tag;
    let bytes = value.value();
    match value.tag() {
        Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            let text = std::str::from_utf8(bytes).ok()?;
            // The restricted string types must hold only their alphabets to be shown as text.
            let valid = match value.tag() {
                Tag::PrintableString => der::asn1::PrintableStringRef::new(text).is_ok(),
                Tag::Ia5String => der::asn1::Ia5StringRef::new(text).is_ok(),
                _ => der::asn1::TeletexStringRef::new(text).is_ok(),
            };
            valid.then_some(Cow::Borrowed(text))
        }
        Tag::Utf8String => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
        Tag::BmpString => utf16_be(bytes).map(Cow::Owned),
        tag if tag == UNIVERSAL_STRING_HIDDEN => utf32_be(bytes).map(Cow::Owned),
        _ => None,
    }
}

/// BMPString: UTF-16 big-endian (strictly UCS-2; surrogate pairs are read as Windows writes them).
fn utf16_be(bytes: &[u8]) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes
        .chunks_exact(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// UniversalString: UTF-32 big-endian.
fn utf32_be(bytes: &[u8]) -> Option<String> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    bytes
        .chunks_exact(4)
        .map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
        .collect()
}

/// UniversalString (universal tag 28) is a DirectoryString choice, but the `der` crate has no
/// tag for it and refuses the whole certificate. In a copy used only for parsing (digests are
/// of the original bytes), such values in the issuer and subject get the private tag 28
/// instead, which `der` carries as an opaque value and `atv_string` decodes.
const UNIVERSAL_STRING: u8 = 0x1C;
/// Private class (0xC0), primitive, number 28.
const HIDDEN_BYTE: u8 = 0xDC;
const UNIVERSAL_STRING_HIDDEN: der::Tag = der::Tag::Private {
    constructed: false,
    number: der::TagNumber(28),
};

/// The certificate with UniversalString name values retagged (see above); None when it has
/// none (or is not the shape of a certificate: the parser then says what is wrong).
pub(super) fn universal_strings_hidden(der: &[u8]) -> Option<Vec<u8>> {
    let (cert, _) = element(der, 0)?;
    let (tbs, _) = element(der, cert.start)?;
    let mut fields = children(der, tbs);
    let mut positions = Vec::new();
    // version [0] is optional; then serial, signature, issuer, validity, subject.
    let first = fields.next()?;
    if der[first.tag_at] == 0xA0 {
        let _serial = fields.next()?;
    }
    let _signature = fields.next()?;
    let issuer = fields.next()?;
    let _validity = fields.next()?;
    let subject = fields.next()?;
    for name in [issuer, subject] {
        for rdn in children(der, name) {
            for atv in children(der, rdn) {
                let value = children(der, atv).nth(1)?;
                if der[value.tag_at] == UNIVERSAL_STRING {
                    positions.push(value.tag_at);
                }
            }
        }
    }
    if positions.is_empty() {
        return None;
    }
    let mut copy = der.to_vec();
    for at in positions {
        copy[at] = HIDDEN_BYTE;
    }
    Some(copy)
}

/// Words for a parse error that is about an ASN.1 type certkit's parser lacks, not damage.
pub(super) fn unsupported(e: &der::Error) -> &'static str {
    match e.kind() {
        der::ErrorKind::TagUnknown { .. } => {
            " (an ASN.1 type the X.509 parser certkit uses does not support; the file may be \
             complete and valid for OpenSSL)"
        }
        _ => "",
    }
}

/// One DER element: where its tag is, and its contents `start..end`.
#[derive(Clone, Copy)]
struct Element {
    tag_at: usize,
    start: usize,
    end: usize,
}

/// The element at `at` (definite lengths only, as DER has), and the offset after it.
fn element(der: &[u8], at: usize) -> Option<(Element, usize)> {
    let first = *der.get(at + 1)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7F);
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = der.get(at + 2..at + 2 + n)?;
        (
            bytes.iter().fold(0usize, |a, b| (a << 8) | usize::from(*b)),
            2 + n,
        )
    };
    let start = at + header;
    let end = start.checked_add(len).filter(|e| *e <= der.len())?;
    Some((
        Element {
            tag_at: at,
            start,
            end,
        },
        end,
    ))
}

/// The elements inside `parent`, in order, stopping at the first that is malformed.
fn children(der: &[u8], parent: Element) -> impl Iterator<Item = Element> + '_ {
    let mut at = parent.start;
    std::iter::from_fn(move || {
        if at >= parent.end {
            return None;
        }
        let (e, next) = element(&der[..parent.end], at)?;
        at = next;
        Some(e)
    })
}

/// The shortest database name of an attribute type, upper-cased, as x509-cert prints it.
fn short_name(oid: der::oid::ObjectIdentifier) -> Option<String> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<der::oid::ObjectIdentifier, Option<String>>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok()?.get(&oid) {
        return found.clone();
    }
    let name = const_oid::db::DB
        .find_names_for_oid(oid)
        .min_by_key(|n| n.len())
        .map(|n| n.to_ascii_uppercase());
    cache.lock().ok()?.insert(oid, name.clone());
    name
}
