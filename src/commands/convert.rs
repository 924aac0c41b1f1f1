//! `certkit convert`

use certkit::convert::{self, ConvertRequest, PasswordUse, Target};
use certkit::secret::{PasswordSource, Purpose};
use certkit::Result;

use super::{in_password_source, key_format, password_source, pfx_profile, print_warnings};
use crate::cli::{ConvertArgs, ConvertTo};

pub fn run(args: &ConvertArgs) -> Result<()> {
    let target = Target::resolve(&args.output, args.to.map(target))?;
    certkit::pfx::check_iterations(args.pfx.pfx_iterations)?;
    let file = convert::read_input(&args.input, &in_password_source(&args.in_password))
        .map_err(certkit::Error::for_input_password)?;
    convert::check(&file, &args.input, target)?;
    let request = ConvertRequest {
        input: args.input.clone(),
        output: args.output.clone(),
        target,
        output_password: output_password(target, &password_source(&args.password))?,
        profile: pfx_profile(args.pfx.pfx_profile),
        iterations: args.pfx.pfx_iterations,
        key_format: key_format(args.key_format),
        force: args.force,
    };
    let outcome = convert::convert(file, &request)?;
    print_warnings(&outcome.warnings);
    crate::ui::status(format!("read {}: {}", args.input.display(), outcome.read));
    crate::ui::status(format!(
        "wrote {}: {}",
        args.output.display(),
        outcome.written
    ));
    for note in &outcome.notes {
        crate::ui::status(format!("note: {note}"));
    }
    if target.password_use() == PasswordUse::Required
        && password_source(&args.password) == PasswordSource::Empty
    {
        crate::ui::warn(super::EMPTY_PFX_PASSWORD);
    }
    println!("{}", outcome.thumbprint);
    Ok(())
}

/// A PFX always gets a password (asked at a terminal, or --no-password for an empty one); a key
/// is encrypted only when a password source is named; certificates ignore it.
fn output_password(
    target: Target,
    source: &PasswordSource,
) -> Result<Option<certkit::secret::Password>> {
    match (target.password_use(), source) {
        (PasswordUse::Required, _) => Ok(Some(
            source.read("password for the new PFX", Purpose::Create)?,
        )),
        (PasswordUse::EncryptsKey, PasswordSource::Unspecified | PasswordSource::Empty) => Ok(None),
        (PasswordUse::EncryptsKey, _) => {
            Ok(Some(source.read("password for the key", Purpose::Create)?))
        }
        (PasswordUse::Ignored, PasswordSource::Unspecified) => Ok(None),
        (PasswordUse::Ignored, _) => {
            crate::ui::status(
                "note: certificates are not encrypted; the output password is not used",
            );
            Ok(None)
        }
    }
}

fn target(to: ConvertTo) -> Target {
    match to {
        ConvertTo::Pfx => Target::Pfx,
        ConvertTo::Pem => Target::Pem,
        ConvertTo::Der => Target::Der,
        ConvertTo::Key => Target::Key,
        ConvertTo::Bundle => Target::Bundle,
    }
}
