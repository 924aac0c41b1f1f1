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
use crate::input::MAX_INPUT_BYTES;
use crate::keys::PrivateKey;
use crate::pfx::{self, PfxProfile};

pub(crate) const CREATED_INDEX: &str = ".certkit-created";

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
        self.check_created_index()?;
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
    /// Called once the certificate is in the store: a failure then must not hide what was
    /// written, so it comes back as a warning (None: recorded).
    pub fn record_created(&self, cert: &Certificate) -> Option<String> {
        let err = self.mark_created(cert).err()?;
        Some(format!(
            "{} is in the store, but certkit could not note that it created it: {err} ({}); \
             commands that default to the newest certificate certkit created will not choose \
             it, so name it with --thumbprint {}",
            cert.thumbprint(),
            err.hint(),
            cert.thumbprint()
        ))
    }

    /// Records that certkit created this certificate, so later commands can default to it.
    pub fn mark_created(&self, cert: &Certificate) -> Result<()> {
        let mut created = self.created_thumbprints()?;
        created.retain(|t| *t != cert.thumbprint());
        created.push(cert.thumbprint());
        self.write_created(&created)
    }

    /// Drops a thumbprint from the record of what certkit created.
    pub fn forget_created(&self, thumbprint: &str) -> Result<()> {
        let created = self.created_thumbprints()?;
        let kept: Vec<String> = created
            .iter()
            .filter(|t| !t.eq_ignore_ascii_case(thumbprint))
            .cloned()
            .collect();
        if kept.len() == created.len() {
            return Ok(());
        }
        self.write_created(&kept)
    }

    /// Fails before anything is written when the record cannot be read or updated afterwards
    /// (a directory or a device has its name, it is unreadable), so `new` and `import` do not
    /// stop half-way.
    pub fn check_created_index(&self) -> Result<()> {
        let index = self.dir.join(CREATED_INDEX);
        let refuse = |why: String| {
            Error::bad_file(
                "cannot record certificates in the store",
                &index,
                why,
                format!(
                    "certkit keeps the thumbprints it created there: make it a file you can \
                     read and write (chmod 600 {}), or move it out of the way",
                    index.display()
                ),
            )
        };
        match std::fs::symlink_metadata(&index) {
            Ok(meta) if !meta.file_type().is_file() => {
                return Err(refuse("it is not a regular file".into()))
            }
            Ok(_) => {}
            Err(_) => return Ok(()),
        }
        match std::fs::read(&index) {
            Ok(_) => Ok(()),
            Err(e) => Err(refuse(format!("it cannot be read: {e}"))),
        }
    }

    fn write_created(&self, thumbprints: &[String]) -> Result<()> {
        let text: String = thumbprints.iter().map(|t| format!("{t}\n")).collect();
        let index = self.dir.join(CREATED_INDEX);
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
        let created = self.created_thumbprints().unwrap_or_else(|e| {
            listing
                .unreadable
                .push((self.dir.join(CREATED_INDEX), e.to_string()));
            Vec::new()
        });
        for entry in dir.filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.extension().and_then(|e| e.to_str()) != Some("pfx") {
                continue;
            }
            // A FIFO or device named *.pfx would block or stream forever; .NET skips them too.
            let meta = std::fs::metadata(&path);
            if !meta.as_ref().is_ok_and(|m| m.is_file()) {
                listing
                    .unreadable
                    .push((path, "not a regular file".to_string()));
                continue;
            }
            // Every listing reads every entry: one huge file must not cost its size in memory.
            if let Some(len) = meta.ok().map(|m| m.len()).filter(|l| *l > MAX_INPUT_BYTES) {
                listing.unreadable.push((path, too_large(len)));
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
        for entry in &mut listing.entries {
            entry.created_by_certkit &= placed_by_certkit(entry);
        }
        listing.entries.sort_by(|a, b| {
            (b.certificate.not_before(), b.certificate.not_after())
                .cmp(&(a.certificate.not_before(), a.certificate.not_after()))
        });
        Ok(listing)
    }

    /// The entries the selector matches, newest first; for `NewestCreated`, the store files of
    /// the certificate certkit created last.
    pub fn select(&self, selector: &Selector) -> Result<(Vec<StoreEntry>, Listing)> {
        let listing = self.list()?;
        let matches: Vec<StoreEntry> = match selector {
            Selector::NewestCreated => last_created(&listing, &self.created_thumbprints()?)?,
            _ => listing
                .entries
                .iter()
                .filter(|e| selector.matches(&e.certificate))
                .cloned()
                .collect(),
        };
        Ok((matches, listing))
    }

    /// The thumbprints in `.certkit-created`, oldest first. A line that is not a thumbprint
    /// (a stray byte, an editor's mark) is skipped, never a reason to forget the others.
    fn created_thumbprints(&self) -> Result<Vec<String>> {
        let index = self.dir.join(CREATED_INDEX);
        let bytes = match std::fs::read(&index) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io("read", &index, e)),
        };
        Ok(String::from_utf8_lossy(&bytes)
            .lines()
            .filter_map(|l| crate::thumbprint::normalize(l.trim()).ok())
            .collect())
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

/// The entries of the last thumbprint in `created` (oldest first, as `.certkit-created` lists
/// them) that is still in the store. Creation order, not the certificates' dates: a
/// certificate made with a later --not-before or --not-after is not the one made last. When
/// that certificate's file cannot be read, the default is not quietly an older one.
fn last_created(listing: &Listing, created: &[String]) -> Result<Vec<StoreEntry>> {
    for thumbprint in created.iter().rev() {
        let files: Vec<StoreEntry> = listing
            .entries
            .iter()
            .filter(|e| e.created_by_certkit && e.certificate.thumbprint() == *thumbprint)
            .cloned()
            .collect();
        if !files.is_empty() {
            return Ok(files);
        }
        let named = |p: &Path| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(thumbprint.as_str()))
        };
        if let Some((path, why)) = listing.unreadable.iter().find(|(p, _)| named(p)) {
            return Err(Error::bad_file(
                "cannot read the newest certificate certkit created",
                path,
                why.clone(),
                format!(
                    "name the certificate to use with --thumbprint or --subject, or remove the \
                     damaged file (certkit store remove {thumbprint})"
                ),
            ));
        }
    }
    Ok(Vec::new())
}

/// Whether the entry is a file certkit placed, not only a certificate it created: certkit
/// writes `<THUMBPRINT>.pfx` (or `.1.pfx` … `.9.pfx`) with the key. A copy another program
/// put there under another name (or without the key) is not certkit's to delete unasked.
fn placed_by_certkit(entry: &StoreEntry) -> bool {
    let thumbprint = entry.certificate.thumbprint();
    let Some(name) = entry.path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some(rest) = name
        .strip_suffix(".pfx")
        .and_then(|stem| stem.strip_prefix(thumbprint.as_str()))
    else {
        return false;
    };
    let slot = rest.is_empty() || matches!(rest.as_bytes(), [b'.', b'1'..=b'9']);
    slot && entry.has_key
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

fn too_large(len: u64) -> String {
    format!(
        "{len} bytes, far more than a certificate and key (certkit reads store files up to \
         {} MiB)",
        MAX_INPUT_BYTES >> 20
    )
}

/// A store file's bytes, refused past `MAX_INPUT_BYTES` (also when it grew after the listing
/// looked at its size) without reading more than that.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::bad_file(
            "store file too large",
            path,
            too_large(bytes.len() as u64),
            "move it out of the store directory: a certificate and its key take a few KB",
        ));
    }
    Ok(bytes)
}

fn read_entry(path: &Path) -> Result<(Certificate, bool)> {
    let bytes = read_bounded(path)?;
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
