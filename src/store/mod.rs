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
        let named = |e: rusqlite::Error| {
            if crate::error::is_busy(&e) {
                TixError::from(e)
            } else {
                TixError::failure(format!("{}: not a tix store: {e}", self.path.display()))
            }
        };
        // Mail is blob-heavy: 16 KiB pages mean a quarter of the page writes
        // of the 4 KiB default. Takes effect only when the file is created.
        self.conn
            .execute_batch("PRAGMA page_size = 16384")
            .map_err(named)?;
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(named)?;
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(named)?;
        Ok(())
    }

    /// The schema version the file carries (0 for a new file).
    pub fn version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&self) -> Result<()> {
        let version = self.version()?;
        if version > schema::CURRENT_VERSION {
            return Err(TixError::failure(format!(
                "{}: store schema version {version} is newer than this tix understands ({}); upgrade tix",
                self.path.display(),
                schema::CURRENT_VERSION
            )));
        }
        if version == schema::CURRENT_VERSION {
            return Ok(());
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        // Re-read under the write lock: another tix may have migrated meanwhile.
        let result = (|| -> Result<()> {
            let version = self.version()?;
            for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
                self.conn.execute_batch(sql)?;
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
