//! The history of a ticket: every change, by whom and when, as values.

use super::db::{params, Db};
use crate::error::Result;
use serde::Serialize;

/// One audited change.
pub struct Change<'a> {
    pub ticket_id: i64,
    pub actor: &'a str,
    pub action: &'a str,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
    pub detail: Option<&'a str>,
    pub at: i64,
}

pub fn record(conn: &Db, c: &Change) -> Result<()> {
    conn.append(
        "history",
        "ticket_id, at, actor, action, old_value, new_value, detail",
        params![c.ticket_id, c.at, c.actor, c.action, c.old, c.new, c.detail],
    )
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub detail: Option<String>,
}

pub fn history(conn: &Db, ticket_id: i64) -> Result<Vec<HistoryRow>> {
    let mut stmt = conn.prepare(
        "SELECT at, actor, action, old_value, new_value, detail FROM history
         WHERE ticket_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map(params![ticket_id], |r| {
            Ok(HistoryRow {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                old: r.get(3)?,
                new: r.get(4)?,
                detail: r.get(5)?,
            })
        })?
        .collect::<Result<_>>()?;
    Ok(rows)
}

/// The latest "merged into" row of a ticket: the status it had (detail)
/// and its pending date (old value), for an unmerge.
pub fn merged_into_row(
    conn: &Db,
    ticket_id: i64,
) -> Result<Option<(Option<String>, Option<String>)>> {
    conn.query_opt(
        "SELECT detail, old_value FROM history WHERE ticket_id = ?1 AND action = 'merged into'
         ORDER BY at DESC, id DESC LIMIT 1",
        params![ticket_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}
