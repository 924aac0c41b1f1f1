//! The last check before an edited settings file is handed back, on what .NET will read
//! (the flattened settings), not on the text: every setting the request does not manage is
//! unchanged, and, for Microsoft.Identity.Web, the descriptions other than the client
//! secrets and the certificate's own are the same ones in the same order. (The planner
//! stopping is the proof that the requested settings are there.)

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::msidweb::{descriptions, list_name, target};
use super::plan::{asymmetric_fields, Want, ASYMMETRIC, AZURE_AD, CLIENT_SECRET};
use super::view::{self, Setting, View};
use super::Style;
use crate::error::{Error, Result};

const BUG_HINT: &str = "the file was not changed; this is a bug in certkit, please report it";

/// Folded keys (and key prefixes) the request may change; `true`: and all under it.
type Managed = Vec<(Vec<String>, bool)>;

pub(crate) fn verify(input: &[u8], output: &[u8], path: &Path, want: &Want) -> Result<()> {
    let refuse = |why: String| Error::bad_file("refusing the edit", path, why, BUG_HINT);
    let before_doc = view::parse(input, path)?;
    let before = View::new(&before_doc)?;
    let after_doc = view::parse(output, path)
        .map_err(|e| refuse(format!("the edited text does not parse: {e}")))?;
    let after = View::new(&after_doc).map_err(|e| refuse(e.to_string()))?;
    let managed = managed(&before, want);
    let (old, old_whole) = before.flatten()?;
    let (new, new_whole) = after.flatten().map_err(|e| refuse(e.to_string()))?;
    let kept = |view: &View, key: &[u32], setting: &Setting| {
        let empty_object = *setting == Setting::Value(None);
        !is_managed(view, key, empty_object, &managed)
    };
    let mut old: HashMap<&[u32], Setting> = old
        .into_iter()
        .filter(|(k, v)| kept(&before, k, v))
        .collect();
    let mut to_old = Translate::new(&before, &after);
    for (key, setting) in new.into_iter().filter(|(k, v)| kept(&after, k, v)) {
        let same = to_old
            .key(key)
            .and_then(|k| old.remove(&k[..]))
            .is_some_and(|was| was == setting);
        if !same {
            return Err(refuse(changed(&after, key)));
        }
    }
    if let Some(key) = old.keys().next() {
        return Err(refuse(changed(&before, key)));
    }
    let old_whole: Vec<_> = old_whole
        .into_iter()
        .filter(|(k, v)| kept(&before, k, v))
        .collect();
    let new_whole: Vec<_> = new_whole
        .into_iter()
        .filter(|(k, v)| kept(&after, k, v))
        .collect();
    // Containers outside the AzureAd section (and deep inside it) were not read: the same
    // ones, in the same order, with the same text.
    let differs = old_whole
        .iter()
        .zip(&new_whole)
        .position(|((ok, ov), (nk, nv))| ov != nv || to_old.key(nk).as_deref() != Some(*ok));
    match (differs, old_whole.len().cmp(&new_whole.len())) {
        (Some(at), _) => return Err(refuse(changed(&before, old_whole[at].0))),
        (None, std::cmp::Ordering::Greater) => {
            return Err(refuse(changed(&before, old_whole[new_whole.len()].0)))
        }
        (None, std::cmp::Ordering::Less) => {
            return Err(refuse(changed(&after, new_whole[old_whole.len()].0)))
        }
        (None, std::cmp::Ordering::Equal) => {}
    }
    if want.style == Style::MsIdWeb && !descriptions_kept(&before, &after, want) {
        let why = "the edit changed a credential description it should not touch";
        return Err(refuse(why.into()));
    }
    Ok(())
}

fn changed(view: &View, key: &[u32]) -> String {
    let name: Vec<&str> = key.iter().map(|&id| view.spelling(id)).collect();
    format!(
        "the edit changed {}, which it should not touch",
        name.join(":")
    )
}

/// Maps the segment ids of the edited file to those of the input, each looked up once.
struct Translate<'v, 'd, 'a> {
    before: &'v View<'d, 'a>,
    after: &'v View<'d, 'a>,
    known: Vec<Option<Option<u32>>>,
}

impl<'v, 'd, 'a> Translate<'v, 'd, 'a> {
    fn new(before: &'v View<'d, 'a>, after: &'v View<'d, 'a>) -> Self {
        let known = vec![None; after.segment_count()];
        Translate {
            before,
            after,
            known,
        }
    }

    /// The key in the input's ids; None when the input has no such segment.
    fn key(&mut self, key: &[u32]) -> Option<Vec<u32>> {
        key.iter().map(|&id| self.id(id)).collect()
    }

    fn id(&mut self, id: u32) -> Option<u32> {
        let (before, after) = (self.before, self.after);
        *self.known[id as usize].get_or_insert_with(|| before.id_of_folded(after.segment(id)))
    }
}

fn managed(before: &View, want: &Want) -> Managed {
    let lower = |parts: &[&str]| parts.iter().map(|p| view::fold(p)).collect::<Vec<_>>();
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
fn is_managed(view: &View, key: &[u32], empty_object: bool, managed: &Managed) -> bool {
    managed.iter().any(|(m, subtree)| {
        let common = key.len().min(m.len());
        let prefix = key[..common]
            .iter()
            .zip(m)
            .all(|(&id, part)| view.segment(id) == part);
        prefix
            && (key.len() == m.len()
                || (*subtree && key.len() > m.len())
                || (empty_object && key.len() < m.len()))
    })
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
