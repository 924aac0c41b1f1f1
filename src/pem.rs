//! PEM armour: writing one block, and finding every block in text that has other things around it.
//!
//! Real files carry `Bag Attributes` lines from `openssl pkcs12`, explanatory text, CRLF or CR line
//! ends, trailing spaces, indentation and no final newline; the scanner accepts all of that but
//! refuses a block it cannot decode, so nothing in a file is skipped silently.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use zeroize::Zeroizing;

/// One `-----BEGIN label-----` block with LF line ends, 64-column base64 and a final newline.
pub fn encode(label: &str, der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}

/// A decoded PEM block.
#[derive(Clone, PartialEq, Eq)]
pub struct Block {
    /// The label between `BEGIN ` and the dashes, e.g. `CERTIFICATE`.
    pub label: String,
    /// RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`), which mark legacy encrypted keys.
    pub headers: Vec<(String, String)>,
    /// Wiped on drop: blocks are often private keys.
    pub der: Zeroizing<Vec<u8>>,
    /// 1-based line of the BEGIN line, for error messages.
    pub line: usize,
}

impl Block {
    /// True for an OpenSSL "traditional" key encrypted with a password (`Proc-Type: 4,ENCRYPTED`).
    pub fn is_encrypted(&self) -> bool {
        self.headers
            .iter()
            .any(|(k, v)| k.eq_ignore_ascii_case("Proc-Type") && v.contains("ENCRYPTED"))
    }
}

// Key material must not reach logs through Debug.
impl std::fmt::Debug for Block {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Block")
            .field("label", &self.label)
            .field("der_len", &self.der.len())
            .field("line", &self.line)
            .finish()
    }
}

/// True when the text has at least one BEGIN line (so it should be read as PEM, not base64).
pub fn looks_like_pem(text: &str) -> bool {
    lines(text).any(|(_, l)| begin_label(l).is_some())
}

/// Every PEM block in `text`, in order. Text outside blocks is ignored; a block with a missing
/// END line, a mismatched END label or bad base64 is an error naming its line.
pub fn blocks(text: &str) -> Result<Vec<Block>, String> {
    scan(text).collect()
}

/// The blocks of `blocks`, one at a time, so a 10,000-certificate bundle need not be held
/// decoded all at once.
pub fn scan(text: &str) -> impl Iterator<Item = Result<Block, String>> + '_ {
    let mut numbered = lines(text);
    std::iter::from_fn(move || {
        let (line, label) = numbered
            .by_ref()
            .find_map(|(line, l)| begin_label(l).map(|label| (line, label)))?;
        let mut body: Vec<&str> = Vec::new();
        for (_, inner) in numbered.by_ref() {
            if let Some(end) = end_label(inner) {
                if end != label {
                    return Some(Err(format!(
                        "PEM block {label:?} at line {line} ends with END {end:?}"
                    )));
                }
                return Some(decode_body(label, &body, line));
            }
            body.push(inner);
        }
        Some(Err(format!(
            "PEM block {label:?} at line {line} has no END line"
        )))
    })
}

/// Non-blank lines with their 1-based numbers; lines end at LF, CRLF or a lone CR (old Mac
/// editors), and are trimmed of surrounding whitespace.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

fn begin_label(line: &str) -> Option<&str> {
    armour_label(line, "-----BEGIN ")
}

fn end_label(line: &str) -> Option<&str> {
    armour_label(line, "-----END ")
}

fn armour_label<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let label = line.strip_prefix(prefix)?.strip_suffix("-----")?;
    Some(label.trim())
}

fn decode_body(label: &str, body: &[&str], line: usize) -> Result<Block, String> {
    let mut headers = Vec::new();
    let mut b64 = String::new();
    for l in body {
        match l.split_once(':') {
            Some((k, v)) if b64.is_empty() => headers.push((k.trim().into(), v.trim().into())),
            // Lines are trimmed already; most have no inner whitespace to filter out.
            _ if !l.contains(char::is_whitespace) => b64.push_str(l),
            _ => b64.extend(l.chars().filter(|c| !c.is_whitespace())),
        }
    }
    let der = STANDARD
        .decode(Zeroizing::new(b64).as_bytes())
        .map_err(|e| format!("PEM block {label:?} at line {line} is not valid base64: {e}"))?;
    if der.is_empty() {
        return Err(format!("PEM block {label:?} at line {line} is empty"));
    }
    Ok(Block {
        label: label.to_string(),
        headers,
        der: Zeroizing::new(der),
        line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_then_scan_round_trips() {
        let der = (0u8..=200).collect::<Vec<_>>();
        let text = encode("CERTIFICATE", &der);
        let found = blocks(&text).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "CERTIFICATE");
        assert_eq!(*found[0].der, der);
    }

    #[test]
    fn scanner_tolerates_real_world_noise() {
        // Shape of `openssl pkcs12 -nodes` output, with CRLF, trailing spaces and no final newline.
        let text = "Bag Attributes\r\n    localKeyId: 01 02 \r\n    friendlyName: x\r\n\
                    subject=CN = a\r\n-----BEGIN CERTIFICATE-----  \r\n  AQID\r\n BAU=\t\r\n\
                    -----END CERTIFICATE-----\r\nsome text\r-----BEGIN PRIVATE KEY-----\rBgc=\r\
                    -----END PRIVATE KEY-----";
        let found = blocks(text).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(*found[0].der, [1, 2, 3, 4, 5]);
        assert_eq!(
            (found[1].label.as_str(), found[1].line),
            ("PRIVATE KEY", 10)
        );
        assert_eq!(*found[1].der, [6, 7]);
    }

    #[test]
    fn encrypted_traditional_key_is_flagged() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
                    DEK-Info: AES-128-CBC,00\n\nAQID\n-----END RSA PRIVATE KEY-----\n";
        let found = blocks(text).unwrap();
        assert!(found[0].is_encrypted());
        assert_eq!(*found[0].der, [1, 2, 3]);
    }

    #[test]
    fn broken_blocks_are_errors_not_skips() {
        let missing_end = "-----BEGIN CERTIFICATE-----\nAQID\n";
        assert!(blocks(missing_end).unwrap_err().contains("no END"));
        let mismatched = "-----BEGIN CERTIFICATE-----\nAQID\n-----END X-----\n";
        assert!(blocks(mismatched).unwrap_err().contains("ends with END"));
        let bad = "x\n-----BEGIN CERTIFICATE-----\nA!ID\n-----END CERTIFICATE-----\n";
        assert!(blocks(bad).unwrap_err().contains("line 2"));
    }
}
