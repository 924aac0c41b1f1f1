//! Choosing the certificate a command works on: a file, or the store by thumbprint or subject,
//! or by default the newest certificate certkit created.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::input::{self, InputFile};
use crate::secret::{PasswordSource, Purpose};
use crate::store::{Selector, Store, StoreEntry};

/// Where the certificate comes from.
pub enum Selection {
    File {
        path: PathBuf,
        password: PasswordSource,
    },
    Store {
        store: Store,
        selector: Selector,
    },
}

/// The chosen certificate and, for messages, where it came from.
pub struct Selected {
    pub certificate: Certificate,
    /// `None` for a file; the store entry otherwise.
    pub entry: Option<StoreEntry>,
    /// Other certificates in a file that were not chosen (a chain, a bundle).
    pub others: Vec<Certificate>,
    /// Warnings from reading the file (see `InputFile::warnings`).
    pub warnings: Vec<String>,
}

/// Resolves a selection that must name exactly one certificate.
pub fn one(selection: &Selection) -> Result<Selected> {
    match selection {
        Selection::File { path, password } => {
            let file = read_file(path, password)?;
            let mut warnings = file.warnings.clone();
            warnings.extend(file.leaf_warning());
            let mut certs = file.certificates;
            let certificate = certs.remove(file.leaf);
            Ok(Selected {
                certificate,
                entry: None,
                others: certs,
                warnings,
            })
        }
        Selection::Store { store, selector } => {
            let mut matches = from_store(store, selector)?;
            if *selector != Selector::NewestCreated {
                require_one_certificate(selector, &matches)?;
            }
            let entry = matches.remove(0);
            Ok(Selected {
                certificate: entry.certificate.clone(),
                entry: Some(entry),
                others: Vec::new(),
                warnings: Vec::new(),
            })
        }
    }
}

/// Refuses a selection that matches different certificates: a script that asked for one
/// (`$(certkit thumbprint NAME)`, a manifest patch) must not get the wrong one or a list.
/// Several store files of the same certificate are one certificate.
pub fn require_one_certificate(selector: &Selector, matches: &[StoreEntry]) -> Result<()> {
    let mut distinct: Vec<&StoreEntry> = Vec::new();
    for entry in matches {
        let thumbprint = entry.certificate.thumbprint();
        if !distinct
            .iter()
            .any(|d| d.certificate.thumbprint() == thumbprint)
        {
            distinct.push(entry);
        }
    }
    if distinct.len() <= 1 {
        return Ok(());
    }
    Err(Error::Ambiguous {
        selector: selector.describe(),
        count: distinct.len(),
        candidates: distinct
            .iter()
            .map(|e| {
                let until = crate::validity::format_utc(e.certificate.not_after());
                format!(
                    "{} ({}, until {until})",
                    e.certificate.thumbprint(),
                    e.certificate.subject()
                )
            })
            .collect(),
    })
}

/// Every store entry the selector matches, newest first; an error when there is none.
pub fn from_store(store: &Store, selector: &Selector) -> Result<Vec<StoreEntry>> {
    let (matches, listing) = store.select(selector)?;
    if matches.is_empty() {
        let hint = if listing.entries.is_empty() {
            format!(
                "the store {} is empty; create a certificate with `certkit new --subject NAME`",
                store.dir().display()
            )
        } else {
            "`certkit store list` shows the store; name a certificate by its CN, full subject or thumbprint".into()
        };
        return Err(Error::NotFound {
            why: format!("nothing in the store matches {}", selector.describe()),
            hint,
        });
    }
    Ok(matches)
}

/// Reads a certificate file of any format. Without a password option a PFX is tried with the
/// empty password, then, at a terminal, the user is asked.
pub fn read_file(path: &Path, password: &PasswordSource) -> Result<InputFile> {
    read_bytes(&read_bounded(path)?, path, password)
}

/// [`read_file`] for bytes already read (once: `path` may be a pipe), `path` naming them.
pub fn read_bytes(bytes: &[u8], path: &Path, password: &PasswordSource) -> Result<InputFile> {
    if *password != PasswordSource::Unspecified {
        let pw = password.read("PFX password", Purpose::Open)?;
        return input::read_certificates(bytes, path, Some(&pw));
    }
    match input::read_certificates(bytes, path, None) {
        Err(Error::WrongPassword { .. }) if std::io::stdin().is_terminal() => {
            let pw = password.read(&format!("Password for {}", path.display()), Purpose::Open)?;
            input::read_certificates(bytes, path, Some(&pw))
        }
        other => other,
    }
}

/// Reads a certificate file whole, refusing one larger than `input::MAX_INPUT_BYTES` before
/// allocating for it (a wrong path to a disk image must not exhaust memory).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| crate::Error::io("read", path, e))?;
    let mut bytes = Vec::new();
    file.take(input::MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| crate::Error::io("read", path, e))?;
    if bytes.len() as u64 > input::MAX_INPUT_BYTES {
        return Err(input::too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}
