//! What a parse records: every value's span, decoded strings and property names, and for the
//! containers outside the parse's focus only their span (they are checked, not kept).
//!
//! Offsets are byte offsets into the text after the BOM; `Document::span` turns them into file
//! offsets.

use std::borrow::Cow;
use std::ops::Range;

/// Byte offsets `start..end` into the text after the BOM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// Anything with a place in the text.
pub trait Spanned {
    fn span(&self) -> Span;
}

/// Which kind of container an unread value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Object,
    Array,
}

#[derive(Debug)]
pub enum Value<'a> {
    Object(Object<'a>),
    Array(Array<'a>),
    String(Str<'a>),
    Number(Number<'a>),
    Bool(Bool),
    Null(Span),
    /// An object or array outside the parse's focus: its syntax was checked, its content was
    /// not recorded. Compare such values by their bytes.
    Unread(Unread),
}

#[derive(Debug)]
pub struct Object<'a> {
    pub span: Span,
    pub properties: Vec<Property<'a>>,
}

#[derive(Debug)]
pub struct Property<'a> {
    pub name: Str<'a>,
    pub value: Value<'a>,
}

#[derive(Debug)]
pub struct Array<'a> {
    pub span: Span,
    pub elements: Vec<Value<'a>>,
}

/// A string literal: its span includes the quotes, `value` is the decoded text.
#[derive(Debug)]
pub struct Str<'a> {
    pub span: Span,
    pub value: Cow<'a, str>,
}

/// A number as written: edits never touch numbers, so they are never converted.
#[derive(Debug)]
pub struct Number<'a> {
    pub span: Span,
    pub text: &'a str,
}

#[derive(Debug)]
pub struct Bool {
    pub span: Span,
    pub value: bool,
}

#[derive(Debug)]
pub struct Unread {
    pub span: Span,
    pub container: Container,
}

impl<'a> Value<'a> {
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Array<'a>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The decoded text of a string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(&s.value),
            _ => None,
        }
    }

    /// "an object", "a string", ... for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Object(_)
            | Value::Unread(Unread {
                container: Container::Object,
                ..
            }) => "an object",
            Value::Array(_)
            | Value::Unread(Unread {
                container: Container::Array,
                ..
            }) => "an array",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Null(_) => "null",
        }
    }
}

impl<'a> Object<'a> {
    /// The first property named exactly `name`; see `Document::property` to refuse duplicates.
    pub fn get(&self, name: &str) -> Option<&Property<'a>> {
        self.properties.iter().find(|p| p.name.value == name)
    }
}

impl Str<'_> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl Spanned for Value<'_> {
    fn span(&self) -> Span {
        match self {
            Value::Object(o) => o.span,
            Value::Array(a) => a.span,
            Value::String(s) => s.span,
            Value::Number(n) => n.span,
            Value::Bool(b) => b.span,
            Value::Null(span) => *span,
            Value::Unread(u) => u.span,
        }
    }
}

impl Spanned for Object<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl Spanned for Array<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

impl Spanned for Str<'_> {
    fn span(&self) -> Span {
        self.span
    }
}

/// From the name's opening quote to the end of the value.
impl Spanned for Property<'_> {
    fn span(&self) -> Span {
        Span {
            start: self.name.span.start,
            end: self.value.span().end,
        }
    }
}
