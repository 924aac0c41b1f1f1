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
mod msidweb;
mod plan;
mod shape;
mod usersecrets;
mod view;

use std::path::Path;

use crate::error::{Error, Result};
use crate::jsonedit::{Document, Value};

pub use usersecrets::{new_secrets_file, secrets_id, secrets_path};

/// Settings files certkit edits are a few kilobytes; re-reading one per change is cheap only
/// because of that, so anything this big is refused.
pub const MAX_SIZE: usize = 16 << 20;

/// The changes one request needs are a handful; more means the planner does not settle.
const MAX_STEPS: usize = 64;

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
pub fn patch(text: &[u8], path: &Path, request: &Request) -> Result<Outcome> {
    check_size(text, path)?;
    let (style, style_from) = {
        let doc = Document::parse(text, path)?;
        let view = view::View::new(&doc)?;
        view.flatten()?;
        let (style, style_from) = resolve_style(&view, request.style);
        shape::check(&view, style)?;
        (style, style_from)
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
    for _ in 0..MAX_STEPS {
        let Some((next, says)) = step(&current, path, &want)? else {
            check::verify(text, &current, path, &want)?;
            let removed_secret = client_secrets(text, path)? > client_secrets(&current, path)?;
            return Ok(Outcome {
                text: current,
                style,
                style_from,
                changes,
                removed_secret,
            });
        };
        // Flat settings of one description go one step each; say it once.
        if changes.last() != Some(&says) {
            changes.push(says);
        }
        current = next;
    }
    let why = format!("the changes did not settle after {MAX_STEPS} steps");
    Err(Error::bad_file("refusing the edit", path, why, BUG_HINT))
}

/// The text after the next change, and what it did; None when nothing is left to do.
fn step(current: &[u8], path: &Path, want: &plan::Want) -> Result<Option<(Vec<u8>, String)>> {
    let refuse = |e: Error| {
        let why = format!("an intermediate edit does not read back: {e}");
        Error::bad_file("refusing the edit", path, why, BUG_HINT)
    };
    let doc = Document::parse(current, path).map_err(refuse)?;
    let view = view::View::new(&doc).map_err(refuse)?;
    let Some(step) = plan::next(&view, want)? else {
        return Ok(None);
    };
    let edit = step.edit(&doc)?;
    Ok(Some((edit.apply(current).text, step.says)))
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
fn client_secrets(text: &[u8], path: &Path) -> Result<usize> {
    let doc = Document::parse(text, path)?;
    let view = view::View::new(&doc)?;
    let count = view
        .nodes
        .iter()
        .filter(|n| {
            n.key
                .last()
                .is_some_and(|name| name.eq_ignore_ascii_case(plan::CLIENT_SECRET))
        })
        .filter(|n| view::config_value(n.value).is_some_and(|v| !v.is_empty()))
        .count();
    Ok(count)
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
    let Ok(doc) = Document::parse(text, path) else {
        return text.to_vec();
    };
    let Ok(view) = view::View::new(&doc) else {
        return text.to_vec();
    };
    let secret = |key: &[String]| {
        key.last().is_some_and(|name| {
            ["ClientSecret", "CertificatePassword"]
                .iter()
                .any(|s| name.eq_ignore_ascii_case(s))
        })
    };
    let mut spans: Vec<_> = view
        .nodes
        .iter()
        .filter(|n| secret(&n.key) && matches!(n.value, Value::String(s) if !s.value.is_empty()))
        .map(|n| doc.span(n.value))
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut out = Vec::with_capacity(text.len());
    let mut copied = 0;
    for span in spans {
        out.extend_from_slice(&text[copied..span.start]);
        out.extend_from_slice(b"\"<redacted>\"");
        copied = span.end;
    }
    out.extend_from_slice(&text[copied..]);
    out
}

#[cfg(test)]
mod tests;
