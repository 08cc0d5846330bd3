//! Time acting on tickets (`tix maintain`, from cron): pending reminders
//! that fell due, pending tickets that close by themselves, escalation
//! warnings and escalations, and the retention rules (delete closed
//! tickets, purge deleted ones). Each step finds what is due through an
//! index, then acts in short transactions; a ticket that cannot be acted
//! on is reported and left as it was, and the rest go on.

use crate::config::{Config, Notify};
use crate::error::Result;
use crate::lifecycle::{Report, Session};
use crate::send::notify::{self, About, Notice};
use crate::store::due::{self, Due};
use crate::store::history::{self, Change};
use crate::store::tickets::{self, Ticket};
use crate::store::Db;
use crate::store::{escalation as stored, Store};
use crate::vocabulary::{StateType, SYSTEM_ACTOR};
use serde::Serialize;

/// One thing a run did (or, with --dry-run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// reminder, auto-close, escalation-warning, escalation, delete, purge,
    /// digest
    pub step: &'static str,
    /// "" for a digest, which is about no one ticket.
    pub ticket: String,
    pub change: String,
    /// The agents told of it.
    pub notified: Vec<String>,
}

impl Action {
    pub fn line(&self) -> String {
        let mut line = if self.ticket.is_empty() {
            self.change.clone()
        } else {
            format!("{}: {}", self.ticket, self.change)
        };
        if !self.notified.is_empty() {
            line.push_str(&format!(" (told {})", self.notified.join(", ")));
        }
        line
    }
}

#[derive(Debug, Default, Serialize)]
pub struct Outcome {
    pub actions: Vec<Action>,
    /// Tickets that could not be acted on, and why.
    pub problems: Vec<String>,
}

impl Outcome {
    pub fn count(&self, step: &str) -> usize {
        self.actions.iter().filter(|a| a.step == step).count()
    }
}

/// The steps, in the order a run takes them, with what their count says.
pub const STEPS: &[(&str, &str)] = &[
    ("reminder", "reminders due"),
    ("auto-close", "closed by date"),
    ("escalation-warning", "escalation warnings"),
    ("escalation", "escalated"),
    ("delete", "deleted"),
    ("purge", "purged"),
    ("digest", "digests sent"),
];

/// The calendar day of `at` in `zone`, else in local time.
fn day_of(at: i64, zone: Option<chrono_tz::Tz>) -> chrono::NaiveDate {
    use chrono::TimeZone;
    match zone {
        Some(z) => z.timestamp_opt(at, 0).single().map(|t| t.date_naive()),
        None => chrono::Local
            .timestamp_opt(at, 0)
            .single()
            .map(|t| t.date_naive()),
    }
    .unwrap_or_default()
}

/// Tickets acted on per transaction: short enough not to hold other
/// writers (an intake) for long.
const BATCH: usize = 200;

pub struct Run<'a> {
    pub config: &'a Config,
    pub now: i64,
    pub dry_run: bool,
}

impl Run<'_> {
    /// Does everything that is due at `now`.
    pub fn all(&self, store: &mut Store) -> Result<Outcome> {
        let mut out = Outcome::default();
        let now = Some((Due::Reminder, self.now, None));
        let reminders = due::find(&store.conn, Due::Reminder, self.now, None)?;
        self.each(store, &reminders, now, &mut out, |s, tx, t| {
            s.reminder(tx, t)
        })?;
        let now = Some((Due::AutoClose, self.now, None));
        let closes = due::find(&store.conn, Due::AutoClose, self.now, None)?;
        self.each(store, &closes, now, &mut out, |s, tx, t| {
            s.auto_close(tx, t)
        })?;
        // Checked again by the step itself, which recomputes the times.
        let alerts = stored::alerts_due(&store.conn, self.now)?;
        self.each(store, &alerts, None, &mut out, |s, tx, t| {
            s.escalation(tx, t)
        })?;
        self.retention(store, &mut out)?;
        self.digests(store, &mut out)?;
        Ok(out)
    }

    /// Each agent who takes a daily digest gets one on the first run of
    /// their day (in their zone, else local time) that finds notifications
    /// of an earlier day waiting: what happened yesterday, each morning.
    fn digests(&self, store: &mut Store, out: &mut Outcome) -> Result<()> {
        let daily = self
            .config
            .agents
            .iter()
            .filter(|a| a.digest == crate::config::Digest::Daily);
        for agent in daily {
            let today = day_of(self.now, agent.zone);
            let tx = store.conn.transaction()?;
            let waiting_since = crate::store::digests::oldest(&tx, &agent.name)?;
            if waiting_since.is_none_or(|at| day_of(at, agent.zone) >= today) {
                continue;
            }
            let sent_today = crate::store::digests::last_sent(&tx, &agent.name)?
                .is_some_and(|last| day_of(last, agent.zone) == today);
            if sent_today {
                continue;
            }
            let lines = crate::store::digests::take(&tx, &agent.name)?;
            if lines.is_empty() || !notify::send_digest(&tx, self.config, agent, &lines, self.now)?
            {
                continue;
            }
            crate::store::digests::mark_sent(&tx, &agent.name, self.now)?;
            if self.dry_run {
                tx.rollback()?;
            } else {
                tx.commit()?;
            }
            out.actions.push(Action {
                step: "digest",
                ticket: String::new(),
                change: format!("daily digest of {} notifications", lines.len()),
                notified: vec![agent.name.clone()],
            });
        }
        Ok(())
    }

    /// Runs `act` on each ticket, a batch per transaction, each ticket in
    /// a savepoint of its own: one that fails is reported and undone alone.
    /// A ticket that is no longer `due` (changed by someone since it was
    /// found) is left alone.
    fn each(
        &self,
        store: &mut Store,
        ids: &[i64],
        due: Option<(Due, i64, Option<&str>)>,
        out: &mut Outcome,
        act: impl Fn(&Self, &Db, &Ticket) -> Result<Vec<Action>>,
    ) -> Result<()> {
        for batch in ids.chunks(BATCH) {
            let tx = store.conn.transaction()?;
            for &id in batch {
                if let Some((kind, at, queue)) = due {
                    if !due::still(&tx, kind, id, at, queue)? {
                        continue;
                    }
                }
                let t = tickets::ticket_by_id(&tx, id)?;
                match crate::store::savepoint(&tx, || act(self, &tx, &t)) {
                    Ok(actions) => out.actions.extend(actions),
                    Err(e) if e.is_temporary() => return Err(e),
                    Err(e) => {
                        let e = e.to_string();
                        let named = format!("ticket {}: ", t.number);
                        out.problems.push(if e.starts_with(&named) {
                            e
                        } else {
                            format!("{named}{e}")
                        });
                    }
                }
            }
            if self.dry_run {
                tx.rollback()?;
            } else {
                tx.commit()?;
            }
        }
        Ok(())
    }

    fn session<'c>(&'c self, conn: &'c Db) -> Session<'c> {
        Session {
            conn,
            config: self.config,
            actor: SYSTEM_ACTOR,
            now: self.now,
            force: true,
        }
    }

    fn history(&self, conn: &Db, t: &Ticket, action: &str, detail: &str) -> Result<()> {
        history::record(
            conn,
            &Change {
                ticket_id: t.id,
                actor: SYSTEM_ACTOR,
                action,
                old: None,
                new: None,
                detail: Some(detail),
                at: self.now,
            },
        )
    }

    /// A pending reminder reached: announced once per date, and the ticket
    /// set back to the status's `on_due`, if it names one.
    fn reminder(&self, conn: &Db, t: &Ticket) -> Result<Vec<Action>> {
        let when = crate::render::datetime(t.pending_until.unwrap_or(self.now));
        let about = About::Reminder {
            due: t.pending_until.unwrap_or(self.now),
        };
        let notice = Notice {
            about: &about,
            text: None,
        };
        let told = notify::tell(
            conn,
            self.config,
            t,
            Notify::Reminder,
            &[t.owner.as_deref(), t.responsible.as_deref()],
            &notice,
            self.now,
        )?;
        due::mark_reminded(conn, t.id)?;
        self.history(conn, t, "reminder due", &format!("pending until {when}"))?;
        let mut change = format!("reminder due ({when})");
        let on_due = self
            .config
            .status(&t.state)
            .and_then(|s| s.on_due.as_deref())
            .and_then(|n| self.config.status(n));
        if let Some(status) = on_due {
            let reports = self.session(conn).set_state(t, status, None)?;
            change.push_str(&reports_text(&reports));
        }
        Ok(vec![Action {
            step: "reminder",
            ticket: t.number.clone(),
            change,
            notified: told,
        }])
    }

    /// A pending auto-close date reached: closed with the status's
    /// `closes_to`, else the first closed status; the customer gets the
    /// status's `answer`, if it names one, and nothing otherwise.
    fn auto_close(&self, conn: &Db, t: &Ticket) -> Result<Vec<Action>> {
        let pending = self.config.status(&t.state);
        let status = pending
            .and_then(|s| s.closes_to.as_deref())
            .and_then(|n| self.config.status(n))
            .unwrap_or_else(|| self.config.status_of_type(StateType::Closed));
        let reports = self.session(conn).set_state(t, status, None)?;
        let mut change = format!("closed by date{}", reports_text(&reports));
        if let Some(answer) = pending.and_then(|s| s.answer.as_deref()) {
            let closed = tickets::ticket_by_id(conn, t.id)?;
            match notify::system_answer(conn, self.config, &closed, answer, self.now)? {
                None => change.push_str(&format!("; answer {answer:?} to the customer")),
                Some(why) => change.push_str(&format!("; no answer: {why}")),
            }
        }
        Ok(vec![Action {
            step: "auto-close",
            ticket: t.number.clone(),
            change,
            notified: vec![],
        }])
    }

    /// An escalation time reached (or its warning point): the owner, else
    /// the queue's subscribers, told once for each time.
    fn escalation(&self, conn: &Db, t: &Ticket) -> Result<Vec<Action>> {
        // The stored times may predate a lapse of working time: recompute.
        crate::escalation::refresh(conn, self.config, t.id, self.now)?;
        let Some(e) = crate::store::escalation::of(conn, t.id)? else {
            return Ok(vec![]);
        };
        let Some(alert) = e.alert_at.filter(|&a| a <= self.now) else {
            return Ok(vec![]);
        };
        // A run after a pause (a stopped cron) tells of the escalation
        // alone, not of a warning it comes too late for.
        let escalated = alert >= e.at || self.now >= e.at;
        let kind = e.kind.replace('-', " ");
        let when = crate::render::datetime(e.at);
        let step = if escalated {
            "escalation"
        } else {
            "escalation-warning"
        };
        let about = About::Escalation {
            ran_out: escalated,
            kind: &e.kind,
            at: e.at,
        };
        let notice = Notice {
            about: &about,
            text: None,
        };
        let told = notify::tell(
            conn,
            self.config,
            t,
            Notify::Escalation,
            &[t.owner.as_deref()],
            &notice,
            self.now,
        )?;
        stored::mark_announced(conn, t.id, e.at, escalated)?;
        let action = if escalated {
            "escalated"
        } else {
            "escalation warning"
        };
        self.history(conn, t, action, &format!("{kind} time {when}"))?;
        if escalated {
            self.session(conn).hook(
                t.id,
                crate::config::HookEvent::Escalated,
                serde_json::json!({ "kind": e.kind, "at": crate::dates::iso(e.at) }),
            )?;
        }
        crate::escalation::refresh(conn, self.config, t.id, self.now)?;
        Ok(vec![Action {
            step,
            ticket: t.number.clone(),
            change: format!("{action}: {kind} time {when}"),
            notified: told,
        }])
    }

    /// Each queue's retention: closed tickets deleted, deleted ones purged.
    fn retention(&self, store: &mut Store, out: &mut Outcome) -> Result<()> {
        let removed = self.config.status_of_type(StateType::Removed).clone();
        for q in &self.config.queues {
            let (delete_after, purge_after) = self.config.retention(&q.name);
            if let Some(after) = delete_after {
                let cutoff = self.now - after;
                let ids = due::find(&store.conn, Due::ClosedBefore, cutoff, Some(&q.name))?;
                let due = Some((Due::ClosedBefore, cutoff, Some(q.name.as_str())));
                self.each(store, &ids, due, out, |s, tx, t| {
                    let reports = s.session(tx).set_state(t, &removed, None)?;
                    Ok(vec![Action {
                        step: "delete",
                        ticket: t.number.clone(),
                        change: format!("deleted by the retention rule{}", reports_text(&reports)),
                        notified: vec![],
                    }])
                })?;
            }
            if let Some(after) = purge_after {
                let cutoff = self.now - after;
                let ids = due::find(&store.conn, Due::RemovedBefore, cutoff, Some(&q.name))?;
                let due = Some((Due::RemovedBefore, cutoff, Some(q.name.as_str())));
                self.each(store, &ids, due, out, |s, tx, t| {
                    s.session(tx).purge(t)?;
                    Ok(vec![Action {
                        step: "purge",
                        ticket: t.number.clone(),
                        change: "purged by the retention rule".into(),
                        notified: vec![],
                    }])
                })?;
            }
        }
        Ok(())
    }
}

/// ": pending reminder → open" for the status changes among `reports`.
fn reports_text(reports: &[Report]) -> String {
    reports
        .iter()
        .filter(|r| r.change == "state")
        .map(|r| {
            format!(
                ": {} → {}",
                r.old.as_deref().unwrap_or("-"),
                r.new.as_deref().unwrap_or("-")
            )
        })
        .collect()
}
