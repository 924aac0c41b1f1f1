//! How a JSON text is laid out: lines, indentation, newlines, and the trivia between values.
//!
//! All offsets are byte offsets into the text after the BOM. The scanners here only ever run
//! over gaps the parser has already classified as "no value here", so they need to know about
//! whitespace, commas and comments, never strings.

/// Start of the line holding `pos` (just after the previous `\n` or lone `\r`).
pub(crate) fn line_start(text: &[u8], pos: usize) -> usize {
    text[..pos]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1)
}

/// The spaces and tabs that open the line holding `pos`.
pub(crate) fn line_indent(text: &[u8], pos: usize) -> &str {
    let start = line_start(text, pos);
    let len = text[start..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    std::str::from_utf8(&text[start..start + len]).expect("spaces and tabs are ASCII")
}

/// True when only spaces and tabs precede `pos` on its line.
pub(crate) fn starts_line(text: &[u8], pos: usize) -> bool {
    text[line_start(text, pos)..pos]
        .iter()
        .all(|&b| b == b' ' || b == b'\t')
}

/// The file's line ending, taken from its first line: CRLF files must stay CRLF.
/// The file's line break, from its first one: CRLF, LF, or a lone CR (classic Mac OS, which
/// .NET's reader still accepts); LF for a file on one line.
pub(crate) fn newline(text: &[u8]) -> &'static str {
    match text.iter().position(|&b| b == b'\n' || b == b'\r') {
        Some(i) if text[i] == b'\r' && text.get(i + 1) == Some(&b'\n') => "\r\n",
        Some(i) if text[i] == b'\r' => "\r",
        _ => "\n",
    }
}

pub(crate) fn is_multiline(text: &[u8]) -> bool {
    text.iter().any(|&b| b == b'\n' || b == b'\r')
}

/// `child` minus its prefix `parent`, when that leaves a non-empty step of indentation.
pub(crate) fn indent_step<'t>(child: &'t str, parent: &str) -> Option<&'t str> {
    child.strip_prefix(parent).filter(|step| !step.is_empty())
}

/// Where a comment starting at `pos` ends, or None when no comment starts there.
fn comment_end(text: &[u8], pos: usize) -> Option<usize> {
    match text.get(pos..pos + 2)? {
        b"//" => Some(
            text[pos..]
                .iter()
                .position(|&b| b == b'\n' || b == b'\r')
                .map_or(text.len(), |i| pos + i),
        ),
        b"/*" => Some(
            text[pos + 2..]
                .windows(2)
                .position(|w| w == b"*/")
                .map_or(text.len(), |i| pos + 2 + i + 2),
        ),
        _ => None,
    }
}

/// The first comma in the trivia `text[from..to]`, skipping comments.
pub(crate) fn find_comma(text: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut pos = from;
    while pos < to {
        if text[pos] == b',' {
            return Some(pos);
        }
        pos = comment_end(text, pos).unwrap_or(pos + 1);
    }
    None
}

/// The end of the trivia that still belongs to the value ending at `from`: a comma and
/// comments on the same line (not the spaces after them). A comment like `"x", // why x` stays
/// with "x" when a new value is added after it. Never goes past a line break or `to`.
pub(crate) fn same_line_tail(text: &[u8], from: usize, to: usize) -> usize {
    let (mut pos, mut end) = (from, from);
    while pos < to {
        match text[pos] {
            b' ' | b'\t' => pos += 1,
            b',' => {
                pos += 1;
                end = pos;
            }
            b'/' => match comment_end(text, pos) {
                Some(stop) if !text[pos..stop].iter().any(|&b| b == b'\n' || b == b'\r') => {
                    pos = stop.min(to);
                    end = pos;
                }
                _ => break,
            },
            _ => break,
        }
    }
    end
}

/// True when `text[from..to]` is only spaces and tabs.
pub(crate) fn is_blank(text: &[u8], from: usize, to: usize) -> bool {
    text[from..to].iter().all(|&b| b == b' ' || b == b'\t')
}

/// Just past the line break at `pos` (CRLF, LF or a lone CR), or `pos` when there is none.
pub(crate) fn line_break_end(text: &[u8], pos: usize) -> usize {
    match text.get(pos) {
        Some(b'\r') if text.get(pos + 1) == Some(&b'\n') => pos + 2,
        Some(b'\r' | b'\n') => pos + 1,
        _ => pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_indents() {
        let text = b"{\r\n\t\t\"a\": 1,\r\n  \"b\": 2\n}";
        let a = 5;
        assert_eq!(text[a], b'"');
        assert_eq!(line_start(text, a), 3);
        assert_eq!(line_indent(text, a), "\t\t");
        assert!(starts_line(text, a));
        assert!(!starts_line(text, a + 4));
        assert_eq!(newline(text), "\r\n");
        assert_eq!(newline(b"{\n}"), "\n");
        assert_eq!(newline(b"{}"), "\n");
        assert_eq!(newline(b"{\r  \"a\": 1\r}"), "\r");
    }

    #[test]
    fn comma_search_skips_comments() {
        let text = b"1 /* , */ // ,\n , 2";
        assert_eq!(find_comma(text, 1, text.len()), Some(16));
        assert_eq!(find_comma(b"1 /* , */ ]", 1, 10), None);
    }

    #[test]
    fn same_line_tail_keeps_trailing_comments() {
        let text = b"1, // one\n 2";
        assert_eq!(same_line_tail(text, 1, text.len()), 9);
        let text = b"1 /* a */, /* b\n */ 2";
        assert_eq!(same_line_tail(text, 1, text.len()), 10);
        assert_eq!(same_line_tail(b"1 ]", 1, 2), 1);
    }

    #[test]
    fn indent_steps() {
        assert_eq!(indent_step("\t    ", "\t"), Some("    "));
        assert_eq!(indent_step("\t", "\t"), None);
        assert_eq!(indent_step("  ", "\t"), None);
    }
}
