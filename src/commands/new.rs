//! `certkit new`

use certkit::keycred::{KeyCredential, Schema};
use certkit::newcert::{self, NewOutcome, NewRequest};
use certkit::pfx::PfxProfile;
use certkit::secret::{PasswordSource, Purpose};
use certkit::selfsigned::NewCertificateRequest;
use certkit::validity::Validity;
use certkit::Result;
use serde_json::json;
use std::io::IsTerminal;

use super::{human_date, json_date, open_store, password_source, print_json, EMPTY_PFX_PASSWORD};
use crate::cli::{KeyOutArgs, NewArgs, ProfileArg};

pub fn run(args: &NewArgs) -> Result<()> {
    let request = request(args)?;
    // Checked before the (slow) key generation, as `place` checks them again before writing.
    newcert::check_out_dir(&request.out_dir)?;
    if let Some(store) = &request.store {
        store.check_created_index()?;
    }
    let label = format!("generating an RSA {}-bit key", request.certificate.key_size);
    let generated = crate::ui::with_spinner(&label, || {
        certkit::selfsigned::generate(&request.certificate)
    })?;
    let outcome = newcert::place(&request, generated)?;
    report_files(&outcome, &request);
    // Only now: before the write, a refusal ("refusing to overwrite") would follow it.
    if password_source(&args.password) == PasswordSource::Empty {
        crate::ui::warn(EMPTY_PFX_PASSWORD);
    }
    super::print_warnings(&outcome.warnings);
    let credential = KeyCredential::for_certificate(&outcome.certificate);
    if args.json {
        print_json(&to_json(&outcome, &credential));
    } else {
        println!("{}", outcome.certificate.thumbprint());
        print!("{}", credential.fragment(Schema::Graph));
    }
    Ok(())
}

fn request(args: &NewArgs) -> Result<NewRequest> {
    let profile = match args.pfx.pfx_profile {
        ProfileArg::Modern => PfxProfile::Modern,
        ProfileArg::Legacy => PfxProfile::Legacy,
    };
    certkit::pfx::check_iterations(args.pfx.pfx_iterations)?;
    let certificate = NewCertificateRequest {
        subject: subject(args)?,
        key_size: args.key_size,
        validity: Validity::resolve(
            time::OffsetDateTime::now_utc(),
            args.days,
            args.not_before.as_deref(),
            args.not_after.as_deref(),
        )?,
        dns_names: args.dns_names.clone(),
    };
    certkit::selfsigned::check(&certificate)?;
    let store = if args.no_store {
        None
    } else {
        Some(open_store(&args.store)?)
    };
    let source = password_source(&args.password);
    let password = source.read("PFX password", Purpose::Create)?;
    let force = args.force || confirm_overwrite(args, &certificate.subject)?;
    let key_password = match key_password_source(&args.key_out) {
        Some(source) => Some(source.read("password for the key file", Purpose::Create)?),
        None => None,
    };
    Ok(NewRequest {
        certificate,
        out_dir: args.out.clone(),
        store,
        password,
        profile,
        iterations: args.pfx.pfx_iterations,
        key_format: super::key_format(args.key_out.key_format),
        key_password,
        force,
    })
}

/// Existing outputs are replaced with --force or --yes, or when the user agrees at a terminal;
/// otherwise the write refuses and names --force.
fn confirm_overwrite(args: &NewArgs, subject: &str) -> Result<bool> {
    let Some(files) = newcert::OutputFiles::for_subject(&args.out, subject) else {
        return Ok(false);
    };
    let existing: Vec<String> = files
        .all()
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if existing.is_empty() || args.force {
        return Ok(args.force);
    }
    if args.yes {
        return Ok(true);
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Ok(false);
    }
    dialoguer::Confirm::new()
        .with_prompt(format!("Replace {}?", existing.join(", ")))
        .default(false)
        .interact()
        .map_err(|e| certkit::Error::NoAnswer {
            why: format!("could not read the answer from the terminal: {e}"),
            hint: "pass --force (or --yes) to replace the files, or choose another --out".into(),
        })
}

fn key_password_source(args: &KeyOutArgs) -> Option<PasswordSource> {
    if let Some(path) = &args.key_password_file {
        Some(PasswordSource::File(path.clone()))
    } else if let Some(var) = &args.key_password_env {
        Some(PasswordSource::Env(var.clone()))
    } else if args.key_password_stdin {
        Some(PasswordSource::Stdin)
    } else {
        None
    }
}

/// `--subject`, or at a terminal the answer to a prompt; never a wait on a pipe.
fn subject(args: &NewArgs) -> Result<String> {
    if let Some(subject) = &args.subject {
        return Ok(subject.clone());
    }
    let usage = || {
        certkit::Error::invalid(
            "command line",
            "certkit new",
            "--subject is required when there is no terminal to ask at",
            "pass --subject NAME, e.g. certkit new --subject surveysapp",
        )
    };
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(usage());
    }
    dialoguer::Input::<String>::new()
        .with_prompt("Subject (a name, or CN=...,O=...)")
        .interact_text()
        .map_err(|_| usage())
}

fn report_files(outcome: &NewOutcome, request: &NewRequest) {
    let files = &outcome.files;
    crate::ui::status(format!(
        "created {} (RSA {}, valid {} to {})",
        outcome.certificate.subject(),
        request.certificate.key_size,
        human_date(outcome.certificate.not_before()),
        human_date(outcome.certificate.not_after())
    ));
    crate::ui::status(format!(
        "wrote {} (PKCS#12, {}, {} iterations)",
        files.pfx.display(),
        request.profile.describe(),
        request.iterations
    ));
    crate::ui::status(format!(
        "wrote {} (certificate, DER: upload this one in the portal)",
        files.cer.display()
    ));
    crate::ui::status(format!("wrote {} (certificate, PEM)", files.pem.display()));
    let key_form = match (request.key_password.is_some(), request.key_format) {
        (true, _) => "encrypted PKCS#8 PEM (AES-256-CBC, PBKDF2-SHA256)",
        (false, certkit::keyfile::KeyFormat::Pkcs8) => "PKCS#8 PEM",
        (false, certkit::keyfile::KeyFormat::Pkcs1) => "PKCS#1 PEM",
    };
    crate::ui::status(format!(
        "wrote {} (private key, {key_form}, mode 0600)",
        files.key.display()
    ));
    if let Some(path) = &outcome.store_path {
        crate::ui::status(format!("added to the user store: {}", path.display()));
    }
}

fn to_json(outcome: &NewOutcome, credential: &KeyCredential) -> serde_json::Value {
    let cert = &outcome.certificate;
    let files = &outcome.files;
    json!({
        "pfx": files.pfx,
        "cer": files.cer,
        "pem": files.pem,
        "key": files.key,
        "store_path": outcome.store_path,
        "subject": cert.subject(),
        "serial": cert.serial_hex(),
        "not_before": json_date(cert.not_before()),
        "not_after": json_date(cert.not_after()),
        "thumbprint": cert.thumbprint(),
        "sha256": certkit::thumbprint::hex_upper(&cert.digests().sha256),
        "x5t": cert.digests().x5t(),
        "custom_key_identifier": cert.digests().custom_key_identifier(),
        "fragment": {
            "graph": credential.fragment_value(Schema::Graph),
            "aad": credential.fragment_value(Schema::AadGraph),
        },
    })
}
