//! Removing keyCredentials entries, with the guarantees of `patch`: only the removed elements
//! and their separating commas leave the text, the result is verified before it is returned,
//! and removing again changes nothing.
//!
//! Uploading a manifest without an entry deletes that credential for good, so the last one
//! the app can sign in with today is only removed when the caller insists (`force`).

use std::path::Path;

use time::OffsetDateTime;

use super::list::{describe_all, shown, ExistingCredential};
use super::verify::{self, Expected, Snapshot};
use super::{extensions_warning, key_credentials, parse, DOWNLOAD_HINT, NOT_A_MANIFEST};
use crate::error::{Error, Result};
use crate::thumbprint;

/// Which entries to remove.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Criterion {
    /// Upper-case hex SHA-1, matched against customKeyIdentifier (either form) or the key.
    Thumbprint(String),
    /// Matched ignoring case and surrounding spaces.
    KeyId(String),
    /// Every entry whose end date has passed, malformed or not.
    Expired,
}

impl Criterion {
    /// A pasted thumbprint, normalized; manifests name certificates by SHA-1 only.
    pub fn thumbprint(input: &str) -> Result<Criterion> {
        let hex = thumbprint::normalize(input)?;
        if hex.len() != 40 {
            return Err(Error::invalid(
                "thumbprint",
                input,
                "this is a SHA-256 thumbprint; manifests identify certificates by their SHA-1",
                "pass the 40-digit SHA-1 thumbprint (`certkit thumbprint FILE` prints it)",
            ));
        }
        Ok(Criterion::Thumbprint(hex))
    }

    fn matches(&self, entry: &ExistingCredential, now: OffsetDateTime) -> bool {
        match self {
            Criterion::Thumbprint(hex) => entry.thumbprint.as_deref() == Some(hex.as_str()),
            Criterion::KeyId(id) => entry
                .key_id
                .as_deref()
                .is_some_and(|k| k.trim().eq_ignore_ascii_case(id.trim())),
            // By its end date alone: a malformed entry that has expired is of no use either.
            Criterion::Expired => entry.end_time().is_some_and(|end| end <= now),
        }
    }
}

/// The edited text and what left it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// The input itself when nothing matched.
    pub text: Vec<u8>,
    /// Each removed entry with its index in the input's keyCredentials.
    pub removed: Vec<(usize, ExistingCredential)>,
    /// Entries the app can still sign in with today (see `ExistingCredential::usable`).
    pub usable_left: usize,
    /// For stderr: what in the file may keep the portal from accepting it.
    pub warnings: Vec<String>,
}

/// Removes the entries `criterion` selects. Refuses to remove the last usable certificate
/// credential unless `force`. `now` decides what is expired.
pub fn remove(
    text: &[u8],
    path: &Path,
    criterion: &Criterion,
    force: bool,
    now: OffsetDateTime,
) -> Result<Removal> {
    let doc = parse(text, path)?;
    let root = doc.root_object(NOT_A_MANIFEST, DOWNLOAD_HINT)?;
    let warnings: Vec<String> = extensions_warning(&doc).into_iter().collect();
    let Some(array) = key_credentials(&doc, root)? else {
        return Ok(unchanged(text, Vec::new(), now, warnings));
    };
    let entries = describe_all(array);
    let (removed, kept): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .enumerate()
        .partition(|(_, entry)| criterion.matches(entry, now));
    let usable_left = kept.iter().filter(|(_, e)| e.usable(now)).count();
    if removed.is_empty() {
        return Ok(unchanged(text, kept, now, warnings));
    }
    if !force && usable_left == 0 {
        if let Some((_, last)) = removed.iter().find(|(_, e)| e.usable(now)) {
            return Err(last_usable(path, last, removed.len()));
        }
    }
    let indices: Vec<usize> = removed.iter().map(|(i, _)| *i).collect();
    let edit = doc
        .remove_elements(array, &indices)
        .expect("the indices come from the array");
    let before = Snapshot::of(&doc, root, Some(array));
    drop(doc);
    let output = edit.apply(text).text;
    let expected: Vec<Expected> = kept.iter().map(|(i, _)| Expected::Kept(*i)).collect();
    let check = verify::Outcome {
        input: text,
        edit: &edit,
        output: &output,
    };
    verify::verify(&before, &check, &expected, path)?;
    Ok(Removal {
        text: output,
        removed,
        usable_left,
        warnings,
    })
}

fn unchanged(
    text: &[u8],
    kept: Vec<(usize, ExistingCredential)>,
    now: OffsetDateTime,
    warnings: Vec<String>,
) -> Removal {
    Removal {
        text: text.to_vec(),
        removed: Vec::new(),
        usable_left: kept.iter().filter(|(_, e)| e.usable(now)).count(),
        warnings,
    }
}

fn last_usable(path: &Path, entry: &ExistingCredential, count: usize) -> Error {
    // Manifest text goes into the message quoted and escaped: it ends up on a terminal.
    let facts: Vec<String> = [
        entry.display_name.as_deref().map(shown),
        entry.thumbprint.as_ref().map(|t| format!("thumbprint {t}")),
        entry.end.as_ref().map(|end| format!("valid until {end}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let which = format!(
        "keyId {} ({})",
        entry.key_id.as_deref().map_or_else(|| "?".into(), shown),
        facts.join(", ")
    );
    let what = if count == 1 { "it" } else { "them" };
    Error::Refused {
        path: path.to_path_buf(),
        why: format!(
            "{which} is the last certificate the app can sign in with today; after uploading the manifest without {what}, every token request signed with a certificate fails (AADSTS700027)"
        ),
        hint: "add the new certificate first (`certkit manifest patch FILE`), or pass --force to remove it anyway".into(),
    }
}
