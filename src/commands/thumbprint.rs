//! `certkit thumbprint`: what `certutil -store -user my [NAME]` printed, or a file's digests.

use std::path::Path;

use certkit::certificate::Certificate;
use certkit::select;
use certkit::store::Selector;
use certkit::thumbprint::{self, Encoding};
use certkit::Result;
use serde_json::json;

use super::{human_date, json_date, open_store, password_source, print_json};
use crate::cli::{DigestFormat, ThumbprintArgs};

pub fn run(args: &ThumbprintArgs) -> Result<()> {
    let (certs, listing_all) = certificates(args)?;
    let encoding = encoding(args.format);
    if args.json {
        let items: Vec<_> = certs
            .iter()
            .map(|c| describe(c, args.sha256, encoding))
            .collect();
        print_json(&json!(items));
    } else if certs.len() == 1 && !listing_all {
        println!("{}", digest(&certs[0], args.sha256, encoding));
    } else {
        for (index, cert) in certs.iter().enumerate() {
            if index > 0 {
                println!();
            }
            print_block(cert, args.sha256, encoding);
        }
    }
    Ok(())
}

/// The certificates to report, and whether this is the whole-store listing (always a list,
/// even of one, so its shape does not change as the store grows).
fn certificates(args: &ThumbprintArgs) -> Result<(Vec<Certificate>, bool)> {
    if let Some(target) = &args.target {
        if Path::new(target).is_file() {
            return Ok((file_certificates(Path::new(target), args)?, false));
        }
    }
    let store = open_store(&args.store)?;
    let name = args.subject.as_ref().or(args.target.as_ref());
    let selector = match name {
        Some(name) => Selector::Subject(name.clone()),
        None => Selector::All,
    };
    let listing = store.list()?;
    for (path, why) in &listing.unreadable {
        crate::ui::warn(format!("skipped {}: {}", path.display(), why));
    }
    if selector == Selector::All {
        if listing.entries.is_empty() {
            crate::ui::status(format!("the store {} is empty", store.dir().display()));
        }
        return Ok((
            listing.entries.into_iter().map(|e| e.certificate).collect(),
            true,
        ));
    }
    let entries = select::from_store(&store, &selector)?;
    Ok((entries.into_iter().map(|e| e.certificate).collect(), false))
}

/// A file's certificates: all of them, or only the one matching its private key (the others
/// are mentioned on stderr, since the key says which certificate the file is for).
fn file_certificates(path: &Path, args: &ThumbprintArgs) -> Result<Vec<Certificate>> {
    let mut file = select::read_file(path, &password_source(&args.password))?;
    super::print_warnings(&file.warnings);
    if file.key.is_none() {
        return Ok(file.certificates);
    }
    let leaf = file.certificates.remove(file.leaf);
    for other in &file.certificates {
        crate::ui::status(format!(
            "note: {} also holds {} ({}), which does not match its private key",
            path.display(),
            other.subject(),
            other.thumbprint()
        ));
    }
    Ok(vec![leaf])
}

fn encoding(format: DigestFormat) -> Encoding {
    match format {
        DigestFormat::Hex => Encoding::Hex,
        DigestFormat::Colons => Encoding::Colons,
        DigestFormat::Base64 => Encoding::Base64,
        DigestFormat::Base64url => Encoding::Base64Url,
    }
}

fn digest(cert: &Certificate, sha256: bool, encoding: Encoding) -> String {
    let digests = cert.digests();
    if sha256 {
        thumbprint::encode(&digests.sha256, encoding)
    } else {
        thumbprint::encode(&digests.sha1, encoding)
    }
}

fn print_block(cert: &Certificate, sha256: bool, encoding: Encoding) {
    println!("Subject: {}", cert.subject());
    println!(" NotAfter: {}", human_date(cert.not_after()));
    let label = if sha256 {
        "Cert Hash(sha256)"
    } else {
        "Cert Hash(sha1)"
    };
    println!("{label}: {}", digest(cert, sha256, encoding));
}

fn describe(cert: &Certificate, sha256: bool, encoding: Encoding) -> serde_json::Value {
    json!({
        "subject": cert.subject(),
        "not_before": json_date(cert.not_before()),
        "not_after": json_date(cert.not_after()),
        "thumbprint": cert.thumbprint(),
        "sha256": thumbprint::hex_upper(&cert.digests().sha256),
        "digest": digest(cert, sha256, encoding),
    })
}
