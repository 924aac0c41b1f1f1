//! The last check before an edited manifest is handed back: the output must parse, keep every
//! other top-level property byte for byte, and hold exactly the expected keyCredentials
//! entries: kept ones byte for byte at their (shifted) place, added ones equal as data.
//!
//! Only one tree is alive at a time, and only the focus is recorded (manifests reach 50 MB):
//! the input's value spans are noted, its tree dropped, then every old value must have the
//! same bytes at the place the edit moved it to in the parsed output. Same text at the span of
//! a parsed value means the same value, so this is as strict as comparing trees.

use std::ops::Range;
use std::path::Path;

use serde_json::Value as Json;

use super::{BUG_HINT, KEY_CREDENTIALS};
use crate::error::{Error, Result};
use crate::jsonedit::{to_serde, Array, Document, Edit, Object, Value};

/// The input's top-level properties and keyCredentials entries, as byte spans of the file.
pub(crate) struct Snapshot {
    props: Vec<(String, Range<usize>)>,
    entries: Vec<Range<usize>>,
}

impl Snapshot {
    pub(crate) fn of(doc: &Document, root: &Object, entries: Option<&Array>) -> Self {
        Snapshot {
            props: root
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), doc.span(&p.value)))
                .collect(),
            entries: entries.map_or_else(Vec::new, |a| {
                a.elements.iter().map(|e| doc.span(e)).collect()
            }),
        }
    }
}

/// One entry the output's keyCredentials must hold, in order.
pub(crate) enum Expected<'e> {
    /// The input's entry at this index, unchanged.
    Kept(usize),
    /// A new entry with exactly this data.
    Added(&'e Json),
}

/// The text and the edit that made it from the input.
pub(crate) struct Outcome<'o> {
    pub input: &'o [u8],
    pub edit: &'o Edit,
    pub output: &'o [u8],
}

pub(crate) fn verify(
    before: &Snapshot,
    outcome: &Outcome,
    expected: &[Expected],
    path: &Path,
) -> Result<()> {
    let refuse = |why: String| Error::bad_file("refusing the edit", path, why, BUG_HINT);
    let after = Document::parse_focused(outcome.output, path, super::OUTPUT_FOCUS)
        .map_err(|e| refuse(format!("the edited text does not parse: {e}")))?;
    let Some(root) = after.root().as_object() else {
        return Err(refuse("the edited top-level value is not an object".into()));
    };
    let created = !before.props.iter().any(|(name, _)| name == KEY_CREDENTIALS);
    if root.properties.len() != before.props.len() + usize::from(created) {
        return Err(refuse("the edit added or lost a property".into()));
    }
    let holds = |value: &Value| holds(&after, value, before, expected, outcome);
    for (index, prop) in root.properties.iter().enumerate() {
        let name = prop.name.as_str();
        let kept = match before.props.get(index) {
            None => name == KEY_CREDENTIALS && holds(&prop.value),
            Some((was, _)) if was != name => false,
            Some(_) if name == KEY_CREDENTIALS => holds(&prop.value),
            Some((_, span)) => unmoved(outcome, span, after.span(&prop.value)),
        };
        if !kept {
            return Err(refuse(format!("the edit changed {name:?} unexpectedly")));
        }
    }
    Ok(())
}

/// `array` holds exactly the expected entries.
fn holds(
    after: &Document,
    array: &Value,
    before: &Snapshot,
    expected: &[Expected],
    outcome: &Outcome,
) -> bool {
    let Some(array) = array.as_array() else {
        return false;
    };
    array.elements.len() == expected.len()
        && expected
            .iter()
            .zip(&array.elements)
            .all(|(want, got)| match want {
                Expected::Kept(i) => before
                    .entries
                    .get(*i)
                    .is_some_and(|old| unmoved(outcome, old, after.span(got))),
                Expected::Added(entry) => to_serde(got).as_ref() == Some(*entry),
            })
}

/// The input span `old` was left alone by the edit and is found, same bytes, at `new`.
fn unmoved(outcome: &Outcome, old: &Range<usize>, new: Range<usize>) -> bool {
    outcome.edit.moved(old.clone()).as_ref() == Some(&new)
        && outcome.input.get(old.clone()).is_some()
        && outcome.input.get(old.clone()) == outcome.output.get(new)
}
