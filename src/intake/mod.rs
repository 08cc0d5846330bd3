//! The one intake pipeline: raw bytes → parse → de-duplicate → follow-up or
//! new ticket → store. Every source (stdin, Maildir, mbox, IMAP) ends here.

mod agent_mail;
mod file;
mod known;
mod outcome;
mod pipeline;
mod prepare;

pub use outcome::{Outcome, Summary};
pub use prepare::{prepare, too_large, Prepared};

pub use crate::sources::RawMessage;
pub use pipeline::{ingest_all, ingest_all_with, BatchHooks};

use crate::config::Config;
use crate::error::Result;
use crate::mail::parse::{parse, ParsedMail};
use crate::routing::Subject as RuleSubject;
use crate::store::Db;
use crate::store::{now, raw_messages};
use file::Filing;

pub use crate::vocabulary::SYSTEM_ACTOR;

/// Settings the intake needs, derived once from the config.
pub struct Intake<'c> {
    pub config: &'c Config,
    /// The compiled routing rules of that config.
    pub rules: std::sync::Arc<crate::routing::Rules>,
    pub max_size: usize,
    /// Queue forced by the caller (`tix ingest --queue`), else routing by address.
    pub queue_override: Option<String>,
    /// The queue the MTA delivered the message for (`ingest --queue`):
    /// used when no queue address is in To or Cc (a Bcc).
    pub delivery_queue: Option<String>,
    /// Mail arriving now (IMAP, an MTA pipe) may be auto-answered and
    /// notified about; an archive import never is.
    pub live: bool,
    /// Whether the config has an auto-responder or notifications at all.
    sends_mail: bool,
    own_addresses: Vec<String>,
}

impl<'c> Intake<'c> {
    pub fn new(config: &'c Config, rules: std::sync::Arc<crate::routing::Rules>) -> Self {
        Intake {
            config,
            rules,
            max_size: config.max_message_bytes,
            queue_override: None,
            delivery_queue: None,
            live: false,
            sends_mail: config.queues.iter().any(|q| q.auto_reply.is_some())
                || config.agents.iter().any(|a| !a.notify.is_empty()),
            own_addresses: config.own_addresses(),
        }
    }

    /// Stores one prepared message inside the caller's write transaction.
    ///
    /// `Ok(Err(why))`: filing failed because of this message (routing, a
    /// template, the auto-reply, a bug met on odd input). The transaction
    /// then holds part of its filing: the caller rolls it back and keeps
    /// the message with [`Intake::quarantine`], so one message never stops
    /// the others. `Err`: the store failed (busy, full), which stops the run.
    /// (A savepoint per message would spare the rollback, but costs every
    /// message a copy of each page it touches.)
    pub fn commit(&self, conn: &Db, p: &Prepared) -> Result<std::result::Result<Outcome, String>> {
        self.commit_knowing(conn, p, None)
    }

    /// [`Intake::commit`] with what the transaction already knows (and
    /// learns from this message).
    fn commit_knowing(
        &self,
        conn: &Db,
        p: &Prepared,
        known: Option<&mut known::Known>,
    ) -> Result<std::result::Result<Outcome, String>> {
        match guarded(|| self.store_message(conn, p, None, known)) {
            Ok(outcome) => Ok(Ok(outcome)),
            Err(e) if e.is_temporary() => Err(e),
            Err(e) => Ok(Err(format!("could not be filed: {e}"))),
        }
    }

    /// Keeps a message whose filing failed (see [`Intake::commit`]) as
    /// quarantined, with the reason.
    pub fn quarantine(&self, conn: &Db, p: &Prepared, why: &str) -> Result<Outcome> {
        self.store_message(conn, p, Some(why), None)
    }

    /// Commits one message in a transaction of its own (an MTA pipe's):
    /// a message whose filing fails is quarantined in a second one.
    pub fn commit_alone(&self, store: &mut crate::store::Store, p: &Prepared) -> Result<Outcome> {
        let tx = store.conn.transaction()?;
        match self.commit(&tx, p)? {
            Ok(outcome) => {
                tx.commit()?;
                Ok(outcome)
            }
            Err(why) => {
                tx.rollback()?;
                store.write(|tx| self.quarantine(tx, p, &why))
            }
        }
    }

    /// The original bytes first, then the filing; with `poisoned`, only the
    /// bytes, quarantined with that reason.
    fn store_message(
        &self,
        conn: &Db,
        p: &Prepared,
        poisoned: Option<&str>,
        mut known: Option<&mut known::Known>,
    ) -> Result<Outcome> {
        let fingerprint = &p.identity.fingerprint;
        let seen = match known.as_deref().and_then(|k| k.stored(fingerprint)) {
            Some(seen) => seen,
            None => raw_messages::seen(conn, &fingerprint[..])?,
        };
        if seen {
            return Ok(Outcome::Duplicate);
        }
        let received = now();
        let error = match (&p.parsed, poisoned) {
            (_, Some(why)) => Some(why),
            (Ok(_), None) => None,
            (Err(q), None) => Some(q.0.as_str()),
        };
        // The original bytes first: whatever follows, they are kept.
        let raw_id = raw_messages::insert(
            conn,
            &raw_messages::NewRaw {
                fingerprint: &p.identity.fingerprint[..],
                message_id: p.identity.message_id.as_deref(),
                bytes: &p.raw,
                size: p.size,
                source: &p.source,
                received_at: received,
                quarantined: error,
            },
        )?;
        if let Some(k) = known.as_deref_mut() {
            k.now_stored(*fingerprint);
        }
        match (&p.parsed, error) {
            (Ok(mail), None) => {
                let filing = Filing {
                    raw: &p.raw,
                    mail,
                    raw_id,
                    received,
                    rule_hits: &p.rule_hits,
                    index_text: p.index_text.as_ref(),
                };
                let outcome = self.file_mail(conn, &filing, known)?;
                self.note_bounce_record(conn, &filing, &outcome)?;
                Ok(outcome)
            }
            (_, why) => Ok(Outcome::Quarantined(why.unwrap_or_default().to_string())),
        }
    }

    /// Files the mail of a message already stored; when that fails because
    /// of the message, its filing is undone (a savepoint: this is for one
    /// message at a time, `quarantine retry`) and it stays quarantined with
    /// the reason.
    fn file_or_quarantine(
        &self,
        conn: &Db,
        raw: &[u8],
        mail: &ParsedMail,
        raw_id: i64,
        received: i64,
        rule_hits: &[bool],
    ) -> Result<Outcome> {
        let filed = crate::store::savepoint(conn, || {
            let filing = Filing {
                raw,
                mail,
                raw_id,
                received,
                rule_hits,
                index_text: None,
            };
            guarded(|| {
                let outcome = self.file_mail(conn, &filing, None)?;
                self.note_bounce_record(conn, &filing, &outcome)?;
                Ok(outcome)
            })
        });
        match filed {
            Ok(outcome) => Ok(outcome),
            Err(e) if e.is_temporary() => Err(e),
            Err(e) => {
                let why = format!("could not be filed: {e}");
                raw_messages::quarantine(conn, raw_id, &why)?;
                Ok(Outcome::Quarantined(why))
            }
        }
    }
}

impl Intake<'_> {
    /// The bounce record learns from each mail: a report's verdicts (unless
    /// it returns mail a ticket sent), or that its sender's address works.
    fn note_bounce_record(&self, conn: &Db, filing: &Filing, outcome: &Outcome) -> Result<()> {
        let mail = filing.mail;
        let policy = &self.config.bounce_policy;
        if mail.returned.report {
            if crate::store::articles::is_own_report(conn, filing.raw_id)? {
                return Ok(());
            }
            let ticket = match outcome {
                Outcome::NewTicket(n) | Outcome::FollowUp(n) => Some(n.as_str()),
                _ => None,
            };
            let raw = filing.raw;
            crate::bounces::record::take_report(
                conn,
                policy,
                mail,
                raw,
                filing.raw_id,
                filing.received,
                ticket,
            )?;
        } else if let Some(from) = &mail.from_addr {
            if crate::mail::automatic::automatic_because(mail).is_none() {
                let (bounced, recorded) = crate::store::bounce_record::sender_standing(conn, from)?;
                if bounced {
                    crate::store::bounced::clear(conn, from)?;
                }
                if recorded {
                    crate::bounces::record::wrote(
                        conn,
                        policy,
                        from,
                        filing.received,
                        filing.raw_id,
                    )?;
                }
            }
        }
        Ok(())
    }
}

/// Runs per-message work with a panic turned into an error ("internal
/// error: …"), so that it stays that message's failure.
fn guarded<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        Err(crate::error::TixError::failure(format!(
            "internal error: {}",
            panic_text(panic.as_ref())
        )))
    })
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

pub(crate) fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

pub use crate::store::raw_messages::{quarantined, QuarantinedItem};

/// Parses a quarantined message again (after a tix upgrade, or with a raised
/// size limit) and files it when it now parses. Returns the new outcome.
pub fn retry_quarantined(intake: &Intake, conn: &Db, raw_id: i64) -> Result<Outcome> {
    let Some(kept) = raw_messages::get(conn, raw_id)? else {
        return Err(crate::error::TixError::failure(format!(
            "no quarantined message {raw_id}"
        )));
    };
    if !kept.quarantined {
        return Err(crate::error::TixError::failure(format!(
            "message {raw_id} is not quarantined (it is filed on a ticket)"
        )));
    }
    let (bytes, size) = (kept.bytes, kept.size);
    if size as usize > bytes.len() {
        return Ok(Outcome::Quarantined(format!(
            "only its first {:.1} of {:.1} MB were kept; raise max_message_mb and import it again from where it came from",
            bytes.len() as f64 / 1048576.0,
            size as f64 / 1048576.0
        )));
    }
    match parse(&bytes, intake.max_size) {
        Ok(mail) => {
            raw_messages::release(conn, raw_id)?;
            let hits = intake.rules.evaluate(&RuleSubject {
                mail: &mail,
                source: &kept.source,
            });
            intake.file_or_quarantine(conn, &bytes, &mail, raw_id, now(), &hits)
        }
        Err(q) => {
            raw_messages::set_error(conn, raw_id, &q.0)?;
            Ok(Outcome::Quarantined(q.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn raw(id: &str, subject: &str) -> Result<RawMessage> {
        Ok(RawMessage {
            uid: None,
            source: format!("test#{id}"),
            bytes: format!("From: a@x.example\nSubject: {subject}\nMessage-ID: <{id}@x>\n\nText\n")
                .into_bytes(),
            cut_from: None,
        })
    }

    #[test]
    fn a_message_whose_filing_fails_is_quarantined_and_the_others_go_in() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("tix.db")).unwrap();
        // Stands in for any unforeseen failure while filing one message.
        crate::store::fail_articles_with_subject(&store.conn, "poison", "cannot file this one");
        let config = Config::default();
        let intake = Intake::new(&config, Default::default());
        // A copy of message 1 with CRLF line ends is the same message: a
        // duplicate, whose first copy the replay reads back from the store.
        let crlf_copy = raw("1", "good").map(|mut m| {
            m.bytes = String::from_utf8(m.bytes)
                .unwrap()
                .replace('\n', "\r\n")
                .into_bytes();
            m.source = "test#1-again".into();
            m
        });
        let messages = vec![
            raw("1", "good"),
            crlf_copy,
            raw("2", "poison"),
            raw("3", "good too"),
            raw("4", "poison"),
            raw("5", "good as well"),
        ];
        let originals: Vec<Vec<u8>> = messages
            .iter()
            .map(|m| m.as_ref().unwrap().bytes.clone())
            .collect();
        let mut heard = Vec::new();
        let summary = ingest_all(
            &mut store,
            &intake,
            messages.into_iter(),
            |source, outcome| heard.push((source.to_string(), outcome.clone())),
            |_| {},
        )
        .unwrap();
        assert_eq!(
            (summary.imported, summary.duplicates, summary.quarantined),
            (3, 1, 2)
        );
        // Each message is reported once, in order, with what became of it.
        let sources: Vec<&str> = heard.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            sources,
            [
                "test#1",
                "test#1-again",
                "test#2",
                "test#3",
                "test#4",
                "test#5"
            ]
        );
        assert!(matches!(heard[1].1, Outcome::Duplicate));
        assert!(matches!(heard[2].1, Outcome::Quarantined(_)));
        // The bytes let go after filing were read back for the replays:
        // every message is stored as it came, byte for byte.
        for i in [0, 2, 3, 4, 5] {
            let fingerprint = crate::mail::fingerprint::identify(&originals[i]).fingerprint;
            let stored = raw_messages::bytes_by_fingerprint(&store.conn, &fingerprint)
                .unwrap()
                .unwrap();
            assert_eq!(stored, originals[i], "message {i}");
        }
        let items = quarantined(&store.conn).unwrap();
        let sources: Vec<&str> = items.iter().map(|q| q.source.as_str()).collect();
        assert_eq!(sources, ["test#2", "test#4"]);
        assert!(
            items[0]
                .error
                .starts_with("could not be filed: store: cannot file this one"),
            "{}",
            items[0].error
        );
        // Nothing of the failed filings stays: no ticket without its article,
        // and the ticket numbers run on without a gap.
        let numbers: Vec<String> = crate::store::find::tickets(
            &store.conn,
            &crate::store::find::Find {
                filter: &crate::query::Filter::All,
                open_only: false,
                order: crate::store::find::Order::Created,
                descending: false,
                limit: None,
                text: "",
                due_first: None,
            },
        )
        .unwrap()
        .into_iter()
        .map(|t| t.number)
        .collect();
        assert_eq!(numbers.len(), 3);
        let counters: Vec<&str> = numbers.iter().map(|n| &n[10..15]).collect();
        assert_eq!(counters, ["00001", "00002", "00003"]);

        // One message alone (an MTA pipe): quarantined in a transaction of its own.
        let p = prepare(raw("6", "poison").unwrap(), intake.max_size, &intake.rules);
        assert!(matches!(
            intake.commit_alone(&mut store, &p).unwrap(),
            Outcome::Quarantined(_)
        ));
        assert_eq!(quarantined(&store.conn).unwrap().len(), 3);
    }
}
