//! The treasurer's bounce record: every verdict about an address with its
//! date, reason, status and the message it came from (`bounce_events`), and
//! per address its score and state with the date of each step
//! (`bounce_addresses`). The policy that turns events into a score lives in
//! `bounces::policy`; this module only keeps what was decided.

use super::db::{params, Db};
use crate::error::Result;
use serde::Serialize;

/// One thing learnt about an address.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// Numbered per address from 1, oldest first (`tix bounce show --raw K`).
    pub index: usize,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub at: i64,
    /// failure, delay, probe, wrote, cleared, removed
    pub kind: String,
    pub hard: bool,
    pub reason: Option<String>,
    pub status: Option<String>,
    /// What it added to the score.
    pub score: f64,
    /// The ticket the report is on, if any.
    pub ticket: Option<String>,
    /// The member the report named by its return path or list header.
    pub member: Option<String>,
    #[serde(skip)]
    pub raw_id: Option<i64>,
}

/// An address as the record has it now.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub address: String,
    /// ok, watch, hold, removed
    pub state: String,
    pub score: f64,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub watch_since: Option<i64>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub hold_since: Option<i64>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub removed_at: Option<i64>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub last_bounce: Option<i64>,
    pub hard: bool,
    pub reason: Option<String>,
    pub status: Option<String>,
    pub member: Option<String>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub probe_sent_at: Option<i64>,
}

const ENTRY_COLUMNS: &str = "shown, state, score, watch_since, hold_since, removed_at, \
     last_bounce, hard, reason, status, member, probe_sent_at";

fn entry(r: &super::db::Row) -> Result<Entry> {
    Ok(Entry {
        address: r.get(0)?,
        state: r.get(1)?,
        score: r.get(2)?,
        watch_since: r.get(3)?,
        hold_since: r.get(4)?,
        removed_at: r.get(5)?,
        last_bounce: r.get(6)?,
        hard: r.get::<i64>(7)? != 0,
        reason: r.get(8)?,
        status: r.get(9)?,
        member: r.get(10)?,
        probe_sent_at: r.get(11)?,
    })
}

/// The record of `address`, if it has one.
pub fn entry_of(conn: &Db, address: &str) -> Result<Option<Entry>> {
    conn.query_opt(
        &format!("SELECT {ENTRY_COLUMNS} FROM bounce_addresses WHERE address = ?1"),
        params![address.to_lowercase()],
        entry,
    )
}

/// Every address in the record (in `state`, if given), in address order.
pub fn entries(conn: &Db, state: Option<&str>) -> Result<Vec<Entry>> {
    let (filter, p) = match state {
        Some(s) => ("WHERE state = ?1", vec![s.to_string()]),
        None => ("", vec![]),
    };
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM bounce_addresses {filter} ORDER BY address");
    let mut stmt = conn.prepare(&sql)?;
    let rows = match p.first() {
        Some(s) => stmt.query_map(params![s], entry)?,
        None => stmt.query_map(params![], entry)?,
    };
    rows.collect()
}

/// Writes `e` as the record of its address.
pub fn save(conn: &Db, e: &Entry) -> Result<()> {
    conn.execute(
        "INSERT INTO bounce_addresses (address, shown, state, score, watch_since, hold_since,
             removed_at, last_bounce, hard, reason, status, member, probe_sent_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (address) DO UPDATE SET shown = excluded.shown, state = excluded.state,
             score = excluded.score, watch_since = excluded.watch_since,
             hold_since = excluded.hold_since, removed_at = excluded.removed_at,
             last_bounce = excluded.last_bounce, hard = excluded.hard, reason = excluded.reason,
             status = excluded.status, member = excluded.member,
             probe_sent_at = excluded.probe_sent_at",
        params![
            e.address.to_lowercase(),
            e.address,
            e.state,
            e.score,
            e.watch_since,
            e.hold_since,
            e.removed_at,
            e.last_bounce,
            e.hard as i64,
            e.reason,
            e.status,
            e.member,
            e.probe_sent_at
        ],
    )?;
    Ok(())
}

/// A new event about `address`.
pub struct NewEvent<'a> {
    pub address: &'a str,
    pub at: i64,
    pub kind: &'a str,
    pub hard: bool,
    pub reason: Option<&'a str>,
    pub status: Option<&'a str>,
    pub score: f64,
    pub raw_id: Option<i64>,
    pub ticket: Option<&'a str>,
    pub member: Option<&'a str>,
}

/// Keeps `e`; false when that message's verdict on the address is kept
/// already (a report read twice counts once).
pub fn add_event(conn: &Db, e: &NewEvent) -> Result<bool> {
    if let Some(raw) = e.raw_id {
        let known: Option<i64> = conn.query_opt(
            "SELECT 1 FROM bounce_events WHERE raw_id = ?1 AND address = ?2",
            params![raw, e.address.to_lowercase()],
            |r| r.get(0),
        )?;
        if known.is_some() {
            return Ok(false);
        }
    }
    conn.append(
        "bounce_events",
        "address, at, kind, hard, reason, status, score, raw_id, ticket, member",
        params![
            e.address.to_lowercase(),
            e.at,
            e.kind,
            e.hard as i64,
            e.reason,
            e.status,
            e.score,
            e.raw_id,
            e.ticket,
            e.member
        ],
    )?;
    Ok(true)
}

/// The events of `address`, oldest first, numbered from 1.
pub fn events(conn: &Db, address: &str) -> Result<Vec<Event>> {
    let mut list: Vec<Event> = conn
        .prepare(
            "SELECT at, kind, hard, reason, status, score, ticket, member, raw_id
             FROM bounce_events WHERE address = ?1 ORDER BY at, id",
        )?
        .query_map(params![address.to_lowercase()], |r| {
            Ok(Event {
                index: 0,
                at: r.get(0)?,
                kind: r.get(1)?,
                hard: r.get::<i64>(2)? != 0,
                reason: r.get(3)?,
                status: r.get(4)?,
                score: r.get(5)?,
                ticket: r.get(6)?,
                member: r.get(7)?,
                raw_id: r.get(8)?,
            })
        })?
        .collect::<Result<_>>()?;
    for (i, e) in list.iter_mut().enumerate() {
        e.index = i + 1;
    }
    Ok(list)
}

/// Whether mail to `address` bounced hard (the reply warning's table) and
/// whether the record has it in a state other than ok, asked in one
/// statement: every incoming mail's sender is looked up.
pub fn sender_standing(conn: &Db, address: &str) -> Result<(bool, bool)> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM bounced_addresses WHERE address = ?1),
                EXISTS (SELECT 1 FROM bounce_addresses WHERE address = ?1
                        AND (state <> 'ok' OR score > 0))",
        params![address.to_lowercase()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The address a probe's return path token stands for.
pub fn probe_address(conn: &Db, token: &str) -> Result<Option<String>> {
    conn.query_opt(
        "SELECT address FROM bounce_probes WHERE token = ?1",
        params![token],
        |r| r.get(0),
    )
}

/// Notes the probe sent to `address` under `token`.
pub fn add_probe(conn: &Db, token: &str, address: &str, at: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO bounce_probes (token, address, sent_at) VALUES (?1, ?2, ?3)",
        params![token, address.to_lowercase(), at],
    )?;
    Ok(())
}

/// Forgets the message a purged raw mail was (the verdict stays).
pub fn forget_raw(conn: &Db, raw_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE bounce_events SET raw_id = NULL WHERE raw_id = ?1",
        params![raw_id],
    )?;
    Ok(())
}
