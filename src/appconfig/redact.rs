//! Secret values anywhere in a settings file, for the diff shown on screen and for noticing
//! that an edit removed one.
//!
//! The rest of appconfig reads only the AzureAd section, but a diff line can show any part of
//! the file (all of it, when the file is one line), so this looks at every value: a single
//! pass over the tokens of text that already parsed, remembering only the last property name,
//! so it costs no more than reading the file.

use std::ops::Range;

/// Setting names whose values are secrets (the last segment of the key, ignoring case).
const SECRETS: [&str; 2] = ["ClientSecret", "CertificatePassword"];

/// A non-empty string value of a secret setting.
pub(crate) struct Secret {
    /// The string literal, quotes included (offsets into the text as given).
    pub span: Range<usize>,
    /// It is a client secret (not a certificate password).
    pub client_secret: bool,
}

/// The secrets of a JSON(C) text that parsed. A value counts when it is a string directly
/// after a property name whose last `:` segment names a secret; array elements and objects
/// under such a name are not secrets themselves (their keys end in an index or another name).
pub(crate) fn secrets(text: &[u8]) -> Vec<Secret> {
    let mut found = Vec::new();
    // The string just read, until a colon shows it was a property name.
    let mut last_string: Option<Range<usize>> = None;
    // After `"...Secret":`, waiting for its value.
    let mut pending: Option<bool> = None;
    let mut pos = 0;
    while pos < text.len() {
        match text[pos] {
            b' ' | b'\t' | b'\r' | b'\n' => pos += 1,
            b'/' if text.get(pos + 1) == Some(&b'/') => {
                pos = find(text, pos, b"\n").unwrap_or(text.len());
            }
            b'/' if text.get(pos + 1) == Some(&b'*') => {
                pos = find(text, pos + 2, b"*/").map_or(text.len(), |end| end + 2);
            }
            b'"' => {
                let end = string_end(text, pos);
                match pending.take() {
                    Some(client_secret) if end - pos > 2 => found.push(Secret {
                        span: pos..end,
                        client_secret,
                    }),
                    Some(_) => {}
                    None => last_string = Some(pos..end),
                }
                pos = end;
            }
            b':' => {
                pending = last_string.take().and_then(|name| secret_name(&text[name]));
                pos += 1;
            }
            _ => {
                (pending, last_string) = (None, None);
                pos += 1;
            }
        }
    }
    found
}

/// `text` with every secret value replaced by `"<redacted>"`.
pub(crate) fn redact(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut copied = 0;
    for secret in secrets(text) {
        out.extend_from_slice(&text[copied..secret.span.start]);
        out.extend_from_slice(b"\"<redacted>\"");
        copied = secret.span.end;
    }
    out.extend_from_slice(&text[copied..]);
    out
}

/// Just past the string literal opening at `start`.
fn string_end(text: &[u8], start: usize) -> usize {
    let mut pos = start + 1;
    while pos < text.len() {
        match text[pos] {
            b'"' => return pos + 1,
            b'\\' => pos += 2,
            _ => pos += 1,
        }
    }
    text.len()
}

fn find(text: &[u8], from: usize, what: &[u8]) -> Option<usize> {
    text.get(from..)?
        .windows(what.len())
        .position(|w| w == what)
        .map(|i| from + i)
}

/// Some(is ClientSecret) when the literal names a secret setting.
fn secret_name(literal: &[u8]) -> Option<bool> {
    let literal = std::str::from_utf8(literal).ok()?;
    let name: String = if literal.contains('\\') {
        serde_json::from_str(literal).ok()?
    } else {
        literal.trim_matches('"').to_string()
    };
    let last = name.rsplit(':').next()?;
    let which = SECRETS.iter().position(|s| last.eq_ignore_ascii_case(s))?;
    Some(which == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(text: &str) -> String {
        String::from_utf8(redact(text.as_bytes())).unwrap()
    }

    #[test]
    fn redacts_secret_values_anywhere_and_nothing_else() {
        let text = r#"{"Other": {"clientsecret": "a", "x": "ClientSecret"}, "y": ["ClientSecret", "b"],
 /* "ClientSecret": "c" */ "A:B:CertificatePassword" : "d", "Client\u0053ecret": "e", "ClientSecret": ["f"], "ClientSecret": ""}"#;
        let want = r#"{"Other": {"clientsecret": "<redacted>", "x": "ClientSecret"}, "y": ["ClientSecret", "b"],
 /* "ClientSecret": "c" */ "A:B:CertificatePassword" : "<redacted>", "Client\u0053ecret": "<redacted>", "ClientSecret": ["f"], "ClientSecret": ""}"#;
        assert_eq!(redacted(text), want);
        let kinds: Vec<bool> = secrets(text.as_bytes())
            .iter()
            .map(|s| s.client_secret)
            .collect();
        assert_eq!(kinds, [true, false, true]);
    }

    #[test]
    fn escaped_quotes_and_comments_do_not_confuse_it() {
        let text = "{\"n\": \"a\\\"b\", // \"ClientSecret\": \"x\"\n \"ClientSecret\": \"s\\\"\"}";
        assert_eq!(
            redacted(text),
            "{\"n\": \"a\\\"b\", // \"ClientSecret\": \"x\"\n \"ClientSecret\": \"<redacted>\"}"
        );
    }
}
