//! `tix redirect T --to ADDR`: the customer's original message resent
//! unchanged to another address (OTRS's "Bounce"), with Resent-* fields
//! above it (RFC 5322 3.6.6), recorded on the ticket.

use crate::context::Ctx;
use crate::error::{Result, TixError};
use crate::lifecycle::Session;
use crate::store::{articles, now, raw_messages, tickets};
use crate::vocabulary::{ArticleKind, StateType};

/// Resend a customer's original mail unchanged to another address (it was
/// meant for someone else), recorded on the ticket
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The ticket (number or tail)
    #[arg(add = clap_complete::ArgValueCandidates::new(crate::cli::complete::tickets))]
    pub ticket: String,

    /// Where it goes
    #[arg(long, value_name = "ADDR", required = true)]
    pub to: String,

    /// The article to resend, as tix show numbers them (default: the first
    /// mail that came in)
    #[arg(long, value_name = "K")]
    pub article: Option<usize>,

    /// Close the ticket afterwards (its first closed status)
    #[arg(long)]
    pub close: bool,

    /// Act on a ticket someone else has locked
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let actor = ctx.agent()?.to_string();
    let to = crate::send::mailbox(&args.to, "--to")?;
    let mut store = ctx.open_store()?;
    ctx.restrict(&store);
    let t = crate::cli::answer::target(ctx, &store, &args.ticket, &actor, args.force)?;
    let all = articles::articles(&store.conn, t.id)?;
    let chosen = match args.article {
        Some(k) => all.iter().find(|a| a.index == k).ok_or_else(|| {
            TixError::usage(format!(
                "ticket {} has no article {k}; it has {}",
                t.number,
                all.len()
            ))
        })?,
        None => all
            .iter()
            .find(|a| a.kind == ArticleKind::EmailIn && a.raw_id.is_some())
            .ok_or_else(|| {
                TixError::failure(format!("ticket {} has no mail that came in", t.number))
            })?,
    };
    let Some(raw_id) = chosen.raw_id else {
        return Err(TixError::failure(format!(
            "article {} of ticket {} was written in tix; it has no original message to resend",
            chosen.index, t.number
        )));
    };
    let from = crate::cli::answer::sender(ctx, &t)?;
    let original = raw_messages::raw_bytes(&store.conn, raw_id)?;
    let message_id = crate::send::new_message_id(&t.number, &from);
    let mut bytes = format!(
        "Resent-From: {}\r\nResent-To: {}\r\nResent-Date: {}\r\nResent-Message-ID: <{message_id}>\r\n",
        from,
        to,
        {
            use chrono::TimeZone;
            chrono::Local
                .timestamp_opt(now(), 0)
                .single()
                .map(|d| d.to_rfc2822())
                .unwrap_or_default()
        }
    )
    .into_bytes();
    // An mbox's separator line is not part of the message.
    let body = match original.strip_prefix(b"From ") {
        Some(_) => {
            &original[original
                .iter()
                .position(|&b| b == b'\n')
                .map_or(0, |i| i + 1)..]
        }
        None => &original[..],
    };
    bytes.extend_from_slice(body);
    let built = crate::send::Built {
        message_id,
        bytes,
        envelope_from: from.email.to_string(),
        envelope_to: vec![to.email.to_string()],
    };
    let server = crate::send::smtp::server_for(&ctx.config, &built.envelope_from)?;
    crate::send::smtp::deliver(server, &built, &Default::default())?;
    let detail = format!(
        "article {} <{}>",
        chosen.index,
        chosen.message_id.as_deref().unwrap_or("")
    );
    let when = now();
    store.write(|tx| {
        let s = Session {
            conn: tx,
            config: &ctx.config,
            actor: &actor,
            now: when,
            force: true,
        };
        let current = tickets::ticket_by_id(tx, t.id)?;
        s.redirected(&current, to.email.as_ref(), &detail)?;
        if args.close {
            let closed = ctx.config.status_of_type(StateType::Closed).clone();
            s.set_state(&current, &closed, None)?;
        }
        Ok(())
    })?;
    if ctx.verbose || ctx.interactive {
        println!(
            "ticket {}: article {} resent to {}",
            t.number, chosen.index, to.email
        );
    }
    Ok(())
}
