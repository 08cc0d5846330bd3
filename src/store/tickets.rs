//! Tickets: finding them by number or message, opening them, their status
//! and the small facts kept on them.

use super::db::{params, Db, Row};
use super::history::{record, Change};
use crate::error::{Result, TixError};
use crate::vocabulary::StateType;
use serde::Serialize;

pub use crate::vocabulary::{parse_priority, priority_name, PRIORITIES};

/// A ticket as listed and shown.
#[derive(Debug, Clone, Serialize)]
pub struct Ticket {
    #[serde(skip)]
    pub id: i64,
    pub number: String,
    pub title: String,
    pub queue: String,
    pub state: String,
    pub state_type: StateType,
    pub priority: i64,
    pub owner: Option<String>,
    pub responsible: Option<String>,
    pub customer_address: Option<String>,
    pub customer_name: Option<String>,
    pub merged_into: Option<String>,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub created_at: i64,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub updated_at: i64,
    pub tags: Vec<String>,
    pub locked_by: Option<String>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub locked_until: Option<i64>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub pending_until: Option<i64>,
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub last_customer_at: Option<i64>,
    #[serde(skip)]
    pub responsible_seen_at: Option<i64>,
    /// The earliest escalation time in force (see crate::escalation).
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub escalation_at: Option<i64>,
    /// first-response, update or solution.
    pub escalation_kind: Option<String>,
    /// When an agent first answered the customer.
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub first_response_at: Option<i64>,
    /// When it was last closed.
    #[serde(serialize_with = "crate::dates::serialize_opt_ts")]
    pub closed_at: Option<i64>,
    /// The contact the customer address belongs to (tix contact), if any.
    pub contact: Option<String>,
    /// That contact's name.
    pub contact_name: Option<String>,
}

impl Ticket {
    /// The agent holding a lock that has not lapsed.
    pub fn lock_holder(&self, now: i64) -> Option<&str> {
        match (&self.locked_by, self.locked_until) {
            (Some(who), Some(until)) if until > now => Some(who),
            _ => None,
        }
    }

    /// The customer wrote since `agent`, the responsible, last looked.
    pub fn unseen_by(&self, agent: &str) -> bool {
        self.responsible
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case(agent))
            && self.last_customer_at.unwrap_or(0) > self.responsible_seen_at.unwrap_or(0)
    }
}

pub const TICKET_COLUMNS: &str = "t.id, t.number, t.title, t.queue, t.state, t.state_type, \
    t.priority, t.owner, t.responsible, t.customer_address, t.customer_name, \
    (SELECT m.number FROM tickets m WHERE m.id = t.merged_into), t.created_at, t.updated_at, \
    (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags g WHERE g.ticket_id = t.id ORDER BY tag) AS ticket_tags), \
    t.locked_by, t.locked_until, t.pending_until, t.last_customer_at, t.responsible_seen_at, \
    t.escalation_at, t.escalation_kind, t.first_response_at, t.closed_at, \
    (SELECT a.contact_id FROM contact_addresses a WHERE a.address = lower(t.customer_address) \
        ORDER BY a.contact_id LIMIT 1), \
    (SELECT c.name FROM contact_addresses a JOIN contacts c ON c.id = a.contact_id \
        WHERE a.address = lower(t.customer_address) ORDER BY a.contact_id LIMIT 1)";

pub fn ticket_from_row(r: &Row) -> Result<Ticket> {
    let tags: Option<String> = r.get(14)?;
    Ok(Ticket {
        id: r.get(0)?,
        number: r.get(1)?,
        title: r.get(2)?,
        queue: r.get(3)?,
        state: r.get(4)?,
        state_type: r.get(5)?,
        priority: r.get(6)?,
        owner: r.get(7)?,
        responsible: r.get(8)?,
        customer_address: r.get(9)?,
        customer_name: r.get(10)?,
        merged_into: r.get(11)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        tags: tags
            .map(|t| t.split(' ').map(str::to_string).collect())
            .unwrap_or_default(),
        locked_by: r.get(15)?,
        locked_until: r.get(16)?,
        pending_until: r.get(17)?,
        last_customer_at: r.get(18)?,
        responsible_seen_at: r.get(19)?,
        escalation_at: r.get(20)?,
        escalation_kind: r.get(21)?,
        first_response_at: r.get(22)?,
        closed_at: r.get(23)?,
        contact: r.get(24)?,
        contact_name: r.get(25)?,
    })
}

pub fn ticket_by_id(conn: &Db, id: i64) -> Result<Ticket> {
    conn.prepare_cached(&format!(
        "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.id = ?1"
    ))?
    .query_row(params![id], ticket_from_row)
}

/// The ticket id for an exact number, if any.
pub fn id_by_number(conn: &Db, number: &str) -> Result<Option<i64>> {
    conn.prepare_cached("SELECT id FROM tickets WHERE number = ?1")?
        .query_opt(params![number], |r| r.get(0))
}

/// Resolves what a user typed: a full number or any unambiguous tail of one.
/// Removed tickets are not found, as everywhere else.
pub fn resolve(conn: &Db, typed: &str) -> Result<i64> {
    let id = resolve_any(conn, typed)?;
    // A ticket of a queue hidden from the agent is no ticket to them (not
    // "forbidden": that would say it exists).
    let hidden = conn.hidden_queues();
    if !hidden.is_empty() {
        let queue: String = conn.query_row(
            "SELECT queue FROM tickets WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )?;
        if hidden.contains(&queue) {
            return Err(TixError::failure(format!(
                "no ticket {}",
                typed.trim().trim_start_matches('#')
            )));
        }
    }
    Ok(id)
}

fn resolve_any(conn: &Db, typed: &str) -> Result<i64> {
    let typed = typed.trim().trim_start_matches('#');
    if typed.is_empty() || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TixError::usage(format!(
            "{typed:?} is not a ticket number (digits, or the last digits of one)"
        )));
    }
    if let Some(id) = id_by_number(conn, typed)? {
        return Ok(id);
    }
    // Hidden tickets make no tail ambiguous (the message would name them).
    let mut values = vec![super::db::Value::Text(reversed(typed))];
    let not_hidden = conn.not_hidden("queue", &mut values);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, number FROM tickets
         WHERE number_rev >= ?1 AND number_rev < ?1 || ':' AND state_type <> 'removed'{not_hidden}
         ORDER BY number LIMIT 11"
    ))?;
    // A tail of the number is a prefix of the reversed number: an index range.
    let found: Vec<(i64, String)> = stmt
        .query_map(&super::db::param_refs(&values), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_>>()?;
    match found.len() {
        0 => Err(TixError::failure(format!("no ticket {typed}"))),
        1 => Ok(found[0].0),
        n => {
            let shown: Vec<&str> = found.iter().take(10).map(|(_, n)| n.as_str()).collect();
            let more = if n > 10 { ", …" } else { "" };
            Err(TixError::usage(format!(
                "ticket {typed} is ambiguous: {}{more}",
                shown.join(", ")
            )))
        }
    }
}

/// The number backwards, indexed so that a tail is found by a range scan.
pub fn reversed(number: &str) -> String {
    number.chars().rev().collect()
}

/// Follows merge pointers to the ticket that now carries the thread.
pub fn follow_merges(conn: &Db, mut id: i64) -> Result<i64> {
    let mut seen = vec![id];
    loop {
        let next: Option<i64> = conn.query_row(
            "SELECT merged_into FROM tickets WHERE id = ?1",
            params![id],
            |r| r.get(0),
        )?;
        match next {
            Some(n) if !seen.contains(&n) => {
                seen.push(n);
                id = n;
            }
            _ => return Ok(id),
        }
    }
}

/// The ticket holding any of `message_ids` as an article: the last id in
/// the list that the store has, and of its articles the newest.
pub fn ticket_for_message_ids(conn: &Db, message_ids: &[String]) -> Result<Option<i64>> {
    let wanted: Vec<&str> = message_ids.iter().map(|m| bare_message_id(m)).collect();
    let holders = tickets_holding(conn, &wanted)?;
    Ok(wanted.iter().rev().find_map(|m| holders.get(*m).copied()))
}

/// A Message-ID as articles keep it: without its angle brackets.
pub fn bare_message_id(id: &str) -> &str {
    id.trim().trim_start_matches('<').trim_end_matches('>')
}

/// For each of `message_ids` (bare) that an article has, the ticket of the
/// newest such article.
pub fn tickets_holding(
    conn: &Db,
    message_ids: &[&str],
) -> Result<std::collections::HashMap<String, i64>> {
    let mut holders = std::collections::HashMap::new();
    let values: Vec<&dyn super::db::ToParam> = message_ids
        .iter()
        .filter(|m| !m.is_empty())
        .map(|m| m as &dyn super::db::ToParam)
        .collect();
    // Ascending ids: the newest article of a message id is kept last.
    conn.query_each_in(
        "SELECT message_id, ticket_id FROM articles WHERE message_id",
        "ORDER BY id",
        &values,
        |r| {
            holders.insert(r.get(0)?, r.get(1)?);
            Ok(true)
        },
    )?;
    Ok(holders)
}

pub struct NewTicket<'a> {
    pub title: &'a str,
    pub queue: &'a str,
    pub state: &'a str,
    pub state_type: StateType,
    pub customer_address: Option<&'a str>,
    pub customer_name: Option<&'a str>,
    pub created_at: i64,
}

/// Inserts a ticket under the next number of the day (see
/// [`super::number`]); returns its id and number. A number already taken
/// (an imported OTRS history sharing the day) is passed over.
pub fn insert_ticket(conn: &Db, system_id: u32, t: &NewTicket) -> Result<(i64, String)> {
    let day = super::number::today();
    let counted = format!("ticket counter {day}");
    loop {
        // Within one transaction on a server the day's counter is known
        // after its first ticket (the writer lock keeps others from it):
        // the ticket's insert then sets it, one round trip for both.
        let (counter, set_counter) = match conn.txn_value(&counted) {
            Some(last) => (last as u64 + 1, true),
            None => (super::number::take_next(conn, &day)?, false),
        };
        conn.set_txn_value(&counted, counter as i64);
        let number = super::number::format_number(&day, system_id, counter);
        let insert =
            "INSERT INTO tickets (number, title, queue, state, state_type, customer_address,
                 customer_name, created_at, updated_at, last_customer_at, number_rev)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, ?9)
             ON CONFLICT(number) DO NOTHING";
        let with_counter;
        let sql = if set_counter {
            with_counter = format!(
                "WITH counter AS (UPDATE ticket_counters SET last = ?11 WHERE day = ?10) {insert}"
            );
            &with_counter
        } else {
            insert
        };
        let values = params![
            number,
            t.title,
            t.queue,
            t.state,
            t.state_type,
            t.customer_address,
            t.customer_name,
            t.created_at,
            reversed(&number),
            day,
            counter as i64
        ];
        let values = if set_counter { values } else { &values[..9] };
        if let Some(id) = conn.insert_for_id(sql, values)? {
            return Ok((id, number));
        }
    }
}

/// Sets a ticket's status and records the change.
pub fn set_state(
    conn: &Db,
    ticket: &Ticket,
    (state, state_type): (&str, StateType),
    actor: &str,
    detail: Option<&str>,
    at: i64,
) -> Result<()> {
    // A status that does not wait keeps no date to wait for.
    conn.prepare_cached(&format!(
        "UPDATE tickets SET state = ?2, state_type = ?3, updated_at = ?4, {},
             pending_until = CASE WHEN ?3 LIKE 'pending-%' THEN pending_until END
         WHERE id = ?1",
        super::changes::CLOSED_AT.replace("?5", "?4")
    ))?
    .execute(params![ticket.id, state, state_type, at])?;
    record(
        conn,
        &Change {
            ticket_id: ticket.id,
            actor,
            action: "state",
            old: Some(&ticket.state),
            new: Some(state),
            detail,
            at,
        },
    )
}

/// Deleted tickets whose deletion (their last change) is at or before `cutoff`.
pub fn removed_before(conn: &Db, cutoff: i64) -> Result<Vec<i64>> {
    let ids = conn
        .prepare(
            "SELECT id FROM tickets WHERE state_type = 'removed' AND updated_at <= ?1 ORDER BY id",
        )?
        .query_map(params![cutoff], |r| r.get(0))?
        .collect::<Result<_>>()?;
    Ok(ids)
}

/// The responsible has now seen what the customer wrote.
pub fn mark_seen_by_responsible(conn: &Db, ticket_id: i64, now: i64) -> Result<usize> {
    conn.execute(
        "UPDATE tickets SET responsible_seen_at = ?2 WHERE id = ?1",
        params![ticket_id, now],
    )
}

/// Whether a routing rule said this ticket gets no auto-reply.
pub fn no_autoreply(conn: &Db, ticket_id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT no_autoreply FROM tickets WHERE id = ?1",
        params![ticket_id],
        |r| r.get::<bool>(0),
    )
}

/// Marks the ticket as one the auto-responder leaves alone.
pub fn set_no_autoreply(conn: &Db, ticket_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET no_autoreply = 1 WHERE id = ?1",
        params![ticket_id],
    )?;
    Ok(())
}

/// The ticket changed at `now` (its place in "recently updated").
pub fn touch(conn: &Db, ticket_id: i64, now: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tickets SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![ticket_id, now])?;
    Ok(())
}

/// The customer wrote again at `at`.
pub fn customer_wrote(conn: &Db, ticket_id: i64, at: i64) -> Result<()> {
    // The update time counts from this mail: earlier stops of the clock
    // no longer matter to it.
    conn.prepare_cached(
        "UPDATE tickets SET updated_at = ?2, last_customer_at = ?2,
             clock_stopped_since_customer = 0 WHERE id = ?1",
    )?
    .execute(params![ticket_id, at])?;
    Ok(())
}
