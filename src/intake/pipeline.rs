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
    let mut summary = Summary::default();
    let result = std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = sync_channel::<Result<Prepared>>(READ_AHEAD);
        scope.spawn(move || {
            for item in messages {
                let prepared = item.map(|m| prepare(m.bytes, m.source, max_size));
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
        // Dropping the receiver stops the reader thread.
        drop(rx);
        result
    });
    result?;
    Ok(summary)
}
