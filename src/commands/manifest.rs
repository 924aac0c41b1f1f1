//! `certkit manifest patch`

use certkit::keycred::KeyCredential;
use certkit::manifest::{self, Change};
use certkit::select::{self, Selected};
use certkit::{diff, fsio, Result};
use serde_json::json;

use super::{human_date, print_json, schema, selection};
use crate::cli::ManifestPatchArgs;

pub fn patch(args: &ManifestPatchArgs) -> Result<()> {
    let selected = select::one(&selection(&args.select)?)?;
    report_choice(&selected);
    let cert = &selected.certificate;
    let original = fsio::read(&args.file)?;
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
    eprintln!("schema: {} ({how})", outcome.schema.name());
    let (changed, key_id, backup) = match &outcome.change {
        Change::AlreadyPresent { key_id } => {
            eprintln!(
                "{} already holds this certificate{}; nothing to do",
                args.file.display(),
                key_id
                    .as_deref()
                    .map(|k| format!(" (keyId {k})"))
                    .unwrap_or_default()
            );
            (false, key_id.clone(), None)
        }
        Change::Inserted { .. } if args.dry_run => {
            print!("{}", diff::unified(&original, &outcome.text, &args.file));
            eprintln!("dry run: {} was not changed", args.file.display());
            (false, Some(credential.key_id().to_string()), None)
        }
        Change::Inserted { .. } => {
            let backup = fsio::rewrite(&args.file, &outcome.text, !args.no_backup, args.force)?;
            eprintln!(
                "added keyId {} to {}{}",
                credential.key_id(),
                args.file.display(),
                backup
                    .as_ref()
                    .map(|b| format!(" (previous content in {})", b.display()))
                    .unwrap_or_default()
            );
            eprintln!(
                "next: upload {} in the portal's Manifest blade",
                args.file.display()
            );
            (true, Some(credential.key_id().to_string()), backup)
        }
    };
    if args.json {
        print_json(&json!({
            "file": args.file,
            "schema": outcome.schema.as_str(),
            "schema_detected": outcome.detected,
            "changed": changed,
            "dry_run": args.dry_run,
            "key_id": key_id,
            "thumbprint": cert.thumbprint(),
            "backup": backup,
        }));
    }
    Ok(())
}

/// Says on stderr which certificate was chosen, so a default choice is never silent.
pub fn report_choice(selected: &Selected) {
    super::print_warnings(&selected.warnings);
    let cert = &selected.certificate;
    eprintln!(
        "using {}, {}, valid until {}",
        cert.subject(),
        cert.thumbprint(),
        human_date(cert.not_after())
    );
    for other in &selected.others {
        eprintln!(
            "note: the file also holds {} ({}), not used",
            other.subject(),
            other.thumbprint()
        );
    }
}
