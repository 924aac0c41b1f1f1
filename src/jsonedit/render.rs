//! Writing a new value in the style of the file it goes into.

use serde::Serialize;
use serde_json::ser::{PrettyFormatter, Serializer};
use serde_json::Value;

/// How new text must look to blend in where it is inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Style<'s> {
    /// Indentation of the line the value starts on.
    pub base: &'s str,
    /// One level of indentation inside the value.
    pub unit: &'s str,
    /// The indentation of the value's own members, when it is not `base` + `unit`: a file
    /// that indents with a tab and then spaces is copied exactly, not rebuilt from steps.
    pub child: Option<&'s str>,
    pub newline: &'static str,
}

/// `value` spread over lines: its members indented by `child` (or `base` + `unit`), deeper
/// levels by `unit` more each, its closing bracket by `base`. The first line is not indented
/// (the caller places it); later lines are.
pub(crate) fn pretty(value: &Value, style: &Style<'_>) -> String {
    let unit = if style.unit.is_empty() {
        "  "
    } else {
        style.unit
    };
    let mut out = Vec::new();
    let formatter = PrettyFormatter::with_indent(unit.as_bytes());
    value
        .serialize(&mut Serializer::with_formatter(&mut out, formatter))
        .expect("a JSON value always serializes");
    let text = String::from_utf8(out).expect("serde_json writes UTF-8");
    // serde_json escapes control characters inside strings, so every raw '\n' is a line break,
    // and a line's text after its indentation never starts with a space or a tab.
    let mut lines = text.split('\n');
    let mut result = lines.next().unwrap_or_default().to_string();
    for line in lines {
        let mut rest = line;
        let mut depth = 0;
        while let Some(inner) = rest.strip_prefix(unit) {
            (rest, depth) = (inner, depth + 1);
        }
        result.push_str(style.newline);
        match (depth, style.child) {
            (0, _) => result.push_str(style.base),
            (_, Some(child)) => result.push_str(child),
            (_, None) => {
                result.push_str(style.base);
                result.push_str(unit);
            }
        }
        for _ in 1..depth {
            result.push_str(unit);
        }
        result.push_str(rest);
    }
    result
}

/// `value` on one line, for minified files and one-line arrays like `[ "a", "b" ]`.
pub(crate) fn compact(value: &Value) -> String {
    serde_json::to_string(value).expect("a JSON value always serializes")
}

/// A property name as a JSON string literal.
pub(crate) fn key(name: &str) -> String {
    compact(&Value::String(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pretty_uses_unit_base_and_newline() {
        let style = Style {
            base: "\t",
            unit: "\t",
            child: None,
            newline: "\r\n",
        };
        let text = pretty(&json!({"a": [1], "b": "x\ny"}), &style);
        assert_eq!(
            text,
            "{\r\n\t\t\"a\": [\r\n\t\t\t1\r\n\t\t],\r\n\t\t\"b\": \"x\\ny\"\r\n\t}"
        );
    }

    #[test]
    fn members_take_the_given_indentation_exactly() {
        let style = Style {
            base: "\t  ",
            unit: "  ",
            child: Some("\t\t"),
            newline: "\n",
        };
        let text = pretty(&json!({"a": [1], "b": "  x"}), &style);
        assert_eq!(
            text,
            "{\n\t\t\"a\": [\n\t\t  1\n\t\t],\n\t\t\"b\": \"  x\"\n\t  }"
        );
    }

    #[test]
    fn compact_and_key() {
        assert_eq!(compact(&json!({"a": [1, 2]})), r#"{"a":[1,2]}"#);
        assert_eq!(key("we\"ird"), r#""we\"ird""#);
    }
}
