//! The next single change a settings file needs, or None when it already says what was asked.
//!
//! Changes are found one at a time on a fresh parse (files are small), so each is a simple
//! edit whose layout rules jsonedit owns, several edits never compete for the same bytes, and
//! "nothing left to do" is both the end of the loop and the proof of idempotence.

use serde_json::{json, Map, Value as Json};

use super::view::{config_value, has_prefix, uses_flat_names, Node, Place, View};
use super::{Source, Style};
use crate::error::{Error, Result};
use crate::jsonedit::{Array, Document, Edit, Object, Value};

pub(crate) const AZURE_AD: &str = "AzureAd";
pub(crate) const CLIENT_SECRET: &str = "ClientSecret";
pub(crate) const ASYMMETRIC: &str = "Asymmetric";
/// Microsoft.Identity.Web 2 reads ClientCredentials; version 1 read ClientCertificates.
pub(crate) const LISTS: [&str; 2] = ["ClientCredentials", "ClientCertificates"];
pub(crate) const SOURCE_TYPE: &str = "SourceType";

/// What the file must end up saying.
pub(crate) struct Want<'r> {
    pub style: Style,
    pub thumbprint: &'r str,
    pub source: &'r Source,
    /// Write flat `A:B` names in an empty file (user secrets), nested objects otherwise.
    pub flat_when_empty: bool,
}

/// One change, and how to say it (never with a secret value).
pub(crate) struct Step<'d, 'a> {
    pub action: Action<'d, 'a>,
    pub says: String,
}

pub(crate) enum Action<'d, 'a> {
    Replace(&'d Value<'a>, Json),
    Insert(&'d Object<'a>, String, Json),
    RemoveProperty(&'d Object<'a>, usize),
    RemoveElement(&'d Array<'a>, usize),
    Append(&'d Array<'a>, Json),
}

impl Step<'_, '_> {
    pub fn edit(&self, doc: &Document) -> Result<Edit> {
        Ok(match &self.action {
            Action::Replace(node, value) => doc.replace(node, value),
            Action::Insert(object, name, value) => doc.push_property(object, name, value)?,
            Action::RemoveProperty(object, index) => doc
                .remove_property_at(object, *index)
                .expect("the index comes from the object"),
            Action::RemoveElement(array, index) => doc
                .remove_element(array, *index)
                .expect("the index comes from the array"),
            Action::Append(array, value) => doc.push_element(array, value),
        })
    }
}

/// How an existing value must compare with the wanted one.
#[derive(Clone, Copy)]
pub(crate) enum Match {
    /// Thumbprints: case does not matter, anything else (a pasted invisible mark) does.
    IgnoreCase,
    /// Enum and boolean names, store paths: .NET trims and ignores case.
    Loose,
    /// File paths.
    Exact,
}

impl Match {
    pub fn equal(self, have: &str, want: &str) -> bool {
        match self {
            Match::IgnoreCase => have.eq_ignore_ascii_case(want),
            Match::Loose => have.trim().eq_ignore_ascii_case(want),
            Match::Exact => have == want,
        }
    }
}

pub(crate) type Field<'w> = (&'static str, &'w str, Match);

pub(crate) fn next<'d, 'a>(view: &View<'d, 'a>, want: &Want) -> Result<Option<Step<'d, 'a>>> {
    if let Some(step) = remove_setting(view, &[AZURE_AD, CLIENT_SECRET]) {
        return Ok(Some(step));
    }
    match want.style {
        Style::Asymmetric => ensure(
            view,
            &[AZURE_AD, ASYMMETRIC],
            &asymmetric_fields(want),
            want,
        ),
        Style::MsIdWeb => super::msidweb::next(view, want),
    }
}

/// The Surveys sample's `AzureAd:Asymmetric` section.
pub(crate) fn asymmetric_fields<'w>(want: &Want<'w>) -> [Field<'w>; 4] {
    [
        ("CertificateThumbprint", want.thumbprint, Match::IgnoreCase),
        ("StoreName", "My", Match::Loose),
        ("StoreLocation", "CurrentUser", Match::Loose),
        // A string, as in the sample: self-signed certificates do not chain to a trusted root.
        ("ValidationRequired", "false", Match::Loose),
    ]
}

/// Removes the first property defining `key`.
pub(crate) fn remove_setting<'d, 'a>(view: &View<'d, 'a>, key: &[&str]) -> Option<Step<'d, 'a>> {
    view.find(key).find_map(|node| match node.place {
        Place::Property { object, index } => Some(Step {
            action: Action::RemoveProperty(object, index),
            says: format!("removed {}", node.key.join(":")),
        }),
        _ => None,
    })
}

/// The first change that makes `parent:NAME` hold each field's value, if any is needed.
pub(crate) fn ensure<'d, 'a>(
    view: &View<'d, 'a>,
    parent: &[&str],
    fields: &[Field],
    want: &Want,
) -> Result<Option<Step<'d, 'a>>> {
    let mut missing = Map::new();
    for &(name, value, how) in fields {
        let key = [parent, &[name]].concat();
        let Some(node) = view.find(&key).next() else {
            missing.insert(name.to_string(), json!(value));
            continue;
        };
        let Some(have) = config_value(node.value) else {
            return Err(not_a_value(view, node));
        };
        if !how.equal(&have, value) {
            let says = format!("set {} (was {have:?})", node.key.join(":"));
            let action = Action::Replace(node.value, json!(value));
            return Ok(Some(Step { action, says }));
        }
    }
    let Some((first, value)) = missing.iter().next() else {
        return Ok(None);
    };
    let (_, depth) = view.deepest_object(parent);
    if depth == parent.len() {
        let key = [parent, &[first.as_str()]].concat();
        return Ok(Some(insert(view, &key, value.clone(), want)));
    }
    Ok(Some(insert(view, parent, Json::Object(missing), want)))
}

/// Adds `key` = `value` in the deepest object that holds part of the key, written as its
/// siblings are: nested objects, or flat `A:B` names. A flat object can only take scalars, so
/// there the first scalar of `value` goes in now and the rest in the following steps.
pub(crate) fn insert<'d, 'a>(
    view: &View<'d, 'a>,
    key: &[&str],
    value: Json,
    want: &Want,
) -> Step<'d, 'a> {
    let (object, depth) = view.deepest_object(key);
    let key: Vec<String> = key.iter().map(|s| s.to_string()).collect();
    let rest = &key[depth..];
    let flat = uses_flat_names(object)
        || (object.properties.is_empty() && depth == 0 && want.flat_when_empty);
    let (name, value, full) = if rest.len() == 1 && !(flat && is_container(&value)) {
        (rest[0].clone(), value, key.clone())
    } else if flat {
        let (path, leaf) = first_scalar(&value);
        (
            [rest, &path].concat().join(":"),
            leaf,
            [&key[..], &path].concat(),
        )
    } else {
        (rest[0].clone(), nest(&rest[1..], value), key.clone())
    };
    let verb = if is_container(&value) { "added" } else { "set" };
    Step {
        says: format!("{verb} {}", full.join(":")),
        action: Action::Insert(object, name, value),
    }
}

/// `{"a": {"b": value}}` for `["a", "b"]`.
fn nest(path: &[String], value: Json) -> Json {
    path.iter()
        .rev()
        .fold(value, |inner, name| json!({ name.as_str(): inner }))
}

/// The path to the first scalar in `value`, and that scalar.
fn first_scalar(value: &Json) -> (Vec<String>, Json) {
    match value {
        Json::Object(map) => match map.iter().next() {
            Some((name, inner)) => {
                let (path, leaf) = first_scalar(inner);
                ([vec![name.clone()], path].concat(), leaf)
            }
            None => (Vec::new(), Json::Null),
        },
        Json::Array(items) => match items.first() {
            Some(inner) => {
                let (path, leaf) = first_scalar(inner);
                ([vec!["0".to_string()], path].concat(), leaf)
            }
            None => (Vec::new(), Json::Null),
        },
        scalar => (Vec::new(), scalar.clone()),
    }
}

fn is_container(value: &Json) -> bool {
    matches!(value, Json::Object(_) | Json::Array(_))
}

pub(crate) fn not_a_value(view: &View, node: &Node) -> Error {
    Error::bad_file(
        "unexpected settings",
        view.doc.path(),
        format!(
            "{} (line {}) is {}; it should be a string",
            node.key.join(":"),
            view.line(node.value),
            node.value.kind_name()
        ),
        "fix or remove that setting, then run the command again",
    )
}

/// Keys starting with `prefix`, for the msidweb planner.
pub(crate) fn under<'v, 'd, 'a>(
    view: &'v View<'d, 'a>,
    prefix: &'v [&'v str],
) -> impl Iterator<Item = &'v Node<'d, 'a>> + 'v {
    view.nodes
        .iter()
        .filter(move |n| has_prefix(&n.key, prefix))
}
