//! The facts behind `tix report`: tickets created or closed in a period,
//! the history rows that moved tickets in and out of work since its start,
//! the tickets being worked on now, and the bounces of the period. Each is
//! one query over an index bounded by the period (history by time since
//! migration 21), so a year of a large store is read, not scanned.

use super::db::{param_refs, Db, Value};
use crate::error::Result;

/// What a report needs of one ticket.
pub struct TicketFacts {
    pub id: i64,
    pub queue: String,
    pub owner: Option<String>,
    pub state_type: String,
    pub created_at: i64,
    pub first_response_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub updated_at: i64,
    /// Working time the escalation clock stood still (pending statuses).
    pub clock_stopped_secs: i64,
}

const FACT_COLUMNS: &str = "t.id, t.queue, t.owner, t.state_type, t.created_at, \
    t.first_response_at, t.closed_at, t.updated_at, t.clock_stopped_secs";

fn facts(r: &super::db::Row) -> Result<TicketFacts> {
    Ok(TicketFacts {
        id: r.get(0)?,
        queue: r.get(1)?,
        owner: r.get(2)?,
        state_type: r.get(3)?,
        created_at: r.get(4)?,
        first_response_at: r.get(5)?,
        closed_at: r.get(6)?,
        updated_at: r.get(7)?,
        clock_stopped_secs: r.get(8)?,
    })
}

/// Tickets created at or after `since` (deleted ones too: their deletion
/// is part of the backlog's story).
pub fn created_since(conn: &Db, since: i64, queues: Option<&[String]>) -> Result<Vec<TicketFacts>> {
    let mut values = vec![Value::Int(since)];
    let clause = conn.queue_filter("t.queue", queues, &mut values);
    let rows = conn
        .prepare(&format!(
            "SELECT {FACT_COLUMNS} FROM tickets t INDEXED BY tickets_created
             WHERE t.created_at >= ?1{clause}"
        ))?
        .query_map(&param_refs(&values), facts)?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// Tickets whose last closing falls in `[from, to)` and that are closed now.
pub fn closed_between(
    conn: &Db,
    from: i64,
    to: i64,
    queues: Option<&[String]>,
) -> Result<Vec<TicketFacts>> {
    let mut values = vec![Value::Int(from), Value::Int(to)];
    let clause = conn.queue_filter("t.queue", queues, &mut values);
    let rows = conn
        .prepare(&format!(
            "SELECT {FACT_COLUMNS} FROM tickets t INDEXED BY tickets_closed
             WHERE t.closed_at IS NOT NULL AND t.closed_at >= ?1 AND t.closed_at < ?2
               AND t.state_type = 'closed'{clause}"
        ))?
        .query_map(&param_refs(&values), facts)?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// A history row that may move a ticket in or out of work: a status
/// change, a merge, an unmerge.
pub struct Transition {
    pub ticket_id: i64,
    pub queue: String,
    pub owner: Option<String>,
    pub at: i64,
    pub action: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub detail: Option<String>,
}

/// The status changes, merges and unmerges at or after `since`, in order.
pub fn transitions_since(
    conn: &Db,
    since: i64,
    queues: Option<&[String]>,
) -> Result<Vec<Transition>> {
    let mut values = vec![Value::Int(since)];
    let clause = conn.queue_filter("t.queue", queues, &mut values);
    let rows = conn
        .prepare(&format!(
            "SELECT h.ticket_id, t.queue, t.owner, h.at, h.action, h.old_value, h.new_value, h.detail
             FROM history h INDEXED BY history_at JOIN tickets t ON t.id = h.ticket_id
             WHERE h.at >= ?1 AND h.action IN ('state', 'merged into', 'unmerged'){clause}
             ORDER BY h.at, h.id"
        ))?
        .query_map(&param_refs(&values), |r| {
            Ok(Transition {
                ticket_id: r.get(0)?,
                queue: r.get(1)?,
                owner: r.get(2)?,
                at: r.get(3)?,
                action: r.get(4)?,
                old: r.get(5)?,
                new: r.get(6)?,
                detail: r.get(7)?,
            })
        })?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// Tickets being worked on now, per queue (and owner, when asked: reading
/// the owner costs a row lookup per ticket).
pub fn open_now(
    conn: &Db,
    by_owner: bool,
    queues: Option<&[String]>,
) -> Result<Vec<(String, Option<String>, i64)>> {
    let mut values = vec![];
    let clause = conn.queue_filter("t.queue", queues, &mut values);
    let (owner, index, group) = if by_owner {
        ("t.owner", "", "t.queue, t.owner")
    } else {
        (
            "CAST(NULL AS TEXT)",
            " INDEXED BY tickets_open_by_queue",
            "t.queue",
        )
    };
    let rows = conn
        .prepare(&format!(
            "SELECT t.queue, {owner}, count(*) FROM tickets t{index}
             WHERE t.state_type IN ('new', 'open', 'pending-reminder', 'pending-auto-close'){clause}
             GROUP BY {group}"
        ))?
        .query_map(&param_refs(&values), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// Bounces (reports of mail that did not arrive) in `[from, to)` by reason;
/// narrowed to queues, only those filed into a ticket of them.
pub fn bounces_between(
    conn: &Db,
    from: i64,
    to: i64,
    queues: Option<&[String]>,
) -> Result<Vec<(Option<String>, i64)>> {
    let mut values = vec![Value::Int(from), Value::Int(to)];
    let clause = conn.queue_filter("t.queue", queues, &mut values);
    let join = if queues.is_some() || !conn.hidden_queues().is_empty() {
        " JOIN tickets t ON t.number = b.ticket"
    } else {
        ""
    };
    let rows = conn
        .prepare(&format!(
            "SELECT b.reason, count(*) FROM bounce_events b{join}
             WHERE b.kind IN ('failure', 'probe') AND b.at >= ?1 AND b.at < ?2{clause}
             GROUP BY b.reason ORDER BY count(*) DESC, b.reason"
        ))?
        .query_map(&param_refs(&values), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_>>()?;
    Ok(rows)
}
