//! The keyCredentials a manifest already has, as `manifest show` reports them.

use std::path::Path;

use crate::error::Result;
use crate::jsonedit::{string_value, Value};
use crate::thumbprint::{hex_upper, parse_custom_key_identifier};

/// Entry fields that must hold a string (or null) in either schema.
const TEXT_FIELDS: &[&str] = &[
    "customKeyIdentifier",
    "displayName",
    "endDateTime",
    "endDate",
    "key",
    "value",
    "keyId",
    "startDateTime",
    "startDate",
    "type",
    "usage",
];

/// One existing keyCredentials entry, fields as written (either schema's names).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExistingCredential {
    pub key_id: Option<String>,
    pub display_name: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Upper-case hex SHA-1 from customKeyIdentifier, whether that was hex or base64.
    pub thumbprint: Option<String>,
    /// The `type` field, e.g. `AsymmetricX509Cert`.
    pub kind: Option<String>,
    pub usage: Option<String>,
    /// Not an object, no keyId, or a known field that is not a string.
    pub malformed: bool,
}

/// Every keyCredentials entry, in file order; empty when the manifest has none.
pub fn list(text: &[u8], path: &Path) -> Result<Vec<ExistingCredential>> {
    let doc = super::parse(text, path)?;
    let root = doc.root_object(super::NOT_A_MANIFEST, super::DOWNLOAD_HINT)?;
    Ok(super::key_credentials(&doc, root)?
        .map(|entries| entries.elements.iter().map(describe).collect())
        .unwrap_or_default())
}

fn describe(entry: &Value) -> ExistingCredential {
    let Some(object) = entry.as_object() else {
        return ExistingCredential {
            malformed: true,
            ..Default::default()
        };
    };
    let text = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| object.get(name))
            .and_then(|p| string_value(&p.value))
            .map(str::to_string)
    };
    let wrong_type = object.properties.iter().any(|p| {
        TEXT_FIELDS.contains(&p.name.as_str())
            && !matches!(p.value, Value::String(_) | Value::Null(_))
    });
    let key_id = text(&["keyId"]);
    ExistingCredential {
        malformed: wrong_type || key_id.is_none(),
        key_id,
        display_name: text(&["displayName"]),
        start: text(&["startDateTime", "startDate"]),
        end: text(&["endDateTime", "endDate"]),
        thumbprint: text(&["customKeyIdentifier"]).and_then(|c| thumbprint(&c)),
        kind: text(&["type"]),
        usage: text(&["usage"]),
    }
}

/// The hex thumbprint a customKeyIdentifier names, when it is a SHA-1 in either form.
pub(crate) fn thumbprint(custom_key_identifier: &str) -> Option<String> {
    parse_custom_key_identifier(custom_key_identifier)
        .filter(|bytes| bytes.len() == 20)
        .map(|bytes| hex_upper(&bytes))
}
