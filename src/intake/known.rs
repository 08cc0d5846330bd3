//! What the open write transaction already knows about the messages it
//! stores: whether each was stored before, and which ticket holds the
//! Message-IDs they answer. Where every question to the store is a round
//! trip (a server), the messages waiting to be stored are asked about
//! together, and the answers are kept up to date as messages are filed,
//! so a follow-up to a message of the same batch is found without asking.

use super::Prepared;
use crate::error::Result;
use crate::store::tickets::bare_message_id;
use crate::store::{raw_messages, tickets, Db};
use std::collections::HashMap;

#[derive(Default)]
pub struct Known {
    /// Fingerprint → in the store.
    stored: HashMap<[u8; 32], bool>,
    /// Message-ID → the ticket whose newest article has it; `None`: asked,
    /// and no article has it.
    holders: HashMap<String, Option<i64>>,
}

impl Known {
    /// Whether the message with `fingerprint` is in the store, if known.
    pub fn stored(&self, fingerprint: &[u8; 32]) -> Option<bool> {
        self.stored.get(fingerprint).copied()
    }

    /// Asks the store about `messages` (the one at hand and those read
    /// ahead): which are stored, and which tickets hold the Message-IDs
    /// they refer to. Only what is not known yet is asked.
    pub fn learn(&mut self, conn: &Db, messages: &[&Prepared]) -> Result<()> {
        let mut fingerprints: Vec<&[u8]> = Vec::new();
        let mut message_ids: Vec<&str> = Vec::new();
        for p in messages {
            let f = &p.identity.fingerprint;
            if !self.stored.contains_key(f) && !fingerprints.contains(&&f[..]) {
                fingerprints.push(&f[..]);
            }
            if let Ok(mail) = &p.parsed {
                for id in mail.references.iter().chain(&mail.in_reply_to) {
                    let id = bare_message_id(id);
                    if !id.is_empty()
                        && !self.holders.contains_key(id)
                        && !message_ids.contains(&id)
                    {
                        message_ids.push(id);
                    }
                }
            }
        }
        if !fingerprints.is_empty() {
            let found = raw_messages::seen_among(conn, &fingerprints)?;
            for f in &fingerprints {
                if let Ok(f) = <[u8; 32]>::try_from(*f) {
                    self.stored.insert(f, false);
                }
            }
            for f in found {
                if let Ok(f) = <[u8; 32]>::try_from(f.as_slice()) {
                    self.stored.insert(f, true);
                }
            }
        }
        if !message_ids.is_empty() {
            let found = tickets::tickets_holding(conn, &message_ids)?;
            for id in message_ids {
                self.holders.insert(id.to_string(), found.get(id).copied());
            }
        }
        Ok(())
    }

    /// The ticket holding any of `message_ids` (the last id in the list
    /// that is held wins, as `tickets::ticket_for_message_ids` has it);
    /// `None` when one of them was never asked about.
    pub fn ticket_for(&self, message_ids: &[String]) -> Option<Option<i64>> {
        for id in message_ids.iter().rev() {
            let id = bare_message_id(id);
            if id.is_empty() {
                continue;
            }
            match self.holders.get(id)? {
                Some(ticket) => return Some(Some(*ticket)),
                None => continue,
            }
        }
        Some(None)
    }

    /// A message is in the store now (filed, quarantined, or found there).
    pub fn now_stored(&mut self, fingerprint: [u8; 32]) {
        self.stored.insert(fingerprint, true);
    }

    /// An article with `message_id` was added to `ticket_id`.
    pub fn article_added(&mut self, message_id: Option<&str>, ticket_id: i64) {
        if let Some(id) = message_id.map(bare_message_id).filter(|m| !m.is_empty()) {
            self.holders.insert(id.to_string(), Some(ticket_id));
        }
    }

    /// What was known is void: the transaction ended or was rolled back.
    pub fn forget(&mut self) {
        self.stored.clear();
        self.holders.clear();
    }
}
