//! The public corpus in the PyPI package `cryptography-vectors`, with Python cryptography as the
//! judge: every certificate file under x509/ that cryptography loads gets the same SHA-1
//! thumbprints from certkit's reader, and every PFX under pkcs12/ that cryptography opens (with
//! the passwords of cryptography's own test suite) opens in certkit with the same certificates.
//! Every file certkit refuses must be refused by cryptography too, or be listed below with why.
//!
//! Python comes from CERTKIT_PYTHON, else .venv/bin/python (made by tests/interop/setup.sh),
//! else python3; it needs `cryptography` and `cryptography-vectors`. Missing, the test fails.

mod consumers;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use certkit::input::read_certificates;
use consumers::python;
use serde_json::Value;

/// Files cryptography reads and certkit refuses or reads differently, with the reason.
const ALLOWED: &[(&str, &str)] = &[
    (
        "x509/PKITS_data/certs/Validpre2000UTCnotBeforeDateTest3EE.crt",
        "notBefore in 1950 (UTCTime 50...): the der crate's UTCTime holds 1970-2049 only",
    ),
    (
        "pkcs12/no-cert-key-aes256cbc.p12",
        "a key with no certificate at all: certkit reads certificate files",
    ),
];

fn corpus_report() -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/corpus.py");
    let python = python();
    let out = Command::new(&python)
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    assert!(
        out.status.success(),
        "{} {} failed (install: pip install cryptography cryptography-vectors, or run \
         tests/interop/setup.sh):\n{}",
        python.display(),
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("corpus.py prints JSON")
}

/// certkit's verdict on one file: its thumbprints (file order) and leaf, or why it refused.
fn certkit_read(path: &Path, password: Option<&str>) -> Result<(Vec<String>, String), String> {
    let bytes = std::fs::read(path).unwrap();
    let file = read_certificates(&bytes, path, password).map_err(|e| e.to_string())?;
    let all = file.certificates.iter().map(|c| c.thumbprint()).collect();
    Ok((all, file.leaf_certificate().thumbprint()))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

#[derive(Default)]
struct Tally {
    python_loads: usize,
    python_refuses: usize,
    same: usize,
    /// path → what went wrong in certkit.
    problems: BTreeMap<String, String>,
}

fn check_x509(root: &Path, entries: &[Value], tally: &mut Tally) {
    for entry in entries {
        let rel = entry["path"].as_str().unwrap();
        let Some(expected) = entry.get("sha1") else {
            tally.python_refuses += 1;
            continue;
        };
        tally.python_loads += 1;
        let expected = strings(expected);
        match certkit_read(&root.join(rel), None) {
            Ok((ours, _)) if ours == expected => tally.same += 1,
            Ok((ours, _)) => {
                tally.problems.insert(
                    rel.into(),
                    format!("thumbprints {ours:?}, cryptography {expected:?}"),
                );
            }
            Err(e) => {
                tally.problems.insert(rel.into(), format!("refused: {e}"));
            }
        }
    }
}

fn check_pkcs12(root: &Path, entries: &[Value], tally: &mut Tally) {
    for entry in entries {
        let rel = entry["path"].as_str().unwrap();
        let Some(expected) = entry.get("sha1") else {
            tally.python_refuses += 1;
            continue;
        };
        tally.python_loads += 1;
        let mut expected = strings(expected);
        // cryptography's None and b"" are both certkit's empty password (both conventions).
        let password = entry["password"].as_str().unwrap_or("");
        match certkit_read(&root.join(rel), Some(password)) {
            Ok((mut ours, leaf)) => {
                let python_leaf = entry["leaf"].as_str();
                ours.sort();
                expected.sort();
                if ours == expected && python_leaf.is_none_or(|l| l == leaf) {
                    tally.same += 1;
                } else {
                    let why = format!(
                        "certificates {ours:?} leaf {leaf}; cryptography {expected:?} leaf {python_leaf:?}"
                    );
                    tally.problems.insert(rel.into(), why);
                }
            }
            Err(e) => {
                tally.problems.insert(rel.into(), format!("refused: {e}"));
            }
        }
    }
}

#[test]
fn cryptography_vectors_read_as_cryptography_reads_them() {
    let started = std::time::Instant::now();
    let report = corpus_report();
    let root = PathBuf::from(report["root"].as_str().unwrap());
    let (mut x509, mut pkcs12) = (Tally::default(), Tally::default());
    check_x509(&root, report["x509"].as_array().unwrap(), &mut x509);
    check_pkcs12(&root, report["pkcs12"].as_array().unwrap(), &mut pkcs12);

    let allowed: BTreeMap<&str, &str> = ALLOWED.iter().copied().collect();
    for (name, t) in [("x509", &x509), ("pkcs12", &pkcs12)] {
        eprintln!(
            "{name}: cryptography loads {} (refuses {}); certkit reads {} the same, {} allow-listed",
            t.python_loads,
            t.python_refuses,
            t.same,
            t.problems.len()
        );
        for (path, problem) in &t.problems {
            let reason = allowed.get(path.as_str()).copied().unwrap_or("NOT ALLOWED");
            eprintln!("  {path}: {reason}\n      ({problem})");
        }
    }
    let unexplained: Vec<_> = x509
        .problems
        .keys()
        .chain(pkcs12.problems.keys())
        .filter(|p| !allowed.contains_key(p.as_str()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "certkit refuses or misreads files cryptography reads: {unexplained:?}"
    );
    let stale: Vec<_> = allowed
        .keys()
        .filter(|p| !x509.problems.contains_key(**p) && !pkcs12.problems.contains_key(**p))
        .collect();
    assert!(
        stale.is_empty(),
        "allow-listed files certkit now reads: {stale:?}"
    );
    assert!(
        x509.python_loads > 400 && pkcs12.python_loads > 25,
        "corpus too small"
    );
    eprintln!("corpus checked in {:?}", started.elapsed());
}
