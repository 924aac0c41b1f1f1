//! An independent reader for checking what certkit wrote: Python's `json` module, after a
//! small comment and trailing-comma stripper written here (not certkit's parser), and a
//! flattener that follows .NET's JsonConfigurationFileParser (keys joined with ':', compared
//! ignoring case, array indexes as segments, booleans as True/False, null as empty, an empty
//! object as null). Python is `$CERTKIT_PYTHON` or `python3`.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const SCRIPT: &str = r#"
import json, sys

def strip(text):
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == '\\':
                out.append(text[i + 1]); i += 2; continue
            if c == '"':
                in_str = False
            i += 1; continue
        if c == '"':
            in_str = True; out.append(c); i += 1; continue
        if text.startswith('//', i):
            ends = [j for j in (text.find('\n', i), text.find('\r', i)) if j >= 0]
            i = min(ends) if ends else n; continue
        if text.startswith('/*', i):
            i = text.index('*/', i + 2) + 2; continue
        out.append(c); i += 1
    return drop_trailing_commas(''.join(out))

def drop_trailing_commas(text):
    out, i, n, in_str = [], 0, len(text), False
    while i < n:
        c = text[i]
        if in_str:
            out.append(c)
            if c == '\\':
                out.append(text[i + 1]); i += 2; continue
            if c == '"':
                in_str = False
            i += 1; continue
        if c == '"':
            in_str = True
        if c == ',':
            j = i + 1
            while j < n and text[j] in ' \t\r\n':
                j += 1
            if j < n and text[j] in '}]':
                i += 1; continue
        out.append(c); i += 1
    return ''.join(out)

def flatten(value, prefix, out):
    if isinstance(value, dict):
        if not value and prefix:
            out[prefix.lower()] = None
        for k, v in value.items():
            flatten(v, prefix + ':' + k if prefix else k, out)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            flatten(v, prefix + ':' + str(i), out)
    else:
        key = prefix.lower()
        if key in out:
            sys.exit('duplicate key ' + key)
        out[key] = 'True' if value is True else 'False' if value is False else '' if value is None else value

text = open(sys.argv[2], encoding='utf-8-sig').read()
value = json.loads(strip(text), parse_int=str, parse_float=str)
if sys.argv[1] == 'settings':
    out = {}
    flatten(value, '', out)
    print(json.dumps(out))
else:
    print(json.dumps(value))
"#;

fn run(mode: &str, path: &Path) -> String {
    let python = std::env::var("CERTKIT_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python)
        .args(["-c", SCRIPT, mode])
        .arg(path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The settings .NET would load from a file: lower-cased key to value (None: empty object).
pub fn settings(path: &Path) -> BTreeMap<String, Option<String>> {
    serde_json::from_str(&run("settings", path)).unwrap()
}

/// The data in a JSON-with-comments file (numbers as their literal text, in strings).
pub fn data(path: &Path) -> serde_json::Value {
    serde_json::from_str(&run("data", path)).unwrap()
}
