//! The command line, as clap derive structs only. Argument groups used by several commands
//! (password source, certificate selection, output) are defined once and flattened.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};

pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (also when a manifest already holds the certificate)
  1  failure: unreadable or invalid input, I/O error, wrong password
  2  usage: invalid arguments, missing password source without a terminal
  3  no certificate matched the selection";

#[derive(Parser, Debug)]
#[command(
    name = "certkit",
    version,
    about = "Certificate credentials for Microsoft Entra app registrations, on every OS",
    long_about = "Creates a self-signed certificate for an app registration, adds it to the \
                  downloaded application manifest, and finds its thumbprint again: the \
                  New-SelfSignedCertificate + certutil routine, on Linux, macOS and Windows.",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store
    #[command(after_help = concat!("Examples:\n",
        "  certkit new --subject surveysapp\n",
        "  certkit new --subject 'CN=svc,O=Contoso\\, Inc.,C=US' --days 730 --out certs --password-file pw.txt\n",
        "  certkit new --subject surveysapp --no-password --json"))]
    New(NewArgs),

    /// Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file
    #[command(after_help = concat!("Examples:\n",
        "  certkit thumbprint                  # list the store, newest first\n",
        "  certkit thumbprint surveysapp       # just the thumbprint, for $(...)\n",
        "  certkit thumbprint app.pem --sha256 --format colons"))]
    Thumbprint(ThumbprintArgs),

    /// Edit a downloaded application manifest
    #[command(subcommand)]
    Manifest(ManifestCommand),

    /// Print the keyCredentials JSON fragment for a certificate
    #[command(after_help = concat!("Examples:\n",
        "  certkit keycred                      # the newest certificate certkit created\n",
        "  certkit keycred issued-by-ca.cer --schema aad"))]
    Keycred(KeycredArgs),

    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff)
    Man,

    /// Convert between PFX, PEM (certificates, key, bundle) and DER
    #[command(after_help = concat!("Examples:\n",
        "  certkit convert app.pfx app.pem --in-password-file pw.txt       # certificates, leaf first\n",
        "  certkit convert app.pfx app.key --in-password-env PFX_PW         # the key, unencrypted, mode 0600\n",
        "  certkit convert bundle.pem app.pfx --password-file out-pw.txt --pfx-profile legacy\n",
        "  certkit convert app.pfx out.pem --to bundle --in-password-file pw.txt --password-env KEY_PW\n\n",
        "The input's format comes from its content; the output's from its extension:\n",
        "  .pfx .p12 -> PKCS#12   .pem .crt -> PEM certificates   .cer .der -> DER   .key -> PEM key\n",
        "--to bundle writes the key, then the leaf, then the chain."))]
    Convert(ConvertArgs),
}

#[derive(Subcommand, Debug)]
pub enum ManifestCommand {
    /// Add a certificate credential to a manifest, in place, touching nothing else
    #[command(after_help = concat!("Examples:\n",
        "  certkit manifest patch app.json\n",
        "  certkit manifest patch app.json --cert surveysapp.cer --dry-run\n",
        "  certkit manifest patch app.json --subject surveysapp --schema aad --no-backup"))]
    Patch(ManifestPatchArgs),
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// Subject: a bare name becomes CN=NAME; a full RFC 4514 name is used as given [asked at a terminal when missing]
    #[arg(long, short = 's')]
    pub subject: Option<String>,

    /// RSA key size in bits
    #[arg(long, default_value_t = 2048, value_parser = clap::value_parser!(u32))]
    pub key_size: u32,

    /// Validity in days from NotBefore [default: one year]
    #[arg(long, conflicts_with = "not_after")]
    pub days: Option<u32>,

    /// NotBefore, RFC 3339 (e.g. 2027-01-01T00:00:00Z) [default: now minus 10 minutes]
    #[arg(long)]
    pub not_before: Option<String>,

    /// NotAfter, RFC 3339
    #[arg(long)]
    pub not_after: Option<String>,

    /// Add a DNS subject alternative name (repeatable)
    #[arg(long = "dns", value_name = "NAME")]
    pub dns_names: Vec<String>,

    /// Directory for NAME.pfx, NAME.cer, NAME.pem and NAME.key
    #[arg(long, value_name = "DIR", default_value = ".", value_hint = ValueHint::DirPath)]
    pub out: PathBuf,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Do not add the certificate to the user store
    #[arg(long)]
    pub no_store: bool,

    #[command(flatten)]
    pub password: PasswordArgs,

    #[command(flatten)]
    pub pfx: PfxArgs,

    #[command(flatten)]
    pub key_out: KeyOutArgs,

    /// Replace existing output files
    #[arg(long)]
    pub force: bool,

    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ThumbprintArgs {
    /// A certificate file (PEM, DER, base64 or PFX), or a CN/subject to look up in the store
    #[arg(value_name = "FILE|NAME", value_hint = ValueHint::FilePath)]
    pub target: Option<String>,

    /// Only certificates with this CN or full subject
    #[arg(long)]
    pub subject: Option<String>,

    /// Print SHA-256 instead of SHA-1
    #[arg(long)]
    pub sha256: bool,

    /// How to print the digest
    #[arg(long, value_enum, default_value_t = DigestFormat::Hex)]
    pub format: DigestFormat,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub password: PasswordArgs,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ManifestPatchArgs {
    /// The manifest downloaded from the portal (or `az ad app show` output)
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    #[command(flatten)]
    pub select: SelectArgs,

    /// Manifest schema [default: detected from the document]
    #[arg(long, value_enum)]
    pub schema: Option<SchemaArg>,

    /// Print a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Do not keep the previous content as FILE.bak
    #[arg(long)]
    pub no_backup: bool,

    /// Write through a symbolic link
    #[arg(long)]
    pub force: bool,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct KeycredArgs {
    /// A certificate file; without it, --thumbprint, --subject, or the newest certkit created
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    #[command(flatten)]
    pub select: SelectArgs,

    /// Manifest schema of the fragment
    #[arg(long, value_enum, default_value_t = SchemaArg::Graph)]
    pub schema: SchemaArg,
}

/// Which certificate a command works on.
#[derive(Args, Debug, Default)]
pub struct SelectArgs {
    /// A certificate file (PEM, DER, base64 or PFX)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, conflicts_with_all = ["thumbprint", "subject"])]
    pub cert: Option<PathBuf>,

    /// A certificate in the store, by SHA-1 (or SHA-256) thumbprint
    #[arg(long, conflicts_with = "subject")]
    pub thumbprint: Option<String>,

    /// A certificate in the store, by CN or full subject
    #[arg(long)]
    pub subject: Option<String>,

    #[command(flatten)]
    pub store: StoreArgs,

    #[command(flatten)]
    pub password: PasswordArgs,
}

#[derive(Args, Debug, Default, Clone)]
pub struct StoreArgs {
    /// The certificate store directory [env: CERTKIT_STORE; default: .NET's CurrentUser\My]
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub store: Option<PathBuf>,
}

#[derive(Args, Debug, Default, Clone)]
#[group(multiple = false)]
pub struct PasswordArgs {
    /// Read the PFX password from the first line of FILE
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub password_file: Option<PathBuf>,

    /// Read the PFX password from environment variable VAR
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,

    /// Read the PFX password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,

    /// Use an empty PFX password (the file still carries a MAC)
    #[arg(long)]
    pub no_password: bool,
}

#[derive(Args, Debug, Clone)]
pub struct PfxArgs {
    /// PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)
    #[arg(long, value_enum, default_value_t = ProfileArg::Modern)]
    pub pfx_profile: ProfileArg,

    /// PBKDF iteration count for the PFX (at most 600000: Windows refuses more)
    #[arg(long, value_name = "N", default_value_t = 2048)]
    pub pfx_iterations: u32,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestFormat {
    Hex,
    Colons,
    Base64,
    Base64url,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaArg {
    /// Microsoft Graph: key, startDateTime, endDateTime, displayName
    Graph,
    /// Azure AD Graph (legacy): value, startDate, endDate
    Aad,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileArg {
    Modern,
    Legacy,
}

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The file to read: PFX, PEM, DER or base64 (the format comes from the content)
    #[arg(value_name = "IN", value_hint = ValueHint::FilePath)]
    pub input: PathBuf,

    /// The file to write; its extension picks the format unless --to is given
    #[arg(value_name = "OUT", value_hint = ValueHint::FilePath)]
    pub output: PathBuf,

    /// What to write [default: from OUT's extension]
    #[arg(long, value_enum)]
    pub to: Option<ConvertTo>,

    #[command(flatten)]
    pub in_password: InPasswordArgs,

    /// Password for OUT (the PFX password, or the password that encrypts a .key or bundle)
    #[command(flatten)]
    pub password: PasswordArgs,

    #[command(flatten)]
    pub pfx: PfxArgs,

    /// PEM form of a written private key
    #[arg(long, value_enum, default_value_t = KeyFormatArg::Pkcs8)]
    pub key_format: KeyFormatArg,

    /// Replace OUT if it exists
    #[arg(long)]
    pub force: bool,
}

/// The password of the file being read (a PFX, or a PEM bundle with an encrypted key).
#[derive(Args, Debug, Default, Clone)]
#[group(multiple = false)]
pub struct InPasswordArgs {
    /// Read IN's password from the first line of FILE
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub in_password_file: Option<PathBuf>,

    /// Read IN's password from environment variable VAR
    #[arg(long, value_name = "VAR")]
    pub in_password_env: Option<String>,

    /// Read IN's password from the first line of standard input
    #[arg(long, conflicts_with = "password_stdin")]
    pub in_password_stdin: bool,

    /// IN has an empty password
    #[arg(long)]
    pub in_no_password: bool,
}

/// How `new` writes the private key file.
#[derive(Args, Debug, Default, Clone)]
pub struct KeyOutArgs {
    /// PEM form of the private key file: pkcs8 (PRIVATE KEY) or pkcs1 (RSA PRIVATE KEY)
    #[arg(long, value_enum, default_value_t = KeyFormatArg::Pkcs8)]
    pub key_format: KeyFormatArg,

    /// Encrypt the key file (PKCS#8, AES-256) with the password on the first line of FILE
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath, group = "key_password")]
    pub key_password_file: Option<PathBuf>,

    /// Encrypt the key file with the password in environment variable VAR
    #[arg(long, value_name = "VAR", group = "key_password")]
    pub key_password_env: Option<String>,

    /// Encrypt the key file with the password on the first line of standard input
    #[arg(long, group = "key_password", conflicts_with = "password_stdin")]
    pub key_password_stdin: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyFormatArg {
    #[default]
    Pkcs8,
    Pkcs1,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConvertTo {
    /// PKCS#12 with the key and every certificate
    Pfx,
    /// PEM certificates, leaf first (no key)
    Pem,
    /// The leaf certificate, binary
    Der,
    /// The private key, PEM
    Key,
    /// PEM: the key, the leaf, then the chain
    Bundle,
}
