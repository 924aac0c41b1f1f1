//! The last check before a patched manifest is handed back: the output must parse and be the
//! input plus one keyCredentials entry, nothing else.
//!
//! Only one AST is alive at a time (an AST is a few times the size of its text, and manifests
//! reach 50 MB): the input's value spans are recorded, its AST dropped, and then every old
//! value must have the same bytes at the same (shifted) place in the parsed output. Same text
//! at the span of a parsed value means the same value, so this is as strict as comparing trees.

use std::ops::Range;
use std::path::Path;

use serde_json::Value as Json;

use super::{BUG_HINT, KEY_CREDENTIALS};
use crate::error::{Error, Result};
use crate::jsonedit::{to_serde, Applied, Array, Document, Object, Value};

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

pub(crate) fn verify(
    before: &Snapshot,
    input: &[u8],
    applied: &Applied,
    entry: &Json,
    path: &Path,
) -> Result<()> {
    let refuse = |why: String| Error::bad_file("refusing the edit", path, why, BUG_HINT);
    let after = super::parse(&applied.text, path)
        .map_err(|e| refuse(format!("the edited text does not parse: {e}")))?;
    let Some(root) = after.root().as_object() else {
        return Err(refuse("the edited top-level value is not an object".into()));
    };
    let created = !before.props.iter().any(|(name, _)| name == KEY_CREDENTIALS);
    if root.properties.len() != before.props.len() + usize::from(created) {
        return Err(refuse("the edit added or lost a property".into()));
    }
    let places = Places::new(input, applied);
    for (index, prop) in root.properties.iter().enumerate() {
        let name = prop.name.as_str();
        let kept = match before.props.get(index) {
            None => name == KEY_CREDENTIALS && appended(&after, &[], &prop.value, entry, &places),
            Some((was, _)) if was != name => false,
            Some(_) if name == KEY_CREDENTIALS => {
                appended(&after, &before.entries, &prop.value, entry, &places)
            }
            Some((_, span)) => places.same(span, after.span(&prop.value)),
        };
        if !kept {
            return Err(refuse(format!("the edit changed {name:?} unexpectedly")));
        }
    }
    Ok(())
}

/// `array` holds the old entries, unmoved and unchanged, then exactly `entry`.
fn appended(
    after: &Document,
    old: &[Range<usize>],
    array: &Value,
    entry: &Json,
    places: &Places,
) -> bool {
    let Some(array) = array.as_array() else {
        return false;
    };
    array.elements.len() == old.len() + 1
        && old
            .iter()
            .zip(&array.elements)
            .all(|(was, now)| places.same(was, after.span(now)))
        && array
            .elements
            .last()
            .is_some_and(|last| to_serde(last).as_ref() == Some(entry))
}

/// Where input bytes went in the output: `output = input[..start] + window + input[start +
/// removed..]`.
struct Places<'b> {
    input: &'b [u8],
    output: &'b [u8],
    window: Range<usize>,
    removed: usize,
}

impl<'b> Places<'b> {
    fn new(input: &'b [u8], applied: &'b Applied) -> Self {
        let window = applied.changed.clone();
        let removed = (input.len() + window.len()).saturating_sub(applied.text.len());
        Places {
            input,
            output: &applied.text,
            window,
            removed,
        }
    }

    /// The input span `old` is found, with the same bytes, at `new` in the output.
    fn same(&self, old: &Range<usize>, new: Range<usize>) -> bool {
        let start = self.window.start;
        let moved = if old.end <= start {
            old.clone()
        } else if old.start >= start + self.removed {
            let shift = |at: usize| at - self.removed + self.window.len();
            shift(old.start)..shift(old.end)
        } else {
            return false;
        };
        moved == new
            && self.input.get(old.clone()).is_some()
            && self.input.get(old.clone()) == self.output.get(new)
    }
}
