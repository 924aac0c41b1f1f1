//! The parser: JSON with `//` and `/* */` comments and trailing commas (what .NET's
//! configuration reader and JsonDocument with `CommentHandling.Skip` accept), nothing looser.
//!
//! It never recurses (an explicit stack of open containers), so hostile nesting cannot
//! overflow the call stack, and it records a tree only inside the caller's [`Focus`]: a 50 MB
//! manifest is checked end to end, but only its top-level properties and its keyCredentials
//! are kept, so memory stays near the size of the text rather than several times it.

use std::borrow::Cow;

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
    /// The root's properties, and the whole values of those whose name the function accepts
    /// (for keys matched as a reader matches them, e.g. ignoring case).
    RootWhere(fn(&str) -> bool),
}

/// Why the text is not JSON, and where (an offset into the text).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Failure {
    pub at: usize,
    pub what: String,
    pub too_deep: bool,
}

/// How the children of an open container are recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Full,
    /// An object on the way to focused paths: `live` has a bit per path still matching after
    /// `depth` keys.
    Partial {
        live: u64,
        depth: usize,
    },
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

pub(crate) fn parse<'a>(text: &'a str, focus: Focus<'_>) -> Result<Option<Value<'a>>, Failure> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        focus,
        stack: Vec::new(),
    };
    parser.trivia()?;
    if parser.pos == parser.bytes.len() {
        return Ok(None);
    }
    let root_mode = match focus {
        Focus::All => Mode::Full,
        Focus::RootWhere(_) => Mode::Partial { live: 0, depth: 0 },
        Focus::Paths(paths) => {
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
    Ok(Some(root))
}

struct Parser<'a, 'f> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    focus: Focus<'f>,
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
                let Some(frame) = self.stack.last_mut() else {
                    return Ok(done);
                };
                frame.attach(done);
                let (value_end, close) = (self.pos, frame.close_byte());
                self.trivia()?;
                match self.bytes.get(self.pos) {
                    Some(b',') => {
                        self.pos += 1;
                        self.trivia()?;
                        if self.bytes.get(self.pos) != Some(&close) {
                            (record, mode) = self.next_slot()?;
                            break;
                        }
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
                too_deep: true,
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
            let child = if mode == Mode::Full {
                Mode::Full
            } else {
                Mode::Skip
            };
            return Ok((record, child));
        }
        let name = self.key(record)?;
        let child = match (mode, &name) {
            (Mode::Partial { live, depth }, Some(name)) => self.narrow(live, depth, &name.value),
            _ => mode,
        };
        self.stack.last_mut().expect("inside a container").key = name;
        Ok((record, child))
    }

    /// The mode for the value of property `name` inside a Partial object.
    fn narrow(&self, live: u64, depth: usize, name: &str) -> Mode {
        let paths = match self.focus {
            Focus::All => return Mode::Full,
            Focus::RootWhere(keep) if keep(name) => return Mode::Full,
            Focus::RootWhere(_) => return Mode::Skip,
            Focus::Paths(paths) => paths,
        };
        let (mut next, mut whole) = (0u64, false);
        for (i, path) in paths.iter().enumerate() {
            if live & (1 << i) != 0 && path.get(depth) == Some(&name) {
                next |= 1 << i;
                whole |= path.len() == depth + 1;
            }
        }
        match (whole, next) {
            (true, _) => Mode::Full,
            (false, 0) => Mode::Skip,
            (false, live) => Mode::Partial {
                live,
                depth: depth + 1,
            },
        }
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
        let frame = self.stack.pop().expect("inside a container");
        let span = Span {
            start: frame.start,
            end: self.pos,
        };
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

    /// `"..."`: returns its span and whether it holds escapes.
    fn string(&mut self) -> Result<(Span, bool), Failure> {
        let start = self.pos;
        self.pos += 1;
        let mut escaped = false;
        loop {
            let rest = &self.bytes[self.pos..];
            let Some(i) = rest
                .iter()
                .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
            else {
                return Err(self.fail_at(start, "unterminated string (it starts here)"));
            };
            self.pos += i;
            match self.bytes[self.pos] {
                b'"' => {
                    self.pos += 1;
                    return Ok((Span { start, end: self.pos }, escaped));
                }
                b'\\' => {
                    escaped = true;
                    self.escape()?;
                }
                _ => return Err(self.fail("control character inside a string (a line break or tab must be written \\n or \\t)")),
            }
        }
    }

    fn escape(&mut self) -> Result<(), Failure> {
        let at = self.pos;
        let length = match self.bytes.get(at + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
            Some(b'u')
                if self
                    .bytes
                    .get(at + 2..at + 6)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
            {
                6
            }
            _ => return Err(self.fail_at(at, "invalid escape in a string")),
        };
        self.pos += length;
        Ok(())
    }

    fn str_node(&self, span: Span, escaped: bool) -> Str<'a> {
        let inner = &self.text[span.start + 1..span.end - 1];
        let value = if escaped {
            Cow::Owned(unescape(inner))
        } else {
            Cow::Borrowed(inner)
        };
        Str { span, value }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, and no letter or digit right after.
    fn number(&mut self) -> Result<(), Failure> {
        let start = self.pos;
        let b = self.bytes;
        let digits = |pos: &mut usize| {
            let from = *pos;
            while b.get(*pos).is_some_and(u8::is_ascii_digit) {
                *pos += 1;
            }
            *pos > from
        };
        let mut pos = start + usize::from(b[start] == b'-');
        let int_start = pos;
        let mut ok = digits(&mut pos) && !(b[int_start] == b'0' && pos - int_start > 1);
        if ok && b.get(pos) == Some(&b'.') {
            pos += 1;
            ok = digits(&mut pos);
        }
        if ok && matches!(b.get(pos), Some(b'e' | b'E')) {
            pos += 1;
            pos += usize::from(matches!(b.get(pos), Some(b'+' | b'-')));
            ok = digits(&mut pos);
        }
        if !ok || self.word_char(pos) || b.get(pos) == Some(&b'.') {
            return Err(self.fail_at(start, "invalid number"));
        }
        self.pos = pos;
        Ok(())
    }

    fn word_char(&self, pos: usize) -> bool {
        self.bytes
            .get(pos)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    }

    /// Skips whitespace and comments.
    fn trivia(&mut self) -> Result<(), Failure> {
        let b = self.bytes;
        loop {
            match (b.get(self.pos), b.get(self.pos + 1)) {
                (Some(b' ' | b'\t' | b'\n' | b'\r'), _) => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    let rest = &b[self.pos..];
                    self.pos += rest
                        .iter()
                        .position(|&c| c == b'\n' || c == b'\r')
                        .unwrap_or(rest.len());
                }
                (Some(b'/'), Some(b'*')) => {
                    let start = self.pos;
                    let end = b[start + 2..].windows(2).position(|w| w == b"*/");
                    let Some(end) = end else {
                        return Err(self.fail_at(start, "unterminated comment (it starts here)"));
                    };
                    self.pos = start + 2 + end + 2;
                }
                _ => return Ok(()),
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

    fn fail(&self, what: &str) -> Failure {
        self.fail_at(self.pos, what)
    }

    fn fail_at(&self, at: usize, what: &str) -> Failure {
        Failure {
            at,
            what: what.to_string(),
            too_deep: false,
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

/// Decodes the escapes of a string the parser already checked. A lone surrogate (`\ud800`)
/// becomes U+FFFD, as most readers do.
fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut units: Vec<u16> = Vec::new();
    let mut rest = inner;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        units.clear();
        while let Some(hex) = rest.strip_prefix("\\u") {
            units.push(u16::from_str_radix(&hex[..4], 16).expect("checked by the parser"));
            rest = &hex[4..];
        }
        if !units.is_empty() {
            out.extend(char::decode_utf16(units.iter().copied()).map(|c| c.unwrap_or('\u{FFFD}')));
            continue;
        }
        out.push(match rest.as_bytes()[1] {
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            other => other as char,
        });
        rest = &rest[2..];
    }
    out.push_str(rest);
    out
}
