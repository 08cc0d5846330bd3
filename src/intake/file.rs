//! Filing a stored message's mail: on the ticket it follows up (by tag or
//! Message-ID, merges followed), or on a new ticket in the queue its
//! addresses and the routing rules give; what that changes and who is told.

use super::{known, non_empty, Intake, Outcome, SYSTEM_ACTOR};
use crate::config::ClosedFollowup;
use crate::config::HookEvent;
use crate::config::Notify;
use crate::error::Result;
use crate::mail::parse::ParsedMail;
use crate::routing::Landing;
use crate::send::notify::Event;
use crate::store::{articles, history, tickets, Db};
use crate::store::{articles::NewArticle, history::Change, tickets::NewTicket};
use crate::vocabulary::{ArticleKind, SenderType, StateType};

/// A stored message's mail, as it is filed on a ticket.
#[derive(Clone, Copy)]
pub(super) struct Filing<'a> {
    /// The message as it came (a delivery report is read again for whom it
    /// could not reach).
    pub(super) raw: &'a [u8],
    pub(super) mail: &'a ParsedMail,
    pub(super) raw_id: i64,
    pub(super) received: i64,
    /// Which routing rules' conditions hold (in rule order).
    pub(super) rule_hits: &'a [bool],
    /// Made ready before the write transaction, if it was.
    pub(super) index_text: Option<&'a articles::IndexText>,
}

/// Who a filed mail is from, as its ticket records it.
pub(super) struct Writer<'a> {
    pub kind: ArticleKind,
    pub sender_type: SenderType,
    /// Who the article and its history row name.
    pub actor: &'a str,
    /// The history action.
    pub action: &'a str,
}

/// Mail from the customer (or anyone who is not an agent).
const CUSTOMER: Writer<'static> = Writer {
    kind: ArticleKind::EmailIn,
    sender_type: SenderType::Customer,
    actor: SYSTEM_ACTOR,
    action: "follow-up",
};

/// Mail dated further back than this gets no auto-reply: a first import of
/// a full mailbox must not answer last month's mail.
const AUTO_REPLY_MAX_AGE: i64 = 2 * 86_400;

impl Intake<'_> {
    /// Files a parsed mail on its ticket (follow-up) or a new one; what the
    /// transaction knows (`known`) is used and kept up to date.
    pub(super) fn file_mail(
        &self,
        conn: &Db,
        filing: &Filing,
        known: Option<&mut known::Known>,
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
            if let Some(why) = crate::mail::automatic::automatic_because(mail) {
                // An out-of-office or a report answers nothing: kept on its
                // ticket, it leaves state, pending date, clocks, the unseen
                // marker and the owner alone.
                let returned = self.returned_mail(conn, filing, &ticket)?;
                let detail = format!(
                    "{}; automatic ({why}){}: the ticket is left as it was",
                    describe_sender(mail),
                    returned.as_ref().map_or(String::new(), ReturnedMail::words)
                );
                let report =
                    self.add_follow_up(conn, ticket_id, filing, known, &CUSTOMER, &detail)?;
                if let Some(r) = returned {
                    r.record(conn, self.config, &ticket, report, received)?;
                }
                return Ok(Outcome::FollowUp(ticket.number));
            }
            if let Some(agent) = self.agent_writing(mail) {
                return self.file_agent_mail(conn, &ticket, filing, known, agent);
            }
            let policy = match ticket.state_type {
                StateType::Closed => self
                    .config
                    .queue(&ticket.queue)
                    .map(|q| q.closed_followup())
                    .unwrap_or_default(),
                _ => ClosedFollowup::Reopen,
            };
            if policy == ClosedFollowup::NewTicket {
                closed_predecessor = Some(ticket.number);
            } else {
                self.add_follow_up(
                    conn,
                    ticket_id,
                    filing,
                    known,
                    &CUSTOMER,
                    &describe_sender(mail),
                )?;
                tickets::customer_wrote(conn, ticket_id, received)?;
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
                let detail = serde_json::json!({ "from": mail.from_addr, "subject": mail.subject });
                self.hook(
                    conn,
                    ticket_id,
                    HookEvent::Followup,
                    detail.clone(),
                    received,
                )?;
                if ticket.state_type.is_pending() || ticket.state_type == StateType::Closed {
                    self.hook(conn, ticket_id, HookEvent::State, detail, received)?;
                }
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
        self.add_email_article(conn, ticket_id, filing, &CUSTOMER)?;
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
        let detail = serde_json::json!({ "from": mail.from_addr, "subject": mail.subject });
        self.hook(conn, ticket_id, HookEvent::Created, detail, received)?;
        Ok(Outcome::NewTicket(number))
    }

    /// Queues the hooks of `event` on live mail (an archive import runs none).
    fn hook(
        &self,
        conn: &Db,
        ticket_id: i64,
        event: HookEvent,
        detail: serde_json::Value,
        at: i64,
    ) -> Result<()> {
        if !self.live || self.config.hooks.is_empty() {
            return Ok(());
        }
        let t = tickets::ticket_by_id(conn, ticket_id)?;
        crate::hooks::queue(conn, self.config, &t, event, detail, at)
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
        // A delivery report of a message tix sent belongs with the ticket
        // that sent it: by the returned Message-ID, else the ticket tag in
        // the returned subject.
        if found.is_none() && !mail.returned.message_ids.is_empty() {
            found = tickets::ticket_for_message_ids(conn, &mail.returned.message_ids)?;
        }
        if found.is_none() {
            'subjects: for subject in &mail.returned.subjects {
                for n in self.config.subject_tag().numbers(subject) {
                    found = tickets::id_by_number(conn, &n)?;
                    if found.is_some() {
                        break 'subjects;
                    }
                }
            }
        }
        // An agent answering a digest keeps the line of the ticket meant.
        if found.is_none() && self.agent_writing(mail).is_some() {
            if let Some(n) = self.ticket_named_in_body(&mail.body) {
                found = tickets::id_by_number(conn, &n)?;
            }
        }
        let Some(id) = found else {
            return Ok(None);
        };
        // Most tickets were never merged: read once, followed only if so.
        let mut ticket = tickets::ticket_by_id(conn, id)?;
        if ticket.merged_into.is_some() {
            ticket = tickets::ticket_by_id(conn, tickets::follow_merges(conn, id)?)?;
        }
        // A deleted ticket, or a merged one whose target was purged, is
        // shown nowhere: an answer to it opens a new ticket.
        if matches!(ticket.state_type, StateType::Removed | StateType::Merged) {
            return Ok(None);
        }
        Ok(Some(ticket))
    }

    /// The one ticket whose tag an agent's text names: in the lines they
    /// wrote, else in the quoted ones; none when it names several.
    fn ticket_named_in_body(&self, body: &str) -> Option<String> {
        let tag = self.config.subject_tag();
        let named = |quoted: bool| {
            let mut numbers: Vec<String> = body
                .lines()
                .filter(|l| l.trim_start().starts_with('>') == quoted)
                .flat_map(|l| tag.numbers(l))
                .collect();
            numbers.sort();
            numbers.dedup();
            numbers
        };
        let own = named(false);
        let numbers = if own.is_empty() { named(true) } else { own };
        match numbers.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        }
    }

    /// The queue for a new ticket: forced (`fetch --queue`, an account's
    /// queue), else the first queue whose address is in To, then in Cc;
    /// else the queue the MTA delivered it for (`ingest --queue`: an
    /// address in neither, a Bcc), else Delivered-To's; else the default
    /// queue. So a mail to info@ with presse@ in Cc, delivered once for
    /// each, is filed as the same ticket in the same queue whichever
    /// delivery comes first.
    pub fn route_queue(&self, mail: &ParsedMail) -> String {
        if let Some(q) = &self.queue_override {
            return q.clone();
        }
        let by_header = mail
            .to
            .iter()
            .chain(&mail.cc)
            .find_map(|a| self.config.queue_for_address(a));
        if let Some(q) = by_header {
            return q.name.clone();
        }
        if let Some(q) = &self.delivery_queue {
            return q.clone();
        }
        mail.delivered_to
            .iter()
            .find_map(|a| self.config.queue_for_address(a))
            .map(|q| q.name.clone())
            .unwrap_or_else(|| self.config.default_queue.clone())
    }

    /// What a delivery report of mail this ticket sent says: which mail
    /// came back and whom it did not reach; `None` for any other mail.
    /// Hard bounces are noted at once (a reply warns, the closing answer
    /// skips them).
    fn returned_mail(
        &self,
        conn: &Db,
        filing: &Filing,
        ticket: &tickets::Ticket,
    ) -> Result<Option<ReturnedMail>> {
        let returned = &filing.mail.returned;
        let sent = articles::sent_among(conn, ticket.id, &returned.message_ids)?;
        let tagged = || {
            let tag = self.config.subject_tag();
            returned
                .subjects
                .iter()
                .any(|s| tag.numbers(s).contains(&ticket.number))
        };
        if sent.is_none() && !tagged() {
            return Ok(None);
        }
        let analysis = crate::bounces::analyse(filing.raw);
        let failed: Vec<_> = if analysis.kind == crate::bounces::MessageKind::Failure {
            analysis
                .recipients
                .into_iter()
                .filter(|r| !r.address.is_empty() && !r.delayed)
                .map(|r| (r.address, r.status, r.hard))
                .collect()
        } else {
            vec![]
        };
        for (address, status, _) in failed.iter().filter(|(_, _, hard)| *hard) {
            crate::store::bounced::note(conn, address, filing.received, status, ticket.id)?;
        }
        Ok(Some(ReturnedMail { sent, failed }))
    }

    /// The mail as an article of its ticket, known to the rest of the
    /// transaction, with its history row.
    pub(super) fn add_follow_up(
        &self,
        conn: &Db,
        ticket_id: i64,
        filing: &Filing,
        known: Option<&mut known::Known>,
        writer: &Writer,
        detail: &str,
    ) -> Result<i64> {
        let article = self.add_email_article(conn, ticket_id, filing, writer)?;
        if let Some(k) = known {
            k.article_added(filing.mail.message_id.as_deref(), ticket_id);
        }
        history::record(
            conn,
            &Change {
                ticket_id,
                actor: writer.actor,
                action: writer.action,
                old: None,
                new: None,
                detail: Some(detail),
                at: filing.received,
            },
        )?;
        Ok(article)
    }

    fn add_email_article(
        &self,
        conn: &Db,
        ticket_id: i64,
        filing: &Filing,
        writer: &Writer,
    ) -> Result<i64> {
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
                kind: writer.kind,
                sender_type: writer.sender_type,
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
                created_by: writer.actor,
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

/// A delivery report of mail a ticket sent, as read at intake.
struct ReturnedMail {
    /// The returned article and its Message-ID, when the report names it.
    sent: Option<(i64, String)>,
    /// Whom it did not reach for good or for now: address, status, hard.
    failed: Vec<(String, String, bool)>,
}

impl ReturnedMail {
    /// The words for the history row.
    fn words(&self) -> String {
        let mut s = match &self.sent {
            Some((_, id)) => format!("; the mail <{id}> sent from this ticket came back"),
            None => String::new(),
        };
        for (hard, words) in [
            (true, "undeliverable for good to"),
            (false, "not delivered (for now) to"),
        ] {
            let list: Vec<String> = self
                .failed
                .iter()
                .filter(|f| f.2 == hard)
                .map(|(a, status, _)| format!("{a} ({status})"))
                .collect();
            if !list.is_empty() {
                s.push_str(&format!("; {words} {}", list.join(", ")));
            }
        }
        s
    }

    /// Marks the report and the mail it returns, and tells the owner (else
    /// the queue's subscribers) of mail that did not arrive.
    fn record(
        self,
        conn: &Db,
        config: &crate::config::Config,
        ticket: &tickets::Ticket,
        report: i64,
        now: i64,
    ) -> Result<()> {
        let message_id = self.sent.as_ref().map_or("", |(_, id)| id.as_str());
        articles::mark_report(conn, report, message_id)?;
        if self.failed.is_empty() {
            return Ok(());
        }
        let whom = self
            .failed
            .iter()
            .map(|(a, status, _)| format!("{a} ({status})"))
            .collect::<Vec<_>>()
            .join(", ");
        if let Some((article, _)) = self.sent {
            articles::mark_undelivered(conn, article, &whom)?;
        }
        if !config.hooks.is_empty() {
            let detail = serde_json::json!({ "undelivered": whom });
            crate::hooks::queue(conn, config, ticket, HookEvent::Bounced, detail, now)?;
        }
        crate::send::notify::undelivered(conn, config, ticket, &whom, now)
    }
}

fn describe_sender(mail: &ParsedMail) -> String {
    match (&mail.from_name, &mail.from_addr) {
        (Some(n), Some(a)) => format!("email from {n} <{a}>"),
        (None, Some(a)) => format!("email from {a}"),
        _ => "email from an unknown sender".to_string(),
    }
}
