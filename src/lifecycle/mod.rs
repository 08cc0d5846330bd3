//! What agents do to tickets: move, assign, lock, set state, merge, close…
//! Every action checks its preconditions, changes the store and writes one
//! history row per change. Commands call these inside one transaction, so a
//! bulk action is all or nothing and `--dry-run` is the same run rolled back.

mod related;

use crate::config::{Config, Status};
use crate::error::{Result, TixError};
use crate::store::articles;
use crate::store::changes;
use crate::store::history;
use crate::store::Db;
use crate::store::{
    articles::NewArticle,
    history::Change,
    tickets::{self, Ticket},
};
use crate::vocabulary::StateType;
use crate::vocabulary::{ArticleKind, SenderType};
use serde::Serialize;

/// One change made (or, with --dry-run, that would be made).
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub ticket: String,
    pub change: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Report {
    pub fn line(&self) -> String {
        match (&self.old, &self.new) {
            (Some(o), Some(n)) => format!("{}: {} {o} → {n}", self.ticket, self.change),
            (None, Some(n)) => format!("{}: {} {n}", self.ticket, self.change),
            (Some(o), None) => format!("{}: {} {o} removed", self.ticket, self.change),
            (None, None) => format!("{}: {}", self.ticket, self.change),
        }
    }
}

/// Who acts, when, and on which store.
pub struct Session<'a> {
    pub conn: &'a Db,
    pub config: &'a Config,
    pub actor: &'a str,
    pub now: i64,
    /// Act on tickets locked by someone else.
    pub force: bool,
}

impl Session<'_> {
    /// Records a change in history and returns its report.
    /// Queues the hooks of `event` on ticket `id` (see [`crate::hooks`]).
    pub fn hook(
        &self,
        id: i64,
        event: crate::config::HookEvent,
        detail: serde_json::Value,
    ) -> Result<()> {
        if self.config.hooks.is_empty() {
            return Ok(());
        }
        let t = tickets::ticket_by_id(self.conn, id)?;
        crate::hooks::queue(self.conn, self.config, &t, event, detail, self.now)
    }

    fn change(
        &self,
        t: &Ticket,
        what: &str,
        old: Option<&str>,
        new: Option<&str>,
        detail: Option<&str>,
    ) -> Result<Report> {
        self.check_write(&t.queue)?;
        history::record(
            self.conn,
            &Change {
                ticket_id: t.id,
                actor: self.actor,
                action: what,
                old,
                new,
                detail,
                at: self.now,
            },
        )?;
        tickets::touch(self.conn, t.id, self.now)?;
        crate::escalation::refresh(self.conn, self.config, t.id, self.now)?;
        Ok(Report {
            ticket: t.number.clone(),
            change: what.to_string(),
            old: old.map(str::to_string),
            new: new.map(str::to_string),
        })
    }

    /// Refuses a change to a ticket of a queue the agent may only read
    /// (queues[].access); tix itself (intake, maintain) changes any.
    pub fn check_write(&self, queue: &str) -> Result<()> {
        if self.actor == crate::vocabulary::SYSTEM_ACTOR || self.config.may_write(self.actor, queue)
        {
            return Ok(());
        }
        Err(TixError::failure(format!(
            "{} may not change tickets in queue {queue} (queues[].access)",
            self.actor
        )))
    }

    /// Refuses to touch a ticket someone else holds locked (unless forced).
    pub fn check_lock(&self, t: &Ticket) -> Result<()> {
        match t.lock_holder(self.now) {
            Some(holder) if !holder.eq_ignore_ascii_case(self.actor) && !self.force => {
                Err(TixError::failure(format!(
                    "ticket {} is locked by {holder} until {}; --force acts anyway",
                    t.number,
                    crate::render::datetime(t.locked_until.unwrap_or(0))
                )))
            }
            _ => Ok(()),
        }
    }

    pub fn refuse_merged_or_removed(&self, t: &Ticket) -> Result<()> {
        match t.state_type {
            StateType::Merged => Err(TixError::failure(format!(
                "ticket {} is merged into {}; act on that one",
                t.number,
                t.merged_into.as_deref().unwrap_or("another ticket")
            ))),
            StateType::Removed => Err(TixError::failure(format!("ticket {} is deleted", t.number))),
            _ => Ok(()),
        }
    }

    pub fn move_to(&self, t: &Ticket, queue: &str) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        // Into a queue one may change, out of one one may change.
        self.check_write(&t.queue)?;
        self.check_write(queue)?;
        if t.queue == queue {
            return Ok(vec![]);
        }
        changes::set_queue(self.conn, t.id, queue)?;
        Ok(vec![self.change(
            t,
            "queue",
            Some(&t.queue),
            Some(queue),
            None,
        )?])
    }

    /// Sets the owner (`role` "owner") or the responsible agent; `None` clears it.
    pub fn set_agent(&self, t: &Ticket, role: &str, agent: Option<&str>) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        let current = if role == "owner" {
            &t.owner
        } else {
            &t.responsible
        };
        if current.as_deref() == agent {
            return Ok(vec![]);
        }
        if role == "owner" {
            changes::set_owner(self.conn, t.id, agent)?;
        } else {
            changes::set_responsible(self.conn, t.id, agent)?;
        }
        Ok(vec![self.change(
            t,
            role,
            current.as_deref(),
            agent,
            None,
        )?])
    }

    pub fn lock(&self, t: &Ticket) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        let until = self.now + i64::from(self.config.lock_minutes) * 60;
        let old = t.lock_holder(self.now).map(str::to_string);
        changes::set_lock(self.conn, t.id, Some((self.actor, until)))?;
        if old
            .as_deref()
            .is_some_and(|o| o.eq_ignore_ascii_case(self.actor))
        {
            return Ok(vec![]); // renewed, nothing to audit
        }
        Ok(vec![self.change(
            t,
            "lock",
            old.as_deref(),
            Some(self.actor),
            None,
        )?])
    }

    pub fn unlock(&self, t: &Ticket) -> Result<Vec<Report>> {
        let Some(holder) = t.lock_holder(self.now).map(str::to_string) else {
            return Ok(vec![]);
        };
        changes::set_lock(self.conn, t.id, None)?;
        Ok(vec![self.change(t, "lock", Some(&holder), None, None)?])
    }

    /// Sets a status, checking the configured transitions and pending dates.
    pub fn set_state(
        &self,
        t: &Ticket,
        status: &Status,
        until: Option<i64>,
    ) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        if status.state_type == StateType::Merged {
            return Err(TixError::usage(format!(
                "status {:?} is set by merging: tix merge {} --into TARGET",
                status.name, t.number
            )));
        }
        if let Some(current) = self.config.status(&t.state) {
            if let Some(next) = &current.next {
                let key = crate::config::status_key(&status.name);
                if !next.iter().any(|n| crate::config::status_key(n) == key) {
                    return Err(TixError::failure(format!(
                        "ticket {}: {:?} cannot go to {:?}; allowed: {}",
                        t.number,
                        t.state,
                        status.name,
                        if next.is_empty() {
                            "none".to_string()
                        } else {
                            next.join(", ")
                        }
                    )));
                }
            }
        }
        if status.state_type == StateType::Closed && t.state_type != StateType::Closed {
            self.refuse_closing_a_parent(t)?;
        }
        let pending = status.state_type.is_pending();
        // A pending status's own default span stands in for a missing date.
        let until = until.or_else(|| {
            status
                .pending_for
                .filter(|_| pending)
                .map(|d| self.now + d.as_secs() as i64)
        });
        if pending && until.is_none() {
            return Err(TixError::usage(format!(
                "status {:?} is a pending status and needs a date: --until DATE (or give the status a pending_for)",
                status.name
            )));
        }
        if !pending && until.is_some() {
            return Err(TixError::usage(format!(
                "--until goes with pending statuses, not {:?}",
                status.name
            )));
        }
        if t.state == status.name && t.pending_until == until {
            return Ok(vec![]);
        }
        changes::set_state(
            self.conn,
            t.id,
            &status.name,
            status.state_type,
            until,
            self.now,
        )?;
        let detail = until.map(|u| format!("until {}", crate::render::datetime(u)));
        let report = self.change(
            t,
            "state",
            Some(&t.state),
            Some(&status.name),
            detail.as_deref(),
        )?;
        self.hook(
            t.id,
            crate::config::HookEvent::State,
            serde_json::json!({ "old": t.state, "new": status.name, "by": self.actor }),
        )?;
        Ok(vec![report])
    }

    pub fn set_priority(&self, t: &Ticket, priority: i64) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        if t.priority == priority {
            return Ok(vec![]);
        }
        changes::set_priority(self.conn, t.id, priority)?;
        let old = format!("{} {}", t.priority, tickets::priority_name(t.priority));
        let new = format!("{priority} {}", tickets::priority_name(priority));
        Ok(vec![self.change(
            t,
            "priority",
            Some(&old),
            Some(&new),
            None,
        )?])
    }

    /// Makes `address` (with `name`) the ticket's customer: a board member
    /// forwarded a member's mail, and the member is who is answered.
    pub fn set_customer(
        &self,
        t: &Ticket,
        address: &str,
        name: Option<&str>,
    ) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        let shown = |a: Option<&str>, n: Option<&str>| match (n, a) {
            (Some(n), Some(a)) => format!("{n} <{a}>"),
            (None, Some(a)) => a.to_string(),
            _ => String::new(),
        };
        let old = shown(t.customer_address.as_deref(), t.customer_name.as_deref());
        let new = shown(Some(address), name);
        if old == new {
            return Ok(vec![]);
        }
        changes::set_customer(self.conn, t.id, address, name)?;
        Ok(vec![self.change(
            t,
            "customer",
            (!old.is_empty()).then_some(old.as_str()),
            Some(&new),
            None,
        )?])
    }

    pub fn tag(&self, t: &Ticket, add: &[String], remove: &[String]) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        let mut out = Vec::new();
        for tag in add {
            if !t.tags.contains(tag) {
                changes::add_tag(self.conn, t.id, tag)?;
                out.push(self.change(t, "tag", None, Some(tag), None)?);
            }
        }
        for tag in remove {
            if t.tags.contains(tag) {
                changes::remove_tag(self.conn, t.id, tag)?;
                out.push(self.change(t, "tag", Some(tag), None, None)?);
            }
        }
        Ok(out)
    }

    /// An internal note or a logged call/letter/fax, with attachments.
    pub fn note(
        &self,
        t: &Ticket,
        kind: ArticleKind,
        text: &str,
        files: &[(String, Vec<u8>)],
    ) -> Result<Vec<Report>> {
        let mut out = self.note_unlocked(t, kind, text, files)?;
        if self.config.lock_on_note && t.lock_holder(self.now).is_none() {
            out.extend(self.lock(t)?);
        }
        Ok(out)
    }

    fn note_unlocked(
        &self,
        t: &Ticket,
        kind: ArticleKind,
        text: &str,
        files: &[(String, Vec<u8>)],
    ) -> Result<Vec<Report>> {
        self.refuse_merged_or_removed(t)?;
        let subject = format!("{} by {}", kind_label(kind), self.actor);
        let article = articles::insert_article(
            self.conn,
            &NewArticle {
                ticket_id: t.id,
                kind,
                sender_type: SenderType::Agent,
                from_name: Some(self.actor),
                subject: &subject,
                body: text,
                created_at: self.now,
                created_by: self.actor,
                ..NewArticle::typed_in()
            },
        )?;
        for (name, bytes) in files {
            attach_file(self.conn, article, name, bytes)?;
        }
        Ok(vec![self.change(
            t,
            "note",
            None,
            Some(kind.as_str()),
            Some(&first_line(text)),
        )?])
    }

    /// A note that comes with another action (`tix move … -m TEXT`): kept
    /// as a note, but it locks nothing, and reports as "with a note".
    pub fn remark(&self, t: &Ticket, text: &str) -> Result<Vec<Report>> {
        let mut out = Vec::new();
        for mut r in self.note_unlocked(t, ArticleKind::Note, text, &[])? {
            r.change = "with a note".into();
            r.new = None;
            out.push(r);
        }
        Ok(out)
    }

    /// Merges `source` into `target`: its articles move to the target (shown
    /// there in date order), it becomes merged and points at the target.
    pub fn merge(&self, source: &Ticket, target: &Ticket) -> Result<Vec<Report>> {
        if source.id == target.id {
            return Err(TixError::failure(format!(
                "ticket {} cannot be merged into itself",
                source.number
            )));
        }
        if target.state_type == StateType::Merged {
            return Err(TixError::failure(format!(
                "ticket {} is merged into {} itself; merge into that one",
                target.number,
                target.merged_into.as_deref().unwrap_or("another ticket")
            )));
        }
        if source.state_type == StateType::Merged {
            return Err(TixError::failure(format!(
                "ticket {} is merged into {} already",
                source.number,
                source.merged_into.as_deref().unwrap_or("another ticket")
            )));
        }
        self.refuse_merged_or_removed(target)?;
        self.refuse_merged_or_removed(source)?;
        self.check_lock(target)?;
        let merged = self.config.status_of_type(StateType::Merged);
        changes::merge(
            self.conn,
            source.id,
            target.id,
            &merged.name,
            source.last_customer_at,
        )?;
        // The status it had (detail) and a pending date (old): what an
        // unmerge gives back.
        let pending = source
            .pending_until
            .filter(|_| source.state_type.is_pending())
            .map(crate::dates::iso);
        Ok(vec![
            self.change(
                source,
                "merged into",
                pending.as_deref(),
                Some(&target.number),
                Some(&source.state),
            )?,
            self.change(
                target,
                "merged",
                None,
                Some(&source.number),
                Some(&source.title),
            )?,
        ])
    }

    /// Opens a ticket by hand (phone call, letter, fax, email typed in).
    #[allow(clippy::too_many_arguments)]
    pub fn open_ticket(
        &self,
        kind: ArticleKind,
        queue: &str,
        from: &str,
        name: Option<&str>,
        subject: &str,
        text: &str,
        files: &[(String, Vec<u8>)],
    ) -> Result<Ticket> {
        self.check_write(queue)?;
        let new = self.config.status_of_type(StateType::New);
        let (id, _) = tickets::insert_ticket(
            self.conn,
            self.config.system_id,
            &tickets::NewTicket {
                title: subject,
                queue,
                state: &new.name,
                state_type: new.state_type,
                customer_address: Some(from),
                customer_name: name,
                created_at: self.now,
            },
        )?;
        let article = articles::insert_article(
            self.conn,
            &NewArticle {
                ticket_id: id,
                kind,
                sender_type: SenderType::Customer,
                from_name: name,
                from_addr: Some(from),
                subject,
                body: text,
                created_at: self.now,
                created_by: self.actor,
                ..NewArticle::typed_in()
            },
        )?;
        for (fname, bytes) in files {
            attach_file(self.conn, article, fname, bytes)?;
        }
        history::record(
            self.conn,
            &Change {
                ticket_id: id,
                actor: self.actor,
                action: "created",
                old: None,
                new: Some(queue),
                detail: Some(&format!("{} from {from}", kind_label(kind))),
                at: self.now,
            },
        )?;
        // A ticket opened by hand is on the queue's clock as mail is.
        crate::escalation::refresh(self.conn, self.config, id, self.now)?;
        self.hook(
            id,
            crate::config::HookEvent::Created,
            serde_json::json!({ "from": from, "channel": kind_label(kind), "by": self.actor }),
        )?;
        tickets::ticket_by_id(self.conn, id)
    }

    /// Removes a deleted ticket for good: raw mail, attachments, index rows, history.
    pub fn purge(&self, t: &Ticket) -> Result<Vec<Report>> {
        changes::purge(self.conn, t.id)?;
        Ok(vec![Report {
            ticket: t.number.clone(),
            change: "purged".into(),
            old: None,
            new: None,
        }])
    }
}

/// Stores a file attached by hand (its bytes live with the attachment).
pub fn attach_file(conn: &Db, article: i64, name: &str, bytes: &[u8]) -> Result<()> {
    let mime = mime_guess::from_path(name).first_or_octet_stream();
    articles::insert_attachment(
        conn,
        &articles::NewAttachment {
            article_id: article,
            filename: name,
            content_type: mime.essence_str(),
            size: bytes.len(),
            sha256: &crate::mail::parse::sha256_hex(bytes),
            bytes: articles::AttachmentBytes::Stored(bytes),
        },
    )
}

pub fn kind_label(kind: ArticleKind) -> &'static str {
    match kind {
        ArticleKind::Note => "note",
        ArticleKind::PhoneIn => "call from the customer",
        ArticleKind::PhoneOut => "call to the customer",
        ArticleKind::LetterIn => "letter from the customer",
        ArticleKind::LetterOut => "letter to the customer",
        ArticleKind::FaxIn => "fax from the customer",
        ArticleKind::FaxOut => "fax to the customer",
        ArticleKind::EmailIn => "email",
        ArticleKind::EmailOut => "email to the customer",
    }
}

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(79).collect::<String>())
    } else {
        line.to_string()
    }
}
