//! What has fallen due at a moment: the tickets tix maintain acts on, each
//! found through an index so that a run with nothing due costs a few lookups.
//! The index is named: SQLite's own choice, guided by statistics or none,
//! may read every open ticket instead.
//!
//! Each kind is found once per run and checked again, ticket by ticket,
//! inside the transaction that acts on it ([`still`]): an agent may have
//! answered or closed the ticket in between.

use super::db::params;
use super::db::Db;
use super::db::Value;
use crate::error::Result;

/// What can fall due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// A pending reminder reached and not yet told (`?1` now).
    Reminder,
    /// A pending auto-close date reached (`?1` now).
    AutoClose,
    /// A closed ticket of a queue last changed at or before a cutoff (`?1`
    /// cutoff, `?2` queue).
    ClosedBefore,
    /// A deleted ticket of a queue deleted (its last change) at or before
    /// a cutoff (`?1` cutoff, `?2` queue).
    RemovedBefore,
}

impl Due {
    /// The index that finds them, and the condition (as that index has it).
    fn sql(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Due::Reminder => (
                "tickets_reminders_untold",
                "state_type = 'pending-reminder' AND reminded_for IS NOT pending_until
                 AND pending_until <= ?1",
                "pending_until",
            ),
            Due::AutoClose => (
                "tickets_auto_close",
                "state_type = 'pending-auto-close' AND pending_until <= ?1",
                "pending_until",
            ),
            // From the last change, as tix-config(5) says: a note or a
            // mail after closing keeps the ticket.
            Due::ClosedBefore => (
                "tickets_updated",
                "state_type = 'closed' AND updated_at <= ?1 AND queue = ?2",
                "updated_at",
            ),
            Due::RemovedBefore => (
                "tickets_updated",
                "state_type = 'removed' AND updated_at <= ?1 AND queue = ?2",
                "updated_at",
            ),
        }
    }
}

fn bound(at: i64, queue: Option<&str>) -> Vec<Value> {
    let mut p = vec![Value::Int(at)];
    p.extend(queue.map(|q| Value::Text(q.to_string())));
    p
}

/// The tickets that are `due` at `at` (now or a cutoff), in `queue` for
/// the retention kinds, in the order they fell due.
pub fn find(conn: &Db, due: Due, at: i64, queue: Option<&str>) -> Result<Vec<i64>> {
    let (index, condition, order) = due.sql();
    let ids = conn
        .prepare_cached(&format!(
            "SELECT id FROM tickets INDEXED BY {index} WHERE {condition} ORDER BY {order}, id"
        ))?
        .query_map(&super::db::param_refs(&bound(at, queue)), |r| r.get(0))?
        .collect::<Result<_>>()?;
    Ok(ids)
}

/// Whether the ticket is still `due`, read inside the acting transaction.
pub fn still(conn: &Db, due: Due, ticket_id: i64, at: i64, queue: Option<&str>) -> Result<bool> {
    let (_, condition, _) = due.sql();
    let mut p = bound(at, queue);
    p.push(Value::Int(ticket_id));
    let id_param = p.len();
    Ok(conn
        .prepare_cached(&format!(
            "SELECT 1 FROM tickets WHERE id = ?{id_param} AND {condition}"
        ))?
        .query_opt(&super::db::param_refs(&p), |_| Ok(()))?
        .is_some())
}

/// The reminder for the ticket's current pending date went out.
pub fn mark_reminded(conn: &Db, ticket_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tickets SET reminded_for = pending_until WHERE id = ?1")?
        .execute(params![ticket_id])?;
    Ok(())
}
