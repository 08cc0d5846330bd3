//! What `tix import` brought from another system (OTRS, osTicket): its
//! tickets under their own numbers, and which of their tickets and
//! articles are here already, so a run again brings only what is new and
//! one stopped half-way resumes without doubling anything.

use super::db::{params, Db};
use super::tickets::reversed;
use crate::error::{Result, TixError};
use crate::vocabulary::StateType;

/// A ticket as the other system has it.
pub struct ImportedTicket<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub queue: &'a str,
    pub state: &'a str,
    pub state_type: StateType,
    pub priority: i64,
    pub owner: Option<&'a str>,
    pub responsible: Option<&'a str>,
    pub customer_address: Option<&'a str>,
    pub customer_name: Option<&'a str>,
    pub pending_until: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}

/// What is known of one of the other system's tickets: the ticket here,
/// the change time it had when imported, the last history id brought.
pub struct Known {
    pub ticket_id: i64,
    pub changed: String,
    pub history_done: i64,
}

pub fn ticket_of(conn: &Db, source: &str, source_id: i64) -> Result<Option<Known>> {
    conn.query_opt(
        "SELECT ticket_id, changed, history_done FROM import_tickets WHERE source = ?1 AND source_id = ?2",
        params![source, source_id],
        |r| {
            Ok(Known {
                ticket_id: r.get(0)?,
                changed: r.get(1)?,
                history_done: r.get(2)?,
            })
        },
    )
}

/// Inserts the ticket under its own number; a number tix has given to
/// another ticket already is an error naming both.
pub fn insert_ticket(conn: &Db, t: &ImportedTicket) -> Result<i64> {
    let id: Option<i64> = conn.insert_for_id(
        "INSERT INTO tickets (number, title, queue, state, state_type, priority, owner, responsible,
             customer_address, customer_name, pending_until, created_at, updated_at,
             last_customer_at, closed_at, number_rev)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?14, ?15)
         ON CONFLICT (number) DO NOTHING",
        params![
            t.number,
            t.title,
            t.queue,
            t.state,
            t.state_type,
            t.priority,
            t.owner,
            t.responsible,
            t.customer_address,
            t.customer_name,
            t.pending_until,
            t.created_at,
            t.updated_at,
            t.closed_at,
            reversed(t.number)
        ],
    )?;
    id.ok_or_else(|| {
        TixError::failure(format!(
            "ticket number {} is taken in this store by a ticket that was not imported from this source",
            t.number
        ))
    })
}

/// Brings a ticket imported before up to the other system's state.
pub fn update_ticket(conn: &Db, id: i64, t: &ImportedTicket) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET title = ?2, queue = ?3, state = ?4, state_type = ?5, priority = ?6,
             owner = ?7, responsible = ?8, customer_address = ?9, customer_name = ?10,
             pending_until = ?11, updated_at = ?12, closed_at = ?13
         WHERE id = ?1",
        params![
            id,
            t.title,
            t.queue,
            t.state,
            t.state_type,
            t.priority,
            t.owner,
            t.responsible,
            t.customer_address,
            t.customer_name,
            t.pending_until,
            t.updated_at,
            t.closed_at
        ],
    )?;
    Ok(())
}

/// Points a ticket merged in the other system at the one it went into.
pub fn set_merged_into(conn: &Db, id: i64, into: i64) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET merged_into = ?2 WHERE id = ?1",
        params![id, into],
    )?;
    Ok(())
}

pub fn remember_ticket(
    conn: &Db,
    source: &str,
    source_id: i64,
    ticket_id: i64,
    changed: &str,
    history_done: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO import_tickets (source, source_id, ticket_id, changed, history_done)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (source, source_id) DO UPDATE SET changed = excluded.changed,
             history_done = excluded.history_done",
        params![source, source_id, ticket_id, changed, history_done],
    )?;
    Ok(())
}

/// The ticket here for the other system's ticket id, if imported.
pub fn ticket_id_of(conn: &Db, source: &str, source_id: i64) -> Result<Option<i64>> {
    Ok(ticket_of(conn, source, source_id)?.map(|k| k.ticket_id))
}

pub fn article_of(conn: &Db, source: &str, source_id: i64) -> Result<Option<i64>> {
    conn.query_opt(
        "SELECT article_id FROM import_articles WHERE source = ?1 AND source_id = ?2",
        params![source, source_id],
        |r| r.get(0),
    )
}

pub fn remember_article(
    conn: &Db,
    source: &str,
    source_id: i64,
    article_id: i64,
    rebuilt: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO import_articles (source, source_id, article_id, rebuilt) VALUES (?1, ?2, ?3, ?4)",
        params![source, source_id, article_id, rebuilt as i64],
    )?;
    Ok(())
}

/// The stored message with this fingerprint: the same mail twice in the
/// other system (sent to two tickets) is kept once.
pub fn raw_id_by_fingerprint(conn: &Db, fingerprint: &[u8]) -> Result<Option<i64>> {
    conn.query_opt(
        "SELECT id FROM raw_messages WHERE fingerprint = ?1",
        params![fingerprint],
        |r| r.get(0),
    )
}

/// How many tickets and articles (of them rebuilt) came from `source`.
pub fn counts(conn: &Db, source: &str) -> Result<(i64, i64, i64)> {
    let tickets = conn.query_row(
        "SELECT count(*) FROM import_tickets WHERE source = ?1",
        params![source],
        |r| r.get(0),
    )?;
    let (articles, rebuilt) = conn.query_row(
        "SELECT count(*), coalesce(sum(rebuilt), 0) FROM import_articles WHERE source = ?1",
        params![source],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((tickets, articles, rebuilt))
}

/// The stored bytes of the message an imported article came from.
pub fn raw_bytes_of(conn: &Db, source: &str, source_id: i64) -> Result<Option<Vec<u8>>> {
    conn.query_opt(
        "SELECT r.bytes FROM import_articles i JOIN articles a ON a.id = i.article_id
         JOIN raw_messages r ON r.id = a.raw_id
         WHERE i.source = ?1 AND i.source_id = ?2",
        params![source, source_id],
        |r| r.get(0),
    )
}

/// Whether article `id` was rebuilt by an import from database fields.
pub fn is_rebuilt(conn: &Db, article_id: i64) -> Result<bool> {
    Ok(conn
        .query_opt(
            "SELECT rebuilt FROM import_articles WHERE article_id = ?1",
            params![article_id],
            |r| r.get::<i64>(0),
        )?
        .is_some_and(|r| r != 0))
}
