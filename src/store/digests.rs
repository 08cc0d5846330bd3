//! Notifications for agents who take them as one mail a day
//! (`agents[].digest: daily`): kept here until `tix maintain` sends the
//! day's digest, and when each agent's last digest went out.

use super::db::{params, Db};
use crate::error::Result;

/// Keeps one notification line for `agent`'s next digest.
pub fn add(conn: &Db, agent: &str, ticket_id: i64, at: i64, line: &str) -> Result<()> {
    conn.append(
        "digest_items",
        "agent, ticket_id, at, line",
        params![agent, ticket_id, at, line],
    )
}

/// When `agent`'s last digest went out, if one did.
pub fn last_sent(conn: &Db, agent: &str) -> Result<Option<i64>> {
    conn.query_opt(
        "SELECT sent_at FROM agent_digests WHERE agent = ?1",
        params![agent],
        |r| r.get(0),
    )
}

/// When the oldest line waiting for `agent`'s digest was noted.
pub fn oldest(conn: &Db, agent: &str) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT min(at) FROM digest_items WHERE agent = ?1",
        params![agent],
        |r| r.get(0),
    )
}

/// The lines waiting for `agent`'s digest, oldest first, taken out of the
/// store (the digest that lists them is queued in the same transaction).
pub fn take(conn: &Db, agent: &str) -> Result<Vec<(i64, String)>> {
    let lines = conn
        .prepare("SELECT at, line FROM digest_items WHERE agent = ?1 ORDER BY id")?
        .query_map(params![agent], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<(i64, String)>>>()?;
    conn.execute("DELETE FROM digest_items WHERE agent = ?1", params![agent])?;
    Ok(lines)
}

/// Notes that `agent`'s digest went out at `at`.
pub fn mark_sent(conn: &Db, agent: &str, at: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO agent_digests (agent, sent_at) VALUES (?1, ?2)
         ON CONFLICT (agent) DO UPDATE SET sent_at = excluded.sent_at",
        params![agent, at],
    )?;
    Ok(())
}
