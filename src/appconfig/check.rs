//! The last check before an edited settings file is handed back, on what .NET will read
//! (the flattened settings), not on the text: every setting the request does not manage is
//! unchanged, and, for Microsoft.Identity.Web, the descriptions other than the client
//! secrets and the certificate's own are the same ones in the same order. (The planner
//! stopping is the proof that the requested settings are there.)

use std::collections::BTreeMap;
use std::path::Path;

use super::msidweb::{descriptions, list_name, target};
use super::plan::{asymmetric_fields, Want, ASYMMETRIC, AZURE_AD, CLIENT_SECRET};
use super::view::View;
use super::Style;
use crate::error::{Error, Result};
use crate::jsonedit::Document;

const BUG_HINT: &str = "the file was not changed; this is a bug in certkit, please report it";

type Settings = BTreeMap<String, Option<String>>;

pub(crate) fn verify(input: &[u8], output: &[u8], path: &Path, want: &Want) -> Result<()> {
    let refuse = |why: String| Error::bad_file("refusing the edit", path, why, BUG_HINT);
    let before_doc = Document::parse(input, path)?;
    let before = View::new(&before_doc)?;
    let after_doc = Document::parse(output, path)
        .map_err(|e| refuse(format!("the edited text does not parse: {e}")))?;
    let after = View::new(&after_doc).map_err(|e| refuse(e.to_string()))?;
    let managed = managed(&before, want);
    let (old, new) = (
        before.flatten()?,
        after.flatten().map_err(|e| refuse(e.to_string()))?,
    );
    let kept = |settings: &Settings| -> Settings {
        settings
            .iter()
            .filter(|(key, value)| !is_managed(key, value.is_none(), &managed))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    if let Some(key) = first_difference(&kept(&old), &kept(&new)) {
        return Err(refuse(format!(
            "the edit changed {key}, which it should not touch"
        )));
    }
    if want.style == Style::MsIdWeb && !descriptions_kept(&before, &after, want) {
        let why = "the edit changed a credential description it should not touch";
        return Err(refuse(why.into()));
    }
    Ok(())
}

/// Lower-cased keys (and key prefixes) the request may change.
fn managed(before: &View, want: &Want) -> Vec<(String, bool)> {
    let lower = |parts: &[&str]| parts.join(":").to_lowercase();
    let mut keys = vec![(lower(&[AZURE_AD, CLIENT_SECRET]), false)];
    match want.style {
        Style::Asymmetric => keys.extend(
            asymmetric_fields(want)
                .iter()
                .map(|(name, ..)| (lower(&[AZURE_AD, ASYMMETRIC, name]), false)),
        ),
        Style::MsIdWeb => keys.push((lower(&[AZURE_AD, list_name(before)]), true)),
    }
    keys
}

/// `key` is managed (`true` in the list means "and everything under it"); an empty object
/// on the way to a managed key may appear or go too.
fn is_managed(key: &str, empty_object: bool, managed: &[(String, bool)]) -> bool {
    managed.iter().any(|(m, subtree)| {
        key == m
            || (*subtree && key.starts_with(&format!("{m}:")))
            || (empty_object && m.starts_with(&format!("{key}:")))
    })
}

fn first_difference(a: &Settings, b: &Settings) -> Option<String> {
    let keys = a.keys().chain(b.keys());
    keys.into_iter().find(|k| a.get(*k) != b.get(*k)).cloned()
}

/// After = before without secrets, with the certificate's description updated in place or
/// added once.
fn descriptions_kept(before: &View, after: &View, want: &Want) -> bool {
    let list = list_name(before);
    let (source_type, fields) = target(want);
    let fields_of = |view: &View| -> Vec<BTreeMap<String, String>> {
        descriptions(view, list)
            .iter()
            .filter(|d| !d.is_source("ClientSecret"))
            .map(|d| {
                d.fields
                    .iter()
                    .map(|(n, v)| (n.to_lowercase(), v.clone()))
                    .collect()
            })
            .collect()
    };
    let (old, new) = (fields_of(before), fields_of(after));
    let same_source = |d: &BTreeMap<String, String>| {
        d.get("sourcetype")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case(source_type))
    };
    let is_target = |d: &BTreeMap<String, String>| {
        same_source(d)
            && fields.iter().all(|&(name, value, how)| {
                d.get(&name.to_lowercase())
                    .is_some_and(|have| how.equal(have, value))
            })
    };
    let Some(at) = new.iter().position(is_target) else {
        return false;
    };
    let without = |list: &[BTreeMap<String, String>], i: usize| {
        let mut list = list.to_vec();
        list.remove(i);
        list
    };
    let rest = without(&new, at);
    match new.len().checked_sub(old.len()) {
        Some(1) => rest == old,
        // Updated in place: only a description of the same source is ever repointed.
        Some(0) => same_source(&old[at]) && rest == without(&old, at),
        _ => false,
    }
}
