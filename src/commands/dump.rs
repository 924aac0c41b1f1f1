//! `certkit dump FILE`: what `certutil -dump` prints, and the same facts as JSON.

use certkit::dump::{self, CertFacts, Dump};
use certkit::pfx::PfxFacts;
use certkit::Result;

use super::{password_source, print_json};
use crate::cli::DumpArgs;

pub fn run(args: &DumpArgs) -> Result<()> {
    let bytes = certkit::select::read_bounded(&args.file)?;
    let file = certkit::select::read_bytes(&bytes, &args.file, &password_source(&args.password))?;
    super::print_warnings(&file.warnings);
    let report = dump::dump(&args.file, &file, time::OffsetDateTime::now_utc());
    if args.json {
        print_json(&serde_json::to_value(&report).expect("dump serializes"));
    } else {
        print_text(&report);
    }
    Ok(())
}

fn print_text(d: &Dump) {
    println!("File: {} ({})", d.file.display(), d.format);
    if let Some(pfx) = &d.pfx {
        print_pfx(pfx);
    }
    if let Some(key) = &d.private_key {
        let bits = key.bits.map_or(String::new(), |b| format!(" {b} bits"));
        println!("Private key: {}{bits}", key.algorithm);
    }
    for (index, cert) in d.certificates.iter().enumerate() {
        println!();
        print_certificate(index, cert);
    }
}

fn print_pfx(pfx: &PfxFacts) {
    println!("PFX profile: {}", pfx.profile.name());
    for p in &pfx.certificates {
        println!("  Certificates: {p}");
    }
    for p in &pfx.keys {
        println!("  Key: {p}");
    }
    if pfx.keys.is_empty() {
        println!("  Key: none visible without decryption");
    }
    match &pfx.mac {
        Some(m) => println!("  MAC: {}, {} iterations", m.algorithm(), m.iterations),
        None => println!("  MAC: none (integrity unchecked; some readers refuse such files)"),
    }
}

fn print_certificate(index: usize, c: &CertFacts) {
    println!("================ Certificate {index} ================");
    println!("Serial Number: {}", c.serial);
    println!("Issuer: {}", c.issuer);
    println!(" NotBefore: {}", c.not_before);
    println!(" NotAfter: {}", c.not_after);
    let validity = match c.validity.status {
        "valid" => format!("valid, {} days left", c.validity.days_left),
        "expired" => format!("EXPIRED {} days ago", -c.validity.days_left),
        other => other.to_uppercase(),
    };
    println!("Validity: {validity}");
    println!("Subject: {}", c.subject);
    println!("Signature Algorithm: {}", c.signature_algorithm);
    let bits = c
        .public_key
        .bits
        .map_or(String::new(), |b| format!(" {b} bits"));
    println!("Public Key: {}{bits}", c.public_key.algorithm);
    println!("Cert Hash(sha1): {}", c.thumbprint);
    println!("Cert Hash(sha256): {}", c.sha256);
    println!("x5t: {}", c.x5t);
    println!("x5t#S256: {}", c.x5t_s256);
    if !c.extensions.is_empty() {
        println!("Extensions:");
    }
    for e in &c.extensions {
        let critical = if e.critical { ", critical" } else { "" };
        println!(
            "  {} ({}{critical}): {}",
            e.name,
            e.oid,
            // Values come from the certificate (a SAN can hold ESC or CR): never raw to a terminal.
            crate::ui::printable(&e.values.join(", "))
        );
    }
    println!(
        "Private key: {}",
        if c.has_private_key {
            "present"
        } else {
            "not present"
        }
    );
}
