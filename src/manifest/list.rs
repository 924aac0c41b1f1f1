//! The keyCredentials a manifest already has, as `manifest show` reports them, and how each
//! stands on a given day.

use std::path::Path;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::error::Result;
use crate::jsonedit::{Array, Object, Value};

use super::identity::identify;

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

/// A credential ending within this many days is reported as expiring.
pub const EXPIRING_WITHIN_DAYS: i64 = 30;

/// One existing keyCredentials entry, fields as written (either schema's names).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExistingCredential {
    pub key_id: Option<String>,
    pub display_name: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Upper-case hex SHA-1: of the certificate in key/value, or where that is null, the one
    /// customKeyIdentifier names (hex or base64).
    pub thumbprint: Option<String>,
    pub thumbprint_from: Option<ThumbprintSource>,
    /// The `type` field, e.g. `AsymmetricX509Cert`.
    pub kind: Option<String>,
    pub usage: Option<String>,
    /// Not an object, no keyId or dates, a date that is not one, a known field that is not a
    /// string or appears twice, a key that is not a certificate or not the one
    /// customKeyIdentifier names, a keyId another entry has: `problems` says which.
    pub malformed: bool,
    pub problems: Vec<String>,
}

/// Which field a thumbprint was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThumbprintSource {
    /// customKeyIdentifier holding 40 hex digits (what the portal writes after an upload).
    HexIdentifier,
    /// customKeyIdentifier holding base64 of the SHA-1 (what certkit and the docs write).
    Base64Identifier,
    /// SHA-1 of the certificate in `key` / `value` (downloads have null there).
    Key,
}

impl ThumbprintSource {
    /// The stable `--json` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ThumbprintSource::HexIdentifier => "customKeyIdentifier (hex)",
            ThumbprintSource::Base64Identifier => "customKeyIdentifier (base64)",
            ThumbprintSource::Key => "key",
        }
    }

    /// For people: "from ..." completes it.
    pub fn describe(self) -> &'static str {
        match self {
            ThumbprintSource::HexIdentifier => "the hex customKeyIdentifier",
            ThumbprintSource::Base64Identifier => "the base64 customKeyIdentifier",
            ThumbprintSource::Key => "the certificate in the entry",
        }
    }
}

/// Where a credential stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Valid,
    /// Ends within [`EXPIRING_WITHIN_DAYS`].
    Expiring,
    Expired,
    NotYetValid,
    Malformed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Expiring => "expiring",
            Status::Expired => "expired",
            Status::NotYetValid => "not yet valid",
            Status::Malformed => "malformed",
        }
    }
}

impl ExistingCredential {
    pub fn start_time(&self) -> Option<OffsetDateTime> {
        self.start.as_deref().and_then(parse_date)
    }

    pub fn end_time(&self) -> Option<OffsetDateTime> {
        self.end.as_deref().and_then(parse_date)
    }

    pub fn status(&self, now: OffsetDateTime) -> Status {
        let (Some(start), Some(end)) = (self.start_time(), self.end_time()) else {
            return Status::Malformed;
        };
        match () {
            _ if self.malformed => Status::Malformed,
            _ if end <= now => Status::Expired,
            _ if start > now => Status::NotYetValid,
            _ if (end - now).whole_days() < EXPIRING_WITHIN_DAYS => Status::Expiring,
            _ => Status::Valid,
        }
    }

    /// Whole days from `now` to the end date (negative once past).
    pub fn days_left(&self, now: OffsetDateTime) -> Option<i64> {
        self.end_time().map(|end| (end - now).whole_days())
    }

    /// An X.509 certificate credential (not a symmetric key).
    pub fn is_certificate(&self) -> bool {
        self.kind
            .as_deref()
            .is_some_and(|k| k.eq_ignore_ascii_case("AsymmetricX509Cert"))
    }

    /// Lets the app sign in with a certificate today: a well-formed certificate credential
    /// for verification (usage `Verify`, or none written) inside its dates, naming its
    /// certificate. `Sign` entries are SAML token-signing keys and do not count.
    pub fn usable(&self, now: OffsetDateTime) -> bool {
        self.is_certificate()
            && self.thumbprint.is_some()
            && self
                .usage
                .as_deref()
                .is_none_or(|u| u.eq_ignore_ascii_case("Verify"))
            && matches!(self.status(now), Status::Valid | Status::Expiring)
    }
}

/// Every keyCredentials entry, in file order; empty when the manifest has none.
pub fn list(text: &[u8], path: &Path) -> Result<Vec<ExistingCredential>> {
    let doc = super::parse(text, path)?;
    let root = doc.root_object(super::NOT_A_MANIFEST, super::DOWNLOAD_HINT)?;
    Ok(super::key_credentials(&doc, root)?
        .map(describe_all)
        .unwrap_or_default())
}

/// Every entry of a keyCredentials array, with the problems only the whole array shows
/// (a keyId used twice: the service refuses the upload).
pub(crate) fn describe_all(entries: &Array) -> Vec<ExistingCredential> {
    let mut described: Vec<ExistingCredential> = entries.elements.iter().map(describe).collect();
    let mut by_id: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (index, entry) in described.iter().enumerate() {
        if let Some(id) = &entry.key_id {
            by_id
                .entry(id.trim().to_lowercase())
                .or_default()
                .push(index);
        }
    }
    for indices in by_id.values().filter(|i| i.len() > 1) {
        for &index in indices {
            let others: Vec<String> = indices
                .iter()
                .filter(|&&i| i != index)
                .map(|i| format!("keyCredentials[{i}]"))
                .collect();
            let entry = &mut described[index];
            let id = quoted(entry.key_id.as_deref().unwrap_or_default());
            entry
                .problems
                .push(format!("keyId {id} is also used by {}", others.join(", ")));
            entry.malformed = true;
        }
    }
    described
}

/// A manifest string for a message: as it is when plain and short (a keyId, a subject),
/// else as [`quoted`].
pub(crate) fn shown(text: &str) -> String {
    let plain = |c: char| {
        !c.is_control()
            && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if text.chars().count() <= 60 && !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        quoted(text)
    }
}

/// A manifest string for a message: quoted, escaped, and cut short when long.
pub(crate) fn quoted(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{:?}...", &text[..cut]),
        None => format!("{text:?}"),
    }
}

/// A manifest date: RFC 3339 with 0 to 9 fractional digits and `Z` or an offset. One with no
/// offset at all is read as UTC, which is what the service means.
pub fn parse_date(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    OffsetDateTime::parse(text, &Rfc3339)
        .or_else(|_| OffsetDateTime::parse(&format!("{text}Z"), &Rfc3339))
        .ok()
}

fn describe(entry: &Value) -> ExistingCredential {
    let Some(object) = entry.as_object() else {
        return ExistingCredential {
            malformed: true,
            problems: vec![format!("{} instead of an object", entry.kind_name())],
            ..Default::default()
        };
    };
    let text = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| object.get(name))
            .and_then(|p| p.value.as_str())
            .map(str::to_string)
    };
    let identity = identify(object);
    let found = ExistingCredential {
        key_id: text(&["keyId"]),
        display_name: text(&["displayName"]),
        start: text(&["startDateTime", "startDate"]),
        end: text(&["endDateTime", "endDate"]),
        thumbprint: identity.thumbprint(),
        thumbprint_from: identity.source,
        kind: text(&["type"]),
        usage: text(&["usage"]),
        malformed: false,
        problems: Vec::new(),
    };
    let mut problems = problems(object, &found);
    problems.extend(identity.problems);
    ExistingCredential {
        malformed: !problems.is_empty(),
        problems,
        ..found
    }
}

fn problems(object: &Object, found: &ExistingCredential) -> Vec<String> {
    let mut problems: Vec<String> = object
        .properties
        .iter()
        .filter(|p| TEXT_FIELDS.contains(&p.name.as_str()))
        .filter(|p| !matches!(p.value, Value::String(_) | Value::Null(_)))
        .map(|p| {
            format!(
                "{} is {}, not a string",
                p.name.as_str(),
                p.value.kind_name()
            )
        })
        .collect();
    for name in TEXT_FIELDS {
        let count = object
            .properties
            .iter()
            .filter(|p| p.name.as_str() == *name);
        // Readers disagree on which of two counts, so the entry means nothing for sure.
        if count.count() > 1 {
            problems.push(format!("{name} appears more than once"));
        }
    }
    let absent = |names: &[&str]| names.iter().all(|name| object.get(name).is_none());
    if absent(&["keyId"]) {
        problems.push("no keyId".into());
    }
    let dates = [
        ("start", &found.start, ["startDateTime", "startDate"]),
        ("end", &found.end, ["endDateTime", "endDate"]),
    ];
    for (label, value, names) in dates {
        match value {
            None if absent(&names) => problems.push(format!("no {label} date")),
            Some(text) if parse_date(text).is_none() => {
                problems.push(format!("the {label} date {} is not a date", quoted(text)));
            }
            _ => {}
        }
    }
    problems
}
