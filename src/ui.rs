//! How the binary talks to people on stderr: status lines (silenced by `--quiet`), warnings and
//! errors (never silenced), colour only at a terminal and never with NO_COLOR set, and a spinner
//! for slow work at a terminal only.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

static QUIET: AtomicBool = AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// A status line: what was written where, which certificate was chosen.
pub fn status(message: impl AsRef<str>) {
    if !QUIET.load(Ordering::Relaxed) {
        eprintln!("{}", message.as_ref());
    }
}

pub fn warn(message: impl AsRef<str>) {
    eprintln!("{} {}", paint("warning:", "33"), message.as_ref());
}

pub fn error(message: impl AsRef<str>, hint: impl AsRef<str>) {
    eprintln!("{} {}", paint("error:", "1;31"), message.as_ref());
    eprintln!("{} {}", paint("hint:", "36"), hint.as_ref());
}

/// Text from outside (a JWT's claims, a file's fields) made safe for a terminal: control
/// characters (CR, LF, ESC …) and bidirectional overrides are shown as `\u{1b}` escapes, so a
/// value can neither forge a line of output nor move the cursor over one.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if unsafe_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

fn colour_enabled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn paint(text: &str, sgr: &str) -> String {
    if colour_enabled() {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// Runs `work` while a spinner turns on stderr, when stderr is a terminal and not `--quiet`.
pub fn with_spinner<T>(label: &str, work: impl FnOnce() -> T) -> T {
    if QUIET.load(Ordering::Relaxed) || !std::io::stderr().is_terminal() {
        return work();
    }
    let (done, wait) = mpsc::channel::<()>();
    let label = label.to_owned();
    let spinner = std::thread::spawn(move || {
        let frames = ['|', '/', '-', '\\'];
        let mut i = 0;
        while wait.recv_timeout(Duration::from_millis(120)).is_err() {
            eprint!("\r{} {label}", frames[i % frames.len()]);
            i += 1;
        }
        eprint!("\r{}\r", " ".repeat(label.chars().count() + 2));
    });
    let result = work();
    let _ = done.send(());
    let _ = spinner.join();
    result
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_and_direction_overrides_are_escaped() {
        assert_eq!(printable("https://x/token"), "https://x/token");
        assert_eq!(
            printable("a\r\nok   signature\x1b[2K\u{202e}é"),
            "a\\u{d}\\u{a}ok   signature\\u{1b}[2K\\u{202e}é"
        );
    }
}
