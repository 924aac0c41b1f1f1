//! The settings certkit edits must have the shape .NET and Microsoft.Identity.Web read, or
//! the planner would write beside them (`"0": {...}` inside an object that should be a list,
//! leaving the client secret there) or trip over them. Checked once, before any change, so a
//! refused file is never touched; each refusal names the key as written and what it is.

use super::msidweb::list_name;
use super::plan::{not_a_value, ASYMMETRIC, AZURE_AD, SOURCE_TYPE};
use super::view::{config_value, Node, View};
use super::Style;
use crate::error::{Error, Result};
use crate::jsonedit::Value;

const WHAT: &str = "unexpected settings";

/// Refuses settings on the way to what `style` edits that have the wrong kind.
pub(crate) fn check(view: &View, style: Style) -> Result<()> {
    for node in view.find(&[AZURE_AD]) {
        object(view, node)?;
    }
    match style {
        Style::Asymmetric => {
            for node in view.find(&[AZURE_AD, ASYMMETRIC]) {
                object(view, node)?;
            }
            Ok(())
        }
        Style::MsIdWeb => list(view, list_name(view)),
    }
}

fn object(view: &View, node: &Node) -> Result<()> {
    if matches!(node.value, Value::Object(_)) {
        return Ok(());
    }
    Err(wrong_kind(view, node, "an object", "an object"))
}

/// `KEY is <kind>, not <expected> (line N)`, and the hint to make it `fix` or remove it.
fn wrong_kind(view: &View, node: &Node, expected: &str, fix: &str) -> Error {
    let key = view.name(node);
    Error::bad_file(
        WHAT,
        view.doc.path(),
        format!(
            "{key} is {}, not {expected} (line {})",
            node.value.kind_name(),
            view.line(node.value)
        ),
        format!(
            "make {key} {fix}, or remove it and run the command again; the file was not changed"
        ),
    )
}

/// `AzureAd:<list>` is a list of descriptions: a JSON array, an object whose names are
/// indexes (the same to .NET), or flat `AzureAd:<list>:N:Name` keys; each description is an
/// object with a scalar SourceType.
fn list(view: &View, list: &str) -> Result<()> {
    let prefix = [AZURE_AD, list];
    for node in view.find(&prefix) {
        let indexed = |o: &crate::jsonedit::Object| {
            o.properties
                .iter()
                .all(|p| p.name.as_str().split(':').next().is_some_and(is_index))
        };
        match node.value {
            Value::Array(_) => {}
            Value::Object(o) if indexed(o) => {}
            other => return Err(not_a_list(view, node, other)),
        }
    }
    for node in view.under(&prefix).filter(|n| n.ids.len() >= 3) {
        // The segment is checked where it is written, not again for everything inside.
        if node.inherited < 3 && !is_index(&view.key(node)[2]) {
            return Err(not_numbered(view, node));
        }
        if node.ids.len() == 3 && !matches!(node.value, Value::Object(_)) {
            return Err(not_a_description(view, node));
        }
        let source_type =
            node.ids.len() == 4 && view.segment(node.ids[3]) == super::view::fold(SOURCE_TYPE);
        if source_type && config_value(node.value).is_none() {
            return Err(not_a_value(view, node));
        }
    }
    Ok(())
}

/// An index segment as configuration keys of a list have them: `0`, `1`, ...
fn is_index(segment: &str) -> bool {
    !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit())
}

fn not_a_list(view: &View, node: &Node, value: &Value) -> Error {
    let parts = view.key(node);
    let key = parts.join(":");
    let name = parts.last().map_or("", |s| s.as_ref());
    let hint = if matches!(value, Value::Object(_)) {
        format!("Microsoft.Identity.Web reads {key} as an array: put the description in square brackets, \"{name}\": [ {{ \"SourceType\": ... }} ], then run the command again; the file was not changed")
    } else {
        format!("make it an array of credential descriptions, \"{name}\": [ {{ \"SourceType\": ... }} ], as Microsoft.Identity.Web reads it, or remove it; then run the command again; the file was not changed")
    };
    Error::bad_file(
        WHAT,
        view.doc.path(),
        format!(
            "{key} is {}, not an array of credential descriptions (line {})",
            value.kind_name(),
            view.line(value)
        ),
        hint,
    )
}

/// A flat key under the list without an index: `AzureAd:ClientCredentials:SourceType`.
fn not_numbered(view: &View, node: &Node) -> Error {
    let key = view.key(node);
    let list = key[..2].join(":");
    let rest = key[2..].join(":");
    Error::bad_file(
        WHAT,
        view.doc.path(),
        format!(
            "{} is not in a numbered credential description (line {}); Microsoft.Identity.Web reads {list} as an array, {list}:0:..., {list}:1:...",
            key.join(":"),
            view.line(node.value)
        ),
        format!("number the description's settings as `dotnet user-secrets` writes an array, \"{list}:0:{rest}\", then run the command again; the file was not changed"),
    )
}

fn not_a_description(view: &View, node: &Node) -> Error {
    wrong_kind(
        view,
        node,
        "a credential description (an object with a SourceType)",
        "an object, { \"SourceType\": ... }",
    )
}
