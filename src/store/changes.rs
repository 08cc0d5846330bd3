//! Changes to a ticket's own fields, as lifecycle commands make them; each
//! one a single statement inside the caller's transaction. Auditing (the
//! history row) is the caller's.

use super::db::{params, Db};
use crate::error::Result;
use crate::vocabulary::StateType;

pub fn set_queue(conn: &Db, ticket_id: i64, queue: &str) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET queue = ?2 WHERE id = ?1",
        params![ticket_id, queue],
    )?;
    Ok(())
}

pub fn set_owner(conn: &Db, ticket_id: i64, owner: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET owner = ?2 WHERE id = ?1",
        params![ticket_id, owner],
    )?;
    Ok(())
}

/// A new responsible has seen nothing yet.
pub fn set_responsible(conn: &Db, ticket_id: i64, agent: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET responsible = ?2, responsible_seen_at = NULL WHERE id = ?1",
        params![ticket_id, agent],
    )?;
    Ok(())
}

/// Locks the ticket to `agent` until `until`; `None` unlocks it.
pub fn set_lock(conn: &Db, ticket_id: i64, lock: Option<(&str, i64)>) -> Result<()> {
    let (by, until) = match lock {
        Some((agent, until)) => (Some(agent), Some(until)),
        None => (None, None),
    };
    conn.execute(
        "UPDATE tickets SET locked_by = ?2, locked_until = ?3 WHERE id = ?1",
        params![ticket_id, by, until],
    )?;
    Ok(())
}

/// Dates a ticket's closing (parameter 5 the time, 3 the new state type);
/// from one closed status to another it stays closed since the first.
pub(super) const CLOSED_AT: &str = "closed_at = CASE WHEN ?3 = 'closed' \
    AND state_type <> 'closed' THEN ?5 ELSE closed_at END";

pub fn set_state(
    conn: &Db,
    ticket_id: i64,
    state: &str,
    state_type: StateType,
    pending_until: Option<i64>,
    at: i64,
) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE tickets SET state = ?2, state_type = ?3, pending_until = ?4, {CLOSED_AT}
             WHERE id = ?1"
        ),
        params![ticket_id, state, state_type, pending_until, at],
    )?;
    Ok(())
}

/// A merged ticket stands on its own again, in `state`.
pub fn unmerge(
    conn: &Db,
    ticket_id: i64,
    state: &str,
    state_type: StateType,
    pending_until: Option<i64>,
) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET merged_into = NULL, state = ?2, state_type = ?3, pending_until = ?4
         WHERE id = ?1",
        params![ticket_id, state, state_type, pending_until],
    )?;
    Ok(())
}

pub fn set_priority(conn: &Db, ticket_id: i64, priority: i64) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET priority = ?2 WHERE id = ?1",
        params![ticket_id, priority],
    )?;
    Ok(())
}

/// Who the ticket is for: the address replies, reminders and closing
/// answers go to, and the name they greet.
pub fn set_customer(conn: &Db, ticket_id: i64, address: &str, name: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET customer_address = ?2, customer_name = ?3 WHERE id = ?1",
        params![ticket_id, address, name],
    )?;
    Ok(())
}

pub fn add_tag(conn: &Db, ticket_id: i64, tag: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO tags (ticket_id, tag) VALUES (?1, ?2)",
        params![ticket_id, tag],
    )?;
    Ok(())
}

pub fn remove_tag(conn: &Db, ticket_id: i64, tag: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM tags WHERE ticket_id = ?1 AND tag = ?2",
        params![ticket_id, tag],
    )?;
    Ok(())
}

/// Moves everything of `source` onto `target` (articles, tags, tickets
/// merged into the source) and marks the source merged with status
/// `merged_state`; the target keeps the later of the two customer times.
pub fn merge(
    conn: &Db,
    source: i64,
    target: i64,
    merged_state: &str,
    source_last_customer_at: Option<i64>,
) -> Result<()> {
    // The same note given to both with one bulk action (`tix move --where
    // … -m`) is not added to the target again: that copy stays behind.
    conn.execute(
        "UPDATE articles SET ticket_id = ?2, merged_from = coalesce(merged_from, ?1) WHERE ticket_id = ?1
           AND NOT (kind = 'note' AND raw_id IS NULL AND EXISTS (
               SELECT 1 FROM articles t WHERE t.ticket_id = ?2 AND t.kind = 'note'
                  AND t.body = articles.body AND t.created_by = articles.created_by
                  AND t.created_at = articles.created_at))",
        params![source, target],
    )?;
    conn.execute(
        "INSERT OR IGNORE INTO tags (ticket_id, tag) SELECT ?2, tag FROM tags WHERE ticket_id = ?1",
        params![source, target],
    )?;
    // Anything merged into the source earlier now points at the target.
    conn.execute(
        "UPDATE tickets SET merged_into = ?2 WHERE merged_into = ?1",
        params![source, target],
    )?;
    conn.execute(
        "UPDATE tickets SET merged_into = ?2, state = ?3, state_type = 'merged', pending_until = NULL,
             last_customer_at = max(coalesce(last_customer_at, 0), coalesce((SELECT last_customer_at FROM tickets WHERE id = ?1), 0))
         WHERE id = ?1",
        params![source, target, merged_state],
    )?;
    conn.execute(
        "UPDATE tickets SET last_customer_at = max(coalesce(last_customer_at, 0), ?2) WHERE id = ?1",
        params![target, source_last_customer_at.unwrap_or(0)],
    )?;
    Ok(())
}

/// Deletes an original message no article keeps any more (and what the
/// bounce record took from it).
pub(super) fn drop_unused_raw(conn: &Db, raw_id: i64) -> Result<()> {
    let gone = conn.execute(
        "DELETE FROM raw_messages WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM articles WHERE raw_id = ?1)",
        params![raw_id],
    )?;
    if gone > 0 {
        super::bounce_record::forget_raw(conn, raw_id)?;
    }
    Ok(())
}

/// Removes a ticket for good: its articles (and their full-text rows and
/// attachments), raw messages no other article uses, history, tags and
/// the automatic mail about it.
pub fn purge(conn: &Db, ticket_id: i64) -> Result<()> {
    // The full-text index forgets the articles.
    let forget = if conn.is_postgres() {
        "DELETE FROM articles_fts WHERE article_id IN (SELECT id FROM articles WHERE ticket_id = ?1)"
    } else {
        "DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM articles WHERE ticket_id = ?1)"
    };
    conn.execute(forget, params![ticket_id])?;
    conn.execute(
        "DELETE FROM attachments WHERE article_id IN (SELECT id FROM articles WHERE ticket_id = ?1)",
        params![ticket_id],
    )?;
    let raw: Vec<i64> = conn
        .prepare("SELECT raw_id FROM articles WHERE ticket_id = ?1 AND raw_id IS NOT NULL")?
        .query_map(params![ticket_id], |r| r.get(0))?
        .collect::<Result<_>>()?;
    conn.execute(
        "DELETE FROM articles WHERE ticket_id = ?1",
        params![ticket_id],
    )?;
    for r in raw {
        drop_unused_raw(conn, r)?;
    }
    conn.execute(
        "DELETE FROM history WHERE ticket_id = ?1",
        params![ticket_id],
    )?;
    conn.execute("DELETE FROM tags WHERE ticket_id = ?1", params![ticket_id])?;
    // Automatic mail about it: what is still queued is never sent; what
    // went out keeps its recipient and time (the auto-reply rate limit
    // counts them) and loses its text.
    conn.execute(
        "DELETE FROM outbox WHERE ticket_id = ?1 AND sent_at IS NULL",
        params![ticket_id],
    )?;
    conn.execute(
        "UPDATE outbox SET ticket_id = NULL, outgoing = '{}', bytes = ?2 WHERE ticket_id = ?1",
        params![ticket_id, &[] as &[u8]],
    )?;
    conn.execute(
        "DELETE FROM digest_items WHERE ticket_id = ?1",
        params![ticket_id],
    )?;
    conn.execute(
        "DELETE FROM links WHERE a = ?1 OR b = ?1",
        params![ticket_id],
    )?;
    conn.execute(
        "UPDATE articles SET merged_from = NULL WHERE merged_from = ?1",
        params![ticket_id],
    )?;
    conn.execute(
        "UPDATE tickets SET merged_into = NULL WHERE merged_into = ?1",
        params![ticket_id],
    )?;
    conn.execute("DELETE FROM tickets WHERE id = ?1", params![ticket_id])?;
    Ok(())
}
