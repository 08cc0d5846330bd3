//! The commands of an open session: select and list a folder, fetch a
//! chunk, the after-import action, IDLE.

use super::connect::network;
use super::sync::{Chunk, Folder, Listed};
use super::{timeout, Connection, Session, Wire};
use crate::config::accounts::{Account, AfterImport};
use crate::error::{Result, TixError};
use crate::sources::RawMessage;
use std::time::Duration;

impl Connection {
    /// Selects `folder` and lists the messages above the resume key's UID
    /// (all of them when the folder's UIDVALIDITY changed), on or after
    /// `since`, with their sizes.
    pub fn open(
        &mut self,
        account: &Account,
        folder: &str,
        known: Option<(u32, u32)>,
        since: Option<i64>,
    ) -> Result<Folder> {
        let mailbox = with_session!(self, s => s.select(folder)).map_err(|e| match e {
            imap::error::Error::No(m) => TixError::failure(format!(
                "account {}: folder {folder:?}: {}",
                account.name,
                m.trim()
            )),
            other => network(account, "lost", other),
        })?;
        let uid_validity = mailbox.uid_validity.unwrap_or(0);
        let after = match known {
            Some((v, last)) if v == uid_validity => last,
            _ => 0,
        };
        if mailbox.exists == 0 {
            return Ok(Folder {
                uid_validity,
                messages: vec![],
            });
        }
        let set = match since {
            None => format!("{}:*", after + 1),
            Some(t) => {
                let date = chrono::DateTime::from_timestamp(t, 0)
                    .map(|d| d.format("%d-%b-%Y").to_string())
                    .unwrap_or_default();
                let query = format!("UID {}:* SINCE {date}", after + 1);
                let found = with_session!(self, s => s.uid_search(&query))
                    .map_err(|e| network(account, "lost", e))?;
                let mut uids: Vec<u32> = found.into_iter().filter(|u| *u > after).collect();
                if uids.is_empty() {
                    return Ok(Folder {
                        uid_validity,
                        messages: vec![],
                    });
                }
                uids.sort_unstable();
                uid_set(&uids)
            }
        };
        let sizes = with_session!(self, s => s.uid_fetch(&set, "(UID RFC822.SIZE)"))
            .map_err(|e| network(account, "lost", e))?;
        // "n:*" always names the highest message: keep only the new ones.
        let mut messages: Vec<Listed> = sizes
            .iter()
            .filter_map(|f| {
                Some(Listed {
                    uid: f.uid?,
                    size: f.size.map_or(0, u64::from),
                })
            })
            .filter(|m| m.uid > after)
            .collect();
        messages.sort_by_key(|m| m.uid);
        messages.dedup_by_key(|m| m.uid);
        Ok(Folder {
            uid_validity,
            messages,
        })
    }

    /// Fetches a chunk without marking anything seen: whole messages, and
    /// the header of each one too large to keep.
    pub(super) fn fetch(
        &mut self,
        account: &Account,
        folder: &str,
        chunk: &Chunk,
    ) -> Result<Vec<RawMessage>> {
        let mut out = Vec::with_capacity(chunk.len());
        let lost = |e| network(account, "lost", e);
        let message = |uid: u32, bytes: Vec<u8>, cut_from: Option<u64>| RawMessage {
            source: format!("imap:{}/{folder}#{uid}", account.name),
            bytes,
            cut_from,
            uid: Some(uid),
        };
        if !chunk.whole.is_empty() {
            let set = uid_set(&chunk.whole);
            let responses = &mut self.responses;
            let fetched = match &mut self.wire {
                Wire::Tls(w) => responses.uid_fetch_bodies(w, &set),
                Wire::Plain(w) => responses.uid_fetch_bodies(w, &set),
            }
            .map_err(|e| network(account, "lost", e))?;
            out.extend(
                fetched
                    .into_iter()
                    .map(|(uid, bytes)| message(uid, bytes, None)),
            );
        }
        if !chunk.headers_only.is_empty() {
            let uids: Vec<u32> = chunk.headers_only.iter().map(|m| m.uid).collect();
            let set = uid_set(&uids);
            let fetched = with_session!(self, s => s.uid_fetch(&set, "(UID BODY.PEEK[HEADER])"))
                .map_err(lost)?;
            out.extend(fetched.iter().filter_map(|f| {
                let uid = f.uid?;
                let size = chunk.headers_only.iter().find(|m| m.uid == uid)?.size;
                Some(message(uid, f.header().unwrap_or(b"").to_vec(), Some(size)))
            }));
        }
        out.sort_by_key(|m| m.uid);
        Ok(out)
    }

    /// Makes sure `folder` (the after-import target) is there: created when
    /// missing. A server that will not make it is a mistake to fix in the
    /// config (exit 1), not a connection to retry.
    pub fn ensure_folder(&mut self, account: &Account, folder: &str) -> Result<()> {
        let listed = with_session!(self, s => s.list(Some(""), Some(folder)))
            .map_err(|e| network(account, "lost", e))?;
        if listed.iter().any(|n| n.name() == folder) {
            return Ok(());
        }
        with_session!(self, s => s.create(folder)).map_err(|e| match e {
            imap::error::Error::No(m) | imap::error::Error::Bad(m) => TixError::failure(format!(
                "account {}: after_import move:{folder}: the folder is not there and the server will not create it: {}",
                account.name,
                m.trim()
            )),
            other => network(account, "lost", other),
        })
    }

    /// The after-import action, for messages the store has committed.
    pub fn after_import(&mut self, account: &Account, uids: &[u32]) -> Result<()> {
        if uids.is_empty() {
            return Ok(());
        }
        let set = uid_set(uids);
        let lost = |e| network(account, "lost", e);
        match &account.after_import {
            AfterImport::Keep => Ok(()),
            AfterImport::MarkSeen => with_session!(self, s => s.uid_store(&set, "+FLAGS.SILENT (\\Seen)").map(|_| ())).map_err(lost),
            AfterImport::MoveTo(folder) => with_session!(self, s => s.uid_mv(&set, folder)).map_err(lost),
            AfterImport::Delete => with_session!(self, s => {
                s.uid_store(&set, "+FLAGS.SILENT (\\Deleted)").and_then(|_| s.uid_expunge(&set).map(|_| ()))
            })
            .map_err(lost),
        }
    }

    /// Does the after-import action for the stored messages after
    /// `acted_uid` up to `last_uid` (a run stopped between its commit and
    /// the server left them): those still in the folder.
    pub(super) fn catch_up(
        &mut self,
        account: &Account,
        acted_uid: u32,
        last_uid: u32,
    ) -> Result<()> {
        let range = format!("UID {}:{last_uid}", acted_uid + 1);
        let query = match &account.after_import {
            AfterImport::Keep => return Ok(()),
            AfterImport::MarkSeen => format!("{range} UNSEEN"),
            AfterImport::MoveTo(_) | AfterImport::Delete => format!("{range} UNDELETED"),
        };
        let found = with_session!(self, s => s.uid_search(&query))
            .map_err(|e| network(account, "lost", e))?;
        let mut uids: Vec<u32> = found
            .into_iter()
            .filter(|u| *u > acted_uid && *u <= last_uid)
            .collect();
        uids.sort_unstable();
        self.after_import(account, &uids)
    }

    /// Waits up to `wait` for the selected folder to change (IMAP IDLE);
    /// `Ok(true)` when it did. The socket's timeout is put back after.
    pub fn idle(&mut self, account: &Account, wait: Duration) -> Result<bool> {
        use imap::extensions::idle::WaitOutcome;
        let outcome = with_session!(self, s => s.idle().and_then(|h| h.wait_with_timeout(wait)));
        let _ = self.socket.set_read_timeout(Some(timeout()));
        match outcome {
            Ok(WaitOutcome::MailboxChanged) => Ok(true),
            Ok(WaitOutcome::TimedOut) => Ok(false),
            Err(e) => Err(network(account, "lost", e)),
        }
    }

    /// Whether the server offers IDLE.
    pub fn can_idle(&mut self, account: &Account) -> Result<bool> {
        let caps =
            with_session!(self, s => s.capabilities()).map_err(|e| network(account, "lost", e))?;
        Ok(caps.has_str("IDLE"))
    }

    /// Selects `folder` (to IDLE on it).
    pub fn select(&mut self, account: &Account, folder: &str) -> Result<()> {
        with_session!(self, s => s.select(folder))
            .map(|_| ())
            .map_err(|e| network(account, "lost", e))
    }

    pub fn logout(&mut self) {
        let _ = with_session!(self, s => s.logout());
    }
}

/// A UID set with runs written as ranges: `1:500,502,504:510`.
fn uid_set(uids: &[u32]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < uids.len() {
        let start = uids[i];
        let mut end = start;
        while i + 1 < uids.len() && uids[i + 1] == end + 1 {
            i += 1;
            end = uids[i];
        }
        if !out.is_empty() {
            out.push(',');
        }
        if end == start {
            out.push_str(&start.to_string());
        } else {
            out.push_str(&format!("{start}:{end}"));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_sets_are_ranges() {
        assert_eq!(uid_set(&[1, 2, 3, 5, 7, 8]), "1:3,5,7:8");
        assert_eq!(uid_set(&[4]), "4");
    }
}
