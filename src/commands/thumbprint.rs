//! `certkit thumbprint`: what `certutil -store -user my [NAME]` printed, or a file's digests.

use std::path::Path;

use certkit::certificate::Certificate;
use certkit::select;
use certkit::store::Selector;
use certkit::thumbprint::{self, Encoding};
use certkit::{Error, Result};

use super::{human_date, json_date, open_store, password_source};
use crate::cli::{DigestFormat, ThumbprintArgs};

pub fn run(args: &ThumbprintArgs) -> Result<()> {
    if let Some(target) = args
        .target
        .as_deref()
        .map(Path::new)
        .filter(|p| names_a_file(p))
    {
        let mut printer = Printer::new(args, false);
        let bytes = select::read_bounded(target)?;
        let streamed = certkit::input::stream_certificates(&bytes, target, |cert, warnings| {
            super::print_warnings(warnings);
            printer.push(cert);
        })?;
        if !streamed {
            file_certificates(&bytes, target, args)?
                .into_iter()
                .for_each(|c| printer.push(c));
        }
        printer.finish();
        return Ok(());
    }
    let (certs, listing_all) = store_certificates(args)?;
    let mut printer = Printer::new(args, listing_all);
    certs.into_iter().for_each(|c| printer.push(c));
    printer.finish();
    Ok(())
}

/// Prints certificates as they come, so a large bundle is never held whole. One certificate
/// chosen by name or file prints as the bare digest (for `$(certkit thumbprint NAME)`); that
/// needs the second certificate's arrival to rule out, so the first waits in `pending`.
struct Printer {
    json: bool,
    sha256: bool,
    encoding: Encoding,
    always_list: bool,
    pending: Option<Certificate>,
    printed: usize,
    out: std::io::BufWriter<std::io::Stdout>,
}

impl Printer {
    fn new(args: &ThumbprintArgs, always_list: bool) -> Self {
        Printer {
            json: args.json,
            sha256: args.sha256,
            encoding: encoding(args.format),
            always_list,
            pending: None,
            printed: 0,
            out: std::io::BufWriter::new(std::io::stdout()),
        }
    }

    fn push(&mut self, cert: Certificate) {
        if self.printed == 0 && self.pending.is_none() && !self.always_list {
            self.pending = Some(cert);
            return;
        }
        if let Some(first) = self.pending.take() {
            self.emit(&first);
        }
        self.emit(&cert);
    }

    fn emit(&mut self, cert: &Certificate) {
        use std::io::Write;
        let text = if self.json {
            let item = serde_json::to_string_pretty(&describe(cert, self.sha256, self.encoding))
                .expect("JSON values always serialize");
            // The same bytes serde_json prints for the whole array, one element at a time.
            let opening = if self.printed == 0 { "[\n" } else { ",\n" };
            format!("{opening}  {}", item.replace('\n', "\n  "))
        } else {
            let gap = if self.printed == 0 { "" } else { "\n" };
            format!("{gap}{}", block(cert, self.sha256, self.encoding))
        };
        let _ = self.out.write_all(text.as_bytes());
        self.printed += 1;
    }

    fn finish(mut self) {
        use std::io::Write;
        let closing = match (self.pending.take(), self.json) {
            (Some(only), false) => format!("{}\n", digest(&only, self.sha256, self.encoding)),
            (Some(only), true) => {
                self.emit(&only);
                "\n]\n".to_owned()
            }
            (None, true) if self.printed == 0 => "[]\n".to_owned(),
            (None, true) => "\n]\n".to_owned(),
            (None, false) => String::new(),
        };
        let _ = self.out.write_all(closing.as_bytes());
        let _ = self.out.flush();
    }
}

/// The store's certificates to report, and whether this is the whole-store listing (always a
/// list, even of one, so its shape does not change as the store grows).
fn store_certificates(args: &ThumbprintArgs) -> Result<(Vec<Certificate>, bool)> {
    let store = open_store(&args.store)?;
    // A pasted thumbprint selects like `store show NAME|THUMBPRINT`; --subject is a name.
    let selector = match (&args.subject, &args.target) {
        (Some(name), _) => Selector::Subject(name.clone()),
        (None, Some(name)) => certkit::storeops::selector_for(name),
        (None, None) => Selector::All,
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
    let mut entries = match (select::from_store(&store, &selector), &args.target) {
        (Err(Error::NotFound { .. }), Some(target)) if Path::new(target).is_dir() => {
            return Err(Error::bad_file(
                "no certificate",
                Path::new(target),
                "it is a directory, and nothing in the store has that name",
                format!("name a certificate file in it (certkit thumbprint {target}/NAME.pem), or a certificate from `certkit store list`"),
            ))
        }
        (found, _) => found?,
    };
    select::require_one_certificate(&selector, &entries)?;
    entries.truncate(1);
    Ok((entries.into_iter().map(|e| e.certificate).collect(), false))
}

/// Whether the argument is a file rather than a certificate name: anything that exists and is
/// not a directory (pipes too: `<(...)`, /dev/stdin), or a missing path that looks like one,
/// which must fail as a missing file rather than as a name nothing in the store matches.
fn names_a_file(target: &Path) -> bool {
    if let Ok(meta) = std::fs::metadata(target) {
        return !meta.is_dir();
    }
    const EXTENSIONS: &[&str] = &[
        "pem", "crt", "cer", "der", "pfx", "p12", "key", "b64", "txt",
    ];
    let text = target.to_string_lossy();
    text.contains('/')
        || text.contains(std::path::MAIN_SEPARATOR)
        || target
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A file's certificates: all of them, or only the one matching its private key (the others
/// are mentioned on stderr, since the key says which certificate the file is for).
fn file_certificates(bytes: &[u8], path: &Path, args: &ThumbprintArgs) -> Result<Vec<Certificate>> {
    let mut file = select::read_bytes(bytes, path, &password_source(&args.password))?;
    super::print_warnings(&file.warnings);
    if file.key.is_none() {
        return Ok(file.certificates);
    }
    for other in file.others() {
        crate::ui::status(format!(
            "note: {} also holds {} ({}), {}",
            path.display(),
            other.subject(),
            other.thumbprint(),
            file.relation_to_leaf(other)
        ));
    }
    Ok(vec![file.certificates.swap_remove(file.leaf)])
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

fn block(cert: &Certificate, sha256: bool, encoding: Encoding) -> String {
    let label = if sha256 {
        "Cert Hash(sha256)"
    } else {
        "Cert Hash(sha1)"
    };
    format!(
        "Subject: {}\n NotAfter: {}\n{label}: {}\n",
        cert.subject(),
        human_date(cert.not_after()),
        digest(cert, sha256, encoding)
    )
}

/// One `--json` element; a typed struct, since building a map per certificate dominated the
/// time of a 10,000-certificate listing.
#[derive(serde::Serialize)]
struct Described<'a> {
    subject: &'a str,
    not_before: String,
    not_after: String,
    thumbprint: String,
    sha256: String,
    digest: String,
}

fn describe(cert: &Certificate, sha256: bool, encoding: Encoding) -> Described<'_> {
    Described {
        subject: cert.subject(),
        not_before: json_date(cert.not_before()),
        not_after: json_date(cert.not_after()),
        thumbprint: cert.thumbprint(),
        sha256: thumbprint::hex_upper(&cert.digests().sha256),
        digest: digest(cert, sha256, encoding),
    }
}
