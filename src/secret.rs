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
                let bytes = Zeroizing::new(crate::fsio::read(path)?);
                let text = std::str::from_utf8(&bytes).map_err(|_| {
                    Error::bad_file(
                        "password file is not UTF-8 text",
                        path,
                        "the file holds bytes that are not valid UTF-8",
                        "write the password as plain UTF-8 text",
                    )
                })?;
                Ok(Zeroizing::new(first_line(text).to_owned()))
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

/// A password file ends with a newline when written by `echo` or an editor; that newline is
/// not part of the password.
fn first_line(text: &str) -> &str {
    let line = text.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

fn read_stdin_line() -> Result<Password> {
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("read the password from", std::path::Path::new("<stdin>"), e))?;
    Ok(Zeroizing::new(first_line(&line).to_owned()))
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
    fn missing_env_var_is_a_usage_error() {
        let err = PasswordSource::Env("CERTKIT_TEST_SURELY_UNSET".into())
            .read("PFX password", Purpose::Create)
            .unwrap_err();
        assert_eq!(err.exit_kind(), crate::ExitKind::Usage);
    }
}
