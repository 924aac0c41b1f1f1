//! The parser: JSON with `//` and `/* */` comments and trailing commas (what .NET's
//! configuration reader and JsonDocument with `CommentHandling.Skip` accept), nothing looser.
//!
//! It never recurses (an explicit stack of open containers), so hostile nesting cannot
//! overflow the call stack, and it records a tree only inside the caller's [`Focus`]: a 50 MB
//! manifest is checked end to end, but only its top-level properties and its keyCredentials
//! are kept, so memory stays near the size of the text rather than several times it.

use super::tree::{Array, Bool, Container, Number, Object, Property, Span, Str, Unread, Value};
use super::MAX_DEPTH;

/// Which parts of a document are recorded as a tree.
#[derive(Debug, Clone, Copy)]
pub enum Focus<'f> {
    /// Everything: small files such as app settings.
    All,
    /// The root's properties, and the whole values at these paths of object keys (the objects
    /// on the way record their properties; other containers there are `Value::Unread`).
    Paths(&'f [&'f [&'f str]]),
    /// Like `Paths`, within `Limits`: what a caller reading untrusted, possibly huge files
    /// uses, so that the recorded tree stays small whatever the file holds.
    Limited(&'f [&'f [&'f str]], Limits),
    /// The root's properties, and the whole values of those whose name the function accepts
    /// (for keys matched as a reader matches them, e.g. ignoring case).
    RootWhere(fn(&str) -> bool),
}

/// Bounds on what a [`Focus::Limited`] parse records. Each recorded value costs about a
/// hundred bytes, against as little as two bytes of text (`0,`), so without bounds a few
/// megabytes of text make gigabytes of tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Levels of containers recorded from a focused path down, the focused value included;
    /// deeper containers are `Value::Unread`.
    pub levels: usize,
    /// Most members (elements or properties) one recorded container may have.
    pub members: usize,
    /// Most values recorded in the whole document.
    pub values: usize,
    /// The hint of the error a file over the limits gets.
    pub hint: &'static str,
}

/// JSON extensions the text uses, as offsets into the text: the first of each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extensions {
    pub comment: Option<usize>,
    pub trailing_comma: Option<usize>,
}

/// Why the text is not JSON, and where (an offset into the text).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    pub at: usize,
    pub what: String,
    pub kind: FailureKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FailureKind {
    /// Not JSON (with comments and trailing commas).
    Syntax,
    /// Nested deeper than `MAX_DEPTH`.
    TooDeep,
    /// Over one of the focus's `Limits`.
    TooLarge,
}

/// How the children of an open container are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Every child recorded; child containers record `levels - 1` more levels.
    Full { levels: usize },
    /// An object on the way to focused paths: `live` has a bit per path still matching after
    /// `depth` keys.
    Partial { live: u64, depth: usize },
    /// Checked only.
    Skip,
}

struct Frame<'a> {
    start: usize,
    mode: Mode,
    /// Object: the properties, and the name read for the value being parsed.
    properties: Vec<Property<'a>>,
    key: Option<Str<'a>>,
    elements: Vec<Value<'a>>,
    container: Container,
}

const UNLIMITED: Limits = Limits {
    levels: usize::MAX,
    members: usize::MAX,
    values: usize::MAX,
    hint: "",
};

/// The root value (None for a text of only trivia).
#[cfg(test)]
pub(crate) fn parse<'a>(text: &'a str, focus: Focus<'_>) -> Result<Option<Value<'a>>, Failure> {
    parse_document(text, focus).map(|(root, _)| root)
}

/// The root value and the extensions the text uses.
pub(crate) fn parse_document<'a>(
    text: &'a str,
    focus: Focus<'_>,
) -> Result<(Option<Value<'a>>, Extensions), Failure> {
    let (paths, limits, root_where) = match focus {
        Focus::All => (None, UNLIMITED, None),
        Focus::Paths(paths) => (Some(paths), UNLIMITED, None),
        Focus::Limited(paths, limits) => (Some(paths), limits, None),
        Focus::RootWhere(keep) => (None, UNLIMITED, Some(keep)),
    };
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        paths,
        root_where,
        limits,
        recorded: 0,
        extensions: Extensions::default(),
        stack: Vec::new(),
    };
    parser.trivia()?;
    if parser.pos == parser.bytes.len() {
        return Ok((None, parser.extensions));
    }
    let root_mode = match (paths, root_where) {
        (None, None) => Mode::Full { levels: usize::MAX },
        (None, Some(_)) => Mode::Partial { live: 0, depth: 0 },
        (Some(paths), _) => {
            assert!(paths.len() <= 64, "at most 64 focused paths");
            Mode::Partial {
                live: u64::MAX >> (64 - paths.len().max(1)),
                depth: 0,
            }
        }
    };
    let root = parser.document(root_mode)?;
    parser.trivia()?;
    if parser.pos < parser.bytes.len() {
        return Err(parser.fail("unexpected text after the JSON value"));
    }
    Ok((Some(root), parser.extensions))
}

pub(super) struct Parser<'a, 'f> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
    /// None: record everything.
    paths: Option<&'f [&'f [&'f str]]>,
    /// `Focus::RootWhere`: which root properties are recorded whole.
    root_where: Option<fn(&str) -> bool>,
    limits: Limits,
    /// Values recorded so far, against `limits.values`.
    recorded: usize,
    pub(super) extensions: Extensions,
    stack: Vec<Frame<'a>>,
}

impl<'a> Parser<'a, '_> {
    /// The value at `pos` (trivia already skipped) and everything nested in it.
    fn document(&mut self, root_mode: Mode) -> Result<Value<'a>, Failure> {
        let (mut record, mut mode) = (true, root_mode);
        loop {
            let mut done = match self.bytes.get(self.pos) {
                Some(&open @ (b'{' | b'[')) => match self.open(open, mode)? {
                    Some(empty) => empty,
                    None => {
                        (record, mode) = self.next_slot()?;
                        continue;
                    }
                },
                _ => self.scalar(record)?,
            };
            // Hand the finished value to its container; close every container that ends here.
            loop {
                self.admit()?;
                let Some(frame) = self.stack.last_mut() else {
                    return Ok(done);
                };
                frame.attach(done);
                let (value_end, close) = (self.pos, frame.close_byte());
                self.trivia()?;
                match self.bytes.get(self.pos) {
                    Some(b',') => {
                        let comma = self.pos;
                        self.pos += 1;
                        self.trivia()?;
                        if self.bytes.get(self.pos) != Some(&close) {
                            (record, mode) = self.next_slot()?;
                            break;
                        }
                        self.extensions.trailing_comma.get_or_insert(comma);
                        self.pos += 1;
                        done = self.close();
                    }
                    Some(&c) if c == close => {
                        self.pos += 1;
                        done = self.close();
                    }
                    Some(b'}' | b']') => {
                        return Err(self.unclosed(&format!("expected comma or '{}'", close as char)))
                    }
                    None => return Err(self.unclosed("unexpected end of file")),
                    Some(_) => return Err(self.fail_at(value_end, "expected comma")),
                }
            }
        }
    }

    /// Opens a container; returns it when it is empty (already closed).
    fn open(&mut self, open: u8, mode: Mode) -> Result<Option<Value<'a>>, Failure> {
        if self.stack.len() >= MAX_DEPTH {
            let what =
                format!("values nested too deeply (over {MAX_DEPTH} levels of arrays and objects)");
            return Err(Failure {
                kind: FailureKind::TooDeep,
                ..self.fail(&what)
            });
        }
        let container = if open == b'{' {
            Container::Object
        } else {
            Container::Array
        };
        self.stack.push(Frame {
            start: self.pos,
            mode,
            properties: Vec::new(),
            key: None,
            elements: Vec::new(),
            container,
        });
        self.pos += 1;
        self.trivia()?;
        let close = if open == b'{' { b'}' } else { b']' };
        if self.bytes.get(self.pos) == Some(&close) {
            self.pos += 1;
            return Ok(Some(self.close()));
        }
        Ok(None)
    }

    /// What the next value in the innermost container is recorded as: (whether the container
    /// keeps it, the mode of its own children). Reads the property name first in an object.
    fn next_slot(&mut self) -> Result<(bool, Mode), Failure> {
        let frame = self.stack.last().expect("inside a container");
        let (mode, container) = (frame.mode, frame.container);
        let record = mode != Mode::Skip;
        if container == Container::Array {
            let child = match mode {
                Mode::Full { levels } => Self::below(levels),
                _ => Mode::Skip,
            };
            return Ok((record, child));
        }
        let name = self.key(record)?;
        let child = match (mode, &name) {
            (Mode::Partial { live, depth }, Some(name)) => self.narrow(live, depth, &name.value),
            (Mode::Full { levels }, _) => Self::below(levels),
            _ => mode,
        };
        self.stack.last_mut().expect("inside a container").key = name;
        Ok((record, child))
    }

    /// The mode of a container inside a `Full { levels }` one.
    fn below(levels: usize) -> Mode {
        match levels {
            0 | 1 => Mode::Skip,
            n => Mode::Full { levels: n - 1 },
        }
    }

    /// The mode for the value of property `name` inside a Partial object.
    fn narrow(&self, live: u64, depth: usize, name: &str) -> Mode {
        let whole_value = Mode::Full {
            levels: self.limits.levels,
        };
        if let Some(keep) = self.root_where {
            return if keep(name) { whole_value } else { Mode::Skip };
        }
        let Some(paths) = self.paths else {
            return whole_value;
        };
        let (mut next, mut whole) = (0u64, false);
        for (i, path) in paths.iter().enumerate() {
            if live & (1 << i) != 0 && path.get(depth) == Some(&name) {
                next |= 1 << i;
                whole |= path.len() == depth + 1;
            }
        }
        match (whole, next) {
            (true, _) => whole_value,
            (false, 0) => Mode::Skip,
            (false, live) => Mode::Partial {
                live,
                depth: depth + 1,
            },
        }
    }

    /// Counts a value the innermost container is about to record, against the limits.
    fn admit(&mut self) -> Result<(), Failure> {
        let Some(frame) = self.stack.last().filter(|f| f.mode != Mode::Skip) else {
            return Ok(());
        };
        self.recorded += 1;
        let members = frame.properties.len() + frame.elements.len();
        if members < self.limits.members && self.recorded <= self.limits.values {
            return Ok(());
        }
        let (line, column) = super::line_column(&self.bytes[..frame.start]);
        let (kind, noun) = match frame.container {
            Container::Object => ("object", "properties"),
            Container::Array => ("array", "elements"),
        };
        let parent_key = self.stack.iter().rev().nth(1).and_then(|p| p.key.as_ref());
        let name = parent_key.map_or(String::new(), |k| format!("{:?} ", k.value));
        let what = if members >= self.limits.members {
            let most = self.limits.members;
            format!("the {kind} {name}at line {line}, column {column} has more than {most} {noun}")
        } else {
            let most = self.limits.values;
            format!("over {most} values to read, the last in the {kind} {name}at line {line}, column {column}")
        };
        Err(Failure {
            at: frame.start,
            what,
            kind: FailureKind::TooLarge,
        })
    }

    /// A property name and its colon, and the trivia after it.
    fn key(&mut self, record: bool) -> Result<Option<Str<'a>>, Failure> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(self.fail("expected a property name in double quotes"));
        }
        let (span, escaped) = self.string()?;
        self.trivia()?;
        if self.bytes.get(self.pos) != Some(&b':') {
            return Err(self.fail("expected a colon after the property name"));
        }
        self.pos += 1;
        self.trivia()?;
        Ok(record.then(|| self.str_node(span, escaped)))
    }

    fn close(&mut self) -> Value<'a> {
        let mut frame = self.stack.pop().expect("inside a container");
        let span = Span {
            start: frame.start,
            end: self.pos,
        };
        // Growth leaves up to half of a Vec unused; thousands of small objects add that up.
        frame.properties.shrink_to_fit();
        frame.elements.shrink_to_fit();
        match (frame.mode, frame.container) {
            (Mode::Skip, container) => Value::Unread(Unread { span, container }),
            (_, Container::Object) => Value::Object(Object {
                span,
                properties: frame.properties,
            }),
            (_, Container::Array) => Value::Array(Array {
                span,
                elements: frame.elements,
            }),
        }
    }

    /// A string, number, true, false or null. Not recorded ones are checked, not decoded.
    fn scalar(&mut self, record: bool) -> Result<Value<'a>, Failure> {
        let start = self.pos;
        let span = |end| Span { start, end };
        match self.bytes.get(start) {
            Some(b'"') => {
                let (span, escaped) = self.string()?;
                if !record {
                    return Ok(Value::Null(span));
                }
                Ok(Value::String(self.str_node(span, escaped)))
            }
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                let text = &self.text[start..self.pos];
                Ok(Value::Number(Number {
                    span: span(self.pos),
                    text,
                }))
            }
            _ => {
                for (word, value) in [("true", Some(true)), ("false", Some(false)), ("null", None)]
                {
                    if self.bytes[start..].starts_with(word.as_bytes())
                        && !self.word_char(start + word.len())
                    {
                        self.pos += word.len();
                        let span = span(self.pos);
                        return Ok(value
                            .map_or(Value::Null(span), |value| Value::Bool(Bool { span, value })));
                    }
                }
                Err(self.fail(&format!("expected a value, found {}", self.found())))
            }
        }
    }

    /// What is at `pos`, for messages.
    fn found(&self) -> String {
        match self.text[self.pos..].chars().next() {
            None => "the end of the file".into(),
            Some(c) => format!("{c:?}"),
        }
    }

    /// The innermost container is not closed where it should be.
    fn unclosed(&self, what: &str) -> Failure {
        let frame = self.stack.last().expect("inside a container");
        let (line, column) = super::line_column(&self.bytes[..frame.start]);
        let kind = match frame.container {
            Container::Object => "object",
            Container::Array => "array",
        };
        self.fail(&format!(
            "{what} (the {kind} opened at line {line}, column {column} is not closed)"
        ))
    }

    pub(super) fn fail(&self, what: &str) -> Failure {
        self.fail_at(self.pos, what)
    }

    pub(super) fn fail_at(&self, at: usize, what: &str) -> Failure {
        Failure {
            at,
            what: what.to_string(),
            kind: FailureKind::Syntax,
        }
    }
}

impl<'a> Frame<'a> {
    fn close_byte(&self) -> u8 {
        match self.container {
            Container::Object => b'}',
            Container::Array => b']',
        }
    }

    fn attach(&mut self, value: Value<'a>) {
        if self.mode == Mode::Skip {
            return;
        }
        match self.container {
            Container::Object => {
                let name = self.key.take().expect("a name was read before the value");
                self.properties.push(Property { name, value });
            }
            Container::Array => self.elements.push(value),
        }
    }
}
