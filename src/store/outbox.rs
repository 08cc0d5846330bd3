//! The outbox table: what goes out after the change that caused it is
//! stored (auto-replies, notifications and digests, a bounce round's
//! probes, bulk answers, hooks), until it went or was given up.

use super::db::{params, Db};
use crate::error::Result;

/// A message to queue, as built.
pub struct NewItem<'a> {
    pub ticket_id: Option<i64>,
    pub kind: &'a str,
    pub recipient: &'a str,
    pub agent: Option<&'a str>,
    pub message_id: &'a str,
    pub envelope_from: &'a str,
    pub envelope_to: &'a [String],
    /// The parts an article needs, as JSON.
    pub outgoing_json: &'a str,
    pub bytes: &'a [u8],
    pub created_at: i64,
    /// Not sent before this time (a bulk answer's pace).
    pub not_before: Option<i64>,
}

/// Queues a message. Runs inside the caller's transaction.
pub fn insert(conn: &Db, item: &NewItem) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO outbox (ticket_id, kind, recipient, agent, message_id, envelope_from, envelope_to, outgoing, bytes, created_at, not_before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        item.ticket_id,
        item.kind,
        item.recipient.to_lowercase(),
        item.agent,
        item.message_id,
        item.envelope_from,
        item.envelope_to.join(","),
        item.outgoing_json,
        item.bytes,
        item.created_at,
        item.not_before
    ])?;
    Ok(())
}

/// Auto-replies queued for `address` after `since`.
pub fn auto_replies_since(conn: &Db, address: &str, since: i64) -> Result<u32> {
    conn
        .prepare_cached(
            "SELECT count(*) FROM outbox WHERE kind = 'auto-reply' AND recipient = ?1 AND created_at > ?2",
        )?
        .query_row(params![address.to_lowercase(), since], |r| r.get(0))
}

/// A queued message that is due.
pub struct Due {
    pub id: i64,
    pub ticket_id: Option<i64>,
    pub kind: String,
    pub agent: Option<String>,
    pub outgoing_json: String,
    pub message_id: String,
    pub envelope_from: String,
    pub envelope_to: Vec<String>,
    pub bytes: Vec<u8>,
    /// Set when an earlier run began handing it over and was stopped
    /// before the server's answer: the server may have it.
    pub sending_since: Option<i64>,
}

/// What is neither sent nor given up, oldest first.
pub fn due(conn: &Db, now: i64) -> Result<Vec<Due>> {
    let mut stmt = conn.prepare(
        "SELECT id, ticket_id, kind, agent, outgoing, message_id, envelope_from, envelope_to, bytes, sending_since
         FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL
             AND (not_before IS NULL OR not_before <= ?1) ORDER BY id",
    )?;
    let rows = stmt.query_map(params![now], |r| {
        Ok(Due {
            id: r.get(0)?,
            ticket_id: r.get(1)?,
            kind: r.get(2)?,
            agent: r.get(3)?,
            outgoing_json: r.get(4)?,
            message_id: r.get(5)?,
            envelope_from: r.get(6)?,
            envelope_to: r.get::<String>(7)?.split(',').map(str::to_string).collect(),
            bytes: r.get(8)?,
            sending_since: r.get(9)?,
        })
    })?;
    rows.collect::<Result<_>>()
}

/// A run begins handing message `id` to the server (committed on its own,
/// before the first byte goes out).
pub fn mark_sending(conn: &Db, id: i64, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE outbox SET sending_since = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// The server took message `id`.
pub fn mark_sent(conn: &Db, id: i64, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, last_error = NULL, sending_since = NULL WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// A try that failed; `given_up` when it will not pass by itself.
pub fn mark_failed_try(conn: &Db, id: i64, error: &str, given_up: bool, now: i64) -> Result<()> {
    conn.execute(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, sending_since = NULL, failed_at = CASE WHEN ?3 THEN CAST(?4 AS BIGINT) END WHERE id = ?1",
        params![id, error, given_up, now],
    )?;
    Ok(())
}

/// Tries a hook gets before it is given up.
pub const HOOK_TRIES: i64 = 8;

/// A hook that failed: tried again after a pause that doubles with each
/// try (a minute, up to an hour), given up after [`HOOK_TRIES`]. Returns
/// the tries so far.
pub fn hook_failed(conn: &Db, id: i64, error: &str, now: i64) -> Result<i64> {
    let tries: i64 = conn.query_row(
        "SELECT attempts + 1 FROM outbox WHERE id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    let pause = (60_i64 << (tries - 1).clamp(0, 6)).min(3600);
    let given_up = (tries >= HOOK_TRIES).then_some(now);
    conn.execute(
        "UPDATE outbox SET attempts = ?2, last_error = ?3, sending_since = NULL,
             not_before = ?4, failed_at = ?5
         WHERE id = ?1",
        params![id, tries, error, now + pause, given_up],
    )?;
    Ok(tries)
}

/// One row of `tix outbox list`.
#[derive(Debug, serde::Serialize)]
pub struct Entry {
    pub id: i64,
    pub ticket: Option<String>,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub created_at: i64,
    pub attempts: i64,
    pub status: String,
    pub last_error: Option<String>,
}

/// Queued and failed messages; `all`: sent ones too.
pub fn list(conn: &Db, all: bool) -> Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT o.id, t.number, o.kind, o.recipient, json_extract(o.outgoing, '$.subject'), o.created_at, o.attempts,
                CASE WHEN o.sent_at IS NOT NULL THEN 'sent' WHEN o.failed_at IS NOT NULL THEN 'failed'
                     WHEN o.sending_since IS NOT NULL THEN 'sending' ELSE 'queued' END,
                o.last_error
         FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id
         {} ORDER BY o.id",
        if all { "" } else { "WHERE o.sent_at IS NULL" }
    ))?;
    let rows = stmt.query_map(params![], |r| {
        Ok(Entry {
            id: r.get(0)?,
            ticket: r.get(1)?,
            kind: r.get(2)?,
            recipient: r.get(3)?,
            subject: r.get::<Option<String>>(4)?.unwrap_or_default(),
            created_at: r.get(5)?,
            attempts: r.get(6)?,
            status: r.get(7)?,
            last_error: r.get(8)?,
        })
    })?;
    rows.collect::<Result<_>>()
}

/// Gives failed messages another try (after the address was fixed, say).
pub fn retry_failed(conn: &Db) -> Result<usize> {
    conn.execute(
        "UPDATE outbox SET failed_at = NULL WHERE failed_at IS NOT NULL AND sent_at IS NULL",
        params![],
    )
}
