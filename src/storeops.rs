//! certutil's verbs on the user store: list, show, import, export, remove.
//!
//! The store's rules (store.rs): every entry is `<THUMBPRINT>.pfx` (collisions `.1.pfx` …
//! `.9.pfx`, as .NET names them) with an empty password and a MAC, mode 0600; certkit records
//! what it created in `.certkit-created` and rewrites nothing else. Removing a file certkit did
//! not create happens only when the user names it, and the caller is told (`RemovalPlan::foreign`).

use std::path::{Path, PathBuf};

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::fsio::{self, Visibility};
use crate::input::InputFile;
use crate::keyfile::KeyFormat;
use crate::keys::PrivateKey;
use crate::pfx::{self, PfxProfile};
use crate::store::{Listing, Selector, Store, StoreEntry};

/// A NAME argument: a thumbprint when it reads as one (40 or 64 hex digits), else a CN or subject.
pub fn selector_for(name: &str) -> Selector {
    match crate::thumbprint::normalize(name) {
        Ok(hex) => Selector::Thumbprint(hex),
        Err(_) => Selector::Subject(name.to_owned()),
    }
}

/// The store's entries whose subject contains `filter` (any case) or whose thumbprint starts
/// with it; all entries without a filter.
pub fn list(store: &Store, filter: Option<&str>) -> Result<Listing> {
    let mut listing = store.list()?;
    if let Some(filter) = filter {
        let needle = filter.trim().to_lowercase();
        let hex: String = needle.chars().filter(|c| c.is_ascii_hexdigit()).collect();
        listing.entries.retain(|e| {
            e.certificate.subject().to_lowercase().contains(&needle)
                || (!hex.is_empty()
                    && hex.len() == needle.len()
                    && e.certificate.thumbprint().starts_with(&hex.to_uppercase()))
        });
    }
    Ok(listing)
}

/// The one certificate NAME selects. Several files of the same certificate count as one
/// (the newest-first order makes the first the one reported).
pub fn find(store: &Store, name: &str) -> Result<Vec<StoreEntry>> {
    let selector = selector_for(name);
    let entries = crate::select::from_store(store, &selector)?;
    crate::select::require_one_certificate(&selector, &entries)?;
    Ok(entries)
}

/// The private key of a store entry (an empty-password PFX, as .NET reads it).
pub fn load_key(entry: &StoreEntry) -> Result<PrivateKey> {
    let bytes = crate::store::read_bounded(&entry.path)?;
    let contents = pfx::read_pfx(&bytes, "", &entry.path)?;
    contents.key.ok_or_else(|| no_key(entry))
}

fn no_key(entry: &StoreEntry) -> Error {
    Error::bad_file(
        "no private key",
        &entry.path,
        format!(
            "the store holds only the certificate {} ({}), without its key",
            entry.certificate.subject(),
            entry.certificate.thumbprint()
        ),
        "import the PFX that has the key: certkit store import FILE.pfx",
    )
}

/// What `import` did.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub certificate: Certificate,
    /// True when the store already held this certificate with its key; nothing was written.
    pub already_present: bool,
    /// Certificates in the file besides the one with the key (a chain), not imported.
    pub skipped: Vec<Certificate>,
    /// What went wrong after the file was written (see `Store::record_created`).
    pub warnings: Vec<String>,
}

/// Writes the file's certificate and key into the store in the store's own format.
pub fn import(store: &Store, source: &Path, file: InputFile) -> Result<Imported> {
    file.require_key(source)?;
    let InputFile {
        mut certificates,
        key,
        leaf,
        ..
    } = file;
    let key = key.expect("require_key checked it");
    let certificate = certificates.remove(leaf);
    let same = Selector::Thumbprint(certificate.thumbprint());
    let (existing, _) = store.select(&same)?;
    if let Some(entry) = existing.iter().find(|e| e.has_key) {
        return Ok(Imported {
            path: entry.path.clone(),
            certificate,
            already_present: true,
            skipped: certificates,
            warnings: Vec::new(),
        });
    }
    fsio::create_private_dir(store.dir())?;
    store.check_created_index()?;
    let path = free_name(store.dir(), &certificate.thumbprint())?;
    let bytes = pfx::write_pfx(
        &certificate,
        &key,
        "",
        PfxProfile::Modern,
        pfx::DEFAULT_ITERATIONS,
        certificate.subject(),
    )?;
    // `store import` has no --force: the store's own rules decide, and hints must not name it.
    fsio::write_new(&path, &bytes, Visibility::Private, false)
        .map_err(Error::without_force_flag)?;
    let warnings = store.record_created(&certificate).into_iter().collect();
    Ok(Imported {
        path,
        certificate,
        already_present: false,
        skipped: certificates,
        warnings,
    })
}

/// `<T>.pfx`, else `<T>.1.pfx` … `<T>.9.pfx`: the names .NET itself tries.
fn free_name(dir: &Path, thumbprint: &str) -> Result<PathBuf> {
    let names = std::iter::once(format!("{thumbprint}.pfx"))
        .chain((1..=9).map(|i| format!("{thumbprint}.{i}.pfx")));
    for name in names {
        let path = dir.join(name);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(path);
        }
    }
    Err(Error::bad_file(
        "store slots used up",
        &dir.join(format!("{thumbprint}.pfx")),
        "files .pfx and .1.pfx to .9.pfx of this thumbprint exist but none holds the key",
        "inspect them with `certkit dump`, and remove those you do not need",
    ))
}

/// How `export` writes the entry.
pub enum ExportFormat {
    Pfx {
        password: crate::secret::Password,
        profile: PfxProfile,
        iterations: u32,
    },
    /// The key then the certificate, one file, mode 0600: the key as encrypted PKCS#8 with a
    /// password (as `new --key-password-*` writes it), else as plain PKCS#8.
    Pem {
        password: Option<crate::secret::Password>,
    },
}

/// Writes the entry's certificate and key to `dest`. Without a key, PEM export writes the
/// certificate alone and returns false; PFX export refuses.
pub fn export(entry: &StoreEntry, dest: &Path, format: &ExportFormat, force: bool) -> Result<bool> {
    let cert = &entry.certificate;
    let key = if entry.has_key {
        Some(load_key(entry)?)
    } else {
        None
    };
    let bytes = match (format, &key) {
        (
            ExportFormat::Pfx {
                password,
                profile,
                iterations,
            },
            Some(key),
        ) => {
            let name = cert
                .common_name()
                .unwrap_or_else(|| cert.subject().to_owned());
            pfx::write_pfx(cert, key, password, *profile, *iterations, &name)?
        }
        (ExportFormat::Pfx { .. }, None) => return Err(no_key(entry)),
        (ExportFormat::Pem { password }, key) => {
            let mut text = zeroize::Zeroizing::new(String::new());
            if let Some(key) = key {
                let password = password.as_ref().map(|p| p.as_str());
                text.push_str(&crate::keyfile::key_pem(key, KeyFormat::Pkcs8, password)?);
            }
            text.push_str(&cert.to_pem());
            zeroize::Zeroizing::new(text.as_bytes().to_vec())
        }
    };
    fsio::write_new(dest, &bytes, Visibility::Private, force)?;
    Ok(key.is_some())
}

/// The files a removal deletes, and those among them certkit did not create.
#[derive(Debug)]
pub struct RemovalPlan {
    pub entries: Vec<StoreEntry>,
    pub foreign: Vec<PathBuf>,
}

pub fn plan_removal(store: &Store, name: &str) -> Result<RemovalPlan> {
    let entries = find(store, name)?;
    let foreign = entries
        .iter()
        .filter(|e| !e.created_by_certkit)
        .map(|e| e.path.clone())
        .collect();
    Ok(RemovalPlan { entries, foreign })
}

/// Deletes the planned files and drops the thumbprint from `.certkit-created`.
pub fn remove(store: &Store, plan: &RemovalPlan) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for entry in &plan.entries {
        std::fs::remove_file(&entry.path).map_err(|e| Error::io("remove", &entry.path, e))?;
        removed.push(entry.path.clone());
    }
    if let Some(entry) = plan.entries.first() {
        store.forget_created(&entry.certificate.thumbprint())?;
    }
    Ok(removed)
}

#[cfg(test)]
#[path = "storeops_tests.rs"]
mod tests;
