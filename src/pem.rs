//! PEM armour: writing one block, and finding every block in text that has other things around it.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

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
