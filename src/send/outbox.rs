//! The outbox: auto-replies and notifications are queued in the same
//! transaction as the ticket change that caused them, and sent after it
//! committed. A server that is down leaves them queued for the next run;
//! one that refuses a message for good marks it failed.

use super::{Built, Outgoing, SentRecord};
use crate::config::Config;
use crate::error::{ExitCode, Result};
use crate::store::Store;
use rusqlite::{params, Connection};
use std::time::{Duration, Instant};

/// Less time than this left in the budget is not worth a connection.
const MIN_TRY: Duration = Duration::from_millis(500);

/// Queues a built message. Runs inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
pub fn enqueue(
    conn: &Connection,
    ticket_id: Option<i64>,
    kind: &str,
    recipient: &str,
    agent: Option<&str>,
    outgoing: &Outgoing,
    built: &Built,
    now: i64,
) -> Result<()> {
    let json = serde_json::to_string(outgoing)
        .map_err(|e| crate::error::TixError::failure(e.to_string()))?;
    conn.prepare_cached(
        "INSERT INTO outbox (ticket_id, kind, recipient, agent, message_id, envelope_from, envelope_to, outgoing, bytes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        ticket_id,
        kind,
        recipient.to_lowercase(),
        agent,
        built.message_id,
        built.envelope_from,
        built.envelope_to.join(","),
        json,
        built.bytes,
        now
    ])?;
    Ok(())
}

/// Auto-replies queued for `address` in the last 24 hours.
pub fn auto_replies_since(conn: &Connection, address: &str, since: i64) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM outbox WHERE kind = 'auto-reply' AND recipient = ?1 AND created_at > ?2",
        )?
        .query_row(params![address.to_lowercase(), since], |r| r.get(0))?)
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
    let lock_path = format!("{}.outbox.lock", store.path.display());
    let Some(_lock) = crate::store::try_lock_beside(&lock_path)? else {
        return Ok(done);
    };
    let due: Vec<Due> = {
        let mut stmt = store.conn.prepare(
            "SELECT id, ticket_id, kind, agent, outgoing, message_id, envelope_from, envelope_to, bytes
             FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Due {
                id: r.get(0)?,
                ticket_id: r.get(1)?,
                kind: r.get(2)?,
                agent: r.get(3)?,
                outgoing: r.get(4)?,
                built: Built {
                    message_id: r.get(5)?,
                    envelope_from: r.get(6)?,
                    envelope_to: r
                        .get::<_, String>(7)?
                        .split(',')
                        .map(str::to_string)
                        .collect(),
                    bytes: r.get(8)?,
                },
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
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
        let now = crate::store::now();
        let how = super::smtp::Delivery {
            null_sender: true,
            timeout,
        };
        let result = super::smtp::server_for(config, &item.built.envelope_from)
            .and_then(|server| super::smtp::deliver(server, &item.built, &how));
        let stalled = matches!(&result, Err(e) if super::smtp::stalled(e));
        match result {
            Ok(()) => {
                let tx = store
                    .conn
                    .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                tx.execute("UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, last_error = NULL WHERE id = ?1", params![item.id, now])?;
                if let Some(ticket_id) = item.ticket_id {
                    record(&tx, &item, ticket_id, now)?;
                }
                tx.commit()?;
                done.sent += 1;
            }
            Err(e) => {
                let permanent = e.code != ExitCode::TempFail;
                store.conn.execute(
                    "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, failed_at = CASE WHEN ?3 THEN ?4 END WHERE id = ?1",
                    params![item.id, e.message, permanent, now],
                )?;
                if permanent {
                    done.failed += 1;
                    warn(&format!(
                        "{} to {}: {} (given up; see tix outbox list)",
                        item.kind,
                        item.built.envelope_to.join(", "),
                        e.message
                    ));
                } else {
                    done.deferred += 1;
                    warn(&format!(
                        "{} to {}: {} (kept in the outbox)",
                        item.kind,
                        item.built.envelope_to.join(", "),
                        e.message
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

fn record(conn: &Connection, item: &Due, ticket_id: i64, now: i64) -> Result<()> {
    if item.kind == "auto-reply" {
        let outgoing: Outgoing = serde_json::from_str(&item.outgoing)
            .map_err(|e| crate::error::TixError::failure(format!("outbox {}: {e}", item.id)))?;
        let r = SentRecord {
            ticket_id,
            kind: "email-out",
            action: "auto-replied",
            sender_type: "system",
            actor: crate::intake::SYSTEM_ACTOR,
            now,
        };
        super::record_sent(conn, &r, &outgoing, &item.built)?;
    } else {
        crate::store::tickets::record(
            conn,
            &crate::store::tickets::Change {
                ticket_id,
                actor: crate::intake::SYSTEM_ACTOR,
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

/// One row of `tix outbox list`.
#[derive(Debug, serde::Serialize)]
pub struct Entry {
    pub id: i64,
    pub ticket: Option<String>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub created_at: i64,
    pub attempts: i64,
    pub status: String,
    pub last_error: Option<String>,
}

pub fn list(conn: &Connection, all: bool) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT o.id, t.number, o.kind, o.recipient, json_extract(o.outgoing, '$.subject'), o.created_at, o.attempts,
                CASE WHEN o.sent_at IS NOT NULL THEN 'sent' WHEN o.failed_at IS NOT NULL THEN 'failed' ELSE 'queued' END,
                o.last_error
         FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
         {} ORDER BY o.id",
        if all { "" } else { "WHERE o.sent_at IS NULL" }
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok(Entry {
            id: r.get(0)?,
            ticket: r.get(1)?,
            kind: r.get(2)?,
            recipient: r.get(3)?,
            subject: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
            created_at: r.get(5)?,
            attempts: r.get(6)?,
            status: r.get(7)?,
            last_error: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Gives failed messages another try (after the address was fixed, say).
pub fn retry_failed(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE outbox SET failed_at = NULL WHERE failed_at IS NOT NULL AND sent_at IS NULL",
        [],
    )?)
}
