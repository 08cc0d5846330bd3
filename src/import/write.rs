//! Writing what a reader of another system prepared: one article with its
//! raw message (kept once, however often the source holds it) or rebuilt
//! from its fields and attachments, and the mark that it is imported.

use super::Summary;
use crate::error::Result;
use crate::store::articles::{self, AttachmentBytes, NewArticle, NewAttachment};
use crate::store::history::{self, Change};
use crate::store::imported::{self, ImportedTicket, Known};
use crate::store::{raw_messages, Store};
use crate::vocabulary::{ArticleKind, SenderType};
use sha2::{Digest, Sha256};

/// An article read and ready to write.
pub(super) struct Prepared {
    pub(super) source_id: i64,
    pub(super) kind: ArticleKind,
    pub(super) sender_type: SenderType,
    pub(super) created_by: String,
    pub(super) created_at: i64,
    /// The raw message, when the system kept one (or one was rebuilt).
    pub(super) raw: Option<Vec<u8>>,
    /// Made here from the system's fields, not kept by it.
    pub(super) rebuilt: bool,
    pub(super) mail: Option<crate::mail::parse::ParsedMail>,
    /// Fields of an article rebuilt without its raw message.
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) cc: Option<String>,
    pub(super) subject: String,
    pub(super) message_id: Option<String>,
    pub(super) body: String,
    pub(super) attachments: Vec<(String, String, Vec<u8>)>,
}

/// A history entry as tix words it.
pub(super) struct HistoryEntry {
    pub(super) actor: String,
    pub(super) action: &'static str,
    pub(super) detail: Option<String>,
    pub(super) at: i64,
}

/// One source ticket, read and ready: written whole or not at all.
pub(super) struct TicketWork<'a> {
    pub(super) source_id: i64,
    /// The source's change time, to know next time whether it changed.
    pub(super) changed: &'a str,
    pub(super) ticket: ImportedTicket<'a>,
    /// The articles not imported before.
    pub(super) articles: Vec<Prepared>,
    /// The history entries not imported before, and the last one's id.
    pub(super) history: Vec<HistoryEntry>,
    pub(super) last_history: i64,
}

/// Writes one ticket in one transaction with its import mark; returns
/// each raw message's source article id with the SHA-256 of the bytes.
pub(super) fn commit_ticket(
    store: &mut Store,
    name: &str,
    known: Option<&Known>,
    work: &TicketWork,
    summary: &mut Summary,
) -> Result<Vec<(i64, Vec<u8>)>> {
    store.write(|tx| {
        let ticket_id = match known {
            Some(k) => {
                imported::update_ticket(tx, k.ticket_id, &work.ticket)?;
                k.ticket_id
            }
            None => imported::insert_ticket(tx, &work.ticket)?,
        };
        for p in &work.articles {
            write_article(tx, name, ticket_id, p)?;
        }
        for h in &work.history {
            history::record(
                tx,
                &Change {
                    ticket_id,
                    actor: &h.actor,
                    action: h.action,
                    old: None,
                    new: None,
                    detail: h.detail.as_deref(),
                    at: h.at,
                },
            )?;
        }
        articles::recount_answers(tx, ticket_id)?;
        imported::remember_ticket(
            tx,
            name,
            work.source_id,
            ticket_id,
            work.changed,
            work.last_history,
        )
    })?;
    if known.is_none() {
        summary.tickets_new += 1;
    } else {
        summary.tickets_updated += 1;
    }
    summary.articles += work.articles.len() as u64;
    summary.rebuilt += work.articles.iter().filter(|p| p.rebuilt).count() as u64;
    summary.history += work.history.len() as u64;
    Ok(work
        .articles
        .iter()
        .filter_map(|p| Some((p.source_id, Sha256::digest(p.raw.as_ref()?).to_vec())))
        .collect())
}

/// Reads each raw message written for ticket `number` back from the store
/// and compares it with the bytes read from the source.
pub(super) fn check_raw(
    store: &Store,
    name: &str,
    number: Option<String>,
    written: Vec<(i64, Vec<u8>)>,
    summary: &mut Summary,
) -> Result<()> {
    for (article, sha) in written {
        let stored = imported::raw_bytes_of(&store.conn, name, article)?;
        if stored.map(|b| Sha256::digest(&b).to_vec()) == Some(sha) {
            summary.verified_raw += 1;
        } else {
            summary.problems.push(super::Problem {
                ticket: number.clone(),
                article: Some(article),
                why: "the stored raw message differs from the one read".into(),
            });
        }
    }
    Ok(())
}

pub(super) fn write_article(
    tx: &crate::store::Db,
    name: &str,
    ticket_id: i64,
    p: &Prepared,
) -> Result<()> {
    let article_id = match (&p.raw, &p.mail) {
        (Some(raw), Some(mail)) => {
            let identity = crate::mail::fingerprint::identify(raw);
            let raw_id = match imported::raw_id_by_fingerprint(tx, &identity.fingerprint)? {
                Some(id) => id,
                None => raw_messages::insert(
                    tx,
                    &raw_messages::NewRaw {
                        fingerprint: &identity.fingerprint,
                        message_id: identity.message_id.as_deref(),
                        bytes: raw,
                        size: raw.len() as u64,
                        source: name,
                        received_at: p.created_at,
                        quarantined: None,
                    },
                )?,
            };
            let (to, cc) = (mail.to.join(", "), mail.cc.join(", "));
            let (in_reply_to, refs) = (mail.in_reply_to.join(" "), mail.references.join(" "));
            let article_id = articles::insert_article(
                tx,
                &NewArticle {
                    ticket_id,
                    kind: p.kind,
                    sender_type: p.sender_type,
                    from_name: mail.from_name.as_deref(),
                    from_addr: mail.from_addr.as_deref(),
                    to_addrs: Some(to.as_str()).filter(|s| !s.is_empty()),
                    cc_addrs: Some(cc.as_str()).filter(|s| !s.is_empty()),
                    subject: &mail.subject,
                    message_id: mail.message_id.as_deref(),
                    in_reply_to: Some(in_reply_to.as_str()).filter(|s| !s.is_empty()),
                    refs: Some(refs.as_str()).filter(|s| !s.is_empty()),
                    body: &mail.body,
                    raw_id: Some(raw_id),
                    sent_at: mail.date,
                    created_at: p.created_at,
                    created_by: &p.created_by,
                    index: None,
                },
            )?;
            for (i, att) in mail.attachments.iter().enumerate() {
                articles::insert_attachment(
                    tx,
                    &NewAttachment {
                        article_id,
                        filename: &att.filename,
                        content_type: &att.content_type,
                        size: att.size,
                        sha256: &att.sha256,
                        bytes: AttachmentBytes::InRaw(i),
                    },
                )?;
            }
            article_id
        }
        _ => {
            let (from_name, from_addr) = super::split_address(p.from.as_deref());
            let article_id = articles::insert_article(
                tx,
                &NewArticle {
                    ticket_id,
                    kind: p.kind,
                    sender_type: p.sender_type,
                    from_name: from_name.as_deref(),
                    from_addr: from_addr.as_deref(),
                    to_addrs: p.to.as_deref().filter(|s| !s.is_empty()),
                    cc_addrs: p.cc.as_deref().filter(|s| !s.is_empty()),
                    subject: &p.subject,
                    message_id: p.message_id.as_deref(),
                    in_reply_to: None,
                    refs: None,
                    body: &p.body,
                    raw_id: None,
                    sent_at: Some(p.created_at),
                    created_at: p.created_at,
                    created_by: &p.created_by,
                    index: None,
                },
            )?;
            for (filename, content_type, bytes) in &p.attachments {
                articles::insert_attachment(
                    tx,
                    &NewAttachment {
                        article_id,
                        filename,
                        content_type,
                        size: bytes.len(),
                        sha256: &hex(&Sha256::digest(bytes)),
                        bytes: AttachmentBytes::Stored(bytes),
                    },
                )?;
            }
            article_id
        }
    };
    imported::remember_article(tx, name, p.source_id, article_id, p.rebuilt)
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The other system's customers as contacts: (id, name, address) each.
pub(super) fn save_contacts(
    store: &mut Store,
    name: &str,
    mut list: Vec<(String, String, String)>,
    summary: &mut Summary,
) -> Result<()> {
    let at = crate::dates::now();
    list.sort();
    store.write(|tx| {
        for (id, full_name, address) in &list {
            let c = crate::store::contacts::Contact {
                id: id.clone(),
                name: full_name.clone(),
                org: None,
                addresses: vec![address.to_lowercase()],
                inactive: vec![],
                fields: serde_json::json!({}),
            };
            crate::store::contacts::save(tx, &c, name, at)?;
        }
        Ok(())
    })?;
    summary.contacts = list.len() as u64;
    Ok(())
}
