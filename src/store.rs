//! The user's certificate store.
//!
//! On Linux this is the directory .NET reads for `X509Store(StoreName.My, StoreLocation.CurrentUser)`
//! (formats.md section 4): one empty-password PFX per certificate, named `<THUMBPRINT>.pfx`. An
//! ASP.NET app finds the certificate certkit places there exactly as the Windows sample finds it
//! in Cert:\CurrentUser\My. certkit reads every `*.pfx` there but never rewrites or deletes a file
//! it did not create; the thumbprints it created are listed in `.certkit-created`, a name .NET
//! ignores because it only loads `*.pfx`.

use std::path::{Path, PathBuf};

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::fsio::{self, Batch, Visibility};
use crate::keys::PrivateKey;
use crate::pfx::{self, PfxProfile};

const CREATED_INDEX: &str = ".certkit-created";

/// One certificate found in the store.
#[derive(Debug, Clone)]
pub struct StoreEntry {
    pub path: PathBuf,
    pub certificate: Certificate,
    pub has_key: bool,
    pub created_by_certkit: bool,
}

/// Everything in the store, newest first, and what could not be read (with why).
#[derive(Debug, Default)]
pub struct Listing {
    pub entries: Vec<StoreEntry>,
    pub unreadable: Vec<(PathBuf, String)>,
}

/// How a command picks certificates from the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Normalized upper-case hex, 40 (SHA-1) or 64 (SHA-256) digits.
    Thumbprint(String),
    /// A CN (`surveysapp`) or a full subject (`CN=surveysapp,O=Contoso`).
    Subject(String),
    /// The newest certificate certkit itself created.
    NewestCreated,
    /// Every certificate.
    All,
}

pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// `explicit` (from `--store`) wins, then `CERTKIT_STORE`, then the platform's location.
    pub fn locate(explicit: Option<&Path>) -> Result<Store> {
        if let Some(dir) = explicit {
            return Ok(Store {
                dir: dir.to_path_buf(),
            });
        }
        if let Some(dir) = std::env::var_os("CERTKIT_STORE").filter(|v| !v.is_empty()) {
            return Ok(Store { dir: dir.into() });
        }
        platform_dir().map(|dir| Store { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stages `<THUMBPRINT>.pfx` (empty password, with a MAC) into `batch`; returns its path.
    pub fn stage_add(
        &self,
        batch: &mut Batch,
        cert: &Certificate,
        key: &PrivateKey,
        profile: PfxProfile,
    ) -> Result<PathBuf> {
        fsio::create_private_dir(&self.dir)?;
        let path = self.dir.join(format!("{}.pfx", cert.thumbprint()));
        let bytes = pfx::write_pfx(
            cert,
            key,
            "",
            profile,
            pfx::DEFAULT_ITERATIONS,
            cert.subject(),
        )?;
        batch.stage(&path, &bytes, Visibility::Private)?;
        Ok(path)
    }

    /// Records that certkit created this certificate, so later commands can default to it.
    pub fn mark_created(&self, cert: &Certificate) -> Result<()> {
        let index = self.dir.join(CREATED_INDEX);
        let mut text = std::fs::read_to_string(&index).unwrap_or_default();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&cert.thumbprint());
        text.push('\n');
        fsio::write_new(&index, text.as_bytes(), Visibility::Private, true)
    }

    /// Reads every `*.pfx` in the store. A missing store directory is an empty store.
    pub fn list(&self) -> Result<Listing> {
        let mut listing = Listing::default();
        let dir = match std::fs::read_dir(&self.dir) {
            Ok(dir) => dir,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(listing),
            Err(e) => return Err(Error::io("read the store", &self.dir, e)),
        };
        let created = self.created_thumbprints();
        for path in dir.filter_map(|e| e.ok()).map(|e| e.path()) {
            if path.extension().and_then(|e| e.to_str()) != Some("pfx") {
                continue;
            }
            match read_entry(&path) {
                Ok((certificate, has_key)) => listing.entries.push(StoreEntry {
                    created_by_certkit: created.contains(&certificate.thumbprint()),
                    path,
                    certificate,
                    has_key,
                }),
                Err(e) => listing.unreadable.push((path, e.to_string())),
            }
        }
        listing.entries.sort_by(|a, b| {
            (b.certificate.not_before(), b.certificate.not_after())
                .cmp(&(a.certificate.not_before(), a.certificate.not_after()))
        });
        Ok(listing)
    }

    /// The entries the selector matches, newest first.
    pub fn select(&self, selector: &Selector) -> Result<(Vec<StoreEntry>, Listing)> {
        let listing = self.list()?;
        let matches: Vec<StoreEntry> = match selector {
            Selector::NewestCreated => listing
                .entries
                .iter()
                .find(|e| e.created_by_certkit)
                .cloned()
                .into_iter()
                .collect(),
            _ => listing
                .entries
                .iter()
                .filter(|e| selector.matches(&e.certificate))
                .cloned()
                .collect(),
        };
        Ok((matches, listing))
    }

    fn created_thumbprints(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.join(CREATED_INDEX))
            .unwrap_or_default()
            .lines()
            .map(|l| l.trim().to_ascii_uppercase())
            .filter(|l| !l.is_empty())
            .collect()
    }
}

impl Selector {
    pub fn matches(&self, cert: &Certificate) -> bool {
        match self {
            Selector::Thumbprint(hex) if hex.len() == 64 => {
                crate::thumbprint::hex_upper(&cert.digests().sha256) == *hex
            }
            Selector::Thumbprint(hex) => cert.thumbprint() == *hex,
            Selector::Subject(wanted) => subject_matches(cert, wanted),
            Selector::NewestCreated | Selector::All => true,
        }
    }

    /// How the selector reads in messages.
    pub fn describe(&self) -> String {
        match self {
            Selector::Thumbprint(t) => format!("thumbprint {t}"),
            Selector::Subject(s) => format!("the subject {s}"),
            Selector::NewestCreated => "the newest certificate certkit created".into(),
            Selector::All => "any certificate".into(),
        }
    }
}

/// A CN matches case-insensitively, as certutil's NAME argument does; a full subject matches
/// when it is the same name once spaces after separators are ignored.
fn subject_matches(cert: &Certificate, wanted: &str) -> bool {
    let wanted = wanted.trim();
    if wanted.contains('=') {
        return squash(cert.subject()).eq_ignore_ascii_case(&squash(wanted));
    }
    cert.common_name()
        .is_some_and(|cn| cn.to_lowercase() == wanted.to_lowercase())
}

fn squash(name: &str) -> String {
    name.replace(", ", ",").replace(" = ", "=")
}

fn read_entry(path: &Path) -> Result<(Certificate, bool)> {
    let bytes = fsio::read(path)?;
    let contents = pfx::read_pfx(&bytes, "", path)?;
    let index = contents.leaf_index.unwrap_or(0);
    let cert = contents.certificates.get(index).cloned().ok_or_else(|| {
        Error::bad_file(
            "PFX holds no certificate",
            path,
            "the file has no certificate bag",
            "remove it from the store, or import a PFX that holds a certificate",
        )
    })?;
    Ok((cert, contents.key.is_some()))
}

#[cfg(target_os = "linux")]
fn platform_dir() -> Result<PathBuf> {
    let home = dirs::home_dir().ok_or_else(|| Error::NotFound {
        why: "HOME is not set, so the user certificate store cannot be found".into(),
        hint: "set HOME, or pass --store DIR (or CERTKIT_STORE=DIR)".into(),
    })?;
    Ok(home.join(".dotnet/corefx/cryptography/x509stores/my"))
}

#[cfg(not(target_os = "linux"))]
fn platform_dir() -> Result<PathBuf> {
    let data = dirs::data_dir().ok_or_else(|| Error::NotFound {
        why: "the platform's data directory is unknown".into(),
        hint: "pass --store DIR (or set CERTKIT_STORE=DIR)".into(),
    })?;
    Ok(data.join("certkit").join("store").join("my"))
}
