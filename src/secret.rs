//! Where a password comes from. Secrets never need to appear in argv (visible in `ps` and shell
//! history): they come from a file, an environment variable, standard input or a prompt.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub type Password = Zeroizing<String>;

/// The password source the user chose on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    File(PathBuf),
    Env(String),
    Stdin,
    /// `--no-password`: the empty password, chosen explicitly.
    Empty,
    /// Nothing given: ask at a terminal, or fail at once without one.
    Unspecified,
}

/// Whether a prompt should ask twice (creating a secret) or once (opening a file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Create,
    Open,
}

impl PasswordSource {
    /// Reads the password. `what` names the secret in prompts and errors ("PFX password").
    pub fn read(&self, what: &str, purpose: Purpose) -> Result<Password> {
        let password = self.read_raw(what, purpose)?;
        if purpose == Purpose::Create && password.is_empty() && *self != PasswordSource::Empty {
            // An empty file or an empty pipe is far more often a mistake (a wrong path, a
            // variable that expanded to nothing) than a wish for an unprotected key.
            return Err(Error::invalid(
                "password",
                self.describe(),
                format!("the {what} it gives is empty"),
                "put the password there (an empty PFX password needs --no-password instead)",
            ));
        }
        Ok(password)
    }

    fn describe(&self) -> String {
        match self {
            PasswordSource::File(path) => format!("from file {}", path.display()),
            PasswordSource::Env(var) => format!("from ${var}"),
            PasswordSource::Stdin => "from standard input".into(),
            PasswordSource::Empty => "--no-password".into(),
            PasswordSource::Unspecified => "from the terminal".into(),
        }
    }

    fn read_raw(&self, what: &str, purpose: Purpose) -> Result<Password> {
        match self {
            PasswordSource::File(path) => {
                let file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
                read_first_line(file, &path.display().to_string())
            }
            PasswordSource::Env(var) => match std::env::var(var) {
                Ok(value) => Ok(Zeroizing::new(value)),
                Err(_) => Err(Error::invalid(
                    "--password-env",
                    var.clone(),
                    "the environment variable is not set or not UTF-8",
                    format!("export {var}=... before running certkit"),
                )),
            },
            PasswordSource::Stdin => read_stdin_line(),
            PasswordSource::Empty => Ok(Zeroizing::new(String::new())),
            PasswordSource::Unspecified => prompt(what, purpose),
        }
    }
}

/// Passwords longer than this are refused: no real password is, and a reader without a bound
/// would take all memory from `--password-file /dev/zero` or a stream without a newline.
pub const MAX_PASSWORD_BYTES: usize = 64 * 1024;

/// A password file ends with a newline when written by `echo` or an editor; that newline is
/// not part of the password. Nor is the byte-order mark PowerShell 5 and older Notepad put
/// first in a UTF-8 file: kept, it would make a PFX no one can open with the typed password.
fn first_line(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line = text.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// The first line of `input`, read up to `MAX_PASSWORD_BYTES` and no further. `source` names
/// the input in errors.
fn read_first_line(input: impl std::io::Read, source: &str) -> Result<Password> {
    read_line_bounded(&mut std::io::BufReader::new(input), source)
}

/// From standard input, what follows the first line stays unread.
fn read_line_bounded(reader: &mut impl BufRead, source: &str) -> Result<Password> {
    use std::io::Read;
    let mut bytes = Zeroizing::new(Vec::new());
    reader
        .take(MAX_PASSWORD_BYTES as u64 + 1)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| Error::io("read the password from", std::path::Path::new(source), e))?;
    if bytes.last() != Some(&b'\n') && bytes.len() > MAX_PASSWORD_BYTES {
        return Err(Error::invalid(
            "password",
            format!("from {source}"),
            format!(
                "its first line is longer than {} KiB; no password is that long",
                MAX_PASSWORD_BYTES / 1024
            ),
            "give a file (or input) whose first line is the password",
        ));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        Error::invalid(
            "password",
            format!("from {source}"),
            "it holds bytes that are not valid UTF-8",
            "write the password as plain UTF-8 text",
        )
    })?;
    Ok(Zeroizing::new(first_line(text).to_owned()))
}

fn read_stdin_line() -> Result<Password> {
    read_line_bounded(&mut std::io::stdin().lock(), "standard input")
}

fn prompt(what: &str, purpose: Purpose) -> Result<Password> {
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Error::no_password(format!(
            "a {what} is needed and there is no terminal to ask for it"
        )));
    }
    let mut input = dialoguer::Password::new().with_prompt(what);
    if purpose == Purpose::Create {
        input = input
            .with_confirmation("Repeat it", "The two entries differ; try again")
            .allow_empty_password(false);
    } else {
        input = input.allow_empty_password(true);
    }
    input.interact().map(Zeroizing::new).map_err(|e| {
        Error::no_password(format!("could not read the {what} from the terminal: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_passwords_lose_only_the_final_newline() {
        assert_eq!(first_line("s3cret\n"), "s3cret");
        assert_eq!(first_line("s3cret\r\n"), "s3cret");
        assert_eq!(first_line(" spaced \n"), " spaced ");
        assert_eq!(first_line(""), "");
        assert_eq!(first_line("\u{feff}s3cret\r\n"), "s3cret");
    }

    #[test]
    fn password_file_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "hunter2\n").unwrap();
        let pw = PasswordSource::File(path)
            .read("PFX password", Purpose::Create)
            .unwrap();
        assert_eq!(pw.as_str(), "hunter2");
    }

    #[test]
    fn empty_new_secrets_from_files_or_pipes_are_refused_but_open_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "\n").unwrap();
        let source = PasswordSource::File(path);
        let err = source.read("PFX password", Purpose::Create).unwrap_err();
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
        assert!(err.to_string().contains("empty"), "{err}");
        assert!(err.hint().contains("--no-password"), "{}", err.hint());
        assert_eq!(
            source.read("PFX password", Purpose::Open).unwrap().as_str(),
            ""
        );
        let empty = PasswordSource::Empty.read("PFX password", Purpose::Create);
        assert_eq!(empty.unwrap().as_str(), "");
    }

    #[test]
    fn password_reads_stop_at_the_line_end_or_the_bound() {
        let mut input = std::io::Cursor::new(b"s3cret\nnext line".to_vec());
        let pw = read_line_bounded(&mut input, "test input").unwrap();
        assert_eq!(pw.as_str(), "s3cret");
        // What follows the password stays for whoever reads next.
        assert_eq!(input.position(), 7);
        let endless = std::io::repeat(b'x');
        let err = read_first_line(endless, "test input").unwrap_err();
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
        assert!(err.to_string().contains("64 KiB"), "{err}");
        assert!(err.to_string().contains("test input"), "{err}");
        let longest = vec![b'y'; MAX_PASSWORD_BYTES];
        let pw = read_first_line(&longest[..], "test input").unwrap();
        assert_eq!(pw.len(), MAX_PASSWORD_BYTES);
    }

    #[cfg(unix)]
    #[test]
    fn a_password_file_without_end_is_refused_not_read_whole() {
        let err = PasswordSource::File("/dev/zero".into())
            .read("PFX password", Purpose::Open)
            .unwrap_err();
        assert!(err.to_string().contains("/dev/zero"), "{err}");
        assert!(err.to_string().contains("64 KiB"), "{err}");
    }

    #[test]
    fn missing_env_var_is_a_usage_error() {
        let err = PasswordSource::Env("CERTKIT_TEST_SURELY_UNSET".into())
            .read("PFX password", Purpose::Create)
            .unwrap_err();
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
    }
}
