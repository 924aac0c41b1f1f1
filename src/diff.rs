//! Unified diffs for `--dry-run`: what a patch would change, in the form reviewers read.

use std::path::Path;
use std::time::Duration;

/// How long the search for the smallest diff may take. Myers' algorithm costs the file's
/// length times the number of changed lines, which is quadratic when an edit removes many
/// lines (thousands of client secrets, say); past this it settles for a larger diff, which is
/// still exact.
const SEARCH_TIME: Duration = Duration::from_secs(1);

/// A unified diff of two versions of a text file, with three lines of context.
/// Line ends are kept, so a CRLF file's diff shows CRLF lines.
pub fn unified(old: &[u8], new: &[u8], path: &Path) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let (a, b) = headers(path);
    similar::TextDiff::configure()
        .timeout(SEARCH_TIME)
        .diff_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&a, &b)
        .to_string()
}

/// git's `a/` and `b/` for a relative path; an absolute one as it is on both sides (`a/` in
/// front of `/tmp/x` reads `a//tmp/x` and names no file).
fn headers(path: &Path) -> (String, String) {
    let name = path.display().to_string();
    if path.has_root() || path.is_absolute() {
        (name.clone(), name)
    } else {
        (format!("a/{name}"), format!("b/{name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_only_the_changed_lines_with_context() {
        let diff = unified(b"a\nb\nc\n", b"a\nb\nx\nc\n", Path::new("app.json"));
        assert!(
            diff.starts_with("--- a/app.json\n+++ b/app.json\n"),
            "{diff}"
        );
        assert!(diff.contains("\n+x\n"), "{diff}");
        assert!(!diff.contains("-b"), "{diff}");
    }

    #[test]
    fn absolute_paths_are_named_as_they_are() {
        let diff = unified(b"a\n", b"b\n", Path::new("/tmp/x/app.json"));
        assert!(
            diff.starts_with("--- /tmp/x/app.json\n+++ /tmp/x/app.json\n"),
            "{diff}"
        );
    }
}
