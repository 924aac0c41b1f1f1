//! `certkit store list|show|import|export|remove`: certutil's verbs on the user store.

use std::io::IsTerminal;

use certkit::dump::CertFacts;
use certkit::pfx::PfxProfile;
use certkit::secret::{PasswordSource, Purpose};
use certkit::store::{Listing, StoreEntry};
use certkit::storeops::{self, ExportFormat};
use certkit::{Error, Result};
use serde_json::json;

use super::{human_date, json_date, open_store, password_source, print_json};
use crate::cli::{
    ProfileArg, StoreExportArgs, StoreImportArgs, StoreListArgs, StoreNameArgs, StoreRemoveArgs,
};

pub fn list(args: &StoreListArgs) -> Result<()> {
    let store = open_store(&args.store)?;
    let listing = storeops::list(&store, args.filter.as_deref())?;
    warn_unreadable(&listing);
    if args.json {
        let items: Vec<_> = listing.entries.iter().map(entry_json).collect();
        print_json(&json!(items));
        return Ok(());
    }
    if listing.entries.is_empty() {
        let what = match &args.filter {
            Some(f) => format!(
                "nothing in the store {} matches {f:?}",
                store.dir().display()
            ),
            None => format!("the store {} is empty", store.dir().display()),
        };
        crate::ui::status(what);
    }
    for e in &listing.entries {
        let c = &e.certificate;
        println!(
            "{}  {}  {}  {}  {}",
            c.thumbprint(),
            human_date(c.not_after()).get(..10).unwrap_or_default(),
            if e.has_key { "key   " } else { "no key" },
            if e.created_by_certkit {
                "certkit"
            } else {
                "other  "
            },
            c.subject()
        );
    }
    Ok(())
}

fn warn_unreadable(listing: &Listing) {
    for (path, why) in &listing.unreadable {
        crate::ui::warn(format!(
            "skipped {} (.NET skips it too): {why}",
            path.display()
        ));
    }
}

fn entry_json(e: &StoreEntry) -> serde_json::Value {
    let c = &e.certificate;
    json!({
        "thumbprint": c.thumbprint(),
        "subject": c.subject(),
        "not_before": json_date(c.not_before()),
        "not_after": json_date(c.not_after()),
        "has_private_key": e.has_key,
        "created_by_certkit": e.created_by_certkit,
        "path": e.path,
    })
}

pub fn show(args: &StoreNameArgs) -> Result<()> {
    let store = open_store(&args.store)?;
    let entries = storeops::find(&store, &args.name)?;
    let now = time::OffsetDateTime::now_utc();
    let facts: Vec<(CertFacts, &StoreEntry)> = entries
        .iter()
        .map(|e| (CertFacts::of(&e.certificate, now, e.has_key), e))
        .collect();
    if args.json {
        let items: Vec<_> = facts
            .iter()
            .map(|(f, e)| {
                let mut v = serde_json::to_value(f).expect("facts serialize");
                v["path"] = json!(e.path);
                v["created_by_certkit"] = json!(e.created_by_certkit);
                v
            })
            .collect();
        print_json(&json!(items));
        return Ok(());
    }
    for (index, (f, e)) in facts.iter().enumerate() {
        print_certutil_block(index, f, e);
    }
    Ok(())
}

/// The layout of `certutil -store -user my NAME`.
fn print_certutil_block(index: usize, f: &CertFacts, e: &StoreEntry) {
    let c = &e.certificate;
    println!("================ Certificate {index} ================");
    println!("Serial Number: {}", f.serial);
    println!("Issuer: {}", f.issuer);
    println!(" NotBefore: {}", human_date(c.not_before()));
    println!(" NotAfter: {}", human_date(c.not_after()));
    println!("Subject: {}", f.subject);
    println!("Cert Hash(sha1): {}", f.thumbprint);
    let bits = f
        .public_key
        .bits
        .map_or(String::new(), |b| format!(" {b} bits"));
    println!("Key: {}{bits}", f.public_key.algorithm);
    println!(
        "Private key: {}",
        if e.has_key { "present" } else { "not present" }
    );
    println!("File: {}", e.path.display());
    println!(
        "Created by: {}",
        if e.created_by_certkit {
            "certkit"
        } else {
            "another program"
        }
    );
}

pub fn import(args: &StoreImportArgs) -> Result<()> {
    let store = open_store(&args.store)?;
    let file = certkit::select::read_file(&args.file, &password_source(&args.password))?;
    let format = file.format.name();
    let relations: Vec<(String, String)> = file
        .others()
        .map(|c| (c.thumbprint(), file.relation_to_leaf(c)))
        .collect();
    let imported = storeops::import(&store, &args.file, file)?;
    super::print_warnings(&imported.warnings);
    let cert = &imported.certificate;
    for other in &imported.skipped {
        let thumbprint = other.thumbprint();
        let relation = relations
            .iter()
            .find(|(t, _)| *t == thumbprint)
            .map_or("", |(_, r)| r.as_str());
        crate::ui::status(format!(
            "note: not imported: {} ({thumbprint}) from {}, {relation}",
            other.subject(),
            args.file.display()
        ));
    }
    if imported.already_present {
        crate::ui::status(format!(
            "already in the store with its key: {}",
            imported.path.display()
        ));
    } else {
        crate::ui::status(format!(
            "imported {} from {} ({format}) into {} (empty password, mode 0600)",
            cert.subject(),
            args.file.display(),
            imported.path.display()
        ));
    }
    if args.json {
        print_json(&json!({
            "thumbprint": cert.thumbprint(),
            "subject": cert.subject(),
            "path": imported.path,
            "already_present": imported.already_present,
        }));
    } else {
        println!("{}", cert.thumbprint());
    }
    Ok(())
}

pub fn export(args: &StoreExportArgs) -> Result<()> {
    let store = open_store(&args.store)?;
    let entries = storeops::find(&store, &args.name)?;
    let entry = entries.iter().find(|e| e.has_key).unwrap_or(&entries[0]);
    let source = password_source(&args.password);
    let (dest, format) = match (&args.pfx, &args.pem) {
        (Some(path), _) => (path, pfx_format(args, &source)?),
        (None, Some(path)) => (path, pem_format(&source, entry.has_key)?),
        (None, None) => unreachable!("clap requires --pfx or --pem"),
    };
    let with_key = storeops::export(entry, dest, &format, args.force)?;
    let what = match &format {
        ExportFormat::Pfx {
            profile,
            iterations,
            ..
        } => {
            format!("PKCS#12, {}, {iterations} iterations", profile.describe())
        }
        ExportFormat::Pem { password: Some(_) } if with_key => {
            "PEM: private key (encrypted PKCS#8: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) and \
             certificate, mode 0600"
                .into()
        }
        ExportFormat::Pem { .. } if with_key => {
            "PEM: private key (PKCS#8, unencrypted) and certificate, mode 0600".into()
        }
        ExportFormat::Pem { .. } => "PEM: certificate only".into(),
    };
    if !with_key {
        crate::ui::warn("the store entry has no private key; only the certificate was written");
    }
    crate::ui::status(format!(
        "wrote {} ({what}) from {}",
        dest.display(),
        entry.path.display()
    ));
    if args.pfx.is_some() && source == PasswordSource::Empty {
        crate::ui::warn(super::EMPTY_PFX_PASSWORD);
    }
    Ok(())
}

/// The key is encrypted when a password option names a password; `--no-password`, or none,
/// writes it unencrypted (as `convert` does). A certificate alone needs no password.
fn pem_format(source: &PasswordSource, has_key: bool) -> Result<ExportFormat> {
    let password = match source {
        PasswordSource::Unspecified | PasswordSource::Empty => None,
        _ if !has_key => None,
        _ => Some(source.read("password for the key", Purpose::Create)?),
    };
    Ok(ExportFormat::Pem { password })
}

fn pfx_format(args: &StoreExportArgs, source: &PasswordSource) -> Result<ExportFormat> {
    certkit::pfx::check_iterations(args.pfx_options.pfx_iterations)?;
    let password = source.read("PFX password", Purpose::Create)?;
    Ok(ExportFormat::Pfx {
        password,
        profile: match args.pfx_options.pfx_profile {
            ProfileArg::Modern => PfxProfile::Modern,
            ProfileArg::Legacy => PfxProfile::Legacy,
        },
        iterations: args.pfx_options.pfx_iterations,
    })
}

pub fn remove(args: &StoreRemoveArgs) -> Result<()> {
    let store = open_store(&args.store)?;
    let plan = storeops::plan_removal(&store, &args.name)?;
    let cert = &plan.entries[0].certificate;
    for path in &plan.foreign {
        crate::ui::status(format!(
            "note: certkit did not create {} (another program, such as .NET's X509Store.Add, \
             put it there); it is removed only because you named it",
            path.display()
        ));
    }
    if !args.yes
        && !confirm(&format!(
            "Remove {} ({}) from the store ({} file{})?",
            cert.subject(),
            cert.thumbprint(),
            plan.entries.len(),
            if plan.entries.len() == 1 { "" } else { "s" }
        ))?
    {
        crate::ui::status("nothing removed");
        return Ok(());
    }
    for path in storeops::remove(&store, &plan)? {
        crate::ui::status(format!("removed {}", path.display()));
    }
    Ok(())
}

/// Asks at a terminal; never waits on a pipe.
fn confirm(question: &str) -> Result<bool> {
    let usage = || {
        Error::invalid(
            "command line",
            "certkit store remove",
            "removing needs confirmation and there is no terminal to ask at",
            "pass --yes to remove without asking",
        )
    };
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(usage());
    }
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|_| usage())
}
