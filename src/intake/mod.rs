//! The one intake pipeline: raw bytes → parse → de-duplicate → follow-up or
//! new ticket → store. Every source (stdin, Maildir, mbox, IMAP) ends here.

mod known;
mod pipeline;

pub use crate::sources::RawMessage;
pub use pipeline::{ingest_all, ingest_all_with, BatchHooks};

use crate::config::Notify;
use crate::send::notify::Event;
use crate::store::articles;
use crate::store::history;
use crate::vocabulary::StateType;
use crate::vocabulary::{ArticleKind, SenderType};

use crate::config::{ClosedFollowup, Config};
use crate::error::Result;
use crate::mail::fingerprint::{identify, Identity};
use crate::mail::parse::{parse, ParsedMail, Quarantine};
use crate::routing::{Landing, Rules, Subject as RuleSubject};
use crate::store::Db;
use crate::store::{
    articles::NewArticle,
    history::Change,
    tickets::{self, NewTicket},
};
use crate::store::{now, raw_messages};
use serde::Serialize;

pub use crate::vocabulary::SYSTEM_ACTOR;

/// What became of one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    NewTicket(String),
    FollowUp(String),
    Duplicate,
    Quarantined(String),
}

/// Counts for a run; they always add up to `read`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub read: u64,
    pub imported: u64,
    pub follow_ups: u64,
    pub duplicates: u64,
    pub quarantined: u64,
}

impl Summary {
    pub fn add(&mut self, outcome: &Outcome) {
        self.read += 1;
        match outcome {
            Outcome::NewTicket(_) => self.imported += 1,
            Outcome::FollowUp(_) => self.follow_ups += 1,
            Outcome::Duplicate => self.duplicates += 1,
            Outcome::Quarantined(_) => self.quarantined += 1,
        }
    }

    /// Adds another run's counts (several sources or accounts in one run).
    pub fn absorb(&mut self, other: &Summary) {
        self.read += other.read;
        self.imported += other.imported;
        self.follow_ups += other.follow_ups;
        self.duplicates += other.duplicates;
        self.quarantined += other.quarantined;
    }

    pub fn line(&self) -> String {
        format!(
            "{} read: {} new tickets, {} follow-ups, {} duplicates, {} quarantined",
            self.read, self.imported, self.follow_ups, self.duplicates, self.quarantined
        )
    }
}

/// Settings the intake needs, derived once from the config.
pub struct Intake<'c> {
    pub config: &'c Config,
    /// The compiled routing rules of that config.
    pub rules: std::sync::Arc<crate::routing::Rules>,
    pub max_size: usize,
    /// Queue forced by the caller (`tix ingest --queue`), else routing by address.
    pub queue_override: Option<String>,
    /// Mail arriving now (IMAP, an MTA pipe) may be auto-answered and
    /// notified about; an archive import never is.
    pub live: bool,
    /// Whether the config has an auto-responder or notifications at all.
    sends_mail: bool,
    own_addresses: Vec<String>,
}

/// A stored message's mail, as it is filed on a ticket.
#[derive(Clone, Copy)]
struct Filing<'a> {
    mail: &'a ParsedMail,
    raw_id: i64,
    received: i64,
    /// Which routing rules' conditions hold (in rule order).
    rule_hits: &'a [bool],
    /// Made ready before the write transaction, if it was.
    index_text: Option<&'a articles::IndexText>,
}

/// Mail dated further back than this gets no auto-reply: a first import of
/// a full mailbox must not answer last month's mail.
const AUTO_REPLY_MAX_AGE: i64 = 2 * 86_400;

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

impl<'c> Intake<'c> {
    pub fn new(config: &'c Config, rules: std::sync::Arc<crate::routing::Rules>) -> Self {
        Intake {
            config,
            rules,
            max_size: config.max_message_bytes,
            queue_override: None,
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
                    mail,
                    raw_id,
                    received,
                    rule_hits: &p.rule_hits,
                    index_text: p.index_text.as_ref(),
                };
                self.file_mail(conn, &filing, known)
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
        mail: &ParsedMail,
        raw_id: i64,
        received: i64,
        rule_hits: &[bool],
    ) -> Result<Outcome> {
        let filed = crate::store::savepoint(conn, || {
            let filing = Filing {
                mail,
                raw_id,
                received,
                rule_hits,
                index_text: None,
            };
            guarded(|| self.file_mail(conn, &filing, None))
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

    /// Files a parsed mail on its ticket (follow-up) or a new one; what the
    /// transaction knows (`known`) is used and kept up to date.
    fn file_mail(
        &self,
        conn: &Db,
        filing: &Filing,
        mut known: Option<&mut known::Known>,
    ) -> Result<Outcome> {
        let Filing {
            mail,
            received,
            rule_hits,
            ..
        } = *filing;
        let mut closed_predecessor = None;
        if let Some(ticket) = self.followup_ticket(conn, mail, known.as_deref())? {
            let ticket_id = ticket.id;
            let policy = match ticket.state_type {
                StateType::Closed => self
                    .config
                    .queue(&ticket.queue)
                    .map(|q| q.on_closed_followup)
                    .unwrap_or_default(),
                _ => ClosedFollowup::Reopen,
            };
            if policy == ClosedFollowup::NewTicket {
                closed_predecessor = Some(ticket.number);
            } else {
                self.add_email_article(conn, ticket_id, filing)?;
                if let Some(k) = known.as_deref_mut() {
                    k.article_added(mail.message_id.as_deref(), ticket_id);
                }
                tickets::customer_wrote(conn, ticket_id, received)?;
                history::record(
                    conn,
                    &Change {
                        ticket_id,
                        actor: SYSTEM_ACTOR,
                        action: "follow-up",
                        old: None,
                        new: None,
                        detail: Some(&describe_sender(mail)),
                        at: received,
                    },
                )?;
                if ticket.state_type.is_pending() {
                    // As OTRS and Zammad do: the customer answered what the
                    // ticket waited for, so it is worked on again (and its
                    // escalation clock runs).
                    let open = self.config.status_of_type(StateType::Open);
                    tickets::set_state(
                        conn,
                        &ticket,
                        (&open.name, open.state_type),
                        SYSTEM_ACTOR,
                        Some("the customer wrote while it was pending"),
                        received,
                    )?;
                }
                if ticket.state_type == StateType::Closed {
                    let (status, why) = match policy {
                        ClosedFollowup::Zombie => (
                            self.config
                                .status("closed zombie")
                                .filter(|s| s.state_type == StateType::Closed),
                            "follow-up to a closed ticket: kept closed as a zombie",
                        ),
                        _ => (
                            Some(self.config.status_of_type(StateType::Open)),
                            "reopened by follow-up",
                        ),
                    };
                    if let Some(status) = status {
                        tickets::set_state(
                            conn,
                            &ticket,
                            (&status.name, status.state_type),
                            SYSTEM_ACTOR,
                            Some(why),
                            received,
                        )?;
                    }
                }
                let landing = Landing::FollowUp {
                    was_closed: ticket.state_type == StateType::Closed,
                };
                let acting = crate::routing::acting(&self.rules, rule_hits, landing);
                crate::routing::apply(conn, self.config, &acting, ticket_id, received)?;
                if self.live && self.sends_mail {
                    let ticket = tickets::ticket_by_id(conn, ticket_id)?;
                    let event = Event {
                        kind: Notify::Followup,
                        actor: None,
                        from_addr: mail.from_addr.as_deref(),
                        text: Some(&mail.body),
                    };
                    crate::send::notify::notify(conn, self.config, &ticket, &event, received)?;
                }
                crate::escalation::refresh(conn, self.config, ticket_id, received)?;
                return Ok(Outcome::FollowUp(ticket.number));
            }
        }

        let queue = self.route_queue(mail);
        let new_status = self.config.status_of_type(StateType::New);
        let title = if mail.subject.is_empty() {
            "(no subject)"
        } else {
            &mail.subject
        };
        let (ticket_id, number) = tickets::insert_ticket(
            conn,
            self.config.system_id,
            &NewTicket {
                title,
                queue: &queue,
                state: &new_status.name,
                state_type: new_status.state_type,
                customer_address: mail.from_addr.as_deref(),
                customer_name: mail.from_name.as_deref(),
                created_at: received,
            },
        )?;
        let mut detail = describe_sender(mail);
        if let Some(n) = &closed_predecessor {
            detail.push_str(&format!("; follow-up to closed ticket {n}"));
        }
        history::record(
            conn,
            &Change {
                ticket_id,
                actor: SYSTEM_ACTOR,
                action: "created",
                old: None,
                new: Some(&queue),
                detail: Some(&detail),
                at: received,
            },
        )?;
        self.add_email_article(conn, ticket_id, filing)?;
        if let Some(k) = known {
            k.article_added(mail.message_id.as_deref(), ticket_id);
        }
        let acting = crate::routing::acting(&self.rules, rule_hits, Landing::NewTicket);
        crate::routing::apply(conn, self.config, &acting, ticket_id, received)?;
        crate::escalation::refresh(conn, self.config, ticket_id, received)?;
        if self.live && self.sends_mail {
            let ticket = tickets::ticket_by_id(conn, ticket_id)?;
            if mail.date.is_some_and(|d| d < received - AUTO_REPLY_MAX_AGE) {
                if self
                    .config
                    .queue(&ticket.queue)
                    .is_some_and(|q| q.auto_reply.is_some())
                {
                    history::record(
                        conn,
                        &Change {
                            ticket_id,
                            actor: SYSTEM_ACTOR,
                            action: "no auto-reply",
                            old: None,
                            new: None,
                            detail: Some("the mail is dated more than two days back"),
                            at: received,
                        },
                    )?;
                }
            } else {
                crate::send::notify::auto_reply(
                    conn,
                    self.config,
                    &self.own_addresses,
                    &ticket,
                    mail,
                    received,
                )?;
            }
            let event = Event {
                kind: Notify::NewTicket,
                actor: None,
                from_addr: mail.from_addr.as_deref(),
                text: Some(&mail.body),
            };
            crate::send::notify::notify(conn, self.config, &ticket, &event, received)?;
        }
        Ok(Outcome::NewTicket(number))
    }

    /// The ticket a mail answers: a subject tag naming a known ticket, else
    /// In-Reply-To/References naming one of its messages; merges followed.
    pub fn find_followup_ticket(&self, conn: &Db, mail: &ParsedMail) -> Result<Option<i64>> {
        Ok(self.followup_ticket(conn, mail, None)?.map(|t| t.id))
    }

    /// [`Intake::find_followup_ticket`], answered from `known` where it
    /// can be; the ticket read whole (merges followed).
    fn followup_ticket(
        &self,
        conn: &Db,
        mail: &ParsedMail,
        known: Option<&known::Known>,
    ) -> Result<Option<tickets::Ticket>> {
        let mut found = None;
        for n in self.config.subject_tag().numbers(&mail.subject) {
            found = tickets::id_by_number(conn, &n)?;
            if found.is_some() {
                break;
            }
        }
        if found.is_none() {
            let mut ids = mail.references.clone();
            ids.extend(mail.in_reply_to.iter().cloned());
            found = match known.and_then(|k| k.ticket_for(&ids)) {
                Some(held) => held,
                None => tickets::ticket_for_message_ids(conn, &ids)?,
            };
        }
        let Some(id) = found else {
            return Ok(None);
        };
        // Most tickets were never merged: read once, followed only if so.
        let ticket = tickets::ticket_by_id(conn, id)?;
        if ticket.merged_into.is_none() {
            return Ok(Some(ticket));
        }
        Ok(Some(tickets::ticket_by_id(
            conn,
            tickets::follow_merges(conn, id)?,
        )?))
    }

    /// The queue for a new ticket: forced, else the first queue whose address
    /// is among To, Cc, Delivered-To; else the default queue.
    pub fn route_queue(&self, mail: &ParsedMail) -> String {
        if let Some(q) = &self.queue_override {
            return q.clone();
        }
        mail.to
            .iter()
            .chain(&mail.cc)
            .chain(&mail.delivered_to)
            .find_map(|a| self.config.queue_for_address(a))
            .map(|q| q.name.clone())
            .unwrap_or_else(|| self.config.default_queue.clone())
    }

    fn add_email_article(&self, conn: &Db, ticket_id: i64, filing: &Filing) -> Result<i64> {
        let Filing {
            mail,
            raw_id,
            received,
            index_text,
            ..
        } = *filing;
        let to = mail.to.join(", ");
        let cc = mail.cc.join(", ");
        let in_reply_to = mail.in_reply_to.join(" ");
        let refs = mail.references.join(" ");
        let article_id = articles::insert_article(
            conn,
            &NewArticle {
                ticket_id,
                kind: ArticleKind::EmailIn,
                sender_type: SenderType::Customer,
                from_name: mail.from_name.as_deref(),
                from_addr: mail.from_addr.as_deref(),
                to_addrs: non_empty(&to),
                cc_addrs: non_empty(&cc),
                subject: &mail.subject,
                message_id: mail.message_id.as_deref(),
                in_reply_to: non_empty(&in_reply_to),
                refs: non_empty(&refs),
                body: &mail.body,
                raw_id: Some(raw_id),
                sent_at: mail.date,
                created_at: received,
                created_by: SYSTEM_ACTOR,
                index: index_text,
            },
        )?;
        for (i, a) in mail.attachments.iter().enumerate() {
            articles::insert_attachment(
                conn,
                &articles::NewAttachment {
                    article_id,
                    filename: &a.filename,
                    content_type: &a.content_type,
                    size: a.size,
                    sha256: &a.sha256,
                    bytes: articles::AttachmentBytes::InRaw(i),
                },
            )?;
        }
        Ok(article_id)
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

fn non_empty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn describe_sender(mail: &ParsedMail) -> String {
    match (&mail.from_name, &mail.from_addr) {
        (Some(n), Some(a)) => format!("email from {n} <{a}>"),
        (None, Some(a)) => format!("email from {a}"),
        _ => "email from an unknown sender".to_string(),
    }
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
            intake.file_or_quarantine(conn, &mail, raw_id, now(), &hits)
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
        let messages = vec![
            raw("1", "good"),
            raw("2", "poison"),
            raw("3", "good too"),
            raw("4", "poison"),
            raw("5", "good as well"),
        ];
        let mut heard = Vec::new();
        let summary = ingest_all(
            &mut store,
            &intake,
            messages.into_iter(),
            |source, outcome| heard.push((source.to_string(), outcome.clone())),
            |_| {},
        )
        .unwrap();
        assert_eq!((summary.imported, summary.quarantined), (3, 2));
        // Each message is reported once, in order, with what became of it.
        let sources: Vec<&str> = heard.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(sources, ["test#1", "test#2", "test#3", "test#4", "test#5"]);
        assert!(matches!(heard[1].1, Outcome::Quarantined(_)));
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
