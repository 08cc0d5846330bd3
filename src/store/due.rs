//! What has fallen due at a moment: the tickets tix maintain acts on, each
//! found through an index so that a run with nothing due costs a few lookups.
//! The index is named: SQLite's own choice, guided by statistics or none,
//! may read every open ticket instead.

use crate::error::Result;
use rusqlite::{params, Connection};

fn ids(conn: &Connection, sql: &str, p: impl rusqlite::Params) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(sql)?
        .query_map(p, |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Pending-reminder tickets whose date is reached and not yet announced.
pub fn reminders(conn: &Connection, now: i64) -> Result<Vec<i64>> {
    ids(
        conn,
        "SELECT id FROM tickets INDEXED BY tickets_reminders_untold
         WHERE state_type = 'pending-reminder' AND reminded_for IS NOT pending_until
           AND pending_until <= ?1
         ORDER BY pending_until, id",
        [now],
    )
}

/// The reminder for the ticket's current pending date went out.
pub fn mark_reminded(conn: &Connection, ticket_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tickets SET reminded_for = pending_until WHERE id = ?1")?
        .execute([ticket_id])?;
    Ok(())
}

/// Pending-auto-close tickets whose date is reached.
pub fn auto_closes(conn: &Connection, now: i64) -> Result<Vec<i64>> {
    ids(
        conn,
        "SELECT id FROM tickets INDEXED BY tickets_auto_close
         WHERE state_type = 'pending-auto-close' AND pending_until <= ?1
         ORDER BY pending_until, id",
        [now],
    )
}

/// Closed tickets of `queue` closed at or before `cutoff`.
pub fn closed_before(conn: &Connection, queue: &str, cutoff: i64) -> Result<Vec<i64>> {
    ids(
        conn,
        "SELECT id FROM tickets INDEXED BY tickets_closed
         WHERE closed_at IS NOT NULL AND closed_at <= ?2 AND state_type = 'closed' AND queue = ?1
         ORDER BY closed_at, id",
        params![queue, cutoff],
    )
}

/// Deleted tickets of `queue` deleted (their last change) at or before `cutoff`.
pub fn removed_before(conn: &Connection, queue: &str, cutoff: i64) -> Result<Vec<i64>> {
    ids(
        conn,
        "SELECT id FROM tickets
         WHERE state_type = 'removed' AND updated_at <= ?2 AND queue = ?1
         ORDER BY updated_at, id",
        params![queue, cutoff],
    )
}
