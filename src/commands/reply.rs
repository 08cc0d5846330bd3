//! `tix reply T`: answer the customer over SMTP; the article is recorded
//! once the server accepted the message.

use crate::cli::answer::{print_sent, send_and_record, sender, target, with_types, SendArgs};
use crate::cli::input::{read_attachments, read_text_with};
use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::send::{compose, mailbox, mailboxes, notify::reply_subject, Outgoing};
use crate::store::now;
use crate::store::tickets::Ticket;
use crate::vocabulary::StateType;
use lettre::message::Mailbox;
use mail_parser::MimeHeaders;
use std::path::PathBuf;

/// Answer the customer by mail: salutation, text and signature, threaded
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket (number or tail)
    #[arg(required_unless_present = "where_query", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub ticket: Option<String>,

    /// The same answer to every ticket this query finds (as tix list shows them), each
    /// personalised and queued in the outbox, recorded on its ticket once sent
    #[arg(long = "where", value_name = "QUERY", conflicts_with_all = ["ticket", "send_draft", "to", "cc", "bcc", "quote"])]
    pub where_query: Option<String>,

    /// With --where: closed tickets too
    #[arg(long, requires = "where_query")]
    pub all: bool,

    /// With --where: print the first mail and how many would go; queue nothing
    #[arg(long, requires = "where_query")]
    pub dry_run: bool,

    /// With --where: at most this many mails a minute; the rest wait in the outbox
    /// for the next fetch, maintain or tix outbox send
    #[arg(long, value_name = "N", default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate: u32,

    /// The text (else --body-file, an answer --snippet, standard input, or $EDITOR)
    #[arg(short, long, value_name = "TEXT")]
    pub message: Option<String>,

    /// Read the text from a file
    #[arg(long, value_name = "FILE", conflicts_with = "message")]
    pub body_file: Option<PathBuf>,

    /// An answer snippet for the text (several are joined); with -m the text follows them
    #[arg(long, value_name = "NAME", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::snippets))]
    pub snippet: Vec<String>,

    /// Leave out the queue's salutation and signature
    #[arg(long)]
    pub plain: bool,

    /// Quote the customer's last message below the answer
    #[arg(long)]
    pub quote: bool,

    /// Send to these addresses instead of the customer
    #[arg(long, value_name = "ADDR")]
    pub to: Vec<String>,

    #[arg(long, value_name = "ADDR")]
    pub cc: Vec<String>,

    #[arg(long, value_name = "ADDR")]
    pub bcc: Vec<String>,

    /// The status afterwards (default: the queue's reply_state; a new ticket becomes open)
    #[arg(long, value_name = "STATE", add = clap_complete::ArgValueCandidates::new(crate::cli::complete::statuses))]
    pub state: Option<String>,

    /// Send a reply written with --draft (and edited since) as it now reads, if it still answers this ticket
    #[arg(long, value_name = "FILE", conflicts_with_all = ["message", "body_file", "snippet", "quote", "to", "cc", "bcc", "plain"])]
    pub send_draft: Option<PathBuf>,

    /// For a pending status afterwards: until when (default: the status's pending_for)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    #[command(flatten)]
    pub send: SendArgs,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    if let Some(query) = &args.where_query {
        return super::reply_bulk::run(ctx, args, query);
    }
    let actor = ctx.agent()?.to_string();
    let mut store = ctx.open_store()?;
    ctx.restrict(&store);
    let typed = args.ticket.as_deref().unwrap_or_default();
    let t = target(ctx, &store, typed, &actor, args.send.force)?;
    let status = status_arg(ctx, args.state.as_deref())?;
    let until = match &args.until {
        Some(d) => Some(crate::dates::parse_date(d, now()).map_err(TixError::usage)?),
        None => None,
    };
    let queue = ctx.config.queue(&t.queue);
    let outgoing = match &args.send_draft {
        Some(path) => from_draft(ctx, &t, path)?,
        None => composed(ctx, args, &store, &t, &actor)?,
    };
    let sent = send_and_record(
        ctx,
        &mut store,
        &t,
        &outgoing,
        args.send.draft.as_ref(),
        "replied",
        &actor,
        |s, t| {
            let mut reports = Vec::new();
            let after = status.clone().or_else(|| {
                queue
                    .and_then(|q| q.reply_state.as_deref())
                    .and_then(|n| ctx.config.status(n).cloned())
                    .or_else(|| {
                        (t.state_type == StateType::New)
                            .then(|| ctx.config.status_of_type(StateType::Open).clone())
                    })
            });
            match after {
                Some(st) if st.name != t.state || until.is_some() => {
                    reports.extend(s.set_state(t, &st, until)?)
                }
                _ if until.is_some() => {
                    return Err(TixError::usage(
                        "--until goes with a pending status after the reply (--state or the queue's reply_state)",
                    ))
                }
                _ => {}
            }
            Ok(reports)
        },
    )?;
    print_sent(ctx, args.send.json, &t, &sent, &outgoing);
    Ok(())
}

/// The status `--state` names, if given.
pub(super) fn status_arg(ctx: &Ctx, state: Option<&str>) -> Result<Option<crate::config::Status>> {
    state
        .map(|s| {
            ctx.config.status(s).cloned().ok_or_else(|| {
                TixError::usage(format!(
                    "unknown state {s:?}; statuses: {}",
                    ctx.config.status_names()
                ))
            })
        })
        .transpose()
}

/// The reply as composed on the command line: salutation, snippets and
/// text, signature, the customer's mail quoted if asked.
pub(super) fn composed(
    ctx: &Ctx,
    args: &Args,
    store: &crate::store::Store,
    t: &Ticket,
    actor: &str,
) -> Result<Outgoing> {
    let answered = compose::last_mail(&store.conn, t.id)?;
    let agent = ctx.config.agent(actor);
    let mut vars = crate::snippets::variables(t, agent, actor);
    // The greeting is for whom the reply goes to: with --to, its first
    // recipient, not the ticket's customer (a forwarded member's mail).
    if let Some(first) = args.to.first() {
        let to = mailbox(first, "--to")?;
        vars.insert("customer_name", to.name.clone().unwrap_or_default());
        vars.insert("customer_address", to.email.to_string());
    }
    let snippet_text = |name: &str| -> Result<String> {
        let s = ctx
            .config
            .snippet(name)
            .ok_or_else(|| TixError::usage(format!("unknown snippet {name:?}")))?;
        crate::snippets::render(s, &vars)
    };
    let (salutation, signature) = compose::queue_frame(&ctx.config, &t.queue, args.plain, &vars)?;
    let language = writing_language(ctx, actor, &t.queue);
    let mut parts: Vec<String> = Vec::new();
    parts.extend(salutation.clone());
    for name in &args.snippet {
        parts.push(snippet_text(name)?);
    }
    if args.snippet.is_empty() || args.message.is_some() || args.body_file.is_some() {
        let context = editor_context(
            t,
            salutation.as_deref(),
            signature.as_deref(),
            answered.as_ref(),
            language,
        );
        parts.push(read_text_with(
            args.message.as_deref(),
            args.body_file.as_deref(),
            "reply",
            &context,
        )?);
    }
    parts.extend(signature);
    let mut body = compose::join_parts(&parts);
    if args.quote {
        match &answered {
            Some(a) => body.push_str(&format!("\n{}", compose::quote(a, language))),
            None => {
                return Err(TixError::usage(format!(
                    "ticket {} has no mail to quote",
                    t.number
                )))
            }
        }
    }

    let to: Vec<Mailbox> = if args.to.is_empty() {
        // The customer as they wrote, display name included; the ticket's
        // customer when that is someone else (changed with tix customer).
        let wrote = answered
            .as_ref()
            .filter(|a| match (&a.from_addr, &t.customer_address) {
                (Some(from), Some(customer)) => from.eq_ignore_ascii_case(customer),
                (Some(_), None) => true,
                (None, _) => false,
            });
        let (name, addr) = match wrote {
            Some(a) => (a.from_name.clone(), a.from_addr.clone()),
            None => (t.customer_name.clone(), t.customer_address.clone()),
        };
        let addr = addr.ok_or_else(|| {
            TixError::usage(format!(
                "ticket {} has no customer address; name one with --to",
                t.number
            ))
        })?;
        let mut to = mailbox(&addr, "the customer's address")?;
        to.name = name.filter(|n| !n.trim().is_empty());
        vec![to]
    } else {
        mailboxes(&args.to, "--to")?
    };
    Ok(Outgoing {
        from: sender(ctx, t)?,
        to,
        cc: mailboxes(&args.cc, "--cc")?,
        bcc: mailboxes(&args.bcc, "--bcc")?,
        subject: reply_subject(&ctx.config, t, "Re:"),
        body,
        in_reply_to: answered.as_ref().and_then(|a| a.message_id.clone()),
        references: answered
            .as_ref()
            .map(compose::references_after)
            .unwrap_or_default(),
        attachments: with_types(read_attachments(&args.send.attach)?),
        auto_submitted: None,
        origin: None,
        then_state: None,
        then_until: None,
    })
}

/// A reply written with --draft and edited since: sent as it now reads
/// (recipients, subject, text, attachments), if it still answers this
/// ticket. The sender is the queue's, as for any reply.
fn from_draft(ctx: &Ctx, t: &Ticket, path: &std::path::Path) -> Result<Outgoing> {
    let raw = std::fs::read(path).map_err(|e| TixError::input(path, e))?;
    let bad = |what: &str| TixError::Input {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string()),
    };
    let m = mail_parser::MessageParser::default()
        .parse(&raw)
        .filter(|m| m.subject().is_some() || m.to().is_some())
        .ok_or_else(|| bad("not a mail message (a draft has a subject and recipients)"))?;
    let subject = m.subject().unwrap_or("").to_string();
    let numbers = ctx.config.subject_tag().numbers(&subject);
    if !numbers.contains(&t.number) {
        return Err(TixError::usage(match numbers.first() {
            Some(other) => format!(
                "{} is a draft for ticket {other}, not {}",
                path.display(),
                t.number
            ),
            None => format!(
                "{}: its subject names no ticket; a draft for ticket {} keeps {} in it",
                path.display(),
                t.number,
                ctx.config.subject_tag().tag(&t.number)
            ),
        }));
    }
    let addresses = |list: Option<&mail_parser::Address>, what: &str| -> Result<Vec<Mailbox>> {
        let typed = list
            .map(|l| {
                l.iter()
                    .filter_map(|a| Some((a.name(), a.address()?)))
                    .map(|(name, addr)| {
                        // Built from its parts: a name as the header had it
                        // ("Müller, Hans", parentheses, a comment) is no
                        // typed address to parse again.
                        let email = addr.trim().parse::<lettre::Address>().map_err(|e| {
                            TixError::usage(format!("{what} {addr:?} is not a mail address: {e}"))
                        })?;
                        Ok(Mailbox::new(name.map(str::to_string), email))
                    })
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?;
        Ok(typed.unwrap_or_default())
    };
    let to = addresses(m.to(), "the draft's To")?;
    if to.is_empty() {
        return Err(bad("the draft has no To"));
    }
    let ids = |v: &mail_parser::HeaderValue| -> Vec<String> {
        v.as_text_list()
            .map(|l| l.iter().map(|s| s.to_string()).collect())
            .or_else(|| v.as_text().map(|s| vec![s.to_string()]))
            .unwrap_or_default()
    };
    let attachments = m
        .attachments()
        .map(|a| {
            let name = a.attachment_name().unwrap_or("attachment").to_string();
            let ct = a
                .content_type()
                .map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or("octet-stream")))
                .unwrap_or_else(|| "application/octet-stream".into());
            (name, ct, a.contents().to_vec())
        })
        .collect();
    Ok(Outgoing {
        from: sender(ctx, t)?,
        to,
        cc: addresses(m.cc(), "the draft's Cc")?,
        bcc: addresses(m.bcc(), "the draft's Bcc")?,
        subject,
        body: m.body_text(0).map(|b| b.into_owned()).unwrap_or_default(),
        in_reply_to: ids(m.in_reply_to()).into_iter().next(),
        references: ids(m.references()),
        attachments,
        auto_submitted: None,
        origin: None,
        then_state: None,
        then_until: None,
    })
}

/// The language of the words tix adds to an agent's reply: the agent's,
/// else the queue's (or its parent's), else English.
fn writing_language(ctx: &Ctx, actor: &str, queue: &str) -> crate::vocabulary::Language {
    let agent = ctx.config.agent(actor).and_then(|a| a.language);
    let queue = std::iter::successors(ctx.config.queue(queue), |q| {
        q.parent.as_deref().and_then(|p| ctx.config.queue(p))
    })
    .find_map(|q| q.language);
    agent.or(queue).unwrap_or_default()
}

/// What the editor shows below the cut line: the ticket, what tix adds
/// around the text, and the mail being answered, quoted.
fn editor_context(
    t: &crate::store::tickets::Ticket,
    salutation: Option<&str>,
    signature: Option<&str>,
    answered: Option<&crate::store::articles::MailArticle>,
    language: crate::vocabulary::Language,
) -> String {
    let mut c = format!("Reply to ticket {}: {}\n", t.number, t.title);
    if let Some(s) = salutation {
        c.push_str(&format!("\nBefore your text:\n{}\n", s.trim_end()));
    }
    if let Some(s) = signature {
        c.push_str(&format!("\nAfter your text:\n{}\n", s.trim_end()));
    }
    if let Some(a) = answered {
        c.push_str(&format!("\n{}", compose::quote(a, language)));
    }
    c
}
