//! Articles (mail, notes, calls) and their attachments: writing, listing,
//! and the mail a ticket started with or last got.

use super::db::{params, Db};
use crate::error::{Result, TixError};
use crate::vocabulary::{ArticleKind, SenderType};
use serde::Serialize;

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
    /// The text for the full-text index, when made ready beforehand (an
    /// incoming mail's, in intake's index stage); else made here.
    pub index: Option<&'a IndexText>,
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
            index: None,
        }
    }
}

/// An article that answers the customer (for the escalation times and the
/// dashboard's first-response time), in SQL over `articles a`; the same as
/// `ArticleKind::answers_customer` by an agent.
pub const ANSWER_CONDITION: &str = "a.sender_type = 'agent' \
    AND a.kind IN ('email-out', 'phone-out', 'letter-out', 'fax-out')";

/// Moves one article (its raw mail, attachments and index rows follow it
/// by its id) to another ticket: a split.
pub fn move_to_ticket(conn: &Db, article: i64, ticket_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE articles SET ticket_id = ?2 WHERE id = ?1",
        params![article, ticket_id],
    )?;
    Ok(())
}

/// The articles a merge brought from `ticket_id` into `target` go back;
/// how many.
pub fn take_back_merged(conn: &Db, ticket_id: i64, target: i64) -> Result<usize> {
    conn.execute(
        "UPDATE articles SET ticket_id = ?1, merged_from = NULL
         WHERE ticket_id = ?2 AND merged_from = ?1",
        params![ticket_id, target],
    )
}

/// The raw messages kept on tickets as mail that came in, with the
/// ticket's number and when they arrived (not reports of the tickets' own
/// mail): what `tix bounce rescan` reads.
pub fn incoming_mail(conn: &Db) -> Result<Vec<(i64, String, i64)>> {
    conn.prepare(
        "SELECT a.raw_id, t.number, r.received_at FROM articles a
         JOIN tickets t ON t.id = a.ticket_id JOIN raw_messages r ON r.id = a.raw_id
         WHERE a.kind = 'email-in' AND a.report_of IS NULL ORDER BY a.raw_id",
    )?
    .query_map(params![], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
    .collect()
}

/// Dates a ticket's first and latest answer anew from its articles (after
/// articles moved between tickets: a split, an unmerge).
pub fn recount_answers(conn: &Db, ticket_id: i64) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE tickets SET
                 first_response_at = (SELECT min(a.created_at) FROM articles a
                     WHERE a.ticket_id = tickets.id AND {ANSWER_CONDITION}),
                 last_answer_at = (SELECT max(a.created_at) FROM articles a
                     WHERE a.ticket_id = tickets.id AND {ANSWER_CONDITION})
             WHERE id = ?1"
        ),
        params![ticket_id],
    )?;
    Ok(())
}

/// When the customer last wrote on the ticket (their latest article).
pub fn last_customer_mail(conn: &Db, ticket_id: i64) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT max(coalesce(sent_at, created_at)) FROM articles
         WHERE ticket_id = ?1 AND sender_type = 'customer'",
        params![ticket_id],
        |r| r.get(0),
    )
}

/// Inserts an article and indexes it for full-text search. An agent's
/// answer to the customer dates the ticket's first and latest answer.
pub fn insert_article(conn: &Db, a: &NewArticle) -> Result<i64> {
    let id = conn.insert_with_id(
        "articles",
        "ticket_id, kind, sender_type, from_name, from_addr, to_addrs, cc_addrs, subject, \
         message_id, in_reply_to, refs, body, raw_id, sent_at, created_at, created_by",
        params![
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
        ],
    )?;
    if a.sender_type == SenderType::Agent && a.kind.answers_customer() {
        conn.prepare_cached(
            "UPDATE tickets SET first_response_at = coalesce(first_response_at, ?2),
                 last_answer_at = ?2 WHERE id = ?1",
        )?
        .execute(params![a.ticket_id, a.created_at])?;
    }
    match a.index {
        Some(text) => index_text(conn, id, text)?,
        None => {
            let addresses = Addresses {
                from_name: a.from_name,
                from_addr: a.from_addr,
                to: a.to_addrs,
                cc: a.cc_addrs,
            };
            index_article(conn, id, a.subject, &addresses, a.body)?
        }
    }
    Ok(id)
}

/// The addresses of an article as the index has them.
pub struct Addresses<'a> {
    pub from_name: Option<&'a str>,
    pub from_addr: Option<&'a str>,
    pub to: Option<&'a str>,
    pub cc: Option<&'a str>,
}

/// Adds an article to the full-text index, its text folded as searches are
/// (crate::fold); the index keeps no copy of the text.
pub fn index_article(
    conn: &Db,
    id: i64,
    subject: &str,
    addresses: &Addresses,
    body: &str,
) -> Result<()> {
    let text = IndexText::new(subject, addresses, body, conn.is_postgres());
    index_text(conn, id, &text)
}

/// An article's text as the full-text index takes it: its fields folded
/// (the costly part, so intake does it before the write transaction), and
/// for a server store the document made of them.
#[derive(Debug)]
pub struct IndexText {
    fields: [String; 4],
    document: Option<String>,
}

impl IndexText {
    /// `for_server`: also make the document a server store's index takes.
    pub fn new(subject: &str, addresses: &Addresses, body: &str, for_server: bool) -> IndexText {
        use crate::fold::fold;
        // The sender's name goes in with the address, so a name finds the mail.
        let from = match (addresses.from_name, addresses.from_addr) {
            (Some(n), Some(addr)) => format!("{n} {addr}"),
            (n, addr) => n.or(addr).unwrap_or("").to_string(),
        };
        let to = [addresses.to, addresses.cc]
            .iter()
            .flatten()
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let fields = [fold(subject), fold(&from), fold(&to), fold(body)];
        let document =
            for_server.then(|| super::words::document(fields.each_ref().map(String::as_str)));
        IndexText { fields, document }
    }
}

/// Adds article `id` to the full-text index with its text made ready.
pub fn index_text(conn: &Db, id: i64, text: &IndexText) -> Result<()> {
    if conn.is_postgres() {
        let made;
        let doc = match &text.document {
            Some(doc) => doc,
            None => {
                made = super::words::document(text.fields.each_ref().map(String::as_str));
                &made
            }
        };
        return conn.append("articles_fts", "article_id, doc", params![id, doc]);
    }
    let [subject, from, to, body] = &text.fields;
    conn.execute(
        "INSERT INTO articles_fts (rowid, subject, from_addr, to_addrs, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, subject, from, to, body],
    )?;
    Ok(())
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

pub fn insert_attachment(conn: &Db, a: &NewAttachment) -> Result<()> {
    let (part, bytes) = match a.bytes {
        AttachmentBytes::InRaw(n) => (Some(n as i64), None),
        AttachmentBytes::Stored(b) => (None, Some(b)),
    };
    conn.append(
        "attachments",
        "article_id, filename, content_type, size, sha256, part, bytes",
        params![
            a.article_id,
            a.filename,
            a.content_type,
            a.size as i64,
            a.sha256,
            part,
            bytes
        ],
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
    /// As one string, comma-separated (kept for the scripts that read it).
    pub to: Option<String>,
    pub cc: Option<String>,
    /// The same addresses as a list.
    pub to_addresses: Vec<String>,
    pub cc_addresses: Vec<String>,
    pub subject: String,
    pub message_id: Option<String>,
    #[serde(serialize_with = "crate::dates::serialize_ts")]
    pub date: i64,
    pub created_by: String,
    pub body: String,
    #[serde(skip)]
    pub raw_id: Option<i64>,
    pub attachments: Vec<AttachmentInfo>,
    /// Sent mail a delivery report said could not be delivered: to whom,
    /// with the status ("erika@kunde.example (5.1.1)").
    pub undelivered: Option<String>,
    /// A delivery report of mail this ticket sent: that mail's Message-ID
    /// ("" when the report names the ticket only).
    pub report_of: Option<String>,
    /// Brought by tix import and rebuilt from the other system's fields:
    /// that system kept no raw mail of it.
    pub rebuilt: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttachmentInfo {
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

/// The articles of a ticket in date order, numbered from 1.
pub fn articles(conn: &Db, ticket_id: i64) -> Result<Vec<Article>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, sender_type, from_name, from_addr, to_addrs, cc_addrs, subject,
                message_id, coalesce(sent_at, created_at), created_by, body, raw_id,
                undelivered, report_of,
                CASE WHEN EXISTS (SELECT 1 FROM import_articles i
                                  WHERE i.article_id = articles.id AND i.rebuilt = 1)
                     THEN 1 ELSE 0 END
         FROM articles WHERE ticket_id = ?1 ORDER BY coalesce(sent_at, created_at), id",
    )?;
    let mut list: Vec<Article> = stmt
        .query_map(params![ticket_id], |r| {
            Ok(Article {
                index: 0,
                id: r.get(0)?,
                kind: r.get(1)?,
                sender_type: r.get(2)?,
                from_name: r.get(3)?,
                from_addr: r.get(4)?,
                to: r.get(5)?,
                cc: r.get(6)?,
                to_addresses: vec![],
                cc_addresses: vec![],
                subject: r.get(7)?,
                message_id: r.get(8)?,
                date: r.get(9)?,
                created_by: r.get(10)?,
                body: r.get(11)?,
                raw_id: r.get(12)?,
                attachments: vec![],
                undelivered: r.get(13)?,
                report_of: r.get(14)?,
                rebuilt: r.get::<i64>(15)? != 0,
            })
        })?
        .collect::<Result<_>>()?;
    let mut att = conn.prepare(
        "SELECT filename, content_type, size, sha256 FROM attachments WHERE article_id = ?1 ORDER BY id",
    )?;
    let listed = |joined: &Option<String>| -> Vec<String> {
        joined
            .iter()
            .flat_map(|j| j.split(','))
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect()
    };
    for (i, a) in list.iter_mut().enumerate() {
        a.index = i + 1;
        a.to_addresses = listed(&a.to);
        a.cc_addresses = listed(&a.cc);
        a.attachments = att
            .query_map(params![a.id], |r| {
                Ok(AttachmentInfo {
                    filename: r.get(0)?,
                    content_type: r.get(1)?,
                    size: r.get(2)?,
                    sha256: r.get(3)?,
                })
            })?
            .collect::<Result<_>>()?;
    }
    Ok(list)
}

/// The bytes of every attachment of an article, in stored order. Those
/// kept in the raw message come from one parse of it (one parse for each
/// was quadratic in the number of parts).
pub fn attachments_bytes(conn: &Db, article_id: i64) -> Result<Vec<Vec<u8>>> {
    let rows: Vec<(Option<i64>, Option<Vec<u8>>)> = conn
        .prepare("SELECT part, bytes FROM attachments WHERE article_id = ?1 ORDER BY id")?
        .query_map(params![article_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_>>()?;
    let mut parts: Option<Vec<Vec<u8>>> = None;
    let mut out = Vec::with_capacity(rows.len());
    for (nth, (part, bytes)) in rows.into_iter().enumerate() {
        if let Some(bytes) = bytes {
            out.push(bytes);
            continue;
        }
        let missing = || {
            TixError::failure(format!(
                "attachment {} of article {article_id} is missing from its message",
                nth + 1
            ))
        };
        if parts.is_none() {
            let raw_id: Option<i64> = conn.query_row(
                "SELECT raw_id FROM articles WHERE id = ?1",
                params![article_id],
                |r| r.get(0),
            )?;
            let raw = super::raw_messages::raw_bytes(conn, raw_id.ok_or_else(missing)?)?;
            parts = Some(crate::mail::parse::attachments_contents(&raw).ok_or_else(missing)?);
        }
        let part = part.ok_or_else(missing)? as usize;
        let bytes = parts
            .as_mut()
            .and_then(|p| p.get_mut(part))
            .map(std::mem::take);
        out.push(bytes.ok_or_else(missing)?);
    }
    Ok(out)
}

/// The first of `message_ids` that this ticket sent (an `email-out`
/// article): its article id and Message-ID.
pub fn sent_among(
    conn: &Db,
    ticket_id: i64,
    message_ids: &[String],
) -> Result<Option<(i64, String)>> {
    for id in message_ids {
        let sent: Option<i64> = conn.query_opt(
            "SELECT id FROM articles WHERE ticket_id = ?1 AND message_id = ?2 AND kind = 'email-out'",
            params![ticket_id, id],
            |r| r.get(0),
        )?;
        if let Some(article) = sent {
            return Ok(Some((article, id.clone())));
        }
    }
    Ok(None)
}

/// Whether raw message `raw_id` is kept as a delivery report of mail a
/// ticket sent.
pub fn is_own_report(conn: &Db, raw_id: i64) -> Result<bool> {
    Ok(conn
        .query_opt(
            "SELECT 1 FROM articles WHERE raw_id = ?1 AND report_of IS NOT NULL",
            params![raw_id],
            |r| r.get::<i64>(0),
        )?
        .is_some())
}

/// Marks `report` as the delivery report of this ticket's mail
/// `message_id` ('' when the report names the ticket only).
pub fn mark_report(conn: &Db, report: i64, message_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE articles SET report_of = ?2 WHERE id = ?1",
        params![report, message_id],
    )?;
    Ok(())
}

/// Marks sent mail `article` as not delivered: to whom, with what status.
pub fn mark_undelivered(conn: &Db, article: i64, what: &str) -> Result<()> {
    conn.execute(
        "UPDATE articles SET undelivered = ?2 WHERE id = ?1",
        params![article, what],
    )?;
    Ok(())
}

/// The message that opened a ticket: its raw id and where it came from;
/// `None` for a ticket opened by hand.
pub fn first_mail(conn: &Db, ticket_id: i64) -> Result<Option<(i64, String)>> {
    conn.query_opt(
        "SELECT raw_id, (SELECT source FROM raw_messages WHERE id = raw_id) FROM articles
             WHERE ticket_id = ?1 AND raw_id IS NOT NULL ORDER BY id LIMIT 1",
        params![ticket_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A mail of a ticket as a reply needs it: who wrote, what, its ids.
pub struct MailArticle {
    pub message_id: Option<String>,
    /// References, without angle brackets.
    pub references: Vec<String>,
    pub from_name: Option<String>,
    pub from_addr: Option<String>,
    pub body: String,
    /// When it was sent (its Date), else when it was stored.
    pub date: i64,
    pub raw_id: Option<i64>,
    pub subject: String,
}

/// The last mail from the customer; else the last mail of the ticket.
pub fn last_mail(conn: &Db, ticket_id: i64) -> Result<Option<MailArticle>> {
    conn
        .query_opt(
            "SELECT message_id, refs, from_name, from_addr, body, coalesce(sent_at, created_at), raw_id, subject FROM articles
             WHERE ticket_id = ?1 AND kind LIKE 'email%'
             ORDER BY sender_type = 'customer' DESC, id DESC LIMIT 1",
            params![ticket_id],
            |r| {
                Ok(MailArticle {
                    message_id: r.get(0)?,
                    references: r
                        .get::<Option<String>>(1)?
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
}
