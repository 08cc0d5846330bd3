//! Tickets, articles, attachments and history rows: the queries every command
//! shares, so no command writes SQL of its own for these.

use crate::error::{Result, TixError};
use crate::vocabulary::{ArticleKind, SenderType, StateType};
use rusqlite::{params, Connection, OptionalExtension, Row};
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
    (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM tags g WHERE g.ticket_id = t.id ORDER BY tag)), \
    t.locked_by, t.locked_until, t.pending_until, t.last_customer_at, t.responsible_seen_at";

pub fn ticket_from_row(r: &Row) -> rusqlite::Result<Ticket> {
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
    })
}

pub fn ticket_by_id(conn: &Connection, id: i64) -> Result<Ticket> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets t WHERE t.id = ?1"
        ))?
        .query_row([id], ticket_from_row)?)
}

/// The ticket id for an exact number, if any.
pub fn id_by_number(conn: &Connection, number: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM tickets WHERE number = ?1")?
        .query_row([number], |r| r.get(0))
        .optional()?)
}

/// Resolves what a user typed: a full number or any unambiguous tail of one.
/// Removed tickets are not found, as everywhere else.
pub fn resolve(conn: &Connection, typed: &str) -> Result<i64> {
    let typed = typed.trim().trim_start_matches('#');
    if typed.is_empty() || !typed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TixError::usage(format!(
            "{typed:?} is not a ticket number (digits, or the last digits of one)"
        )));
    }
    if let Some(id) = id_by_number(conn, typed)? {
        return Ok(id);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, number FROM tickets
         WHERE number_rev >= ?1 AND number_rev < ?1 || ':' AND state_type <> 'removed'
         ORDER BY number LIMIT 11",
    )?;
    // A tail of the number is a prefix of the reversed number: an index range.
    let found: Vec<(i64, String)> = stmt
        .query_map([reversed(typed)], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
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
pub fn follow_merges(conn: &Connection, mut id: i64) -> Result<i64> {
    let mut seen = vec![id];
    loop {
        let next: Option<i64> =
            conn.query_row("SELECT merged_into FROM tickets WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;
        match next {
            Some(n) if !seen.contains(&n) => {
                seen.push(n);
                id = n;
            }
            _ => return Ok(id),
        }
    }
}

/// The ticket holding any of `message_ids` as an article (newest match first).
pub fn ticket_for_message_ids(conn: &Connection, message_ids: &[String]) -> Result<Option<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ticket_id FROM articles WHERE message_id = ?1 ORDER BY id DESC LIMIT 1",
    )?;
    for mid in message_ids.iter().rev() {
        let mid = mid.trim().trim_start_matches('<').trim_end_matches('>');
        if mid.is_empty() {
            continue;
        }
        if let Some(id) = stmt.query_row([mid], |r| r.get(0)).optional()? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

pub struct NewTicket<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub queue: &'a str,
    pub state: &'a str,
    pub state_type: StateType,
    pub customer_address: Option<&'a str>,
    pub customer_name: Option<&'a str>,
    pub created_at: i64,
}

pub fn insert_ticket(conn: &Connection, t: &NewTicket) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tickets (number, title, queue, state, state_type, customer_address,
             customer_name, created_at, updated_at, last_customer_at, number_rev)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8, ?9)",
    )?
    .execute(params![
        t.number,
        t.title,
        t.queue,
        t.state,
        t.state_type,
        t.customer_address,
        t.customer_name,
        t.created_at,
        reversed(t.number)
    ])?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug)]
pub struct NewArticle<'a> {
    pub ticket_id: i64,
    pub kind: ArticleKind,
    pub sender_type: SenderType,
    pub from_name: Option<&'a str>,
    pub from_addr: Option<&'a str>,
    pub to_addrs: Option<&'a str>,
    pub cc_addrs: Option<&'a str>,
    pub subject: &'a str,
    pub message_id: Option<&'a str>,
    pub in_reply_to: Option<&'a str>,
    pub refs: Option<&'a str>,
    pub body: &'a str,
    pub raw_id: Option<i64>,
    pub sent_at: Option<i64>,
    pub created_at: i64,
    pub created_by: &'a str,
}

impl NewArticle<'_> {
    /// An agent's own note: no mail headers, no raw message; the caller
    /// sets kind, sender, subject, body and who and when.
    pub fn typed_in() -> NewArticle<'static> {
        NewArticle {
            ticket_id: 0,
            kind: ArticleKind::Note,
            sender_type: SenderType::Agent,
            from_name: None,
            from_addr: None,
            to_addrs: None,
            cc_addrs: None,
            subject: "",
            message_id: None,
            in_reply_to: None,
            refs: None,
            body: "",
            raw_id: None,
            sent_at: None,
            created_at: 0,
            created_by: "",
        }
    }
}

/// Inserts an article and indexes it for full-text search.
pub fn insert_article(conn: &Connection, a: &NewArticle) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO articles (ticket_id, kind, sender_type, from_name, from_addr, to_addrs,
             cc_addrs, subject, message_id, in_reply_to, refs, body, raw_id, sent_at,
             created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        a.ticket_id,
        a.kind,
        a.sender_type,
        a.from_name,
        a.from_addr,
        a.to_addrs,
        a.cc_addrs,
        a.subject,
        a.message_id,
        a.in_reply_to,
        a.refs,
        a.body,
        a.raw_id,
        a.sent_at,
        a.created_at,
        a.created_by
    ])?;
    let id = conn.last_insert_rowid();
    // from_name goes into the index with the address so a name finds the mail.
    let from = match (a.from_name, a.from_addr) {
        (Some(n), Some(addr)) => format!("{n} {addr}"),
        (n, addr) => n.or(addr).unwrap_or("").to_string(),
    };
    let to = [a.to_addrs, a.cc_addrs]
        .iter()
        .flatten()
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    conn.prepare_cached(
        "INSERT INTO articles_fts (rowid, subject, from_addr, to_addrs, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, a.subject, from, to, a.body])?;
    Ok(id)
}

/// Where an attachment's bytes live: in the article's raw message, or here.
pub enum AttachmentBytes<'a> {
    /// The nth attachment of the raw message, as mail-parser enumerates them.
    InRaw(usize),
    Stored(&'a [u8]),
}

pub struct NewAttachment<'a> {
    pub article_id: i64,
    pub filename: &'a str,
    pub content_type: &'a str,
    pub size: usize,
    pub sha256: &'a str,
    pub bytes: AttachmentBytes<'a>,
}

pub fn insert_attachment(conn: &Connection, a: &NewAttachment) -> Result<()> {
    let (part, bytes) = match a.bytes {
        AttachmentBytes::InRaw(n) => (Some(n as i64), None),
        AttachmentBytes::Stored(b) => (None, Some(b)),
    };
    conn.prepare_cached(
        "INSERT INTO attachments (article_id, filename, content_type, size, sha256, part, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        a.article_id,
        a.filename,
        a.content_type,
        a.size as i64,
        a.sha256,
        part,
        bytes
    ])?;
    Ok(())
}

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

pub fn record(conn: &Connection, c: &Change) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO history (ticket_id, at, actor, action, old_value, new_value, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        c.ticket_id,
        c.at,
        c.actor,
        c.action,
        c.old,
        c.new,
        c.detail
    ])?;
    Ok(())
}

/// Sets a ticket's status and records the change.
pub fn set_state(
    conn: &Connection,
    ticket: &Ticket,
    (state, state_type): (&str, StateType),
    actor: &str,
    detail: Option<&str>,
    at: i64,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE tickets SET state = ?2, state_type = ?3, updated_at = ?4 WHERE id = ?1",
    )?
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

#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub index: usize,
    #[serde(skip)]
    pub id: i64,
    pub kind: ArticleKind,
    pub sender_type: SenderType,
    pub from_name: Option<String>,
    pub from_addr: Option<String>,
    pub to: Option<String>,
    pub cc: Option<String>,
    pub subject: String,
    pub message_id: Option<String>,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub date: i64,
    pub created_by: String,
    pub body: String,
    #[serde(skip)]
    pub raw_id: Option<i64>,
    pub attachments: Vec<AttachmentInfo>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentInfo {
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

/// The articles of a ticket in date order, numbered from 1.
pub fn articles(conn: &Connection, ticket_id: i64) -> Result<Vec<Article>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, sender_type, from_name, from_addr, to_addrs, cc_addrs, subject,
                message_id, coalesce(sent_at, created_at), created_by, body, raw_id
         FROM articles WHERE ticket_id = ?1 ORDER BY coalesce(sent_at, created_at), id",
    )?;
    let mut list: Vec<Article> = stmt
        .query_map([ticket_id], |r| {
            Ok(Article {
                index: 0,
                id: r.get(0)?,
                kind: r.get(1)?,
                sender_type: r.get(2)?,
                from_name: r.get(3)?,
                from_addr: r.get(4)?,
                to: r.get(5)?,
                cc: r.get(6)?,
                subject: r.get(7)?,
                message_id: r.get(8)?,
                date: r.get(9)?,
                created_by: r.get(10)?,
                body: r.get(11)?,
                raw_id: r.get(12)?,
                attachments: vec![],
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut att = conn.prepare(
        "SELECT filename, content_type, size, sha256 FROM attachments WHERE article_id = ?1 ORDER BY id",
    )?;
    for (i, a) in list.iter_mut().enumerate() {
        a.index = i + 1;
        a.attachments = att
            .query_map([a.id], |r| {
                Ok(AttachmentInfo {
                    filename: r.get(0)?,
                    content_type: r.get(1)?,
                    size: r.get(2)?,
                    sha256: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(list)
}

/// The bytes of the `nth` attachment (0-based, in stored order) of an article.
pub fn attachment_bytes(conn: &Connection, article_id: i64, nth: usize) -> Result<Vec<u8>> {
    let (part, bytes, raw_id): (Option<i64>, Option<Vec<u8>>, Option<i64>) = conn.query_row(
        "SELECT at.part, at.bytes, ar.raw_id FROM attachments at JOIN articles ar ON ar.id = at.article_id
         WHERE at.article_id = ?1 ORDER BY at.id LIMIT 1 OFFSET ?2",
        params![article_id, nth as i64],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if let Some(bytes) = bytes {
        return Ok(bytes);
    }
    let missing = || {
        TixError::failure(format!(
            "attachment {} of article {article_id} is missing from its message",
            nth + 1
        ))
    };
    let (Some(part), Some(raw_id)) = (part, raw_id) else {
        return Err(missing());
    };
    let raw = raw_bytes(conn, raw_id)?;
    crate::mail::parse::attachment_contents(&raw, part as usize).ok_or_else(missing)
}

/// The original bytes of a stored message.
pub fn raw_bytes(conn: &Connection, raw_id: i64) -> Result<Vec<u8>> {
    Ok(conn.query_row(
        "SELECT bytes FROM raw_messages WHERE id = ?1",
        [raw_id],
        |r| r.get(0),
    )?)
}

/// A quarantined message's bytes; `None` when there is no such one.
pub fn quarantined_bytes(conn: &Connection, raw_id: i64) -> Result<Option<Vec<u8>>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT bytes FROM raw_messages WHERE id = ?1 AND status = 'quarantined'",
            [raw_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The message that opened a ticket: its raw id and where it came from;
/// `None` for a ticket opened by hand.
pub fn first_mail(conn: &Connection, ticket_id: i64) -> Result<Option<(i64, String)>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT raw_id, (SELECT source FROM raw_messages WHERE id = raw_id) FROM articles
             WHERE ticket_id = ?1 AND raw_id IS NOT NULL ORDER BY id LIMIT 1",
            [ticket_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Deleted tickets whose deletion (their last change) is at or before `cutoff`.
pub fn removed_before(conn: &Connection, cutoff: i64) -> Result<Vec<i64>> {
    let ids = conn
        .prepare(
            "SELECT id FROM tickets WHERE state_type = 'removed' AND updated_at <= ?1 ORDER BY id",
        )?
        .query_map([cutoff], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The responsible has now seen what the customer wrote.
pub fn mark_seen_by_responsible(
    conn: &Connection,
    ticket_id: i64,
    now: i64,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE tickets SET responsible_seen_at = ?2 WHERE id = ?1",
        rusqlite::params![ticket_id, now],
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

pub fn history(conn: &Connection, ticket_id: i64) -> Result<Vec<HistoryRow>> {
    let mut stmt = conn.prepare(
        "SELECT at, actor, action, old_value, new_value, detail FROM history
         WHERE ticket_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([ticket_id], |r| {
            Ok(HistoryRow {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                old: r.get(3)?,
                new: r.get(4)?,
                detail: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Whether a routing rule said this ticket gets no auto-reply.
pub fn no_autoreply(conn: &Connection, ticket_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT no_autoreply FROM tickets WHERE id = ?1",
        [ticket_id],
        |r| r.get::<_, bool>(0),
    )?)
}

/// Marks the ticket as one the auto-responder leaves alone.
pub fn set_no_autoreply(conn: &Connection, ticket_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE tickets SET no_autoreply = 1 WHERE id = ?1",
        [ticket_id],
    )?;
    Ok(())
}

/// The ticket changed at `now` (its place in "recently updated").
pub fn touch(conn: &Connection, ticket_id: i64, now: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tickets SET updated_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![ticket_id, now])?;
    Ok(())
}

/// A mail of a ticket as a reply needs it: who wrote, what, its ids.
pub struct MailArticle {
    pub message_id: Option<String>,
    /// References, without angle brackets.
    pub references: Vec<String>,
    pub from_name: Option<String>,
    pub from_addr: Option<String>,
    pub body: String,
    pub date: i64,
    pub raw_id: Option<i64>,
    pub subject: String,
}

/// The last mail from the customer; else the last mail of the ticket.
pub fn last_mail(conn: &Connection, ticket_id: i64) -> Result<Option<MailArticle>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT message_id, refs, from_name, from_addr, body, created_at, raw_id, subject FROM articles
             WHERE ticket_id = ?1 AND kind LIKE 'email%'
             ORDER BY sender_type = 'customer' DESC, id DESC LIMIT 1",
            [ticket_id],
            |r| {
                Ok(MailArticle {
                    message_id: r.get(0)?,
                    references: r
                        .get::<_, Option<String>>(1)?
                        .unwrap_or_default()
                        .split_whitespace()
                        .map(|x| x.trim_matches(['<', '>']).to_string())
                        .filter(|x| !x.is_empty())
                        .collect(),
                    from_name: r.get(2)?,
                    from_addr: r.get(3)?,
                    body: r.get(4)?,
                    date: r.get(5)?,
                    raw_id: r.get(6)?,
                    subject: r.get(7)?,
                })
            },
        )
        .optional()?)
}

/// Keeps the bytes of a message tix sent (the copy that comes back is then
/// a duplicate); returns its raw id, the existing one when kept before.
pub fn keep_sent_bytes(
    conn: &Connection,
    fingerprint: &[u8],
    message_id: &str,
    bytes: &[u8],
    now: i64,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO raw_messages (fingerprint, message_id, bytes, size, source, received_at, status)
         VALUES (?1, ?2, ?3, ?4, 'sent', ?5, 'stored')",
    )?
    .execute(rusqlite::params![
        fingerprint,
        message_id,
        bytes,
        bytes.len() as i64,
        now
    ])?;
    Ok(conn.query_row(
        "SELECT id FROM raw_messages WHERE fingerprint = ?1",
        [fingerprint],
        |row| row.get(0),
    )?)
}

/// The customer wrote again at `at`.
pub fn customer_wrote(conn: &Connection, ticket_id: i64, at: i64) -> Result<()> {
    conn.prepare_cached("UPDATE tickets SET updated_at = ?2, last_customer_at = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![ticket_id, at])?;
    Ok(())
}
