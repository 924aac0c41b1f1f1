//! `certkit manifest patch` and `certkit manifest remove` (`show` is in manifest_show.rs).

use certkit::keycred::KeyCredential;
use certkit::manifest::{self, Change, Criterion, Removal};
use certkit::select::{self, Selected};
use certkit::{diff, fsio, Result};
use serde_json::json;
use time::OffsetDateTime;

use super::manifest_show::{entry_json, entry_text};
use super::{human_date, print_json, schema, selection};
use crate::cli::{ManifestPatchArgs, ManifestRemoveArgs};

pub fn patch(args: &ManifestPatchArgs) -> Result<()> {
    // The manifest first: a wrong path should fail before a certificate is chosen and named.
    let (original, editing) = fsio::read_for_edit(&args.file)?;
    let selected = select::one(&selection(&args.select)?)?;
    report_choice(&selected);
    let cert = &selected.certificate;
    let credential = KeyCredential::for_certificate(cert);
    let outcome = manifest::patch(
        &original,
        &args.file,
        &credential,
        cert,
        args.schema.map(schema),
    )?;
    let how = if outcome.detected {
        "detected"
    } else {
        "from --schema"
    };
    crate::ui::status(format!("schema: {} ({how})", outcome.schema.name()));
    super::print_warnings(&outcome.warnings);
    // Whether the file was changed, or with --dry-run would be.
    let changed = matches!(outcome.change, Change::Inserted { .. });
    let mut diff = None;
    let (key_id, backup) = match &outcome.change {
        Change::AlreadyPresent { key_id } => {
            crate::ui::status(format!(
                "{} already holds this certificate{}; nothing to do",
                args.file.display(),
                key_id
                    .as_deref()
                    .map(|k| format!(" (keyId {})", super::manifest_show::printable(k)))
                    .unwrap_or_default()
            ));
            (key_id.clone(), None)
        }
        Change::Inserted { .. } if args.edit.dry_run => {
            let text = diff::unified(&original, &outcome.text, &args.file);
            diff = super::dry_run_diff(args.json, text);
            crate::ui::status(format!("dry run: {} was not changed", args.file.display()));
            (Some(credential.key_id().to_string()), None)
        }
        Change::Inserted { .. } => {
            let backup = super::rewrite(&editing, &outcome.text, !args.edit.no_backup, args.force)?;
            crate::ui::status(format!(
                "added keyId {} to {}{}",
                credential.key_id(),
                args.file.display(),
                backup
                    .as_ref()
                    .map(|b| format!(" (previous content in {})", b.display()))
                    .unwrap_or_default()
            ));
            crate::ui::status(format!(
                "next: upload {} in the portal's Manifest blade",
                args.file.display()
            ));
            (Some(credential.key_id().to_string()), backup)
        }
    };
    if args.json {
        print_json(&json!({
            "file": args.file,
            "schema": outcome.schema.as_str(),
            "schema_detected": outcome.detected,
            "changed": changed,
            "dry_run": args.edit.dry_run,
            "key_id": key_id,
            "thumbprint": cert.thumbprint(),
            "backup": backup,
            "diff": diff,
        }));
    }
    Ok(())
}

/// Says on stderr which certificate was chosen, so a default choice is never silent.
pub fn report_choice(selected: &Selected) {
    super::print_warnings(&selected.warnings);
    let cert = &selected.certificate;
    crate::ui::status(format!(
        "using {}, {}, valid until {}",
        cert.subject(),
        cert.thumbprint(),
        human_date(cert.not_after())
    ));
    for other in &selected.others {
        crate::ui::status(format!(
            "note: the file also holds {} ({}), not used",
            other.subject(),
            other.thumbprint()
        ));
    }
}

pub fn remove(args: &ManifestRemoveArgs) -> Result<()> {
    let criterion = if let Some(t) = &args.thumbprint {
        Criterion::thumbprint(t)?
    } else if let Some(id) = &args.key_id {
        Criterion::KeyId(id.clone())
    } else {
        Criterion::Expired
    };
    let (original, editing) = fsio::read_for_edit(&args.file)?;
    let now = OffsetDateTime::now_utc();
    let outcome = manifest::remove(&original, &args.file, &criterion, args.force, now)?;
    super::print_warnings(&outcome.warnings);
    let verb = if args.edit.dry_run {
        "would remove"
    } else {
        "removing"
    };
    for (index, entry) in &outcome.removed {
        crate::ui::status(format!(
            "{verb} {}",
            entry_text(*index, entry, now).trim_end()
        ));
    }
    let (backup, diff) = write_removal(args, (original, &editing), &outcome, &criterion)?;
    // Whether the file was changed, or with --dry-run would be.
    let changed = !outcome.removed.is_empty();
    if outcome.usable_left == 0 {
        crate::ui::warn(format!("no certificate left in {} lets the app sign in today; add one with `certkit manifest patch`", args.file.display()));
    }
    if args.json {
        let removed: Vec<_> = outcome
            .removed
            .iter()
            .map(|(i, e)| entry_json(*i, e, now))
            .collect();
        print_json(&json!({
            "file": args.file,
            "changed": changed,
            "dry_run": args.edit.dry_run,
            "removed": removed,
            "usable_left": outcome.usable_left,
            "backup": backup,
            "diff": diff,
        }));
    }
    Ok(())
}

/// The diff, the write, or nothing; returns (backup path, diff kept for --json).
fn write_removal(
    args: &ManifestRemoveArgs,
    (original, editing): (Vec<u8>, &fsio::Editing),
    outcome: &Removal,
    criterion: &Criterion,
) -> Result<(Option<std::path::PathBuf>, Option<String>)> {
    let file = args.file.display();
    if outcome.removed.is_empty() {
        let what = match criterion {
            Criterion::Thumbprint(t) => format!("entry for thumbprint {t}"),
            Criterion::KeyId(id) => format!("entry with keyId {id}"),
            Criterion::Expired => {
                crate::ui::status(format!("{file} has no expired entry; nothing to do"));
                return Ok((None, None));
            }
        };
        // A named entry that is not there is most often a typo: say so in the exit status.
        return Err(certkit::Error::NotFound {
            why: format!("{file} has no {what}; nothing was changed"),
            hint: format!("`certkit manifest show {file}` lists its credentials"),
        });
    }
    if args.edit.dry_run {
        let text = diff::unified(&original, &outcome.text, &args.file);
        let diff = super::dry_run_diff(args.json, text);
        crate::ui::status(format!("dry run: {file} was not changed"));
        return Ok((None, diff));
    }
    // The original is only needed for the diff; don't hold three copies of a big file.
    drop(original);
    let backup = super::rewrite(editing, &outcome.text, !args.edit.no_backup, args.force)?;
    let count = outcome.removed.len();
    crate::ui::status(format!(
        "removed {count} entr{} from {file}{}",
        if count == 1 { "y" } else { "ies" },
        backup
            .as_ref()
            .map(|b| format!(" (previous content in {})", b.display()))
            .unwrap_or_default()
    ));
    crate::ui::status(format!(
        "next: upload {file} in the portal's Manifest blade"
    ));
    Ok((backup, None))
}
