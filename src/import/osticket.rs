//! osTicket, read from its MySQL database (tables prefixed `ost_` unless
//! told otherwise). osTicket keeps no raw mail: each message and response
//! is rebuilt from the header block it kept (thread_entry_email), its body
//! (HTML or text) and its attachments (file_chunk, or the filesystem
//! plugin's folder), and marked rebuilt; notes become notes. Departments
//! become nested queues (A::B), staff owners, users contacts, thread
//! events history, a ticket_pid a merge.

use super::source::{Row, Source};
use super::write::{check_raw, commit_ticket, save_contacts, HistoryEntry, Prepared, TicketWork};
use super::{Problem, Summary};
use crate::error::{Result, TixError};
use crate::store::imported::{self, ImportedTicket};
use crate::store::Store;
use crate::vocabulary::{ArticleKind, SenderType, StateType};
use std::collections::HashMap;
use std::path::Path;

pub struct Options<'a> {
    /// The filesystem plugin's folder, for attachments kept there.
    pub attachment_dir: Option<&'a Path>,
    pub since: Option<i64>,
    pub dry_run: bool,
    /// The table prefix (`ost_`).
    pub prefix: &'a str,
}

struct Lookups {
    /// department id → full name (A::B)
    departments: HashMap<i64, String>,
    /// status id → (name, tix state type)
    statuses: HashMap<i64, (String, StateType)>,
    staff: HashMap<i64, (String, Option<String>)>,
    /// user id → (name, address)
    users: HashMap<i64, (String, Option<String>)>,
    priorities: HashMap<i64, i64>,
}

pub fn import(
    source: &mut Source,
    store: &mut Store,
    opts: &Options,
    progress: &dyn Fn(u64, u64),
) -> Result<Summary> {
    let p = opts.prefix;
    if !source.has_table(&format!("{p}ticket"))?
        || !source.has_table(&format!("{p}thread_entry"))?
    {
        return Err(TixError::usage(format!(
            "{}: no osTicket tables ({p}ticket, {p}thread_entry) in this database; --prefix names another table prefix",
            source.shown
        )));
    }
    let name = format!("osticket {}", source.shown);
    let look = lookups(source, p)?;
    let cdata = source.has_table(&format!("{p}ticket__cdata"))?;
    let merges = source.has_column(&format!("{p}ticket"), "ticket_pid")?;
    let since = opts
        .since
        .map(|s| format!(" WHERE t.updated >= '{}'", super::sql_time(s)))
        .unwrap_or_default();
    let tickets = source.rows(&format!(
        "SELECT t.ticket_id AS id, t.number, t.user_id, t.status_id, t.dept_id, t.staff_id,
                {} AS created, {} AS changed, {} AS closed, {} AS duedate{}{}
         FROM {p}ticket t{}{since} ORDER BY t.ticket_id",
        source.as_text("t.created"),
        source.as_text("t.updated"),
        source.as_text("t.closed"),
        source.as_text("t.duedate"),
        if cdata { ", c.subject, c.priority" } else { "" },
        if merges { ", t.ticket_pid" } else { "" },
        if cdata {
            format!(" LEFT JOIN {p}ticket__cdata c ON c.ticket_id = t.ticket_id")
        } else {
            String::new()
        },
    ))?;
    let mut summary = Summary::new(&name, tickets.len() as u64);
    if opts.dry_run {
        for t in &tickets {
            match imported::ticket_of(&store.conn, &name, t.int("id").unwrap_or(0))? {
                None => summary.tickets_new += 1,
                Some(k) if k.changed != t.text("changed").unwrap_or_default() => {
                    summary.tickets_updated += 1
                }
                Some(_) => summary.tickets_unchanged += 1,
            }
        }
        return Ok(summary);
    }
    let total = tickets.len() as u64;
    for (i, t) in tickets.iter().enumerate() {
        match one_ticket(source, store, &name, &look, opts, t, &mut summary) {
            Ok(written) => check_raw(store, &name, t.text("number"), written, &mut summary)?,
            Err(e) => summary.problems.push(Problem {
                ticket: t.text("number"),
                article: None,
                why: e.to_string(),
            }),
        }
        progress(i as u64 + 1, total);
    }
    if merges {
        merged(store, &name, &tickets, &mut summary)?;
    }
    contacts(store, &name, &look, &mut summary)?;
    let count = |source: &mut Source, sql: &str| -> Result<u64> {
        Ok(source
            .rows(sql)?
            .first()
            .and_then(|r| r.int("n"))
            .unwrap_or(0) as u64)
    };
    summary.source_articles = count(
        source,
        &format!(
            "SELECT count(*) AS n FROM {p}thread_entry e JOIN {p}thread h ON h.id = e.thread_id
             JOIN {p}ticket t ON t.ticket_id = h.object_id AND h.object_type = 'T'{since}"
        ),
    )?;
    let (have_tickets, have_articles, _) = imported::counts(&store.conn, &name)?;
    if opts.since.is_none()
        && (have_tickets as u64 != summary.source_tickets
            || have_articles as u64 != summary.source_articles)
    {
        summary.problems.push(Problem {
            ticket: None,
            article: None,
            why: format!(
                "the source has {} tickets and {} thread entries, the store {have_tickets} and {have_articles} from it",
                summary.source_tickets, summary.source_articles
            ),
        });
    }
    Ok(summary)
}

fn lookups(source: &mut Source, p: &str) -> Result<Lookups> {
    let depts: Vec<(i64, Option<i64>, String)> = source
        .rows(&format!("SELECT id, pid, name FROM {p}department"))?
        .iter()
        .filter_map(|r| {
            Some((
                r.int("id")?,
                r.int("pid").filter(|&x| x > 0),
                r.text("name")?,
            ))
        })
        .collect();
    let by_id: HashMap<i64, (Option<i64>, String)> = depts
        .iter()
        .map(|(id, pid, n)| (*id, (*pid, n.clone())))
        .collect();
    let departments = depts
        .iter()
        .map(|(id, _, _)| {
            let mut names = Vec::new();
            let mut at = Some(*id);
            // A parent chain, cut at a loop.
            while let Some(d) = at.filter(|_| names.len() < 16) {
                let Some((pid, n)) = by_id.get(&d) else { break };
                names.push(n.clone());
                at = *pid;
            }
            names.reverse();
            (*id, names.join("::"))
        })
        .collect();
    let statuses = source
        .rows(&format!("SELECT id, name, state FROM {p}ticket_status"))?
        .iter()
        .filter_map(|r| {
            let kind = match r.text("state")?.as_str() {
                "closed" | "archived" => StateType::Closed,
                "deleted" => StateType::Removed,
                _ => StateType::Open,
            };
            Some((r.int("id")?, (r.text("name")?, kind)))
        })
        .collect();
    let staff = source
        .rows(&format!(
            "SELECT staff_id AS id, username, email FROM {p}staff"
        ))?
        .iter()
        .filter_map(|r| Some((r.int("id")?, (r.text("username")?, r.text("email")))))
        .collect();
    let users = source
        .rows(&format!(
            "SELECT u.id, u.name, e.address FROM {p}user u
             LEFT JOIN {p}user_email e ON e.id = u.default_email_id"
        ))?
        .iter()
        .filter_map(|r| {
            Some((
                r.int("id")?,
                (r.text("name").unwrap_or_default(), r.text("address")),
            ))
        })
        .collect();
    // osTicket's urgency: 1 emergency … 4 low; tix: 5 very high … 1 very low.
    let priorities = source
        .rows(&format!(
            "SELECT priority_id AS id, priority_urgency AS urgency FROM {p}ticket_priority"
        ))?
        .iter()
        .filter_map(|r| Some((r.int("id")?, (6 - r.int("urgency")?).clamp(1, 5))))
        .collect();
    Ok(Lookups {
        departments,
        statuses,
        staff,
        users,
        priorities,
    })
}

fn one_ticket(
    source: &mut Source,
    store: &mut Store,
    name: &str,
    look: &Lookups,
    opts: &Options,
    t: &Row,
    summary: &mut Summary,
) -> Result<Vec<(i64, Vec<u8>)>> {
    let p = opts.prefix;
    let id = t.int("id").unwrap_or(0);
    let number = t.text("number").unwrap_or_else(|| id.to_string());
    let changed = t.text("changed").unwrap_or_default();
    let known = imported::ticket_of(&store.conn, name, id)?;
    if known.as_ref().is_some_and(|k| k.changed == changed) {
        summary.tickets_unchanged += 1;
        return Ok(vec![]);
    }
    let thread = source
        .rows(&format!(
            "SELECT id FROM {p}thread WHERE object_type = 'T' AND object_id = {id} ORDER BY id"
        ))?
        .first()
        .and_then(|r| r.int("id"))
        .unwrap_or(0);
    let entries = source.rows(&format!(
        "SELECT e.id, e.type, e.staff_id, e.user_id, e.poster, e.source, e.title, e.body, e.format,
                {} AS created, m.mid, m.headers
         FROM {p}thread_entry e LEFT JOIN {p}thread_entry_email m ON m.thread_entry_id = e.id
         WHERE e.thread_id = {thread} ORDER BY e.created, e.id",
        source.as_text("e.created")
    ))?;
    let (state, mut state_type) = t
        .int("status_id")
        .and_then(|s| look.statuses.get(&s).cloned())
        .unwrap_or_else(|| ("Open".into(), StateType::Open));
    if t.int("ticket_pid").is_some_and(|pid| pid > 0 && pid != id) {
        state_type = StateType::Merged;
    }
    let customer = t.int("user_id").and_then(|u| look.users.get(&u));
    let subject = t
        .text("subject")
        .filter(|s| !s.trim().is_empty())
        .or_else(|| entries.first().and_then(|e| e.text("title")))
        .unwrap_or_default();
    let created_at = super::parse_time(&t.text("created").unwrap_or_default());
    let updated_at = super::parse_time(&changed);
    let closed = t
        .text("closed")
        .map(|c| super::parse_time(&c))
        .filter(|&c| c > 0);
    let owner = t
        .int("staff_id")
        .and_then(|s| look.staff.get(&s))
        .map(|(login, _)| login.clone());
    let queue = t
        .int("dept_id")
        .and_then(|d| look.departments.get(&d).cloned())
        .unwrap_or_else(|| "Raw".into());
    let priority = t
        .text("priority")
        .and_then(|p| p.trim().parse::<i64>().ok())
        .and_then(|p| look.priorities.get(&p).copied())
        .unwrap_or(3);
    let ticket = ImportedTicket {
        number: &number,
        title: &subject,
        queue: &queue,
        state: &state,
        state_type,
        priority,
        owner: owner.as_deref(),
        responsible: None,
        customer_address: customer.and_then(|c| c.1.as_deref()),
        customer_name: customer.map(|c| c.0.as_str()).filter(|n| !n.is_empty()),
        pending_until: None,
        created_at,
        updated_at,
        closed_at: (state_type == StateType::Closed).then(|| closed.unwrap_or(updated_at)),
    };
    let mut articles = Vec::new();
    for e in &entries {
        let entry = e.int("id").unwrap_or(0);
        if imported::article_of(&store.conn, name, entry)?.is_some() {
            continue;
        }
        articles.push(prepare_entry(
            source, look, opts, e, &subject, customer, summary, &number,
        )?);
    }
    let events = source.rows(&format!(
        "SELECT state, username, data, {} AS at FROM {p}thread_event WHERE thread_id = {thread} ORDER BY {}",
        source.as_text("timestamp"),
        "timestamp"
    ))?;
    // Events have no id in older schemas: all of them are read again and
    // only those after the last one imported are new.
    let done = known.as_ref().map_or(0, |k| k.history_done);
    let history: Vec<HistoryEntry> = events
        .iter()
        .map(|ev| HistoryEntry {
            actor: ev
                .text("username")
                .filter(|u| u != "SYSTEM")
                .unwrap_or_else(|| "tix".into()),
            action: match ev.text("state").as_deref() {
                Some("created") => "created",
                Some("closed") => "state",
                Some("reopened") => "reopened",
                Some("assigned") => "owner",
                Some("transferred") => "queue",
                Some("overdue") => "escalated",
                Some("resent") => "redirected",
                _ => "imported",
            },
            detail: ev
                .text("data")
                .filter(|d| !d.is_empty())
                .or_else(|| ev.text("state")),
            at: super::parse_time(&ev.text("at").unwrap_or_default()),
        })
        .skip(done as usize)
        .collect();
    let last_history = events.len() as i64;
    let work = TicketWork {
        source_id: id,
        changed: &changed,
        ticket,
        articles,
        history,
        last_history,
    };
    commit_ticket(store, name, known.as_ref(), &work, summary)
}

/// One thread entry: a message (M) or response (R) as mail rebuilt from
/// what osTicket kept; a note (N) as a note.
#[allow(clippy::too_many_arguments)]
fn prepare_entry(
    source: &mut Source,
    look: &Lookups,
    opts: &Options,
    e: &Row,
    subject: &str,
    customer: Option<&(String, Option<String>)>,
    summary: &mut Summary,
    number: &str,
) -> Result<Prepared> {
    let p = opts.prefix;
    let id = e.int("id").unwrap_or(0);
    let kind_letter = e.text("type").unwrap_or_default();
    let staff = e
        .int("staff_id")
        .filter(|&s| s > 0)
        .and_then(|s| look.staff.get(&s));
    let created_at = super::parse_time(&e.text("created").unwrap_or_default());
    let html = e
        .text("format")
        .is_some_and(|f| f.eq_ignore_ascii_case("html"));
    let body = e.text("body").unwrap_or_default();
    let mut attachments = Vec::new();
    for a in source.rows(&format!(
        "SELECT f.id, f.name, f.type, f.bk, f.{key} AS file_key FROM {p}attachment a
         JOIN {p}file f ON f.id = a.file_id
         WHERE a.object_id = {id} AND a.type = 'H' ORDER BY a.id",
        key = source.quoted("key")
    ))? {
        let file = a.int("id").unwrap_or(0);
        let bytes = if a.text("bk").as_deref() == Some("F") {
            let key = a.text("file_key").unwrap_or_default();
            let found = opts.attachment_dir.and_then(|dir| {
                let first = key.get(..1).unwrap_or("");
                std::fs::read(dir.join(first).join(&key))
                    .or_else(|_| std::fs::read(dir.join(&key)))
                    .ok()
            });
            match found {
                Some(b) => b,
                None => {
                    summary.problems.push(Problem {
                        ticket: Some(number.to_string()),
                        article: Some(id),
                        why: format!(
                            "attachment {:?} is kept by the filesystem plugin (key {key}); give its folder with --attachment-dir",
                            a.text("name").unwrap_or_default()
                        ),
                    });
                    continue;
                }
            }
        } else {
            source
                .rows(&format!(
                    "SELECT filedata FROM {p}file_chunk WHERE file_id = {file} ORDER BY chunk_id"
                ))?
                .iter()
                .flat_map(|r| r.bytes("filedata").unwrap_or_default())
                .collect()
        };
        attachments.push((
            a.text("name").unwrap_or_else(|| "attachment".into()),
            a.text("type")
                .filter(|t| !t.is_empty())
                .unwrap_or_else(|| "application/octet-stream".into()),
            bytes,
        ));
    }
    let title = e
        .text("title")
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| subject.to_string());
    let (kind, sender_type) = match kind_letter.as_str() {
        "M" => (
            if e.text("source").as_deref() == Some("Phone") {
                ArticleKind::PhoneIn
            } else {
                ArticleKind::EmailIn
            },
            SenderType::Customer,
        ),
        "R" => (ArticleKind::EmailOut, SenderType::Agent),
        _ => (ArticleKind::Note, SenderType::Agent),
    };
    let created_by = match sender_type {
        SenderType::Customer => "tix".to_string(),
        _ => staff.map(|s| s.0.clone()).unwrap_or_else(|| "tix".into()),
    };
    let from = match sender_type {
        SenderType::Customer => customer.and_then(|c| c.1.clone()),
        _ => staff.and_then(|s| s.1.clone()),
    };
    let message_id = e
        .text("mid")
        .map(|m| m.trim().trim_matches(['<', '>']).to_string())
        .filter(|m| !m.is_empty());
    let text_body = if html {
        html2text::from_read(body.as_bytes(), 80).unwrap_or_else(|_| body.clone())
    } else {
        body.clone()
    };
    if kind == ArticleKind::Note {
        return Ok(Prepared {
            source_id: id,
            kind,
            sender_type,
            created_by,
            created_at,
            raw: None,
            rebuilt: true,
            mail: None,
            from: e.text("poster"),
            to: None,
            cc: None,
            subject: title,
            message_id: None,
            body: text_body,
            attachments,
        });
    }
    let to = match sender_type {
        SenderType::Customer => None,
        _ => customer.and_then(|c| c.1.clone()),
    };
    let raw = rebuild_mail(
        e.text("headers").as_deref(),
        &Mail {
            from: from.as_deref(),
            from_name: e.text("poster").as_deref(),
            to: to.as_deref(),
            subject: &title,
            date: created_at,
            message_id: message_id.as_deref(),
            body: &body,
            html,
            attachments: &attachments,
        },
    )?;
    let mail = crate::mail::parse::parse(&raw, usize::MAX).ok();
    Ok(Prepared {
        source_id: id,
        kind,
        sender_type,
        created_by,
        created_at,
        rebuilt: true,
        raw: mail.is_some().then_some(raw),
        from,
        to,
        cc: None,
        subject: title,
        message_id,
        body: text_body,
        attachments: if mail.is_some() { vec![] } else { attachments },
        mail,
    })
}

struct Mail<'a> {
    from: Option<&'a str>,
    from_name: Option<&'a str>,
    to: Option<&'a str>,
    subject: &'a str,
    date: i64,
    message_id: Option<&'a str>,
    body: &'a str,
    html: bool,
    attachments: &'a [(String, String, Vec<u8>)],
}

/// A message as osTicket received or sent it, as near as it kept it: its
/// own header block when it kept one (the MIME headers replaced by those
/// of the body built here), else headers made from the entry's fields.
fn rebuild_mail(headers: Option<&str>, m: &Mail) -> Result<Vec<u8>> {
    use lettre::message::header::ContentType;
    use lettre::message::{Attachment, MultiPart, SinglePart};
    let text = if m.html {
        SinglePart::html(m.body.to_string())
    } else {
        SinglePart::plain(m.body.to_string())
    };
    let mut parts = MultiPart::mixed().singlepart(text);
    for (name, content_type, bytes) in m.attachments {
        let ct = ContentType::parse(content_type).unwrap_or_else(|_| {
            ContentType::parse("application/octet-stream").expect("a valid type")
        });
        parts = parts.singlepart(Attachment::new(name.clone()).body(bytes.clone(), ct));
    }
    if let Some(kept) = headers.filter(|h| h.contains(':')) {
        let mut out = Vec::new();
        let mut skipping = false;
        for line in kept.lines() {
            if line.starts_with([' ', '\t']) {
                if !skipping {
                    out.extend_from_slice(line.as_bytes());
                    out.extend_from_slice(b"\r\n");
                }
                continue;
            }
            let field = line
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            skipping =
                field.starts_with("content-") || field == "mime-version" || line.trim().is_empty();
            if !skipping {
                out.extend_from_slice(line.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
        }
        out.extend_from_slice(b"MIME-Version: 1.0\r\n");
        out.extend_from_slice(&parts.formatted());
        return Ok(out);
    }
    let mailbox = |addr: Option<&str>, name: Option<&str>| -> Option<lettre::message::Mailbox> {
        let address = addr?.parse().ok()?;
        Some(lettre::message::Mailbox::new(
            name.map(str::to_string),
            address,
        ))
    };
    let from = mailbox(m.from, m.from_name).unwrap_or_else(|| {
        lettre::message::Mailbox::new(
            m.from_name.map(str::to_string),
            "unknown@invalid".parse().expect("an address"),
        )
    });
    // A message from the web form has no To: the envelope lettre insists
    // on is not part of the bytes.
    let envelope =
        lettre::address::Envelope::new(Some(from.email.clone()), vec![from.email.clone()])
            .map_err(|e| TixError::failure(format!("cannot rebuild the message: {e}")))?;
    let mut b = lettre::Message::builder()
        .envelope(envelope)
        .from(from)
        .subject(m.subject)
        .date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(m.date.max(0) as u64));
    if let Some(to) = mailbox(m.to, None) {
        b = b.to(to);
    }
    if let Some(id) = m.message_id {
        b = b.message_id(Some(format!("<{id}>")));
    }
    let message = b
        .multipart(parts)
        .map_err(|e| TixError::failure(format!("cannot rebuild the message: {e}")))?;
    Ok(message.formatted())
}

/// Tickets merged into another (ticket_pid) point at it.
fn merged(store: &mut Store, name: &str, tickets: &[Row], summary: &mut Summary) -> Result<()> {
    let pairs: Vec<(i64, i64)> = tickets
        .iter()
        .filter_map(|t| Some((t.int("id")?, t.int("ticket_pid").filter(|&p| p > 0)?)))
        .filter(|(a, b)| a != b)
        .collect();
    let mut merges = 0;
    store.write(|tx| {
        for (from, into) in &pairs {
            if let (Some(from), Some(into)) = (
                imported::ticket_id_of(tx, name, *from)?,
                imported::ticket_id_of(tx, name, *into)?,
            ) {
                imported::set_merged_into(tx, from, into)?;
                merges += 1;
            }
        }
        Ok(())
    })?;
    summary.merged += merges;
    Ok(())
}

/// osTicket's users with an address, as contacts (`user-ID`).
fn contacts(store: &mut Store, name: &str, look: &Lookups, summary: &mut Summary) -> Result<()> {
    let list = look
        .users
        .iter()
        .filter_map(|(id, (n, a))| Some((format!("user-{id}"), n.clone(), a.clone()?)))
        .collect();
    save_contacts(store, name, list, summary)
}
