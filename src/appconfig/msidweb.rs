//! Microsoft.Identity.Web's credential descriptions (formats.md section 6): a list under
//! `AzureAd:ClientCredentials` (v2; `ClientCertificates` in v1) tried in order, one source
//! each. A JSON array in appsettings; in user secrets written by `dotnet user-secrets`, flat
//! keys such as `AzureAd:ClientCredentials:0:SourceType`.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use super::plan::{ensure, insert, Action, Field, Match, Step, Want, AZURE_AD, LISTS, SOURCE_TYPE};
use super::view::{config_value, Place, View};
use super::Source;
use crate::error::Result;
use crate::jsonedit::Array;

/// Where certkit's store is, as Microsoft.Identity.Web names it.
pub(crate) const STORE_PATH: &str = "CurrentUser/My";

/// One description, whichever way it is written.
pub(crate) struct Description<'d, 'a> {
    /// Its index segment in the configuration key.
    pub index: Cow<'d, str>,
    /// The index as a number, for the order (.NET orders numeric keys by value).
    order: u64,
    /// Its direct settings: name as written, value as configuration reads it.
    pub fields: Vec<(String, String)>,
    /// Its place when it is an element of a JSON array.
    pub element: Option<(&'d Array<'a>, usize)>,
    /// The properties that hold it (the description object, or its flat settings): removing
    /// them and the element removes the description.
    pub parts: Vec<Place<'d, 'a>>,
}

impl Description<'_, '_> {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn is_source(&self, source_type: &str) -> bool {
        self.get(SOURCE_TYPE)
            .is_some_and(|t| Match::Loose.equal(t, source_type))
    }

    fn satisfies(&self, fields: &[Field]) -> bool {
        fields
            .iter()
            .all(|&(name, value, how)| self.get(name).is_some_and(|have| how.equal(have, value)))
    }
}

/// The list the file uses; ClientCredentials when it has neither.
pub(crate) fn list_name(view: &View) -> &'static str {
    LISTS
        .into_iter()
        .find(|list| view.has(&[AZURE_AD, list]))
        .unwrap_or(LISTS[0])
}

/// The list's descriptions in configuration order (by index).
pub(crate) fn descriptions<'d, 'a>(view: &View<'d, 'a>, list: &str) -> Vec<Description<'d, 'a>> {
    let mut found: Vec<Description> = Vec::new();
    let mut by_index: HashMap<u32, usize> = HashMap::new();
    for node in view.under(&[AZURE_AD, list]).filter(|n| n.ids.len() >= 3) {
        let at = *by_index.entry(node.ids[2]).or_insert_with(|| {
            let index = view.key(node).swap_remove(2);
            found.push(Description {
                order: index.parse().unwrap_or(u64::MAX),
                index,
                fields: Vec::new(),
                element: None,
                parts: Vec::new(),
            });
            found.len() - 1
        });
        let description = &mut found[at];
        match (node.ids.len(), node.place) {
            (3, Place::Element { array, index }) => description.element = Some((array, index)),
            (4, _) => {
                if let Some(value) = config_value(node.value) {
                    // Segment 3 is the last: nothing under a description is walked.
                    let name = view.last_segment(node).into_owned();
                    description.fields.push((name, value));
                }
            }
            _ => {}
        }
        // Its own name reaches into the description: `"0": {...}` or `"...:0:SourceType"`.
        if node.inherited < 3 && matches!(node.place, Place::Property { .. }) {
            description.parts.push(node.place);
        }
    }
    found.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.index.cmp(&b.index)));
    found
}

/// The description certkit writes: its SourceType and the fields that must match.
pub(crate) fn target<'w>(want: &Want<'w>) -> (&'static str, Vec<Field<'w>>) {
    match want.source {
        Source::Store => (
            "StoreWithThumbprint",
            vec![
                ("CertificateStorePath", STORE_PATH, Match::Loose),
                ("CertificateThumbprint", want.thumbprint, Match::IgnoreCase),
            ],
        ),
        Source::Path(path) => ("Path", vec![("CertificateDiskPath", path, Match::Exact)]),
    }
}

/// Client secrets go; then a description for the certificate is updated or added. A
/// StoreWithThumbprint description for another store (LocalMachine/My: a server's) is left
/// alone and a CurrentUser one added; a Path description is repointed.
pub(crate) fn next<'d, 'a>(view: &View<'d, 'a>, want: &Want) -> Result<Option<Step<'d, 'a>>> {
    let list = list_name(view);
    let found = descriptions(view, list);
    let (source_type, fields) = target(want);
    let same_source: Vec<&Description> =
        found.iter().filter(|d| d.is_source(source_type)).collect();
    if same_source.iter().any(|d| d.satisfies(&fields)) {
        return Ok(None);
    }
    let update = same_source.into_iter().find(|d| match want.source {
        Source::Store => d
            .get("CertificateStorePath")
            .is_none_or(|p| Match::Loose.equal(p, STORE_PATH)),
        Source::Path(_) => true,
    });
    if let Some(description) = update {
        let parent = [AZURE_AD, list, description.index.as_ref()];
        return ensure(view, &parent, &fields, want);
    }
    Ok(Some(add(view, list, &found, source_type, &fields, want)))
}

fn add<'d, 'a>(
    view: &View<'d, 'a>,
    list: &str,
    found: &[Description],
    source_type: &str,
    fields: &[Field],
    want: &Want,
) -> Step<'d, 'a> {
    let mut description = Map::new();
    description.insert(SOURCE_TYPE.into(), source_type.into());
    for &(name, value, _) in fields {
        description.insert(name.into(), value.into());
    }
    let description = Json::Object(description);
    let key = [AZURE_AD, list];
    if let Some(array) = view.find(&key).find_map(|n| n.value.as_array()) {
        return Step {
            action: Action::Append(array, description),
            says: vec![format!(
                "added a {source_type} description to {AZURE_AD}:{list}"
            )],
        };
    }
    if found.is_empty() {
        // `{}`, an empty list written as an object (or one whose descriptions were all
        // secrets, now removed), becomes the array Microsoft.Identity.Web documents.
        let empty = view.find(&key).find(|n| n.value.as_object().is_some());
        if let Some(node) = empty {
            return Step {
                action: Action::Replace(node.value, Json::Array(vec![description])),
                says: vec![format!(
                    "added a {source_type} description to {AZURE_AD}:{list}"
                )],
            };
        }
        return insert(view, &key, Json::Array(vec![description]), want);
    }
    let next = found
        .iter()
        .filter_map(|d| d.index.parse::<u64>().ok())
        .max()
        .map_or(0, |max| max + 1)
        .to_string();
    insert(view, &[AZURE_AD, list, &next], description, want)
}

/// Every `SourceType: ClientSecret` description, to remove: its array element and the
/// properties that hold it, all at once.
pub(crate) fn remove_secrets<'d, 'a>(view: &View<'d, 'a>) -> Vec<(Place<'d, 'a>, String)> {
    let list = list_name(view);
    let mut removals = Vec::new();
    for secret in descriptions(view, list)
        .into_iter()
        .filter(|d| d.is_source("ClientSecret"))
    {
        let says = format!(
            "removed the ClientSecret description {AZURE_AD}:{list}:{}",
            secret.index
        );
        let element = secret
            .element
            .map(|(array, index)| Place::Element { array, index });
        removals.extend(
            element
                .into_iter()
                .chain(secret.parts)
                .map(|place| (place, says.clone())),
        );
    }
    removals
}
