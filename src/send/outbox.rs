//! The outbox: auto-replies, notifications, digests, probes, bulk answers
//! and hooks are queued in the same transaction as the change that caused
//! them, and sent (hooks: run) after it committed. A server that is down
//! leaves them queued for the next run; one that refuses a message for good
//! marks it failed; a bulk answer waits for its time (not_before), a failed
//! hook for its pause.

use super::{Built, Outgoing, SentRecord};
use crate::config::Config;
use crate::error::Result;
use crate::store::outbox as table;
use crate::store::Db;
use crate::store::Store;
use crate::vocabulary::{ArticleKind, SenderType};
use std::time::{Duration, Instant};

/// Less time than this left in the budget is not worth a connection.
const MIN_TRY: Duration = Duration::from_millis(500);

/// Queues a built message. Runs inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub fn enqueue(
    conn: &Db,
    ticket_id: Option<i64>,
    kind: &str,
    recipient: &str,
    agent: Option<&str>,
    outgoing: &Outgoing,
    built: &Built,
    now: i64,
) -> Result<()> {
    enqueue_at(
        conn, ticket_id, kind, recipient, agent, outgoing, built, now, None,
    )
}

/// [`enqueue`], not to be sent before `not_before` (a bulk answer's pace).
#[allow(clippy::too_many_arguments)]
pub fn enqueue_at(
    conn: &Db,
    ticket_id: Option<i64>,
    kind: &str,
    recipient: &str,
    agent: Option<&str>,
    outgoing: &Outgoing,
    built: &Built,
    now: i64,
    not_before: Option<i64>,
) -> Result<()> {
    let json = serde_json::to_string(outgoing)
        .map_err(|e| crate::error::TixError::failure(e.to_string()))?;
    table::insert(
        conn,
        &table::NewItem {
            ticket_id,
            kind,
            recipient,
            agent,
            message_id: &built.message_id,
            envelope_from: &built.envelope_from,
            envelope_to: &built.envelope_to,
            outgoing_json: &json,
            bytes: &built.bytes,
            created_at: now,
            not_before,
        },
    )
}

pub use table::{auto_replies_since, list, retry_failed, Entry};

/// A bulk answer the server took: the agent's article, and the status it
/// was to leave the ticket in. A change no longer allowed (the ticket moved
/// on meanwhile) is left out and the history says why: the mail went.
fn record_reply(conn: &Db, config: &Config, item: &Due, ticket_id: i64, now: i64) -> Result<()> {
    let outgoing: Outgoing = serde_json::from_str(&item.outgoing)
        .map_err(|e| crate::error::TixError::failure(format!("outbox {}: {e}", item.id)))?;
    let actor = item
        .agent
        .as_deref()
        .unwrap_or(crate::vocabulary::SYSTEM_ACTOR);
    let r = SentRecord {
        ticket_id,
        kind: ArticleKind::EmailOut,
        action: "replied",
        sender_type: SenderType::Agent,
        actor,
        now,
    };
    super::record_sent(conn, &r, &outgoing, &item.built)?;
    if let Some(status) = outgoing
        .then_state
        .as_deref()
        .and_then(|n| config.status(n))
    {
        let session = crate::lifecycle::Session {
            conn,
            config,
            actor,
            now,
            force: true,
        };
        let t = crate::store::tickets::ticket_by_id(conn, ticket_id)?;
        let until = outgoing.then_until;
        if let Err(e) = crate::store::savepoint(conn, || session.set_state(&t, status, until)) {
            crate::store::history::record(
                conn,
                &crate::store::history::Change {
                    ticket_id,
                    actor,
                    action: "state",
                    old: None,
                    new: None,
                    detail: Some(&format!(
                        "not set to {:?} after the bulk answer: {e}",
                        status.name
                    )),
                    at: now,
                },
            )?;
        }
    }
    crate::escalation::refresh(conn, config, ticket_id, now)
}

#[derive(Debug, Default, serde::Serialize)]
pub struct Flushed {
    pub sent: u64,
    /// Left queued: the server may take them later.
    pub deferred: u64,
    /// Refused for good.
    pub failed: u64,
}

struct Due {
    id: i64,
    ticket_id: Option<i64>,
    kind: String,
    agent: Option<String>,
    outgoing: String,
    built: Built,
    interrupted_at: Option<i64>,
}

/// Sends what is due, within `budget` when one is given (intake must not
/// hold an MTA's delivery slot); a server that times out ends the run and
/// leaves the rest queued. Another tix sending at the same time leaves the
/// outbox to it. Problems are warned about, one line each.
pub fn flush(
    config: &Config,
    store: &mut Store,
    budget: Option<Duration>,
    warn: &dyn Fn(&str),
) -> Result<Flushed> {
    let mut done = Flushed::default();
    let Some(_lock) = store.try_lock("outbox")? else {
        return Ok(done);
    };
    let due: Vec<Due> = table::due(&store.conn, crate::dates::now())?
        .into_iter()
        .map(|d| Due {
            id: d.id,
            ticket_id: d.ticket_id,
            kind: d.kind,
            agent: d.agent,
            outgoing: d.outgoing_json,
            built: Built {
                message_id: d.message_id,
                envelope_from: d.envelope_from,
                envelope_to: d.envelope_to,
                bytes: d.bytes,
            },
            interrupted_at: d.sending_since,
        })
        .collect();
    let deadline = budget.map(|b| Instant::now() + b);
    let total = due.len() as u64;
    for (i, item) in due.into_iter().enumerate() {
        let timeout = match deadline {
            Some(d) => d
                .saturating_duration_since(Instant::now())
                .min(super::smtp::TIMEOUT),
            None => super::smtp::TIMEOUT,
        };
        if timeout < MIN_TRY {
            let left = total - i as u64;
            done.deferred += left;
            warn(&format!(
                "{left} queued message(s) left for the next run: the {} s for sending (outbox_budget_seconds) are used up",
                budget.unwrap_or_default().as_secs()
            ));
            break;
        }
        let now = crate::dates::now();
        if let Some(at) = item.interrupted_at {
            warn(&format!(
                "{} to {}: a run stopped at {} while handing it to the server, which may have it; sent again with the same Message-ID <{}>, so the receiving system can drop the copy",
                item.kind,
                item.built.envelope_to.join(", "),
                crate::dates::iso(at),
                item.built.message_id
            ));
        }
        let how = super::smtp::Delivery {
            // A bounce round's probe and an agent's bulk answer go out under
            // a return path, for their bounces to come back; automatic mail
            // with the null sender.
            null_sender: !matches!(item.kind.as_str(), "probe" | "reply"),
            timeout,
        };
        if item.kind == "hook" {
            let limit = deadline.map_or(Duration::MAX, |d| {
                d.saturating_duration_since(Instant::now())
            });
            match crate::hooks::run(&item.outgoing, &item.built.bytes, limit) {
                Ok(()) => {
                    table::mark_sent(&store.conn, item.id, now)?;
                    done.sent += 1;
                }
                Err(e) => {
                    let tries = table::hook_failed(&store.conn, item.id, &e.to_string(), now)?;
                    done.deferred += 1;
                    warn(&format!(
                        "hook {}: {e} (try {tries}; see tix outbox list)",
                        item.built.envelope_to.join(" ")
                    ));
                }
            }
            continue;
        }
        // Marked only when it is about to go out: a message with no server
        // to go to costs one write, not two.
        let result =
            super::smtp::server_for(config, &item.built.envelope_from).and_then(|server| {
                table::mark_sending(&store.conn, item.id, now)?;
                super::smtp::deliver(server, &item.built, &how)
            });
        let stalled = matches!(&result, Err(e) if super::smtp::stalled(e));
        match result {
            Ok(accepted) => {
                let tx = store.conn.transaction()?;
                table::mark_sent(&tx, item.id, now)?;
                if let Some(ticket_id) = item.ticket_id {
                    // Merged since it was queued: on the ticket that stayed.
                    let ticket_id = crate::store::tickets::follow_merges(&tx, ticket_id)?;
                    record(&tx, config, &item, ticket_id, now)?;
                }
                tx.commit()?;
                drop(accepted);
                done.sent += 1;
            }
            Err(e) => {
                let permanent = !e.is_temporary();
                table::mark_failed_try(&store.conn, item.id, &e.to_string(), permanent, now)?;
                if permanent {
                    done.failed += 1;
                    warn(&format!(
                        "{} to {}: {} (given up; see tix outbox list)",
                        item.kind,
                        item.built.envelope_to.join(", "),
                        e
                    ));
                } else {
                    done.deferred += 1;
                    warn(&format!(
                        "{} to {}: {} (kept in the outbox)",
                        item.kind,
                        item.built.envelope_to.join(", "),
                        e
                    ));
                }
            }
        }
        if stalled {
            // A stalled server stalls the next message too.
            let left = total - i as u64 - 1;
            if left > 0 {
                done.deferred += left;
                warn(&format!(
                    "{left} more queued message(s) left for the next run"
                ));
            }
            break;
        }
    }
    Ok(done)
}

fn record(conn: &Db, config: &Config, item: &Due, ticket_id: i64, now: i64) -> Result<()> {
    if item.kind == "reply" {
        return record_reply(conn, config, item, ticket_id, now);
    }
    if item.kind == "auto-reply" {
        let outgoing: Outgoing = serde_json::from_str(&item.outgoing)
            .map_err(|e| crate::error::TixError::failure(format!("outbox {}: {e}", item.id)))?;
        let r = SentRecord {
            ticket_id,
            kind: ArticleKind::EmailOut,
            action: "auto-replied",
            sender_type: SenderType::System,
            actor: crate::vocabulary::SYSTEM_ACTOR,
            now,
        };
        super::record_sent(conn, &r, &outgoing, &item.built)?;
    } else {
        crate::store::history::record(
            conn,
            &crate::store::history::Change {
                ticket_id,
                actor: crate::vocabulary::SYSTEM_ACTOR,
                action: "notified",
                old: None,
                new: item.agent.as_deref(),
                detail: Some(&item.built.envelope_to.join(", ")),
                at: now,
            },
        )?;
    }
    Ok(())
}
