//! Which schema a manifest is written in (formats.md section 2).
//!
//! Signals, strongest first: the field names of existing keyCredentials entries (they are what
//! the new entry must match), then those of passwordCredentials entries, then top-level
//! properties only one schema has. `signInAudience` is documented as a Microsoft Graph marker
//! but real Azure AD Graph downloads carry it too (see fixtures/manifests/aadgraph-*), so it
//! counts for nothing. Conflicting signals at the deciding level give None: better to make the
//! user say `--schema` than to add an entry the portal rejects.

use std::path::Path;

use crate::jsonedit::{Array, Object, Value};
use crate::keycred::Schema;

const GRAPH_ENTRY_FIELDS: &[&str] = &["key", "startDateTime", "endDateTime"];
const AAD_ENTRY_FIELDS: &[&str] = &["value", "startDate", "endDate"];
const GRAPH_MARKERS: &[&str] = &["api", "web", "spa"];
const AAD_MARKERS: &[&str] = &[
    "replyUrlsWithType",
    "oauth2Permissions",
    "oauth2AllowImplicitFlow",
    "availableToOtherTenants",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Unknown,
    Is(Schema),
    Conflict,
}

/// The manifest's schema, or None when it cannot be told (or the text is not a JSON object).
pub fn detect_schema(text: &[u8]) -> Option<Schema> {
    let doc = super::parse(text, Path::new("manifest")).ok()?;
    detect(doc.root().as_object()?)
}

pub(crate) fn detect(root: &Object) -> Option<Schema> {
    let credentials = |name| match root.get(name).map(|p| &p.value) {
        Some(Value::Array(entries)) => entries_verdict(entries),
        _ => Verdict::Unknown,
    };
    let verdicts = [
        credentials("keyCredentials"),
        credentials("passwordCredentials"),
        markers_verdict(root),
    ];
    match verdicts.into_iter().find(|v| *v != Verdict::Unknown)? {
        Verdict::Is(schema) => Some(schema),
        _ => None,
    }
}

/// What the field names of credential entries say.
pub(crate) fn entries_verdict(entries: &Array) -> Verdict {
    let (mut graph, mut aad) = (0, 0);
    for entry in entries.elements.iter().filter_map(Value::as_object) {
        let (g, a) = field_counts(entry);
        (graph, aad) = (graph + g, aad + a);
    }
    vote(graph, aad)
}

/// How many field names of each schema one entry uses.
fn field_counts(entry: &Object) -> (usize, usize) {
    let names = entry.properties.iter().map(|p| p.name.as_str());
    names.fold((0, 0), |(graph, aad), name| {
        (
            graph + usize::from(GRAPH_ENTRY_FIELDS.contains(&name)),
            aad + usize::from(AAD_ENTRY_FIELDS.contains(&name)),
        )
    })
}

/// Which entries use which schema, for the error about an array that mixes them: the first
/// entry of each kind.
pub(crate) fn describe_mix(entries: &Array) -> String {
    let kinds = entries
        .elements
        .iter()
        .enumerate()
        .filter_map(|(i, entry)| {
            let verdict = vote_of(entry.as_object()?);
            (verdict != Verdict::Unknown).then_some((i, verdict))
        });
    let mut seen: Vec<Verdict> = Vec::new();
    let mut parts = Vec::new();
    for (index, verdict) in kinds {
        if seen.contains(&verdict) {
            continue;
        }
        seen.push(verdict);
        let uses = match verdict {
            Verdict::Is(Schema::Graph) => "Microsoft Graph names (key, startDateTime, endDateTime)",
            Verdict::Is(Schema::AadGraph) => "Azure AD Graph names (value, startDate, endDate)",
            _ => "names of both",
        };
        parts.push(format!("keyCredentials[{index}] uses {uses}"));
    }
    parts.join(", ")
}

fn vote_of(entry: &Object) -> Verdict {
    let (graph, aad) = field_counts(entry);
    vote(graph, aad)
}

fn markers_verdict(root: &Object) -> Verdict {
    let count = |markers: &[&str]| markers.iter().filter(|m| root.get(m).is_some()).count();
    vote(count(GRAPH_MARKERS), count(AAD_MARKERS))
}

fn vote(graph: usize, aad: usize) -> Verdict {
    match (graph, aad) {
        (0, 0) => Verdict::Unknown,
        (_, 0) => Verdict::Is(Schema::Graph),
        (0, _) => Verdict::Is(Schema::AadGraph),
        _ => Verdict::Conflict,
    }
}
