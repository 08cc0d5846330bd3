//! Errors that reach the user, each with the exit code a script can act on.

use std::fmt;

/// Exit codes from DESIGN.md: stable, documented in the README and man page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Ok = 0,
    Failure = 1,
    Usage = 2,
    /// EX_DATAERR: the input itself is bad.
    BadData = 65,
    /// EX_TEMPFAIL: try again later (store busy, server down).
    TempFail = 75,
}

/// An error with one line of text for stderr and an exit code.
#[derive(Debug)]
pub struct TixError {
    pub code: ExitCode,
    pub message: String,
}

impl TixError {
    pub fn new(code: ExitCode, message: impl Into<String>) -> Self {
        TixError {
            code,
            message: message.into(),
        }
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ExitCode::Usage, message)
    }
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(ExitCode::Failure, message)
    }
    pub fn bad_data(message: impl Into<String>) -> Self {
        Self::new(ExitCode::BadData, message)
    }
    pub fn temp(message: impl Into<String>) -> Self {
        Self::new(ExitCode::TempFail, message)
    }
}

impl fmt::Display for TixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TixError {}

impl From<rusqlite::Error> for TixError {
    fn from(e: rusqlite::Error) -> Self {
        if is_busy(&e) {
            return TixError::temp(format!(
                "the store is busy (another tix holds it); try again later: {e}"
            ));
        }
        let code = match &e {
            rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
            _ => None,
        };
        use rusqlite::ErrorCode as C;
        match code {
            // A full disk frees up; a cron run or an MTA retry then succeeds.
            Some(C::DiskFull) => TixError::temp(format!("disk full: the store cannot grow ({e})")),
            Some(C::ReadOnly) => {
                TixError::failure(format!("cannot write the store: read-only ({e})"))
            }
            Some(C::DatabaseCorrupt) => {
                let store = crate::store::opened_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "STORE".into());
                TixError::failure(format!(
                    "the store {store} is damaged ({e}); nothing was changed. Copy the file aside \
                     and rescue its contents with: sqlite3 {store} .recover | sqlite3 NEW-STORE"
                ))
            }
            _ => TixError::failure(format!("store: {e}")),
        }
    }
}

impl From<std::io::Error> for TixError {
    fn from(e: std::io::Error) -> Self {
        TixError::failure(e.to_string())
    }
}

/// True when SQLite gave up waiting for another writer or reader.
pub fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

pub type Result<T, E = TixError> = std::result::Result<T, E>;
