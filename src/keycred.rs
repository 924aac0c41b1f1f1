//! The keyCredential value and its two JSON schemas (formats.md section 2).
//!
//! One value, two spellings: Microsoft Graph (the portal's format since 2025) and the legacy
//! Azure AD Graph. Field order follows what the portal writes, so a pasted fragment or a
//! patched manifest looks like the portal's own output and diffs stay small.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::certificate::Certificate;
use crate::error::{Error, Result};

/// The service truncates `displayName` past this many characters (UTF-16 units, as .NET counts).
pub const DISPLAY_NAME_MAX: usize = 90;

/// Which manifest schema a keyCredential is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Schema {
    /// Microsoft Graph: `key`, `startDateTime`, `endDateTime`, `displayName`.
    Graph,
    /// Azure AD Graph (legacy): `value`, `startDate`, `endDate`.
    AadGraph,
}

impl Schema {
    /// The `--schema` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Schema::Graph => "graph",
            Schema::AadGraph => "aad",
        }
    }

    /// The name users see in the portal and documentation.
    pub fn name(self) -> &'static str {
        match self {
            Schema::Graph => "Microsoft Graph",
            Schema::AadGraph => "Azure AD Graph",
        }
    }

    /// The entry field holding the certificate's base64 DER.
    pub fn key_field(self) -> &'static str {
        match self {
            Schema::Graph => "key",
            Schema::AadGraph => "value",
        }
    }

    pub fn start_field(self) -> &'static str {
        match self {
            Schema::Graph => "startDateTime",
            Schema::AadGraph => "startDate",
        }
    }

    pub fn end_field(self) -> &'static str {
        match self {
            Schema::Graph => "endDateTime",
            Schema::AadGraph => "endDate",
        }
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Schema {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "graph" | "msgraph" | "microsoft-graph" => Ok(Schema::Graph),
            "aad" | "aadgraph" | "azure-ad-graph" => Ok(Schema::AadGraph),
            _ => Err(Error::invalid(
                "schema",
                s,
                "not a manifest schema",
                "use `graph` (Microsoft Graph, the portal's format) or `aad` (Azure AD Graph, legacy)",
            )),
        }
    }
}

/// One new certificate credential for an app registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyCredential {
    key_id: uuid::Uuid,
    custom_key_identifier: String,
    display_name: String,
    start: OffsetDateTime,
    end: OffsetDateTime,
    key: String,
}

impl KeyCredential {
    /// A credential for `cert` with a fresh random keyId: the service rejects a reused one.
    pub fn for_certificate(cert: &Certificate) -> Self {
        Self::with_key_id(cert, uuid::Uuid::new_v4())
    }

    /// Same as [`KeyCredential::for_certificate`] with a chosen keyId (tests, reproducible output).
    pub fn with_key_id(cert: &Certificate, key_id: uuid::Uuid) -> Self {
        KeyCredential {
            key_id,
            custom_key_identifier: cert.digests().custom_key_identifier(),
            display_name: truncate_utf16(cert.subject(), DISPLAY_NAME_MAX).to_string(),
            // Whole seconds: the certificate's own validity has none, and the service rejects an
            // end date even a fraction past NotAfter.
            start: whole_seconds_utc(cert.not_before()),
            end: whole_seconds_utc(cert.not_after()),
            key: STANDARD.encode(cert.der()),
        }
    }

    pub fn key_id(&self) -> uuid::Uuid {
        self.key_id
    }

    /// Standard base64 of the certificate's raw SHA-1.
    pub fn custom_key_identifier(&self) -> &str {
        &self.custom_key_identifier
    }

    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    pub fn start(&self) -> OffsetDateTime {
        self.start
    }

    pub fn end(&self) -> OffsetDateTime {
        self.end
    }

    /// Standard base64 of the certificate's DER (public part only).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The entry as the given schema spells it, fields in the portal's order.
    pub fn to_json(&self, schema: Schema) -> Value {
        let (start, end) = (format_date(self.start), format_date(self.end));
        match schema {
            Schema::Graph => json!({
                "customKeyIdentifier": self.custom_key_identifier,
                "displayName": self.display_name,
                "endDateTime": end,
                "key": self.key,
                "keyId": self.key_id.to_string(),
                "startDateTime": start,
                "type": "AsymmetricX509Cert",
                "usage": "Verify",
            }),
            Schema::AadGraph => json!({
                "customKeyIdentifier": self.custom_key_identifier,
                "endDate": end,
                "keyId": self.key_id.to_string(),
                "startDate": start,
                "type": "AsymmetricX509Cert",
                "usage": "Verify",
                "value": self.key,
            }),
        }
    }

    /// `{"keyCredentials": [ entry ]}` as a value, for `--json` output that embeds it.
    pub fn fragment_value(&self, schema: Schema) -> serde_json::Value {
        json!({ "keyCredentials": [self.to_json(schema)] })
    }

    /// `{"keyCredentials": [ entry ]}`, pretty with 2 spaces and a final newline: what users paste.
    pub fn fragment(&self, schema: Schema) -> String {
        let mut text = serde_json::to_string_pretty(&self.fragment_value(schema))
            .expect("a JSON value always serializes");
        text.push('\n');
        text
    }
}

/// `2027-12-03T10:15:30Z`: UTC, whole seconds, `Z`, the form the documentation and portal use.
pub fn format_date(at: OffsetDateTime) -> String {
    let at = whole_seconds_utc(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

fn whole_seconds_utc(at: OffsetDateTime) -> OffsetDateTime {
    let at = at.to_offset(time::UtcOffset::UTC);
    at.replace_nanosecond(0).unwrap_or(at)
}

/// The longest prefix of `s` that fits in `max` UTF-16 units, cut on a char boundary.
fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (index, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..index];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn sample() -> KeyCredential {
        KeyCredential {
            key_id: uuid::Uuid::parse_str("a229b752-17ec-4704-9971-4b4021745a1c").unwrap(),
            // The public golden pair of formats.md section 1.
            custom_key_identifier: "iVabnkJvnIn2uxEgEsxU+Ssa3Zs=".into(),
            display_name: "CN=surveysapp".into(),
            start: datetime!(2025-12-03 10:15:30 UTC),
            end: datetime!(2027-12-03 10:15:30 UTC),
            key: "MIIB".into(),
        }
    }

    fn field_names(value: &Value) -> Vec<&str> {
        value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect()
    }

    #[test]
    fn graph_fields_are_in_portal_order() {
        let names = field_names(&sample().to_json(Schema::Graph)).join(",");
        assert_eq!(
            names,
            "customKeyIdentifier,displayName,endDateTime,key,keyId,startDateTime,type,usage"
        );
    }

    #[test]
    fn aad_fields_are_in_portal_order() {
        let names = field_names(&sample().to_json(Schema::AadGraph)).join(",");
        assert_eq!(
            names,
            "customKeyIdentifier,endDate,keyId,startDate,type,usage,value"
        );
    }

    #[test]
    fn entry_values() {
        let v = sample().to_json(Schema::AadGraph);
        assert_eq!(v["endDate"], "2027-12-03T10:15:30Z");
        assert_eq!(v["startDate"], "2025-12-03T10:15:30Z");
        assert_eq!(v["keyId"], "a229b752-17ec-4704-9971-4b4021745a1c");
        assert_eq!(v["type"], "AsymmetricX509Cert");
        assert_eq!(v["usage"], "Verify");
        assert_eq!(v["value"], "MIIB");
    }

    #[test]
    fn dates_are_utc_whole_seconds_with_z() {
        let local = datetime!(2027-12-03 12:15:30.987_654 +02:00);
        assert_eq!(format_date(local), "2027-12-03T10:15:30Z");
        assert_eq!(
            format_date(datetime!(0999-01-02 03:04:05 UTC)),
            "0999-01-02T03:04:05Z"
        );
    }

    #[test]
    fn fragment_is_pretty_two_spaces_with_final_newline() {
        let text = sample().fragment(Schema::Graph);
        assert!(text.starts_with("{\n  \"keyCredentials\": [\n    {\n      \"customKeyIdentifier\": \"iVabnkJvnIn2uxEgEsxU+Ssa3Zs=\",\n"), "{text}");
        assert!(text.ends_with("\n    }\n  ]\n}\n"), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["keyCredentials"][0], sample().to_json(Schema::Graph));
    }

    #[test]
    fn display_name_truncates_on_char_boundary() {
        let long = format!("CN={}", "é".repeat(100));
        let cut = truncate_utf16(&long, DISPLAY_NAME_MAX);
        assert_eq!(cut.chars().count(), 90);
        // A character outside the BMP counts as two units and is never split.
        let astral = format!("{}😀", "a".repeat(89));
        assert_eq!(truncate_utf16(&astral, 90), "a".repeat(89));
        assert_eq!(truncate_utf16("CN=short", 90), "CN=short");
    }

    #[test]
    fn for_certificate_uses_the_certificate_and_a_fresh_v4_key_id() {
        let der = include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/certs/fixture-cert.cer"
        ));
        let cert = Certificate::from_der(der).unwrap();
        let (a, b) = (
            KeyCredential::for_certificate(&cert),
            KeyCredential::for_certificate(&cert),
        );
        assert_ne!(a.key_id(), b.key_id());
        assert_eq!(a.key_id().get_version_num(), 4);
        assert_eq!(a.display_name(), "CN=fixture-cert");
        assert_eq!(STANDARD.decode(a.key()).unwrap(), der);
        assert_eq!((a.start(), a.end()), (cert.not_before(), cert.not_after()));
    }

    #[test]
    fn schema_names_round_trip() {
        for schema in [Schema::Graph, Schema::AadGraph] {
            assert_eq!(schema.as_str().parse::<Schema>().unwrap(), schema);
        }
        assert_eq!(Schema::AadGraph.name(), "Azure AD Graph");
        assert!("v1".parse::<Schema>().is_err());
    }
}
