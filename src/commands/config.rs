//! `certkit config patch`

use std::path::{Path, PathBuf};

use certkit::appconfig::{self, Outcome, Request, Source, Style, StyleFrom};
use certkit::input::Format;
use certkit::secret::PasswordSource;
use certkit::select::{self, Selected, Selection};
use certkit::store::Selector;
use certkit::{diff, fsio, Certificate, Error, Result};
use serde_json::json;

use super::manifest::report_choice;
use super::{open_store, print_json, selection};
use crate::cli::{ConfigPatchArgs, SourceArg, StyleArg};

/// The file to edit and what kind it is.
struct Target {
    path: PathBuf,
    /// A user-secrets file: new settings in an empty one are flat keys.
    user_secrets: bool,
    /// The project file whose user secrets these are (`--project`, a directory resolved).
    project: Option<PathBuf>,
    /// Its content; None when a project's secrets.json does not exist yet.
    original: Option<Vec<u8>>,
    /// The lock on the file, held until it is written.
    editing: Option<fsio::Editing>,
}

pub fn patch(args: &ConfigPatchArgs) -> Result<()> {
    let target = target(args)?;
    let (cert, source) = certificate(args)?;
    let thumbprint = cert.thumbprint();
    let base = target
        .original
        .as_deref()
        .unwrap_or(appconfig::new_secrets_file().as_bytes());
    let request = Request {
        thumbprint: &thumbprint,
        style: args.style.map(|s| match s {
            StyleArg::Asymmetric => Style::Asymmetric,
            StyleArg::Msidweb => Style::MsIdWeb,
        }),
        source: source.clone(),
        flat_when_empty: target.user_secrets,
    };
    let outcome = appconfig::patch(base, &target.path, &request)?;
    report_style(&outcome);
    for change in &outcome.changes {
        crate::ui::status(format!("  {change}"));
    }
    let (backup, diff) = write(args, &target, &outcome)?;
    // Was changed, or with --dry-run would be.
    let changed = target.original.is_none() || !outcome.changes.is_empty();
    if args.json {
        print_json(&json!({
            "file": target.path,
            "project": target.project,
            "created": changed && target.original.is_none(),
            "style": outcome.style.as_str(),
            "style_from": match outcome.style_from {
                StyleFrom::Given => "given",
                StyleFrom::Detected => "detected",
                StyleFrom::Default => "default",
            },
            "source": match &source { Source::Store => "store", Source::Path(_) => "path" },
            "certificate_path": match &source { Source::Path(p) => Some(p), Source::Store => None },
            "thumbprint": thumbprint,
            "changes": outcome.changes,
            "changed": changed,
            "dry_run": args.edit.dry_run,
            "backup": backup,
            "diff": diff,
        }));
    }
    Ok(())
}

/// FILE, or the secrets.json of `--project`.
fn target(args: &ConfigPatchArgs) -> Result<Target> {
    let Some(project) = &args.project else {
        let path = args
            .file
            .clone()
            .expect("clap requires FILE without --project");
        let user_secrets = path.file_name().is_some_and(|n| n == "secrets.json");
        let (original, editing) = fsio::read_for_edit(&path)?;
        return Ok(Target {
            path,
            user_secrets,
            project: None,
            original: Some(original),
            editing: Some(editing),
        });
    };
    let project = appconfig::project_file(project)?;
    let id = appconfig::secrets_id(&fsio::read(&project)?, &project)?;
    let path = appconfig::secrets_path(&id)?;
    crate::ui::status(format!(
        "user secrets of {} (UserSecretsId {id}): {}",
        project.display(),
        path.display()
    ));
    let (original, editing) = match fsio::read_for_edit(&path) {
        Ok((text, editing)) => (Some(text), Some(editing)),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            (None, None)
        }
        Err(e) => return Err(e),
    };
    Ok(Target {
        path,
        user_secrets: true,
        project: Some(project),
        original,
        editing,
    })
}

/// The selected certificate, and where the app will load it from.
fn certificate(args: &ConfigPatchArgs) -> Result<(Certificate, Source)> {
    let selection = selection(&args.select)?;
    match (args.source, selection) {
        (SourceArg::Path, Selection::File { path, password }) => pfx_file(&path, &password),
        (SourceArg::Path, selection) => {
            let selected = select::one(&selection)?;
            report_choice(&selected);
            let entry = selected.entry.expect("a store selection has an entry");
            if !entry.has_key {
                let why = "its store entry has no private key";
                let hint = "pick one certkit created, or import its PFX";
                return Err(Error::bad_file(
                    "cannot use the certificate",
                    &entry.path,
                    why,
                    hint,
                ));
            }
            Ok((selected.certificate, Source::Path(absolute(&entry.path)?)))
        }
        (SourceArg::Store, selection) => {
            let selected = select::one(&selection)?;
            report_choice(&selected);
            if selected.entry.is_none() {
                warn_if_not_in_store(args, &selected.certificate)?;
            }
            Ok((selected.certificate, Source::Store))
        }
    }
}

/// `--source path --cert FILE`: the file must be a PFX with the key, since the app loads it.
fn pfx_file(path: &Path, password: &PasswordSource) -> Result<(Certificate, Source)> {
    let file = select::read_file(path, password)?;
    if file.format != Format::Pkcs12 || file.key.is_none() {
        let what = format!(
            "{} file{}",
            file.format.name(),
            if file.key.is_none() {
                " without a key"
            } else {
                ""
            }
        );
        return Err(Error::invalid(
            "certificate file",
            path.display().to_string(),
            format!("--source path needs a PFX with the private key; this is a {what}"),
            "pass the .pfx that `certkit new` wrote, or use --source store",
        ));
    }
    warn_if_password(path);
    let selected = Selected::from_file(file);
    report_choice(&selected);
    Ok((selected.certificate, Source::Path(absolute(path)?)))
}

/// The app will look in the store: say so when the certificate is not there.
fn warn_if_not_in_store(args: &ConfigPatchArgs, cert: &Certificate) -> Result<()> {
    let store = open_store(&args.select.store)?;
    let (found, _) = store.select(&Selector::Thumbprint(cert.thumbprint()))?;
    if found.is_empty() {
        crate::ui::warn(format!(
            "{} is not in the store {}, where the app will look for it; put it there (with its key) or use --source path",
            cert.subject(),
            store.dir().display()
        ));
    }
    Ok(())
}

/// Microsoft.Identity.Web needs a PFX's password as CertificatePassword; certkit never
/// writes secrets into settings.
fn warn_if_password(path: &Path) {
    let opens = fsio::read(path)
        .ok()
        .is_some_and(|bytes| certkit::input::read_certificates(&bytes, path, None).is_ok());
    if !opens {
        crate::ui::warn(format!(
            "{} has a password; the app needs it as CertificatePassword in this description — put that in user secrets, not appsettings.json",
            path.display()
        ));
    }
}

/// The path as the app must see it, wherever it runs from.
fn absolute(path: &Path) -> Result<String> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io("resolve", path, e))?;
    absolute.to_str().map(str::to_string).ok_or_else(|| {
        let why = "the path is not valid UTF-8, so it cannot go into a JSON file";
        Error::bad_file(
            "cannot use the certificate",
            path,
            why,
            "move the PFX to a plain path",
        )
    })
}

fn report_style(outcome: &Outcome) {
    let style = outcome.style.as_str();
    match outcome.style_from {
        StyleFrom::Given => crate::ui::status(format!("style: {style}")),
        StyleFrom::Detected => crate::ui::status(format!("style: {style} (the file already uses it)")),
        StyleFrom::Default => crate::ui::status(format!(
            "style: {style} (default: the file names no certificate settings yet; --style asymmetric writes AzureAd:Asymmetric instead)"
        )),
    }
}

/// The diff, the write, or nothing; returns (backup path, diff kept for --json).
fn write(
    args: &ConfigPatchArgs,
    target: &Target,
    outcome: &Outcome,
) -> Result<(Option<PathBuf>, Option<String>)> {
    let file = target.path.display();
    let old = target.original.as_deref().unwrap_or_default();
    if target.original.is_some() && outcome.changes.is_empty() {
        crate::ui::status(format!(
            "{file} already names this certificate; nothing to do"
        ));
        return Ok((None, None));
    }
    if args.edit.dry_run {
        let redact = |text: &[u8]| appconfig::redact_secrets(text, &target.path);
        let text = diff::unified(&redact(old), &redact(&outcome.text), &target.path);
        let diff = super::dry_run_diff(args.json, text);
        crate::ui::status(format!(
            "dry run: {file} was not {}",
            if target.original.is_some() {
                "changed"
            } else {
                "created"
            }
        ));
        return Ok((None, diff));
    }
    if target.original.is_none() {
        let dir = target
            .path
            .parent()
            .expect("a secrets path has a directory");
        fsio::create_private_dir(dir)?;
        fsio::write_new(
            &target.path,
            &outcome.text,
            fsio::Visibility::Private,
            args.force,
        )
        .map_err(|e| match e {
            // The directory holds secrets: making it private is the better fix.
            Error::UnsafePath { path, why, .. } if path == dir => Error::Refused {
                hint: format!(
                    "make it private (chmod 700 {}), or pass --force if you trust everyone who can write to it",
                    path.display()
                ),
                path,
                why,
            },
            // Another run (certkit's or `dotnet user-secrets`) created it since it was found
            // missing: its content must not be replaced blindly, and a new run will edit it.
            Error::AlreadyExists { path, .. } => Error::Refused {
                why: "it was created by another program while certkit was creating it; nothing was changed".into(),
                hint: "run the command again: it will edit the file that is there now".into(),
                path,
            },
            e => e,
        })?;
        crate::ui::status(format!("created {file}"));
        return Ok((None, None));
    }
    let editing = target
        .editing
        .as_ref()
        .expect("an existing file is being edited");
    let backup = super::rewrite(editing, &outcome.text, !args.edit.no_backup, args.force)?;
    crate::ui::status(format!(
        "updated {file}{}",
        backup
            .as_ref()
            .map(|b| format!(" (previous content in {})", b.display()))
            .unwrap_or_default()
    ));
    // Never silenced: the secret the edit removed is still on disk, beside the project.
    if let (Some(backup), true) = (&backup, outcome.removed_secret) {
        crate::ui::warn(format!(
            "the backup {} still holds the client secret you removed; delete it once the app signs in with the certificate (or pass --no-backup)",
            backup.display()
        ));
    }
    Ok((backup, None))
}
