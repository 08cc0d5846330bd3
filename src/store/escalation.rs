//! What the escalation clock needs of a ticket and what it writes back
//! (computed by crate::escalation), the alerts tix maintain sends, and the
//! fingerprint of the rules the stored times were computed with.

use super::db::{params, Db};
use crate::error::Result;
use crate::vocabulary::StateType;

/// A ticket's facts that its escalation times follow from.
#[derive(Debug, Clone)]
pub struct ClockFacts {
    pub queue: String,
    pub state_type: StateType,
    pub created_at: i64,
    pub last_customer_at: Option<i64>,
    pub first_response_at: Option<i64>,
    pub last_answer_at: Option<i64>,
    pub stopped_at: Option<i64>,
    pub stopped_secs: i64,
    pub stopped_since_customer: i64,
    pub warned_for: Option<i64>,
    pub notified_for: Option<i64>,
}

pub fn facts(conn: &Db, ticket_id: i64) -> Result<ClockFacts> {
    conn.prepare_cached(
        "SELECT queue, state_type, created_at, last_customer_at, first_response_at,
                 last_answer_at, clock_stopped_at, clock_stopped_secs,
                 clock_stopped_since_customer, escalation_warned_for, escalation_notified_for
             FROM tickets WHERE id = ?1",
    )?
    .query_row(params![ticket_id], |r| {
        Ok(ClockFacts {
            queue: r.get(0)?,
            state_type: r.get(1)?,
            created_at: r.get(2)?,
            last_customer_at: r.get(3)?,
            first_response_at: r.get(4)?,
            last_answer_at: r.get(5)?,
            stopped_at: r.get(6)?,
            stopped_secs: r.get(7)?,
            stopped_since_customer: r.get(8)?,
            warned_for: r.get(9)?,
            notified_for: r.get(10)?,
        })
    })
}

/// The clock and escalation times of a ticket, as computed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClockTimes {
    pub stopped_at: Option<i64>,
    pub stopped_secs: i64,
    pub stopped_since_customer: i64,
    pub escalation_at: Option<i64>,
    /// first-response, update or solution.
    pub kind: Option<&'static str>,
    pub warn_at: Option<i64>,
    pub alert_at: Option<i64>,
}

pub fn write(conn: &Db, ticket_id: i64, t: &ClockTimes) -> Result<()> {
    conn.prepare_cached(
        "UPDATE tickets SET clock_stopped_at = ?2, clock_stopped_secs = ?3,
             clock_stopped_since_customer = ?4, escalation_at = ?5, escalation_kind = ?6,
             escalation_warn_at = ?7, escalation_alert_at = ?8
         WHERE id = ?1",
    )?
    .execute(params![
        ticket_id,
        t.stopped_at,
        t.stopped_secs,
        t.stopped_since_customer,
        t.escalation_at,
        t.kind,
        t.warn_at,
        t.alert_at
    ])?;
    Ok(())
}

/// Tickets whose escalation times may be in force: the ones being worked
/// on, and any that still carry a time.
pub fn tickets_on_the_clock(conn: &Db) -> Result<Vec<i64>> {
    let ids = conn
        .prepare(
            "SELECT id FROM tickets
             WHERE state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close')
             UNION SELECT id FROM tickets WHERE escalation_at IS NOT NULL",
        )?
        .query_map(params![], |r| r.get(0))?
        .collect::<Result<_>>()?;
    Ok(ids)
}

/// Tickets with an escalation warning or notification due at `now`.
pub fn alerts_due(conn: &Db, now: i64) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(
            "SELECT id FROM tickets INDEXED BY tickets_escalation_alert
             WHERE escalation_alert_at IS NOT NULL AND escalation_alert_at <= ?1
             ORDER BY escalation_alert_at, id",
        )?
        .query_map(params![now], |r| r.get(0))?
        .collect::<Result<_>>()?;
    Ok(ids)
}

/// A warning (`notified` false) or the escalation itself was announced
/// for the escalation time `at`.
pub fn mark_announced(conn: &Db, ticket_id: i64, at: i64, notified: bool) -> Result<()> {
    let sql = if notified {
        "UPDATE tickets SET escalation_notified_for = ?2, escalation_warned_for = ?2 WHERE id = ?1"
    } else {
        "UPDATE tickets SET escalation_warned_for = ?2 WHERE id = ?1"
    };
    conn.prepare_cached(sql)?.execute(params![ticket_id, at])?;
    Ok(())
}

/// A fact about the whole store, by its key.
pub fn store_fact(conn: &Db, key: &str) -> Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM store_facts WHERE key = ?1")?
        .query_opt(params![key], |r| r.get(0))
}

pub fn set_store_fact(conn: &Db, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO store_facts (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, v],
        )?,
        None => conn.execute("DELETE FROM store_facts WHERE key = ?1", params![key])?,
    };
    Ok(())
}

/// A ticket's escalation time in force, if any.
pub struct InForce {
    pub at: i64,
    pub kind: String,
    pub alert_at: Option<i64>,
}

pub fn of(conn: &Db, ticket_id: i64) -> Result<Option<InForce>> {
    conn.prepare_cached(
        "SELECT escalation_at, escalation_kind, escalation_alert_at FROM tickets
             WHERE id = ?1 AND escalation_at IS NOT NULL",
    )?
    .query_opt(params![ticket_id], |r| {
        Ok(InForce {
            at: r.get(0)?,
            kind: r.get(1)?,
            alert_at: r.get(2)?,
        })
    })
}
