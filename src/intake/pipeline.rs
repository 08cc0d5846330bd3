//! Runs a stream of raw messages through intake: reading and parsing on one
//! thread, storing on the caller's, in batched write transactions so that
//! thousands of messages a second go in while other tix commands still get
//! their turn between batches.

use super::{prepare, Intake, Outcome, Prepared, Summary};
use crate::error::{Result, TixError};
use crate::store::Store;
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

/// One message as a source yields it: where it came from and its bytes.
pub struct RawMessage {
    pub source: String,
    pub bytes: Vec<u8>,
    /// The message's whole size when `bytes` holds only its first part: it
    /// was over the size limit and is read no further than that.
    pub cut_from: Option<u64>,
}

const BATCH_MESSAGES: usize = 1000;
const BATCH_BYTES: usize = 16 * 1024 * 1024;
const BATCH_TIME: Duration = Duration::from_millis(500);
/// Messages parsed ahead of the writer; bounds memory whatever the source size.
const READ_AHEAD: usize = 64;

/// Ingests every message `messages` yields. `on_outcome` hears about each one
/// once it is committed (for warnings and progress). Read errors of single
/// messages are reported through `on_read_error` and the run goes on.
pub fn ingest_all<I>(
    store: &mut Store,
    intake: &Intake,
    messages: I,
    mut on_outcome: impl FnMut(&str, &Outcome),
    mut on_read_error: impl FnMut(&TixError),
) -> Result<Summary>
where
    I: Iterator<Item = Result<RawMessage>> + Send,
{
    let max_size = intake.max_size;
    let rules = intake.config.rules.clone();
    let mut summary = Summary::default();
    let db_path = store.path.clone();
    // A checkpointer thread copies the WAL into the database (and syncs it)
    // while the writer goes on. The writer still checkpoints itself now and
    // then: only a checkpoint with no write in flight lets the WAL start over,
    // so without that a long import grows the WAL without bound.
    store
        .conn
        .pragma_update(None, "wal_autocheckpoint", WRITER_CHECKPOINT_PAGES)?;
    let result = std::thread::scope(|scope| -> Result<()> {
        let (stop_checkpoints, stopped) = std::sync::mpsc::channel::<()>();
        scope.spawn(move || checkpoint_until_stopped(&db_path, stopped));
        let _stop_on_exit = stop_checkpoints;
        let (tx, rx) = sync_channel::<Result<Prepared>>(READ_AHEAD);
        scope.spawn(move || {
            for item in messages {
                let prepared = item.map(|m| prepare(m, max_size, &rules));
                if tx.send(prepared).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });

        let mut pending: Vec<(String, Outcome)> = Vec::new();
        let mut in_tx = false;
        let mut batch_bytes = 0usize;
        let mut batch_started = Instant::now();
        let result = (|| -> Result<()> {
            for item in rx.iter() {
                let prepared = match item {
                    Ok(p) => p,
                    Err(e) => {
                        on_read_error(&e);
                        continue;
                    }
                };
                if !in_tx {
                    store.conn.execute_batch("BEGIN IMMEDIATE")?;
                    in_tx = true;
                    batch_started = Instant::now();
                    batch_bytes = 0;
                }
                let outcome = intake.commit(&store.conn, &prepared)?;
                batch_bytes += prepared.raw.len();
                pending.push((prepared.source, outcome));
                if pending.len() >= BATCH_MESSAGES
                    || batch_bytes >= BATCH_BYTES
                    || batch_started.elapsed() >= BATCH_TIME
                {
                    store.conn.execute_batch("COMMIT")?;
                    in_tx = false;
                    for (source, outcome) in pending.drain(..) {
                        summary.add(&outcome);
                        on_outcome(&source, &outcome);
                    }
                }
            }
            if in_tx {
                store.conn.execute_batch("COMMIT")?;
                in_tx = false;
                for (source, outcome) in pending.drain(..) {
                    summary.add(&outcome);
                    on_outcome(&source, &outcome);
                }
            }
            Ok(())
        })();
        if result.is_err() && in_tx {
            let _ = store.conn.execute_batch("ROLLBACK");
        }
        // Dropping the receiver stops the reader thread; dropping the sender
        // stops the checkpointer.
        drop(rx);
        result
    });
    store.conn.pragma_update(None, "wal_autocheckpoint", 1000)?;
    result?;
    Ok(summary)
}

/// The writer's own checkpoint, after this many WAL pages (32 MB of 16 KiB pages).
const WRITER_CHECKPOINT_PAGES: i64 = 2048;
const CHECKPOINT_EVERY: Duration = Duration::from_millis(200);

fn checkpoint_until_stopped(db: &std::path::Path, stopped: std::sync::mpsc::Receiver<()>) {
    let Ok(conn) = rusqlite::Connection::open(db) else {
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
