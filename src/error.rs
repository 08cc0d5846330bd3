//! What went wrong, by kind. The core says what happened (a wrong argument,
//! a refusal, unusable input, a busy store, a file it could not read) and
//! keeps the cause; which exit code each kind gets is decided once, in
//! `main.rs`.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum TixError {
    /// A mistaken argument, option, name or config value; nothing was done.
    Invalid(String),
    /// A file or folder the user named could not be read.
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    /// What was asked cannot be done: no such ticket, a locked or merged
    /// one, a step the workflow forbids, a server that said no for good.
    Refused(String),
    /// A file tix works with (a lock, an attachment, a folder it writes)
    /// failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The store failed in a way waiting will not mend (read-only, damaged).
    Store {
        message: String,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// Input no attempt will make usable (a message over the size limit).
    BadData(String),
    /// Busy, down, full or not there yet: the same command later may work.
    Temporary(String),
}

impl TixError {
    pub fn usage(message: impl Into<String>) -> Self {
        TixError::Invalid(message.into())
    }
    pub fn failure(message: impl Into<String>) -> Self {
        TixError::Refused(message.into())
    }
    pub fn bad_data(message: impl Into<String>) -> Self {
        TixError::BadData(message.into())
    }
    pub fn temp(message: impl Into<String>) -> Self {
        TixError::Temporary(message.into())
    }
    /// A file or folder the user named could not be read.
    pub fn input(path: &Path, source: std::io::Error) -> Self {
        TixError::Input {
            path: path.to_path_buf(),
            source,
        }
    }
    /// A file tix works with failed.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        TixError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Worth trying again later (an MTA keeps the mail, cron runs again).
    pub fn is_temporary(&self) -> bool {
        matches!(self, TixError::Temporary(_))
    }

    /// The same kind of error with its text changed by `f` (context added).
    pub fn reworded(self, f: impl FnOnce(String) -> String) -> Self {
        match self {
            TixError::Invalid(m) => TixError::Invalid(f(m)),
            TixError::Refused(m) => TixError::Refused(f(m)),
            TixError::BadData(m) => TixError::BadData(f(m)),
            TixError::Temporary(m) => TixError::Temporary(f(m)),
            TixError::Store { message, source } => TixError::Store {
                message: f(message),
                source,
            },
            // The path and cause say it; context goes in front as text.
            other @ (TixError::Input { .. } | TixError::Io { .. }) => {
                TixError::Refused(f(other.to_string()))
            }
        }
    }
}

impl fmt::Display for TixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TixError::Invalid(m)
            | TixError::Refused(m)
            | TixError::BadData(m)
            | TixError::Temporary(m)
            | TixError::Store { message: m, .. } => f.write_str(m),
            TixError::Input { path, source } | TixError::Io { path, source } => {
                write!(f, "{}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for TixError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            TixError::Input { source, .. } | TixError::Io { source, .. } => Some(source),
            TixError::Store { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

pub type Result<T, E = TixError> = std::result::Result<T, E>;
