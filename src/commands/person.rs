//! `tix person`: a person's right to their data (GDPR Art. 15, 17, 20):
//! everything tix holds about them exported as an mbox and one JSON
//! document, or erased (or anonymised, the tickets kept for statistics)
//! in one transaction. Both are logged as data-protection actions, without
//! the data.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::store::person::{self, Footprint};
use crate::store::{articles, bounce_record, history, tickets};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A person's data: export it, or erase it
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Everything tix holds about a person (their tickets, every article
    /// naming them, raw mail, attachments, bounce record, outbox, contact)
    /// as mail.mbox, person.json and attachments/ in a folder
    Export {
        /// An address, or a contact's identifier (all its addresses)
        #[arg(value_name = "ADDRESS|CONTACT")]
        person: String,
        /// The folder to write (made if need be; files are never overwritten)
        /// [default: tix-person-ADDRESS]
        #[arg(long, value_name = "DIR")]
        to: Option<PathBuf>,
    },
    /// Erase a person: their tickets deleted for good (or, with
    /// --anonymise, kept with every text replaced), their addresses and
    /// name blanked out of other tickets' articles and history, their
    /// original mails, attachments, index entries, outbox mail, bounce
    /// record and contact deleted; `tix store compact` then removes the
    /// bytes from the store's files
    Erase {
        /// An address, or a contact's identifier (all its addresses)
        #[arg(value_name = "ADDRESS|CONTACT")]
        person: String,
        /// Keep their tickets for statistics, every text and address replaced
        #[arg(long)]
        anonymise: bool,
        /// List exactly what would be erased, and erase nothing
        #[arg(long)]
        dry_run: bool,
    },
}

/// Who: the addresses (lower case), the contacts, the names.
struct Person {
    addresses: Vec<String>,
    contacts: Vec<String>,
    names: Vec<String>,
}

fn person(conn: &crate::store::Db, key: &str) -> Result<Person> {
    let key = key.trim();
    let start = if key.contains('@') {
        vec![key.to_lowercase()]
    } else {
        let c = crate::store::contacts::by_id(conn, key)
            .map_err(|_| TixError::usage(format!("{key:?} is neither an address nor a contact")))?;
        c.addresses
            .iter()
            .chain(&c.inactive)
            .map(|a| a.to_lowercase())
            .collect()
    };
    let (contacts, addresses) = person::contacts_of(conn, &start)?;
    let names = person::names(conn, &addresses, &contacts)?;
    Ok(Person {
        addresses,
        contacts,
        names,
    })
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    match &args.action {
        Action::Export { person, to } => export(ctx, person, to.as_deref()),
        Action::Erase {
            person,
            anonymise,
            dry_run,
        } => erase(ctx, person, *anonymise, *dry_run),
    }
}

#[derive(serde::Serialize)]
struct TicketExport {
    #[serde(flatten)]
    ticket: tickets::Ticket,
    history: Vec<history::HistoryRow>,
    articles: Vec<articles::Article>,
}

#[derive(serde::Serialize)]
struct ArticleElsewhere {
    ticket: String,
    #[serde(flatten)]
    article: articles::Article,
}

#[derive(serde::Serialize)]
struct Export {
    addresses: Vec<String>,
    names: Vec<String>,
    contacts: Vec<crate::config::Contact>,
    tickets: Vec<TicketExport>,
    articles_elsewhere: Vec<ArticleElsewhere>,
    bounce_record: Vec<BounceExport>,
    outbox: Vec<crate::store::outbox::Entry>,
}

#[derive(serde::Serialize)]
struct BounceExport {
    address: String,
    entry: Option<bounce_record::Entry>,
    events: Vec<bounce_record::Event>,
}

fn export(ctx: &Ctx, key: &str, to: Option<&Path>) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = crate::dates::now();
    let who = person(&store.conn, key)?;
    let conn = &store.conn;
    let f = person::footprint(conn, &who.addresses, &who.contacts)?;
    let dir = to.map(Path::to_path_buf).unwrap_or_else(|| {
        PathBuf::from(format!(
            "tix-person-{}",
            key.chars()
                .map(|c| if c.is_alphanumeric() || "@.-_".contains(c) {
                    c
                } else {
                    '_'
                })
                .collect::<String>()
        ))
    });
    // Nothing half-written over an earlier export.
    for name in ["mail.mbox", "person.json", "attachments"] {
        if dir.join(name).exists() {
            return Err(TixError::failure(format!(
                "{} holds an export already ({name}); name another folder with --to",
                dir.display()
            )));
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| TixError::io(&dir, e))?;
    let mut mbox = Vec::new();
    let mut files = 0;
    let mut doc = Export {
        addresses: who.addresses.clone(),
        names: who.names.clone(),
        contacts: who
            .contacts
            .iter()
            .map(|c| crate::store::contacts::by_id(conn, c))
            .collect::<Result<_>>()?,
        tickets: vec![],
        articles_elsewhere: vec![],
        bounce_record: vec![],
        outbox: vec![],
    };
    for &id in &f.tickets {
        let ticket = tickets::ticket_by_id(conn, id)?;
        let list = articles::articles(conn, id)?;
        for a in &list {
            add_message(conn, &mut mbox, a)?;
            files += save_files(conn, &dir, &ticket.number, a)?;
        }
        doc.tickets.push(TicketExport {
            history: history::history(conn, id)?,
            ticket,
            articles: list,
        });
    }
    for &(article, ticket_id) in &f.articles_elsewhere {
        let ticket = tickets::ticket_by_id(conn, ticket_id)?;
        let Some(a) = articles::articles(conn, ticket_id)?
            .into_iter()
            .find(|a| a.id == article)
        else {
            continue;
        };
        add_message(conn, &mut mbox, &a)?;
        files += save_files(conn, &dir, &ticket.number, &a)?;
        doc.articles_elsewhere.push(ArticleElsewhere {
            ticket: ticket.number,
            article: a,
        });
    }
    for a in &who.addresses {
        let events = bounce_record::events(conn, a)?;
        let entry = bounce_record::entry_of(conn, a)?;
        if entry.is_some() || !events.is_empty() {
            doc.bounce_record.push(BounceExport {
                address: a.clone(),
                entry,
                events,
            });
        }
    }
    doc.outbox = crate::store::outbox::list(conn, true)?
        .into_iter()
        .filter(|e| f.outbox.contains(&e.id))
        .collect();
    write_new(&dir.join("mail.mbox"), &mbox)?;
    write_new(
        &dir.join("person.json"),
        crate::render::json(&doc).as_bytes(),
    )?;
    let messages = doc
        .tickets
        .iter()
        .flat_map(|t| &t.articles)
        .chain(doc.articles_elsewhere.iter().map(|a| &a.article))
        .filter(|a| a.raw_id.is_some())
        .count();
    let summary = format!(
        "{} ticket(s), {} article(s) elsewhere, {messages} message(s) in mail.mbox, {files} attachment(s), {} bounce event(s), {} outbox message(s), {} contact(s)",
        doc.tickets.len(),
        doc.articles_elsewhere.len(),
        f.bounce_events,
        doc.outbox.len(),
        doc.contacts.len(),
    );
    store.write(|tx| record(tx, ctx, now, "export", &summary, &f.tickets))?;
    if !ctx.quiet {
        println!("exported to {}: {summary}", dir.display());
    }
    Ok(())
}

/// The message in mboxrd form: a From_ line, `>From ` quoted one level more.
fn add_message(conn: &crate::store::Db, mbox: &mut Vec<u8>, a: &articles::Article) -> Result<()> {
    let Some(raw) = a.raw_id else {
        return Ok(());
    };
    let bytes = crate::store::raw_messages::raw_bytes(conn, raw)?;
    let date = chrono::DateTime::from_timestamp(a.date, 0)
        .map(|d| d.format("%a %b %e %H:%M:%S %Y").to_string())
        .unwrap_or_default();
    let _ = writeln!(mbox, "From tix@localhost {date}");
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let quoted = line.iter().take_while(|&&b| b == b'>').count();
        if line[quoted..].starts_with(b"From ") {
            mbox.push(b'>');
        }
        mbox.extend_from_slice(line);
    }
    if !bytes.ends_with(b"\n") {
        mbox.push(b'\n');
    }
    mbox.push(b'\n');
    Ok(())
}

/// The article's attachments as files `TICKET-ARTICLE-NAME`; how many.
fn save_files(
    conn: &crate::store::Db,
    dir: &Path,
    number: &str,
    a: &articles::Article,
) -> Result<usize> {
    if a.attachments.is_empty() {
        return Ok(0);
    }
    let folder = dir.join("attachments");
    std::fs::create_dir_all(&folder).map_err(|e| TixError::io(&folder, e))?;
    let contents = articles::attachments_bytes(conn, a.id)?;
    for (info, bytes) in a.attachments.iter().zip(&contents) {
        let name: String = info
            .filename
            .chars()
            .map(|c| {
                if c == '/' || c == '\\' || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        write_new(&folder.join(format!("{number}-{}-{name}", a.index)), bytes)?;
    }
    Ok(contents.len())
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| TixError::io(path, e))?;
    f.write_all(bytes).map_err(|e| TixError::io(path, e))
}

/// The action in the data-protection log and in each remaining ticket's
/// history, without the data.
fn record(
    tx: &crate::store::Db,
    ctx: &Ctx,
    now: i64,
    action: &str,
    summary: &str,
    tickets: &[i64],
) -> Result<()> {
    person::log(tx, now, &ctx.actor, action, summary)?;
    for &t in tickets {
        history::record(
            tx,
            &history::Change {
                ticket_id: t,
                actor: &ctx.actor,
                action: "data protection",
                old: None,
                new: Some(action),
                detail: None,
                at: now,
            },
        )?;
    }
    Ok(())
}

fn erase(ctx: &Ctx, key: &str, anonymise: bool, dry_run: bool) -> Result<()> {
    let mut store = ctx.open_store()?;
    let now = crate::dates::now();
    let who = person(&store.conn, key)?;
    let f = person::footprint(&store.conn, &who.addresses, &who.contacts)?;
    let from_config = person::from_config(&store.conn, &who.contacts)?;
    let plan = plan(&store.conn, &who, &f, anonymise)?;
    if dry_run {
        crate::render::out(&plan.join("\n"));
        crate::render::out("\n");
        return Ok(());
    }
    let summary = format!(
        "{} ticket(s) {}, {} article(s) in other tickets blanked out, {} outbox message(s), {} bounce event(s), {} contact(s)",
        f.tickets.len(),
        if anonymise { "anonymised" } else { "deleted" },
        f.articles_elsewhere.len(),
        f.outbox.len(),
        f.bounce_events,
        f.contacts.len()
    );
    store.write(|tx| {
        let mut touched: Vec<i64> = Vec::new();
        for &t in &f.tickets {
            if anonymise {
                person::anonymise_ticket(tx, t, &who.addresses, &who.names)?;
                touched.push(t);
            } else {
                crate::store::changes::purge(tx, t)?;
            }
        }
        for &(article, ticket) in &f.articles_elsewhere {
            person::blank_out_in_article(tx, article, &who.addresses, &who.names)?;
            if !touched.contains(&ticket) {
                touched.push(ticket);
            }
        }
        person::blank_out_history(tx, None, &who.addresses, &who.names)?;
        person::erase_outbox(tx, &f.outbox)?;
        person::erase_records(tx, &who.addresses, &who.contacts)?;
        person::blank_out_config_versions(tx, &who.addresses, &who.names)?;
        record(tx, ctx, now, "erase", &summary, &touched)
    })?;
    if !ctx.quiet {
        println!("erased: {summary}");
        println!("run `tix store compact` to remove the deleted data from the store's files");
    }
    for c in from_config {
        ctx.warn(&format!(
            "contact {c} comes from the config (contacts:): remove it there too, or `tix config apply` brings it back"
        ));
    }
    Ok(())
}

/// What erasing would do, one line each.
fn plan(
    conn: &crate::store::Db,
    who: &Person,
    f: &Footprint,
    anonymise: bool,
) -> Result<Vec<String>> {
    let mut lines = vec![format!("person: {}", who.addresses.join(", "))];
    if !who.names.is_empty() {
        lines.push(format!("names: {}", who.names.join(", ")));
    }
    for &t in &f.tickets {
        let ticket = tickets::ticket_by_id(conn, t)?;
        let n = articles::articles(conn, t)?.len();
        lines.push(format!(
            "ticket {} ({} article(s)): {}",
            ticket.number,
            n,
            if anonymise {
                "anonymised"
            } else {
                "deleted with its mail, attachments and history"
            }
        ));
    }
    for &(article, t) in &f.articles_elsewhere {
        let ticket = tickets::ticket_by_id(conn, t)?;
        let index = articles::articles(conn, t)?
            .iter()
            .find(|a| a.id == article)
            .map_or(0, |a| a.index);
        lines.push(format!(
            "ticket {} article {index}: addresses and names blanked out, original mail and attachments deleted",
            ticket.number
        ));
    }
    if !f.outbox.is_empty() {
        lines.push(format!("outbox: {} message(s)", f.outbox.len()));
    }
    if f.bounce_events > 0 {
        lines.push(format!("bounce record: {} event(s)", f.bounce_events));
    }
    for c in &f.contacts {
        lines.push(format!("contact {c}: deleted"));
    }
    Ok(lines)
}
