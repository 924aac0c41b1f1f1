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

/// How a one-line object separates things: `"a": 1, "b": 2` or `"a":1,"b":2`, and whether
/// it pads its braces, `{ "a": 1 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inline<'s> {
    pub colon: &'s str,
    pub comma: &'s str,
    pub pad: &'s str,
}

impl Inline<'_> {
    pub const COMPACT: Inline<'static> = Inline {
        colon: ":",
        comma: ",",
        pad: "",
    };
}

/// `value` on one line with the separators of the text around it.
pub(crate) fn inline(value: &Value, style: Inline<'_>) -> String {
    if style == Inline::COMPACT {
        return compact(value);
    }
    let mut out = Vec::new();
    let formatter = InlineFormatter {
        style,
        open: Vec::new(),
    };
    value
        .serialize(&mut Serializer::with_formatter(&mut out, formatter))
        .expect("a JSON value always serializes");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

struct InlineFormatter<'s> {
    style: Inline<'s>,
    /// Per open object: whether it has a key yet (an empty one gets no padding).
    open: Vec<bool>,
}

impl serde_json::ser::Formatter for InlineFormatter<'_> {
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open.push(false);
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.open.pop() == Some(true) {
            w.write_all(self.style.pad.as_bytes())?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if let Some(has_key) = self.open.last_mut() {
            *has_key = true;
        }
        let text = if first {
            self.style.pad
        } else {
            self.style.comma
        };
        w.write_all(text.as_bytes())
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(self.style.colon.as_bytes())
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            w.write_all(self.style.comma.as_bytes())
        }
    }
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
    fn inline_copies_the_separators() {
        let spaced = Inline {
            colon: ": ",
            comma: ", ",
            pad: " ",
        };
        let value = json!({"a": [1, {}], "b": {"c": "d"}});
        assert_eq!(
            inline(&value, spaced),
            r#"{ "a": [1, {}], "b": { "c": "d" } }"#
        );
        assert_eq!(
            inline(&value, Inline::COMPACT),
            r#"{"a":[1,{}],"b":{"c":"d"}}"#
        );
    }

    #[test]
    fn compact_and_key() {
        assert_eq!(compact(&json!({"a": [1, 2]})), r#"{"a":[1,2]}"#);
        assert_eq!(key("we\"ird"), r#""we\"ird""#);
    }
}
