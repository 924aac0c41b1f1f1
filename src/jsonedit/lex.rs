//! The lexical layer of the parser: strings and their escapes, numbers, and the trivia
//! (whitespace and comments) between values.

use std::borrow::Cow;

use super::parse::{Failure, Parser};
use super::tree::{Span, Str};

impl<'a> Parser<'a, '_> {
    /// `"..."`: returns its span and whether it holds escapes.
    pub(super) fn string(&mut self) -> Result<(Span, bool), Failure> {
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

    pub(super) fn str_node(&self, span: Span, escaped: bool) -> Str<'a> {
        let inner = &self.text[span.start + 1..span.end - 1];
        let value = if escaped {
            Cow::Owned(unescape(inner))
        } else {
            Cow::Borrowed(inner)
        };
        Str { span, value }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, and no letter or digit right after.
    pub(super) fn number(&mut self) -> Result<(), Failure> {
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

    pub(super) fn word_char(&self, pos: usize) -> bool {
        self.bytes
            .get(pos)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    }

    /// Skips whitespace and comments.
    pub(super) fn trivia(&mut self) -> Result<(), Failure> {
        let b = self.bytes;
        loop {
            match (b.get(self.pos), b.get(self.pos + 1)) {
                (Some(b' ' | b'\t' | b'\n' | b'\r'), _) => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    self.extensions.comment.get_or_insert(self.pos);
                    let rest = &b[self.pos..];
                    self.pos += rest
                        .iter()
                        .position(|&c| c == b'\n' || c == b'\r')
                        .unwrap_or(rest.len());
                }
                (Some(b'/'), Some(b'*')) => {
                    let start = self.pos;
                    self.extensions.comment.get_or_insert(start);
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
