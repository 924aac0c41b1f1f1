//! RFC 4514 distinguished names: the "bare name becomes CN=" rule, and reading names back.
//!
//! The parser is our own rather than `x509_cert::name::Name::from_str`, which (measured, see
//! findings.md) rejects a space after a comma, matches keywords case-sensitively, does not know
//! `E=`/`S=` (what Windows' New-SelfSignedCertificate users type), accepts `C=USA` and empty
//! values, and misreads `\\\,`. rcgen holds one value per attribute type and no multi-valued
//! RDNs, so those are refused here with a reason instead of losing a value later.

use std::fmt;
use std::str::FromStr;

use rcgen::{DistinguishedName, DnType, DnValue};

use crate::error::{Error, Result};

/// How an attribute's value is encoded in the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StringKind {
    Utf8,
    /// PrintableString holding an ISO 3166 two-letter code.
    Country,
    /// PrintableString (RFC 5280 Appendix A: serialNumber).
    Printable,
    /// IA5String (RFC 5280 Appendix A: domainComponent, emailAddress).
    Ia5,
}

struct Known {
    /// Canonical keyword first (the one we print), then accepted aliases.
    names: &'static [&'static str],
    oid: &'static [u64],
    kind: StringKind,
}

// Keywords of RFC 4514 plus the ones Windows' X500 name syntax accepts (S, E, T, G, I).
const KNOWN: &[Known] = &[
    known(&["CN"], &[2, 5, 4, 3], StringKind::Utf8),
    known(&["C"], &[2, 5, 4, 6], StringKind::Country),
    known(&["L"], &[2, 5, 4, 7], StringKind::Utf8),
    known(&["ST", "S"], &[2, 5, 4, 8], StringKind::Utf8),
    known(&["STREET"], &[2, 5, 4, 9], StringKind::Utf8),
    known(&["O"], &[2, 5, 4, 10], StringKind::Utf8),
    known(&["OU"], &[2, 5, 4, 11], StringKind::Utf8),
    known(&["T", "TITLE"], &[2, 5, 4, 12], StringKind::Utf8),
    known(&["SN", "SURNAME"], &[2, 5, 4, 4], StringKind::Utf8),
    known(&["GIVENNAME", "G"], &[2, 5, 4, 42], StringKind::Utf8),
    known(&["INITIALS", "I"], &[2, 5, 4, 43], StringKind::Utf8),
    known(&["SERIALNUMBER"], &[2, 5, 4, 5], StringKind::Printable),
    known(&["POSTALCODE"], &[2, 5, 4, 17], StringKind::Utf8),
    known(
        &["DC"],
        &[0, 9, 2342, 19200300, 100, 1, 25],
        StringKind::Ia5,
    ),
    known(
        &["UID"],
        &[0, 9, 2342, 19200300, 100, 1, 1],
        StringKind::Utf8,
    ),
    known(
        &["emailAddress", "E", "EMAIL"],
        &[1, 2, 840, 113549, 1, 9, 1],
        StringKind::Ia5,
    ),
];

const fn known(names: &'static [&'static str], oid: &'static [u64], kind: StringKind) -> Known {
    Known { names, oid, kind }
}

const HINT: &str =
    "give a bare name (`--subject surveysapp` becomes CN=surveysapp) or an RFC 4514 \
                    name such as `CN=svc,O=Contoso\\, Inc.,C=US`";

/// One attribute of a subject: its type and its unescaped value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    oid: Vec<u64>,
    keyword: Option<&'static str>,
    kind: StringKind,
    value: String,
}

impl Attribute {
    /// The keyword we print (`CN`, `O`, ...), or the dotted OID for types without one.
    pub fn keyword(&self) -> String {
        match self.keyword {
            Some(k) => k.to_string(),
            None => dotted(&self.oid),
        }
    }

    pub fn oid(&self) -> &[u64] {
        &self.oid
    }

    /// The value as the user meant it, escapes removed.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// A validated subject name, attributes in RFC 4514 order (most specific, usually CN, first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    attributes: Vec<Attribute>,
}

impl Subject {
    pub fn attributes(&self) -> &[Attribute] {
        &self.attributes
    }

    /// The CN value, unescaped, if the subject has one.
    pub fn common_name(&self) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.oid == [2, 5, 4, 3])
            .map(|a| a.value.as_str())
    }

    /// The name for rcgen, in encoding order (the reverse of RFC 4514 text order), with each
    /// value in the string type RFC 5280 asks for.
    pub fn to_distinguished_name(&self) -> Result<DistinguishedName> {
        let mut dn = DistinguishedName::new();
        for a in self.attributes.iter().rev() {
            dn.push(DnType::from_oid(&a.oid), dn_value(a)?);
        }
        Ok(dn)
    }
}

fn dn_value(a: &Attribute) -> Result<DnValue> {
    let refused = |e: rcgen::Error| Error::crypto("subject attribute", e);
    Ok(match a.kind {
        StringKind::Utf8 => DnValue::Utf8String(a.value.clone()),
        StringKind::Country | StringKind::Printable => {
            DnValue::PrintableString(a.value.as_str().try_into().map_err(refused)?)
        }
        StringKind::Ia5 => DnValue::Ia5String(a.value.as_str().try_into().map_err(refused)?),
    })
}

/// RFC 4514 text with canonical keywords and the minimum escaping, as OpenSSL prints it.
impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, a) in self.attributes.iter().enumerate() {
            let sep = if i == 0 { "" } else { "," };
            write!(f, "{sep}{}={}", a.keyword(), escape_value(&a.value))?;
        }
        Ok(())
    }
}

impl FromStr for Subject {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        parse_subject(s)
    }
}

/// Escapes a value for RFC 4514 text: `"+,;<>\` anywhere, `#` or space at the start, space at
/// the end, and control characters as `\XX`.
pub fn escape_value(value: &str) -> String {
    let last = value.chars().count().saturating_sub(1);
    let mut out = String::with_capacity(value.len() + 4);
    for (i, c) in value.chars().enumerate() {
        match c {
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => out.push('\\'),
            '#' if i == 0 => out.push('\\'),
            ' ' if i == 0 || i == last => out.push('\\'),
            '\0'..='\x1f' | '\x7f' => {
                out.push_str(&format!("\\{:02X}", c as u32));
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Parses `--subject`: a bare name (no `=`) is the CN; otherwise an RFC 4514 name, accepting
/// spaces around separators and quoted values as Windows does.
pub fn parse_subject(input: &str) -> Result<Subject> {
    let trimmed = input.trim();
    let invalid = |why: String| Error::invalid("subject", input, why, HINT);
    if trimmed.is_empty() {
        return Err(invalid("the subject is empty".into()));
    }
    let raw = if trimmed.contains('=') {
        split_attributes(trimmed).map_err(invalid)?
    } else {
        vec![("CN".to_string(), trimmed.to_string())]
    };
    let mut attributes: Vec<Attribute> = Vec::with_capacity(raw.len());
    for (key, value) in raw {
        let attribute = attribute(&key, value).map_err(invalid)?;
        if let Some(dup) = attributes.iter().find(|a| a.oid == attribute.oid) {
            return Err(invalid(format!(
                "{} appears more than once; the certificate builder (rcgen) keeps one value per \
                 attribute type, so the subject would silently lose {:?}",
                dup.keyword(),
                dup.value
            )));
        }
        attributes.push(attribute);
    }
    Ok(Subject { attributes })
}

fn attribute(key: &str, value: String) -> Result<Attribute, String> {
    let (oid, keyword, kind) = attribute_type(key)?;
    let name = keyword.map_or_else(|| dotted(&oid), str::to_string);
    if value.is_empty() {
        return Err(format!("{name} has an empty value"));
    }
    if value.chars().any(char::is_control) {
        return Err(format!(
            "{name} contains a control character (line break, tab, ...)"
        ));
    }
    check_string_kind(&name, &value, kind)?;
    Ok(Attribute {
        oid,
        keyword,
        kind,
        value,
    })
}

fn attribute_type(key: &str) -> Result<(Vec<u64>, Option<&'static str>, StringKind), String> {
    let by_oid = |oid: &[u64]| KNOWN.iter().find(|k| k.oid == oid);
    let found = KNOWN
        .iter()
        .find(|k| k.names.iter().any(|n| n.eq_ignore_ascii_case(key)));
    if let Some(k) = found {
        return Ok((k.oid.to_vec(), Some(k.names[0]), k.kind));
    }
    let oid = parse_dotted(key).ok_or_else(|| {
        format!(
            "unknown attribute type {key:?}; use CN, O, OU, L, ST, C, DC, E, ... or a dotted OID"
        )
    })?;
    Ok(match by_oid(&oid) {
        Some(k) => (oid, Some(k.names[0]), k.kind),
        None => (oid, None, StringKind::Utf8),
    })
}

fn check_string_kind(name: &str, value: &str, kind: StringKind) -> Result<(), String> {
    match kind {
        StringKind::Utf8 => Ok(()),
        StringKind::Country
            if value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            Ok(())
        }
        StringKind::Country => Err(format!(
            "C must be a two-letter ISO 3166 country code in upper case (C=US), not {value:?}"
        )),
        StringKind::Printable if value.chars().all(is_printable) => Ok(()),
        StringKind::Printable => Err(format!(
            "{name} must use only A-Z a-z 0-9 space and '()+,-./:=? (PrintableString)"
        )),
        StringKind::Ia5 if value.is_ascii() => Ok(()),
        StringKind::Ia5 => Err(format!("{name} must be ASCII (IA5String)")),
    }
}

fn is_printable(c: char) -> bool {
    c.is_ascii_alphanumeric() || " '()+,-./:=?".contains(c)
}

fn parse_dotted(key: &str) -> Option<Vec<u64>> {
    let arcs: Option<Vec<u64>> = key.split('.').map(|p| p.parse().ok()).collect();
    arcs.filter(|a| a.len() >= 2 && a[0] <= 2)
}

fn dotted(oid: &[u64]) -> String {
    oid.iter().map(u64::to_string).collect::<Vec<_>>().join(".")
}

/// Splits RFC 4514 text into (keyword, unescaped value) pairs in text order.
fn split_attributes(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let index = out.len() + 1;
        let (key, after) = rest
            .split_once('=')
            .ok_or_else(|| format!("attribute {index} ({:?}) has no '='", rest.trim()))?;
        let key = key.trim();
        if key.is_empty() || key.contains([',', '+', '\\', '"']) {
            return Err(format!(
                "attribute {index} has no type before '=': {rest:?}"
            ));
        }
        let (value, next) = read_value(after).map_err(|e| format!("{key}: {e}"))?;
        out.push((key.to_string(), value));
        match next {
            None => return Ok(out),
            Some(r) => rest = r,
        }
    }
}

/// Reads one value; returns it and the text after its ',' separator (None at the end).
fn read_value(text: &str) -> Result<(String, Option<&str>), String> {
    let text = text.trim_start_matches(' ');
    if text.starts_with('#') {
        return Err("hex-encoded (#...) values are not supported; write the text instead".into());
    }
    let mut value = ValueBytes::default();
    let mut chars = text.char_indices();
    let quoted = text.starts_with('"');
    if quoted {
        chars.next();
    }
    let mut in_quotes = quoted;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => value.escape(&mut chars)?,
            '"' if in_quotes => in_quotes = false,
            _ if in_quotes => value.push(c, true),
            ',' => return Ok((value.finish()?, Some(&text[i + 1..]))),
            '+' => return Err(multi_valued()),
            ';' => return Err("an unescaped ';' is ambiguous; write \\; in a value".into()),
            ' ' => value.push(c, false),
            _ if quoted => return Err("text after the closing quote".into()),
            _ => value.push(c, true),
        }
    }
    if in_quotes {
        return Err("the quoted value has no closing '\"'".into());
    }
    Ok((value.finish()?, None))
}

fn multi_valued() -> String {
    "multi-valued RDNs (`CN=a+O=b`) are not supported: the certificate builder (rcgen) cannot \
     encode them; write \\+ if the plus sign is part of the value"
        .into()
}

/// Value bytes being unescaped; unescaped trailing spaces are dropped at the end.
#[derive(Default)]
struct ValueBytes {
    bytes: Vec<u8>,
    /// Length up to the last character that must be kept.
    keep: usize,
}

impl ValueBytes {
    fn push(&mut self, c: char, keep: bool) {
        let mut buf = [0u8; 4];
        self.bytes
            .extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        if keep {
            self.keep = self.bytes.len();
        }
    }

    fn escape(&mut self, chars: &mut std::str::CharIndices<'_>) -> Result<(), String> {
        let first = chars
            .next()
            .map(|(_, c)| c)
            .ok_or("a '\\' ends the value")?;
        if first.is_ascii_hexdigit() {
            let second = chars.next().map(|(_, c)| c).filter(char::is_ascii_hexdigit);
            let second =
                second.ok_or("'\\' must be followed by two hex digits or a special character")?;
            let hex = [first as u8, second as u8];
            let byte = u8::from_str_radix(std::str::from_utf8(&hex).expect("ASCII"), 16)
                .expect("two hex digits");
            self.bytes.push(byte);
            self.keep = self.bytes.len();
            return Ok(());
        }
        if !" \"#+,;<=>\\".contains(first) {
            return Err(format!("'\\{first}' is not an RFC 4514 escape"));
        }
        self.push(first, true);
        Ok(())
    }

    fn finish(mut self) -> Result<String, String> {
        self.bytes.truncate(self.keep);
        String::from_utf8(self.bytes).map_err(|_| "the \\XX escapes do not form UTF-8".into())
    }
}

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

#[cfg(test)]
#[path = "subject_tests.rs"]
mod tests;
