//! The next single change a settings file needs, or None when it already says what was asked.
//!
//! Changes are found one at a time on a fresh parse (files are small), so each is a simple
//! edit whose layout rules jsonedit owns, several edits never compete for the same bytes, and
//! "nothing left to do" is both the end of the loop and the proof of idempotence.

use std::collections::HashMap;

use serde_json::{json, Map, Value as Json};

use super::view::{config_value, uses_flat_names, Node, Place, View};
use super::{Source, Style};
use crate::error::{Error, Result};
use crate::jsonedit::{Document, Object, Splice, Value};

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

/// One change, and how to say it (never with a secret value), a line per setting touched.
pub(crate) struct Step<'d, 'a> {
    pub action: Action<'d, 'a>,
    pub says: Vec<String>,
}

pub(crate) enum Action<'d, 'a> {
    Replace(&'d Value<'a>, Json),
    Insert(&'d Object<'a>, String, Json),
    /// Every client secret at once (properties and array elements), however many there are.
    Remove(Vec<Place<'d, 'a>>),
    Append(&'d crate::jsonedit::Array<'a>, Json),
}

impl<'d, 'a> Step<'d, 'a> {
    fn one(action: Action<'d, 'a>, says: String) -> Self {
        Step {
            action,
            says: vec![says],
        }
    }

    /// The text of `doc` after this step.
    pub fn apply(&self, doc: &Document<'a>) -> Result<Vec<u8>> {
        let edit = match &self.action {
            Action::Replace(node, value) => doc.replace(node, value),
            Action::Insert(object, name, value) => doc.push_property(object, name, value)?,
            Action::Append(array, value) => doc.push_element(array, value),
            Action::Remove(places) => return remove(doc, places),
        };
        Ok(edit.apply(doc.bytes()).text)
    }
}

/// Removes every place in one pass: per container one edit (jsonedit joins adjacent items and
/// their commas), then all splices at once. Removals never nest (each is a distinct setting's
/// outermost property or a description's element), so the splices cannot overlap.
fn remove(doc: &Document, places: &[Place]) -> Result<Vec<u8>> {
    let mut objects: HashMap<*const Object, (&Object, Vec<usize>)> = HashMap::new();
    let mut arrays: HashMap<*const crate::jsonedit::Array, (&crate::jsonedit::Array, Vec<usize>)> =
        HashMap::new();
    for place in places {
        match *place {
            Place::Property { object, index } => {
                let entry = objects.entry(object).or_insert((object, Vec::new()));
                entry.1.push(index);
            }
            Place::Element { array, index } => {
                let entry = arrays.entry(array).or_insert((array, Vec::new()));
                entry.1.push(index);
            }
            Place::Root => {}
        }
    }
    let edits = objects
        .values()
        .filter_map(|(object, indices)| doc.remove_properties_at(object, indices))
        .chain(
            arrays
                .values()
                .filter_map(|(array, indices)| doc.remove_elements(array, indices)),
        );
    let mut splices: Vec<Splice> = edits.flat_map(|e| e.splices().to_vec()).collect();
    splices.sort_by_key(|s| (s.range.start, s.range.end));
    if splices
        .windows(2)
        .any(|w| w[0].range.end > w[1].range.start)
    {
        let why = "two removals overlap".to_string();
        return Err(Error::bad_file(
            "refusing the edit",
            doc.path(),
            why,
            super::BUG_HINT,
        ));
    }
    let input = doc.bytes();
    let mut out = Vec::with_capacity(input.len());
    let mut copied = 0;
    for splice in &splices {
        out.extend_from_slice(&input[copied..splice.range.start]);
        out.extend_from_slice(splice.text.as_bytes());
        copied = splice.range.end;
    }
    out.extend_from_slice(&input[copied..]);
    Ok(out)
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
    let mut removals = remove_settings(view, &[AZURE_AD, CLIENT_SECRET]);
    if want.style == Style::MsIdWeb {
        removals.extend(super::msidweb::remove_secrets(view));
    }
    if !removals.is_empty() {
        let (places, says) = removals.into_iter().unzip();
        let action = Action::Remove(places);
        return Ok(Some(Step { action, says }));
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

/// Every property defining `key`, to remove, and what removing it says.
pub(crate) fn remove_settings<'d, 'a>(
    view: &View<'d, 'a>,
    key: &[&str],
) -> Vec<(Place<'d, 'a>, String)> {
    view.find(key)
        .filter(|node| matches!(node.place, Place::Property { .. }))
        .map(|node| (node.place, format!("removed {}", view.name(node))))
        .collect()
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
            let says = format!("set {} (was {have:?})", view.name(node));
            let action = Action::Replace(node.value, json!(value));
            return Ok(Some(Step::one(action, says)));
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
    let says = format!("{verb} {}", full.join(":"));
    Step::one(Action::Insert(object, name, value), says)
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
            view.name(node),
            view.line(node.value),
            node.value.kind_name()
        ),
        "fix or remove that setting, then run the command again",
    )
}
