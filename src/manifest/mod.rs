//! App manifests: which schema, adding a certificate's keyCredential, listing and removing
//! entries.
//!
//! Pure functions on bytes; reading, backups, the atomic write and the diff belong to the
//! caller. The portal deletes every credential left out of an uploaded manifest, so a patch
//! must keep existing entries byte for byte (their `key` is `null` in downloads and must stay
//! so) and is checked by re-parsing before anything is returned.

mod detect;
mod list;
mod remove;
mod verify;

use std::ops::Range;
use std::path::Path;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::json;

use crate::certificate::Certificate;
use crate::error::{Error, Result};
use crate::jsonedit::{kind_name, string_value, Array, Document, Edit, Focus, Object, Value};
use crate::keycred::{KeyCredential, Schema};
use crate::thumbprint::parse_custom_key_identifier;

pub use detect::detect_schema;
pub use list::{
    list, parse_date, ExistingCredential, Status, ThumbprintSource, EXPIRING_WITHIN_DAYS,
};
pub use remove::{remove, Criterion, Removal};
use verify::{Expected, Snapshot};

const KEY_CREDENTIALS: &str = "keyCredentials";

/// What manifest code reads: the top-level properties (schema markers), and the credential
/// arrays. Everything else (appRoles can be megabytes) is checked but not recorded.
const FOCUS: Focus = Focus::Paths(&[&[KEY_CREDENTIALS], &["passwordCredentials"]]);

fn parse<'a>(text: &'a [u8], path: &Path) -> Result<Document<'a>> {
    Document::parse_focused(text, path, FOCUS)
}
const NOT_A_MANIFEST: &str = "not an app manifest";
const DOWNLOAD_HINT: &str = "download the manifest from the portal (App registrations > the app > Manifest) or with `az ad app show --id APP_ID`";
const BUG_HINT: &str = "the file was not changed; this is a bug in certkit, please report it";

/// The patched text and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchOutcome {
    pub text: Vec<u8>,
    pub schema: Schema,
    /// False when the schema was given by the caller.
    pub detected: bool,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `text[span]` is new and `text = input[..span.start] + text[span] + input[span.start +
    /// removed..]`, `removed = input.len() + span.len() - text.len()`. `removed` is 0 (a pure
    /// insertion) except when spaces inside `[ ]` are replaced, or a comment after the last
    /// entry on its line stays there (the comma goes before it): then the span covers it too.
    Inserted { span: Range<usize> },
    /// An entry for this certificate exists; the text is unchanged.
    AlreadyPresent { key_id: Option<String> },
}

/// Appends `cred` to the top-level `keyCredentials` (creating it last when missing), unless
/// an entry for `cert` is already there. `schema` overrides detection.
pub fn patch(
    text: &[u8],
    path: &Path,
    cred: &KeyCredential,
    cert: &Certificate,
    schema: Option<Schema>,
) -> Result<PatchOutcome> {
    check_made_for(cred, cert)?;
    // The input's AST is gone when plan() returns, before the output is parsed.
    let plan = plan(text, path, cred, cert, schema)?;
    let outcome = |text, change| PatchOutcome {
        text,
        schema: plan.schema,
        detected: plan.detected,
        change,
    };
    match plan.action {
        Action::Present(key_id) => Ok(outcome(text.to_vec(), Change::AlreadyPresent { key_id })),
        Action::Edit(edit, before, old_entries) => {
            let applied = edit.apply(text);
            let entry = cred.to_json(plan.schema);
            let expected: Vec<Expected> = (0..old_entries)
                .map(Expected::Kept)
                .chain([Expected::Added(&entry)])
                .collect();
            let check = verify::Outcome {
                input: text,
                edit: &edit,
                output: &applied.text,
            };
            verify::verify(&before, &check, &expected, path)?;
            let span = applied.changed;
            Ok(outcome(applied.text, Change::Inserted { span }))
        }
    }
}

struct Plan {
    schema: Schema,
    detected: bool,
    action: Action,
}

enum Action {
    Present(Option<String>),
    /// The edit, the input as verification needs it, and how many entries it had.
    Edit(Edit, Snapshot, usize),
}

fn plan(
    text: &[u8],
    path: &Path,
    cred: &KeyCredential,
    cert: &Certificate,
    schema: Option<Schema>,
) -> Result<Plan> {
    let doc = parse(text, path)?;
    let root = doc.root_object(NOT_A_MANIFEST, DOWNLOAD_HINT)?;
    let entries = key_credentials(&doc, root)?;
    let (schema, detected) = resolve_schema(root, entries, schema, path)?;
    let action = match entries.and_then(|e| entry_for(e, cert)) {
        Some(key_id) => Action::Present(key_id),
        None => {
            check_key_id_unused(entries, cred, path)?;
            let entry = cred.to_json(schema);
            let edit = match entries {
                Some(array) => doc.push_element(array, &entry),
                None => doc.push_property(root, KEY_CREDENTIALS, &json!([entry]))?,
            };
            let count = entries.map_or(0, |e| e.elements.len());
            Action::Edit(edit, Snapshot::of(&doc, root, entries), count)
        }
    };
    Ok(Plan {
        schema,
        detected,
        action,
    })
}

/// The top-level keyCredentials array; None when absent, an error when it is anything else.
fn key_credentials<'d, 'a>(
    doc: &'d Document<'a>,
    root: &'d Object<'a>,
) -> Result<Option<&'d Array<'a>>> {
    let Some(prop) = doc.property(root, KEY_CREDENTIALS)? else {
        return Ok(None);
    };
    match &prop.value {
        Value::Array(array) => Ok(Some(array)),
        other => Err(Error::bad_file(
            "invalid manifest",
            doc.path(),
            format!("\"keyCredentials\" is {}, not an array", kind_name(other)),
            "it must be a list such as `\"keyCredentials\": []`; fix it or download the manifest again",
        )),
    }
}

fn resolve_schema(
    root: &Object,
    entries: Option<&Array>,
    given: Option<Schema>,
    path: &Path,
) -> Result<(Schema, bool)> {
    let Some(given) = given else {
        return detect::detect(root).map(|s| (s, true)).ok_or_else(|| {
            Error::bad_file(
                "cannot tell the manifest's schema",
                path,
                "it shows no sign of either schema, or signs of both (Microsoft Graph: api, web, spa, entries with key/startDateTime; Azure AD Graph: replyUrlsWithType, oauth2Permissions, entries with value/startDate)",
                "pass --schema graph (the portal's format since 2025) or --schema aad (Azure AD Graph, legacy)",
            )
        });
    };
    // Mixed entries in one array are never accepted by the portal, whatever the user says.
    match entries.map(detect::entries_verdict) {
        Some(detect::Verdict::Is(found)) if found != given => Err(Error::bad_file(
            format!("cannot add a {} entry", given.name()),
            path,
            format!("its keyCredentials entries use the {} schema", found.name()),
            format!("drop --schema, or pass --schema {}", found.as_str()),
        )),
        _ => Ok((given, false)),
    }
}

/// Some(keyId) of the first entry for `cert`: same SHA-1 (hex or base64) or same DER.
fn entry_for(entries: &Array, cert: &Certificate) -> Option<Option<String>> {
    let is_cert = |entry: &Object| {
        let sha1 = text(entry, "customKeyIdentifier").and_then(parse_custom_key_identifier);
        let der = ["key", "value"]
            .iter()
            .filter_map(|name| text(entry, name))
            .find_map(decode_key);
        sha1.is_some_and(|s| s == cert.sha1()) || der.is_some_and(|d| d == cert.der())
    };
    entries
        .elements
        .iter()
        .filter_map(Value::as_object)
        .find(|entry| is_cert(entry))
        .map(|entry| text(entry, "keyId").map(str::to_string))
}

/// The DER in an entry's `key` (Graph) or `value` (Azure AD Graph): base64, which PowerShell
/// and certutil exports wrap in lines.
pub(crate) fn decode_key(b64: &str) -> Option<Vec<u8>> {
    let packed: String = b64.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD.decode(packed).ok()
}

fn text<'v>(entry: &'v Object, name: &str) -> Option<&'v str> {
    entry.get(name).and_then(|p| string_value(&p.value))
}

fn check_made_for(cred: &KeyCredential, cert: &Certificate) -> Result<()> {
    if cred.custom_key_identifier() == cert.digests().custom_key_identifier() {
        return Ok(());
    }
    Err(Error::invalid(
        "key credential",
        cred.key_id().to_string(),
        format!(
            "it was made for another certificate than {}",
            cert.thumbprint()
        ),
        BUG_HINT,
    ))
}

fn check_key_id_unused(entries: Option<&Array>, cred: &KeyCredential, path: &Path) -> Result<()> {
    let ours = cred.key_id().to_string();
    let used = entries.is_some_and(|e| {
        e.elements.iter().filter_map(Value::as_object).any(|entry| {
            text(entry, "keyId").is_some_and(|id| id.trim().eq_ignore_ascii_case(&ours))
        })
    });
    if !used {
        return Ok(());
    }
    Err(Error::bad_file(
        "cannot add the key credential",
        path,
        format!("keyId {ours} is already used by another entry"),
        "run the command again without a fixed keyId: a new one is drawn each time",
    ))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod remove_tests;
