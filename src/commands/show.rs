//! `tix show TICKET`: the whole thread, or one article's original bytes.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::render::{self, safe_text};
use crate::store::tickets;
use crate::store::{articles, raw_messages};
use crate::vocabulary::ArticleKind;
use std::io::Write;

/// Show a ticket and every article in order
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket number, or an unambiguous tail of it
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub ticket: String,

    /// Print article K's original message exactly as received (K counts from 1)
    #[arg(long, value_name = "K")]
    pub raw: Option<usize>,

    /// Print JSON
    #[arg(long, conflicts_with = "raw")]
    pub json: bool,

    /// Write every attachment of the ticket into DIR (as ARTICLE-NAME)
    #[arg(long, value_name = "DIR", conflicts_with_all = ["raw", "json"])]
    pub save_attachments: Option<std::path::PathBuf>,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let store = ctx.open_store_even_if_moved()?;
    ctx.restrict(&store);
    let moved = crate::store::moved_to(&store.conn)?.is_some();
    let id = tickets::resolve(&store.conn, &args.ticket)?;
    let ticket = tickets::ticket_by_id(&store.conn, id)?;
    let articles = articles::articles(&store.conn, id)?;
    let links = crate::store::links::of(&store.conn, id)?;
    // As tix list shows it: new mail since the responsible looked (this
    // showing marks it seen).
    let unseen = ticket.unseen_by(&ctx.actor);
    if ticket.unseen_by(&ctx.actor) && !moved {
        // The responsible has now seen what the customer wrote. Showing must
        // not fail or hang while a fetch holds the store: the mark then stays.
        store
            .conn
            .set_busy_timeout(std::time::Duration::from_millis(200))?;
        let marked = tickets::mark_seen_by_responsible(&store.conn, id, crate::dates::now());
        if let Err(e) = marked {
            if !e.is_temporary() {
                return Err(e);
            }
        }
    }

    if let Some(k) = args.raw {
        let article = articles.iter().find(|a| a.index == k).ok_or_else(|| {
            TixError::usage(format!(
                "ticket {} has {} article(s); there is no article {k}",
                ticket.number,
                articles.len()
            ))
        })?;
        let raw_id = article.raw_id.ok_or_else(|| {
            TixError::failure(format!(
                "article {k} of ticket {} was written in tix ({}); it has no original message",
                ticket.number, article.kind
            ))
        })?;
        let bytes = raw_messages::raw_bytes(&store.conn, raw_id)?;
        let mut out = std::io::stdout().lock();
        out.write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(crate::render::stdout_error)?;
        return Ok(());
    }

    if let Some(dir) = &args.save_attachments {
        return save_attachments(ctx, &store, &articles, dir);
    }

    if args.json {
        #[derive(serde::Serialize)]
        struct Full<'a> {
            #[serde(flatten)]
            ticket: &'a tickets::Ticket,
            unseen: bool,
            links: &'a [crate::store::links::Link],
            articles: &'a [articles::Article],
        }
        render::out(&render::json(&Full {
            ticket: &ticket,
            unseen,
            links: &links,
            articles: &articles,
        }));
        return Ok(());
    }

    let mut s = String::new();
    s.push_str(&format!(
        "Ticket {}  {}\n",
        ticket.number,
        safe_text(&ticket.title, true)
    ));
    s.push_str(&format!(
        "State {} · Queue {} · Priority {} · Owner {} · Responsible {}\n",
        ticket.state,
        ticket.queue,
        ticket.priority,
        ticket.owner.as_deref().unwrap_or("-"),
        ticket.responsible.as_deref().unwrap_or("-"),
    ));
    if let Some(a) = &ticket.customer_address {
        let customer = match ticket.customer_name.as_deref() {
            Some(n) => format!("{} <{}>", safe_text(n, true), safe_text(a, true)),
            None => format!("<{}>", safe_text(a, true)),
        };
        s.push_str(&format!("Customer {customer}\n"));
    }
    if let Some(m) = &ticket.merged_into {
        s.push_str(&format!("Merged into {m}\n"));
    }
    if !ticket.tags.is_empty() {
        s.push_str(&format!("Tags {}\n", ticket.tags.join(" ")));
    }
    for l in &links {
        let what = match l.kind {
            crate::store::links::LinkKind::Parent => "Parent of",
            crate::store::links::LinkKind::Child => "Child of",
            crate::store::links::LinkKind::Related => "Related to",
        };
        let closed = if l.open { "" } else { " (closed)" };
        s.push_str(&format!("{what} {}{closed}\n", l.ticket));
    }
    s.push_str(&format!(
        "Created {}\n",
        render::datetime(ticket.created_at)
    ));
    if let Some(until) = ticket
        .pending_until
        .filter(|_| ticket.state_type.is_pending())
    {
        s.push_str(&format!("Pending until {}\n", render::datetime(until)));
    }
    if let (Some(at), Some(kind)) = (ticket.escalation_at, &ticket.escalation_kind) {
        let now = crate::dates::now();
        let when = if at <= now {
            format!("escalated at {}", render::datetime(at))
        } else {
            format!(
                "escalates at {}, in {}",
                render::datetime(at),
                render::age(now, at)
            )
        };
        s.push_str(&format!(
            "{} time: {when}\n",
            capitalised(&kind.replace('-', " "))
        ));
    }
    for a in &articles {
        s.push_str(&format!(
            "\n── {} {} · {} · {}\n",
            a.index,
            a.kind,
            render::datetime(a.date),
            safe_text(&sender(a), true)
        ));
        if a.kind == ArticleKind::EmailOut {
            s.push_str(&format!("Sent by {}\n", safe_text(&a.created_by, true)));
        }
        if let Some(whom) = &a.undelivered {
            s.push_str(&format!("Not delivered: {}\n", safe_text(whom, true)));
        }
        if a.rebuilt {
            s.push_str("Rebuilt by tix import: the system it came from kept no raw mail\n");
        }
        match a.report_of.as_deref() {
            Some("") => s.push_str("Delivery report of mail from this ticket\n"),
            Some(id) => s.push_str(&format!("Delivery report of <{}>\n", safe_text(id, true))),
            None => {}
        }
        if let Some(to) = &a.to {
            s.push_str(&format!("To: {}\n", safe_text(to, true)));
        }
        if let Some(cc) = &a.cc {
            s.push_str(&format!("Cc: {}\n", safe_text(cc, true)));
        }
        s.push_str(&format!("Subject: {}\n", safe_text(&a.subject, true)));
        for att in &a.attachments {
            s.push_str(&format!(
                "Attachment: {} ({}, {} bytes)\n",
                safe_text(&att.filename, true),
                att.content_type,
                att.size
            ));
        }
        s.push('\n');
        s.push_str(safe_text(&a.body, false).trim_end());
        s.push('\n');
    }
    render::out(&s);
    Ok(())
}

fn sender(a: &articles::Article) -> String {
    match (&a.from_name, &a.from_addr) {
        (Some(n), Some(x)) => format!("{n} <{x}>"),
        (None, Some(x)) => x.clone(),
        (Some(n), None) => n.clone(),
        (None, None) => a.created_by.clone(),
    }
}

fn save_attachments(
    ctx: &Ctx,
    store: &crate::store::Store,
    articles: &[articles::Article],
    dir: &std::path::Path,
) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| TixError::io(dir, e))?;
    for a in articles {
        if a.attachments.is_empty() {
            continue;
        }
        let contents = articles::attachments_bytes(&store.conn, a.id)?;
        for (att, bytes) in a.attachments.iter().zip(contents) {
            // The article index keeps equal names from different mails apart.
            let path = write_new_file(dir, &format!("{}-{}", a.index, att.filename), &bytes)?;
            if !ctx.quiet {
                println!("{}", path.display());
            }
        }
    }
    Ok(())
}

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// Writes `bytes` to a file in `dir` that did not exist before: nothing
/// present is overwritten and no planted link is followed (the file is
/// created exclusively). A taken name becomes `name (2).ext`, and a name too
/// long for the file system is shortened, keeping its extension.
fn write_new_file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> Result<std::path::PathBuf> {
    use std::io::Write;
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 16 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    for n in 1..10_000u32 {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let room = NAME_MAX.saturating_sub(suffix.len() + ext.len());
        let candidate = format!("{}{suffix}{ext}", shorten(stem, room));
        let path = dir.join(&candidate);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(bytes).map_err(|e| TixError::io(&path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(TixError::failure(format!(
                    "{}: {}",
                    path.display(),
                    crate::store::io_reason(&e)
                )))
            }
        }
    }
    Err(TixError::failure(format!(
        "{}: no free name for {name}",
        dir.display()
    )))
}

/// `text` cut to at most `max` bytes on a character boundary.
fn shorten(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
