//! One file per subcommand: each turns parsed arguments into a library request, calls the
//! library and renders text or JSON. No cryptography or file-format logic lives here.

pub mod assertion;
pub mod config;
pub mod convert;
pub mod dump;
pub mod keycred;
pub mod manifest;
pub mod manifest_show;
pub mod new;
pub mod store;
pub mod thumbprint;

use certkit::keycred::Schema;
use certkit::secret::PasswordSource;
use certkit::select::Selection;
use certkit::store::{Selector, Store};
use certkit::Result;

use certkit::keyfile::KeyFormat;
use certkit::pfx::PfxProfile;

use crate::cli::{
    InPasswordArgs, KeyFormatArg, PasswordArgs, ProfileArg, SchemaArg, SelectArgs, StoreArgs,
};

/// Said once a PFX with the empty password (`--no-password`) has been written.
pub const EMPTY_PFX_PASSWORD: &str =
    "the PFX has an empty password; anyone who can read the file has the private key";

/// A dry run's unified diff: printed, or with `--json` returned for the JSON object, so that
/// stdout holds one JSON document a script can parse.
pub fn dry_run_diff(json: bool, diff: String) -> Option<String> {
    if json {
        return Some(diff);
    }
    print!("{diff}");
    None
}

pub fn password_source(args: &PasswordArgs) -> PasswordSource {
    if let Some(path) = &args.password_file {
        PasswordSource::File(path.clone())
    } else if let Some(var) = &args.password_env {
        PasswordSource::Env(var.clone())
    } else if args.password_stdin {
        PasswordSource::Stdin
    } else if args.no_password {
        PasswordSource::Empty
    } else {
        PasswordSource::Unspecified
    }
}

pub fn in_password_source(args: &InPasswordArgs) -> PasswordSource {
    if let Some(path) = &args.in_password_file {
        PasswordSource::File(path.clone())
    } else if let Some(var) = &args.in_password_env {
        PasswordSource::Env(var.clone())
    } else if args.in_password_stdin {
        PasswordSource::Stdin
    } else if args.in_no_password {
        PasswordSource::Empty
    } else {
        PasswordSource::Unspecified
    }
}

pub fn key_format(arg: KeyFormatArg) -> KeyFormat {
    match arg {
        KeyFormatArg::Pkcs8 => KeyFormat::Pkcs8,
        KeyFormatArg::Pkcs1 => KeyFormat::Pkcs1,
    }
}

pub fn pfx_profile(arg: ProfileArg) -> PfxProfile {
    match arg {
        ProfileArg::Modern => PfxProfile::Modern,
        ProfileArg::Legacy => PfxProfile::Legacy,
    }
}

pub fn open_store(args: &StoreArgs) -> Result<Store> {
    Store::locate(args.store.as_deref())
}

/// `--cert`, `--thumbprint`, `--subject`, or by default the certificate certkit created last.
pub fn selection(args: &SelectArgs) -> Result<Selection> {
    if let Some(path) = &args.cert {
        return Ok(Selection::File {
            path: path.clone(),
            password: password_source(&args.password),
        });
    }
    let selector = if let Some(t) = &args.thumbprint {
        Selector::Thumbprint(certkit::thumbprint::normalize(t)?)
    } else if let Some(s) = &args.subject {
        Selector::Subject(s.clone())
    } else {
        Selector::NewestCreated
    };
    Ok(Selection::Store {
        store: open_store(&args.store)?,
        selector,
    })
}

pub fn schema(arg: SchemaArg) -> Schema {
    match arg {
        SchemaArg::Graph => Schema::Graph,
        SchemaArg::Aad => Schema::AadGraph,
    }
}

/// Dates as users read them in messages: UTC, whole seconds.
pub fn human_date(t: time::OffsetDateTime) -> String {
    let f = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    t.to_offset(time::UtcOffset::UTC)
        .format(&f)
        .unwrap_or_else(|_| t.to_string())
}

/// Dates as JSON carries them: RFC 3339 UTC with a Z, whole seconds (as in manifests).
pub use certkit::keycred::format_date as json_date;

/// Prints what the library noticed while reading a file, one `warning: ...` line each.
pub fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        crate::ui::warn(warning);
    }
}

/// Replaces a file read with `fsio::read_for_edit`, saying so when it was read-only: like
/// `sed -i`, certkit replaces it (keeping the mode), but the user may have meant to protect it.
pub fn rewrite(
    editing: &certkit::fsio::Editing,
    text: &[u8],
    backup: bool,
    force: bool,
) -> Result<Option<std::path::PathBuf>> {
    if editing.read_only() {
        crate::ui::warn(format!(
            "{} is read-only; it is replaced all the same and stays read-only",
            editing.path().display()
        ));
    }
    editing.rewrite(text, backup, force)
}

/// Prints a JSON value pretty, with a final newline.
pub fn print_json(value: &serde_json::Value) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("JSON values always serialize")
    );
}
