//! The stage before the write transaction: a message parsed, identified,
//! matched against the routing rules and (when asked) its index text made.
//! Slow work that needs no lock.

use super::non_empty;
use crate::mail::fingerprint::{identify, Identity};
use crate::mail::parse::{parse, ParsedMail, Quarantine};
use crate::routing::{Rules, Subject as RuleSubject};
use crate::sources::RawMessage;
use crate::store::articles;

/// A message made ready outside the write transaction (parsing is the slow
/// part and needs no lock).
pub struct Prepared {
    pub raw: Vec<u8>,
    /// The message's whole size; more than `raw` holds when it was cut.
    pub size: u64,
    pub source: String,
    /// The source's own UID of the message (IMAP), passed through.
    pub uid: Option<u32>,
    pub identity: Identity,
    pub parsed: std::result::Result<ParsedMail, Quarantine>,
    /// Which routing rules' conditions hold (in rule order).
    pub rule_hits: Vec<bool>,
    /// The mail's text as the full-text index takes it, when made ready
    /// ([`Prepared::make_index_text`]); else filing makes it.
    pub index_text: Option<articles::IndexText>,
}

impl Prepared {
    /// Makes the mail's index text (folding is costly: intake does it
    /// outside the write transaction). `server_store`: for a server's index.
    pub fn make_index_text(&mut self, server_store: bool) {
        let Ok(mail) = &self.parsed else {
            return;
        };
        let (to, cc) = (mail.to.join(", "), mail.cc.join(", "));
        let addresses = articles::Addresses {
            from_name: mail.from_name.as_deref(),
            from_addr: mail.from_addr.as_deref(),
            to: non_empty(&to),
            cc: non_empty(&cc),
        };
        self.index_text = Some(articles::IndexText::new(
            &mail.subject,
            &addresses,
            &mail.body,
            server_store,
        ));
    }
}

/// Parses a message and makes ready what filing it needs, outside the
/// write transaction.
pub fn prepare(message: RawMessage, max_size: usize, rules: &Rules) -> Prepared {
    let RawMessage {
        source,
        bytes: raw,
        cut_from,
        uid,
    } = message;
    let identity = identify(&raw);
    let parsed = match cut_from {
        Some(size) => Err(too_large(size, raw.len(), max_size)),
        // A panic inside a parser must not take the run (and the other messages) down.
        None => std::panic::catch_unwind(|| parse(&raw, max_size))
            .unwrap_or_else(|_| Err(Quarantine("the MIME parser failed on this message".into()))),
    };
    let (parsed, rule_hits) = match parsed {
        Ok(mail) => {
            // Nor may a panic in a rule's matching: the message is kept aside.
            let hits = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                rules.evaluate(&RuleSubject {
                    mail: &mail,
                    source: &source,
                })
            }));
            match hits {
                Ok(hits) => (Ok(mail), hits),
                Err(_) => (
                    Err(Quarantine(
                        "the routing rules failed on this message".into(),
                    )),
                    vec![],
                ),
            }
        }
        Err(q) => (Err(q), vec![]),
    };
    Prepared {
        size: cut_from.unwrap_or(raw.len() as u64),
        raw,
        source,
        uid,
        identity,
        parsed,
        rule_hits,
        index_text: None,
    }
}

/// Why a message cut at the size limit is quarantined: its size and what is kept.
pub fn too_large(size: u64, kept: usize, limit: usize) -> Quarantine {
    let mb = |n: f64| n / 1048576.0;
    let kept_text = if kept >= 1 << 20 {
        format!("its first {:.1} MB are kept", mb(kept as f64))
    } else {
        format!("its first {:.1} KB are kept", kept as f64 / 1024.0)
    };
    Quarantine(format!(
        "message of {:.1} MB is over the {:.1} MB limit (max_message_mb); {kept_text}",
        mb(size as f64),
        mb(limit as f64),
    ))
}
