//! The original bytes of every message, kept before anything else; and the
//! quarantine, which is the raw messages that could not be filed.

use super::db::{params, Db};
use crate::error::Result;
use serde::Serialize;

/// Whether a message with this fingerprint was stored before.
pub fn seen(conn: &Db, fingerprint: &[u8]) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS(SELECT 1 FROM raw_messages WHERE fingerprint = ?1)")?
        .query_row(params![fingerprint], |r| r.get(0))
}

/// A message as it arrived.
pub struct NewRaw<'a> {
    pub fingerprint: &'a [u8],
    pub message_id: Option<&'a str>,
    pub bytes: &'a [u8],
    /// The whole size; more than `bytes` holds when the message was cut.
    pub size: u64,
    pub source: &'a str,
    pub received_at: i64,
    /// Why it is quarantined; `None`: stored for filing.
    pub quarantined: Option<&'a str>,
}

/// Stores the bytes; returns the raw id.
pub fn insert(conn: &Db, m: &NewRaw) -> Result<i64> {
    conn.insert_with_id(
        "raw_messages",
        "fingerprint, message_id, bytes, size, source, received_at, status, error",
        params![
            m.fingerprint,
            m.message_id,
            m.bytes,
            m.size as i64,
            m.source,
            m.received_at,
            if m.quarantined.is_some() {
                "quarantined"
            } else {
                "stored"
            },
            m.quarantined
        ],
    )
}

/// Which of `fingerprints` were stored before: one question for many
/// messages (a server answers each question with a round trip).
pub fn seen_among(conn: &Db, fingerprints: &[&[u8]]) -> Result<Vec<Vec<u8>>> {
    let mut found = Vec::new();
    let values: Vec<&dyn super::db::ToParam> = fingerprints
        .iter()
        .map(|f| f as &dyn super::db::ToParam)
        .collect();
    conn.query_each_in(
        "SELECT fingerprint FROM raw_messages WHERE fingerprint",
        "",
        &values,
        |r| {
            found.push(r.get(0)?);
            Ok(true)
        },
    )?;
    Ok(found)
}

/// Puts a stored message (back) into quarantine, with the reason.
pub fn quarantine(conn: &Db, raw_id: i64, why: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE raw_messages SET status = 'quarantined', error = ?2 WHERE id = ?1",
    )?
    .execute(params![raw_id, why])?;
    Ok(())
}

/// A quarantined message now filed.
pub fn release(conn: &Db, raw_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE raw_messages SET status = 'stored', error = NULL WHERE id = ?1",
        params![raw_id],
    )?;
    Ok(())
}

/// A quarantined message as listed.
#[derive(Debug, Serialize)]
pub struct QuarantinedItem {
    pub id: i64,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub received_at: i64,
    pub source: String,
    pub size: i64,
    pub error: String,
}

pub fn quarantined(conn: &Db) -> Result<Vec<QuarantinedItem>> {
    let mut stmt = conn.prepare(
        "SELECT id, received_at, source, size, coalesce(error, '') FROM raw_messages
         WHERE status = 'quarantined' ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![], |r| {
            Ok(QuarantinedItem {
                id: r.get(0)?,
                received_at: r.get(1)?,
                source: r.get(2)?,
                size: r.get(3)?,
                error: r.get(4)?,
            })
        })?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// A stored message with what is known of it.
pub struct Kept {
    pub bytes: Vec<u8>,
    pub quarantined: bool,
    pub size: i64,
    pub source: String,
}

pub fn get(conn: &Db, raw_id: i64) -> Result<Option<Kept>> {
    conn.query_opt(
        "SELECT bytes, status, size, source FROM raw_messages WHERE id = ?1",
        params![raw_id],
        |r| {
            Ok(Kept {
                bytes: r.get(0)?,
                quarantined: r.get::<String>(1)? == "quarantined",
                size: r.get(2)?,
                source: r.get(3)?,
            })
        },
    )
}

/// Why a quarantined message is still there, after another try.
pub fn set_error(conn: &Db, raw_id: i64, why: &str) -> Result<()> {
    conn.execute(
        "UPDATE raw_messages SET error = ?2 WHERE id = ?1",
        params![raw_id, why],
    )?;
    Ok(())
}

/// The original bytes of a stored message.
pub fn raw_bytes(conn: &Db, raw_id: i64) -> Result<Vec<u8>> {
    conn.query_row(
        "SELECT bytes FROM raw_messages WHERE id = ?1",
        params![raw_id],
        |r| r.get(0),
    )
}

/// The bytes stored under `fingerprint`; `None` when there are none.
pub fn bytes_by_fingerprint(conn: &Db, fingerprint: &[u8]) -> Result<Option<Vec<u8>>> {
    conn.query_opt(
        "SELECT bytes FROM raw_messages WHERE fingerprint = ?1",
        params![fingerprint],
        |r| r.get(0),
    )
}

/// A quarantined message's bytes; `None` when there is no such one.
pub fn quarantined_bytes(conn: &Db, raw_id: i64) -> Result<Option<Vec<u8>>> {
    conn.query_opt(
        "SELECT bytes FROM raw_messages WHERE id = ?1 AND status = 'quarantined'",
        params![raw_id],
        |r| r.get(0),
    )
}

/// Keeps the bytes of a message tix sent (the copy that comes back is then
/// a duplicate); returns its raw id, the existing one when kept before.
pub fn keep_sent_bytes(
    conn: &Db,
    fingerprint: &[u8],
    message_id: &str,
    bytes: &[u8],
    now: i64,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO raw_messages (fingerprint, message_id, bytes, size, source, received_at, status)
         VALUES (?1, ?2, ?3, ?4, 'sent', ?5, 'stored')",
    )?
    .execute(params![
        fingerprint,
        message_id,
        bytes,
        bytes.len() as i64,
        now
    ])?;
    conn.query_row(
        "SELECT id FROM raw_messages WHERE fingerprint = ?1",
        params![fingerprint],
        |row| row.get(0),
    )
}

/// Where a kept message came from, and its bytes.
pub fn source_and_bytes(conn: &Db, raw_id: i64) -> Result<(String, Vec<u8>)> {
    conn.query_row(
        "SELECT source, bytes FROM raw_messages WHERE id = ?1",
        params![raw_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
