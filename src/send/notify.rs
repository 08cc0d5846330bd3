//! Mail tix writes by itself: the auto-responder's answer to a new ticket
//! and notifications to agents. Both are queued in the outbox inside the
//! transaction of the change that caused them.

use super::{outbox, robots, Outgoing};
use crate::config::{Config, Notify};
use crate::error::Result;
use crate::mail::parse::ParsedMail;
use crate::store::tickets::Ticket;
use lettre::message::Mailbox;
use rusqlite::Connection;

/// `Re: [Ticket#N] title`, without a second tag or a pile of Re:s.
pub fn reply_subject(config: &Config, t: &Ticket, prefix: &str) -> String {
    let tag = config.subject_tag();
    let mut title = tag.strip(&t.title);
    loop {
        let trimmed = title.trim_start();
        let lower = trimmed.to_lowercase();
        match ["re:", "aw:", "fwd:", "fw:", "wg:"]
            .iter()
            .find(|p| lower.starts_with(**p))
        {
            Some(p) => title = trimmed[p.len()..].to_string(),
            None => break,
        }
    }
    format!("{prefix} {} {}", tag.tag(&t.number), title.trim())
}

/// Queues the auto-responder's answer to the mail that opened `t`, unless
/// the queue has none, the mail is a robot's, a rule said no, or the sender
/// had their share today. Returns why not, for the history.
pub fn auto_reply(
    conn: &Connection,
    config: &Config,
    own_addresses: &[String],
    t: &Ticket,
    mail: &ParsedMail,
    now: i64,
) -> Result<Option<String>> {
    let Some(snippet) = config
        .queue(&t.queue)
        .and_then(|q| q.auto_reply.as_deref())
        .and_then(|n| config.snippet(n))
    else {
        return Ok(None);
    };
    let why_not = if let Some(why) = robots::no_auto_reply_because(mail, own_addresses) {
        Some(why)
    } else if crate::store::tickets::no_autoreply(conn, t.id)? {
        Some("a routing rule said no_autoreply".to_string())
    } else {
        None
    };
    let to_addr = mail.from_addr.clone().unwrap_or_default();
    let why_not = why_not.or_else(|| {
        let sent = outbox::auto_replies_since(conn, &to_addr, now - 86_400).unwrap_or(u32::MAX);
        (sent >= config.auto_reply_limit).then(|| {
            format!(
                "{to_addr} had {sent} auto-repl{} in 24 hours (auto_reply_limit {})",
                if sent == 1 { "y" } else { "ies" },
                config.auto_reply_limit
            )
        })
    });
    if let Some(why) = why_not {
        note_skipped(conn, t, &why, now)?;
        return Ok(Some(why));
    }
    let (Some(from), Ok(to)) = (
        config.sender_for_queue(&t.queue),
        to_addr.parse::<lettre::Address>(),
    ) else {
        note_skipped(
            conn,
            t,
            "no sender address for the queue, or the customer's address is not usable",
            now,
        )?;
        return Ok(Some("no usable address".into()));
    };
    // The intake must go on whatever the template does at render time (a
    // filter failing on this ticket's values): the skip goes into history.
    let composed = (|| -> Result<(Outgoing, super::Built)> {
        // Signed by the sender (the queue's `from` name, else the queue).
        let signer = from
            .name
            .clone()
            .unwrap_or_else(|| t.queue.rsplit("::").next().unwrap_or(&t.queue).to_string());
        let vars = crate::snippets::variables(t, None, &signer);
        let body = framed_answer(config, &t.queue, snippet, &vars)?;
        let mut references = mail.references.clone();
        references.extend(mail.message_id.clone());
        let outgoing = Outgoing {
            from: from.clone(),
            to: vec![Mailbox::new(mail.from_name.clone(), to)],
            cc: vec![],
            bcc: vec![],
            subject: reply_subject(config, t, "Re:"),
            body,
            in_reply_to: mail.message_id.clone(),
            references,
            attachments: vec![],
            auto_submitted: Some("auto-replied".into()),
        };
        let built = outgoing.build(&super::new_message_id(&t.number, &from), false)?;
        Ok((outgoing, built))
    })();
    let (outgoing, built) = match composed {
        Ok(c) => c,
        Err(e) => {
            let why = format!("the auto-reply could not be written: {e}");
            note_skipped(conn, t, &why, now)?;
            return Ok(Some(why));
        }
    };
    outbox::enqueue(
        conn,
        Some(t.id),
        "auto-reply",
        &to_addr,
        None,
        &outgoing,
        &built,
        now,
    )?;
    Ok(None)
}

fn note_skipped(conn: &Connection, t: &Ticket, why: &str, now: i64) -> Result<()> {
    crate::store::history::record(
        conn,
        &crate::store::history::Change {
            ticket_id: t.id,
            actor: crate::vocabulary::SYSTEM_ACTOR,
            action: "no auto-reply",
            old: None,
            new: None,
            detail: Some(why),
            at: now,
        },
    )
}

/// What happened, for the agents who asked to hear of it.
pub struct Event<'a> {
    pub kind: Notify,
    /// The agent who caused it (never notified), if an agent did.
    pub actor: Option<&'a str>,
    /// The address the causing mail came from (an agent writing from their
    /// own mailbox is not notified of it either).
    pub from_addr: Option<&'a str>,
    /// The note or the mail's text.
    pub text: Option<&'a str>,
}

/// Queues a notification to each agent who opted in to `event` on `t`.
pub fn notify(
    conn: &Connection,
    config: &Config,
    t: &Ticket,
    event: &Event,
    now: i64,
) -> Result<()> {
    if config.smtp.is_none() && config.accounts.iter().all(|a| a.smtp.is_none()) {
        return Ok(());
    }
    let in_queue = |agent_queues: &[String]| {
        agent_queues
            .iter()
            .any(|q| t.queue == *q || t.queue.starts_with(&format!("{q}::")))
    };
    let recipients = config.agents.iter().filter(|a| {
        a.notify.contains(&event.kind)
            && match event.kind {
                Notify::Responsible => t.responsible.as_deref() == Some(a.name.as_str()),
                Notify::Followup => t.owner.as_deref() == Some(a.name.as_str()),
                Notify::NewTicket => in_queue(&a.subscribe),
            }
            && event.actor.is_none_or(|x| !x.eq_ignore_ascii_case(&a.name))
            && a.email
                .as_deref()
                .is_some_and(|e| event.from_addr.is_none_or(|f| !f.eq_ignore_ascii_case(e)))
    });
    for agent in recipients {
        let Some(from) = config.sender_for_queue(&t.queue) else {
            continue;
        };
        let Ok(to) = agent
            .email
            .as_deref()
            .unwrap_or_default()
            .parse::<lettre::Address>()
        else {
            continue;
        };
        let (headline, what) = match event.kind {
            Notify::Responsible => (
                "You are responsible",
                format!(
                    "{} asks you to act on this ticket.",
                    event.actor.unwrap_or("tix")
                ),
            ),
            Notify::Followup => (
                "Customer wrote again",
                "The customer wrote again on a ticket you own.".to_string(),
            ),
            Notify::NewTicket => (
                "New ticket",
                format!("A new ticket arrived in {}.", t.queue),
            ),
        };
        let mut body = format!(
            "{what}\n\nTicket:   {}\nTitle:    {}\nQueue:    {}\nCustomer: {}\n",
            t.number,
            t.title,
            t.queue,
            t.customer_address.as_deref().unwrap_or("-")
        );
        if let Some(text) = event.text {
            let excerpt: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
            body.push_str(&format!("\n{excerpt}\n"));
        }
        body.push_str(&format!("\ntix show {}\n", t.number));
        let tag = config.subject_tag();
        let outgoing = Outgoing {
            from: from.clone(),
            to: vec![Mailbox::new(agent.full_name.clone(), to)],
            cc: vec![],
            bcc: vec![],
            subject: format!(
                "{} {headline}: {}",
                tag.tag(&t.number),
                tag.strip(&t.title).trim()
            ),
            body,
            in_reply_to: None,
            references: vec![],
            attachments: vec![],
            auto_submitted: Some("auto-generated".into()),
        };
        let Ok(built) = outgoing.build(&super::new_message_id(&t.number, &from), false) else {
            continue;
        };
        let email = agent.email.clone().unwrap_or_default();
        outbox::enqueue(
            conn,
            Some(t.id),
            "notification",
            &email,
            Some(&agent.name),
            &outgoing,
            &built,
            now,
        )?;
    }
    Ok(())
}

/// An answer snippet with the queue's salutation before it and signature
/// after it, as a reply has them, unless the snippet is `plain`.
fn framed_answer(
    config: &Config,
    queue: &str,
    snippet: &crate::snippets::Snippet,
    vars: &std::collections::BTreeMap<&'static str, String>,
) -> Result<String> {
    let (salutation, signature) = super::compose::queue_frame(config, queue, snippet.plain, vars)?;
    let mut parts = Vec::new();
    parts.extend(salutation);
    parts.push(crate::snippets::render(snippet, vars)?);
    parts.extend(signature);
    Ok(super::compose::join_parts(&parts))
}
