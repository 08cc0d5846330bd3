//! Addresses that mail from tix bounced hard at: a delivery report of it
//! came back (user unknown, no such domain). A reply to one warns first;
//! auto-replies, notifications and closing answers skip it. Mail from the
//! address itself shows it works again, and clears it.

use super::db::{params, Db};
use crate::error::Result;

/// Notes that mail to `address` bounced hard at `at` with `status`.
pub fn note(conn: &Db, address: &str, at: i64, status: &str, ticket_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO bounced_addresses (address, bounced_at, status, ticket_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (address) DO UPDATE SET bounced_at = excluded.bounced_at,
             status = excluded.status, ticket_id = excluded.ticket_id",
        params![address.to_lowercase(), at, status, ticket_id],
    )?;
    Ok(())
}

/// When and with which status mail to `address` last bounced hard.
pub fn hard_bounce(conn: &Db, address: &str) -> Result<Option<(i64, String)>> {
    conn.query_opt(
        "SELECT bounced_at, status FROM bounced_addresses WHERE address = ?1",
        params![address.to_lowercase()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The address wrote to us: it works again.
pub fn clear(conn: &Db, address: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM bounced_addresses WHERE address = ?1",
        params![address.to_lowercase()],
    )?;
    Ok(())
}
