//! `certkit manifest show`, and the rendering of one credential that `remove` shares.

use std::io::Write;
use std::path::Path;

use certkit::manifest::{self, ExistingCredential, Status, EXPIRING_WITHIN_DAYS};
use certkit::{fsio, Result};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use serde_json::json;
use time::OffsetDateTime;

use crate::cli::ManifestShowArgs;

pub fn show(args: &ManifestShowArgs) -> Result<()> {
    let text = fsio::read(&args.file)?;
    let entries = manifest::list(&text, &args.file)?;
    drop(text);
    let now = OffsetDateTime::now_utc();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Write errors: a closed pipe ends the process (SIGPIPE); there is nothing else to do.
    if args.json {
        let report = Report {
            file: &args.file,
            entries: &entries,
            now,
        };
        let _ = serde_json::to_writer_pretty(&mut out, &report);
        let _ = out.write_all(b"\n");
    } else {
        for (index, entry) in entries.iter().enumerate() {
            let _ = out.write_all(entry_text(index, entry, now).as_bytes());
        }
    }
    let _ = out.flush();
    drop(out);
    summarize(&args.file, &entries, now);
    Ok(())
}

/// `{file, credentials, usable}`, each credential made and written in turn: a whole
/// serde_json tree of a big manifest's entries would take about 5 KB each.
struct Report<'r> {
    file: &'r Path,
    entries: &'r [ExistingCredential],
    now: OffsetDateTime,
}

impl Serialize for Report<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let credentials = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| entry_json(i, e, self.now));
        let usable = self.entries.iter().filter(|e| e.usable(self.now)).count();
        let mut report = serializer.serialize_struct("Report", 3)?;
        report.serialize_field("file", &self.file.to_string_lossy())?;
        report.serialize_field(
            "credentials",
            &Credentials(std::cell::Cell::new(Some(credentials))),
        )?;
        report.serialize_field("usable", &usable)?;
        report.end()
    }
}

/// An iterator serialized as a JSON array, element by element.
struct Credentials<I>(std::cell::Cell<Option<I>>);

impl<I: Iterator<Item = serde_json::Value>> Serialize for Credentials<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let items = self.0.take().expect("serialized once");
        serializer.collect_seq(items)
    }
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

/// One credential as a block of lines, certutil style. Text from the manifest has its
/// control characters escaped: a displayName holding ESC[2J or a CR must not rewrite the
/// terminal.
pub fn entry_text(index: usize, entry: &ExistingCredential, now: OffsetDateTime) -> String {
    let or_none = |v: &Option<String>| v.as_deref().map_or_else(|| "-".into(), printable);
    let thumbprint = match (&entry.thumbprint, entry.thumbprint_from) {
        (Some(t), Some(from)) => format!("{t} (from {})", from.describe()),
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
    lines.extend(
        entry
            .problems
            .iter()
            .map(|p| format!("  problem      {}", printable(p))),
    );
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

/// `text` with every control character (C0, DEL, C1) and the bidirectional formatting
/// characters (which reorder what the terminal shows) written as `\u{..}` escapes.
/// Backslashes stay: subjects use them (`CN=Contoso\, Inc.`) and they move no cursor.
pub fn printable(text: &str) -> String {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        assert_eq!(printable("CN=plain é"), "CN=plain é");
        assert_eq!(
            printable("\u{1b}[2Jok\r\nfake\u{7f}\u{9b}"),
            "\\u{1b}[2Jok\\u{d}\\u{a}fake\\u{7f}\\u{9b}"
        );
        assert_eq!(printable("CN=a\\, b\u{202E}"), "CN=a\\, b\\u{202e}");
    }
}
