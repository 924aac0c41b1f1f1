//! The command line, as clap derive structs only. Argument groups used by several commands
//! (password source, certificate selection, output) are defined once and flattened.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum, ValueHint};

pub const EXIT_CODES: &str = "\
Examples (the main job):
  certkit new --subject surveysapp     # key, certificate, PFX/PEM/.cer, user store
  certkit manifest patch app.json      # add it to the manifest downloaded from the portal
  certkit thumbprint surveysapp        # its SHA-1 thumbprint, for the app's settings

Environment:
  CERTKIT_STORE  the certificate store directory (default: .NET's CurrentUser\\My store on Linux)
  NO_COLOR       no colour in messages (colour is only used at a terminal anyway)

Exit codes:
  0  success (also when a manifest already holds the certificate)
  1  failure: unreadable or invalid input, I/O error, wrong password, a refused unsafe write
  2  usage: invalid arguments, missing password source without a terminal,
     a selection that matches several certificates
  3  no certificate (or manifest entry) matched the selection";

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
    /// Print only data and errors: no status lines on stderr
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

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
    #[command(subcommand, after_help = concat!("Examples:\n",
        "  certkit manifest patch app.json         # add the certificate certkit created last\n",
        "  certkit manifest show app.json          # dates, thumbprints, expired entries\n",
        "  certkit manifest remove app.json --expired --dry-run"))]
    Manifest(ManifestCommand),

    /// Edit an app's settings or user secrets
    #[command(subcommand, after_help = concat!("Examples:\n",
        "  certkit config patch appsettings.json\n",
        "  certkit config patch --project Surveys.csproj"))]
    Config(ConfigCommand),

    /// Print the keyCredentials JSON fragment for a certificate
    #[command(after_help = concat!("Examples:\n",
        "  certkit keycred                      # the certificate certkit created last\n",
        "  certkit keycred issued-by-ca.cer --schema aad"))]
    Keycred(KeycredArgs),

    /// The user certificate store (.NET's CurrentUser\My): list, show, import, export, remove
    #[command(subcommand, after_help = concat!("Examples:\n",
        "  certkit store list\n",
        "  certkit store show surveysapp\n",
        "  certkit store export surveysapp --pfx surveysapp.pfx --password-file pw.txt"))]
    Store(StoreCommand),

    /// Print everything about a certificate file, like certutil -dump
    #[command(after_help = concat!("Examples:\n",
        "  certkit dump surveysapp.pfx --password-file pw.txt\n",
        "  certkit dump issued-by-ca.cer --json"))]
    Dump(DumpArgs),

    /// Print a signed client-assertion JWT (or the token request that carries it), or check one
    #[command(after_help = concat!("Examples:\n",
        "  certkit assertion --client-id 6731de76-14a6-49ae-97bc-6eba6914391e \\\n",
        "      --tenant contoso.onmicrosoft.com\n",
        "  certkit assertion --client-id ID --tenant T --thumbprint 89569B9E... \\\n",
        "      --request --scope https://graph.microsoft.com/.default\n",
        "  certkit assertion --client-id ID --tenant T \\\n",
        "      --curl --scope https://graph.microsoft.com/.default | sh\n",
        "  certkit assertion --verify \"$JWT\""))]
    Assertion(AssertionArgs),

    /// Print a shell completion script
    #[command(after_help = concat!("Examples:\n",
        "  mkdir -p ~/.local/share/bash-completion/completions\n",
        "  certkit completions bash > ~/.local/share/bash-completion/completions/certkit\n",
        "  certkit completions zsh > \"${fpath[1]}/_certkit\""))]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff)
    #[command(after_help = concat!("Examples:\n",
        "  certkit man | man -l -\n",
        "  mkdir -p ~/.local/share/man/man1 && certkit man > ~/.local/share/man/man1/certkit.1"))]
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

    /// List a manifest's certificate credentials: dates, thumbprints, expired, expiring and malformed entries
    #[command(after_help = concat!("Examples:\n",
        "  certkit manifest show app.json\n",
        "  certkit manifest show app.json --json | jq '.credentials[] | select(.status == \"expired\")'"))]
    Show(ManifestShowArgs),

    /// Remove certificate credentials from a manifest, in place, touching nothing else
    #[command(after_help = concat!("Examples:\n",
        "  certkit manifest remove app.json --expired --dry-run\n",
        "  certkit manifest remove app.json --thumbprint 89569B9E426F9C89F6BB112012CC54F92B1ADD9B\n",
        "  certkit manifest remove app.json --key-id a229b752-17ec-4704-9971-4b4021745a1c --force"))]
    Remove(ManifestRemoveArgs),
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else
    #[command(after_help = concat!("Examples:\n",
        "  certkit config patch appsettings.json                    # the certificate certkit created last\n",
        "  certkit config patch --project Surveys.csproj --style asymmetric\n",
        "  certkit config patch appsettings.Development.json --source path --cert surveysapp.pfx --dry-run"))]
    Patch(ConfigPatchArgs),
}

#[derive(Subcommand, Debug)]
pub enum StoreCommand {
    /// List the store's certificates, newest first (like certutil -store -user my)
    #[command(after_help = concat!("Examples:\n",
        "  certkit store list\n",
        "  certkit store list surveys --json"))]
    List(StoreListArgs),
    /// Show one certificate (like certutil -store -user my NAME)
    #[command(after_help = concat!("Examples:\n",
        "  certkit store show surveysapp\n",
        "  certkit store show 89569B9E426F9C89F6BB112012CC54F92B1ADD9B --json"))]
    Show(StoreNameArgs),
    /// Put a PFX, or a PEM file with its key, into the store in the store's own format
    #[command(after_help = concat!("Examples:\n",
        "  certkit store import from-windows.pfx --password-file pw.txt\n",
        "  certkit store import bundle.pem"))]
    Import(StoreImportArgs),
    /// Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)
    #[command(after_help = concat!("Examples:\n",
        "  certkit store export surveysapp --pfx surveysapp.pfx --password-file pw.txt\n",
        "  certkit store export 89569B9E426F9C89F6BB112012CC54F92B1ADD9B --pem app.pem"))]
    Export(StoreExportArgs),
    /// Delete a certificate from the store (asks first; --yes without a terminal)
    #[command(after_help = concat!("Examples:\n",
        "  certkit store remove surveysapp\n",
        "  certkit store remove 89569B9E426F9C89F6BB112012CC54F92B1ADD9B --yes"))]
    Remove(StoreRemoveArgs),
}

#[derive(Args, Debug)]
pub struct StoreListArgs {
    /// Only certificates whose subject contains FILTER, or whose thumbprint starts with it
    pub filter: Option<String>,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct StoreNameArgs {
    /// A CN, full subject, or thumbprint
    #[arg(value_name = "NAME|THUMBPRINT")]
    pub name: String,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct StoreImportArgs {
    /// A PFX, or a PEM file holding the certificate and its private key
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    #[command(flatten)]
    pub store: StoreArgs,

    /// How to get FILE's password (a PFX)
    #[command(flatten)]
    pub password: PasswordArgs,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
#[command(group = clap::ArgGroup::new("output").required(true).args(["pfx", "pem"]))]
pub struct StoreExportArgs {
    /// A CN, full subject, or thumbprint
    #[arg(value_name = "NAME|THUMBPRINT")]
    pub name: String,

    /// Write a PFX (password from the password options, asked at a terminal)
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub pfx: Option<PathBuf>,

    /// Write the private key (PKCS#8; encrypted with a password option) and the certificate as
    /// PEM, mode 0600
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub pem: Option<PathBuf>,

    #[command(flatten)]
    pub store: StoreArgs,

    /// The password of the PFX written
    #[command(flatten)]
    pub password: PasswordArgs,

    #[command(flatten)]
    pub pfx_options: PfxArgs,

    /// Replace an existing output file
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct StoreRemoveArgs {
    /// A CN, full subject, or thumbprint
    #[arg(value_name = "NAME|THUMBPRINT")]
    pub name: String,

    /// Do not ask; required when there is no terminal
    #[arg(long, short = 'y')]
    pub yes: bool,

    #[command(flatten)]
    pub store: StoreArgs,
}

#[derive(Args, Debug)]
pub struct DumpArgs {
    /// A certificate file: PEM, DER, base64 or PFX
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    #[command(flatten)]
    pub password: PasswordArgs,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct AssertionArgs {
    /// The application (client) ID of the app registration
    #[arg(long, value_name = "ID", required_unless_present = "verify")]
    pub client_id: Option<String>,

    /// The directory (tenant) ID or domain; sets the audience
    #[arg(long, value_name = "TENANT", required_unless_present_any = ["verify", "audience"])]
    pub tenant: Option<String>,

    #[command(flatten)]
    pub select: SelectArgs,

    /// Sign with PS256 and name the certificate by x5t#S256 (as MSAL does) instead of RS256 with x5t
    #[arg(long)]
    pub pss: bool,

    /// Seconds until the assertion expires
    #[arg(long, value_name = "SECONDS", default_value_t = 600)]
    pub lifetime: u32,

    /// The aud claim [default: the tenant's token endpoint]
    #[arg(long, value_name = "URL")]
    pub audience: Option<String>,

    /// Use the v1 endpoint (/oauth2/token) instead of /oauth2/v2.0/token
    #[arg(long)]
    pub v1: bool,

    /// Print the form-encoded token request body instead of the bare JWT
    #[arg(long, conflicts_with = "curl")]
    pub request: bool,

    /// Print a curl command that sends the token request (the body goes through stdin)
    #[arg(long)]
    pub curl: bool,

    /// scope of the token request (v2.0), e.g. https://graph.microsoft.com/.default
    #[arg(long)]
    pub scope: Option<String>,

    /// resource of the token request (v1), e.g. https://graph.microsoft.com
    #[arg(long)]
    pub resource: Option<String>,

    /// Authorization code: makes the request an authorization_code grant
    #[arg(long)]
    pub code: Option<String>,

    /// Check a JWT (- reads it from stdin): signature, x5t, times and claims
    #[arg(long, value_name = "JWT", conflicts_with_all = ["pss", "request", "curl", "code", "scope", "resource"])]
    pub verify: Option<String>,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
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

    /// Answer yes to questions (replacing existing files)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ThumbprintArgs {
    /// A certificate file (PEM, DER, base64 or PFX), or a CN, subject or thumbprint to look up
    /// in the store
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

    #[command(flatten)]
    pub edit: EditArgs,

    /// Write through a symbolic link
    #[arg(long)]
    pub force: bool,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ManifestShowArgs {
    /// The manifest downloaded from the portal (or `az ad app show` output)
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
#[command(group(ArgGroup::new("which").required(true).args(["thumbprint", "key_id", "expired"])))]
pub struct ManifestRemoveArgs {
    /// The manifest downloaded from the portal (or `az ad app show` output)
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// The entries for this certificate: its SHA-1 thumbprint, pasted in any form
    #[arg(long)]
    pub thumbprint: Option<String>,

    /// The entry with this keyId
    #[arg(long, value_name = "ID")]
    pub key_id: Option<String>,

    /// Every entry whose end date has passed
    #[arg(long)]
    pub expired: bool,

    /// Remove even the last certificate the app can sign in with today; write through a symbolic link
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub edit: EditArgs,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
#[command(override_usage = "certkit config patch <FILE | --project CSPROJ> [OPTIONS]")]
// One of the two, named together when neither is given.
#[command(group(ArgGroup::new("target").required(true).args(["file", "project"])))]
pub struct ConfigPatchArgs {
    /// The appsettings.json or secrets.json to edit
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// Edit this project's user secrets (found from its <UserSecretsId>), creating secrets.json when missing; new settings there are flat "AzureAd:..." keys, as `dotnet user-secrets set` writes them. A directory stands for the one .csproj in it
    #[arg(long, value_name = "CSPROJ", value_hint = ValueHint::AnyPath)]
    pub project: Option<PathBuf>,

    /// Which settings to write [default: those the file already has, else msidweb]
    #[arg(long, value_enum)]
    pub style: Option<StyleArg>,

    /// Where the app loads the certificate from (msidweb only): the user store by thumbprint, or the PFX file
    #[arg(long, value_enum, default_value_t = SourceArg::Store)]
    pub source: SourceArg,

    #[command(flatten)]
    pub select: SelectArgs,

    #[command(flatten)]
    pub edit: EditArgs,

    /// Write through a symbolic link; create secrets.json in a user-secrets directory every user may write to
    #[arg(long)]
    pub force: bool,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct KeycredArgs {
    /// A certificate file; without it, --thumbprint, --subject, or the one certkit created last
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
pub enum StyleArg {
    /// AzureAd:Asymmetric {CertificateThumbprint, StoreName, StoreLocation, ValidationRequired}, as in the Surveys sample
    Asymmetric,
    /// Microsoft.Identity.Web: a credential description in AzureAd:ClientCredentials (or ClientCertificates)
    Msidweb,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceArg {
    /// CurrentUser/My, by thumbprint (where `certkit new` puts certificates)
    Store,
    /// The PFX file, by absolute path
    Path,
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

/// How `manifest patch|remove` and `config patch` write the file they edit in place.
#[derive(Args, Debug)]
pub struct EditArgs {
    /// Print a unified diff (secret values redacted) and write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Do not keep the previous content as FILE.bak
    #[arg(long)]
    pub no_backup: bool,
}
