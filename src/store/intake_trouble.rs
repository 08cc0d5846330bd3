//! The last time `tix ingest` could not take a message while the store
//! could still be written (a config that does not load, a queue the pipe
//! names that is not there): where `tix config check` and the dashboard
//! show it to the admin, as the MTA only tells the sender "try later".

use super::db::{params, Db};
use crate::error::Result;

const KEY: &str = "intake trouble";

/// Notes `text` as the latest intake trouble, at `at`.
pub fn note(conn: &Db, at: i64, text: &str) -> Result<()> {
    super::escalation::set_store_fact(conn, KEY, Some(&format!("{at} {text}")))
}

/// The latest intake trouble, when no mail was stored after it: (when,
/// what).
pub fn unresolved(conn: &Db) -> Result<Option<(i64, String)>> {
    let Some(noted) = super::escalation::store_fact(conn, KEY)? else {
        return Ok(None);
    };
    let Some((at, text)) = noted
        .split_once(' ')
        .and_then(|(at, text)| Some((at.parse::<i64>().ok()?, text.to_string())))
    else {
        return Ok(None);
    };
    let stored_since: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM raw_messages WHERE received_at >= ?1 AND source <> 'sent')",
        params![at],
        |r| r.get(0),
    )?;
    Ok((!stored_since).then_some((at, text)))
}
