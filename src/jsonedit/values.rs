//! Reading recorded values: comparing them and converting small ones, without building a
//! serde_json::Value of a whole (possibly 50 MB) document. Recursion is bounded by the
//! parser's nesting limit.

use super::tree::Value;

/// "an object", "a string", ... for messages.
pub fn kind_name(value: &Value) -> &'static str {
    value.kind_name()
}

/// The decoded text of a string value.
pub fn string_value<'v>(value: &'v Value) -> Option<&'v str> {
    value.as_str()
}

/// Equal as data, whatever the layout: same property names in the same order, strings equal
/// after unescaping, numbers equal as written (an edit must not touch them). Values outside
/// the parse's focus are never equal here: compare their bytes instead.
pub fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.properties.len() == y.properties.len()
                && x.properties.iter().zip(&y.properties).all(|(p, q)| {
                    p.name.as_str() == q.name.as_str() && same_value(&p.value, &q.value)
                })
        }
        (Value::Array(x), Value::Array(y)) => {
            x.elements.len() == y.elements.len()
                && x.elements
                    .iter()
                    .zip(&y.elements)
                    .all(|(p, q)| same_value(p, q))
        }
        (Value::String(x), Value::String(y)) => x.value == y.value,
        (Value::Number(x), Value::Number(y)) => x.text == y.text,
        (Value::Bool(x), Value::Bool(y)) => x.value == y.value,
        (Value::Null(_), Value::Null(_)) => true,
        _ => false,
    }
}

/// A small subtree as a serde_json value (property order kept; a repeated key keeps its
/// last value, as serde_json would). Numbers serde_json cannot hold become strings. None when
/// part of it lies outside the parse's focus.
pub fn to_serde(value: &Value) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    Some(match value {
        Value::Object(o) => J::Object(
            o.properties
                .iter()
                .map(|p| Some((p.name.as_str().to_string(), to_serde(&p.value)?)))
                .collect::<Option<_>>()?,
        ),
        Value::Array(a) => J::Array(a.elements.iter().map(to_serde).collect::<Option<_>>()?),
        Value::String(s) => J::String(s.value.to_string()),
        Value::Number(n) => serde_json::from_str(n.text).unwrap_or(J::String(n.text.into())),
        Value::Bool(b) => J::Bool(b.value),
        Value::Null(_) => J::Null,
        Value::Unread(_) => return None,
    })
}
