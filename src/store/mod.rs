//! The ticket store: one SQLite file (WAL, foreign keys, busy timeout).

pub mod number;
pub mod schema;
pub mod tickets;

use crate::error::{Result, TixError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An open store. Commands get one from the context; nothing else opens SQLite.
pub struct Store {
    pub conn: Connection,
    pub path: PathBuf,
}

/// How long a command waits for another writer before giving up with exit 75.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Opens (creating if need be) the store at `path` and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() && !dir.exists() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    TixError::failure(format!(
                        "{}: cannot create store folder: {e}",
                        dir.display()
                    ))
                })?;
            }
        }
        let conn = Connection::open(path).map_err(|e| {
            TixError::failure(format!("{}: cannot open store: {e}", path.display()))
        })?;
        conn.busy_timeout(busy_timeout())?;
        // Intake cycles through a score of statements per message.
        conn.set_prepared_statement_cache_capacity(64);
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        // Two runs creating the store at once: switching a new file to WAL
        // needs it to themselves, and SQLite answers "busy" at once instead
        // of waiting. So wait here, as long as for any other lock.
        let deadline = std::time::Instant::now() + busy_timeout();
        loop {
            match self.configure_once() {
                Err(e) if crate::error::is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) if crate::error::is_busy(&e) => return Err(TixError::from(e)),
                Err(e) => {
                    return Err(TixError::failure(format!(
                        "{}: not a tix store: {e}",
                        self.path.display()
                    )))
                }
                Ok(()) => return Ok(()),
            }
        }
    }

    fn configure_once(&self) -> rusqlite::Result<()> {
        // Mail is blob-heavy: 16 KiB pages mean a quarter of the page writes
        // of the 4 KiB default. Takes effect only when the file is created.
        self.conn.execute_batch("PRAGMA page_size = 16384")?;
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // Not switched (another connection held the file): try again.
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some(format!("journal mode stayed {mode}")),
            ));
        }
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
    }

    /// The schema version the file carries (0 for a new file).
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&self) -> Result<()> {
        self.migrate_with(schema::MIGRATIONS)
    }

    /// Brings the file from its version to `migrations.len()`, one step at a
    /// time, all in one transaction.
    fn migrate_with(&self, migrations: &[&str]) -> Result<()> {
        let known = migrations.len() as i64;
        let version = self.version()?;
        if version > known {
            return Err(TixError::failure(format!(
                "{}: store schema version {version} is newer than this tix understands ({known}); upgrade tix",
                self.path.display(),
            )));
        }
        if version == known {
            return Ok(());
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        // Re-read under the write lock: another tix may have migrated meanwhile.
        let result = (|| -> Result<()> {
            let version = self.version()?;
            for (i, sql) in migrations.iter().enumerate().skip(version as usize) {
                self.conn.execute_batch(sql)?;
                schema::after_migration(&self.conn, i + 1)?;
                self.conn
                    .execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => Ok(self.conn.execute_batch("COMMIT")?),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Runs `f` in one write transaction (taken at once, so a busy store shows
    /// up before any work is done).
    pub fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// An exclusive advisory lock on a file beside the store (created if need
/// be), held until the returned file is dropped; `None` when another
/// process holds it. Keeps two cron runs from doing the same job at once.
pub fn try_lock_beside(path: &str) -> Result<Option<std::fs::File>> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    // SAFETY: flock on a descriptor owned here; released when it closes.
    let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    Ok((r == 0).then_some(file))
}

fn busy_timeout() -> Duration {
    std::env::var("TIX_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
        .unwrap_or(BUSY_TIMEOUT)
}

/// Seconds since the epoch, the one time unit the store keeps.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_store_is_upgraded_step_by_step_keeping_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tix.db");
        let store = Store {
            conn: Connection::open(&path).unwrap(),
            path: path.clone(),
        };
        store.migrate_with(&schema::MIGRATIONS[..1]).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO tickets (number, title, queue, state, state_type, created_at, updated_at)
                 VALUES ('2013070410000731', 't', 'Inbox', 'new', 'new', 0, 0)",
                [],
            )
            .unwrap();
        // Version 1 to the current one: the ticket is found by a tail of its number.
        store.migrate().unwrap();
        assert_eq!(tickets::resolve(&store.conn, "0731").unwrap(), 1);
        let current = schema::MIGRATIONS.len();
        let mut next: Vec<&str> = schema::MIGRATIONS.to_vec();
        next.push("ALTER TABLE tickets ADD COLUMN escalate_at INTEGER");
        next.push("CREATE INDEX tickets_escalate ON tickets(escalate_at)");
        store.migrate_with(&next).unwrap();
        assert_eq!(store.version().unwrap(), current as i64 + 2);
        let (n, e): (String, Option<i64>) = store
            .conn
            .query_row("SELECT number, escalate_at FROM tickets", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((n.as_str(), e), ("2013070410000731", None));
        // A broken step leaves the store as it was.
        next.push("ALTER TABLE nowhere ADD COLUMN x");
        assert!(store.migrate_with(&next).is_err());
        assert_eq!(store.version().unwrap(), current as i64 + 2);
    }
}
