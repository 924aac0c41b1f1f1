//! The library's one error type.
//!
//! Every variant carries what the binary needs to print `error: WHAT (PATH): WHY` and a hint line
//! naming the next step, so messages are written where the failure is understood, not in main.rs.

use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How the process should exit for an error; documented in `certkit --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKind {
    /// 1: the operation failed (bad input file, I/O, crypto).
    Failure,
    /// 2: the command line itself is wrong (bad flag value, missing selection).
    Usage,
    /// 3: nothing matched the certificate selection.
    NotFound,
}

impl ExitKind {
    pub fn code(self) -> i32 {
        match self {
            ExitKind::Failure => 1,
            ExitKind::Usage => 2,
            ExitKind::NotFound => 3,
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A filesystem operation failed.
    #[error("cannot {action} ({}): {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// An output exists and `--force` was not given. `force_flag`: the command has a
    /// `--force` that would replace it (the hint names it only then).
    #[error("refusing to overwrite ({}): the file already exists", path.display())]
    AlreadyExists { path: PathBuf, force_flag: bool },

    /// An output path is a symlink, a device or a directory, or its directory is writable by
    /// others. `fix` is the next step; `force`, what `--force` would do about it, when the
    /// command has that flag and it helps.
    #[error("refusing to write ({}): {why}", path.display())]
    UnsafePath {
        path: PathBuf,
        why: String,
        fix: String,
        force: Option<&'static str>,
    },

    /// The change would do harm the user has to ask for explicitly (`--force`).
    #[error("refusing to change ({}): {why}", path.display())]
    Refused {
        path: PathBuf,
        why: String,
        hint: String,
    },

    /// A command-line value is malformed (subject, dates, thumbprint, key size, ...).
    #[error("invalid {what} {value:?}: {why}")]
    InvalidArgument {
        what: &'static str,
        value: String,
        why: String,
        hint: String,
    },

    /// A file's content is not what the command needs (not a certificate, damaged PFX, bad JSON).
    #[error("{what} ({}): {why}", path.display())]
    BadFile {
        what: String,
        path: PathBuf,
        why: String,
        hint: String,
    },

    /// The PFX's integrity check failed with the password given. `flags` names the options
    /// that gave it (see [`Error::for_input_password`]); `empty` whether the empty password
    /// would have done, so the hint names --no-password only when it can help.
    #[error("wrong password ({}): the PFX does not open with the password given", path.display())]
    WrongPassword {
        path: PathBuf,
        flags: PasswordFlags,
        empty: EmptyPassword,
    },

    /// No password source was given and there is no terminal to ask at.
    #[error("no password: {why}")]
    NoPassword { why: String, flags: PasswordFlags },

    /// A question could not be asked or answered at the terminal.
    #[error("no answer: {why}")]
    NoAnswer { why: String, hint: String },

    /// The certificate selection matched nothing.
    #[error("no certificate found: {why}")]
    NotFound { why: String, hint: String },

    /// The certificate selection matched more than one certificate where one is needed.
    #[error("{count} certificates match {selector}")]
    Ambiguous {
        selector: String,
        count: usize,
        candidates: Vec<String>,
    },

    /// Certificate or key generation/encoding failed inside a crypto library.
    #[error("{what}: {why}")]
    Crypto { what: &'static str, why: String },
}

/// Which family of password options a command reads a file's password from: most commands
/// have `--password-file` and friends, `convert` has `--in-password-file` for its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PasswordFlags {
    #[default]
    Password,
    InPassword,
}

/// What is known about the empty password of a file a password did not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EmptyPassword {
    /// The password tried was the empty one.
    Tried,
    /// The file opens with the empty password.
    Opens,
    /// It does not: the file has a password.
    DoesNotOpen,
    /// Not known (a file without a MAC cannot tell without decrypting).
    #[default]
    Unknown,
}

impl PasswordFlags {
    /// How to give the file's password: `--password-file FILE, --password-env VAR or
    /// --password-stdin`.
    fn sources(self) -> String {
        let p = match self {
            PasswordFlags::Password => "--password",
            PasswordFlags::InPassword => "--in-password",
        };
        format!("{p}-file FILE, {p}-env VAR or {p}-stdin")
    }

    fn empty_flag(self) -> &'static str {
        match self {
            PasswordFlags::Password => "--no-password",
            PasswordFlags::InPassword => "--in-no-password",
        }
    }

    fn hint(self) -> String {
        let (p, empty) = match self {
            PasswordFlags::Password => ("--password", "--no-password"),
            PasswordFlags::InPassword => ("--in-password", "--in-no-password"),
        };
        format!("{p}-file FILE, {p}-env VAR, {p}-stdin, or {empty} for an empty password")
    }
}

impl Error {
    /// The same error, with hints that name `convert`'s `--in-password-*` options.
    pub fn for_input_password(self) -> Self {
        match self {
            Error::WrongPassword { path, empty, .. } => Error::WrongPassword {
                path,
                flags: PasswordFlags::InPassword,
                empty,
            },
            Error::NoPassword { why, .. } => Error::NoPassword {
                why,
                flags: PasswordFlags::InPassword,
            },
            other => other,
        }
    }

    /// The same error for a command without `--force` (`store import`): its hint must not
    /// name a flag the command does not have.
    pub fn without_force_flag(self) -> Self {
        match self {
            Error::AlreadyExists { path, .. } => Error::AlreadyExists {
                path,
                force_flag: false,
            },
            Error::UnsafePath { path, why, fix, .. } => Error::UnsafePath {
                path,
                why,
                fix,
                force: None,
            },
            other => other,
        }
    }

    pub fn wrong_password(path: &Path, empty: EmptyPassword) -> Self {
        Error::WrongPassword {
            path: path.to_path_buf(),
            flags: PasswordFlags::Password,
            empty,
        }
    }

    pub fn no_password(why: impl Into<String>) -> Self {
        Error::NoPassword {
            why: why.into(),
            flags: PasswordFlags::Password,
        }
    }

    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn bad_file(
        what: impl Into<String>,
        path: &Path,
        why: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Error::BadFile {
            what: what.into(),
            path: path.to_path_buf(),
            why: why.into(),
            hint: hint.into(),
        }
    }

    pub fn invalid(
        what: &'static str,
        value: impl Into<String>,
        why: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Error::InvalidArgument {
            what,
            value: value.into(),
            why: why.into(),
            hint: hint.into(),
        }
    }

    pub fn crypto(what: &'static str, why: impl ToString) -> Self {
        Error::Crypto {
            what,
            why: why.to_string(),
        }
    }

    /// The next step for the user, printed after the error line.
    pub fn hint(&self) -> String {
        match self {
            Error::Io { source, action, .. } => match source.kind() {
                std::io::ErrorKind::NotFound if action.starts_with("read") => {
                    "check the file name and the current directory".into()
                }
                std::io::ErrorKind::NotFound => {
                    "check the path; create missing directories first".into()
                }
                std::io::ErrorKind::PermissionDenied => {
                    "check the file's permissions and owner".into()
                }
                _ => "check the path and free disk space, then retry".into(),
            },
            Error::AlreadyExists {
                force_flag: true, ..
            } => "pass --force to replace it, or write to another path".into(),
            Error::AlreadyExists { .. } => {
                "another program created it meanwhile; run the command again".into()
            }
            Error::UnsafePath { fix, force, .. } => match force {
                Some(what) => format!("{fix}; or pass --force {what}"),
                None => fix.clone(),
            },
            Error::InvalidArgument { hint, .. }
            | Error::BadFile { hint, .. }
            | Error::NotFound { hint, .. }
            | Error::Refused { hint, .. }
            | Error::NoAnswer { hint, .. } => hint.clone(),
            Error::WrongPassword { flags, empty, .. } => {
                let give = format!("give the PFX's password with {}", flags.sources());
                match empty {
                    EmptyPassword::Opens => format!(
                        "the file has no password: pass {} instead",
                        flags.empty_flag()
                    ),
                    EmptyPassword::Unknown => format!(
                        "{give}; if the file has no password, pass {}",
                        flags.empty_flag()
                    ),
                    EmptyPassword::Tried => {
                        format!("the file has a password (the empty one does not open it): {give}")
                    }
                    EmptyPassword::DoesNotOpen => format!(
                        "{give}; if that password is right, the file was damaged: export it again"
                    ),
                }
            }
            Error::NoPassword { flags, .. } => format!("pass {}", flags.hint()),
            Error::Ambiguous { candidates, .. } => format!(
                "name one by its thumbprint (`certkit store list` shows them all): {}",
                candidates.join("; ")
            ),
            Error::Crypto { .. } => "this is a bug in certkit; please report it".into(),
        }
    }

    pub fn exit_kind(&self) -> ExitKind {
        match self {
            Error::InvalidArgument { .. }
            | Error::NoPassword { .. }
            | Error::NoAnswer { .. }
            | Error::Ambiguous { .. } => ExitKind::Usage,
            Error::NotFound { .. } => ExitKind::NotFound,
            _ => ExitKind::Failure,
        }
    }
}
