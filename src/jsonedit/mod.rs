//! Byte-preserving edits of JSON with comments: the one place that edits JSON text.
//!
//! A round trip through any JSON library rewrites escapes, numbers, spacing and line ends
//! (findings.md, "Patching JSON in place"), and users diff what we write. So the text is
//! parsed only to find spans, and every edit is a list of byte splices that leave everything
//! else exactly as it was: comments, blank lines, a BOM, CRLF, a missing final newline. New
//! text copies the indentation of its siblings.
//!
//! The parser is our own (parse.rs): it never recurses, and it records a tree only where the
//! caller looks ([`Focus`]), so a 50 MB manifest costs little more than its text (jsonc-parser's
//! AST, which this replaced, took over four times the text: 239 MB for 54 MB).
//!
//! Callers that write the result should re-parse it and check it holds what they meant;
//! [`Edit::moved`], [`same_value`] and [`to_serde`] exist for that.

mod edit;
mod layout;
mod lex;
mod parse;
mod render;
mod tree;
mod values;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub use parse::{Extensions, Focus, Limits};
pub use tree::{
    Array, Bool, Container, Number, Object, Property, Span, Spanned, Str, Unread, Value,
};
pub use values::{kind_name, same_value, string_value, to_serde};

const BUG_HINT: &str = "this is a bug in certkit; please report it";

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Deepest nesting of arrays and objects accepted. Nothing real comes close; the limit keeps
/// the (recursive) helpers that walk a recorded tree, and its drop, within any stack.
pub const MAX_DEPTH: usize = 512;

/// A parsed JSON(C) file, borrowed from its bytes.
pub struct Document<'a> {
    bytes: &'a [u8],
    /// The text after the BOM; AST ranges are offsets into it.
    text: &'a str,
    bom: usize,
    path: PathBuf,
    root: Value<'a>,
    newline: &'static str,
    /// Offsets into `text`.
    extensions: Extensions,
}

impl<'a> Document<'a> {
    /// Parses JSON with `//` and `/* */` comments and trailing commas (what .NET's
    /// configuration reader accepts), nothing looser, recording everything. `path` only names
    /// the file in errors.
    pub fn parse(bytes: &'a [u8], path: &Path) -> Result<Self> {
        Self::parse_focused(bytes, path, Focus::All)
    }

    /// Like [`Document::parse`], recording only what `focus` names; the rest is checked and
    /// kept as `Value::Unread` spans.
    pub fn parse_focused(bytes: &'a [u8], path: &Path, focus: Focus<'_>) -> Result<Self> {
        reject_utf16(bytes, path)?;
        let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        let text = std::str::from_utf8(&bytes[bom..]).map_err(|e| {
            let (line, column) = line_column(&bytes[bom..bom + e.valid_up_to()]);
            syntax(path, "bytes that are not UTF-8", line, column)
        })?;
        let (parsed, extensions) =
            parse::parse_document(text, focus).map_err(|e| parse_error(path, text, &e, focus))?;
        let root = parsed.ok_or_else(|| {
            Error::bad_file(
                "invalid JSON",
                path,
                "the file holds no JSON value",
                "the file is empty or only has comments; download it again",
            )
        })?;
        Ok(Document {
            bytes,
            text,
            bom,
            path: path.to_path_buf(),
            root,
            newline: layout::newline(text.as_bytes()),
            extensions,
        })
    }

    /// Where the file first uses each JSON extension (comments, trailing commas), as file
    /// offsets: strict JSON readers (the portal's upload among them) refuse both.
    pub fn extensions(&self) -> Extensions {
        let file = |at: Option<usize>| at.map(|at| at + self.bom);
        Extensions {
            comment: file(self.extensions.comment),
            trailing_comma: file(self.extensions.trailing_comma),
        }
    }

    pub fn root(&self) -> &Value<'a> {
        &self.root
    }

    /// The root as an object, or an error saying what it is instead.
    pub fn root_object(&self, what: &str, hint: &str) -> Result<&Object<'a>> {
        self.root.as_object().ok_or_else(|| {
            let why = format!(
                "the top-level value is {}, not an object",
                self.root.kind_name()
            );
            Error::bad_file(what, &self.path, why, hint)
        })
    }

    /// The value at a path of object keys, None when a key is missing. A key present twice is
    /// an error: readers disagree on which one wins, so no edit can be trusted.
    pub fn get(&self, keys: &[&str]) -> Result<Option<&Value<'a>>> {
        let mut node = &self.root;
        for (depth, key) in keys.iter().enumerate() {
            if let Value::Unread(_) = node {
                let why = format!(
                    "{} was not read (outside the focus)",
                    dotted(&keys[..depth])
                );
                return Err(self.error("cannot read JSON", why, BUG_HINT));
            }
            let Value::Object(object) = node else {
                let why = format!(
                    "{} is {}, not an object",
                    dotted(&keys[..depth]),
                    node.kind_name()
                );
                let hint = "check the file's structure against its documentation";
                return Err(self.error("unexpected JSON structure", why, hint));
            };
            match self.property(object, key)? {
                Some(prop) => node = &prop.value,
                None => return Ok(None),
            }
        }
        Ok(Some(node))
    }

    /// The one property named `name`, refusing duplicates.
    pub fn property<'o>(
        &self,
        object: &'o Object<'a>,
        name: &str,
    ) -> Result<Option<&'o Property<'a>>> {
        let mut found = object.properties.iter().filter(|p| p.name.as_str() == name);
        let first = found.next();
        if let Some(second) = found.next() {
            let (line, _) = self.line_column(self.span(second).start);
            let why = format!("{name:?} appears more than once (again on line {line})");
            let hint = "readers disagree on which one counts: keep one, then run the command again";
            return Err(self.error("ambiguous JSON", why, hint));
        }
        Ok(first)
    }

    /// Byte range of a node in the file as given (BOM included).
    pub fn span(&self, node: &impl Spanned) -> Range<usize> {
        let span = node.span();
        span.start + self.bom..span.end + self.bom
    }

    /// The bytes of a node as written (a value outside the focus included).
    pub fn source(&self, node: &impl Spanned) -> &'a str {
        &self.text[node.span().range()]
    }

    /// The file's bytes as given.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The file's line ending (CRLF or LF), from its first line.
    pub fn newline(&self) -> &'static str {
        self.newline
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// 1-based line and column (in characters) of a file offset such as `span()` returns.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        line_column(&self.text.as_bytes()[..offset.saturating_sub(self.bom)])
    }

    fn error(&self, what: &str, why: String, hint: &str) -> Error {
        Error::bad_file(what, &self.path, why, hint)
    }

    fn splice(&self, body: Range<usize>, text: String) -> Splice {
        Splice {
            range: body.start + self.bom..body.end + self.bom,
            text,
        }
    }
}

/// Replace the bytes in `range` (of the original file) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub range: Range<usize>,
    pub text: String,
}

/// Splices in file order, none overlapping.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Edit {
    splices: Vec<Splice>,
}

/// The edited file and the smallest range of it that differs from the input: the output is
/// `input[..changed.start] + text[changed] + input[changed.start + removed..]`, where
/// `removed = input.len() + changed.len() - text.len()` (0 for a pure insertion).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub text: Vec<u8>,
    pub changed: Range<usize>,
}

impl Edit {
    fn new(splices: Vec<Splice>) -> Self {
        debug_assert!(splices
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start));
        Edit { splices }
    }

    /// An edit made by hand, for tests that need one the editor would never produce.
    #[cfg(test)]
    pub(crate) fn from_splices(splices: Vec<Splice>) -> Self {
        Edit::new(splices)
    }

    pub fn splices(&self) -> &[Splice] {
        &self.splices
    }

    /// Where the input bytes `old` (file offsets) are in the output, when no splice touches
    /// them; None when one does. An insertion exactly at `old.start` goes before them, one at
    /// `old.end` after. Verifiers use this to find each untouched value in the edited text.
    pub fn moved(&self, old: Range<usize>) -> Option<Range<usize>> {
        let mut shift = 0isize;
        for splice in &self.splices {
            let r = &splice.range;
            let before = if r.is_empty() {
                r.start <= old.start
            } else {
                r.end <= old.start
            };
            if before {
                shift += splice.text.len() as isize - r.len() as isize;
            } else if r.start >= old.end {
                break;
            } else {
                return None;
            }
        }
        let at = |offset: usize| {
            offset
                .checked_add_signed(shift)
                .expect("offsets stay positive")
        };
        Some(at(old.start)..at(old.end))
    }

    pub fn apply(&self, input: &[u8]) -> Applied {
        let added: usize = self.splices.iter().map(|s| s.text.len()).sum();
        let mut text = Vec::with_capacity(input.len() + added);
        let mut copied = 0;
        for splice in &self.splices {
            text.extend_from_slice(&input[copied..splice.range.start]);
            text.extend_from_slice(splice.text.as_bytes());
            copied = splice.range.end;
        }
        text.extend_from_slice(&input[copied..]);
        let changed = match (self.splices.first(), self.splices.last()) {
            (Some(first), Some(last)) => {
                let tail = input.len() - last.range.end;
                first.range.start..text.len() - tail
            }
            _ => 0..0,
        };
        Applied { text, changed }
    }
}

/// Windows PowerShell 5's `>` writes UTF-16; say so rather than report garbage at 1:1.
fn reject_utf16(bytes: &[u8], path: &Path) -> Result<()> {
    let bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    // Without a BOM, JSON's first character is ASCII, so UTF-16 shows as a NUL beside it.
    let bare = bytes.len() >= 2 && (bytes[0] == 0) != (bytes[1] == 0);
    if bom || bare {
        return Err(Error::bad_file(
            "invalid JSON",
            path,
            "the file is UTF-16 text; JSON files must be UTF-8",
            "convert it, e.g. in PowerShell: Get-Content IN | Set-Content -Encoding utf8 OUT",
        ));
    }
    Ok(())
}

fn parse_error(path: &Path, text: &str, e: &parse::Failure, focus: Focus) -> Error {
    let (line, column) = line_column(&text.as_bytes()[..e.at]);
    match e.kind {
        parse::FailureKind::Syntax => syntax(path, &e.what, line, column),
        parse::FailureKind::TooDeep => Error::bad_file(
            "invalid JSON",
            path,
            format!("{} at line {line}, column {column}", e.what),
            "this is not a file certkit edits; check that the path is right",
        ),
        // The message names the place already.
        parse::FailureKind::TooLarge => {
            let hint = match focus {
                Focus::Limited(_, limits) if !limits.hint.is_empty() => limits.hint,
                _ => "no real file of this kind comes close; check that the path is right",
            };
            Error::bad_file("too large to read", path, e.what.clone(), hint)
        }
    }
}

fn syntax(path: &Path, what: &str, line: usize, column: usize) -> Error {
    Error::bad_file(
        "invalid JSON",
        path,
        format!("{what} at line {line}, column {column}"),
        format!("fix the file at line {line}, column {column} (often a missing comma, quote or bracket), or download it again"),
    )
}

fn line_column(before: &[u8]) -> (usize, usize) {
    let line_begin = layout::line_start(before, before.len());
    let line = before[..line_begin]
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    let column = String::from_utf8_lossy(&before[line_begin..])
        .chars()
        .count();
    (line + 1, column + 1)
}

fn dotted(keys: &[&str]) -> String {
    if keys.is_empty() {
        "the top-level value".into()
    } else {
        format!("{:?}", keys.join("."))
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod parse_tests;
