//! The store's driver errors as tix's own: a busy or unreachable store is
//! temporary (exit 75), a damaged file names the rescue. The conversion
//! lives here, beside the drivers, so the error type below knows no store.

use crate::error::TixError;

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
        if matches!(code, Some(C::SystemIoFailure | C::DiskFull)) {
            if let Some(limit) = at_file_size_limit() {
                return TixError::temp(format!(
                    "the store's file reached this process's file-size limit ({limit} bytes): \
                     Postfix's mailbox_size_limit applies to pipes; see tix-ingest(1)"
                ));
            }
        }
        let message = match code {
            // A full disk frees up; a cron run or an MTA retry then succeeds.
            Some(C::DiskFull) => {
                return TixError::temp(format!("disk full: the store cannot grow ({e})"))
            }
            Some(C::ReadOnly) => format!("cannot write the store: read-only ({e})"),
            Some(C::DatabaseCorrupt) => {
                let store = super::opened_path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "STORE".into());
                format!(
                    "the store {store} is damaged ({e}); nothing was changed. Copy the file aside \
                     and rescue its contents with: sqlite3 {store} .recover | sqlite3 NEW-STORE"
                )
            }
            _ => format!("store: {e}"),
        };
        TixError::Store {
            message,
            source: Box::new(e),
        }
    }
}

impl From<postgres::Error> for TixError {
    fn from(e: postgres::Error) -> Self {
        let why = super::postgres::error_text(&e);
        if super::postgres::is_temporary(&e) {
            return TixError::temp(format!(
                "the store is busy or its server unreachable; try again later: {why}"
            ));
        }
        TixError::Store {
            message: format!("store: {why}"),
            source: Box::new(e),
        }
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

/// The file-size limit, when one of the store's files (the database, its
/// WAL or journal) has reached it: a write past it failed.
fn at_file_size_limit() -> Option<u64> {
    let limit = crate::process_limits::file_size_limit()?;
    let store = super::opened_path()?;
    // A failed write leaves the file at most one page (64 KiB at most)
    // short of the limit.
    let reached = ["", "-wal", "-journal"].iter().any(|suffix| {
        let mut name = store.as_os_str().to_owned();
        name.push(suffix);
        std::fs::metadata(std::path::Path::new(&name)).is_ok_and(|m| m.len() + 65_536 >= limit)
    });
    reached.then_some(limit)
}
