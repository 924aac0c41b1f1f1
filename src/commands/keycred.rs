//! `certkit keycred`: the keyCredentials fragment for any certificate.

use certkit::keycred::KeyCredential;
use certkit::select::{self, Selection};
use certkit::Result;

use super::{password_source, schema, selection};
use crate::cli::KeycredArgs;

pub fn run(args: &KeycredArgs) -> Result<()> {
    let selection = match &args.file {
        Some(path) => Selection::File {
            path: path.clone(),
            password: password_source(&args.select.password),
        },
        None => selection(&args.select)?,
    };
    let selected = select::one(&selection)?;
    super::manifest::report_choice(&selected);
    let credential = KeyCredential::for_certificate(&selected.certificate);
    print!("{}", credential.fragment(schema(args.schema)));
    Ok(())
}
