//! `certkit manifest show`, and the rendering of one credential that `remove` shares.

use certkit::manifest::{self, ExistingCredential, Status, EXPIRING_WITHIN_DAYS};
use certkit::{fsio, Result};
use serde_json::json;
use time::OffsetDateTime;

use super::print_json;
use crate::cli::ManifestShowArgs;

pub fn show(args: &ManifestShowArgs) -> Result<()> {
    let text = fsio::read(&args.file)?;
    let entries = manifest::list(&text, &args.file)?;
    drop(text);
    let now = OffsetDateTime::now_utc();
    if args.json {
        let credentials: Vec<_> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| entry_json(i, e, now))
            .collect();
        print_json(&json!({
            "file": args.file,
            "credentials": credentials,
            "usable": entries.iter().filter(|e| e.usable(now)).count(),
        }));
    } else {
        for (index, entry) in entries.iter().enumerate() {
            print!("{}", entry_text(index, entry, now));
        }
    }
    summarize(&args.file, &entries, now);
    Ok(())
}

/// Counts by status on stderr, and a warning when no certificate works today.
fn summarize(file: &std::path::Path, entries: &[ExistingCredential], now: OffsetDateTime) {
    let count = |status| entries.iter().filter(|e| e.status(now) == status).count();
    crate::ui::status(format!(
        "{} credential{} in {}: {} valid, {} expiring within {EXPIRING_WITHIN_DAYS} days, {} expired, {} not yet valid, {} malformed",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" },
        file.display(),
        count(Status::Valid),
        count(Status::Expiring),
        count(Status::Expired),
        count(Status::NotYetValid),
        count(Status::Malformed),
    ));
    if !entries.iter().any(|e| e.usable(now)) {
        crate::ui::warn(format!("no certificate here lets the app sign in today; add one with `certkit manifest patch {}`", file.display()));
    }
}

/// One credential as a block of lines, certutil style.
pub fn entry_text(index: usize, entry: &ExistingCredential, now: OffsetDateTime) -> String {
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let thumbprint = match (&entry.thumbprint, entry.thumbprint_from) {
        (Some(t), Some(from)) => format!("{t} (from {})", from.as_str()),
        _ => "- (no SHA-1 in customKeyIdentifier or key)".into(),
    };
    let mut lines = vec![
        format!(
            "keyCredentials[{index}]  keyId {}  {}",
            or_none(&entry.key_id),
            status_text(entry, now)
        ),
        format!("  displayName  {}", or_none(&entry.display_name)),
        format!("  thumbprint   {thumbprint}"),
        format!(
            "  type, usage  {}, {}",
            or_none(&entry.kind),
            or_none(&entry.usage)
        ),
        format!("  start        {}", or_none(&entry.start)),
        format!("  end          {}", or_none(&entry.end)),
    ];
    lines.extend(entry.problems.iter().map(|p| format!("  problem      {p}")));
    lines.push(String::new());
    lines.join("\n") + "\n"
}

/// "valid, 412 days left", "EXPIRED 3 days ago", ...: the flags in capitals so they stand out.
fn status_text(entry: &ExistingCredential, now: OffsetDateTime) -> String {
    let days = entry.days_left(now).unwrap_or(0);
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    match entry.status(now) {
        Status::Valid => format!("valid, {days} day{} left", plural(days)),
        Status::Expiring => format!("EXPIRING in {days} day{}", plural(days)),
        Status::Expired => format!("EXPIRED {} day{} ago", -days, plural(-days)),
        Status::NotYetValid => "not yet valid".into(),
        Status::Malformed => "MALFORMED".into(),
    }
}

/// One credential for `--json`; `index` is its place in the manifest's keyCredentials.
pub fn entry_json(
    index: usize,
    entry: &ExistingCredential,
    now: OffsetDateTime,
) -> serde_json::Value {
    let status = entry.status(now);
    json!({
        "index": index,
        "key_id": entry.key_id,
        "display_name": entry.display_name,
        "start": entry.start,
        "end": entry.end,
        "thumbprint": entry.thumbprint,
        "thumbprint_from": entry.thumbprint_from.map(|f| f.as_str()),
        "type": entry.kind,
        "usage": entry.usage,
        "status": status.as_str(),
        "days_left": (status != Status::Malformed).then(|| entry.days_left(now)).flatten(),
        "usable": entry.usable(now),
        "problems": entry.problems,
    })
}
