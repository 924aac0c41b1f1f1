//! Reading AST values: comparing them and converting small ones, without building a
//! serde_json::Value of a whole (possibly 50 MB) document. Recursion is bounded by the
//! parser's nesting limit.

use jsonc_parser::ast::Value;

/// "an object", "a string", ... for messages.
pub fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::NullKeyword(_) => "null",
    }
}

/// The decoded text of a string value.
pub fn string_value<'v>(value: &'v Value) -> Option<&'v str> {
    match value {
        Value::StringLit(s) => Some(&s.value),
        _ => None,
    }
}

/// Equal as data, whatever the layout: same property names in the same order, strings equal
/// after unescaping, numbers equal as written (an edit must not touch them).
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
        (Value::StringLit(x), Value::StringLit(y)) => x.value == y.value,
        (Value::NumberLit(x), Value::NumberLit(y)) => x.value == y.value,
        (Value::BooleanLit(x), Value::BooleanLit(y)) => x.value == y.value,
        (Value::NullKeyword(_), Value::NullKeyword(_)) => true,
        _ => false,
    }
}

/// A small subtree as a serde_json value (property order kept; a repeated key keeps its
/// last value, as serde_json would). Numbers serde_json cannot hold become strings.
pub fn to_serde(value: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        Value::Object(o) => J::Object(
            o.properties
                .iter()
                .map(|p| (p.name.as_str().to_string(), to_serde(&p.value)))
                .collect(),
        ),
        Value::Array(a) => J::Array(a.elements.iter().map(to_serde).collect()),
        Value::StringLit(s) => J::String(s.value.to_string()),
        Value::NumberLit(n) => serde_json::from_str(n.value).unwrap_or(J::String(n.value.into())),
        Value::BooleanLit(b) => J::Bool(b.value),
        Value::NullKeyword(_) => J::Null,
    }
}
