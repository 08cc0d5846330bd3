//! OTRS and Znuny, read from their own database: the schema of OTRS 6 and
//! later (article + article_data_mime*) and of OTRS 5 (the mail fields in
//! article itself). Ticket numbers, queues (A::B), states, owners and the
//! history are kept; each mail keeps its raw message, from the article
//! directory (ArticleStorageFS) or the database (ArticleStorageDB), files
//! first; articles without one (notes, calls) are rebuilt from their
//! fields and attachments and marked so.

use super::source::{Row, Source};
use super::write::{check_raw, commit_ticket, save_contacts, HistoryEntry, Prepared, TicketWork};
use super::{Problem, Summary, Writing};
use crate::error::{Result, TixError};
use crate::store::imported::{self, ImportedTicket};
use crate::store::links::{self, LinkKind};
use crate::store::Store;
use crate::vocabulary::{ArticleKind, SenderType, StateType};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Tickets read from the source at a time.
const TICKET_PAGE: usize = 1000;

/// Which OTRS: 6 and later keep mail fields in article_data_mime.
#[derive(Clone, Copy, PartialEq)]
enum Schema {
    Otrs6,
    Otrs5,
}

impl Schema {
    fn plain_table(self) -> &'static str {
        match self {
            Schema::Otrs6 => "article_data_mime_plain",
            Schema::Otrs5 => "article_plain",
        }
    }
    fn attachment_table(self) -> &'static str {
        match self {
            Schema::Otrs6 => "article_data_mime_attachment",
            Schema::Otrs5 => "article_attachment",
        }
    }
}

/// The other system's names for its ids.
struct Lookups {
    queues: HashMap<i64, String>,
    /// state id → (name, tix state type)
    states: HashMap<i64, (String, StateType)>,
    priorities: HashMap<i64, i64>,
    /// user id → login (id 1, OTRS's admin, stands for "nobody" as owner)
    users: HashMap<i64, String>,
    sender_types: HashMap<i64, String>,
    /// channel (6) or article type (5) id → name
    channels: HashMap<i64, String>,
    history_types: HashMap<i64, String>,
    /// customer_user login → (email, name)
    customers: HashMap<String, (String, String)>,
}

pub struct Options<'a> {
    pub article_dir: Option<&'a Path>,
    pub since: Option<i64>,
    pub dry_run: bool,
}

/// Imports what `source` holds that the store lacks; `progress` is told
/// (done, total) after each ticket.
pub fn import(
    source: &mut Source,
    store: &mut Store,
    opts: &Options,
    progress: &dyn Fn(u64, u64),
) -> Result<Summary> {
    let schema = if source.has_table("article_data_mime")? {
        Schema::Otrs6
    } else if source.has_table("article")? && source.has_table("article_plain")? {
        Schema::Otrs5
    } else {
        return Err(TixError::usage(format!(
            "{}: no OTRS tables (ticket, article) in this database",
            source.shown
        )));
    };
    let name = format!("otrs {}", source.shown);
    let look = lookups(source, schema)?;
    let since = opts
        .since
        .map(|s| format!(" AND t.change_time >= '{}'", super::sql_time(s)))
        .unwrap_or_default();
    let total = source
        .rows(&format!(
            "SELECT count(*) AS n FROM ticket t WHERE 1 = 1{since}"
        ))?
        .first()
        .and_then(|r| r.int("n"))
        .unwrap_or(0) as u64;
    let mut summary = Summary::new(&name, total);
    // The tickets a page at a time: memory stays flat however many.
    let (mut after, mut done) = (0i64, 0u64);
    loop {
        let page = source.rows(&format!(
            "SELECT t.id, t.tn, t.title, t.queue_id, t.ticket_state_id, t.ticket_priority_id, t.user_id,
                    t.responsible_user_id, t.customer_user_id, t.until_time,
                    {} AS created, {} AS changed
             FROM ticket t WHERE t.id > {after}{since} ORDER BY t.id LIMIT {TICKET_PAGE}",
            source.as_text("t.create_time"),
            source.as_text("t.change_time"),
        ))?;
        let Some(last) = page.last().and_then(|t| t.int("id")) else {
            break;
        };
        after = last;
        for t in &page {
            done += 1;
            let id = t.int("id").unwrap_or(0);
            if opts.dry_run {
                match imported::ticket_of(&store.conn, &name, id)? {
                    None => summary.tickets_new += 1,
                    Some(k) if k.changed != t.text("changed").unwrap_or_default() => {
                        summary.tickets_updated += 1
                    }
                    Some(_) => summary.tickets_unchanged += 1,
                }
                continue;
            }
            let mut w = Writing::default();
            if let Err(e) = one_ticket(
                source,
                store,
                &name,
                schema,
                &look,
                opts,
                t,
                &mut summary,
                &mut w,
            ) {
                summary.problems.push(Problem {
                    ticket: t.text("tn"),
                    article: None,
                    why: e.to_string(),
                });
            } else {
                // The raw mail read back from the store is the bytes read.
                check_raw(store, &name, t.text("tn"), w.fingerprints, &mut summary)?;
            }
            progress(done, total);
        }
    }
    if opts.dry_run {
        return Ok(summary);
    }
    relations(source, store, &name, &mut summary)?;
    contacts(store, &name, &look, &mut summary)?;
    verify(source, store, &name, opts, &mut summary)?;
    Ok(summary)
}

fn lookups(source: &mut Source, schema: Schema) -> Result<Lookups> {
    let pairs = |source: &mut Source, sql: &str| -> Result<HashMap<i64, String>> {
        Ok(source
            .rows(sql)?
            .iter()
            .filter_map(|r| Some((r.int("id")?, r.text("name")?)))
            .collect())
    };
    let states = source
        .rows(
            "SELECT s.id, s.name, y.name AS type FROM ticket_state s
             JOIN ticket_state_type y ON y.id = s.type_id",
        )?
        .iter()
        .filter_map(|r| {
            let kind = match r.text("type")?.to_lowercase().as_str() {
                "new" => StateType::New,
                "open" => StateType::Open,
                "closed" => StateType::Closed,
                "pending reminder" => StateType::PendingReminder,
                "pending auto" => StateType::PendingAutoClose,
                "removed" => StateType::Removed,
                "merged" => StateType::Merged,
                _ => StateType::Open,
            };
            Some((r.int("id")?, (r.text("name")?, kind)))
        })
        .collect();
    let priorities = source
        .rows("SELECT id, name FROM ticket_priority")?
        .iter()
        .filter_map(|r| {
            let id = r.int("id")?;
            // "3 normal": the leading digit is the level.
            let level = r
                .text("name")
                .and_then(|n| n.trim().chars().next()?.to_digit(10))
                .map(i64::from)
                .unwrap_or(id);
            Some((id, level.clamp(1, 5)))
        })
        .collect();
    let channels = match schema {
        Schema::Otrs6 => pairs(source, "SELECT id, name FROM communication_channel")?,
        Schema::Otrs5 => pairs(source, "SELECT id, name FROM article_type")?,
    };
    let customers = if source.has_table("customer_user")? {
        source
            .rows("SELECT login, email, first_name, last_name FROM customer_user")?
            .iter()
            .filter_map(|r| {
                let name = format!(
                    "{} {}",
                    r.text("first_name").unwrap_or_default(),
                    r.text("last_name").unwrap_or_default()
                );
                Some((
                    r.text("login")?,
                    (r.text("email")?, name.trim().to_string()),
                ))
            })
            .collect()
    } else {
        HashMap::new()
    };
    Ok(Lookups {
        queues: pairs(source, "SELECT id, name FROM queue")?,
        states,
        priorities,
        users: pairs(source, "SELECT id, login AS name FROM users")?,
        sender_types: pairs(source, "SELECT id, name FROM article_sender_type")?,
        channels,
        history_types: pairs(source, "SELECT id, name FROM ticket_history_type")?,
        customers,
    })
}

/// One ticket, in one transaction with what marks it imported: a run
/// stopped at any point resumes with this ticket whole or not at all.
#[allow(clippy::too_many_arguments)]
fn one_ticket(
    source: &mut Source,
    store: &mut Store,
    name: &str,
    schema: Schema,
    look: &Lookups,
    opts: &Options,
    t: &Row,
    summary: &mut Summary,
    w: &mut Writing,
) -> Result<()> {
    let id = t.int("id").unwrap_or(0);
    let number = t.text("tn").unwrap_or_default();
    let changed = t.text("changed").unwrap_or_default();
    let known = imported::ticket_of(&store.conn, name, id)?;
    if known.as_ref().is_some_and(|k| k.changed == changed) {
        summary.tickets_unchanged += 1;
        return Ok(());
    }
    let (state, state_type) = t
        .int("ticket_state_id")
        .and_then(|s| look.states.get(&s).cloned())
        .unwrap_or_else(|| ("open".into(), StateType::Open));
    let user = |column: &str| {
        t.int(column)
            .filter(|&u| u != 1)
            .and_then(|u| look.users.get(&u).cloned())
    };
    let customer_login = t.text("customer_user_id").filter(|c| !c.trim().is_empty());
    let (customer_address, customer_name) = match &customer_login {
        Some(login) => match look.customers.get(login) {
            Some((email, name)) => (
                Some(email.clone()),
                Some(name.clone()).filter(|n| !n.is_empty()),
            ),
            None if login.contains('@') => (Some(login.clone()), None),
            None => (None, None),
        },
        None => (None, None),
    };
    let created_at = super::parse_time(&t.text("created").unwrap_or_default());
    let updated_at = super::parse_time(&changed);
    let pending_until = t
        .int("until_time")
        .filter(|&u| u > 0 && state_type.is_pending());
    let queue = t
        .int("queue_id")
        .and_then(|q| look.queues.get(&q).cloned())
        .unwrap_or_else(|| "Raw".into());
    let (owner, responsible) = (user("user_id"), user("responsible_user_id"));
    let title = t.text("title").unwrap_or_default();
    let ticket = ImportedTicket {
        number: &number,
        title: &title,
        queue: &queue,
        state: &state,
        state_type,
        priority: t
            .int("ticket_priority_id")
            .and_then(|p| look.priorities.get(&p).copied())
            .unwrap_or(3),
        owner: owner.as_deref(),
        responsible: responsible.as_deref(),
        customer_address: customer_address.as_deref(),
        customer_name: customer_name.as_deref(),
        pending_until,
        created_at,
        updated_at,
        closed_at: (state_type == StateType::Closed).then_some(updated_at),
    };
    // Read everything before writing: the source is not held while the
    // store's write lock is.
    let article_rows = article_rows(source, schema, id, opts.article_dir.is_none())?;
    let mut prepared = Vec::new();
    for a in &article_rows {
        let article_id = a.int("id").unwrap_or(0);
        if imported::article_of(&store.conn, name, article_id)?.is_some() {
            continue;
        }
        prepared.push(prepare_article(
            source, schema, look, opts, a, &number, summary,
        )?);
    }
    let done = known.as_ref().map_or(0, |k| k.history_done);
    let history_rows = source.rows(&format!(
        "SELECT id, name, history_type_id, create_by, {} AS created FROM ticket_history
         WHERE ticket_id = {id} AND id > {done} ORDER BY id",
        source.as_text("create_time")
    ))?;
    let last_history = history_rows
        .last()
        .and_then(|h| h.int("id"))
        .unwrap_or(done);
    let history: Vec<HistoryEntry> = history_rows
        .iter()
        .map(|h| {
            let kind = h
                .int("history_type_id")
                .and_then(|k| look.history_types.get(&k))
                .map(String::as_str)
                .unwrap_or("");
            HistoryEntry {
                actor: h
                    .int("create_by")
                    .and_then(|u| look.users.get(&u).cloned())
                    .unwrap_or_else(|| "tix".into()),
                action: history_action(kind),
                detail: h.text("name").map(|n| {
                    n.split("%%")
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
                at: super::parse_time(&h.text("created").unwrap_or_default()),
            }
        })
        .collect();
    let work = TicketWork {
        source_id: id,
        changed: &changed,
        ticket,
        articles: prepared,
        history,
        last_history,
    };
    w.fingerprints = commit_ticket(store, name, known.as_ref(), &work, summary)?;
    Ok(())
}

/// tix's word for an OTRS history type.
fn history_action(kind: &str) -> &'static str {
    match kind {
        "NewTicket" | "EmailCustomer" | "PhoneCallCustomer" => "created",
        "FollowUp" => "followup",
        "SendAnswer" | "EmailAgent" | "PhoneCallAgent" => "replied",
        "AddNote" => "note",
        "Move" => "queue",
        "StateUpdate" => "state",
        "OwnerUpdate" => "owner",
        "ResponsibleUpdate" => "responsible",
        "PriorityUpdate" => "priority",
        "Merged" => "merged into",
        "Lock" => "locked",
        "Unlock" => "unlocked",
        "SetPendingTime" => "pending",
        "TitleUpdate" => "title",
        "CustomerUpdate" => "customer",
        "SendAutoReply" => "auto-reply",
        "SendAgentNotification" | "SendCustomerNotification" => "notified",
        "Bounce" => "redirected",
        "Forward" => "forwarded",
        "TicketLinkAdd" => "linked",
        "TicketLinkDelete" => "unlinked",
        "Escalation"
        | "EscalationResponseTimeStart"
        | "EscalationSolutionTimeStart"
        | "EscalationUpdateTimeStart" => "escalated",
        _ => "imported",
    }
}

/// A ticket's articles in order; with `bodies` (no article folder to
/// look in first) each with its raw message, in the same round trip.
fn article_rows(
    source: &mut Source,
    schema: Schema,
    ticket: i64,
    bodies: bool,
) -> Result<Vec<Row>> {
    let created = source.as_text("a.create_time");
    let plain = if bodies {
        format!(
            ", (SELECT p.body FROM {} p WHERE p.article_id = a.id ORDER BY p.id LIMIT 1) AS plain_body",
            schema.plain_table()
        )
    } else {
        String::new()
    };
    let created = format!("{created} AS created{plain}");
    let sql = match schema {
        Schema::Otrs6 => format!(
            "SELECT a.id, a.article_sender_type_id AS sender, a.communication_channel_id AS channel,
                    a.create_by, {created}, m.a_from, m.a_to, m.a_cc, m.a_subject,
                    m.a_message_id, m.a_in_reply_to, m.a_references, m.a_body, m.content_path
             FROM article a LEFT JOIN article_data_mime m ON m.article_id = a.id
             WHERE a.ticket_id = {ticket} ORDER BY a.create_time, a.id"
        ),
        Schema::Otrs5 => format!(
            "SELECT a.id, a.article_sender_type_id AS sender, a.article_type_id AS channel,
                    a.create_by, {created}, a.a_from, a.a_to, a.a_cc, a.a_subject,
                    a.a_message_id, a.a_in_reply_to, a.a_references, a.a_body, a.content_path
             FROM article a WHERE a.ticket_id = {ticket} ORDER BY a.create_time, a.id"
        ),
    };
    source.rows(&sql)
}

fn prepare_article(
    source: &mut Source,
    schema: Schema,
    look: &Lookups,
    opts: &Options,
    a: &Row,
    number: &str,
    summary: &mut Summary,
) -> Result<Prepared> {
    let id = a.int("id").unwrap_or(0);
    let sender = a
        .int("sender")
        .and_then(|s| look.sender_types.get(&s))
        .map(|s| s.to_lowercase())
        .unwrap_or_default();
    let sender_type = SenderType::parse(&sender).unwrap_or(SenderType::Agent);
    let channel = a
        .int("channel")
        .and_then(|c| look.channels.get(&c))
        .map(|c| c.to_lowercase())
        .unwrap_or_default();
    let incoming = sender_type == SenderType::Customer;
    let kind = if channel.starts_with("email") {
        if incoming {
            ArticleKind::EmailIn
        } else {
            ArticleKind::EmailOut
        }
    } else if channel.starts_with("phone") {
        if incoming {
            ArticleKind::PhoneIn
        } else {
            ArticleKind::PhoneOut
        }
    } else if channel.starts_with("fax") {
        if incoming {
            ArticleKind::FaxIn
        } else {
            ArticleKind::FaxOut
        }
    } else {
        ArticleKind::Note
    };
    let created_at = super::parse_time(&a.text("created").unwrap_or_default());
    let created_by = if incoming {
        "tix".to_string()
    } else {
        a.int("create_by")
            .and_then(|u| look.users.get(&u).cloned())
            .unwrap_or_else(|| "tix".into())
    };
    // Files first (ArticleStorageFS), then the database (ArticleStorageDB).
    let dir = article_dir(opts.article_dir, a, created_at, id);
    let mut raw = dir
        .as_ref()
        .and_then(|d| std::fs::read(d.join("plain.txt")).ok());
    if raw.is_none() && a.has("plain_body") {
        raw = a.bytes("plain_body");
    } else if raw.is_none() {
        raw = source
            .rows(&format!(
                "SELECT body FROM {} WHERE article_id = {id} ORDER BY id",
                schema.plain_table()
            ))?
            .first()
            .and_then(|r| r.bytes("body"));
    }
    let mail = match &raw {
        Some(bytes) => match crate::mail::parse::parse(bytes, usize::MAX) {
            Ok(m) => Some(m),
            Err(why) => {
                summary.problems.push(Problem {
                    ticket: Some(number.to_string()),
                    article: Some(id),
                    why: format!("its raw message cannot be read ({}); kept, the article rebuilt from the database", why.0),
                });
                None
            }
        },
        None => None,
    };
    let attachments = if mail.is_some() {
        vec![]
    } else {
        attachments(source, schema, dir.as_deref(), id)?
    };
    Ok(Prepared {
        source_id: id,
        kind,
        sender_type,
        created_by,
        created_at,
        rebuilt: mail.is_none(),
        raw: if mail.is_some() { raw } else { None },
        mail,
        from: a.text("a_from"),
        to: a.text("a_to"),
        cc: a.text("a_cc"),
        subject: a.text("a_subject").unwrap_or_default(),
        message_id: a
            .text("a_message_id")
            .map(|m| m.trim().trim_matches(['<', '>']).to_string())
            .filter(|m| !m.is_empty()),
        body: a.text("a_body").unwrap_or_default(),
        attachments,
    })
}

/// `DIR/YYYY/MM/DD/ID` (the content path OTRS kept, else the article's
/// date), when an article directory was given and that folder exists.
fn article_dir(root: Option<&Path>, a: &Row, created_at: i64, id: i64) -> Option<PathBuf> {
    let root = root?;
    let content_path = a
        .text("content_path")
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| crate::dates::utc_day_path(created_at));
    let dir = root.join(content_path.trim()).join(id.to_string());
    dir.is_dir().then_some(dir)
}

/// The attachments of an article without raw mail: the files beside it
/// (each with its `.content_type`), else the database's rows.
fn attachments(
    source: &mut Source,
    schema: Schema,
    dir: Option<&Path>,
    id: i64,
) -> Result<Vec<(String, String, Vec<u8>)>> {
    let mut found = Vec::new();
    if let Some(dir) = dir {
        let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default();
        names.sort();
        for path in names {
            let file = path.file_name().and_then(|f| f.to_str()).unwrap_or("");
            if file == "plain.txt"
                || file.ends_with(".content_type")
                || file.ends_with(".content_id")
                || file.ends_with(".content_alternative")
                || file.ends_with(".disposition")
            {
                continue;
            }
            let content_type = std::fs::read_to_string(dir.join(format!("{file}.content_type")))
                .unwrap_or_else(|_| "application/octet-stream".into());
            let bytes = std::fs::read(&path).map_err(|e| TixError::input(&path, e))?;
            found.push((file.to_string(), content_type.trim().to_string(), bytes));
        }
        if !found.is_empty() {
            return Ok(found);
        }
    }
    for r in source.rows(&format!(
        "SELECT filename, content_type, content FROM {} WHERE article_id = {id} ORDER BY id",
        schema.attachment_table()
    ))? {
        found.push((
            r.text("filename").unwrap_or_else(|| "attachment".into()),
            r.text("content_type")
                .unwrap_or_else(|| "application/octet-stream".into()),
            r.bytes("content").unwrap_or_default(),
        ));
    }
    Ok(found)
}

/// Merges and links between imported tickets, once all are in.
fn relations(
    source: &mut Source,
    store: &mut Store,
    name: &str,
    summary: &mut Summary,
) -> Result<()> {
    // "Merged": the history names the ticket it went into last
    // (%%FromTN%%FromID%%IntoTN%%IntoID).
    let merged = source.rows(
        "SELECT h.ticket_id, h.name FROM ticket_history h
         JOIN ticket_history_type y ON y.id = h.history_type_id
         WHERE y.name = 'Merged' ORDER BY h.id",
    )?;
    let links = if source.has_table("link_relation")? {
        source.rows(
            "SELECT r.source_key, r.target_key, y.name AS type FROM link_relation r
             JOIN link_object s ON s.id = r.source_object_id
             JOIN link_object o ON o.id = r.target_object_id
             JOIN link_type y ON y.id = r.type_id
             WHERE s.name = 'Ticket' AND o.name = 'Ticket'",
        )?
    } else {
        vec![]
    };
    let at = crate::dates::now();
    let (mut merges, mut linked) = (0, 0);
    store.write(|tx| {
        for m in &merged {
            let Some(from) = m.int("ticket_id") else {
                continue;
            };
            let into = m.text("name").and_then(|n| {
                n.split("%%")
                    .filter(|p| !p.trim().is_empty())
                    .nth(3)
                    .and_then(|p| p.trim().parse::<i64>().ok())
            });
            let (Some(from), Some(into)) = (
                imported::ticket_id_of(tx, name, from)?,
                match into {
                    Some(i) => imported::ticket_id_of(tx, name, i)?,
                    None => None,
                },
            ) else {
                continue;
            };
            if from != into {
                imported::set_merged_into(tx, from, into)?;
                merges += 1;
            }
        }
        for l in &links {
            let key = |c: &str| l.text(c).and_then(|k| k.trim().parse::<i64>().ok());
            let (Some(a), Some(b)) = (key("source_key"), key("target_key")) else {
                continue;
            };
            let (Some(a), Some(b)) = (
                imported::ticket_id_of(tx, name, a)?,
                imported::ticket_id_of(tx, name, b)?,
            ) else {
                continue;
            };
            let kind = if l.text("type").as_deref() == Some("ParentChild") {
                LinkKind::Parent
            } else {
                LinkKind::Related
            };
            if links::set(tx, a, b, kind, at, "tix")? {
                linked += 1;
            }
        }
        Ok(())
    })?;
    summary.merged += merges;
    summary.links += linked;
    Ok(())
}

/// The customer users, as contacts (their login the id).
fn contacts(store: &mut Store, name: &str, look: &Lookups, summary: &mut Summary) -> Result<()> {
    let list = look
        .customers
        .iter()
        .map(|(login, (email, full_name))| (login.clone(), full_name.clone(), email.clone()))
        .collect();
    save_contacts(store, name, list, summary)
}

/// Counts on both sides: every ticket and article of the source (since
/// `--since`) is in the store.
fn verify(
    source: &mut Source,
    store: &mut Store,
    name: &str,
    opts: &Options,
    summary: &mut Summary,
) -> Result<()> {
    let since = opts
        .since
        .map(|s| format!(" WHERE t.change_time >= '{}'", super::sql_time(s)))
        .unwrap_or_default();
    let count = |source: &mut Source, sql: &str| -> Result<i64> {
        Ok(source
            .rows(sql)?
            .first()
            .and_then(|r| r.int("n"))
            .unwrap_or(0))
    };
    let tickets = count(
        source,
        &format!("SELECT count(*) AS n FROM ticket t{since}"),
    )?;
    let articles = count(
        source,
        &format!("SELECT count(*) AS n FROM article a JOIN ticket t ON t.id = a.ticket_id{since}"),
    )?;
    let (have_tickets, have_articles, _) = imported::counts(&store.conn, name)?;
    summary.source_tickets = tickets as u64;
    summary.source_articles = articles as u64;
    if opts.since.is_none() && (have_tickets != tickets || have_articles != articles) {
        summary.problems.push(Problem {
            ticket: None,
            article: None,
            why: format!(
                "the source has {tickets} tickets and {articles} articles, the store {have_tickets} and {have_articles} from it"
            ),
        });
    }
    Ok(())
}
