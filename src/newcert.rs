//! `certkit new`: generate the certificate, write its files and place it in the user store,
//! all or nothing.

use std::path::{Path, PathBuf};

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::fsio::{Batch, Visibility};
use crate::keyfile::{self, KeyFormat};
use crate::keys::PrivateKey;
use crate::pfx::{self, PfxProfile};
use crate::selfsigned::{Generated, NewCertificateRequest};
use crate::store::Store;

/// Everything `new` needs, resolved from the command line.
pub struct NewRequest {
    pub certificate: NewCertificateRequest,
    pub out_dir: PathBuf,
    /// None: do not touch the store (`--no-store`).
    pub store: Option<Store>,
    pub password: crate::secret::Password,
    pub profile: PfxProfile,
    pub iterations: u32,
    /// PEM form of NAME.key.
    pub key_format: KeyFormat,
    /// With a password, NAME.key is encrypted PKCS#8.
    pub key_password: Option<crate::secret::Password>,
    pub force: bool,
}

/// What `new` made and where it put it.
pub struct NewOutcome {
    pub certificate: Certificate,
    pub files: OutputFiles,
    pub store_path: Option<PathBuf>,
    /// What went wrong after the files were written (the store's record of what certkit
    /// created): reported, never a failure that would hide the thumbprint.
    pub warnings: Vec<String>,
}

pub struct OutputFiles {
    pub pfx: PathBuf,
    pub cer: PathBuf,
    pub pem: PathBuf,
    pub key: PathBuf,
}

impl OutputFiles {
    /// Files are named after the CN (`surveysapp.pfx`), as the PowerShell script named them.
    pub fn for_certificate(dir: &Path, cert: &Certificate) -> Self {
        let name = cert.common_name().unwrap_or_else(|| cert.thumbprint());
        Self::named(dir, &name)
            .unwrap_or_else(|| Self::named(dir, &cert.thumbprint()).expect("hex is a file name"))
    }

    /// The files `new` will write for a subject, known before the key exists (to ask about
    /// overwriting first); None when the subject has no usable CN.
    pub fn for_subject(dir: &Path, subject: &str) -> Option<Self> {
        let parsed = crate::subject::parse_subject(subject).ok()?;
        Self::named(dir, parsed.common_name()?)
    }

    pub fn all(&self) -> [&Path; 4] {
        [&self.pfx, &self.cer, &self.pem, &self.key]
    }

    fn named(dir: &Path, name: &str) -> Option<Self> {
        let stem = file_stem(name)?;
        // `--out .` (the default) prints as `surveysapp.pfx`, not `./surveysapp.pfx`.
        let dir = if dir == Path::new(".") {
            Path::new("")
        } else {
            dir
        };
        Some(OutputFiles {
            pfx: dir.join(format!("{stem}.pfx")),
            cer: dir.join(format!("{stem}.cer")),
            pem: dir.join(format!("{stem}.pem")),
            key: dir.join(format!("{stem}.key")),
        })
    }
}

/// Writes the generated certificate's files and store entry, all or nothing. Generation
/// (`selfsigned::generate`) is the caller's, so a front end can show progress meanwhile.
pub fn place(request: &NewRequest, generated: Generated) -> Result<NewOutcome> {
    check_out_dir(&request.out_dir)?;
    let (cert, key) = (generated.certificate, generated.key);
    let files = OutputFiles::for_certificate(&request.out_dir, &cert);
    let mut batch = Batch::new(request.force);
    stage_files(&mut batch, request, &files, &cert, &key)?;
    let store_path = match &request.store {
        Some(store) => Some(store.stage_add(&mut batch, &cert, &key, request.profile)?),
        None => None,
    };
    batch.commit()?;
    let warnings = request
        .store
        .as_ref()
        .and_then(|store| store.record_created(&cert))
        .into_iter()
        .collect();
    Ok(NewOutcome {
        certificate: cert,
        files,
        store_path,
        warnings,
    })
}

/// Checked before the (slow) key generation, so a typo in --out fails at once.
pub fn check_out_dir(out_dir: &Path) -> Result<()> {
    if out_dir.is_dir() {
        return Ok(());
    }
    Err(Error::io(
        "write into",
        out_dir,
        std::io::Error::new(std::io::ErrorKind::NotFound, "no such directory"),
    ))
}

fn stage_files(
    batch: &mut Batch,
    request: &NewRequest,
    files: &OutputFiles,
    cert: &Certificate,
    key: &PrivateKey,
) -> Result<()> {
    let friendly_name = cert
        .common_name()
        .unwrap_or_else(|| cert.subject().to_owned());
    let pfx_bytes = pfx::write_pfx(
        cert,
        key,
        &request.password,
        request.profile,
        request.iterations,
        &friendly_name,
    )?;
    batch.stage(&files.pfx, &pfx_bytes, Visibility::Private)?;
    batch.stage(&files.cer, cert.der(), Visibility::Public)?;
    batch.stage(&files.pem, cert.to_pem().as_bytes(), Visibility::Public)?;
    let key_pem = keyfile::key_pem(
        key,
        request.key_format,
        request.key_password.as_ref().map(|p| p.as_str()),
    )?;
    batch.stage(&files.key, key_pem.as_bytes(), Visibility::Private)?;
    Ok(())
}

/// File systems allow 255 bytes (ext4) or 255 UTF-16 units (NTFS) per name; 200 bytes leaves
/// room for `.pfx`, `.bak` and the like on all of them.
const MAX_STEM_BYTES: usize = 200;

/// A file name from the CN with characters that are unsafe in paths on any OS replaced, and a
/// long CN (up to 64 characters is the X.509 bound, but nothing enforces it) cut short at a
/// character boundary, so that `new` does not fail with "File name too long" after the key was
/// made.
fn file_stem(name: &str) -> Option<String> {
    let mut cleaned = String::new();
    for c in name.chars() {
        let c = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        };
        if cleaned.len() + c.len_utf8() > MAX_STEM_BYTES {
            break;
        }
        cleaned.push(c);
    }
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_at_a_character_to_fit_every_file_system() {
        let stem = file_stem(&"a".repeat(300)).unwrap();
        assert_eq!(stem.len(), MAX_STEM_BYTES);
        // Four-byte characters are never split; a cut that leaves a trailing dot drops it.
        let stem = file_stem(&"\u{1F600}".repeat(100)).unwrap();
        assert_eq!(stem.len(), 200);
        let stem = file_stem(&format!("{}.b", "a".repeat(199))).unwrap();
        assert_eq!(stem, "a".repeat(199));
        let files = OutputFiles::named(Path::new("out"), &"x".repeat(300)).unwrap();
        let name = files.pfx.file_name().unwrap().len();
        assert!(name <= 255 - ".bak".len(), "{name}");
    }
}
