//! Choosing the certificate a command works on: a file, or the store by thumbprint or subject,
//! or by default the certificate certkit created last.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

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

/// Resolves a selection that must name exactly one certificate. Its warnings say when the
/// certificate is expired or not yet valid (see [`date_problem`]).
pub fn one(selection: &Selection) -> Result<Selected> {
    match selection {
        Selection::File { path, password } => Ok(Selected::from_file(read_file(path, password)?)),
        Selection::Store { store, selector } => {
            let mut matches = from_store(store, selector)?;
            if *selector != Selector::NewestCreated {
                require_one_certificate(selector, &matches)?;
            }
            let entry = matches.remove(0);
            let warnings = date_problem(&entry.certificate, OffsetDateTime::now_utc())
                .into_iter()
                .collect();
            Ok(Selected {
                certificate: entry.certificate.clone(),
                entry: Some(entry),
                others: Vec::new(),
                warnings,
            })
        }
    }
}

impl Selected {
    /// The leaf of a file read with [`read_file`], with the file's warnings and the
    /// certificate's date problem.
    pub fn from_file(file: InputFile) -> Selected {
        let leaf_warning = file.leaf_warning();
        let mut certs = file.certificates;
        let certificate = certs.remove(file.leaf);
        let mut warnings = file.warnings;
        warnings.extend(leaf_warning);
        warnings.extend(date_problem(&certificate, OffsetDateTime::now_utc()));
        Selected {
            certificate,
            entry: None,
            others: certs,
            warnings,
        }
    }
}

/// Why the certificate cannot sign in today, if it cannot: Entra refuses a credential that
/// has expired, or whose start date has not come. One sentence, for a warning or an error.
pub fn date_problem(cert: &Certificate, now: OffsetDateTime) -> Option<String> {
    let who = format!("{} ({})", cert.subject(), cert.thumbprint());
    if now >= cert.not_after() {
        Some(format!(
            "{who} expired on {}; Entra refuses sign-ins with it (AADSTS700027): create a new \
             one with `certkit new`",
            crate::validity::format_utc(cert.not_after())
        ))
    } else if now < cert.not_before() {
        Some(format!(
            "{who} is not valid until {}; Entra refuses sign-ins with it until then",
            crate::validity::format_utc(cert.not_before())
        ))
    } else {
        None
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selfsigned::{generate, NewCertificateRequest};
    use crate::validity::{parse_time, Validity};

    #[test]
    fn expired_and_not_yet_valid_certificates_are_named_with_their_dates() {
        let t = |s| parse_time("--not-before", s).unwrap();
        let g = generate(&NewCertificateRequest {
            subject: "CN=dated".into(),
            key_size: 2048,
            validity: Validity::new(t("2030-01-01T00:00:00Z"), t("2031-01-01T00:00:00Z")).unwrap(),
            dns_names: vec![],
        })
        .unwrap();
        let cert = &g.certificate;
        let early = date_problem(cert, t("2029-12-31T23:59:59Z")).unwrap();
        assert!(
            early.contains("not valid until 2030-01-01T00:00:00Z") && early.contains("CN=dated"),
            "{early}"
        );
        assert_eq!(date_problem(cert, t("2030-01-01T00:00:00Z")), None);
        assert_eq!(date_problem(cert, t("2030-12-31T23:59:59Z")), None);
        let late = date_problem(cert, t("2031-01-01T00:00:00Z")).unwrap();
        assert!(
            late.contains("expired on 2031-01-01T00:00:00Z") && late.contains(&cert.thumbprint()),
            "{late}"
        );
    }
}
