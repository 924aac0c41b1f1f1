//! `certkit convert`: between PFX, PEM (certificates, key, bundle) and DER.
//!
//! The input's format comes from its content (input.rs); the output's from its extension or
//! `--to`. Outputs holding a key are written 0600 from creation, nothing is overwritten without
//! `force`, and a bundle is written key first, then the leaf, then the rest of the chain, the
//! order nginx, HAProxy and `openssl pkcs12 -export -in` expect.

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::fsio::{self, Visibility};
use crate::input::InputFile;
use crate::keyfile::{self, KeyFormat};
use crate::pfx::{self, PfxProfile};
use crate::secret::{Password, PasswordSource};
use crate::select;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// PKCS#12 with the key and every certificate.
    Pfx,
    /// PEM certificates: the leaf, then the others. No key.
    Pem,
    /// The leaf certificate alone, binary.
    Der,
    /// The private key alone, PEM.
    Key,
    /// PEM key, leaf, then the others.
    Bundle,
}

impl Target {
    /// `.pfx`/`.p12` → PFX, `.pem`/`.crt` → PEM, `.cer`/`.der` → DER, `.key` → key.
    pub fn from_extension(path: &Path) -> Option<Target> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pfx" | "p12" => Target::Pfx,
            "pem" | "crt" => Target::Pem,
            "cer" | "der" => Target::Der,
            "key" => Target::Key,
            _ => return None,
        })
    }

    /// `--to`, else the extension, else a usage error naming both.
    pub fn resolve(output: &Path, to: Option<Target>) -> Result<Target> {
        to.or_else(|| Target::from_extension(output)).ok_or_else(|| {
            Error::invalid(
                "output file name",
                output.display().to_string(),
                "its extension does not say which format to write",
                "name it .pfx/.p12, .pem/.crt, .cer/.der or .key, or pass --to pfx|pem|der|key|bundle",
            )
        })
    }

    /// Whether writing needs a password (PFX), may use one (key, bundle) or ignores it.
    pub fn password_use(self) -> PasswordUse {
        match self {
            Target::Pfx => PasswordUse::Required,
            Target::Key | Target::Bundle => PasswordUse::EncryptsKey,
            Target::Pem | Target::Der => PasswordUse::Ignored,
        }
    }

    /// What a file of this kind is, for messages.
    fn describe(self) -> &'static str {
        match self {
            Target::Pfx => "a PFX",
            Target::Pem => "a PEM certificate file",
            Target::Der => "a DER certificate",
            Target::Key => "a key file",
            Target::Bundle => "a PEM bundle",
        }
    }

    fn needs_key(self) -> bool {
        matches!(self, Target::Pfx | Target::Key | Target::Bundle)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordUse {
    Required,
    EncryptsKey,
    Ignored,
}

/// Everything `convert` needs besides the input file, resolved from the command line.
pub struct ConvertRequest {
    /// The input's path, for messages.
    pub input: PathBuf,
    pub output: PathBuf,
    pub target: Target,
    /// The PFX password, or the password that encrypts a key or bundle (None: unencrypted).
    pub output_password: Option<Password>,
    pub profile: PfxProfile,
    pub iterations: u32,
    pub key_format: KeyFormat,
    pub force: bool,
}

/// What was read and written, for the messages on stderr.
#[derive(Debug)]
pub struct ConvertOutcome {
    /// `InputFile::describe` of the input.
    pub read: String,
    pub written: String,
    pub thumbprint: String,
    /// Certificates of the input not written (DER holds one), and similar facts.
    pub notes: Vec<String>,
    /// Warnings from reading the input.
    pub warnings: Vec<String>,
}

/// Reads the input (any format, with `password` for a PFX or an encrypted PEM key).
pub fn read_input(path: &Path, password: &PasswordSource) -> Result<InputFile> {
    select::read_file(path, password)
}

/// Fails early, before any output password is asked for, when the target needs a key the input
/// does not offer.
pub fn check(file: &InputFile, path: &Path, target: Target) -> Result<()> {
    if target.needs_key() {
        file.require_key(path)?;
    }
    Ok(())
}

/// Writes `file` as the request says.
pub fn convert(file: InputFile, request: &ConvertRequest) -> Result<ConvertOutcome> {
    pfx::check_iterations(request.iterations)?;
    check(&file, &request.input, request.target)?;
    let mut warnings = Vec::new();
    if let Some(lost) = lost(&file, request.target) {
        if same_file(&request.input, &request.output) {
            return Err(Error::Refused {
                path: request.output.clone(),
                why: format!(
                    "it is the input file, and {} would not keep its {lost}, which replacing \
                     the file would lose for good",
                    request.target.describe()
                ),
                hint: "write to another file; --to bundle (or .pfx) keeps the key and every \
                       certificate"
                    .into(),
            });
        }
        if file.key.is_some() && !request.target.needs_key() {
            warnings.push(format!(
                "{} holds a private key, which {} cannot hold: {} gets no key (--to bundle, \
                 .key or .pfx write it)",
                request.input.display(),
                request.target.describe(),
                request.output.display()
            ));
        }
    }
    let (bytes, written) = encode(&file, request)?;
    let visibility = if request.target.needs_key() {
        Visibility::Private
    } else {
        Visibility::Public
    };
    fsio::write_new(&request.output, &bytes, visibility, request.force)?;
    let mut notes = Vec::new();
    let others = file.certificates.len() - 1;
    if request.target == Target::Der && others > 0 {
        notes.push(format!(
            "a DER file holds one certificate: the leaf was written, {others} other certificate{} \
             not (write .pem or --to bundle to keep them)",
            if others == 1 { " was" } else { "s were" }
        ));
    }
    Ok(ConvertOutcome {
        read: file.describe(),
        written,
        thumbprint: file.leaf_certificate().thumbprint(),
        notes,
        warnings: file.warnings.into_iter().chain(warnings).collect(),
    })
}

/// What of the input the target leaves out, if anything: the key, other certificates.
fn lost(file: &InputFile, target: Target) -> Option<&'static str> {
    let key = file.key.is_some() && !target.needs_key();
    let others = file.certificates.len() > 1 && target == Target::Der;
    let certificates = target == Target::Key;
    match (key, others || certificates) {
        (true, true) => Some("private key and certificates"),
        (true, false) => Some("private key"),
        (false, true) => Some("certificates"),
        (false, false) => None,
    }
}

/// Whether both paths name one file (same device and inode), such as `convert b.pem b.pem`.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// The output bytes and a description of them.
fn encode(file: &InputFile, request: &ConvertRequest) -> Result<(Zeroizing<Vec<u8>>, String)> {
    let leaf = file.leaf_certificate();
    let count = |n: usize| format!("{n} certificate{}", if n == 1 { "" } else { "s" });
    let certificates_pem = || {
        let mut text = leaf.to_pem();
        file.others().for_each(|c| text.push_str(&c.to_pem()));
        text
    };
    let password = request.output_password.as_ref().map(|p| p.as_str());
    Ok(match request.target {
        Target::Der => (
            Zeroizing::new(leaf.der().to_vec()),
            "DER certificate".into(),
        ),
        Target::Pem => (
            Zeroizing::new(certificates_pem().into_bytes()),
            format!("PEM, {} (leaf first)", count(file.certificates.len())),
        ),
        Target::Key => {
            let key = file.require_key(&request.input)?;
            let text = keyfile::key_pem(key, request.key_format, password)?;
            (
                bytes_of(text),
                key_description(request.key_format, password),
            )
        }
        Target::Bundle => {
            let key = file.require_key(&request.input)?;
            let mut text = keyfile::key_pem(key, request.key_format, password)?;
            text.push_str(&certificates_pem());
            let what = format!(
                "PEM bundle: {}, then {} (leaf first)",
                key_description(request.key_format, password),
                count(file.certificates.len())
            );
            (bytes_of(text), what)
        }
        Target::Pfx => encode_pfx(file, request)?,
    })
}

fn encode_pfx(file: &InputFile, request: &ConvertRequest) -> Result<(Zeroizing<Vec<u8>>, String)> {
    let key = file.require_key(&request.input)?;
    let leaf = file.leaf_certificate();
    let chain: Vec<_> = file.others().cloned().collect();
    let friendly_name = leaf
        .common_name()
        .unwrap_or_else(|| leaf.subject().to_owned());
    let password = request.output_password.as_ref().map_or("", |p| p.as_str());
    let bytes = pfx::write_pfx_with_chain(
        leaf,
        &chain,
        key,
        password,
        request.profile,
        request.iterations,
        &friendly_name,
    )?;
    let what = format!(
        "PFX (PKCS#12, {}, {} iterations): the key and {} certificate{}",
        request.profile.describe(),
        request.iterations,
        chain.len() + 1,
        if chain.is_empty() { "" } else { "s" }
    );
    Ok((bytes, what))
}

fn bytes_of(text: Zeroizing<String>) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(text.as_bytes().to_vec())
}

fn key_description(format: KeyFormat, password: Option<&str>) -> String {
    match (format, password) {
        (_, Some(_)) => {
            "private key, encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC)".into()
        }
        (KeyFormat::Pkcs8, None) => "private key, PKCS#8, unencrypted".into(),
        (KeyFormat::Pkcs1, None) => "private key, PKCS#1 (RSA PRIVATE KEY), unencrypted".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_from_extensions() {
        let t = |p: &str| Target::from_extension(Path::new(p));
        assert_eq!(t("a.PFX"), Some(Target::Pfx));
        assert_eq!(t("a.p12"), Some(Target::Pfx));
        assert_eq!(t("dir.d/a.crt"), Some(Target::Pem));
        assert_eq!(t("a.pem"), Some(Target::Pem));
        assert_eq!(t("a.cer"), Some(Target::Der));
        assert_eq!(t("a.der"), Some(Target::Der));
        assert_eq!(t("a.key"), Some(Target::Key));
        assert_eq!(t("a.txt"), None);
        assert_eq!(t("noext"), None);
        let err = Target::resolve(Path::new("out.bin"), None).unwrap_err();
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
        assert!(err.hint().contains("--to"));
        assert_eq!(
            Target::resolve(Path::new("out.bin"), Some(Target::Bundle)).unwrap(),
            Target::Bundle
        );
    }
}
