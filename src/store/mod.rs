//! The ticket store: one SQLite file (WAL, foreign keys, busy timeout), or
//! a PostgreSQL database named by a `postgres://` URL.

pub mod absences;
pub mod articles;
pub mod bounce_record;
pub mod bounced;
pub mod changes;
pub mod config_versions;
pub mod contacts;
pub mod copy;
pub mod dashboard;
pub mod db;
pub mod digests;
mod driver_errors;
pub mod due;
pub mod escalation;
pub mod find;
pub mod history;
pub mod imap_folders;
pub mod imported;
pub mod intake_trouble;
pub mod links;
pub mod number;
pub mod outbox;
pub mod person;
pub mod postgres;
mod postgres_schema;
pub mod raw_messages;
pub mod report;
pub mod roles;
pub mod schema;
pub mod tables;
pub mod tickets;
pub mod values;
mod vocabulary;
mod words;

use crate::error::{Result, TixError};
pub use db::Db;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An open store. Commands get one from the context; nothing else opens
/// the database.
pub struct Store {
    pub conn: Db,
    /// The SQLite file, or the server's URL without its password.
    pub path: PathBuf,
}

/// How a store on a server is opened: made if need be (init), required
/// and upgraded, or only read (shell completion: nothing is changed).
#[derive(Clone, Copy)]
enum Opening {
    Create,
    Existing,
    ReadOnly,
}

/// Is the store at `location` on a PostgreSQL server?
pub fn is_server(location: &Path) -> bool {
    location.to_str().is_some_and(postgres::is_url)
}

/// Is there (as far as can be told without connecting) a store at `location`?
pub fn may_exist(location: &Path) -> bool {
    is_server(location) || location.exists()
}

/// The store this process opened, for messages about it from deep inside.
static OPENED: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

pub fn opened_path() -> Option<&'static Path> {
    OPENED.get().map(PathBuf::as_path)
}

/// How long a command waits for another writer before giving up with exit 75.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Closes the store once a command has read what it prints: output may
    /// wait on a pipe (`tix list | less`), and a read must not hold the
    /// store meanwhile (the transaction a read opens after a change of the
    /// rules, and its writer's lock, end here, rolled back).
    pub fn close(self) {}

    /// Opens the existing store at `path` and brings its schema up to date.
    /// Only `tix init` creates one ([`Store::create`]): a mistyped path must
    /// not quietly become a second store that nobody reads.
    pub fn open(path: &Path) -> Result<Store> {
        if is_server(path) {
            return Store::open_server(path, Opening::Existing);
        }
        if !path.exists() {
            return Err(TixError::usage(format!(
                "no store at {}; run tix init",
                path.display()
            )));
        }
        check_writable(path)?;
        let store = Store::connect(path)?;
        // Looked at before anything is set on the file: another program's
        // database is left exactly as it was.
        if store.header()?.0 == 0 {
            return Err(not_a_store(path, "no tix schema in it; tix init makes one"));
        }
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The file's schema version and how many tables it has, read without
    /// changing anything.
    fn header(&self) -> Result<(i64, i64)> {
        self.sqlite()
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version),
                        (SELECT count(*) FROM sqlite_master WHERE type = 'table')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| open_error(&self.path, e))
    }

    /// Creates the store at `path` (and its folder), or opens and upgrades
    /// the one already there. An SQLite file of another program is refused,
    /// never adopted.
    pub fn create(path: &Path) -> Result<Store> {
        if is_server(path) {
            return Store::open_server(path, Opening::Create);
        }
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() && !dir.exists() {
                std::fs::create_dir_all(dir).map_err(|e| {
                    TixError::failure(format!(
                        "{}: cannot create store folder: {}",
                        dir.display(),
                        io_reason(&e)
                    ))
                })?;
            }
        }
        if path.exists() {
            check_writable(path)?;
        } else if let Some(dir) = path.parent() {
            check_writable_dir(dir, path)?;
        }
        let store = Store::connect(path)?;
        if let (0, tables) = store.header()? {
            if tables > 0 {
                return Err(not_a_store(path, "an SQLite file of another program"));
            }
        }
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store only to read it, changing nothing (not even
    /// its schema): for shell completion, which must never write.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if is_server(path) {
            return Store::open_server(path, Opening::ReadOnly);
        }
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_millis(200))?;
        Ok(Store {
            conn: Db::sqlite(conn),
            path: path.to_path_buf(),
        })
    }

    /// The store on the PostgreSQL server at the URL `location`: its schema
    /// made (`create`) or required, and brought up to date.
    fn open_server(location: &Path, opening: Opening) -> Result<Store> {
        let url = location.to_str().unwrap_or_default();
        let shown = PathBuf::from(postgres::display_url(url));
        let _ = OPENED.set(shown.clone());
        let session = postgres::connect(url, busy_timeout().as_millis())?;
        let _ = OPENED_URL.set(url.to_string());
        let store = Store {
            conn: Db {
                backend: db::Backend::Postgres(Box::new(std::cell::RefCell::new(session))),
                hidden_queues: std::cell::RefCell::new(vec![]),
            },
            path: shown,
        };
        match opening {
            Opening::ReadOnly => {
                if postgres_schema::version(&store.conn)? == 0 {
                    return Err(TixError::usage(format!(
                        "no store at {}; run tix init",
                        store.path.display()
                    )));
                }
            }
            Opening::Existing => postgres_schema::prepare(&store.conn, &store.path, false)?,
            Opening::Create => postgres_schema::prepare(&store.conn, &store.path, true)?,
        }
        Ok(store)
    }

    /// The SQLite connection of a store in a file.
    fn sqlite(&self) -> &Connection {
        self.conn
            .sqlite_conn()
            .expect("only a store in an SQLite file is asked this")
    }

    fn connect(path: &Path) -> Result<Store> {
        let _ = OPENED.set(path.to_path_buf());
        let conn = Connection::open(path).map_err(|e| {
            TixError::failure(format!("{}: cannot open store: {e}", path.display()))
        })?;
        conn.busy_timeout(busy_timeout())?;
        // Intake cycles through a score of statements per message.
        conn.set_prepared_statement_cache_capacity(128);
        Ok(Store {
            conn: Db::sqlite(conn),
            path: path.to_path_buf(),
        })
    }

    fn configure(&self) -> Result<()> {
        // Two runs creating the store at once: switching a new file to WAL
        // needs it to themselves, and SQLite answers "busy" at once instead
        // of waiting. So wait here, as long as for any other lock.
        let deadline = std::time::Instant::now() + busy_timeout();
        loop {
            match self.configure_once() {
                Err(e) if driver_errors::is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) if driver_errors::is_busy(&e) => return Err(TixError::from(e)),
                Err(e) => return Err(open_error(&self.path, e)),
                Ok(()) => return Ok(()),
            }
        }
    }

    fn configure_once(&self) -> rusqlite::Result<()> {
        // Mail is blob-heavy: 16 KiB pages mean a quarter of the page writes
        // of the 4 KiB default. Takes effect only when the file is created.
        let conn = self.sqlite();
        conn.execute_batch("PRAGMA page_size = 16384")?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            // Not switched (another connection held the file): try again.
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                Some(format!("journal mode stayed {mode}")),
            ));
        }
        // Statement journals (kept by a statement that must be able to undo
        // itself alone inside a batch) in memory, not in a temporary file:
        // intake writes thousands of tickets a second.
        conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
        )
    }

    /// The schema version the file carries (0 for a new file).
    pub fn version(&self) -> Result<i64> {
        if self.conn.is_postgres() {
            return postgres_schema::version(&self.conn);
        }
        Ok(self
            .sqlite()
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
        let conn = self.sqlite();
        conn.execute_batch("BEGIN IMMEDIATE")?;
        // Re-read under the write lock: another tix may have migrated meanwhile.
        let result = (|| -> Result<()> {
            let version = self.version()?;
            for (i, sql) in migrations.iter().enumerate().skip(version as usize) {
                conn.execute_batch(sql)?;
                schema::after_migration(&self.conn, i + 1)?;
                conn.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            }
            Ok(())
        })();
        match result {
            Ok(()) => Ok(conn.execute_batch("COMMIT")?),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Runs `f` in one write transaction (taken at once, so a busy store shows
    /// up before any work is done).
    pub fn write<T>(&mut self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.conn.write(f)
    }

    /// Runs `f` in a write transaction that is always rolled back: a
    /// rehearsal that finds what would fail before something irreversible
    /// (sending mail) is done.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        self.conn.rehearse(f)
    }

    /// During a long import into an SQLite file, the writer checkpoints only
    /// once the WAL holds `mb` megabytes (a [`checkpoint_until_stopped`]
    /// thread does the rest); `None` restores SQLite's default.
    pub fn set_writer_checkpoint(&self, mb: Option<i64>) -> Result<()> {
        let Some(c) = self.conn.sqlite_conn() else {
            return Ok(());
        };
        let pages = match mb {
            Some(mb) => {
                let page_size: i64 = c.pragma_query_value(None, "page_size", |r| r.get(0))?;
                (mb.saturating_mul(1024 * 1024) / page_size.max(512)).max(1)
            }
            None => 1000,
        };
        Ok(c.pragma_update(None, "wal_autocheckpoint", pages)?)
    }

    /// The lock of one job on this store (`maintain`, `outbox`, a fetch of
    /// one account), held until the returned value is dropped; `None` when
    /// another process holds it. On SQLite a file beside the store; on
    /// PostgreSQL an advisory lock of the server, so that it holds across
    /// machines.
    pub fn try_lock(&self, job: &str) -> Result<Option<JobLock>> {
        if self.conn.is_postgres() {
            let url = OPENED_URL
                .get()
                .expect("the server store this process opened");
            let mut session = postgres::connect(url, busy_timeout().as_millis())?;
            let key = job_key(job);
            return Ok(session.try_lock(key)?.then_some(JobLock::Server {
                session: Box::new(session),
                job: job.to_string(),
            }));
        }
        let path = format!("{}.{job}.lock", self.path.display());
        Ok(try_lock_beside(&path, &self.path)?.map(|file| JobLock::File { file, path }))
    }
}

/// A job's lock (see [`Store::try_lock`]).
pub enum JobLock {
    File {
        file: std::fs::File,
        path: String,
    },
    Server {
        session: Box<postgres::Session>,
        job: String,
    },
}

impl JobLock {
    /// Whether the lock still holds: a server's advisory lock goes with
    /// the session that took it (a restarted or cut-off server ends it);
    /// a lock file holds while this process runs.
    pub fn still_held(&mut self) -> bool {
        match self {
            JobLock::File { .. } => true,
            JobLock::Server { session, .. } => session.execute("SELECT 1", db::params![]).is_ok(),
        }
    }

    /// Notes when the lock was taken, so that a stuck holder can be told
    /// from a busy one (read back by [`Store::lock_taken_at`]).
    pub fn note_taken_at(&mut self, at: i64) {
        use std::io::{Seek, Write};
        let note = format!("{at} {}", std::process::id());
        match self {
            JobLock::File { file, .. } => {
                let _ = file.set_len(0);
                let _ = file.rewind();
                let _ = writeln!(file, "{note}");
            }
            // Beside the advisory lock, where every machine can read it.
            JobLock::Server { session, job } => {
                let _ = session.execute(
                    "INSERT INTO store_facts (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    db::params![format!("lock {job}"), note],
                );
            }
        }
    }
}

impl Store {
    /// When the holder of `job`'s lock took it, where that can be told.
    pub fn lock_taken_at(&self, job: &str) -> Option<i64> {
        let text = if self.conn.is_postgres() {
            self.conn
                .query_opt(
                    "SELECT value FROM store_facts WHERE key = ?1",
                    db::params![format!("lock {job}")],
                    |r| r.get::<String>(0),
                )
                .ok()??
        } else {
            std::fs::read_to_string(format!("{}.{job}.lock", self.path.display())).ok()?
        };
        text.split_whitespace().next()?.parse().ok()
    }
}

/// The advisory lock key of a job on a server store: a stable hash of its name.
pub fn job_key(job: &str) -> i64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("tix job {job}").as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("eight bytes"))
}

/// The URL of the server store this process opened, for the connections
/// its job locks need.
static OPENED_URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// How often the checkpointer looks for new WAL frames. Often: whatever it
/// has copied and synced is what the writer's own checkpoint (which the
/// writer waits for) no longer has to; a look that finds nothing costs
/// nothing.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(20);

/// Starts a write transaction at once (a busy store shows before any work).
pub fn begin(conn: &Db) -> Result<()> {
    conn.begin()
}

pub fn commit(conn: &Db) -> Result<()> {
    conn.commit()
}

pub fn rollback(conn: &Db) -> Result<()> {
    conn.rollback()
}

/// Copies the WAL into the database (and syncs it) every 20 ms on a
/// connection of its own, while the writer goes on, until `stopped` is
/// dropped. The writer still checkpoints itself now and then: only a
/// checkpoint with no write in flight lets the WAL start over, so without
/// that a long import grows the WAL without bound.
pub fn checkpoint_until_stopped(db: &Path, stopped: std::sync::mpsc::Receiver<()>) {
    if is_server(db) {
        return; // the server keeps its own log
    }
    let Ok(conn) = Connection::open(db) else {
        return; // the writer's own checkpoints still run
    };
    // PASSIVE never waits for the writer; a busy store just means "later".
    let checkpoint = || {
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
    };
    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
        stopped.recv_timeout(CHECKPOINT_EVERY)
    {
        checkpoint();
    }
}

/// The store this one has moved to (`tix store move`), if it has.
pub fn moved_to(conn: &Db) -> Result<Option<String>> {
    escalation::store_fact(conn, MOVED_TO)
}

/// Marks the store as moved to `new`: writes here are refused from now on.
pub fn mark_moved(conn: &Db, new: &str) -> Result<()> {
    escalation::set_store_fact(conn, MOVED_TO, Some(new))
}

const MOVED_TO: &str = "moved_to";

/// Runs `f` inside a savepoint of the caller's transaction: what it wrote
/// is undone when it fails, and the transaction goes on.
pub fn savepoint<T>(conn: &Db, f: impl FnOnce() -> Result<T>) -> Result<T> {
    conn.execute_batch("SAVEPOINT tix_step")?;
    match f() {
        Ok(v) => {
            conn.execute_batch("RELEASE tix_step")?;
            Ok(v)
        }
        Err(e) => {
            match conn.execute_batch("ROLLBACK TO tix_step; RELEASE tix_step") {
                Ok(()) => Err(e),
                Err(undo) if conn.in_transaction() => Err(undo),
                // The failure broke off the whole transaction (an I/O
                // error), and the savepoint went with it: report the failure.
                Err(_) => Err(e),
            }
        }
    }
}

/// For tests of what happens when filing fails unforeseen: inserting an
/// article with this subject fails with `message`.
#[cfg(test)]
pub fn fail_articles_with_subject(conn: &Db, subject: &str, message: &str) {
    conn.execute_batch(&format!(
        "CREATE TRIGGER fail_filing BEFORE INSERT ON articles WHEN NEW.subject = '{subject}'
         BEGIN SELECT RAISE(ABORT, '{message}'); END;"
    ))
    .expect("a trigger");
}

/// An exclusive advisory lock on a file beside the store (created if need
/// be), held until the returned file is dropped; `None` when another
/// process holds it. Keeps two cron runs from doing the same job at once.
fn try_lock_beside(path: &str, store: &Path) -> Result<Option<std::fs::File>> {
    let created = std::fs::File::options()
        .create_new(true)
        .write(true)
        .open(path);
    let file = match created {
        Ok(file) => {
            share_as_the_store(&file, store);
            file
        }
        // Made by an earlier run, perhaps of another user (root from a
        // shell, the MTA's user): a lock needs no write access, so one
        // that may only be read still serves.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::File::options()
            .write(true)
            .open(path)
            .or_else(|_| std::fs::File::open(path))
            .map_err(|e| TixError::io(Path::new(path), e))?,
        Err(e) => return Err(TixError::io(Path::new(path), e)),
    };
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(std::fs::TryLockError::WouldBlock) => Ok(None),
        Err(std::fs::TryLockError::Error(e)) => Err(TixError::io(Path::new(path), e)),
    }
}

/// Gives a file made beside the store the store file's own mode (so a
/// store its group may write has locks its group may take, whatever this
/// process's umask) and, for root, its owner and group, as SQLite does for
/// the WAL and shared-memory files.
fn share_as_the_store(file: &std::fs::File, store: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = std::fs::metadata(store) else {
        return;
    };
    let _ = file.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o666));
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
}

/// Why the store at `path` cannot be used, in the words of the cause: a full
/// disk, a read-only file system and a damaged file each say so, and only a
/// file that is not a database at all is "not a tix store".
fn open_error(path: &Path, e: rusqlite::Error) -> TixError {
    use rusqlite::ErrorCode as C;
    let code = match &e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    match code {
        Some(C::NotADatabase) => not_a_store(path, &e.to_string()),
        // Names the file itself.
        Some(C::DatabaseCorrupt) => TixError::from(e),
        Some(C::DiskFull | C::ReadOnly | C::PermissionDenied | C::CannotOpen) => {
            TixError::from(e).reworded(|m| format!("{}: {m}", path.display()))
        }
        _ => TixError::failure(format!("{}: cannot open store: {e}", path.display())),
    }
}

fn not_a_store(path: &Path, why: &str) -> TixError {
    TixError::failure(format!("{}: not a tix store ({why})", path.display()))
}

/// SQLite needs to write the file and, in WAL mode, to create files beside
/// it; a user who may not gets a message naming the user and the file (the
/// usual case: an MTA pipe running as `nobody`).
fn check_writable(path: &Path) -> Result<()> {
    if let Err(e) = access_write(path) {
        return Err(cannot_write(path, &e));
    }
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => check_writable_dir(dir, path),
        _ => Ok(()),
    }
}

fn check_writable_dir(dir: &Path, store: &Path) -> Result<()> {
    access_write(dir).map_err(|e| {
        cannot_write(dir, &e).reworded(|m| {
            format!(
                "{m} (the store {} keeps its journal there)",
                store.display()
            )
        })
    })
}

fn access_write(path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    // SAFETY: a NUL-terminated path that lives across the call.
    if unsafe { libc::access(c.as_ptr(), libc::W_OK) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

fn cannot_write(path: &Path, e: &std::io::Error) -> TixError {
    TixError::failure(format!(
        "cannot write {} as user {}: {}",
        path.display(),
        crate::process_user::effective_name().unwrap_or_else(|| "?".into()),
        io_reason(e)
    ))
}

/// An OS error in a few plain words, without "(os error N)".
pub fn io_reason(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(libc::EROFS) => "read-only file system".into(),
        Some(libc::ENOSPC) => "disk full".into(),
        Some(libc::EACCES | libc::EPERM) => "permission denied".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s,
            }
        }
    }
}

fn busy_timeout() -> Duration {
    std::env::var("TIX_BUSY_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
        .unwrap_or(BUSY_TIMEOUT)
}

pub use crate::dates::now;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db::params;

    #[test]
    fn an_upgraded_store_finds_its_old_mail_by_folded_words() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tix.db");
        let store = Store {
            conn: Db::sqlite(Connection::open(&path).unwrap()),
            path: path.clone(),
        };
        // Version 6: the index held the articles' own text.
        store.migrate_with(&schema::MIGRATIONS[..6]).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO tickets (number, title, queue, state, state_type, created_at, updated_at)
                 VALUES ('2026120210000011', 't', 'Inbox', 'new', 'new', 0, 0);
                 INSERT INTO articles (ticket_id, kind, sender_type, from_name, from_addr, subject, body, created_at, created_by)
                 VALUES (1, 'email-external', 'customer', 'Jürgen Müller', 'jm@verein.test', 'Beitrag', 'Herr Gäßler zahlt 24€.', 0, 'x');",
            )
            .unwrap();
        store.migrate().unwrap();
        let hits = |q: &str| -> i64 {
            store
                .conn
                .query_row(
                    "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1",
                    params![q],
                    |r| r.get(0),
                )
                .unwrap()
        };
        let folded = |t: &str| format!("\"{}\"", crate::fold::fold(t));
        assert_eq!(hits(&folded("Gassler")), 1);
        assert_eq!(hits(&format!("from_addr : {}", folded("Mueller"))), 1);
        assert_eq!(hits(&folded("24 €")), 1);
        assert_eq!(hits(&folded("nirgends")), 0);
    }

    #[test]
    fn an_upgraded_store_dates_its_answers_and_closings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tix.db");
        let store = Store {
            conn: Db::sqlite(Connection::open(&path).unwrap()),
            path: path.clone(),
        };
        // Version 8: no answer or closing dates on tickets.
        store.migrate_with(&schema::MIGRATIONS[..8]).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO tickets (number, title, queue, state, state_type, created_at, updated_at)
                 VALUES ('2026120210000011', 'open', 'Inbox', 'open', 'open', 100, 900),
                        ('2026120210000029', 'closed', 'Inbox', 'closed successful', 'closed', 100, 700);
                 INSERT INTO articles (ticket_id, kind, sender_type, subject, body, created_at, created_by)
                 VALUES (1, 'email-in', 'customer', 'q', 'q', 100, 'x'),
                        (1, 'note', 'agent', 'n', 'n', 150, 'anna'),
                        (1, 'phone-out', 'agent', 'c', 'c', 200, 'anna'),
                        (1, 'email-out', 'agent', 'r', 'r', 300, 'anna'),
                        (1, 'email-out', 'system', 'auto', 'auto', 110, 'tix');",
            )
            .unwrap();
        store.migrate().unwrap();
        let dates: Vec<(Option<i64>, Option<i64>, Option<i64>)> = store
            .conn
            .prepare("SELECT first_response_at, last_answer_at, closed_at FROM tickets ORDER BY id")
            .unwrap()
            .query_map(params![], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        // The note and the auto-reply are no answers; the call is the first.
        assert_eq!(
            dates,
            [(Some(200), Some(300), None), (None, None, Some(700))]
        );
    }

    #[test]
    fn an_older_store_is_upgraded_step_by_step_keeping_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tix.db");
        let store = Store {
            conn: Db::sqlite(Connection::open(&path).unwrap()),
            path: path.clone(),
        };
        store.migrate_with(&schema::MIGRATIONS[..1]).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO tickets (number, title, queue, state, state_type, created_at, updated_at)
                 VALUES ('2013070410000731', 't', 'Inbox', 'new', 'new', 0, 0)",
                params![],
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
            .query_row("SELECT number, escalate_at FROM tickets", params![], |r| {
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
