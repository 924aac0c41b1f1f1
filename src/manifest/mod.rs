//! App manifests: which schema, adding a certificate's keyCredential, listing and removing
//! entries.
//!
//! Pure functions on bytes; reading, backups, the atomic write and the diff belong to the
//! caller. The portal deletes every credential left out of an uploaded manifest, so a patch
//! must keep existing entries byte for byte (their `key` is `null` in downloads and must stay
//! so) and is checked by re-parsing before anything is returned.

mod detect;
mod identity;
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
use crate::jsonedit::{
    kind_name, string_value, Array, Document, Edit, Focus, Limits, Object, Value,
};
use crate::keycred::{KeyCredential, Schema};

pub use detect::detect_schema;
pub use list::{
    list, parse_date, ExistingCredential, Status, ThumbprintSource, EXPIRING_WITHIN_DAYS,
};
pub use remove::{remove, Criterion, Removal};
use verify::{Expected, Snapshot};

const KEY_CREDENTIALS: &str = "keyCredentials";

/// Most entries a credential array (or any other container read) may have. Entra ID allows
/// an app far fewer; the bound keeps what is read small (about 100 bytes a value) whatever the
/// file holds.
pub const MAX_ENTRIES: usize = 10_000;

/// What manifest code reads: the top-level properties (schema markers), and the credential
/// arrays down to their entries' fields. Everything else (appRoles can be megabytes, an entry
/// may hold anything) is checked but not recorded.
const FOCUS: Focus = focus(0);

/// The same for the edited text, which may hold one entry (and one property) more.
const OUTPUT_FOCUS: Focus = focus(1);

const fn focus(added_entries: usize) -> Focus<'static> {
    Focus::Limited(
        &[&[KEY_CREDENTIALS], &["passwordCredentials"]],
        Limits {
            levels: 2,
            members: MAX_ENTRIES + added_entries,
            // Ten fields an entry: portal entries have eight.
            values: 10 * MAX_ENTRIES + 64 * added_entries,
            hint: "Entra ID allows an app far fewer credentials; check that this is the right file, or remove the entries that are not needed",
        },
    )
}

fn parse<'a>(text: &'a [u8], path: &Path) -> Result<Document<'a>> {
    Document::parse_focused(text, path, FOCUS)
}

/// The warning a file with comments or trailing commas gets: certkit keeps them (it edits
/// bytes, not data), but the portal's upload reads strict JSON.
fn extensions_warning(doc: &Document) -> Option<String> {
    let found = doc.extensions();
    let line = |at: usize| doc.line_column(at).0;
    let mut what = Vec::new();
    if let Some(at) = found.comment {
        what.push(format!("comments (the first on line {})", line(at)));
    }
    if let Some(at) = found.trailing_comma {
        what.push(format!("trailing commas (the first on line {})", line(at)));
    }
    (!what.is_empty()).then(|| {
        format!(
            "{} has {}, which JSON does not allow: certkit keeps them as they are, but the portal may refuse the upload until they are removed",
            doc.path().display(),
            what.join(" and ")
        )
    })
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
    /// For stderr: what in the file may keep the portal from accepting it.
    pub warnings: Vec<String>,
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
        warnings: plan.warnings.clone(),
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
    warnings: Vec<String>,
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
    let present = entries.map(|e| entry_for(e, cert, path)).transpose()?;
    let action = match present.flatten() {
        Some(key_id) => Action::Present(key_id),
        None => {
            check_room(entries, path)?;
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
        warnings: extensions_warning(&doc).into_iter().collect(),
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
    // Mixed entries in one array are never accepted by the portal, whatever the user says.
    let verdict = entries.map(detect::entries_verdict);
    if verdict == Some(detect::Verdict::Conflict) {
        return Err(Error::bad_file(
            "cannot add a keyCredentials entry",
            path,
            format!(
                "its keyCredentials entries mix the two schemas: {}; one array must use one",
                detect::describe_mix(entries.expect("a verdict comes from entries"))
            ),
            "rewrite or remove the entries in the other schema (or download the manifest again), then run the command again",
        ));
    }
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
    match verdict {
        Some(detect::Verdict::Is(found)) if found != given => Err(Error::bad_file(
            format!("cannot add {} entry", with_article(given)),
            path,
            format!("its keyCredentials entries use the {} schema", found.name()),
            format!("drop --schema, or pass --schema {}", found.as_str()),
        )),
        _ => Ok((given, false)),
    }
}

/// "a Microsoft Graph", "an Azure AD Graph".
fn with_article(schema: Schema) -> String {
    let name = schema.name();
    let article = if name.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

/// Some(keyId) of an entry for `cert`; an error when the only entries naming it are
/// inconsistent (customKeyIdentifier and key disagree, a key that is not a certificate).
/// Adding an entry beside such a one would leave two claiming the certificate, the broken one
/// first, and the user still has to decide what it was meant to be: so refuse, naming it.
fn entry_for(entries: &Array, cert: &Certificate, path: &Path) -> Result<Option<Option<String>>> {
    let sha1 = cert.sha1();
    let mut broken = None;
    for (index, entry) in entries.elements.iter().enumerate() {
        let Some(entry) = entry.as_object() else {
            continue;
        };
        let identity = identity::identify(entry);
        if !identity.mentions(&sha1) {
            continue;
        }
        let key_id = text(entry, "keyId").map(str::to_string);
        if identity.problems.is_empty() {
            return Ok(Some(key_id));
        }
        let holds_it = identity.key_sha1 == Some(sha1);
        broken.get_or_insert((index, key_id, identity.problems, holds_it));
    }
    let Some((index, key_id, problems, holds_it)) = broken else {
        return Ok(None);
    };
    Err(inconsistent_entry(
        path,
        cert,
        index,
        key_id.as_deref(),
        &problems,
        holds_it,
    ))
}

fn inconsistent_entry(
    path: &Path,
    cert: &Certificate,
    index: usize,
    key_id: Option<&str>,
    problems: &[String],
    holds_it: bool,
) -> Error {
    let consequence = if holds_it {
        ""
    } else {
        "; as it is, Entra ID refuses this certificate's sign-ins (AADSTS700027)"
    };
    let why = format!(
        "keyCredentials[{index}] (keyId {}) names this certificate ({}) but is inconsistent: {}{consequence}",
        key_id.map_or_else(|| "-".into(), list::shown),
        cert.thumbprint(),
        problems.join("; ")
    );
    let hint = match key_id {
        Some(k) if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => format!(
            "fix or remove that entry (`certkit manifest remove {} --key-id {k}`), then run the command again",
            path.display()
        ),
        _ => "fix or remove that entry, then run the command again".into(),
    };
    Error::bad_file("inconsistent keyCredentials entry", path, why, hint)
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

/// The output must still be readable (see [`FOCUS`]).
fn check_room(entries: Option<&Array>, path: &Path) -> Result<()> {
    if entries.is_none_or(|e| e.elements.len() < MAX_ENTRIES) {
        return Ok(());
    }
    Err(Error::bad_file(
        "cannot add the key credential",
        path,
        format!("keyCredentials already holds {MAX_ENTRIES} entries, the most certkit reads"),
        "remove the entries that are not needed first (`certkit manifest remove FILE --expired`)",
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

#[cfg(test)]
mod consistency_tests;
