//! Mail tix writes by itself: the auto-responder's answer to a new ticket
//! and notifications to agents. Both are queued in the outbox inside the
//! transaction of the change that caused them.

pub use super::wording::About;
use super::{outbox, robots, Outgoing};
use crate::config::{Agent, Config, Notify};
use crate::error::Result;
use crate::mail::parse::ParsedMail;
use crate::store::tickets::Ticket;
use crate::store::Db;
use lettre::message::Mailbox;

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
    conn: &Db,
    config: &Config,
    own_addresses: &[String],
    t: &Ticket,
    mail: &ParsedMail,
    now: i64,
) -> Result<Option<String>> {
    let Some(name) = config.queue(&t.queue).and_then(|q| q.auto_reply.as_deref()) else {
        return Ok(None);
    };
    let Some(snippet) = config.snippet(name) else {
        // Left out of the config for a problem of its own: not sent, and
        // the ticket says why.
        let why = format!("the auto-reply snippet {name:?} cannot be used (see tix config check)");
        note_skipped(conn, t, &why, now)?;
        return Ok(Some(why));
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
        let body = signed_answer(config, t, &from, snippet)?;
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
            origin: Some(auto_reply_origin(config, &t.queue, name)),
            then_state: None,
            then_until: None,
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

/// Which auto-reply and whose: `auto_reply "eingang" of queue LV`.
pub fn auto_reply_origin(config: &Config, queue: &str, snippet: &str) -> String {
    let set_on = config
        .queue(queue)
        .map_or(queue, |q| q.origin_of("auto_reply"));
    format!("auto_reply {snippet:?} of queue {set_on}")
}

/// Queues answer `snippet` to the customer of `t` as tix writes it by
/// itself (framed by the queue's salutation and signature, marked
/// auto-generated), e.g. when a ticket closes by date. Returns why nothing
/// was queued, if so; a template that fails is an error.
pub fn system_answer(
    conn: &Db,
    config: &Config,
    t: &Ticket,
    snippet: &str,
    now: i64,
) -> Result<Option<String>> {
    let Some(snippet) = config.snippet(snippet) else {
        return Ok(Some(format!("no snippet {snippet:?}")));
    };
    let customer = t.customer_address.clone().unwrap_or_default();
    if let Some(why) = no_automatic_mail_because(conn, config, t, &customer)? {
        note_skipped(conn, t, &why, now)?;
        return Ok(Some(why));
    }
    let (Some(from), Ok(to)) = (
        config.sender_for_queue(&t.queue),
        customer.parse::<lettre::Address>(),
    ) else {
        let why = "no sender address for the queue, or the customer's address is not usable";
        note_skipped(conn, t, why, now)?;
        return Ok(Some(why.into()));
    };
    let outgoing = Outgoing {
        from: from.clone(),
        to: vec![Mailbox::new(t.customer_name.clone(), to)],
        cc: vec![],
        bcc: vec![],
        subject: reply_subject(config, t, "Re:"),
        body: signed_answer(config, t, &from, snippet)?,
        in_reply_to: None,
        references: vec![],
        attachments: vec![],
        auto_submitted: Some("auto-generated".into()),
        origin: None,
        then_state: None,
        then_until: None,
    };
    let built = outgoing.build(&super::new_message_id(&t.number, &from), false)?;
    outbox::enqueue(
        conn,
        Some(t.id),
        "auto-reply",
        &customer,
        None,
        &outgoing,
        &built,
        now,
    )?;
    Ok(None)
}

/// The auto-responder's checks, for automatic mail about a ticket rather
/// than in answer to a mail (the answer when a ticket closes by date):
/// never to a robot's or our own address, nor to a customer whose last
/// mail was automatic (an out-of-office, a list, a bounce), nor where a
/// routing rule said no_autoreply.
fn no_automatic_mail_because(
    conn: &Db,
    config: &Config,
    t: &Ticket,
    customer: &str,
) -> Result<Option<String>> {
    let own = config.own_addresses();
    if let Some(why) = robots::robot_address_because(customer, &own) {
        return Ok(Some(why));
    }
    if crate::store::tickets::no_autoreply(conn, t.id)? {
        return Ok(Some("a routing rule said no_autoreply".into()));
    }
    // Gone for good since the customer last wrote: nobody to tell.
    if let Some((at, status)) = crate::store::bounced::hard_bounce(conn, customer)? {
        if t.last_customer_at.is_none_or(|last| at >= last) {
            return Ok(Some(format!(
                "mail to {customer} bounced for good ({status})"
            )));
        }
    }
    // The customer's own last mail (a ticket opened by hand may have none:
    // the last mail is then one of ours).
    let last = crate::store::articles::last_mail(conn, t.id)?.filter(|m| {
        m.from_addr
            .as_deref()
            .is_some_and(|a| a.eq_ignore_ascii_case(customer))
    });
    let Some(raw_id) = last.and_then(|m| m.raw_id) else {
        return Ok(None);
    };
    let raw = crate::store::raw_messages::raw_bytes(conn, raw_id)?;
    Ok(crate::mail::parse::parse(&raw, usize::MAX)
        .ok()
        .and_then(|mail| robots::no_auto_reply_because(&mail, &own)))
}

fn note_skipped(conn: &Db, t: &Ticket, why: &str, now: i64) -> Result<()> {
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

/// Queues a notification to each agent who opted in to `event` on `t`
/// (an absent agent's goes to a stand-in, see [`stand_ins`]).
pub fn notify(conn: &Db, config: &Config, t: &Ticket, event: &Event, now: i64) -> Result<()> {
    if !config.sends_mail() {
        return Ok(());
    }
    let chosen: Vec<&Agent> = config
        .agents
        .iter()
        .filter(|a| {
            a.notify.contains(&event.kind)
                && match event.kind {
                    Notify::Responsible => t.responsible.as_deref() == Some(a.name.as_str()),
                    Notify::Followup => t.owner.as_deref() == Some(a.name.as_str()),
                    Notify::NewTicket => subscribed(a, &t.queue),
                    // Told by tix maintain, which knows the dates, and by
                    // intake when a report comes back.
                    Notify::Reminder | Notify::Escalation | Notify::Undelivered => false,
                }
        })
        .collect();
    let by = event.actor.unwrap_or("tix");
    let about = match event.kind {
        Notify::Responsible => About::Responsible { by },
        Notify::Followup => About::Followup,
        Notify::NewTicket => About::NewTicket { queue: &t.queue },
        Notify::Reminder | Notify::Escalation | Notify::Undelivered => return Ok(()),
    };
    for agent in stand_ins(conn, config, t, &chosen, now)? {
        let own_doing = event
            .actor
            .is_some_and(|x| x.eq_ignore_ascii_case(&agent.name))
            || event.from_addr.is_some_and(|f| agent.writes_from(f));
        if !own_doing {
            let notice = Notice {
                about: &about,
                text: event.text,
            };
            send_notice(conn, config, t, agent, &notice, now)?;
        }
    }
    Ok(())
}

/// Tells `first_choice` (the first of them that is set) of `notice`,
/// through their stand-ins when away; no one set: the queue's subscribers.
/// Only those who asked for `kind` hear of it. Returns who was told.
pub fn tell(
    conn: &Db,
    config: &Config,
    t: &Ticket,
    kind: Notify,
    first_choice: &[Option<&str>],
    notice: &Notice,
    now: i64,
) -> Result<Vec<String>> {
    let named: Vec<&Agent> = first_choice
        .iter()
        .flatten()
        .find_map(|name| config.agent(name))
        .into_iter()
        .collect();
    let chosen: Vec<&Agent> = if named.is_empty() {
        config
            .agents
            .iter()
            .filter(|a| subscribed(a, &t.queue))
            .collect()
    } else {
        named
    };
    if !config.sends_mail() {
        return Ok(vec![]);
    }
    let told: Vec<&Agent> = stand_ins(conn, config, t, &chosen, now)?
        .into_iter()
        .filter(|a| a.notify.contains(&kind))
        .collect();
    for agent in &told {
        send_notice(conn, config, t, agent, notice, now)?;
    }
    Ok(told.iter().map(|a| a.name.clone()).collect())
}

/// Mail this ticket sent did not arrive (`whom`: the addresses and
/// statuses): the owner, else the queue's subscribers, are told.
pub fn undelivered(conn: &Db, config: &Config, t: &Ticket, whom: &str, now: i64) -> Result<()> {
    let about = About::Undelivered { whom };
    let notice = Notice {
        about: &about,
        text: None,
    };
    tell(
        conn,
        config,
        t,
        Notify::Undelivered,
        &[t.owner.as_deref()],
        &notice,
        now,
    )?;
    Ok(())
}

/// Whether `agent` subscribed to `queue` or a queue above it.
pub fn subscribed(agent: &Agent, queue: &str) -> bool {
    agent
        .subscribe
        .iter()
        .any(|q| queue == q || queue.starts_with(&format!("{q}::")))
}

/// The agents who hear of something meant for `agents`: each one present,
/// and for one who is away (`tix agent away`) the substitute, else the
/// queue's subscribers who are not away themselves. Each agent once.
pub fn stand_ins<'a>(
    conn: &Db,
    config: &'a Config,
    t: &Ticket,
    agents: &[&'a Agent],
    now: i64,
) -> Result<Vec<&'a Agent>> {
    if agents.is_empty() {
        return Ok(vec![]); // most mail concerns no agent: no lookup
    }
    let away = crate::store::absences::current(conn, now)?;
    let is_away = |a: &Agent| away.iter().any(|x| x.agent.eq_ignore_ascii_case(&a.name));
    let mut out: Vec<&Agent> = Vec::new();
    let mut add = |a: &'a Agent| {
        if !out.iter().any(|x| x.name == a.name) {
            out.push(a);
        }
    };
    for &agent in agents {
        if !is_away(agent) {
            add(agent);
            continue;
        }
        let substitute = away
            .iter()
            .find(|x| x.agent.eq_ignore_ascii_case(&agent.name))
            .and_then(|x| x.substitute.as_deref())
            .and_then(|s| config.agent(s))
            .filter(|s| !is_away(s));
        match substitute {
            Some(s) => add(s),
            None => config
                .agents
                .iter()
                .filter(|a| subscribed(a, &t.queue) && !is_away(a))
                .for_each(&mut add),
        }
    }
    Ok(out)
}

/// What a notification is about, said in each agent's language, and the
/// text it concerns.
pub struct Notice<'a> {
    pub about: &'a About<'a>,
    pub text: Option<&'a str>,
}

/// Queues one notification about `t` to `agent` (nothing when the agent
/// has no usable address or the queue no sender).
pub fn send_notice(
    conn: &Db,
    config: &Config,
    t: &Ticket,
    agent: &Agent,
    notice: &Notice,
    now: i64,
) -> Result<()> {
    let Some(from) = config.sender_for_queue(&t.queue) else {
        return Ok(());
    };
    let Ok(to) = agent
        .email
        .as_deref()
        .unwrap_or_default()
        .parse::<lettre::Address>()
    else {
        return Ok(());
    };
    // The agent's language, else the queue's, else English.
    let lang = agent
        .language
        .or_else(|| config.queue(&t.queue).and_then(|q| q.language))
        .unwrap_or_default();
    let [l_ticket, l_title, l_queue, l_customer] = super::wording::labels(lang);
    let width = [l_ticket, l_title, l_queue, l_customer]
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let line = |label: &str, value: &str| format!("{:<width$}{value}\n", format!("{label}:"));
    // Times in the agent's zone, else the queue's office calendar's.
    let zone = agent
        .zone
        .or_else(|| super::wording::zone_of(config, &t.queue));
    let mut body = format!("{}\n\n", notice.about.sentence(lang, zone));
    body.push_str(&line(l_ticket, &t.number));
    body.push_str(&line(l_title, &t.title));
    body.push_str(&line(l_queue, &t.queue));
    body.push_str(&line(
        l_customer,
        t.customer_address.as_deref().unwrap_or("-"),
    ));
    if let Some(text) = notice.text {
        let excerpt: String = text.lines().take(40).collect::<Vec<_>>().join("\n");
        body.push_str(&format!("\n{excerpt}\n"));
    }
    body.push_str(&format!("\ntix show {}\n", t.number));
    let tag = config.subject_tag();
    let subject = format!(
        "{} {}: {}",
        tag.tag(&t.number),
        notice.about.headline(lang),
        tag.strip(&t.title).trim()
    );
    if agent.digest == crate::config::Digest::Daily {
        // The ticket tag leads the line, so an answer that keeps only this
        // line finds its ticket.
        let line = format!("{subject}\n    {}", notice.about.sentence(lang, zone));
        return crate::store::digests::add(conn, &agent.name, t.id, now, &line);
    }
    let mail = AgentMail {
        from,
        agent,
        to,
        subject,
        body,
    };
    mail.enqueue(conn, Some((t.id, &t.number)), now)?;
    Ok(())
}

/// Mail tix writes to an agent (a notification, a digest).
struct AgentMail<'a> {
    from: Mailbox,
    agent: &'a Agent,
    to: lettre::Address,
    subject: String,
    body: String,
}

impl AgentMail<'_> {
    /// Queues it, about `ticket` (id, number) if one; false when it cannot
    /// be built.
    fn enqueue(self, conn: &Db, ticket: Option<(i64, &str)>, now: i64) -> Result<bool> {
        let email = self.to.to_string();
        let outgoing = Outgoing {
            from: self.from.clone(),
            to: vec![Mailbox::new(self.agent.full_name.clone(), self.to)],
            cc: vec![],
            bcc: vec![],
            subject: self.subject,
            body: self.body,
            in_reply_to: None,
            references: vec![],
            attachments: vec![],
            auto_submitted: Some("auto-generated".into()),
            origin: None,
            then_state: None,
            then_until: None,
        };
        let id = super::new_message_id(ticket.map_or("digest", |(_, n)| n), &self.from);
        let Ok(built) = outgoing.build(&id, false) else {
            return Ok(false);
        };
        outbox::enqueue(
            conn,
            ticket.map(|(id, _)| id),
            if ticket.is_some() {
                "notification"
            } else {
                "digest"
            },
            &email,
            Some(&self.agent.name),
            &outgoing,
            &built,
            now,
        )?;
        Ok(true)
    }
}

/// Queues `agent`'s daily digest of `lines` (each noted at a time, oldest
/// first); false when there is no sender or no address to send it to.
pub fn send_digest(
    conn: &Db,
    config: &Config,
    agent: &Agent,
    lines: &[(i64, String)],
    now: i64,
) -> Result<bool> {
    let from = config
        .smtp
        .as_ref()
        .and_then(|s| s.from.clone())
        .or_else(|| {
            config
                .queues
                .iter()
                .find_map(|q| config.sender_for_queue(&q.name))
        });
    let (Some(from), Some(email)) = (from, agent.email.as_deref()) else {
        return Ok(false);
    };
    let Ok(to) = email.trim().parse::<lettre::Address>() else {
        return Ok(false);
    };
    let lang = agent.language.unwrap_or_default();
    let (subject, intro) = super::wording::digest_words(lang, lines.len());
    let mut body = format!("{intro}\n\n");
    for (at, line) in lines {
        body.push_str(&format!(
            "{}  {line}\n\n",
            super::wording::time(*at, agent.zone)
        ));
    }
    let mail = AgentMail {
        from,
        agent,
        to,
        subject,
        body,
    };
    mail.enqueue(conn, None, now)
}

/// A probe's return-path token: short, VERP-safe, one per address and run.
pub fn probe_token(address: &str, now: i64) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("{}\n{now}", address.to_lowercase()));
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Queues a bounce round's probe to `address`: `snippet` (framed as
/// `queue` answers, if given), sent under `envelope_from` so that its
/// bounce is known for this address's.
pub fn probe(
    conn: &Db,
    config: &Config,
    queue: Option<&str>,
    (snippet, subject): (&crate::snippets::Snippet, &str),
    address: &str,
    envelope_from: &str,
    now: i64,
) -> Result<()> {
    let from = match queue {
        Some(q) => config.sender_for_queue(q),
        None => config.smtp.as_ref().and_then(|s| s.from.clone()),
    }
    .ok_or_else(|| {
        crate::error::TixError::usage(
            "no sender for the probes: give --queue, or smtp.from in the config",
        )
    })?;
    let to: lettre::Address = address.parse().map_err(|e| {
        crate::error::TixError::usage(format!("{address:?} is not an address to write to: {e}"))
    })?;
    let signer = from.name.clone().unwrap_or_else(|| from.email.to_string());
    let vars = std::collections::BTreeMap::from([
        ("customer_address", address.to_string()),
        ("customer_name", String::new()),
        ("agent_name", signer),
        ("today", chrono::Local::now().format("%d.%m.%Y").to_string()),
    ]);
    let body = match queue {
        Some(q) => framed_answer(config, q, snippet, &vars)?,
        None => crate::snippets::render(snippet, &vars)?,
    };
    let outgoing = Outgoing {
        from: from.clone(),
        to: vec![Mailbox::new(None, to)],
        cc: vec![],
        bcc: vec![],
        subject: subject.to_string(),
        body,
        in_reply_to: None,
        references: vec![],
        attachments: vec![],
        auto_submitted: None,
        origin: None,
        then_state: None,
        then_until: None,
    };
    let mut built = outgoing.build(&super::new_message_id("probe", &from), false)?;
    built.envelope_from = envelope_from.to_string();
    outbox::enqueue(conn, None, "probe", address, None, &outgoing, &built, now)
}

/// An answer tix writes by itself, signed by the sender (the queue's
/// `from` name, else the queue).
fn signed_answer(
    config: &Config,
    t: &Ticket,
    from: &Mailbox,
    snippet: &crate::snippets::Snippet,
) -> Result<String> {
    let signer = from
        .name
        .clone()
        .unwrap_or_else(|| t.queue.rsplit("::").next().unwrap_or(&t.queue).to_string());
    let vars = crate::snippets::variables(t, None, &signer);
    framed_answer(config, &t.queue, snippet, &vars)
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
