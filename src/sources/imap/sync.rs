//! Importing each folder of an account: what is new since the resume key,
//! fetched in bounded chunks ahead of the store, acted on (seen, moved,
//! deleted) only after the store committed it.

use super::connect::connect;
use super::Connection;
use crate::config::accounts::{Account, AfterImport};
use crate::error::{Result, TixError};
use crate::sources::RawMessage;

/// At most this many messages, or this many bytes, per `UID FETCH`.
pub(super) const CHUNK_MESSAGES: usize = 500;
pub(super) const CHUNK_BYTES: u64 = 8 * 1024 * 1024;
/// Fetched messages waiting for the store: the next chunk is fetched while
/// the previous one is parsed and stored, and no further ahead.
const FETCH_AHEAD: usize = 2 * CHUNK_MESSAGES;

/// Where an account's mail goes: the caller's store, which keeps how far
/// each folder was imported (its resume key: UIDVALIDITY and last UID).
pub trait Destination {
    /// The resume key of `folder`, if it was imported before.
    fn position(&mut self, folder: &str) -> Result<Option<Resume>>;
    /// The after-import action was done for every stored message up to `acted_uid`.
    fn record_acted(&mut self, folder: &str, acted_uid: u32) -> Result<()>;
    /// Stores the `count` messages `messages` yields for `folder`, in UID
    /// order. Each batch's transaction also records `(uid_validity, the
    /// batch's highest UID)` as the folder's resume key, so the two commit
    /// together; after each commit, `committed` gets the batch's UIDs.
    fn import(
        &mut self,
        folder: &str,
        uid_validity: u32,
        count: u64,
        messages: Messages,
        committed: &mut dyn FnMut(Vec<u32>),
    ) -> Result<()>;
    /// Records a resume key with nothing imported: an empty folder, or a
    /// new UIDVALIDITY with nothing new; the count starts from there.
    fn record_position(&mut self, folder: &str, uid_validity: u32, last_uid: u32) -> Result<()>;
    /// Every folder is up to date (in watch mode, after each round).
    fn round_done(&mut self) {}
}

/// How far a folder was imported, as the destination keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resume {
    pub uid_validity: u32,
    /// Every message up to this UID is stored.
    pub last_uid: u32,
    /// Every stored message up to this UID has had its after-import action.
    pub acted_uid: u32,
}

/// The messages of one folder, as the fetching thread hands them over.
pub type Messages = Box<dyn Iterator<Item = Result<RawMessage>> + Send>;

/// Imports every new message of every folder of `account` into `to`.
/// The safety rule: a message is touched on the server (seen, moved,
/// deleted) only after the transaction holding it and its UID committed,
/// so a crash at any point loses nothing and imports nothing twice.
/// A message over `max_size` bytes is fetched as its header only.
pub fn sync_account(account: &Account, max_size: usize, to: &mut impl Destination) -> Result<()> {
    let mut conn = connect(account)?;
    let (account, trouble) = ready_for_import(&mut conn, account)?;
    let result = sync_folders(&mut conn, &account, max_size, to);
    conn.logout();
    match (result, trouble) {
        (Err(e), Some(t)) if !e.is_temporary() => Err(e.reworded(|m| format!("{m}; and {t}"))),
        (Err(e), _) => Err(e),
        (Ok(()), Some(t)) => Err(t),
        (Ok(()), None) => Ok(()),
    }
}

/// The account as this connection can import it: its after-import folder
/// made where it is missing; where the server will not make it, the
/// account without that action (the mail is imported and stays where it
/// is) and the trouble to report once the import is done.
pub fn ready_for_import(
    conn: &mut Connection,
    account: &Account,
) -> Result<(Account, Option<TixError>)> {
    let mut ready = account.clone();
    if let AfterImport::MoveTo(folder) = &account.after_import {
        match conn.ensure_folder(account, folder) {
            Ok(()) => {}
            Err(e) if e.is_temporary() => return Err(e),
            Err(e) => {
                ready.after_import = AfterImport::Keep;
                return Ok((
                    ready,
                    Some(e.reworded(|m| {
                        format!("{m}; the mail was imported and stays in its folder")
                    })),
                ));
            }
        }
    }
    Ok((ready, None))
}

/// [`sync_account`] on an open connection. A folder that cannot be
/// imported (gone, not allowed) does not keep the others from it: its
/// trouble is the result once they are done; a lost connection ends the
/// round.
pub fn sync_folders(
    conn: &mut Connection,
    account: &Account,
    max_size: usize,
    to: &mut impl Destination,
) -> Result<()> {
    let mut trouble = None;
    for folder in &account.folders {
        match sync_folder(conn, account, folder, max_size, to) {
            Ok(()) => {}
            Err(e) if e.is_temporary() => return Err(e),
            Err(e) => {
                trouble.get_or_insert(e);
            }
        }
    }
    trouble.map_or(Ok(()), Err)
}

fn sync_folder(
    conn: &mut Connection,
    account: &Account,
    folder: &str,
    max_size: usize,
    to: &mut impl Destination,
) -> Result<()> {
    let known = to.position(folder)?;
    let opened = conn.open(
        account,
        folder,
        known.map(|k| (k.uid_validity, k.last_uid)),
        account.since,
    )?;
    // What an earlier run stored but could not act on (it was stopped
    // between its commit and the server): act on it now.
    if let Some(k) =
        known.filter(|k| k.uid_validity == opened.uid_validity && k.acted_uid < k.last_uid)
    {
        conn.catch_up(account, k.acted_uid, k.last_uid)?;
        to.record_acted(folder, k.last_uid)?;
    }
    if opened.messages.is_empty() {
        if known.is_none_or(|k| k.uid_validity != opened.uid_validity) {
            to.record_position(folder, opened.uid_validity, 0)?;
        }
        return Ok(());
    }
    let count = opened.messages.len() as u64;
    let chunks = plan_chunks(&opened.messages, max_size);
    let (message_tx, message_rx) = std::sync::mpsc::sync_channel::<Result<RawMessage>>(FETCH_AHEAD);
    let (ack_tx, ack_rx) = std::sync::mpsc::channel::<Vec<u32>>();
    std::thread::scope(|scope| {
        // The fetching thread owns the connection for the folder's run: it
        // fetches the next chunk while the store takes the previous one,
        // and acts on the server for what the store has committed.
        let fetcher = scope.spawn(move || -> (u32, Result<()>) {
            // The highest UID acted on: acknowledgements come in UID order.
            let mut acted = 0u32;
            let mut act = |conn: &mut Connection, uids: Vec<u32>| -> Result<()> {
                conn.after_import(account, &uids)?;
                acted = acted.max(uids.iter().copied().max().unwrap_or(0));
                Ok(())
            };
            let result = (|| -> Result<()> {
                for chunk in &chunks {
                    while let Ok(uids) = ack_rx.try_recv() {
                        act(conn, uids)?;
                    }
                    // On an error the store ends its run with what it has.
                    for m in conn.fetch(account, folder, chunk)? {
                        if message_tx.send(Ok(m)).is_err() {
                            return Ok(()); // the store stopped; its error is the run's
                        }
                    }
                }
                drop(message_tx);
                for uids in &ack_rx {
                    act(conn, uids)?;
                }
                Ok(())
            })();
            (acted, result)
        });
        let mut committed = |uids: Vec<u32>| {
            let _ = ack_tx.send(uids);
        };
        let stored = to.import(
            folder,
            opened.uid_validity,
            count,
            Box::new(message_rx.into_iter()),
            &mut committed,
        );
        drop(ack_tx);
        let (acted, fetched) = fetcher
            .join()
            .unwrap_or_else(|_| (0, Err(TixError::failure("the IMAP fetching thread failed"))));
        let recorded = if acted > 0 {
            to.record_acted(folder, acted)
        } else {
            Ok(())
        };
        stored.and(fetched).and(recorded)
    })
}

/// One message on the server: its UID and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Listed {
    pub uid: u32,
    pub size: u64,
}

/// A folder opened for import: its UIDVALIDITY and the messages to fetch.
pub struct Folder {
    pub uid_validity: u32,
    pub messages: Vec<Listed>,
}

/// Groups messages into fetches of at most [`CHUNK_MESSAGES`] and about
/// [`CHUNK_BYTES`]; a message over `max_size` is fetched as its header only
/// (it will be quarantined as too large, and is not downloaded whole).
pub(super) fn plan_chunks(messages: &[Listed], max_size: usize) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = Chunk::default();
    let mut bytes = 0u64;
    for m in messages {
        let whole = m.size <= max_size as u64;
        let weight = if whole { m.size } else { 0 };
        let full = current.len() >= CHUNK_MESSAGES
            || (bytes + weight > CHUNK_BYTES && !current.is_empty());
        if full {
            chunks.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += weight;
        if whole {
            current.whole.push(m.uid);
        } else {
            current.headers_only.push(*m);
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

#[derive(Debug, Default, PartialEq)]
pub(super) struct Chunk {
    pub(super) whole: Vec<u32>,
    pub(super) headers_only: Vec<Listed>,
}

impl Chunk {
    pub(super) fn len(&self) -> usize {
        self.whole.len() + self.headers_only.len()
    }
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_bounded_and_big_messages_come_as_headers() {
        let m = |uid, size| Listed { uid, size };
        let messages: Vec<Listed> = (1..=1200).map(|u| m(u, 1000)).collect();
        let chunks = plan_chunks(&messages, 1 << 20);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].len(), CHUNK_MESSAGES);
        let big = [m(1, 5 << 20), m(2, 5 << 20), m(3, 30 << 20), m(4, 10)];
        let chunks = plan_chunks(&big, 25 << 20);
        assert_eq!(chunks.len(), 2, "{chunks:?}");
        assert_eq!(chunks[0].whole, [1]);
        assert_eq!(chunks[1].whole, [2, 4]);
        assert_eq!(chunks[1].headers_only, [m(3, 30 << 20)]);
    }
}
