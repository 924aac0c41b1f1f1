//! App configuration that names the certificate (formats.md section 6): appsettings.json and
//! user secrets, in the Surveys sample's `AzureAd:Asymmetric` form or as a
//! Microsoft.Identity.Web credential description. Client secrets are removed as the
//! certificate replaces them.
//!
//! Pure functions on bytes, like `manifest`: reading, creating a missing secrets.json, the
//! atomic write and the diff belong to the caller. The guarantees are those of manifest
//! patch: only the touched values change (comments, BOM, line ends, indentation and key
//! order are kept), the result is checked before it is returned, and patching again changes
//! nothing. Settings are found as .NET finds them: keys ignore case, and a flat key
//! `"AzureAd:ClientSecret"` is the same setting as a nested one.
//!
//! New settings copy the form of their siblings. In a new, empty user-secrets file they are
//! flat keys, because that is what `dotnet user-secrets set` writes (it rewrites every file it
//! touches flat) and what `dotnet user-secrets list` and Visual Studio show; everywhere else
//! with no flat sibling, nested objects, as appsettings files are written.

mod check;
mod csproj;
mod msidweb;
mod plan;
mod redact;
mod shape;
mod usersecrets;
mod view;

use std::path::Path;

use crate::error::{Error, Result};

pub use usersecrets::{new_secrets_file, project_file, secrets_id, secrets_path};

/// Settings files are a few kilobytes; anything this big is not one, and is refused.
pub const MAX_SIZE: usize = 16 << 20;

/// Steps beyond the settings there are to change. Every client secret goes in one step, and
/// each later step sets one setting the request manages, so a patch needs at most one step
/// more than it has settings to write; the bound only stops a planner that loops.
const SPARE_STEPS: usize = 16;

const BUG_HINT: &str = "the file was not changed; this is a bug in certkit, please report it";

/// Which settings name the certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `AzureAd:Asymmetric` {CertificateThumbprint, StoreName, StoreLocation,
    /// ValidationRequired}, as in the Surveys sample.
    Asymmetric,
    /// A Microsoft.Identity.Web credential description in `AzureAd:ClientCredentials` (or
    /// `ClientCertificates`).
    MsIdWeb,
}

impl Style {
    /// The `--style` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Style::Asymmetric => "asymmetric",
            Style::MsIdWeb => "msidweb",
        }
    }
}

/// Where the app finds the certificate at run time (Microsoft.Identity.Web only; the
/// Asymmetric form always reads the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// CurrentUser/My, by thumbprint.
    Store,
    /// A PFX file: its absolute path.
    Path(String),
}

/// How the style was chosen, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StyleFrom {
    Given,
    /// The file already has settings of that style.
    Detected,
    /// The file has neither; Microsoft.Identity.Web is the default.
    Default,
}

#[derive(Debug, Clone)]
pub struct Request<'r> {
    /// Upper-case hex SHA-1 of the certificate.
    pub thumbprint: &'r str,
    /// None: from the file (see [`StyleFrom`]).
    pub style: Option<Style>,
    pub source: Source,
    /// New settings in an empty file are flat `A:B` keys (user secrets) rather than nested.
    pub flat_when_empty: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The input itself when nothing had to change.
    pub text: Vec<u8>,
    pub style: Style,
    pub style_from: StyleFrom,
    /// What changed, one line each, in order; no secret values.
    pub changes: Vec<String>,
    /// The edit removed a client secret's value: the input (a backup of it) still holds it.
    pub removed_secret: bool,
}

/// Makes the settings in `text` name the certificate as `request` asks.
///
/// Each step is planned on a fresh parse of the text so far (a parse reads only the AzureAd
/// section closely, so its cost is one pass over the file), and the steps are few: every
/// client secret goes at once, then one step per setting written.
pub fn patch(text: &[u8], path: &Path, request: &Request) -> Result<Outcome> {
    check_size(text, path)?;
    let (style, style_from, limit) = {
        let doc = view::parse(text, path)?;
        let view = view::View::new(&doc)?;
        view.flatten()?;
        let (style, style_from) = resolve_style(&view, request.style);
        shape::check(&view, style)?;
        (style, style_from, SPARE_STEPS + view.nodes.len())
    };
    if style == Style::Asymmetric && request.source != Source::Store {
        return Err(Error::invalid(
            "certificate source",
            "path",
            "the AzureAd:Asymmetric settings find the certificate in the store by thumbprint; they cannot name a file",
            "drop --source path, or pass --style msidweb",
        ));
    }
    let want = plan::Want {
        style,
        thumbprint: request.thumbprint,
        source: &request.source,
        flat_when_empty: request.flat_when_empty,
    };
    let mut current = text.to_vec();
    let mut changes: Vec<String> = Vec::new();
    for _ in 0..limit {
        let Some((next, says)) = step(&current, path, &want)? else {
            check::verify(text, &current, path, &want)?;
            let removed_secret = client_secrets(text) > client_secrets(&current);
            return Ok(Outcome {
                text: current,
                style,
                style_from,
                changes,
                removed_secret,
            });
        };
        // Flat settings of one description are removed together; say it once.
        for line in says {
            if changes.last() != Some(&line) {
                changes.push(line);
            }
        }
        current = next;
    }
    Err(Error::bad_file(
        "refusing the edit",
        path,
        format!("the changes did not settle after {limit} steps; the file was not changed"),
        "edit the AzureAd section by hand as the README's `config patch` section shows (remove the client secrets, add the certificate's settings), and please report this to certkit's maintainers with the file's AzureAd section",
    ))
}

/// The text after the next change, and what it did; None when nothing is left to do.
fn step(current: &[u8], path: &Path, want: &plan::Want) -> Result<Option<(Vec<u8>, Vec<String>)>> {
    let refuse = |e: Error| {
        let why = format!("an intermediate edit does not read back: {e}");
        Error::bad_file("refusing the edit", path, why, BUG_HINT)
    };
    let doc = view::parse(current, path).map_err(refuse)?;
    let view = view::View::new(&doc).map_err(refuse)?;
    let Some(step) = plan::next(&view, want)? else {
        return Ok(None);
    };
    Ok(Some((step.apply(&doc)?, step.says)))
}

fn resolve_style(view: &view::View, given: Option<Style>) -> (Style, StyleFrom) {
    if let Some(style) = given {
        return (style, StyleFrom::Given);
    }
    if plan::LISTS
        .iter()
        .any(|list| view.has(&[plan::AZURE_AD, list]))
    {
        (Style::MsIdWeb, StyleFrom::Detected)
    } else if view.has(&[plan::AZURE_AD, plan::ASYMMETRIC]) {
        (Style::Asymmetric, StyleFrom::Detected)
    } else {
        (Style::MsIdWeb, StyleFrom::Default)
    }
}

/// How many settings hold a client secret (`...:ClientSecret`, not empty). certkit only
/// removes them, so fewer after an edit means one was removed.
fn client_secrets(text: &[u8]) -> usize {
    redact::secrets(text)
        .iter()
        .filter(|s| s.client_secret)
        .count()
}

fn check_size(text: &[u8], path: &Path) -> Result<()> {
    if text.len() <= MAX_SIZE {
        return Ok(());
    }
    Err(Error::bad_file(
        "not a settings file",
        path,
        format!(
            "it is {} MB; app settings and user secrets are a few kilobytes",
            text.len() >> 20
        ),
        "check that the path names an appsettings.json or secrets.json",
    ))
}

/// `text` with the values of secret settings (`ClientSecret`, `CertificatePassword`,
/// anywhere) replaced by `"<redacted>"`, for diffs shown on screen. Text that does not read
/// as settings comes back unchanged.
pub fn redact_secrets(text: &[u8], path: &Path) -> Vec<u8> {
    if crate::jsonedit::Document::parse_focused(
        text,
        path,
        crate::jsonedit::Focus::RootWhere(|_| false),
    )
    .is_err()
    {
        return text.to_vec();
    }
    redact::redact(text)
}

#[cfg(test)]
mod tests;
