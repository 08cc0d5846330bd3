//! Runs a stream of raw messages through intake: reading and parsing on one
//! thread, storing on the caller's, in batched write transactions so that
//! thousands of messages a second go in while other tix commands still get
//! their turn between batches.

use super::known::Known;
use super::{prepare, Intake, Outcome, Prepared, Summary};
use crate::error::{Result, TixError};
use crate::sources::RawMessage;
use crate::store::Db;
use crate::store::Store;
use std::collections::VecDeque;
use std::sync::mpsc::{sync_channel, Receiver};
use std::time::{Duration, Instant};

const BATCH_MESSAGES: usize = 1000;
const BATCH_BYTES: usize = 8 * 1024 * 1024;
const BATCH_TIME: Duration = Duration::from_millis(500);
/// Messages parsed ahead of the writer; bounds memory whatever the source size.
const READ_AHEAD: usize = 16;
/// Messages in a run from which the index stage asks which are stored.
const ASK_FROM: usize = 8;

/// What a source hears about the batches its messages go in with.
pub trait BatchHooks {
    /// Runs inside a batch's write transaction just before it commits: what
    /// is written here commits with the messages or not at all (an IMAP
    /// folder's resume key).
    fn before_commit(&mut self, conn: &Db, batch: &[RawMessage]) -> Result<()>;
    /// The batch is committed.
    fn committed(&mut self, batch: &[RawMessage]);
}

struct NoHooks;

impl BatchHooks for NoHooks {
    fn before_commit(&mut self, _: &Db, _: &[RawMessage]) -> Result<()> {
        Ok(())
    }
    fn committed(&mut self, _: &[RawMessage]) {}
}

/// Ingests every message `messages` yields. `on_outcome` hears about each one
/// once it is committed (for warnings and progress). Read errors of single
/// messages are reported through `on_read_error` and the run goes on.
pub fn ingest_all<I>(
    store: &mut Store,
    intake: &Intake,
    messages: I,
    on_outcome: impl FnMut(&str, &Outcome),
    on_read_error: impl FnMut(&TixError),
) -> Result<Summary>
where
    I: Iterator<Item = Result<RawMessage>> + Send,
{
    ingest_all_with(
        store,
        intake,
        messages,
        on_outcome,
        on_read_error,
        &mut NoHooks,
    )
}

/// [`ingest_all`], telling `hooks` about each batch.
pub fn ingest_all_with<I>(
    store: &mut Store,
    intake: &Intake,
    messages: I,
    mut on_outcome: impl FnMut(&str, &Outcome),
    mut on_read_error: impl FnMut(&TixError),
    hooks: &mut dyn BatchHooks,
) -> Result<Summary>
where
    I: Iterator<Item = Result<RawMessage>> + Send,
{
    let max_size = intake.max_size;
    let server_store = store.conn.is_postgres();
    let rules = intake.rules.clone();
    let mut summary = Summary::default();
    let db_path = store.path.clone();
    let index_path = store.path.clone();
    // A checkpointer thread copies the WAL while the writer goes on.
    store.set_writer_checkpoint(Some(writer_checkpoint_mb()))?;
    let result = std::thread::scope(|scope| -> Result<()> {
        let (stop_checkpoints, stopped) = std::sync::mpsc::channel::<()>();
        scope.spawn(move || crate::store::checkpoint_until_stopped(&db_path, stopped));
        let _stop_on_exit = stop_checkpoints;
        let (parsed_tx, parsed_rx) = sync_channel::<Result<Prepared>>(READ_AHEAD);
        scope.spawn(move || {
            yield_to_the_other_stages();
            for item in messages {
                let prepared = item.map(|m| prepare(m, max_size, &rules));
                if parsed_tx.send(prepared).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        let (tx, rx) = sync_channel::<Result<Prepared>>(READ_AHEAD);
        scope.spawn(move || index_new_mail(&index_path, server_store, parsed_rx, tx));

        let mut batch = Batch {
            keeps_bytes: server_store,
            ..Batch::default()
        };
        let mut pending: Vec<Outcome> = Vec::new();
        let mut poisoned: Vec<(usize, String)> = Vec::new();
        let mut in_tx = false;
        let mut batch_bytes = 0usize;
        let mut batch_started = Instant::now();
        let mut ahead: VecDeque<Result<Prepared>> = VecDeque::new();
        let mut known = Known::default();
        let result = (|| -> Result<()> {
            let mut finish = |batch: &mut Batch,
                              pending: &mut Vec<Outcome>,
                              poisoned: &mut Vec<(usize, String)>|
             -> Result<()> {
                hooks.before_commit(&store.conn, &batch.messages)?;
                match crate::store::commit(&store.conn) {
                    Ok(()) => {}
                    // A row that waited for the commit (Db::append) was
                    // refused: the batch is stored again with every row
                    // sent at once, so the refusal falls on its message.
                    Err(e) if !e.is_temporary() && store.conn.defers_appends() => {
                        replay(&store.conn, intake, batch, pending, poisoned, true)?;
                        hooks.before_commit(&store.conn, &batch.messages)?;
                        crate::store::commit(&store.conn)?;
                    }
                    Err(e) => return Err(e),
                }
                store.conn.defer_appends(true)?;
                hooks.committed(&batch.messages);
                batch.let_go.clear();
                for (p, outcome) in batch.messages.drain(..).zip(pending.drain(..)) {
                    summary.add(&outcome);
                    on_outcome(&p.source, &outcome);
                }
                poisoned.clear();
                Ok(())
            };
            loop {
                let item = match ahead.pop_front() {
                    Some(item) => item,
                    None => match rx.recv() {
                        Ok(item) => item,
                        Err(_) => break,
                    },
                };
                let prepared = match item {
                    Ok(p) => p,
                    Err(e) => {
                        on_read_error(&e);
                        continue;
                    }
                };
                if !in_tx {
                    crate::store::begin(&store.conn)?;
                    in_tx = true;
                    batch_started = Instant::now();
                    batch_bytes = 0;
                    known.forget();
                }
                batch_bytes += prepared.raw.len();
                // Where rows wait for the commit (a server), questions are
                // asked for many messages at once.
                let filed = if store.conn.defers_appends() {
                    if let Err(e) = learn_ahead(&store.conn, &mut known, &prepared, &rx, &mut ahead)
                    {
                        if e.is_temporary() {
                            return Err(e);
                        }
                        // Asking sent the waiting rows first, and one was
                        // refused: the batch so far is stored again with
                        // every row sent at once, to find whose.
                        known.forget();
                        let careful = true;
                        replay(
                            &store.conn,
                            intake,
                            &mut batch,
                            &mut pending,
                            &mut poisoned,
                            careful,
                        )?;
                    }
                    let filed = intake.commit_knowing(&store.conn, &prepared, Some(&mut known))?;
                    if filed.is_err() {
                        known.forget();
                    }
                    filed
                } else {
                    intake.commit(&store.conn, &prepared)?
                };
                batch.push(
                    RawMessage {
                        uid: prepared.uid,
                        cut_from: (prepared.size > prepared.raw.len() as u64)
                            .then_some(prepared.size),
                        source: prepared.source,
                        bytes: prepared.raw,
                    },
                    filed.is_ok().then_some(prepared.identity.fingerprint),
                );
                match filed {
                    Ok(outcome) => pending.push(outcome),
                    Err(why) => {
                        // With rows waiting for the commit, the refusal may be
                        // an earlier message's: the replay, sending each row
                        // at once, finds whose.
                        let careful = store.conn.defers_appends();
                        if !careful {
                            poisoned.push((batch.messages.len() - 1, why));
                        }
                        replay(
                            &store.conn,
                            intake,
                            &mut batch,
                            &mut pending,
                            &mut poisoned,
                            careful,
                        )?;
                    }
                }
                if batch.messages.len() >= BATCH_MESSAGES
                    || batch_bytes >= BATCH_BYTES
                    || batch_started.elapsed() >= BATCH_TIME
                {
                    finish(&mut batch, &mut pending, &mut poisoned)?;
                    in_tx = false;
                    known.forget();
                }
            }
            if in_tx {
                finish(&mut batch, &mut pending, &mut poisoned)?;
                in_tx = false;
            }
            Ok(())
        })();
        if result.is_err() && in_tx {
            let _ = crate::store::rollback(&store.conn);
        }
        // Dropping the receiver stops the reader thread; dropping the sender
        // stops the checkpointer.
        drop(rx);
        result
    });
    store.set_writer_checkpoint(None)?;
    result?;
    Ok(summary)
}

/// Lowers the calling thread's priority a little (Linux: niceness is per
/// thread). The writer bounds an import's speed; on two cores a reader
/// that takes the index stage's core makes the writer run dry (it waited
/// 1.2 s of a 5.8 s import for messages). Niced, the reader runs whenever
/// the other two wait, and it is never far behind: it reads ahead anyway.
fn yield_to_the_other_stages() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on this thread's own id.
    unsafe {
        let thread = libc::gettid() as libc::id_t;
        // Relative to what the process runs at (cron may have niced it).
        let now = libc::getpriority(libc::PRIO_PROCESS, thread);
        let _ = libc::setpriority(libc::PRIO_PROCESS, thread, (now + 5).min(19));
    }
}

/// The pipeline's middle stage: makes the full-text index text of each
/// parsed message that the store does not hold yet (asked for the messages
/// at hand together, on a connection of its own), beside the parsing and
/// the writing. A message already stored gets none: a second run over the
/// same mailbox folds nothing. Without that connection every message gets
/// its text; the writer makes any that is missing.
fn index_new_mail(
    store_path: &std::path::Path,
    server_store: bool,
    parsed: Receiver<Result<Prepared>>,
    out: std::sync::mpsc::SyncSender<Result<Prepared>>,
) {
    // Opened once a run has several messages: a watch's single new mail
    // is not worth a connection (to a server, perhaps over TLS).
    let mut store: Option<Option<Store>> = None;
    let mut messages = 0;
    while let Ok(first) = parsed.recv() {
        let mut ready = vec![first];
        while ready.len() < READ_AHEAD {
            match parsed.try_recv() {
                Ok(item) => ready.push(item),
                Err(_) => break,
            }
        }
        messages += ready.len();
        if store.is_none() && messages >= ASK_FROM {
            store = Some(Store::open_read_only(store_path).ok());
        }
        let fingerprints: Vec<&[u8]> = ready
            .iter()
            .flatten()
            .map(|p| &p.identity.fingerprint[..])
            .collect();
        let stored = store
            .as_ref()
            .and_then(Option::as_ref)
            .and_then(|s| crate::store::raw_messages::seen_among(&s.conn, &fingerprints).ok())
            .unwrap_or_default();
        for mut item in ready {
            if let Ok(p) = &mut item {
                if !stored.iter().any(|f| f[..] == p.identity.fingerprint[..]) {
                    p.make_index_text(server_store);
                }
            }
            if out.send(item).is_err() {
                return; // the writer stopped on an error
            }
        }
    }
}

/// Makes sure `known` knows about `prepared`: when it does not, asks the
/// store about it and the messages read ahead, taking into `ahead` those
/// the reader has ready.
fn learn_ahead(
    conn: &Db,
    known: &mut Known,
    prepared: &Prepared,
    rx: &Receiver<Result<Prepared>>,
    ahead: &mut VecDeque<Result<Prepared>>,
) -> Result<()> {
    if known.stored(&prepared.identity.fingerprint).is_some() {
        return Ok(());
    }
    while ahead.len() < READ_AHEAD {
        match rx.try_recv() {
            Ok(item) => ahead.push_back(item),
            Err(_) => break,
        }
    }
    let asked: Vec<&Prepared> = std::iter::once(prepared)
        .chain(ahead.iter().flatten())
        .collect();
    known.learn(conn, &asked)
}

/// The messages of the open batch, at hand until it commits: a message
/// whose filing fails rolls the batch back, and the batch is stored again
/// with that one quarantined. On SQLite the bytes of a filed message are let
/// go at once (the open transaction holds them, and a batch is megabytes of
/// mail that would be held twice); a replay reads them back before it rolls
/// the transaction back. Where rows wait for the commit (a server) the
/// bytes are kept.
#[derive(Default)]
struct Batch {
    messages: Vec<RawMessage>,
    /// For each message whose bytes were let go, the fingerprint they are
    /// stored under (a duplicate's: the first copy's).
    let_go: Vec<Option<[u8; 32]>>,
    keeps_bytes: bool,
}

impl Batch {
    /// Adds a message; `stored_as`: the fingerprint the store now holds its
    /// bytes under, if it does.
    fn push(&mut self, mut message: RawMessage, stored_as: Option<[u8; 32]>) {
        let let_go = stored_as.filter(|_| !self.keeps_bytes);
        if let_go.is_some() {
            message.bytes = Vec::new();
        }
        self.messages.push(message);
        self.let_go.push(let_go);
    }

    /// Reads the bytes let go back from the open transaction.
    fn take_back(&mut self, conn: &Db) -> Result<()> {
        for (message, let_go) in self.messages.iter_mut().zip(&mut self.let_go) {
            if let Some(fingerprint) = let_go.take() {
                message.bytes =
                    crate::store::raw_messages::bytes_by_fingerprint(conn, &fingerprint)?
                        .ok_or_else(|| {
                            TixError::failure(format!(
                                "{}: its stored bytes are gone before the batch committed",
                                message.source
                            ))
                        })?;
            }
        }
        Ok(())
    }
}

/// Rolls the open batch back and stores it again from the start, the
/// `poisoned` messages quarantined with their reasons. Another message
/// failing on the way joins them and the replay starts over; each round
/// quarantines one more, so it ends. Leaves the batch's transaction open.
/// `careful`: from now on every appended row is sent at once (until the
/// batch commits), so that a refused one fails its own message.
fn replay(
    conn: &Db,
    intake: &Intake,
    batch: &mut Batch,
    pending: &mut Vec<Outcome>,
    poisoned: &mut Vec<(usize, String)>,
    careful: bool,
) -> Result<()> {
    batch.take_back(conn)?;
    let batch = &batch.messages;
    'again: loop {
        crate::store::rollback(conn)?;
        if careful {
            conn.defer_appends(false)?;
        }
        crate::store::begin(conn)?;
        pending.clear();
        for (i, m) in batch.iter().enumerate() {
            let raw = RawMessage {
                uid: m.uid,
                source: m.source.clone(),
                bytes: m.bytes.clone(),
                cut_from: m.cut_from,
            };
            let p = &prepare(raw, intake.max_size, &intake.rules);
            if let Some((_, why)) = poisoned.iter().find(|(k, _)| *k == i) {
                pending.push(intake.quarantine(conn, p, why)?);
                continue;
            }
            match intake.commit(conn, p)? {
                Ok(outcome) => pending.push(outcome),
                Err(why) => {
                    poisoned.push((i, why));
                    continue 'again;
                }
            }
        }
        return Ok(());
    }
}

/// How much WAL the writer lets grow before it checkpoints itself and the
/// WAL starts over: 128 MB unless `TIX_WAL_CHECKPOINT_MB` says otherwise.
/// Each of the writer's checkpoints waits for two disk flushes (the WAL's
/// and the store's); at 32 MB these waits were a fifth of a large import's
/// time on a virtual disk.
fn writer_checkpoint_mb() -> i64 {
    std::env::var("TIX_WAL_CHECKPOINT_MB")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|mb| *mb > 0)
        .unwrap_or(128)
}
